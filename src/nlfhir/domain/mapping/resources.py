"""One rule per resource type: MedicationRequest, ServiceRequest, AllergyIntolerance, Condition.

The ServiceRequest category codes are the SNOMED CT members of the FHIR R4
``servicerequest-category`` value set, as listed in ../shared/terminology/snomed.csv (source:
hl7.fhir.r4.examples@4.0.1 Bundle-valueset-expansions.json#servicerequest-category, and Synthea
for 3457005). The status codes are those of the R4 code systems named in each coding.
"""

from __future__ import annotations

import html

from nlfhir.domain.codes import CodeSystem, Concept
from nlfhir.domain.mapping.datatypes import Json, codeable
from nlfhir.domain.mapping.dosage import dosage_json
from nlfhir.domain.orders import AllergyStatement, MedicationOrder, ServiceCategory, ServiceOrder

_CATEGORY = {
    ServiceCategory.LABORATORY: ("108252007", "Laboratory procedure"),
    ServiceCategory.IMAGING: ("363679005", "Imaging"),
    ServiceCategory.PROCEDURE: ("387713003", "Surgical procedure"),
    ServiceCategory.REFERRAL: ("3457005", "Patient referral"),
}
_ALLERGY_CLINICAL = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"
_ALLERGY_VERIFICATION = "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification"


def narrative(summary: str) -> Json:
    """A generated narrative so the resource reads on its own (R4 best practice dom-6)."""
    div = f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{html.escape(summary)}</p></div>'
    return {"status": "generated", "div": div}


def medication_request(
    order: MedicationOrder, subject: Json, authored_on: str, reason: Json | None
) -> Json:
    summary = "; ".join([order.medication.text, *(d.text for d in order.dosages if d.text)])
    out: Json = {
        "resourceType": "MedicationRequest",
        "text": narrative(summary),
        "status": order.status.value,
        "intent": order.intent.value,
        "medicationCodeableConcept": codeable(order.medication),
        "subject": subject,
        "authoredOn": authored_on,
    }
    if order.priority is not None:
        out["priority"] = order.priority.value
    if reason is not None:
        out.update(reason)
    dosages = [j for j in (dosage_json(d) for d in order.dosages) if j]
    if dosages:  # a line with nothing read is left out, never written as an empty element
        out["dosageInstruction"] = dosages
    return out


def service_request(
    order: ServiceOrder, subject: Json, authored_on: str, reason: Json | None
) -> Json:
    code, display = _CATEGORY[order.category]
    out: Json = {
        "resourceType": "ServiceRequest",
        "text": narrative(order.code.text),
        "status": order.status.value,
        "intent": order.intent.value,
        "category": [
            {
                "coding": [{"system": CodeSystem.SNOMED.value, "code": code, "display": display}],
                "text": order.category.value,
            }
        ],
        "code": codeable(order.code),
        "subject": subject,
        "authoredOn": authored_on,
    }
    if order.priority is not None:
        out["priority"] = order.priority.value
    if order.quantity is not None:
        out["quantityQuantity"] = {"value": order.quantity}
    if order.body_site is not None:
        out["bodySite"] = [codeable(order.body_site)]
    if reason is not None:
        out.update(reason)
    if order.occurrence_text:
        out["note"] = [{"text": f"Requested timing: {order.occurrence_text}"}]
    return out


def allergy_intolerance(statement: AllergyStatement, patient: Json, recorded: str) -> Json:
    summary = f"Allergy: {statement.substance.text}"
    if statement.reaction is not None:
        summary += f" (reaction: {statement.reaction.text})"
    out: Json = {
        "resourceType": "AllergyIntolerance",
        "text": narrative(summary),
        "clinicalStatus": {"coding": [{"system": _ALLERGY_CLINICAL, "code": "active"}]},
        "verificationStatus": {
            "coding": [{"system": _ALLERGY_VERIFICATION, "code": "unconfirmed"}]
        },
        "code": codeable(statement.substance),
        "patient": patient,
        "recordedDate": recorded,
    }
    if statement.reaction is not None:
        # How the reaction showed, as the text said it ("penicillin (rash)")
        out["reaction"] = [{"manifestation": [codeable(statement.reaction)]}]
    return out


def condition(concept: Concept, subject: Json, recorded: str) -> Json:
    return {
        "resourceType": "Condition",
        "text": narrative(concept.text),
        "code": codeable(concept),
        "subject": subject,
        "recordedDate": recorded,
    }
