"""Reading one table: every bad cell stops the load with the file, the line and the problem.

Each test copies the synthetic fixture, breaks ONE cell, row or column, and checks the
``DataError`` raised by ``load_dataset``.
"""

from __future__ import annotations

import pandas as pd
import pytest

from datafixtures import (
    FIXTURE_DATA,
    add_column,
    append_raw_line,
    assert_data_error,
    load_error,
    copy_row,
    drop_column,
    edit_csv,
    line_of,
    read_csv,
)
from geodata.read import parse_date, read_table
from geodata.tables import TABLES




# -- the fixture itself ----------------------------------------------------------------


def test_fixture_has_every_table_with_rows():
    for table in TABLES.values():
        header, rows = read_csv(FIXTURE_DATA / table.file)
        assert header == list(table.columns), table.file
        assert rows, f"{table.file} has no rows"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_fixture_table_reads_with_line_numbers(name):
    table = TABLES[name]
    frame = read_table(FIXTURE_DATA, table)
    _, rows = read_csv(FIXTURE_DATA / table.file)
    assert len(frame) == len(rows)
    assert list(frame["line"]) == list(range(2, len(rows) + 2))
    assert list(frame.columns) == ["line", *table.columns]


def test_empty_persons_is_missing_not_zero():
    flows = read_table(FIXTURE_DATA, TABLES["flows"]).set_index("id")
    assert str(flows["persons"].dtype) == "Int64"
    assert flows.loc["f1957b", "persons"] is pd.NA
    assert flows.loc["f1968", "persons"] == 0
    assert not pd.isna(flows.loc["f1968", "persons"])


def test_id_lists_and_empty_text_cells_are_typed():
    flows = read_table(FIXTURE_DATA, TABLES["flows"]).set_index("id")
    assert flows.loc["f1961", "source_ids"] == ("FIXA", "FIXB")
    assert flows.loc["f1959", "dest_alternatives"] == ()
    assert flows.loc["f1971", "dest_alternatives"] == ("wonsan",)
    assert flows.loc["f1959", "formula"] == ""


@pytest.mark.parametrize("text", ["1960", "1960-02", "1960-02-29"])
def test_parse_date_accepts_year_month_day(text):
    assert parse_date(text) == text


@pytest.mark.parametrize("text", ["1960-02-30", "1961-02-29", "1960-13", "1960/02/03", "60-02-03", ""])
def test_parse_date_rejects_unreal_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


# -- one broken thing each -------------------------------------------------------------


def test_missing_file(dirs):
    (dirs[0] / "flows.csv").unlink()
    assert_data_error(load_error(dirs), "flows.csv", None, "file not found")


def test_missing_column(dirs):
    drop_column(dirs[0] / "flows.csv", "formula")
    assert_data_error(load_error(dirs), "flows.csv", 1, "missing column(s): formula")


def test_unexpected_column(dirs):
    add_column(dirs[0] / "places.csv", "population", "1")
    assert_data_error(load_error(dirs), "places.csv", 1, "unexpected column(s): population")


def test_empty_required_cell(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "source_ids", "")
    assert_data_error(load_error(dirs), "flows.csv", line, "column 'source_ids' is empty")


def test_empty_required_cell_in_another_table(dirs):
    line = edit_csv(dirs[0] / "sources.csv", "FIXB", "title", "  ")
    assert_data_error(load_error(dirs), "sources.csv", line, "column 'title' is empty")


@pytest.mark.parametrize("value", ["49,036", "12.5", "about 30", "30?"])
def test_non_integer_persons(dirs, value):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "persons", value)
    assert_data_error(load_error(dirs), "flows.csv", line, "column 'persons'", repr(value),
                      "is not a whole number")


def test_negative_persons(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "persons", "-5")
    assert_data_error(load_error(dirs), "flows.csv", line, "column 'persons'", "below the minimum 0")


def test_year_out_of_range(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "year", "2025")
    assert_data_error(load_error(dirs), "flows.csv", line, "column 'year'", "year 2025 is outside 1945-1990")


def test_impossible_date(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "date_start", "1960-02-30")
    assert_data_error(load_error(dirs), "flows.csv", line, "column 'date_start'", "'1960-02-30' is not a real date")


def test_badly_written_date(dirs):
    line = edit_csv(dirs[0] / "events.csv", "e1", "date", "14 Dec 1959")
    assert_data_error(load_error(dirs), "events.csv", line, "column 'date'", "is not a date")


def test_bad_choice(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "status", "guess")
    assert_data_error(load_error(dirs), "flows.csv", line, "column 'status'", "'guess' is not one of",
                      "documented, derived, compiled, estimated, unknown")


def test_bad_place_kind(dirs):
    line = edit_csv(dirs[0] / "places.csv", "niigata", "kind", "harbour")
    assert_data_error(load_error(dirs), "places.csv", line, "column 'kind'", "'harbour' is not one of")


def test_coordinate_out_of_range(dirs):
    line = edit_csv(dirs[0] / "places.csv", "chongjin", "lat", "141.783")
    assert_data_error(load_error(dirs), "places.csv", line, "column 'lat'", "above the maximum 90")


def test_empty_id_in_a_list(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1961", "source_ids", "FIXA;;FIXB")
    assert_data_error(load_error(dirs), "flows.csv", line, "column 'source_ids'", "has an empty id")


def test_unquoted_comma(dirs):
    line = append_raw_line(
        dirs[0] / "flows.csv",
        "f1968x,1968,1968-01-01,1968-12-31,JPN,,,,0,0,documented,no,f1968,FIXA,,No sailing, none at all.,"
        "出航なし。,출항 없음.",
    )
    assert_data_error(load_error(dirs), "flows.csv", line, "more cells than columns")


def test_duplicate_id(dirs):
    line = copy_row(dirs[0] / "flows.csv", "f1960a", note="A second row with the same id.")
    assert line > line_of(dirs[0] / "flows.csv", "f1960a")
    assert_data_error(load_error(dirs), "flows.csv", line, "duplicate id 'f1960a'")


def test_duplicate_sailing_number(dirs):
    line = copy_row(dirs[0] / "sailings.csv", "1", date="1959-12-18")
    assert_data_error(load_error(dirs), "sailings.csv", line, "duplicate id 1")


def test_not_utf8(dirs):
    path = dirs[0] / "events.csv"
    path.write_bytes(path.read_bytes() + "e3,1960,year,,Caf\u00e9,x,y,FIXA\n".encode("latin-1"))
    assert_data_error(load_error(dirs), "events.csv", None, "not UTF-8")


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_coordinate_not_a_number(dirs, value):
    line = edit_csv(dirs[0] / "places.csv", "tokyo", "lat", value)
    assert_data_error(load_error(dirs), "places.csv", line, "column 'lat'")
