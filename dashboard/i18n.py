"""Translations: one YAML file per language in ``translations/``, loaded once."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .state import LANGS

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"


def _read(lang: str) -> dict[str, str]:
    path = TRANSLATIONS_DIR / f"{lang}.yaml"
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    return {str(k): str(v) for k, v in data.items()}


CATALOGS = {lang: _read(lang) for lang in LANGS}


def catalog(lang: str) -> dict[str, str]:
    return CATALOGS[lang]


def t(lang: str, key: str, **values) -> str:
    """The text for ``key`` in ``lang`` (English if the language is unknown). In Korean a
    particle written for either kind of word, ``(으)로``, ``이(가)``, ``(이)라는``, takes the
    form the word before it needs (``흥남으로``, ``모지로``)."""
    texts = catalog(lang if lang in LANGS else "en")
    text = texts[key]
    text = text.format(**values) if values else text
    return korean_particles(text) if lang == "ko" and values else text


_PARTICLE = re.compile(r"([\uac00-\ud7a3])(\(으\)로|이\(가\)|\(이\)라는)")


def _final(syllable: str) -> int:
    """The final consonant of a Hangul syllable (0: none, 8: ㄹ)."""
    return (ord(syllable) - 0xAC00) % 28


def korean_particles(text: str) -> str:
    def pick(match: re.Match) -> str:
        word, particle = match.group(1), match.group(2)
        final = _final(word)
        if particle == "(으)로":
            return word + ("로" if final in (0, 8) else "으로")
        if particle == "이(가)":
            return word + ("가" if final == 0 else "이")
        return word + ("라는" if final == 0 else "이라는")
    return _PARTICLE.sub(pick, text)


def number(n: int, lang: str) -> str:
    return f"{n:,}"


_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")


def date_label(iso: str, lang: str) -> str:
    """An ISO date (``1959-12-14``, ``1958-09`` or ``1958``) as a reader writes it."""
    parts = [int(p) for p in str(iso).split("-")]
    year, month, day = (parts + [0, 0])[:3]
    if lang == "ja":
        return f"{year}年" + (f"{month}月" if month else "") + (f"{day}日" if day else "")
    if lang == "ko":
        return f"{year}년" + (f" {month}월" if month else "") + (f" {day}일" if day else "")
    return " ".join(str(p) for p in ((day or None), (_MONTHS_EN[month - 1] if month else None), year) if p)


def script_lang(text: str) -> str:
    """The language a source's own words are written in, by their script: "ko" for Hangul,
    "ja" for kana or kanji, "" for anything else (for ``lang=`` on a quoted title or quote)."""
    if any("\uac00" <= c <= "\ud7af" for c in text):
        return "ko"
    return "ja" if any("\u3040" <= c <= "\u30ff" or "\u4e00" <= c <= "\u9fff" for c in text) else ""
