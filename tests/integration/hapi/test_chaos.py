"""The service behind a fault-injecting proxy in front of the real HAPI: 30% of HAPI calls get
latency beyond the read timeout, dropped or reset connections, or garbage. Every conversion is
still answered, by the validator that really answered; the only 5xx is policy `hapi`'s 503."""

from __future__ import annotations

import asyncio
import json
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from nlfhir.adapters.hapi import HapiClient, HapiFhirServer, HapiSettings, HapiValidator
from nlfhir.app.main import build_container
from nlfhir.app.settings import Settings
from tests.fakes.telemetry import RecordingTelemetry
from tests.support.chaos_proxy import ChaosProxy
from tests.support.server import Answer, Server, start_server, stop_server

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = [pytest.mark.integration, pytest.mark.requires_hapi, pytest.mark.slow]

TEXTS = [
    "amoxicillin 500 mg PO TID x 10 days for otitis media",
    "Start metformin 500 mg PO BID",
    "lisinopril 10 mg by mouth daily",
    "ondansetron 4 mg IV q6h PRN nausea",
    "order CBC and BMP",
    "albuterol 2 puffs inhaled q4-6h as needed for wheezing",
    "ceftriaxone 1 g IV q24h",
    "chest x-ray PA and lateral",
    "acetaminophen 650 mg PO q6h PRN pain, max 3 g/day",
    "heparin 5000 units subcut q8h",
]
RESET_S = 2.0


@dataclass
class Deployment:
    proxy: ChaosProxy
    server: Server


def _warm(hapi_url: str) -> None:
    """Each resource type's first $validate, and the first transaction that writes it, are slow on
    HAPI (seconds on a busy machine); do both before the deployments' 1 s read timeout matters."""

    async def run() -> None:
        service = build_container(Settings()).use_cases()
        client = HapiClient(
            HapiSettings(base_url=hapi_url, read_timeout_s=120), RecordingTelemetry()
        )
        validator = HapiValidator(client)
        for text in TEXTS:
            conversion = await service.convert(text, None)
            await validator.validate(conversion.bundle)
        written = await service.convert(TEXTS[1], None)
        await HapiFhirServer(client).execute(written.bundle)
        await client.aclose()

    asyncio.run(run())


def _deploy(hapi_url: str, tmp: Any, policy: str) -> tuple[Any, Deployment]:
    parts = urlsplit(hapi_url)
    proxy = ChaosProxy(upstream=f"{parts.scheme}://{parts.netloc}", latency_s=3.0, mode="pass")
    proxy.start()
    env = {
        "NLFHIR_RATE_LIMIT_RPS": "0",
        "NLFHIR_VALIDATION_POLICY": policy,
        "NLFHIR_HAPI_URL": proxy.url + parts.path,
        "NLFHIR_HAPI_READ_TIMEOUT_S": "1",
        "NLFHIR_HAPI_RETRIES": "1",
        "NLFHIR_HAPI_BREAKER_FAILURES": "5",
        "NLFHIR_HAPI_BREAKER_RESET_S": str(RESET_S),
    }
    proc, server = start_server(tmp, env)
    return proc, Deployment(proxy, server)


@pytest.fixture(scope="module")
def deployments(
    hapi_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Deployment]]:
    _warm(hapi_url)
    started = [
        _deploy(hapi_url, tmp_path_factory.mktemp(policy), policy)
        for policy in ("hapi-then-local", "hapi")
    ]
    yield {"hapi-then-local": started[0][1], "hapi": started[1][1]}
    for proc, d in started:
        stop_server(proc)
        d.proxy.stop()


def _under_chaos(d: Deployment, n: int) -> list[Answer]:
    """``n`` conversions, 4 at a time, with faults injected; the proxy passes again after."""
    d.proxy.counts.clear()
    d.proxy.mode = "chaos"
    try:
        return _convert_many(d.server, n)
    finally:
        d.proxy.mode = "pass"


def _convert_many(server: Server, n: int) -> list[Answer]:
    texts = [TEXTS[i % len(TEXTS)] for i in range(n)]
    with ThreadPoolExecutor(4) as pool:

        def convert(text: str) -> Answer:
            return server.post_json("/v1/convert", {"text": text})

        return list(pool.map(convert, texts))


def _validate_faults(proxy: ChaosProxy) -> int:
    return sum(n for k, n in proxy.counts.items() if " validate " in k and not k.endswith("pass"))


