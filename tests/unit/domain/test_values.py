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


def _dataclasses_with_own_init() -> list[type]:
    """Every dataclass of the domain package (the grammar's too) that writes its own __init__:
    the compiled build constructs those natively (ADR 0011)."""
    import dataclasses
    import importlib
    import inspect
    import pkgutil

    import nlfhir.domain

    found: list[type] = []
    for info in pkgutil.walk_packages(nlfhir.domain.__path__, "nlfhir.domain."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (
                cls.__module__ == info.name
                and dataclasses.is_dataclass(cls)
                and "__init__" in cls.__dict__
                and not cls.__dataclass_params__.init  # type: ignore[attr-defined]
            ):
                found.append(cls)
    return found


@pytest.mark.parametrize("cls", _dataclasses_with_own_init(), ids=lambda c: c.__qualname__)
def test_a_written_init_takes_exactly_the_declared_fields_with_their_defaults(cls: type) -> None:
    """A hand-written __init__ (init=False) must stay what the dataclass would generate: one
    parameter per field, in order, with the field's default, so a field added to the class and
    forgotten in __init__ fails here. A grammar draft may leave out fields that start empty
    (they have a default), never one without."""
    import dataclasses
    import inspect

    if not inspect.isfunction(cls.__init__):
        pytest.skip("a compiled __init__ has no signature to read; the source build checks it")
    fields = {f.name: f for f in dataclasses.fields(cls)}
    params = [p for p in inspect.signature(cls.__init__).parameters.values() if p.name != "self"]
    names = [p.name for p in params]
    assert names == [n for n in fields if n in names]  # declared fields, in declared order
    public = not cls.__qualname__.startswith("_")
    for name, f in fields.items():
        if name not in names:
            assert not public, f"{name} is not a parameter"
            assert (
                f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
            ), name
    for p in params:
        f = fields[p.name]
        if f.default is not dataclasses.MISSING:
            assert p.default == f.default, f.name
        elif f.default_factory is not dataclasses.MISSING:
            assert p.default == f.default_factory(), f.name
        else:
            assert p.default is inspect.Parameter.empty, f.name


def test_the_written_inits_are_found() -> None:
    names = {c.__qualname__ for c in _dataclasses_with_own_init()}
    assert {"Span", "Concept", "Coding", "Dosage", "Timing", "MedicationOrder"} <= names
