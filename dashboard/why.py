"""The "Why" tab: what the cited sources say about why people went, grouped as a teacher of
migration teaches it (push, pull, the process, after arrival).

Pure: (dataset, state) in, Dash ``html`` out. Every item is one row of ``causes.csv`` with
its sources and locator. A fact the sources state is said as a fact; a reading is said as
the named historian's argument (the data checks that the text names them). The aid-share
series (``context_aid_share.csv``) is drawn as a small bar chart beside Nam's argument.
"""

from __future__ import annotations

from dash import html

from geodata import Dataset, localized
from geodata.tables import CAUSE_KINDS

from .i18n import date_label, script_lang, t
from .state import ViewState

#: the cause whose argument the aid-share chart goes with
AID_CHART_CAUSE = "c-hostage"


def period_label(row, lang: str) -> str:
    """"8 September 1958", "1956–1959" or "September 1957 – February 1959"."""
    start, end = str(row.date_start), str(row.date_end)
    if row.date_precision != "period" or start == end:
        return date_label(start, lang)
    if len(start) == 4 and len(end) == 4:
        return t(lang, "years_range", first=start, last=end)
    return t(lang, "why_period", first=date_label(start, lang), last=date_label(end, lang))


def cause_rows(dataset: Dataset, kind: str) -> list:
    """The rows of one kind, earliest first (file order among equal dates)."""
    rows = [r.row for r in dataset.cause_records if r.row.kind == kind]
    return sorted(rows, key=lambda r: str(r.date_start))


def claim_label(row, lang: str) -> str:
    if row.claim == "argues":
        return t(lang, "why_argues", name=localized(row, "argued_by", lang))
    return t(lang, "why_states")


def cite_text(row) -> str:
    """"[S1; S2 — S1, section …]": the sources and where in them."""
    return f"[{'; '.join(row.source_ids)} — {row.locator}]"


def _quote(row):
    return html.Blockquote(row.quote, lang=script_lang(row.quote) or "en", className="why-quote")


def _item(dataset: Dataset, row, lang: str) -> html.Li:
    children = [
        html.H4(localized(row, "title", lang), id=f"why-{row.id}"),
        html.P([html.Time(period_label(row, lang), dateTime=str(row.date_start)), " · ",
                t(lang, f"actor_{row.actor}"), " · ",
                html.Span(claim_label(row, lang), className=f"why-claim why-{row.claim}")], className="why-meta"),
        html.P(localized(row, "text", lang)),
    ]
    if row.id == AID_CHART_CAUSE:
        children.append(aid_chart(dataset, lang))
    children.append(html.Details([html.Summary(t(lang, "why_quote")), _quote(row)]))
    children.append(html.P(cite_text(row), className="cite"))
    return html.Li(children, className="why-item", **{"aria-labelledby": f"why-{row.id}"})


def aid_chart(dataset: Dataset, lang: str) -> html.Figure:
    """Foreign aid as a share of North Korea's state budget, one bar a year (S2): plain HTML
    bars, read in order by a screen reader as "1954: 29.3%"."""
    frame = dataset.tables["context_aid_share"]
    top = float(frame["percent"].max())
    sources = list(dict.fromkeys(s for ids_ in frame["source_ids"] for s in ids_))
    bars = []
    for row in frame.itertuples(index=False):
        value = f"{row.percent:g}%"
        bars.append(html.Li([
            html.Span(str(row.year), className="aid-year"),
            html.Span(className="aid-bar", style={"width": f"{100 * float(row.percent) / top:.1f}%"},
                      **{"aria-hidden": "true"}),
            html.Span(value, className="aid-value"),
        ], className="aid-row"))
    return html.Figure([
        html.Figcaption([t(lang, "why_aid_caption"), " ", html.Span(f"[{'; '.join(sources)}]", className="cite")]),
        html.Ol(bars, className="aid-chart"),
        html.P(t(lang, "why_aid_note"), className="aid-note"),
    ], className="aid-figure")


def why_panel(dataset: Dataset, state: ViewState) -> list:
    lang = state.lang
    sections = [html.P(t(lang, "why_intro"), className="why-intro")]
    if lang != "en":
        sections.append(html.P(t(lang, "translated_note"), className="translated-note"))
    for kind in CAUSE_KINDS:
        rows = cause_rows(dataset, kind)
        if rows:
            sections.append(html.Section([
                html.H3(t(lang, f"why_{kind}"), id=f"why-kind-{kind}"),
                html.Ul([_item(dataset, row, lang) for row in rows], className="why-list"),
            ], className=f"why-group why-group-{kind}", **{"aria-labelledby": f"why-kind-{kind}"}))
    return sections
