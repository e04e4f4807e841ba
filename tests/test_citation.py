"""The citation of a view and the downloads' metadata: the programme's total apart from the
earlier episodes, the link with its query, the day of access and the view's sources."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard.citation import citation_text
from dashboard.exports import export_metadata, flows_geojson
from dashboard.figures.geometry import build_geometry
from dashboard.queries import sources_for, view_source_ids
from dashboard.state import LANGS, ViewState

DAY = date(2026, 12, 3)


@pytest.mark.parametrize("lang", LANGS)
def test_the_citation_has_title_link_day_and_every_source_of_the_view(dataset, lang):
    state = ViewState(1960, 1960, port="niigata", lang=lang)
    link = "https://example.org/?from=1960&to=1960&port=niigata"
    text = citation_text(dataset, state, link, DAY)
    assert link in text and dataset.fingerprint in text
    assert {"en": "3 December 2026", "ja": "2026年12月3日", "ko": "2026년 12월 3일"}[lang] in text
    for row in sources_for(dataset, view_source_ids(dataset, state)):
        assert row.short_cite in text
    assert "Returns from" not in text


def test_the_citation_changes_with_the_view_and_the_day(dataset):
    a = citation_text(dataset, ViewState(1960, 1960), "u", DAY)
    assert a != citation_text(dataset, ViewState(1947, 1947), "u", DAY)
    assert a != citation_text(dataset, ViewState(1960, 1960), "u", date(2027, 1, 1))


def test_the_geojson_metadata_keeps_the_programme_apart(dataset):
    data = json.loads(flows_geojson(dataset, build_geometry(dataset), ViewState(1947, 1984), "https://x/", DAY))
    meta = data["metadata"]
    assert "93,340" in meta["summary"] and "93,742" not in meta["summary"]
    assert "93,742" not in meta["citation"] and "https://x/" in meta["citation"]


def test_metadata_without_a_link_has_no_citation(dataset):
    assert "citation" not in export_metadata(dataset, ViewState(1960, 1960))
