"""The citation a teacher copies for a view: the dataset, its version and a permalink."""

from __future__ import annotations

from geodata import DATASET_VERSION, Dataset

from .state import ViewState
from .summary import years_label


def citation_text(dataset: Dataset, state: ViewState, permalink: str, accessed=None) -> str:
    return (f"“Returns from Japan to North Korea, 1947–1984” dataset v{DATASET_VERSION} "
            f"({dataset.fingerprint}), view: {years_label(state, 'en')}"
            f"{', ' + state.region if state.region else ''}{', ' + state.port if state.port else ''}. "
            f"{permalink}")
