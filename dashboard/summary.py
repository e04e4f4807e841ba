"""The one-sentence, plain-language summary of a view (element ``#summary``).

It reads the same queries the map and table use, so the sentence can never disagree with
them, and it says "unknown" where the record is silent instead of writing a zero.
"""

from __future__ import annotations

from geodata import Dataset
from geodata.tables import STATUSES

from .i18n import number, t
from .queries import Total, place_name, portless_flows, range_total, region_name, routes
from .state import ViewState


def years_label(state: ViewState, lang: str) -> str:
    if state.year_from == state.year_to:
        return t(lang, "years_one", year=state.year_from)
    return t(lang, "years_range", first=state.year_from, last=state.year_to)


def persons_label(n: int, lang: str) -> str:
    return t(lang, "persons_n", n=number(n, lang))


def status_label(statuses, lang: str) -> str:
    """One status, or several joined ("documented and derived") in order of strength."""
    unique = sorted(set(statuses), key=STATUSES.index)
    return t(lang, "summary_statuses_join").join(t(lang, f"status_{s}") for s in unique)


def filter_label(dataset: Dataset, state: ViewState, lang: str) -> str:
    parts = []
    if state.region:
        parts.append(region_name(dataset, state.region, lang))
    if state.port:
        parts.append(place_name(dataset, state.port, lang))
    return ", ".join(parts)


def summary_sentence(dataset: Dataset, state: ViewState) -> str:
    lang = state.lang
    years = years_label(state, lang)
    total: Total = range_total(dataset, state)
    place = filter_label(dataset, state, lang)
    suffix = f" {t(lang, 'summary_filter', place=place)}" if place else ""

    if not total.known:
        return t(lang, "summary_unknown", years=years) + suffix
    if total.persons == 0:
        if place and total.sailings != 0:
            return t(lang, "summary_none_in_filter", years=years, place=place)
        return t(lang, "summary_zero", years=years, status=status_label([total.status], lang)) + suffix

    drawn = {k: r for k, r in routes(dataset, state).items() if r.total.persons}
    certain = [r for r in drawn.values() if not r.uncertain]
    uncertain = [r for r in drawn.values() if r.uncertain]
    portless = portless_flows(dataset, state)
    name = lambda pid: place_name(dataset, pid, lang)  # noqa: E731

    # One route explains everything: say it in one sentence.
    if not len(portless) and len(certain) == 1 and not uncertain:
        route = certain[0]
        return t(lang, "summary_route", years=years, persons=persons_label(total.persons, lang),
                 embark=name(route.embark), dest=name(route.dest),
                 status=status_label([route.total.status], lang)) + suffix
    if not len(portless) and not certain and len(uncertain) == 2:
        first, second = uncertain
        if first.embark == second.embark and first.total == second.total:
            return t(lang, "summary_route_uncertain", years=years,
                     persons=persons_label(total.persons, lang), embark=name(first.embark),
                     dest=name(first.dest), alt=name(second.dest),
                     status=status_label([first.total.status], lang)) + suffix
    if len(portless) and not drawn:
        rows = list(portless.itertuples())
        embarks = {r.embark_port_id for r in rows}
        status = status_label([r.status for r in rows], lang)
        if len(embarks) == 1 and "" not in embarks:
            return t(lang, "summary_no_dest", years=years, persons=persons_label(total.persons, lang),
                     embark=name(embarks.pop()), status=status) + suffix
        return t(lang, "summary_no_port", years=years, persons=persons_label(total.persons, lang),
                 status=status) + suffix

    # Several routes (or a range mixing known and unrecorded ports): total, then parts.
    sentence = t(lang, "summary_total", years=years, persons=persons_label(total.persons, lang),
                 status=status_label(_statuses(dataset, state), lang))
    parts = []
    for route in certain:
        parts.append(t(lang, "summary_part", embark=name(route.embark), dest=name(route.dest),
                       persons=persons_label(route.total.persons, lang)))
    if uncertain:
        by_embark: dict[str, list] = {}
        for route in uncertain:
            by_embark.setdefault(route.embark, []).append(route)
        for embark, group in by_embark.items():
            dests = "/".join(name(r.dest) for r in group)
            parts.append(t(lang, "summary_part", embark=name(embark), dest=f"{dests} (?)",
                           persons=persons_label(group[0].total.persons, lang)))
    for row in portless.itertuples():
        origin = name(row.embark_port_id) if row.embark_port_id else "?"
        parts.append(t(lang, "summary_part", embark=origin, dest="?",
                       persons=persons_label(int(row.persons), lang)))
    if parts:
        sentence += " " + t(lang, "summary_parts", parts="; ".join(parts))
    return sentence + suffix


def _statuses(dataset: Dataset, state: ViewState) -> list[str]:
    from .queries import selected_flows

    flows = selected_flows(dataset, state)
    nonzero = flows[flows["persons"].fillna(1) > 0]
    return list(nonzero["status"]) or ["documented"]
