"""The page's modes and the windows its layouts are made for: one place for each fact.

``LAYOUTS`` names the five windows every layout is designed, screenshotted and tested at
(tools, bench and tests read them from here).
"""

from __future__ import annotations

#: name -> (width, height, query): explore on a laptop, a classroom projector, the kiosk's
#: touch screen both ways up, and a phone
LAYOUTS = {
    "explore": (1440, 900, ""),
    "projector": (1280, 720, ""),
    "kiosk-landscape": (1920, 1080, "mode=kiosk"),
    "kiosk-portrait": (1080, 1920, "mode=kiosk"),
    "phone": (390, 844, ""),
}
