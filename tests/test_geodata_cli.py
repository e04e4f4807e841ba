"""``python -m geodata check [--json]``, run as a curator would, in a subprocess."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from datafixtures import (
    REAL_DATA,
    REPO_ROOT,
    edit_csv,
    line_of,
    read_csv,
    require_real_layers,
)
from geodata.tables import TABLES


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "geodata", *args],
        cwd=REPO_ROOT, capture_output=True, text=True, encoding="utf-8", timeout=300,
    )


def rule_ids(data_dir) -> list[str]:
    _, rows = read_csv(data_dir / "rules.csv")
    return [row[0] for row in rows]


@pytest.fixture(scope="module")
def real_text():
    require_real_layers()
    return run_cli("check")


@pytest.fixture(scope="module")
def real_json():
    require_real_layers()
    result = run_cli("check", "--json")
    return result, json.loads(result.stdout)



# -- the committed data -------------------------------------------------------------------


def test_check_real_data_exits_0(real_text):
    assert real_text.returncode == 0, real_text.stdout + real_text.stderr
    assert "OK:" in real_text.stdout
    assert "FAIL" not in real_text.stdout + real_text.stderr


def test_check_prints_rows_per_table(real_text):
    for name, table in TABLES.items():
        _, rows = read_csv(REAL_DATA / table.file)
        assert re.search(rf"^\s*{name}\s+{len(rows)} rows$", real_text.stdout, re.M), name


def test_check_prints_totals_by_period(real_text):
    out = real_text.stdout
    assert re.search(r"^\s*1947\s+351$", out, re.M)
    assert re.search(r"^\s*1959-1967\s+88,611$", out, re.M)
    assert re.search(r"^\s*1968-1970\s+0$", out, re.M)
    assert re.search(r"^\s*1971-1984\s+4,729$", out, re.M)
    assert re.search(r"^\s*1959-1984\s+93,340$", out, re.M)


def test_check_prints_every_rule_with_its_result(real_text):
    for rule in rule_ids(REAL_DATA):
        assert re.search(rf"^\s*ok\s+{re.escape(rule)}:", real_text.stdout, re.M), rule


def test_check_json_real_data(real_json):
    result, report = real_json
    assert result.returncode == 0
    assert report["ok"] is True
    years = report["years"]
    assert set(years["1960"]) == {"persons", "status", "sources"}
    assert years["1960"]["persons"] == 49036
    assert years["1960"]["status"] == "documented"
    assert isinstance(years["1960"]["sources"], list) and "S2" in years["1960"]["sources"]
    assert years["1961"]["status"] == "derived"
    assert years["1961"]["persons"] == 22801
    assert years["1968"]["persons"] == 0
    assert years["1956"]["persons"] == 23
    assert sum(years[str(y)]["persons"] for y in range(1959, 1985)) == 93340


def test_check_json_lists_every_check(real_json):
    _, report = real_json
    checks = report["checks"]
    assert isinstance(checks, list) and checks
    for check in checks:
        assert {"rule", "expected", "actual", "ok"} <= set(check)
        assert check["ok"] is True, check
    by_rule = {c["rule"]: c for c in checks}
    assert set(rule_ids(REAL_DATA)) <= set(by_rule)
    assert (by_rule["end-1960"]["expected"], by_rule["end-1960"]["actual"]) == (51978, 51978)
    assert (by_rule["total-1959-1984"]["expected"], by_rule["total-1959-1984"]["actual"]) == (93340, 93340)


# -- broken fixtures ----------------------------------------------------------------------


def test_check_fixture_ok(dirs):
    result = run_cli("check", "--data", str(dirs[0]), "--layers", str(dirs[1]))
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\s*1956-1957\s+unknown$", result.stdout, re.M)  # unknown, not 0


def test_check_broken_rule_exits_non_zero(dirs):
    edit_csv(dirs[0] / "flows.csv", "f1960a", "persons", "3003")
    result = run_cli("check", "--data", str(dirs[0]), "--layers", str(dirs[1]))
    assert result.returncode != 0
    line = line_of(dirs[0] / "rules.csv", "end-1960")
    assert f"rules.csv, line {line}: [end-1960]" in result.stderr
    assert "expected 6000, the data gives 6003" in result.stderr
    assert re.search(r"^\s*FAIL\s+end-1960:", result.stdout, re.M)
    assert re.search(r"^\s*ok\s+total-1947:", result.stdout, re.M)
    assert "FAILED: " in result.stdout


def test_check_broken_flow_names_file_line_and_rule(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1961", "formula", "7000 - 5000")
    result = run_cli("check", "--data", str(dirs[0]), "--layers", str(dirs[1]))
    assert result.returncode != 0
    assert f"flows.csv, line {line}: [derived-formula]" in result.stderr


def test_check_bad_cell_names_file_and_line(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "date_start", "1960-02-30")
    result = run_cli("check", "--data", str(dirs[0]), "--layers", str(dirs[1]))
    assert result.returncode != 0
    assert f"flows.csv, line {line}: column 'date_start'" in result.stderr


def test_check_json_broken_fixture(dirs):
    line = line_of(dirs[0] / "rules.csv", "end-1960")
    edit_csv(dirs[0] / "flows.csv", "f1960a", "persons", "3003")
    result = run_cli("check", "--json", "--data", str(dirs[0]), "--layers", str(dirs[1]))
    assert result.returncode != 0
    report = json.loads(result.stdout)
    assert report["ok"] is False
    by_rule = {c["rule"]: c for c in report["checks"]}
    broken = by_rule["end-1960"]
    assert (broken["ok"], broken["expected"], broken["actual"]) == (False, 6000, 6003)
    assert broken["where"].endswith(f"rules.csv, line {line}")
    assert by_rule["total-1947"]["ok"] is True
    assert report["years"]["1960"] == {"persons": 5003, "status": "compiled", "sources": ["FIXA", "FIXB"]}
    assert report["years"]["1957"]["persons"] is None  # unknown is null, never 0
    assert report["years"]["1957"]["status"] == "unknown"


def test_check_json_unreadable_data(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1960a", "status", "guess")
    result = run_cli("check", "--json", "--data", str(dirs[0]), "--layers", str(dirs[1]))
    assert result.returncode != 0
    report = json.loads(result.stdout)
    assert report["ok"] is False
    [error] = report["errors"]
    assert f"flows.csv, line {line}" in error and "'guess'" in error


def test_check_missing_layer_says_how_to_rebuild(dirs):
    (dirs[1] / "countries.geojson").unlink()
    result = run_cli("check", "--data", str(dirs[0]), "--layers", str(dirs[1]))
    assert result.returncode != 0
    assert "countries.geojson" in result.stderr
    assert "python -m geodata build" in result.stderr


def test_check_reports_a_place_in_no_region(dirs):
    # load_dataset refuses this place; the checker must not pass it.
    line = edit_csv(dirs[0] / "places.csv", "tokyo", "lat", "10.0")
    edit_csv(dirs[0] / "places.csv", "tokyo", "lon", "160.0")
    result = run_cli("check", "--data", str(dirs[0]), "--layers", str(dirs[1]))
    assert result.returncode != 0
    assert f"places.csv, line {line}" in result.stderr
    assert "lies in no region" in result.stderr


def test_check_does_not_print_ok_for_a_failed_check(dirs):
    edit_csv(dirs[0] / "flows.csv", "f1959", "source_ids", "NOPE")
    edit_csv(dirs[0] / "flows.csv", "f1961", "formula", "7000 - 5000")
    result = run_cli("check", "--data", str(dirs[0]), "--layers", str(dirs[1]))
    assert result.returncode != 0
    assert re.search(r"^\s*FAIL\s+reference:source_ids:", result.stdout, re.M)
    assert not re.search(r"^\s*ok\s+references:", result.stdout, re.M)
    assert re.search(r"^\s*FAIL\s+derived-formula:", result.stdout, re.M)
    assert not re.search(r"^\s*ok\s+flows:", result.stdout, re.M)


def test_failed_period_rule_names_the_flow_rows_it_summed(tmp_path):
    # a curator mistypes one figure in a copy of the committed data
    require_real_layers()
    data_dir = tmp_path / "data"
    shutil.copytree(REAL_DATA, data_dir)
    line = edit_csv(data_dir / "flows.csv", "f1960", "persons", "49063")
    result = run_cli("check", "--data", str(data_dir), "--layers", str(REAL_DATA.parent / "layers"))
    assert result.returncode != 0
    failing = [text for text in result.stderr.splitlines() if "[end-1960]" in text]
    assert failing, result.stderr
    assert f"flows.csv:{line} (f1960, 49063)" in failing[0]
    assert f"flows.csv:{line_of(data_dir / 'flows.csv', 'f1959')} (f1959, " in failing[0]
    # a rule over other years does not name the changed row
    untouched = [text for text in result.stderr.splitlines() if "[period-1971-1984]" in text]
    assert not untouched


def test_failed_sailings_rule_names_the_rows_it_summed(dirs):
    line = edit_csv(dirs[0] / "flows.csv", "f1959", "sailings", "4")
    result = run_cli("check", "--data", str(dirs[0]), "--layers", str(dirs[1]))
    assert result.returncode != 0
    failing = [text for text in result.stderr.splitlines() if "[sailings-1959]" in text]
    assert failing and f"flows.csv:{line} (f1959, 4)" in failing[0], result.stderr
