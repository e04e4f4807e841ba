"""What the browser tests share beyond fixtures: which URLs count as local, and a wait for
the page's callbacks to settle. Chromium's flags and the viewport are tools/chromium.py's,
shared with the benchmarks, so tests and benchmarks drive the same offline browser."""

from __future__ import annotations

from urllib.parse import urlsplit

from tools.chromium import CHROMIUM_ARGS, HOST, VIEWPORT

__all__ = ["CHROMIUM_ARGS", "HOST", "QUIET", "VIEWPORT", "guarded_page", "is_local"]

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


def guarded_page(browser, base_url: str, problems: list[str], **context_options):
    """A page in a context of its own (CSP bypassed, so axe can be injected) that records
    console errors and page errors in ``problems`` and aborts, and records, any request that
    leaves 127.0.0.1. Close it with ``page.context.close()``."""
    context = browser.new_context(base_url=base_url, locale="en-US", bypass_csp=True, service_workers="block",
                                  **context_options)

    def guard(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            problems.append(f"request left {HOST} (aborted): {route.request.url}")
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    page = context.new_page()
    page.on("console", lambda m: problems.append(f"console error: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    return page
