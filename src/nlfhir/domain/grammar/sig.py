"""Reading one dosage line ("1-2 tabs PO q4-6h PRN pain, max 8 tabs/day") into a Dosage.

Rules run in a fixed order on a Scanner: strengths are claimed first so that "250 mg capsule"
is never read as the dose, then limits, rates, schedule, as-needed, indication, route and last
the dose itself. The order is the grammar's precedence.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlfhir.domain.codes import Concept
from nlfhir.domain.grammar import lexicon as lx
from nlfhir.domain.grammar import patterns as pt
from nlfhir.domain.grammar import rx
from nlfhir.domain.grammar.reasons import read_indication, read_prn
from nlfhir.domain.grammar.scanner import Scanner, number
from nlfhir.domain.grammar.timing_rules import read_timing
from nlfhir.domain.orders import Dosage
from nlfhir.domain.quantities import Quantity, Range, Ratio

if TYPE_CHECKING:
    import re

    from nlfhir.domain.grammar.mentions import Vocabulary
    from nlfhir.domain.timing import Timing


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class Product:
    """What the text says about the product itself: strength and dose form, and body weight."""

    strength: str | None = None
    form: str | None = None
    weight: Quantity | None = None
    count: str | None = None  # "two 500 mg capsules": units of the strength in one dose

    def __init__(
        self,
        *,
        strength: str | None = None,
        form: str | None = None,
        weight: Quantity | None = None,
        count: str | None = None,
    ) -> None:
        object.__setattr__(self, "strength", strength)
        object.__setattr__(self, "form", form)
        object.__setattr__(self, "weight", weight)
        object.__setattr__(self, "count", count)


@dataclass(frozen=True, slots=True, kw_only=True, init=False)
class SigReading:
    dosage: Dosage
    product: Product
    indication: Concept | None
    understood: bool
    immediate: bool = False
    # Stretches of the line (offsets in it) whose words no rule read: "titrate to heart rate",
    # "day 1 and 8". They stay in the dosage text and are reported as unparsed.
    unread: tuple[tuple[int, int], ...] = ()
    # The line only describes the product ("metoprolol 25 mg tablet, take 2 tablets po bid"):
    # a strength and a form, no amount of its own, no schedule.
    describes_product: bool = False
    # A condition the order waits for that is no measurement ("if no bleeding on CT").
    gated: str | None = None

    def __init__(
        self,
        *,
        dosage: Dosage,
        product: Product,
        indication: Concept | None,
        understood: bool,
        immediate: bool = False,
        unread: tuple[tuple[int, int], ...] = (),
        describes_product: bool = False,
        gated: str | None = None,
    ) -> None:
        object.__setattr__(self, "dosage", dosage)
        object.__setattr__(self, "product", product)
        object.__setattr__(self, "indication", indication)
        object.__setattr__(self, "understood", understood)
        object.__setattr__(self, "immediate", immediate)
        object.__setattr__(self, "unread", unread)
        object.__setattr__(self, "describes_product", describes_product)
        object.__setattr__(self, "gated", gated)


def read_sig(
    text: str,
    vocabulary: Vocabulary,
    *,
    form_hint: str | None = None,
    sequence: int | None = None,
    changed: bool = False,
) -> SigReading:
    """Read a dosage line; ``understood`` is False when nothing structured was found in it.
    ``changed``: the line's drug has its dose changed, so an amount "to" another right after
    its name is the dose changed from ("Increase lisinopril 10 mg to 20 mg")."""
    sc = Scanner(text)
    if (step := pt.STEP_TO.match(sc.work)) is not None:
        sc.blank(*step.span())  # "then increase to 2 tablets daily": the step's dose follows
    aside = sc.set_aside(pt.ASIDE) + sc.set_aside(pt.ARROW_FROM) + sc.set_aside(pt.TIMES_AMOUNT)
    aside += sc.set_aside(pt.SECOND_PRN)
    if changed:
        aside += sc.set_aside_after_name(pt.CHANGED_FROM)
    condition = _precondition(sc)
    gated = None
    if condition is not None and condition[2]:
        # "start heparin drip if no bleeding on CT": a start gated on a condition that is no
        # measurement; the whole order is reported (reader), never made as needed
        gated, condition = condition[0], None
    aside += sc.set_aside(pt.DELAYED_START)  # after the condition: "if no BM in 3 days"
    product = _product(sc, form_hint)
    max_dose = _max_dose(sc, vocabulary)
    daily = _daily_total(sc, vocabulary)
    rate = _rate(sc, vocabulary)
    timing, immediate = read_timing(sc)
    instructions = tuple(
        Concept(text=" ".join(sc.original[m.start() : m.end()].split()))
        for m in sc.take_all(pt.INSTRUCTION)
    )
    as_needed, prn_reason = _as_needed(sc, vocabulary, condition, aside)
    indication = read_indication(sc, vocabulary)
    infused = rate is not None or sc.take(pt.DILUENT) is not None
    route, site = _route(sc, vocabulary, product.form, infused=infused)
    dose, dose_range, bare = _dose(sc, vocabulary, product.form)
    describes_product = (
        dose is None
        and dose_range is None
        and daily is None
        and rate is None
        and product.strength is not None
        and timing.is_empty
        and not as_needed
    )
    if dose is None and dose_range is None and daily is None and rate is None:
        # "two 500 mg capsules" is two capsules; "amoxicillin 500 mg capsule po tid", "Zofran
        # 4 mg ODT": one unit of the form
        dose = _units_of(product, vocabulary) or _one_unit(product, vocabulary)
    if bare is not None:
        # "Lasix 40 IV", "Dilaudid 2 PO": a number with no unit and no unit-dose form states no
        # dose (2 mg? 2 tablets?); it is reported, never structured as a count of the product
        dose = dose_range = None
        aside.append(bare)
    rate_ratio = None
    if daily is not None:
        if dose is None and dose_range is None:
            dose, dose_range = _divided(daily, timing)
        if rate is None and isinstance(daily, Quantity):
            rate_ratio = Ratio(numerator=daily, denominator=_ONE_DAY)
    # a condition alone states no dosage: "then amoxicillin if no improvement" is not read
    from_condition = condition is not None and as_needed and condition[1] not in aside
    read_core = bool(
        dose or dose_range or route or not timing.is_empty or (as_needed and not from_condition)
    )

    # Words after the drug that no rule read, in a line read or not: "aspirin world this is a
    # test" orders aspirin with no dosage and reports "world this is a test" as unparsed.
    unread = tuple(sorted({*_unread(sc), *aside}))
    for start, end in unread:
        sc.keep(start, end)
    dosage = Dosage(
        text=sc.claimed_text(),
        sequence=sequence,
        dose=dose,
        dose_range=dose_range,
        route=route,
        site=site,
        timing=timing,
        as_needed=as_needed,
        as_needed_reason=prn_reason,
        max_dose_per_period=max_dose,
        rate_quantity=rate if isinstance(rate, Quantity) else None,
        rate_range=rate if isinstance(rate, Range) else None,
        rate_ratio=rate_ratio,
        additional_instructions=instructions,
    )
    understood = bool(read_core or rate or rate_ratio or immediate)
    return SigReading(
        dosage=dosage,
        product=product,
        indication=indication,
        understood=understood,
        immediate=immediate,
        unread=unread,
        describes_product=describes_product,
        gated=gated,
    )


_WORD = rx.compile(r"[a-z0-9][a-z0-9'\-]*")
# Words that carry no instruction of their own: articles, prepositions, administration verbs,
# and the product's own description (form, salt, release words, units).
_FILLER = (
    frozenset(
        """a an the of and or to with for in on at by as per into onto from then each every
        please patient dose doses product oral film coated extended delayed release sustained
        controlled chewable disintegrating enteric via route total dry powder liquid shampoo
        paste wash foam hydrate anhydrous monohydrate emergent emergently urgent urgently
        """.split()  # noqa: SIM905 - prose list; priority words are read for the whole order
    )
    | lx.ADMIN_METHODS
    | lx.FORM_WORDS
    | lx.SALT_WORDS
    | frozenset(w for w in lx.UNIT_WORDS if w.isalpha())
)
# Verbs that give no instruction alone ("take", or "check" before the next order's test) but
# belong to one they sit inside ("do not crush or chew"): they never start a run, only extend it.
_WEAK = frozenset(lx.ADMIN_VERBS) | frozenset(
    """take takes taking give given use apply insert inhale instill instil inject infuse
    administer place drink swallow start started continue begin order obtain draw send get
    check recheck monitor""".split()  # noqa: SIM905 - a word list reads better as prose
)


_HEADING_WORD = rx.compile(r"\W*(?:(?:per|via)\s+)?(?P<word>[a-z0-9][\w/-]*)\s*:\s*")
# headings that say nothing of the drug, or that other rules read ("Correction:", "New:")
_PLAIN_HEADINGS = frozenset(
    """new order orders rx plan start continue give request changed change correction update
    updated meds medications medication note weight-based""".split()  # noqa: SIM905 - prose list
)


def _unread(sc: Scanner) -> tuple[tuple[int, int], ...]:
    """Runs of words after the drug's name that no rule read, fillers at their ends dropped;
    a run ends where a rule read something. A number no rule read starts a run: it is a dose
    the grammar could not read ("amox 500 tid", "digoxin 0,125 mg"), never silently dropped."""
    work = sc.work
    nul = work.find("\x00")
    # the words before the drug are context, not dosage; but a one-word heading right before it
    # ("NG:", "per G-tube:", "Tonight:", "HTN:") says something of the drug, so what no rule read
    # of it is reported (a longer one, "Cardiac patient John Smith:", is context)
    heading = _HEADING_WORD.fullmatch(work, 0, nul)
    start = 0 if heading and heading["word"] not in _PLAIN_HEADINGS else nul + 1
    if all(w in _FILLER or w in _WEAK for w in _WORD.findall(work, start)):
        return ()  # the common case: every word was read
    runs: list[tuple[int, int]] = []
    run: tuple[int, int] | None = None
    for m in _WORD.finditer(work, start):
        word = m.group(0)
        if run is not None and sc.is_claimed(run[1], m.start()):
            runs.append(run)
            run = None
        if word in _FILLER:
            continue
        if run is not None:
            run = (run[0], m.end())
        elif word not in _WEAK:  # a number no rule read is reported: "metformin 500 BID"
            run = m.span()
    if run is not None:
        runs.append(run)
    return tuple(runs)


def _product(sc: Scanner, form_hint: str | None) -> Product:
    weight = None
    if (m := sc.take(pt.WEIGHT)) is not None:
        value = m["v"] or m["v2"]
        unit = (m["u"] or m["u2"] or "kg").lower()
        weight = Quantity(
            value=number(value), unit=unit, code="[lb_av]" if unit.startswith("lb") else unit
        )
    strengths = [m.group(0).strip() for m in _concentrations(sc)]
    strengths += [m.group(0).strip() for m in sc.take_all(pt.COMBO_STRENGTH)]
    count = None
    for m in sc.take_all(pt.FORM_STRENGTH):
        strengths.append(m.group(0).strip())
        if count is None and (n := pt.COUNT_BEFORE.search(sc.work, 0, m.start())) is not None:
            sc.blank(n.start(), n.end())
            count = n["n"]
    strengths += [m.group(0).strip() for m in sc.take_all(pt.PERCENT)]
    strengths += [m.group(0).strip() for m in _combination_ranges(sc)]
    sc.take_all(pt.PACKAGE)
    form = form_hint
    if (m := sc.peek(pt.FORM_MENTION)) is not None and form is None:
        form = m["form"]
    return Product(
        strength=strengths[0] if strengths else None, form=form, weight=weight, count=count
    )


_INFUSED = rx.compile(r"\b(?:iv|drip|gtt|infusion|continuous|infuse)\b")
_PATCH = rx.compile(r"\b(?:patch|transdermal|td)\b")
_PER_TIME = rx.compile(r"/\s*(?:h|hr|hour)\b")
_LIMIT_END = rx.compile(rf"{pt.MAX_LEAD}$")  # the words before a limit's amount


def _concentrations(sc: Scanner) -> list[re.Match[str]]:
    """Strengths per volume, unit or time ("100 mg/5 mL", "25 mcg/hr" of a patch); an amount
    per hour of a drip ("fentanyl drip 50 mcg/hr IV") is its rate, left for the rate rule."""

    def strength(m: re.Match[str]) -> bool:
        if _LIMIT_END.search(sc.work, max(0, m.start() - 30), m.start()) is not None:
            return False  # "max 10 mg/24h": the limit's, read by the max-dose rule
        drip = _INFUSED.search(sc.lowered) is not None and _PATCH.search(sc.lowered) is None
        return not (drip and _PER_TIME.search(m.group(0)))

    return sc.take_all(pt.CONCENTRATION, strength)


_COMBINATION = 10  # a second strength over ten times the first: two ingredients, not a range


def _combination_ranges(sc: Scanner) -> list[re.Match[str]]:
    return sc.take_all(pt.COMBO_RANGE, lambda m: number(m["b"]) > _COMBINATION * number(m["a"]))


def _quantity(value: float, word: str | None, vocabulary: Vocabulary) -> Quantity:
    if not word:
        return Quantity(value=value)
    key = lx.UNIT_WORDS.get(" ".join(word.lower().split()), word.lower())
    coding = vocabulary.unit(key)
    return Quantity(value=value, unit=key, code=coding.code if coding else None)


def _max_dose(sc: Scanner, vocabulary: Vocabulary) -> Ratio | None:
    m = sc.take(pt.MAX_DOSE)
    if not m:
        return None
    unit = lx.TIME_UNITS[m["pu"]] if m["pu"] else "d"  # "max 3 g daily": a day
    per = Quantity(value=float(m["pv"]) if m["pv"] else 1.0, unit=unit, code=unit)
    return Ratio(numerator=_quantity(number(m["v"]), m["u"], vocabulary), denominator=per)


_ONE_DAY = Quantity(value=1.0, unit="d", code="d")
_HOURS = {"d": 24.0, "h": 1.0}
_EXACT = 1e-9


def _daily_total(sc: Scanner, vocabulary: Vocabulary) -> Quantity | Range | None:
    """ "10 mg/kg/day divided BID": the total for a day, as written (a value or a range)."""
    m = sc.take(pt.DAILY_TOTAL)
    if not m:
        return None
    unit = " ".join(m["u"].split()).replace(" ", "")
    low = _quantity(number(m["a"]), unit, vocabulary)
    if m["b"] is not None and number(m["b"]) > low.value:
        return Range(low=low, high=_quantity(number(m["b"]), unit, vocabulary))
    return low


def _divided(daily: Quantity | Range, timing: Timing) -> tuple[Quantity | None, Range | None]:
    """The amount of one administration: the daily total over the doses the schedule gives a
    day, only when both are exact ("BID", "q8h"; never "q4-6h" or no schedule) and the quotient
    needs no rounding. Otherwise no dose is stated: the total stays as the rate per day."""
    per_day = _doses_per_day(timing)
    if per_day is None:
        return None, None
    if isinstance(daily, Quantity):
        return _share(daily, per_day), None
    low, high = _share(daily.low, per_day), _share(daily.high, per_day)
    return None, (Range(low=low, high=high) if low and high else None)


def _doses_per_day(timing: Timing) -> float | None:
    if (
        timing.frequency is None
        or timing.period is None
        or timing.frequency_max is not None
        or timing.period_max is not None
        or timing.period_unit is None
        or timing.period_unit.value not in _HOURS
    ):
        return None
    per_day = timing.frequency * _HOURS["d"] / (timing.period * _HOURS[timing.period_unit.value])
    return per_day if per_day >= 1 and abs(per_day - round(per_day)) < _EXACT else None


def _share(total: Quantity, per_day: float) -> Quantity | None:
    value = total.value / round(per_day)
    if abs(value * 1000 - round(value * 1000)) > _EXACT * 1000:
        return None  # "40 mg/kg/day divided TID" = 13.333... mg/kg: not rounded for the prescriber
    return Quantity(value=round(value, 3), unit=total.unit, code=total.code)


def _rate(sc: Scanner, vocabulary: Vocabulary) -> Quantity | Range | None:
    """ "at 100 mL/h", "5-15 mcg/kg/min" (a titration range: both ends, never only one)."""
    m = sc.take(pt.RATE)
    if not m:
        return None
    mass = lx.UNIT_WORDS.get(m["u"], m["u"])
    time = "h" if m["t"].startswith("h") else "min"
    text = f"{mass}{'/kg' if m['per'] else ''}/{time}"
    coding = vocabulary.unit(text)
    code = coding.code if coding else None
    low = Quantity(value=number(m["v"]), unit=text, code=code)
    if m["hi"] is not None and number(m["hi"]) > low.value:
        return Range(low=low, high=Quantity(value=number(m["hi"]), unit=text, code=code))
    return low


def _stated_route(sc: Scanner) -> re.Match[str] | None:
    """The route written, never one switched from ("switch from IV to PO": oral)."""
    m = sc.take(pt.ROUTE)
    while m is not None and sc.lowered[: m.start()].rstrip().endswith(" from"):
        m = sc.take(pt.ROUTE)
    return m


def _route(
    sc: Scanner, vocabulary: Vocabulary, form: str | None, *, infused: bool = False
) -> tuple[Concept | None, Concept | None]:
    """The stated route; else the one a form, an administration verb or an infusion implies."""
    name, site = _side(sc)
    if site is None and (m := sc.take(pt.AREA_SITE)) is not None:
        site = Concept(text=" ".join(sc.original[m.start("site") : m.end("site")].split()))
    if (m := _stated_route(sc)) is not None:
        name = lx.ROUTE_WORDS[" ".join(m.group(0).split())]
        # "vaginal tablet insert 1 tab pv": the same route said twice is read once, not left over
        while (again := sc.peek(pt.ROUTE)) is not None and (
            lx.ROUTE_WORDS[" ".join(again.group(0).split())] == name
        ):
            sc.blank(again.start(), again.end())
    if site is None and (m := sc.take(pt.BODY_SITE)) is not None:
        group = "site" if m["site"] is not None else "sided"
        site = Concept(text=" ".join(sc.original[m.start(group) : m.end(group)].split()))
    if name is None and (m := sc.peek(pt.FORM_ROUTE)) is not None:
        name = lx.FORM_ROUTES[" ".join(m.group(0).split())]
    if name is None and form is not None:
        name = lx.FORM_ROUTES.get(form)
    if name is None and (m := sc.peek(pt.VERB_ROUTE)) is not None:
        name = lx.VERB_ROUTES[m.group(0)]
    if name is None and infused:  # a rate (mL/h, mcg/kg/min) or an infusion fluid: a vein
        name = "intravenous"
    if name is None:
        return None, site
    coded = vocabulary.route(name)
    return Concept(text=name, codings=coded.codings if coded else ()), site


def _side(sc: Scanner) -> tuple[str | None, Concept | None]:
    """An eye or ear named by its side (OD, OS, OU, AD, AU, RE, LE): the route and the site."""
    m = sc.peek(pt.SIDE)
    after = sc.lowered[sc.lowered.find("\x00") + 1 :]  # the drug's own words, not the lead's
    if m is not None and m.group(0) in ("od", "os") and not pt.EYE_CONTEXT.search(after):
        m = None  # "amlodipine 5 mg OD": once daily or the right eye? reported, not read
    if m is not None:
        sc.blank(m.start(), m.end())
        name, side = lx.LATERALITY[" ".join(m.group(0).split())]
    elif ("AD" in sc.original or "AU" in sc.original or "AS" in sc.original) and (
        m := sc.take_original(
            pt.EAR_SIDE_UPPER,
            lambda m: m.group(0) != "AS" or pt.EAR_CONTEXT.search(sc.lowered) is not None,
        )
    ) is not None:
        name, side = "otic", {"AD": "right ear", "AS": "left ear", "AU": "both ears"}[m.group(0)]
    elif ("RE" in sc.original or "LE" in sc.original) and (
        m := sc.take_original(pt.EYE_SIDE_UPPER)
    ) is not None:
        name, side = "ophthalmic", {"RE": "right eye", "LE": "left eye"}[m.group(0)]
    else:
        return None, None
    return name, Concept(text=side)


def _dose(
    sc: Scanner, vocabulary: Vocabulary, form: str | None
) -> tuple[Quantity | None, Range | None, tuple[int, int] | None]:
    """The dose or dose range, and the span of a bare number read as a dose with no unit."""
    # Matched on the source text, so a unit word that also named the route ("2 inh", "1 po")
    # still counts; only numbers no earlier rule claimed (strengths, limits, rates) are doses.
    text = sc.visible
    found = [m for m in pt.DOSE.finditer(text) if _unclaimed(sc, m, "a", "b")]
    if found:
        m, explained = _prefer_mass(found, sc.work)
        sc.blank(m.start(), m.end())
        if lx.UNIT_WORDS.get(m["u"]) in lx.SOLID_UNITS and number(m["a"]) > _MOST_TABLETS:
            return None, None, m.span()  # "metformin 500 tablet": no 500 tablets; reported
        if explained is not None:  # the count or strength it states: read, not structured
            sc.blank(explained.start(), explained.end())
        high = m["b"]
        if high is None and (more := _UNIT_RANGE.match(sc.work, m.end())) is not None:
            # "2 mg to 4 mg": a range with its unit written twice
            same_unit = lx.UNIT_WORDS.get(more["u"]) == lx.UNIT_WORDS.get(m["u"])
            if same_unit and number(more["b"]) > number(m["a"]):
                sc.blank(more.start(), more.end())
                high = more["b"]
        return *_amount(m["a"], high, m["u"], vocabulary), None
    bare = next(
        (b for b in pt.BARE_DOSE.finditer(text) if _unclaimed(sc, b, "a", "b", "a2", "b2")), None
    )
    if not bare:
        return None, None, None
    sc.blank(bare.start(), bare.end())
    unit = _FORM_UNITS.get(form or "")
    dose, dose_range = _amount(bare["a"] or bare["a2"], bare["b"] or bare["b2"], unit, vocabulary)
    return dose, dose_range, None if unit else bare.span()


# A condition after one of these words in its clause is another instruction's: "hold if HR < 60",
# "call MD if SBP > 180", "may repeat if pain persists", "do not give if K > 5".
_OTHER_INSTRUCTION = rx.compile(
    r"\b(?:hold|holding|held|call|notify|page|contact|inform|alert|stop|stopping|d/c|dc"
    r"|discontinue|repeat|recheck|check|titrate|increase|decrease|reduce|wean|switch|change|may"
    r"|not|don't|unless|then)\b"
)


def _precondition(sc: Scanner) -> tuple[str, tuple[int, int], bool] | None:
    """A condition each dose waits for ("if BG > 200", "if febrile"), claimed so that no later
    rule reads its numbers, with its span; None when the clause's words give it to another
    instruction ("hold if HR < 60")."""
    name_end = sc.work.find("\x00")  # before the drug, a condition leads the clause (reader)
    for m in sc.take_all(
        pt.PRECONDITION,
        keep=lambda m: m.start() > name_end and _own_condition(sc.lowered, m.start()),
    ):
        group = "cond" if m["cond"] is not None else "cond2"
        words = " ".join(sc.original[m.start(group) : m.end(group)].split())
        return words, m.span(), group == "cond2"
    return None


def _as_needed(
    sc: Scanner,
    vocabulary: Vocabulary,
    condition: tuple[str, tuple[int, int], bool] | None,
    aside: list[tuple[int, int]],
) -> tuple[bool, Concept | None]:
    """PRN and its reason; else the dose's measured condition as its reason. A condition beside
    a PRN reason ("prn fever if temp > 38.5") stays in the text and is reported."""
    as_needed, reason = read_prn(sc, vocabulary)
    if condition is None:
        return as_needed, reason
    if as_needed:
        aside.append(condition[1])
        return as_needed, reason
    return True, Concept(text=condition[0])


def _own_condition(lowered: str, start: int) -> bool:
    """The dose's own condition: not inside brackets ("(extended infusion 3.375 g q8h if CrCl <
    20)" is another dosing's), and no other instruction's word before it in its clause."""
    lead = lowered[:start]
    if pt.in_brackets(lowered, start):
        return False
    lead = lead[max(lead.rfind(","), lead.rfind(";"), lead.rfind(":")) + 1 :]
    return _OTHER_INSTRUCTION.search(lead) is None


