"""Every text key exists in every language, with the same placeholders."""

from __future__ import annotations

import re

from dashboard.i18n import catalog
from dashboard.state import LANGS


def placeholders(text):
    return set(re.findall(r"{(\w+)}", text))


def test_every_key_in_every_language():
    english = catalog("en")
    for lang in LANGS:
        keys = set(catalog(lang))
        assert keys == set(english), f"{lang}: missing {sorted(set(english) - keys)}, extra {sorted(keys - set(english))}"


def test_placeholders_match_english():
    english = catalog("en")
    for lang in LANGS:
        for key, text in catalog(lang).items():
            assert placeholders(text) == placeholders(english[key]), f"{lang}.{key}"


def test_sea_is_named_with_both_names():
    assert catalog("en")["sea_name"] == "Sea of Japan / East Sea"
    assert "日本海" in catalog("ja")["sea_name"] and "東海" in catalog("ja")["sea_name"]
    assert "동해" in catalog("ko")["sea_name"] and "일본해" in catalog("ko")["sea_name"]
