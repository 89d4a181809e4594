"""Rules-based extraction: lexicon matching for mentions, the domain grammar for the rest."""

from nlfhir.adapters.rules.extractor import RulesExtractor

__all__ = ["RulesExtractor"]
