"""Shared pieces of the benchmarks: statistics, a small HTTP client, the gunicorn servers
under test, and the description of the machine the figures come from.

Everything here talks to 127.0.0.1 only, and every loop that uses it is bounded by the caller.
"""

from __future__ import annotations

import datetime as _dt
import gzip
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
import zlib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:  # run as a script from anywhere: the project's packages
    sys.path.insert(0, str(ROOT))
from tools.chromium import CHROMIUM, CHROMIUM_ARGS, HOST, VIEWPORT  # noqa: E402,F401  (one place, shared with tests)

UPDATE_PATH = "/_dash-update-component"
#: What Chromium sends with a callback request (recorded from a real page load).
CALLBACK_HEADERS = {
    "Content-Type": "application/json",
    "Accept": "application/json",
    "Accept-Encoding": "gzip, deflate, br, zstd",
    "Accept-Language": "en-US,en;q=0.9",
}
PAGE_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "Accept-Encoding": "gzip, deflate, br, zstd",
}


# -- statistics ---------------------------------------------------------------------------


def percentile(values, q: float) -> float | None:
    """The q-th percentile (0..100) with linear interpolation between closest ranks (numpy's
    default, "linear"); ``None`` for no values."""
    if not 0 <= q <= 100:
        raise ValueError(f"percentile {q} is not in 0..100")
    data = sorted(values)
    if not data:
        return None
    if len(data) == 1:
        return float(data[0])
    rank = (len(data) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(data) - 1)
    return float(data[low] + (data[high] - data[low]) * (rank - low))


def summarize(values) -> dict:
    """n, min, p50, p95, mean, max of a list of numbers (None where there are none)."""
    data = list(values)
    if not data:
        return {"n": 0, "min": None, "p50": None, "p95": None, "mean": None, "max": None}
    return {"n": len(data), "min": min(data), "p50": percentile(data, 50), "p95": percentile(data, 95),
            "mean": sum(data) / len(data), "max": max(data)}


def ratio(a, b) -> float | None:
    return None if a is None or not b else a / b


# -- HTTP ---------------------------------------------------------------------------------


def decode_body(data: bytes, encoding: str | None) -> bytes:
    """Undo a Content-Encoding (gzip, deflate, br, zstd); raises if it cannot."""
    encoding = (encoding or "").strip().lower()
    if encoding in ("", "identity"):
        return data
    if encoding == "gzip":
        return gzip.decompress(data)
    if encoding == "deflate":
        try:
            return zlib.decompress(data)
        except zlib.error:
            return zlib.decompress(data, -zlib.MAX_WBITS)
    if encoding == "br":
        import brotli  # installed with the test requirements (Flask-Compress uses it)
        return brotli.decompress(data)
    if encoding == "zstd":
        try:
            from compression import zstd  # Python 3.14+
        except ImportError:
            from backports import zstd  # Flask-Compress's own dependency before 3.14
        return zstd.decompress(data)
    raise ValueError(f"unknown Content-Encoding {encoding!r}")


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes          # as received (still compressed)
    seconds: float       # wall time of the round trip, connect included when there was one

    def json(self):
        return json.loads(decode_body(self.body, self.headers.get("content-encoding")))


class Client:
    """One HTTP/1.1 connection to 127.0.0.1 (``http.client``), kept alive where the server
    allows it and reopened where it closes it (gunicorn's sync workers close after every
    response, so there each request pays a loopback connect, for the app and the minimal
    page alike)."""

    def __init__(self, port: int, timeout: float = 30.0):
        self.port = port
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None
        self._used = False

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn = None
        self._used = False

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict | None = None) -> Reply:
        for attempt in (0, 1):
            if self._conn is None:
                self._conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
                self._used = False
            reused = self._used
            start = time.perf_counter()
            try:
                self._conn.request(method, path, body=body, headers=headers or {})
                response = self._conn.getresponse()
                data = response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.close()
                if reused and attempt == 0:  # a kept-alive connection the server had closed
                    continue
                raise
            except Exception:
                self.close()
                raise
            seconds = time.perf_counter() - start
            self._used = True
            if response.will_close:
                self.close()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, data, seconds)
        raise AssertionError("unreachable")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# -- the servers under test ---------------------------------------------------------------

#: what each server is: gunicorn's WSGI target, and the path polled until it answers
TARGETS = {
    "app": ("app:server", "/healthz"),
    "minimal": ("bench.minimal_app:server", "/"),
}


def gunicorn_path() -> str:
    beside = Path(sys.executable).with_name("gunicorn")
    found = str(beside) if beside.exists() else shutil.which("gunicorn")
    if not found:
        raise SystemExit("gunicorn is not installed (pip install -r requirements.txt)")
    return found


def gunicorn_flags(workers: int, port: int) -> list[str]:
    """The flags both servers are started with: the README's production line
    (``--workers N --bind 127.0.0.1:PORT``), and no control socket, so that several
    gunicorns can run side by side (gunicorn 27 otherwise shares ~/.gunicorn/gunicorn.ctl)."""
    return ["--workers", str(workers), "--bind", f"{HOST}:{port}", "--no-control-socket"]


