"""The smallest Dash page to compare the app with: one empty Plotly geo graph and one no-op
callback. Served exactly like the app (``gunicorn bench.minimal_app:server`` with the same
flags, compression on, as the app's default ``COMPRESS=1``).

It has no assets folder. The one file it serves besides Dash's own is Plotly's world base
map, ``/topojson/world_110m.json`` (the project's ``assets/topojson/`` copy, the same file the
app's map loads): without it Plotly would fetch the base map from its CDN, which is
unreachable offline, and the geo subplot would never be drawn, so there would be no
"open -> map drawn" time to compare with.
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html
from flask import send_from_directory

HERE = Path(__file__).resolve().parent
TOPOJSON_DIR = HERE.parent / "assets" / "topojson"

app = Dash(
    __name__,
    assets_folder=str(HERE / "_no_assets"),  # does not exist: no CSS/JS assets are served
    serve_locally=True,
    compress=True,
    title="minimal",
    update_title=None,
)
app.layout = html.Div([
    dcc.Graph(id="graph", figure=go.Figure(go.Scattergeo()), config={"topojsonURL": "/topojson/"}),
    html.Button("no-op", id="button", n_clicks=0),
    html.Div(id="echo"),
])


@app.callback(Output("echo", "children"), Input("button", "n_clicks"))
def echo(n_clicks):
    """The no-op callback: returns its input unchanged."""
    return n_clicks


server = app.server


@server.route("/topojson/<path:name>")
def topojson(name):
    return send_from_directory(TOPOJSON_DIR, name)
