"""The citation a teacher copies for a view: what the view says, the dataset and its
version, the link to the view (with its query), the date it was read and its sources.

Pure: the date of access is passed in (the caller reads the clock), so the same view on the
same day always gives the same text.
"""

from __future__ import annotations

from datetime import date

from geodata import DATASET_VERSION, Dataset

from .i18n import date_label, t
from .queries import sources_for, view_source_ids
from .state import ViewState
from .summary import filter_label, years_label


def citation_text(dataset: Dataset, state: ViewState, permalink: str, accessed: date) -> str:
    """“Title”, dataset vX (fingerprint), view: years[, filters]. URL (accessed D). Sources: …"""
    lang = state.lang
    view = years_label(state, lang)
    place = filter_label(dataset, state, lang)
    if place:
        view += t(lang, "cite_view_filter", place=place)
    sources = t(lang, "cite_sources_join").join(row.short_cite for row in sources_for(dataset, view_source_ids(dataset, state)))
    return t(lang, "cite_text", title=t(lang, "title"), version=DATASET_VERSION, fingerprint=dataset.fingerprint,
             view=view, url=permalink, accessed=date_label(accessed.isoformat(), lang), sources=sources)
