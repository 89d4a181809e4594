"""Dosage and Timing: every structured field the grammar read, next to the source text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.domain.mapping.datatypes import (
    Json,
    codeable,
    duration,
    number,
    quantity,
    range_,
    ratio,
)

if TYPE_CHECKING:
    from nlfhir.domain.orders import Dosage
    from nlfhir.domain.timing import Timing


def dosage_json(d: Dosage) -> Json:
    out: Json = {}
    if d.sequence is not None:
        out["sequence"] = d.sequence
    if d.text:
        out["text"] = d.text
    timing = timing_json(d.timing)
    if timing:
        out["timing"] = timing
    out.update(_as_needed(d))
    if d.additional_instructions:
        out["additionalInstruction"] = [codeable(c) for c in d.additional_instructions]
    if d.site is not None:
        out["site"] = codeable(d.site)
    if d.route is not None:
        out["route"] = codeable(d.route)
    dose_rate = _dose_and_rate(d)
    if dose_rate:
        out["doseAndRate"] = [dose_rate]
    if d.max_dose_per_period is not None:
        out["maxDosePerPeriod"] = ratio(d.max_dose_per_period)
    return out


def _dose_and_rate(d: Dosage) -> Json:
    out: Json = {}
    if d.dose is not None:
        out["doseQuantity"] = quantity(d.dose)
    elif d.dose_range is not None:
        out["doseRange"] = range_(d.dose_range)
    if d.rate_quantity is not None:
        out["rateQuantity"] = quantity(d.rate_quantity)
    elif d.rate_range is not None:
        out["rateRange"] = range_(d.rate_range)
    elif d.rate_ratio is not None:
        out["rateRatio"] = ratio(d.rate_ratio)
    return out


def timing_json(t: Timing) -> Json:
    repeat = _repeat(t)
    out: Json = {}
    if repeat:
        out["repeat"] = repeat
    if t.code is not None:
        out["code"] = codeable(t.code)
    return out


def _repeat(t: Timing) -> Json:
    repeat: Json = {}
    if t.bounds_duration is not None:
        repeat["boundsDuration"] = duration(t.bounds_duration)
    if t.count is not None:
        repeat["count"] = t.count
    repeat.update(_each(t))
    if t.frequency is not None:
        repeat["frequency"] = t.frequency
    if t.frequency_max is not None:
        repeat["frequencyMax"] = t.frequency_max
    if t.period is not None and t.period_unit is not None:
        repeat["period"] = number(t.period)
        if t.period_max is not None:
            repeat["periodMax"] = number(t.period_max)
        repeat["periodUnit"] = t.period_unit.value
    if t.day_of_week:
        repeat["dayOfWeek"] = list(t.day_of_week)
    if t.when:
        repeat["when"] = list(t.when)
    return repeat


def _each(t: Timing) -> Json:
    """How long one administration lasts: duration (and durationMax) in durationUnit."""
    if t.duration is None:
        return {}
    out: Json = {"duration": number(t.duration.value)}
    if t.duration_max is not None:
        out["durationMax"] = number(t.duration_max)
    out["durationUnit"] = t.duration.code or t.duration.unit
    return out


def _as_needed(d: Dosage) -> Json:
    if d.as_needed_reason is not None:
        return {"asNeededCodeableConcept": codeable(d.as_needed_reason)}
    return {"asNeededBoolean": True} if d.as_needed else {}
