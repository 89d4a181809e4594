"""Request bodies and problem responses in the OpenAPI document.

Handlers read raw bodies (to answer 400, 415 and 422 problems precisely), so Litestar cannot
infer their schemas; these operation classes declare them from the same msgspec Structs, and
list the RFC 9457 problems each operation can answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec
from litestar.openapi.spec import (
    OpenAPIMediaType,
    OpenAPIResponse,
    Operation,
    RequestBody,
    Schema,
)
from litestar.openapi.spec.enums import OpenAPIType

from nlfhir.adapters.http_api import schemas as s

_KEYS = {
    "minLength": "min_length",
    "maxLength": "max_length",
    "minItems": "min_items",
    "maxItems": "max_items",
    "additionalProperties": "additional_properties",
}


def _schema(raw: dict[str, Any], defs: dict[str, Any]) -> Schema:
    """A Litestar Schema from msgspec's JSON Schema, with references inlined."""
    if "$ref" in raw:
        return _schema(defs[str(raw["$ref"]).rsplit("/", 1)[1]], defs)
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "type":
            kwargs["type"] = OpenAPIType(value)
        elif key == "properties":
            kwargs["properties"] = {k: _schema(v, defs) for k, v in value.items()}
        elif key == "items":
            kwargs["items"] = _schema(value, defs)
        elif key == "anyOf":
            kwargs["any_of"] = [_schema(v, defs) for v in value]
        elif key in ("required", "title", "description", "default", "enum"):
            kwargs[key] = value
        elif key in _KEYS:
            kwargs[_KEYS[key]] = value
    return Schema(**kwargs)


def _request_schema(struct: type[msgspec.Struct]) -> Schema:
    (ref,), defs = msgspec.json.schema_components([struct])
    return _schema(ref, defs)


def _body(struct: type[msgspec.Struct], description: str) -> RequestBody:
    return RequestBody(
        content={"application/json": OpenAPIMediaType(schema=_request_schema(struct))},
        required=True,
        description=description,
    )


def _bundle_body(description: str) -> RequestBody:
    return RequestBody(
        content={
            "application/fhir+json": OpenAPIMediaType(
                schema=Schema(type=OpenAPIType.OBJECT, description="A FHIR R4 Bundle resource")
            )
        },
        required=True,
        description=description,
    )


_PROBLEMS = {
    "400": "Malformed JSON or a body that is not UTF-8",
    "401": "No or an unknown API key (when authentication is on)",
    "403": "The API key lacks this endpoint's scope",
    "413": "Request body over the size limit",
    "415": "Content type is not JSON",
    "422": "The body breaks the schema or its limits",
    "429": "Rate limit exceeded (see Retry-After)",
}


def _problems(extra: dict[str, str]) -> dict[str, OpenAPIResponse]:
    schema = _request_schema(s.Problem)
    media = {"application/problem+json": OpenAPIMediaType(schema=schema)}
    return {
        code: OpenAPIResponse(description=why, content=media)
        for code, why in {**_PROBLEMS, **extra}.items()
    }


_UNAVAILABLE = {
    "503": "Policy `hapi` and HAPI cannot answer: no verdict is given (see Retry-After)"
}


@dataclass
class ConvertOperation(Operation):
    def __post_init__(self) -> None:
        self.request_body = _body(s.ConvertRequest, "Order text and an optional patient")
        self.responses = {**(self.responses or {}), **_problems(_UNAVAILABLE)}


@dataclass
class BatchOperation(Operation):
    def __post_init__(self) -> None:
        self.request_body = _body(s.BatchRequest, f"Up to {s.MAX_BATCH} texts")
        self.responses = {**(self.responses or {}), **_problems({})}


@dataclass
class BundleOperation(Operation):
    def __post_init__(self) -> None:
        self.request_body = _bundle_body("A FHIR R4 Bundle (application/json also accepted)")
        self.responses = {**(self.responses or {}), **_problems(_UNAVAILABLE)}


@dataclass
class ExecuteOperation(Operation):
    def __post_init__(self) -> None:
        self.request_body = _bundle_body("A FHIR R4 transaction Bundle")
        self.responses = {
            **(self.responses or {}),
            **_problems(
                {
                    "422": "The body breaks the schema, or the FHIR server rejected the "
                    "transaction (its OperationOutcome in `operation_outcome`; nothing written)",
                    "501": "No FHIR server is configured (NLFHIR_HAPI_URL)",
                    "503": "The FHIR server could not be reached or did not answer; `detail` "
                    "says whether anything may have been written",
                }
            ),
        }
