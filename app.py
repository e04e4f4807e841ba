"""Start the dashboard: ``python app.py`` runs Flask's development server (one process, for
trying it out and for development); in production run ``gunicorn app:server``, which reads
gunicorn.conf.py (workers, HOST:PORT)."""

from __future__ import annotations

import argparse
import gc
import sys

INSTALL = "python3 -m venv .venv && .venv/bin/pip install -r requirements.txt, then .venv/bin/python app.py"
try:
    from dashboard import create_app
    from dashboard.config import ENVIRONMENT, SettingsError, settings_from_env
    from geodata import DataError
except ModuleNotFoundError as exc:  # one line saying what to do, not a traceback
    sys.exit(f"Cannot start: the Python package '{exc.name}' is not installed. Install the requirements: {INSTALL}")


def _settings(argv=None):
    epilog = "settings from the environment (a flag wins over its variable):\n" + "\n".join(
        f"  {name:<19} {text}" for name, text in ENVIRONMENT.items())
    epilog += "\n  WEB_CONCURRENCY     gunicorn only: worker processes (default 2 x cores + 1)"
    parser = argparse.ArgumentParser(description=__doc__, epilog=epilog,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", help="address to listen on (default 127.0.0.1, or $HOST)")
    parser.add_argument("--port", type=int, help="port (default 8050, or $PORT)")
    parser.add_argument("--debug", action="store_true", default=None, help="Dash debug mode (or $DEBUG=1)")
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
    print(f"Development server (Flask's): http://{settings.host}:{settings.port}/ "
          "— for production, run gunicorn app:server (see README.md)", file=sys.stderr)
    app.run(host=settings.host, port=settings.port, debug=settings.debug)
else:
    app = _build()
    server = app.server
