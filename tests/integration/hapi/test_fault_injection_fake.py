"""Each fault the chaos proxy injects reaches the adapter as the failure it is, and the breaker
opens under a dead upstream and closes when it recovers (scripted upstream; the same proxy sits
in front of the real HAPI in test_chaos.py)."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import pytest

from nlfhir.adapters.hapi import HapiClient, HapiSettings, HapiValidator
from nlfhir.adapters.hapi.client import CallFailed
from nlfhir.ports.errors import ValidatorUnavailable
from tests.fakes.hapi import FakeHapi
from tests.fakes.telemetry import RecordingTelemetry
from tests.support.chaos_proxy import ChaosProxy

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

pytestmark = [pytest.mark.integration, pytest.mark.slow]

BUNDLE: dict[str, object] = {"resourceType": "Bundle", "type": "transaction", "entry": []}
EXPECT = frozenset({"OperationOutcome"})


@pytest.fixture
async def proxied() -> AsyncIterator[tuple[ChaosProxy, FakeHapi]]:
    fake = FakeHapi()
    await fake.start()
    proxy = ChaosProxy(upstream=fake.base_url.removesuffix("/fhir"), latency_s=1.0)
    await asyncio.to_thread(proxy.start)
    yield proxy, fake
    await asyncio.to_thread(proxy.stop)
    await fake.stop()


@pytest.mark.parametrize(
    ("fault", "kind"),
    [
        ("latency", "timeout"),
        ("drop", "disconnected"),
        ("reset", "disconnected"),
        ("garbage", "garbage"),
    ],
)
async def test_each_fault_is_the_failure_it_is(
    proxied: tuple[ChaosProxy, FakeHapi], fault: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    proxy, _ = proxied
    monkeypatch.setattr(proxy, "_pick", lambda: fault)
    client = HapiClient(
        HapiSettings(base_url=proxy.url + "/fhir", read_timeout_s=0.3), RecordingTelemetry()
    )
    with pytest.raises(CallFailed) as failed:
        await client.call(
            "POST", "Bundle/$validate", operation="validate", expect=EXPECT, body=BUNDLE
        )
    await client.aclose()
    assert failed.value.kind == kind
    assert failed.value.sent


async def test_a_chaos_run_never_turns_a_fault_into_a_verdict(
    proxied: tuple[ChaosProxy, FakeHapi],
) -> None:
    proxy, fake = proxied
    settings = HapiSettings(
        base_url=proxy.url + "/fhir", read_timeout_s=0.3, retries=1, breaker_failures=1000
    )
    client = HapiClient(settings, RecordingTelemetry())
    validator = HapiValidator(client)
    verdicts = unavailable = 0
    for _ in range(60):
        try:
            assert (await validator.validate(BUNDLE)).valid
            verdicts += 1
        except ValidatorUnavailable:
            unavailable += 1
    await client.aclose()
    passed = sum(n for key, n in proxy.counts.items() if key.endswith(" pass"))
    assert verdicts == len(fake.seen) == passed  # a verdict only when HAPI really answered
    assert verdicts + unavailable == 60
    assert sum(proxy.counts.values()) > 60  # faults were injected, and retried


async def test_the_breaker_opens_on_a_dead_upstream_and_recovers(
    proxied: tuple[ChaosProxy, FakeHapi],
) -> None:
    proxy, _ = proxied
    proxy.mode = "down"
    telemetry = RecordingTelemetry()
    settings = HapiSettings(
        base_url=proxy.url + "/fhir", retries=0, breaker_failures=3, breaker_reset_s=0.5
    )
    client = HapiClient(settings, telemetry)
    validator = HapiValidator(client)
    for _ in range(5):
        with pytest.raises(ValidatorUnavailable):
            await validator.validate(BUNDLE)
    assert proxy.counts["POST validate drop"] == 3  # then it failed fast
    assert client.breaker.state.value == "open"
    proxy.mode = "pass"
    await asyncio.sleep(0.6)
    assert (await validator.validate(BUNDLE)).valid
    await client.aclose()
    assert client.breaker.state.value == "closed"
