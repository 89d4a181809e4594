"""The HAPI adapter's edges against a scripted HTTP server on 127.0.0.1: verdicts mapped
faithfully, failures never turned into verdicts, retries for $validate only, timeouts, the
concurrency cap. (The real HAPI is in test_real_hapi.py.)"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from nlfhir.adapters.hapi import HapiClient, HapiFhirServer, HapiSettings, HapiValidator
from nlfhir.domain.validation import Severity
from nlfhir.ports.errors import FhirServerRejected, FhirServerUnavailable, ValidatorUnavailable
from tests.fakes.hapi import CAPABILITY_R4, NO_ISSUES, Answer, FakeHapi, outcome
from tests.fakes.telemetry import RecordingTelemetry

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from nlfhir.ports.fhir_server import ExecutedEntry

pytestmark = pytest.mark.integration

BUNDLE: dict[str, object] = {"resourceType": "Bundle", "type": "transaction", "entry": []}


@pytest.fixture
async def hapi() -> AsyncIterator[FakeHapi]:
    fake = FakeHapi()
    await fake.start()
    yield fake
    await fake.stop()


async def _no_sleep(_: float) -> None:
    return None


def _client(url: str, telemetry: RecordingTelemetry | None = None, **knobs: float) -> HapiClient:
    settings = HapiSettings(base_url=url, **knobs)  # pyright: ignore[reportArgumentType]
    return HapiClient(settings, telemetry or RecordingTelemetry())


async def _validate(client: HapiClient, bundle: dict[str, object] = BUNDLE):
    try:
        return await HapiValidator(client, sleep=_no_sleep, jitter=lambda cap: cap).validate(bundle)
    finally:
        await client.aclose()


async def test_a_clean_outcome_is_valid_and_hapis_no_issues_note_is_dropped(
    hapi: FakeHapi,
) -> None:
    result = await _validate(_client(hapi.base_url))
    assert (result.validated_by, result.valid, result.issues) == ("hapi", True, ())
    assert hapi.seen == [("POST", "/fhir/Bundle/$validate")]


async def test_errors_make_it_invalid_and_keep_hapis_words_once(hapi: FakeHapi) -> None:
    body = outcome(
        ("error", "code-invalid", "Unknown code 'bogus'"),
        ("error", "code-invalid", "Unknown code 'bogus'"),
        ("warning", "informational", "Coding has no display"),
    )
    for issue in body["issue"][:2]:  # pyright: ignore[reportIndexIssue, reportUnknownVariableType]
        issue["expression"] = ["Bundle.entry[0].resource.status"]  # pyright: ignore[reportIndexIssue]
    hapi.script = [Answer(status=412, body=body)]
    result = await _validate(_client(hapi.base_url))
    assert not result.valid
    assert (result.error_count, result.warning_count) == (1, 1)
    assert result.issues[0].diagnostics == "Unknown code 'bogus'"
    assert result.issues[0].expression == "Bundle.entry[0].resource.status"


async def test_warnings_alone_stay_valid_and_location_stands_in_for_expression(
    hapi: FakeHapi,
) -> None:
    body = {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": "warning",
                "code": "not-supported",
                "details": {"text": "CodeSystem is unknown"},
                "location": ["Bundle.entry[1]"],
            }
        ],
    }
    hapi.script = [Answer(body=body)]
    result = await _validate(_client(hapi.base_url))
    assert result.valid
    assert result.issues[0].diagnostics == "CodeSystem is unknown"
    assert result.issues[0].expression == "Bundle.entry[1]"


async def test_a_refused_body_without_error_issues_still_counts_as_an_error(
    hapi: FakeHapi,
) -> None:
    hapi.script = [Answer(status=400, body=NO_ISSUES)]
    result = await _validate(_client(hapi.base_url))
    assert not result.valid
    assert "HTTP 400" in result.issues[-1].diagnostics


async def test_a_wrong_base_url_is_no_verdict(hapi: FakeHapi) -> None:
    hapi.script = [Answer(status=404, body=outcome(("error", "not-found", "Unknown resource")))]
    with pytest.raises(ValidatorUnavailable, match="HTTP 404"):
        await _validate(_client(hapi.base_url))


@pytest.mark.parametrize(
    "failure",
    [
        Answer(status=500, body=outcome(("fatal", "exception", "NullPointerException"))),
        Answer(status=200, raw=b"<html>proxy error</html>"),
        Answer(status=200, raw=b'{"resourceType": "Patient"}'),
        Answer(drop=True),
    ],
    ids=["5xx", "garbage", "wrong-resource", "dropped"],
)
async def test_a_failed_call_is_retried_then_answered(hapi: FakeHapi, failure: Answer) -> None:
    hapi.script = [failure]
    result = await _validate(_client(hapi.base_url))
    assert result.valid
    assert len(hapi.seen) == 2


async def test_persistent_failure_is_unavailable_never_valid(hapi: FakeHapi) -> None:
    hapi.default = Answer(status=503, raw=b"busy")
    telemetry = RecordingTelemetry()
    with pytest.raises(ValidatorUnavailable, match=r"no answer in 3 attempt\(s\)"):
        await _validate(_client(hapi.base_url, telemetry, retries=2))
    assert len(hapi.seen) == 3
    errors = [e[1]["error"] for e in telemetry.events if e[0] == "fhir_call"]
    assert errors == ["server_error"] * 3


async def test_the_read_timeout_fires(hapi: FakeHapi) -> None:
    # The answer would come after 5 s, and would be "valid": the timeout's error, not a verdict,
    # is what arrives.
    hapi.default = Answer(delay_s=5.0, body=NO_ISSUES)
    with pytest.raises(ValidatorUnavailable, match="did not answer in time"):
        await _validate(_client(hapi.base_url, retries=0, read_timeout_s=0.2))


async def test_nothing_listening_is_unavailable() -> None:
    fake = FakeHapi()
    url = await fake.start()
    await fake.stop()
    with pytest.raises(ValidatorUnavailable, match="cannot connect"):
        await _validate(_client(url, retries=1))


async def test_the_breaker_opens_fails_fast_and_a_probe_closes_it(hapi: FakeHapi) -> None:
    hapi.default = Answer(status=500, raw=b"")
    telemetry = RecordingTelemetry()
    client = _client(hapi.base_url, telemetry, retries=0, breaker_failures=2, breaker_reset_s=0.3)
    validator = HapiValidator(client, sleep=_no_sleep)
    for _ in range(2):
        with pytest.raises(ValidatorUnavailable, match="HTTP 500"):
            await validator.validate(BUNDLE)
    with pytest.raises(ValidatorUnavailable, match="breaker is open") as refused:
        await validator.validate(BUNDLE)
    assert refused.value.retry_after == 1
    assert len(hapi.seen) == 2  # the open breaker did not call HAPI
    hapi.default = Answer(body=NO_ISSUES)
    await asyncio.sleep(0.35)
    assert (await validator.validate(BUNDLE)).valid
    await client.aclose()
    states = [e[1]["state"] for e in telemetry.events if e[0] == "breaker"]
    assert states == ["open", "half_open", "closed"]


async def test_the_concurrency_cap_refuses_what_waits_too_long(hapi: FakeHapi) -> None:
    hapi.default = Answer(delay_s=0.5, body=NO_ISSUES)
    client = _client(hapi.base_url, retries=0, max_concurrency=1, queue_timeout_s=0.1)
    validator = HapiValidator(client, sleep=_no_sleep)
    results = await asyncio.gather(
        validator.validate(BUNDLE), validator.validate(BUNDLE), return_exceptions=True
    )
    await client.aclose()
    refused = [r for r in results if isinstance(r, ValidatorUnavailable)]
    assert len(refused) == 1
    assert "slots stayed busy" in str(refused[0])
    assert len(hapi.seen) == 1


def _response(*locations: str) -> dict[str, object]:
    return {
        "resourceType": "Bundle",
        "type": "transaction-response",
        "entry": [{"response": {"status": "201 Created", "location": loc}} for loc in locations],
    }


async def _execute(client: HapiClient) -> tuple[ExecutedEntry, ...]:
    try:
        return await HapiFhirServer(client).execute(BUNDLE)
    finally:
        await client.aclose()


async def test_a_transaction_returns_hapis_locations(hapi: FakeHapi) -> None:
    hapi.script = [Answer(body=_response("MedicationRequest/1/_history/1", "Condition/2"))]
    entries = await _execute(_client(hapi.base_url))
    assert [e.location for e in entries] == [
        "MedicationRequest/1/_history/1",
        "Condition/2",
    ]
    assert hapi.seen == [("POST", "/fhir")]


async def test_a_rejected_transaction_carries_hapis_outcome(hapi: FakeHapi) -> None:
    body = outcome(("error", "processing", "Invalid reference"))
    hapi.script = [Answer(status=400, body=body)]
    with pytest.raises(FhirServerRejected) as rejected:
        await _execute(_client(hapi.base_url))
    assert rejected.value.status == 400
    assert rejected.value.outcome == body
    assert rejected.value.issues[0].severity is Severity.ERROR


@pytest.mark.parametrize(
    ("failure", "words"),
    [
        (Answer(delay_s=1.0, body=_response()), "outcome is unknown"),
        (Answer(drop=True), "outcome is unknown"),
        (Answer(status=500, raw=b"oops"), "all or nothing"),
        (Answer(body=outcome(("information", "informational", "ok"))), "outcome is unknown"),
    ],
    ids=["timeout", "dropped", "5xx", "not-a-transaction-response"],
)
async def test_a_transaction_is_never_retried(hapi: FakeHapi, failure: Answer, words: str) -> None:
    hapi.script = [failure]
    with pytest.raises(FhirServerUnavailable, match=words):
        await _execute(_client(hapi.base_url, read_timeout_s=0.3, retries=3))
    assert len(hapi.seen) == 1


async def test_an_unsent_transaction_says_nothing_was_written() -> None:
    fake = FakeHapi()
    url = await fake.start()
    await fake.stop()
    with pytest.raises(FhirServerUnavailable, match="nothing was written"):
        await _execute(_client(url))


async def test_health_reads_the_capability_statement_and_caches_it(hapi: FakeHapi) -> None:
    hapi.script = [Answer(body=CAPABILITY_R4)]
    client = _client(hapi.base_url, health_ttl_s=60)
    server = HapiFhirServer(client)
    first = await server.health()
    second = await server.health()
    await client.aclose()
    assert first.reachable
    assert first.breaker_state == "closed"
    assert second is first
    assert hapi.seen == [("GET", "/fhir/metadata")]


@pytest.mark.parametrize(
    ("answer", "detail"),
    [
        (Answer(body={"resourceType": "CapabilityStatement", "fhirVersion": "5.0.0"}), "5.0.0"),
        (Answer(status=401, body=outcome(("error", "security", "no"))), "HTTP 401"),
        (Answer(raw=b"nope"), "not a FHIR resource"),
    ],
)
async def test_health_says_what_is_wrong(hapi: FakeHapi, answer: Answer, detail: str) -> None:
    hapi.script = [answer]
    client = _client(hapi.base_url)
    health = await HapiFhirServer(client).health()
    await client.aclose()
    assert not health.reachable
    assert detail in (health.detail or "")
