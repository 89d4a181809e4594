"""The composition root picks the validator the policy names, and HAPI only when configured."""

from __future__ import annotations

import pytest

from nlfhir.adapters.hapi import HapiFhirServer, HapiValidator
from nlfhir.adapters.local_validation import LocalR4Validator
from nlfhir.app.container import close_hapi
from nlfhir.app.main import build_container
from nlfhir.app.settings import Settings, ValidationPolicy
from nlfhir.app.validation_policy import FallbackValidator

pytestmark = pytest.mark.unit

URL = "http://127.0.0.1:8091/fhir"


def test_local_by_default_and_no_server_without_a_url() -> None:
    container = build_container(Settings())
    assert isinstance(container.validator(), LocalR4Validator)
    assert container.fhir_server() is None
    assert container.hapi_client() is None


def test_a_url_alone_offers_execute_but_keeps_local_validation() -> None:
    container = build_container(Settings(hapi_url=URL))
    assert isinstance(container.validator(), LocalR4Validator)
    assert isinstance(container.fhir_server(), HapiFhirServer)


@pytest.mark.parametrize(
    ("policy", "kind", "name"),
    [
        (ValidationPolicy.HAPI, HapiValidator, "hapi"),
        (ValidationPolicy.HAPI_THEN_LOCAL, FallbackValidator, "hapi-then-local"),
    ],
)
async def test_hapi_policies_share_one_client(
    policy: ValidationPolicy, kind: type[object], name: str
) -> None:
    container = build_container(Settings(validation_policy=policy, hapi_url=URL))
    validator = container.validator()
    assert isinstance(validator, kind)
    assert validator.name == name
    assert container.hapi_client() is container.hapi_client()
    await close_hapi(container)
