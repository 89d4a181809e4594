"""Coded concepts. A concept always keeps its text; codings only when a table knew the name."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nlfhir.domain.errors import InvariantViolation


class CodeSystem(StrEnum):
    """Canonical URIs of the code systems the project emits."""

    RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
    LOINC = "http://loinc.org"
    SNOMED = "http://snomed.info/sct"
    UCUM = "http://unitsofmeasure.org"
    GTS = "http://terminology.hl7.org/CodeSystem/v3-GTSAbbreviation"
    EVENT_TIMING = "http://hl7.org/fhir/event-timing"
    V3_TIMING_EVENT = "http://terminology.hl7.org/CodeSystem/v3-TimingEvent"
    ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Coding:
    """One code from one system; display is the source's own display text."""

    system: str
    code: str
    display: str | None = None

    def __init__(self, *, system: str, code: str, display: str | None = None) -> None:
        if not system or not code:
            raise InvariantViolation("a coding needs a system and a code")
        object.__setattr__(self, "system", system)
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "display", display)


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Concept:
    """A named thing with the text it was written as and zero or more codings.

    An empty ``codings`` tuple means *uncoded*: the tables did not know the name.
    """

    text: str
    codings: tuple[Coding, ...] = ()

    def __init__(self, *, text: str, codings: tuple[Coding, ...] = ()) -> None:
        if not text.strip():
            raise InvariantViolation("a concept needs its text")
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "codings", codings)

    @property
    def coded(self) -> bool:
        return bool(self.codings)
