"""Component ids. ``MAP`` and ``SUMMARY`` are public: tests and kiosk scripts rely on them."""

MAP = "map"
SUMMARY = "summary"

URL = "url"
SHELL_URL = "shell-url"
PAGE = "page"
VIEW = "view"
MAP_LAYER = "map-rendered"       # the view the map shows now (so updates send only changes)
NOTICES = "notices"

YEARS = "year-slider"
PLAY = "play-button"
PLAY_INTERVAL = "play-interval"
REGION = "region-input"          # a search box with suggestions (a native <datalist>)
REGION_OPTIONS = "region-options"
PORT = "port-button"            # pattern-matching: {"type": PORT, "value": port id or ""}
LAYER = "layer-button"          # pattern-matching: {"type": LAYER, "value": "today" | "1945"}
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
