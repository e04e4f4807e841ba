"""Callbacks that run in the browser (``assets/app.js``): no server round trip, no inline JS,
so the Content-Security-Policy needs no 'unsafe-inline' for scripts.

``showYears`` is the year step: a key on the year control, a click or a brush on the year
chart, the previous/next buttons or a Play tick choose the years; it draws the map from the
year frames the server sent once for the view's filters (``figures.map.year_frames``), shades
the chosen years on the chart, and hands the years to the server's view (``years-chosen``),
whose summary and panels follow a moment later. A view it cannot draw alone (new filters,
language or layer) goes to the server as a map request.
"""

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
    app.clientside_callback(
        fn("showYears"),
        Output(ids.MAP, "figure", allow_duplicate=True),
        Output(ids.MAP_LAYER, "data", allow_duplicate=True),
        Output(ids.MAP_REQUEST, "data"),
        Output(ids.YEARS_CHOSEN, "data"),
        Output(ids.BARS, "figure"),
        Output(ids.YEARS, "aria-valuenow"),
        Output(ids.YEARS, "aria-valuetext"),
        Output(ids.YEAR_READOUT, "children"),
        Input(ids.YEAR_INPUT, "data"),   # keys and the previous/next buttons (app.js)
        Input(ids.BARS, "clickData"),
        Input(ids.BARS, "selectedData"),
        Input(ids.PLAY_INTERVAL, "n_intervals"),
        Input(ids.VIEW, "data"),
        State(ids.YEAR_FRAMES, "data"),
        State(ids.MAP_LAYER, "data"),
        State(ids.YEARS, "data-years"),
        prevent_initial_call=True,
    )
    app.clientside_callback(fn("viewFilters"), Output(ids.VIEW_FILTERS, "data"),
                            Input(ids.VIEW, "data"), State(ids.VIEW_FILTERS, "data"), prevent_initial_call=True)
    app.clientside_callback(
        fn("selectTab"),
        *[Output(ids.tab_id(name), "aria-selected") for name in ids.TAB_NAMES],
        *[Output(ids.tab_id(name), "tabIndex") for name in ids.TAB_NAMES],
        *[Output(ids.panel_id(name), "hidden") for name in ids.TAB_NAMES],
        *[Input(ids.tab_id(name), "n_clicks") for name in ids.TAB_NAMES],
        prevent_initial_call=True,
    )
