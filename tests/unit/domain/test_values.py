"""Domain values refuse states the domain forbids."""

from __future__ import annotations

import pytest

from nlfhir.domain.codes import Coding, Concept
from nlfhir.domain.conversion import MAX_TEXT_CHARS, check_text
from nlfhir.domain.errors import InvalidInput, InvariantViolation
from nlfhir.domain.orders import Dosage, Span
from nlfhir.domain.patient import PatientRef
from nlfhir.domain.quantities import Quantity, Range, Ratio
from nlfhir.domain.timing import TimeUnit, Timing
from nlfhir.domain.validation import Severity, ValidationIssue, ValidationOutcome

pytestmark = pytest.mark.unit


def test_concept_needs_text_and_coding_needs_code() -> None:
    with pytest.raises(InvariantViolation):
        Concept(text=" ")
    with pytest.raises(InvariantViolation):
        Coding(system="http://loinc.org", code="")
    assert not Concept(text="x").coded


def test_quantity_range_ratio_invariants() -> None:
    with pytest.raises(InvariantViolation):
        Quantity(value=-1)
    with pytest.raises(InvariantViolation):
        Range(low=Quantity(value=2), high=Quantity(value=1))
    with pytest.raises(InvariantViolation):
        Ratio(numerator=Quantity(value=1), denominator=Quantity(value=0))


def test_timing_invariants() -> None:
    with pytest.raises(InvariantViolation):
        Timing(period=1)
    with pytest.raises(InvariantViolation):
        Timing(frequency=2, frequency_max=1)
    with pytest.raises(InvariantViolation):
        Timing(period=4, period_max=2, period_unit=TimeUnit.HOUR)
    with pytest.raises(InvariantViolation):
        Timing(count=0)
    with pytest.raises(InvariantViolation):
        Timing(day_of_week=("monday",))
    assert Timing().is_empty
    assert not Timing(day_of_week=("mon",)).is_empty


def test_dosage_invariants() -> None:
    with pytest.raises(InvariantViolation):
        Dosage(
            text="x",
            dose=Quantity(value=1),
            dose_range=Range(low=Quantity(value=1), high=Quantity(value=2)),
        )
    with pytest.raises(InvariantViolation):
        Dosage(text="x", as_needed_reason=Concept(text="pain"))


def test_span_invariant() -> None:
    with pytest.raises(InvariantViolation):
        Span(start=3, end=1)


@pytest.mark.parametrize("raw", ["Patient/123", "Patient/abc-1.2"])
def test_patient_reference(raw: str) -> None:
    assert PatientRef.parse(raw).conditional_reference() == raw


def test_patient_identifier() -> None:
    p = PatientRef.parse("http://hospital.example/mrn|12345")
    assert p.conditional_reference() == "Patient?identifier=http://hospital.example/mrn|12345"


@pytest.mark.parametrize("raw", ["", "123", "Patient/", "Observation/1", "a|b|c", "sys|"])
def test_bad_patient_is_refused(raw: str) -> None:
    with pytest.raises(InvalidInput):
        PatientRef.parse(raw)


@pytest.mark.parametrize("text", ["", "   ", "x" * (MAX_TEXT_CHARS + 1), "a\x00b"])
def test_bad_text_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        check_text(text)


def test_outcome_valid_is_derived_from_blocking_issues() -> None:
    warn = ValidationIssue(severity=Severity.WARNING, code="x", diagnostics="w")
    err = ValidationIssue(severity=Severity.ERROR, code="x", diagnostics="e")
    assert ValidationOutcome(validated_by="local", issues=(warn,)).valid
    bad = ValidationOutcome(validated_by="local", issues=(warn, err))
    assert not bad.valid
    assert (bad.error_count, bad.warning_count) == (1, 1)
    with pytest.raises(InvariantViolation):
        ValidationOutcome(validated_by="", issues=())
    with pytest.raises(InvariantViolation):
        ValidationOutcome(validated_by="local", degraded=True)
