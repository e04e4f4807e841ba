"""The server's callbacks: what only the server can say about a view.

The browser owns the view (assets/view.js; the clientside callbacks in ``clientside.py``).
Each function here reads what the browser sent, checks it (``ViewState.from_dict``: it may
be tampered), asks a pure function, and returns. They are plain module-level functions of
``(deps, *values)``, so tests call them directly; ``register`` binds them to one app.

A year step asks for two of them: ``show_view`` (the summary, the map for a range of years,
the view's query) and ``show_panel`` (the open tab). A filter change also asks
``show_filters`` (the year frames and the chart's data for the new filters).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass

from dash import ALL, Input, Output, State, ctx, no_update, set_props
from dash.exceptions import MissingCallbackContextException

from geodata import Dataset

from . import ids, stories, story_panel, tabs
from .figures.bars import bar_data
from .figures.geometry import MapGeometry
from .figures.map import range_frame, year_frames
from .i18n import t
from .layout import notice_items, page_for
from .place_search import find_place as search_place, region_from_text, region_labels, region_options
from .state import MAX_QUERY, StateContext, ViewState, parse_query, view_query
from .story_panel import draft_parts
from .summary import summary_sentence
from .tour import Tour


@dataclass(frozen=True)
class Deps:
    """What every callback reads and none changes: built once per app."""

    dataset: Dataset
    geometry: MapGeometry
    context: StateContext
    tour: "Tour | stories.Story"     # the built-in tour, or a curator's story file (TOUR)
    idle_seconds: int = 90

    def view(self, data) -> ViewState:
        return ViewState.from_dict(data, self.context)


def render_page(deps: Deps, search):
    """The page for a URL the layout's page was not built for (the browser sent no Referer
    with its layout request; assets/app.js renderRequest asks only then)."""
    if not isinstance(search, str):
        return no_update, no_update
    search = search[:MAX_QUERY]
    return page_for(deps, search), search


def _page_base(href) -> str:
    """The page's address without its query, for the links a panel gives ("/" if unknown)."""
    return href.split("?")[0][:2048] if isinstance(href, str) and href.startswith("http") else "/"


def show_view(deps: Deps, view):
    """What follows the view on every change: the summary, the region box's text and the
    query; and, for a range of years, the map's properties for it (a single year is in the
    year frames). Those are sent with ``dash.set_props``, not as a declared output, so that
    Dash does not hold the browser's own redraw of a year step until this answer is back."""
    state = deps.view(view)
    frame = range_frame(deps.dataset, deps.geometry, state)
    if frame is not None and _in_callback():
        set_props(ids.RANGE_FRAME, {"data": frame})
    return (summary_sentence(deps.dataset, state), region_labels(deps.dataset, state.lang).get(state.region, ""),
            view_query(state, deps.context))


def show_panel(deps: Deps, view, tab, sort, in_view, href):
    """The open tab's content for the view, once the panel has been on screen (closed tabs
    are built when opened; a panel no one has seen, below a phone's first screen or hidden
    on a kiosk, is not built at all)."""
    if not in_view:
        return no_update
    state = deps.view(view)
    base = _page_base(href)
    return tabs.panel(deps, tabs.name_of(tab), state, sort, base)


def show_filters(deps: Deps, filters, wanted, view):
    """What changes only with the filters, language or layer: the year frames (so the browser
    draws year steps alone), the chart's data and the region suggestions. On load the frames
    only: the page came with the chart. The suggestions (90 components, on no first screen)
    once the search box has been focused, and then with each language or layer."""
    state = deps.view(view)
    options = region_options(deps.dataset, state.lang, state.layer) if wanted is True else no_update
    if _triggered() == ids.REGION_WANTED:
        return no_update, no_update, options
    filters = filters if isinstance(filters, dict) else {}
    key = filters.get("key") if isinstance(filters.get("key"), str) else ""
    frames = year_frames(deps.dataset, deps.geometry, state, key)
    return frames, no_update if filters.get("first") is True else bar_data(deps.dataset, state), options


