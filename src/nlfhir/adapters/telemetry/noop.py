"""A telemetry that records nothing: for embedding the core and for the CLI."""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext

from nlfhir.ports.telemetry import RequestScope, Telemetry


class _NoScope(RequestScope):
    @property
    def trace_id(self) -> str | None:
        return None

    def finish(self, *, route: str, method: str, status: int, duration_s: float) -> None:
        return None


class NoopTelemetry(Telemetry):
    def request(self, *, request_id: str) -> RequestScope:
        return _NoScope()

    def span(self, name: str) -> AbstractContextManager[None]:
        return nullcontext()

    def conversion(self, *, outcome: str, duration_s: float) -> None:
        return None

    def orders(self, *, resource_type: str, count: int) -> None:
        return None

    def unparsed(self, *, count: int) -> None:
        return None

    def extraction(self, *, extractor: str, duration_s: float) -> None:
        return None

    def validation(self, *, validator: str, result: str, degraded: bool) -> None:
        return None

    def fhir_call(self, *, operation: str, duration_s: float, error: str | None) -> None:
        return None

    def breaker(self, *, dependency: str, state: str) -> None:
        return None

    def model(self, *, extractor: str, loaded: bool) -> None:
        return None
