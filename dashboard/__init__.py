"""The Dash app: ``create_app()`` wires the dataset, the layout and the callbacks together."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from geodata import Dataset, load_dataset
from geodata.loader import DATA_DIR, LAYERS_DIR

from . import callbacks, clientside, first_paint, layout, plotly_bundle, server
from .callbacks import Deps
from .page_scripts import Dash
from .config import Settings, settings_from_env
from .figures.geometry import build_geometry
from .i18n import t
from .state import StateContext
from .tour import load_tour

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
COMPRESSED_TYPES = ["text/html", "text/css", "text/plain", "text/csv", "text/javascript", "application/javascript",
                    "application/json", "application/geo+json", "image/svg+xml"]


def state_context(dataset: Dataset, settings: Settings) -> StateContext:
    ports = dataset.places[dataset.places["kind"] != "other"]["id"]
    return StateContext(
        years=dataset.years,
        region_ids=frozenset(dataset.regions["id"]),
        port_ids=frozenset(ports),
        default_mode=settings.default_mode,
    )


def create_app(dataset: Dataset | None = None, settings: Settings | None = None) -> Dash:
    """Build the app. Loads and validates the dataset once (a bad file stops here)."""
    settings = settings or settings_from_env()
    if dataset is None:
        dataset = load_dataset(Path(settings.data_dir or DATA_DIR), Path(settings.layers_dir or LAYERS_DIR))
    geometry = build_geometry(dataset)
    context = state_context(dataset, settings)
    server_app = Flask(__name__)
    # Flask-Compress (Dash sets it up; its documented settings): the GeoJSON layers and CSV
    # downloads too (its own list omits them), brotli first (every current browser takes it),
    # at a level that keeps a callback's answer (a few KB) under a millisecond to compress
    server_app.config.update(COMPRESS_MIMETYPES=COMPRESSED_TYPES,
                             COMPRESS_ALGORITHM=["br", "zstd", "gzip", "deflate"], COMPRESS_BR_LEVEL=5)
    plotly_url = plotly_bundle.install(server_app)
    regenerator_url = plotly_bundle.install(server_app, plotly_bundle.REGENERATOR)
    app = Dash(
        __name__,
        server=server_app,
        external_scripts=[plotly_url] if plotly_url else [],
        regenerator_url=regenerator_url,
        assets_folder=str(ASSETS_DIR),
        title=t("en", "title"),
        update_title=None,
        suppress_callback_exceptions=True,  # the shell's page is built by render_page when the URL is unknown
        serve_locally=True,
        compress=settings.compress,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": "description", "content": "Cited map of the “return” of Koreans in Japan to North Korea, 1947–1984"}],
    )
    deps = Deps(dataset, geometry, context, load_tour(settings.tour, context), settings.idle_seconds)
    callbacks.register(app, deps)

    def serve_layout():
        """The layout with the page already built for the view in the URL (when known; else
        the page for the default view, which the browser then asks to be rebuilt)."""
        query = layout.page_query()
        return layout.shell(layout.page_for(deps, query or ""), query)

    app.layout = serve_layout
    app.first_paint = lambda query: first_paint.static_copy(deps, query)
    clientside.register(app)
    csp = server.content_security_policy(settings, app.csp_hashes())
    server.install(app.server, dataset, geometry, context, settings, csp, app.callback_map)
    app.server.config["SETTINGS"] = settings
    return app
