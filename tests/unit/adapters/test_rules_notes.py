"""Orders as EHR notes write them: headings on their own lines, comma-separated sigs, PRN after a
semicolon, shared schedules, consultants' recommendations, permissions and history, PCA and
insulin ratios (found by a second audit of realistic notes, issue #3)."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.domain.orders import OrderIntent
from nlfhir.domain.timing import TimeUnit
from tests.support.extraction import meds

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "ordered"),
    [
        ("Stop taking these medications:\n- aspirin 81 mg daily\n- ibuprofen 600 mg q6h prn", []),
        ("Stopped:\n- aspirin 81 mg daily\nNew:\n- clopidogrel 75 mg daily", ["clopidogrel"]),
        ("HOLD:\nmetformin 500 mg BID\n\nStart lisinopril 10 mg daily", ["lisinopril"]),
        ("Home medications:\nlisinopril 10 mg daily\nmetformin 500 mg BID", []),
        ("Discontinue:\n1. vancomycin 1 g IV q12h\n2. cefepime 2 g IV q8h", []),
    ],
)
def test_a_heading_on_its_own_line_governs_the_lines_under_it(
    shipped: RulesExtractor, text: str, ordered: list[str]
) -> None:
    assert [m.medication.text for m in meds(shipped.read(text))] == ordered


@pytest.mark.parametrize(
    "text",
    [
        "metoprolol, 25 mg, po, BID",
        "Vitamin d3, 4000 IU, po, daily",
        "lorazepam, 0.5 MG, P.O., q4\u20136h; PRN agitation",
    ],
)
def test_a_comma_separated_sig_is_one_dosage(shipped: RulesExtractor, text: str) -> None:
    (med,) = meds(shipped.read(text))
    assert len(med.dosages) == 1
    assert med.dosages[0].dose is not None
    assert not med.dosages[0].timing.is_empty


@pytest.mark.parametrize(
    "text",
    [
        "lorazepam, 0.5 MG, P.O., q4\u20136h; PRN agitation",
        "oxycodone 5 mg PO q4h; prn pain",
        "Begin morphine 15 mg SC q12h; prn breakthrough pain x 7 days",
    ],
)
def test_prn_after_a_semicolon_is_the_dosages(shipped: RulesExtractor, text: str) -> None:
    (med,) = meds(shipped.read(text))
    (dosage,) = med.dosages
    assert dosage.as_needed
    assert dosage.timing.period is not None


def test_an_en_dash_range_is_a_range(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("oxycodone 5\u201310 mg q4\u20136h prn pain"))
    d = med.dosages[0]
    assert d.dose_range is not None
    assert (d.timing.period, d.timing.period_max) == (4, 6)


def test_two_doses_by_two_routes_are_no_one_schedule(shipped: RulesExtractor) -> None:
    assert meds(shipped.read("potassium chloride 40 mEq PO and 20 mEq IV")) == []


@pytest.mark.parametrize(
    ("text", "prn"),
    [
        # a shared schedule as needed is shared as needed
        ("oxycodone 5 mg and acetaminophen 650 mg q4h prn pain", [True, True]),
        # a drug given as needed takes no scheduled neighbour's interval
        ("hydromorphone 0.5 mg IV prn pain, heparin 5000 units SC q8h", [True, False]),
    ],
)
def test_shared_schedules_keep_as_needed_right(
    shipped: RulesExtractor, text: str, prn: list[bool]
) -> None:
    orders = meds(shipped.read(text))
    assert [m.dosages[0].as_needed for m in orders] == prn
    if not prn[1]:
        assert orders[0].dosages[0].timing.period is None


def test_a_drug_given_now_takes_no_neighbours_interval(shipped: RulesExtractor) -> None:
    aspirin = meds(
        shipped.read("give aspirin 325 mg chewed now, nitroglycerin 0.4 mg SL q5min x3 prn")
    )[0]
    assert aspirin.dosages[0].timing.period is None
    assert not aspirin.dosages[0].as_needed


@pytest.mark.parametrize(
    "text",
    [
        "enoxaparin 40 mg SC daily (alternatively heparin 5000 units SC q8h)",
        "morphine 2 mg IV q4h prn pain (may substitute hydromorphone 0.5 mg)",
    ],
)
def test_an_alternative_or_substitute_is_a_choice(shipped: RulesExtractor, text: str) -> None:
    assert meds(shipped.read(text)) == []


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("morphine PCA basal 1 mg/hr, demand 1 mg q10min", "patient-controlled"),
        ("hydromorphone PCA demand dose 0.2 mg q10min", "patient-controlled"),
        ("insulin aspart 1 unit per 10 g carbs with meals", "insulin ratio"),
        ("novolog 2 units for every 50 mg/dL above 150", "insulin ratio"),
    ],
)
def test_pca_settings_and_insulin_ratios_are_no_fixed_dose(
    shipped: RulesExtractor, text: str, why: str
) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert any(why in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "per_week"),
    [
        ("epoetin 10000 units SC 3 times weekly", 3),
        ("methotrexate 2.5 mg 2x weekly", 2),
        ("epoetin 10000 units SC TIW", 3),
        ("methotrexate 2.5 mg PO BIW", 2),
    ],
)
def test_times_weekly_is_per_week(shipped: RulesExtractor, text: str, per_week: int) -> None:
    t = meds(shipped.read(text))[0].dosages[0].timing
    assert (t.frequency, t.period, t.period_unit) == (per_week, 1, TimeUnit.WEEK)


@pytest.mark.parametrize(
    "text",
    [
        "In ED given morphine 4 mg IV.",
        "Prehospital: albuterol 2.5 mg neb x2.",
        "Pt with afib on apixaban 5 mg BID.",
        "Known HTN on amlodipine 10 mg daily.",
        "Social history: drinks 2 beers daily. Takes melatonin 3 mg qhs.",
        "ok to give ibuprofen",
        "Allergies: sulfa. Ok to continue furosemide.",
    ],
)
def test_given_history_and_permission_are_no_orders(shipped: RulesExtractor, text: str) -> None:
    assert meds(shipped.read(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "Neuro recs: EEG, MRI brain, keppra 500 mg BID.",
        "Per cardiology: start metoprolol 25 mg BID.",
    ],
)
def test_a_consultants_recommendation_is_proposed(shipped: RulesExtractor, text: str) -> None:
    (med,) = meds(shipped.read(text))
    assert med.intent is OrderIntent.PROPOSAL


def test_another_orders_count_is_not_the_drugs(shipped: RulesExtractor) -> None:
    text = "Start pip-tazo 4.5 g IV q6h for sepsis, blood cultures x2, lactate, CXR"
    (med,) = meds(shipped.read(text))
    assert med.dosages[0].timing.count is None


@pytest.mark.parametrize(
    "text",
    [
        "If worsening, order CT chest and CBC.",
        "Should symptoms recur, CT head and neuro consult.",
        "If positive, refer to GI.",
    ],
)
def test_tests_after_a_leading_condition_are_not_ordered(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    assert e.orders == ()
    assert any("only on a condition" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("capecitabine 1000 mg/m2 PO BID days 1-14 of 21 day cycle", "treatment cycle"),
        ("gemcitabine 1000 mg/m2 IV day 1 and 8 q21 days", "treatment cycle"),
        ("temozolomide 150 mg/m2 PO daily x 5 days every 28 days", "treatment cycle"),
        ("heparin 18 units/kg/hr IV, bolus 80 units/kg, weight 70 kg", "a bolus and an infusion"),
    ],
)
def test_cycle_days_and_a_bolus_beside_a_rate_are_reported(
    shipped: RulesExtractor, text: str, why: str
) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert any(why in u.reason for u in e.unparsed)


def test_a_drip_with_no_bolus_is_ordered(shipped: RulesExtractor) -> None:
    assert len(meds(shipped.read("heparin drip 18 units/kg/hr, no bolus, titrate per aPTT"))) == 1


def test_cycles_a_schedule_can_carry_are_ordered(shipped: RulesExtractor) -> None:
    text = "Adcetris 1.8 mg/kg IV over 20 minutes every 3 weeks for 16 cycles"
    (med,) = meds(shipped.read(text))
    assert med.dosages[0].timing.count == 16


def test_a_threshold_after_for_is_no_indication(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("cefepime 1 g IV q24h for CrCl < 11"))
    assert med.indication is None


def test_a_sentence_ending_in_a_number_keeps_its_schedule(shipped: RulesExtractor) -> None:
    """ "prn SBP>160. PIH labs q6h": the full stop after a number ends the sentence, so the next
    sentence's schedule never reaches the drug before it."""
    e = shipped.read("Labetalol 200 mg PO prn SBP>160. PIH labs q6h")
    (med,) = meds(e)
    assert med.dosages[0].timing.is_empty
    assert any(u.text == "PIH labs q6h" for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "limit", "unit"),
    [
        ("acetaminophen 650 mg q6h prn pain. Do not exceed 3 g per day.", 3, "g"),
        ("acetaminophen 650 mg q6h prn pain. Max 3 g/day", 3, "g"),
        ("ibuprofen 400 mg q6h prn x 10 days. Do not exceed 1200 mg per day", 1200, "mg"),
    ],
)
def test_a_limit_in_the_next_sentence_is_the_doses_maximum(
    shipped: RulesExtractor, text: str, limit: float, unit: str
) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    most = med.dosages[0].max_dose_per_period
    assert most is not None
    assert (most.numerator.value, most.numerator.unit) == (limit, unit)
    assert e.unparsed == ()


def test_a_name_after_a_full_stop_is_no_limit(shipped: RulesExtractor) -> None:
    e = shipped.read("Tylenol 650 mg q6h prn. Max Smith to follow up.")
    (med,) = meds(e)
    assert med.dosages[0].max_dose_per_period is None
    assert any(u.text == "Max Smith to follow up" for u in e.unparsed)
