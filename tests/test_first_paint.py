"""The first screen the server paints (dashboard/first_paint.py): read off the page the
server sends, it says what the live page says, in the page's language."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html import unescape

import plotly.graph_objects as go
import pytest

from dashboard.figures.geometry import build_geometry
from dashboard.figures.map import build_map_figure
from dashboard.i18n import t
from dashboard.state import parse_query
from dashboard.summary import summary_sentence

VIEWS = ["", "?from=1960&to=1960&port=niigata", "?lang=ja&from=1947&to=1947", "?lang=ja&region=JP-15",
         "?lang=ko&from=1975&to=1975", "?lang=ko&from=1956&to=1957&layer=1945", "?mode=kiosk&lang=ja"]


def first_screen(client, query: str) -> str:
    page = client.get("/" + query).get_data(as_text=True)
    start = page.index('<div class="first-paint"')
    end = page.index('<div id="react-entry-point"')
    assert start < end, "the static copy comes before Dash's app entry"
    return page[start:end]


@pytest.mark.parametrize("query", VIEWS)
def test_the_static_copy_gives_the_live_summary_and_routes(client, dataset, context, query):
    state, _ = parse_query(query, context)
    copy = first_screen(client, query)
    summary = re.search(r'<p class="summary">(.*?)</p>', copy).group(1)
    assert unescape(summary) == summary_sentence(dataset, state)
    assert f"<h1>{t(state.lang, 'title')}</h1>" in unescape(copy)
    svg = ET.fromstring(re.search(r"<svg.*</svg>", copy).group(0))
    drawn = {g.get("data-route") for g in svg.iter("{http://www.w3.org/2000/svg}g") if g.get("data-route")}
    live = go.Figure(build_map_figure(dataset, build_geometry(dataset), state))
    assert drawn == {tr.name.split(":", 1)[1] for tr in live.data
                     if tr.name.startswith("route:") and tr.line.width}


def test_no_id_of_the_live_page_is_doubled(client):
    for query in VIEWS:
        assert " id=" not in first_screen(client, query)


def test_kiosk_copy_has_the_kiosk_layout(client):
    copy = first_screen(client, "?mode=kiosk")
    assert 'class="page-lang app mode-kiosk-page"' in copy and 'class="main mode-kiosk"' in copy
    assert "<main" not in copy  # kiosk.js and the tests find the live page's <main>