def server_env() -> dict:
    """The environment both servers get: the caller's, with the app's defaults made explicit
    (compression on, debug off, explore mode), whatever the caller's shell says."""
    env = dict(os.environ)
    for name in ("HOST", "PORT", "DASHBOARD_MODE", "KIOSK_IDLE_SECONDS", "FRAME_ANCESTORS"):
        env.pop(name, None)
    env.update(COMPRESS="1", DEBUG="0", PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    return env


@dataclass
class Server:
    name: str
    workers: int
    port: int
    process: subprocess.Popen
    log_path: Path
    command: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def pids(self) -> list[int]:
        """The gunicorn master and all its descendants (the workers)."""
        master = self.process.pid
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    stat = handle.read()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        found, todo = [], [master]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        return found

    def rss_kib(self) -> dict:
        """VmRSS (KiB) of the master and each worker, from /proc/PID/status, and their sum;
        also the sum of their Pss (/proc/PID/smaps_rollup: shared pages counted once, which
        matters with gunicorn.conf.py's preload_app, where workers share the master's pages)."""
        per_pid, pss = {}, 0
        for pid in self.pids():
            try:
                with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as handle:
                    for line in handle:
                        if line.startswith("VmRSS:"):
                            per_pid[pid] = int(line.split()[1])
                            break
                with open(f"/proc/{pid}/smaps_rollup", encoding="ascii", errors="replace") as handle:
                    for line in handle:
                        if line.startswith("Pss:"):
                            pss += int(line.split()[1])
                            break
            except OSError:
                continue
        return {"total_kib": sum(per_pid.values()), "pss_kib": pss or None, "processes": len(per_pid),
                "per_pid_kib": {str(k): v for k, v in sorted(per_pid.items())}}

    def log_problems(self) -> list[str]:
        """Lines of the server's log that tell of a failure (tracebacks, rejected or failed
        requests, worker timeouts)."""
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return []
        keys = ("Traceback", "ERROR", "rejected a malformed", "WORKER TIMEOUT", "Worker exiting",
                "error answering")
        return [line for line in text.splitlines() if any(k in line for k in keys)]

    def stop(self, timeout: float = 20.0) -> None:
        if self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)  # gunicorn: graceful stop of master + workers
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.process.pid, signal.SIGKILL)  # its own session: only its workers
            except ProcessLookupError:
                pass
            self.process.wait(timeout=10)


def start_server(name: str, workers: int, log_dir: Path, ready_timeout: float = 120.0,
                 extra_flags=(), root: Path = ROOT) -> Server:
    """gunicorn for ``name`` ("app" or "minimal"), from the project's root (or another
    checkout's, ``root``), so that it reads its gunicorn.conf.py as production does (the flags
    given here take precedence)."""
    target, ready_path = TARGETS[name]
    port = free_port()
    command = [gunicorn_path(), target, *gunicorn_flags(workers, port), *extra_flags]
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{name}-w{workers}-{port}.log"
    log = log_path.open("w")
    env = server_env()
    env["PYTHONPATH"] = os.pathsep.join([str(root), env["PYTHONPATH"]])
    process = subprocess.Popen(command, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    log.close()
    server = Server(name, workers, port, process, log_path, command)
    deadline = time.monotonic() + ready_timeout
    client = Client(port, timeout=5)
    while True:
        if process.poll() is not None:
            tail = log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{name} server exited with {process.returncode} while starting:\n{tail}")
        try:
            if client.request("GET", ready_path).status == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise RuntimeError(f"{name} server did not answer {ready_path} within {ready_timeout:.0f} s")
        time.sleep(0.2)
    client.close()
    return server


# -- the machine --------------------------------------------------------------------------


def _run(args: list[str], timeout: float = 20) -> str:
    try:
        return subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=ROOT).stdout.rstrip()
    except (OSError, subprocess.SubprocessError):
        return ""


def _package_version(name: str) -> str | None:
    from importlib import metadata
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def machine_description(browser_version: str | None = None) -> dict:
    cpu_model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu_model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    chromium = _run([CHROMIUM, "--version"]).splitlines()
    dirty = [line for line in _run(["git", "status", "--porcelain"]).splitlines() if line.strip()]
    return {
        "date": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds"),
        "nproc": _run(["nproc"]) or str(os.cpu_count()),
        "free_g": _run(["free", "-g"]),
        "cpu_model": cpu_model,
        "kernel": platform.platform(),
        "python": sys.version.split()[0],
        "chromium": chromium[-1] if chromium else None,
        "chromium_playwright": browser_version,
        "packages": {name: _package_version(name) for name in
                     ("dash", "plotly", "Flask", "Flask-Compress", "gunicorn", "playwright")},
        "load_average": os.getloadavg(),
        "git_commit": _run(["git", "rev-parse", "--short", "HEAD"]) or None,
        "git_uncommitted_files": len(dirty),
    }
