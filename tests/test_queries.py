"""Queries: totals by year and range, filters, and unknowns that never turn into zeros."""

from __future__ import annotations

from dashboard.queries import range_total, routes, selected_flows, year_series, year_total
from dashboard.state import ViewState


def _documented(dataset, year):
    """The drawn figure for a year, read from the dataset (not typed into the test)."""
    return sum(r.persons for r in dataset.flow_records if r.drawn and r.year == year)


def test_every_year_of_the_span_has_a_total(dataset):
    series = year_series(dataset, ViewState(1947, 1984))
    assert [y for y, _ in series] == list(dataset.years)
    assert all(t.known for _, t in series)


def test_zero_years_are_zeros_with_the_status_of_their_record(dataset):
    for year in (1968, 1969, 1970):  # the suspension: documented
        total = year_total(dataset, year, ViewState(year, year))
        assert total.persons == 0 and total.status == "documented"
    record = next(r for r in dataset.flow_records if r.year == 1983 and r.drawn)
    total = year_total(dataset, 1983, ViewState(1983, 1983))
    assert total.persons == record.persons == 0 and total.status == record.status


def test_range_totals_match_the_reconciliation_rules(dataset):
    for rule in dataset.rules[dataset.rules["kind"] == "sum_persons"].itertuples():
        total = range_total(dataset, ViewState(int(rule.year_from), int(rule.year_to)))
        assert total.persons == rule.expected, rule.id


def test_weakest_status_of_a_range(dataset):
    assert range_total(dataset, ViewState(1959, 1960)).status == "documented"
    assert range_total(dataset, ViewState(1959, 1961)).status == "derived"
    assert range_total(dataset, ViewState(1959, 1962)).status == "compiled"


def test_port_filter_makes_unrecorded_ports_unknown_not_zero(dataset):
    # 1957: people left, with no recorded port: for any port the number is unknown
    total = year_total(dataset, 1957, ViewState(1957, 1957, port="moji"))
    assert total.persons is None and total.status == "unknown"
    assert total.at_least == 0 and total.unsure == _documented(dataset, 1957)


def test_port_filter_gives_a_real_zero_where_every_port_is_recorded(dataset):
    total = year_total(dataset, 1960, ViewState(1960, 1960, port="moji"))
    assert total.persons == 0


def test_a_region_narrows_the_flows_to_its_ports(dataset):
    # every flow left Japan for North Korea: the two countries hold all of them
    for region in ("JPN", "PRK"):
        assert year_total(dataset, 1957, ViewState(1957, 1957, region=region)).persons == _documented(dataset, 1957)
    # 1956 left Moji (recorded) for an unrecorded port: unknown for a Korean province with
    # a port, but decidable for a Japanese prefecture
    assert year_total(dataset, 1956, ViewState(1956, 1956, region="KP-09")).persons is None
    assert year_total(dataset, 1956, ViewState(1956, 1956, region="KP-09")).unrecorded == _documented(dataset, 1956)
    assert year_total(dataset, 1956, ViewState(1956, 1956, region="JP-15")).persons == 0
    assert year_total(dataset, 1956, ViewState(1956, 1956, region="JP-40")).persons == _documented(dataset, 1956)


def test_a_region_without_a_port_narrows_nothing(dataset):
    from dashboard.queries import region_scope
    assert region_scope(dataset, "JP-13") == "none"
    for year in dataset.years:
        assert year_total(dataset, year, ViewState(year, year, region="JP-13")) == \
            year_total(dataset, year, ViewState(year, year))


def test_alternative_readings_are_listed_but_not_counted(dataset):
    state = ViewState(1956, 1956)
    rows = selected_flows(dataset, state, include_readings=True)
    assert len(rows) == 2 and {r.drawn for r in rows} == {True, False}
    assert range_total(dataset, state).persons == next(r.persons for r in rows if r.drawn)


def test_uncertain_destinations_are_separate_routes(dataset):
    found = routes(dataset, ViewState(1959, 1984))
    rows = [r for r in dataset.flow_records if r.drawn and 1959 <= r.year <= 1984 and r.persons]
    certain = found["niigata>chongjin"]
    assert not certain.uncertain
    assert certain.total.persons == sum(r.persons for r in rows if not r.dest_alternatives)
    for key in ("niigata>chongjin?", "niigata>wonsan?"):
        assert found[key].uncertain
        assert found[key].total.persons == sum(r.persons for r in rows if r.dest_alternatives)


def test_no_route_is_drawn_for_a_zero_year(dataset):
    assert routes(dataset, ViewState(1968, 1970)) == {}
