"""The one-sentence summary reads correctly for many selections, in three languages."""

from __future__ import annotations

import pytest

from dashboard.queries import range_total
from dashboard.state import LANGS, ViewState
from dashboard.summary import summary_sentence


def fmt(n):
    return f"{n:,}"


def test_single_year_route_sentence(dataset):
    state = ViewState(1960, 1960)
    persons = range_total(dataset, state).persons
    assert summary_sentence(dataset, state) == f"1960: {fmt(persons)} people left Niigata for Ch'ŏngjin (documented)."


def test_range_gives_the_total_and_each_status(dataset):
    state = ViewState(1959, 1984)
    text = summary_sentence(dataset, state)
    assert text.startswith(f"1959–1984: {fmt(range_total(dataset, state).persons)} people left Japan")
    assert "documented, derived and compiled" in text
    assert "(?)" in text  # the uncertain destination of 1972-84 is marked as such


def test_early_returns(dataset):
    assert "Sasebo for Hŭngnam" in summary_sentence(dataset, ViewState(1947, 1947))
    assert "the port of arrival is not recorded" in summary_sentence(dataset, ViewState(1956, 1956))
    assert "the ports are not recorded" in summary_sentence(dataset, ViewState(1957, 1957))


def test_zero_years_say_no_sailings_and_no_recorded_departure_not_that_no_one_left(dataset):
    assert summary_sentence(dataset, ViewState(1968, 1970)) == "1968–1970: no sailings; no departure is recorded (documented)."
    derived = summary_sentence(dataset, ViewState(1983, 1983))
    assert "on one reading" in derived and "(derived)" in derived
    for lang in LANGS:
        assert "no one left" not in summary_sentence(dataset, ViewState(1968, 1970, lang=lang))


def _episode_totals(dataset):
    from dashboard.queries import EPISODES
    return [range_total(dataset, ViewState(e.first, e.last)).persons for e in EPISODES]


@pytest.mark.parametrize("lang", LANGS)
def test_the_default_headline_gives_the_programme_and_the_earlier_episodes_apart(dataset, lang):
    from dashboard.state import StateContext
    first, middle, programme = _episode_totals(dataset)
    state = ViewState(1947, 1984, lang=lang)
    text = summary_sentence(dataset, state)
    assert fmt(programme) in text and programme == 93_340
    assert fmt(first) in text and fmt(middle) in text
    for wrong in (first + middle + programme, first + programme, middle + programme):
        assert fmt(wrong) not in text
    assert text.index(fmt(programme)) < text.index(fmt(first))  # the programme comes first
    assert "187" in text


def test_the_headline_names_the_programmes_dates(dataset):
    text = summary_sentence(dataset, ViewState(1947, 1984))
    assert text.startswith("The 1959–1984 programme (187 sailings, 14 December 1959 – 25 July 1984): 93,340 people")
    assert "Separate episodes before the programme" in text
    assert "1959年12月14日" in summary_sentence(dataset, ViewState(1947, 1984, lang="ja"))
    assert "1984년 7월 25일" in summary_sentence(dataset, ViewState(1947, 1984, lang="ko"))


def test_a_range_inside_one_episode_is_one_sentence(dataset):
    text = summary_sentence(dataset, ViewState(1960, 1965))
    assert "Separate episodes" not in text and text.startswith("1960–1965:")


def test_a_range_across_two_episodes_keeps_them_apart(dataset):
    text = summary_sentence(dataset, ViewState(1956, 1965))
    programme = range_total(dataset, ViewState(1959, 1965)).persons
    both = range_total(dataset, ViewState(1956, 1965)).persons
    assert fmt(programme) in text and fmt(both) not in text
    assert "1959–1965, in the 1959–1984 programme" in text


def test_uncertain_destination_is_said(dataset):
    text = summary_sentence(dataset, ViewState(1975, 1975))
    assert " or " in text and "(destination uncertain; compiled)" in text


def test_a_region_without_a_port_says_unknown_without_a_figure(dataset):
    text = summary_sentence(dataset, ViewState(1960, 1960, region="jp-kanto"))
    assert text.startswith("Kantō: no port of departure lies here")
    assert "how many had lived in Kantō is unknown" in text
    assert not any(ch.isdigit() for ch in text.replace("1960", ""))


def test_a_region_with_a_port_counts_the_people_who_left_from_it(dataset):
    state = ViewState(1960, 1960, region="JP-15")
    persons = range_total(dataset, state).persons
    text = summary_sentence(dataset, state)
    assert text.startswith(f"1960: {fmt(persons)} people left from Niigata, in Niigata Prefecture (documented).")
    assert "how many had lived in Niigata Prefecture is unknown" in text


def test_unknown_under_a_filter_is_never_zero(dataset):
    text = summary_sentence(dataset, ViewState(1957, 1957, port="moji"))
    assert "unknown" in text and "28" in text


def test_documented_origin_count_is_mentioned(dataset):
    text = summary_sentence(dataset, ViewState(1960, 1960, region="JP-17"))
    assert "740" in text and "partial" in text and "TOKYOSHIMBUN2019" in text


@pytest.mark.parametrize("lang, expected", [("ja", "49,036人"), ("ko", "49,036명")])
def test_translated_summary(dataset, lang, expected):
    text = summary_sentence(dataset, ViewState(1960, 1960, lang=lang))
    assert expected in text and "1960" in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_year_and_filter_gives_a_sentence(dataset, context, lang):
    for year in dataset.years:
        for region in ("", "JPN", "PRK", "JP-15", "jp-kanto", "k1945-south-hamgyeong"):
            for port in ("", "niigata", "moji", "wonsan"):
                text = summary_sentence(dataset, ViewState(year, year, region, port, lang))
                assert str(year) in text and "{" not in text and "None" not in text


def test_a_route_over_a_range_names_every_status(dataset):
    text = summary_sentence(dataset, ViewState(1959, 1967))
    assert "Niigata for Ch'ŏngjin (documented, derived and compiled)" in text
