"""HTTP wiring: the error table (error type -> problem), readiness, and the app factory call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dependency_injector import providers
from loguru import logger

from nlfhir.adapters.http_api import HttpDeps, create_app
from nlfhir.adapters.http_api import problems as pb
from nlfhir.adapters.http_api.security import RateLimiter
from nlfhir.adapters.telemetry.composite import CompositeTelemetry
from nlfhir.adapters.telemetry.logs import LogTelemetry, configure_logging
from nlfhir.adapters.telemetry.otel import OtelTelemetry
from nlfhir.adapters.telemetry.prometheus import PrometheusTelemetry
from nlfhir.app.auth import auth_config
from nlfhir.app.container import close_hapi
from nlfhir.app.extraction import CompositeExtractor
from nlfhir.app.settings import ValidationPolicy
from nlfhir.app.tracing import configure_tracing
from nlfhir.domain.errors import InvalidInput
from nlfhir.ports.errors import (
    ConfigurationError,
    DependencyUnavailable,
    FhirServerRejected,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from nlfhir.app.container import Container
    from nlfhir.ports.extraction import OrderExtractor
    from nlfhir.ports.fhir_server import FhirServer


def _invalid(e: Exception) -> pb.ProblemError:
    return pb.ProblemError(pb.INVALID_INPUT, str(e))


def _unavailable(e: Exception) -> pb.ProblemError:
    retry = e.retry_after if isinstance(e, DependencyUnavailable) else None
    return pb.ProblemError(pb.UNAVAILABLE, str(e), retry_after=retry or 30)


def _rejected(e: Exception) -> pb.ProblemError:
    if not isinstance(e, FhirServerRejected):
        return pb.ProblemError(pb.REJECTED, str(e))
    return pb.ProblemError(
        pb.REJECTED,
        str(e),
        errors=[f"{i.severity}: {i.diagnostics}" for i in e.issues],
        operation_outcome=dict(e.outcome) if e.outcome is not None else None,
    )


def _not_configured(e: Exception) -> pb.ProblemError:
    return pb.ProblemError(pb.NOT_CONFIGURED, str(e))


ERRORS: Mapping[type[Exception], Callable[[Exception], pb.ProblemError]] = {
    InvalidInput: _invalid,
    DependencyUnavailable: _unavailable,
    FhirServerRejected: _rejected,
    ConfigurationError: _not_configured,
}


def _extractor_check(extractor: OrderExtractor) -> dict[str, Any]:
    if isinstance(extractor, CompositeExtractor):
        model = extractor.stanza.describe()
        return {"ok": model["model"] is not None, "name": extractor.name, "stanza": model}
    return {"ok": True, "name": extractor.name}


async def _hapi_check(server: FhirServer, policy: ValidationPolicy) -> dict[str, Any]:
    """HAPI's real state. Only policy `hapi` needs it to be ready: with `hapi-then-local` or
    `local` the service stays ready and says it is degraded (no flapping)."""
    health = await server.health()
    required = policy is ValidationPolicy.HAPI
    return {
        "ok": health.reachable or not required,
        "required": required,
        "reachable": health.reachable,
        "degraded": not health.reachable,
        "latency_ms": health.latency_ms,
        "breaker": health.breaker_state,
        "detail": health.detail,
    }


def server_telemetry(container: Container) -> PrometheusTelemetry | None:
    """Switch the container to the service's telemetry: traces, Prometheus metrics, JSON logs.

    With NLFHIR_TELEMETRY=off (benchmarks only) it stays no-op and /metrics answers 404.
    """
    settings = container.settings()
    configure_logging(settings.log_level)
    if not settings.telemetry:
        return None
    prometheus = PrometheusTelemetry()
    tracing = OtelTelemetry(configure_tracing())
    container.telemetry.override(  # pyright: ignore[reportUnknownMemberType] - stub gap
        providers.Object(CompositeTelemetry([tracing, prometheus, LogTelemetry()]))
    )
    return prometheus


def http_app(container: Container, host: str) -> Any:
    """The ASGI app for this container's adapters, serving on ``host``."""
    settings = container.settings()
    auth = auth_config(settings.auth, settings.api_keys, host)
    if not auth.enabled:
        logger.warning("authentication is off (loopback-only or NLFHIR_AUTH=disabled)")
    prometheus = server_telemetry(container)
    service = container.use_cases()

    extractor = container.extractor()  # with Stanza configured, its model loads here, once

    async def warm() -> None:
        container.terminology().load()
        container.rules_extractor().load()
        container.local_validator().load()

    async def close() -> None:
        if isinstance(extractor, CompositeExtractor):
            await extractor.stanza.aclose()
        await close_hapi(container)

    async def readiness() -> tuple[bool, dict[str, Any]]:
        checks: dict[str, Any] = {
            "terminology": {"ok": container.terminology().loaded},
            "extractor": _extractor_check(extractor),
            "validator": {
                "ok": container.local_validator().loaded,
                "policy": settings.validation_policy.value,
            },
        }
        server = container.fhir_server()
        if server is not None:
            checks["hapi"] = await _hapi_check(server, settings.validation_policy)
        return all(bool(c["ok"]) for c in checks.values()), checks

    deps = HttpDeps(
        service=service,
        readiness=readiness,
        new_id=container.ids().new_id,
        errors=ERRORS,
        telemetry=container.telemetry(),
        metrics=prometheus.render if prometheus else None,
        auth=auth,
        limiter=RateLimiter(rate=settings.rate_limit_rps, burst=settings.rate_limit_burst),
        cors_origins=settings.cors_origins,
        max_body_bytes=settings.max_body_bytes,
        on_startup=[warm],
        on_shutdown=[close],
    )
    return create_app(deps)
