"""The callbacks that run in the browser (``assets/app.js``, over the pure functions of
``assets/view.js``): the browser owns the view, so everything that changes it, and every
drawing of it, happens here with no server round trip. No inline JS, so the
Content-Security-Policy needs no 'unsafe-inline' for scripts.

A year step, from a key, a click, a drag or Play: ``reduceView`` picks the years and makes
them the view; ``drawMap`` draws it from the frames the server sent once for the filters,
and ``drawChart`` moves the chosen years' box over the chart; the server is then asked for
the words only (``callbacks.show_view`` and ``show_panel``). Each output here has this one
writer.
"""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Input, Output, State

from . import ids

TOGGLES = {"type": ids.TOGGLE, "kind": ALL, "value": ALL}
TABS = {"type": ids.TAB, "name": ALL}
CLIENTSIDE = (
    # the view's one writer: each input is one domain action; the year inputs (keys and the
    # previous/next buttons, a click or a drag on the chart, a Play tick) choose the years here,
    # so a step is decided and made the view in one callback; it also writes the view's
    # filters when they change (on the page's first call, the page's own)
    ("reduceView", (Output(ids.VIEW, "data"), Output(ids.YEAR_KEYS_SEEN, "data"), Output(ids.VIEW_FILTERS, "data")),
     (Input(ids.YEAR_KEYS, "data"), Input(ids.BARS, "clickData"), Input(ids.BARS, "selectedData"),
      Input(ids.PLAY_INTERVAL, "n_intervals"), Input(TOGGLES, "n_clicks"), Input(ids.MAP, "clickData"),
      Input(ids.FOUND, "data"), Input(ids.TOUR_STATE, "data"),
      State(ids.VIEW, "data"), State(ids.YEAR_KEYS_SEEN, "data"), State(ids.VIEW_CONTEXT, "data")), False),
    ("drawMap", (Output(ids.MAP, "figure"), Output(ids.MAP_SHOWN, "data")),
     (Input(ids.VIEW, "data"), Input(ids.YEAR_FRAMES, "data"), Input(ids.RANGE_FRAME, "data"),
      Input(ids.RESET_MAP, "n_clicks"), State(ids.MAP_SHOWN, "data"), State(ids.VIEW_CONTEXT, "data")), False),
    ("drawChart", (Output(ids.BARS, "figure"), Output(ids.YEAR_SELECTION, "style"), Output(ids.YEARS, "aria-valuenow"),
                   Output(ids.YEARS, "aria-valuetext"), Output(ids.YEAR_READOUT, "children")),
     (Input(ids.VIEW, "data"), Input(ids.BAR_DATA, "data"), State(ids.VIEW_CONTEXT, "data"),
      State(ids.BARS, "selectedData")), False),
    ("sortTable", (Output(ids.TABLE_SORT_STATE, "data"),),
     (Input({"type": ids.TABLE_SORT, "column": ALL}, "n_clicks"), State(ids.TABLE_SORT_STATE, "data"),
      State(ids.TABLE_COLUMNS, "data")), True),
    ("showChoices", (Output(TOGGLES, "aria-pressed"),), (Input(ids.VIEW_FILTERS, "data"), State(ids.VIEW, "data")), True),
    ("syncUrl", (Output(ids.URL, "search"),),
     (Input(ids.VIEW_QUERY, "data"), Input(ids.URL, "search"), State(ids.OPEN_REQUEST, "data"),
      State(ids.TOUR_DATA, "data")), True),
    ("showLinks", (Output({"type": ids.LANG_LINK, "lang": ALL}, "href"),),
     (Input(ids.VIEW_QUERY, "data"), State(ids.TOUR_DATA, "data")), True),
    ("selectTab", (Output(TABS, "aria-selected"), Output(TABS, "tabIndex"), Output(ids.OPEN_TAB, "data")),
     (Input(TABS, "n_clicks"),), True),
    ("stepTour", (Output(ids.TOUR_STATE, "data"), Output(ids.TOUR, "className"), Output(ids.TOUR_CAPTION, "children"),
                  Output(ids.TOUR_SOURCES, "children"), Output(ids.TOUR_POSITION, "children"),
                  Output(ids.TOUR_NOTE, "children")),
     (Input(ids.TOUR_START, "n_clicks"), Input(ids.TOUR_NEXT, "n_clicks"), Input(ids.TOUR_PREV, "n_clicks"),
      Input(ids.TOUR_EXIT, "n_clicks"), Input({"type": ids.TOUR_JUMP, "index": ALL}, "n_clicks"),
      State(ids.TOUR_STATE, "data"), State(ids.TOUR_DATA, "data")), True),
    ("togglePlay", (Output(ids.PLAY_INTERVAL, "disabled"), Output(ids.PLAY, "children"), Output(ids.PLAY, "aria-pressed")),
     (Input(ids.PLAY, "n_clicks"), State(ids.PLAY_INTERVAL, "disabled"), State(ids.PLAY, "data-play"),
      State(ids.PLAY, "data-pause")), True),
    ("renderRequest", (Output(ids.RENDER_REQUEST, "data"),),
     (Input(ids.SHELL_URL, "pathname"), State(ids.SHELL_URL, "search"), State(ids.PAGE_QUERY, "data")), False),
)


def register(app) -> None:
    for name, outputs, inputs, prevent_initial_call in CLIENTSIDE:
        app.clientside_callback(ClientsideFunction(namespace="returns", function_name=name), *outputs, *inputs,
                                prevent_initial_call=prevent_initial_call)
