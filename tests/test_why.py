"""The "Why" tab and the chart's markers: every cause grouped push / pull / process / after
arrival with its citation, arguments said as the named historian's, in three languages."""

from __future__ import annotations

import json

import pytest
from dash import html

from dashboard import tabs
from dashboard.figures.bars import CAUSES, bar_data, build_bar_figure, dated_markers, date_x
from dashboard.i18n import t
from dashboard.state import LANGS, ViewState
from dashboard.why import cause_rows, why_panel
from geodata import localized
from geodata.tables import CAUSE_KINDS


def _texts(node) -> list[str]:
    """Every string in a Dash component tree, in order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, (list, tuple)):
        return [s for child in node for s in _texts(child)]
    children = getattr(node, "children", None)
    return _texts(children) if children is not None else []


def _find(node, cls: str) -> list:
    found = []
    if isinstance(node, (list, tuple)):
        for child in node:
            found += _find(child, cls)
        return found
    if cls in (getattr(node, "className", "") or "").split():
        found.append(node)
    children = getattr(node, "children", None)
    return found + (_find(children, cls) if children is not None else [])


def test_the_why_tab_is_registered_with_its_label_in_every_language():
    assert "why" in tabs.BY_NAME
    for lang in LANGS:
        assert t(lang, "tab_why") and t(lang, "why_title")


@pytest.mark.parametrize("lang", LANGS)
def test_the_groups_come_in_order_and_hold_every_cause_with_its_citation(dataset, lang):
    panel = why_panel(dataset, ViewState(1947, 1984, lang=lang))
    groups = _find(panel, "why-group")
    kinds = [k for k in CAUSE_KINDS if cause_rows(dataset, k)]
    assert [g.className.split()[-1] for g in groups] == [f"why-group-{k}" for k in kinds]
    items = _find(panel, "why-item")
    assert len(items) == len(dataset.cause_records)
    text = " ".join(_texts(panel))
    for record in dataset.cause_records:
        row = record.row
        assert localized(row, "text", lang) in text
        assert f"[{'; '.join(row.source_ids)} — {row.locator}]" in text


@pytest.mark.parametrize("lang", LANGS)
def test_an_argument_is_labelled_with_the_historians_name(dataset, lang):
    panel = why_panel(dataset, ViewState(1960, 1960, lang=lang))
    labels = [" ".join(_texts(n)) for n in _find(panel, "why-argues")]
    names = {localized(r.row, "argued_by", lang) for r in dataset.cause_records if r.row.claim == "argues"}
    assert len(names) >= 2
    for name in names:
        assert any(name in label for label in labels)
    assert len(_find(panel, "why-states")) == sum(r.row.claim == "states" for r in dataset.cause_records)


def test_the_aid_share_chart_has_one_bar_a_year_with_its_value(dataset):
    panel = why_panel(dataset, ViewState(1960, 1960))
    bars = _find(panel, "aid-row")
    frame = dataset.tables["context_aid_share"]
    assert len(bars) == len(frame)
    widths = [b.children[1].style["width"] for b in bars]
    top = frame["percent"].idxmax()
    assert widths[top] == "100.0%"
    assert [b.children[2].children for b in bars] == [f"{p:g}%" for p in frame["percent"]]


def test_the_open_tab_builds_the_why_panel(dataset, context):
    from types import SimpleNamespace
    deps = SimpleNamespace(dataset=dataset, context=context)
    built = tabs.panel(deps, "why", ViewState(1960, 1960, lang="ko"))
    assert built[0].children == t("ko", "why_title")


# --- the markers on the year chart ------------------------------------------------------------

def test_a_date_lands_inside_its_years_bar():
    for iso in ("1958-09-08", "1959-02", "1984-12-31", "1946-01-01"):
        year = int(iso[:4])
        assert year - 0.5 <= date_x(iso) < year + 0.5
    assert date_x("1958-09-08") < date_x("1958-10-16")


@pytest.mark.parametrize("lang", LANGS)
def test_the_chart_marks_every_dated_cause_and_event_with_a_citation(dataset, lang):
    fig = build_bar_figure(dataset, ViewState(1947, 1984, lang=lang))
    trace = fig["data"][CAUSES]
    assert trace["name"] == "causes" and trace["yaxis"] == "y2"
    keys = set(trace["customdata"])
    for record in dataset.cause_records:
        assert (f"cause:{record.key}" in keys) == (record.row.date_precision in ("day", "month"))
    assert "cause:c-cabinet" in keys and "event:e19591214" in keys
    for text in trace["hovertext"]:
        assert "[" in text and "]" in text  # its sources
    assert not any(isinstance(x, int) for x in trace["x"]) or all(x % 1 for x in trace["x"])


def test_the_markers_follow_the_language_in_the_browsers_assignments(dataset):
    assigned = {(p[1], p[2]): v for p, v in bar_data(dataset, ViewState(1960, 1960, lang="ja"))["assign"]}
    assert assigned[(CAUSES, "hovertext")] == [text for _, text, _ in dated_markers(dataset, "ja")]
    english = build_bar_figure(dataset, ViewState(1960, 1960))["data"][CAUSES]["hovertext"]
    assert assigned[(CAUSES, "hovertext")] != english


def test_a_click_on_a_marker_picks_no_year(dataset):
    """The chart's click chooses years from points whose x is a year (assets/view.js
    chartYears): a marker's x is a date inside a year, never the year itself."""
    years = set(dataset.years)
    for x, _, _ in dated_markers(dataset, "en"):
        assert x not in years
    json.dumps(build_bar_figure(dataset, ViewState(1960, 1960)))  # the figure stays plain JSON
