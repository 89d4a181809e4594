"""Who the orders are for. The service never invents a patient: the caller names one, or none."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlfhir.domain.errors import InvalidInput

_REFERENCE = re.compile(r"^Patient/[A-Za-z0-9\-.]{1,64}$")
_IDENTIFIER = re.compile(r"^(?P<system>[^\s|]{1,256})\|(?P<value>[^\s|]{1,128})$")


@dataclass(frozen=True, slots=True, kw_only=True)
class PatientRef:
    """A literal reference (``Patient/123``) or a business identifier (``system|value``)."""

    reference: str | None = None
    identifier_system: str | None = None
    identifier_value: str | None = None

    @classmethod
    def parse(cls, raw: str) -> PatientRef:
        """Read the caller's patient: ``Patient/<id>`` or ``<system>|<value>``."""
        raw = raw.strip()
        if _REFERENCE.match(raw):
            return cls(reference=raw)
        m = _IDENTIFIER.match(raw)
        if m:
            return cls(identifier_system=m["system"], identifier_value=m["value"])
        raise InvalidInput(
            "patient must be a reference 'Patient/<id>' or an identifier '<system>|<value>'"
        )

    def conditional_reference(self) -> str:
        """The reference to put in resources: literal, or conditional on the identifier."""
        if self.reference is not None:
            return self.reference
        return f"Patient?identifier={self.identifier_system}|{self.identifier_value}"
