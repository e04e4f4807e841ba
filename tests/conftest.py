"""Shared fixtures: the real dataset (loaded once), the state context built from it, and an
app on it with a Flask test client (one per test module)."""

from __future__ import annotations

import pytest

from dashboard import create_app, state_context
from dashboard.config import Settings
from geodata import load_dataset


@pytest.fixture(scope="session")
def dataset():
    return load_dataset()


@pytest.fixture(scope="module")
def app(dataset):
    return create_app(dataset=dataset, settings=Settings())


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


@pytest.fixture
def dirs(tmp_path):
    """A fresh copy of the synthetic fixture dataset: (data dir, layers dir), to break."""
    from datafixtures import make_dataset_dirs

    return make_dataset_dirs(tmp_path)


@pytest.fixture(scope="session")
def context(dataset):
    return state_context(dataset, Settings())
