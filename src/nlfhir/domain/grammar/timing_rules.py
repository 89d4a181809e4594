"""Reading the schedule of one dosage line: frequency, period, events, count and duration."""

from __future__ import annotations

from dataclasses import dataclass, field

from nlfhir.domain.grammar import lexicon as lx
from nlfhir.domain.grammar import patterns as pt
from nlfhir.domain.grammar import rx
from nlfhir.domain.grammar.scanner import Scanner, number
from nlfhir.domain.quantities import Quantity
from nlfhir.domain.timing import DAYS, TimeUnit, Timing

_MEAL_EVENTS = {
    ("ac", "breakfast"): "ACM",
    ("ac", "lunch"): "ACD",
    ("ac", "dinner"): "ACV",
    ("pc", "breakfast"): "PCM",
    ("pc", "lunch"): "PCD",
    ("pc", "dinner"): "PCV",
    ("c", "breakfast"): "CM",
    ("c", "lunch"): "CD",
    ("c", "dinner"): "CV",
}
_MEAL_REL = {"ac": "ac", "before": "ac", "pc": "pc", "after": "pc", "with": "c"}


@dataclass(slots=True, init=False)
class _Draft:
    frequency: int | None = None
    frequency_max: int | None = None
    period: float | None = None
    period_max: float | None = None
    unit: str | None = None
    when: list[str] = field(default_factory=list[str])
    days: list[str] = field(default_factory=list[str])
    count: int | None = None
    duration: Quantity | None = None
    each: Quantity | None = None
    each_max: float | None = None
    immediate: bool = False

    def __init__(self) -> None:  # every field starts empty; read_timing fills them
        self.frequency: int | None = None
        self.frequency_max: int | None = None
        self.period: float | None = None
        self.period_max: float | None = None
        self.unit: str | None = None
        self.when: list[str] = []
        self.days: list[str] = []
        self.count: int | None = None
        self.duration: Quantity | None = None
        self.each: Quantity | None = None
        self.each_max: float | None = None
        self.immediate = False


def read_timing(sc: Scanner) -> tuple[Timing, bool]:
    """The schedule, including how long each administration lasts ("over 30 minutes"), and
    whether the dose is to be given immediately ("stat", "now")."""
    d = _Draft()
    _days(sc, d)
    _infusion(sc, d)
    _count(sc, d)
    _duration(sc, d)
    _frequency(sc, d)
    _events(sc, d)
    _once(sc, d)
    if d.days and d.frequency is None and d.period is None and d.count is None:
        d.frequency, d.period, d.unit = 1, 1, "d"  # "every monday": once on each day named
    timing = Timing(
        frequency=d.frequency,
        frequency_max=d.frequency_max,
        period=d.period,
        period_max=d.period_max,
        period_unit=TimeUnit(d.unit) if d.unit else None,
        when=tuple(dict.fromkeys(d.when)),
        day_of_week=tuple(day for day in DAYS if day in d.days),
        count=d.count,
        bounds_duration=d.duration,
        duration=d.each,
        duration_max=d.each_max,
    )
    return timing, d.immediate


_DAY_SEP = rx.compile(r"\s*(?:,|/|&|\band\b)\s*")


def _day(word: str) -> str:
    return word.strip().lower()[:3]


def _days(sc: Scanner, d: _Draft) -> None:
    """Days of the week the schedule is restricted to ("mon-fri", "on weekends")."""
    for m in sc.take_all(pt.DAYS):
        if m["a"]:
            first, last = DAYS.index(_day(m["a"])), DAYS.index(_day(m["b"]))
            span = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
            d.days += [DAYS[i] for i in span]
        elif m["list"]:
            d.days += [_day(w) for w in _DAY_SEP.split(m["list"])]
        elif m["span"]:
            d.days += list(DAYS[:5] if "day" in m["span"] else DAYS[5:])
        else:
            d.days.append(_day(m["one"]))


def _infusion(sc: Scanner, d: _Draft) -> None:
    m = sc.take(pt.INFUSE_OVER)
    if m:
        unit = lx.TIME_UNITS[m["u"]]
        d.each = Quantity(value=number(m["v"]), unit=unit, code=unit)
        if m["hi"] is not None and number(m["hi"]) > d.each.value:
            d.each_max = number(m["hi"])  # "over 2-5 minutes"


def _count(sc: Scanner, d: _Draft) -> None:
    m = sc.peek(pt.COUNT)
    if m is None or (m["w"] and not _COUNTED.search(sc.lowered, 0, m.start())):
        return  # "for sepsis, blood cultures x2": another order's count, not the drug's
    sc.blank(m.start(), m.end())
    if int(m["v"] or m["w"]) >= 1:
        d.count = int(m["v"] or m["w"])


