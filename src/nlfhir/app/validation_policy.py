"""The validation policy as a validator: the configured one, or it then a stand-in, said so."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from nlfhir.ports.errors import ValidatorUnavailable
from nlfhir.ports.validation import BundleValidator

if TYPE_CHECKING:
    from collections.abc import Mapping

    from nlfhir.domain.validation import ValidationOutcome


class FallbackValidator(BundleValidator):
    """Asks ``primary``; only when it cannot answer does ``fallback`` answer, marked degraded.

    A verdict from ``primary`` (valid or not) is never replaced.
    """

    def __init__(self, primary: BundleValidator, fallback: BundleValidator) -> None:
        self._primary = primary
        self._fallback = fallback

    @property
    def name(self) -> str:
        return f"{self._primary.name}-then-{self._fallback.name}"

    async def validate(self, bundle: Mapping[str, object]) -> ValidationOutcome:
        try:
            return await self._primary.validate(bundle)
        except ValidatorUnavailable as e:
            outcome = await self._fallback.validate(bundle)
            why = (
                f"{self._primary.name} validator unavailable ({e}); {outcome.validated_by} answered"
            )
            return replace(outcome, degraded=True, reason=why)
