"""What the use cases and the HTTP edge report to operators. Never clinical text or patient ids."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from contextlib import AbstractContextManager


class RequestScope(Protocol):
    """One HTTP request being observed: its trace id (if tracing), closed once with the result."""

    @property
    def trace_id(self) -> str | None: ...

    def finish(self, *, route: str, method: str, status: int, duration_s: float) -> None: ...


class Telemetry(Protocol):
    """Counters, durations and spans.

    Every argument is a bounded, non-identifying value (outcome names, resource types, route
    templates, counts); implementations must never be handed clinical text.
    """

    def request(self, *, request_id: str) -> RequestScope:
        """Open the observation of one request (span, in-flight gauge, log context)."""
        ...

    def span(self, name: str) -> AbstractContextManager[None]:
        """A timed unit of work, nested under the current one (extract, map, validate ...)."""
        ...

    def conversion(self, *, outcome: str, duration_s: float) -> None: ...

    def orders(self, *, resource_type: str, count: int) -> None: ...

    def unparsed(self, *, count: int) -> None: ...

    def extraction(self, *, extractor: str, duration_s: float) -> None: ...

    def validation(self, *, validator: str, result: str, degraded: bool) -> None: ...

    def fhir_call(self, *, operation: str, duration_s: float, error: str | None) -> None: ...

    def breaker(self, *, dependency: str, state: str) -> None:
        """A circuit breaker changed state (closed, open, half_open)."""
        ...

    def model(self, *, extractor: str, loaded: bool) -> None:
        """An extractor's model finished loading, or failed to."""
        ...
