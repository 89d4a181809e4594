"""When a dose is given: the structured parts of FHIR ``Timing.repeat`` plus an optional code."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nlfhir.domain.codes import Concept
from nlfhir.domain.errors import InvariantViolation
from nlfhir.domain.quantities import Quantity


class TimeUnit(StrEnum):
    """UCUM units of time allowed in ``Timing.repeat`` (FHIR units-of-time)."""

    SECOND = "s"
    MINUTE = "min"
    HOUR = "h"
    DAY = "d"
    WEEK = "wk"
    MONTH = "mo"
    YEAR = "a"


DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""FHIR R4 days-of-week codes, in order."""


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Timing:
    """A schedule. frequency/period follow FHIR: ``frequency`` times per ``period`` ``period_unit``.

    ``when`` holds FHIR event-timing codes (HS, AC, PC, MORN, IMD ...); ``day_of_week`` the days
    (mon ... sun) the schedule is restricted to; ``count`` the total number
    of administrations; ``bounds_duration`` how long the schedule lasts; ``duration`` how long
    each administration lasts (an infusion "over 30 minutes"), up to ``duration_max`` in the same
    unit ("over 2-5 minutes").
    """

    frequency: int | None = None
    frequency_max: int | None = None
    period: float | None = None
    period_max: float | None = None
    period_unit: TimeUnit | None = None
    when: tuple[str, ...] = ()
    day_of_week: tuple[str, ...] = ()
    count: int | None = None
    bounds_duration: Quantity | None = None
    duration: Quantity | None = None
    duration_max: float | None = None
    code: Concept | None = None

    def __init__(
        self,
        *,
        frequency: int | None = None,
        frequency_max: int | None = None,
        period: float | None = None,
        period_max: float | None = None,
        period_unit: TimeUnit | None = None,
        when: tuple[str, ...] = (),
        day_of_week: tuple[str, ...] = (),
        count: int | None = None,
        bounds_duration: Quantity | None = None,
        duration: Quantity | None = None,
        duration_max: float | None = None,
        code: Concept | None = None,
    ) -> None:
        if (period is None) != (period_unit is None):
            raise InvariantViolation("period and period_unit come together")
        if frequency_max is not None and (frequency is None or frequency_max < frequency):
            raise InvariantViolation("frequency_max needs a frequency no larger than it")
        if period_max is not None and (period is None or period_max < period):
            raise InvariantViolation("period_max needs a period no larger than it")
        if count is not None and count < 1:
            raise InvariantViolation("count is at least 1")
        if frequency is not None and frequency < 1:
            raise InvariantViolation("frequency is at least 1")
        if duration_max is not None and (duration is None or duration_max < duration.value):
            raise InvariantViolation("duration_max needs a duration no longer than it")
        if any(day not in DAYS for day in day_of_week):
            raise InvariantViolation("day_of_week holds FHIR days-of-week codes (mon ... sun)")
        object.__setattr__(self, "frequency", frequency)
        object.__setattr__(self, "frequency_max", frequency_max)
        object.__setattr__(self, "period", period)
        object.__setattr__(self, "period_max", period_max)
        object.__setattr__(self, "period_unit", period_unit)
        object.__setattr__(self, "when", when)
        object.__setattr__(self, "day_of_week", day_of_week)
        object.__setattr__(self, "count", count)
        object.__setattr__(self, "bounds_duration", bounds_duration)
        object.__setattr__(self, "duration", duration)
        object.__setattr__(self, "duration_max", duration_max)
        object.__setattr__(self, "code", code)

    @property
    def is_empty(self) -> bool:
        return (
            self.frequency is None
            and self.period is None
            and not self.when
            and not self.day_of_week
            and self.count is None
            and self.bounds_duration is None
            and self.duration is None
            and self.code is None
        )
