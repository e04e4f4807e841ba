"""What each control or click does to the view, including malformed browser payloads."""

from __future__ import annotations

import pytest

from dashboard import ids
from dashboard.interactions import reduce_view
from dashboard.state import ViewState


@pytest.fixture
def start(context):
    return ViewState(1960, 1960)


def test_chosen_years_set_the_range_in_either_order(start, context):
    assert reduce_view(start, ids.YEARS_CHOSEN, [1967, 1959], context).years == (1959, 1967)
    assert reduce_view(start, ids.YEARS_CHOSEN, [1961, 1961], context).years == (1961, 1961)


def test_region_click_filters_and_second_click_clears(start, context):
    click = {"points": [{"location": "JP-15", "curveNumber": 1}]}
    once = reduce_view(start, ids.MAP, click, context)
    assert once.region == "JP-15"
    assert reduce_view(once, ids.MAP, click, context).region == ""


def test_port_click_uses_customdata(start, context):
    click = {"points": [{"customdata": "niigata"}]}
    assert reduce_view(start, ids.MAP, click, context).port == "niigata"


def test_clear_keeps_years(context):
    state = ViewState(1960, 1961, region="JP-15", port="niigata")
    cleared = reduce_view(state, ids.CLEAR, 3, context)
    assert (cleared.region, cleared.port, cleared.years) == ("", "", (1960, 1961))


@pytest.mark.parametrize("trigger, value", [
    (ids.YEARS_CHOSEN, None), (ids.YEARS_CHOSEN, "1960"), (ids.YEARS_CHOSEN, [1960]),
    (ids.YEARS_CHOSEN, [1950, 1960]), (ids.YEARS_CHOSEN, [1960, 10**9]), (ids.YEARS_CHOSEN, [True, False]),
    (ids.YEARS_CHOSEN, [1960.0, 1961]), (ids.YEARS_CHOSEN, ["1960", "1961"]), (ids.YEARS_CHOSEN, {"from": 1960}),
    (ids.REGION, "XX-99"), (ids.REGION, ["JP-15"]), (ids.REGION, 15),
    (ids.PORT, "tokyo"), (ids.PORT, {"id": "niigata"}),
    (ids.LAYER, "1910"), (ids.LAYER, None),
    (ids.MAP, None), (ids.MAP, "x"), (ids.MAP, {"points": "x"}), (ids.MAP, {"points": []}),
    (ids.MAP, {"points": [None]}), (ids.MAP, {"points": [{"location": "XX"}]}),
    (ids.MAP, {"points": [{"customdata": ["niigata"]}]}),
    ("no-such-control", 1),
])
def test_malformed_input_leaves_the_view_alone(trigger, value, start, context):
    assert reduce_view(start, trigger, value, context) == start
