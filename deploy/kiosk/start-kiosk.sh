#!/usr/bin/env bash
# Start the returns map as a museum kiosk: the dashboard server on 127.0.0.1 in kiosk mode,
# then Chromium full screen on it, offline (no update checks, sync, translation, safe
# browsing or other calls home; every host name but 127.0.0.1 resolves to nothing).
#
#   start-kiosk.sh                 server and browser (a desktop session's autostart)
#   start-kiosk.sh --server-only   the server alone, in the foreground (returns-kiosk.service)
#   start-kiosk.sh --browser-only  wait for the server's /healthz, then the browser
#                                  (returns-kiosk-browser.service)
#   start-kiosk.sh --print-url     print the kiosk's start URL and exit
#
# Settings (environment; see README.md beside this file):
#   APP_DIR             the project checkout            (default: two folders up from here)
#   VENV                its virtualenv                  (default: $APP_DIR/.venv)
#   PORT                the server's port               (default: 8050; always on 127.0.0.1)
#   KIOSK_IDLE_SECONDS  seconds without a touch before "Still there?" (default: 90)
#   KIOSK_LANG          start language: en, ja or ko    (default: en)
#   KIOSK_DWELL         seconds per stop of the attract loop (default: 8)
#   KIOSK_QUERY         anything else for the start URL, e.g. "from=1959&to=1984"
#   CHROMIUM            the browser                     (default: chromium)
#   WORKERS             gunicorn workers                (default: 2)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APP_DIR="${APP_DIR:-$(cd "$here/../.." && pwd)}"
VENV="${VENV:-$APP_DIR/.venv}"
PORT="${PORT:-8050}"
HOST=127.0.0.1
KIOSK_IDLE_SECONDS="${KIOSK_IDLE_SECONDS:-90}"
KIOSK_LANG="${KIOSK_LANG:-en}"
KIOSK_DWELL="${KIOSK_DWELL:-}"
KIOSK_QUERY="${KIOSK_QUERY:-}"
CHROMIUM="${CHROMIUM:-chromium}"
WORKERS="${WORKERS:-2}"
BASE="http://$HOST:$PORT"

case "$KIOSK_LANG" in en|ja|ko) ;; *) echo "start-kiosk: KIOSK_LANG=$KIOSK_LANG: expected en, ja or ko" >&2; exit 2 ;; esac

say() { printf '%s start-kiosk: %s\n' "$(date '+%F %T')" "$*" >&2; }

start_url() {
    local query="mode=kiosk"
    [ "$KIOSK_LANG" != "en" ] && query="$query&lang=$KIOSK_LANG"
    [ -n "$KIOSK_DWELL" ] && query="$query&dwell=$KIOSK_DWELL"
    [ -n "$KIOSK_QUERY" ] && query="$query&$KIOSK_QUERY"
    printf '%s/?%s\n' "$BASE" "$query"
}

healthy() {
    # /healthz answers {"status": "ok", ...} once the dataset is loaded and checked
    if command -v curl >/dev/null 2>&1; then
        curl -fsS --max-time 3 "$BASE/healthz" 2>/dev/null | grep -q '"status": *"ok"'
    else
        "$VENV/bin/python" - "$BASE/healthz" <<'PY' 2>/dev/null
import json, sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=3) as r:
    sys.exit(0 if json.load(r).get("status") == "ok" else 1)
PY
    fi
}

wait_healthy() {
    local waited=0
    until healthy; do
        if [ "$waited" -ge "${1:-300}" ]; then
            say "no answer from $BASE/healthz after ${waited}s"
            return 1
        fi
        [ $((waited % 10)) -eq 0 ] && say "waiting for $BASE/healthz ..."
        sleep 1
        waited=$((waited + 1))
    done
}

run_server() {
    [ -x "$VENV/bin/gunicorn" ] || { say "no $VENV/bin/gunicorn: install the project first (README.md)"; exit 1; }
    cd "$APP_DIR"
    export DASHBOARD_MODE=kiosk KIOSK_IDLE_SECONDS HOST PORT
    # --max-requests: each worker is replaced now and then, so the server cannot grow for weeks
    exec "$VENV/bin/gunicorn" app:server --bind "$HOST:$PORT" --workers "$WORKERS" \
        --timeout 60 --graceful-timeout 10 --max-requests 20000 --max-requests-jitter 2000 \
        --access-logfile - --error-logfile -
}

chromium_flags() {
    local profile="$1"
    printf '%s\n' \
        --kiosk \
        --user-data-dir="$profile" \
        --noerrdialogs \
        --disable-infobars \
        --no-first-run \
        --no-default-browser-check \
        --disable-session-crashed-bubble \
        --disable-background-networking \
        --disable-component-update \
        --disable-sync \
        --disable-translate \
        --disable-default-apps \
        --disable-extensions \
        --disable-breakpad \
        --disable-client-side-phishing-detection \
        --disable-domain-reliability \
        --no-pings \
        --metrics-recording-only \
        --safebrowsing-disable-auto-update \
        --disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication,CertificateTransparencyComponentUpdater \
        --password-store=basic \
        --host-resolver-rules="MAP * ~NOTFOUND , EXCLUDE $HOST" \
        --check-for-update-interval=31536000 \
        --overscroll-history-navigation=0 \
        --disable-pinch \
        --ozone-platform-hint=auto
}

run_browser() {
    command -v "$CHROMIUM" >/dev/null 2>&1 || { say "no $CHROMIUM: apt-get install chromium"; exit 1; }
    wait_healthy 600 || exit 1
    local url
    url="$(start_url)"
    while true; do
        # a fresh profile each start: nothing to restore, no "Chromium didn't shut down
        # correctly" bar, no cache or history piling up over the weeks
        local profile
        profile="$(mktemp -d "${XDG_RUNTIME_DIR:-/tmp}/returns-kiosk-chromium.XXXXXX")"
        local flags=()
        mapfile -t flags < <(chromium_flags "$profile")
        say "starting $CHROMIUM at $url"
        set +e
        "$CHROMIUM" "${flags[@]}" "$url"
        local code=$?
        set -e
        rm -rf "$profile"
        # under systemd, let the unit's Restart= handle it
        [ -n "${INVOCATION_ID:-}" ] && exit "$code"
        say "$CHROMIUM exited ($code); restarting in 3 s"
        sleep 3
        wait_healthy 600 || true
    done
}

case "${1:-}" in
    --server-only) run_server ;;
    --browser-only) run_browser ;;
    --print-url) start_url ;;
    "")
        if healthy; then
            say "a server already answers on $BASE"
        else
            ( run_server ) &
            server_pid=$!
            trap 'kill "$server_pid" 2>/dev/null || true' EXIT INT TERM
            wait_healthy 300 || exit 1
        fi
        run_browser
        ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' ;;
    *) say "unknown option: $1 (try --help)"; exit 2 ;;
esac