def find_place(deps: Deps, submits, blurs, text, view):
    """What the search box's text names, for the browser to open: a label picked from the
    list is a region; any other name of a region or a port finds it (see place_search); a
    near miss keeps the view and suggests names."""
    state = deps.view(view)
    lang = state.lang
    count = sum(n for n in (submits, blurs) if isinstance(n, int))
    region = region_from_text(deps.dataset, lang, text)
    if region is not None:
        return {"kind": "region", "id": region, "n": count}, ""
    found = search_place(deps.dataset, text, lang)
    if found.kind:
        return {"kind": found.kind, "id": found.id, "n": count}, ""
    shown = text.strip()[:60] if isinstance(text, str) else ""
    if found.suggestions:
        names = t(lang, "search_names_join").join(found.suggestions)
        return no_update, t(lang, "search_suggest", text=shown, names=names)
    return no_update, t(lang, "search_none", text=shown)


def open_query(deps: Deps, request, view):
    """A query the browser came to by itself (back or forward): the view it names, and the
    notices of what in it was ignored, in the page's language."""
    if not isinstance(request, dict) or not isinstance(request.get("query"), str):
        return no_update, no_update
    opened = stories.open_query(request["query"], deps.context)   # a story's link opens its stop
    lang = deps.view(view).lang
    return ({"kind": "view", "view": opened.state.to_dict(), "n": request.get("n")},
            notice_items(opened.notices, lang, opened.problems))


def open_found(deps: Deps, submits, blurs, request, text, view):
    """What the server read for the browser to open (one store, ids.FOUND): the place the
    search box names (``find_place``), or the view of a query the browser came to by itself
    (``open_query``), with what it ignored."""
    if _triggered() == ids.OPEN_REQUEST:
        found, notices = open_query(deps, request, view)
        return found, no_update, notices
    found, suggestions = find_place(deps, submits, blurs, text, view)
    return found, suggestions, no_update


