"""Shared fixtures: the real dataset (loaded once), the state context and the map geometry
built from it, the synthetic fixture dataset, and an app on it with a Flask test client (one
per test module)."""

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


@pytest.fixture(scope="module")
def geometry(dataset):
    from dashboard.figures.geometry import build_geometry

    return build_geometry(dataset)


@pytest.fixture(scope="module")
def fixture_dataset(tmp_path_factory):
    """The synthetic fixture dataset, loaded once per module, to read (not to break: ``dirs``)."""
    from datafixtures import make_dataset_dirs

    return load_dataset(*make_dataset_dirs(tmp_path_factory.mktemp("fixture")))


@pytest.fixture(scope="session")
def context(dataset):
    return state_context(dataset, Settings())
