"""Walks a resource against its StructureDefinition: elements, cardinality, types, bindings.

Issues use OperationOutcome issue-type codes (structure, required, value, code-invalid,
invariant) and FHIRPath-like locations such as ``Bundle.entry[0].resource.status``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, cast

from nlfhir.adapters.local_validation.definitions import (
    PRIMITIVE_JSON,
    ElementDef,
    R4Definitions,
    TypeDef,
)
from nlfhir.adapters.local_validation.narrative import narrative_problems
from nlfhir.domain.validation import Severity, ValidationIssue

if TYPE_CHECKING:
    from nlfhir.adapters.local_validation.invariants import Invariants

_REGEX_CACHE: dict[str, re.Pattern[str]] = {}


def _regex(pattern: str) -> re.Pattern[str]:
    if pattern not in _REGEX_CACHE:
        _REGEX_CACHE[pattern] = re.compile(pattern)
    return _REGEX_CACHE[pattern]


class Walker:
    """One walk over one Bundle (or resource); collects issues, never raises on bad input."""

    def __init__(self, defs: R4Definitions, invariants: Invariants) -> None:
        self.defs = defs
        self.inv = invariants
        self.issues: list[ValidationIssue] = []
        self._resource: Any = None

    def issue(self, severity: Severity, code: str, where: str, text: str) -> None:
        self.issues.append(
            ValidationIssue(severity=severity, code=code, diagnostics=text, expression=where)
        )

    def resource(self, value: Any, where: str) -> None:
        """A resource: its type from ``resourceType``, then its elements and invariants."""
        if not isinstance(value, dict):
            self.issue(Severity.ERROR, "structure", where, "a resource must be a JSON object")
            return
        rtype = cast("dict[str, Any]", value).get("resourceType")
        if not isinstance(rtype, str) or not self.defs.is_resource(rtype):
            self.issue(Severity.ERROR, "structure", where, f"unknown resourceType {rtype!r}")
            return
        outer, self._resource = self._resource, value
        tdef = self.defs.types[rtype]
        self.object(value, tdef, "", where, resource_root=True)  # pyright: ignore[reportUnknownArgumentType]
        if tdef.root is not None:
            self.inv.check(self, tdef.root, value, where, self._resource)
        self._resource = outer

    def object(
        self,
        obj: dict[str, Any],
        tdef: TypeDef,
        prefix: str,
        where: str,
        *,
        resource_root: bool = False,
    ) -> None:
        children = tdef.children.get(prefix, {})
        if not obj:
            self.issue(
                Severity.ERROR,
                "invariant",
                where,
                "ele-1: All FHIR elements must have a @value or children",
            )
        seen: dict[str, int] = {}
        for key, value in obj.items():
            if resource_root and key == "resourceType":
                continue
            el, typ = _resolve(children, key.removeprefix("_"))
            if el is None or typ is None:
                self.issue(
                    Severity.ERROR,
                    "structure",
                    f"{where}.{key}",
                    f"unknown element '{key}' in {tdef.name}",
                )
                continue
            if key.startswith("_"):
                continue  # a primitive's id/extensions; its value is checked under the plain key
            seen[el.name] = seen.get(el.name, 0) + (len(value) if isinstance(value, list) else 1)  # pyright: ignore[reportUnknownArgumentType]
            self.values(value, el, typ, tdef, f"{where}.{key}")
        for name, el in children.items():
            if seen.get(name, 0) < el.min:
                self.issue(
                    Severity.ERROR,
                    "required",
                    f"{where}.{name}",
                    f"{tdef.name}.{el.path}: minimum required = {el.min}, "
                    f"but only found {seen.get(name, 0)}",
                )

    def values(self, value: Any, el: ElementDef, typ: str, tdef: TypeDef, where: str) -> None:
        if isinstance(value, list) != el.many:
            shape = "an array" if el.many else "a single value, not an array"
            self.issue(Severity.ERROR, "structure", where, f"{el.path} must be {shape}")
            return
        items: list[Any] = value if isinstance(value, list) else [value]  # pyright: ignore[reportUnknownVariableType]
        if not items:
            self.issue(Severity.ERROR, "structure", where, "arrays must not be empty")
        if el.max not in ("*", "0") and len(items) > int(el.max):
            self.issue(
                Severity.ERROR,
                "structure",
                where,
                f"{el.path}: at most {el.max} allowed, found {len(items)}",
            )
        for i, item in enumerate(items):
            at = f"{where}[{i}]" if el.many else where
            if item is None:
                self.issue(Severity.ERROR, "structure", at, "null is not a FHIR value")
                continue
            self.value(item, el, typ, tdef, at)

    def value(self, item: Any, el: ElementDef, typ: str, tdef: TypeDef, where: str) -> None:
        if el.ref is not None:
            owner, _, prefix = el.ref.partition(".")
            self._complex(item, self.defs.types[owner], prefix, where)
        elif typ in ("BackboneElement", "Element") and el.path in tdef.children:
            self._complex(item, tdef, el.path, where)
        elif typ == "Resource" or self.defs.is_resource(typ):
            self.resource(item, where)
        elif typ == "xhtml":
            self._xhtml(item, where)
        elif self.defs.is_primitive(typ):
            self._primitive(item, typ, where)
        else:
            sub = self.defs.types.get(typ)
            if sub is not None:
                self._complex(item, sub, "", where)
                if sub.root is not None:
                    self.inv.check(self, sub.root, item, where, self._resource)
        if el.binding is not None:
            self._binding(item, typ, el, where)
        self.inv.check(self, el, item, where, self._resource)

    def _xhtml(self, item: Any, where: str) -> None:
        if not isinstance(item, str) or not item.startswith("<div"):
            self.issue(Severity.ERROR, "value", where, "narrative div must be an xhtml <div>")
            return
        for problem in narrative_problems(item):
            self.issue(Severity.ERROR, "invariant", where, problem)

    def _complex(self, item: Any, tdef: TypeDef, prefix: str, where: str) -> None:
        if not isinstance(item, dict):
            self.issue(Severity.ERROR, "structure", where, f"{tdef.name} must be a JSON object")
            return
        self.object(item, tdef, prefix, where)  # pyright: ignore[reportUnknownArgumentType]

    def _primitive(self, item: Any, typ: str, where: str) -> None:
        want = PRIMITIVE_JSON.get(typ, (str,))
        if (isinstance(item, bool) and bool not in want) or not isinstance(item, want):
            self.issue(
                Severity.ERROR,
                "structure",
                where,
                f"{typ} must be a JSON {'/'.join(t.__name__ for t in want)}",
            )
            return
        pattern = self.defs.types[typ].regex
        if isinstance(item, str) and pattern and not _regex(pattern).fullmatch(item):
            self.issue(Severity.ERROR, "value", where, f"not a valid {typ}: {item[:40]!r}")

    def _binding(self, item: Any, typ: str, el: ElementDef, where: str) -> None:
        assert el.binding is not None  # noqa: S101 - caller checked
        allowed = self.defs.valuesets.get(el.binding)
        if allowed is None:
            return  # a value set the package cannot enumerate (see ADR 0002)
        codes = {c for _, c in allowed}
        if typ == "code" and isinstance(item, str) and item not in codes:
            self.issue(
                Severity.ERROR,
                "code-invalid",
                where,
                f"'{item}' is not in the required value set {el.binding}",
            )
        elif typ in ("Coding", "CodeableConcept") and isinstance(item, dict):
            for system, code in _codings(cast("dict[str, Any]", item), typ):
                if system in {s for s, _ in allowed} and (system, code) not in allowed:
                    self.issue(
                        Severity.ERROR,
                        "code-invalid",
                        where,
                        f"code {code!r} is not in {el.binding}",
                    )


def _codings(node: dict[str, Any], typ: str) -> list[tuple[object, object]]:
    """(system, code) of a Coding, or of each coding of a CodeableConcept."""
    raw: Any = [node] if typ == "Coding" else node.get("coding", [])
    items = cast("list[object]", raw) if isinstance(raw, list) else []
    return [
        (cast("dict[str, object]", c).get("system"), cast("dict[str, object]", c).get("code"))
        for c in items
        if isinstance(c, dict)
    ]


def _resolve(children: dict[str, ElementDef], key: str) -> tuple[ElementDef | None, str | None]:
    el = children.get(key)
    if el is not None and not el.choice:
        return el, el.types[0] if el.types else "Element"
    for cand in children.values():
        if cand.choice and key.startswith(cand.name):
            suffix = key[len(cand.name) :]
            for t in cand.types:
                if t[:1].upper() + t[1:] == suffix:
                    return cand, t
    return None, None
