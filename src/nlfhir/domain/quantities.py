"""Quantities with UCUM units, ranges and ratios, as the dosage needs them."""

from __future__ import annotations

from dataclasses import dataclass

from nlfhir.domain.errors import InvariantViolation


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity:
    """A number with the unit as written (``unit``) and, when known, its UCUM code (``code``)."""

    value: float
    unit: str | None = None
    code: str | None = None

    def __post_init__(self) -> None:
        if self.value != self.value or self.value < 0:  # NaN or negative
            raise InvariantViolation("a quantity is a non-negative number")


@dataclass(frozen=True, slots=True, kw_only=True)
class Range:
    """An inclusive dose range such as "1-2 tablets"; low never exceeds high."""

    low: Quantity
    high: Quantity

    def __post_init__(self) -> None:
        if self.low.value > self.high.value:
            raise InvariantViolation("a range's low exceeds its high")


@dataclass(frozen=True, slots=True, kw_only=True)
class Ratio:
    """A rate or a maximum per period, e.g. 3 g per 1 d or 100 mL per 1 h."""

    numerator: Quantity
    denominator: Quantity

    def __post_init__(self) -> None:
        if self.denominator.value == 0:
            raise InvariantViolation("a ratio's denominator is never zero")
