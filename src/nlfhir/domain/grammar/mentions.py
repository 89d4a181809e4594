"""Mentions: where an extractor saw a drug, test or other orderable in the text.

Extractors differ only in how they find mentions (lexicon lookup, NER model); the domain
grammar then reads everything around a mention (dose, route, timing, reason ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from nlfhir.domain.codes import Coding, Concept
from nlfhir.domain.orders import ServiceCategory, Span


class MentionKind(StrEnum):
    MEDICATION = "medication"
    LAB = "lab"
    IMAGING = "imaging"
    PROCEDURE = "procedure"
    REFERRAL = "referral"
    # A drug named again in parentheses ("Zosyn (piperacillin/tazobactam)"): part of the order
    # named before it, never an order of its own.
    RESTATED = "restated"


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Mention:
    """A named orderable at ``span`` in the text, with its (possibly uncoded) concept."""

    span: Span
    kind: MentionKind
    concept: Concept
    source: str

    def __init__(self, *, span: Span, kind: MentionKind, concept: Concept, source: str) -> None:
        object.__setattr__(self, "span", span)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "concept", concept)
        object.__setattr__(self, "source", source)

    @property
    def service_category(self) -> ServiceCategory | None:
        return _CATEGORY.get(self.kind)


_CATEGORY = {
    MentionKind.LAB: ServiceCategory.LABORATORY,
    MentionKind.IMAGING: ServiceCategory.IMAGING,
    MentionKind.PROCEDURE: ServiceCategory.PROCEDURE,
    MentionKind.REFERRAL: ServiceCategory.REFERRAL,
}


class Lookups(Protocol):
    """Anything that can look up routes, units, conditions and substances by name."""

    def route(self, name: str) -> Concept | None: ...

    def unit(self, name: str) -> Coding | None: ...

    def condition(self, name: str) -> Concept | None: ...

    def substance(self, name: str) -> Concept | None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Vocabulary:
    """Code lookups the grammar may use; each returns None for a name it does not know.

    Built by an adapter from the terminology port, so the domain never reads tables itself.
    """

    route: Callable[[str], Concept | None]
    unit: Callable[[str], Coding | None]
    condition: Callable[[str], Concept | None]
    substance: Callable[[str], Concept | None]

    @classmethod
    def of(cls, lookups: Lookups) -> Vocabulary:
        """The vocabulary of a terminology (any object with the four lookups)."""
        return cls(
            route=lookups.route,
            unit=lookups.unit,
            condition=lookups.condition,
            substance=lookups.substance,
        )
