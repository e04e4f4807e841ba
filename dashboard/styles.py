"""Visual encodings shared by the map, the chart, the legend and print: one place to change.

Colours are the Okabe–Ito palette (safe for the common colour-vision deficiencies), and
every status also differs by line dash and bar pattern, so colour is never the only cue.
"""

from __future__ import annotations

STATUS_STYLE = {
    # status: (colour, Plotly line dash, Plotly fill pattern); the legend's CSS mirrors the dashes
    "documented": ("#0072B2", "solid", ""),
    "derived": ("#009E73", "dash", "/"),
    "compiled": ("#D55E00", "dot", "."),
    "estimated": ("#CC79A7", "dashdot", "x"),
    "unknown": ("#6b6b6b", "longdash", "-"),
}

SEA_COLOUR = "#dcebf5"
LAND_COLOUR = "#f3f1ec"
OTHER_LAND_COLOUR = "#e4e1da"
BORDER_COLOUR = "#9a958c"
REGION_BORDER_COLOUR = "#5c574f"
SELECTED_COLOUR = "#000000"
ORIGIN_SCALE = [[0.0, "#fde0c5"], [1.0, "#a63603"]]  # sequential, for documented counts
EMBARK_COLOUR = "#1b1b1b"
DEST_COLOUR = "#1b1b1b"
FADED_BAR = "#c9c9c9"
SPINE_COLOUR = "#1b1b1b"
ORIGIN_SOUTH_COLOUR = "#e9e1f2"  # Korea south of the 38th parallel: origin of most Koreans in Japan

#: Width of a flow line on the fixed scale: MAX_WIDTH_PX at REFERENCE persons.
MAX_WIDTH_PX = 20.0
MIN_WIDTH_PX = 1.5
CAP_WIDTH_PX = 36.0


def width_for(persons: int | None, reference: int) -> float:
    """Line width proportional to persons (never below a visible minimum, capped for sums
    over many years). ``None`` (unknown) gets the minimum: it is drawn, never as zero."""
    if persons is None:
        return MIN_WIDTH_PX
    if persons <= 0:
        return 0.0
    return round(min(CAP_WIDTH_PX, max(MIN_WIDTH_PX, MAX_WIDTH_PX * persons / reference)), 2)


FONT_FAMILY = "'Noto Sans CJK Subset', 'Noto Sans', system-ui, sans-serif"
