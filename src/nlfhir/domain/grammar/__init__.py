"""The order grammar: reads dose, route, timing, reasons, allergies and services around mentions.

Entry point: ``read_orders(text, mentions, vocabulary)``. Mentions come from an extractor
adapter (lexicon or model); codes come through ``Vocabulary``; everything else is here.
"""

from nlfhir.domain.grammar.mentions import Mention, MentionKind, Vocabulary
from nlfhir.domain.grammar.reader import read_orders

__all__ = ["Mention", "MentionKind", "Vocabulary", "read_orders"]
