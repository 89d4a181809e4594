"""Against the real HAPI FHIR JPA server: our bundles validate; broken ones are rejected with
HAPI's own words; an executed transaction is there when read back."""

from __future__ import annotations

import copy
import json
import uuid
from typing import TYPE_CHECKING, Any, cast

import aiohttp
import pytest

from nlfhir.adapters.hapi import HapiClient, HapiFhirServer, HapiSettings, HapiValidator
from nlfhir.app.main import build_container
from nlfhir.app.settings import Settings
from nlfhir.domain.patient import PatientRef
from nlfhir.ports.errors import FhirServerRejected
from tests.fakes.telemetry import RecordingTelemetry

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

pytestmark = [pytest.mark.integration, pytest.mark.requires_hapi]

TEXT = "amoxicillin 500 mg PO TID x 10 days for otitis media; order CBC"


@pytest.fixture
async def client(hapi_url: str) -> AsyncIterator[HapiClient]:
    c = HapiClient(HapiSettings(base_url=hapi_url, read_timeout_s=60), RecordingTelemetry())
    yield c
    await c.aclose()


async def _bundle(text: str = TEXT, patient: str | None = None) -> dict[str, Any]:
    service = build_container(Settings()).use_cases()
    ref = PatientRef.parse(patient) if patient else None
    conversion = await service.convert(text, ref)
    assert conversion.outcome.valid, conversion.outcome.issues
    return copy.deepcopy(dict(conversion.bundle))


def _resource(bundle: dict[str, Any], kind: str) -> dict[str, Any]:
    for entry in bundle["entry"]:
        if entry["resource"]["resourceType"] == kind:
            return cast("dict[str, Any]", entry["resource"])
    raise AssertionError(f"no {kind} in the bundle")


async def test_our_bundle_validates_on_hapi(client: HapiClient) -> None:
    outcome = await HapiValidator(client).validate(await _bundle())
    assert outcome.validated_by == "hapi"
    assert outcome.valid, [i.diagnostics for i in outcome.issues if i.blocking]


async def test_a_broken_reference_is_rejected_in_hapis_words(client: HapiClient) -> None:
    bundle = await _bundle()
    missing = f"Patient/{uuid.uuid4()}"
    _resource(bundle, "MedicationRequest")["subject"] = {"reference": missing}
    outcome = await HapiValidator(client).validate(bundle)
    assert not outcome.valid
    (issue,) = [i for i in outcome.issues if i.blocking]
    assert issue.diagnostics == f"Unable to resolve resource with reference '{missing}'"
    assert (issue.expression or "").endswith(".subject")


async def test_a_bad_code_is_rejected_in_hapis_words(client: HapiClient) -> None:
    bundle = await _bundle()
    _resource(bundle, "MedicationRequest")["status"] = "bogus"
    outcome = await HapiValidator(client).validate(bundle)
    assert not outcome.valid
    blocking = [i for i in outcome.issues if i.blocking]
    assert any("Unknown MedicationRequestStatus code 'bogus'" in i.diagnostics for i in blocking)


async def test_a_missing_required_element_is_rejected_in_hapis_words(client: HapiClient) -> None:
    bundle = await _bundle()
    del _resource(bundle, "MedicationRequest")["intent"]
    outcome = await HapiValidator(client).validate(bundle)
    assert not outcome.valid
    assert any("intent" in i.diagnostics for i in outcome.issues if i.blocking), outcome.issues


async def _create_patient(hapi_url: str, system: str, value: str) -> str:
    patient = {"resourceType": "Patient", "identifier": [{"system": system, "value": value}]}
    async with (
        aiohttp.ClientSession() as http,
        http.post(
            f"{hapi_url}/Patient",
            data=json.dumps(patient),
            headers={"Content-Type": "application/fhir+json"},
        ) as response,
    ):
        assert response.status == 201, await response.text()
        created = await response.json(content_type=None)
    return f"Patient/{created['id']}"


async def _read(hapi_url: str, location: str) -> dict[str, Any]:
    path = location.split("/_history/", maxsplit=1)[0]
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"{hapi_url}/{path}", headers={"Accept": "application/fhir+json"}) as response,
    ):
        assert response.status == 200, await response.text()
        return cast("dict[str, Any]", await response.json(content_type=None))


async def test_an_executed_transaction_is_there_when_read_back(
    client: HapiClient, hapi_url: str
) -> None:
    mrn = str(uuid.uuid4())
    patient = await _create_patient(hapi_url, "http://example.org/mrn", mrn)
    bundle = await _bundle(patient=f"http://example.org/mrn|{mrn}")
    entries = await HapiFhirServer(client).execute(bundle)
    assert len(entries) == len(bundle["entry"])
    assert all(e.status.startswith("201") for e in entries), entries
    kinds = sorted(e["resource"]["resourceType"] for e in bundle["entry"])
    read = [await _read(hapi_url, e.location or "") for e in entries]
    assert sorted(r["resourceType"] for r in read) == kinds
    request = next(r for r in read if r["resourceType"] == "MedicationRequest")
    assert request["subject"]["reference"] == patient
    dose = request["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]
    assert (dose["value"], dose["code"]) == (500, "mg")


async def test_a_transaction_hapi_refuses_carries_its_outcome_and_writes_nothing(
    client: HapiClient, hapi_url: str
) -> None:
    marker = str(uuid.uuid4())
    bundle = await _bundle(patient=f"http://example.org/mrn|{marker}")  # no such patient
    with pytest.raises(FhirServerRejected) as rejected:
        await HapiFhirServer(client).execute(bundle)
    assert 400 <= rejected.value.status < 500
    assert rejected.value.outcome is not None
    assert rejected.value.outcome["resourceType"] == "OperationOutcome"
    assert rejected.value.issues


async def test_health_sees_an_r4_server(client: HapiClient) -> None:
    health = await HapiFhirServer(client).health()
    assert health.reachable, health.detail
    assert health.latency_ms is not None
    assert health.breaker_state == "closed"
