"""Helpers for the data tests: copy the tiny fixture dataset, then break ONE thing in it.

The fixture (``tests/fixtures``) is synthetic but valid: every table of
``geodata.tables.TABLES`` with a few rows, and five small layers of square polygons in
EPSG:4326 that contain the fixture's places. Tests copy it into ``tmp_path`` with
:func:`make_dataset_dirs` and edit the copy with :func:`edit_csv`, :func:`append_row`,
:func:`drop_row`, :func:`drop_column`, :func:`add_column` or :func:`edit_layer`.

Rows are named by their key (the first column: ``"f1960a"``, ``"end-1960"``, ``"1"``) or
by their line number in the file (an ``int``; the header is line 1). Every editing helper
returns the line of the row it touched, so a test can check that the error names it.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
REPO_ROOT = TESTS_DIR.parent
FIXTURE_DIR = TESTS_DIR / "fixtures"
FIXTURE_DATA = FIXTURE_DIR / "data"
FIXTURE_LAYERS = FIXTURE_DIR / "layers"
REAL_DATA = REPO_ROOT / "geodata" / "data"
REAL_LAYERS = REPO_ROOT / "geodata" / "layers"
LAYER_NAMES = (
    "countries",
    "jp_prefectures",
    "jp_regions",
    "kr_provinces_today",
    "kr_provinces_1945",
)


def make_dataset_dirs(tmp_path: Path, data_from: Path = FIXTURE_DATA,
                      layers_from: Path = FIXTURE_LAYERS) -> tuple[Path, Path]:
    """Copy a data folder and a layers folder into ``tmp_path``; return ``(data, layers)``.

    By default both come from the synthetic fixture; pass ``data_from=REAL_DATA`` to
    break a copy of the committed tables instead.
    """
    data_dir, layers_dir = Path(tmp_path) / "data", Path(tmp_path) / "layers"
    shutil.copytree(data_from, data_dir)
    shutil.copytree(layers_from, layers_dir)
    return data_dir, layers_dir


def require_real_layers() -> None:
    """Fail (not skip) when the committed boundary layers are missing."""
    missing = [n for n in LAYER_NAMES if not (REAL_LAYERS / f"{n}.geojson").is_file()]
    if missing:
        pytest.fail(
            f"boundary layer(s) missing in {REAL_LAYERS}: {', '.join(missing)}; "
            "run `python -m geodata build` to build them"
        )


# -- CSV editing ------------------------------------------------------------------------


def read_csv(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a CSV file, as text."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], rows[1:]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _row_index(rows: list[list[str]], row: str | int, path: Path) -> int:
    if isinstance(row, int):
        index = row - 2  # the header is line 1
        if not 0 <= index < len(rows):
            raise KeyError(f"{path.name} has no data line {row}")
        return index
    for index, cells in enumerate(rows):
        if cells and cells[0] == str(row):
            return index
    raise KeyError(f"{path.name} has no row with key {row!r}")


def line_of(path: Path, row: str) -> int:
    """The file line of the row whose first column is ``row``."""
    _, rows = read_csv(path)
    return _row_index(rows, row, Path(path)) + 2


def get_cell(path: Path, row: str | int, column: str) -> str:
    header, rows = read_csv(path)
    return rows[_row_index(rows, row, Path(path))][header.index(column)]


def edit_csv(path: Path, row: str | int, column: str, value: object) -> int:
    """Set one cell; return the line of the edited row."""
    path = Path(path)
    header, rows = read_csv(path)
    index = _row_index(rows, row, path)
    rows[index][header.index(column)] = str(value)
    write_csv(path, header, rows)
    return index + 2


def append_row(path: Path, values: dict[str, object]) -> int:
    """Add a row (columns not given are left empty); return its line."""
    path = Path(path)
    header, rows = read_csv(path)
    unknown = set(values) - set(header)
    if unknown:
        raise KeyError(f"{path.name} has no column(s) {sorted(unknown)}")
    rows.append([str(values.get(column, "")) for column in header])
    write_csv(path, header, rows)
    return len(rows) + 1


def copy_row(path: Path, row: str | int, **changes: object) -> int:
    """Append a copy of a row with some cells changed; return the new row's line."""
    header, rows = read_csv(path)
    values = dict(zip(header, rows[_row_index(rows, row, Path(path))]))
    values.update(changes)
    return append_row(path, values)


def drop_row(path: Path, row: str | int) -> int:
    """Remove a row; return the line it was on."""
    path = Path(path)
    header, rows = read_csv(path)
    index = _row_index(rows, row, path)
    del rows[index]
    write_csv(path, header, rows)
    return index + 2


def drop_column(path: Path, column: str) -> None:
    path = Path(path)
    header, rows = read_csv(path)
    at = header.index(column)
    write_csv(path, header[:at] + header[at + 1:], [r[:at] + r[at + 1:] for r in rows])


def add_column(path: Path, column: str, value: object = "") -> None:
    path = Path(path)
    header, rows = read_csv(path)
    write_csv(path, [*header, column], [[*r, str(value)] for r in rows])


def append_raw_line(path: Path, text: str) -> int:
    """Append one line exactly as given (to write what a CSV writer would quote)."""
    path = Path(path)
    content = path.read_text(encoding="utf-8")
    if not content.endswith("\n"):
        content += "\n"
    path.write_text(content + text + "\n", encoding="utf-8")
    return content.count("\n") + 1


# -- layer editing ----------------------------------------------------------------------


def edit_layer(layers_dir: Path, name: str, feature_id: str, *, geometry: dict | None = None,
               properties: dict | None = None) -> Path:
    """Replace the geometry and/or update the properties of one feature of a layer."""
    path = Path(layers_dir) / f"{name}.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    for feature in data["features"]:
        if feature["properties"]["id"] == feature_id:
            if geometry is not None:
                feature["geometry"] = geometry
            if properties is not None:
                feature["properties"].update(properties)
            break
    else:
        raise KeyError(f"{name} has no feature {feature_id!r}")
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# -- assertions ---------------------------------------------------------------------------


def assert_data_error(error, file_name: str, line: int | None, *fragments: str,
                      rule: str | None = None) -> None:
    """Check that a ``DataError`` names the file, the line and the problem (and rule)."""
    assert error.path.name == file_name, f"error names {error.path}, expected {file_name}"
    assert error.line == line, f"error names line {error.line}, expected {line}: {error}"
    text = str(error)
    assert file_name in text, text
    if line is not None:
        assert f"line {line}" in text, text
    for fragment in fragments:
        assert fragment in text, f"{fragment!r} not in {text!r}"
    if rule is not None:
        assert error.rule == rule, f"rule {error.rule!r}, expected {rule!r}: {text}"
        assert f"[{rule}]" in text, text


def load_error(dirs):
    """The DataError that loading the dataset in ``dirs`` (data, layers) raises."""
    from geodata import DataError, load_dataset

    with pytest.raises(DataError) as info:
        load_dataset(*dirs)
    return info.value
