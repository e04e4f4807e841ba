"""Read one CSV table, typing every cell and stopping at the first bad one."""

from __future__ import annotations

import csv
import datetime as dt
import math
from pathlib import Path

import pandas as pd

from .errors import DataError
from .tables import FIRST_YEAR, LAST_YEAR, TRANSLATION_LANGS, Column, Table



def parse_date(text: str) -> str:
    """Accept ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` and return it unchanged if real."""
    formats = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
    fmt = formats.get(len(text))
    if fmt is None:
        raise ValueError(f"{text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    try:
        dt.datetime.strptime(text, fmt)
    except ValueError:
        raise ValueError(f"{text!r} is not a real date") from None
    return text


def _parse_cell(text: str, col: Column):
    if col.kind in ("str", "choice"):
        if col.choices and text not in col.choices:
            raise ValueError(f"{text!r} is not one of {', '.join(col.choices)}")
        return text
    if col.kind == "ids":
        ids = tuple(part.strip() for part in text.split(";"))
        if any(not part for part in ids):
            raise ValueError(f"{text!r} has an empty id (ids are separated by ';')")
        return ids
    if col.kind in ("int", "year"):
        if not text.lstrip("-").isdigit():
            raise ValueError(f"{text!r} is not a whole number")
        value = int(text)
        if col.kind == "year" and not FIRST_YEAR <= value <= LAST_YEAR:
            raise ValueError(f"year {value} is outside {FIRST_YEAR}-{LAST_YEAR}")
    elif col.kind == "float":
        value = float(text)
        if not math.isfinite(value):
            raise ValueError(f"{text!r} is not a finite number")
    elif col.kind == "date":
        return parse_date(text)
    else:  # pragma: no cover - a programming error in tables.py
        raise AssertionError(col.kind)
    if col.minimum is not None and value < col.minimum:
        raise ValueError(f"{value} is below the minimum {col.minimum:g}")
    if col.maximum is not None and value > col.maximum:
        raise ValueError(f"{value} is above the maximum {col.maximum:g}")
    return value


def _empty_value(col: Column):
    # "" for text so that `if row[col]:` reads naturally; numbers stay missing (<NA>).
    if col.kind == "ids":
        return ()
    return "" if col.kind in ("str", "choice", "date") else None


def _check_translations(path: Path, line: int, table: Table, parsed: dict) -> None:
    """Every English text the page shows has its Japanese and Korean translation beside it
    (and a translation has its English): checked once, when the file is read."""
    for name in table.translated:
        for lang in TRANSLATION_LANGS:
            column = f"{name}_{lang}"
            if parsed[name] and not parsed[column]:
                raise DataError(path, line, f"column {column!r} is empty: the English {name!r} "
                                            f"needs its translation in {lang!r}")
            if parsed[column] and not parsed[name]:
                raise DataError(path, line, f"column {column!r} has a translation but the English {name!r} is empty")


def read_table(data_dir: Path, table: Table) -> pd.DataFrame:
    """Read ``table`` from ``data_dir`` and return a typed frame with a ``line`` column.

    Integers that may be empty (unknown) become pandas' nullable ``Int64``, so an unknown
    stays ``<NA>`` and is never confused with zero.
    """
    path = Path(data_dir) / table.file
    if not path.is_file():
        raise DataError(path, None, "file not found")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:  # -sig: Excel's BOM
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            missing = [c for c in table.columns if c not in header]
            if missing:
                raise DataError(path, 1, f"missing column(s): {', '.join(missing)}")
            unknown = [c for c in header if c not in table.columns]
            if unknown:
                raise DataError(path, 1, f"unexpected column(s): {', '.join(unknown)}")
            rows = []
            for row in reader:
                line = reader.line_num
                if None in row:  # more cells than the header has columns
                    raise DataError(path, line, "more cells than columns (an unquoted comma?)")
                parsed = {"line": line}
                for name, col in table.columns.items():
                    text = (row[name] or "").strip()
                    if not text:
                        if col.required:
                            raise DataError(path, line, f"column {name!r} is empty")
                        parsed[name] = _empty_value(col)
                        continue
                    try:
                        parsed[name] = _parse_cell(text, col)
                    except ValueError as exc:
                        raise DataError(path, line, f"column {name!r}: {exc}") from None
                _check_translations(path, line, table, parsed)
                rows.append(parsed)
    except UnicodeDecodeError as exc:
        raise DataError(path, None, f"not UTF-8 text ({exc.reason})") from None
    except csv.Error as exc:
        raise DataError(path, None, f"not a readable CSV file ({exc})") from None

    frame = pd.DataFrame(rows, columns=["line", *table.columns])
    for name, col in table.columns.items():
        if col.kind in ("int", "year"):
            frame[name] = frame[name].astype("Int64")
        elif col.kind == "float":
            frame[name] = frame[name].astype("float64")
    if table.key:
        dup = frame[frame[table.key].duplicated()]
        if len(dup):
            first = dup.iloc[0]
            key = first[table.key]
            shown = repr(key) if isinstance(key, str) else str(key)
            raise DataError(path, int(first["line"]), f"duplicate id {shown}")
    return frame
