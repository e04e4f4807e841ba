"""No callback of the page is wide: at most 8 inputs and 8 outputs, the review's limit for
a callback a reader can hold in mind, and at most 3 states beside them. (Inputs as Dash
counts them: what fires the callback. The view's reducer takes 8, each one domain action,
and reads 3 states: so that a year step is one callback, not two.) And no callbacks form a
loop, which would make Dash run them in an order of its own."""

from __future__ import annotations

import json

from dashboard import create_app
from dashboard.config import Settings


def test_no_callback_has_more_than_8_inputs_or_outputs_or_3_states(dataset):
    app = create_app(dataset=dataset, settings=Settings())
    wide = {}
    for output, spec in app.callback_map.items():
        outputs = _output_parts(output)
        inputs, states = len(spec["inputs"]), len(spec.get("state", []))
        if inputs > 8 or len(outputs) > 8 or states > 3:
            wide[output[:60]] = (inputs, states, len(outputs))
    assert len(app.callback_map) > 10 and not wide, wide


def _output_parts(key: str) -> list:
    """A callback's outputs from its key in Dash's callback map: ``..a.p...b.q..`` or ``a.p``."""
    return key[2:-2].split("...") if key.startswith("..") else [key]


def _prop(id_, prop: str) -> str:
    """A property's name in the graph: a pattern id by its type (it stands for all its ids)."""
    return (json.loads(id_)["type"] if id_.startswith("{") else id_) + "." + prop


def _loops(callbacks: dict) -> list:
    """Chains of callbacks, each firing the next, back to the first (a callback's own outputs
    among its inputs are no loop: Dash does not fire a callback with what it wrote)."""
    fires = {a: {b for b, (b_in, b_out) in callbacks.items() if b != a and a_out & (b_in - b_out)}
             for a, (_, a_out) in callbacks.items()}
    loops, stack = [], [(a, (a,)) for a in fires]
    while stack:
        last, chain = stack.pop()
        for nxt in fires[last]:
            if nxt == chain[0]:
                loops.append(chain)
            elif nxt not in chain and nxt > chain[0]:   # each loop once, from its least name
                stack.append((nxt, chain + (nxt,)))
    return loops


def test_no_callbacks_fire_each_other_in_a_loop(dataset):
    """Dash holds a callback while another pending one may yet change its inputs, following
    the chain on: on a loop, every callback waits on itself and runs only once nothing else is
    pending, in the order Dash picks (so a year key waited on the tab panel, and the address
    bar sometimes missed a view)."""
    app = create_app(dataset=dataset, settings=Settings())
    callbacks = {key: ({_prop(i["id"], i["property"]) for i in spec["inputs"]},
                       {_prop(*part.rsplit(".", 1)) for part in _output_parts(key)})
                 for key, spec in app.callback_map.items()}
    assert _loops({"a": ({"x.p"}, {"y.p"}), "b": ({"y.p"}, {"x.p"})}) == [("a", "b")]   # the check sees one
    assert _loops(callbacks) == []
