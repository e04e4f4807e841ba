"""The handout page: the view's words and figures as the live page gives them, an unknown
never printed as zero, and bad input answered with the default view, not an error."""

from __future__ import annotations

import re

import pytest

from dashboard import create_app
from dashboard.config import Settings
from dashboard.queries import year_series
from dashboard.state import parse_query
from dashboard.summary import summary_sentence
from markupsafe import escape


@pytest.fixture(scope="module")
def client(dataset):
    return create_app(dataset=dataset, settings=Settings()).server.test_client()


@pytest.mark.parametrize("query", ["?from=1960&to=1960", "?from=1971&to=1984&port=niigata&lang=ko",
                                   "?lang=ja", "?from=1956&to=1957&lang=ja"])
def test_the_handout_says_what_the_page_says(client, dataset, context, query):
    response = client.get("/handout" + query)
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    state, _ = parse_query(query, context)
    assert str(escape(summary_sentence(dataset, state))) in html
    assert f'<html lang="{state.lang}">' in html
    assert "<script" not in html


def test_an_unknown_year_is_a_question_mark_never_a_zero_bar(client, dataset, context):
    state, _ = parse_query("?port=chongjin", context)
    unknown = [year for year, total in year_series(dataset, state) if total.persons is None]
    html = client.get("/handout?port=chongjin").get_data(as_text=True)
    chart = re.search(r'<svg[^>]*class="handout-chart".*?</svg>', html, re.S).group(0)
    assert unknown and chart.count(">?</text>") == len(unknown)
    assert 'height="0' not in chart


def test_bad_input_gives_the_default_view(client, dataset, context):
    for query in ("?from=1850&to=99999", "?region=<script>", "?story=%%%", "?from=1960&story=" + "A" * 20000):
        response = client.get("/handout" + query)
        assert response.status_code == 200, query
