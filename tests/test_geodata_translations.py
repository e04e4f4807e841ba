"""The Japanese and Korean texts kept beside the English in the data files, and the data
files' own voice: no machine paths, no remarks on how the project worked."""

from __future__ import annotations

import csv
import re

import pytest

from datafixtures import REAL_DATA, assert_data_error, edit_csv
from geodata import DataError, load_dataset, localized
from geodata.tables import TABLES
from geodata.records import LANGS

KANA_OR_KANJI = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def load_error(dirs) -> DataError:
    with pytest.raises(DataError) as info:
        load_dataset(*dirs)
    return info.value


def real_rows(table):
    with (REAL_DATA / table.file).open(encoding="utf-8", newline="") as handle:
        yield from enumerate(csv.DictReader(handle), start=2)


# -- a missing translation stops the load -----------------------------------------------


@pytest.mark.parametrize("file_name, row, column", [
    ("flows.csv", "f1960a", "note_ja"),
    ("sources.csv", "FIXA", "reliability_ko"),
    ("sailings.csv", "100", "cargo_ja"),
    ("origin_shares.csv", "south-origin", "share_text_ko"),
    ("figures.csv", "fig-a", "topic_ja"),
])
def test_missing_translation_names_file_line_and_column(dirs, file_name, row, column):
    line = edit_csv(dirs[0] / file_name, row, column, "")
    assert_data_error(load_error(dirs), file_name, line, repr(column), "translation")


def test_translation_without_its_english_is_an_error(dirs):
    line = edit_csv(dirs[0] / "sailings.csv", "1", "cargo_ja", "貨物")
    assert_data_error(load_error(dirs), "sailings.csv", line, "'cargo_ja'", "'cargo' is empty")


def test_an_empty_optional_english_text_needs_no_translation(dirs):
    # sailing 100 of the fixture has no note in any language, and loads
    dataset = load_dataset(*dirs)
    row = next(r.row for r in dataset.sailing_records if r.key == "100")
    assert [localized(row, "note", lang) for lang in LANGS] == ["", "", ""]


def test_every_translated_column_sits_beside_its_english_column():
    for table in TABLES.values():
        names = list(table.columns)
        for column in table.translated:
            at = names.index(column)
            assert names[at + 1:at + len(LANGS)] == [f"{column}_{lang}" for lang in LANGS[1:]], table.name


# -- localized() --------------------------------------------------------------------------


def test_localized_reads_each_language_from_rows_and_flow_records(fixture_dataset):
    flow = next(r for r in fixture_dataset.flow_records if r.id == "f1960a")
    source = fixture_dataset.source_rows["FIXA"]
    sailing = next(r.row for r in fixture_dataset.sailing_records if r.key == "100")
    row = fixture_dataset.flows.set_index("id").loc["f1960a"]
    for lang in LANGS[1:]:
        assert localized(flow, "note", lang) == row[f"note_{lang}"] != flow.note
        assert localized(source, "reliability", lang) == getattr(source, f"reliability_{lang}")
        assert localized(sailing, "cargo", lang) == getattr(sailing, f"cargo_{lang}")
    assert localized(flow, "note", "en") == flow.note
    assert localized(fixture_dataset.origin_share_rows[0], "share_text", "en") == \
        fixture_dataset.origin_share_rows[0].share_text


def test_localized_reads_event_texts(fixture_dataset):
    event = fixture_dataset.event_records[0].row
    assert [localized(event, "text", lang) for lang in ("en", "ja", "ko")] == \
        [event.text_en, event.text_ja, event.text_ko]


def test_localized_refuses_an_unknown_language(fixture_dataset):
    with pytest.raises(ValueError):
        localized(fixture_dataset.flow_records[0], "note", "fr")


# -- the committed translations ---------------------------------------------------------


def test_real_translations_are_in_their_language():
    for table in TABLES.values():
        for line, row in real_rows(table):
            for column in table.translated:
                if row[column]:
                    where = f"{table.file}:{line} {column}"
                    assert KANA_OR_KANJI.search(row[f"{column}_ja"]), where
                    assert HANGUL.search(row[f"{column}_ko"]), where


def test_project_voice_uses_the_chosen_words_for_return():
    # events are the project's own sentences: "return" in quotation marks in English,
    # 「帰国」 / ‘귀국’ (the movement's own word, marked) rather than the official 帰還 / 귀환
    for line, row in real_rows(TABLES["events"]):
        assert not re.search(r'(?<!")\breturn\b(?!")', row["text_en"]), f"events.csv:{line}"
        assert "帰還" not in row["text_ja"], f"events.csv:{line}"
        assert "귀환" not in row["text_ko"], f"events.csv:{line}"


# -- no machine paths, no remarks on the project's own process ---------------------------

FORBIDDEN = ("../", "shared/", "/work", "notes/DATA.md", "project's research notes", "not re-read",
             "held by the project", "for this dataset", ".txt")


def test_no_data_cell_holds_a_machine_path_or_a_process_remark():
    for path in sorted(REAL_DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.reader(handle), start=1):
                for cell in row:
                    for text in FORBIDDEN:
                        assert text not in cell, f"{path.name}:{line}: {text!r} in {cell[:80]!r}"


def test_every_source_says_where_a_reader_finds_it():
    for line, row in real_rows(TABLES["sources"]):
        assert row["location"], f"sources.csv:{line}"
        assert not row["location"].startswith(("/", ".", "~")), f"sources.csv:{line}"
