#!/usr/bin/env python
"""Benchmarks of the dashboard against the smallest possible Dash page (bench/minimal_app.py).

    python bench/run.py            # the full run (about 10 minutes on 2 cores)
    python bench/run.py --quick    # a short run (about 3 minutes)

Starts both with gunicorn on free 127.0.0.1 ports (same flags, compression on), records the
callback requests a real Chromium page sends, then measures: callback round trips, time to
map and a year step beside Plotly's own redraw, 200 concurrent visitors (2 and 4 workers), the server's memory over a
soak of mixed callbacks (1 worker), and the page's JS heap over an hour-equivalent kiosk tour.
Prints a table and writes bench/results/latest.json (and a timestamped copy).

These are measurements, not tests: nothing here fails on a slow figure; the goals are
reported as met or not. First-load bytes, first paint and time to interactive are
Lighthouse's (bench/lighthouse.py). See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
import traceback
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make "bench" importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bodies import (Universe, callback_label, encode, load_universe, output_props,  # noqa: E402
                          server_callbacks, synthesize_body, vary_body)
from bench.common import (HERE, ROOT, Client, machine_description, percentile, ratio,  # noqa: E402,F401
                          start_server, summarize)

RESULTS_DIR = HERE / "results"

#: Goals (reported, never asserted)
GOAL_CALLBACK_RATIO = 2.0      # slowest app callback p95 / no-op p95
FLAT_SERVER = 0.05             # RSS growth from 1,000 callbacks to the end of the soak
FLAT_PAGE = 0.05               # JS heap growth over the second half of the clicked tour

__all__ = ["percentile", "summarize", "vary_body", "synthesize_body", "encode", "callback_label",
           "output_props", "server_callbacks", "Universe", "build_bodies", "hour_equivalent_steps",
           "growth", "format_table", "main"]


def hour_equivalent_steps(dwell_seconds: float) -> int:
    """Tour steps an unattended kiosk makes in an hour with ``dwell_seconds`` per stop."""
    return max(1, math.ceil(3600 / dwell_seconds))


def growth(first, last) -> float | None:
    return None if first in (None, 0) or last is None else (last - first) / first


def build_bodies(dependencies: list[dict], recorded: list[dict], universe: Universe, seed: int = 1):
    """The recorded bodies, plus a synthesized one for each server callback the recording did
    not reach (reported). Returns (bodies, synthesized outputs)."""
    import random

    rng = random.Random(seed)
    have = {item["output"] for item in recorded}
    synthesized = []
    bodies = list(recorded)
    for dependency in dependencies:
        if dependency.get("clientside_function") or dependency["output"] in have:
            continue
        body = synthesize_body(dependency, rng, universe)
        bodies.append({"step": "synthesized", "path": "/_dash-update-component", "output": body["output"],
                       "body": body})
        synthesized.append(dependency["output"])
    return bodies, synthesized


# -- the table ----------------------------------------------------------------------------


def _ms(value) -> str:
    return "-" if value is None else f"{value:8.1f}"


def _kib(value) -> str:
    return "-" if value is None else f"{value / 1024:9.1f}"


def _x(value) -> str:
    return "-" if value is None else f"{value:.2f}x"


def _pct(value) -> str:
    return "-" if value is None else f"{value * 100:+.1f} %"


def _heap_line(sample: dict) -> str:
    return (f"JS heap {(sample.get('js_heap_used') or 0) / 1048576:6.1f} MiB, "
            f"{int(sample.get('dom_nodes') or 0):>6} DOM nodes, {int(sample.get('event_listeners') or 0):>5} listeners")


def format_table(results: dict) -> str:
    lines: list[str] = []
    add = lines.append
    machine = results.get("machine", {})
    add(f"Machine: {machine.get('cpu_model')} x{machine.get('nproc')}, Python {machine.get('python')}, "
        f"{machine.get('chromium')}, {machine.get('date')}, git {machine.get('git_commit')}"
        f" (+{machine.get('git_uncommitted_files')} uncommitted files)")
    config = results.get("config", {})
    load = results.get("load_average_at_start") or ()
    add(f"Run: {'quick' if config.get('quick') else 'full'}, gunicorn workers {config.get('workers')}, "
        f"load average at start {' '.join(f'{x:.2f}' for x in load)}, at end "
        f"{' '.join(f'{x:.2f}' for x in machine.get('load_average') or ())}")

    for rec in results.get("recordings", []):
        add(f"Recorded at {rec['at']} (git {rec['git_commit']}): {rec['requests']} callback requests; "
            f"failed steps: {rec['failed_steps'] or 'none'}")
    cb = results.get("callbacks")
    if cb:
        add("")
        add(f"CALLBACKS  round trip on loopback (ms), {config.get('callback_reps')} varied requests each")
        add(f"  {'callback':<44}{'n':>5}{'p50':>9}{'p95':>9}{'max':>9}{'resp KiB':>10}  err")
        rows = sorted(cb["app"].values(), key=lambda r: -(r["p95"] or 0))
        for row in rows + [cb["noop"]]:
            name = ("minimal: " if row is cb["noop"] else "") + row["label"]
            size = row.get("response_bytes_p50")
            add(f"  {name[:44]:<44}{row['n']:>5}{_ms(row['p50'])}{_ms(row['p95'])}{_ms(row['max'])}"
                f"{_kib(size)}  {row['errors']}")
        add(f"  slowest p95 / no-op p95 = {_x(cb.get('ratio'))}   (goal <= {GOAL_CALLBACK_RATIO:g}x; "
            f"slowest: {cb.get('slowest_label')})")
        if cb.get("synthesized"):
            add(f"  (not reached by the recording, body synthesized: {', '.join(cb['synthesized'])})")
        if cb.get("check_problems"):
            add(f"  body check problems: {len(cb['check_problems'])}: {cb['check_problems'][:3]}")

    tm = results.get("time_to_map")
    if tm:
        add("")
        add("TIME TO MAP  headless Chromium, ms (median / p95 / n)")
        step = tm.get("app_year_step") or {}
        rows = [("app: open -> map drawn", tm.get("app_open") or {}),
                ("minimal: open -> map drawn", tm.get("minimal_open") or {}),
                ("app: year step -> map redrawn", step),
                ("  Plotly's own redraw, same change", step.get("plotly_redraw") or {}),
                ("  year step -> summary (server)", step.get("panels") or {})]
        for name, item in rows:
            add(f"  {name:<38}{_ms(item.get('p50'))}{_ms(item.get('p95'))}{item.get('n', 0):>5}"
                + (f"   errors: {len(item['errors'])}" if item.get("errors") else ""))
        own = (step.get("plotly_redraw") or {})
        if step.get("p50") and own.get("p50"):
            add(f"  year step / Plotly's own redraw: median {step['p50'] / own['p50']:.2f}x, "
                f"p95 {step['p95'] / own['p95']:.2f}x (goal: at most 2x)")

    ld = results.get("load")
    if ld:
        add("")
        add(f"LOAD  {ld.get('visitors')} concurrent visitors, each: GET /, /_dash-layout, /_dash-dependencies "
            f"+ {ld.get('callbacks')} callbacks")
        add(f"  {'workers':>7}{'requests':>10}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'errors':>8}  seconds")
        for item in ld.get("runs", []):
            lat = item["latency_ms"]
            add(f"  {item['workers']:>7}{item['requests_ok']:>10}{item['requests_per_second'] or 0:9.1f}"
                f"{_ms(lat['p50'])}{_ms(lat['p95'])}{_ms(lat['max'])}{item['errors']:>8}  {item['seconds']:.1f}"
                + (f"   {item['error_kinds']}" if item["errors"] else ""))

    mem = results.get("memory")
    if mem:
        add("")
        server = mem.get("server") or {}
        add("MEMORY")
        if server:
            add(f"  server RSS (gunicorn master + 1 worker), {server.get('callbacks', 0):,} mixed callbacks, "
                f"{server.get('errors', 0)} errors, {server.get('callbacks_per_second') or 0:.0f}/s")
        for point in server.get("points", []):
            pss = point.get("pss_kib")
            add(f"    {point['label']:<34}{point['total_kib'] / 1024:8.1f} MiB RSS"
                + (f"  ({pss / 1024:.1f} MiB PSS)" if pss else "")
                + f"  pids {','.join(point.get('per_pid_kib', {}))}")
        if server.get("processes_changed"):
            add("    (the server's processes changed during the soak: a worker was restarted)")
        if server:
            add(f"    growth 1,000 -> end: {_pct(server.get('growth_after_1000'))}   (flat: <= {FLAT_SERVER * 100:g} %)")
        page = mem.get("page") or {}
        driven = page.get("driven") or {}
        if driven:
            add(f"  page, tour clicked on one kiosk page (kiosk.js kept out, no reload): {driven.get('steps_done')} "
                f"steps, >= {driven.get('interval_s')} s each ({driven.get('equivalent')}):")
            for sample in driven.get("samples", []):
                add(f"    step {sample['step']:>5}: {_heap_line(sample)}")
            add(f"    JS heap growth start -> end: {_pct(driven.get('heap_growth'))}; over the second half: "
                f"{_pct(driven.get('heap_growth_second_half'))}   (flat: second half <= {FLAT_PAGE * 100:g} %)")
            if driven.get("errors"):
                add(f"    errors: {driven['errors'][:3]}")
        attract = page.get("attract") or {}
        if attract.get("kiosk_js_present"):
            add(f"  page, kiosk.js attract loop at dwell {attract.get('dwell_s')} s for {attract.get('seconds', 0):.0f} s: "
                f"{attract.get('tour_steps')} steps ({attract.get('equivalent')}), "
                f"{attract.get('page_loads')} page loads, state at end: {attract.get('final_state')}")
            for sample in attract.get("samples", []):
                add(f"    {sample['seconds']:5.0f} s, step {sample['tour_steps']:>4}: {_heap_line(sample)}")
            add(f"    JS heap start -> end: {_pct(attract.get('heap_growth'))}")
            if attract.get("errors") or attract.get("callback_http_errors"):
                add(f"    errors: {(attract.get('errors') or []) + (attract.get('callback_http_errors') or [])}")
        elif attract:
            add(f"  kiosk.js attract loop: not measured ({attract.get('errors')})")

    goals = results.get("goals")
    if goals:
        add("")
        add("GOALS (reported, not asserted)")
        for name, item in goals.items():
            add(f"  {'met    ' if item['met'] else 'NOT MET' if item['met'] is False else 'n/a    '} {name}: {item['text']}")
    if results.get("errors"):
        add("")
        add("PHASES THAT FAILED: " + "; ".join(results["errors"]))
    return "\n".join(lines)


# -- the run ------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a short run (fewer repetitions everywhere)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers for both servers (default 2)")
    parser.add_argument("--load-workers", default="2,4", help="worker counts for the load test (default 2,4)")
    parser.add_argument("--reps", type=int, help="requests per callback (default 300; quick 40)")
    parser.add_argument("--map-reps", type=int, help="time-to-map repetitions (default 15; quick 5)")
    parser.add_argument("--visitors", type=int, default=200, help="concurrent visitors (default 200)")
    parser.add_argument("--soak", type=int, help="mixed callbacks in the memory soak (default 20000; quick 2000)")
    parser.add_argument("--kiosk-dwell", type=float, default=8.0,
                        help="seconds a real kiosk shows each tour stop (kiosk.js's default, 8); "
                             "an hour is 3600/dwell steps")
    parser.add_argument("--kiosk-steps", type=int,
                        help="tour steps clicked on one page (default: an hour-equivalent; quick 60)")
    parser.add_argument("--kiosk-interval", type=float, default=0.1, help="minimum seconds per clicked step (0.1)")
    parser.add_argument("--kiosk-seconds", type=float,
                        help="seconds to watch kiosk.js's own attract loop (default 90; quick 30)")
    parser.add_argument("--kiosk-js-dwell", type=float, default=0.5,
                        help="dwell given to kiosk.js's attract loop (?dwell=, its minimum is 0.5)")
    parser.add_argument("--skip", default="", help="comma-separated phases to skip: "
                        "callbacks,time-to-map,kiosk,load,memory")
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="where results go (bench/results)")
    parser.add_argument("--logs", type=Path, help="where server logs and recorded bodies go "
                        "(default: a new folder in the system's temp dir)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=Path, metavar="RESULTS_JSON",
                        help="only print the table of a results file (e.g. bench/results/latest.json)")
    args = parser.parse_args(argv)
    args.reps = args.reps or (40 if args.quick else 300)
    args.map_reps = min(args.map_reps or (5 if args.quick else 15), 25)
    args.soak = args.soak or (2000 if args.quick else 20000)
    args.kiosk_steps = args.kiosk_steps or (60 if args.quick else hour_equivalent_steps(args.kiosk_dwell))
    args.kiosk_seconds = args.kiosk_seconds or (30 if args.quick else 90)
    args.load_workers = [int(w) for w in args.load_workers.split(",") if w.strip()]
    args.skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    if args.logs is None:
        import tempfile
        args.logs = Path(tempfile.mkdtemp(prefix="returns-bench-"))
    return args


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.show:
        print(format_table(json.loads(args.show.read_text())))
        return 0
    from bench import browser as br
    from bench import load as ld

    results: dict = {"config": {"quick": args.quick, "workers": args.workers, "callback_reps": args.reps,
                                "map_reps": args.map_reps, "visitors": args.visitors, "soak": args.soak,
                                "kiosk_dwell_s": args.kiosk_dwell, "kiosk_steps": args.kiosk_steps,
                                "kiosk_interval_s": args.kiosk_interval, "kiosk_seconds": args.kiosk_seconds,
                                "kiosk_js_dwell_s": args.kiosk_js_dwell, "seed": args.seed,
                                "logs": str(args.logs),
                                "gunicorn_conf_py": (ROOT / "gunicorn.conf.py").is_file()},
                     "errors": [], "recordings": []}
    servers: list = []
    started = time.monotonic()
    results["load_average_at_start"] = os.getloadavg()
    args.logs.mkdir(parents=True, exist_ok=True)

    def phase(name, function):
        if name in args.skip:
            log(f"{name}: skipped")
            return None
        log(f"{name} ...")
        t0 = time.monotonic()
        try:
            value = function()
            log(f"{name}: done in {time.monotonic() - t0:.0f} s")
            return value
        except Exception as exc:  # noqa: BLE001 - one failed phase must not lose the others
            traceback.print_exc()
            results["errors"].append(f"{name}: {type(exc).__name__}: {exc}")
            return None

    def serve(name, workers, extra=()):
        server = start_server(name, workers, args.logs, extra_flags=extra)
        servers.append(server)
        return server

    def stop(server):
        server.stop()
        servers.remove(server)

    try:
        log("loading the dataset for realistic inputs")
        universe = load_universe()
        log(f"starting app and minimal page (gunicorn, {args.workers} workers each)")
        app = serve("app", args.workers)
        minimal = serve("minimal", args.workers)
        results["config"]["commands"] = {"app": app.command, "minimal": minimal.command}

        with br.chromium() as browser:
            results["browser_version"] = browser.version
            current: dict = {}

            def bodies_for(server):
                """The recorded bodies for this app server; recorded again if the app's callbacks
                are not those recorded (the app changed while the benchmark ran)."""
                dependencies = Client(server.port).request("GET", "/_dash-dependencies").json()
                signature = json.dumps(dependencies, sort_keys=True)
                if current.get("signature") == signature:
                    return current
                again = bool(current)
                log(("the app's callbacks changed: recording again" if again else
                     "recording the callback requests Chromium sends (page load + interactions)"))
                recorded, failed_steps = br.record_bodies(browser, server.url, log=log)
                bodies, synthesized = build_bodies(dependencies, recorded, universe, args.seed)
                outputs = server_callbacks(dependencies)
                (args.logs / f"recorded_bodies_{len(results['recordings'])}.json").write_text(ld.dump_bodies(bodies))
                info = {"at": time.strftime("%H:%M:%S"), "git_commit": git_commit(), "requests": len(recorded),
                        "failed_steps": failed_steps, "synthesized": [callback_label(o) for o in synthesized],
                        "per_callback": {callback_label(o): sum(1 for r in recorded if r["output"] == o)
                                         for o in outputs}}
                results["recordings"].append(info)
                if again:
                    results["errors"].append(f"the app changed during the run (callbacks differ at {info['at']}, "
                                             f"git {info['git_commit']}): figures before and after come from "
                                             "different versions")
                log(f"  {len(recorded)} requests recorded for {len({r['output'] for r in recorded})} of "
                    f"{len(outputs)} server callbacks; failed steps: {len(failed_steps)}")
                current.update(signature=signature, outputs=outputs, synthesized=synthesized,
                               pool=ld.BodyPool(bodies, universe, args.seed),
                               page_output=next((o for o in outputs if "page.children" in output_props(o)), None))
                return current

            bodies_for(app)
            noop_recorded = br.record_page_bodies(browser, minimal.url + "/", br.MINIMAL_MAP_DRAWN,
                                                  clicks="#button", times=2)
            noop_pool = ld.BodyPool(noop_recorded, universe, args.seed)

            def callbacks():
                recorded = bodies_for(app)
                pool = recorded["pool"]
                check = ld.check_bodies(app, pool, per_callback=2 if args.quick else 5)
                deadline = time.monotonic() + (120 if args.quick else 300)
                app_times = ld.time_callbacks(app, pool, recorded["outputs"], args.reps, deadline)
                noop_output = noop_pool.outputs()[0]
                noop = ld.time_callbacks(minimal, noop_pool, [noop_output], args.reps,
                                         time.monotonic() + 120)[noop_output]
                noop["label"] = "no-op (" + noop["label"] + ")"
                slowest = max(app_times.values(), key=lambda r: r["p95"] or 0)
                return {"app": {callback_label(o): v for o, v in app_times.items()}, "noop": noop,
                        "ratio": ratio(slowest["p95"], noop["p95"]), "slowest_label": slowest["label"],
                        "synthesized": [callback_label(o) for o in recorded["synthesized"]],
                        "check_checked": check["checked"], "check_problems": check["problems"]}

            results["callbacks"] = phase("callbacks", callbacks)

            def time_to_map():
                deadline = time.monotonic() + (120 if args.quick else 300)
                return {
                    "app_open": br.open_to_map(browser, app.url + "/", br.APP_MAP_DRAWN, args.map_reps, deadline),
                    "minimal_open": br.open_to_map(browser, minimal.url + "/", br.MINIMAL_MAP_DRAWN,
                                                   args.map_reps, deadline),
                    "app_year_step": br.year_steps(browser, app.url + "/", args.map_reps, deadline),
                }

            results["time_to_map"] = phase("time-to-map", time_to_map)
            stop(minimal)

            def kiosk():
                deadline = time.monotonic() + (120 if args.quick else 360)
                driven = br.tour_loop_heap(browser, app.url + "/?mode=kiosk", args.kiosk_steps,
                                           args.kiosk_interval, deadline, checkpoints=4 if args.quick else 8)
                heaps = [x["js_heap_used"] for x in driven["samples"]]
                half = heaps[len(heaps) // 2:] if len(heaps) > 2 else []
                minutes = args.kiosk_steps * args.kiosk_dwell / 60
                driven.update(interval_s=args.kiosk_interval,
                              heap_growth=growth(heaps[0], heaps[-1]) if heaps else None,
                              heap_growth_second_half=growth(half[0], half[-1]) if half else None,
                              equivalent=f"{args.kiosk_steps} steps = {minutes:.0f} min of kiosk at "
                                         f"{args.kiosk_dwell:g} s per stop")
                attract = br.kiosk_attract_heap(browser, app.url + f"/?mode=kiosk&dwell={args.kiosk_js_dwell:g}",
                                                args.kiosk_seconds)
                heaps = [x["js_heap_used"] for x in attract.get("samples", [])]
                steps = attract.get("tour_steps", 0)
                attract.update(dwell_s=args.kiosk_js_dwell,
                               heap_growth=growth(heaps[0], heaps[-1]) if heaps else None,
                               equivalent=(f"{steps} steps = {steps * args.kiosk_dwell / 60:.0f} min of kiosk "
                                           f"at {args.kiosk_dwell:g} s per stop"))
                return {"driven": driven, "attract": attract}

            kiosk_result = phase("kiosk", kiosk)

            def load():
                runs = []
                for workers in args.load_workers:
                    server = app if workers == app.workers else serve("app", workers)
                    recorded = bodies_for(server)
                    before = len(server.log_problems())
                    run = ld.load_test(server, recorded["pool"], recorded["page_output"], visitors=args.visitors,
                                       callbacks=5, time_limit=90 if args.quick else 180)
                    run["server_log_problems"] = server.log_problems()[before:][:10]
                    runs.append(run)
                    log(f"  {workers} workers: {run['requests_ok']} requests ok, {run['errors']} errors, "
                        f"{run['requests_per_second']:.1f} req/s")
                    if server is not app:
                        stop(server)
                return {"visitors": args.visitors, "callbacks": 5, "runs": runs}

            results["load"] = phase("load", load)
            stop(app)

            def memory():
                # worker recycling off (gunicorn.conf.py recycles every ~5,000 requests), so that
                # a leak would show instead of being reset
                server = serve("app", 1, extra=("--max-requests", "0"))
                pool = bodies_for(server)["pool"]
                points = [{"label": "started", "callbacks": 0, **server.rss_kib()}]
                warm = ld.warm_up(server, pool, rounds=2 if args.quick else 3, mixed=200)
                points.append({"label": f"after warm-up ({warm} callbacks)", "callbacks": 0, **server.rss_kib()})
                deadline = time.monotonic() + (150 if args.quick else 420)
                soaked = ld.soak(server, pool, args.soak, marks=(1000, args.soak), deadline=deadline)
                by_count = {p["callbacks"]: p for p in soaked["rss"]}
                if 1000 in by_count:
                    points.append({"label": "after 1,000 callbacks", **by_count[1000]})
                last = soaked["rss"][-1] if soaked["rss"] else None
                if last and last["callbacks"] != 1000:
                    points.append({"label": f"after {last['callbacks']:,} callbacks", **last})
                pids = {tuple(sorted(p["per_pid_kib"])) for p in points}
                problems = server.log_problems()[:10]
                stop(server)
                return {"callbacks": soaked["callbacks"], "errors": soaked["errors"], "seconds": soaked["seconds"],
                        "callbacks_per_second": soaked["callbacks_per_second"], "statuses": soaked["statuses"],
                        "stopped_by_time_limit": soaked["stopped_by_time_limit"], "points": points,
                        "curve": [{"callbacks": p["callbacks"], "total_kib": p["total_kib"],
                                   "pss_kib": p.get("pss_kib")} for p in soaked["rss"]],
                        "growth_after_1000": growth(by_count.get(1000, {}).get("total_kib"),
                                                    last["total_kib"] if last else None),
                        "processes_changed": len(pids) > 1, "command": server.command,
                        "log_problems": problems}

            server_memory = phase("memory", memory)
        if server_memory is not None or kiosk_result is not None:
            results["memory"] = {"server": server_memory, "page": kiosk_result}
    finally:
        for server in list(servers):
            server.stop()

    results["goals"] = goals(results)
    results["machine"] = machine_description(results.get("browser_version"))
    results["seconds"] = time.monotonic() - started
    write_results(results, args.out)
    print()
    print(format_table(results))
    print(f"\nResults: {args.out / 'latest.json'}  ({results['seconds']:.0f} s)")
    return 0


def git_commit() -> str | None:
    import subprocess
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=ROOT, timeout=10).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def goals(results: dict) -> dict:
    out = {}
    cb = results.get("callbacks")
    if cb:
        out["callbacks"] = {"met": None if cb["ratio"] is None else cb["ratio"] <= GOAL_CALLBACK_RATIO,
                            "text": f"slowest p95 ({cb['slowest_label']}) = {_x(cb['ratio'])} the no-op's "
                                    f"(goal <= {GOAL_CALLBACK_RATIO:g}x)"}
    ld = results.get("load")
    if ld:
        errors = sum(r["errors"] for r in ld["runs"])
        out["load"] = {"met": errors == 0, "text": f"{errors} errors with {ld['visitors']} visitors "
                                                   f"({', '.join(str(r['workers']) for r in ld['runs'])} workers)"}
    mem = results.get("memory") or {}
    server = mem.get("server")
    if server:
        g = server.get("growth_after_1000")
        out["server memory"] = {"met": None if g is None else g <= FLAT_SERVER and server["errors"] == 0,
                                "text": f"RSS {_pct(g)} from 1,000 to {server['callbacks']:,} callbacks, "
                                        f"{server['errors']} errors (flat: <= {FLAT_SERVER * 100:g} %)"}
    driven = (mem.get("page") or {}).get("driven")
    if driven:
        g, later = driven.get("heap_growth"), driven.get("heap_growth_second_half")
        out["page memory"] = {"met": None if later is None else later <= FLAT_PAGE and not driven["errors"],
                              "text": f"JS heap {_pct(g)} over {driven['steps_done']} tour steps on one page, "
                                      f"{_pct(later)} over the second half (flat: second half <= "
                                      f"{FLAT_PAGE * 100:g} %)"}
    return out


def write_results(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=1, ensure_ascii=False, default=str)
    (out / "latest.json").write_text(text)
    stamp = time.strftime("%Y%m%dT%H%M%S")
    (out / f"{stamp}{'-quick' if results['config']['quick'] else ''}.json").write_text(text)


if __name__ == "__main__":
    sys.exit(main())
