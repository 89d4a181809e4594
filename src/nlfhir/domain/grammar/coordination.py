"""Coordinated orders share what is said once for all of them.

"vonoprazan 20 mg bid + amoxicillin 750 mg bid + clarithromycin 500 mg bid for 1 week" and
"metformin 500 mg bid and glipizide 5 mg daily for type 2 diabetes": a duration, cycle count,
schedule or indication written after the last of drugs joined by "+", "and", "&" or a comma
belongs to each of them, unless a drug states its own; a shared schedule as needed is shared as
needed, and a drug given as needed takes no scheduled drug's interval.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlfhir.domain.grammar.sig import SigReading
    from nlfhir.domain.timing import Timing

_JOINERS = ("+", "&", ",")
_JOINING_WORDS = ("and", "plus")


def ends_joined(window: str) -> bool:
    """The words after a drug end with "+", "&", ",", "and" or "plus": the next drug shares
    what is stated after it ("amoxicillin and clarithromycin x 14 days")."""
    tail = window.rstrip()
    if tail.endswith(_JOINERS):
        return True
    word = tail[-5:].lower()
    return any(
        word.endswith(w) and (len(tail) == len(w) or not tail[-len(w) - 1].isalnum())
        for w in _JOINING_WORDS
    )


def share(earlier: list[SigReading], later: list[SigReading]) -> list[SigReading]:
    """``earlier``'s readings, completed with what the next coordinated order states."""
    if not later:
        return earlier
    source = later[0]
    out: list[SigReading] = []
    for i, own in enumerate(earlier):
        shared = own
        d = own.dosage
        if (
            (d.as_needed and not source.dosage.as_needed)
            or own.unread  # words of its own no rule read ("amlodipine 5 mg OD, timolol ... BID")
            or own.immediate
            or d.timing.count is not None
            or d.rate_quantity is not None
            or d.rate_range is not None
        ):
            # "hydromorphone 0.5 mg IV prn pain, heparin 5000 units SC q8h": a drug given as
            # needed never takes a scheduled drug's interval; nor one given now or once
            # ("aspirin 325 mg chewed now, nitroglycerin ... q5min") or at a rate (a drip)
            out.append(own)
            continue
        timing = _timing(own.dosage.timing, source.dosage.timing)
        if timing is not own.dosage.timing:
            dosage = replace(own.dosage, timing=timing)
            if source.dosage.as_needed and timing.period != own.dosage.timing.period:
                # "oxycodone 5 mg and acetaminophen 650 mg q4h prn pain": the shared schedule
                # is as needed, for the same reason
                dosage = replace(
                    dosage, as_needed=True, as_needed_reason=source.dosage.as_needed_reason
                )
            shared = replace(shared, dosage=dosage)
        if i == 0 and source.indication and not any(r.indication for r in earlier):
            shared = replace(shared, indication=source.indication)
        out.append(shared)
    return out


def _timing(own: Timing, shared: Timing) -> Timing:
    changes: dict[str, object] = {}
    if own.bounds_duration is None and shared.bounds_duration is not None:
        changes["bounds_duration"] = shared.bounds_duration
    if own.count is None and shared.count is not None and own.frequency is None:
        changes["count"] = shared.count
    if own.period is None and own.frequency is None and not own.when and shared.period:
        changes.update(
            frequency=shared.frequency,
            period=shared.period,
            period_max=shared.period_max,
            period_unit=shared.period_unit,
        )
    return replace(own, **changes) if changes else own  # type: ignore[arg-type]
