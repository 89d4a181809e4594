"""Prometheus telemetry: families exported with bounded labels and the right counts."""

from __future__ import annotations

import pytest

from nlfhir.adapters.telemetry.prometheus import PrometheusTelemetry

pytestmark = pytest.mark.unit


def text_of(t: PrometheusTelemetry) -> str:
    body, content_type = t.render()
    assert content_type.startswith("text/plain")
    return body.decode()


def test_counts_and_labels() -> None:
    t = PrometheusTelemetry()
    t.conversion(outcome="ok", duration_s=0.01)
    t.orders(resource_type="MedicationRequest", count=2)
    t.validation(validator="local", result="valid", degraded=True)
    t.breaker(dependency="hapi", state="open")
    scope = t.request(request_id="r1")
    scope.finish(route="/v1/convert", method="POST", status=200, duration_s=0.002)
    out = text_of(t)
    assert 'nlfhir_conversions_total{outcome="ok"} 1.0' in out
    assert 'nlfhir_orders_total{resource_type="MedicationRequest"} 2.0' in out
    assert 'nlfhir_validations_degraded_total{validator="local"} 1.0' in out
    assert 'nlfhir_circuit_breaker_state{dependency="hapi"} 2.0' in out
    assert 'nlfhir_http_requests_total{method="POST",route="/v1/convert",status="200"} 1.0' in out
    assert "nlfhir_http_requests_in_flight 0.0" in out
    assert "process_cpu_seconds_total" in out
    assert "nlfhir_build_info{" in out


def test_a_scope_finishes_once() -> None:
    t = PrometheusTelemetry()
    scope = t.request(request_id="r1")
    assert "nlfhir_http_requests_in_flight 1.0" in text_of(t)
    scope.finish(route="/x", method="GET", status=200, duration_s=0.1)
    scope.finish(route="/x", method="GET", status=200, duration_s=0.1)
    out = text_of(t)
    assert "nlfhir_http_requests_in_flight 0.0" in out
    assert 'nlfhir_http_requests_total{method="GET",route="/x",status="200"} 1.0' in out


def test_registries_are_independent() -> None:
    a, b = PrometheusTelemetry(), PrometheusTelemetry()
    a.unparsed(count=3)
    assert "nlfhir_unparsed_segments_total 3.0" in text_of(a)
    assert "nlfhir_unparsed_segments_total 0.0" in text_of(b)
