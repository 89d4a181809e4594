"""A terminology fake that knows a few names and no codes: every concept it returns is uncoded.

Unit tests of the grammar need recognition, not codes; codes are tested with the real tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.domain.codes import Coding, Concept
from nlfhir.ports.terminology import NameKind, Terminology

if TYPE_CHECKING:
    from collections.abc import Collection

MEDICATIONS = frozenset(
    {
        "metformin",
        "amoxicillin",
        "lisinopril",
        "acetaminophen",
        "ibuprofen",
        "prednisone",
        "albuterol",
        "aspirin",
        "warfarin",
        "morphine",
        "insulin glargine",
        "timolol",
        "ceftriaxone",
        "vancomycin",
        "heparin",
        "furosemide",
        "penicillin",
        "ondansetron",
        "metoprolol",
        "potassium chloride",
        "potassium",
        "oxycodone",
        "nicotine",
        "hydrocortisone",
        "gabapentin",
        "vitamin c",
    }
)
LABS = frozenset(
    {
        "cbc",
        "complete blood count",
        "bmp",
        "cmp",
        "hba1c",
        "tsh",
        "potassium",
        "lipid panel",
        "inr",
        "urinalysis",
        "k",
        "pt",
        "diff",
    }
)
IMAGING = frozenset({"chest x-ray", "ct head", "mri brain"})
PROCEDURES = frozenset({"ecg", "ekg", "electrocardiogram", "infusion"})
CONDITIONS = frozenset({"otitis media", "hypertension", "pain", "fever"})


class FakeTerminology(Terminology):
    loaded = True

    def medication(
        self, name: str, *, strength: str | None = None, form: str | None = None
    ) -> Concept | None:
        return Concept(text=name) if name.lower() in MEDICATIONS else None

    def lab(self, name: str) -> Concept | None:
        return Concept(text=name) if name.lower() in LABS else None

    def imaging(self, name: str) -> Concept | None:
        return Concept(text=name) if name.lower() in IMAGING else None

    def procedure(self, name: str) -> Concept | None:
        return Concept(text=name) if name.lower() in IMAGING | PROCEDURES else None

    def condition(self, name: str) -> Concept | None:
        return Concept(text=name) if name.lower() in CONDITIONS else None

    def substance(self, name: str) -> Concept | None:
        return self.medication(name)

    def route(self, name: str) -> Concept | None:
        return None

    def unit(self, name: str) -> Coding | None:
        return None

    def known_names(self, kind: NameKind) -> Collection[str]:
        return {
            NameKind.MEDICATION: MEDICATIONS,
            NameKind.LAB: LABS,
            NameKind.IMAGING: IMAGING,
            NameKind.PROCEDURE: PROCEDURES,
        }.get(kind, frozenset())

    def load(self) -> None:
        return None
