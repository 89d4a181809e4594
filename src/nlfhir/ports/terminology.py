"""Looking names up in code systems. A name the tables do not know returns None: never a guess."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from collections.abc import Collection

    from nlfhir.domain.codes import Coding, Concept


class NameKind(StrEnum):
    """Kinds of names an extractor can ask the tables to enumerate, for recognition in text."""

    MEDICATION = "medication"
    LAB = "lab"
    PROCEDURE = "procedure"
    IMAGING = "imaging"
    CONDITION = "condition"
    SUBSTANCE = "substance"


class Terminology(Protocol):
    """Curated code tables behind one interface; every returned code has a recorded source."""

    def medication(
        self, name: str, *, strength: str | None = None, form: str | None = None
    ) -> Concept | None:
        """RxNorm: the ingredient, plus the clinical drug when strength and form identify one."""
        ...

    def lab(self, name: str) -> Concept | None:
        """LOINC for a laboratory test or panel."""
        ...

    def imaging(self, name: str) -> Concept | None:
        """LOINC for an imaging study, named as the tables name it ("mri knee - right without
        contrast")."""
        ...

    def procedure(self, name: str) -> Concept | None:
        """SNOMED CT for a procedure, imaging study or referral."""
        ...

    def condition(self, name: str) -> Concept | None:
        """SNOMED CT for a condition or finding (indications, PRN reasons)."""
        ...

    def substance(self, name: str) -> Concept | None:
        """A coded allergen: RxNorm for drugs, SNOMED CT for other substances."""
        ...

    def route(self, name: str) -> Concept | None:
        """SNOMED CT route of administration from a word or abbreviation (po, iv, sc ...)."""
        ...

    def unit(self, name: str) -> Coding | None:
        """UCUM unit from a word or abbreviation (mg, mcg, tab, puff ...)."""
        ...

    def known_names(self, kind: NameKind) -> Collection[str]:
        """Every lowercase surface name (generic, brand, synonym) the tables code for ``kind``."""
        ...
