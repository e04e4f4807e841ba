"""Persons by year: one bar per year of the span, patterned by status; it is also the year
control, so the chosen years are shown on it.

One ``bar`` trace per status, a text trace that labels unknown years "?" (no bar) and
documented zeros "0" (a suspension reads as a fact), and a transparent marker per year
that carries hover and click for every year, a bar or not. The chosen years are drawn in
the browser (assets/view.js ``selectionShapes``, from ``chart_style``); the server sends the
chart's data for the view's filters and language as assignments (``bar_data``).
"""

from __future__ import annotations

import plotly.graph_objects as go

from geodata import Dataset
from geodata.tables import STATUSES

from .. import styles
from ..i18n import number, t
from ..profiles import profile_for
from ..queries import year_series
from ..state import ViewState

X_RANGE = (1945.5, 1985.5)
#: trace order: one per status, then the labels, then the hover markers
SLOTS = list(STATUSES)
LABELS = len(SLOTS)
MARKERS = len(SLOTS) + 1


def chart_style() -> dict:
    """What the browser needs to shade the chosen years (assets/view.js selectionShapes)."""
    return {"x_range": list(X_RANGE), "veil": "rgba(255,255,255,0.72)", "outline": "#0057a3"}


def _updates(dataset: Dataset, state: ViewState) -> dict:
    """Every property that depends on the view's filters and language, as ``{(trace index,
    key): value}``: both the full figure and the browser's assignments are made from it."""
    lang = state.lang
    bars = {slot: ([], [], []) for slot in SLOTS}
    label_x, labels, years, tops, hover = [], [], [], [], []
    for year, total in year_series(dataset, state):
        shown = t(lang, "unknown_value") if total.persons is None else number(total.persons, lang)
        text = (f"<b>{year}</b><br>{t(lang, 'hover_persons')}: {shown}<br>"
                f"{t(lang, 'hover_status')}: {t(lang, 'status_' + total.status)}<br>"
                f"{t(lang, 'hover_sources')}: {', '.join(total.source_ids)}")
        if total.persons:
            xs, ys, texts = bars[total.status]
            xs.append(year)
            ys.append(total.persons)
            texts.append(text)
        if total.persons in (None, 0):  # "?" for unknown (no bar), "0" for a documented zero
            label_x.append(year)
            labels.append("?" if total.persons is None else "0")
        years.append(year)
        tops.append(total.persons or 0)
        hover.append(text)
    updates = {}
    for i, slot in enumerate(SLOTS):
        updates[(i, "x")], updates[(i, "y")], updates[(i, "hovertext")] = bars[slot]
    updates[(LABELS, "x")], updates[(LABELS, "y")], updates[(LABELS, "text")] = label_x, [0] * len(label_x), labels
    updates[(MARKERS, "y")], updates[(MARKERS, "hovertext")] = tops, hover
    return updates


def _base(lang: str, mode: str, years: tuple[int, ...]) -> dict:
    """The chart without data, for a language and mode."""
    profile = profile_for(mode)
    fig = go.Figure()
    for status in SLOTS:
        colour, _, pattern = styles.STATUS_STYLE[status]
        fig.add_trace(go.Bar(
            x=[], y=[], width=0.8, hoverinfo="skip", name=t(lang, f"status_{status}"),
            marker=dict(color=colour, line=dict(color="#333", width=0.5),
                        pattern=dict(shape=pattern, fgcolor="#222", size=6, solidity=0.25) if pattern else None),
        ))
    fig.add_trace(go.Scatter(x=[], y=[], text=[], mode="text", textposition="top center",
                             hoverinfo="skip", name="labels", textfont=dict(size=12, color="#333")))
    fig.add_trace(go.Scatter(
        x=list(years), y=[0] * len(years), mode="markers", name="years", customdata=list(years),
        hovertext=[""] * len(years), hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(size=10, color="rgba(0,0,0,0)"),
    ))
    left, right, top, bottom = profile.chart_margin
    fig.update_layout(
        showlegend=False, hovermode="x", margin=dict(l=left, r=right, t=top, b=bottom), barmode="overlay",
        paper_bgcolor="white", plot_bgcolor="white",
        font=dict(family=styles.FONT_FAMILY, size=profile.chart_font_size),
        dragmode=False if profile.touch_only else "select", selectdirection="h", clickmode="event",
        yaxis=dict(title=t(lang, "chart_yaxis"), gridcolor="#e5e5e5", rangemode="tozero",
                   tickformat=",", fixedrange=True),
        xaxis=dict(range=list(X_RANGE), dtick=5, tick0=1945, showgrid=False, fixedrange=True),
        uirevision="bars",
    )
    return fig.to_plotly_json()


def build_bar_figure(dataset: Dataset, state: ViewState) -> dict:
    """The whole chart for a view, as a plain figure dict (the chosen years are shaded in
    the browser)."""
    fig = _base(state.lang, state.mode, tuple(dataset.years))
    for (i, key), value in _updates(dataset, state).items():
        fig["data"][i][key] = value
    return fig


def bar_data(dataset: Dataset, state: ViewState) -> dict:
    """The chart's data for new filters or language, as assignments ``[[path], value]`` the
    browser applies to the figure (assets/app.js drawChart)."""
    return {"assign": [[["data", i, key], value] for (i, key), value in _updates(dataset, state).items()]}
