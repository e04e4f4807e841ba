"""Callback request bodies, the way Dash's renderer builds them.

The bodies are recorded from a real Chromium page (``browser.record_bodies``) and then replayed
with realistic variations: other years and ranges, regions, ports, languages, layers, tour
stops, table sorts, clicks. ``vary_body`` changes only *values* (and, for a pattern-matching
input that triggered the call, which of its components did): the structure the renderer sent
is kept, so a varied body is one the browser could have sent.

``synthesize_body`` builds a body from a ``/_dash-dependencies`` entry alone, for a callback
the recording did not reach (and for the smoke test).
"""

from __future__ import annotations

import copy
import json
import random
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from dashboard.state import LANGS, ViewState, to_query

LANG_WEIGHTS = (("en", 0.5), ("ja", 0.25), ("ko", 0.25))


@dataclass(frozen=True)
class Universe:
    """What realistic inputs are made of: the dataset's years, regions and ports, and the
    app's other choices."""

    years: tuple[int, ...]
    regions: tuple[str, ...]
    ports: tuple[str, ...]
    table_columns: tuple[str, ...] = ("year",)
    langs: tuple[str, ...] = LANGS
    layers: tuple[str, ...] = ("today", "1945")
    modes: tuple[str, ...] = ("explore", "kiosk")
    #: lang -> the region names a visitor picks from the region box's suggestions
    region_labels: dict = field(default_factory=dict, compare=False)
    context: object = field(default=None, compare=False)   # dashboard.state.StateContext


def load_universe() -> Universe:
    """The app's own dataset and choices (read in this process; ~1 s)."""
    from dashboard import panels, state_context
    from dashboard.config import Settings
    from dashboard.place_search import region_labels
    from dashboard.state import LAYERS, MODES
    from geodata import load_dataset

    dataset = load_dataset()
    context = state_context(dataset, Settings())
    return Universe(
        years=tuple(context.years), regions=tuple(sorted(context.region_ids)),
        ports=tuple(sorted(context.port_ids)), table_columns=tuple(panels.TABLE_COLUMNS), langs=tuple(LANGS),
        layers=tuple(LAYERS), modes=tuple(MODES), context=context,
        region_labels={lang: tuple(region_labels(dataset, lang).values()) for lang in LANGS},
    )


# -- realistic values ---------------------------------------------------------------------


def _lang(rng: random.Random, u: Universe) -> str:
    langs = [l for l, _ in LANG_WEIGHTS if l in u.langs] or list(u.langs)
    weights = [dict(LANG_WEIGHTS).get(l, 0.1) for l in langs]
    return rng.choices(langs, weights)[0]


def random_years(rng: random.Random, u: Universe) -> tuple[int, int]:
    """Whole period 30 %, one year 40 %, a range 30 % (recorded years only, as the year chart)."""
    roll = rng.random()
    if roll < 0.3:
        return u.years[0], u.years[-1]
    if roll < 0.7:
        year = rng.choice(u.years)
        return year, year
    a, b = sorted(rng.sample(range(len(u.years)), 2))
    return u.years[a], u.years[b]


def random_view(rng: random.Random, u: Universe) -> dict:
    """A view as the browser holds it in ``dcc.Store`` (``ViewState.to_dict()``)."""
    year_from, year_to = random_years(rng, u)
    return {
        "year_from": year_from, "year_to": year_to,
        "region": rng.choice(u.regions) if u.regions and rng.random() < 0.35 else "",
        "port": rng.choice(u.ports) if u.ports and rng.random() < 0.3 else "",
        "lang": _lang(rng, u),
        "layer": u.layers[-1] if len(u.layers) > 1 and rng.random() < 0.2 else u.layers[0],
        "mode": u.modes[-1] if len(u.modes) > 1 and rng.random() < 0.1 else u.modes[0],
    }


def random_query(rng: random.Random, u: Universe) -> str:
    """The URL query of a random view, as the app writes it."""
    return to_query(ViewState(**random_view(rng, u)), u.context)


def _region_text(old, rng: random.Random, u: Universe, ctx: dict):
    """What a visitor leaves in the region search box: a suggestion in the page's language
    (or a region id), or nothing (cleared)."""
    if rng.random() < 0.15:
        return ""
    labels = u.region_labels.get(ctx.get("lang", "en")) or u.region_labels.get("en")
    if labels:
        return rng.choice(labels)
    return rng.choice(u.regions) if u.regions else ""


def _clicks(old, rng: random.Random):
    return old + rng.randint(1, 3) if isinstance(old, int) and not isinstance(old, bool) else old


def _href(old, rng: random.Random, u: Universe):
    base = old if isinstance(old, str) and old.startswith("http") else "http://127.0.0.1/"
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", random_query(rng, u).lstrip("?"), ""))


#: "component-id.property" -> f(old value, rng, universe) -> a new realistic value, for the
#: server callbacks' inputs and states (CONTEXT_GENERATORS also get the body's new view, e.g.
#: for its language); any other value is kept as recorded, a click count grows
CONTEXT_GENERATORS = {
    "region-input.value": _region_text,
}
GENERATORS = {
    "view.data": lambda old, rng, u: random_view(rng, u),
    "render-request.data": lambda old, rng, u: random_query(rng, u),
    "open-request.data": lambda old, rng, u: {"query": random_query(rng, u), "n": rng.randint(1, 9)},
    "url.href": _href,
    "table-sort-state.data": lambda old, rng, u: {"column": rng.choice(u.table_columns), "ascending": rng.random() < 0.5},
}


# -- the bodies ---------------------------------------------------------------------------


