"""A bounded cache of callback outputs, already turned into plain JSON-ready data.

Every view callback is a pure function of the (hashable) view state, so its output can be
kept and reused: a classroom opening the same tour stops, or a kiosk looping, costs a
dictionary look-up instead of building and serialising Dash components again. The cache
is per process, bounded (LRU) and holds nothing about any visitor.
"""

from __future__ import annotations

from functools import lru_cache

import orjson
from plotly.io.json import to_json_plotly


def json_ready(value):
    """Components, figures and Patches as the plain lists and dicts Dash would send."""
    return orjson.loads(to_json_plotly(value))


def memoized(function, maxsize: int = 64, plain: bool = False):
    """``function(*hashable)`` -> its output as plain data, cached (least recently used out).

    ``plain=True``: the function already returns plain JSON-ready data (``elements.el``),
    kept as it is."""
    convert = (lambda value: value) if plain else json_ready

    @lru_cache(maxsize=maxsize)
    def cached(*args):
        return convert(function(*args))

    cached.__doc__ = function.__doc__
    return cached
