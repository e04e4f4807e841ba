"""The subset CJK web font in assets/fonts/ covers every character the app shows.

A new caption, translation or data row with a character the built font lacks
makes these tests fail until the font is rebuilt with
``python tools/build_font.py``.

fontTools (and brotli, to read woff2) is a build/test requirement: without it
these tests fail, naming the package, rather than skip.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from pathlib import Path

import pytest

from dashboard.i18n import t
from dashboard.state import LANGS

ROOT = Path(__file__).resolve().parents[1]
FONT_DIR = ROOT / "assets" / "fonts"
BUILD_SCRIPT = ROOT / "tools" / "build_font.py"
REBUILD = "run `python tools/build_font.py` to rebuild the subset font"


def _load_build_module():
    spec = importlib.util.spec_from_file_location("build_font", BUILD_SCRIPT)
    module = importlib.util.module_from_spec(spec)
    # No __pycache__ inside assets/: Dash serves everything in that folder.
    saved, sys.dont_write_bytecode = sys.dont_write_bytecode, True
    try:
        spec.loader.exec_module(module)
    finally:
        sys.dont_write_bytecode = saved
    return module


build_font = _load_build_module()

FONT_FILES = [FONT_DIR / out_name for _, out_name, _ in build_font.WEIGHTS.values()]


def _require_fonttools():
    """TTFont, or a test failure naming the package to install."""
    problem = None
    try:
        from fontTools.ttLib import TTFont
    except ImportError as exc:
        problem = (
            f"fontTools is not installed ({exc}); these tests need the build requirement: "
            f"pip install {build_font.FONTTOOLS_PIN} brotli"
        )
    else:
        try:
            import brotli  # noqa: F401
        except ImportError as exc:
            problem = f"brotli is not installed ({exc}); fontTools needs it to read woff2: pip install brotli"
    if problem:
        pytest.fail(problem, pytrace=False)
    return TTFont


@pytest.fixture(scope="module")
def app_chars() -> dict[str, str]:
    chars = build_font.collect_app_chars()
    assert chars, "no text found to check: did the translations or data files move?"
    return chars


def test_app_texts_include_japanese_and_korean(app_chars):
    # Guards the collector itself: if it silently stopped reading a source the
    # coverage test below would pass on nothing.
    assert any("\uac00" <= c <= "\ud7a3" for c in app_chars), "no Hangul collected"
    assert any("\u4e00" <= c <= "\u9fff" for c in app_chars), "no kanji collected"
    assert any("\u3040" <= c <= "\u30ff" for c in app_chars), "no kana collected"


@pytest.mark.parametrize("path", FONT_FILES, ids=lambda p: p.name)
def test_font_file_exists_and_is_small(path):
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: {REBUILD}"
    size = path.stat().st_size
    assert size < 1_000_000, f"{path.name} is {size:,} bytes; each subset font must stay under 1 MB"


@pytest.mark.parametrize("path", FONT_FILES, ids=lambda p: p.name)
def test_font_covers_every_character_the_app_uses(path, app_chars):
    TTFont = _require_fonttools()
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: {REBUILD}"
    font = TTFont(path)
    try:
        assert font.flavor == "woff2", f"{path.name} is not woff2"
        cmap = font.getBestCmap()
    finally:
        font.close()
    missing = sorted(
        (c for c in app_chars if ord(c) not in cmap and c not in build_font.KNOWN_UNSUPPORTED),
        key=ord,
    )
    if missing:
        shown = "\n".join(
            f"  U+{ord(c):04X} {c} {unicodedata.name(c, '')} (from {app_chars[c]})" for c in missing[:40]
        )
        more = f"\n  ... and {len(missing) - 40} more" if len(missing) > 40 else ""
        pytest.fail(
            f"{path.name} lacks {len(missing)} character(s) the app uses:\n{shown}{more}\n{REBUILD}",
            pytrace=False,
        )


@pytest.mark.parametrize("path", FONT_FILES, ids=lambda p: p.name)
def test_font_has_the_fixed_blocks(path):
    TTFont = _require_fonttools()
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing: {REBUILD}"
    font = TTFont(path)
    try:
        cmap = font.getBestCmap()
    finally:
        font.close()
    for ch in "09AZaz ŏŭŎŬōū–—“”、。「」（）０９":
        assert ord(ch) in cmap, f"{path.name} lacks U+{ord(ch):04X} {ch}: {REBUILD}"


def test_fonts_css_references_existing_files():
    css_path = FONT_DIR / "fonts.css"
    assert css_path.is_file(), "assets/fonts/fonts.css is missing"
    css = css_path.read_text(encoding="utf-8")
    faces = [f for f in re.findall(r"@font-face\s*\{(.*?)\}", css, flags=re.S)
             if build_font.NAMES_FAMILY not in f]  # the small face has its own test
    assert len(faces) == 2, f"expected two @font-face rules for {build_font.FAMILY}, found {len(faces)}"
    weights = set()
    for face in faces:
        assert re.search(r"font-family:\s*'Noto Sans CJK Subset'\s*;", face), face
        assert re.search(r"font-display:\s*swap\s*;", face), face
        weights.add(re.search(r"font-weight:\s*(\d+)", face).group(1))
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)\s*format\(\s*['\"]woff2['\"]\s*\)", face)
        assert urls, f"no woff2 url in: {face}"
        for url in urls:
            assert not url.startswith(("/", "http:", "https:", "//")), f"{url} must be relative to fonts.css"
            target = (css_path.parent / url).resolve()
            assert target.is_file(), f"fonts.css points at {url}, which does not exist: {REBUILD}"
    assert weights == {"400", "700"}, weights
    expected = {p.name for p in FONT_FILES} | {build_font.NAMES_OUT}
    referenced = {Path(u).name for u in re.findall(r"url\(\s*['\"]?([^'\")]+)", css)}
    assert referenced == expected, f"fonts.css references {referenced}, the build writes {expected}"


def test_english_pages_have_their_own_small_face():
    """The CJK every English page shows (the language names) is in a face of a few KB, so an
    English page downloads the full subset only when it opens a Japanese title or note."""
    TTFont = _require_fonttools()
    path = FONT_DIR / build_font.NAMES_OUT
    assert path.is_file(), f"{path.name} is missing: {REBUILD}"
    assert path.stat().st_size < 10_000
    cmap = TTFont(path).getBestCmap()
    names = build_font.collect_names_chars()
    shown = {c for code in LANGS for c in t(code, "lang_name") if build_font.is_cjk(c)}
    assert shown and shown <= set(names)
    missing = [c for c in names if ord(c) not in cmap]
    assert not missing, f"{path.name} lacks {missing}: {REBUILD}"
    css = (FONT_DIR / "fonts.css").read_text(encoding="utf-8")
    assert build_font.NAMES_FAMILY in css and build_font.NAMES_OUT in css
