"""Provider side: the recorded consumer pacts replayed against the real service on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pact import Verifier

from tests.support.server import Server

pytestmark = [
    pytest.mark.contract,
    # pact-python's in-process state-handler server leaves its listening socket to the GC.
    pytest.mark.filterwarnings("ignore::ResourceWarning"),
    pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
]
PACTS = Path(__file__).resolve().parents[3] / "contracts" / "pacts"
STATES = {"the service validates locally", "no FHIR server is configured"}


def states(state: str, action: str, parameters: dict[str, Any] | None) -> None:
    """The default deployment (local validator, no FHIR server) is every state we offer."""
    if state not in STATES:
        raise ValueError(f"unknown provider state: {state}")


def verifier(server: Server, source: Path) -> Verifier:
    return (
        Verifier("nl-fhir", host=server.host)
        .add_transport(url=f"http://{server.host}:{server.port}")
        .add_source(source)
        .state_handler(states, teardown=False)
        .set_error_on_empty_pact()
    )


def test_provider_honours_the_consumer_pacts(server: Server) -> None:
    pacts = sorted(PACTS.glob("*.json"))
    assert pacts, "no pact files: run tests/contract/pact/test_consumer.py"
    for pact in pacts:
        verifier(server, pact).verify()


def test_a_renamed_response_field_breaks_verification(server: Server, tmp_path: Path) -> None:
    data: dict[str, Any] = json.loads((PACTS / "ehr-integration-nl-fhir.json").read_text())
    renamed = 0
    for interaction in data["interactions"]:
        body: dict[str, Any] = interaction["response"].get("body", {}).get("content", {})
        if "request_id" in body:
            body["requestId"] = body.pop("request_id")
            renamed += 1
    assert renamed == 1
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data))
    with pytest.raises(RuntimeError):
        verifier(server, broken).verify()
