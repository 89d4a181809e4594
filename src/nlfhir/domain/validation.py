"""The verdict on a Bundle, and who gave it. A validator that did not run gives no verdict."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nlfhir.domain.errors import InvariantViolation


class Severity(StrEnum):
    FATAL = "fatal"
    ERROR = "error"
    WARNING = "warning"
    INFORMATION = "information"


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationIssue:
    """One issue, shaped like an OperationOutcome.issue."""

    severity: Severity
    code: str
    diagnostics: str
    expression: str | None = None

    @property
    def blocking(self) -> bool:
        return self.severity in (Severity.FATAL, Severity.ERROR)


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationOutcome:
    """A verdict by a named validator. ``valid`` is derived from error/fatal issues, never set.

    ``degraded`` means a stand-in validator answered because the configured one could not;
    ``reason`` says why.
    """

    validated_by: str
    issues: tuple[ValidationIssue, ...] = ()
    degraded: bool = False
    reason: str | None = None

    def __post_init__(self) -> None:
        if not self.validated_by:
            raise InvariantViolation("an outcome names the validator that produced it")
        if self.degraded and not self.reason:
            raise InvariantViolation("a degraded outcome says why")

    @property
    def valid(self) -> bool:
        return not any(i.blocking for i in self.issues)

    @property
    def error_count(self) -> int:
        return sum(1 for i in self.issues if i.blocking)

    @property
    def warning_count(self) -> int:
        return sum(1 for i in self.issues if i.severity is Severity.WARNING)
