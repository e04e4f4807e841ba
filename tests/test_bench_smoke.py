"""Smoke test of the benchmark scripts (bench/), run as a visitor of the repository runs them:
as scripts, in their own process (tests never import bench/). No server, no browser, no
timing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ["run.py", "lighthouse.py", "balanced.py", "screenshots.py"]


def script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, timeout=120, cwd=ROOT,
                          check=False)


@pytest.mark.parametrize("name", SCRIPTS)
def test_each_script_starts_and_says_how_to_use_it(name):
    done = script(str(ROOT / "bench" / name), "--help")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "usage:" in done.stdout


def test_run_prints_a_results_file_again():
    done = script(str(ROOT / "bench" / "run.py"), "--show", str(ROOT / "bench" / "results" / "latest.json"))
    assert done.returncode == 0, done.stderr[-2000:]
    assert "TIME TO MAP" in done.stdout and "GOALS" in done.stdout
