"""Use cases: text flows extractor -> mapping -> validator; verdicts are never invented."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from nlfhir.app.use_cases import ConversionUseCases
from nlfhir.app.validation_policy import FallbackValidator
from nlfhir.domain.conversion import PatientStatus
from nlfhir.domain.errors import InvalidInput
from nlfhir.domain.patient import PatientRef
from nlfhir.ports.errors import ConfigurationError, ValidatorUnavailable
from tests.fakes.service import fake_use_cases
from tests.fakes.telemetry import RecordingTelemetry
from tests.fakes.validation import DownValidator, FakeValidator

if TYPE_CHECKING:
    from nlfhir.ports.validation import BundleValidator

pytestmark = pytest.mark.unit


def make(
    validator: BundleValidator, telemetry: RecordingTelemetry | None = None
) -> ConversionUseCases:
    return fake_use_cases(validator=validator, telemetry=telemetry)


async def test_convert_builds_and_validates_the_bundle() -> None:
    validator = FakeValidator("local")
    c = await make(validator).convert("metformin 500 mg po bid", PatientRef.parse("Patient/1"))
    assert validator.seen == [c.bundle]
    assert c.outcome.validated_by == "local"
    assert c.outcome.valid
    assert c.patient_status is PatientStatus.REFERENCE
    assert c.extractor == "rules"
    assert len(c.extraction.orders) == 1
    assert c.duration_ms >= 0


async def test_missing_patient_is_reported() -> None:
    c = await make(FakeValidator()).convert("metformin 500 mg po bid", None)
    assert c.patient_status is PatientStatus.MISSING


async def test_invalid_bundle_is_reported_invalid() -> None:
    c = await make(FakeValidator(errors=2)).convert("metformin 500 mg po bid", None)
    assert not c.outcome.valid
    assert c.outcome.error_count == 2


async def test_empty_text_is_refused() -> None:
    with pytest.raises(InvalidInput):
        await make(FakeValidator()).convert("  ", None)


async def test_validator_down_without_fallback_gives_no_verdict() -> None:
    with pytest.raises(ValidatorUnavailable):
        await make(DownValidator()).convert("metformin 500 mg po bid", None)


async def test_fallback_answers_degraded_and_says_why() -> None:
    c = await make(FallbackValidator(DownValidator(), FakeValidator("local"))).convert(
        "metformin 500 mg po bid", None
    )
    assert c.outcome.validated_by == "local"
    assert c.outcome.degraded
    assert c.outcome.reason is not None
    assert "down validator unavailable" in c.outcome.reason


async def test_fallback_never_replaces_a_primary_verdict() -> None:
    outcome = await FallbackValidator(
        FakeValidator("hapi", errors=1), FakeValidator("local")
    ).validate({"resourceType": "Bundle"})
    assert outcome.validated_by == "hapi"
    assert not outcome.degraded
    assert not outcome.valid


async def test_telemetry_sees_outcomes_not_text() -> None:
    t = RecordingTelemetry()
    await make(FakeValidator(), t).convert("metformin 500 mg po bid. Order CBC", None)
    assert t.spans == ["convert", "extract", "map", "validate"]
    kinds = [e[0] for e in t.events]
    assert kinds.count("orders") == 2
    assert ("conversion", {"outcome": "ok"}) in t.events
    flat = repr(t.events) + repr(t.spans)
    assert "metformin" not in flat


async def test_execute_without_a_server_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError):
        await make(FakeValidator()).execute({"resourceType": "Bundle"})
