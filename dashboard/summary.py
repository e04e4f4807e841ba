"""The one-sentence, plain-language summary of a view (element ``#summary``).

It reads the same queries the map and table use, so the sentence can never disagree with
them, and it says "unknown" where the record is silent instead of writing a zero.
"""

from __future__ import annotations

from dataclasses import replace

from geodata import Dataset
from geodata.tables import STATUSES

from .i18n import number, t
from .queries import (
    Total,
    origin_counts_in,
    place_name,
    portless_flows,
    range_total,
    region_name,
    routes,
    selected_flows,
)
from .state import ViewState


def years_label(state: ViewState, lang: str) -> str:
    if state.year_from == state.year_to:
        return t(lang, "years_one", year=state.year_from)
    return t(lang, "years_range", first=state.year_from, last=state.year_to)


def persons_label(n: int, lang: str) -> str:
    return t(lang, "persons_n", n=number(n, lang))


def status_label(statuses, lang: str) -> str:
    """One status, or several joined ("documented and derived") in order of strength."""
    words = [t(lang, f"status_{s}") for s in sorted(set(statuses), key=STATUSES.index)]
    if len(words) == 1:
        return words[0]
    return t(lang, "summary_statuses_join").join(words[:-1]) + t(lang, "summary_statuses_last") + words[-1]


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

    origin_note = _origin_note(dataset, state)
    if not total.known:
        if total.at_least is None or total.unsure is None:
            return t(lang, "summary_unknown", years=years) + suffix
        return t(lang, "summary_at_least", years=years, place=place or "—",
                 persons=persons_label(total.at_least, lang),
                 unsure=persons_label(total.unsure, lang)) + origin_note
    if total.persons == 0:
        unfiltered = range_total(dataset, replace(state, region="", port=""))
        if place and unfiltered.persons != 0:
            hint = f" {t(lang, 'summary_no_breakdown')}" if state.region else ""
            return t(lang, "summary_none_in_filter", years=years, place=place) + hint + origin_note
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
                 status=status_label([s for s, _ in route.by_status], lang)) + suffix
    if not len(portless) and not certain and len(uncertain) == 2:
        first, second = uncertain
        if first.embark == second.embark and first.total == second.total:
            return t(lang, "summary_route_uncertain", years=years,
                     persons=persons_label(total.persons, lang), embark=name(first.embark),
                     dest=name(first.dest), alt=name(second.dest),
                     status=status_label([s for s, _ in first.by_status], lang)) + suffix
    if len(portless) and not drawn:
        rows = portless
        embarks = {r.embark_port_id for r in rows}
        status = status_label([r.status for r in rows], lang)
        if len(embarks) == 1 and "" not in embarks:
            return t(lang, "summary_no_dest", years=years, persons=persons_label(total.persons, lang),
                     embark=name(embarks.pop()), status=status) + suffix
        if embarks == {""}:
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
    for row in portless:
        if row.embark_port_id:
            label = f"{name(row.embark_port_id)} → ? ({t(lang, 'port_not_recorded')})"
        else:
            label = t(lang, "port_not_recorded")
        parts.append(t(lang, "summary_part_unrouted", label=label,
                       persons=persons_label(row.persons, lang)))
    if parts:
        sentence += " " + t(lang, "summary_parts", parts="; ".join(parts))
    return sentence + suffix


def _origin_note(dataset: Dataset, state: ViewState) -> str:
    """A documented count of returnees who lived in the selected region, if there is one."""
    if not state.region:
        return ""
    notes = []
    for row in origin_counts_in(dataset, state, filtered=True):
        notes.append(t(state.lang, "summary_origin_count", place=region_name(dataset, row.region_id, state.lang),
                       n=number(int(row.persons), state.lang), start=row.date_start[:4],
                       end=row.date_end[:4], sources="; ".join(row.source_ids)))
    return "".join(f" {n}" for n in notes)


def _statuses(dataset: Dataset, state: ViewState) -> list[str]:
    return [r.status for r in selected_flows(dataset, state) if r.persons != 0] or ["documented"]
