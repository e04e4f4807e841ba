"""Print every text the page can show, one language at a time, for a person to read through:
the UI strings, the built-in tour, the summary of the default view and of every year, and
every shown cell of the data (events, causes, notes, source descriptions), each with where
it comes from. Titles of publications and the sources' own words are marked [title] and
[quote]: they keep the source's wording.

    .venv/bin/python tools/shown_texts.py            # all three languages
    .venv/bin/python tools/shown_texts.py --lang ja  # one language

The words for "return" are checked over the same texts by tests/test_shown_texts.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard import state_context  # noqa: E402
from dashboard.config import Settings  # noqa: E402
from dashboard.shown import VOICE, shown_texts  # noqa: E402
from dashboard.state import LANGS  # noqa: E402
from geodata import load_dataset  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGS, help="one language (default: all three)")
    args = parser.parse_args(argv)
    dataset = load_dataset()
    context = state_context(dataset, Settings())
    for lang in [args.lang] if args.lang else LANGS:
        print(f"=== {lang} ===")
        for where, kind, text in shown_texts(dataset, context, lang):
            mark = "" if kind == VOICE else f" [{kind}]"
            print(f"{where}{mark}\n    {text}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
