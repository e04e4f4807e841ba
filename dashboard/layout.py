"""The page: a static shell, and the page built for one view and one language.

The shell holds the outer URL and the page. ``build_page`` builds everything a visitor sees
for the view in the URL (once per page load); after that the browser owns the view and
draws its changes, and the server's callbacks fill in the words (``callbacks.py``). Only
what the first screen shows is built: the open tab, not the others (``tabs.py``).
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlsplit

from dash import dcc, html
from flask import has_request_context, request

from . import ids, panels, tabs
from .figures.bars import build_bar_figure, chart_style
from .figures.map import GEO_VIEW, build_map_figure
from .i18n import t
from .place_search import region_labels
from .profiles import profile_for
from .state import LANGS, MAX_QUERY, parse_query, to_query, view_query
from . import stories, story_panel
from .summary import summary_sentence
from .tour import story_data, tour_data



def shell(page: list | None = None, query: str | None = None) -> html.Div:
    """The page's frame. ``page`` is the page built for the view in the URL (see
    ``page_query``), so it arrives with the layout, with no callback round trip; when the
    URL could not be read, the ``render_page`` callback builds it instead.

    The outer Location only tells ``render_page`` the URL; the page holds its own Location
    (ids.URL), so every input of the page's callbacks lives inside the page."""
    return html.Div([
        dcc.Location(id=ids.SHELL_URL, refresh=False),
        dcc.Store(id=ids.PAGE_QUERY, data=query),
        dcc.Store(id=ids.RENDER_REQUEST),
        html.Div(page, id=ids.PAGE, className="page"),
    ])


def page_query() -> str | None:
    """The query of the page whose layout is being requested, or None if unknown.

    The browser fetches ``/_dash-layout`` from the page itself and, under the same-origin
    referrer policy, names the page (with its query) in the Referer header."""
    if not has_request_context() or not request.referrer:
        return None
    page = urlsplit(request.referrer)
    if page.netloc != request.host:
        return None
    return "?" + page.query[:MAX_QUERY] if page.query else ""


def view_context(deps) -> dict:
    """What a view may hold, for the browser's reducer (assets/view.js), and what it draws
    with: sent once with the page."""
    dataset, context = deps.dataset, deps.context
    return {"years": list(context.years), "regions": sorted(context.region_ids), "ports": sorted(context.port_ids),
            "layers": ["today", "1945"], "chart": chart_style(),
            "map_home": {"lonaxis": GEO_VIEW["lonaxis_range"], "lataxis": GEO_VIEW["lataxis_range"]}}


def notice_items(notices, lang: str, problems=()) -> list:
    """What of a URL was ignored or adjusted (``notices``), and of its story (``problems``)."""
    return [html.Li(t(lang, p.what, n=p.stop)) for p in problems] + [html.Li(t(lang, "notice_adjusted", param=n.param, value=n.value, shown=n.shown) if n.shown
                    else t(lang, "notice_ignored", param=n.param, value=n.value)) for n in notices]


def toggle_buttons(kind: str, choices: list[tuple[str, str]], selected: str) -> list[html.Button]:
    """A group of real buttons, the chosen one pressed (aria-pressed): keyboard and touch
    friendly, and announced as toggles by screen readers."""
    return [html.Button(label, id=ids.toggle(kind, value), n_clicks=0, className="button toggle",
                        **{"aria-pressed": "true" if value == selected else "false"})
            for value, label in choices]


def port_choices(dataset, lang: str) -> list[tuple[str, str]]:
    ports = [p for p in dataset.place_rows.values() if p.kind != "other"]
    return [("", t(lang, "port_placeholder"))] + [(p.id, str(getattr(p, f"name_{lang}"))) for p in ports]


def layer_choices(lang: str) -> list[tuple[str, str]]:
    return [("today", t(lang, "layer_today")), ("1945", t(lang, "layer_1945"))]


