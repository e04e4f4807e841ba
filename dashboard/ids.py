"""Component ids. ``MAP`` and ``SUMMARY`` are public: tests and kiosk scripts rely on them."""

MAP = "map"
SUMMARY = "summary"

URL = "url"
SHELL_URL = "shell-url"
PAGE = "page"
VIEW = "view"
MAP_LAYER = "map-rendered"       # the view the map shows now (so updates send only changes)
NOTICES = "notices"

YEARS = "year-slider"            # the year control: the year chart's frame (role=slider, keyboard)
YEAR_INPUT = "year-input"        # a key pressed on the year control (set by assets/timeline.js)
YEAR_PREV = "year-prev"
YEAR_NEXT = "year-next"
YEAR_READOUT = "year-readout"    # the chosen years in large numerals
YEARS_CHOSEN = "years-chosen"    # the years chosen in the browser, for the server's view
YEAR_FRAMES = "year-frames"      # what the map needs for every single year of the view's filters
VIEW_FILTERS = "view-filters"    # the view but its years: changes only with filters, language, layer
MAP_REQUEST = "map-request"      # a view the browser could not draw alone: the server patches it
PLAY = "play-button"
PLAY_INTERVAL = "play-interval"
FILTERS = "filters"
TABS = "tabs"                    # tab_id(name) / panel_id(name)
LEGEND = "legend"
REGION = "region-input"          # a search box with suggestions (a native <datalist>)
REGION_OPTIONS = "region-options"
REGION_SUGGESTIONS = "region-suggestions"  # "did you mean …" after a name that finds no place
PORT = "port-button"            # one button per choice: toggle_id(PORT, "niigata"), toggle_id(PORT, "")
LAYER = "layer-button"          # toggle_id(LAYER, "today"), toggle_id(LAYER, "1945")
LANG = "lang-switch"            # links lang-switch-en, -ja, -ko
CLEAR = "clear-filters"
BARS = "year-chart"
TABLE = "flows-table"
TABLE_SORT = "table-sort"          # pattern-matching: {"type": TABLE_SORT, "column": c}
TABLE_SORT_STATE = "table-sort-state"
SOURCES = "sources-panel"
TIMELINE = "timeline-panel"
SAILINGS = "sailings-panel"
ORIGINS = "origins-panel"
CITATION = "citation"
PERMALINK = "permalink"
COPY_CITATION = "copy-citation"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_GEOJSON = "download-geojson"
SAVE_PNG = "save-png"
SAVE_SVG = "save-svg"
PRINT = "print-handout"
RESET_MAP = "reset-map"

TOUR = "tour"
TOUR_STATE = "tour-state"
TOUR_START = "tour-start"
TOUR_NEXT = "tour-next"
TOUR_PREV = "tour-prev"
TOUR_EXIT = "tour-exit"
TOUR_JUMP = "tour-jump"          # pattern-matching: {"type": TOUR_JUMP, "index": n}
TOUR_CAPTION = "tour-caption"
TOUR_SOURCES = "tour-sources"
TOUR_POSITION = "tour-position"
KIOSK = "kiosk"                  # the kiosk overlay (idle countdown), present in kiosk mode
KIOSK_CONTINUE = "kiosk-continue"
KIOSK_RESTART = "kiosk-restart"  # "Start again": back to the kiosk's start view (assets/kiosk.js)
KIOSK_INVITE = "kiosk-invite"    # "Touch to explore", shown while the attract loop plays

#: the side panel's tabs, in order: name -> translation key of its label
TAB_NAMES = ("figures", "events", "sailings", "origins", "sources", "cite")


def tab_id(name: str) -> str:
    return f"tab-{name}"


def panel_id(name: str) -> str:
    return f"tabpanel-{name}"


def toggle_id(kind: str, value: str) -> str:
    """The id of one toggle button: ``port-button-niigata``; "" (all ports) is ``-all``.
    Plain ids, not pattern-matching ones: the choices are fixed at start-up, and Dash
    handles plain ids with less work on every view change."""
    return f"{kind}-{value or 'all'}"
