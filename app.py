"""Start the dashboard: ``python app.py`` (or ``gunicorn app:server`` in production)."""

from __future__ import annotations

import argparse
import gc
import sys

from dashboard import create_app
from dashboard.config import SettingsError, settings_from_env
from geodata import DataError


def _settings(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", help="address to listen on (default 127.0.0.1, or $HOST)")
    parser.add_argument("--port", type=int, help="port (default 8050, or $PORT)")
    parser.add_argument("--debug", action="store_true", default=None, help="Dash debug mode")
    args = parser.parse_args(argv)
    try:
        return settings_from_env(host=args.host, port=args.port, debug=args.debug)
    except SettingsError as exc:
        sys.exit(f"Cannot start: {exc}")


def _build(settings=None):
    try:
        app = create_app(settings=settings or settings_from_env())
    except (DataError, SettingsError) as exc:
        sys.exit(f"Cannot start: {exc}")
    # Everything built so far (dataset, layers, precomputed totals) lives as long as the
    # process: keep it out of the garbage collector's full passes, which otherwise stall a
    # request for milliseconds now and then, and keep forked workers' pages shared.
    gc.freeze()
    return app


if __name__ == "__main__":
    settings = _settings()
    app = _build(settings)
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
else:
    app = _build()
    server = app.server
