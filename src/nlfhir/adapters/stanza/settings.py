"""What the Stanza adapter needs to start; the composition root fills it from NLFHIR_STANZA_*."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from nlfhir.ports.errors import ConfigurationError


class LabelScheme(StrEnum):
    """``auto`` reads the model's tags: PROBLEM/TEST/TREATMENT is i2b2, anything else ours."""

    AUTO = "auto"
    I2B2 = "i2b2"
    ORDERS = "orders"


@dataclass(frozen=True, slots=True, kw_only=True)
class StanzaSettings:
    """One of three model sources, checked in this order.

    ``model_dir`` (a ``nlfhir train-ner`` output), explicit ``ner_model`` + ``pretrain`` files, or
    a Stanza ``resources_dir`` the user downloaded, with ``package``/``ner_package`` in it.
    """

    model_dir: Path | None = None
    ner_model: Path | None = None
    pretrain: Path | None = None
    resources_dir: Path | None = None
    package: str = "mimic"
    ner_package: str = "i2b2"
    labels: LabelScheme = LabelScheme.AUTO
    batch_window_ms: float = 0.0
    batch_max: int = 32

    def __post_init__(self) -> None:
        if self.batch_window_ms < 0 or self.batch_max < 1:
            raise ConfigurationError(
                "NLFHIR_STANZA_BATCH_WINDOW_MS must be >= 0 and NLFHIR_STANZA_BATCH_MAX >= 1"
            )
