"""OpenTelemetry traces through the API only; an SDK and exporter are enabled by configuration.

Span names are fixed strings (``HTTP POST /v1/convert``, ``extract`` ...) and attributes are
route templates, methods, status codes and request ids: never clinical text or patient ids.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

from opentelemetry import context, trace

from nlfhir.adapters.telemetry.noop import NoopTelemetry
from nlfhir.ports.telemetry import RequestScope

if TYPE_CHECKING:
    from collections.abc import Generator


_SERVER_ERROR = 500


class OtelTelemetry(NoopTelemetry):
    """Spans only; metrics go to Prometheus. Without an SDK installed this costs next to nothing."""

    def __init__(self, tracer_provider: trace.TracerProvider | None = None) -> None:
        provider = tracer_provider or trace.get_tracer_provider()
        self._tracer = provider.get_tracer("nlfhir")

    def request(self, *, request_id: str) -> RequestScope:
        return _Scope(self._tracer, request_id)

    def span(self, name: str) -> AbstractContextManager[None]:
        return self._span(name)

    @contextmanager
    def _span(self, name: str) -> Generator[None]:
        with self._tracer.start_as_current_span(name):
            yield

    def conversion(self, *, outcome: str, duration_s: float) -> None:
        trace.get_current_span().set_attribute("nlfhir.conversion.outcome", outcome)

    def unparsed(self, *, count: int) -> None:
        trace.get_current_span().set_attribute("nlfhir.unparsed.count", count)

    def extraction(self, *, extractor: str, duration_s: float) -> None:
        trace.get_current_span().set_attribute("nlfhir.extractor", extractor)

    def validation(self, *, validator: str, result: str, degraded: bool) -> None:
        span = trace.get_current_span()
        span.set_attribute("nlfhir.validator", validator)
        span.set_attribute("nlfhir.validation.result", result)
        span.set_attribute("nlfhir.validation.degraded", degraded)

    def fhir_call(self, *, operation: str, duration_s: float, error: str | None) -> None:
        if error is not None:
            trace.get_current_span().set_attribute("nlfhir.fhir.error", error)


class _Scope(RequestScope):
    """The request's root span, made current until finish() so use-case spans nest under it."""

    def __init__(self, tracer: trace.Tracer, request_id: str) -> None:
        self._span = tracer.start_span(
            "HTTP request", kind=trace.SpanKind.SERVER, attributes={"nlfhir.request_id": request_id}
        )
        self._token = context.attach(trace.set_span_in_context(self._span))
        ctx = self._span.get_span_context()
        self._trace_id = format(ctx.trace_id, "032x") if ctx.is_valid else None

    @property
    def trace_id(self) -> str | None:
        return self._trace_id

    def finish(self, *, route: str, method: str, status: int, duration_s: float) -> None:
        self._span.update_name(f"HTTP {method} {route}")
        self._span.set_attribute("http.route", route)
        self._span.set_attribute("http.request.method", method)
        self._span.set_attribute("http.response.status_code", status)
        if status >= _SERVER_ERROR:
            self._span.set_status(trace.Status(trace.StatusCode.ERROR))
        self._span.end()
        context.detach(self._token)
