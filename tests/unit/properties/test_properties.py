"""Properties over the domain and the adapters, checked on generated input (hypothesis)."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nlfhir.adapters.local_validation import LocalR4Validator
from nlfhir.adapters.rules import RulesExtractor
from nlfhir.adapters.terminology import TableTerminology
from nlfhir.domain.conversion import MAX_TEXT_CHARS
from nlfhir.domain.errors import InvalidInput
from nlfhir.domain.grammar.patterns import alternation
from nlfhir.domain.mapping import BundleContext, ReasonMode, build_bundle
from nlfhir.domain.orders import MedicationOrder
from nlfhir.domain.patient import PatientRef
from nlfhir.domain.quantities import Quantity, Range
from nlfhir.domain.timing import TimeUnit, Timing
from tests.fakes.clock import SequentialIds

pytestmark = pytest.mark.unit

EXTRACTOR = RulesExtractor(TableTerminology())
VALIDATOR = LocalR4Validator()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

DRUGS = st.sampled_from(
    [
        "metformin",
        "amoxicillin",
        "lisinopril",
        "warfarin",
        "albuterol",
        "zorblaxumab",
        "prednisone",
        "heparin",
    ]
)
DOSES = st.sampled_from(["500 mg", "1-2 tabs", "2 puffs", "10 units", "0.5 mg", "5 ml", ""])
ROUTES = st.sampled_from(["PO", "IV", "IM", "SC", "SL", "inhaled", "OU", "topically", ""])
FREQS = st.sampled_from(
    [
        "BID",
        "TID",
        "q4-6h",
        "daily",
        "qhs",
        "every other day",
        "weekly",
        "2-4 times a day",
        "stat",
        "x1",
        "",
    ]
)
TAILS = st.sampled_from(
    [
        "prn pain",
        "for otitis media",
        "x 10 days",
        "max 3 g/day",
        "then 20 mg daily",
        "over 30 minutes",
        "",
        "; order CBC",
        ". Hold aspirin.",
        ". NKDA",
        ". Allergic to penicillin.",
    ]
)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


ORDERS = st.builds(
    _join,
    DRUGS,
    DOSES,
    ROUTES,
    FREQS,
    TAILS,
)
TEXTS = st.one_of(
    ORDERS, st.lists(ORDERS, min_size=1, max_size=4).map("; ".join), st.text(max_size=300)
)


def bundle(
    text: str, patient: PatientRef | None = None, mode: ReasonMode = ReasonMode.CODE
) -> dict[str, object]:
    orders = EXTRACTOR.read(text).orders
    return build_bundle(
        orders,
        BundleContext(
            patient=patient,
            authored_on="2026-11-22T10:00:00Z",
            new_id=SequentialIds().new_id,
            reason_mode=mode,
        ),
    )


@SETTINGS
@given(TEXTS)
def test_no_text_crashes_the_extractor(text: str) -> None:
    extraction = EXTRACTOR.read(text)
    for order in extraction.orders:
        assert 0 <= order.span.start <= order.span.end <= len(text)
    for segment in extraction.unparsed:
        assert 0 <= segment.span.start <= segment.span.end <= len(text)


@SETTINGS
@given(
    TEXTS,
    st.sampled_from([None, "Patient/123", "urn:oid:1.2|MRN-1"]),
    st.sampled_from(list(ReasonMode)),
)
def test_every_produced_bundle_validates(text: str, patient: str | None, mode: ReasonMode) -> None:
    b = bundle(text, PatientRef.parse(patient) if patient else None, mode)
    outcome = VALIDATOR.check(b)
    assert outcome.valid, [i.diagnostics for i in outcome.issues if i.blocking]


@SETTINGS
@given(TEXTS)
def test_bundles_are_json_and_full_urls_unique(text: str) -> None:
    b = json.loads(json.dumps(bundle(text)))
    urls = [e["fullUrl"] for e in b.get("entry", [])]
    assert len(urls) == len(set(urls))
    assert all(u.startswith("urn:uuid:") for u in urls)


@SETTINGS
@given(TEXTS)
def test_extraction_is_deterministic(text: str) -> None:
    assert EXTRACTOR.read(text) == EXTRACTOR.read(text)


@SETTINGS
@given(st.sampled_from(["Hold", "Stop", "Discontinue", "No", "Denies"]), DRUGS, DOSES, FREQS)
def test_stop_and_negation_never_yield_an_active_order(
    word: str, drug: str, dose: str, freq: str
) -> None:
    orders = EXTRACTOR.read(f"{word} {drug} {dose} {freq}").orders
    assert not [o for o in orders if isinstance(o, MedicationOrder)]


@SETTINGS
@given(st.text(max_size=MAX_TEXT_CHARS + 50))
def test_patient_parse_accepts_or_refuses_cleanly(raw: str) -> None:
    try:
        ref = PatientRef.parse(raw)
    except InvalidInput:
        return
    assert ref.conditional_reference().startswith("Patient")


@SETTINGS
@given(
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
    st.floats(min_value=0, max_value=1e6, allow_nan=False),
)
def test_range_orders_its_bounds(a: float, b: float) -> None:
    low, high = sorted((a, b))
    r = Range(low=Quantity(value=low), high=Quantity(value=high))
    assert r.low.value <= r.high.value


@SETTINGS
@given(
    st.integers(min_value=1, max_value=24),
    st.integers(min_value=0, max_value=24),
    st.sampled_from(list(TimeUnit)),
)
def test_timing_period_max_never_below_period(period: int, extra: int, unit: TimeUnit) -> None:
    t = Timing(frequency=1, period=period, period_max=period + extra, period_unit=unit)
    assert t.period_max is not None
    assert t.period is not None
    assert t.period_max >= t.period


@SETTINGS
@given(DRUGS, st.integers(min_value=1, max_value=5000), st.sampled_from(["mg", "mcg", "g"]))
def test_stated_dose_is_the_dose(drug: str, value: int, unit: str) -> None:
    (order,) = [
        o
        for o in EXTRACTOR.read(f"{drug} {value} {unit} PO daily").orders
        if isinstance(o, MedicationOrder)
    ]
    dose = order.dosages[0].dose
    assert dose is not None
    assert dose.value == value


@SETTINGS
@given(st.integers(min_value=1, max_value=12), st.sampled_from(["h", "hours", "hrs"]))
def test_every_n_hours_is_period_n(n: int, word: str) -> None:
    (order,) = [
        o
        for o in EXTRACTOR.read(f"metformin 500 mg po q{n}{word}").orders
        if isinstance(o, MedicationOrder)
    ]
    t = order.dosages[0].timing
    assert (t.frequency, t.period, t.period_unit) == (1, n, TimeUnit.HOUR)


# Words of every kind the unknown-drug guard sees: sig words, ordinary and everyday words, and
# words that could name a drug; with numbers, units and punctuation between them.
_GUARD_WORDS = st.sampled_from(
    [
        "give",
        "start",
        "on",
        "and",
        "po",
        "iv",
        "bid",
        "daily",
        "prn",
        "tablet",
        "cream",
        "patient",
        "coffee",
        "fluid",
        "restriction",
        "Zorblax",
        "vonoprazan",
        "Sitz",
        "bath",
        "of",
        "5",
        "10 mg",
        "0.1%",
        "2 tabs",
        ".",
        ";",
        ":",
        "/",
    ]
)


@SETTINGS
@given(st.lists(_GUARD_WORDS, max_size=12).map(" ".join))
def test_the_unknown_drug_guard_never_hides_a_name(text: str) -> None:
    """The guard that skips the position patterns only skips texts where they find nothing."""
    from nlfhir.adapters.rules import context
    from nlfhir.domain.grammar.patterns import fold

    folded = fold(text)
    if not context._any_name(folded, []):  # pyright: ignore[reportPrivateUsage]
        assert context.by_position(text, folded, []) == []


# The lexicon's alternations are prefix trees (ADR 0011's speed work): they must choose exactly
# what a flat alternation sorted longest first chooses, whatever the phrases and the text.
_PHRASE = st.text(alphabet="ab c.-/1", min_size=1, max_size=6).filter(lambda w: w.strip() == w)


def _flat(words: list[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+")
        for w in sorted(dict.fromkeys(words), key=len, reverse=True)
    )


@SETTINGS
@given(words=st.lists(_PHRASE, min_size=1, max_size=12), data=st.data())
def test_the_prefix_tree_alternation_matches_as_the_flat_one(
    words: list[str], data: st.DataObject
) -> None:
    # the text is made of the phrases themselves, whole or cut, between random characters
    pieces = st.one_of(
        st.sampled_from(words),
        st.sampled_from(words).map(lambda w: w[:-1]),
        st.text(alphabet="ab c.-/1\t", max_size=3),
    )
    text = "".join(data.draw(st.lists(pieces, max_size=6)))
    for wrap in (r"(?<![\w/])(?:{})(?![\w/])", r"(?:{})", r"(?:{})\s*x", r"^(?:{})$"):
        tree = re.compile(wrap.format(alternation(words)))
        flat = re.compile(wrap.format(_flat(words)))
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_the_prefix_tree_shares_prefixes_and_keeps_the_longest() -> None:
    pattern = alternation(["q4h", "q6h", "qd", "q", "twice daily", "daily"])
    assert pattern.count("q") == 1  # one branch for every phrase starting with "q"
    assert re.fullmatch(pattern, "twice   daily")
    assert re.match(pattern, "q4h").group(0) == "q4h"  # type: ignore[union-attr]
    assert re.match(rf"(?:{pattern})(?!\w)", "qd").group(0) == "qd"  # type: ignore[union-attr]
