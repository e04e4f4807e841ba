"""Screenshots of the five layouts in the three languages, into a temp folder (printed).

    .venv/bin/python bench/screenshots.py [--out DIR] [--lang en,ja,ko] [--layout explore,...]

Layouts: explore 1440×900, projector 1280×720, kiosk 1920×1080, kiosk 1080×1920, phone
390×844. Each shot is the page as drawn once its callbacks have settled; for each one the
map's share of the window and whether the page scrolls are printed beside the file name.
No request leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import logging
import tempfile
import sys
import threading
from pathlib import Path

from werkzeug.serving import make_server

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.browser import chromium, new_page  # noqa: E402
from bench.common import HOST  # noqa: E402

from dashboard.profiles import LAYOUTS  # noqa: E402  the five layouts (tests/browser/test_layouts.py tests these)

#: the map's share and the page's size: a few of the figures tests/browser/test_layouts.py checks
MEASURE = """() => {
  const map = document.querySelector('#map').getBoundingClientRect();
  const w = window.innerWidth, h = window.innerHeight;
  const visible = Math.max(0, Math.min(map.right, w) - Math.max(map.left, 0)) *
                  Math.max(0, Math.min(map.bottom, h) - Math.max(map.top, 0));
  const root = document.scrollingElement;
  return {share: visible / (w * h), scrollHeight: root.scrollHeight, scrollWidth: root.scrollWidth, w: w, h: h};
}"""


def serve():
    """The real app on a free local port, in a thread: (url, server)."""
    from dashboard import create_app
    from dashboard.config import Settings

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    app = create_app(settings=Settings())
    server = make_server(HOST, 0, app.server, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://{HOST}:{server.server_port}", server


def shoot(out: Path, langs: list[str], layouts: list[str], query: str = "") -> list[Path]:
    url, server = serve()
    shots = []
    try:
        with chromium() as browser:
            for name in layouts:
                width, height, mode = LAYOUTS[name]
                for lang in langs:
                    params = "&".join(p for p in (query.lstrip("?"), mode, "" if lang == "en" else f"lang={lang}") if p)
                    context, page = new_page(browser, viewport={"width": width, "height": height})
                    try:
                        page.goto(f"{url}/{'?' + params if params else ''}")
                        page.wait_for_selector("#map .js-plotly-plot .choroplethlocation", timeout=30_000)
                        page.wait_for_function("() => !document.querySelector('[data-dash-is-loading=\"true\"]')",
                                               timeout=30_000)
                        page.wait_for_timeout(1500 if "kiosk" in name else 600)
                        path = out / f"{name}-{lang}.png"
                        page.screenshot(path=str(path))
                        m = page.evaluate(MEASURE)
                        print(f"{path}  map {m['share']:.0%}  page {m['scrollWidth']}×{m['scrollHeight']}"
                              f" in {m['w']}×{m['h']}")
                        shots.append(path)
                    finally:
                        context.close()
    finally:
        server.shutdown()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--lang", default="en,ja,ko")
    parser.add_argument("--layout", default=",".join(LAYOUTS))
    parser.add_argument("--query", default="", help="a view to open, e.g. '?from=1960&to=1960'")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="returns-screens-"))
    out.mkdir(parents=True, exist_ok=True)
    shoot(out, args.lang.split(","), args.layout.split(","), args.query)
    print(out)


if __name__ == "__main__":
    main()
