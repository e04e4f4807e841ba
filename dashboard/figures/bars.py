"""Persons by year: one bar per year of the span, patterned by status, selection highlighted.

Unknown years get no bar but a "?" mark on the axis (never a zero-height bar); documented
zeros get a "0" label so a suspension reads as a fact, not as missing data.
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Patch

from geodata import Dataset

from .. import styles
from ..i18n import number, t
from ..queries import year_series
from ..state import ViewState


def _bar_arrays(dataset: Dataset, state: ViewState) -> dict:
    lang = state.lang
    series = year_series(dataset, state)
    years, heights, colours, patterns, labels, hover = [], [], [], [], [], []
    unknown_years = []
    for year, total in series:
        inside = state.year_from <= year <= state.year_to
        colour, _, pattern, _ = styles.STATUS_STYLE[total.status]
        years.append(year)
        heights.append(total.persons)  # None (unknown) draws no bar
        colours.append(colour if inside else styles.FADED_BAR)
        patterns.append(pattern)
        if total.persons is None:
            labels.append("?")
            unknown_years.append(year)
            shown = t(lang, "unknown_value")
        else:
            labels.append("0" if total.persons == 0 else "")
            shown = number(total.persons, lang)
        hover.append(f"<b>{year}</b><br>{t(lang, 'hover_persons')}: {shown}<br>"
                     f"{t(lang, 'hover_status')}: {t(lang, 'status_' + total.status)}<br>"
                     f"{t(lang, 'hover_sources')}: {', '.join(total.source_ids)}")
    return dict(years=years, heights=heights, colours=colours, patterns=patterns, labels=labels,
                hover=hover, unknown_years=unknown_years)


def build_bar_figure(dataset: Dataset, state: ViewState, kiosk: bool = False) -> go.Figure:
    arrays = _bar_arrays(dataset, state)
    fig = go.Figure(go.Bar(
        x=arrays["years"], y=arrays["heights"], customdata=arrays["years"],
        text=arrays["labels"], textposition="outside", cliponaxis=False,
        hovertext=arrays["hover"], hovertemplate="%{hovertext}<extra></extra>",
        marker=dict(color=arrays["colours"], line=dict(color="#333", width=0.5),
                    pattern=dict(shape=arrays["patterns"], fgcolor="#222", size=6, solidity=0.25)),
    ))
    fig.update_layout(
        margin=dict(l=56, r=10, t=10, b=36), height=210 if not kiosk else 260,
        paper_bgcolor="white", plot_bgcolor="white", bargap=0.15,
        font=dict(family=styles.FONT_FAMILY, size=13 if not kiosk else 16),
        dragmode=False if kiosk else "select", selectdirection="h", clickmode="event+select",
        yaxis=dict(title=t(state.lang, "chart_yaxis"), gridcolor="#e5e5e5", rangemode="tozero",
                   tickformat=","),
        xaxis=dict(range=[1945.5, 1985.5], dtick=5, tick0=1945, showgrid=False),
        uirevision="bars",
    )
    return fig


def bar_patch(dataset: Dataset, state: ViewState) -> Patch:
    arrays = _bar_arrays(dataset, state)
    patch = Patch()
    patch["data"][0]["y"] = arrays["heights"]
    patch["data"][0]["text"] = arrays["labels"]
    patch["data"][0]["hovertext"] = arrays["hover"]
    patch["data"][0]["marker"]["color"] = arrays["colours"]
    patch["data"][0]["marker"]["pattern"]["shape"] = arrays["patterns"]
    return patch
