"""Every text the page can show, per language, with where it comes from: the UI strings,
the built-in tour, the summary of every year and of the default view, and every shown cell
of the data (events, causes, notes, source descriptions, figure topics).

Pure: (dataset, context, lang) in, ``[(where, kind, text)]`` out. ``kind`` is ``"voice"``
for the project's own words, ``"title"`` for a publication's title and ``"quote"`` for a
source's own words: titles and quotes keep the source's wording (帰還 / 귀환 included), the
project's voice follows the policy of geodata/README.md (*The words for "return"*).
``tools/shown_texts.py`` prints them for a person to read through; the tests check the
policy over all of them.
"""

from __future__ import annotations

from geodata import Dataset
from geodata.tables import TABLES, TRANSLATION_LANGS

from .i18n import catalog
from .state import StateContext, ViewState
from .summary import summary_sentence
from .tour import default_tour, tour_data

VOICE, TITLE, QUOTE = "voice", "title", "quote"


def _column(name: str, lang: str) -> str:
    if lang == "en":
        return name
    return f"{name}_{lang}" if lang in TRANSLATION_LANGS else name


def data_texts(dataset: Dataset, lang: str) -> list[tuple[str, str, str]]:
    """Every translated cell of every table in ``lang`` (events' text_<lang> too), every
    source title (a title), and every cause's quotation (a quote)."""
    out = []
    for name, table in TABLES.items():
        frame = dataset.tables[name]
        columns = list(table.translated)
        if name == "events":
            columns = [f"text_{lang}"]
        for row in frame.itertuples(index=False):
            for column in columns:
                col = column if name == "events" else _column(column, lang)
                value = getattr(row, col)
                if value:
                    out.append((f"{table.file}:{row.line} {col}", VOICE, str(value)))
            if name == "sources":
                out.append((f"{table.file}:{row.line} title", TITLE, str(row.title)))
            if name == "causes":
                out.append((f"{table.file}:{row.line} quote", QUOTE, str(row.quote)))
    return out


def shown_texts(dataset: Dataset, context: StateContext, lang: str) -> list[tuple[str, str, str]]:
    """Everything the page can show in ``lang``, in reading order."""
    out = [(f"ui:{key}", VOICE, value) for key, value in catalog(lang).items() if key != "html_lang"]
    tour = tour_data(dataset, default_tour(), context, lang, "explore")
    out.append(("tour:title", VOICE, tour["title"]))
    out += [(f"tour:stop {n}", VOICE, stop["caption"]) for n, stop in enumerate(tour["stops"], start=1)]
    default = context.default
    out.append(("summary:default view", VOICE, summary_sentence(dataset, ViewState(
        default.year_from, default.year_to, lang=lang))))
    out += [(f"summary:{year}", VOICE, summary_sentence(dataset, ViewState(year, year, lang=lang)))
            for year in dataset.years]
    out += data_texts(dataset, lang)
    return out
