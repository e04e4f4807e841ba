"""The text panels: every data text in the page's language, unknowns never as zero, and the
two questions (where people lived; which ports) kept apart."""

from __future__ import annotations

import json

import plotly
import pytest

from dashboard import panels
from dashboard.state import ViewState
from geodata import localized


def _text(components) -> str:
    """All the text a list of components shows, as one string."""
    out = []

    def walk(node):
        if isinstance(node, dict):
            if "props" in node:
                walk(node["props"].get("children"))
            return
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, (str, int)):
            out.append(str(node))

    walk(json.loads(json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder)))
    return "\n".join(out)


def _all_panels(dataset, state) -> str:
    rows = panels.table_rows(dataset, state)
    return _text([panels.timeline_panel(dataset, state), panels.sailings_panel(dataset, state),
                  panels.origins_panel(dataset, state), panels.sources_panel(dataset, state),
                  panels.figures_panel(dataset, state),
                  panels.table_component(rows, state.lang, {"column": "year", "ascending": True})])


ENGLISH_TEXTS = (("flows", "note"), ("sailings", "note"), ("sailings", "cargo"), ("events", "text_en"),
                 ("sources", "reliability"), ("figures", "topic"), ("figures", "note"),
                 ("origin_counts", "note"), ("origin_shares", "note"), ("origin_shares", "share_text"))


@pytest.mark.parametrize("lang", ["ja", "ko"])
def test_japanese_and_korean_pages_show_no_english_data_text(dataset, lang):
    shown = _all_panels(dataset, ViewState(1947, 1984, lang=lang))
    for table, column in ENGLISH_TEXTS:
        for text in getattr(dataset, table)[column]:
            if isinstance(text, str) and len(text) > 12:
                assert text not in shown, (table, column, text)


@pytest.mark.parametrize("lang", ["en", "ja", "ko"])
def test_every_data_text_is_shown_in_the_page_language(dataset, lang):
    state = ViewState(1947, 1984, lang=lang)
    shown = _all_panels(dataset, state)
    for row in dataset.flow_records:
        assert localized(row, "note", lang) in shown
    for row in dataset.figures.itertuples(index=False):
        assert localized(row, "topic", lang) in shown


def test_a_table_row_is_one_line_with_its_note_on_demand(dataset):
    rows = panels.table_rows(dataset, ViewState(1960, 1960))
    table = panels.table_component(rows, "en", None).to_plotly_json()
    body = table["props"]["children"][1].to_plotly_json()["props"]["children"]
    note_cell = body[0].to_plotly_json()["props"]["children"][-1].to_plotly_json()
    assert note_cell["props"]["children"].to_plotly_json()["type"] == "Details"


def test_unknown_persons_read_unknown_in_the_table(dataset):
    from dashboard.i18n import t
    for lang in ("en", "ja", "ko"):
        rows = [{**row, "persons": None} for row in panels.table_rows(dataset, ViewState(1960, 1960, lang=lang))]
        shown = _text(panels.table_component(rows, lang, None))
        assert t(lang, "unknown_value") in shown


@pytest.mark.parametrize("region", ["JP-13", "JP-17", "KP-09", "KR-48", "jp-kinki"])
def test_where_they_lived_never_counts_a_region_from_the_flows(dataset, region):
    from dashboard.i18n import number, t
    from dashboard.queries import range_total
    everyone = range_total(dataset, ViewState(1959, 1984)).persons
    for lang in ("en", "ja", "ko"):
        shown = _text(panels.origins_panel(dataset, ViewState(1959, 1984, region=region, lang=lang)))
        assert t(lang, "no_breakdown") in shown
        assert number(everyone, lang) not in shown  # the flows' total is no count of who lived here
