"""Settings from the environment (NLFHIR_*), read once by the composition root, never at import."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from nlfhir.ports.errors import ConfigurationError


class ValidationPolicy(StrEnum):
    LOCAL = "local"
    HAPI = "hapi"
    HAPI_THEN_LOCAL = "hapi-then-local"


class ExtractorChoice(StrEnum):
    RULES = "rules"
    COMPOSITE = "composite"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    """Every knob of a deployment; defaults run the embedded service with no external server."""

    host: str = "127.0.0.1"
    port: int = 8080
    validation_policy: ValidationPolicy = ValidationPolicy.LOCAL
    extractor: ExtractorChoice = ExtractorChoice.RULES
    hapi_url: str | None = None
    hapi_connect_timeout_s: float = 2.0
    hapi_read_timeout_s: float = 10.0
    hapi_retries: int = 2
    hapi_breaker_failures: int = 5
    hapi_breaker_reset_s: float = 30.0
    hapi_max_concurrency: int = 8
    stanza_model_dir: str | None = None
    log_level: str = "INFO"
    log_json: bool = True
    max_body_bytes: int = 1_048_576
    auth: str = "auto"
    api_keys: str = ""
    rate_limit_rps: float = 50.0
    rate_limit_burst: int = 100
    cors_origins: tuple[str, ...] = ()
    telemetry: bool = True
    extra: Mapping[str, str] = field(default_factory=dict[str, str])

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        try:
            return cls(
                host=env.get("NLFHIR_HOST", "127.0.0.1"),
                port=int(env.get("NLFHIR_PORT", "8080")),
                validation_policy=ValidationPolicy(env.get("NLFHIR_VALIDATION_POLICY", "local")),
                extractor=ExtractorChoice(env.get("NLFHIR_EXTRACTOR", "rules")),
                hapi_url=env.get("NLFHIR_HAPI_URL") or None,
                hapi_connect_timeout_s=float(env.get("NLFHIR_HAPI_CONNECT_TIMEOUT_S", "2")),
                hapi_read_timeout_s=float(env.get("NLFHIR_HAPI_READ_TIMEOUT_S", "10")),
                hapi_retries=int(env.get("NLFHIR_HAPI_RETRIES", "2")),
                hapi_breaker_failures=int(env.get("NLFHIR_HAPI_BREAKER_FAILURES", "5")),
                hapi_breaker_reset_s=float(env.get("NLFHIR_HAPI_BREAKER_RESET_S", "30")),
                hapi_max_concurrency=int(env.get("NLFHIR_HAPI_MAX_CONCURRENCY", "8")),
                stanza_model_dir=env.get("NLFHIR_STANZA_MODEL_DIR") or None,
                log_level=env.get("NLFHIR_LOG_LEVEL", "INFO").upper(),
                log_json=env.get("NLFHIR_LOG_JSON", "true").lower() != "false",
                max_body_bytes=int(env.get("NLFHIR_MAX_BODY_BYTES", "1048576")),
                auth=env.get("NLFHIR_AUTH", "auto").lower(),
                telemetry=env.get("NLFHIR_TELEMETRY", "on").lower() != "off",
                api_keys=env.get("NLFHIR_API_KEYS", ""),
                rate_limit_rps=float(env.get("NLFHIR_RATE_LIMIT_RPS", "50")),
                rate_limit_burst=int(env.get("NLFHIR_RATE_LIMIT_BURST", "100")),
                cors_origins=tuple(
                    o.strip() for o in env.get("NLFHIR_CORS_ORIGINS", "").split(",") if o.strip()
                ),
            )
        except ValueError as e:
            raise ConfigurationError(f"invalid NLFHIR_* setting: {e}") from e

    def __post_init__(self) -> None:
        if self.auth not in ("auto", "required", "disabled"):
            raise ConfigurationError("NLFHIR_AUTH must be auto, required or disabled")
        if self.validation_policy is not ValidationPolicy.LOCAL and not self.hapi_url:
            # Refused rather than silently served by the local validator (ADR 0004).
            raise ConfigurationError(
                f"validation policy '{self.validation_policy}' needs NLFHIR_HAPI_URL "
                "(e.g. http://127.0.0.1:8091/fhir)"
            )
