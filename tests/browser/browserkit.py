"""What the browser tests share beyond fixtures: which URLs count as local, and a wait for
the page's callbacks to settle. Chromium's flags and the viewport are the benchmark's own
(bench/common.py), so tests and benchmark drive the same offline browser."""

from __future__ import annotations

from urllib.parse import urlsplit

from bench.common import CHROMIUM_ARGS, HOST, VIEWPORT

__all__ = ["CHROMIUM_ARGS", "HOST", "QUIET", "VIEWPORT", "is_local"]

# true once no callback has been loading for half a second (the page's views have settled)
QUIET = """() => {
  const now = performance.now();
  if (document.querySelector('[data-dash-is-loading="true"]')) { window.__quietSince = null; return false; }
  window.__quietSince = window.__quietSince || now;
  return now - window.__quietSince >= 500;
}"""


def is_local(url: str) -> bool:
    """data:, blob:, about: and anything on 127.0.0.1: all a page may load."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == HOST
