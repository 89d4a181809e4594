"""LocalR4Validator: checks Bundles against the official R4 4.0.1 definitions, offline.

What it checks and what it does not is recorded in adr/0002-local-r4-validation.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from nlfhir.adapters.local_validation.definitions import R4Definitions
from nlfhir.adapters.local_validation.invariants import Invariants
from nlfhir.adapters.local_validation.walker import Walker
from nlfhir.domain.validation import Severity, ValidationIssue, ValidationOutcome
from nlfhir.ports.validation import BundleValidator

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping


class LocalR4Validator(BundleValidator):
    """Structure, cardinality, primitive formats, required bindings and FHIRPath invariants."""

    def __init__(self) -> None:
        self._defs: R4Definitions | None = None
        self._invariants = Invariants()

    @property
    def name(self) -> str:
        return "local"

    @property
    def loaded(self) -> bool:
        return self._defs is not None

    @property
    def source(self) -> Mapping[str, str]:
        """The package, FHIR version and tarball digest the definitions were built from."""
        return self._load().meta

    def load(self) -> None:
        self._load()

    def _load(self) -> R4Definitions:
        if self._defs is None:
            self._defs = R4Definitions()
        return self._defs

    async def validate(self, bundle: Mapping[str, object]) -> ValidationOutcome:
        return self.check(bundle)

    def check(self, bundle: Mapping[str, object]) -> ValidationOutcome:
        walker = Walker(self._load(), self._invariants)
        walker.resource(dict(bundle), str(bundle.get("resourceType", "Bundle")))
        if bundle.get("resourceType") == "Bundle":
            _references(bundle, walker)
        return ValidationOutcome(validated_by=self.name, issues=tuple(_dedupe(walker.issues)))


def _references(bundle: Mapping[str, object], walker: Walker) -> None:
    """Every urn:uuid reference resolves to an entry's fullUrl (R4 transaction processing)."""
    entries: Any = bundle.get("entry") or []
    if not isinstance(entries, list):
        return
    full_urls = {e.get("fullUrl") for e in entries if isinstance(e, dict)}  # pyright: ignore[reportUnknownMemberType,reportUnknownVariableType]
    for i, entry in enumerate(entries):  # pyright: ignore[reportUnknownVariableType,reportUnknownArgumentType]
        if not isinstance(entry, dict):
            continue
        for where, ref in _refs(entry.get("resource"), f"Bundle.entry[{i}].resource"):  # pyright: ignore[reportUnknownMemberType]
            if ref.startswith("urn:uuid:") and ref not in full_urls:
                walker.issue(
                    Severity.ERROR,
                    "not-found",
                    where,
                    f"reference {ref} does not resolve to any entry's fullUrl",
                )


def _refs(node: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():  # pyright: ignore[reportUnknownVariableType]
            if key == "reference" and isinstance(value, str):
                yield f"{where}.reference", value
            else:
                yield from _refs(value, f"{where}.{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):  # pyright: ignore[reportUnknownVariableType,reportUnknownArgumentType]
            yield from _refs(item, f"{where}[{i}]")


def _dedupe(issues: list[ValidationIssue]) -> list[ValidationIssue]:
    seen: set[tuple[str, str, str | None]] = set()
    out: list[ValidationIssue] = []
    for i in issues:
        key = (i.code, i.diagnostics, i.expression)
        if key not in seen:
            seen.add(key)
            out.append(i)
    return out
