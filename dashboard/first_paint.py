"""The first screen, painted by the server: a static copy of the view in the page Dash
serves (``page_scripts.Dash.interpolate_index``), so a visitor reads the title, the summary
and the map before Dash's scripts have run.

It is the live page's frame with the same classes (``layout.build_page``: the header, the
notices, the map, the timeline strip, the side panel with the summary), so the stylesheets
put each box where the live page's will be, in every layout and mode; its words are the live
page's (the same translations, ``summary_sentence``), its map ``svg_map.view_svg``. It sits
just before Dash's app entry (``#react-entry-point``), over it, and gives way once Dash has
mounted and drawn the live map (assets/first-paint.js; the CSS in style.css). It holds no
id, so no id of Dash's page is ever doubled, and no ``<main>``: scripts and tests that look
for the live page look inside ``#react-entry-point`` or for ids.
"""

from __future__ import annotations

from dataclasses import replace
from html import escape

from . import stories
from .i18n import t
from .layout import notice_items, years_text
from .state import LANGS, to_query
from .summary import summary_sentence
from .svg_map import view_svg


def _notices(notices, problems, lang: str) -> str:
    items = "".join(f"<li>{escape(item.children)}</li>" for item in notice_items(notices, lang, problems))
    return f'<ul class="notices" role="alert">{items}</ul>' if items else ""


def _language_links(deps, state) -> str:
    links = []
    for code in LANGS:
        href = escape(to_query(replace(state, lang=code), deps.context) or "?")
        current = ' aria-current="true"' if code == state.lang else ""
        links.append(f'<a class="button lang" lang="{code}" hreflang="{code}" href="{href}"{current}>'
                     f"{escape(t(code, 'lang_name'))}</a>")
    return "".join(links)


def static_copy(deps, query: str) -> str:
    """The first screen of the page for ``query`` as HTML (its view, or its story's stop, as
    ``layout.page_for`` reads it): the page's title, subtitle and languages, its notices, the
    map, the years and the summary, in the live page's boxes."""
    opened = stories.open_query(query, deps.context)
    state = opened.state
    lang, mode = state.lang, state.mode
    map_svg = view_svg(deps.dataset, deps.geometry, state)
    # the timeline strip's boxes (the buttons and the chart's frame) hold its height; only
    # the years are written in it
    step = '<span class="button year-step" aria-hidden="true">{}</span>'.format
    play = f'<span class="button play explore-only" aria-hidden="true">{escape(t(lang, "play"))}</span>'
    strip = (f'<div class="timeline-strip"><div class="year-buttons">{play}{step("◀")}'
             f'<output class="year-readout">{years_text(state)}</output>{step("▶")}</div>'
             f'<div class="year-control"></div></div>')
    return (
        f'<div class="first-paint" data-first-paint="{escape(to_query(state, deps.context))}">'
        f'<div class="page-lang app mode-{mode}-page" lang="{lang}">'
        f'<header class="topbar"><h1>{escape(t(lang, "title"))}</h1>'
        f'<p class="subtitle">{escape(t(lang, "subtitle"))}</p>'
        f'<nav class="lang-switch" aria-label="{escape(t(lang, "lang_label"))}">{_language_links(deps, state)}</nav>'
        f"</header>{_notices(opened.notices, opened.problems, lang)}"
        f'<div class="main mode-{mode}" lang="{lang}">'
        f'<div class="map-block"><div class="map-graph">{map_svg}</div></div>{strip}'
        f'<div class="side"><p class="summary">{escape(summary_sentence(deps.dataset, state))}</p></div>'
        f"</div></div></div>"
    )