def test_fallback_answers_every_conversion_with_who_really_validated(
    deployments: dict[str, Deployment],
) -> None:
    d = deployments["hapi-then-local"]
    answers = _under_chaos(d, 200)
    assert [a.status for a in answers] == [200] * 200
    by: dict[str, int] = {"hapi": 0, "local": 0}
    for answer in answers:
        validation = answer.json()["validation"]
        by[validation["validated_by"]] += 1
        assert validation["valid"], validation
        if validation["validated_by"] == "hapi":
            assert not validation["degraded"]
        else:
            assert validation["degraded"]
            assert "hapi validator unavailable" in validation["reason"]
    passed = sum(n for k, n in d.proxy.counts.items() if k == "POST validate pass")
    assert by["hapi"] == passed  # "hapi" exactly when HAPI's answer really came through
    assert by["hapi"] > 0
    assert by["local"] > 0
    assert _validate_faults(d.proxy) >= 30, d.proxy.counts
    assert d.proxy.counts["latency abandoned by client"] > 0  # the read timeout fired


def test_policy_hapi_answers_a_verdict_or_a_503_and_nothing_else(
    deployments: dict[str, Deployment],
) -> None:
    d = deployments["hapi"]
    answers = _under_chaos(d, 100)
    statuses = {a.status for a in answers}
    assert statuses <= {200, 503}
    assert 503 in statuses
    assert 200 in statuses
    for answer in answers:
        body = answer.json()
        if answer.status == 200:
            assert body["validation"]["validated_by"] == "hapi"
            assert not body["validation"]["degraded"]
        else:
            assert answer.headers["content-type"] == "application/problem+json"
            assert body["type"].endswith("dependency-unavailable")
            assert int(answer.headers["retry-after"]) >= 1
            assert "bundle" not in body


def _ready(server: Server) -> tuple[int, dict[str, Any]]:
    answer = server.call("GET", "/health/ready")
    return answer.status, answer.json()


def test_the_breaker_opens_and_recovers_and_readiness_tells_the_truth(
    deployments: dict[str, Deployment],
) -> None:
    fallback, strict = deployments["hapi-then-local"], deployments["hapi"]
    for d in (fallback, strict):
        d.proxy.mode = "down"
    for _ in range(8):
        answer = fallback.server.post_json("/v1/convert", {"text": TEXTS[0]})
        assert answer.json()["validation"]["validated_by"] == "local"
    status, body = _ready(fallback.server)
    assert status == 200  # local stands in: no flapping to not-ready
    assert body["checks"]["hapi"]["breaker"] == "open"
    assert body["checks"]["hapi"]["degraded"]
    answer = strict.server.post_json("/v1/convert", {"text": TEXTS[0]})
    assert answer.status == 503
    status, body = _ready(strict.server)
    assert status == 503
    assert not body["checks"]["hapi"]["reachable"]

    for d in (fallback, strict):
        d.proxy.mode = "pass"
    # After the reset time a probe goes through and closes the breaker. (A probe that meets a
    # connection the outage left half-closed re-opens it once; the next probe closes it.)
    assert _recovered(fallback.server), "the breaker did not close after HAPI came back"
    status, body = _ready(fallback.server)
    assert (status, body["checks"]["hapi"]["breaker"]) == (200, "closed")
    assert _recovered(strict.server)


def _recovered(server: Server) -> bool:
    for _ in range(3):
        time.sleep(RESET_S + 0.5)
        answer = server.post_json("/v1/convert", {"text": TEXTS[1]})
        if answer.status == 200 and answer.json()["validation"]["validated_by"] == "hapi":
            return True
    return False


def test_execute_through_the_service(deployments: dict[str, Deployment], hapi_url: str) -> None:
    server = deployments["hapi-then-local"].server
    converted = server.post_json("/v1/convert", {"text": TEXTS[1]}).json()
    answer = server.post_json("/v1/execute", converted["bundle"])
    assert answer.status == 200, answer.body
    entries = answer.json()["entries"]
    assert entries
    assert entries[0]["status"].startswith("201")
    assert entries[0]["location"].startswith("MedicationRequest/")

    broken = json.loads(json.dumps(converted["bundle"]))
    broken["entry"][0]["resource"]["subject"] = {"reference": "Patient?identifier=urn:x|none"}
    answer = server.post_json("/v1/execute", broken)
    assert answer.status == 422, answer.body
    problem = answer.json()
    assert problem["operation_outcome"]["resourceType"] == "OperationOutcome"

    deployments["hapi-then-local"].proxy.mode = "down"
    try:
        answer = server.post_json("/v1/execute", converted["bundle"])
    finally:
        deployments["hapi-then-local"].proxy.mode = "pass"
    assert answer.status == 503
    assert "retry-after" in answer.headers
