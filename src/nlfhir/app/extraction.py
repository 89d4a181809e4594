"""Composite extraction: the rules first, then Stanza for what no table names.

The two adapters only find mentions; the merged mentions go through the domain grammar once, so
dose, route, timing and the safety rules are the same whichever found the drug. Each order
keeps the name of the extractor that found it (`source`), and the API shows it.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from nlfhir.domain.grammar import Mention, Vocabulary, read_orders
from nlfhir.ports.extraction import OrderExtractor

if TYPE_CHECKING:
    from nlfhir.adapters.rules import RulesExtractor
    from nlfhir.adapters.stanza import StanzaExtractor
    from nlfhir.domain.orders import Extraction
    from nlfhir.ports.terminology import Terminology


class CompositeExtractor(OrderExtractor):
    def __init__(
        self, rules: RulesExtractor, stanza: StanzaExtractor, terminology: Terminology
    ) -> None:
        self.rules = rules
        self.stanza = stanza
        self._vocabulary = Vocabulary.of(terminology)

    @property
    def name(self) -> str:
        return "composite"

    def load(self) -> None:
        self.rules.load()
        self.stanza.load()

    async def extract(self, text: str) -> Extraction:
        known = self.rules.mentions(text)
        found = await self.stanza.batcher.submit(text)  # off the event loop, micro-batched
        return read_orders(text, merge(text, known, found), self._vocabulary)


_SENTENCE_END = re.compile(r"[.;\n]|//")


def merge(text: str, first: list[Mention], extra: tuple[Mention, ...]) -> list[Mention]:
    """The rules' mentions, plus the model's only in sentences where the rules found nothing.

    A model mention beside a rules mention would split the text the grammar binds to each
    drug; the model is there for what the tables miss, not to second-guess what they found.
    """
    bounds = [0, *(m.end() for m in _SENTENCE_END.finditer(text)), len(text) + 1]
    covered = {_sentence(bounds, m.span.start) for m in first}
    added = [m for m in extra if _sentence(bounds, m.span.start) not in covered]
    return [*first, *added]


def _sentence(bounds: list[int], pos: int) -> int:
    return bisect.bisect_right(bounds, pos)
