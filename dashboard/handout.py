"""The printable handout of a view, or of a story stop by stop: a plain server page (no Dash,
no script) that prints on A4 or Letter: the title, the summary, the map and the year chart
as SVG drawn on the server, the figures behind the view, the sources and the citation.

``handout_page`` is pure: the dataset, the views and the language in, HTML out (Jinja's
autoescape keeps every text, a story's note included, as text).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from geodata import DATASET_VERSION, Dataset

from .citation import citation_text
from .figures.geometry import MapGeometry
from .i18n import number, t
from .panels import table_columns, table_rows
from .queries import sources_for, view_source_ids, year_series
from .state import StateContext, ViewState, to_query
from .styles import FADED_BAR, STATUS_STYLE
from .summary import summary_sentence, years_label
from .svg_map import view_svg

TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"),
                        autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)

CHART_W, CHART_H, CHART_PAD = 640, 120, 18


@dataclass(frozen=True)
class Section:
    """One view of the handout: a story's stop (with its author's note) or the view alone."""
    state: ViewState
    note: str | None = None


def year_chart(dataset: Dataset, state: ViewState) -> Markup:
    """Persons a year under the view's filters, the chosen years in their status's colour,
    the others grey; an unknown year gets a "?" and no bar (never a zero)."""
    series = year_series(dataset, state)
    top = max((total.persons or 0 for _, total in series), default=0) or 1
    step = (CHART_W - 2 * CHART_PAD) / max(len(series), 1)
    label = t(state.lang, "chart_title")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="handout-chart" viewBox="0 0 {CHART_W} {CHART_H + 16}" '
             f'role="img" aria-label="{Markup.escape(label)}"><title>{Markup.escape(label)}</title>']
    for i, (year, total) in enumerate(series):
        x = CHART_PAD + i * step
        chosen = state.year_from <= year <= state.year_to
        if total.persons is None:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{CHART_H - 2}" font-size="10" text-anchor="middle">?</text>')
        elif total.persons:
            height = max(1.0, (CHART_H - 10) * total.persons / top)
            colour = STATUS_STYLE[total.status][0] if chosen else FADED_BAR
            parts.append(f'<rect x="{x + 0.5:.1f}" y="{CHART_H - height:.1f}" width="{max(step - 1, 1):.1f}" '
                         f'height="{height:.1f}" fill="{colour}"/>')
        if year in (series[0][0], series[-1][0]) or year % 5 == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{CHART_H + 13}" font-size="10" text-anchor="middle">{year}</text>')
    parts.append(f'<line x1="{CHART_PAD}" x2="{CHART_W - CHART_PAD}" y1="{CHART_H}" y2="{CHART_H}" stroke="#1b1b1b"/></svg>')
    return Markup("".join(parts))


def _rows(dataset: Dataset, state: ViewState) -> list[dict]:
    rows = table_rows(dataset, state)
    for row in rows:
        row["persons"] = t(state.lang, "unknown_value") if row["persons"] is None else number(row["persons"], state.lang)
    return rows


def handout_page(dataset: Dataset, geometry: MapGeometry, context: StateContext, sections: list[Section],
                 base: str, title: str | None = None, today: date | None = None) -> str:
    """The handout's HTML for one view, or for a story's stops (``title`` is the story's)."""
    lang = sections[0].state.lang
    parts = []
    for section in sections:
        state = section.state
        parts.append({
            "years": years_label(state, lang), "note": section.note, "summary": summary_sentence(dataset, state),
            "map": Markup(view_svg(dataset, geometry, state)), "chart": year_chart(dataset, state),
            "rows": _rows(dataset, state), "link": base + to_query(state, context),
        })
    source_ids = [s for section in sections for s in view_source_ids(dataset, section.state)]
    first = sections[0].state
    today = today or date.today()
    return TEMPLATES.get_template("handout.html").render(
        lang=lang, t=lambda key, **values: t(lang, key, **values), story_title=title, sections=parts,
        columns=[c for c in table_columns(lang) if c[0] != "drawn"], sources=sources_for(dataset, source_ids),
        citation=citation_text(dataset, first, base + to_query(first, context), today),
        dataset=f"v{DATASET_VERSION} ({dataset.fingerprint})", printed=today.isoformat())