def language_links(deps, state) -> list[html.A]:
    """Plain links: switching language loads the page in that language, with the same view
    (the browser keeps the hrefs current, from the server's ``view_query``)."""
    return [html.A(t(code, "lang_name"), id=ids.lang_link(code), lang=code, hrefLang=code, className="button lang",
                   href=to_query(replace(state, lang=code), deps.context) or "?",
                   **({"aria-current": "true"} if code == state.lang else {}))
            for code in LANGS]


def years_text(state) -> str:
    """The chosen years as numerals: "1960" or "1959–1984" (the same in every language)."""
    return str(state.year_from) if state.year_from == state.year_to else f"{state.year_from}–{state.year_to}"


def year_control(deps, state) -> html.Section:
    """The timeline strip: the per-year chart is the year control. Click a year, drag across
    years for a range, Play, or the keyboard on the chart (assets/app.js: ←/→ a year,
    Shift+←/→ the range's end, Home/End); the previous/next buttons step a year."""
    lang, years = state.lang, deps.context.years
    profile = profile_for(state.mode)
    step = lambda key, id_, symbol, action: html.Button(  # noqa: E731
        symbol, id=id_, n_clicks=0, className="button year-step", title=t(lang, key),
        **{"aria-label": t(lang, key), "aria-controls": ids.YEARS, "data-year-step": action})
    return html.Section([
        html.Div([
            html.Button(t(lang, "play"), id=ids.PLAY, n_clicks=0, className="button play explore-only",
                        **{"aria-pressed": "false", "data-play": t(lang, "play"), "data-pause": t(lang, "pause")}),
            step("year_prev", ids.YEAR_PREV, "◀", "prev"),
            html.Output(years_text(state), id=ids.YEAR_READOUT, className="year-readout",
                        **{"aria-live": "polite", "htmlFor": ids.YEARS}),
            step("year_next", ids.YEAR_NEXT, "▶", "next"),
            dcc.Interval(id=ids.PLAY_INTERVAL, interval=1200, disabled=True),
        ], className="year-buttons"),
        html.Div([
            dcc.Graph(id=ids.BARS, figure=build_bar_figure(deps.dataset, state), className="bars-graph",
                      responsive=True,
                      config={"displayModeBar": False, "displaylogo": False, "showSendToCloud": False,
                              "locale": lang}),
            # the chosen years: a box over the chart's plot area (its insets are the chart's
            # margins), moved by the browser (assets/app.js drawChart), so a step redraws no chart
            html.Div(html.Div(id=ids.YEAR_SELECTION, className="year-selection-box"), className="year-selection",
                     style=dict(zip(("left", "right", "top", "bottom"), (f"{m}px" for m in profile.chart_margin))),
                     **{"aria-hidden": "true"}),
        ], id=ids.YEARS, className="year-control", role="slider", tabIndex="0",
            **{"aria-label": t(lang, "years_label"), "aria-valuemin": str(years[0]),
               "aria-valuemax": str(years[-1]), "aria-valuenow": str(state.year_from),
               "aria-valuetext": years_text(state), "aria-describedby": "year-hint",
               "data-key-store": ids.YEAR_KEYS}),
        html.P(t(lang, "year_control_hint"), id="year-hint", className="year-hint explore-only"),
        html.Button(t(lang, "kiosk_restart"), id=ids.KIOSK_RESTART, n_clicks=0, className="button kiosk-restart")
        if profile.idle_reset else None,
        dcc.Store(id=ids.YEAR_KEYS),
        dcc.Store(id=ids.YEAR_KEYS_SEEN, data=0),
        dcc.Store(id=ids.BAR_DATA),
    ], className="timeline-strip", **{"aria-label": t(lang, "chart_title")})


