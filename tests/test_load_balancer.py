"""Two gunicorn instances of the app behind Debian's nginx (deploy/nginx/returns-map.conf as
it is, ports swapped for free ones): 200 concurrent visitors through nginx get no error while
a worker of one instance and then the whole other instance are killed; static files come from
nginx's cache. Needs nginx: fails (never skips) when it is missing. About 10-20 s, most of it
starting the two instances."""

from __future__ import annotations

import pytest

from bench.balanced import NGINX_HINT, balanced, get, load_through, nginx_path

pytestmark = pytest.mark.load_balancer


def test_200_visitors_through_nginx_lose_nothing_when_a_worker_and_an_instance_die():
    if nginx_path() is None:
        pytest.fail(NGINX_HINT, pytrace=False)
    with balanced(workers=2) as (port, servers):
        result = load_through(port, servers, visitors=200, rounds=1, time_limit=60)
        after = get(port, "/healthz").status  # the surviving instance answers
    assert [k["killed"].split()[0] for k in result["kills"]] == ["worker", "instance"], result
    # nginx sends a request an instance dropped (refused, reset before its answer began) to the
    # other one; lost at worst: those a killed worker was answering (a sync worker answers one
    # at a time) whose answer had begun to flow
    killed_workers = sum(k["workers"] for k in result["kills"])
    assert result["errors"] <= killed_workers, result
    assert set(result["error_kinds"]) <= {"IncompleteRead", "RemoteDisconnected", "ConnectionResetError"}, result
    assert result["requests_planned"] == 200 * 6
    assert result["requests_ok"] + result["errors"] == result["requests_planned"], result
    assert result["static_cache"].get("HIT", 0) > 0, result
    assert after == 200
