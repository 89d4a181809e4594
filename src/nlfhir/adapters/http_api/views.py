"""Hand mapping from domain results to wire Structs (msgspec style: no magic at the edge)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.adapters.http_api import schemas as s
from nlfhir.domain.conversion import Conversion, PatientStatus
from nlfhir.domain.orders import MedicationOrder, Order, ServiceOrder

if TYPE_CHECKING:
    from nlfhir.domain.validation import ValidationOutcome

_PATIENT_MESSAGES = {
    PatientStatus.REFERENCE: "subject is the caller's patient reference",
    PatientStatus.IDENTIFIER: "subject is a conditional reference on the caller's identifier",
    PatientStatus.MISSING: "no patient was given: the bundle's subject says the patient is not "
    "identified; supply 'patient' before executing it",
}


def convert_response(c: Conversion, text: str) -> s.ConvertResponse:
    return s.ConvertResponse(
        request_id=c.request_id,
        bundle=c.bundle,
        orders=[_order(o, text) for o in c.extraction.orders],
        unparsed=[
            s.UnparsedView(
                text=u.text, span=s.SpanView(start=u.span.start, end=u.span.end), reason=u.reason
            )
            for u in c.extraction.unparsed
        ],
        no_known_allergies=c.extraction.no_known_allergies,
        validation=validation_view(c.outcome),
        patient=s.PatientView(
            status=c.patient_status.value, message=_PATIENT_MESSAGES[c.patient_status]
        ),
        extractor=c.extractor,
        processing_ms=round(c.duration_ms, 3),
    )


def _order(o: Order, text: str) -> s.OrderView:
    span = s.SpanView(start=o.span.start, end=o.span.end)
    if isinstance(o, MedicationOrder):
        kind, concept, status = "MedicationRequest", o.medication, o.status.value
    elif isinstance(o, ServiceOrder):
        kind, concept, status = "ServiceRequest", o.code, o.status.value
    else:
        kind, concept, status = "AllergyIntolerance", o.substance, "active"
    return s.OrderView(
        resource_type=kind,
        name=concept.text,
        coded=concept.coded,
        span=span,
        text=text[o.span.start : o.span.end],
        extractor=o.source,
        status=status,
    )


def validation_view(o: ValidationOutcome) -> s.ValidationView:
    return s.ValidationView(
        valid=o.valid,
        validated_by=o.validated_by,
        degraded=o.degraded,
        reason=o.reason,
        error_count=o.error_count,
        warning_count=o.warning_count,
        issues=[
            s.IssueView(
                severity=i.severity.value,
                code=i.code,
                diagnostics=i.diagnostics,
                expression=i.expression,
            )
            for i in o.issues
        ],
    )
