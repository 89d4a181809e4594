"""Quantities with UCUM units, ranges and ratios, as the dosage needs them."""

from __future__ import annotations

import math
from dataclasses import dataclass

from nlfhir.domain.errors import InvariantViolation


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Quantity:
    """A number with the unit as written (``unit``) and, when known, its UCUM code (``code``)."""

    value: float
    unit: str | None = None
    code: str | None = None

    def __init__(self, *, value: float, unit: str | None = None, code: str | None = None) -> None:
        if math.isnan(value) or value < 0:
            raise InvariantViolation("a quantity is a non-negative number")
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "unit", unit)
        object.__setattr__(self, "code", code)


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Range:
    """An inclusive dose range such as "1-2 tablets"; low never exceeds high."""

    low: Quantity
    high: Quantity

    def __init__(self, *, low: Quantity, high: Quantity) -> None:
        if low.value > high.value:
            raise InvariantViolation("a range's low exceeds its high")
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Ratio:
    """A rate or a maximum per period, e.g. 3 g per 1 d or 100 mL per 1 h."""

    numerator: Quantity
    denominator: Quantity

    def __init__(self, *, numerator: Quantity, denominator: Quantity) -> None:
        if denominator.value == 0:
            raise InvariantViolation("a ratio's denominator is never zero")
        object.__setattr__(self, "numerator", numerator)
        object.__setattr__(self, "denominator", denominator)
