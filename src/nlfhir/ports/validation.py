"""Checking a Bundle against FHIR R4."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping

    from nlfhir.domain.validation import ValidationOutcome


class BundleValidator(Protocol):
    """Gives a verdict on a Bundle, or raises ValidatorUnavailable: it never reports "valid"
    without having checked."""

    @property
    def name(self) -> str: ...

    async def validate(self, bundle: Mapping[str, object]) -> ValidationOutcome: ...
