"""The circuit breaker's states on a fake clock, and how HAPI's bodies are read."""

from __future__ import annotations

import pytest

from nlfhir.adapters.hapi import BreakerState, CircuitBreaker, HapiSettings
from nlfhir.adapters.hapi.outcome import UnreadableAnswer, outcome_issues, transaction_entries
from nlfhir.ports.errors import ConfigurationError

pytestmark = pytest.mark.unit


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def _breaker(clock: Clock, changes: list[BreakerState]) -> CircuitBreaker:
    return CircuitBreaker(failures=3, reset_s=10.0, now=clock, on_change=changes.append)


def test_it_opens_after_n_consecutive_failures_only() -> None:
    clock, changes = Clock(), list[BreakerState]()
    b = _breaker(clock, changes)
    b.failure()
    b.failure()
    b.success()  # a success in between resets the count
    b.failure()
    b.failure()
    assert b.state is BreakerState.CLOSED
    b.failure()
    assert b.state is BreakerState.OPEN
    assert not b.allow()
    assert b.retry_after() == 10.0
    assert changes == [BreakerState.OPEN]


def test_after_the_reset_time_one_probe_goes_through() -> None:
    clock, changes = Clock(), list[BreakerState]()
    b = _breaker(clock, changes)
    for _ in range(3):
        b.failure()
    clock.t += 10
    assert b.state is BreakerState.HALF_OPEN
    assert b.allow()
    assert not b.allow()  # a second caller waits for the probe
    b.success()
    assert b.state is BreakerState.CLOSED
    assert changes == [BreakerState.OPEN, BreakerState.HALF_OPEN, BreakerState.CLOSED]


def test_a_failed_probe_reopens_at_once() -> None:
    clock, changes = Clock(), list[BreakerState]()
    b = _breaker(clock, changes)
    for _ in range(3):
        b.failure()
    clock.t += 10
    assert b.allow()
    b.failure()
    assert b.state is BreakerState.OPEN
    assert b.retry_after() == 10.0


def test_a_probe_that_never_reports_is_forgotten() -> None:
    clock, changes = Clock(), list[BreakerState]()
    b = _breaker(clock, changes)
    for _ in range(3):
        b.failure()
    clock.t += 10
    assert b.allow()  # the probe is cancelled and never reports
    clock.t += 5
    assert not b.allow()
    assert b.retry_after() == 5.0
    clock.t += 5
    assert b.allow()


@pytest.mark.parametrize(
    "knobs",
    [
        {"base_url": "hapi:8080/fhir"},
        {"base_url": "http://h/fhir", "read_timeout_s": 0},
        {"base_url": "http://h/fhir", "retries": -1},
        {"base_url": "http://h/fhir", "max_concurrency": 0},
    ],
)
def test_unusable_settings_are_refused(knobs: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError):
        HapiSettings(**knobs)  # pyright: ignore[reportArgumentType]


def test_urls_join_without_double_slashes() -> None:
    s = HapiSettings(base_url="http://h:8080/fhir/")
    assert (s.url(), s.url("metadata")) == ("http://h:8080/fhir", "http://h:8080/fhir/metadata")


NOT_OUTCOMES: list[dict[str, object]] = [
    {"resourceType": "Bundle"},
    {"resourceType": "OperationOutcome", "issue": [{"severity": "bad", "code": "x"}]},
    {"resourceType": "OperationOutcome", "issue": "not a list"},
    {"resourceType": "OperationOutcome", "issue": [1]},
]


@pytest.mark.parametrize("body", NOT_OUTCOMES)
def test_an_outcome_that_is_not_one_is_unreadable(body: dict[str, object]) -> None:
    with pytest.raises(UnreadableAnswer):
        outcome_issues(body)


def test_an_issue_without_words_says_so() -> None:
    (issue,) = outcome_issues(
        {"resourceType": "OperationOutcome", "issue": [{"severity": "error"}]}
    )
    assert (issue.code, issue.diagnostics) == ("unknown", "(HAPI gave no diagnostics)")


NOT_RESPONSES: list[dict[str, object]] = [
    {"resourceType": "Bundle", "type": "batch-response"},
    {"resourceType": "Bundle", "type": "transaction-response", "entry": [{}]},
    {"resourceType": "Bundle", "type": "transaction-response", "entry": [{"response": {}}]},
]


@pytest.mark.parametrize("body", NOT_RESPONSES)
def test_a_transaction_response_that_is_not_one_is_unreadable(body: dict[str, object]) -> None:
    with pytest.raises(UnreadableAnswer):
        transaction_entries(body)


def test_an_entry_without_location_keeps_its_status() -> None:
    body = {
        "resourceType": "Bundle",
        "type": "transaction-response",
        "entry": [{"response": {"status": "200 OK"}}],
    }
    (entry,) = transaction_entries(body)
    assert (entry.status, entry.location) == ("200 OK", None)
