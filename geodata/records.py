"""Plain, immutable Python records of the small tables, built once at load.

The tables have tens of rows; a view is answered by looping over these records in pure
Python (microseconds), not by filtering DataFrames on every callback (milliseconds).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


#: The page languages. English text columns have no suffix; ``<column>_ja`` and
#: ``<column>_ko`` hold the project's translations.
LANGS = ("en", "ja", "ko")   # the one list of the page's languages (English first: the base)


def localized(row, column: str, lang: str) -> str:
    """The text of ``column`` in ``lang``: ``row.<column>`` for English, ``row.<column>_<lang>``
    for Japanese and Korean.

    Works on the namedtuple rows the dataset keeps (``dataset.source_rows``, ``DatedRecord.row``,
    ...) and on ``FlowRecord``. Events name their English column ``text_en``: for them
    ``localized(row, "text", "en")`` reads it. An unknown language is an error, not a silent
    English text.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r} (one of {', '.join(LANGS)})")
    if lang == "en":
        return getattr(row, column) if hasattr(row, column) else getattr(row, f"{column}_en")
    return getattr(row, f"{column}_{lang}")


def _int_or_none(value) -> int | None:
    return None if pd.isna(value) else int(value)


@dataclass(frozen=True)
class FlowRecord:
    id: str
    year: int
    date_start: str
    date_end: str
    origin_id: str
    embark_port_id: str
    dest_port_id: str
    dest_alternatives: tuple[str, ...]
    persons: int | None          # None: unknown (never zero)
    sailings: int | None
    status: str
    drawn: bool                  # False: an alternative reading, listed but not counted
    reading_of: str
    source_ids: tuple[str, ...]
    formula: str
    note: str
    regions: frozenset[str]      # every region its origin, ports or possible ports lie in
    note_ja: str = ""            # the project's translations of ``note``
    note_ko: str = ""


@dataclass(frozen=True)
class DatedRecord:
    """An event, a sailing or an origin count: what views filter by date and place."""

    key: str
    year_start: int
    year_end: int
    place_ids: tuple[str, ...]
    regions: frozenset[str]
    row: tuple                   # the table row as a namedtuple, for display


def flow_records(flows: pd.DataFrame, flow_regions) -> tuple[FlowRecord, ...]:
    return tuple(
        FlowRecord(
            id=r.id, year=int(r.year), date_start=r.date_start, date_end=r.date_end,
            origin_id=r.origin_id, embark_port_id=r.embark_port_id, dest_port_id=r.dest_port_id,
            dest_alternatives=tuple(r.dest_alternatives), persons=_int_or_none(r.persons),
            sailings=_int_or_none(r.sailings), status=r.status, drawn=r.drawn == "yes",
            reading_of=r.reading_of, source_ids=tuple(r.source_ids), formula=r.formula, note=r.note,
            regions=flow_regions[r.id], note_ja=r.note_ja, note_ko=r.note_ko,
        )
        for r in flows.itertuples(index=False)
    )


def dated_records(frame: pd.DataFrame, key: str, start: str, end: str, place_columns,
                  place_regions, region_ancestors=None, region_column: str = "") -> tuple[DatedRecord, ...]:
    records = []
    for r in frame.itertuples(index=False):
        places = tuple(getattr(r, c) for c in place_columns if getattr(r, c))
        regions = set().union(*(place_regions[p] for p in places)) if places else set()
        if region_column:
            region = getattr(r, region_column)
            regions |= set(region_ancestors.get(region, {region}))
        records.append(DatedRecord(
            key=str(getattr(r, key)), year_start=int(str(getattr(r, start))[:4]),
            year_end=int(str(getattr(r, end))[:4]), place_ids=places, regions=frozenset(regions), row=r,
        ))
    return tuple(records)
