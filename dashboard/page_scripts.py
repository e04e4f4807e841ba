"""The page Dash serves, through the hook Dash documents for it (``interpolate_index``): the
page's language on ``<html lang>`` and its title in that language from the first byte (no
script sets them later), the first screen painted by the server (``first_paint``) just
before Dash's app entry. The CJK font is not preloaded on Japanese and Korean pages: on
Lighthouse's mobile profile a preload of the two faces (290 KB) put the largest paint of a
``?lang=ja`` page at 4.1 s against 2.1 s without (bench/README.md); the first screen is drawn
in a system font and swaps (``font-display: swap``).

One of Dash's script tags is swapped, because a visitor on a slow device waits for it: Dash's
``deps/polyfill@7.12.1.min.js`` (@babel/polyfill, core-js 2 for browsers older than any that
can run the page). On Lighthouse's mobile profile it was 2.0 s of the main thread's time and
a 1.0 s long task (bench/README.md). Dash's renderer and dcc still call one global of it,
``regeneratorRuntime`` (their async code is compiled with regenerator), so the page gets
regenerator-runtime alone in its place (npm, pinned; built by ``frontend/plotly/build.mjs``).
Without ``npm ci`` the page keeps the whole polyfill. The other tags are as Dash writes them.
"""

from __future__ import annotations

import dash
from flask import has_request_context, request

from .i18n import t
from .state import LANGS

POLYFILL = "/_dash-component-suites/dash/deps/polyfill@"


def swap_polyfill(scripts: str, regenerator_url: str | None) -> str:
    """Dash's script tags (one a line) with regenerator-runtime in the polyfill's place, when
    npm has built it; as they were otherwise."""
    if not regenerator_url:
        return scripts
    return "\n".join(f'<script src="{regenerator_url}"></script>' if POLYFILL in line else line
                     for line in scripts.split("\n"))


def page_language() -> str:
    """The language of the page being served: its ``?lang=``, checked (English otherwise)."""
    lang = request.args.get("lang", "") if has_request_context() else ""
    return lang if lang in LANGS else "en"


class Dash(dash.Dash):
    """``dash.Dash`` serving the page in its language, with the first screen already in it."""

    def __init__(self, *args, regenerator_url: str | None = None, **kwargs):
        self.regenerator_url = regenerator_url
        #: ``first_paint(query) -> html``: the static first screen of the page for the query
        #: (set by ``create_app``: ``first_paint.static_copy``)
        self.first_paint = None
        super().__init__(*args, **kwargs)

    def interpolate_index(self, **kwargs):
        lang = page_language()
        kwargs["title"] = t(lang, "title")
        kwargs["scripts"] = swap_polyfill(kwargs["scripts"], self.regenerator_url)
        if self.first_paint is not None and has_request_context():
            kwargs["app_entry"] = self.first_paint(request.query_string.decode("utf-8", "replace")) + \
                kwargs["app_entry"]
        page = super().interpolate_index(**kwargs)
        return page.replace("<html>", f'<html lang="{lang}">', 1)
