"""Lighthouse on the app and on the smallest Dash page, side by side.

    .venv/bin/python bench/lighthouse.py [--runs 2] [--workers 2] [--query "?lang=ja"] [--lighthouse PATH]
                                         [--profiles mobile,desktop] [--variant LABEL=DIR ...]

Both are served as in production (``gunicorn app:server``, ``gunicorn bench.minimal_app:server``,
the project's gunicorn.conf.py; ``common.start_server``). Lighthouse is the pinned npm
devDependency (``node_modules/.bin/lighthouse``; ``--lighthouse`` or ``$LIGHTHOUSE`` name another
copy of the same version) and drives Debian's Chromium (``$CHROME_PATH``, default
/usr/bin/chromium). For each profile (mobile: Lighthouse's default, a 4× slower CPU and slow
4G, simulated; desktop: ``--preset=desktop``) each page is audited ``--runs`` times, the two
pages taking turns; the figures are the medians. Writes ``bench/results/lighthouse-<time>.json``
(every run's figures and the machine) and ``lighthouse-latest.md`` (the table), and prints the
table.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import HOST, ROOT, machine_description, start_server  # noqa: E402

RESULTS = ROOT / "bench" / "results"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run",
                f"--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE {HOST}"]
#: what the table shows: (label, where in Lighthouse's report, unit)
FIGURES = [
    ("performance", ("categories", "performance", "score"), ""),
    ("accessibility", ("categories", "accessibility", "score"), ""),
    ("first contentful paint", ("audits", "first-contentful-paint", "numericValue"), "s"),
    ("largest contentful paint", ("audits", "largest-contentful-paint", "numericValue"), "s"),
    ("total blocking time", ("audits", "total-blocking-time", "numericValue"), "s"),
    ("cumulative layout shift", ("audits", "cumulative-layout-shift", "numericValue"), ""),
    ("speed index", ("audits", "speed-index", "numericValue"), "s"),
    ("time to interactive", ("audits", "interactive", "numericValue"), "s"),
    ("bytes transferred (KB)", ("audits", "total-byte-weight", "numericValue"), "KB"),
]


def lighthouse_bin(given: str | None) -> str:
    path = given or os.environ.get("LIGHTHOUSE") or str(ROOT / "node_modules" / ".bin" / "lighthouse")
    if not Path(path).exists():
        raise SystemExit(f"no Lighthouse at {path}: run `npm ci` (it is a devDependency) or pass --lighthouse")
    return path


def audit(binary: str, url: str, profile: str, out: Path) -> dict:
    """One Lighthouse run: the report's figures we keep, and the largest contentful paint's element."""
    command = [binary, url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=performance,accessibility", f"--chrome-flags={' '.join(CHROME_FLAGS)}"]
    if profile == "desktop":
        command.append("--preset=desktop")
    env = dict(os.environ, CHROME_PATH=os.environ.get("CHROME_PATH", "/usr/bin/chromium"))
    if subprocess.run(command, env=env, timeout=300, stdout=subprocess.DEVNULL).returncode:
        # Lighthouse now and then fails to record the trace (NO_NAVSTART): once more, then it counts
        subprocess.run(command, check=True, env=env, timeout=300, stdout=subprocess.DEVNULL)
    report = json.loads(out.read_text())
    figures = {}
    for label, path, unit in FIGURES:
        node = report
        for key in path:
            node = (node or {}).get(key)
        if node is not None and unit == "s":
            node = node / 1000
        elif node is not None and unit == "KB":
            node = node / 1024
        figures[label] = node
    items = (report["audits"].get("largest-contentful-paint-element", {}).get("details") or {}).get("items") or []
    node = next((i.get("node") for i in (items[0].get("items", []) if items else []) if i.get("node")), {})
    figures["lcp element"] = node.get("selector") or node.get("snippet")
    return figures


def median(values):
    values = [v for v in values if isinstance(v, (int, float))]
    return statistics.median(values) if values else None


def fmt(value, unit: str) -> str:
    if value is None:
        return "–"
    if unit == "s":
        return f"{value:.2f} s"
    if unit == "KB":
        return f"{value:.0f}"
    return f"{value:.2f}"


def table(medians: dict, runs: int) -> str:
    lines = [f"| Lighthouse 12.2.3, median of {runs} | app, mobile | minimal, mobile | app, desktop | minimal, desktop |",
             "|---|---|---|---|---|"]
    for label, _, unit in FIGURES:
        cells = [fmt(medians[p][n].get(label), unit) for p in ("mobile", "desktop") for n in ("app", "minimal")]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--query", default="", help="the app's view, e.g. ?lang=ja (default: the start view)")
    parser.add_argument("--profiles", default="mobile,desktop")
    parser.add_argument("--lighthouse", help="the lighthouse executable (default node_modules/.bin/lighthouse)")
    parser.add_argument("--variant", action="append", default=[], metavar="LABEL=DIR",
                        help="also audit the app served from another checkout DIR (its own npm build), "
                             "in the same rotation: how a change shows in these figures")
    args = parser.parse_args(argv)
    variants = dict(v.split("=", 1) for v in args.variant)
    binary = lighthouse_bin(args.lighthouse)
    profiles = [p for p in args.profiles.split(",") if p]
    logs = Path(tempfile.mkdtemp(prefix="lighthouse-"))
    servers = {}
    try:
        servers = {name: start_server(name, args.workers, logs) for name in ("app", "minimal")}
        for label, root in variants.items():
            servers[label] = start_server("app", args.workers, logs / label, root=Path(root).resolve())
        urls = {name: server.url + "/" + (args.query if name != "minimal" else "") for name, server in servers.items()}
        runs: dict = {p: {n: [] for n in servers} for p in profiles}
        for profile in profiles:
            for name in servers:  # a first, unrecorded load: each worker has its caches warm
                audit(binary, urls[name], profile, logs / "warm.json")
            for i in range(args.runs):
                order = list(servers)
                for name in (order if i % 2 == 0 else order[::-1]):
                    figures = audit(binary, urls[name], profile, logs / f"{profile}-{name}-{i}.json")
                    runs[profile][name].append(figures)
                    print(f"{profile} {name} run {i + 1}: performance {figures['performance']}, "
                          f"LCP {figures['largest contentful paint']:.2f} s, "
                          f"TBT {figures['total blocking time']:.2f} s, CLS {figures['cumulative layout shift']:.3f}",
                          flush=True)
    finally:
        for server in servers.values():
            server.stop()
    medians = {p: {n: {label: median([r[label] for r in rs]) for label, _, _ in FIGURES}
                   for n, rs in by_name.items()} for p, by_name in runs.items()}
    for p in ("mobile", "desktop"):
        medians.setdefault(p, {"app": {}, "minimal": {}})
    text = table(medians, args.runs)
    for label in variants:
        text += f"\n\n{label}: " + "; ".join(
            f"{p} performance {fmt(medians[p][label].get('performance'), '')}, TBT "
            f"{fmt(medians[p][label].get('total blocking time'), 's')}, LCP "
            f"{fmt(medians[p][label].get('largest contentful paint'), 's')}" for p in profiles)
    stamp = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%dT%H%M%S")
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"lighthouse-{stamp}.json").write_text(json.dumps(
        {"command": " ".join(["bench/lighthouse.py", *(argv if argv is not None else sys.argv[1:])]),
         "query": args.query, "runs": runs, "medians": medians, "machine": machine_description()},
        indent=1, ensure_ascii=False) + "\n")
    (RESULTS / "lighthouse-latest.md").write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
