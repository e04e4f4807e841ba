"""The page's modes and the windows its layouts are made for: one place for each fact.

A mode (explore, kiosk) is a style ``Profile``: sizes, and what a visitor may do there.
``LAYOUTS`` names the five windows every layout is designed, screenshotted and tested at
(tools, bench and tests read them from here).
"""

from __future__ import annotations

from dataclasses import dataclass

#: name -> (width, height, query): explore on a laptop, a classroom projector, the kiosk's
#: touch screen both ways up, and a phone
LAYOUTS = {
    "explore": (1440, 900, ""),
    "projector": (1280, 720, ""),
    "kiosk-landscape": (1920, 1080, "mode=kiosk"),
    "kiosk-portrait": (1080, 1920, "mode=kiosk"),
    "phone": (390, 844, ""),
}


@dataclass(frozen=True)
class Profile:
    """How a mode looks and what it lets a visitor do: the figures and the layout read this,
    never the mode's name. A new mode is one more entry in ``PROFILES`` (and its CSS, under
    ``main.mode-<name>``)."""

    name: str
    touch_only: bool            # no toolbar, no pan or zoom, no drag across years
    idle_reset: bool            # the attract loop, "Still there?", back to the start view
    map_label_size: int         # port names
    map_marker_size: int
    sea_label_size: int
    map_note_size: int          # the "not recorded" note on the map
    chart_font_size: int
    #: left, right, top, bottom: the chart's plot area, exactly (no automargin), which the
    #: chosen years' box over it is placed by (layout.year_control)
    chart_margin: tuple[int, int, int, int]


PROFILES = {
    "explore": Profile("explore", touch_only=False, idle_reset=False, map_label_size=13, map_marker_size=11,
                       sea_label_size=14, map_note_size=12, chart_font_size=13, chart_margin=(81, 10, 8, 28)),
    "kiosk": Profile("kiosk", touch_only=True, idle_reset=True, map_label_size=17, map_marker_size=15,
                     sea_label_size=18, map_note_size=15, chart_font_size=20, chart_margin=(111, 22, 8, 40)),
}

#: the modes a URL or DASHBOARD_MODE may name
MODES = tuple(PROFILES)


def profile_for(mode: str) -> Profile:
    return PROFILES.get(mode, PROFILES["explore"])
