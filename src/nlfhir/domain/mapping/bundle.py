"""Orders to one R4 transaction Bundle: every entry POSTed, internal references by urn:uuid."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from nlfhir.domain.mapping import resources as rs
from nlfhir.domain.mapping.datatypes import Json, codeable
from nlfhir.domain.orders import MedicationOrder, Order, ServiceOrder
from nlfhir.domain.patient import PatientRef

if TYPE_CHECKING:
    from nlfhir.domain.codes import Concept

NO_PATIENT_DISPLAY = "Patient not identified: the caller supplied no patient reference"


class ReasonMode(StrEnum):
    """How an order's reason is written.

    ``code``: ``reasonCode`` on the request (default). The clinician stated an indication for
    this order; that is not a diagnosis to add to the patient's problem list.
    ``condition``: a Condition resource in the bundle, referenced by ``reasonReference``, for
    deployments whose EHR expects indications as Conditions.
    """

    CODE = "code"
    CONDITION = "condition"


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class BundleContext:
    """What the mapping needs from outside: the patient, the time, and a source of fresh ids."""

    patient: PatientRef | None
    authored_on: str
    new_id: Callable[[], str]
    reason_mode: ReasonMode = ReasonMode.CODE

    def __init__(
        self,
        *,
        patient: PatientRef | None,
        authored_on: str,
        new_id: Callable[[], str],
        reason_mode: ReasonMode = ReasonMode.CODE,
    ) -> None:
        object.__setattr__(self, "patient", patient)
        object.__setattr__(self, "authored_on", authored_on)
        object.__setattr__(self, "new_id", new_id)
        object.__setattr__(self, "reason_mode", reason_mode)


def subject_of(patient: PatientRef | None) -> Json:
    """The caller's patient; with none given, a display that says so (never an invented one)."""
    if patient is None:
        return {"display": NO_PATIENT_DISPLAY}
    return {"reference": patient.conditional_reference()}


def build_bundle(orders: Sequence[Order], ctx: BundleContext) -> Json:
    subject = subject_of(ctx.patient)
    entries: list[Json] = []
    conditions: dict[str, str] = {}

    def reason(concept: Concept | None) -> Json | None:
        if concept is None:
            return None
        if ctx.reason_mode is ReasonMode.CODE:
            return {"reasonCode": [codeable(concept)]}
        key = concept.text.lower()
        if key not in conditions:
            url = f"urn:uuid:{ctx.new_id()}"
            conditions[key] = url
            entries.append(_entry(url, rs.condition(concept, subject, ctx.authored_on)))
        return {"reasonReference": [{"reference": conditions[key]}]}

    for order in orders:
        resource = _resource(order, subject, ctx.authored_on, reason)
        entries.append(_entry(f"urn:uuid:{ctx.new_id()}", resource))
    bundle: Json = {"resourceType": "Bundle", "type": "transaction"}
    if entries:  # R4: an empty array is not a value
        bundle["entry"] = entries
    return bundle


def _resource(
    order: Order, subject: Json, authored_on: str, reason: Callable[[Concept | None], Json | None]
) -> Json:
    if isinstance(order, MedicationOrder):
        return rs.medication_request(order, subject, authored_on, reason(order.indication))
    if isinstance(order, ServiceOrder):
        return rs.service_request(order, subject, authored_on, reason(order.reason))
    return rs.allergy_intolerance(order, subject, authored_on)


def _entry(full_url: str, resource: Json) -> Json:
    return {
        "fullUrl": full_url,
        "resource": resource,
        "request": {"method": "POST", "url": str(resource["resourceType"])},
    }
