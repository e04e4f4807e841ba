"""The page Dash serves, through the hook Dash documents for it (``interpolate_index``): the
page's language on ``<html lang>`` and its title in that language from the first byte (no
script sets them later), the first screen painted by the server (``first_paint``) just
before Dash's app entry, and, on Japanese and Korean pages, the CJK font asked for with the
page. Dash's own script tags are left as Dash writes them.
"""

from __future__ import annotations

import dash
from flask import has_request_context, request

from .i18n import t
from .state import LANGS

#: the languages whose pages use the CJK subset face for all their text, and its files: the
#: first screen's words need them, so they are asked for with the page (``<link rel=preload>``)
CJK_LANGS = ("ja", "ko")
CJK_FONTS = ("fonts/NotoSansCJK-subset-Regular.woff2", "fonts/NotoSansCJK-subset-Bold.woff2")


def page_language() -> str:
    """The language of the page being served: its ``?lang=``, checked (English otherwise)."""
    lang = request.args.get("lang", "") if has_request_context() else ""
    return lang if lang in LANGS else "en"


class Dash(dash.Dash):
    """``dash.Dash`` serving the page in its language, with the first screen already in it."""

    def __init__(self, *args, **kwargs):
        #: ``first_paint(query) -> html``: the static first screen of the page for the query
        #: (set by ``create_app``: ``first_paint.static_copy``)
        self.first_paint = None
        super().__init__(*args, **kwargs)

    def interpolate_index(self, **kwargs):
        lang = page_language()
        kwargs["title"] = t(lang, "title")
        if self.first_paint is not None and has_request_context():
            kwargs["app_entry"] = self.first_paint(request.query_string.decode("utf-8", "replace")) + \
                kwargs["app_entry"]
        if lang in CJK_LANGS:
            kwargs["metas"] = kwargs.get("metas", "") + "".join(
                f'<link rel="preload" href="{self.get_asset_url(font)}" as="font" type="font/woff2" crossorigin>'
                for font in CJK_FONTS)
        page = super().interpolate_index(**kwargs)
        return page.replace("<html>", f'<html lang="{lang}">', 1)