_UNIT_RANGE = rx.compile(rf"\s*(?:-|to)\s*(?P<b>{pt.NUM})\s*(?P<u>{pt.UNIT})(?!\w)")
_MOST_TABLETS = 10  # more tablets or capsules at once is a strength whose unit is missing
# a solid unit-dose form, also named by its release or its kind: "aspirin 81 mg chewable",
# "metformin 500 mg ER", "81 mg EC" are one unit of that strength
_UNIT_DOSE_FORMS = frozenset(
    {"tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps", "odt"}
    | {"chewable", "er", "xr", "sr", "dr", "ec", "extended", "delayed", "immediate"}
    | {"suppository", "suppositories", "lozenge", "lozenges", "troche", "troches"}
)
_MASS = rx.compile(r"^(?P<v>\d+(?:,\d{3})*(?:\.\d+)?)\s*(?P<u>mg|mcg|g)$")


def _units_of(product: Product, vocabulary: Vocabulary) -> Quantity | None:
    """ "two 500 mg capsules": the count of the form's units written before the strength."""
    unit = _FORM_UNITS.get(product.form or "")
    if product.count is None or unit is None:
        return None
    return _amount(product.count, None, unit, vocabulary)[0]


def _one_unit(product: Product, vocabulary: Vocabulary) -> Quantity | None:
    """The dose of one unit of a solid unit-dose form whose strength is stated and no amount is:
    "500 mg capsule" taken as written is one 500 mg capsule."""
    if product.form is None or product.strength is None or product.form not in _UNIT_DOSE_FORMS:
        return None
    m = _MASS.match(product.strength.lower())
    return _quantity(number(m["v"]), m["u"], vocabulary) if m else None


