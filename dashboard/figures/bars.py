"""Persons by year: one bar per year of the span, patterned by status; it is also the year
control, so the chosen years are shown on it.

One ``bar`` trace per status, a text trace that labels unknown years "?" (no bar) and
documented zeros "0" (a suspension reads as a fact), and a transparent marker per year
that carries hover and click for every year, a bar or not. The chosen years are a box the
page draws over the plot area (``layout.year_control``, placed by assets/view.js
``selectionBox`` from ``chart_style``), so a year step redraws no chart; the server sends the
chart's data for the view's filters and language as assignments (``bar_data``).

A last scatter trace marks the dated causes (``causes.csv``) and events on a strip along the
top of the chart (its own y axis, 0-1): each marker sits at its date inside its year's bar,
and its hover is one line with its citation. It is in the same assignments, so the
browser's patches keep it in the page's language; a click on it picks no year (its x is
not a whole year), so the chart stays the year control.
"""

from __future__ import annotations

import plotly.graph_objects as go

from geodata import Dataset, localized
from geodata.tables import STATUSES

from .. import styles
from ..i18n import date_label, number, t
from ..profiles import profile_for
from ..queries import year_series
from ..state import ViewState

X_RANGE = (1945.5, 1985.5)
#: trace order: one per status, then the labels, then the hover markers
SLOTS = list(STATUSES)
LABELS = len(SLOTS)
MARKERS = len(SLOTS) + 1
CAUSES = len(SLOTS) + 2
#: the height of the strip the cause and event markers sit on (y axis 2 runs 0-1)
MARKER_Y = 0.94
#: the precisions that place a cause or an event on a day or a month (a marker); a period or
#: a year is told in the Why and Events tabs only
POINT_PRECISIONS = ("day", "month")


def date_x(iso: str) -> float:
    """A date as a position on the year axis, inside its year's bar (centred on the year)."""
    parts = [int(p) for p in str(iso).split("-")] + [1, 1]
    year, month, day = parts[:3]
    return round(year - 0.5 + ((month - 1) + (day - 1) / 31) / 12, 4)


def dated_markers(dataset: Dataset, lang: str) -> list[tuple[float, str, str]]:
    """(x, hover text, key) for every cause and event dated to a day or a month, in date
    order: the hover is one line and its citation."""
    found = []
    for record in dataset.cause_records:
        row = record.row
        if row.date_precision in POINT_PRECISIONS:
            title = localized(row, "title", lang)
            found.append((str(row.date_start), f"<b>{date_label(row.date_start, lang)}</b> {title}"
                          f"<br>[{'; '.join(row.source_ids)}] · {t(lang, 'chart_marker_more', tab=t(lang, 'tab_why'))}", f"cause:{row.id}"))
    for record in dataset.event_records:
        row = record.row
        if row.date_precision in POINT_PRECISIONS:
            found.append((str(row.date), f"<b>{date_label(row.date, lang)}</b> {_wrap(localized(row, 'text', lang))}"
                          f"<br>[{'; '.join(row.source_ids)}] · {t(lang, 'chart_marker_more', tab=t(lang, 'tab_events'))}", f"event:{row.id}"))
    found.sort(key=lambda item: item[0])
    return [(date_x(date), text, key) for date, text, key in found]


def _wrap(text: str, width: int = 60) -> str:
    """A long event sentence broken into hover lines: at spaces, or every 30 characters in a
    text with none (Japanese)."""
    if " " not in text:
        step = width // 2
        return "<br>".join(text[i:i + step] for i in range(0, len(text), step))
    words, lines, line = text.split(" "), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


def chart_style() -> dict:
    """What the browser needs to place the chosen years' box over the chart (assets/view.js
    selectionBox); its look is the stylesheet's (``.year-selection``)."""
    return {"x_range": list(X_RANGE)}


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
    marks = dated_markers(dataset, lang)
    updates[(CAUSES, "x")] = [x for x, _, _ in marks]
    updates[(CAUSES, "y")] = [MARKER_Y] * len(marks)
    updates[(CAUSES, "hovertext")] = [text for _, text, _ in marks]
    updates[(CAUSES, "customdata")] = [key for _, _, key in marks]
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
    fig.add_trace(go.Scatter(
        x=[], y=[], mode="markers", name="causes", yaxis="y2", customdata=[], hovertext=[],
        hovertemplate="%{hovertext}<extra></extra>", cliponaxis=False,
        marker=dict(size=9, symbol="diamond", color="#7a3b00", line=dict(color="white", width=1)),
    ))
    left, right, top, bottom = profile.chart_margin
    fig.update_layout(
        showlegend=False, hovermode="x", margin=dict(l=left, r=right, t=top, b=bottom), barmode="overlay",
        paper_bgcolor="white", plot_bgcolor="white",
        font=dict(family=styles.FONT_FAMILY, size=profile.chart_font_size),
        dragmode=False if profile.touch_only else "select", selectdirection="h", clickmode="event",
        # no automargin: the plot area is where the profile says, so the chosen years' box
        # (drawn over the chart by the page, not by Plotly) sits on it
        yaxis=dict(title=t(lang, "chart_yaxis"), gridcolor="#e5e5e5", rangemode="tozero",
                   tickformat=",", fixedrange=True, automargin=False),
        xaxis=dict(range=list(X_RANGE), dtick=5, tick0=1945, showgrid=False, fixedrange=True, hoverformat="d",
                   automargin=False),
        yaxis2=dict(overlaying="y", range=[0, 1], visible=False, fixedrange=True),
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
