"""Spans nest per request; log lines are JSON with request and trace ids."""

from __future__ import annotations

import io
import json

import pytest
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from nlfhir.adapters.telemetry.composite import CompositeTelemetry
from nlfhir.adapters.telemetry.logs import LogTelemetry, configure_logging
from nlfhir.adapters.telemetry.otel import OtelTelemetry
from tests.fakes.service import fake_use_cases

pytestmark = pytest.mark.unit


def provider() -> tuple[TracerProvider, InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    p = TracerProvider()
    p.add_span_processor(SimpleSpanProcessor(exporter))
    return p, exporter


def test_use_case_spans_nest_under_the_request_span() -> None:
    p, exporter = provider()
    t = OtelTelemetry(p)
    scope = t.request(request_id="r1")
    with t.span("convert"), t.span("extract"):
        pass
    scope.finish(route="/v1/convert", method="POST", status=200, duration_s=0.01)
    spans = {s.name: s for s in exporter.get_finished_spans()}
    root, convert, extract = spans["HTTP POST /v1/convert"], spans["convert"], spans["extract"]
    assert root.context is not None
    assert convert.context is not None
    assert convert.parent is not None
    assert extract.parent is not None
    assert convert.parent.span_id == root.context.span_id
    assert extract.parent.span_id == convert.context.span_id
    assert root.attributes is not None
    assert root.attributes["http.route"] == "/v1/convert"
    assert scope.trace_id == format(root.context.trace_id, "032x")


def test_log_lines_carry_request_and_trace_ids() -> None:
    stream = io.StringIO()
    configure_logging("INFO", stream)
    p, _ = provider()
    t = CompositeTelemetry([OtelTelemetry(p), LogTelemetry()])
    scope = t.request(request_id="req-123")
    t.conversion(outcome="ok", duration_s=0.004)
    scope.finish(route="/v1/convert", method="POST", status=200, duration_s=0.005)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["event"] for line in lines] == ["conversion", "request"]
    for line in lines:
        assert line["request_id"] == "req-123"
        assert line["trace_id"] == scope.trace_id
        assert {"timestamp", "level", "message"} <= set(line)
    assert lines[1]["route"] == "/v1/convert"
    assert lines[1]["status"] == 200


async def test_a_conversion_has_the_expected_span_tree() -> None:

    p, exporter = provider()
    t = OtelTelemetry(p)
    uc = fake_use_cases(telemetry=t)
    scope = t.request(request_id="r1")
    await uc.convert("metformin 500 mg po bid", None)
    scope.finish(route="/v1/convert", method="POST", status=200, duration_s=0.01)
    spans = exporter.get_finished_spans()
    by_id = {s.context.span_id: s for s in spans if s.context is not None}
    tree = sorted((s.name, by_id[s.parent.span_id].name if s.parent else None) for s in spans)
    assert tree == [
        ("HTTP POST /v1/convert", None),
        ("convert", "HTTP POST /v1/convert"),
        ("extract", "convert"),
        ("map", "convert"),
        ("validate", "convert"),
    ]
