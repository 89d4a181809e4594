"""R4 datatypes (Coding, CodeableConcept, Quantity, Duration, Ratio, Range) as JSON dicts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.domain.codes import CodeSystem, Concept

if TYPE_CHECKING:
    from nlfhir.domain.quantities import Quantity, Range, Ratio

Json = dict[str, object]


def number(value: float) -> int | float:
    """FHIR decimals: integral values are written without a fraction ("500", not "500.0")."""
    return int(value) if float(value).is_integer() else value


def codeable(concept: Concept) -> Json:
    out: Json = {}
    if concept.codings:
        out["coding"] = [
            {"system": c.system, "code": c.code, **({"display": c.display} if c.display else {})}
            for c in concept.codings
        ]
    # as written, each run of white space one space: a FHIR string allows no other spaces than
    # " ", tab and line breaks ("Metformin\u00a0ER" from a pasted note is not a valid string)
    out["text"] = " ".join(concept.text.split())
    return out


def quantity(q: Quantity) -> Json:
    out: Json = {"value": number(q.value)}
    if q.unit:
        out["unit"] = q.unit
    if q.code:
        out["system"] = CodeSystem.UCUM.value
        out["code"] = q.code
    return out


def duration(q: Quantity) -> Json:
    """A Duration always carries its UCUM time code (R4 invariant drt-1)."""
    code = q.code or q.unit
    return {
        "value": number(q.value),
        "unit": q.unit or code,
        "system": CodeSystem.UCUM.value,
        "code": code,
    }


def ratio(r: Ratio) -> Json:
    return {"numerator": quantity(r.numerator), "denominator": quantity(r.denominator)}


def range_(r: Range) -> Json:
    return {"low": quantity(r.low), "high": quantity(r.high)}
