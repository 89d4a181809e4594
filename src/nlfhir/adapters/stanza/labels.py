"""Model labels -> mention kinds, for the i2b2 clinical scheme and the project's order scheme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.adapters.stanza.settings import LabelScheme
from nlfhir.domain.grammar import MentionKind
from nlfhir.ports.errors import ConfigurationError

if TYPE_CHECKING:
    from collections.abc import Collection

# i2b2 (Stanza's clinical models): PROBLEM is no order; the grammar may read it as a reason.
I2B2: dict[str, MentionKind | None] = {
    "TREATMENT": MentionKind.MEDICATION,
    "TEST": MentionKind.LAB,
    "PROBLEM": None,
}
ORDERS: dict[str, MentionKind | None] = {
    "DRUG": MentionKind.MEDICATION,
    "MEDICATION": MentionKind.MEDICATION,
    "LAB": MentionKind.LAB,
    "IMAGING": MentionKind.IMAGING,
    "PROCEDURE": MentionKind.PROCEDURE,
    "REFERRAL": MentionKind.REFERRAL,
}


def resolve(scheme: LabelScheme, model_labels: Collection[str]) -> dict[str, MentionKind | None]:
    """The label map for this model; a model none of whose labels map cannot start."""
    if scheme is LabelScheme.AUTO:
        scheme = LabelScheme.I2B2 if set(I2B2) <= set(model_labels) else LabelScheme.ORDERS
    table = I2B2 if scheme is LabelScheme.I2B2 else ORDERS
    if not any(table.get(label) for label in model_labels):
        raise ConfigurationError(
            f"the Stanza NER model's labels {sorted(model_labels)} include none of the "
            f"{scheme} scheme's order labels {sorted(k for k, v in table.items() if v)}; "
            "set NLFHIR_STANZA_LABELS to i2b2 or orders to match the model"
        )
    return table
