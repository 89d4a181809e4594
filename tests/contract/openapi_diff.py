"""What counts as a breaking change of the v1 API (adr/0008-api-versioning.md).

Breaking: a removed path or method; a removed property of any schema; a changed property type;
a removed enum value; a request field that becomes required. Additive changes (a new path,
property, enum value or optional field) are not breaking: refresh the snapshot for those.
"""

from __future__ import annotations

from typing import Any, cast

Json = dict[str, Any]


def breaking_changes(old: Json, new: Json) -> list[str]:
    problems = _paths(old, new)
    old_schemas = old.get("components", {}).get("schemas", {})
    new_schemas = new.get("components", {}).get("schemas", {})
    requests = _request_schemas(new)
    for name, schema in old_schemas.items():
        if name not in new_schemas:
            problems.append(f"schema {name} removed")
            continue
        problems += _schema(name, schema, new_schemas[name], request=name in requests)
    return problems


def _paths(old: Json, new: Json) -> list[str]:
    out: list[str] = []
    for path, ops in old.get("paths", {}).items():
        if path not in new.get("paths", {}):
            out.append(f"path {path} removed")
            continue
        for method, op in ops.items():
            if method not in new["paths"][path]:
                out.append(f"{method.upper()} {path} removed")
                continue
            label = f"{method.upper()} {path} request"
            out += _schema(label, _body(op), _body(new["paths"][path][method]), request=True)
    return out


def _obj(value: Any) -> Json:
    return cast("Json", value) if isinstance(value, dict) else {}


def _body(op: Json) -> Json:
    """The inline JSON request schema of an operation ({} when it has none or a $ref)."""
    content = _obj(_obj(op.get("requestBody")).get("content"))
    schema = _obj(_obj(content.get("application/json")).get("schema"))
    return {} if "$ref" in schema else schema


def _request_schemas(doc: Json) -> set[str]:
    names: set[str] = set()
    for ops in _obj(doc.get("paths")).values():
        for op in _obj(ops).values():
            content = _obj(_obj(_obj(op).get("requestBody")).get("content"))
            for media in content.values():
                ref = str(_obj(_obj(media).get("schema")).get("$ref", ""))
                if ref:
                    names.add(ref.rsplit("/", 1)[1])
    return names


def _schema(name: str, old: Json, new: Json, *, request: bool) -> list[str]:
    out: list[str] = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for prop, spec in old_props.items():
        if prop not in new_props:
            out.append(f"{name}.{prop} removed")
            continue
        if _type(spec) != _type(new_props[prop]):
            out.append(f"{name}.{prop} changed type {_type(spec)} -> {_type(new_props[prop])}")
        gone = set(spec.get("enum", [])) - set(new_props[prop].get("enum", []))
        if gone:
            out.append(f"{name}.{prop} lost enum values {sorted(gone)}")
    if request:
        newly = set(new.get("required", [])) - set(old.get("required", []))
        out += [f"{name}.{field} became required" for field in sorted(newly)]
    return out


def _type(spec: Json) -> str:
    if "$ref" in spec:
        return str(spec["$ref"])
    if "oneOf" in spec or "anyOf" in spec:
        return "|".join(sorted(_type(s) for s in spec.get("oneOf", spec.get("anyOf", []))))
    return str(spec.get("type", "any"))
