"""Time to map on a slow kiosk PC: Chromium's CPU throttled 4x (CDP
``Emulation.setCPUThrottlingRate``), for the app as it is and with its Plotly build taken
away (Dash's full bundle instead), or replaced by another build (``--bundle``).

    .venv/bin/python bench/throttled.py [--reps 7] [--rate 4] [--bundle LABEL=PATH ...]

Each variant is the real app (``create_app``) served by werkzeug from this process on a free
port of 127.0.0.1. Each rep opens the page in a fresh browser context (a first visit: empty
cache) and then again in the same context (a return visit, as the kiosk's own reloads:
cache warm); the time is navigation start to the first drawn map region, in the page's own
clock. Variants take turns within each rep, in a new random order each time, so a slow
moment of the machine hits them all alike.
``--bundle`` adds a variant served with another Plotly build (e.g. one made without some
cut). Results: a table on stdout, JSON with ``--json FILE``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import threading
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path
from unittest import mock

from werkzeug.serving import make_server

if __package__ in (None, ""):  # run as a script: make `bench` and `dashboard` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.browser import _DRAWN_OBSERVER, APP_MAP_DRAWN, chromium, new_page  # noqa: E402
from bench.common import HOST, summarize  # noqa: E402
from dashboard import create_app, plotly_bundle  # noqa: E402
from dashboard.config import Settings  # noqa: E402
from geodata import load_dataset  # noqa: E402


#: name -> the Plotly build the app serves (none there: Dash's full bundle)
VARIANTS = {
    "as built": plotly_bundle.BUNDLE,
    "full Plotly bundle (Dash's)": plotly_bundle.BUNDLE.with_name("absent.min.js"),
}
#: CDP Network.emulateNetworkConditions for ``--network``: Lighthouse's mobile profile
#: ("slow 4G" as DevTools applies it: 562.5 ms latency, 1.6 Mbit/s x 0.9 down, 750 kbit/s x
#: 0.9 up), what a phone on a weak signal or a crowded classroom Wi-Fi gets
NETWORKS = {
    "none": None,
    "slow-4g": {"offline": False, "latency": 562.5, "downloadThroughput": 1.6e6 * 0.9 / 8,
                "uploadThroughput": 750e3 * 0.9 / 8},
}
BYTES = "performance.getEntriesByType('resource').reduce((n, e) => n + e.transferSize, 0)"
INSTALL = plotly_bundle.install


@contextmanager
def serve(dataset, bundle: Path):
    with mock.patch.object(plotly_bundle, "install", partial(INSTALL, bundle=bundle)):
        app = create_app(dataset=dataset, settings=Settings())
    server = make_server(HOST, 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_port}/"
    finally:
        server.shutdown()


def load(context, page, url: str, rate: float, network: dict | None = None) -> tuple[float, int]:
    """(ms to the first drawn map region, bytes transferred) for one navigation."""
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    if network:
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", network)
    page.goto(url)
    page.wait_for_function("() => window.__benchDrawnAt !== undefined", timeout=120_000)
    result = page.evaluate("window.__benchDrawnAt"), page.evaluate(BYTES)
    cdp.detach()
    return result


def measure(browser, url: str, rate: float, network: dict | None = None) -> dict:
    context, page = new_page(browser)
    try:
        page.add_init_script(script=f"({_DRAWN_OBSERVER})({json.dumps(APP_MAP_DRAWN)})")
        first_ms, first_bytes = load(context, page, url, rate, network)
        again_ms, _ = load(context, page, url, rate, network)
        return {"first_ms": first_ms, "first_bytes": first_bytes, "again_ms": again_ms}
    finally:
        context.close()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--rate", type=float, default=4.0, help="CPU slow-down factor (default 4)")
    parser.add_argument("--network", choices=sorted(NETWORKS), default="none",
                        help="also throttle the network (slow-4g: Lighthouse's mobile profile)")
    parser.add_argument("--bundle", action="append", default=[], metavar="LABEL=PATH",
                        help="another Plotly build to serve as a variant")
    parser.add_argument("--json", type=Path, help="also write the samples here")
    args = parser.parse_args(argv)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    variants = dict(VARIANTS)
    for spec in args.bundle:
        label, _, path = spec.partition("=")
        variants[label] = Path(path)
    dataset = load_dataset()
    samples: dict[str, list[dict]] = {name: [] for name in variants}
    with chromium() as browser, ExitStack() as stack:
        urls = {name: stack.enter_context(serve(dataset, bundle)) for name, bundle in variants.items()}
        for url in urls.values():  # warm-up: compression caches, first imports
            measure(browser, url, 1.0)
        for rep in range(args.reps):
            order = list(urls)
            random.Random(rep).shuffle(order)  # no variant always first, or always after another
            for name in order:
                samples[name].append(measure(browser, urls[name], args.rate, NETWORKS[args.network]))
            print(f"rep {rep + 1}/{args.reps} done", file=sys.stderr)
    print(f"time to map, CPU throttled {args.rate:g}x, network {args.network}, {args.reps} reps:"
          " median (min-max) ms")
    print(f"{'variant':32} {'first visit':>20} {'return visit':>20} {'first-visit KB':>15}")
    for name, rows in samples.items():
        first = summarize(r["first_ms"] for r in rows)
        again = summarize(r["again_ms"] for r in rows)
        kb = summarize(r["first_bytes"] for r in rows)["p50"] / 1000
        print(f"{name:32} {first['p50']:>8.0f} ({first['min']:.0f}-{first['max']:.0f})"
              f" {again['p50']:>8.0f} ({again['min']:.0f}-{again['max']:.0f}) {kb:>15.0f}")
    if args.json:
        args.json.write_text(json.dumps({"rate": args.rate, "network": args.network, "samples": samples},
                                        indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
