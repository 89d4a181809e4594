"""FHIRPath invariants of the R4 definitions, compiled once and evaluated with fhirpathpy.

ele-1 ("must have a value or children") and txt-1/txt-2 (narrative HTML) are checked natively by
the walker. Invariants about
contained resources (dom-2..dom-5) are skipped when a resource has none, where they hold
trivially. An expression fhirpathpy cannot evaluate is reported once as an information issue,
never silently passed as checked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import fhirpathpy  # pyright: ignore[reportMissingTypeStubs]
from fhirpathpy.models import models as _models  # pyright: ignore[reportMissingTypeStubs,reportUnknownVariableType]

from nlfhir.domain.validation import Severity

if TYPE_CHECKING:
    from collections.abc import Callable

    from nlfhir.adapters.local_validation.definitions import ElementDef
    from nlfhir.adapters.local_validation.walker import Walker

_NATIVE = frozenset({"ele-1", "txt-1", "txt-2"})
_R4_MODEL = cast("dict[str, Any]", _models["r4"])  # pyright: ignore[reportUnknownMemberType]


def _no_trace(*_args: object) -> None:
    """trace() appears in R4 invariants; it must not print to stdout."""


_OPTIONS: dict[str, Any] = {"traceFn": _no_trace}
_CONTAINED = frozenset({"dom-2", "dom-3", "dom-4", "dom-5"})
_SEVERITY = {"error": Severity.ERROR, "warning": Severity.WARNING}


class Invariants:
    def __init__(self) -> None:
        self._compiled: dict[str, Callable[..., list[Any]] | None] = {}
        self.unevaluated: set[str] = set()

    def _get(self, expression: str) -> Callable[..., list[Any]] | None:
        if expression not in self._compiled:
            try:
                # hasValue() is read as exists(): a primitive's value or extensions are there
                # (fhirpathpy lacks hasValue; only ele-1 differs, and it is checked natively).
                source = expression.replace("hasValue()", "exists()")
                self._compiled[expression] = fhirpathpy.compile(  # pyright: ignore[reportUnknownMemberType]
                    source, _R4_MODEL, _OPTIONS
                )
            except Exception:  # noqa: BLE001 - fhirpathpy raises bare errors on unsupported syntax
                self._compiled[expression] = None
        return self._compiled[expression]

    def check(self, walker: Walker, el: ElementDef, node: Any, where: str, resource: Any) -> None:
        for key, severity, expression, human in el.constraints:
            if key in _NATIVE or (key in _CONTAINED and not _has_contained(resource)):
                continue
            result = self._evaluate(expression, node, resource)
            if result is None:
                if key not in self.unevaluated:
                    self.unevaluated.add(key)
                    walker.issue(
                        Severity.INFORMATION,
                        "informational",
                        where,
                        f"{key}: invariant not evaluated by the local validator",
                    )
            elif not result:
                walker.issue(
                    _SEVERITY.get(severity, Severity.WARNING), "invariant", where, f"{key}: {human}"
                )

    def _evaluate(self, expression: str, node: Any, resource: Any) -> bool | None:
        fn = self._get(expression)
        if fn is None:
            return None
        try:
            out = fn(node, {"resource": resource, "rootResource": resource})
        except Exception:  # noqa: BLE001 - an evaluation failure is reported, not hidden
            return None
        return all(v is True for v in out) if out else True


def _has_contained(resource: Any) -> bool:
    return isinstance(resource, dict) and "contained" in resource
