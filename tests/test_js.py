"""The browser's JS unit tests (tests/js/*.test.js), run by node's own test runner."""

from __future__ import annotations

import subprocess

from jsrun import JS_TESTS, node


def test_js_unit_tests_pass():
    done = subprocess.run([node(), "--test", *sorted(str(p) for p in JS_TESTS.glob("*.test.js"))],
                          capture_output=True, text=True, timeout=300, check=False)
    summary = [line for line in done.stdout.splitlines() if line.startswith(("# pass", "# fail", "not ok"))]
    assert done.returncode == 0, "\n".join(summary) + "\n" + done.stdout[-4000:] + done.stderr[-2000:]
    assert any(line.startswith("# pass") and int(line.split()[-1]) > 0 for line in summary), done.stdout[-2000:]
