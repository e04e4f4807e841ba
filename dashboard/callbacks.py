"""Callbacks: thin wiring. Each parses what the browser sent, asks a pure function, returns.

``register(app, dataset, geometry, context)`` binds them to one app instance (no module-level
``@callback``), so tests can build several apps. No per-visitor state lives on the server:
the view is in the URL and in the browser's ``dcc.Store``.
"""

from __future__ import annotations

from dataclasses import replace

from dash import ALL, Input, Output, Patch, State, ctx, no_update

from geodata import DATASET_VERSION, Dataset

from . import ids, panels
from .figures.bars import bar_patch
from .figures.geometry import MapGeometry
from .figures.map import GEO_VIEW, map_patch, year_frames
from .interactions import reduce_view
from .place_search import find_place
from .layout import (build_page, layer_choices, port_choices, region_from_text, region_labels,
                     region_options, region_options_key)
from .state import LANGS, StateContext, ViewState, parse_query, to_query
from .i18n import t
from .summary import summary_sentence, years_label
from .tour import Tour, caption_text, stop_state


def citation(dataset: Dataset, state: ViewState, permalink: str) -> str:
    return (f"“Returns from Japan to North Korea, 1947–1984” dataset v{DATASET_VERSION} "
            f"({dataset.fingerprint}), view: {years_label(state, 'en')}"
            f"{', ' + state.region if state.region else ''}{', ' + state.port if state.port else ''}. "
            f"{permalink}")


