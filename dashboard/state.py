"""The view a visitor is looking at, and its round trip through the URL query.

A ``ViewState`` is what was chosen (years, region, port, language, layer, mode); all else on
screen is derived from it and the dataset. ``parse_query`` never fails: a tampered or
impossible value falls back to that parameter's default and is reported as a notice.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from urllib.parse import parse_qs, urlencode

from geodata.records import LANGS  # the one list of languages

from .profiles import MODES

LAYERS = ("today", "1945")
MAX_PARAM_LENGTH = 64  # longer values are tampering, not ids

#: URL parameter names, in the order they are written
PARAMS = ("from", "to", "region", "port", "lang", "layer", "mode")
MAX_QUERY = 12 * 1024      # a view and a story link (dashboard/stories.py, at most 8 KB)


@dataclass(frozen=True)
class ViewState:
    year_from: int
    year_to: int
    region: str = ""
    port: str = ""
    lang: str = "en"
    layer: str = "today"
    mode: str = "explore"

    def to_dict(self) -> dict:
        # the fields are plain values: no need for asdict's deep copy (it is slow)
        return {name: getattr(self, name) for name in _FIELDS}

    @classmethod
    def from_dict(cls, data, context: "StateContext") -> "ViewState":
        """Rebuild from a browser-held dict, validating it like a URL (it may be tampered)."""
        if not isinstance(data, dict):
            return context.default
        return cls._parse_dict(data, context)

    @classmethod
    def _parse_dict(cls, data: dict, context: "StateContext") -> "ViewState":
        query = {
            "from": data.get("year_from"), "to": data.get("year_to"), "region": data.get("region"),
            "port": data.get("port"), "lang": data.get("lang"), "layer": data.get("layer"),
            "mode": data.get("mode"),
        }
        state, _ = parse_params({k: "" if v is None else str(v) for k, v in query.items()}, context)
        return state

    @property
    def years(self) -> tuple[int, int]:
        return self.year_from, self.year_to

    def with_years(self, year_from: int, year_to: int) -> "ViewState":
        lo, hi = sorted((year_from, year_to))
        return replace(self, year_from=lo, year_to=hi)


_FIELDS = tuple(f.name for f in fields(ViewState))


@dataclass(frozen=True)
class StateContext:
    """What a state is checked against: the dataset's years, regions and ports."""

    years: tuple[int, ...]
    region_ids: frozenset[str]
    port_ids: frozenset[str]
    default_mode: str = "explore"

    @property
    def default(self) -> ViewState:
        return ViewState(self.years[0], self.years[-1], mode=self.default_mode)


@dataclass(frozen=True)
class Notice:
    """A parameter that was ignored (or, with ``shown``, adjusted), with the value given."""

    param: str
    value: str
    shown: str = ""


def _snap(year_from: int, year_to: int, years: tuple[int, ...]) -> tuple[int, int] | None:
    """The recorded years inside a range (1950-1958 -> 1956-1957), or None if there are none."""
    inside = [y for y in years if year_from <= y <= year_to]
    return (inside[0], inside[-1]) if inside else None


def _year(text: str, years: tuple[int, ...]) -> int | None:
    text = text.strip()
    if not (text.isdigit() and len(text) == 4):
        return None
    value = int(text)
    return value if years[0] <= value <= years[-1] else None


def parse_params(params: dict[str, str], context: StateContext) -> tuple[ViewState, list[Notice]]:
    default = context.default
    notices: list[Notice] = []
    values: dict[str, object] = {}

    def take(name: str, ok, convert=lambda v: v):
        raw = params.get(name, "")
        if raw == "":
            return None
        raw = raw[: MAX_PARAM_LENGTH * 4]
        if len(raw) <= MAX_PARAM_LENGTH and ok(raw):
            return convert(raw)
        notices.append(Notice(name, raw[:MAX_PARAM_LENGTH]))
        return None

    values["year_from"] = take("from", lambda v: _year(v, context.years) is not None,
                               lambda v: _year(v, context.years))
    values["year_to"] = take("to", lambda v: _year(v, context.years) is not None,
                             lambda v: _year(v, context.years))
    values["region"] = take("region", lambda v: v in context.region_ids)
    values["port"] = take("port", lambda v: v in context.port_ids)
    values["lang"] = take("lang", lambda v: v in LANGS)
    values["layer"] = take("layer", lambda v: v in LAYERS)
    values["mode"] = take("mode", lambda v: v in MODES)

    year_from = values["year_from"] if values["year_from"] is not None else None
    year_to = values["year_to"] if values["year_to"] is not None else None
    if year_from is None and year_to is None:
        year_from, year_to = default.year_from, default.year_to
    elif year_from is None:  # only "to" given: that one year
        year_from = year_to
    elif year_to is None:
        year_to = year_from
    year_from, year_to = sorted((year_from, year_to))
    snapped = _snap(year_from, year_to, context.years)
    if snapped is None:  # e.g. 1950: no return is recorded in those years
        notices.append(Notice("from", str(year_from), f"{default.year_from}"))
        notices.append(Notice("to", str(year_to), f"{default.year_to}"))
        year_from, year_to = default.year_from, default.year_to
    else:
        for param, given, shown in (("from", year_from, snapped[0]), ("to", year_to, snapped[1])):
            if given != shown and params.get(param):
                notices.append(Notice(param, str(given), str(shown)))
        year_from, year_to = snapped
    state = ViewState(
        year_from=year_from,
        year_to=year_to,
        region=values["region"] or "",
        port=values["port"] or "",
        lang=values["lang"] or default.lang,
        layer=values["layer"] or default.layer,
        mode=values["mode"] or default.mode,
    ).with_years(year_from, year_to)
    return state, notices


def parse_query(query: str | None, context: StateContext) -> tuple[ViewState, list[Notice]]:
    """Parse ``?from=1960&to=1961&region=JP-15…``; never raises."""
    if not isinstance(query, str):
        query = ""
    try:
        parsed = parse_qs(query.lstrip("?")[:MAX_QUERY], keep_blank_values=True)
    except ValueError:
        parsed = {}
    params = {name: values[-1] for name, values in parsed.items() if name in PARAMS and values}
    return parse_params(params, context)


def to_query(state: ViewState, context: StateContext) -> str:
    """The shortest query that reopens ``state`` (defaults are left out)."""
    default = context.default
    pairs: list[tuple[str, str]] = []
    if state.years != default.years:
        pairs += [("from", str(state.year_from)), ("to", str(state.year_to))]
    for name, value, fallback in (
        ("region", state.region, ""), ("port", state.port, ""), ("lang", state.lang, default.lang),
        ("layer", state.layer, default.layer), ("mode", state.mode, default.mode),
    ):
        if value != fallback:
            pairs.append((name, value))
    return "?" + urlencode(pairs) if pairs else ""


def view_query(state: ViewState, context: StateContext) -> dict:
    """The view's query, and the same view in each language (the language links): what the
    browser writes in its address bar and links, so it never builds a query itself."""
    return {"query": to_query(state, context),
            "langs": {code: to_query(replace(state, lang=code), context) or "?" for code in LANGS}}
