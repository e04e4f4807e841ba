"""Component ids: the names Python callbacks use for the page's parts.

Ids are for Dash. Stylesheets and the browser scripts (``assets/*.js``) never name them:
they find the page's parts by the public hooks below, which the layout puts on the page.
``MAP`` and ``SUMMARY`` are public ids too: tests, kiosk set-ups and the README name them.

Public hooks (classes and data attributes), for CSS and JS:
  .map-graph, .bars-graph          the map and the year chart (dcc.Graph)
  .year-control[data-key-store]    the year control (role=slider); the store its keys go to
  [data-year-step=prev|next]       the previous/next year buttons
  [data-save=png|svg]              save the map as an image
  .tour (.active)                  the tour panel; [data-tour=start|next|prev|exit]; .tour-jumps
  .summary                         the summary sentence
  .tabpanel[data-in-view-store]    the tab panel; the store told when it is first on screen
  [data-focus-store]               a box whose list is built when it is first focused; that store
  details[data-open-store]         a disclosure whose body is built when it is first opened; that store
  .year-selection(-box)            the chosen years' box over the year chart
  .tour.story, .story-note          a story playing, and its author's note (never the dataset's voice)
  .filters, .legend-box            the filters and legend disclosures (<details>)
  .kiosk-overlay, .kiosk-countdown[data-template], .kiosk-continue, .kiosk-restart
  main.mode-<mode>                 the page's mode (a style profile, dashboard/profiles.py)
"""

MAP = "map"
SUMMARY = "summary"

# -- the page and its view ------------------------------------------------------------------
SHELL_URL = "shell-url"
PAGE_QUERY = "page-query"        # the query the page in the layout was built for (None: unknown)
RENDER_REQUEST = "render-request"  # a URL the layout's page was not built for: build it
PAGE = "page"
URL = "url"
VIEW = "view"                    # the view, owned by the browser (assets/view.js reduce)
VIEW_CONTEXT = "view-context"    # what a view may hold (years, ids): sent once, never written
VIEW_QUERY = "view-query"        # the server's canonical query for the view (URL, links)
VIEW_FILTERS = "view-filters"    # the view but its years: changes only with filters, language, layer
OPEN_REQUEST = "open-request"    # a query the browser came to by itself (back/forward): to be read
FOUND = "found"                  # what the server read for the browser to open: a place the search box names, or a query's view
NOTICES = "notices"

# -- the map -------------------------------------------------------------------------------
YEAR_FRAMES = "year-frames"      # the map's view properties for every single year of the filters
RANGE_FRAME = "range-frame"      # the same for the view's range of years
MAP_SHOWN = "map-shown"          # which frame the map shows now (so a step sends only changes)
RESET_MAP = "reset-map"
LEGEND = "legend"

# -- the year control ----------------------------------------------------------------------
YEARS = "year-slider"            # the year control: the year chart's frame (role=slider, keyboard)
YEAR_KEYS = "year-keys"          # queued key presses and previous/next clicks (assets/app.js)
YEAR_KEYS_SEEN = "year-keys-seen"  # the last queued year key the view has applied (its seq)
YEAR_PREV = "year-prev"
YEAR_NEXT = "year-next"
YEAR_READOUT = "year-readout"    # the chosen years in large numerals
BARS = "year-chart"
YEAR_SELECTION = "year-selection"   # the chosen years' box over the chart (assets/app.js drawChart)
BAR_DATA = "bar-data"            # the chart's data for the view's filters and language
PLAY = "play-button"
PLAY_INTERVAL = "play-interval"

# -- filters and search --------------------------------------------------------------------
FILTERS = "filters"
REGION = "region-input"          # a search box with suggestions (a native <datalist>)
REGION_OPTIONS = "region-options"
REGION_WANTED = "region-wanted"   # the search box has been focused: its list is wanted
REGION_SUGGESTIONS = "region-suggestions"  # "did you mean …" after a name that finds no place
TOGGLE = "toggle"                # pattern-matching: toggle(kind, value), kind "port", "layer" or "clear"
LANG_LINK = "lang-link"          # pattern-matching: lang_link(code)

# -- the side panel ------------------------------------------------------------------------
TAB = "tab"                      # pattern-matching: tab(name)
OPEN_TAB = "open-tab"            # the name of the open tab
TABPANEL = "tabpanel"            # the one panel, holding the open tab's content
PANEL_IN_VIEW = "panel-in-view"  # true once the tab panel has been on screen (assets/app.js)
TABLE = "flows-table"
CITATION = "citation"
TABLE_SORT = "table-sort"        # pattern-matching: {"type": TABLE_SORT, "column": c}
TABLE_SORT_STATE = "table-sort-state"
TABLE_COLUMNS = "table-columns"  # the columns the table can be sorted by
PERMALINK = "permalink"
DOWNLOAD_CSV = "download-csv"
DOWNLOAD_GEOJSON = "download-geojson"
HANDOUT = "handout-link"
SAVE_PNG = "save-png"
SAVE_SVG = "save-svg"

# -- the tour and the kiosk ----------------------------------------------------------------
TOUR = "tour"
TOUR_DATA = "tour-data"          # the stops, with their views and captions, for the page's language
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
KIOSK_RESTART = "kiosk-restart"
KIOSK_INVITE = "kiosk-invite"
TOUR_NOTE = "tour-note"          # a story stop's note: the link author's words, never the dataset's

# -- the story builder (explore mode; dashboard/stories.py) --------------------------------
STORY_WANTED = "story-wanted"    # the builder has been opened: its body is wanted (assets/app.js)
STORY_BODY = "story-body"        # the builder's body, built when it is first opened
STORY_DRAFT = "story-draft"      # the story being built, as its JSON object (session storage)
STORY_TITLE = "story-title"
STORY_NOTE = "story-note"
STORY_ADD = "story-add"
STORY_EDIT = "story-edit"        # pattern-matching: {"type": STORY_EDIT, "index": n, "op": up|down|remove}
STORY_STOPS = "story-stops"
STORY_COUNT = "story-count"
STORY_LINK = "story-link"
STORY_PREVIEW = "story-preview"
STORY_DOWNLOAD = "story-download"
STORY_UPLOAD = "story-upload"
STORY_NOTICE = "story-notice"


def toggle(kind: str, value: str) -> dict:
    """One filter button: a port (``value`` "" is every port), a Korean layer, or "clear"
    (every filter off; not a toggle, never pressed)."""
    return {"type": TOGGLE, "kind": kind, "value": value}


def tab(name: str) -> dict:
    return {"type": TAB, "name": name}


def story_edit(index: int, op: str) -> dict:
    return {"type": STORY_EDIT, "index": index, "op": op}


def lang_link(code: str) -> dict:
    return {"type": LANG_LINK, "lang": code}
