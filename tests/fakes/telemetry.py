"""A telemetry fake that records every call, to check what the use cases report."""

from __future__ import annotations

from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

from nlfhir.adapters.telemetry.noop import NoopTelemetry
from nlfhir.ports.telemetry import RequestScope, Telemetry

if TYPE_CHECKING:
    from collections.abc import Generator


class RecordingTelemetry(Telemetry):
    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, object]]] = []
        self.spans: list[str] = []

    def span(self, name: str) -> AbstractContextManager[None]:
        return self._span(name)

    @contextmanager
    def _span(self, name: str) -> Generator[None]:
        self.spans.append(name)
        yield

    def conversion(self, *, outcome: str, duration_s: float) -> None:
        self.events.append(("conversion", {"outcome": outcome}))

    def orders(self, *, resource_type: str, count: int) -> None:
        self.events.append(("orders", {"resource_type": resource_type, "count": count}))

    def unparsed(self, *, count: int) -> None:
        self.events.append(("unparsed", {"count": count}))

    def extraction(self, *, extractor: str, duration_s: float) -> None:
        self.events.append(("extraction", {"extractor": extractor}))

    def validation(self, *, validator: str, result: str, degraded: bool) -> None:
        self.events.append(
            ("validation", {"validator": validator, "result": result, "degraded": degraded})
        )

    def fhir_call(self, *, operation: str, duration_s: float, error: str | None) -> None:
        self.events.append(("fhir_call", {"operation": operation, "error": error}))

    def request(self, *, request_id: str) -> RequestScope:
        self.events.append(("request", {}))
        return NoopTelemetry().request(request_id=request_id)

    def breaker(self, *, dependency: str, state: str) -> None:
        self.events.append(("breaker", {"dependency": dependency, "state": state}))

    def model(self, *, extractor: str, loaded: bool) -> None:
        self.events.append(("model", {"extractor": extractor, "loaded": loaded}))