def tour_panel(deps, state, story=None) -> html.Section:
    """The guided tour, or a teacher's story (``story``: a Story, its link code, its stop): start,
    step (buttons or arrow keys), jump to a stop, or leave. The browser plays it from
    ``tour-data`` (assets/app.js stepTour). A story opens at its first stop, its note shown
    apart, as the words of whoever made the link."""
    lang = state.lang
    if story is not None:
        data = story_data(deps.dataset, story[0], deps.context, lang, state.mode, story[1])
    elif isinstance(deps.tour, stories.Story):   # a curator's story file chosen as the tour
        data = story_data(deps.dataset, deps.tour, deps.context, lang, state.mode, "")
    else:
        data = tour_data(deps.dataset, deps.tour, deps.context, lang, state.mode)
    is_story = data["id"] == "story"
    count = len(data["stops"])
    playing = story is not None and not profile_for(state.mode).idle_reset   # the kiosk starts its own loop
    at = story[2] if playing else 0
    first = data["stops"][at] if playing else {}
    jumps = [html.Button(str(i + 1), id={"type": ids.TOUR_JUMP, "index": i}, n_clicks=0, className="button jump",
                         **{"aria-label": t(lang, "tour_stop_of", n=i + 1, total=count)})
             for i in range(count)]
    tour_button = lambda key, id_, role: html.Button(t(lang, key), id=id_, n_clicks=0,  # noqa: E731
                                                     className="button", **{"data-tour": role})
    note = html.Figure([
        html.Figcaption(t(lang, "story_note_by"), className="story-note-by"),
        html.Blockquote(first.get("note", ""), id=ids.TOUR_NOTE, className="story-note"),
    ], className="story-note-box")   # always there (a callback's output), shown for a story
    classes = "tour " + ("active" if playing else "inactive") + (" story" if is_story else "")
    return html.Section([
        html.H2(data["title"] or t(lang, "story_untitled")),
        html.Button(t(lang, "tour_start"), id=ids.TOUR_START, n_clicks=0, className="button tour-start",
                    **{"data-tour": "start"}),
        html.Div([
            note,
            html.P(t(lang, "story_record"), className="story-record") if is_story else None,
            html.P(first.get("caption"), id=ids.TOUR_CAPTION, className="tour-caption", **{"aria-live": "polite"}),
            html.P(first.get("sources"), id=ids.TOUR_SOURCES, className="cite"),
            html.Div([
                tour_button("tour_prev", ids.TOUR_PREV, "prev"),
                html.Span(first.get("position"), id=ids.TOUR_POSITION, className="tour-position"),
                tour_button("tour_next", ids.TOUR_NEXT, "next"),
                tour_button("tour_exit", ids.TOUR_EXIT, "exit"),
            ], className="tour-steps"),
            html.Div(jumps, className="tour-jumps", role="group", **{"aria-label": t(lang, "tour_label")}),
            html.A(t(lang, "print_handout"), href="/handout" + stories.link(story[0] if story else deps.tour, lang=lang),
                   className="button handout-link explore-only", target="_blank", rel="noopener") if is_story else None,
        ], className="tour-body"),
        dcc.Store(id=ids.TOUR_DATA, data=data),
        dcc.Store(id=ids.TOUR_STATE, data={"active": playing, "stop": at, **({"view": first["view"]} if playing else {})}),
    ], id=ids.TOUR, className=classes, **{"aria-label": t(lang, "tour_label")})


def kiosk_overlay(lang: str, idle_seconds: int) -> html.Div:
    """The "Still there?" countdown, driven by assets/kiosk.js (kiosk mode only)."""
    return html.Div([
        html.Div([
            html.P(t(lang, "kiosk_still_there"), className="kiosk-question", id="kiosk-question"),
            html.P(className="kiosk-countdown", id="kiosk-countdown",
                   **{"data-template": t(lang, "kiosk_countdown", seconds="{seconds}")}),
            html.Button(t(lang, "kiosk_continue"), id=ids.KIOSK_CONTINUE, className="button kiosk-continue"),
        ], className="kiosk-dialog", role="alertdialog", **{"aria-labelledby": "kiosk-question"}),
    ], id=ids.KIOSK, className="kiosk-overlay", hidden=True, **{"data-idle-seconds": str(idle_seconds)})


