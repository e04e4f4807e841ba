"""HTTP-level measurements: callback round trips, concurrent visitors, the server's memory.

Each loop here is bounded twice: by a count and by a deadline (``time.monotonic()``), and
stops by itself. Requests go to 127.0.0.1 only.
"""

from __future__ import annotations

import concurrent.futures
import json
import random
import threading
import time
from collections import Counter

from .bodies import Universe, callback_label, encode, vary_body
from .common import CALLBACK_HEADERS, PAGE_HEADERS, Client, Server, summarize

OK_STATUSES = (200, 204)  # 204: every output was no_update (a rejected or unchanged input)


class BodyPool:
    """The recorded bodies by callback, and realistic variations of them."""

    def __init__(self, recorded: list[dict], universe: Universe, seed: int = 1):
        self.universe = universe
        self.recorded = recorded
        self.by_output: dict[str, list[dict]] = {}
        for item in recorded:
            self.by_output.setdefault(item["output"], []).append(item)
        self.rng = random.Random(seed)

    def outputs(self) -> list[str]:
        return list(self.by_output)

    def one(self, output: str) -> tuple[str, bytes]:
        """(path, body bytes): a recorded body of this callback, varied."""
        item = self.rng.choice(self.by_output[output])
        return item["path"], encode(vary_body(item["body"], self.rng, self.universe))

    def mixed(self, exclude: tuple[str, ...] = ()) -> tuple[str, str, bytes]:
        """(output, path, body): a callback drawn as often as the browser sent it while
        recorded (six view callbacks per interaction, one page build per load...), varied."""
        while True:
            item = self.rng.choice(self.recorded)
            if item["output"] not in exclude:
                break
        return item["output"], item["path"], encode(vary_body(item["body"], self.rng, self.universe))


def post(client: Client, path: str, body: bytes):
    return client.request("POST", path, body=body, headers=CALLBACK_HEADERS)


def check_bodies(server: Server, pool: BodyPool, per_callback: int = 5) -> dict:
    """Every recorded body as recorded, and ``per_callback`` variations of each callback:
    answered 200 (with a JSON ``response``) or 204? The answers are decoded and parsed."""
    client = Client(server.port)
    problems, checked = [], 0
    plan = [(item["output"], item["path"], encode(item["body"])) for item in pool.recorded]
    for output in pool.outputs():
        for _ in range(per_callback):
            plan.append((output, *pool.one(output)))
    for output, path, body in plan:
        checked += 1
        try:
            reply = post(client, path, body)
            if reply.status not in OK_STATUSES:
                problems.append(f"{callback_label(output)}: HTTP {reply.status} {reply.body[:120]!r}")
            elif reply.status == 200 and "response" not in reply.json():
                problems.append(f"{callback_label(output)}: 200 without a 'response'")
        except Exception as exc:  # noqa: BLE001
            problems.append(f"{callback_label(output)}: {type(exc).__name__}: {exc}")
    client.close()
    return {"checked": checked, "problems": problems}


def time_callbacks(server: Server, pool: BodyPool, outputs: list[str], n: int, deadline: float,
                   warmup: int = 5) -> dict:
    """Round trip (ms) of ``n`` varied requests per callback, one at a time on one client,
    the callbacks interleaved in a random order. Bodies are built before the clock runs."""
    client = Client(server.port)
    for output in outputs:  # warm-up: imports, caches, the first compression of each kind
        for _ in range(warmup):
            try:
                post(client, *pool.one(output))
            except OSError:
                pass
    plan = [(output, *pool.one(output)) for output in outputs for _ in range(n)]
    pool.rng.shuffle(plan)
    times = {o: [] for o in outputs}
    sizes = {o: [] for o in outputs}
    statuses = {o: Counter() for o in outputs}
    errors = {o: 0 for o in outputs}
    for output, path, body in plan:
        if time.monotonic() > deadline:
            break
        try:
            reply = post(client, path, body)
        except Exception:  # noqa: BLE001
            errors[output] += 1
            continue
        statuses[output][reply.status] += 1
        if reply.status not in OK_STATUSES:
            errors[output] += 1
            continue
        times[output].append(reply.seconds * 1000)
        sizes[output].append(len(reply.body))
    client.close()
    return {output: {"label": callback_label(output), **summarize(times[output]), "errors": errors[output],
                     "statuses": {str(k): v for k, v in sorted(statuses[output].items())},
                     "response_bytes_p50": summarize(sizes[output])["p50"]}
            for output in outputs}


# -- concurrent visitors ------------------------------------------------------------------


def visitor_script(pool: BodyPool, page_output: str | None, callbacks: int) -> list[tuple]:
    """One visitor: the page, its layout and dependencies, then the page build callback (a
    random view) and ``callbacks - 1`` callbacks from the recorded mix."""
    script = [("GET", "/", None, PAGE_HEADERS), ("GET", "/_dash-layout", None, CALLBACK_HEADERS),
              ("GET", "/_dash-dependencies", None, CALLBACK_HEADERS)]
    if page_output is not None:
        path, body = pool.one(page_output)
        script.append(("POST", path, body, CALLBACK_HEADERS))
        callbacks -= 1
    for _ in range(callbacks):
        _, path, body = pool.mixed(exclude=(page_output,) if page_output else ())
        script.append(("POST", path, body, CALLBACK_HEADERS))
    return script


