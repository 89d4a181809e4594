"""Tests and procedures as wards write them: a test left out of a list, a procedure named as a
purpose or history, priorities negated, and doses skipped (fourth audit, issue #3)."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.domain.orders import Priority
from tests.support.extraction import meds, services

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("text", "ordered", "left_out"),
    [
        ("order CBC but not BMP", "CBC", "BMP"),
        ("order CBC, not CMP", "CBC", "CMP"),
        ("order CBC without BMP", "CBC", "BMP"),
        ("order MRI brain instead of CT head", "MRI brain", "CT head"),
        ("order CT chest rather than CXR", "CT chest", "CXR"),
        ("get CBC, skip BMP", "CBC", "BMP"),
    ],
)
def test_a_test_left_out_of_a_list_is_not_ordered(
    shipped: RulesExtractor, text: str, ordered: str, left_out: str
) -> None:
    e = shipped.read(text)
    assert [s.code.text for s in services(e)] == [ordered]
    assert any(u.text == left_out for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "procedure"),
    [
        ("refer to surgery for cholecystectomy", "cholecystectomy"),
        ("order CBC s/p splenectomy", "splenectomy"),
        ("at risk for intubation, order ABG", "intubation"),
    ],
)
def test_a_procedure_named_as_purpose_or_history_is_not_ordered(
    shipped: RulesExtractor, text: str, procedure: str
) -> None:
    e = shipped.read(text)
    assert procedure not in [s.code.text for s in services(e)]
    assert any(u.text == procedure and "purpose or as history" in u.reason for u in e.unparsed)


@pytest.mark.parametrize("text", ["schedule for colonoscopy", "order colonoscopy"])
def test_a_procedure_scheduled_or_ordered_is_ordered(shipped: RulesExtractor, text: str) -> None:
    assert [s.code.text for s in services(shipped.read(text))] == ["colonoscopy"]


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        ("order CT head - non urgent", None),
        ("order MRI brain non stat", None),
        ("order CXR - stat not needed", None),
        ("order CXR stat", Priority.STAT),
    ],
)
def test_a_negated_priority_is_none(
    shipped: RulesExtractor, text: str, priority: Priority | None
) -> None:
    (found,) = services(shipped.read(text))
    assert found.priority == priority


@pytest.mark.parametrize(
    "text",
    [
        "start apixaban 5 mg BID; skip enoxaparin 40 mg daily",
        "omit enoxaparin 40 mg SC daily",
        "defer enoxaparin 40 mg daily",
        "skip tonight's lantus 20 units",
    ],
)
def test_a_dose_skipped_or_deferred_is_not_ordered(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    assert [m.medication.text for m in meds(e)] == (["apixaban"] if "apixaban" in text else [])
    assert any("stop or hold" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Novolog 70/30 10 units SC BID", "Novolog 70/30"),
        ("Humalog 75/25 12 units BID", "Humalog 75/25"),
    ],
)
def test_a_rapid_insulins_brand_with_a_mix_is_the_premix(
    shipped: RulesExtractor, text: str, name: str
) -> None:
    """ "Novolog 70/30" was coded as insulin aspart: the premix is another product."""
    (med,) = meds(shipped.read(text))
    assert med.medication.text == name
    assert med.medication.codings == ()


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("order 1 unit platelets", "platelets"),  # a transfusion, never a platelet count
        ("order glucose tabs 4 tabs PO prn BG < 70", "glucose"),  # a rescue drug, never a test
        ("order replacement potassium per protocol", "potassium"),
    ],
)
def test_a_treatment_named_by_a_tests_name_is_no_test(
    shipped: RulesExtractor, text: str, named: str
) -> None:
    e = shipped.read(text)
    assert services(e) == []
    assert any(u.text == named and "treatment named by a test" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    "text", ["type and crossmatch 2 units PRBC", "PRBC 1 unit IV over 3 hours"]
)
def test_blood_products_are_no_drugs(shipped: RulesExtractor, text: str) -> None:
    """ "crossmatch" had been ordered as a drug of 2 units."""
    e = shipped.read(text)
    assert meds(e) == []
    assert e.unparsed != ()


@pytest.mark.parametrize("text", ["order platelet count", "order glucose", "order potassium level"])
def test_the_tests_themselves_are_still_ordered(shipped: RulesExtractor, text: str) -> None:
    assert len(services(shipped.read(text))) == 1


@pytest.mark.parametrize(
    ("text", "name", "codes"),
    [
        ("order troponin T", "troponin T", []),  # it was coded as troponin I
        ("order ionized calcium", "ionized calcium", []),  # it was coded as total calcium
        ("order free T4", "free T4", ["3024-7"]),  # a name the tables know, whole
        ("order calcium", "calcium", ["17861-6"]),
    ],
)
def test_a_labs_qualifier_names_another_analyte(
    shipped: RulesExtractor, text: str, name: str, codes: list[str]
) -> None:
    (found,) = services(shipped.read(text))
    assert found.code.text == name
    assert [c.code for c in found.code.codings] == codes


def test_a_home_dose_named_for_reference_is_no_dose(shipped: RulesExtractor) -> None:
    """ "Lantus 1/2 home dose tonight (home 40 units)" was ordered at 40 units, twice the dose."""
    e = shipped.read("Lantus 1/2 home dose tonight (home 40 units)")
    assert meds(e) == []
    assert e.unparsed != ()


def test_a_home_dose_beside_the_dose_ordered_is_set_aside(shipped: RulesExtractor) -> None:
    e = shipped.read("Lantus 20 units qhs (home dose 40 units)")
    (med,) = meds(e)
    dose = med.dosages[0].dose
    assert dose is not None
    assert dose.value == 20
    assert [u.text for u in e.unparsed] == ["(home dose 40 units)"]


@pytest.mark.parametrize(
    ("text", "ordered", "reported"),
    [
        ("CT head from OSH reviewed, order MRI brain", ["MRI brain"], "CT head"),
        ("CXR with RLL infiltrate, order blood culture", ["blood culture"], "CXR"),
        ("TSH suppressed, order free T4", ["free T4"], "TSH"),
        ("ECG sinus rhythm, order troponin", ["troponin"], "ECG"),
        ("procalcitonin trending down, order CBC", ["CBC"], "procalcitonin"),
    ],
)
def test_a_test_named_with_its_result_or_done_elsewhere_is_not_ordered_again(
    shipped: RulesExtractor, text: str, ordered: list[str], reported: str
) -> None:
    e = shipped.read(text)
    assert [s.code.text for s in services(e)] == ordered
    assert any(u.text == reported for u in e.unparsed)


def test_a_meal_dose_written_without_its_unit_reports_the_drug(shipped: RulesExtractor) -> None:
    """ "Humalog 5 units with breakfast, 7 with lunch, 7 with dinner" gave 5 units at every
    meal; an amount with no unit is not read, so the drug is reported."""
    e = shipped.read("Humalog 5 units with breakfast, 7 with lunch, 7 with dinner")
    assert meds(e) == []
    assert any("several doses side by side" in u.reason for u in e.unparsed)


def test_meal_doses_with_their_units_are_each_read(shipped: RulesExtractor) -> None:
    (med,) = meds(
        shipped.read("Humalog 5 units with breakfast, 7 units with lunch, 7 units with dinner")
    )
    assert [(d.dose.value if d.dose else None, d.timing.when) for d in med.dosages] == [
        (5, ("CM",)),
        (7, ("CD",)),
        (7, ("CV",)),
    ]


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("order lactate in 2 hrs", "in 2 hrs"),
        ("order lactate in 2h", "in 2h"),
        ("order lipid panel in 1 year", "in 1 year"),
        ("order MRI brain within 2 weeks", "within 2 weeks"),
    ],
)
def test_a_tests_time_in_short_units_is_kept(shipped: RulesExtractor, text: str, when: str) -> None:
    """ "order lactate in 2 hrs" lost its time (no time means now)."""
    (found,) = services(shipped.read(text))
    assert found.occurrence_text == when


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        ("hold off on GI referral", "GI referral"),
        ("no further need for ID consult", "ID consult"),
        ("no need for surgery consult", "surgery consult"),  # it was "Referral to for surgery"
    ],
)
def test_a_referral_held_or_not_needed_is_none(
    shipped: RulesExtractor, text: str, reported: str
) -> None:
    e = shipped.read(text)
    assert services(e) == []
    assert any(u.text == reported for u in e.unparsed)


def test_insulin_regular_after_a_push_names_no_drug_regular(shipped: RulesExtractor) -> None:
    """ "D50 25 mL IV with insulin regular 10 units IV" ordered a drug "regular" at 25 mL."""
    assert [
        m.medication.text
        for m in meds(shipped.read("D50 25 mL IV with insulin regular 10 units IV"))
    ] == []


@pytest.mark.parametrize(
    ("text", "referrals"),
    [
        ("order PT for knee rehab", ["Referral to physical therapy"]),
        ("Get PT to see patient", ["Referral to physical therapy"]),
        (
            "order PT for gait training and OT for ADLs",
            ["Referral to physical therapy", "Referral to occupational therapy"],
        ),
        ("order PT evaluation", ["Referral to physical therapy"]),
    ],
)
def test_pt_or_ot_with_a_therapy_s_purpose_is_a_referral_never_a_lab(
    shipped: RulesExtractor, text: str, referrals: list[str]
) -> None:
    found = services(shipped.read(text))
    assert [s.code.text for s in found] == referrals
    assert all(s.category.value == "referral" for s in found)


@pytest.mark.parametrize("text", ["order PT and INR", "order PT/INR"])
def test_pt_with_its_lab_company_is_still_the_lab(shipped: RulesExtractor, text: str) -> None:
    assert all(s.category.value == "laboratory" for s in services(shipped.read(text)))


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("order troponin q6h x3", "q6h x3"),
        ("order troponin x3 q6h", "x3 q6h"),
        ("order CBC daily x3 days", "daily x3 days"),
        ("order BMP daily for 3 days", "daily for 3 days"),
        ("order INR weekly x 4", "weekly x 4"),
    ],
)
def test_a_test_s_schedule_keeps_its_count_or_duration(
    shipped: RulesExtractor, text: str, when: str
) -> None:
    (test,) = services(shipped.read(text))
    assert test.occurrence_text == when


def test_a_counted_schedule_after_a_list_stays_the_last_test_s(shipped: RulesExtractor) -> None:
    first, last = services(shipped.read("order CBC and troponin x3 q6h"))
    assert (first.occurrence_text, last.occurrence_text) == (None, "x3 q6h")


@pytest.mark.parametrize("text", ["order Hgb A1c", "ORDER HGB A1C (ROUTINE)", "order CBC, Hgb A1c"])
def test_hgb_a1c_is_one_test_never_a_hemoglobin_too(shipped: RulesExtractor, text: str) -> None:
    found = services(shipped.read(text))
    a1c = [s for s in found if "a1c" in s.code.text.lower()]
    assert len(a1c) == 1
    assert a1c[0].code.text.lower() == "hgb a1c"
    assert a1c[0].code.coded
    assert not any(s.code.text.lower() == "hgb" for s in found)


def test_a_hemoglobin_listed_beside_an_a1c_is_its_own_test(shipped: RulesExtractor) -> None:
    assert [s.code.text for s in services(shipped.read("order CBC, Hgb, A1c"))] == [
        "CBC",
        "Hgb",
        "A1c",
    ]


@pytest.mark.parametrize(
    ("text", "name", "quantity", "when"),
    [
        ("order blood cultures x2", "blood cultures", 2, None),
        ("order troponin x3", "troponin", 3, None),
        ("order troponin x3 q6h", "troponin", None, "x3 q6h"),  # a schedule's count
        ("order urine cultures", "urine cultures", None, None),
    ],
)
def test_how_many_of_a_test_is_its_quantity(
    shipped: RulesExtractor, text: str, name: str, quantity: int | None, when: str | None
) -> None:
    (test,) = services(shipped.read(text))
    assert (test.code.text, test.quantity, test.occurrence_text) == (name, quantity, when)
    assert test.code.coded  # the plural names the table's test


def test_a_one_word_name_in_the_plural_is_no_test(shipped: RulesExtractor) -> None:
    assert services(shipped.read("2 pts seen today, order CBC"))[0].code.text == "CBC"
    assert len(services(shipped.read("2 pts seen today, order CBC"))) == 1


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("ceftriaxone 1 g IV daily if CBC abnormal", "CBC abnormal"),
        ("start ceftriaxone 1 g IV daily if blood cultures grow GNR", "blood cultures grow GNR"),
        ("heparin 5000 units SQ q8h unless platelets < 100", "platelets < 100"),
        ("lasix 40 mg IV when BMP back", "BMP back"),
        ("linezolid 600 mg IV q12h if heparin ineffective", "heparin ineffective"),
    ],
)
def test_a_drug_waiting_on_a_condition_about_a_test_is_not_ordered(
    shipped: RulesExtractor, text: str, condition: str
) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert any(f"ordered only if '{condition}'" in u.reason for u in e.unparsed)


def test_a_condition_in_another_clause_gates_nothing_before_it(shipped: RulesExtractor) -> None:
    e = shipped.read("start metoprolol 12.5 mg BID, TTE, consider cath if troponin rises")
    assert [m.medication.text for m in meds(e)] == ["metoprolol"]


@pytest.mark.parametrize(
    "text", ["Check vitamin D 25-OH", "order 25-OH vitamin D", "order 25(OH) vitamin D level"]
)
def test_the_vitamin_d_test_is_never_a_vitamin_d_order(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert e.unparsed


def test_a_vitamin_d_dose_is_still_ordered(shipped: RulesExtractor) -> None:
    (drug,) = meds(shipped.read("vitamin D 50000 units weekly"))
    assert drug.dosages[0].dose is not None


@pytest.mark.parametrize(
    "text",
    [
        "Order PT to see if INR therapeutic",
        "Get PT to see if coags corrected",
        "Order PT to assess for coagulopathy",
    ],
)
def test_pt_to_see_or_assess_a_clotting_question_is_the_lab(
    shipped: RulesExtractor, text: str
) -> None:
    assert services(shipped.read(text))[0].category.value == "laboratory"


@pytest.mark.parametrize(
    "text",
    [
        "Order CT head stat - hold it",
        "order CBC in AM - hold it",
        "order troponin q6h x3 -- hold it",
        "order blood cultures x2 - hold it",
    ],
)
def test_a_test_held_after_its_priority_or_timing_is_not_ordered(
    shipped: RulesExtractor, text: str
) -> None:
    assert services(shipped.read(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "blood cultures grew GPCs, start vancomycin 1 g IV q12h",
        "blood cultures drawn in ED, start cefepime 2 g IV q8h",
        "Blood sugars running high, start glipizide 5 mg daily",
    ],
)
def test_a_test_named_with_its_result_in_other_words_is_not_ordered(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    assert services(e) == []
    assert len(meds(e)) == 1


@pytest.mark.parametrize(
    ("text", "ordered"),
    [
        ("order XR left knee - no, right knee", []),
        ("order BMP - sorry for the delay", ["BMP"]),  # an apology, no correction
    ],
)
def test_no_after_a_dash_corrects_and_an_apology_does_not(
    shipped: RulesExtractor, text: str, ordered: list[str]
) -> None:
    assert [s.code.text for s in services(shipped.read(text))] == ordered