def _upload_text(contents) -> str | None:
    """The text of a file dcc.Upload sent (a data: URL, base64), or None."""
    if not isinstance(contents, str) or "," not in contents or len(contents) > 8 * stories.MAX_LINK:
        return None
    try:
        return base64.b64decode(contents.split(",", 1)[1], validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def _in_callback() -> bool:
    """Whether a Dash callback is running (tests call these functions directly)."""
    try:
        ctx.triggered_id  # noqa: B018  (raises outside a callback)
    except MissingCallbackContextException:
        return False
    return True


def _triggered():
    """The id of the input that fired (None outside a callback, as when a test calls one)."""
    return ctx.triggered_id if _in_callback() else None


def edit_story(deps: Deps, add, edits, title, upload, note, view, draft):
    """The story builder's draft after one edit: add the current view with its note, move
    or remove a stop, retitle, or open a file. The note box empties once its stop is added;
    the title box shows the draft's title when the edit changed it (a file was opened, or
    the typed title was cut to its length)."""
    trigger = _triggered()
    lang = deps.view(view).lang
    unchanged = no_update, no_update, no_update, no_update
    if trigger == ids.STORY_ADD:
        edited, cleared, notice = stories.edit(draft, "add", deps.context, view=deps.view(view), note=note), "", ""
    elif isinstance(trigger, dict) and trigger.get("type") == ids.STORY_EDIT:
        if not any(isinstance(n, int) and n > 0 for n in edits or []):
            return unchanged   # the list was redrawn, nothing was pressed
        edited, cleared, notice = stories.edit(draft, str(trigger.get("op")), deps.context,
                                               index=trigger.get("index")), no_update, ""
    elif trigger == ids.STORY_TITLE:
        if _draft_title(draft) == title:
            return unchanged
        edited, cleared, notice = stories.edit(draft, "title", deps.context, title=title), no_update, no_update
    elif trigger == ids.STORY_UPLOAD:
        story, problems = stories.from_yaml(_upload_text(upload), deps.context)
        words = " ".join(t(lang, p.what, n=p.stop) for p in problems)
        if not story.stops:
            return no_update, no_update, words or t(lang, "story_empty"), no_update
        edited, cleared, notice = stories.edit(draft, "load", deps.context, story=story), no_update, words
    else:
        return unchanged
    shown = _draft_title(edited)
    return edited, cleared, notice, no_update if shown == (title or "") else shown


def _draft_title(draft) -> str:
    return draft.get("title") if isinstance(draft, dict) and isinstance(draft.get("title"), str) else ""


def _story_parts(deps: Deps, draft, lang: str, href) -> tuple:
    return draft_parts(deps.dataset, draft, deps.context, lang, _page_base(href).rstrip("/") + "/")


def show_builder(deps: Deps, wanted, view, draft, href):
    """The story builder's body, once the builder is first opened, with the draft in it."""
    if wanted is not True:
        return no_update
    lang = deps.view(view).lang
    return story_panel.body(lang, _story_parts(deps, draft, lang, href), _draft_title(draft))


def show_story(deps: Deps, draft, view, href):
    """The builder's list, count, link, preview and file for the draft (its title box is
    edit_story's: the box is an input there, and a second writer would close a loop)."""
    return _story_parts(deps, draft, deps.view(view).lang, href)


@dataclass(frozen=True)
class Callback:
    function: object
    outputs: tuple
    inputs: tuple
    prevent_initial_call: bool = True


CALLBACKS = (
    Callback(render_page, (Output(ids.PAGE, "children"), Output(ids.PAGE_QUERY, "data")),
             (Input(ids.RENDER_REQUEST, "data"),)),
    Callback(show_view, (Output(ids.SUMMARY, "children"), Output(ids.REGION, "value"),
                         Output(ids.VIEW_QUERY, "data")),
             (Input(ids.VIEW, "data"),)),
    Callback(show_panel, (Output(ids.TABPANEL, "children"),),
             (Input(ids.VIEW, "data"), Input(ids.OPEN_TAB, "data"), Input(ids.TABLE_SORT_STATE, "data"),
              Input(ids.PANEL_IN_VIEW, "data"), State(ids.URL, "href"))),
    Callback(show_filters, (Output(ids.YEAR_FRAMES, "data"), Output(ids.BAR_DATA, "data"),
                            Output(ids.REGION_OPTIONS, "children")),
             (Input(ids.VIEW_FILTERS, "data"), Input(ids.REGION_WANTED, "data"), State(ids.VIEW, "data"))),
    Callback(open_found, (Output(ids.FOUND, "data"), Output(ids.REGION_SUGGESTIONS, "children"),
                          Output(ids.NOTICES, "children")),
             (Input(ids.REGION, "n_submit"), Input(ids.REGION, "n_blur"), Input(ids.OPEN_REQUEST, "data"),
              State(ids.REGION, "value"), State(ids.VIEW, "data"))),
    Callback(edit_story, (Output(ids.STORY_DRAFT, "data"), Output(ids.STORY_NOTE, "value"),
                          Output(ids.STORY_NOTICE, "children"), Output(ids.STORY_TITLE, "value")),
             (Input(ids.STORY_ADD, "n_clicks"), Input(ids.story_edit(ALL, ALL), "n_clicks"),
              Input(ids.STORY_TITLE, "value"), Input(ids.STORY_UPLOAD, "contents"), State(ids.STORY_NOTE, "value"),
              State(ids.VIEW, "data"), State(ids.STORY_DRAFT, "data"))),
    Callback(show_builder, (Output(ids.STORY_BODY, "children"),),
             (Input(ids.STORY_WANTED, "data"), State(ids.VIEW, "data"), State(ids.STORY_DRAFT, "data"),
              State(ids.URL, "href"))),
    Callback(show_story, (Output(ids.STORY_STOPS, "children"), Output(ids.STORY_COUNT, "children"),
                          Output(ids.STORY_LINK, "value"), Output(ids.STORY_PREVIEW, "href"),
                          Output(ids.STORY_DOWNLOAD, "href")),
             (Input(ids.STORY_DRAFT, "data"), State(ids.VIEW, "data"), State(ids.URL, "href"))),
)


def _bound(callback: Callback, deps: Deps):
    function = callback.function

    def bound(*values):
        return function(deps, *values)

    bound.__name__ = bound.__qualname__ = function.__name__
    bound.__doc__ = function.__doc__
    return bound


def register(app, deps: Deps) -> None:
    """Bind every server callback to ``app`` (each app its own: tests build several)."""
    for callback in CALLBACKS:
        app.callback(*callback.outputs, *callback.inputs,
                     prevent_initial_call=callback.prevent_initial_call)(_bound(callback, deps))
