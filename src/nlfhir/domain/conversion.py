"""The result of converting one text, and the limits on what may be converted."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nlfhir.domain.errors import InvalidInput
from nlfhir.domain.mapping.datatypes import Json
from nlfhir.domain.orders import Extraction
from nlfhir.domain.validation import ValidationOutcome

MAX_TEXT_CHARS = 10_000
"""Longest accepted order text, in characters (a long discharge medication list is ~4,000)."""


class PatientStatus(StrEnum):
    """How the bundle refers to the patient."""

    REFERENCE = "reference"
    IDENTIFIER = "identifier"
    MISSING = "missing"


def check_text(text: str) -> str:
    """The text to convert: not blank, not longer than MAX_TEXT_CHARS, no NUL characters."""
    if not text.strip():
        raise InvalidInput("text is empty")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(f"text is longer than {MAX_TEXT_CHARS} characters")
    if "\x00" in text:
        raise InvalidInput("text contains a NUL character")
    return text


@dataclass(frozen=True, slots=True, kw_only=True)
class Conversion:
    """A converted text: the orders read, the Bundle built from them, and the verdict on it."""

    request_id: str
    extraction: Extraction
    bundle: Json
    outcome: ValidationOutcome
    patient_status: PatientStatus
    extractor: str
    duration_ms: float
