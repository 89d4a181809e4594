"""Settings come from NLFHIR_* and refuse what this version cannot honour."""

from __future__ import annotations

import pytest

from nlfhir.app.auth import auth_config
from nlfhir.app.settings import Settings, ValidationPolicy
from nlfhir.ports.errors import ConfigurationError

pytestmark = pytest.mark.unit


def test_defaults_run_embedded() -> None:
    s = Settings.from_env({})
    assert (s.host, s.port, s.validation_policy) == ("127.0.0.1", 8080, ValidationPolicy.LOCAL)


@pytest.mark.parametrize(
    "env",
    [
        {"NLFHIR_VALIDATION_POLICY": "hapi"},
        {"NLFHIR_VALIDATION_POLICY": "hapi-then-local"},
        {"NLFHIR_HAPI_RETRIES": "two"},
        {"NLFHIR_VALIDATION_POLICY": "nonsense"},
        {"NLFHIR_PORT": "eighty"},
        {"NLFHIR_AUTH": "maybe"},
    ],
)
def test_unusable_settings_are_refused(env: dict[str, str]) -> None:
    with pytest.raises(ConfigurationError):
        Settings.from_env(env)


def test_hapi_policies_need_a_url_and_read_their_knobs() -> None:
    s = Settings.from_env(
        {
            "NLFHIR_VALIDATION_POLICY": "hapi-then-local",
            "NLFHIR_HAPI_URL": "http://127.0.0.1:8091/fhir",
            "NLFHIR_HAPI_RETRIES": "0",
            "NLFHIR_HAPI_BREAKER_FAILURES": "3",
            "NLFHIR_HAPI_BREAKER_RESET_S": "1.5",
            "NLFHIR_HAPI_MAX_CONCURRENCY": "2",
        }
    )
    assert s.validation_policy is ValidationPolicy.HAPI_THEN_LOCAL
    assert (s.hapi_retries, s.hapi_breaker_failures, s.hapi_breaker_reset_s) == (0, 3, 1.5)
    assert s.hapi_max_concurrency == 2


def test_auth_rules() -> None:
    assert not auth_config("auto", "", "127.0.0.1").enabled
    assert not auth_config("disabled", "", "0.0.0.0").enabled  # noqa: S104 - explicit opt-out
    with pytest.raises(ConfigurationError, match="authentication is required"):
        auth_config("auto", "", "10.1.2.3")
    with pytest.raises(ConfigurationError):
        auth_config("required", "", "127.0.0.1")
    key = "ehr:" + "a" * 64 + ":convert+execute"
    cfg = auth_config("auto", key, "127.0.0.1")
    assert cfg.enabled
    assert cfg.clients[0].scopes == frozenset({"convert", "execute"})
    with pytest.raises(ConfigurationError):
        auth_config("auto", "ehr:short:convert", "127.0.0.1")
    with pytest.raises(ConfigurationError):
        auth_config("auto", "ehr:" + "a" * 64 + ":delete", "127.0.0.1")
