"""Authentication, scopes, rate limits and body limits, against the real server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import http.client
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial

import pytest

from tests.support.server import Server, start_server, stop_server

pytestmark = [pytest.mark.security, pytest.mark.e2e]
CONVERT_KEY, EXEC_KEY, BIG_KEY = "test-convert-key-1", "test-execute-key-2", "test-big-key-3"


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@pytest.fixture(scope="module")
def secured(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    keys = (
        f"ehr-a:{digest(CONVERT_KEY)}:convert+validate;ops:{digest(EXEC_KEY)}:execute;"
        f"big:{digest(BIG_KEY)}:convert"
    )
    proc, srv = start_server(
        tmp_path_factory.mktemp("sec"),
        {
            "NLFHIR_API_KEYS": keys,
            "NLFHIR_RATE_LIMIT_RPS": "2",
            "NLFHIR_RATE_LIMIT_BURST": "5",
            "NLFHIR_MAX_BODY_BYTES": "20000",
        },
    )
    yield srv
    stop_server(proc)


def post(
    srv: Server, path: str, body: object, headers: dict[str, str]
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection(srv.host, srv.port, timeout=30)
    conn.request(
        "POST",
        path,
        body=json.dumps(body).encode(),
        headers={"Content-Type": "application/json", **headers},
    )
    r = conn.getresponse()
    out = r.status, {k.lower(): v for k, v in r.getheaders()}, r.read()
    conn.close()
    return out


ORDER = {"text": "metformin 500 mg po bid"}


def test_no_key_is_401(secured: Server) -> None:
    status, headers, body = post(secured, "/v1/convert", ORDER, {})
    assert status == 401
    assert headers["content-type"].startswith("application/problem+json")
    assert json.loads(body)["type"].endswith("/unauthorized")


def test_wrong_key_is_401(secured: Server) -> None:
    assert post(secured, "/v1/convert", ORDER, {"X-API-Key": "not-a-key"})[0] == 401
    assert post(secured, "/v1/convert", ORDER, {"Authorization": "Bearer nope"})[0] == 401


def test_key_without_the_scope_is_403(secured: Server) -> None:
    status, _, body = post(
        secured,
        "/v1/execute",
        {"resourceType": "Bundle"},
        {"Authorization": f"Bearer {CONVERT_KEY}"},
    )
    assert status == 403
    assert "execute" in json.loads(body)["detail"]
    assert post(secured, "/v1/convert", ORDER, {"X-API-Key": EXEC_KEY})[0] == 403


def test_good_key_converts_and_rate_limit_answers_429(secured: Server) -> None:
    auth = {"Authorization": f"Bearer {CONVERT_KEY}"}
    statuses = [post(secured, "/v1/convert", ORDER, auth) for _ in range(8)]
    codes = [s for s, _, _ in statuses]
    assert codes[0] == 200
    assert 429 in codes
    limited = next(h for s, h, _ in statuses if s == 429)
    assert int(limited["retry-after"]) >= 1


def execute(srv: Server, auth: dict[str, str], _i: int = 0) -> int:
    return post(srv, "/v1/execute", {"resourceType": "Bundle"}, auth)[0]


def test_limits_hold_under_concurrency(secured: Server) -> None:
    auth = {"X-API-Key": EXEC_KEY}  # a client whose bucket this test alone spends
    with ThreadPoolExecutor(max_workers=20) as pool:
        codes = list(pool.map(partial(execute, secured, auth), range(40)))
    # burst 5, 2/s refill: at most 5 + a few refills get through; the rest are limited
    passed = [c for c in codes if c != 429]
    assert 5 <= len(passed) <= 9, codes
    assert all(c in (501, 429) for c in codes)


def test_oversized_body_is_413(secured: Server) -> None:
    status, headers, _ = post(
        secured, "/v1/convert", {"text": "x" * 30_000}, {"X-API-Key": BIG_KEY}
    )
    assert status == 413
    assert headers["content-type"].startswith("application/problem+json")


def test_unauthenticated_service_refuses_to_bind_beyond_loopback(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "nlfhir.app.main", "serve", "--host", "0.0.0.0", "--port", "1"],  # noqa: S104 - it must refuse
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "authentication is required" in done.stderr
