"""A teacher's story: a title and up to 12 stops, each a view and the author's note.

The link form is ``?story=<base64url, no padding, of UTF-8 JSON>``, the JSON being
``{"title": str, "stops": [{"view": "from=1960&to=1960&port=niigata", "note": str}]}``
(README, "A story in one link"). The file form is the YAML of ``dashboard/tours/*.yaml``,
with a ``note`` in place of a ``caption``. Everything here is pure and never raises on what
a visitor sends: what cannot be used is left out and named in the problems returned.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

import yaml

from .state import MAX_QUERY, PARAMS, StateContext, ViewState, parse_params, parse_query, to_query

MAX_STOPS = 12
MAX_TITLE = 80
MAX_NOTE = 280
MAX_LINK = 8 * 1024          # bytes of the whole ?story= value
VIEW_PARAMS = ("from", "to", "region", "port", "layer")   # the visitor keeps their lang and mode


@dataclass(frozen=True)
class StoryStop:
    view: str                # a view's query, without "?" and without lang or mode
    note: str                # the author's words, as written


@dataclass(frozen=True)
class Story:
    title: str
    stops: tuple[StoryStop, ...]

    def to_dict(self) -> dict:
        return {"title": self.title, "stops": [{"view": s.view, "note": s.note} for s in self.stops]}


@dataclass(frozen=True)
class Problem:
    """Something of a story that was left out or cut: ``what`` is a translation key, ``stop``
    the 1-based stop it is about (0 for the story as a whole)."""
    what: str
    stop: int = 0


EMPTY = Story("", ())


def _text(value, limit: int) -> tuple[str, bool]:
    """Plain text of at most ``limit`` characters (markup stays text: Dash escapes it), and
    whether it had to be cut."""
    text = value if isinstance(value, str) else ""
    text = "".join(ch for ch in text if ch in "\n\t" or ch.isprintable())
    return text[:limit], len(text) > limit


def view_params(view) -> dict[str, str] | None:
    """The view parameters of a stop's view (a query string, or a mapping as in a tour file)."""
    if isinstance(view, dict):
        pairs = {str(k): str(v) for k, v in view.items()}
    elif isinstance(view, str) and len(view) <= 1024:
        try:
            pairs = {k: v[-1] for k, v in parse_qs(view.lstrip("?"), keep_blank_values=True).items()}
        except ValueError:
            return None
    else:
        return None
    return pairs if set(pairs) <= set(PARAMS) else None   # {}: the default view


def stop_view(params: dict[str, str], context: StateContext, lang: str, mode: str) -> ViewState | None:
    """The stop's view in the visitor's language and mode, or None if any part of it is invalid."""
    kept = {k: v for k, v in params.items() if k in VIEW_PARAMS}
    state, notices = parse_params({**kept, "lang": lang, "mode": mode}, context)
    return None if notices else state


def stop_state(stop: StoryStop, context: StateContext, lang: str, mode: str) -> ViewState:
    """A kept stop's view in the visitor's language and mode (``read`` let in only valid ones)."""
    return stop_view(view_params(stop.view) or {}, context, lang, mode)


def read(data, context: StateContext) -> tuple[Story, list[Problem]]:
    """A story from its JSON or YAML object; stops with an invalid view are left out."""
    if not isinstance(data, dict):
        return EMPTY, [Problem("story_unreadable")]
    problems: list[Problem] = []
    title, cut = _text(data.get("title"), MAX_TITLE)
    if cut:
        problems.append(Problem("story_title_cut"))
    raw_stops = data.get("stops") if isinstance(data.get("stops"), list) else []
    if len(raw_stops) > MAX_STOPS:
        problems.append(Problem("story_too_many_stops"))
    stops = []
    for number, raw in enumerate(raw_stops[:MAX_STOPS], start=1):
        params = view_params(raw.get("view")) if isinstance(raw, dict) else None
        state = stop_view(params, context, context.default.lang, context.default.mode) if params is not None else None
        if state is None:
            problems.append(Problem("story_stop_ignored", number))
            continue
        note, cut = _text(raw.get("note"), MAX_NOTE)
        if cut:
            problems.append(Problem("story_note_cut", number))
        stops.append(StoryStop(to_query(state, context).lstrip("?"), note))
    if not stops and not problems:
        problems.append(Problem("story_empty"))
    return Story(title, tuple(stops)), problems


