"""Persons by year: one bar per year of the span, patterned by status; it is also the year
control, so the chosen years are shown on it.

Bars are drawn as filled ``scatter`` rectangles, not ``bar`` traces, so the page can load
Plotly's small geo bundle (choropleth, scatter, scattergeo only): one trace per status. The
years outside the selection are veiled by two translucent shapes (``selection_shapes``), so a
year step changes the layout's shapes only and the browser can draw it alone (assets/app.js
mirrors ``selection_shapes``). A transparent marker per year carries hover and click.
Unknown years get no bar but a "?" label; documented zeros get a "0" label, so a suspension
reads as a fact.
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Patch

from geodata import Dataset
from geodata.tables import STATUSES

from .. import styles
from ..i18n import number, t
from ..queries import year_series
from ..state import ViewState

HALF_WIDTH = 0.4
X_RANGE = (1945.5, 1985.5)
VEIL = "rgba(255,255,255,0.72)"
SELECTED_OUTLINE = "#0057a3"
#: trace order: one per status, then the labels, then the hover markers
SLOTS = list(STATUSES)


def _rectangles(bars: list[tuple[int, int]]) -> tuple[list, list]:
    xs, ys = [], []
    for year, height in bars:
        left, right = year - HALF_WIDTH, year + HALF_WIDTH
        xs += [left, left, right, right, left, None]
        ys += [0, height, height, 0, 0, None]
    return xs, ys


def _arrays(dataset: Dataset, state: ViewState) -> dict:
    lang = state.lang
    shapes = {slot: [] for slot in SLOTS}
    label_x, label_y, labels, years, tops, hover = [], [], [], [], [], []
    for year, total in year_series(dataset, state):
        height = total.persons or 0
        if height:
            shapes[total.status].append((year, height))
        if total.persons in (None, 0):  # "?" for unknown (no bar), "0" for a documented zero
            label_x.append(year)
            label_y.append(0)
            labels.append("?" if total.persons is None else "0")
        shown = t(lang, "unknown_value") if total.persons is None else number(total.persons, lang)
        years.append(year)
        tops.append(height)
        hover.append(f"<b>{year}</b><br>{t(lang, 'hover_persons')}: {shown}<br>"
                     f"{t(lang, 'hover_status')}: {t(lang, 'status_' + total.status)}<br>"
                     f"{t(lang, 'hover_sources')}: {', '.join(total.source_ids)}")
    return {"shapes": {slot: _rectangles(bars) for slot, bars in shapes.items()},
            "labels": (label_x, label_y, labels), "markers": (years, tops, hover)}


def selection_shapes(year_from: int, year_to: int) -> list[dict]:
    """The chosen years on the chart: the years outside veiled, the chosen ones outlined."""
    left, right = year_from - 0.5, year_to + 0.5
    veil = dict(type="rect", xref="x", yref="paper", y0=0, y1=1, fillcolor=VEIL, line=dict(width=0),
                layer="above")
    return [{**veil, "x0": X_RANGE[0], "x1": left}, {**veil, "x0": right, "x1": X_RANGE[1]},
            dict(type="rect", xref="x", yref="paper", y0=0, y1=1, x0=left, x1=right, fillcolor="rgba(0,0,0,0)",
                 line=dict(color=SELECTED_OUTLINE, width=2), layer="above")]


def _updates(dataset: Dataset, state: ViewState) -> dict:
    """Every property that depends on the view's filters and language, as ``{(trace index,
    key): value}``: both the full figure and the Patch are made from it."""
    arrays = _arrays(dataset, state)
    updates = {}
    for i, slot in enumerate(SLOTS):
        updates[(i, "x")], updates[(i, "y")] = arrays["shapes"][slot]
    label_x, label_y, labels = arrays["labels"]
    updates[(len(SLOTS), "x")], updates[(len(SLOTS), "y")], updates[(len(SLOTS), "text")] = label_x, label_y, labels
    _years, tops, hover = arrays["markers"]
    updates[(len(SLOTS) + 1, "y")], updates[(len(SLOTS) + 1, "hovertext")] = tops, hover
    return updates


def _base(lang: str, kiosk: bool, years: tuple[int, ...]) -> dict:
    """The chart without data, for a language and mode."""
    fig = go.Figure()
    for status in SLOTS:
        colour, _, pattern = styles.STATUS_STYLE[status]
        fig.add_trace(go.Scatter(
            x=[], y=[], mode="lines", fill="toself", fillcolor=colour, hoverinfo="skip",
            line=dict(color="#333", width=0.5),
            fillpattern=dict(shape=pattern, fgcolor="#222", size=6, solidity=0.25) if pattern else None,
            name=t(lang, f"status_{status}"),
        ))
    fig.add_trace(go.Scatter(x=[], y=[], text=[], mode="text", textposition="top center",
                             hoverinfo="skip", name="labels", textfont=dict(size=12, color="#333")))
    fig.add_trace(go.Scatter(
        x=list(years), y=[0] * len(years), mode="markers", name="years", customdata=list(years),
        hovertext=[""] * len(years), hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(size=10, color="rgba(0,0,0,0)"),
    ))
    fig.update_layout(
        showlegend=False, hovermode="x", margin=dict(l=56, r=10, t=8, b=28) if not kiosk else dict(l=70, r=16, t=8, b=40),
        paper_bgcolor="white", plot_bgcolor="white",
        font=dict(family=styles.FONT_FAMILY, size=13 if not kiosk else 20),
        dragmode=False if kiosk else "select", selectdirection="h", clickmode="event",
        yaxis=dict(title=t(lang, "chart_yaxis"), gridcolor="#e5e5e5", rangemode="tozero",
                   tickformat=",", fixedrange=True),
        xaxis=dict(range=list(X_RANGE), dtick=5, tick0=1945, showgrid=False, fixedrange=True),
        uirevision="bars",
    )
    return fig.to_plotly_json()


def build_bar_figure(dataset: Dataset, state: ViewState, kiosk: bool = False) -> dict:
    """The whole chart for a view, as a plain figure dict."""
    fig = _base(state.lang, kiosk, tuple(dataset.years))
    for (i, key), value in _updates(dataset, state).items():
        fig["data"][i][key] = value
    fig["layout"]["shapes"] = selection_shapes(state.year_from, state.year_to)
    return fig


def bar_patch(dataset: Dataset, state: ViewState) -> Patch:
    """The chart redrawn for new filters or language (the years' shading included)."""
    patch = Patch()
    for (i, key), value in _updates(dataset, state).items():
        patch["data"][i][key] = value
    patch["layout"]["shapes"] = selection_shapes(state.year_from, state.year_to)
    return patch
