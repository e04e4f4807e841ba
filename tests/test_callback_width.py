"""No callback of the page is wide: at most 8 inputs and 8 outputs, the review's limit for
a callback a reader can hold in mind, and at most 3 states beside them. (Inputs as Dash
counts them: what fires the callback. The view's reducer takes 8, each one domain action,
and reads 3 states: so that a year step is one callback, not two.)"""

from __future__ import annotations

from dashboard import create_app
from dashboard.config import Settings


def test_no_callback_has_more_than_8_inputs_or_outputs_or_3_states(dataset):
    app = create_app(dataset=dataset, settings=Settings())
    wide = {}
    for output, spec in app.callback_map.items():
        outputs = output[2:-2].split("...") if output.startswith("..") else [output]
        inputs, states = len(spec["inputs"]), len(spec.get("state", []))
        if inputs > 8 or len(outputs) > 8 or states > 3:
            wide[output[:60]] = (inputs, states, len(outputs))
    assert len(app.callback_map) > 10 and not wide, wide