# "q5min x3", "0.4 mg SL x3", "neb x2": a bare "x<n>" counts the doses it follows directly.
_COUNTED = rx.compile(
    r"(?:q\s*\d+\s*(?:min|mins|h|hr|hrs|hours?)?|every\s+\d+\s*\w+|daily|weekly|bid|tid|qid|prn"
    r"|iv|po|im|sc|sq|sl|pr|neb|ivp|ivpb|mg|mcg|g|ml|units?|puffs?|tabs?|caps?|now|stat)[ \t]*$"
)


def _duration(sc: Scanner, d: _Draft) -> None:
    m = sc.take(pt.DURATION)
    if m:
        unit = lx.TIME_UNITS[m["u"]]
        d.duration = Quantity(value=number(m["v"]), unit=unit, code=unit)


def _frequency(sc: Scanner, d: _Draft) -> None:
    if (m := sc.take(pt.FREQ_HOURLY)) is not None:
        low = number(m["a"])
        high = number(m["b"]) if m["b"] else low
        d.frequency, d.period, d.unit = 1, low, "h"
        d.period_max = high if high > low else None
    elif (m := sc.take(pt.FREQ_RANGE_Q)) is not None:
        low, high = number(m["a"]), number(m["b"])
        d.frequency, d.period, d.unit = 1, low, lx.TIME_UNITS[m["u"]]
        d.period_max = high if high > low else None
    elif (m := sc.take(pt.FREQ_TIMES)) is not None:
        d.frequency = int(number(m["a"]))
        most = int(number(m["b"])) if m["b"] else None
        d.frequency_max = most if most and most > d.frequency else None
        d.period, d.unit = 1, (lx.TIME_UNITS[m["u"]] if m["u"] else "wk" if m["weekly"] else "d")
    elif (m := sc.take(pt.FREQ_FIXED)) is not None:
        key = " ".join(m.group(0).split())
        d.frequency, d.period, d.unit = lx.FREQUENCY_PHRASES[key]
    elif (m := sc.take(pt.FREQ_Q)) is not None:
        d.frequency, d.unit = 1, lx.TIME_UNITS[m["u"]]
        d.period = number(m["a"]) if m["a"] else 1


def _events(sc: Scanner, d: _Draft) -> None:
    meals: list[str] = []
    for m in sc.take_all(pt.MEAL_LIST):
        rel = _MEAL_REL[m["rel"]]
        for word in m["meals"].replace(",", " ").replace("&", " ").split():
            meal = "dinner" if word == "supper" else word
            if (rel, meal) in _MEAL_EVENTS:
                meals.append(_MEAL_EVENTS[(rel, meal)])
    d.when += meals
    if meals and d.frequency is None and d.period is None and d.count is None:
        # "before breakfast and dinner" with no other schedule: once at each meal, every day
        d.frequency, d.period, d.unit = len(set(meals)), 1, "d"
    for m in sc.take_all(pt.WHEN):
        code, daily = lx.WHEN_PHRASES[" ".join(m.group(0).split())]
        d.when.append(code)
        if daily and d.frequency is None and d.period is None:
            d.frequency, d.period, d.unit = 1, 1, "d"


_ONCE_A_DAY = (1, 1, "d", None, None)  # frequency, period, unit, frequency_max, period_max


def _once(sc: Scanner, d: _Draft) -> None:
    """ "once", "x1", "single dose": one administration. "x1" with a once-a-day schedule is that
    day's one dose ("x1 in AM", "qhs x1", "daily x1": the time is kept, the repetition is not);
    "once" with one ("once at bedtime" may mean every night, as outpatient sigs write it), "x1"
    with any other schedule ("q6h x1") or inside brackets is left unread, so reported."""
    m = sc.peek(pt.ONCE)
    if m is not None and pt.ONCE.match(sc.lowered, m.start()) is None:
        sc.blank(m.start(), m.end())  # "once every 6 hours": part of the schedule, read with it
        m = None
    if m is not None and pt.in_brackets(sc.lowered, m.start()):
        m = None  # "daily (loaded 325 mg x1 in ED)": another dose's, in brackets; left unread
    d.immediate = sc.take(pt.IMMEDIATE) is not None
    if d.count is not None:
        if m is not None:
            sc.blank(m.start(), m.end())
        return
    unscheduled = d.frequency is None and d.period is None
    daily = (d.frequency, d.period, d.unit, d.frequency_max, d.period_max) == _ONCE_A_DAY
    counted = m is not None and m.group(0).startswith("x")
    if m is not None and (unscheduled or (daily and counted)):
        sc.blank(m.start(), m.end())
        d.count = 1
        d.frequency = d.period = d.unit = None
    elif d.immediate and unscheduled:
        d.count = 1
