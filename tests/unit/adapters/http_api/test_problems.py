"""Error shapes the live service rarely shows: 503 with Retry-After, and 500 with no internals."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from litestar.testing import TestClient

from nlfhir.adapters.http_api import HttpDeps, create_app
from nlfhir.adapters.http_api.app import create_litestar
from nlfhir.adapters.http_api.security import AuthConfig
from nlfhir.adapters.telemetry.noop import NoopTelemetry
from nlfhir.app.http import ERRORS
from nlfhir.domain.conversion import Conversion
from nlfhir.domain.patient import PatientRef
from nlfhir.domain.validation import ValidationOutcome
from nlfhir.ports.conversion import ConversionService
from nlfhir.ports.errors import ValidatorUnavailable
from nlfhir.ports.fhir_server import ExecutedEntry
from tests.fakes.clock import SequentialIds

pytestmark = pytest.mark.unit


class Broken(ConversionService):
    """Fails the way dependencies and bugs fail."""

    async def convert(
        self, text: str, patient: PatientRef | None, *, request_id: str | None = None
    ) -> Conversion:
        raise ValidatorUnavailable("hapi circuit open", retry_after=7)

    async def validate(self, bundle: Mapping[str, object]) -> ValidationOutcome:
        raise RuntimeError("secret internal detail /etc/passwd")

    async def execute(self, bundle: Mapping[str, object]) -> tuple[ExecutedEntry, ...]:
        raise ValidatorUnavailable("down")


async def _ready() -> tuple[bool, dict[str, object]]:
    return True, {}


def deps() -> HttpDeps:
    return HttpDeps(
        service=Broken(),
        readiness=_ready,
        new_id=SequentialIds().new_id,
        errors=ERRORS,
        telemetry=NoopTelemetry(),
        auth=AuthConfig(enabled=False),
    )


def test_unavailable_dependency_is_503_with_retry_after() -> None:
    with TestClient(app=create_litestar(deps())) as client:
        r = client.post("/v1/convert", json={"text": "metformin 500 mg po bid"})
    assert r.status_code == 503
    assert r.headers["retry-after"] == "7"
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["type"].endswith("/dependency-unavailable")


def test_unexpected_error_is_500_without_internals() -> None:
    with TestClient(app=create_litestar(deps())) as client:
        r = client.post("/v1/validate", json={"resourceType": "Bundle"})
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "secret" not in r.text
    assert "Traceback" not in r.text


def test_the_observed_app_adds_request_ids() -> None:
    with TestClient(app=create_app(deps())) as client:  # pyright: ignore[reportArgumentType]
        r = client.get("/health/live")
    assert r.status_code == 200
    assert r.headers["x-request-id"]
