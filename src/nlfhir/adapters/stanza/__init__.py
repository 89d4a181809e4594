"""Stanza extraction adapter (the ``stanza`` extra): NER finds mentions, the grammar reads orders.

Importing this package never imports stanza or torch; they load when a model does.
"""

from nlfhir.adapters.stanza.extractor import StanzaExtractor
from nlfhir.adapters.stanza.settings import LabelScheme, StanzaSettings
from nlfhir.adapters.stanza.training import TrainOptions, train_ner

__all__ = ["LabelScheme", "StanzaExtractor", "StanzaSettings", "TrainOptions", "train_ner"]
