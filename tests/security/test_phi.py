"""No clinical text or patient identifier reaches a log line, a metric label or a span.

Marker strings ride in the text, the patient reference and the patient identifier of requests
to every endpoint, including failing ones; then the server's log, /metrics and the spans of an
in-process conversion are searched for them.
"""

from __future__ import annotations

import json

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from nlfhir.adapters.telemetry.otel import OtelTelemetry
from nlfhir.domain.patient import PatientRef
from tests.fakes.service import fake_use_cases
from tests.support.server import Server

pytestmark = [pytest.mark.security, pytest.mark.e2e]

MARK_TEXT = "zqxphimarkerdrug"
MARK_ID = "zqxphimarkerid"
MARK_SYS = "zqxphimarkersys"
MARKERS = (MARK_TEXT, MARK_ID, MARK_SYS)


def _traffic(server: Server) -> None:
    text = f"metformin 500 mg po bid for {MARK_TEXT}. {MARK_TEXT} 5 mg daily"
    server.post_json("/v1/convert", {"text": text, "patient": f"Patient/{MARK_ID}"})
    server.post_json("/v1/convert", {"text": text, "patient": f"urn:{MARK_SYS}|{MARK_ID}"})
    server.post_json("/v1/convert", {"text": text, "patient": f"bad {MARK_ID}"})
    server.post_json("/v1/convert", {"text": text, "unknown": MARK_ID})
    server.call("POST", "/v1/convert", f'{{"text": "{MARK_TEXT}'.encode())
    server.post_json("/v1/convert/batch", {"items": [{"id": MARK_ID, "text": text}]})
    server.post_json("/v1/validate", {"resourceType": "Bundle", "id": MARK_ID, "note": MARK_TEXT})
    server.post_json("/v1/execute", {"resourceType": "Bundle", "id": MARK_ID})
    server.call("GET", f"/v1/{MARK_ID}")
    server.call("GET", f"/health/{MARK_TEXT}")


def test_markers_never_reach_logs_or_metrics(server: Server) -> None:
    _traffic(server)
    metrics = server.call("GET", "/metrics").body.decode()
    assert "nlfhir_http_requests_total" in metrics
    log = server.log.read_text()
    assert '"event": "request"' in log
    for marker in MARKERS:
        assert marker not in metrics
        assert marker not in log


async def test_markers_never_reach_span_names_or_attributes() -> None:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    telemetry = OtelTelemetry(provider)
    uc = fake_use_cases(telemetry=telemetry)
    scope = telemetry.request(request_id="r1")
    await uc.convert(
        f"metformin 500 mg po bid for {MARK_TEXT}", PatientRef.parse(f"urn:{MARK_SYS}|{MARK_ID}")
    )
    scope.finish(route="/v1/convert", method="POST", status=200, duration_s=0.01)
    spans = exporter.get_finished_spans()
    assert len(spans) >= 5
    dump = json.dumps([{"name": s.name, "attrs": dict(s.attributes or {})} for s in spans])
    for marker in MARKERS:
        assert marker not in dump
