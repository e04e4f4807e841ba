"""Print the summary sentence of every region of every layer, for a curator to read.

For each region (countries, Japan's regions and prefectures, Korea's provinces today and in
1945) and each kind of year that matters — a single year (1960), the whole span (1959–1984),
a year with no sailing (1968) and a year whose port is not recorded (1957) — in English,
Japanese and Korean::

    .venv/bin/python tools/region_sentences.py            # all three languages
    .venv/bin/python tools/region_sentences.py --lang ja  # one language

The tests (tests/test_region_meaning.py) check the same views: no sentence gives a number
of people for a region whose origin is not recorded, except documented partial counts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dashboard.state import LANGS, ViewState  # noqa: E402
from dashboard.summary import summary_sentence  # noqa: E402
from geodata import load_dataset  # noqa: E402

#: (label, first year, last year): the kinds of year a region sentence must get right
YEAR_CASES = (("single year", 1960, 1960), ("range", 1959, 1984), ("no sailing", 1968, 1968),
              ("port not recorded", 1957, 1957))


def region_views(dataset, langs=LANGS):
    """Every (region id, case label, view) the curator's list and the tests go through."""
    for region in dataset.regions["id"]:
        for label, first, last in YEAR_CASES:
            for lang in langs:
                yield region, label, ViewState(first, last, region=region, lang=lang)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=LANGS, action="append", help="only this language (repeatable)")
    args = parser.parse_args(argv)
    dataset = load_dataset()
    count = 0
    for region, label, state in region_views(dataset, tuple(args.lang or LANGS)):
        print(f"{region}\t{label}\t{state.lang}\t{summary_sentence(dataset, state)}")
        count += 1
    print(f"# {count} sentences, {len(dataset.regions)} regions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
