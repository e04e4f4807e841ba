"""Find a region or a port by any of its names, in any of the page's languages.

Every name the data holds counts: English, McCune–Reischauer, Revised Romanization and the
common variants of the ports, Japanese and Korean names, and the parts of a name such as
"Kangwŏn (Gangwon-do)". Names are compared without diacritics, apostrophes, hyphens, spaces
or case (Ch'ŏngjin = Chongjin, Hokkaidō = Hokkaido), and with or without a generic suffix
("Niigata-ken", "Niigata Prefecture", 新潟県). A near miss gets suggestions, not nothing.

Pure functions. The index of a few hundred names is built for each search (about a
millisecond): a search is typed, not animated, so it needs no cache.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from dash import html

from geodata import Dataset

from .queries import PORT_KINDS
from .state import LANGS

#: generic words a name may carry or drop: English and romanized, Japanese, Korean
SUFFIXES = sorted({
    "prefecture", "province", "region", "ward", "city", "ken", "fu", "to", "do", "shi",
    "地方", "県", "府", "都", "道", "市",
    "특별자치도", "특별자치시", "직할시", "특별시", "광역시", "지방", "현", "부", "도", "시",
}, key=len, reverse=True)
#: search order when several places share a name: ports first, then the finer units
KIND_ORDER = ("port", "prefecture", "province", "province_1945", "region", "country")
MAX_SUGGESTIONS = 5


@dataclass(frozen=True)
class Found:
    """What a typed text names: a region or a port (``kind``, ``id``), or nothing, with the
    names of the nearest places as ``suggestions`` (in the page's language)."""

    kind: str = ""          # "region", "port" or "" (nothing found)
    id: str = ""
    suggestions: tuple[str, ...] = ()


def normalize(text: str) -> str:
    """Lower case, Latin letters without diacritics, no apostrophes, spaces or punctuation;
    Japanese and Korean letters are kept as they are."""
    text = unicodedata.normalize("NFKC", text)
    letters = []
    for char in text:
        if char.isascii() or not unicodedata.name(char, "").startswith("LATIN"):
            letters.append(char)
        else:  # ŏ -> o, ū -> u: drop the combining marks of a Latin letter only
            letters.append("".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)))
    return "".join(c for c in "".join(letters).casefold() if c.isalnum())


def without_suffix(key: str) -> str:
    for suffix in SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= 2:
            return key[: -len(suffix)]
    return key


def _names(value) -> list[str]:
    """A name cell as the names it holds: "Kangwŏn (Gangwon-do)" -> both; "a; b" -> both."""
    if not isinstance(value, str) or not value.strip():
        return []
    parts = re.split(r"[;；]|[(（]|[)）]", value)
    return [value, *(p.strip() for p in parts if p.strip())]


@dataclass(frozen=True)
class _Entry:
    kind: str      # "port" or a region kind
    id: str
    labels: dict   # lang -> the name shown in a suggestion


@dataclass(frozen=True)
class _Index:
    exact: dict          # normalized full name -> entries
    base: dict           # normalized name of a name that had a suffix, suffix dropped -> entries


def _entries(dataset: Dataset) -> list[tuple[_Entry, list[str]]]:
    result = []
    for place in dataset.place_rows.values():
        if place.kind in PORT_KINDS.values():
            names = [n for column in ("name_en", "name_mr", "name_rr", "name_variants", "name_ja", "name_ko")
                     for n in _names(getattr(place, column, ""))]
            result.append((_Entry("port", place.id, {lang: getattr(place, f"name_{lang}") for lang in LANGS}),
                           names))
    for row in dataset.region_rows.values():
        names = [n for column in ("name_en", "name_ja", "name_ko") for n in _names(getattr(row, column, ""))]
        result.append((_Entry(row.kind if row.kind in KIND_ORDER else "region", row.id,
                              {lang: str(getattr(row, f"name_{lang}")) for lang in LANGS}), names))
    return result


def _index(dataset: Dataset) -> _Index:
    exact: dict[str, list] = {}
    base: dict[str, list] = {}
    for entry, names in _entries(dataset):
        for name in names:
            key = normalize(name)
            if not key:
                continue
            exact.setdefault(key, []).append(entry)
            stripped = without_suffix(key)
            if stripped != key:
                base.setdefault(stripped, []).append(entry)
    return _Index(exact, base)


def _best(entries: list) -> _Entry:
    return min(entries, key=lambda e: KIND_ORDER.index(e.kind) if e.kind in KIND_ORDER else len(KIND_ORDER))


def find_place(dataset: Dataset, text, lang: str = "en") -> Found:
    """The region or port ``text`` names, or suggestions for a near miss (see module doc)."""
    if not isinstance(text, str):
        return Found()
    key = normalize(text[:200])
    if not key:
        return Found()
    index = _index(dataset)
    stripped = without_suffix(key)
    for table, lookup in ((index.exact, key), (index.base, stripped), (index.exact, stripped), (index.base, key)):
        if lookup in table:
            entry = _best(table[lookup])
            return Found("port" if entry.kind == "port" else "region", entry.id)
    return Found(suggestions=suggestions(dataset, key, lang))


def suggestions(dataset: Dataset, key: str, lang: str) -> tuple[str, ...]:
    """Names of the places whose names are nearest to ``key`` (already normalized)."""
    index = _index(dataset)
    names = list(index.exact)
    close = difflib.get_close_matches(key, names, n=MAX_SUGGESTIONS * 3, cutoff=0.6)
    close += [n for n in names if key and len(key) >= 3 and n.startswith(key) and n not in close]
    labels: list[str] = []
    for name in close:
        label = _best(index.exact[name]).labels.get(lang, "")
        if label and label not in labels:
            labels.append(label)
    return tuple(labels[:MAX_SUGGESTIONS])


# -- the region box's list: a label per region, and back ------------------------------------

def region_labels(dataset: Dataset, lang: str) -> dict[str, str]:
    """region id -> the text a visitor picks from the list: its name, with its id where two
    regions share a name (Hokkaidō the prefecture and Hokkaidō the region)."""
    rows = list(dataset.region_rows.values())
    names = [str(getattr(r, f"name_{lang}")) for r in rows]
    shared = {name for name, n in Counter(names).items() if n > 1}
    return {row.id: f"{name} ({row.id})" if name in shared else name for row, name in zip(rows, names)}


def region_from_text(dataset: Dataset, lang: str, text) -> str | None:
    """The region a typed or picked text names ("" clears the filter; None: no such region)."""
    if not isinstance(text, str):
        return None
    text = text.strip()[:200]
    if not text:
        return ""
    if text in dataset.region_rows:
        return text
    for rid, label in region_labels(dataset, lang).items():
        if label.casefold() == text.casefold():
            return rid
    return None


def region_options(dataset: Dataset, lang: str, layer: str) -> list:
    """Suggestions for the region box: countries, Japan's regions and prefectures, and the
    Korean provinces of the chosen layer."""
    labels = region_labels(dataset, lang)
    korea = "kr_provinces_1945" if layer == "1945" else "kr_provinces_today"
    return [html.Option(value=labels[rid])
            for layer_name in ("countries", "jp_regions", "jp_prefectures", korea)
            for rid in sorted(dataset.layers[layer_name]["id"])]
