"""Running the browser's pure JS (assets/view.js and friends) under node, for tests that
check Python and JS agree. Node is needed (it builds the Plotly bundle too): a test fails,
saying so, where it is missing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

JS_TESTS = Path(__file__).resolve().parent / "js"


def node() -> str:
    path = shutil.which("node")
    if not path:
        pytest.fail("node is not installed: the JS unit tests and the Python/JS checks need it "
                    "(Debian: apt-get install -y nodejs; `bash .ci/run` installs it)", pytrace=False)
    return path


def run_script(name: str, payload: dict) -> dict:
    """Run tests/js/<name> with ``payload`` as JSON on stdin; its JSON answer."""
    done = subprocess.run([node(), str(JS_TESTS / name)], input=json.dumps(payload), capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
