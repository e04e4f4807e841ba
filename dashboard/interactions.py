"""Turn what a browser sent (the chosen years, a click payload…) into the next view state.

Pure functions, tested without Dash. Every input may be malformed — ``None``, the wrong
type, an unknown id, a forged click payload — and then the state is left as it was.
"""

from __future__ import annotations

from dataclasses import replace

from . import ids
from .state import LAYERS, StateContext, ViewState


def year_pair(value, years: tuple[int, ...]) -> tuple[int, int] | None:
    """Two recorded years (``[1959, 1967]``, in any order) as (first, last), else None."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) and v in years for v in value):
        return None
    lo, hi = sorted(value)
    return lo, hi


def _clicked_point(payload) -> dict | None:
    """The first point of a Plotly click/selection payload, if it looks like one."""
    if not isinstance(payload, dict):
        return None
    points = payload.get("points")
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        return None
    return points[0]


def region_from_click(payload, context: StateContext) -> str | None:
    point = _clicked_point(payload)
    if point is None:
        return None
    location = point.get("location")
    return location if isinstance(location, str) and location in context.region_ids else None


def port_from_click(payload, context: StateContext) -> str | None:
    point = _clicked_point(payload)
    if point is None:
        return None
    value = point.get("customdata")
    return value if isinstance(value, str) and value in context.port_ids else None


def reduce_view(state: ViewState, trigger: str | None, value, context: StateContext) -> ViewState:
    """The view after ``trigger`` (a component id) reported ``value``."""
    if trigger == ids.YEARS_CHOSEN:  # chosen in the browser: a year step, a click, a range, a Play tick
        pair = year_pair(value, context.years)
        return state.with_years(*pair) if pair else state
    if trigger == ids.REGION:
        if value == "":
            return replace(state, region="")
        return replace(state, region=value) if isinstance(value, str) and value in context.region_ids else state
    if trigger == ids.PORT:
        if value == "":
            return replace(state, port="")
        return replace(state, port=value) if isinstance(value, str) and value in context.port_ids else state
    if trigger == ids.LAYER:
        return replace(state, layer=value) if value in LAYERS else state
    if trigger == ids.MAP:
        port = port_from_click(value, context)
        if port:
            return replace(state, port="" if state.port == port else port)
        region = region_from_click(value, context)
        if region:
            return replace(state, region="" if state.region == region else region)
        return state
    if trigger == ids.CLEAR:
        return replace(state, region="", port="")
    return state
