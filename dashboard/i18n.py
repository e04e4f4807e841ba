"""Translations: one YAML file per language in ``translations/``, loaded once."""

from __future__ import annotations

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
    """The text for ``key`` in ``lang`` (English if the language is unknown)."""
    texts = catalog(lang if lang in LANGS else "en")
    text = texts[key]
    return text.format(**values) if values else text


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
