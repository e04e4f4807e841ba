"""The view state's round trip through the URL, and every kind of tampered parameter."""

from __future__ import annotations

import pytest

from dashboard.state import ViewState, parse_query, to_query


def test_default_view_has_an_empty_query(context):
    assert to_query(context.default, context) == ""
    state, notices = parse_query("", context)
    assert state == context.default and notices == []


@pytest.mark.parametrize("state", [
    ViewState(1960, 1960),
    ViewState(1947, 1957, region="JP-42", lang="ja"),
    ViewState(1971, 1984, port="wonsan", layer="1945", lang="ko"),
    ViewState(1959, 1961, region="k1945-north-hamgyeong", port="niigata", mode="kiosk"),
])
def test_round_trip(state, context):
    query = to_query(state, context)
    assert parse_query(query, context) == (state, [])


@pytest.mark.parametrize("query, param", [
    ("?from=abc", "from"),
    ("?to=99999", "to"),
    ("?from=1900", "from"),
    ("?from=-1960", "from"),
    ("?region=XX-99", "region"),
    ("?region=" + "A" * 5000, "region"),
    ("?port=tokyo", "port"),          # a place, but not a port
    ("?lang=zz", "lang"),
    ("?layer=1910", "layer"),
    ("?mode=admin", "mode"),
    ("?from=1960.5", "from"),
    ("?from=%00%ff", "from"),
])
def test_tampered_parameter_falls_back_and_is_reported(query, param, context):
    state, notices = parse_query(query, context)
    assert [n.param for n in notices] == [param]
    default = context.default
    field = {"from": "year_from", "to": "year_to"}.get(param, param)
    assert getattr(state, field) == getattr(default, field)


def test_other_valid_parameters_survive_a_bad_one(context):
    state, notices = parse_query("?from=1960&to=nonsense&region=JP-15&lang=ko", context)
    assert (state.year_from, state.year_to, state.region, state.lang) == (1960, 1960, "JP-15", "ko")
    assert [n.param for n in notices] == ["to"]


def test_reversed_years_are_ordered_and_unknown_params_ignored(context):
    state, notices = parse_query("?from=1984&to=1959&utm_source=x", context)
    assert state.years == (1959, 1984) and notices == []


def test_garbage_query_never_raises(context):
    for query in (None, 42, "?&&==&from", "%%%", "?from=1960&from=1961", "?" + "x=1&" * 5000):
        state, _ = parse_query(query, context)
        assert isinstance(state, ViewState)
    assert parse_query("?from=1960&from=1961", context)[0].year_from == 1961  # last one wins


def test_from_dict_validates_a_tampered_store(context):
    assert ViewState.from_dict("not a dict", context) == context.default
    state = ViewState.from_dict({"year_from": 1960, "year_to": 3000, "region": "JP-15", "lang": "xx"}, context)
    assert state.years == (1960, 1960) and state.region == "JP-15" and state.lang == "en"


def test_years_without_a_recorded_return_snap_to_recorded_years(context):
    state, notices = parse_query("?from=1950&to=1958", context)
    assert state.years == (1956, 1957)
    assert [(n.param, n.value, n.shown) for n in notices] == [("from", "1950", "1956"), ("to", "1958", "1957")]


def test_a_range_with_no_recorded_year_falls_back_to_the_default(context):
    state, notices = parse_query("?from=1950&to=1955", context)
    assert state.years == context.default.years and [n.param for n in notices] == ["from", "to"]


def test_from_dict_parses_like_a_url_whatever_the_browser_sends(dataset):
    from dashboard import state_context
    from dashboard.config import Settings

    context = state_context(dataset, Settings())
    assert ViewState.from_dict({"year_from": 1960, "year_to": 1961, "region": "JP-15", "port": "", "lang": "ja",
                                "layer": "1945", "mode": "kiosk"}, context) == parse_query(
        "?from=1960&to=1961&region=JP-15&lang=ja&layer=1945&mode=kiosk", context)[0]
    for data in ({"year_from": "1960", "year_to": None, "region": "nowhere", "lang": "xx"},
                 {"year_from": 10**12, "year_to": -5, "port": "niigata"},
                 {"year_from": 1959, "year_to": 1984, "region": "x" * 10_000}, [1, 2], None):
        state = ViewState.from_dict(data, context)
        assert state.region in context.region_ids | {""} and state.lang in ("en", "ja", "ko"), data
