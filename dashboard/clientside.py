"""Callbacks that run in the browser (``assets/app.js``): no server round trip, no inline JS,
so the Content-Security-Policy needs no 'unsafe-inline' for scripts."""

from __future__ import annotations

from dash import ClientsideFunction, Input, Output, State

from . import ids


def register(app) -> None:
    fn = lambda name: ClientsideFunction(namespace="returns", function_name=name)  # noqa: E731
    app.clientside_callback(fn("pageLanguage"), Output(ids.LANG, "className"), Input(ids.LANG, "id"))
    app.clientside_callback(fn("saveMap"), Output(ids.SAVE_PNG, "className"),
                            Input(ids.SAVE_PNG, "n_clicks"), Input(ids.SAVE_SVG, "n_clicks"),
                            prevent_initial_call=True)
    app.clientside_callback(fn("printHandout"), Output(ids.PRINT, "className"),
                            Input(ids.PRINT, "n_clicks"), prevent_initial_call=True)
    app.clientside_callback(fn("copyCitation"), Output(ids.COPY_CITATION, "children"),
                            Input(ids.COPY_CITATION, "n_clicks"), State(ids.CITATION, "children"),
                            State(ids.COPY_CITATION, "data-copied"), prevent_initial_call=True)
    app.clientside_callback(fn("togglePlay"),
                            Output(ids.PLAY_INTERVAL, "disabled"), Output(ids.PLAY, "children"),
                            Output(ids.PLAY, "aria-pressed"),
                            Input(ids.PLAY, "n_clicks"), State(ids.PLAY_INTERVAL, "disabled"),
                            State(ids.PLAY, "data-play"), State(ids.PLAY, "data-pause"),
                            prevent_initial_call=True)
