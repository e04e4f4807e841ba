"""Turn what a browser sent (a slider value, a click payload…) into the next view state.

Pure functions, tested without Dash. Every input may be malformed — ``None``, the wrong
type, an unknown id, a forged click payload — and then the state is left as it was.
"""

from __future__ import annotations

from dataclasses import replace

from . import ids
from .state import LAYERS, StateContext, ViewState


def _index_pair(value, count: int) -> tuple[int, int] | None:
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return None
    lo, hi = sorted(value)
    if lo < 0 or hi >= count:
        return None
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


def years_from_bars(payload, context: StateContext) -> tuple[int, int] | None:
    """Years from a bar click (one point) or a horizontal box selection (several)."""
    if not isinstance(payload, dict):
        return None
    points = payload.get("points")
    if not isinstance(points, list) or not points:
        return None
    years = []
    for point in points[:200]:
        if isinstance(point, dict):
            x = point.get("x")
            if isinstance(x, (int, float)) and not isinstance(x, bool) and int(x) == x and int(x) in context.years:
                years.append(int(x))
    if not years:
        return None
    return min(years), max(years)


def next_year(state: ViewState, context: StateContext) -> ViewState:
    """Animation step: the single year after the current end, wrapping round at the end."""
    years = context.years
    position = years.index(state.year_to) if state.year_to in years else -1
    year = years[(position + 1) % len(years)]
    return state.with_years(year, year)


def reduce_view(state: ViewState, trigger: str | None, value, context: StateContext) -> ViewState:
    """The view after ``trigger`` (a component id) reported ``value``."""
    if trigger == ids.YEARS:
        pair = _index_pair(value, len(context.years))
        return state.with_years(context.years[pair[0]], context.years[pair[1]]) if pair else state
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
    if trigger == ids.BARS:
        years = years_from_bars(value, context)
        return state.with_years(*years) if years else state
    if trigger == ids.CLEAR:
        return replace(state, region="", port="")
    if trigger == ids.PLAY_INTERVAL:
        return next_year(state, context)
    return state
