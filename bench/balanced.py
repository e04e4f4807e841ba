"""Two gunicorn instances of the app behind Debian's nginx (``deploy/nginx/returns-map.conf``
as it is, its ports and cache folder swapped for free ones), and a load test through nginx:
concurrent visitors, each loading the page, two static files, the layout, a callback and a
download, while one worker of the first instance and then the whole second instance are
killed (SIGKILL). Prints requests, errors and nginx's static-cache hits.

    .venv/bin/python bench/balanced.py [--visitors 200] [--rounds 3] [--workers 2] [--no-kill]

127.0.0.1 only; every loop bounded by a count and a deadline. tests/test_load_balancer.py
runs it for one round.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `bench` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import CALLBACK_HEADERS, PAGE_HEADERS, ROOT, Client, free_port, start_server  # noqa: E402
from dashboard import ids  # noqa: E402

CONF = ROOT / "deploy" / "nginx" / "returns-map.conf"
NGINX_HINT = "nginx is missing: install Debian's nginx (`apt-get install -y nginx`, or run `bash .ci/run`)"
YEARS = (1959, 1960, 1961, 1962, 1965, 1970, 1975, 1980)


def nginx_path() -> str | None:
    return shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)


def nginx_conf(upstream_ports: list[int], listen_port: int, folder: Path) -> str:
    """A whole nginx.conf around deploy/nginx/returns-map.conf with these ports and folder."""
    site = CONF.read_text()
    upstreams = re.findall(r"server 127\.0\.0\.1:(\d+) ", site)
    assert len(upstreams) == len(upstream_ports), f"{CONF} names {len(upstreams)} instances"
    for old, new in zip(upstreams, upstream_ports):
        site = site.replace(f"127.0.0.1:{old} ", f"127.0.0.1:{new} ")
    site = site.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{listen_port};")
    site = site.replace("/var/cache/nginx/returns-map", str(folder / "cache"))
    temp = "".join(f"  {kind}_temp_path {folder}/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers that may write the temp folder
    return (f"{user}worker_processes 1;\npid {folder}/nginx.pid;\nevents {{ worker_connections 2048; }}\n"
            f"http {{\n  access_log off;\n{temp}{site}\n}}\n")


def get(port: int, path: str):
    client = Client(port, timeout=5)
    try:
        return client.request("GET", path)
    finally:
        client.close()


@contextmanager
def balanced(workers: int = 2, instances: int = 2):
    """(nginx port, [instance servers]) for the time of the ``with``; all stopped after."""
    nginx = nginx_path()
    if nginx is None:
        raise RuntimeError(NGINX_HINT)
    folder = Path(tempfile.mkdtemp(prefix="returns-map-lb-"))
    servers, process = [], None
    try:
        with concurrent.futures.ThreadPoolExecutor(instances) as pool:  # start them side by side
            starting = [pool.submit(start_server, "app", workers, folder / "logs") for _ in range(instances)]
        servers = [f.result() for f in starting if not f.exception()]
        for future in starting:
            future.result()  # raises what a failed start raised (the others are stopped below)
        port = free_port()
        (folder / "nginx.conf").write_text(nginx_conf([s.port for s in servers], port, folder))
        process = subprocess.Popen([nginx, "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf"),
                                    "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while process.poll() is None and time.monotonic() < deadline:
            try:
                if get(port, "/healthz").status == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            log = (folder / "error.log").read_text(errors="replace")[-2000:] if (folder / "error.log").exists() else ""
            raise RuntimeError(f"nginx did not answer within 15 s (exit code {process.poll()}): {log}")
        yield port, servers
    finally:
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGQUIT)  # nginx: graceful stop
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        for server in servers:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def summary_body(year: int) -> bytes:
    """The view callback for one year (the summary and what follows the view), as the page's
    store holds the view."""
    view = {"year_from": year, "year_to": year, "region": "", "port": "", "lang": "en",
            "layer": "today", "mode": "explore"}
    outputs = [(ids.SUMMARY, "children"), (ids.REGION, "value"), (ids.VIEW_QUERY, "data")]
    return json.dumps({"output": "..%s.." % "...".join(f"{i}.{p}" for i, p in outputs),
                       "outputs": [{"id": i, "property": p} for i, p in outputs],
                       "inputs": [{"id": ids.VIEW, "property": "data", "value": view}],
                       "changedPropIds": [f"{ids.VIEW}.data"], "state": []}).encode()


def visitor_script(static: list[str], rng: random.Random) -> list[tuple]:
    year = rng.choice(YEARS)
    return [("GET", f"/?from={year}&to={year}", None, PAGE_HEADERS),
            *[("GET", path, None, PAGE_HEADERS) for path in rng.sample(static, 2)],
            ("GET", "/_dash-layout", None, CALLBACK_HEADERS),
            ("POST", "/_dash-update-component", summary_body(year), CALLBACK_HEADERS),
            ("GET", f"/export/flows.csv?from={year}&to={year}", None, PAGE_HEADERS)]


def load_through(port: int, servers: list, visitors: int = 200, rounds: int = 3, time_limit: float = 60.0,
                 kill: bool = True, seed: int = 1) -> dict:
    """``visitors`` threads, each running ``rounds`` visitor scripts; with ``kill``, one worker
    of the first instance is killed after a third of the requests, the second instance (master
    and workers) after two thirds."""
    static = [p for p in re.findall(r'(?:src|href)="(/[^"?]*)', get(port, "/").body.decode())
              if p.startswith(("/_dash-component-suites/", "/assets/", "/vendor/"))]
    rng = random.Random(seed)
    scripts = [[step for _ in range(rounds) for step in visitor_script(static, rng)] for _ in range(visitors)]
    planned = sum(len(s) for s in scripts)
    plan = [(planned // 3, "worker", servers[0]), (2 * planned // 3, "instance", servers[-1])] if kill else []
    lock, done, kills = threading.Lock(), Counter(), []
    outcomes, cache, examples = Counter(), Counter(), []
    deadline = time.monotonic() + time_limit

    def maybe_kill() -> None:
        if len(kills) < len(plan) and done["requests"] >= plan[len(kills)][0]:
            _, what, server = plan[len(kills)]
            pids = server.pids()  # the master first, then its workers
            if what == "worker":
                os.kill(pids[1], signal.SIGKILL)
            else:
                os.killpg(server.process.pid, signal.SIGKILL)
            # a sync worker answers one request at a time: at most that many lost in flight
            kills.append({"killed": f"{what} (instance on port {server.port})", "after_requests": done["requests"],
                          "workers": 1 if what == "worker" else len(pids) - 1})

    def visit(script) -> None:
        client = Client(port, timeout=30)
        for method, path, body, headers in script:
            if time.monotonic() > deadline:
                outcome, hit = "not sent: time limit", None
            else:
                try:
                    reply = client.request(method, path, body=body, headers=headers)
                    outcome, hit = ("ok" if reply.status == 200 else f"HTTP {reply.status}"), reply.headers.get("x-cache-status")
                except Exception as exc:  # noqa: BLE001
                    outcome, hit = type(exc).__name__, None
            with lock:
                done["requests"] += 1
                outcomes[outcome] += 1
                cache.update([hit] if hit else [])
                if outcome != "ok" and len(examples) < 10:
                    examples.append(f"{outcome}: {method} {path[:60]}")
                maybe_kill()
        client.close()

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=visitors) as executor:
        list(executor.map(visit, scripts))
    errors = {k: v for k, v in outcomes.items() if k != "ok"}
    return {"visitors": visitors, "requests_planned": planned, "requests_ok": outcomes["ok"],
            "errors": sum(errors.values()), "error_kinds": errors, "error_examples": examples, "kills": kills,
            "static_cache": dict(cache), "seconds": round(time.monotonic() - start, 2)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--visitors", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="visitor scripts each visitor runs (6 requests each)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per instance")
    parser.add_argument("--no-kill", action="store_true", help="kill nothing")
    args = parser.parse_args(argv)
    with balanced(args.workers) as (port, servers):
        result = load_through(port, servers, args.visitors, args.rounds, kill=not args.no_kill)
    print(json.dumps(result, indent=1))
    return 0 if result["errors"] <= sum(k["workers"] for k in result["kills"]) else 1


if __name__ == "__main__":
    sys.exit(main())
