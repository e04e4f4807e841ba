"""Command line: ``python -m geodata check [--json]`` and ``python -m geodata build``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import DataError
from .loader import DATA_DIR, LAYERS_DIR, run_checks, year_totals


def _years_json(flows) -> dict:
    totals = year_totals(flows)
    return {
        str(row.year): {
            "persons": None if row.persons is None or row.persons != row.persons else int(row.persons),
            "status": row.status,
            "sources": list(row.source_ids),
        }
        for row in totals.astype(object).where(totals.notna(), None).itertuples()
    }


def _summary(tables, checks) -> str:
    lines = ["Tables:"]
    lines += [f"  {name:<28} {len(frame):>4} rows" for name, frame in tables.items()]
    lines.append("Persons by period (drawn rows; 'unknown' if any part is unknown):")
    totals = year_totals(tables["flows"])
    for label, lo, hi in (("1947", 1947, 1947), ("1956-1957", 1956, 1957), ("1959-1967", 1959, 1967),
                          ("1968-1970", 1968, 1970), ("1971-1984", 1971, 1984), ("1959-1984", 1959, 1984)):
        part = totals[totals["year"].between(lo, hi)]
        value = "unknown" if part["persons"].isna().any() else f"{int(part['persons'].sum()):,}"
        lines.append(f"  {label:<10} {value:>8}")
    lines.append("Checks:")
    for check in checks:
        mark = "ok  " if check.ok else "FAIL"
        where = f" [{check.where()}]" if not check.ok and check.where() else ""
        lines.append(f"  {mark} {check.rule}: {check.message}{where}")
    return "\n".join(lines)


def cmd_check(args) -> int:
    try:
        tables, _layers, checks = run_checks(Path(args.data), Path(args.layers))
    except DataError as exc:
        if args.json:
            print(json.dumps({"ok": False, "years": {}, "checks": [],
                              "errors": [str(exc)]}, ensure_ascii=False))
        else:
            print(f"FAIL {exc}", file=sys.stderr)
        return 1
    ok = all(c.ok for c in checks)
    if args.json:
        print(json.dumps({
            "ok": ok,
            "years": _years_json(tables["flows"]),
            "checks": [{"rule": c.rule, "expected": c.expected, "actual": c.actual, "ok": c.ok,
                        "message": c.message, "where": c.where()} for c in checks],
        }, ensure_ascii=False, default=str))
    else:
        print(_summary(tables, checks))
        failed = [c for c in checks if not c.ok]
        print(f"\n{'OK' if ok else 'FAILED'}: {len(checks) - len(failed)} checks passed, {len(failed)} failed")
        for check in failed:
            print(f"FAIL {check.where()}: [{check.rule}] {check.message}", file=sys.stderr)
    return 0 if ok else 1


def cmd_build(args) -> int:
    from .build_layers import build_layers, build_plotly_topojson

    out = Path(args.layers)
    build_layers(out, progress=lambda msg: print(msg, flush=True))
    build_plotly_topojson(Path(args.assets), progress=lambda msg: print(msg, flush=True))
    print("done")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every table, layer and reconciliation rule")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--data", default=str(DATA_DIR), help="folder of the CSV tables")
    check.add_argument("--layers", default=str(LAYERS_DIR), help="folder of the GeoJSON layers")
    check.set_defaults(func=cmd_check)
    build = sub.add_parser("build", help="rebuild the boundary layers from the pinned source")
    build.add_argument("--layers", default=str(LAYERS_DIR))
    build.add_argument("--assets", default=str(Path(__file__).resolve().parent.parent / "assets" / "topojson"))
    build.set_defaults(func=cmd_build)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
