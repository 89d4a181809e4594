"""Observability over real HTTP: metric families after traffic, ids in headers and log lines."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest

from tests.support.server import Server

pytestmark = pytest.mark.e2e


def metric(text: str, name: str, labels: dict[str, str] | None = None) -> float:
    """The value of one sample, matched on the given labels (all of them)."""
    for line in text.splitlines():
        if not line.startswith(name + "{") and not line.startswith(name + " "):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0])) if "{" in line else {}
        if all(found.get(k) == v for k, v in (labels or {}).items()):
            return float(line.rsplit(" ", 1)[1])
    raise AssertionError(f"{name} {labels} not exported")


def test_metrics_count_real_traffic(server: Server) -> None:
    before = server.call("GET", "/metrics").body.decode()
    start = (
        metric(
            before,
            "nlfhir_http_requests_total",
            {"route": "/v1/convert", "method": "POST", "status": "200"},
        )
        if ('route="/v1/convert",status="200"' in before)
        else 0.0
    )
    orders_before = (
        metric(before, "nlfhir_orders_total", {"resource_type": "ServiceRequest"})
        if ('resource_type="ServiceRequest"' in before)
        else 0.0
    )
    for _ in range(3):
        assert (
            server.post_json("/v1/convert", {"text": "metformin 500 mg po bid; order CBC"}).status
            == 200
        )
    server.call("GET", "/v1/does-not-exist")
    after = server.call("GET", "/metrics").body.decode()
    labels = {"route": "/v1/convert", "method": "POST", "status": "200"}
    assert metric(after, "nlfhir_http_requests_total", labels) == start + 3
    assert metric(after, "nlfhir_orders_total", {"resource_type": "ServiceRequest"}) == (
        orders_before + 3
    )
    assert metric(after, "nlfhir_http_requests_total", {"route": "unmatched", "status": "404"}) >= 1
    assert "/v1/does-not-exist" not in after
    assert metric(after, "nlfhir_validations_total", {"validator": "local", "result": "valid"}) >= 3
    assert metric(after, "nlfhir_conversions_total", {"outcome": "ok"}) >= 3
    assert (
        metric(after, "nlfhir_http_request_duration_seconds_count", {"route": "/v1/convert"}) >= 3
    )
    for family in (
        "nlfhir_extraction_duration_seconds_count",
        "nlfhir_build_info",
        "nlfhir_http_requests_in_flight",
        "process_resident_memory_bytes",
        "nlfhir_unparsed_segments_total",
        "nlfhir_conversion_duration_seconds_count",
    ):
        assert family in after


def _log_lines(server: Server, request_id: str, events: set[str]) -> list[dict[str, Any]]:
    """The server's JSON log lines of one request. The access line is written once the answer
    has been sent, so it may land a moment after the client has read the response."""
    deadline = time.monotonic() + 10
    while True:
        lines = [json.loads(x) for x in server.log.read_text().splitlines() if x.startswith("{")]
        mine = [x for x in lines if x.get("request_id") == request_id]
        if {x["event"] for x in mine} >= events or time.monotonic() > deadline:
            return mine
        time.sleep(0.05)


def test_request_and_trace_ids_in_headers_and_logs(server: Server) -> None:
    r = server.post_json("/v1/convert", {"text": "lisinopril 10 mg daily"})
    request_id, trace_id = r.headers["x-request-id"], r.headers["x-trace-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", trace_id)
    mine = _log_lines(server, request_id, {"conversion", "request"})
    assert {x["event"] for x in mine} >= {"conversion", "request"}
    assert all(x["trace_id"] == trace_id for x in mine)
    request_line = next(x for x in mine if x["event"] == "request")
    assert (request_line["route"], request_line["status"]) == ("/v1/convert", 200)
    assert request_line["duration_ms"] > 0


def test_security_headers_on_every_answer(server: Server) -> None:
    for r in (
        server.call("GET", "/health/live"),
        server.call("GET", "/nope"),
        server.call("POST", "/v1/convert", b"{"),
    ):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert "x-request-id" in r.headers
