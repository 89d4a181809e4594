"""The v1 API over real HTTP: conversions, validation, health, and every bad-input case."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.support.server import Server

pytestmark = pytest.mark.e2e
PROBLEM = "application/problem+json"


def test_convert_metformin(server: Server) -> None:
    r = server.post_json(
        "/v1/convert", {"text": "Start metformin 500 mg PO BID", "patient": "Patient/123"}
    )
    assert r.status == 200
    body = r.json()
    assert body["request_id"] == r.headers["x-request-id"]
    bundle = body["bundle"]
    assert bundle["type"] == "transaction"
    (entry,) = bundle["entry"]
    med = entry["resource"]
    dose = med["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]
    assert (dose["value"], dose["system"], dose["code"]) == (500, "http://unitsofmeasure.org", "mg")
    route = med["dosageInstruction"][0]["route"]["coding"][0]
    assert (route["system"], route["code"]) == ("http://snomed.info/sct", "26643006")
    assert med["dosageInstruction"][0]["timing"]["repeat"] == {
        "frequency": 2,
        "period": 1,
        "periodUnit": "d",
    }
    validation = body["validation"]
    assert validation == {**validation, "valid": True, "validated_by": "local", "degraded": False}
    assert body["orders"][0]["span"] == {"start": 0, "end": 29}
    assert body["patient"]["status"] == "reference"
    assert isinstance(body["processing_ms"], float)


def test_convert_without_patient_says_so(server: Server) -> None:
    body = server.post_json("/v1/convert", {"text": "metformin 500 mg po bid"}).json()
    assert body["patient"]["status"] == "missing"
    assert "no patient" in body["patient"]["message"]


def test_unreadable_text_is_returned_as_unparsed(server: Server) -> None:
    body = server.post_json("/v1/convert", {"text": "Patient comfortable overnight."}).json()
    assert body["orders"] == []
    assert body["unparsed"][0]["reason"]


def test_validate_endpoint_reports_errors(server: Server) -> None:
    bad = {
        "resourceType": "Bundle",
        "type": "transaction",
        "entry": [
            {
                "fullUrl": "urn:uuid:1",
                "resource": {"resourceType": "MedicationRequest"},
                "request": {"method": "POST", "url": "MedicationRequest"},
            }
        ],
    }
    r = server.post_json("/v1/validate", bad)
    assert r.status == 200
    body = r.json()
    assert body["valid"] is False
    assert body["validated_by"] == "local"
    assert int(body["error_count"]) > 0


def test_health_and_openapi(server: Server) -> None:
    assert server.call("GET", "/health/live").json() == {"status": "ok"}
    ready = server.call("GET", "/health/ready")
    assert ready.status == 200
    assert ready.json()["status"] == "ready"
    schema = server.call("GET", "/schema/openapi.json")
    assert schema.status == 200
    assert "/v1/convert" in schema.json()["paths"]


def _problem(r: object, status: int) -> dict[str, object]:
    from tests.support.server import Answer

    assert isinstance(r, Answer)
    assert r.status == status, r.body
    assert r.headers["content-type"].startswith(PROBLEM)
    body = r.json()
    assert body["status"] == status
    assert str(body["type"]).startswith("https://nl-fhir.dev/problems/")
    assert "Traceback" not in r.body.decode()
    return body


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"\xff\xfe\x00bad", 400),
        (json.dumps({"text": "metformin", "extra": 1}).encode(), 422),
        (json.dumps({"text": 42}).encode(), 422),
        (json.dumps({"text": ""}).encode(), 422),
        (json.dumps({"text": "x" * 10_001}).encode(), 422),
        (json.dumps({"text": "metformin 500 mg", "patient": "nobody"}).encode(), 422),
        (json.dumps({"patient": "Patient/1"}).encode(), 422),
        (json.dumps(["text"]).encode(), 422),
    ],
)
def test_bad_input_is_a_problem_not_a_500(server: Server, body: bytes, status: int) -> None:
    _problem(server.call("POST", "/v1/convert", body), status)


def test_wrong_content_type_is_415(server: Server) -> None:
    _problem(
        server.call("POST", "/v1/convert", b"text=x", "application/x-www-form-urlencoded"), 415
    )


def test_oversized_body_is_413(server: Server) -> None:
    _problem(server.call("POST", "/v1/convert", b'{"text": "' + b"x" * 1_100_000 + b'"}'), 413)


def test_unknown_route_is_404_and_wrong_method_405(server: Server) -> None:
    _problem(server.call("GET", "/v1/nothing"), 404)
    _problem(server.call("GET", "/v1/convert"), 405)


def test_validate_refuses_non_objects(server: Server) -> None:
    _problem(server.call("POST", "/v1/validate", b"[1, 2]"), 422)


def test_execute_without_server_is_501(server: Server) -> None:
    _problem(server.post_json("/v1/execute", {"resourceType": "Bundle"}), 501)
