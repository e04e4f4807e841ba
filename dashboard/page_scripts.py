"""The scripts Dash links on the page, less two this app's browsers never need.

- Dash's ``deps/polyfill@7.12.1.min.js`` (@babel/polyfill: 97 KB, 28 KB with brotli) is
  core-js for browsers older than any that can run the page. Dash's renderer and dcc still
  call one global of it, ``regeneratorRuntime`` (their async code is compiled with
  regenerator), so the page gets regenerator-runtime alone instead (npm, pinned; 2.4 KB
  with brotli; built by ``frontend/plotly/build.mjs``). Without ``npm ci`` the page keeps the
  whole polyfill.
- dash_table's bundle (33 KB, 7 KB with brotli): ``import dash`` registers the DataTable
  library, so Dash links it on every page; this app draws no DataTable.

Both are taken out in ``interpolate_index``, the hook Dash documents for changing the page
it serves. Why at all: first-load bytes, which issue #10 asks to keep at or under a third of
the smallest Dash page's (bench/README.md has the figures).
"""

from __future__ import annotations

import re

import dash
from flask import has_request_context, request

from .i18n import t
from .state import LANGS

#: the languages whose pages use the CJK subset face for all their text, and its files: the
#: first screen's words need them, so they are asked for with the page (``<link rel=preload>``)
CJK_LANGS = ("ja", "ko")
CJK_FONTS = ("fonts/NotoSansCJK-subset-Regular.woff2", "fonts/NotoSansCJK-subset-Bold.woff2")

POLYFILL_TAG = re.compile(r'<script src="[^"]*/_dash-component-suites/dash/deps/polyfill@[^"]*"></script>')
DASH_TABLE_TAG = re.compile(r'<script src="[^"]*/_dash-component-suites/dash/dash_table/[^"]*"></script>\n?')


def trim_scripts(scripts: str, regenerator_url: str | None) -> str:
    """Dash's script tags without the DataTable bundle, and with regenerator-runtime in the
    polyfill's place (when npm has built it)."""
    scripts = DASH_TABLE_TAG.sub("", scripts)
    if regenerator_url:
        scripts = POLYFILL_TAG.sub(f'<script src="{regenerator_url}"></script>', scripts, count=1)
    return scripts


def page_language() -> str:
    """The language of the page being served: its ``?lang=``, checked (English otherwise)."""
    lang = request.args.get("lang", "") if has_request_context() else ""
    return lang if lang in LANGS else "en"


class Dash(dash.Dash):
    """``dash.Dash`` serving the trimmed scripts (``trim_scripts``), with the page's language
    on ``<html lang>`` and its title in that language, from the first byte (no script sets
    them later)."""

    def __init__(self, *args, regenerator_url: str | None = None, **kwargs):
        self.regenerator_url = regenerator_url
        #: ``first_paint(query) -> (html, lang)``: the static first screen of the view in the
        #: query (set by ``create_app``; ``first_paint.static_copy``)
        self.first_paint = None
        super().__init__(*args, **kwargs)

    def interpolate_index(self, **kwargs):
        lang = page_language()
        kwargs["scripts"] = trim_scripts(kwargs["scripts"], self.regenerator_url)
        kwargs["title"] = t(lang, "title")
        if self.first_paint is not None and has_request_context():
            # the first screen, painted by the server, just before Dash's app entry
            kwargs["app_entry"] = self.first_paint(request.query_string.decode("utf-8", "replace")) + \
                kwargs["app_entry"]
        if lang in CJK_LANGS:
            kwargs["metas"] = kwargs.get("metas", "") + "".join(
                f'<link rel="preload" href="{self.get_asset_url(font)}" as="font" type="font/woff2" crossorigin>'
                for font in CJK_FONTS)
        page = super().interpolate_index(**kwargs)
        return page.replace("<html>", f'<html lang="{lang}">', 1)
