"""What the use cases report to operators. Never clinical text or patient identifiers."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol


class Telemetry(Protocol):
    """Counters, durations and spans for the use cases.

    Every argument is a bounded, non-identifying value (outcome names, resource types, counts);
    implementations must not be handed clinical text.
    """

    def span(self, name: str) -> AbstractContextManager[None]:
        """A timed unit of work, nested under the current one (extract, map, validate ...)."""
        ...

    def conversion(self, *, outcome: str, duration_s: float) -> None: ...

    def orders(self, *, resource_type: str, count: int) -> None: ...

    def unparsed(self, *, count: int) -> None: ...

    def extraction(self, *, extractor: str, duration_s: float) -> None: ...

    def validation(self, *, validator: str, result: str, degraded: bool) -> None: ...

    def fhir_call(self, *, operation: str, duration_s: float, error: str | None) -> None: ...
