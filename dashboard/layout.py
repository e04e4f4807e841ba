"""The page: a static shell, and the panel built for one view and one language.

The shell holds only the URL and stores; ``build_page`` builds everything a visitor sees
for the view in the URL (called once per page load), after which callbacks patch it.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

from dash import dcc, html
from flask import has_request_context, request

from geodata import Dataset

from . import ids, panels
from .elements import el
from .figures.bars import build_bar_figure
from .figures.geometry import MapGeometry
from .figures.map import build_map_figure
from .i18n import t
from .state import LANGS, StateContext, ViewState
from .summary import summary_sentence

LANG_NAMES = {"en": "English", "ja": "日本語", "ko": "한국어"}
YEAR_MARKS = (1947, 1959, 1967, 1971, 1984)
DEFAULT_SORT = {"column": "year", "ascending": True}


def shell(page: list | None = None, view: dict | None = None) -> html.Div:
    """The page's frame. ``page`` is the page built for the view in the URL (see
    ``page_query``), so it arrives with the layout, with no callback round trip; when the
    URL could not be read, the page is built by the ``render_page`` callback instead.

    The outer Location only triggers that callback; the page holds its own Location
    (ids.URL) so that every input of the view callback lives inside the page."""
    return html.Div([
        dcc.Location(id=ids.SHELL_URL, refresh=False),
        dcc.Store(id=ids.VIEW, data=view),
        dcc.Store(id=ids.MAP_LAYER, data=view),
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
    return "?" + page.query[:4096] if page.query else ""


def region_labels(dataset: Dataset, lang: str) -> dict[str, str]:
    """region id -> the text a visitor picks from the list: its name, with its kind where two
    regions share a name (Hokkaidō the prefecture and Hokkaidō the region)."""
    key = ("region_labels", lang)  # fixed by the dataset: built once per language
    if key not in dataset.query_cache:
        rows = list(dataset.region_rows.values())
        names = [str(getattr(r, f"name_{lang}")) for r in rows]
        shared = {name for name, n in Counter(names).items() if n > 1}
        dataset.query_cache[key] = {row.id: f"{name} ({row.id})" if name in shared else name
                                    for row, name in zip(rows, names)}
    return dataset.query_cache[key]


def region_from_text(dataset: Dataset, lang: str, text) -> str | None:
    """The region a typed or picked text names ("" clears the filter; None: no such region)."""
    if not isinstance(text, str):
        return None
    text = text.strip()[:200]
    if not text:
        return ""
    if text in dataset.region_rows:
        return text
    for rid, label in region_labels(dataset, lang).items():
        if label.casefold() == text.casefold():
            return rid
    return None


def region_options(dataset: Dataset, lang: str, layer: str) -> list[dict]:
    """Suggestions for the region box: countries, Japan's regions and prefectures, and the
    Korean provinces of the chosen layer."""
    labels = region_labels(dataset, lang)
    korea = "kr_provinces_1945" if layer == "1945" else "kr_provinces_today"
    return [el("Option", value=labels[rid])
            for layer_name in ("countries", "jp_regions", "jp_prefectures", korea)
            for rid in sorted(dataset.layers[layer_name]["id"])]


def region_options_key(lang: str, layer: str) -> str:
    """Names the suggestions a datalist holds (its class), so a view change in the same
    language and layer need not send them again."""
    return f"options-{lang}-{layer}"


def region_list(dataset: Dataset, state: ViewState) -> html.Datalist:
    return html.Datalist(id=ids.REGION_OPTIONS, children=region_options(dataset, state.lang, state.layer),
                         className=region_options_key(state.lang, state.layer))


def toggle_buttons(kind: str, choices: list[tuple[str, str]], selected: str) -> list[html.Button]:
    """A group of real buttons, the chosen one pressed (aria-pressed): keyboard and touch
    friendly, and announced as toggles by screen readers."""
    return [html.Button(label, id=ids.toggle_id(kind, value), n_clicks=0, className="button toggle",
                        **{"aria-pressed": "true" if value == selected else "false"})
            for value, label in choices]


def port_choices(dataset: Dataset, lang: str) -> list[tuple[str, str]]:
    ports = [p for p in dataset.place_rows.values() if p.kind != "other"]
    return [("", t(lang, "port_placeholder"))] + [(p.id, str(getattr(p, f"name_{lang}"))) for p in ports]


def layer_choices(lang: str) -> list[tuple[str, str]]:
    return [("today", t(lang, "layer_today")), ("1945", t(lang, "layer_1945"))]


def language_links(lang: str) -> list[html.A]:
    """Plain links: switching language reloads the page in that language (the hrefs keep the
    rest of the view and are kept current by a callback)."""
    return [html.A(LANG_NAMES[code], id=f"{ids.LANG}-{code}", href=f"?lang={code}", lang=code, hrefLang=code,
                   className="button lang", **({"aria-current": "true"} if code == lang else {}))
            for code in LANGS]


def year_slider(years: tuple[int, ...], state: ViewState, lang: str) -> dcc.RangeSlider:
    marks = {i: str(y) for i, y in enumerate(years) if y in YEAR_MARKS}
    return dcc.RangeSlider(
        id=ids.YEARS, min=0, max=len(years) - 1, step=1, allowCross=False,
        value=[years.index(state.year_from), years.index(state.year_to)], marks=marks,
        updatemode="mouseup", allow_direct_input=False,
    )


def tour_panel(tour, lang: str) -> html.Section:
    """The guided tour: start, step (buttons or arrow keys), jump to a stop, or leave."""
    jumps = [html.Button(str(i + 1), id={"type": ids.TOUR_JUMP, "index": i}, n_clicks=0,
                         className="button jump", **{"aria-label": t(lang, "tour_stop_of", n=i + 1, total=len(tour.stops))})
             for i in range(len(tour.stops))]
    return html.Section([
        html.H2(tour.title[lang]),
        html.Button(t(lang, "tour_start"), id=ids.TOUR_START, n_clicks=0, className="button tour-start"),
        html.Div([
            html.P(id=ids.TOUR_CAPTION, className="tour-caption", **{"aria-live": "polite"}),
            html.P(id=ids.TOUR_SOURCES, className="cite"),
            html.Div([
                html.Button(t(lang, "tour_prev"), id=ids.TOUR_PREV, n_clicks=0, className="button"),
                html.Span(id=ids.TOUR_POSITION, className="tour-position"),
                html.Button(t(lang, "tour_next"), id=ids.TOUR_NEXT, n_clicks=0, className="button"),
                html.Button(t(lang, "tour_exit"), id=ids.TOUR_EXIT, n_clicks=0, className="button"),
            ], className="tour-steps"),
            html.Div(jumps, className="tour-jumps", role="group", **{"aria-label": t(lang, "tour_label")}),
        ], className="tour-body"),
        dcc.Store(id=ids.TOUR_STATE, data={"active": False, "stop": 0}),
    ], id=ids.TOUR, className="tour inactive", **{"aria-label": t(lang, "tour_label")})


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


def _labelled(label: str, control, for_id: str) -> html.Div:
    return html.Div([html.Label(label, htmlFor=for_id, className="control-label"), control],
                    className="control")


def build_page(dataset: Dataset, geometry: MapGeometry, context: StateContext,
               state: ViewState, notices: list, tour=None, idle_seconds: int = 90) -> list:
    lang = state.lang
    kiosk = state.mode == "kiosk"
    years = context.years
    graph_config = {
        "topojsonURL": "/assets/topojson/",
        "displaylogo": False,
        "displayModeBar": False if kiosk else "hover",
        "scrollZoom": False,
        "doubleClick": False if kiosk else "reset",
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "toImage"],
        "showSendToCloud": False,  # never offer to send the data to a cloud service
        "showEditInChartStudio": False,
        "locale": lang,
    }
    controls = html.Section([
        html.Nav(language_links(lang), id=ids.LANG, className="control lang-switch",
                 **{"aria-label": t(lang, "lang_label")}),
        html.Div([
            html.Label(t(lang, "years_label"), htmlFor=ids.YEARS, className="control-label"),
            html.Div([
                html.Button(t(lang, "play"), id=ids.PLAY, n_clicks=0, className="button play",
                            **{"aria-pressed": "false", "data-play": t(lang, "play"),
                               "data-pause": t(lang, "pause")}),
                html.Div(year_slider(years, state, lang), className="slider-wrap"),
            ], className="years-row"),
            dcc.Interval(id=ids.PLAY_INTERVAL, interval=1600, disabled=True),
        ], className="control years"),
        html.Div([
            html.Label(t(lang, "region_label"), htmlFor=ids.REGION, className="control-label"),
            dcc.Input(id=ids.REGION, type="search", list=ids.REGION_OPTIONS, debounce=True,
                      value=region_labels(dataset, lang).get(state.region, ""),
                      placeholder=t(lang, "region_placeholder"), autoComplete="off"),
            region_list(dataset, state),
        ], className="control region"),
        html.Fieldset([html.Legend(t(lang, "port_label")),
                       html.Div(toggle_buttons(ids.PORT, port_choices(dataset, lang), state.port),
                                className="toggles")], className="control ports"),
        html.Fieldset([html.Legend(t(lang, "layer_label")),
                       html.Div(toggle_buttons(ids.LAYER, layer_choices(lang), state.layer),
                                className="toggles")], className="control"),
        html.Button(t(lang, "clear_filters"), id=ids.CLEAR, n_clicks=0, className="button clear"),
    ], className="controls", **{"aria-label": "Controls"})

    notice_items = [html.Li(t(lang, "notice_adjusted", param=n.param, value=n.value, shown=n.shown) if n.shown
                            else t(lang, "notice_ignored", param=n.param, value=n.value)) for n in notices]
    map_block = html.Section([
        html.H2(t(lang, "map_title"), className="visually-hidden"),
        dcc.Graph(id=ids.MAP, figure=build_map_figure(dataset, geometry, state, kiosk),
                  config=graph_config, className="map-graph", responsive=True,
                  style={"height": "70vh" if kiosk else "64vh", "minHeight": "420px"}),
        html.Div([
            html.Button(t(lang, "reset_view"), id=ids.RESET_MAP, n_clicks=0, className="button"),
            html.Button(t(lang, "download_png"), id=ids.SAVE_PNG, n_clicks=0, className="button explore-only"),
            html.Button(t(lang, "download_svg"), id=ids.SAVE_SVG, n_clicks=0, className="button explore-only"),
        ], className="map-buttons"),
        panels.legend(lang, geometry.reference_persons),
    ], className="map-block")

    # the text views arrive filled for the view, by the same builders the callbacks use
    summary = html.P(summary_sentence(dataset, state), id=ids.SUMMARY, className="summary", role="status",
                     **{"aria-live": "polite"})
    chart = html.Section([
        html.H2(t(lang, "chart_title")),
        dcc.Graph(id=ids.BARS, figure=build_bar_figure(dataset, state, kiosk),
                  config={"displayModeBar": False, "displaylogo": False, "showSendToCloud": False, "locale": lang}),
    ], className="chart-block")
    table = html.Section([
        html.H2(t(lang, "table_title"), id="table-heading"),
        html.Div(panels.table_component(panels.table_rows(dataset, state), lang, DEFAULT_SORT), id=ids.TABLE,
                 className="table-scroll", tabIndex="0", role="region", **{"aria-labelledby": "table-heading"}),
        dcc.Store(id=ids.TABLE_SORT_STATE, data=DEFAULT_SORT),
        html.Div([
            html.A(t(lang, "download_csv"), id=ids.DOWNLOAD_CSV, href="/export/flows.csv", className="button",
                   download="returns-flows.csv"),
            html.A(t(lang, "download_geojson"), id=ids.DOWNLOAD_GEOJSON, href="/export/flows.geojson",
                   className="button", download="returns-flows.geojson"),
            html.Button(t(lang, "print_handout"), id=ids.PRINT, n_clicks=0, className="button"),
        ], className="downloads explore-only"),
    ], className="table-block", **{"aria-labelledby": "table-heading"})
    cite = html.Section([
        html.H2(t(lang, "cite_title")),
        html.P(id=ids.CITATION, className="citation"),
        html.Button(t(lang, "copy"), id=ids.COPY_CITATION, n_clicks=0, className="button",
                    **{"data-copied": t(lang, "copied")}),
        html.P([t(lang, "permalink"), ": ", html.A(id=ids.PERMALINK, href="")], className="permalink"),
    ], className="cite-block")
    details = html.Div([
        html.Section([html.H2(t(lang, "timeline_title")), html.Div(panels.timeline_panel(dataset, state), id=ids.TIMELINE)]),
        html.Section([html.H2(t(lang, "sailings_title")), html.Div(panels.sailings_panel(dataset, state), id=ids.SAILINGS)]),
        html.Section([html.H2(t(lang, "origins_title")), html.Div(panels.origins_panel(dataset, state), id=ids.ORIGINS)]),
        html.Section([html.H2(t(lang, "sources_title")), html.Div(panels.sources_panel(dataset, state), id=ids.SOURCES)]),
    ], className="details")

    return [html.Div([
        dcc.Location(id=ids.URL, refresh=False),
        html.A(t(lang, "skip_to_content"), href=f"#{ids.SUMMARY}", className="skip-link"),
        html.Header([html.H1(t(lang, "title")), html.P(t(lang, "subtitle"), className="subtitle")]),
        html.Ul(notice_items, id=ids.NOTICES, className="notices", role="alert") if notice_items
        else html.Ul(id=ids.NOTICES, className="notices"),
        html.Main([
            html.Div([controls, map_block], className="left"),
            html.Div([summary, tour_panel(tour, lang) if tour else None, chart, table, cite, details],
                     className="right"),
        ], className=f"main mode-{state.mode}", lang=lang),
        kiosk_overlay(lang, idle_seconds) if kiosk else None,
    ], lang=lang, className="page-lang")]
