"""Guided tours: data (``tours/*.yaml``), not code. Each stop is a view plus a caption whose
figures are filled in from the dataset, with the sources behind them. A stop that tells a
cause names its rows of ``causes.csv`` (``causes: [c-paradise]``): their sources are cited
with the caption's, and a name that is not in the table is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from geodata import Dataset

from .i18n import number, t
from .queries import range_total
from .state import LANGS, StateContext, ViewState, parse_params
from .stories import Problem, from_yaml
from .stories import stop_state as story_stop_state
from .summary import summary_sentence

TOURS_DIR = Path(__file__).resolve().parent / "tours"
_FIGURE = re.compile(r"\{persons(?:@(\d{4})-(\d{4}))?\}")


class TourError(ValueError):
    """A tour file names an impossible view or a caption is missing a language."""


@dataclass(frozen=True)
class Stop:
    params: dict[str, str]          # the view, as URL parameters
    caption: dict[str, str]         # lang -> caption template
    causes: tuple[str, ...] = ()    # ids of causes.csv rows the caption tells


@dataclass(frozen=True)
class Tour:
    id: str
    title: dict[str, str]
    stops: tuple[Stop, ...]


def read_tour(path: Path) -> Tour:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    stops = []
    for number_, stop in enumerate(data["stops"], start=1):
        params = {str(k): str(v) for k, v in (stop.get("view") or {}).items()}
        caption = {str(k): str(v) for k, v in (stop.get("caption") or {}).items()}
        missing = [lang for lang in LANGS if not caption.get(lang)]
        if missing:
            raise TourError(f"{path}: stop {number_} has no caption in {', '.join(missing)}")
        causes = tuple(str(c) for c in (stop.get("causes") or ()))
        stops.append(Stop(params, caption, causes))
    return Tour(str(data["id"]), {str(k): str(v) for k, v in data["title"].items()}, tuple(stops))


def default_tour() -> Tour:
    return read_tour(TOURS_DIR / "default.yaml")


def stop_state(stop: Stop, context: StateContext, lang: str, mode: str) -> ViewState:
    """The view of a stop, in the visitor's language and mode. Raises if the file names an
    impossible view (a curator's mistake must not silently show another view)."""
    state, notices = parse_params({**stop.params, "lang": lang, "mode": mode}, context)
    if notices:
        bad = ", ".join(f"{n.param}={n.value}" for n in notices)
        raise TourError(f"tour stop {stop.params} has invalid parameter(s): {bad}")
    return state


def caption_text(dataset: Dataset, stop: Stop, state: ViewState) -> tuple[str, tuple[str, ...]]:
    """The caption with its figures filled in from the dataset, and their source ids."""
    sources: list[str] = []

    def fill(match: re.Match) -> str:
        view = state if match.group(1) is None else state.with_years(int(match.group(1)), int(match.group(2)))
        total = range_total(dataset, view)
        sources.extend(total.source_ids)
        if total.persons is None:
            raise TourError(f"caption figure {match.group(0)} is unknown for {view}")
        return number(total.persons, state.lang)

    text = _FIGURE.sub(fill, stop.caption[state.lang])
    rows = {r.key: r.row for r in dataset.cause_records}
    for cause in stop.causes:
        if cause not in rows:
            raise TourError(f"tour stop {stop.params} names cause {cause!r}, which is not in causes.csv")
        sources.extend(rows[cause].source_ids)
    return text, tuple(dict.fromkeys(sources))


def tour_data(dataset: Dataset, tour: Tour, context: StateContext, lang: str, mode: str) -> dict:
    """The tour as the browser plays it (assets/view.js stepTour): each stop's view, its
    caption with the figures filled in, its sources and its position, in the page's language."""
    stops = []
    for i, stop in enumerate(tour.stops):
        state = stop_state(stop, context, lang, mode)
        caption, sources = caption_text(dataset, stop, state)
        stops.append({"view": state.to_dict(), "caption": caption, "sources": f"[{'; '.join(sources)}]",
                      "position": t(lang, "tour_stop_of", n=i + 1, total=len(tour.stops))})
    return {"id": tour.id, "title": tour.title.get(lang, ""), "stops": stops}


def story_data(dataset: Dataset, story, context: StateContext, lang: str, mode: str, code: str) -> dict:
    """A teacher's story (dashboard/stories.py) as the browser plays it, in the same form as
    ``tour_data``: each stop's caption is the dataset's own summary of its view, with its
    sources; the author's note travels apart (``note``) and is shown as theirs, never as the
    dataset's text. ``link`` is the story's ``?story=`` value, kept in the address bar."""
    stops = []
    for i, stop in enumerate(story.stops):
        state = story_stop_state(stop, context, lang, mode)
        sources = range_total(dataset, state).source_ids
        stops.append({"view": state.to_dict(), "caption": summary_sentence(dataset, state),
                      "sources": f"[{'; '.join(dict.fromkeys(sources))}]" if sources else "",
                      "note": stop.note, "position": t(lang, "tour_stop_of", n=i + 1, total=len(story.stops))})
    return {"id": "story", "title": story.title, "stops": stops, "link": code}


def load_tour(name: str, context: StateContext):
    """The tour a setting names (``TOUR``): a file of ``tours/``, either a tour (captions in
    each language, in the dataset's voice) or a teacher's story (notes). A file that cannot
    be played stops start-up with a message naming it and what is wrong."""
    path = TOURS_DIR / f"{name}.yaml"
    if not name.replace("-", "").replace("_", "").isalnum() or not path.is_file():
        raise TourError(f"TOUR={name!r}: no such tour; the files in {TOURS_DIR} are: "
                        + ", ".join(sorted(p.stem for p in TOURS_DIR.glob("*.yaml"))))
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    stops = data.get("stops") if isinstance(data, dict) else None
    if isinstance(stops, list) and stops and all(isinstance(s, dict) and "note" in s for s in stops):
        story, problems = from_yaml(text, context)
        if problems or not story.stops:
            said = "; ".join(f"{p.what} (stop {p.stop})" if p.stop else p.what for p in problems or [Problem("story_empty")])
            raise TourError(f"{path}: {said}")
        return story
    return read_tour(path)
