"""Settings from environment variables (and ``app.py`` flags), validated once at start-up."""

from __future__ import annotations

import os
from dataclasses import dataclass

from .profiles import MODES


class SettingsError(ValueError):
    """A setting has a value that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8050
    debug: bool = False
    default_mode: str = "explore"        # "kiosk" for an exhibit machine
    idle_seconds: int = 90               # kiosk: time without a touch before "Still there?"
    frame_ancestors: str = "'none'"      # CSP frame-ancestors: who may embed the page
    compress: bool = True
    data_dir: str = ""                   # override the built-in data (tests, curators' drafts)
    layers_dir: str = ""
    tour: str = "default"                # the tour played by the page and the kiosk: a file of dashboard/tours/


#: every environment variable the app reads, with its default and meaning (``app.py --help``)
ENVIRONMENT = {
    "HOST": "address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)",
    "PORT": "port to listen on (default 8050)",
    "DEBUG": "Dash's debug mode, 1/0 (default 0; never on a public server)",
    "DASHBOARD_MODE": "the page's default mode: explore or kiosk (default explore)",
    "KIOSK_IDLE_SECONDS": "kiosk: seconds without a touch before 'Still there?' (default 90)",
    "FRAME_ANCESTORS": "who may embed the page, as CSP sources, e.g. \"'self' https://museum.example\" (default nobody)",
    "COMPRESS": "compress responses, 1/0 (default 1)",
    "DATA_DIR": "another copy of the data tables (default geodata/data)",
    "LAYERS_DIR": "another copy of the boundary layers (default geodata/layers)",
    "TOUR": "the tour the page and the kiosk's loop play: a file's name in dashboard/tours/, a tour or a story (default default)",
}


def _bool(name: str, text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise SettingsError(f"{name}={text!r}: expected 1/0, true/false, yes/no or on/off")


def _int(name: str, text: str, low: int, high: int) -> int:
    if not text.strip().isdigit():
        raise SettingsError(f"{name}={text!r}: expected a whole number from {low} to {high}")
    value = int(text)
    if not low <= value <= high:
        raise SettingsError(f"{name}={text!r}: expected a whole number from {low} to {high}")
    return value


def settings_from_env(env=None, **overrides) -> Settings:
    """Read the variables of ``ENVIRONMENT``; ``overrides`` (app.py's flags) win."""
    env = os.environ if env is None else env
    values: dict = {}
    if "HOST" in env:
        values["host"] = env["HOST"].strip() or "127.0.0.1"
    if "PORT" in env:
        values["port"] = _int("PORT", env["PORT"], 1, 65535)
    if "DEBUG" in env:
        values["debug"] = _bool("DEBUG", env["DEBUG"])
    if "DASHBOARD_MODE" in env:
        mode = env["DASHBOARD_MODE"].strip()
        if mode not in MODES:
            raise SettingsError(f"DASHBOARD_MODE={mode!r}: expected one of {', '.join(MODES)}")
        values["default_mode"] = mode
    if "KIOSK_IDLE_SECONDS" in env:
        values["idle_seconds"] = _int("KIOSK_IDLE_SECONDS", env["KIOSK_IDLE_SECONDS"], 5, 86400)
    if "FRAME_ANCESTORS" in env:
        text = env["FRAME_ANCESTORS"].strip()
        if any(c in text for c in ";,\n\r"):
            raise SettingsError(f"FRAME_ANCESTORS={text!r}: give space-separated sources, e.g. 'self' https://museum.example")
        values["frame_ancestors"] = text or "'none'"
    if "COMPRESS" in env:
        values["compress"] = _bool("COMPRESS", env["COMPRESS"])
    for name, key in (("DATA_DIR", "data_dir"), ("LAYERS_DIR", "layers_dir")):
        if env.get(name, "").strip():
            folder = env[name].strip()
            if not os.path.isdir(folder):
                raise SettingsError(f"{name}={folder!r}: no such folder")
            values[key] = folder
    if env.get("TOUR", "").strip():
        values["tour"] = env["TOUR"].strip()
    values.update({k: v for k, v in overrides.items() if v is not None})
    return Settings(**values)
