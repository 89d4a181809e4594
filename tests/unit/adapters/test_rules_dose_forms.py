"""Choices between drugs, switches and dose changes with their schedules, counts of a strength,
and conditions on a dose: each read as written or reported, never merged into a wrong order."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from tests.support.extraction import meds

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "text",
    [
        "hydromorphone 0.5 mg IV or oxycodone 5 mg PO q4h prn severe pain",
        "acetaminophen 650 mg or ibuprofen 400 mg q6h prn pain",
        "cefazolin 2 g IV q8h or clindamycin 900 mg IV q8h if PCN allergic",
        "acetaminophen or ibuprofen prn pain",
    ],
)
def test_drugs_offered_as_a_choice_are_not_both_ordered(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert sum("joined by 'or'" in u.reason for u in e.unparsed) == 2


def test_a_route_choice_is_no_drug_choice(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("ondansetron 4 mg IV or PO q6h prn nausea"))
    assert med.dosages[0].as_needed


@pytest.mark.parametrize(
    ("text", "ordered"),
    [
        ("switch from metoprolol 25 mg BID to carvedilol 3.125 mg BID", "carvedilol"),
        ("change metoprolol 50 mg BID to carvedilol 6.25 mg BID", "carvedilol"),
        ("switch from lisinopril 10 mg daily to losartan 50 mg daily", "losartan"),
    ],
)
def test_a_drug_switched_from_with_its_dose_is_not_ordered(
    shipped: RulesExtractor, text: str, ordered: str
) -> None:
    assert [m.medication.text for m in meds(shipped.read(text))] == [ordered]


@pytest.mark.parametrize(
    ("text", "dose", "per_day"),
    [
        ("increase metoprolol from 25 mg BID to 50 mg BID", 50, 2),
        ("change metoprolol 25 mg BID to 50 mg daily", 50, 1),
        ("decrease lasix 40 mg BID to 40 mg daily", 40, 1),
        ("change furosemide 40 mg daily to 40 mg BID", 40, 2),
    ],
)
def test_a_dose_changed_with_its_schedule_orders_the_new_one(
    shipped: RulesExtractor, text: str, dose: float, per_day: int
) -> None:
    (med,) = meds(shipped.read(text))
    d = med.dosages[0]
    assert d.dose is not None
    assert d.dose.value == dose
    assert d.dose_range is None
    assert d.timing.frequency == per_day


@pytest.mark.parametrize(
    ("text", "count", "unit"),
    [
        ("amoxicillin two 500 mg capsules TID", 2, "cap"),
        ("oxycodone two 5 mg tabs q4h prn pain", 2, "tab"),
        ("take two 500 mg tablets of acetaminophen q6h prn", 2, "tab"),
        ("amoxicillin 500 mg capsule, take 2 TID", 2, "cap"),
    ],
)
def test_a_count_of_a_strength_is_the_dose(
    shipped: RulesExtractor, text: str, count: float, unit: str
) -> None:
    (med,) = meds(shipped.read(text))
    dose = med.dosages[0].dose
    assert dose is not None
    assert (dose.value, dose.unit) == (count, unit)


def test_a_multiplied_strength_with_no_form_is_not_read(shipped: RulesExtractor) -> None:
    e = shipped.read("acetaminophen 2 x 500 mg q6h prn")
    (med,) = meds(e)
    assert med.dosages[0].dose is None
    assert any(u.text == "2 x 500 mg" for u in e.unparsed)


@pytest.mark.parametrize(
    "text",
    [
        "Zofran 4 mg PO q6h prn nausea, may give IV if unable to take PO",
        "advance diet if tolerated, ondansetron 4 mg IV q6h",
    ],
)
def test_an_alternative_route_or_tolerance_is_no_condition(
    shipped: RulesExtractor, text: str
) -> None:
    (med,) = meds(shipped.read(text))
    reason = med.dosages[0].as_needed_reason
    assert reason is None or reason.text == "nausea"


def test_a_symptom_after_if_is_the_prn_reason(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("acetaminophen 1 tab prn if pain"))
    reason = med.dosages[0].as_needed_reason
    assert reason is not None
    assert reason.text == "pain"


@pytest.mark.parametrize(
    ("text", "dose", "route", "name"),
    [
        ("morphine prn 2 mg IV q2h for pain", 2, "intravenous", "morphine"),
        ("Start oxycodone PRN 5 mg PO q4h", 5, "oral", "oxycodone"),
        ("oxycodone prn PO 5 mg q4h", 5, "oral", "oxycodone"),
        ("ondansetron as needed 4 mg IV q6h", 4, "intravenous", "ondansetron"),
        ("Zyxorafen prn 5 mg PO", 5, "oral", "Zyxorafen"),  # unknown to the tables
    ],
)
def test_prn_written_before_the_dose_keeps_the_dose_and_route(
    shipped: RulesExtractor, text: str, dose: float, route: str, name: str
) -> None:
    """ "morphine prn 2 mg IV q2h" is as needed, with no reason written: its dose and route are
    never read as the reason, and "prn" is never part of a drug's name."""
    (med,) = meds(shipped.read(text))
    dosage = med.dosages[0]
    assert med.medication.text == name
    assert dosage.as_needed
    assert dosage.as_needed_reason is None
    assert dosage.dose is not None
    assert dosage.dose.value == dose
    assert dosage.route is not None
    assert dosage.route.text == route


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("nitroglycerin 0.4 mg SL q5min x3 prn chest pain", 3),
        ("metoprolol 5 mg IV q5min x3 then 25 mg PO q6h", 3),
        ("adenosine 6 mg IV x2", 2),
        ("Please give Zosyn 3.38 g IV q6h RF x3", None),  # refills, not doses
    ],
)
def test_a_count_of_doses_after_the_schedule(
    shipped: RulesExtractor, text: str, count: int | None
) -> None:
    med = meds(shipped.read(text))[0]
    assert med.dosages[0].timing.count == count


