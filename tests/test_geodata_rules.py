"""Cross-table checks: references, place kinds, flows consistency, coverage, reconciliation.

Each test breaks ONE thing in a copy of the synthetic fixture (or, for the reconciliation
of the real figures, in a copy of the committed tables) and checks that the failure names
the file, the line and the rule.
"""

from __future__ import annotations

import pytest

from datafixtures import (
    FIXTURE_LAYERS,
    REAL_DATA,
    assert_data_error,
    load_error,
    drop_row,
    edit_csv,
    line_of,
    make_dataset_dirs,
    read_csv,
)
from geodata.loader import run_checks
from geodata.validate import evaluate_formula, weakest_status




def failed_checks(dirs):
    _tables, _layers, checks = run_checks(*dirs)
    return [c for c in checks if not c.ok]


def test_fixture_passes_every_check(dirs):
    assert failed_checks(dirs) == []


# -- references -------------------------------------------------------------------------


def test_unknown_source_id(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "source_ids", "FIXA;NOPE")
    assert_data_error(load_error(dirs), "flows.csv", line, "unknown source id 'NOPE'",
                      rule="reference:source_ids")


def test_unknown_source_id_in_places(dirs):
    line = edit_csv(dirs[0] / "places.csv", "moji", "coord_source_ids", "GAZ")
    assert_data_error(load_error(dirs), "places.csv", line, "unknown source id 'GAZ'",
                      rule="reference:coord_source_ids")


