"""Persons by year: one bar per year of the span, patterned by status, selection highlighted.

One trace per status (fixed order), so colour and pattern are plain values: plotly.js warns
on a patterned bar whose colour is an array. Years outside the selection are faded with an
opacity array. Unknown years get no bar but a "?" label; documented zeros get a "0" label,
so a suspension reads as a fact, not as missing data.
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

FADED_OPACITY = 0.3


def _trace_arrays(dataset: Dataset, state: ViewState) -> dict[str, dict]:
    """For each status: the y, label, hover and opacity of every year (None: not this status)."""
    lang = state.lang
    arrays = {s: {"y": [], "text": [], "hovertext": [], "opacity": []} for s in STATUSES}
    for year, total in year_series(dataset, state):
        inside = state.year_from <= year <= state.year_to
        shown = t(lang, "unknown_value") if total.persons is None else number(total.persons, lang)
        hover = (f"<b>{year}</b><br>{t(lang, 'hover_persons')}: {shown}<br>"
                 f"{t(lang, 'hover_status')}: {t(lang, 'status_' + total.status)}<br>"
                 f"{t(lang, 'hover_sources')}: {', '.join(total.source_ids)}")
        for status, a in arrays.items():
            mine = status == total.status
            if not mine:
                a["y"].append(None)
                a["text"].append("")
            elif total.persons is None:
                a["y"].append(0)  # no bar height: the "?" label marks the unknown year
                a["text"].append("?")
            else:
                a["y"].append(total.persons)
                a["text"].append("0" if total.persons == 0 else "")
            a["hovertext"].append(hover if mine else "")
            a["opacity"].append(1.0 if inside else FADED_OPACITY)
    return arrays


def build_bar_figure(dataset: Dataset, state: ViewState, kiosk: bool = False) -> go.Figure:
    years = list(dataset.years)
    fig = go.Figure()
    for status, a in _trace_arrays(dataset, state).items():
        colour, _, pattern, _ = styles.STATUS_STYLE[status]
        fig.add_trace(go.Bar(
            x=years, y=a["y"], name=t(state.lang, f"status_{status}"), customdata=years,
            text=a["text"], textposition="outside", cliponaxis=False,
            hovertext=a["hovertext"], hovertemplate="%{hovertext}<extra></extra>",
            marker=dict(color=colour, opacity=a["opacity"], line=dict(color="#333", width=0.5),
                        pattern=dict(shape=pattern, fgcolor="#222", size=6, solidity=0.25)),
        ))
    fig.update_layout(
        barmode="overlay", showlegend=False,
        margin=dict(l=56, r=10, t=10, b=36), height=210 if not kiosk else 260,
        paper_bgcolor="white", plot_bgcolor="white", bargap=0.15,
        font=dict(family=styles.FONT_FAMILY, size=13 if not kiosk else 16),
        dragmode=False if kiosk else "select", selectdirection="h", clickmode="event",
        yaxis=dict(title=t(state.lang, "chart_yaxis"), gridcolor="#e5e5e5", rangemode="tozero",
                   tickformat=","),
        xaxis=dict(range=[1945.5, 1985.5], dtick=5, tick0=1945, showgrid=False),
        uirevision="bars",
    )
    return fig


def bar_patch(dataset: Dataset, state: ViewState) -> Patch:
    patch = Patch()
    for i, a in enumerate(_trace_arrays(dataset, state).values()):
        patch["data"][i]["y"] = a["y"]
        patch["data"][i]["text"] = a["text"]
        patch["data"][i]["hovertext"] = a["hovertext"]
        patch["data"][i]["marker"]["opacity"] = a["opacity"]
    return patch
