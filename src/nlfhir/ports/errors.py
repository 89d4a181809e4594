"""Errors a port may raise. Adapters translate library errors into these with ``raise ... from e``.

PortError
 +-- DependencyUnavailable   the backing system could not be reached or did not answer in time
 |    +-- ValidatorUnavailable
 |    +-- FhirServerUnavailable
 |    +-- ExtractorUnavailable
 +-- FhirServerRejected      the FHIR server answered 4xx; carries its issues
 +-- ConfigurationError      an adapter cannot start with the settings it was given
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping

    from nlfhir.domain.validation import ValidationIssue


class PortError(Exception):
    """Base of every port-level error."""


class DependencyUnavailable(PortError):
    """A dependency did not answer; ``retry_after`` (seconds) is a hint for callers, if known."""

    def __init__(self, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ValidatorUnavailable(DependencyUnavailable):
    """The validator could not run, so there is no verdict."""


class FhirServerUnavailable(DependencyUnavailable):
    """The FHIR server could not be reached; nothing is known to have been written."""


class ExtractorUnavailable(DependencyUnavailable):
    """The extractor (e.g. its model) is not loaded or failed."""


class FhirServerRejected(PortError):
    """The FHIR server refused the request (4xx) with these issues; ``outcome`` is its own
    OperationOutcome, passed through unchanged to the caller."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        issues: tuple[ValidationIssue, ...],
        outcome: Mapping[str, object] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.issues = issues
        self.outcome = outcome


class ConfigurationError(PortError):
    """Settings that make an adapter unusable; the message says how to fix them."""
