"""Start-up messages that say exactly how to fix the setting (settings names are the app's)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from nlfhir.ports.errors import ConfigurationError

if TYPE_CHECKING:
    from types import ModuleType

INSTALL_HINT = (
    "the Stanza extractor needs the stanza extra: install with `uv sync --extra stanza` "
    "(or `pip install 'nl-fhir[stanza]'`)"
)
MODEL_HINT = (
    "set NLFHIR_STANZA_MODEL_DIR to a directory made by `nlfhir train-ner` (holding ner.pt and "
    "pretrain.pt), or NLFHIR_STANZA_NER_MODEL and NLFHIR_STANZA_PRETRAIN to explicit files "
    "(e.g. a clinical i2b2 model from a Stanza resources directory you downloaded yourself)"
)


def import_stanza() -> ModuleType:
    """The stanza package, or a ConfigurationError that says how to install it."""
    return import_module("stanza")


def import_module(name: str) -> ModuleType:
    """Import a stanza module lazily (stanza ships no types: callers cast what they read)."""
    try:
        return importlib.import_module(name)
    except ImportError as e:
        raise ConfigurationError(INSTALL_HINT) from e
