"""Several telemetries as one: spans from the first that traces, everything sent to all."""

from __future__ import annotations

from contextlib import AbstractContextManager, ExitStack, contextmanager
from typing import TYPE_CHECKING

from nlfhir.ports.telemetry import RequestScope, Telemetry

if TYPE_CHECKING:
    from collections.abc import Generator, Sequence


class CompositeTelemetry(Telemetry):
    def __init__(self, parts: Sequence[Telemetry]) -> None:
        self._parts = tuple(parts)

    def request(self, *, request_id: str) -> RequestScope:
        # Opened in order, so a tracer listed first makes its span current for the loggers.
        return _Scopes([p.request(request_id=request_id) for p in self._parts])

    def span(self, name: str) -> AbstractContextManager[None]:
        return self._span(name)

    @contextmanager
    def _span(self, name: str) -> Generator[None]:
        with ExitStack() as stack:
            for p in self._parts:
                stack.enter_context(p.span(name))
            yield

    def conversion(self, *, outcome: str, duration_s: float) -> None:
        for p in self._parts:
            p.conversion(outcome=outcome, duration_s=duration_s)

    def orders(self, *, resource_type: str, count: int) -> None:
        for p in self._parts:
            p.orders(resource_type=resource_type, count=count)

    def unparsed(self, *, count: int) -> None:
        for p in self._parts:
            p.unparsed(count=count)

    def extraction(self, *, extractor: str, duration_s: float) -> None:
        for p in self._parts:
            p.extraction(extractor=extractor, duration_s=duration_s)

    def validation(self, *, validator: str, result: str, degraded: bool) -> None:
        for p in self._parts:
            p.validation(validator=validator, result=result, degraded=degraded)

    def fhir_call(self, *, operation: str, duration_s: float, error: str | None) -> None:
        for p in self._parts:
            p.fhir_call(operation=operation, duration_s=duration_s, error=error)

    def breaker(self, *, dependency: str, state: str) -> None:
        for p in self._parts:
            p.breaker(dependency=dependency, state=state)

    def model(self, *, extractor: str, loaded: bool) -> None:
        for p in self._parts:
            p.model(extractor=extractor, loaded=loaded)


class _Scopes(RequestScope):
    def __init__(self, scopes: list[RequestScope]) -> None:
        self._scopes = scopes

    @property
    def trace_id(self) -> str | None:
        return next((s.trace_id for s in self._scopes if s.trace_id), None)

    def finish(self, *, route: str, method: str, status: int, duration_s: float) -> None:
        for s in reversed(self._scopes):
            s.finish(route=route, method=method, status=status, duration_s=duration_s)