def tab_list(deps, state) -> html.Div:
    """The side panel's tabs: real buttons (role=tab, aria-selected) switched in the browser
    (assets/app.js selectTab, also ←/→/Home/End in the tab list); one tab panel holds the
    open tab, built for it alone (``tabs.panel``) once the panel is on screen."""
    lang = state.lang
    first = tabs.TABS[0].name
    buttons = [html.Button(t(lang, f"tab_{tab.name}"), id=ids.tab(tab.name), n_clicks=0, role="tab",
                           className="tab", tabIndex="0" if tab.name == first else "-1",
                           **{"aria-selected": "true" if tab.name == first else "false", "aria-controls": ids.TABPANEL})
               for tab in tabs.TABS]
    return html.Div([
        html.Div(buttons, role="tablist", className="tablist", **{"aria-label": t(lang, "tabs_label")}),
        # only the open tab's heading: its content is built once the panel is on screen
        # (callbacks.show_panel, asked by assets/app.js), not at first render
        html.Section(tabs.heading(first, lang), id=ids.TABPANEL, role="tabpanel",
                     className="tabpanel", tabIndex="0",
                     **{"aria-labelledby": "tabpanel-heading", "data-in-view-store": ids.PANEL_IN_VIEW}),
        dcc.Store(id=ids.PANEL_IN_VIEW),
        dcc.Store(id=ids.OPEN_TAB, data=first),
        dcc.Store(id=ids.TABLE_SORT_STATE, data=tabs.DEFAULT_SORT),
        dcc.Store(id=ids.TABLE_COLUMNS, data=list(tabs.TABLE_COLUMNS)),
    ], className="tabs")


def filters(deps, state) -> html.Details:
    """Region, port and layer: behind a disclosure (open on wide screens, see app.js)."""
    lang, dataset = state.lang, deps.dataset
    return html.Details([
        html.Summary(t(lang, "filters_label"), className="filters-summary"),
        html.Div([
            html.Div([
                html.Label(t(lang, "region_label"), htmlFor=ids.REGION, className="control-label"),
                dcc.Input(id=ids.REGION, type="search", list=ids.REGION_OPTIONS, debounce=True,
                          value=region_labels(dataset, lang).get(state.region, ""),
                          placeholder=t(lang, "region_placeholder"), autoComplete="off"),
                # filled by callbacks.show_filters once the box is focused (assets/app.js)
                html.Datalist(id=ids.REGION_OPTIONS),
                dcc.Store(id=ids.REGION_WANTED, data=False),
                html.P(id=ids.REGION_SUGGESTIONS, className="suggestions", role="status", **{"aria-live": "polite"}),
            ], className="control region", **{"data-focus-store": ids.REGION_WANTED}),
            html.Fieldset([html.Legend(t(lang, "port_label")),
                           html.Div(toggle_buttons("port", port_choices(dataset, lang), state.port),
                                    className="toggles")], className="control ports"),
            html.Fieldset([html.Legend(t(lang, "layer_label")),
                           html.Div(toggle_buttons("layer", layer_choices(lang), state.layer),
                                    className="toggles")], className="control layers"),
            html.Button(t(lang, "clear_filters"), id=ids.toggle("clear", ""), n_clicks=0, className="button clear"),
        ], className="controls"),
    ], id=ids.FILTERS, className="filters explore-only")


