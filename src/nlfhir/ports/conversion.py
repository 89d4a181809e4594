"""The driving port: what the HTTP API and the CLI ask the application to do."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping

    from nlfhir.domain.conversion import Conversion
    from nlfhir.domain.patient import PatientRef
    from nlfhir.domain.validation import ValidationOutcome
    from nlfhir.ports.fhir_server import ExecutedEntry


class ConversionService(Protocol):
    """Convert text to a validated Bundle, validate a Bundle, execute a Bundle.

    Raises domain InvalidInput for bad input and port errors for unavailable dependencies.
    """

    async def convert(
        self, text: str, patient: PatientRef | None, *, request_id: str | None = None
    ) -> Conversion:
        """``request_id`` ties the conversion to the caller's request (a fresh id otherwise)."""
        ...

    async def validate(self, bundle: Mapping[str, object]) -> ValidationOutcome: ...

    async def execute(self, bundle: Mapping[str, object]) -> tuple[ExecutedEntry, ...]: ...
