"""Request bodies in the OpenAPI document.

Handlers read raw bodies (to answer 400, 415 and 422 problems precisely), so Litestar cannot
infer their schemas; these operation classes declare them from the same msgspec Structs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec
from litestar.openapi.spec import OpenAPIMediaType, Operation, RequestBody, Schema
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


@dataclass
class ConvertOperation(Operation):
    def __post_init__(self) -> None:
        self.request_body = _body(s.ConvertRequest, "Order text and an optional patient")


@dataclass
class BatchOperation(Operation):
    def __post_init__(self) -> None:
        self.request_body = _body(s.BatchRequest, f"Up to {s.MAX_BATCH} texts")


@dataclass
class BundleOperation(Operation):
    def __post_init__(self) -> None:
        self.request_body = _bundle_body("A FHIR R4 Bundle (application/json also accepted)")