def load_test(server: Server, pool: BodyPool, page_output: str | None, visitors: int = 200,
              callbacks: int = 5, time_limit: float = 120.0, timeout: float = 30.0) -> dict:
    """``visitors`` threads released at once, each running its own bounded script once."""
    scripts = [visitor_script(pool, page_output, callbacks) for _ in range(visitors)]
    barrier = threading.Barrier(visitors + 1)
    results: list[list[tuple]] = [[] for _ in range(visitors)]
    clock: dict[str, float] = {}

    def visit(index: int) -> None:
        client = Client(server.port, timeout=timeout)
        try:
            barrier.wait(timeout=60)
        except threading.BrokenBarrierError:
            results[index].append(("barrier", None, 0.0, "barrier broken"))
            return
        for method, path, body, headers in scripts[index]:
            if time.monotonic() > clock["deadline"]:
                results[index].append((path, None, 0.0, "time limit"))
                break
            try:
                reply = client.request(method, path, body=body, headers=headers)
                error = None if reply.status in OK_STATUSES else f"HTTP {reply.status}"
                results[index].append((path, reply.status, reply.seconds, error))
            except Exception as exc:  # noqa: BLE001
                results[index].append((path, None, 0.0, type(exc).__name__))
        client.close()

    with concurrent.futures.ThreadPoolExecutor(max_workers=visitors) as executor:
        futures = [executor.submit(visit, i) for i in range(visitors)]
        time.sleep(0.2)
        clock["deadline"] = time.monotonic() + time_limit
        start = time.monotonic()
        barrier.wait(timeout=60)
        concurrent.futures.wait(futures, timeout=time_limit + timeout + 30)
        elapsed = time.monotonic() - start
    flat = [r for visitor in results for r in visitor]
    done = [r for r in flat if r[3] is None]
    errors = Counter(r[3] for r in flat if r[3] is not None)
    latencies = [r[2] * 1000 for r in done]
    planned = sum(len(s) for s in scripts)
    return {
        "workers": server.workers, "visitors": visitors, "requests_planned": planned,
        "requests_ok": len(done), "errors": sum(errors.values()), "error_kinds": dict(errors),
        "seconds": elapsed, "requests_per_second": len(done) / elapsed if elapsed else None,
        "latency_ms": summarize(latencies),
        "visitors_completed": sum(1 for v in results if v and all(r[3] is None for r in v)
                                  and len(v) == len(scripts[0])),
    }


# -- the server's memory ------------------------------------------------------------------


def soak(server: Server, pool: BodyPool, total: int, marks: tuple[int, ...], deadline: float,
         threads: int = 2) -> dict:
    """``total`` mixed callbacks from ``threads`` clients (enough to keep one worker busy);
    the server's RSS at each mark (and every 1,000 callbacks)."""
    lock = threading.Lock()
    state = {"sent": 0, "errors": 0, "statuses": Counter()}
    rss = []
    every = sorted(set(marks) | set(range(1000, total + 1, 1000)))
    next_mark = iter(every)
    pending = {"mark": next(next_mark, None)}
    bodies_lock = threading.Lock()
    started = time.monotonic()

    def take() -> tuple | None:
        with lock:
            if state["sent"] >= total or time.monotonic() > deadline:
                return None
            state["sent"] += 1
        with bodies_lock:
            return pool.mixed()

    def record(status, error):
        with lock:
            state["statuses"][status] += 1
            if error:
                state["errors"] += 1
            finished = sum(state["statuses"].values())
            while pending["mark"] is not None and finished >= pending["mark"]:
                rss.append({"callbacks": pending["mark"], "seconds": time.monotonic() - started,
                            **server.rss_kib()})
                pending["mark"] = next(next_mark, None)

    def worker() -> None:
        client = Client(server.port)
        while True:
            job = take()
            if job is None:
                break
            _, path, body = job
            try:
                reply = post(client, path, body)
                record(reply.status, reply.status not in OK_STATUSES)
            except Exception:  # noqa: BLE001
                record(None, True)
        client.close()

    workers = [threading.Thread(target=worker, name=f"soak-{i}") for i in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join(timeout=max(1.0, deadline - time.monotonic() + 60))
    elapsed = time.monotonic() - started
    completed = sum(state["statuses"].values())
    return {"callbacks": completed, "errors": state["errors"], "seconds": elapsed,
            "callbacks_per_second": completed / elapsed if elapsed else None,
            "statuses": {str(k): v for k, v in state["statuses"].items()}, "rss": rss,
            "stopped_by_time_limit": completed < total}


def warm_up(server: Server, pool: BodyPool, rounds: int = 3, mixed: int = 200) -> int:
    client = Client(server.port)
    count = 0
    for _ in range(rounds):
        for item in pool.recorded:
            try:
                post(client, item["path"], encode(item["body"]))
            except OSError:
                pass
            count += 1
    for _ in range(mixed):
        _, path, body = pool.mixed()
        try:
            post(client, path, body)
        except OSError:
            pass
        count += 1
    client.close()
    return count


def dump_bodies(recorded: list[dict]) -> str:
    return json.dumps(recorded, ensure_ascii=False, indent=1)