def encode(story: Story) -> str:
    raw = json.dumps(story.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode(code, context: StateContext) -> tuple[Story, list[Problem]]:
    """The story of a ``?story=`` value; never raises."""
    if not isinstance(code, str) or not code:
        return EMPTY, []
    if len(code) > MAX_LINK:
        return EMPTY, [Problem("story_too_long")]
    try:
        raw = base64.urlsafe_b64decode(code + "=" * (-len(code) % 4))
        data = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        return EMPTY, [Problem("story_unreadable")]
    return read(data, context)


def to_yaml(story: Story) -> str:
    """The story as a file in the form of ``dashboard/tours/*.yaml``."""
    stops = [{"view": {k: int(v[-1]) if v[-1].isdigit() else v[-1] for k, v in parse_qs(s.view).items()},
              "note": s.note} for s in story.stops]
    return yaml.safe_dump({"id": "story", "title": story.title, "stops": stops}, allow_unicode=True,
                          sort_keys=False, default_flow_style=None, width=100)


def from_yaml(text, context: StateContext) -> tuple[Story, list[Problem]]:
    if not isinstance(text, str) or len(text) > 4 * MAX_LINK:
        return EMPTY, [Problem("story_unreadable")]
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return EMPTY, [Problem("story_unreadable")]
    return read(data, context)


def code_in(query) -> str:
    """The ``story`` value of a page's query ("" if none)."""
    if not isinstance(query, str) or "story=" not in query:
        return ""
    try:
        values = parse_qs(query.lstrip("?"), keep_blank_values=True).get("story", [""])
    except ValueError:
        return ""
    return values[-1]


def link(story: Story, lang: str = "", mode: str = "") -> str:
    """The query that opens the story (``lang`` and ``mode`` only when asked for)."""
    pairs = [(k, v) for k, v in (("lang", lang), ("mode", mode)) if v]
    return "?" + urlencode(pairs + [("story", encode(story))])


# -- the builder's edits: a draft is a story's dict, as the page's store keeps it -----------

def edit(draft, action: str, context: StateContext, **values) -> dict:
    """The draft after one edit: ``add`` (the current ``view`` with a ``note``), ``up``,
    ``down`` or ``remove`` a stop by ``index``, ``title``, or ``load`` a whole story."""
    story, _ = read(draft, context) if isinstance(draft, dict) else (EMPTY, [])
    stops = list(story.stops)
    index = values.get("index")
    if action == "add" and len(stops) < MAX_STOPS and isinstance(values.get("view"), ViewState):
        stops.append(StoryStop(to_query(values["view"], context).lstrip("?"), _text(values.get("note"), MAX_NOTE)[0]))
    elif action in ("up", "down", "remove") and isinstance(index, int) and 0 <= index < len(stops):
        if action == "remove":
            del stops[index]
        else:
            other = index - 1 if action == "up" else index + 1
            if 0 <= other < len(stops):
                stops[index], stops[other] = stops[other], stops[index]
    elif action == "title":
        story = Story(_text(values.get("title"), MAX_TITLE)[0], story.stops)
    elif action == "load" and isinstance(values.get("story"), Story):
        return values["story"].to_dict()
    return Story(story.title, tuple(stops)).to_dict()


@dataclass(frozen=True)
class Opened:
    """What a page's query opens: the view (a story's first stop when the query names no view
    of its own), the stop it is at, the story and its code, and what was ignored."""
    state: ViewState
    notices: list
    story: Story
    code: str
    problems: list
    stop: int = 0


def open_query(query, context: StateContext) -> Opened:
    state, notices = parse_query(query, context)
    code = code_in(query)
    story, problems = decode(code, context)
    if not story.stops:
        return Opened(state, notices, story, code, problems)
    try:
        named = set(parse_qs(str(query).lstrip("?")[:MAX_QUERY])) & set(VIEW_PARAMS)
    except ValueError:
        named = set()
    if not named:
        state = stop_state(story.stops[0], context, state.lang, state.mode)
    here = to_query(replace(state, lang=context.default.lang, mode=context.default.mode), context).lstrip("?")
    stop = next((i for i, s in enumerate(story.stops) if s.view == here), 0)
    return Opened(state, notices, story, code, problems, stop)
