"""Build the subset web font that lets Japanese and Korean text render offline.

    python tools/build_font.py            # rebuild both .woff2 files
    python tools/build_font.py --check    # only check the built files cover the app's text

The kiosk that runs the dashboard has no CJK fonts, so the app ships its own:
Noto Sans CJK (the JP face of the Debian package fonts-noto-cjk, which also
covers Hangul), cut down to the characters the app can show. Those are
collected from

* every value in dashboard/translations/*.yaml,
* every text in dashboard/tours/*.yaml (if that folder exists),
* every cell of geodata/data/*.csv,
* the name_* properties of geodata/layers/*.geojson,
* the string literals of the dashboard's Python code (the language names,
  arrows and legend markers built there),

plus fixed blocks so ordinary Latin text and punctuation never falls back to
another font: printable ASCII, Latin-1, Latin Extended-A and -B (the
McCune-Reischauer and Hepburn vowels: ŏ ŭ Ŏ Ŭ ō ū ...), General Punctuation,
CJK Symbols and Punctuation and the Halfwidth and Fullwidth Forms (which hold
the full-width digits).

The output is deterministic: the same input text and the same source font give
byte-identical files (the head table keeps the source font's timestamp).

This is a build step, not something the running app needs: it needs fontTools
and brotli (see assets/fonts/README.md), and the source font from
`apt-get install fonts-noto-cjk`. The test tests/test_font_subset.py fails when
a caption uses a character the built font lacks.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tokenize
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "assets" / "fonts"  # where the fonts go

FAMILY = "Noto Sans CJK Subset"
FONTTOOLS_PIN = "fonttools==4.68.0"

# Where Debian's fonts-noto-cjk puts the fonts; NOTO_CJK_DIR overrides it.
SOURCE_DIR = Path(os.environ.get("NOTO_CJK_DIR", "/usr/share/fonts/opentype/noto"))
# Face 0 of the collection is "Noto Sans CJK JP" (Japanese glyph forms for
# kanji; it has every Hangul syllable too).
FACE_INDEX = 0
FACE_NAME = "Noto Sans CJK JP"

WEIGHTS = {
    # weight name: (source collection, output file, CSS font-weight)
    "Regular": ("NotoSansCJK-Regular.ttc", "NotoSansCJK-subset-Regular.woff2", 400),
    "Bold": ("NotoSansCJK-Bold.ttc", "NotoSansCJK-subset-Bold.woff2", 700),
}

MAX_BYTES = 1_000_000  # each .woff2 must stay well under this
#: A second, tiny face for the CJK text an English page shows (the language names, Japanese
#: source titles), so English pages never download the full subset.
NAMES_FAMILY = "Noto Sans CJK Names"
NAMES_OUT = "NotoSansCJK-names-Regular.woff2"

# Fixed blocks, included whatever the texts hold (code points the source font
# lacks are skipped silently: these are a courtesy, not a requirement).
FIXED_RANGES = [
    (0x0020, 0x007E),  # printable ASCII (digits included)
    (0x00A0, 0x00FF),  # Latin-1 Supplement
    (0x0100, 0x017F),  # Latin Extended-A
    (0x0180, 0x024F),  # Latin Extended-B
    (0x2000, 0x206F),  # General Punctuation
    (0x3000, 0x303F),  # CJK Symbols and Punctuation
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms (full-width digits)
]

# Characters the app's texts may use that Noto Sans CJK does not have and that
# are left to the next font in the CSS stack on purpose. Keep this empty unless
# a character really is missing from the source font (the build says so).
KNOWN_UNSUPPORTED: frozenset[str] = frozenset()

# Unicode categories that are never drawn (line breaks, tabs, format marks).
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


class BuildError(Exception):
    """A problem the person running the build has to fix; the message says how."""


# --------------------------------------------------------------------------
# Collecting the characters


def _add(found: dict[str, str], text: str, where: str) -> None:
    for ch in text:
        if unicodedata.category(ch) in _INVISIBLE_CATEGORIES:
            continue
        found.setdefault(ch, where)


def _walk(found: dict[str, str], value, where: str, keys: bool = False) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            if keys and isinstance(k, str):
                _add(found, k, where)
            _walk(found, v, where, keys)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _walk(found, v, where, keys)
    elif value is not None:
        _add(found, str(value), where)


def _rel(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _python_string_literals(path: Path):
    """The text of every string literal (docstrings and f-strings too) in a .py file."""
    source = path.read_text(encoding="utf-8")
    literal_types = {tokenize.STRING}
    if hasattr(tokenize, "FSTRING_MIDDLE"):  # Python 3.12+
        literal_types.add(tokenize.FSTRING_MIDDLE)
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in literal_types:
            yield tok.string


def collect_app_chars(root: Path = ROOT) -> dict[str, str]:
    """Every visible character the app's texts use, mapped to the first file it was seen in."""
    found: dict[str, str] = {}

    for path in sorted((root / "dashboard" / "translations").glob("*.yaml")):
        _walk(found, yaml.safe_load(path.read_text(encoding="utf-8")), _rel(path))

    tours = root / "dashboard" / "tours"
    if tours.is_dir():
        for path in sorted(tours.glob("*.yaml")):
            _walk(found, yaml.safe_load(path.read_text(encoding="utf-8")), _rel(path), keys=True)

    for path in sorted((root / "geodata" / "data").glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    _add(found, cell, _rel(path))

    for path in sorted((root / "geodata" / "layers").glob("*.geojson")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for feature in data.get("features") or []:
            for key, value in (feature.get("properties") or {}).items():
                if key.startswith("name_") and value is not None:
                    _add(found, str(value), _rel(path))

    code = sorted((root / "dashboard").rglob("*.py"))
    if (root / "app.py").is_file():
        code.append(root / "app.py")
    for path in code:
        for literal in _python_string_literals(path):
            _add(found, literal, _rel(path))

    return found


def collect_names_chars(root: Path = ROOT) -> dict[str, str]:
    """The CJK characters every English page shows: the language names (each language's
    ``lang_name`` in dashboard/translations/).
    Anything else in CJK on an English page (a Japanese source title, a name quoted in a
    note) is in a tab or a note that opens on demand, and falls back to the full subset
    (see fonts.css and style.css), which is downloaded only then."""
    import yaml

    found: dict[str, str] = {}
    for path in sorted((root / "dashboard" / "translations").glob("*.yaml")):
        name = str(yaml.safe_load(path.read_text(encoding="utf-8")).get("lang_name", ""))
        _add(found, "".join(c for c in name if is_cjk(c)), _rel(path))
    return found


def fixed_codepoints() -> set[int]:
    return {cp for lo, hi in FIXED_RANGES for cp in range(lo, hi + 1)}


def is_cjk(ch: str) -> bool:
    """Hangul, kana or a CJK ideograph: what this font exists for."""
    cp = ord(ch)
    return (
        0x1100 <= cp <= 0x11FF  # Hangul Jamo
        or 0x3040 <= cp <= 0x30FF  # Hiragana, Katakana
        or 0x3130 <= cp <= 0x318F  # Hangul Compatibility Jamo
        or 0x31F0 <= cp <= 0x31FF  # Katakana Phonetic Extensions
        or 0x3400 <= cp <= 0x4DBF  # CJK Unified Ideographs Extension A
        or 0x4E00 <= cp <= 0x9FFF  # CJK Unified Ideographs
        or 0xA960 <= cp <= 0xA97F  # Hangul Jamo Extended-A
        or 0xAC00 <= cp <= 0xD7FF  # Hangul Syllables, Jamo Extended-B
        or 0xF900 <= cp <= 0xFAFF  # CJK Compatibility Ideographs
        or 0x20000 <= cp <= 0x3FFFF  # supplementary ideographs
    )


def _describe(ch: str) -> str:
    return f"U+{ord(ch):04X} {ch} {unicodedata.name(ch, '(unnamed)')}"


# --------------------------------------------------------------------------
# Building


def _import_fonttools():
    try:
        import fontTools  # noqa: F401
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError as exc:
        raise BuildError(
            f"fontTools is not installed ({exc}). Install the build requirement: "
            f"pip install {FONTTOOLS_PIN} brotli"
        ) from exc
    try:
        import brotli  # noqa: F401  (fontTools needs it to write woff2)
    except ImportError as exc:
        raise BuildError(
            "brotli is not installed; fontTools needs it to write woff2. pip install brotli"
        ) from exc
    return subset, TTFont


def source_paths() -> dict[str, Path]:
    paths = {weight: SOURCE_DIR / src for weight, (src, _, _) in WEIGHTS.items()}
    missing = [str(p) for p in paths.values() if not p.is_file()]
    if missing:
        raise BuildError(
            "Source font not found: " + ", ".join(missing) + ".\n"
            "Install it with: apt-get install fonts-noto-cjk  "
            "(or point NOTO_CJK_DIR at a folder holding NotoSansCJK-Regular.ttc and -Bold.ttc)"
        )
    return paths


def _subset_options(subset):
    options = subset.Options()
    options.flavor = "woff2"
    options.hinting = False  # drop CFF hints: smaller, and browsers hint CJK poorly anyway
    options.desubroutinize = True  # brotli compresses plain charstrings better
    options.layout_features = ["kern"]  # no 'vert', 'palt', 'locl' ...: horizontal text only
    options.layout_scripts = ["*"]
    # Vertical metrics are only for vertical writing, which the app does not use.
    options.drop_tables = list(options.drop_tables) + ["vhea", "vmtx", "VORG"]
    # Keep copyright, names, version, trademark, manufacturer, designer, URLs
    # and the licence fields (OFL condition 2: the notice travels with the font).
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14]
    options.name_languages = [0x0409]
    options.notdef_outline = True
    options.recalc_timestamp = False
    options.recalc_bounds = True
    return options


def build(out_dir: Path = HERE, allow_missing: bool = False) -> int:
    subset, TTFont = _import_fonttools()
    sources = source_paths()

    app_chars = collect_app_chars()
    wanted = fixed_codepoints() | {ord(c) for c in app_chars}

    results = []
    for weight, (src_name, out_name, _) in WEIGHTS.items():
        font = TTFont(sources[weight], fontNumber=FACE_INDEX, recalcTimestamp=False, lazy=False)
        family = font["name"].getDebugName(1)
        if family != FACE_NAME:
            raise BuildError(
                f"{sources[weight]} face {FACE_INDEX} is {family!r}, expected {FACE_NAME!r}: "
                "the fonts-noto-cjk package changed its layout; update FACE_INDEX in this script"
            )
        cmap = font.getBestCmap()

        missing = sorted((c for c in app_chars if ord(c) not in cmap), key=ord)
        missing_cjk = [c for c in missing if is_cjk(c)]
        other = [c for c in missing if not is_cjk(c)]
        for c in other:
            print(
                f"warning: {weight}: {_describe(c)} (from {app_chars[c]}) is not in {FACE_NAME}; "
                "it will come from the next font in the CSS stack",
                file=sys.stderr,
            )
        if missing_cjk:
            lines = "\n".join(f"  {_describe(c)} (from {app_chars[c]})" for c in missing_cjk)
            msg = f"{weight}: {len(missing_cjk)} Hangul/kana/kanji character(s) missing from {FACE_NAME}:\n{lines}"
            if not allow_missing:
                raise BuildError(msg + "\n(rerun with --allow-missing to build anyway)")
            print("warning: " + msg, file=sys.stderr)

        unicodes = sorted(cp for cp in wanted if cp in cmap)
        subsetter = subset.Subsetter(options=_subset_options(subset))
        subsetter.populate(unicodes=unicodes)
        subsetter.subset(font)

        out_path = out_dir / out_name
        tmp_path = out_path.with_name(out_path.name + ".tmp")
        subset.save_font(font, str(tmp_path), _subset_options(subset))
        font.close()
        os.replace(tmp_path, out_path)
        size = out_path.stat().st_size
        results.append((weight, out_path, size, len(unicodes)))

    names = collect_names_chars()
    font = TTFont(sources["Regular"], fontNumber=FACE_INDEX, recalcTimestamp=False, lazy=False)
    cmap = font.getBestCmap()
    subsetter = subset.Subsetter(options=_subset_options(subset))
    subsetter.populate(unicodes=sorted(ord(c) for c in names if ord(c) in cmap))
    subsetter.subset(font)
    names_path = out_dir / NAMES_OUT
    subset.save_font(font, str(names_path), _subset_options(subset))
    font.close()
    print(f"{_rel(names_path)}: {names_path.stat().st_size:,} bytes ({len(names)} characters for English pages)")

    n_app = len(app_chars)
    n_cjk = sum(1 for c in app_chars if is_cjk(c))
    print(f"characters used by the app's texts: {n_app} ({n_cjk} Hangul/kana/kanji)")
    print(f"characters in the subset (app texts + fixed blocks, as far as the font has them): {results[0][3]}")
    too_big = False
    for weight, path, size, _ in results:
        print(f"{_rel(path)}: {size:,} bytes ({size / 1024:.1f} KiB)")
        too_big |= size >= MAX_BYTES
    if too_big:
        raise BuildError(f"a subset font is {MAX_BYTES:,} bytes or more; the kiosk budget is under 1 MB each")
    return 0


# --------------------------------------------------------------------------
# Checking


def uncovered_chars(font_path: Path, app_chars: dict[str, str] | None = None) -> list[str]:
    """The app's characters that the built font at font_path lacks (KNOWN_UNSUPPORTED excepted)."""
    _, TTFont = _import_fonttools()
    if app_chars is None:
        app_chars = collect_app_chars()
    font = TTFont(font_path, lazy=True)
    try:
        cmap = font.getBestCmap()
    finally:
        font.close()
    return sorted(
        (c for c in app_chars if ord(c) not in cmap and c not in KNOWN_UNSUPPORTED), key=ord
    )


def check(out_dir: Path = HERE) -> int:
    app_chars = collect_app_chars()
    bad = 0
    for _, out_name, _ in WEIGHTS.values():
        path = out_dir / out_name
        if not path.is_file():
            print(f"{_rel(path)} is missing: run python tools/build_font.py", file=sys.stderr)
            bad += 1
            continue
        missing = uncovered_chars(path, app_chars)
        if missing:
            bad += 1
            print(f"{_rel(path)} lacks {len(missing)} character(s) the app uses:", file=sys.stderr)
            for c in missing:
                print(f"  {_describe(c)} (from {app_chars[c]})", file=sys.stderr)
    if bad:
        print("Rebuild the font: python tools/build_font.py", file=sys.stderr)
        return 1
    print(f"ok: both subset fonts cover all {len(app_chars)} characters the app uses")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only check the built fonts cover the app's text")
    parser.add_argument(
        "--allow-missing",
        action="store_true",
        help="build even if some Hangul/kanji used by the app is not in the source font",
    )
    args = parser.parse_args(argv)
    try:
        return check() if args.check else build(allow_missing=args.allow_missing)
    except BuildError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
