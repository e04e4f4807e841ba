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
