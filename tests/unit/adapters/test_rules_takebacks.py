"""Orders taken back, limited, stopped or only reported: none becomes an active order.

Each case is a class of phrasing found by an audit of realistic notes (issue #3); the order
the text does not make is reported unparsed with its reason, never guessed.
"""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.domain.orders import (
    Extraction,
    OrderIntent,
    Priority,
)
from tests.support.extraction import meds, services

pytestmark = pytest.mark.unit


def reasons(e: Extraction) -> str:
    return " | ".join(u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    "text",
    [
        "Start Lipitor 40 mg daily. Actually make it 80 mg.",
        "Start Lipitor 40 mg daily, actually make it 80 mg",
        "metoprolol 25 mg PO BID. Sorry, I mean 50 mg BID",
        "Order CBC stat, sorry routine.",
        "Order CT head with contrast, correction: without contrast.",
        "Order CBC and BMP. Scratch that.",
        "Order troponin. Never mind, cancel that.",
        "Order CT head. Patient refused.",
    ],
)
def test_an_order_taken_back_or_corrected_is_not_made(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    assert e.orders == ()
    assert "taken back or corrected" in reasons(e)
    assert "a correction of the order before it" in reasons(e) or "refused" in text


def test_a_correction_that_names_the_new_order_orders_only_that(shipped: RulesExtractor) -> None:
    e = shipped.read("Start Lipitor 40 mg daily. Correction: atorvastatin 80 mg daily")
    (med,) = meds(e)
    assert med.medication.text == "atorvastatin"
    dose = med.dosages[0].dose
    assert dose is not None
    assert dose.value == 80
    assert "taken back or corrected" in reasons(e)


@pytest.mark.parametrize(
    "text",
    [
        "max daily dose of ibuprofen 2400 mg",
        "no more than 4 g acetaminophen per day",
        "no more than 2 doses of lorazepam per day",
        "up to 4 g acetaminophen per day",
        "limit acetaminophen to 2 g daily",
    ],
)
def test_a_limit_on_a_drug_orders_nothing(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert "named inside another order's instructions" in reasons(e)


def test_up_to_an_amount_without_a_period_is_a_dose(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("take up to 2 tablets of Percocet q4h prn pain"))
    assert med.dosages[0].as_needed


@pytest.mark.parametrize(
    "text",
    [
        "lisinopril 10 mg daily - discontinue",
        "metoprolol 25 mg BID - d/c",
        "aspirin 81 mg daily - stop",
        "warfarin 5 mg daily -- hold",
        "lisinopril 10 mg daily (hold)",
        "apixaban 5 mg BID: hold",
        "metoprolol 25 mg BID: on hold",
        "aspirin 81 mg daily - HOLD for surgery",
    ],
)
def test_a_med_rec_line_marked_stop_or_hold_orders_nothing(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert "stop or hold" in reasons(e)


@pytest.mark.parametrize(
    ("text", "ordered"),
    [
        # hold parameters belong to the dose
        ("heparin 5000 units SC q8h - hold for plt < 50", "heparin"),
        ("docusate 100 mg BID, hold for loose stools", "docusate"),
        # a stop word that ends a drug's words stops the next drug
        ("start aspirin 81 mg daily, stop ibuprofen", "aspirin"),
    ],
)
def test_hold_parameters_and_the_next_drugs_stop_keep_the_order(
    shipped: RulesExtractor, text: str, ordered: str
) -> None:
    assert [m.medication.text for m in meds(shipped.read(text))] == [ordered]


@pytest.mark.parametrize(
    "text",
    [
        "On metoprolol 25 mg BID.",
        "Taking lisinopril 10 mg daily.",
        "Pt was prescribed amoxicillin 500 mg TID by urgent care.",
        "recent course of azithromycin 500 mg daily",
        "home dose: lisinopril 10 mg daily",
        "outpatient regimen metoprolol 50 mg BID",
        "ran out of amlodipine 10 mg daily",
        "received 1 L LR and vancomycin in ED",
        "in ED: 1 g ceftriaxone and azithromycin",
    ],
)
def test_history_and_doses_already_given_are_no_orders(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert "reports past, current or someone else's use" in reasons(e)


def test_a_failed_drug_before_the_next_drugs_start_is_not_ordered(
    shipped: RulesExtractor,
) -> None:
    e = shipped.read("failed amoxicillin 500 mg TID, start augmentin 875 mg BID")
    assert [m.medication.text.split()[0] for m in meds(e)] == ["augmentin"]


def test_a_tests_finding_after_the_drug_is_no_indication(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("Start aspirin after CT negative for hemorrhage."))
    assert med.indication is None


@pytest.mark.parametrize(
    "text",
    [
        "Order CT head - cancelled.",
        "Order MRI brain (cancelled).",
        "Order CT chest -- d/c'd.",
        "Order echo - not needed per cards.",
        "Order BMP - already drawn.",
    ],
)
def test_a_test_marked_cancelled_or_done_is_not_ordered(shipped: RulesExtractor, text: str) -> None:
    assert services(shipped.read(text)) == []


@pytest.mark.parametrize(
    ("text", "service", "priority"),
    [
        ("Routine referral to GI.", "Referral to GI", Priority.ROUTINE),
        ("Urgent referral to oncology.", "Referral to oncology", Priority.URGENT),
        ("Urgent surgery consult.", "Referral to surgery", Priority.URGENT),
    ],
)
def test_a_priority_word_is_no_referral_service(
    shipped: RulesExtractor, text: str, service: str, priority: Priority
) -> None:
    (svc,) = services(shipped.read(text))
    assert svc.code.text == service
    assert svc.priority is priority


@pytest.mark.parametrize(
    "text",
    [
        "Recommend cardiology consult.",
        "Neuro consult recommended.",
        "Suggest neuro consult.",
        "Pt will need MRI brain.",
        "Pt needs a colonoscopy.",
        "Neuro consult per family request.",
    ],
)
def test_a_recommended_or_needed_test_is_proposed(shipped: RulesExtractor, text: str) -> None:
    (svc,) = services(shipped.read(text))
    assert svc.intent is OrderIntent.PROPOSAL


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("Order CBC and Mg.", "Mg"),
        ("Order CT head without contrast and CTA neck.", "CTA neck"),
        ("Order CBC, NPO after midnight", "NPO after midnight"),
    ],
)
def test_a_list_item_the_tables_do_not_know_is_reported(
    shipped: RulesExtractor, text: str, reported: str
) -> None:
    e = shipped.read(text)
    assert len(services(e)) == 1
    assert any(u.text == reported and "item of a list" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    "text", ["Order CBC, BMP and lipid panel in AM", "Order CBC and BMP for fever and chills"]
)
def test_timing_and_reasons_after_a_list_are_no_items(shipped: RulesExtractor, text: str) -> None:
    assert not any("item of a list" in u.reason for u in shipped.read(text).unparsed)


@pytest.mark.parametrize(
    "text",
    [
        "Send CSF glucose and protein.",
        "Send pleural fluid for LDH, protein, glucose.",
        "Order urine sodium",
    ],
)
def test_a_test_on_another_specimen_is_not_coded_as_blood(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    assert services(e) == []
    assert any("specimen" in u.reason for u in e.unparsed)


def test_a_specimen_inside_a_tests_own_name_is_no_other_specimen(
    shipped: RulesExtractor,
) -> None:
    names = [s.code.text for s in services(shipped.read("Order UA and urine culture, BMP"))]
    assert names == ["UA", "urine culture", "BMP"]


@pytest.mark.parametrize(
    "text",
    [
        "Order CT head should mental status worsen.",
        "Order repeat CBC should Hgb drop.",
        "Consult surgery should exam worsen",
        "Order CT head in case symptoms worsen",
    ],
)
def test_a_test_ordered_should_something_happen_is_not_ordered(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    assert services(e) == []
    assert any("only on a condition" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "timings"),
    [
        ("Order CBC and BMP in AM.", ["in AM", "in AM"]),
        ("Order lipid panel, A1c, TSH at next visit.", ["next visit"] * 3),
        # a repeating schedule is the last test's own; a test with its own word keeps none
        ("Order CBC and troponin q6h x3", [None, "q6h x3"]),
        ("Order CBC now and BMP in AM", [None, "in AM"]),
    ],
)
def test_a_time_after_a_list_of_tests_is_each_tests(
    shipped: RulesExtractor, text: str, timings: list[str | None]
) -> None:
    assert [s.occurrence_text for s in services(shipped.read(text))] == timings