def register(app, dataset: Dataset, geometry: MapGeometry, context: StateContext,
             tour: Tour, idle_seconds: int = 90):
    """Bind the callbacks to ``app``; returns ``page_for(search)``, the page for a URL query."""
    def view_of(data) -> ViewState:
        return ViewState.from_dict(data, context)

    def page_for(search: str) -> list:
        return build_page(dataset, geometry, context, *parse_query(search, context), tour, idle_seconds)

    @app.callback(
        Output(ids.PAGE, "children"), Output(ids.VIEW, "data"), Output(ids.MAP_LAYER, "data"),
        Input(ids.SHELL_URL, "pathname"), State(ids.SHELL_URL, "search"), State(ids.VIEW, "data"),
    )
    def render_page(_pathname, search, view):
        """Build the page, unless the layout already brought it for this very URL."""
        search = search[:4096] if isinstance(search, str) else ""
        state, _ = parse_query(search, context)
        if isinstance(view, dict) and view == state.to_dict():
            return no_update, no_update, no_update
        return page_for(search), state.to_dict(), state.to_dict()

    # the toggle buttons: button id -> (kind, value); the same choices in every language
    toggles = {ids.toggle_id(kind, value): (kind, value)
               for kind, values in ((ids.PORT, [v for v, _ in port_choices(dataset, context.default.lang)]),
                                    (ids.LAYER, [v for v, _ in layer_choices(context.default.lang)]))
               for value in values}

    @app.callback(
        Output(ids.VIEW, "data", allow_duplicate=True),
        Output(ids.URL, "search"),
        Output(ids.REGION, "value"),
        *[Output(button, "aria-pressed") for button in toggles],
        Output(ids.REGION_SUGGESTIONS, "children"),
        Input(ids.URL, "search"),
        Input(ids.YEARS_CHOSEN, "data"),
        Input(ids.REGION, "value"),
        Input(ids.MAP, "clickData"),
        Input(ids.CLEAR, "n_clicks"),
        *[Input(button, "n_clicks") for button in toggles],
        State(ids.VIEW, "data"),
        prevent_initial_call=True,
    )
    def sync_view(search, years, region_text, map_click, _clear, *buttons_and_view):
        """The one place the view changes: from the URL (back/forward, a tour stop) or from a
        control (the years come chosen by the browser, see clientside.py); it then sets the
        URL and the controls to match."""
        trigger = ctx.triggered_id
        state = view_of(buttons_and_view[-1])
        hint = ""
        if trigger == ids.URL:
            new, _ = parse_query(search, context)
        else:
            if trigger in toggles:  # a port or layer button: its value is in its id
                trigger, value = toggles[trigger]
            elif trigger == ids.REGION:
                trigger, value, hint = _searched(dataset, state.lang, region_text)
            else:
                value = {ids.YEARS_CHOSEN: years, ids.MAP: map_click}.get(trigger)
            new = reduce_view(state, trigger, value, context) if value is not None or trigger == ids.CLEAR else state
        if new == state and trigger != ids.URL:
            # a rejected input: put the controls back to what the view says (and say why)
            return no_update, no_update, *_control_values(dataset, new, toggles), hint
        if new == state:
            return (no_update,) * (3 + len(toggles)) + (hint,)
        query = to_query(new, context)
        return (new.to_dict(), query if trigger != ids.URL else no_update, *_control_values(dataset, new, toggles),
                hint)

    # what changes only with the filters, language or layer: triggered by VIEW_FILTERS (set in
    # the browser when those change), so a year step asks the server for none of it
    @app.callback(Output(ids.YEAR_FRAMES, "data"), Input(ids.VIEW_FILTERS, "data"), State(ids.VIEW, "data"))
    def update_frames(_filters, view):
        """What the map needs for every year of the view's filters, so the browser draws
        year steps alone (sent on load, then when the filters change)."""
        return year_frames(dataset, geometry, view_of(view))

    @app.callback(
        Output(ids.MAP, "figure"), Output(ids.MAP_LAYER, "data", allow_duplicate=True),
        Input(ids.MAP_REQUEST, "data"), prevent_initial_call=True,
    )
    def update_map(view):
        """A view the browser could not draw from the year frames (new filters, language or
        layer): every view property of the map, so it lands right whatever the map showed."""
        state = view_of(view)
        return map_patch(dataset, geometry, state), state.to_dict()

    @app.callback(
        Output(ids.MAP, "figure", allow_duplicate=True),
        Input(ids.RESET_MAP, "n_clicks"), prevent_initial_call=True,
    )
    def reset_map(n_clicks):
        patch = Patch()
        patch["layout"]["geo"]["lonaxis"]["range"] = GEO_VIEW["lonaxis_range"]
        patch["layout"]["geo"]["lataxis"]["range"] = GEO_VIEW["lataxis_range"]
        patch["layout"]["geo"]["projection"]["scale"] = 1
        patch["layout"]["geo"]["center"] = {}
        patch["layout"]["uirevision"] = f"map-{n_clicks if isinstance(n_clicks, int) else 0}"
        return patch

    # The page is built filled for its view (layout.build_page), so the views below run only
    # when the view changes, not once more on load.
    @app.callback(
        Output(ids.BARS, "figure", allow_duplicate=True),
        Input(ids.VIEW_FILTERS, "data"), State(ids.VIEW, "data"), prevent_initial_call=True,
    )
    def update_bars(_filters, view):
        """The bars for new filters or language (the chosen years are shaded in the browser)."""
        return bar_patch(dataset, view_of(view))

    @app.callback(Output(ids.SUMMARY, "children"), Input(ids.VIEW, "data"), prevent_initial_call=True)
    def update_summary(view):
        return summary_sentence(dataset, view_of(view))

    @app.callback(Output(ids.TABLE, "children"), Input(ids.VIEW, "data"), Input(ids.TABLE_SORT_STATE, "data"),
                  prevent_initial_call=True)
    def update_table(view, sort):
        sort = sort if isinstance(sort, dict) else {}
        column = sort.get("column") if sort.get("column") in panels.TABLE_COLUMNS else "year"
        state = view_of(view)
        return panels.table_component(panels.table_rows(dataset, state), state.lang,
                                      {"column": column, "ascending": sort.get("ascending") is not False})

    @app.callback(
        Output(ids.TABLE_SORT_STATE, "data"),
        Input({"type": ids.TABLE_SORT, "column": ALL}, "n_clicks"), State(ids.TABLE_SORT_STATE, "data"),
        prevent_initial_call=True,
    )
    def sort_table(clicks, sort):
        """A header click sorts by that column; a second click reverses the order."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not any(isinstance(c, int) and c > 0 for c in clicks or []):
            return no_update
        column = trigger.get("column")
        if column not in panels.TABLE_COLUMNS:
            return no_update
        current = sort if isinstance(sort, dict) else {}
        ascending = not current.get("ascending", True) if current.get("column") == column else True
        return {"column": column, "ascending": ascending}

    @app.callback(
        Output(ids.TIMELINE, "children"), Output(ids.SAILINGS, "children"),
        Output(ids.ORIGINS, "children"), Output(ids.SOURCES, "children"),
        Input(ids.VIEW, "data"), prevent_initial_call=True,
    )
    def update_details(view):
        state = view_of(view)
        return (panels.timeline_panel(dataset, state), panels.sailings_panel(dataset, state),
                panels.origins_panel(dataset, state), panels.sources_panel(dataset, state))

    @app.callback(
        Output(ids.CITATION, "children"), Output(ids.PERMALINK, "href"),
        Output(ids.PERMALINK, "children"), Output(ids.DOWNLOAD_CSV, "href"),
        Output(ids.DOWNLOAD_GEOJSON, "href"),
        *[Output(f"{ids.LANG}-{code}", "href") for code in LANGS],
        Input(ids.VIEW, "data"), State(ids.URL, "href"),
    )
    def update_links(view, href):
        """Everything that points at the view: citation, permalink, downloads, the language
        links (same view, other language)."""
        base = href.split("?")[0][:2048] if isinstance(href, str) and href.startswith("http") else "/"
        return _links(dataset, context, view_of(view), base)

    @app.callback(
        Output(ids.REGION_OPTIONS, "children"), Output(ids.REGION_OPTIONS, "className"),
        Input(ids.VIEW_FILTERS, "data"), State(ids.VIEW, "data"), State(ids.REGION_OPTIONS, "className"),
        prevent_initial_call=True,
    )
    def update_region_options(_filters, view, shown):
        """The region suggestions for the view's language and layer, sent only when those change."""
        state = view_of(view)
        key = region_options_key(state.lang, state.layer)
        if shown == key:
            return no_update, no_update
        return region_options(dataset, state.lang, state.layer), key

    register_tour(app, dataset, context, tour)
    return page_for


