"""How the project drives Debian's headless Chromium, for the browser tests and the
benchmarks alike: the browser, its flags, and the window the pages are measured in.

Chromium is Debian's (``/usr/bin/chromium``; ``$CHROMIUM_PATH`` overrides), never a
downloaded one, and it resolves no host but 127.0.0.1.
"""

from __future__ import annotations

import os

HOST = "127.0.0.1"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Chromium itself calls home even with the flags above: resolve nothing but 127.0.0.1.
    f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE {HOST}",
]
VIEWPORT = {"width": 1400, "height": 1000}
