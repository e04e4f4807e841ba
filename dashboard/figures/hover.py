"""The map's hover texts and region shading: what a visitor reads when pointing at a route,
a port, a departure with no recorded destination, a prefecture or a Korean province.

Pure functions: dataset (and geometry, for region names) and view in, strings out.
"""

from __future__ import annotations

from dataclasses import replace

from geodata import Dataset, localized

from ..i18n import number, t
from ..queries import place_name, range_total, region_name, region_ports, region_side
from ..state import ViewState
from ..summary import status_label
from .geometry import MapGeometry


def _route_hover(route, dataset: Dataset, lang: str) -> str:
    embark = getattr(dataset.place_rows[route.embark], f"name_{lang}")
    dest = getattr(dataset.place_rows[route.dest], f"name_{lang}")
    persons = t(lang, "unknown_value") if route.total.persons is None else number(route.total.persons, lang)
    years = f"{route.years[0]}" if len(route.years) == 1 else f"{route.years[0]}–{route.years[-1]}"
    sailings = t(lang, "unknown_value") if route.total.sailings is None else str(route.total.sailings)
    uncertain = f"<br><i>{t(lang, 'legend_uncertain')}</i>" if route.uncertain else ""
    parts = "; ".join(
        f"{t(lang, 'status_' + s)} {t(lang, 'unknown_value') if n is None else number(n, lang)}"
        for s, n in route.by_status)
    return (f"<b>{embark} → {dest}</b>{uncertain}<br>{t(lang, 'hover_persons')}: {persons}"
            f"<br>{t(lang, 'hover_years')}: {years}<br>{t(lang, 'hover_sailings')}: {sailings}"
            f"<br>{t(lang, 'hover_status')}: {parts}"
            f"<br>{t(lang, 'hover_sources')}: {', '.join(route.total.source_ids)}")


def _port_region(dataset: Dataset, place_id: str) -> str:
    """The prefecture or province a port lies in (for "Niigata, in Niigata Prefecture")."""
    for rid in dataset.place_regions.get(place_id, ()):
        row = dataset.region_rows.get(rid)
        if row is not None and row.layer in ("jp_prefectures", "kr_provinces_today"):
            return rid
    return ""


def unsure_figure(total, lang: str) -> str:
    """A port's figure that the record cannot settle, in words: what is certain, then what
    may be (an uncertain port, an unrecorded port). Never "at least 0"."""
    parts = [t(lang, "hover_at_least", persons=number(total.at_least, lang)) if total.at_least
             else t(lang, "hover_none_certain")]
    if total.uncertain_port:
        parts.append(t(lang, "hover_more_uncertain", persons=number(total.uncertain_port, lang)))
    if total.unrecorded:
        parts.append(t(lang, "hover_more_unrecorded", persons=number(total.unrecorded, lang)))
    return "; ".join(parts)


def _port_hover(dataset: Dataset, place, state: ViewState) -> str:
    """A port's figures in the view's years: the same query as a port filter would run."""
    lang = state.lang
    total = range_total(dataset, replace(state, port=place.id, region=""))
    head = f"<b>{getattr(place, f'name_{lang}')}</b>"
    region = _port_region(dataset, place.id)
    if region:
        head += f"<br>{t(lang, 'hover_port_in', region=region_name(dataset, region, lang))}"
    if place.uncertain == "yes":
        head += f"<br><i>{t(lang, 'legend_uncertain')}</i>"
    if total.persons is None:
        figure = t(lang, "unknown_value") if total.at_least is None else unsure_figure(total, lang)
    elif total.persons == 0:
        figure = t(lang, "hover_no_one")
    else:
        figure = f"{number(total.persons, lang)} ({t(lang, 'status_' + total.status)})"
    sailings = t(lang, "unknown_value") if total.sailings is None else str(total.sailings)
    years = str(state.year_from) if state.year_from == state.year_to else f"{state.year_from}–{state.year_to}"
    return (f"{head}<br>{t(lang, 'hover_persons')}: {figure}<br>{t(lang, 'hover_years')}: {years}"
            f"<br>{t(lang, 'hover_sailings')}: {sailings}"
            f"<br>{t(lang, 'hover_sources')}: {', '.join(total.source_ids) or '—'}")


