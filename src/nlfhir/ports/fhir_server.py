"""Executing transactions on a FHIR server."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Mapping


@dataclass(frozen=True, slots=True, kw_only=True)
class ExecutedEntry:
    """One entry of a transaction-response: the status line and the created location."""

    status: str
    location: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerHealth:
    """What a health probe saw: reachable or not, how fast, and the breaker's state."""

    reachable: bool
    latency_ms: float | None
    breaker_state: str
    detail: str | None = None


class FhirServer(Protocol):
    """A FHIR server that runs transactions. Raises FhirServerUnavailable or FhirServerRejected;
    never reports success it did not see."""

    async def execute(self, bundle: Mapping[str, object]) -> tuple[ExecutedEntry, ...]: ...

    async def health(self) -> ServerHealth: ...
