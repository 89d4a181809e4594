"""The HAPI adapter's knobs; the composition root fills them from NLFHIR_HAPI_* settings."""

from __future__ import annotations

from dataclasses import dataclass

from nlfhir.ports.errors import ConfigurationError


@dataclass(frozen=True, slots=True, kw_only=True)
class HapiSettings:
    """Timeouts, retries, breaker and concurrency for one HAPI base URL.

    ``retries`` applies to `$validate` only: a transaction is never retried blindly.
    """

    base_url: str
    connect_timeout_s: float = 2.0
    read_timeout_s: float = 10.0
    retries: int = 2
    backoff_base_s: float = 0.1
    backoff_max_s: float = 2.0
    breaker_failures: int = 5
    breaker_reset_s: float = 30.0
    max_concurrency: int = 8
    queue_timeout_s: float = 5.0
    health_ttl_s: float = 5.0
    max_response_bytes: int = 32 * 1024 * 1024

    def __post_init__(self) -> None:
        if not self.base_url.startswith(("http://", "https://")):
            raise ConfigurationError(
                "NLFHIR_HAPI_URL must be an http(s) URL, e.g. http://hapi:8080/fhir"
            )
        positive = {
            "connect timeout": self.connect_timeout_s,
            "read timeout": self.read_timeout_s,
            "breaker reset": self.breaker_reset_s,
            "queue timeout": self.queue_timeout_s,
        }
        for what, value in positive.items():
            if value <= 0:
                raise ConfigurationError(f"HAPI {what} must be positive, got {value}")
        if self.retries < 0 or self.breaker_failures < 1 or self.max_concurrency < 1:
            raise ConfigurationError(
                "HAPI retries must be >= 0, breaker failures >= 1 and max concurrency >= 1"
            )

    def url(self, path: str = "") -> str:
        base = self.base_url.rstrip("/")
        return f"{base}/{path}" if path else base
