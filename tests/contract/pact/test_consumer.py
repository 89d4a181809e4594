"""Consumer side: what an integrating EHR team relies on, recorded as a Pact (V4) file.

Running this suite rewrites contracts/pacts/ehr-integration-nl-fhir.json; the provider suite
(test_provider.py) replays it against the real service.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pact import Pact, match

from tests.contract.pact.ehr_client import NlFhirClient

pytestmark = pytest.mark.contract
PACTS = Path(__file__).resolve().parents[3] / "contracts" / "pacts"
PROBLEM = "application/problem+json"
ORDER = "Start metformin 500 mg PO BID"


@pytest.fixture(scope="module")
def fresh_file() -> None:
    """The pact file is rewritten from this suite's interactions only."""
    (PACTS / "ehr-integration-nl-fhir.json").unlink(missing_ok=True)


@pytest.fixture
def pact(fresh_file: None) -> Iterator[Pact]:
    p = Pact("ehr-integration", "nl-fhir").with_specification("V4")
    yield p
    p.write_file(PACTS, overwrite=False)


def problem(status: int) -> dict[str, object]:
    return {
        "type": match.regex(
            "https://nl-fhir.dev/problems/x", regex=r"^https://nl-fhir\.dev/problems/[a-z-]+$"
        ),
        "title": match.str("title"),
        "status": status,
    }


def test_convert_a_medication_order(pact: Pact) -> None:
    (
        pact.upon_receiving("a medication order to convert")
        .given("the service validates locally")
        .with_request("POST", "/v1/convert")
        .with_body({"text": ORDER, "patient": "Patient/123"}, content_type="application/json")
        .will_respond_with(200)
        .with_body(
            {
                "request_id": match.str("00000000-0000-4000-8000-000000000001"),
                "bundle": {
                    "resourceType": "Bundle",
                    "type": "transaction",
                    "entry": match.each_like(
                        {
                            "fullUrl": match.regex(
                                "urn:uuid:00000000-0000-4000-8000-000000000002",
                                regex=r"^urn:uuid:[0-9a-f-]{36}$",
                            ),
                            "request": {"method": "POST", "url": "MedicationRequest"},
                        }
                    ),
                },
                "orders": match.each_like(
                    {
                        "resource_type": "MedicationRequest",
                        "name": match.str("metformin"),
                        "span": {"start": match.int(0), "end": match.int(29)},
                    }
                ),
                "unparsed": match.like([]),
                "validation": {
                    "valid": True,
                    "validated_by": match.str("local"),
                    "degraded": match.bool(False),
                },
                "patient": {"status": "reference"},
                "processing_ms": match.number(1.5),
            },
            content_type="application/json",
        )
    )
    with pact.serve() as srv:
        reply = NlFhirClient(str(srv.url)).convert(ORDER, "Patient/123")
    assert reply.status == 200
    assert reply.body["validation"]["valid"] is True


def test_validate_a_bundle(pact: Pact) -> None:
    (
        pact.upon_receiving("a bundle to validate")
        .given("the service validates locally")
        .with_request("POST", "/v1/validate")
        .with_body(
            {"resourceType": "Bundle", "type": "transaction"}, content_type="application/fhir+json"
        )
        .will_respond_with(200)
        .with_body(
            {
                "valid": match.bool(True),
                "validated_by": match.str("local"),
                "degraded": match.bool(False),
                "error_count": match.int(0),
                "issues": match.like([]),
            },
            content_type="application/json",
        )
    )
    with pact.serve() as srv:
        reply = NlFhirClient(str(srv.url)).validate(
            {"resourceType": "Bundle", "type": "transaction"}
        )
    assert reply.body["validated_by"] == "local"


def test_empty_text_is_a_problem(pact: Pact) -> None:
    (
        pact.upon_receiving("an empty order text")
        .given("the service validates locally")
        .with_request("POST", "/v1/convert")
        .with_body({"text": ""}, content_type="application/json")
        .will_respond_with(422)
        .with_body(problem(422), content_type=PROBLEM)
    )
    with pact.serve() as srv:
        reply = NlFhirClient(str(srv.url)).convert("")
    assert reply.status == 422
    assert reply.content_type.startswith(PROBLEM)


def test_execute_without_a_fhir_server_says_so(pact: Pact) -> None:
    bundle = {"resourceType": "Bundle", "type": "transaction"}
    (
        pact.upon_receiving("a transaction to execute where no FHIR server is configured")
        .given("no FHIR server is configured")
        .with_request("POST", "/v1/execute")
        .with_body(bundle, content_type="application/fhir+json")
        .will_respond_with(501)
        .with_body(problem(501), content_type=PROBLEM)
    )
    with pact.serve() as srv:
        reply = NlFhirClient(str(srv.url)).execute(bundle)
    assert reply.status == 501