def port_hovers(dataset: Dataset, state: ViewState) -> dict[str, list[str]]:
    """The ports' hover texts, per marker trace (embarkation ports, destination ports); they
    depend on the view's years and language only."""
    return {role: [_port_hover(dataset, place, state) for place in dataset.place_rows.values() if place.kind == kind]
            for role, kind in (("ports_embark", "embarkation_port"), ("ports_dest", "destination_port"))}


def _portless_hover(place, rows, total, lang: str) -> tuple[str, str]:
    """A departure with no recorded destination: the ring's short label and its hover text."""
    shown = t(lang, "unknown_value") if total.persons is None else number(total.persons, lang)
    hover = (f"<b>{getattr(place, f'name_{lang}')} → ?</b><br>{t(lang, 'hover_persons')}: {shown}"
             f"<br>{t(lang, 'hover_years')}: {', '.join(str(y) for y in sorted({r.year for r in rows}))}"
             f"<br>{t(lang, 'legend_destination')}: {t(lang, 'port_not_recorded')}"
             f"<br>{t(lang, 'hover_status')}: {status_label([r.status for r in rows], lang)}"
             f"<br>{t(lang, 'hover_sources')}: {', '.join(total.source_ids)}")
    return f"{shown} → ?", hover


def _prefecture_shading(dataset: Dataset, geometry: MapGeometry, counts: tuple, lang: str) -> tuple[list, list]:
    """Japan's prefectures: 1 (shaded) where a documented count of the returnees who lived
    there exists; elsewhere "not recorded" (the unshaded look the legend explains), never 0."""
    by_region = {r.region_id: r for r in counts}
    names = geometry.names["jp_prefectures"][lang]
    z, text = [], []
    for pid in geometry.ids["jp_prefectures"]:
        ports = "".join(f"<br>{line}" for line in _port_lines(dataset, pid, lang))
        if pid in by_region:
            count = by_region[pid]
            z.append(1)
            text.append(f"<b>{names[pid]}</b>{ports}<br>{t(lang, 'hover_origin_count')}: ~{number(int(count.persons), lang)}"
                        f" ({count.date_start[:4]}–{count.date_end[:4]}; {t(lang, 'origin_partial')})"
                        f"<br>{t(lang, 'hover_sources')}: {', '.join(count.source_ids)}")
        else:
            z.append(0)
            text.append(f"<b>{names[pid]}</b>{ports}<br>{t(lang, 'hover_no_count')}")
    return z, text


def _port_lines(dataset: Dataset, region_id: str, lang: str) -> list[str]:
    """"Port of departure: Niigata" for a region holding a port of the routes."""
    side = "hover_has_embark" if region_side(dataset, region_id) == "japan" else "hover_has_dest"
    return [t(lang, side, port=place_name(dataset, p, lang)) for p in region_ports(dataset, region_id)]


def _korea_shading(dataset: Dataset, geometry: MapGeometry, layer: str, lang: str) -> tuple[list, list]:
    """Korea's provinces on ``layer``: 1 where a documented share of the origins of all
    Koreans in Japan covers them (context, not a count of returnees); every province says
    that the returnees' home provinces are not recorded."""
    shares = list(dataset.origin_share_rows)
    names = geometry.names[layer][lang]
    z, text = [], []
    for rid in geometry.ids[layer]:
        half = geometry.halves[layer][rid]
        notes = [f"{localized(s, 'share_text', lang)} [{'; '.join(s.source_ids)}]" for s in shares if s.area == half]
        z.append(1 if notes else 0)
        if half == "straddles":
            notes.append(t(lang, "hover_straddles"))
        lines = [f"<b>{names[rid]}</b>", *_port_lines(dataset, rid, lang), t(lang, "hover_home_not_recorded"), *notes]
        text.append("<br>".join(lines))
    return z, text
