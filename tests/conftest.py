"""Shared fixtures: the real dataset (loaded once) and the state context built from it."""

from __future__ import annotations

import pytest

from dashboard import state_context
from dashboard.config import Settings
from geodata import load_cached


@pytest.fixture(scope="session")
def dataset():
    return load_cached()


@pytest.fixture
def dirs(tmp_path):
    """A fresh copy of the synthetic fixture dataset: (data dir, layers dir), to break."""
    from datafixtures import make_dataset_dirs

    return make_dataset_dirs(tmp_path)


@pytest.fixture(scope="session")
def context(dataset):
    return state_context(dataset, Settings())