def test_unknown_place_id(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1959", "dest_port_id", "hungnam")
    assert_data_error(load_error(dirs), "flows.csv", line, "unknown place id 'hungnam'",
                      rule="reference:dest_port_id")


def test_unknown_place_id_in_events(dirs):
    line = edit_csv(dirs[0] / "events.csv", "e1", "place_id", "niigata-port")
    assert_data_error(load_error(dirs), "events.csv", line, "unknown place id 'niigata-port'",
                      rule="reference:place_id")


def test_unknown_alternative_destination(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1975", "dest_alternatives", "wonsan;najin")
    assert_data_error(load_error(dirs), "flows.csv", line, "unknown place id 'najin'",
                      rule="reference:dest_alternatives")


def test_unknown_origin_region_id(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1959", "origin_id", "JP-99")
    assert_data_error(load_error(dirs), "flows.csv", line, "unknown region id 'JP-99'",
                      rule="reference:origin_id")


def test_unknown_region_in_origin_counts(dirs):
    line = edit_csv(dirs[0] / "origin_counts.csv", "ishikawa-list", "region_id", "Ishikawa")
    assert_data_error(load_error(dirs), "origin_counts.csv", line, "unknown region id 'Ishikawa'",
                      rule="reference:region_id")


def test_reading_of_unknown_row(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1956b", "reading_of", "f1956x")
    assert_data_error(load_error(dirs), "flows.csv", line, "unknown flow id 'f1956x'",
                      rule="reference:reading_of")


def test_empty_optional_references_are_not_ids(dirs):
    # Empty ports, empty reading_of and events without a place are "not recorded", not an id.
    assert not [c for c in failed_checks(dirs) if c.rule.startswith("reference")]
    edit_csv(dirs[0] / "flows.csv", "f1959", "embark_port_id", "")
    assert failed_checks(dirs) == []


# -- places -----------------------------------------------------------------------------


def test_embarkation_port_that_is_a_destination_port(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1959", "embark_port_id", "chongjin")
    assert_data_error(load_error(dirs), "flows.csv", line, "column 'embark_port_id'",
                      "'chongjin' is a destination_port", rule="place-kind")


def test_destination_port_that_is_an_embarkation_port_in_sailings(dirs):
    line = edit_csv(dirs[0] / "sailings.csv", "1", "dest_port_id", "moji")
    assert_data_error(load_error(dirs), "sailings.csv", line, "'moji' is a embarkation_port",
                      rule="place-kind")


# -- flows ------------------------------------------------------------------------------


def test_persons_empty_but_status_not_unknown(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "persons", "")
    assert_data_error(load_error(dirs), "flows.csv", line, "persons is empty (unknown)",
                      "'documented'", rule="unknown-status")


def test_status_unknown_but_persons_given(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1957b", "persons", "0")
    assert_data_error(load_error(dirs), "flows.csv", line, "status is 'unknown' but persons is given",
                      rule="unknown-status")


def test_derived_without_formula(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1961", "formula", "")
    assert_data_error(load_error(dirs), "flows.csv", line, "needs its formula", rule="derived-formula")


def test_derived_formula_that_does_not_give_persons(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1961", "formula", "7000 - 5000")
    error = load_error(dirs)
    assert_data_error(error, "flows.csv", line, "gives 2000, persons is 1000", rule="derived-formula")
    [check] = failed_checks(dirs)  # the figure itself is unchanged: only the formula fails
    assert (check.rule, check.expected, check.actual) == ("derived-formula", 2000, 1000)


def test_derived_formula_that_cannot_be_evaluated(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1961", "formula", "7000 - total_1960")
    assert_data_error(load_error(dirs), "flows.csv", line, "cannot be evaluated", rule="derived-formula")


def test_formula_on_a_row_that_is_not_derived(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "formula", "1000 + 2000")
    assert_data_error(load_error(dirs), "flows.csv", line, "a formula is given but status is 'documented'",
                      rule="derived-formula")


def test_estimated_without_method(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1962", "note", "Synthetic. Half of an invented figure.")
    assert_data_error(load_error(dirs), "flows.csv", line, "must state its method", rule="estimated-method")


def test_date_not_in_year(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "date_end", "1961-01-15")
    assert_data_error(load_error(dirs), "flows.csv", line, "date_end 1961-01-15 is not in 1960",
                      rule="date-in-year")


def test_date_start_after_date_end(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "date_start", "1960-12-01")
    assert_data_error(load_error(dirs), "flows.csv", line, "date_start is after date_end", rule="date-order")


def test_row_not_drawn_without_reading_of(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1956b", "reading_of", "")
    assert_data_error(load_error(dirs), "flows.csv", line, "(reading_of)", rule="readings")


def test_reading_of_a_row_of_another_year(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1956b", "reading_of", "f1959")
    assert_data_error(load_error(dirs), "flows.csv", line, "must be a drawn row of the same year",
                      rule="readings")


def test_drawn_row_that_is_a_reading(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1957a", "reading_of", "f1957b")
    assert_data_error(load_error(dirs), "flows.csv", line, "a drawn row cannot be a reading", rule="readings")


def test_alternatives_without_a_destination(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1971", "dest_port_id", "")
    assert_data_error(load_error(dirs), "flows.csv", line, "dest_alternatives given without a dest_port_id",
                      rule="destinations")


def test_persons_with_zero_sailings(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1983", "persons", "12")
    assert_data_error(load_error(dirs), "flows.csv", line, "persons leave but sailings is 0",
                      rule="zero-sailings")


def test_coverage_a_required_year_removed(dirs):
    drop_row(dirs[0] / "flows.csv", "f1970")
    error = load_error(dirs)
    assert_data_error(error, "flows.csv", None, "no drawn flow row for year(s) 1970", rule="coverage")
    assert [c.rule for c in failed_checks(dirs)] == ["coverage"]


def test_coverage_names_every_missing_year(dirs):
    drop_row(dirs[0] / "flows.csv", "f1983")
    drop_row(dirs[0] / "flows.csv", "f1947")
    assert_data_error(load_error(dirs), "flows.csv", None, "no drawn flow row for year(s) 1947, 1983",
                      rule="coverage")


# -- reconciliation rules -----------------------------------------------------------------

FIXTURE_RULES_WITH_1960 = {"end-1960", "end-1961", "through-1967", "total-1959-1984"}


def test_changed_figure_breaks_every_rule_that_covers_it(dirs):
    edit_csv(dirs[0] / "flows.csv", "f1960a", "persons", "3003")  # was 3000
    failed = failed_checks(dirs)
    assert {c.rule for c in failed} == FIXTURE_RULES_WITH_1960
    by_rule = {c.rule: c for c in failed}
    assert (by_rule["end-1960"].expected, by_rule["end-1960"].actual) == (6000, 6003)
    assert (by_rule["total-1959-1984"].expected, by_rule["total-1959-1984"].actual) == (8125, 8128)
    for check in failed:
        assert check.file.endswith("rules.csv")
        assert check.line == line_of(dirs[0] / "rules.csv", check.rule)
    error = load_error(dirs)
    assert_data_error(error, "rules.csv", line_of(dirs[0] / "rules.csv", "end-1960"),
                      "expected 6000, the data gives 6003", "and 3 more problem(s)", rule="end-1960")


def test_rule_over_an_unknown_part_is_not_taken_as_zero(dirs):
    edit_csv(dirs[0] / "flows.csv", "f1960a", "persons", "")
    edit_csv(dirs[0] / "flows.csv", "f1960a", "status", "unknown")
    failed = failed_checks(dirs)
    assert {c.rule for c in failed} == FIXTURE_RULES_WITH_1960
    end_1960 = next(c for c in failed if c.rule == "end-1960")
    assert end_1960.actual is None
    assert "unknown (a part is unknown)" in end_1960.message


def test_rules_count_only_drawn_rows(dirs):
    # The alternative reading of 1956 may hold any figure: rule total-1956 (23) does not count it.
    edit_csv(dirs[0] / "flows.csv", "f1956b", "persons", "999999")
    assert failed_checks(dirs) == []
    edit_csv(dirs[0] / "flows.csv", "f1956", "persons", "20")
    [check] = failed_checks(dirs)
    assert (check.rule, check.expected, check.actual) == ("total-1956", 23, 20)


def test_sum_sailings_rule(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1959", "sailings", "4")
    error = load_error(dirs)
    assert line == line_of(dirs[0] / "flows.csv", "f1959")
    assert_data_error(error, "rules.csv", line_of(dirs[0] / "rules.csv", "sailings-1959"),
                      "expected 3, the data gives 4", rule="sailings-1959")


def test_real_figure_changed_by_mistake_is_caught(tmp_path):
    """1960: 49036 -> 49063 must break every rule whose years include 1960, and no other."""
    data_dir, layers_dir = make_dataset_dirs(tmp_path, data_from=REAL_DATA, layers_from=FIXTURE_LAYERS)
    header, rows = read_csv(data_dir / "rules.csv")
    rules = [dict(zip(header, row)) for row in rows]
    covering_1960 = {
        r["id"] for r in rules
        if r["kind"] == "sum_persons" and int(r["year_from"]) <= 1960 <= int(r["year_to"])
    }
    assert {"end-1960", "end-1961", "through-1967", "total-1959-1984"} <= covering_1960
    edit_csv(data_dir / "flows.csv", "f1960", "persons", "49063")

    _tables, _layers, checks = run_checks(data_dir, layers_dir)
    results = {c.rule: c for c in checks if c.rule in {r["id"] for r in rules}}
    assert set(results) == {r["id"] for r in rules}
    assert {rule for rule, check in results.items() if not check.ok} == covering_1960
    assert (results["end-1960"].expected, results["end-1960"].actual) == (51978, 52005)
    assert (results["total-1959-1984"].expected, results["total-1959-1984"].actual) == (93340, 93367)


def test_real_figures_reconcile(tmp_path):
    data_dir, layers_dir = make_dataset_dirs(tmp_path, data_from=REAL_DATA, layers_from=FIXTURE_LAYERS)
    _tables, _layers, checks = run_checks(data_dir, layers_dir)
    header, rows = read_csv(data_dir / "rules.csv")
    by_rule = {c.rule: c for c in checks}
    for row in rows:
        check = by_rule[row[0]]
        assert check.ok, check.message
        assert check.actual == check.expected == int(row[header.index("expected")])


def test_sailing_period_count_mismatch(dirs):
    line = edit_csv(dirs[0] / "sailing_periods.csv", "p2", "last_number", "160")
    assert_data_error(load_error(dirs), "sailing_periods.csv", line, "sailings 156-160 are 5, not 6",
                      rule="sailing-periods")
    [check] = failed_checks(dirs)
    assert (check.expected, check.actual) == (5, 6)


def test_sailing_periods_must_add_up_to_the_total(dirs):
    edit_csv(dirs[0] / "sailing_periods.csv", "p3", "first_number", "163")
    edit_csv(dirs[0] / "sailing_periods.csv", "p3", "sailings", "25")
    error = load_error(dirs)
    assert_data_error(error, "rules.csv", line_of(dirs[0] / "rules.csv", "sailings-total"),
                      "expected 187, the data gives 186", rule="sailings-total")


# -- formulas and statuses ------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [("74779 - 51978", 22801), ("74,779 - 51,978", 22801), ("93340 - 93310", 30), ("2 * 3 + 1", 7),
     ("(1 + 2) * 3", 9)],
)
def test_evaluate_formula_accepts_whole_number_arithmetic(text, value):
    assert evaluate_formula(text) == value


@pytest.mark.parametrize(
    "text",
    ["__import__('os')", "__import__('os').system('echo hi')", "open('x')", "total + 1",
     "2 ** 10", "10 / 2", "1.5 + 1", "'1' + '2'", "[1, 2]"],
)
def test_evaluate_formula_rejects_names_calls_and_other_operators(text):
    with pytest.raises((ValueError, SyntaxError)):
        evaluate_formula(text)


@pytest.mark.parametrize(
    "statuses, weakest",
    [(["documented", "compiled"], "compiled"), (["derived", "documented"], "derived"),
     (["documented", "documented"], "documented"), (["estimated", "compiled", "derived"], "estimated"),
     (["documented", "unknown", "compiled"], "unknown")],
)
def test_weakest_status(statuses, weakest):
    assert weakest_status(statuses) == weakest


def test_the_two_circular_period_rules_are_named_as_such():
    """1961 (74,779 − 51,978) and 1984 (93,340 − 93,310) are derived from totals they are then
    checked against: `geodata check` says so of those two rules, and of no other."""
    from geodata.loader import run_checks

    _tables, _layers, checks = run_checks()
    circular = {c.rule for c in checks if "circular" in c.message}
    assert circular == {"end-1961", "total-1959-1984"}
    by_rule = {c.rule: c.message for c in checks}
    assert "f1961 = 74779 - 51978" in by_rule["end-1961"]
    assert "f1984 = 93340 - 93310" in by_rule["total-1959-1984"]


def test_circular_rows_are_found_from_the_formula():
    import pandas as pd

    from geodata.validate import circular_rows

    flows = pd.DataFrame([
        {"id": "a", "year": 1961, "drawn": "yes", "status": "derived", "formula": "74,779 - 51978", "line": 3},
        {"id": "b", "year": 1960, "drawn": "yes", "status": "documented", "formula": "", "line": 2},
    ])
    assert circular_rows(flows, 1959, 1961, 74779) == ["flows.csv:3 (a = 74,779 - 51978)"]
    assert circular_rows(flows, 1959, 1961, 51978) == ["flows.csv:3 (a = 74,779 - 51978)"]
    assert circular_rows(flows, 1962, 1967, 74779) == []
