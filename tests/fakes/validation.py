"""Validator fakes: one that answers a fixed verdict, one that is always unavailable."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.domain.validation import Severity, ValidationIssue, ValidationOutcome
from nlfhir.ports.errors import ValidatorUnavailable
from nlfhir.ports.validation import BundleValidator

if TYPE_CHECKING:
    from collections.abc import Mapping


class FakeValidator(BundleValidator):
    def __init__(self, name: str = "fake", *, errors: int = 0) -> None:
        self._name = name
        self._errors = errors
        self.seen: list[Mapping[str, object]] = []

    @property
    def name(self) -> str:
        return self._name

    async def validate(self, bundle: Mapping[str, object]) -> ValidationOutcome:
        self.seen.append(bundle)
        issues = tuple(
            ValidationIssue(
                severity=Severity.ERROR, code="structure", diagnostics=f"fake error {i}"
            )
            for i in range(self._errors)
        )
        return ValidationOutcome(validated_by=self._name, issues=issues)


class DownValidator(BundleValidator):
    """Never gives a verdict: stands for a validator that cannot be reached."""

    @property
    def name(self) -> str:
        return "down"

    async def validate(self, bundle: Mapping[str, object]) -> ValidationOutcome:
        raise ValidatorUnavailable("connection refused", retry_after=5)
