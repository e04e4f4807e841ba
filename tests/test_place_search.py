"""Finding a region or a port by any of its names, on a page in any of the three languages."""

from __future__ import annotations

import pytest

from dashboard.place_search import find_place, normalize
from dashboard.state import LANGS
from geodata import localized  # noqa: F401  (the names come from the data, as the page shows them)

EXAMPLES = {  # typed text -> (kind, id): the issue's examples, and their variants
    "Ch'ŏngjin": ("port", "chongjin"), "Chongjin": ("port", "chongjin"), "Cheongjin": ("port", "chongjin"),
    "청진": ("port", "chongjin"), "清津": ("port", "chongjin"), "chong-jin": ("port", "chongjin"),
    "Hokkaidō": ("region", "JP-01"), "Hokkaido": ("region", "JP-01"), "北海道": ("region", "JP-01"),
    "홋카이도": ("region", "JP-01"), "Niigata-ken": ("region", "JP-15"), "新潟県": ("region", "JP-15"),
    "Niigata Prefecture": ("region", "JP-15"), "niigata": ("port", "niigata"), "Hŭngnam": ("port", "hungnam"),
    "Heungnam": ("port", "hungnam"), "WONSAN": ("port", "wonsan"), "Kangwon": ("region", "KP-07"), "Kangwŏn (Gangwon-do)": ("region", "k1945-gangwon"),
    "Gangwon-do": ("region", "k1945-gangwon"), "Tōkyō": ("region", "JP-13"), "Osaka": ("region", "JP-27"),
    "大阪府": ("region", "JP-27"), "South Korea": ("region", "KOR"), "北海道地方": ("region", "jp-hokkaido"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("text, expected", EXAMPLES.items())
def test_the_issue_examples_are_found_on_a_page_in_any_language(dataset, text, expected, lang):
    found = find_place(dataset, text, lang)
    assert (found.kind, found.id) == expected


def _names(row, columns):
    for column in columns:
        value = getattr(row, column, "")
        if isinstance(value, str) and value.strip():
            yield value


REGION_NAMES = ("name_en", "name_ja", "name_ko")
PORT_NAMES = ("name_en", "name_mr", "name_rr", "name_variants", "name_ja", "name_ko")


def _holders(dataset, name):
    """Every region or port that has ``name`` (after normalization) among its names."""
    key = normalize(name)
    ids = {r.id for r in dataset.region_rows.values() if key in {normalize(n) for n in _names(r, REGION_NAMES)}}
    ids |= {p.id for p in dataset.place_rows.values() if p.kind != "other"
            and key in {normalize(n) for n in _names(p, PORT_NAMES)}}
    return ids


@pytest.mark.parametrize("lang", LANGS)
def test_every_region_and_port_is_found_by_each_of_its_names(dataset, lang):
    for row in list(dataset.region_rows.values()) + [p for p in dataset.place_rows.values() if p.kind != "other"]:
        for name in _names(row, PORT_NAMES if hasattr(row, "name_rr") else REGION_NAMES):
            found = find_place(dataset, name, lang)
            holders = _holders(dataset, name)
            # a name two places share (Hokkaidō the prefecture and the region) finds one of them
            assert found.id == row.id or (len(holders) > 1 and found.id in holders), (name, found)


def test_without_diacritics_or_apostrophes_every_name_still_finds_its_place(dataset):
    for place in dataset.place_rows.values():
        if place.kind == "other":
            continue
        plain = place.name_en.replace("'", "").replace("ŏ", "o").replace("ŭ", "u")
        assert find_place(dataset, plain).id == place.id


@pytest.mark.parametrize("lang", LANGS)
def test_a_near_miss_offers_suggestions_in_the_page_language(dataset, lang):
    found = find_place(dataset, "Chongjn", lang)
    assert found.kind == "" and found.suggestions
    assert dataset.place_rows["chongjin"].__getattribute__(f"name_{lang}") in found.suggestions
    found = find_place(dataset, "Niigatta", lang)
    assert any("新潟" in s or "Niigata" in s or "니가타" in s for s in found.suggestions)


def test_nonsense_and_bad_input_find_nothing_without_failing(dataset):
    for text in ("", "   ", "zzzzqqq", None, 42, "x" * 10_000, "'; DROP TABLE"):
        found = find_place(dataset, text)
        assert found.kind == "" and found.id == ""
