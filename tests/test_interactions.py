"""What each control or click does to the view, including malformed browser payloads."""

from __future__ import annotations

import pytest

from dashboard import ids
from dashboard.interactions import next_year, reduce_view
from dashboard.state import ViewState


@pytest.fixture
def start(context):
    return ViewState(1960, 1960)


def test_slider_indexes_become_years(start, context):
    i, j = context.years.index(1959), context.years.index(1967)
    assert reduce_view(start, ids.YEARS, [j, i], context).years == (1959, 1967)


def test_region_click_filters_and_second_click_clears(start, context):
    click = {"points": [{"location": "JP-15", "curveNumber": 1}]}
    once = reduce_view(start, ids.MAP, click, context)
    assert once.region == "JP-15"
    assert reduce_view(once, ids.MAP, click, context).region == ""


def test_port_click_uses_customdata(start, context):
    click = {"points": [{"customdata": "niigata"}]}
    assert reduce_view(start, ids.MAP, click, context).port == "niigata"


def test_bar_selection_sets_a_range(start, context):
    payload = {"points": [{"x": 1971}, {"x": 1975}, {"x": 1973}]}
    assert reduce_view(start, ids.BARS, payload, context).years == (1971, 1975)


def test_clear_keeps_years(context):
    state = ViewState(1960, 1961, region="JP-15", port="niigata")
    cleared = reduce_view(state, ids.CLEAR, 3, context)
    assert (cleared.region, cleared.port, cleared.years) == ("", "", (1960, 1961))


@pytest.mark.parametrize("trigger, value", [
    (ids.YEARS, None), (ids.YEARS, "1960"), (ids.YEARS, [0]), (ids.YEARS, [-1, 3]),
    (ids.YEARS, [0, 10**9]), (ids.YEARS, [True, False]), (ids.YEARS, [1.5, 2]),
    (ids.REGION, "XX-99"), (ids.REGION, ["JP-15"]), (ids.REGION, 15),
    (ids.PORT, "tokyo"), (ids.PORT, {"id": "niigata"}),
    (ids.LAYER, "1910"), (ids.LAYER, None),
    (ids.MAP, None), (ids.MAP, "x"), (ids.MAP, {"points": "x"}), (ids.MAP, {"points": []}),
    (ids.MAP, {"points": [None]}), (ids.MAP, {"points": [{"location": "XX"}]}),
    (ids.MAP, {"points": [{"customdata": ["niigata"]}]}),
    (ids.BARS, {"points": [{"x": 1950}]}), (ids.BARS, {"points": [{"x": "1960"}]}),
    (ids.BARS, {"points": [{"x": 1e308}]}), (ids.BARS, []),
    ("no-such-control", 1),
])
def test_malformed_input_leaves_the_view_alone(trigger, value, start, context):
    assert reduce_view(start, trigger, value, context) == start


def test_animation_steps_through_every_year_and_wraps(context):
    state = ViewState(context.years[0], context.years[0])
    seen = []
    for _ in context.years:
        seen.append(state.year_from)
        state = next_year(state, context)
    assert seen == list(context.years)
    assert state.year_from == context.years[0]
