"""Prometheus metrics (prometheus-client) on a registry of our own.

Label values are bounded by construction: route templates (never raw paths), methods, status
codes, outcome and resource-type names. Nothing here ever receives clinical text.
"""

from __future__ import annotations

import platform
import sys
from time import perf_counter

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    Info,
    gc_collector,
    generate_latest,
    platform_collector,
    process_collector,
)

from nlfhir import __version__
from nlfhir.adapters.telemetry.noop import NoopTelemetry
from nlfhir.ports.telemetry import RequestScope

_BREAKER = {"closed": 0.0, "half_open": 1.0, "open": 2.0}
_FAST = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class _Metrics:
    """The metric families; each is documented in runbooks/metrics.md."""

    def __init__(self, r: CollectorRegistry) -> None:
        self.http_requests = Counter(
            "nlfhir_http_requests",
            "HTTP requests answered",
            ["route", "method", "status"],
            registry=r,
        )
        self.http_duration = Histogram(
            "nlfhir_http_request_duration_seconds",
            "HTTP request duration",
            ["route", "method"],
            buckets=_FAST,
            registry=r,
        )
        self.in_flight = Gauge(
            "nlfhir_http_requests_in_flight", "Requests being served", registry=r
        )
        self.conversions = Counter(
            "nlfhir_conversions", "Conversions by outcome", ["outcome"], registry=r
        )
        self.conversion_duration = Histogram(
            "nlfhir_conversion_duration_seconds",
            "Conversion duration (extract+map+validate)",
            buckets=_FAST,
            registry=r,
        )
        self.orders = Counter(
            "nlfhir_orders", "Orders produced, by FHIR resource type", ["resource_type"], registry=r
        )
        self.unparsed = Counter(
            "nlfhir_unparsed_segments", "Text segments not understood", registry=r
        )
        self.extraction = Histogram(
            "nlfhir_extraction_duration_seconds",
            "Extraction duration",
            ["extractor"],
            buckets=_FAST,
            registry=r,
        )
        self.validations = Counter(
            "nlfhir_validations",
            "Validations by validator and result",
            ["validator", "result"],
            registry=r,
        )
        self.degraded = Counter(
            "nlfhir_validations_degraded",
            "Validations answered by a stand-in validator",
            ["validator"],
            registry=r,
        )
        self.fhir_duration = Histogram(
            "nlfhir_fhir_server_call_duration_seconds",
            "FHIR server call duration",
            ["operation"],
            registry=r,
        )
        self.fhir_errors = Counter(
            "nlfhir_fhir_server_errors",
            "FHIR server call failures",
            ["operation", "error"],
            registry=r,
        )
        self.breaker = Gauge(
            "nlfhir_circuit_breaker_state",
            "Circuit breaker state: 0 closed, 1 half-open, 2 open",
            ["dependency"],
            registry=r,
        )
        self.model = Gauge(
            "nlfhir_model_loaded",
            "1 when the extractor's model is loaded",
            ["extractor"],
            registry=r,
        )
        self.build = Info("nlfhir_build", "Version of the running service", registry=r)


class PrometheusTelemetry(NoopTelemetry):
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        process_collector.ProcessCollector(registry=self.registry)
        platform_collector.PlatformCollector(registry=self.registry)
        gc_collector.GCCollector(registry=self.registry)
        self._m = _Metrics(self.registry)
        self._m.build.info(
            {
                "version": __version__,
                "python": platform.python_version(),
                "implementation": sys.implementation.name,
            }
        )

    def render(self) -> tuple[bytes, str]:
        return generate_latest(self.registry), CONTENT_TYPE_LATEST

    def request(self, *, request_id: str) -> RequestScope:
        return _Scope(self._m)

    def conversion(self, *, outcome: str, duration_s: float) -> None:
        self._m.conversions.labels(outcome).inc()
        self._m.conversion_duration.observe(duration_s)

    def orders(self, *, resource_type: str, count: int) -> None:
        self._m.orders.labels(resource_type).inc(count)

    def unparsed(self, *, count: int) -> None:
        self._m.unparsed.inc(count)

    def extraction(self, *, extractor: str, duration_s: float) -> None:
        self._m.extraction.labels(extractor).observe(duration_s)

    def validation(self, *, validator: str, result: str, degraded: bool) -> None:
        self._m.validations.labels(validator, result).inc()
        if degraded:
            self._m.degraded.labels(validator).inc()

    def fhir_call(self, *, operation: str, duration_s: float, error: str | None) -> None:
        self._m.fhir_duration.labels(operation).observe(duration_s)
        if error is not None:
            self._m.fhir_errors.labels(operation, error).inc()

    def breaker(self, *, dependency: str, state: str) -> None:
        self._m.breaker.labels(dependency).set(_BREAKER.get(state, -1.0))

    def model(self, *, extractor: str, loaded: bool) -> None:
        self._m.model.labels(extractor).set(1.0 if loaded else 0.0)


class _Scope(RequestScope):
    __slots__ = ("_done", "_m", "_t0")

    def __init__(self, m: _Metrics) -> None:
        self._m = m
        self._t0 = perf_counter()
        self._done = False
        m.in_flight.inc()

    @property
    def trace_id(self) -> str | None:
        return None

    def finish(self, *, route: str, method: str, status: int, duration_s: float) -> None:
        if self._done:
            return
        self._done = True
        self._m.in_flight.dec()
        self._m.http_requests.labels(route, method, str(status)).inc()
        self._m.http_duration.labels(route, method).observe(duration_s)
