"""Stories: the link format round-trips, what is invalid is left out and named, the builder's
edits, the file form, the server's routes; and the decoder fuzzed (it never raises, and what
it returns is always within the limits)."""

from __future__ import annotations

import base64
import json

import yaml
from hypothesis import given, settings, strategies as st

from dashboard import create_app, stories
from dashboard.config import Settings
from dashboard.state import parse_query
from dashboard.tour import TourError, load_tour

import pytest


def code_of(data) -> str:
    raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def test_a_hand_written_link_decodes_to_its_stops(context):
    code = code_of({"title": "Lesson", "stops": [{"view": "from=1960&to=1960&port=niigata", "note": "Why?"},
                                                 {"view": "from=1971&to=1971", "note": ""}]})
    story, problems = stories.decode(code, context)
    assert problems == []
    assert story.title == "Lesson"
    assert [s.view for s in story.stops] == ["from=1960&to=1960&port=niigata", "from=1971&to=1971"]
    assert stories.decode(stories.encode(story), context) == (story, [])


def test_invalid_stops_are_left_out_and_named_and_the_rest_plays(context):
    code = code_of({"title": "x" * 100, "stops": [
        {"view": "from=1960&to=1960", "note": "n" * 300},
        {"view": "from=1850&to=1850", "note": "bad year"},
        {"view": "port=atlantis", "note": "bad port"},
        {"view": "from=1960&script=1", "note": "unknown parameter"},
        "not a stop",
        {"view": "from=1967&to=1970", "note": "kept"}]})
    story, problems = stories.decode(code, context)
    assert [s.note for s in story.stops] == ["n" * stories.MAX_NOTE, "kept"]
    assert len(story.title) == stories.MAX_TITLE
    assert {(p.what, p.stop) for p in problems} == {
        ("story_title_cut", 0), ("story_note_cut", 1), ("story_stop_ignored", 2), ("story_stop_ignored", 3),
        ("story_stop_ignored", 4), ("story_stop_ignored", 5)}


def test_too_many_stops_and_too_long_links(context):
    many = {"title": "", "stops": [{"view": "from=1960&to=1960", "note": str(i)} for i in range(20)]}
    story, problems = stories.decode(code_of(many), context)
    assert len(story.stops) == stories.MAX_STOPS and ("story_too_many_stops", 0) in [(p.what, p.stop) for p in problems]
    story, problems = stories.decode("A" * (stories.MAX_LINK + 1), context)
    assert story.stops == () and [p.what for p in problems] == ["story_too_long"]
    for junk in ("!!!", "e30", code_of([1, 2]), code_of({"stops": "x"}), "%%%", "\u00e9"):
        story, _problems = stories.decode(junk, context)
        assert story.stops == ()


def test_a_note_keeps_markup_as_text(context):
    note = "<img src=x onerror=alert(1)>"
    story, _ = stories.decode(code_of({"title": "t", "stops": [{"view": "", "note": note}]}), context)
    assert story.stops[0].note == note   # kept as written: the page shows it as text (Dash escapes)


def test_the_builders_edits(context, dataset):
    state = context.default.with_years(1960, 1960)
    draft = stories.edit(None, "add", context, view=state, note="first")
    draft = stories.edit(draft, "add", context, view=state.with_years(1971, 1971), note="second")
    draft = stories.edit(draft, "title", context, title="My lesson")
    assert [s["note"] for s in draft["stops"]] == ["first", "second"] and draft["title"] == "My lesson"
    draft = stories.edit(draft, "up", context, index=1)
    assert [s["note"] for s in draft["stops"]] == ["second", "first"]
    assert stories.edit(draft, "up", context, index=0) == draft        # nothing above the first
    assert stories.edit(draft, "remove", context, index=7) == draft    # no such stop
    draft = stories.edit(draft, "remove", context, index=0)
    assert [s["note"] for s in draft["stops"]] == ["first"]
    for _ in range(20):
        draft = stories.edit(draft, "add", context, view=state, note="more")
    assert len(draft["stops"]) == stories.MAX_STOPS


def test_the_file_form_round_trips_and_is_a_tour_file(context, tmp_path):
    story = stories.Story("Lesson", (stories.StoryStop("from=1960&to=1960&port=niigata", "Why?"),))
    text = stories.to_yaml(story)
    data = yaml.safe_load(text)
    assert data["stops"][0]["view"] == {"from": "1960", "to": "1960", "port": "niigata"}
    assert stories.from_yaml(text, context) == (story, [])
    assert stories.from_yaml("{{{", context)[0].stops == ()


def test_a_curator_chooses_a_story_file_as_the_tour(context):
    story = load_tour("example-story", context)
    assert isinstance(story, stories.Story) and len(story.stops) == 3 and all(s.note for s in story.stops)
    assert not isinstance(load_tour("default", context), stories.Story)
    with pytest.raises(TourError, match="no such tour"):
        load_tour("../etc/passwd", context)


def test_the_story_page_and_file_routes(dataset):
    app = create_app(dataset=dataset, settings=Settings())
    client = app.server.test_client()
    code = stories.encode(stories.Story("T", (stories.StoryStop("from=1960&to=1960", "n"),)))
    page = client.get("/_dash-layout", headers={"Referer": "http://localhost/?story=" + code}).get_data(as_text=True)
    assert "tour active story" in page and '"n"' in page
    tampered = client.get("/_dash-layout", headers={"Referer": "http://localhost/?story=" + code[:-5] + "*"})
    assert tampered.status_code == 200
    assert client.get("/?story=" + code[:-5] + "*").status_code == 200
    saved = client.get("/story.yaml?story=" + code)
    assert saved.status_code == 200 and "attachment" in saved.headers["Content-Disposition"]
    assert yaml.safe_load(saved.get_data(as_text=True))["title"] == "T"
    assert client.get("/story.yaml?story=garbage").status_code == 400


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=300),
                 st.binary(max_size=300).map(lambda b: base64.urlsafe_b64encode(b).decode().rstrip("=")),
                 st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=40)),
                              lambda inner: st.one_of(st.lists(inner, max_size=14),
                                                      st.dictionaries(st.sampled_from(["title", "stops", "view", "note", "x"]),
                                                                      inner, max_size=4)),
                              max_leaves=30).map(code_of)))
def test_the_decoder_never_raises_and_stays_within_its_limits(context, code):
    story, problems = stories.decode(code, context)
    assert len(story.stops) <= stories.MAX_STOPS and len(story.title) <= stories.MAX_TITLE
    for stop in story.stops:
        assert len(stop.note) <= stories.MAX_NOTE
        assert parse_query("?" + stop.view, context)[1] == []   # every stop kept is a valid view
    assert all(p.what.startswith("story_") for p in problems)
