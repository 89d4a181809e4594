"""Reading orders out of clinical text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from nlfhir.domain.orders import Extraction


class OrderExtractor(Protocol):
    """Reads orders from text. Text it cannot read comes back as unparsed, never as a guess.

    Must not block the event loop for long: CPU-heavy extractors run their work off-loop.
    """

    @property
    def name(self) -> str: ...

    async def extract(self, text: str) -> Extraction: ...
