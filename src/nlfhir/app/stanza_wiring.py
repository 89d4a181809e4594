"""Stanza settings from NLFHIR_STANZA_* (the names the adapter's error messages give)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from nlfhir.adapters.stanza import LabelScheme, StanzaSettings
from nlfhir.ports.errors import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Mapping


def _path(env: Mapping[str, str], key: str) -> Path | None:
    value = env.get(key)
    return Path(value) if value else None


def stanza_settings(env: Mapping[str, str] | None = None) -> StanzaSettings:
    env = os.environ if env is None else env
    try:
        return StanzaSettings(
            model_dir=_path(env, "NLFHIR_STANZA_MODEL_DIR"),
            ner_model=_path(env, "NLFHIR_STANZA_NER_MODEL"),
            pretrain=_path(env, "NLFHIR_STANZA_PRETRAIN"),
            resources_dir=_path(env, "NLFHIR_STANZA_RESOURCES_DIR"),
            package=env.get("NLFHIR_STANZA_PACKAGE", "mimic"),
            ner_package=env.get("NLFHIR_STANZA_NER_PACKAGE", "i2b2"),
            labels=LabelScheme(env.get("NLFHIR_STANZA_LABELS", "auto")),
            batch_window_ms=float(env.get("NLFHIR_STANZA_BATCH_WINDOW_MS", "0")),
            batch_max=int(env.get("NLFHIR_STANZA_BATCH_MAX", "32")),
        )
    except ValueError as e:
        raise ConfigurationError(f"invalid NLFHIR_STANZA_* setting: {e}") from e
