"""Wire types of the v1 API. Unknown fields are refused; limits are part of the contract."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

from nlfhir.domain.conversion import MAX_TEXT_CHARS

Text = Annotated[
    str,
    msgspec.Meta(min_length=1, max_length=MAX_TEXT_CHARS, description="Free-text clinical orders"),
]
PatientField = Annotated[
    str,
    msgspec.Meta(
        min_length=3,
        max_length=400,
        description="Patient/<id>, or <system>|<value> for a conditional reference",
    ),
]


class ConvertRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    text: Text
    patient: PatientField | None = None


class SpanView(msgspec.Struct, kw_only=True):
    start: int
    end: int


class OrderView(msgspec.Struct, kw_only=True):
    resource_type: str
    name: str
    coded: bool
    span: SpanView
    text: str
    extractor: str
    status: str


class UnparsedView(msgspec.Struct, kw_only=True):
    text: str
    span: SpanView
    reason: str


class IssueView(msgspec.Struct, kw_only=True):
    severity: str
    code: str
    diagnostics: str
    expression: str | None = None


class ValidationView(msgspec.Struct, kw_only=True):
    valid: bool
    validated_by: str
    degraded: bool
    reason: str | None
    error_count: int
    warning_count: int
    issues: list[IssueView]


class PatientView(msgspec.Struct, kw_only=True):
    status: str
    message: str


class ConvertResponse(msgspec.Struct, kw_only=True):
    request_id: str
    bundle: dict[str, Any]
    orders: list[OrderView]
    unparsed: list[UnparsedView]
    no_known_allergies: bool
    validation: ValidationView
    patient: PatientView
    extractor: str
    processing_ms: float


class ExecutedView(msgspec.Struct, kw_only=True):
    status: str
    location: str | None


class ExecuteResponse(msgspec.Struct, kw_only=True):
    request_id: str
    entries: list[ExecutedView]


class Problem(msgspec.Struct, kw_only=True, omit_defaults=True):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    request_id: str | None = None
    errors: list[str] | None = None
    operation_outcome: dict[str, Any] | None = None
    """The FHIR server's own OperationOutcome, unchanged (fhir-server-rejected only)."""


MAX_BATCH = 100
"""Most texts one /v1/convert/batch request may carry."""


class BatchItem(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    id: Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
    text: Text
    patient: PatientField | None = None


class BatchRequest(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    items: Annotated[list[BatchItem], msgspec.Meta(min_length=1, max_length=MAX_BATCH)]


class BatchResult(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One item's answer: ``status`` 200 with ``result``, or an error status with ``problem``."""

    id: str
    status: int
    result: ConvertResponse | None = None
    problem: Problem | None = None


class BatchResponse(msgspec.Struct, kw_only=True):
    request_id: str
    results: list[BatchResult]
