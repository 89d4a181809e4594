"""Details of the grammar pinned by behaviour: coordination, allergy spans, services, numbers."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.domain.grammar.scanner import number
from nlfhir.domain.orders import AllergyStatement, MedicationOrder, Priority, ServiceOrder
from nlfhir.domain.timing import TimeUnit
from tests.fakes.terminology import FakeTerminology

pytestmark = pytest.mark.unit
X = RulesExtractor(FakeTerminology())


def meds(text: str) -> list[MedicationOrder]:
    return [o for o in X.read(text).orders if isinstance(o, MedicationOrder)]


def test_a_shared_schedule_and_cycle_count_reach_every_drug() -> None:
    first, second = meds("aspirin 81 mg + heparin 5000 units q21 days x 4 cycles")
    for order in (first, second):
        t = order.dosages[0].timing
        assert (t.frequency, t.period, t.period_unit, t.count) == (1, 21, TimeUnit.DAY, 4)


def test_an_own_schedule_is_never_overwritten() -> None:
    first, second = meds("aspirin 81 mg daily + heparin 5000 units q8h for 3 days")
    assert (first.dosages[0].timing.period, first.dosages[0].timing.period_unit) == (1, "d")
    assert (second.dosages[0].timing.period, second.dosages[0].timing.period_unit) == (8, "h")
    assert first.dosages[0].timing.bounds_duration is not None


def test_unjoined_orders_share_nothing() -> None:
    first, second = meds("aspirin 81 mg. heparin 5000 units q8h for 3 days for DVT")
    assert second.indication is not None
    assert first.dosages[0].timing.is_empty
    assert first.indication is None


def test_allergy_spans_point_at_each_substance() -> None:
    text = "Allergies: penicillin, sulfa and latex."
    allergies = [o for o in X.read(text).orders if isinstance(o, AllergyStatement)]
    assert [text[a.span.start : a.span.end] for a in allergies] == ["penicillin", "sulfa", "latex"]


def test_allergy_list_stops_at_an_order() -> None:
    e = X.read("Allergic to penicillin, prescribe amoxicillin 500 mg po tid")
    assert [o.substance.text for o in e.orders if isinstance(o, AllergyStatement)] == ["penicillin"]


@pytest.mark.parametrize(
    ("word", "priority"),
    [
        ("stat", Priority.STAT),
        ("urgent", Priority.URGENT),
        ("urgently", Priority.URGENT),
        ("asap", Priority.ASAP),
        ("as soon as possible", Priority.ASAP),
        ("routine", Priority.ROUTINE),
    ],
)
def test_service_priorities(word: str, priority: Priority) -> None:
    (svc,) = [o for o in X.read(f"Order CBC {word}").orders if isinstance(o, ServiceOrder)]
    assert svc.priority is priority


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("Order TSH in 2 weeks", "in 2 weeks"),
        ("Order CBC today", "today"),
        ("Obtain chest x-ray tomorrow morning", "tomorrow morning"),
    ],
)
def test_service_timing_is_kept(text: str, when: str) -> None:
    (svc,) = [o for o in X.read(text).orders if isinstance(o, ServiceOrder)]
    assert svc.occurrence_text == when


def test_test_without_order_verb_is_reported() -> None:
    e = X.read("CBC.")
    assert not [o for o in e.orders if isinstance(o, ServiceOrder)]
    assert any("without an order verb" in u.reason for u in e.unparsed)
    e = X.read("CBC normal yesterday.")
    assert not [o for o in e.orders if isinstance(o, ServiceOrder)]
    assert any("with its result" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("1/2", 0.5),
        ("half", 0.5),
        ("two", 2),
        ("0.25", 0.25),
        (".5", 0.5),
        ("twelve", 12),
        ("2.4M", 2_400_000),
        ("1.2 million", 1_200_000),
    ],
)
def test_numbers(word: str, value: float) -> None:
    assert number(word) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("penicillin G benzathine 2.4M IU IM once", 2_400_000), ("run 5 m IV then stop", None)],
)
def test_millions_only_count_units(text: str, value: float | None) -> None:
    found = meds(text)
    dose = found[0].dosages[0].dose if found else None
    assert (dose.value if dose else None) == value


@pytest.mark.parametrize(
    ("text", "days", "per_day"),
    [
        ("warfarin 1 tab po once daily mon-fri", ("mon", "tue", "wed", "thu", "fri"), 1),
        ("warfarin 1.5 tabs po once daily on weekends", ("sat", "sun"), 1),
        ("furosemide 20 mg po on mon, wed and fri", ("mon", "wed", "fri"), 1),
        ("methotrexate 2.5 mg po every monday", ("mon",), 1),
        ("nystatin ointment apply four times daily on Monday of each week", ("mon",), 4),
        ("haloperidol 5 mg IM friday through monday", ("mon", "fri", "sat", "sun"), 1),
    ],
)
def test_days_of_the_week(text: str, days: tuple[str, ...], per_day: int) -> None:
    (med,) = meds(text)
    (d,) = med.dosages
    assert d.timing.day_of_week == days
    assert (d.timing.frequency, d.timing.period, d.timing.period_unit) == (per_day, 1, "d")


def test_each_new_amount_is_its_own_dosage_line() -> None:
    (med,) = meds(
        "carbidopa/levodopa 1 tab po in morning, 2 tabs po with lunch, 1 tab before dinner"
    )
    assert med.medication.text == "carbidopa/levodopa"
    assert [d.dose.value if d.dose else None for d in med.dosages] == [1, 2, 1]
    assert [d.timing.when for d in med.dosages] == [("MORN",), ("CD",), ("ACV",)]


def test_a_thousands_separator_does_not_split_a_line() -> None:
    (med,) = meds("nystatin 100,000 units/ml oral suspension 5 mL four times daily")
    assert len(med.dosages) == 1


def test_a_strength_before_the_name_of_a_topical() -> None:
    (med,) = meds("Prescribed 0.1% Tretinoin cream nightly for acne")
    assert med.medication.text == "Tretinoin"
    assert med.dosages[0].route is not None
    assert med.dosages[0].route.text == "topical"


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("diclofenac apply gel to right knee bid", "right knee"),
        ("mupirocin apply twice daily at wound", "wound"),
        ("fluticasone nasal spray Spray once daily to nostril", "nostril"),
        ("timolol 1 drop OD bid", "right eye"),
        ("metformin 500 mg PO BID", None),
    ],
)
def test_the_site_of_an_application(text: str, site: str | None) -> None:
    (med,) = meds(text)
    got = med.dosages[0].site
    assert (got.text if got else None) == site


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("heparin 5,000 units subq q8h", 5000),
        ("penicillin 2,400,000 units IM once", 2_400_000),
        ("ibuprofen 1,0 g po", None),  # a decimal comma is ambiguous: no dose, never 0 g
    ],
)
def test_thousands_separators_and_decimal_commas(text: str, value: float | None) -> None:
    (med,) = meds(text)
    dose = med.dosages[0].dose
    assert (dose.value if dose else None) == value


def test_an_infusion_after_a_drug_is_how_it_is_given() -> None:
    e = X.read("vancomycin 15 mg/kg IV infusion over 60 minutes every 12 hours x 7 days")
    (med,) = [o for o in e.orders if isinstance(o, MedicationOrder)]
    assert not [o for o in e.orders if isinstance(o, ServiceOrder)]
    assert not e.unparsed
    t = med.dosages[0].timing
    assert (t.frequency, t.period, t.period_unit) == (1, 12, TimeUnit.HOUR)
    assert t.duration is not None
    assert t.duration.value == 60


@pytest.mark.parametrize(
    ("text", "per_day", "when"),
    [
        ("insulin glargine 10 units subq before breakfast", 1, ("ACM",)),
        ("metformin 500 mg po with breakfast and dinner", 2, ("CM", "CV")),
        ("metformin 500 mg po bid with breakfast and dinner", 2, ("CM", "CV")),
    ],
)
def test_meal_events_alone_are_a_daily_schedule(
    text: str, per_day: int, when: tuple[str, ...]
) -> None:
    t = meds(text)[0].dosages[0].timing
    assert (t.frequency, t.period, t.period_unit) == (per_day, 1, TimeUnit.DAY)
    assert t.when == when


def test_a_route_adjective_before_area_is_the_site() -> None:
    (med,) = meds("hydrocortisone cream apply to rectal area topically twice daily")
    d = med.dosages[0]
    assert d.route is not None
    assert d.route.text == "topical"
    assert d.site is not None
    assert d.site.text == "rectal area"


def test_a_sentence_giving_only_the_schedule_completes_the_line() -> None:
    (med,) = meds("ceftriaxone 1 g in NS 100 mL. IV every 24 hours.")
    (d,) = med.dosages
    assert d.dose is not None
    assert d.dose.value == 1
    assert (d.timing.frequency, d.timing.period) == (1, 24)


def test_a_sentence_with_its_own_amount_stays_a_line_of_its_own() -> None:
    (med,) = meds("prednisone 40 mg po daily x 5 days. Then 20 mg po daily x 5 days.")
    assert len(med.dosages) == 2


def test_only_the_clause_of_a_drug_describes_it() -> None:
    found = meds("either a topical gel or an intravenous infusion of 1 g of vancomycin")
    (med,) = found
    assert med.dosages[0].route is not None
    assert med.dosages[0].route.text == "intravenous"


@pytest.mark.parametrize(
    ("text", "unread"),
    [
        ("metoprolol 25 mg po bid, titrate to heart rate", ["titrate to heart rate"]),
        ("amoxicillin 500 mg po tid x 10 days, call if rash develops", ["call if rash develops"]),
        ("aspirin 81 mg po daily", []),
        ("ceftriaxone 1 g IV daily in NS 100 mL", []),  # fillers and the diluent are read
        ("warfarin 5 mg po daily, check INR weekly", []),  # monitoring is its own clause
        # a line of which no rule read anything is reported too, not only a partly read one
        ("start aspirin world this is a test", ["world this is a test"]),
    ],
)
def test_words_no_rule_read_are_reported_and_kept(text: str, unread: list[str]) -> None:
    e = X.read(text)
    found = [u.text for u in e.unparsed if u.reason.startswith("words of the dosage")]
    assert found == unread
    (med,) = [o for o in e.orders if isinstance(o, MedicationOrder)]
    for words in unread:
        assert words in med.dosages[0].text  # nothing is lost from the dosage text
        assert text[text.index(words) : text.index(words) + len(words)] == words


def test_a_titration_range_of_rates_keeps_both_ends() -> None:
    (med,) = meds("heparin 12-18 units/kg/hr IV")
    d = med.dosages[0]
    assert d.rate_quantity is None
    assert d.rate_range is not None
    assert (d.rate_range.low.value, d.rate_range.high.value) == (12, 18)


def test_context_before_the_drug_is_no_dosage_line() -> None:
    (med,) = meds("Patient with heart rate 45 bpm, give metoprolol 50mg BID.")
    assert [d.text for d in med.dosages] == ["50mg BID"]


def test_a_later_line_without_a_route_keeps_the_route_of_the_line_before() -> None:
    (med,) = meds("metformin 1 tab po with breakfast, 2 tabs with dinner")
    assert [d.route.text if d.route else None for d in med.dosages] == ["oral", "oral"]
    (med,) = meds("hydrocortisone 1 tab po daily; apply to rash twice daily")
    routes = [d.route.text if d.route else None for d in med.dosages]
    assert routes == ["oral", "topical"]  # a line that states or implies its own route keeps it


@pytest.mark.parametrize(
    ("text", "priority"),
    [
        ("EMERGENT: give epinephrine 1 mg IV push", Priority.STAT),
        ("give morphine 2 mg IV urgently", Priority.URGENT),
        ("ceftriaxone 1 g IV now", Priority.STAT),
        ("aspirin 81 mg po daily, seen in the emergency department", None),
    ],
)
def test_medication_priority(text: str, priority: Priority | None) -> None:
    (med,) = meds(text)
    assert med.priority == priority
    e = X.read(text)
    assert not [u for u in e.unparsed if "rgent" in u.text.lower()]


def test_a_dosage_line_with_nothing_read_is_unparsed_not_a_dose() -> None:
    e = X.read("prednisone 40 mg daily x 5 days then stop")
    (med,) = [o for o in e.orders if isinstance(o, MedicationOrder)]
    assert [d.text for d in med.dosages] == ["40 mg daily x 5 days"]
    assert [u.text for u in e.unparsed] == ["stop"]


def test_do_not_exceed_is_a_maximum_not_a_drug() -> None:
    e = X.read("acetaminophen 650 mg po q6h prn fever, do not exceed 3 g per day")
    (med,) = [o for o in e.orders if isinstance(o, MedicationOrder)]
    limit = med.dosages[0].max_dose_per_period
    assert limit is not None
    assert (limit.numerator.value, limit.numerator.unit) == (3, "g")
    assert not e.unparsed


@pytest.mark.parametrize(
    "text",
    [
        "STAT morphine ordered 30 minutes ago, still not given.",
        "aspirin 81 mg was given yesterday",
        "heparin already started",
    ],
)
def test_a_report_about_an_existing_order_is_no_new_order(text: str) -> None:
    e = X.read(text)
    assert not meds(text)
    assert any("existing order" in u.reason for u in e.unparsed)


def test_words_before_the_drug_are_context_not_unread_dosage() -> None:
    e = X.read("Patient reports good relief overall, give aspirin 81 mg po daily")
    assert not [u for u in e.unparsed if u.reason.startswith("words of the dosage")]


@pytest.mark.parametrize(
    ("text", "site"),
    [
        ("penicillin 2.4 million units IM left deltoid once", "left deltoid"),
        ("ceftriaxone 1 g IM right upper thigh once", "right upper thigh"),
        ("insulin glargine 10 units subq in the abdomen nightly", "abdomen"),
    ],
)
def test_injection_sites(text: str, site: str) -> None:
    (med,) = meds(text)
    assert med.dosages[0].site is not None
    assert med.dosages[0].site.text == site


@pytest.mark.parametrize(
    "text",
    [
        "Patients will be randomized to receive metformin 500 mg bid or placebo.",
        "A double-blind trial of aspirin 81 mg daily in 200 participants.",
        "Subjects will receive ondansetron 4 mg IV before surgery.",
    ],
)
def test_a_study_description_is_no_order(text: str) -> None:
    e = X.read(text)
    assert not e.orders
    assert [u.reason for u in e.unparsed] == [
        "describes a study or protocol (placebo, randomized, participants ...): not an order"
    ]


def test_an_order_that_names_no_study_word_is_still_an_order() -> None:
    assert meds("Start metformin 500 mg po bid per protocol")


@pytest.mark.parametrize(
    ("window", "joined"),
    [
        (" and ", True),
        (" AND", True),
        (" plus ", True),
        (" + ", True),
        (", ", True),
        ("and", True),
        (" 500 mg & ", True),
        (" 10 mg po daily", False),
        (" husband", False),  # a word ending in "band"/"and" is no joiner
        (" surplus", False),
        ("", False),
    ],
)
def test_a_drug_is_joined_to_the_next_by_a_trailing_conjunction(window: str, joined: bool) -> None:
    from nlfhir.domain.grammar.coordination import ends_joined

    assert ends_joined(window) is joined


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Cancel CT head, order MRI brain instead", "cancelled"),
        ("Do not get chest x-ray; order CBC", "cancelled"),
        ("CT head not needed, order CBC", "cancelled"),
        ("INR normal, get ECG", "result"),
        ("CT head negative, order MRI brain", "result"),
        ("CT head was ordered yesterday, order CBC", "already"),
        ("I ordered CT head, also order CBC", "already"),
        ("Order CT head if GCS drops, order CBC", "condition"),
    ],
)
def test_a_test_its_own_clause_does_not_order_is_reported(text: str, why: str) -> None:
    e = X.read(text)
    named = [o.code.text.lower() for o in e.orders if isinstance(o, ServiceOrder)]
    assert "ct head" not in named
    assert "chest x-ray" not in named
    assert "inr" not in named
    assert named  # the order in the same sentence is kept
    assert any(why in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "priorities"),
    [
        ("Order CT head routine and CBC stat", {"ct head": "routine", "cbc": "stat"}),
        ("Order stat CBC and BMP", {"cbc": "stat", "bmp": "stat"}),
        ("Order MRI brain tomorrow, CT head stat", {"mri brain": None, "ct head": "stat"}),
    ],
)
def test_each_test_has_its_own_priority(text: str, priorities: dict[str, str | None]) -> None:
    got = {
        o.code.text.lower(): (o.priority.value if o.priority else None)
        for o in X.read(text).orders
        if isinstance(o, ServiceOrder)
    }
    assert got == priorities


def test_a_test_under_consideration_is_proposed() -> None:
    (svc,) = [o for o in X.read("Consider MRI brain").orders if isinstance(o, ServiceOrder)]
    assert svc.intent.value == "proposal"


def test_a_test_takes_timing_and_priority_from_its_own_clause_only() -> None:
    e = X.read("Give morphine 4 mg IV stat, order daily BMP")
    (svc,) = [o for o in e.orders if isinstance(o, ServiceOrder)]
    assert svc.priority is None  # the stat is the morphine's
    assert svc.occurrence_text == "daily"
    e = X.read("Give morphine 4 mg IV q4h prn pain and order CBC")
    (svc,) = [o for o in e.orders if isinstance(o, ServiceOrder)]
    assert svc.occurrence_text is None  # q4h is the morphine's


def test_a_drug_a_test_is_ordered_while_on_is_context() -> None:
    e = X.read("Order BMP daily while on furosemide 40 mg IV BID")
    assert [type(o).__name__ for o in e.orders] == ["ServiceOrder"]
    assert any("furosemide" in u.text for u in e.unparsed)


@pytest.mark.parametrize(
    "text",
    [
        "Pt has no fever order CBC",  # negation far from the test
        "Don't forget to order CBC",
        "Order CBC, normal saline 1 L bolus",  # no result across a comma
        "Order CBC high priority",
        "Order CT head for fall 2 days ago",  # the date is the reason's
        "Order CBC now and INR if febrile",  # the condition is the INR's
        "Order CT head to see if bleeding",
        "Check INR, then order CBC",  # the test's own words order it
    ],
)
def test_a_real_test_order_is_not_suppressed(text: str) -> None:
    names = [o.code.text.lower() for o in X.read(text).orders if isinstance(o, ServiceOrder)]
    assert "cbc" in names or "ct head" in names


@pytest.mark.parametrize(
    ("text", "priorities"),
    [
        ("Order stat CBC and routine BMP", {"cbc": "stat", "bmp": "routine"}),
        ("Order CBC, BMP, INR stat", {"cbc": "stat", "bmp": "stat", "inr": "stat"}),
        ("Order INR stat and CBC in AM", {"inr": "stat", "cbc": None}),
        ("Order CBC not stat", {"cbc": None}),
    ],
)
def test_priority_in_lists(text: str, priorities: dict[str, str | None]) -> None:
    got = {
        o.code.text.lower(): (o.priority.value if o.priority else None)
        for o in X.read(text).orders
        if isinstance(o, ServiceOrder)
    }
    assert got == priorities


def test_a_result_before_a_test_is_no_order_for_it() -> None:
    e = X.read("Order CBC, elevated INR")
    assert [o.code.text for o in e.orders if isinstance(o, ServiceOrder)] == ["CBC"]


def test_qualified_and_generic_studies() -> None:
    from nlfhir.adapters.terminology import TableTerminology

    x = RulesExtractor(TableTerminology())
    (svc,) = [o for o in x.read("Order stress echo").orders if isinstance(o, ServiceOrder)]
    plain = TableTerminology().procedure("echo")
    assert svc.code.text == "stress echo"
    assert plain is not None
    assert svc.code.codings != plain.codings  # never coded as plain echocardiography
    e = x.read("Order negative pressure wound therapy")
    assert not [o for o in e.orders if isinstance(o, ServiceOrder)]  # no generic "Therapy"
    e = x.read("Order ECG before starting methadone 10 mg PO daily")
    assert [type(o).__name__ for o in e.orders] == ["ServiceOrder"]
