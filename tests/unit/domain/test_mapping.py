"""Mapping rules: one transaction Bundle, urn:uuid fullUrls, structured dosage, honest subject."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.domain.mapping import BundleContext, ReasonMode, build_bundle
from nlfhir.domain.mapping.bundle import NO_PATIENT_DISPLAY
from nlfhir.domain.patient import PatientRef
from tests.fakes.clock import SequentialIds
from tests.fakes.terminology import FakeTerminology

pytestmark = pytest.mark.unit
Json = dict[str, object]


def bundle_for(
    text: str, patient: str | None = "Patient/123", mode: ReasonMode = ReasonMode.CODE
) -> Json:
    orders = RulesExtractor(FakeTerminology()).read(text).orders
    ctx = BundleContext(
        patient=PatientRef.parse(patient) if patient else None,
        authored_on="2026-11-22T09:30:00+00:00",
        new_id=SequentialIds().new_id,
        reason_mode=mode,
    )
    return build_bundle(orders, ctx)


def entries(bundle: Json) -> list[Json]:
    got = bundle["entry"]
    assert isinstance(got, list)
    return got  # pyright: ignore[reportUnknownVariableType]


def test_transaction_bundle_with_post_entries() -> None:
    b = bundle_for("Start metformin 500 mg PO BID")
    assert b["resourceType"] == "Bundle"
    assert b["type"] == "transaction"
    (e,) = entries(b)
    assert e["fullUrl"] == "urn:uuid:00000000-0000-4000-8000-000000000001"
    assert e["request"] == {"method": "POST", "url": "MedicationRequest"}


def test_medication_request_dosage_is_structured() -> None:
    (e,) = entries(bundle_for("Start metformin 500 mg PO BID"))
    r = e["resource"]
    assert isinstance(r, dict)
    assert r["status"] == "active"
    assert r["intent"] == "order"
    assert r["subject"] == {"reference": "Patient/123"}
    assert r["authoredOn"] == "2026-11-22T09:30:00+00:00"
    (d,) = r["dosageInstruction"]  # pyright: ignore[reportUnknownVariableType]
    assert d["text"] == "500 mg PO BID"
    assert d["doseAndRate"] == [{"doseQuantity": {"value": 500, "unit": "mg"}}]
    assert d["timing"] == {"repeat": {"frequency": 2, "period": 1, "periodUnit": "d"}}
    assert d["route"]["text"] == "oral"


def test_reason_as_reason_code_by_default() -> None:
    (e,) = entries(bundle_for("amoxicillin 500 mg po tid for otitis media"))
    assert e["resource"]["reasonCode"] == [{"text": "otitis media"}]  # type: ignore[index]


def test_reason_as_condition_resource_when_asked() -> None:
    es = entries(
        bundle_for("amoxicillin 500 mg po tid for otitis media", mode=ReasonMode.CONDITION)
    )
    cond, med = es
    assert cond["resource"]["resourceType"] == "Condition"  # type: ignore[index]
    assert med["resource"]["reasonReference"] == [{"reference": cond["fullUrl"]}]  # type: ignore[index]


def test_identifier_patient_is_a_conditional_reference() -> None:
    (e,) = entries(bundle_for("metformin 500 mg po bid", patient="urn:oid:1.2.3|MRN-9"))
    assert e["resource"]["subject"] == {  # type: ignore[index]
        "reference": "Patient?identifier=urn:oid:1.2.3|MRN-9"
    }


def test_missing_patient_is_shown_not_invented() -> None:
    (e,) = entries(bundle_for("metformin 500 mg po bid", patient=None))
    assert e["resource"]["subject"] == {"display": NO_PATIENT_DISPLAY}  # type: ignore[index]


def test_prn_reason_and_range_and_max_dose() -> None:
    (e,) = entries(bundle_for("oxycodone 1-2 tabs po q4-6h prn pain, max 8 tabs/day"))
    (d,) = e["resource"]["dosageInstruction"]  # type: ignore[index]
    assert d["asNeededCodeableConcept"] == {"text": "pain"}
    assert d["doseAndRate"][0]["doseRange"]["low"]["value"] == 1
    assert d["timing"]["repeat"]["periodMax"] == 6
    assert d["maxDosePerPeriod"]["numerator"]["value"] == 8


def test_duration_is_a_ucum_duration() -> None:
    (e,) = entries(bundle_for("amoxicillin 500 mg po tid x 10 days"))
    (d,) = e["resource"]["dosageInstruction"]  # type: ignore[index]
    assert d["timing"]["repeat"]["boundsDuration"] == {
        "value": 10,
        "unit": "d",
        "system": "http://unitsofmeasure.org",
        "code": "d",
    }


def test_service_request_has_category_and_priority() -> None:
    (e,) = entries(bundle_for("Order stat CBC"))
    r = e["resource"]
    assert r["resourceType"] == "ServiceRequest"  # type: ignore[index]
    assert r["priority"] == "stat"  # type: ignore[index]
    assert r["category"][0]["coding"][0]["code"] == "108252007"  # type: ignore[index]


def test_allergy_intolerance_has_patient_and_statuses() -> None:
    (e,) = entries(bundle_for("Allergic to penicillin"))
    r = e["resource"]
    assert r["resourceType"] == "AllergyIntolerance"  # type: ignore[index]
    assert r["patient"] == {"reference": "Patient/123"}  # type: ignore[index]
    assert r["verificationStatus"]["coding"][0]["code"] == "unconfirmed"  # type: ignore[index]


def test_no_orders_is_a_transaction_without_entries() -> None:
    assert bundle_for("feeling better") == {"resourceType": "Bundle", "type": "transaction"}


def test_stat_becomes_request_priority() -> None:
    (e,) = entries(bundle_for("Give morphine 4 mg IV stat"))
    r = e["resource"]
    assert r["priority"] == "stat"  # type: ignore[index]
    assert r["dosageInstruction"][0]["timing"] == {"repeat": {"count": 1}}  # type: ignore[index]


def test_service_request_exact_shape() -> None:
    (e,) = entries(bundle_for("Order stat chest x-ray for fever tomorrow morning"))
    r = e["resource"]
    assert r == {
        "resourceType": "ServiceRequest",
        "text": r["text"],  # type: ignore[index]
        "status": "active",
        "intent": "order",
        "category": [
            {
                "coding": [
                    {"system": "http://snomed.info/sct", "code": "363679005", "display": "Imaging"}
                ],
                "text": "imaging",
            }
        ],
        "code": {"text": "chest x-ray"},
        "subject": {"reference": "Patient/123"},
        "authoredOn": "2026-11-22T09:30:00+00:00",
        "priority": "stat",
        "reasonCode": [{"text": "fever"}],
        "note": [{"text": "Requested timing: tomorrow morning"}],
    }
    assert r["text"]["status"] == "generated"  # type: ignore[index]
    assert "chest x-ray" in r["text"]["div"]  # type: ignore[index]


def test_allergy_intolerance_exact_shape() -> None:
    (e,) = entries(bundle_for("Allergic to penicillin", patient=None))
    assert e["request"] == {"method": "POST", "url": "AllergyIntolerance"}
    r = e["resource"]
    assert r == {
        "resourceType": "AllergyIntolerance",
        "text": {
            "status": "generated",
            "div": '<div xmlns="http://www.w3.org/1999/xhtml"><p>Allergy: penicillin</p></div>',
        },
        "clinicalStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
                    "code": "active",
                }
            ]
        },
        "verificationStatus": {
            "coding": [
                {
                    "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
                    "code": "unconfirmed",
                }
            ]
        },
        "code": {"text": "penicillin"},
        "patient": {"display": NO_PATIENT_DISPLAY},
        "recordedDate": "2026-11-22T09:30:00+00:00",
    }


def test_an_allergy_carries_the_reaction_the_text_states() -> None:
    rash, nausea = entries(bundle_for("Allergies: penicillin (rash), codeine (nausea)"))
    assert rash["resource"]["reaction"] == [  # type: ignore[index]
        {"manifestation": [{"text": "rash"}]}
    ]
    assert nausea["resource"]["reaction"] == [  # type: ignore[index]
        {"manifestation": [{"text": "nausea"}]}
    ]
    assert "reaction: rash" in rash["resource"]["text"]["div"]  # type: ignore[index]
    (e,) = entries(bundle_for("Allergic to penicillin"))
    assert "reaction" not in e["resource"]  # type: ignore[operator]


def test_dosage_exact_shape_with_every_field() -> None:
    (e,) = entries(
        bundle_for("vancomycin 1-2 g IV q8-12h prn fever over 60 minutes x 7 days, max 4 g/day")
    )
    (d,) = e["resource"]["dosageInstruction"]  # type: ignore[index]
    assert d["timing"] == {
        "repeat": {
            "boundsDuration": {
                "value": 7,
                "unit": "d",
                "system": "http://unitsofmeasure.org",
                "code": "d",
            },
            "duration": 60,
            "durationUnit": "min",
            "frequency": 1,
            "period": 8,
            "periodMax": 12,
            "periodUnit": "h",
        }
    }
    assert d["asNeededCodeableConcept"] == {"text": "fever"}
    assert d["route"] == {"text": "intravenous"}
    assert d["doseAndRate"] == [
        {"doseRange": {"low": {"value": 1, "unit": "g"}, "high": {"value": 2, "unit": "g"}}}
    ]
    assert d["maxDosePerPeriod"] == {
        "numerator": {"value": 4, "unit": "g"},
        "denominator": {
            "value": 1,
            "unit": "d",
            "system": "http://unitsofmeasure.org",
            "code": "d",
        },
    }


def test_days_of_the_week_map_to_timing_repeat_day_of_week() -> None:
    (e,) = entries(bundle_for("warfarin 1.5 tabs po once daily on weekends"))
    r = e["resource"]
    assert isinstance(r, dict)
    (d,) = r["dosageInstruction"]  # pyright: ignore[reportUnknownVariableType]
    assert d["timing"] == {  # R4 Timing.repeat.dayOfWeek (days-of-week codes)
        "repeat": {"frequency": 1, "period": 1, "periodUnit": "d", "dayOfWeek": ["sat", "sun"]}
    }


def test_daily_total_is_a_rate_per_day_next_to_the_dose_of_one_administration() -> None:
    from nlfhir.adapters.local_validation import LocalR4Validator

    bundle = bundle_for("cephalexin 10 mg/kg/day divided BID")
    (e,) = entries(bundle)
    (d,) = e["resource"]["dosageInstruction"]  # type: ignore[index]
    (dr,) = d["doseAndRate"]  # pyright: ignore[reportUnknownVariableType]
    assert (dr["doseQuantity"]["value"], dr["doseQuantity"]["unit"]) == (5, "mg/kg")
    assert dr["rateRatio"]["numerator"]["value"] == 10
    assert dr["rateRatio"]["denominator"] == {
        "value": 1,
        "unit": "d",
        "system": "http://unitsofmeasure.org",
        "code": "d",
    }
    validator = LocalR4Validator()
    validator.load()
    outcome = validator.check(bundle)
    assert outcome.valid, outcome.issues


def test_duration_max_is_written_with_the_duration() -> None:
    (e,) = entries(bundle_for("lorazepam 2 mg IV over 2-5 minutes every 15 minutes prn"))
    (d,) = e["resource"]["dosageInstruction"]  # type: ignore[index]
    repeat = d["timing"]["repeat"]  # pyright: ignore[reportUnknownVariableType]
    assert (repeat["duration"], repeat["durationMax"], repeat["durationUnit"]) == (2, 5, "min")


def test_additional_instructions_are_written_as_text() -> None:
    (e,) = entries(bundle_for("metformin 500 mg po bid, swallow whole"))
    (d,) = e["resource"]["dosageInstruction"]  # type: ignore[index]
    assert d["additionalInstruction"] == [{"text": "swallow whole"}]


def test_a_concepts_text_has_only_plain_spaces() -> None:
    from nlfhir.domain.codes import Concept
    from nlfhir.domain.mapping.datatypes import codeable

    assert codeable(Concept(text="Metformin\u00a0ER  500"))["text"] == "Metformin ER 500"


def test_how_many_of_a_service_is_its_quantity_and_validates() -> None:
    from nlfhir.adapters.local_validation import LocalR4Validator

    bundle = bundle_for("Order CBC x2")
    (e,) = entries(bundle)
    assert e["resource"]["quantityQuantity"] == {"value": 2}  # type: ignore[index]
    validator = LocalR4Validator()
    validator.load()
    outcome = validator.check(bundle)
    assert outcome.valid, outcome.issues
