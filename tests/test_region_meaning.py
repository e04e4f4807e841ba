"""What a selected region means, over every region of every layer, in three languages.

Two questions are kept apart: where people left from or arrived at (the ports a region
holds) and where they had lived (almost never recorded). A region whose residents are not
recorded never gets a number of people, except a documented partial count said as such;
an uncertain port of arrival is counted apart; a year with no sailing says so everywhere.
"""

from __future__ import annotations

import re

import pytest

from dashboard.i18n import number, t
from dashboard.queries import (
    no_sailing,
    origin_counts_in,
    place_name,
    range_total,
    region_name,
    region_ports,
    region_scope,
    region_side,
)
from dashboard.state import LANGS, ViewState
from dashboard.summary import residence_sentence, summary_sentence, years_label
from geodata import localized
from tools.region_sentences import region_views

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
LONE_ZERO = re.compile(r"(?<![\d,.])0(?![\d,.])")
CITATION = re.compile(r"\[[^\]]*\]")


def numbers(text: str) -> set[str]:
    """The numbers a sentence writes, leaving out its citations ([S1], [GOVA2020])."""
    return set(NUMBER.findall(CITATION.sub("", text)))


@pytest.fixture(scope="module")
def sentences(dataset):
    return [(region, label, state, summary_sentence(dataset, state))
            for region, label, state in region_views(dataset)]


def _allowed_numbers(dataset, state: ViewState) -> set[str]:
    """Numbers a region sentence may hold without counting people: years, the documented
    share of all Koreans in Japan, and the documented partial counts of this region."""
    allowed = {str(y) for y in range(1940, 1991)}
    for row in dataset.origin_share_rows:
        allowed |= numbers(localized(row, "share_text", state.lang))
    for row in origin_counts_in(dataset, state, filtered=True):
        allowed |= {number(int(row.persons), state.lang), row.date_start[:4], row.date_end[:4]}
    return allowed


def test_every_region_of_every_layer_is_checked_in_every_language(dataset, sentences):
    regions = {region for region, *_ in sentences}
    assert regions == set(dataset.regions["id"])
    assert {state.lang for *_, state, _ in sentences} == set(LANGS)


def test_no_sentence_writes_a_lone_zero(sentences):
    for region, label, state, text in sentences:
        assert not LONE_ZERO.search(text), (region, label, state.lang, text)


def test_a_region_without_a_port_gets_no_number_of_people(dataset, sentences):
    checked = 0
    for region, label, state, text in sentences:
        if region_scope(dataset, region) != "none":
            continue
        extra = numbers(text) - _allowed_numbers(dataset, state)
        assert not extra, (region, label, state.lang, text)
        checked += 1
    assert checked > 50  # most regions hold no port


def test_every_subnational_region_says_where_people_lived_is_not_recorded(dataset, sentences):
    for region, label, state, text in sentences:
        side = region_side(dataset, region)
        if side not in ("japan", "korea") or region in ("JPN", "PRK"):
            continue
        key = "residence_japan_unknown" if side == "japan" else "residence_korea_unknown"
        said = t(state.lang, key, region=region_name(dataset, region, state.lang))
        assert said in text, (region, label, state.lang, text)
        assert residence_sentence(dataset, state) in text


def test_a_partial_count_is_given_only_where_documented_and_labelled(dataset, sentences):
    for row in dataset.origin_counts.itertuples(index=False):
        persons = int(row.persons)
        for region, label, state, text in sentences:
            inside = bool(origin_counts_in(dataset, state, filtered=True))
            written = number(persons, state.lang) in numbers(text)
            assert written == inside, (region, label, state.lang, text)
            if inside:
                assert f"[{'; '.join(row.source_ids)}]" in text


def test_a_region_with_a_port_names_the_port_and_counts_only_its_flows(dataset, sentences):
    for region, label, state, text in sentences:
        if region_scope(dataset, region) != "ports" or no_sailing(dataset, state):
            continue
        for port in region_ports(dataset, region):
            assert place_name(dataset, port, state.lang) in text, (region, label, state.lang, text)
        total = range_total(dataset, state)
        if total.known and total.persons:
            assert t(state.lang, "persons_n", n=number(total.persons, state.lang)) in text


def test_an_uncertain_port_of_arrival_is_counted_apart(dataset):
    for region in ("KP-09", "KP-07"):  # Ch'ŏngjin and Wŏnsan: the two candidates of 1972-84
        for lang in LANGS:
            state = ViewState(1959, 1984, region=region, lang=lang)
            total = range_total(dataset, state)
            assert not total.known and total.uncertain_port
            text = summary_sentence(dataset, state)
            assert number(total.uncertain_port, lang) in numbers(text)
            # never added into a certain total
            if total.at_least:
                whole = total.at_least + total.uncertain_port
                assert number(whole, lang) not in numbers(text), text


def test_a_year_with_no_sailing_is_a_documented_zero_for_every_region(dataset, sentences):
    for region, label, state, text in sentences:
        if label != "no sailing":
            continue
        empty = no_sailing(dataset, state)
        assert empty is not None and empty.status == "documented"
        said = t(state.lang, "summary_zero", years=years_label(state, state.lang),
                 status=t(state.lang, "status_documented"))
        assert said in text, (region, state.lang, text)


def test_tokyo_never_gets_a_national_figure(dataset):
    # the first question a visitor asks; Tokyo holds no port, and its residents are not recorded
    for lang in LANGS:
        for first, last in ((1947, 1984), (1960, 1960), (1957, 1957)):
            national = range_total(dataset, ViewState(first, last)).persons
            text = summary_sentence(dataset, ViewState(first, last, region="JP-13", lang=lang))
            assert number(national, lang) not in numbers(text), text
