"""The R4 4.0.1 definitions as lookup tables: elements by type and parent path, value sets."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, cast

PRIMITIVE_JSON: dict[str, tuple[type, ...]] = {
    "boolean": (bool,),
    "integer": (int,),
    "positiveInt": (int,),
    "unsignedInt": (int,),
    "decimal": (int, float),
}


@dataclass(frozen=True, slots=True)
class ElementDef:
    """One element of a StructureDefinition snapshot, reduced to what validation needs."""

    name: str
    path: str
    min: int
    max: str
    types: tuple[str, ...]
    ref: str | None
    binding: str | None
    constraints: tuple[tuple[str, str, str, str], ...]
    choice: bool

    @property
    def many(self) -> bool:
        return self.max != "1"


@dataclass(slots=True)
class TypeDef:
    name: str
    kind: str
    regex: str | None
    root: ElementDef | None
    children: dict[str, dict[str, ElementDef]] = field(
        default_factory=dict[str, dict[str, ElementDef]]
    )


class R4Definitions:
    """Loaded once from package data; read-only afterwards."""

    def __init__(self) -> None:
        raw = (
            resources.files("nlfhir.adapters.local_validation")
            .joinpath("data/r4.json.gz")
            .read_bytes()
        )
        data = cast("dict[str, Any]", json.loads(gzip.decompress(raw)))
        self.meta: dict[str, str] = data["meta"]
        self.types: dict[str, TypeDef] = {n: _type(n, t) for n, t in data["types"].items()}
        self.valuesets: dict[str, frozenset[tuple[str, str]]] = {
            url: frozenset((s, c) for s, c in codes) for url, codes in data["valuesets"].items()
        }

    def is_primitive(self, name: str) -> bool:
        t = self.types.get(name)
        return t is not None and t.kind == "primitive-type"

    def is_resource(self, name: str) -> bool:
        t = self.types.get(name)
        return t is not None and t.kind == "resource"


def _type(name: str, raw: dict[str, Any]) -> TypeDef:
    t = TypeDef(name=name, kind=raw["kind"], regex=raw.get("regex"), root=None)
    for path, e in raw["elements"].items():
        parent, _, last = path.rpartition(".")
        choice = last.endswith("[x]")
        el = ElementDef(
            name=last[:-3] if choice else last,
            path=path,
            min=int(e["min"]),
            max=str(e["max"]),
            types=tuple(e["types"]),
            ref=e.get("ref"),
            binding=e.get("binding"),
            constraints=tuple(tuple(c) for c in e.get("constraints", [])),  # type: ignore[misc]
            choice=choice,
        )
        if path == "":
            t.root = el
        else:
            t.children.setdefault(parent, {})[el.name] = el
    return t