def map_block(deps, state) -> html.Section:
    lang = state.lang
    profile = profile_for(state.mode)
    graph_config = {
        "topojsonURL": "/assets/topojson/",
        "displaylogo": False,
        "displayModeBar": False if profile.touch_only else "hover",
        "scrollZoom": False,
        "doubleClick": False if profile.touch_only else "reset",
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
        "showSendToCloud": False,  # never offer to send the data to a cloud service
        "showEditInChartStudio": False,
        "locale": lang,
    }
    legend = html.Details([html.Summary(t(lang, "legend_title")), panels.legend(lang, deps.geometry.reference_persons)],
                          id=ids.LEGEND, className="legend-box", open=True)
    invite = html.Div([html.P(t(code, "kiosk_touch"), lang=code) for code in LANGS],
                      id=ids.KIOSK_INVITE, className="kiosk-invite", **{"aria-hidden": "true"})
    return html.Section([
        html.H2(t(lang, "map_title"), className="visually-hidden"),
        dcc.Graph(id=ids.MAP, figure=build_map_figure(deps.dataset, deps.geometry, state),
                  config=graph_config, className="map-graph", responsive=True),
        legend,
        html.P([part for i, line in enumerate(t(lang, "map_no_breakdown").split("<br>"))
                for part in ((html.Br(),) if i else ()) + (line,)], className="map-note"),
        html.Div([
            html.Button(t(lang, "reset_view"), id=ids.RESET_MAP, n_clicks=0, className="button"),
            html.Button(t(lang, "download_png"), id=ids.SAVE_PNG, className="button", **{"data-save": "png"}),
            html.Button(t(lang, "download_svg"), id=ids.SAVE_SVG, className="button", **{"data-save": "svg"}),
        ], className="map-buttons explore-only"),
        invite if profile.idle_reset else None,
        dcc.Store(id=ids.YEAR_FRAMES),
        dcc.Store(id=ids.RANGE_FRAME),
        dcc.Store(id=ids.MAP_SHOWN),
    ], className="map-block")


def page_for(deps, query: str) -> list:
    """The page for a URL's query: its view, or, with ``story=``, the story at its stop;
    what was ignored of either is named in the notices."""
    opened = stories.open_query(query, deps.context)
    story = (opened.story, opened.code, opened.stop) if opened.story.stops else None
    return build_page(deps, opened.state, opened.notices, story, opened.problems)


def build_page(deps, state, notices: list, story=None, problems=()) -> list:
    """Everything a visitor sees for ``state``: a slim header, the map with its legend, the
    timeline strip under it, and the side panel (summary, tour, filters, tabs, the story
    builder)."""
    lang = state.lang
    profile = profile_for(state.mode)
    items = notice_items(notices, lang, problems)
    side = html.Aside([
        html.P(summary_sentence(deps.dataset, state), id=ids.SUMMARY, className="summary", role="status",
               **{"aria-live": "polite"}),
        tour_panel(deps, state, story) if deps.tour or story else None,
        filters(deps, state),
        tab_list(deps, state),
        None if profile.idle_reset else story_panel.builder(lang),
    ], className="side", **{"aria-label": t(lang, "side_label")})
    return [html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        html.A(t(lang, "skip_to_content"), href=f"#{ids.SUMMARY}", className="skip-link"),
        html.Header([
            html.H1(t(lang, "title")),
            html.P(t(lang, "subtitle"), className="subtitle"),
            html.Nav(language_links(deps, state), className="lang-switch", **{"aria-label": t(lang, "lang_label")}),
        ], className="topbar"),
        html.Ul(items, id=ids.NOTICES, className="notices", role="alert"),
        html.Main([map_block(deps, state), year_control(deps, state), side],
                  className=f"main mode-{state.mode}", lang=lang),
        dcc.Store(id=ids.VIEW, data=state.to_dict()),
        dcc.Store(id=ids.VIEW_CONTEXT, data=view_context(deps)),
        dcc.Store(id=ids.VIEW_QUERY, data=view_query(state, deps.context)),
        dcc.Store(id=ids.VIEW_FILTERS),
        dcc.Store(id=ids.OPEN_REQUEST),
        dcc.Store(id=ids.FOUND),
        kiosk_overlay(lang, deps.idle_seconds) if profile_for(state.mode).idle_reset else None,
    ], lang=lang, className=f"page-lang app mode-{state.mode}-page")]
