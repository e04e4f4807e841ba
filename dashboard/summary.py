"""The plain-language summary of a view (element ``#summary``).

It reads the same queries the map and table use, so the sentence can never disagree with
them. Two questions are kept apart (see ``queries``): where people left from and arrived at
(ports, and the region a port lies in) and where they had lived (almost never recorded).
A selected region with no port gets no number of people at all, only what is documented
about who lived there. An unknown is said in words, never written as a zero, and a year
with no sailing says so in words too.
"""

from __future__ import annotations

from geodata import Dataset, localized
from geodata.tables import STATUSES

from .i18n import date_label, number, t
from .queries import (
    PROGRAMME,
    Total,
    episodes_in,
    no_sailing,
    origin_counts_in,
    place_name,
    portless_flows,
    range_total,
    region_name,
    region_ports,
    region_scope,
    programme_span,
    region_side,
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
    """The whole summary: what left or arrived, then what is known of where people lived."""
    scope = region_scope(dataset, state.region)
    if scope == "ports":
        text = _region_ports_sentence(dataset, state)
    elif scope == "none":
        text = _region_without_ports_sentence(dataset, state)
    elif len(episodes_in(state)) > 1 and not state.port:
        text = _episodes_sentence(dataset, state)
    else:
        text = _flows_sentence(dataset, state)
    residence = residence_sentence(dataset, state)
    return text + _join(state.lang, residence) if residence else text


# --- where people left from and arrived at ------------------------------------------------

def _episodes_sentence(dataset: Dataset, state: ViewState) -> str:
    """Years across more than one episode: the programme first, then the episodes before it,
    each on its own and never added to the others (see ``queries.EPISODES``)."""
    lang = state.lang
    parts = dict((episode.key, sub) for episode, sub in episodes_in(state))
    sentences = []
    if PROGRAMME.key in parts:
        sub = parts.pop(PROGRAMME.key)
        if sub.years == (PROGRAMME.first, PROGRAMME.last):
            first, last, sailings = programme_span(dataset)
            label = t(lang, "episode_programme_full", first=date_label(first, lang), last=date_label(last, lang),
                      sailings=number(sailings, lang))
        else:
            label = t(lang, "episode_programme_part", years=years_label(sub, lang))
        sentences.append(_flows_sentence(dataset, sub, years=label, with_filter=False))
    if parts:
        apart = [_flows_sentence(dataset, sub, with_filter=False) for sub in parts.values()]
        sentences.append(t(lang, "episodes_apart") + t(lang, "sentence_join").join(apart))
    place = filter_label(dataset, state, lang)
    if place:
        sentences.append(t(lang, "summary_filter", place=place))
    return t(lang, "sentence_join").join(sentences)


def _flows_sentence(dataset: Dataset, state: ViewState, years: str | None = None, with_filter: bool = True) -> str:
    """No region, or Japan / North Korea as a whole: the flows by route. ``years`` names the
    period in words other than its years (the programme's dates)."""
    lang = state.lang
    years = years or years_label(state, lang)
    total: Total = range_total(dataset, state)
    place = filter_label(dataset, state, lang) if with_filter else ""
    suffix = f" {t(lang, 'summary_filter', place=place)}" if place else ""

    if not total.known:
        return _unsure_sentence(dataset, state, total, place or region_name(dataset, "JPN", lang))
    if total.persons == 0:
        empty = no_sailing(dataset, state)
        if empty is not None:
            return zero_sentence(years, empty.status, lang)
        return t(lang, "summary_none_in_filter", years=years, place=place)

    drawn = {k: r for k, r in routes(dataset, state).items() if r.total.persons}
    certain = [r for r in drawn.values() if not r.uncertain]
    uncertain = [r for r in drawn.values() if r.uncertain]
    portless = portless_flows(dataset, state)
    name = lambda pid: place_name(dataset, pid, lang)  # noqa: E731

    # One route explains everything: say it in one sentence.
    if not portless and len(certain) == 1 and not uncertain:
        route = certain[0]
        return t(lang, "summary_route", years=years, persons=persons_label(total.persons, lang),
                 embark=name(route.embark), dest=name(route.dest),
                 status=status_label([s for s, _ in route.by_status], lang)) + suffix
    if not portless and not certain and len(uncertain) == 2:
        first, second = uncertain
        if first.embark == second.embark and first.total == second.total:
            return t(lang, "summary_route_uncertain", years=years,
                     persons=persons_label(total.persons, lang), embark=name(first.embark),
                     dest=name(first.dest), alt=name(second.dest),
                     status=status_label([s for s, _ in first.by_status], lang)) + suffix
    if portless and not drawn:
        embarks = {r.embark_port_id for r in portless}
        status = status_label([r.status for r in portless], lang)
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
        parts.append(t(lang, "summary_part_unrouted", label=label, persons=persons_label(row.persons, lang)))
    if parts:
        sentence += t(lang, "sentence_join") + t(lang, "summary_parts", parts="; ".join(parts))
    return sentence + suffix


def zero_sentence(years: str, status: str, lang: str) -> str:
    """Years with no sailing: no departure is recorded (not "no one left": the record shows
    that no ship sailed, not that no person went; a derived zero rests on one reading)."""
    key = "summary_zero_derived" if status == "derived" else "summary_zero"
    return t(lang, key, years=years, status=status_label([status], lang))


def _unsure_sentence(dataset: Dataset, state: ViewState, total: Total, place: str) -> str:
    """A total that a filter cannot settle: what is certain, then what may or may not be in."""
    lang = state.lang
    years = years_label(state, lang)
    if total.at_least is None or total.unsure is None:
        return t(lang, "summary_unknown", years=years)
    if total.at_least:
        head = t(lang, "summary_at_least", years=years, place=place, persons=persons_label(total.at_least, lang))
    else:
        head = t(lang, "summary_none_certain", years=years, place=place)
    return head + _unsure_clauses(dataset, state, total)


def _unsure_clauses(dataset: Dataset, state: ViewState, total: Total) -> str:
    """"Up to N more, port uncertain (A or B)"; "N more whose port is not recorded"."""
    lang = state.lang
    clauses = []
    if total.uncertain_port:
        clauses.append(t(lang, "summary_more_uncertain", n=number(total.uncertain_port, lang),
                         ports=_candidate_ports(dataset, state)))
    if total.unrecorded:
        clauses.append(t(lang, "summary_more_unrecorded", n=number(total.unrecorded, lang)))
    return "".join(_join(lang, c) for c in clauses)


def _join(lang: str, sentence: str) -> str:
    """A following sentence: after a space in English and Korean, directly in Japanese."""
    return t(lang, "sentence_join") + sentence


def _candidate_ports(dataset: Dataset, state: ViewState) -> str:
    """The candidate ports of the selected flows whose destination is uncertain: "Wŏnsan or Ch'ŏngjin"."""
    ports = dict.fromkeys(p for r in selected_flows(dataset, state) if r.dest_alternatives
                          for p in (r.dest_port_id, *r.dest_alternatives))
    return t(state.lang, "summary_or").join(place_name(dataset, p, state.lang) for p in ports)


def _region_ports_sentence(dataset: Dataset, state: ViewState) -> str:
    """A region that holds ports: the people who left from (or arrived at) them."""
    lang = state.lang
    years = years_label(state, lang)
    empty = no_sailing(dataset, state)
    if empty is not None:
        return zero_sentence(years, empty.status, lang)
    side = region_side(dataset, state.region)
    ports = t(lang, "summary_and").join(place_name(dataset, p, lang) for p in region_ports(dataset, state.region))
    where = dict(years=years, ports=ports, region=region_name(dataset, state.region, lang))
    total = range_total(dataset, state)
    verb = "left" if side == "japan" else "arrived"
    port_suffix = f" {t(lang, 'summary_filter', place=place_name(dataset, state.port, lang))}" if state.port else ""
    if total.known and total.persons:
        return t(lang, f"summary_region_{verb}", persons=persons_label(total.persons, lang),
                 status=status_label(_statuses(dataset, state), lang), **where) + port_suffix
    if total.known:
        return t(lang, f"summary_region_{verb}_none", **where) + port_suffix
    if total.at_least:
        head = t(lang, f"summary_region_{verb}_at_least", persons=persons_label(total.at_least, lang), **where)
    else:
        head = t(lang, f"summary_region_{verb}_none_certain", **where)
    return head + _unsure_clauses(dataset, state, total) + port_suffix


def _region_without_ports_sentence(dataset: Dataset, state: ViewState) -> str:
    """A region with no port: it says nothing of where anyone went; no number of people."""
    lang = state.lang
    side = region_side(dataset, state.region)
    key = {"japan": "summary_region_no_embark", "korea": "summary_region_no_dest"}.get(side, "summary_region_off_route")
    text = t(lang, key, region=region_name(dataset, state.region, lang), years=years_label(state, lang))
    empty = no_sailing(dataset, state)
    if empty is not None:
        text += _join(lang, zero_sentence(years_label(state, lang), empty.status, lang))
    return text


# --- where people had lived ---------------------------------------------------------------

def residence_sentence(dataset: Dataset, state: ViewState) -> str:
    """What is documented about where the returnees had lived, for a selected region: in
    Japan, by prefecture (a partial count at most); in Korea, by home province (never
    recorded; a documented share of all Koreans in Japan is context, not a count)."""
    if not state.region or state.region == "PRK":
        return ""
    lang = state.lang
    region = region_name(dataset, state.region, lang)
    side = region_side(dataset, state.region)
    if side == "japan":
        key = "residence_japan_whole" if state.region == "JPN" else "residence_japan_unknown"
        parts = [t(lang, key, region=region)]
        for row in origin_counts_in(dataset, state, filtered=True):
            parts.append(t(lang, "summary_origin_count", place=region_name(dataset, row.region_id, lang),
                           n=number(int(row.persons), lang), start=row.date_start[:4], end=row.date_end[:4],
                           sources="; ".join(row.source_ids)))
        return t(lang, "sentence_join").join(parts)
    if side == "korea":
        parts = [t(lang, "residence_korea_unknown", region=region)]
        for row in dataset.origin_share_rows:
            parts.append(t(lang, "residence_share", share=localized(row, "share_text", lang),
                           sources="; ".join(row.source_ids)))
        return t(lang, "sentence_join").join(parts)
    return ""


def _statuses(dataset: Dataset, state: ViewState) -> list[str]:
    return [r.status for r in selected_flows(dataset, state) if r.persons != 0] or ["documented"]
