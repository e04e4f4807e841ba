"""causes.csv: validated at load like the other tables. A bad row stops start-up naming the
file, the row and the problem; an argument is attributed by name in every language."""

from __future__ import annotations

import pytest

from geodata.records import LANGS

from datafixtures import assert_data_error, edit_csv, load_error, make_dataset_dirs
from geodata import localized
from geodata.tables import ACTORS, CAUSE_KINDS


@pytest.fixture
def dirs(tmp_path):
    return make_dataset_dirs(tmp_path)


def test_an_unknown_actor_names_file_row_and_column(dirs):
    line = edit_csv(dirs[0] / "causes.csv", "c-fact", "actor", "the_weather")
    assert_data_error(load_error(dirs), "causes.csv", line, "'actor'", "the_weather")


def test_an_unknown_source_stops_loading(dirs):
    line = edit_csv(dirs[0] / "causes.csv", "c-fact", "source_ids", "NOPE")
    assert_data_error(load_error(dirs), "causes.csv", line, "NOPE")


def test_an_argument_must_say_who_argues_it(dirs):
    path = dirs[0] / "causes.csv"
    for column in ("argued_by", *(f"argued_by_{lang}" for lang in LANGS[1:])):
        line = edit_csv(path, "c-argument", column, "")
    assert_data_error(load_error(dirs), "causes.csv", line, "argued_by", rule="cause-argument")


def test_an_argument_names_its_author_in_the_text(dirs):
    line = edit_csv(dirs[0] / "causes.csv", "c-argument", "text_ja", "合成の読み。")
    assert_data_error(load_error(dirs), "causes.csv", line, "テスター", rule="cause-argument")


def test_a_stated_fact_is_not_argued_by_anyone(dirs):
    path = dirs[0] / "causes.csv"
    edit_csv(path, "c-fact", "argued_by", "Someone")
    edit_csv(path, "c-fact", "argued_by_ja", "誰か")
    line = edit_csv(path, "c-fact", "argued_by_ko", "누군가")
    assert_data_error(load_error(dirs), "causes.csv", line, "claim", rule="cause-argument")


def test_a_missing_translation_stops_loading(dirs):
    line = edit_csv(dirs[0] / "causes.csv", "c-fact", "text_ko", "")
    assert_data_error(load_error(dirs), "causes.csv", line, "text_ko")


def test_a_quote_and_a_locator_are_required(dirs):
    line = edit_csv(dirs[0] / "causes.csv", "c-fact", "quote", "")
    assert_data_error(load_error(dirs), "causes.csv", line, "quote")


# --- the committed table -------------------------------------------------------------------

REQUIRED = ("c-exclusion", "c-welfare", "c-cabinet", "c-icrc", "c-kim-call", "c-labour", "c-hostage",
            "c-paradise", "c-south-korea", "c-decline", "c-spouses")


def test_the_committed_causes_cover_what_the_issue_asks(dataset):
    rows = {r.key: r.row for r in dataset.cause_records}
    assert set(REQUIRED) <= set(rows)
    assert {r.actor for r in rows.values()} == set(ACTORS)
    assert {r.kind for r in rows.values()} == set(CAUSE_KINDS)


def test_the_historians_arguments_are_named(dataset):
    rows = [r.row for r in dataset.cause_records]
    by = {r.argued_by for r in rows if r.claim == "argues"}
    assert {"Morris-Suzuki", "Nam"} <= by
    for row in rows:
        if row.claim == "argues":
            assert localized(row, "text", "en").startswith(row.argued_by) or f"{row.argued_by} argues" in row.text


def test_the_hostage_economy_is_nams_and_the_icrc_role_is_a_fact(dataset):
    rows = {r.key: r.row for r in dataset.cause_records}
    assert rows["c-hostage"].argued_by == "Nam" and "hostage economy" in rows["c-hostage"].text
    assert rows["c-icrc"].claim == "states" and "free will" in rows["c-icrc"].text