def _links(dataset: Dataset, context: StateContext, state: ViewState, base: str) -> tuple:
    query = to_query(state, context)
    permalink = base + query
    languages = [base + to_query(replace(state, lang=code), context) or base for code in LANGS]
    return (citation(dataset, state, permalink), permalink, permalink,
            "/export/flows.csv" + query, "/export/flows.geojson" + query, *languages)


def register_tour(app, dataset: Dataset, context: StateContext, tour: Tour) -> None:
    @app.callback(
        Output(ids.TOUR_STATE, "data"), Output(ids.URL, "search", allow_duplicate=True),
        Output(ids.TOUR, "className"), Output(ids.TOUR_CAPTION, "children"),
        Output(ids.TOUR_SOURCES, "children"), Output(ids.TOUR_POSITION, "children"),
        Input(ids.TOUR_START, "n_clicks"), Input(ids.TOUR_NEXT, "n_clicks"),
        Input(ids.TOUR_PREV, "n_clicks"), Input(ids.TOUR_EXIT, "n_clicks"),
        Input({"type": ids.TOUR_JUMP, "index": ALL}, "n_clicks"),
        State(ids.TOUR_STATE, "data"), State(ids.VIEW, "data"),
        prevent_initial_call=True,
    )
    def step_tour(_start, _next, _prev, _exit, _jumps, tour_state, view):
        """Move through the tour: each stop is a URL, so the view follows as for a link."""
        trigger = ctx.triggered_id
        current = ViewState.from_dict(view, context)
        stop = step(tour_state, trigger, len(tour.stops))
        if stop is None:  # left the tour: keep the view, hide the tour controls
            return {"active": False, "stop": 0}, no_update, "tour inactive", "", "", ""
        state = stop_state(tour.stops[stop], context, current.lang, current.mode)
        caption, sources = caption_text(dataset, tour.stops[stop], state)
        position = t(current.lang, "tour_stop_of", n=stop + 1, total=len(tour.stops))
        return ({"active": True, "stop": stop}, to_query(state, context), "tour active", caption,
                f"[{'; '.join(sources)}]", position)


def step(tour_state, trigger, count: int) -> int | None:
    """The stop to show after ``trigger``, or ``None`` to leave the tour."""
    current = tour_state.get("stop", 0) if isinstance(tour_state, dict) else 0
    current = current if isinstance(current, int) and 0 <= current < count else 0
    active = isinstance(tour_state, dict) and tour_state.get("active") is True
    if trigger == ids.TOUR_EXIT:
        return None
    if trigger == ids.TOUR_START or not active:
        return 0
    if trigger == ids.TOUR_NEXT:
        return (current + 1) % count
    if trigger == ids.TOUR_PREV:
        return (current - 1) % count
    if isinstance(trigger, dict) and trigger.get("type") == ids.TOUR_JUMP:
        index = trigger.get("index")
        return index if isinstance(index, int) and 0 <= index < count else current
    return current


def _searched(dataset: Dataset, lang: str, text) -> tuple[str, str | None, str]:
    """What the search box's text names: (the control it acts as, its value, a hint). A label
    picked from the list is a region; any other name of a region or a port finds it (see
    place_search); a near miss keeps the view and suggests names."""
    region = region_from_text(dataset, lang, text)
    if region is not None:
        return ids.REGION, region, ""
    found = find_place(dataset, text, lang)
    if found.kind:
        return (ids.PORT if found.kind == "port" else ids.REGION), found.id, ""
    shown = text.strip()[:60] if isinstance(text, str) else ""
    if found.suggestions:
        return ids.REGION, None, t(lang, "search_suggest", text=shown, names=t(lang, "search_names_join").join(found.suggestions))
    return ids.REGION, None, t(lang, "search_none", text=shown)


def _control_values(dataset: Dataset, state: ViewState, toggles: dict) -> tuple:
    """What the region box and the toggle buttons show for ``state``."""
    region = region_labels(dataset, state.lang).get(state.region, "")
    chosen = {ids.PORT: state.port, ids.LAYER: state.layer}
    pressed = ["true" if value == chosen[kind] else "false" for kind, value in toggles.values()]
    return (region, *pressed)
