"""The words for "return" over every text the page shows (dashboard/shown.py): the UI
strings, the tour, the summaries and every shown cell of the data. In the project's own
voice, English writes "return" in quotation marks; Japanese and Korean write 「帰国」 /
‘귀국’ in marks and never 帰還 / 귀환, which stay only in titles and in the words of the
sources (quotations, in 「」 or 『』). See geodata/README.md, *The words for "return"*."""

from __future__ import annotations

import re

import pytest

from dashboard.shown import QUOTE, TITLE, VOICE, shown_texts
from dashboard.state import LANGS

QUOTED = {
    "en": re.compile(r"“[^”]*”|\"[^\"]*\"|(?<![A-Za-z])'[^']*'(?![A-Za-z])"),
    "ja": re.compile(r"「[^「」]*」|『[^『』]*』|“[^”]*”"),
    "ko": re.compile(r"「[^「」]*」|『[^『』]*』|‘[^’]*’|“[^”]*”"),
}
#: words the project's voice must not use bare: the official 帰還 / 귀환, and the movement's
#: 帰国 / 귀국 compounds without their marks (帰国者 / 귀국자, the people, are allowed)
BARE = {
    "en": re.compile(r"\b[Rr]eturns?\b"),
    "ja": re.compile(r"帰還|帰国事業|帰国船|帰国運動"),
    "ko": re.compile(r"귀환|귀국 ?사업|귀국선|귀국 ?운동"),
}


@pytest.fixture(scope="module")
def texts(dataset, context):
    return {lang: shown_texts(dataset, context, lang) for lang in LANGS}


@pytest.mark.parametrize("lang", LANGS)
def test_the_projects_voice_follows_the_policy_in_every_shown_text(texts, lang):
    bad = []
    for where, kind, text in texts[lang]:
        if kind == VOICE:
            found = BARE[lang].findall(QUOTED[lang].sub("", text))
            if found:
                bad.append(f"{where}: {found} in {text[:120]!r}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_of_shown_text_is_collected(texts, lang):
    wheres = [w for w, _, _ in texts[lang]]
    for prefix in ("ui:subtitle", "tour:stop 1", "summary:default view", "events.csv", "causes.csv",
                   "sources.csv", "flows.csv", "figures.csv"):
        assert any(w.startswith(prefix) for w in wheres), prefix
    kinds = {k for _, k, _ in texts[lang]}
    assert kinds == {VOICE, TITLE, QUOTE}


def test_the_check_finds_a_bare_word():
    """The policy's patterns catch what they should and leave quotations alone."""
    assert BARE["ja"].search(QUOTED["ja"].sub("", "北への小規模な帰還で"))
    assert not BARE["ja"].search(QUOTED["ja"].sub("", "「九万三千三百十名…帰還している」"))
    assert BARE["ko"].search(QUOTED["ko"].sub("", "소규모 북으로의 귀환으로"))
    assert not BARE["ko"].search(QUOTED["ko"].sub("", "북으로의 소규모 ‘귀국’으로"))
    assert BARE["en"].search(QUOTED["en"].sub("", "in the small returns to the north"))
    assert not BARE["en"].search(QUOTED["en"].sub("", "in the small “returns” to the north"))


@pytest.mark.parametrize("lang", LANGS)
def test_the_subtitle_is_neutral(texts, lang):
    subtitle = dict((w, t) for w, _, t in texts[lang])["ui:subtitle"]
    for word in ("taken", "連れ", "끌려", "북송", "送還", "송환"):
        assert word not in subtitle


def test_no_shown_text_sums_the_three_episodes(texts):
    for lang in LANGS:
        for where, _, text in texts[lang]:
            assert "93,742" not in text and "93742" not in text, where
