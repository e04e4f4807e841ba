"""HTML elements and figure patches as the plain JSON Dash's renderer receives, built directly.

Panels that change with every year step (the table, the sources, the timeline) would
otherwise be built as ``dash.html`` objects and then serialised: ~10 µs an element, several
milliseconds a view. ``el("Td", "1960", className="col-year")`` is the very dict Dash would
send for ``html.Td("1960", className="col-year")``, at a fraction of the cost, and it can sit
anywhere in a layout or a callback output.
"""

from __future__ import annotations

NAMESPACE = "dash_html_components"


def el(tag: str, children=None, **props) -> dict:
    """An element of ``dash.html`` (``tag`` is its class name: "Td", "Li", "Button"...).

    Props are given as Dash names them (``className``, ``dateTime``, ``n_clicks``); names
    with a dash (``aria-sort``) go in with ``**{"aria-sort": ...}``."""
    props["children"] = children  # Dash sends children: null for an empty element too
    return {"type": tag, "namespace": NAMESPACE, "props": props}


class PlainPatch:
    """A figure update the way ``dash.Patch`` sends it, without building a ``Patch`` object
    per path segment: ``patch.assign(["data", 3, "line", "width"], 4.2)`` is
    ``patch["data"][3]["line"]["width"] = 4.2``. ``to_plotly_json()`` is the same JSON."""

    def __init__(self) -> None:
        self.operations: list[dict] = []

    def assign(self, location: list, value) -> None:
        self.operations.append({"operation": "Assign", "location": location, "params": {"value": value}})

    def to_plotly_json(self) -> dict:
        return {"__dash_patch_update": "__dash_patch_update", "operations": self.operations}
