"""The shape of every data table in ``geodata/data``: columns, types and allowed values.

One ``Table`` per CSV file. The loader reads each file against its table and stops at the
first bad cell with a message naming the file, the line and the problem, so a curator can
fix a figure without reading any code.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .records import LANGS

#: Status of a figure, strongest evidence first. The order is used to find the weakest
#: status of a sum (a total is only as good as its weakest part).
STATUSES = ("documented", "derived", "compiled", "estimated", "unknown")

PLACE_KINDS = ("embarkation_port", "destination_port", "other")
SOURCE_KINDS = (
    "official_record",
    "secondary_work",
    "compilation",
    "press",
    "gazetteer",
)
YES_NO = ("yes", "no")

FIRST_YEAR, LAST_YEAR = 1945, 1990


@dataclass(frozen=True)
class Column:
    """One column: its type, whether a value is required, and its allowed values.

    ``kind`` is one of ``str``, ``int``, ``float``, ``year``, ``date``, ``choice``,
    ``ids`` (a ``;``-separated list of ids).
    """

    kind: str = "str"
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class Table:
    name: str
    file: str
    columns: dict[str, Column]
    key: str | None = None
    #: column -> table whose key it refers to (checked after all tables are read)
    refs: dict[str, str] = field(default_factory=dict)
    #: English text columns shown on the page; each has ``<column>_ja`` and ``<column>_ko``
    #: beside it (the project's translations), required wherever the English is given
    translated: tuple[str, ...] = ()


def _col(kind="str", required=True, **kw) -> Column:
    return Column(kind=kind, required=required, **kw)


#: The page languages other than English, in the order of the translation columns.
TRANSLATION_LANGS = LANGS[1:]


def _expand(table: Table) -> Table:
    """``table`` with ``<column>_ja`` and ``<column>_ko`` right after each translated column.

    The translation cells are optional when read; the reader requires one wherever the
    English cell of its row is not empty (an optional English note may stay empty in all
    three languages).
    """
    columns: dict[str, Column] = {}
    for name, col in table.columns.items():
        columns[name] = col
        if name in table.translated:
            for lang in TRANSLATION_LANGS:
                columns[f"{name}_{lang}"] = Column(kind="str", required=False)
    return Table(table.name, table.file, columns, table.key, table.refs, table.translated)


_OPT = {"required": False}
_SOURCES = _col("ids")
_PERSONS = _col("int", minimum=0)

TABLES: dict[str, Table] = {
    t.name: _expand(t)
    for t in [
        Table(
            "sources",
            "sources.csv",
            {
                "id": _col(),
                "short_cite": _col(),
                "author": _col(),
                "title": _col(),
                "publication": _col(),
                "year": _col(),  # a year or "n.d." where the copy gives none
                "pages": _col(**_OPT),
                "kind": _col("choice", choices=SOURCE_KINDS),
                "location": _col(**_OPT),
                "reliability": _col(),
            },
            translated=('reliability',),
            key="id",
        ),
        Table(
            "places",
            "places.csv",
            {
                "id": _col(),
                "kind": _col("choice", choices=PLACE_KINDS),
                "name_en": _col(),
                "name_mr": _col(**_OPT),
                "name_rr": _col(**_OPT),
                "name_variants": _col(**_OPT),
                "name_ja": _col(),
                "name_ko": _col(),
                "lat": _col("float", minimum=-90, maximum=90),
                "lon": _col("float", minimum=-180, maximum=180),
                "coord_source_ids": _col("ids"),
                "uncertain": _col("choice", choices=YES_NO),
                "note": _col(),
            },
            translated=('note',),
            key="id",
            refs={"coord_source_ids": "sources"},
        ),
        Table(
            "flows",
            "flows.csv",
            {
                "id": _col(),
                "year": _col("year"),
                "date_start": _col("date"),
                "date_end": _col("date"),
                "origin_id": _col(),
                "embark_port_id": _col(**_OPT),
                "dest_port_id": _col(**_OPT),
                "dest_alternatives": _col("ids", **_OPT),
                # empty means unknown, which is not zero
                "persons": _col("int", required=False, minimum=0),
                "sailings": _col("int", required=False, minimum=0),
                "status": _col("choice", choices=STATUSES),
                "drawn": _col("choice", choices=YES_NO),
                "reading_of": _col(**_OPT),
                "source_ids": _SOURCES,
                "formula": _col(**_OPT),
                "note": _col(),
            },
            translated=('note',),
            key="id",
            refs={
                "source_ids": "sources",
                "embark_port_id": "places",
                "dest_port_id": "places",
                "dest_alternatives": "places",
                "reading_of": "flows",
                "origin_id": "regions",
            },
        ),
        Table(
            "sailing_periods",
            "sailing_periods.csv",
            {
                "id": _col(),
                "first_number": _col("int", minimum=1),
                "last_number": _col("int", minimum=1),
                "date_start": _col("date"),
                "date_end": _col("date"),
                "sailings": _col("int", minimum=0),
                "source_ids": _SOURCES,
                "note": _col(),
            },
            translated=('note',),
            key="id",
            refs={"source_ids": "sources"},
        ),
        Table(
            "sailings",
            "sailings.csv",
            {
                "number": _col("int", minimum=1),
                "date": _col("date"),
                "embark_port_id": _col(**_OPT),
                "dest_port_id": _col(**_OPT),
                "ships": _col(**_OPT),
                "persons": _col("int", required=False, minimum=0),
                "cargo": _col(**_OPT),
                "status": _col("choice", choices=STATUSES),
                "source_ids": _SOURCES,
                "note": _col(**_OPT),
            },
            translated=('cargo', 'note'),
            key="number",
            refs={"source_ids": "sources", "embark_port_id": "places", "dest_port_id": "places"},
        ),
        Table(
            "events",
            "events.csv",
            {
                "id": _col(),
                "date": _col("date"),
                "date_precision": _col("choice", choices=("day", "month", "year")),
                "place_id": _col(**_OPT),
                "text_en": _col(),
                "text_ja": _col(),
                "text_ko": _col(),
                "source_ids": _SOURCES,
            },
            key="id",
            refs={"source_ids": "sources", "place_id": "places"},
        ),
        Table(
            "rules",
            "rules.csv",
            {
                "id": _col(),
                "kind": _col(
                    "choice", choices=("sum_persons", "sum_sailings", "sum_sailings_periods")
                ),
                "year_from": _col("year"),
                "year_to": _col("year"),
                "expected": _col("int", minimum=0),
                "source_ids": _SOURCES,
                "note": _col(),
            },
            translated=('note',),
            key="id",
            refs={"source_ids": "sources"},
        ),
        Table(
            "origin_counts",
            "origin_counts.csv",
            {
                "id": _col(),
                "region_id": _col(),
                "date_start": _col("date"),
                "date_end": _col("date"),
                "persons": _col("int", required=False, minimum=0),
                "households": _col("int", required=False, minimum=0),
                "status": _col("choice", choices=STATUSES),
                "completeness": _col("choice", choices=("complete", "partial")),
                "source_ids": _SOURCES,
                "note": _col(),
            },
            translated=('note',),
            key="id",
            refs={"source_ids": "sources", "region_id": "regions"},
        ),
        Table(
            "origin_shares",
            "origin_shares.csv",
            {
                "id": _col(),
                "population": _col(),
                "area": _col("choice", choices=("south", "north")),
                "share_text": _col(),
                "share_min_percent": _col("float", minimum=0, maximum=100),
                "source_ids": _SOURCES,
                "note": _col(),
            },
            translated=('share_text', 'note'),
            key="id",
            refs={"source_ids": "sources"},
        ),
        Table(
            "context_registered_koreans",
            "context_registered_koreans.csv",
            {
                "year": _col("year"),
                "persons": _col("int", minimum=0),
                "source_ids": _SOURCES,
                "note": _col(**_OPT),
            },
            key="year",
            refs={"source_ids": "sources"},
        ),
        Table(
            "context_aid_share",
            "context_aid_share.csv",
            {
                "year": _col("year"),
                "percent": _col("float", minimum=0, maximum=100),
                "source_ids": _SOURCES,
                "note": _col(**_OPT),
            },
            key="year",
            refs={"source_ids": "sources"},
        ),
        Table(
            "figures",
            "figures.csv",
            {
                "id": _col(),
                "topic": _col(),
                "value": _col("int", minimum=0),
                "unit": _col(),
                "status": _col("choice", choices=STATUSES),
                "source_ids": _SOURCES,
                "note": _col(**_OPT),
            },
            translated=('topic', 'note'),
            key="id",
            refs={"source_ids": "sources"},
        ),
    ]
}
