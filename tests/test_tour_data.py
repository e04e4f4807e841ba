"""The guided tour is data: every stop must be a valid view with a caption in every
language, and every figure in a caption must come from the dataset with its sources."""

from __future__ import annotations

import re

import pytest

from dashboard.i18n import number
from dashboard.queries import range_total
from dashboard.state import LANGS
from dashboard.tour import TourError, caption_text, default_tour, read_tour, stop_state, tour_data


@pytest.fixture(scope="module")
def tour():
    return default_tour()


def test_every_stop_is_a_valid_view_in_every_language(tour, dataset, context):
    assert len(tour.stops) >= 7
    for stop in tour.stops:
        for lang in LANGS:
            state = stop_state(stop, context, lang, "explore")
            text, sources = caption_text(dataset, stop, state)
            assert "{" not in text and text.strip()
            assert sources and all(s in dataset.source_rows for s in sources)


def test_caption_figures_are_the_dataset_figures(tour, dataset, context):
    for stop in tour.stops:
        state = stop_state(stop, context, "en", "explore")
        text, _ = caption_text(dataset, stop, state)
        if "{persons}" in stop.caption["en"]:
            assert number(range_total(dataset, state).persons, "en") in text
        for first, last in re.findall(r"\{persons@(\d{4})-(\d{4})\}", stop.caption["en"]):
            whole = range_total(dataset, state.with_years(int(first), int(last))).persons
            assert number(whole, "en") in text


def test_no_figure_is_typed_into_a_caption(tour):
    """Numbers in captions are dates or ordinals, never counts of people (those are filled in)."""
    for stop in tour.stops:
        for lang, caption in stop.caption.items():
            for digits in re.findall(r"\d[\d,]*", re.sub(r"\{persons(@\d{4}-\d{4})?\}", "", caption)):
                value = int(digits.replace(",", ""))
                assert value <= 31 or 1940 <= value <= 1990 or value in (155, 156, 187), (lang, caption)


def test_the_default_tour_has_the_required_stops(tour, context):
    views = [(stop_state(s, context, "en", "explore")) for s in tour.stops]
    years = [(v.year_from, v.year_to) for v in views]
    for wanted in [(1947, 1947), (1956, 1956), (1959, 1959), (1960, 1960), (1971, 1971), (1984, 1984)]:
        assert wanted in years
    assert any(lo <= 1967 and hi >= 1970 for lo, hi in years)  # end of agreement + suspension
    assert any(v.port == "moji" for v in views)


def test_a_broken_tour_file_is_refused(tmp_path, context):
    bad = tmp_path / "tour.yaml"
    bad.write_text("id: t\ntitle: {en: T, ja: T, ko: T}\nstops:\n  - view: {from: 1960}\n    caption: {en: x, ja: y}\n",
                   encoding="utf-8")
    with pytest.raises(TourError, match="no caption in ko"):
        read_tour(bad)
    bad.write_text("id: t\ntitle: {en: T, ja: T, ko: T}\nstops:\n  - view: {from: 1850}\n"
                   "    caption: {en: x, ja: y, ko: z}\n", encoding="utf-8")
    with pytest.raises(TourError, match="from=1850"):
        stop_state(read_tour(bad).stops[0], context, "en", "explore")


@pytest.mark.parametrize("lang", LANGS)
def test_the_browser_gets_every_stop_ready_to_show(dataset, context, lang):
    """The tour as the page plays it (assets/view.js stepTour): each stop a whole checked
    view in the page's language, its caption's figures filled in, its sources and position."""
    tour = default_tour()
    data = tour_data(dataset, tour, context, lang, "kiosk")
    assert data["title"] == tour.title[lang] and len(data["stops"]) == len(tour.stops)
    for n, (stop, shown) in enumerate(zip(tour.stops, data["stops"]), start=1):
        state = stop_state(stop, context, lang, "kiosk")
        assert shown["view"] == state.to_dict()
        assert shown["caption"] == caption_text(dataset, stop, state)[0] and "{" not in shown["caption"]
        assert shown["sources"].startswith("[") and str(n) in shown["position"]


#: what the tour must tell besides dates and counts (issue 15): a cause of causes.csv, a
#: word its English caption says, and the source it must cite
WHY_STOPS = {
    "c-paradise": ("earthly paradise", "S2"),
    "c-government-aims": ("Japanese government", "S1"),
    "c-icrc": ("free will", "S1"),
    "c-hostage": ("hostage economy", "S2"),
}


@pytest.mark.parametrize("cause", sorted(WHY_STOPS))
def test_the_tour_tells_why_with_its_citation_in_every_language(tour, dataset, context, cause):
    words, source = WHY_STOPS[cause]
    stops = [s for s in tour.stops if cause in s.causes]
    assert stops, f"no tour stop tells {cause}"
    stop = stops[0]
    assert words in stop.caption["en"]
    for lang in LANGS:
        data = tour_data(dataset, tour, context, lang, "explore")
        shown = data["stops"][tour.stops.index(stop)]
        assert source in shown["sources"]
        assert shown["caption"].strip() and shown["caption"] != stop.caption["en"] or lang == "en"


def test_an_argument_in_the_tour_is_said_as_the_historians(tour, dataset):
    """A caption that tells an argued cause names who argues it, in every language."""
    rows = {r.key: r.row for r in dataset.cause_records}
    for stop in tour.stops:
        for cause in stop.causes:
            row = rows[cause]
            if row.claim == "argues":
                for lang in LANGS:
                    name = row.argued_by if lang == "en" else getattr(row, f"argued_by_{lang}")
                    assert name in stop.caption[lang], (cause, lang)


def test_a_stop_naming_an_unknown_cause_is_refused(tmp_path, dataset, context):
    bad = tmp_path / "tour.yaml"
    bad.write_text("id: t\ntitle: {en: T, ja: T, ko: T}\nstops:\n  - view: {from: 1960, to: 1960}\n"
                   "    causes: [c-nowhere]\n    caption: {en: x, ja: y, ko: z}\n", encoding="utf-8")
    stop = read_tour(bad).stops[0]
    with pytest.raises(TourError, match="c-nowhere"):
        caption_text(dataset, stop, stop_state(stop, context, "en", "explore"))