def prop_key(item: dict) -> str:
    """``"id.property"`` of an input/state/output entry (pattern ids as Dash writes them),
    without an ``@hash`` suffix (outputs with ``allow_duplicate``)."""
    ident = item["id"]
    if isinstance(ident, dict):
        ident = json.dumps(ident, sort_keys=True, separators=(",", ":"))
    return f"{ident}.{item['property'].split('@')[0]}"


def output_props(output: str) -> list[str]:
    """The outputs of a callback from its ``output`` string: ``..a.b...c.d..`` -> [a.b, c.d]."""
    if output.startswith("..") and output.endswith(".."):
        parts = output[2:-2].split("...")
    else:
        parts = [output]
    return [p.split("@")[0] for p in parts]


def callback_label(output: str) -> str:
    """A short, stable name for a callback: its first output, and how many more it has."""
    props = output_props(output)
    return props[0] + (f" (+{len(props) - 1})" if len(props) > 1 else "")


def _value(old, key: str, rng: random.Random, u: Universe, ctx: dict | None = None):
    if key in CONTEXT_GENERATORS:
        return CONTEXT_GENERATORS[key](old, rng, u, ctx or {})
    generator = GENERATORS.get(key)
    if generator is not None:
        return generator(old, rng, u)
    if key.endswith(".n_clicks") or key.endswith(".n_intervals"):
        return _clicks(old, rng)
    return old


def vary_body(body: dict, rng: random.Random, u: Universe) -> dict:
    """A copy of a recorded body with realistic other values (see module docstring)."""
    new = copy.deepcopy(body)
    changed = list(new.get("changedPropIds") or [])
    ctx: dict = {}
    items = [item for section in ("inputs", "state") for item in new.get(section) or []]
    views = [item for item in items if isinstance(item, dict) and prop_key(item) == "view.data"]
    for item in views:  # the view first: other values may depend on it (its language)
        item["value"] = random_view(rng, u)
        ctx = dict(item["value"])
    for item in items:
        if isinstance(item, list):  # a pattern-matching ALL input: a list of components
            _vary_pattern(new, item, changed, rng, u)
            continue
        if any(item is view for view in views):
            continue
        if "value" not in item and f"{item['id']}.{item['property']}" not in changed:
            continue  # a prop the component does not have yet (e.g. no click so far)
        item["value"] = _value(item.get("value"), prop_key(item), rng, u, ctx)
    return new


def _vary_pattern(body: dict, items: list, changed: list, rng: random.Random, u: Universe) -> None:
    keys = [prop_key(item) for item in items]
    fired = [i for i, k in enumerate(keys) if k in changed]
    if len(fired) != 1 or not items:
        return  # the initial call (all or none of them "changed"): leave it as recorded
    chosen = rng.randrange(len(items))
    old_key = keys[fired[0]]
    item = items[chosen]
    item["value"] = _clicks(item.get("value") if isinstance(item.get("value"), int) else 0, rng)
    body["changedPropIds"] = [keys[chosen] if k == old_key else k for k in changed]
    if "parsedChangedPropsIds" in body:
        parsed = []
        for entry in body["parsedChangedPropsIds"]:
            if isinstance(entry, dict) and prop_key({"id": entry, "property": item["property"]}) == old_key:
                parsed.append(item["id"])
            elif entry == old_key:
                parsed.append(keys[chosen])
            else:
                parsed.append(entry)
        body["parsedChangedPropsIds"] = parsed


def _entry(spec: dict, rng: random.Random, u: Universe, trigger: bool) -> dict | list:
    ident = spec["id"]
    if isinstance(ident, str) and ident.startswith("{"):
        return []  # a pattern-matching input: no matching component in a synthesized page
    entry = {"id": ident, "property": spec["property"]}
    key = prop_key(entry)
    if key in GENERATORS or key in CONTEXT_GENERATORS:
        entry["value"] = _value(None, key, rng, u)
    elif key.endswith(".n_clicks") or key.endswith(".n_intervals"):
        entry["value"] = 1 if trigger else 0
    elif key.endswith(".pathname"):
        entry["value"] = "/"
    return entry


def synthesize_body(dependency: dict, rng: random.Random, u: Universe) -> dict:
    """A body for a ``/_dash-dependencies`` entry, as if its first input had just changed."""
    output = dependency["output"]
    def spec(part: str):
        base, _, suffix = part.partition("@")
        ident, prop = base.rsplit(".", 1)
        if ident.startswith("{"):
            return []  # a pattern-matching output: no matching component in a synthesized page
        return {"id": ident, "property": prop + ("@" + suffix if suffix else "")}

    if output.startswith(".."):
        outputs = [spec(part) for part in output[2:-2].split("...")]
    else:
        outputs = spec(output)
    inputs = [_entry(spec, rng, u, trigger=i == 0) for i, spec in enumerate(dependency.get("inputs", []))]
    state = [_entry(spec, rng, u, trigger=False) for spec in dependency.get("state", [])]
    first = next((e for e in inputs if isinstance(e, dict)), None)
    changed = [f"{first['id']}.{first['property']}"] if first else []
    body = {"output": output, "outputs": outputs, "inputs": inputs, "changedPropIds": changed,
            "parsedChangedPropsIds": list(changed)}
    if state:
        body["state"] = state
    return body


def server_callbacks(dependencies: list[dict]) -> list[str]:
    """The ``output`` keys of the callbacks that run on the server (not clientside)."""
    return [d["output"] for d in dependencies if not d.get("clientside_function")]


def encode(body: dict) -> bytes:
    """JSON as the renderer sends it (compact)."""
    return json.dumps(body, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
