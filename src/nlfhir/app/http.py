"""HTTP wiring: the error table (error type -> problem), readiness, and the app factory call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from nlfhir.adapters.http_api import HttpDeps, create_app
from nlfhir.adapters.http_api import problems as pb
from nlfhir.app.container import Container
from nlfhir.domain.errors import InvalidInput
from nlfhir.ports.errors import (
    ConfigurationError,
    DependencyUnavailable,
    FhirServerRejected,
)


def _invalid(e: Exception) -> pb.ProblemError:
    return pb.ProblemError(pb.INVALID_INPUT, str(e))


def _unavailable(e: Exception) -> pb.ProblemError:
    retry = e.retry_after if isinstance(e, DependencyUnavailable) else None
    return pb.ProblemError(pb.UNAVAILABLE, str(e), retry_after=retry or 30)


def _rejected(e: Exception) -> pb.ProblemError:
    issues = e.issues if isinstance(e, FhirServerRejected) else ()
    return pb.ProblemError(pb.REJECTED, str(e),
                           errors=[f"{i.severity}: {i.diagnostics}" for i in issues])


def _not_configured(e: Exception) -> pb.ProblemError:
    return pb.ProblemError(pb.NOT_CONFIGURED, str(e))


ERRORS: Mapping[type[Exception], Callable[[Exception], pb.ProblemError]] = {
    InvalidInput: _invalid,
    DependencyUnavailable: _unavailable,
    FhirServerRejected: _rejected,
    ConfigurationError: _not_configured,
}


def http_app(container: Container) -> Any:
    """The Litestar app for this container's adapters."""
    settings = container.settings()
    service = container.use_cases()

    async def warm() -> None:
        container.terminology().load()
        container.extractor().load()
        container.local_validator().load()

    async def readiness() -> tuple[bool, dict[str, Any]]:
        checks: dict[str, Any] = {
            "terminology": {"ok": container.terminology().loaded},
            "extractor": {"ok": True, "name": container.extractor().name},
            "validator": {"ok": container.local_validator().loaded, "policy":
                          settings.validation_policy.value},
        }
        return all(bool(c["ok"]) for c in checks.values()), checks

    deps = HttpDeps(service=service, readiness=readiness, new_id=container.ids().new_id,
                    errors=ERRORS, max_body_bytes=settings.max_body_bytes, on_startup=[warm])
    return create_app(deps)