def _unclaimed(sc: Scanner, m: re.Match[str], *groups: str) -> bool:
    """The match's numbers (its first to its last number group) were claimed by no rule."""
    spans = [(m.start(g), m.end(g)) for g in groups if m[g] is not None]
    if not spans:
        return False
    start, end = spans[0][0], max(e for _, e in spans)
    return sc.work[start:end] == m.string[start:end]


_FORM_UNITS = {
    "tablet": "tab",
    "tablets": "tab",
    "tab": "tab",
    "tabs": "tab",
    "capsule": "cap",
    "capsules": "cap",
    "cap": "cap",
    "caps": "cap",
    "suppository": "suppository",
    "patch": "patch",
    "lozenge": "lozenge",
}


# Between a strength and the count that is the dose: "500 mg 2 tabs", "50 mcg, take 2 sprays".
_STRENGTH_THEN_COUNT = rx.compile(r"[\s,]*(?:(?:take|give|use|inhale|instill|apply|insert)\s+)?")


def _prefer_mass(
    found: list[re.Match[str]], work: str
) -> tuple[re.Match[str], re.Match[str] | None]:
    """The amount that is the dose, and the one it explains, which is read with it: "two
    suppositories (240 mg)", "Take 1 tablet (500 mg total)": the parenthesised mass states the
    dose precisely; but "500 mg 2 tabs", "50 mcg 2 sprays": a mass right before a count is the
    strength of each unit and the count is the dose."""
    first = found[0]
    counted = lx.UNIT_WORDS.get(first["u"]) in lx.COUNT_UNITS
    if counted:
        for m in found[1:]:
            if lx.UNIT_WORDS.get(m["u"]) not in lx.COUNT_UNITS and "(" in work[: m.start()][-3:]:
                return m, first
    elif len(found) > 1 and lx.UNIT_WORDS.get(found[1]["u"]) in lx.COUNT_UNITS:
        gap = work[first.end() : found[1].start()]
        if _STRENGTH_THEN_COUNT.fullmatch(gap):
            return found[1], first
    return first, None


def _amount(
    a: str, b: str | None, unit: str | None, vocabulary: Vocabulary
) -> tuple[Quantity | None, Range | None]:
    low = number(a)
    if b is not None:
        high = number(b)
        if high > low:
            return None, Range(
                low=_quantity(low, unit, vocabulary), high=_quantity(high, unit, vocabulary)
            )
    return _quantity(low, unit, vocabulary), None