@pytest.mark.parametrize(
    "text",
    [
        "lorazepam 0.5 mg BID and q4h prn anxiety",
        "gabapentin 300 mg TID and qhs prn",
        "quetiapine 25 mg PO qhs and q6h prn agitation",
    ],
)
def test_a_second_schedule_as_needed_is_set_aside(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    assert not med.dosages[0].as_needed  # the scheduled dose is not made as needed
    assert any(u.text.startswith("and q") for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "later"),
    [
        ("start metformin 500 mg daily in 2 weeks", "in 2 weeks"),
        ("start apixaban 5 mg BID tomorrow", "tomorrow"),
        ("resume aspirin 81 mg daily in 48 hours", "in 48 hours"),
    ],
)
def test_a_later_start_is_reported(shipped: RulesExtractor, text: str, later: str) -> None:
    assert any(u.text == later for u in shipped.read(text).unparsed)


@pytest.mark.parametrize(
    "text",
    [
        "cefepime 2 g IV q8h if febrile",
        "bisacodyl 10 mg PR if no BM in 3 days",
        "start heparin drip if no bleeding on CT",
        "begin enoxaparin 40 mg SC daily after surgery if no bleeding",
    ],
)
def test_an_order_gated_on_a_condition_that_is_no_measurement_is_reported(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert any("ordered only if" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("digoxin 0,125 mg PO daily", "0,125"),  # a decimal comma: never 125 mg
        ("lorazepam 0,5 mg PO q8h prn anxiety", "0,5"),
        ("metformin 500 BID", "500"),  # a bare number: never dropped from the dosage text
        ("heparin 5 000 units SC q8h", "5 000"),  # a space in thousands: never 0 units
        ("vancomycin 1 250 mg IV q12h", "1 250"),  # never 250 mg
        ("heparin 5.000 units SC q8h", "5.000"),  # a thousands dot: never 5 units
        ("heparin 12 500 units SC q12h", "12 500"),  # never 500 units
        ("vancomycin 1 000 mg IV q12h", "1 000"),
        ("lasix 40 daily", "40"),
    ],
)
def test_a_number_no_rule_read_is_reported_not_dropped(
    shipped: RulesExtractor, text: str, number: str
) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    dosage = med.dosages[0]
    assert dosage.dose is None
    assert dosage.dose_range is None
    assert number in dosage.text
    assert any(u.text == number for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "value"),
    [("heparin 5,000 units SC q8h", 5000), ("vitamin D 50,000 units weekly", 50000)],
)
def test_thousands_commas_still_read(shipped: RulesExtractor, text: str, value: float) -> None:
    (med,) = meds(shipped.read(text))
    dose = med.dosages[0].dose
    assert dose is not None
    assert dose.value == value


@pytest.mark.parametrize(
    ("text", "hours"),
    [("morphine 2 mg IV q.2h prn pain", 2), ("metoprolol 12.5 mg PO q.12h", 12)],
)
def test_q_with_a_full_stop_is_every_n_hours(
    shipped: RulesExtractor, text: str, hours: float
) -> None:
    (med,) = meds(shipped.read(text))
    assert med.dosages[0].timing.period == hours


def test_a_count_per_hour_with_no_volume_is_no_schedule(shipped: RulesExtractor) -> None:
    """ "at 75/hr" is a rate whose volume unit is missing, never 75 doses an hour."""
    e = shipped.read("sodium chloride 0.9% 1000 mL IV at 75/hr")
    (med,) = meds(e)
    assert med.dosages[0].timing.frequency is None
    assert any(u.text == "75/hr" for u in e.unparsed)
