"""Orders as wards and EHRs write them: list headings without 'meds', thresholds beside a dose,
abbreviations with full stops, routes, spelled-out numbers, and numbers with no unit (found by a
third audit of realistic orders, issue #3)."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from tests.support.extraction import meds

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "text",
    [
        "PTA: lisinopril 10 mg PO daily",
        "Home: lisinopril 10 mg PO daily",
        "Outpatient: lisinopril 10 mg PO daily",
    ],
)
def test_a_home_list_heading_orders_nothing(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert any("home medications" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    "text",
    [
        "furosemide 40 mg IV once, may repeat x1 if UOP < 30 mL/h",
        "furosemide 40 mg IV x1, repeat if urine output < 0.5 mL/kg/h",
    ],
)
def test_a_threshold_is_no_infusion_rate(shipped: RulesExtractor, text: str) -> None:
    (med,) = meds(shipped.read(text))
    dosage = med.dosages[0]
    assert (dosage.rate_quantity, dosage.rate_range, dosage.rate_ratio) == (None, None, None)


def test_sc_with_full_stops_is_subcutaneous_not_with_meals(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("heparin 5000 units s.c. q8h"))
    dosage = med.dosages[0]
    assert dosage.route is not None
    assert dosage.route.text == "subcutaneous"
    assert dosage.timing.when == ()


@pytest.mark.parametrize(
    "text",
    [
        "epidural: bupivacaine 0.1% at 8 mL/h",
        "ropivacaine 0.2% via epidural catheter at 6 mL/h",
        "fentanyl 2 mcg/mL epidural at 10 mL/hr",
        "epidural morphine 2 mg once",
    ],
)
def test_an_epidural_is_never_intravenous(shipped: RulesExtractor, text: str) -> None:
    (med,) = meds(shipped.read(text))
    route = med.dosages[0].route
    assert route is not None
    assert route.text == "epidural"
    assert [c.code for c in route.codings] == ["404820008"]


@pytest.mark.parametrize(
    ("text", "per_day"),
    [
        ("metformin 500 mg PO 2 (two) times daily", 2),
        ("metformin 500 mg PO 3 (three) times daily", 3),
        ("metFORMIN 500 MG tablet Take 1 tablet (500 mg total) by mouth 2 (two) times daily", 2),
    ],
)
def test_a_number_spelled_out_after_it_is_read(
    shipped: RulesExtractor, text: str, per_day: int
) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    timing = med.dosages[0].timing
    assert (timing.frequency, timing.period) == (per_day, 1)
    assert e.unparsed == ()  # "1 tablet" is what "(500 mg total)" states: read with it


@pytest.mark.parametrize(
    ("text", "number"),
    [("Coumadin 5 PO daily", "5"), ("Dilaudid 2 PO q4h prn", "2"), ("morphine 4 IV q4h prn", "4")],
)
def test_a_small_number_with_no_unit_is_no_dose(
    shipped: RulesExtractor, text: str, number: str
) -> None:
    """ "Dilaudid 2 PO" states no unit: never a dose of 2 of the product (tablets? mg?)."""
    e = shipped.read(text)
    (med,) = meds(e)
    assert med.dosages[0].dose is None
    assert any(u.text == number for u in e.unparsed)


def test_a_count_with_a_unit_dose_form_is_still_read(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("acetaminophen 500 mg tablet take 2 po q6h"))
    dose = med.dosages[0].dose
    assert dose is not None
    assert (dose.value, dose.unit) == (2, "tab")


@pytest.mark.parametrize(
    ("text", "route", "reported"),
    [
        ("Saline lock IV, continue heparin 5000 units SQ q8h", "subcutaneous", "Saline lock IV"),
        ("Pt refusing PO, give ondansetron 4 mg q6h prn", None, "Pt refusing PO"),
        (
            "Discontinue IV fluids, start potassium chloride 20 mEq daily",
            None,
            "Discontinue IV fluids",
        ),
    ],
)
def test_another_clauses_route_is_never_the_drugs(
    shipped: RulesExtractor, text: str, route: str | None, reported: str
) -> None:
    """A clause before the drug's, with a route of its own, gives the drug nothing; its words
    are reported (an IV route on potassium chloride or enoxaparin is a dangerous misreading)."""
    e = shipped.read(text)
    (med,) = meds(e)
    found = med.dosages[0].route
    assert (found.text if found else None) == route
    assert any(u.text == reported for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "reported"),
    [
        (
            "heparin 5000 units SQ q8h, NTG 0.4 mg SL q5min prn chest pain",
            "NTG 0.4 mg SL q5min prn chest pain",
        ),
        (
            "insulin glargine 20 units SQ qhs, MOM 30 mL PO prn constipation",
            "MOM 30 mL PO prn constipation",
        ),
        ("metoprolol 25 mg PO BID, NS at 100 mL/hr", "NS at 100 mL/hr"),
        ("colace 100 mg PO BID, senna 2 tabs PO qhs", "senna 2 tabs PO qhs"),
    ],
)
def test_an_unknown_drug_after_a_comma_lends_nothing_to_the_one_before(
    shipped: RulesExtractor, text: str, reported: str
) -> None:
    """ "heparin ... q8h, NTG 0.4 mg SL q5min prn chest pain" made heparin as needed for chest
    pain: a name the tables do not know with an amount of its own starts another order."""
    e = shipped.read(text)
    (med,) = meds(e)
    dosage = med.dosages[0]
    assert not dosage.as_needed
    assert dosage.rate_quantity is None
    assert reported not in dosage.text
    assert any(u.text == reported and "another order" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    "text",
    [
        "amoxicillin 500 mg PO TID, then 250 mg TID",
        "prednisone 40 mg daily, taper by 10 mg weekly",
        "aspirin 81 mg daily, max 325 mg daily",
    ],
)
def test_sig_words_after_a_comma_start_no_other_order(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    assert len(meds(e)) == 1
    assert not any("another order" in u.reason for u in e.unparsed)


def test_a_pca_named_before_the_drug_is_reported(shipped: RulesExtractor) -> None:
    e = shipped.read(
        "the patient will be connected to an IV Patient-Controlled Analgesia (PCA) device, "
        "enabling the self-administration of morphine at a set dose of 1mg every 8 minutes"
    )
    assert meds(e) == []
    assert any("patient-controlled analgesia" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("iron dextran 100 mg IV", "iron dextran"),
        ("iron sucrose 200 mg IV x1", "iron sucrose"),
        ("potassium iodide 5 drops PO TID", "potassium iodide"),
        ("sodium polystyrene sulfonate 15 g PO daily", "sodium polystyrene sulfonate"),
    ],
)
def test_an_element_that_names_a_lab_is_part_of_the_drugs_name(
    shipped: RulesExtractor, text: str, name: str
) -> None:
    """ "iron dextran" is one drug: never "dextran" (a plasma expander) with an "iron" test."""
    e = shipped.read(text)
    (med,) = meds(e)
    assert med.medication.text == name
    assert len(e.orders) == 1
    assert e.unparsed == ()


@pytest.mark.parametrize(
    ("text", "route", "reported"),
    [
        ("metformin 500 mg per os BID", "oral", None),  # "per os" is by mouth, never left eye
        ("amlodipine 5 mg OD", None, "OD"),  # once daily or right eye? reported
        ("amlodipine 5 mg PO od", "oral", "od"),
        ("timolol 0.5% 1 gtt OD BID", "ophthalmic", None),
        ("latanoprost 1 drop OS qhs", "ophthalmic", None),
    ],
)
def test_od_and_os_name_an_eye_only_beside_an_eyes_words(
    shipped: RulesExtractor, text: str, route: str | None, reported: str | None
) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    found = med.dosages[0].route
    assert (found.text if found else None) == route
    if route != "ophthalmic":
        assert med.dosages[0].site is None
    assert [u.text for u in e.unparsed] == ([reported] if reported else [])


@pytest.mark.parametrize(
    "text",
    [
        "Stop: metoprolol 25 mg PO BID; lisinopril 10 mg PO daily",
        "Hold: metoprolol 25 mg PO BID; lisinopril 10 mg PO daily",
        "Discontinue: metoprolol 25 mg BID; lisinopril 10 mg daily",
    ],
)
def test_a_stop_heading_stops_every_item_of_its_list(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert sum("stop or hold" in u.reason for u in e.unparsed) == 2


def test_a_stop_headings_list_ends_at_an_ordering_verb(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("Stop: metoprolol 25 mg BID; start carvedilol 3.125 mg BID"))
    assert med.medication.text == "carvedilol"


@pytest.mark.parametrize(
    ("text", "listed"),
    [
        ("PRN: acetaminophen 650 mg PO q6h; oxycodone 5 mg PO q4h", 2),
        ("PRNs: ondansetron 4 mg IV q6h, acetaminophen 650 mg PO q6h", 2),
        ("PRN medications: acetaminophen 650 mg q6h, oxycodone 5 mg q4h", 2),
        ("As needed: acetaminophen 650 mg q6h and oxycodone 5 mg q4h", 2),
        ("PRN:\nacetaminophen 650 mg PO q6h\noxycodone 5 mg PO q4h\n\nmetoprolol 25 mg BID", 2),
        ("PRN: acetaminophen 650 mg q6h. Metoprolol 25 mg BID", 1),
        ("PRN: acetaminophen 650 mg q6h; start metoprolol 25 mg BID", 1),
    ],
)
def test_a_prn_heading_makes_the_drugs_listed_under_it_as_needed(
    shipped: RulesExtractor, text: str, listed: int
) -> None:
    """ "PRN: acetaminophen ...; oxycodone 5 mg PO q4h" had oxycodone scheduled round the clock;
    a drug after the list (a blank line, a full stop, an ordering verb) is not under it."""
    found = meds(shipped.read(text))
    assert [m.dosages[0].as_needed for m in found] == [True] * listed + [False] * (
        len(found) - listed
    )
    assert all(m.dosages[0].as_needed_reason is None for m in found)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("furosemide 40 mg IV x1 in AM", ("MORN",)),
        ("zolpidem 5 mg PO qhs x1", ("HS",)),
        ("furosemide 40 mg PO x1 with breakfast", ("CM",)),
        ("furosemide 40 mg IV daily x1", ()),
    ],
)
def test_once_with_a_time_of_day_is_one_dose_not_daily(
    shipped: RulesExtractor, text: str, when: tuple[str, ...]
) -> None:
    """ "furosemide 40 mg IV x1 in AM" was every morning: one dose, at that time."""
    (med,) = meds(shipped.read(text))
    timing = med.dosages[0].timing
    assert (timing.count, timing.frequency, timing.period, timing.when) == (1, None, None, when)


@pytest.mark.parametrize(
    "text", ["zolpidem 5 mg PO once at bedtime", "atorvastatin 40 mg once at bedtime"]
)
def test_once_at_a_daily_time_is_reported_and_the_schedule_kept(
    shipped: RulesExtractor, text: str
) -> None:
    """ "once at bedtime" is one dose on a ward and every night in an outpatient sig."""
    e = shipped.read(text)
    (med,) = meds(e)
    timing = med.dosages[0].timing
    assert (timing.count, timing.frequency, timing.when) == (None, 1, ("HS",))
    assert [u.text for u in e.unparsed] == ["once"]


def test_x1_inside_brackets_is_another_doses(shipped: RulesExtractor) -> None:
    e = shipped.read("aspirin 81 mg daily (loaded 325 mg x1 in ED)")
    (med,) = meds(e)
    assert med.dosages[0].timing.count is None
    assert med.dosages[0].timing.frequency == 1


def test_once_with_another_schedule_is_reported(shipped: RulesExtractor) -> None:
    e = shipped.read("ondansetron 4 mg IV q6h x1")
    (med,) = meds(e)
    assert med.dosages[0].timing.count is None
    assert [u.text for u in e.unparsed] == ["x1"]


@pytest.mark.parametrize(
    "text",
    ["acetaminophen 1 tab po once every 6 hours", "metronidazole 1 tab po one time every 8 hours"],
)
def test_once_every_is_a_schedule(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    assert med.dosages[0].timing.count is None
    assert med.dosages[0].timing.frequency == 1
    assert e.unparsed == ()


@pytest.mark.parametrize(
    ("text", "tablets"),
    [
        ("metoprolol 25 mg \u00bd tab PO BID", 0.5),
        ("warfarin 5 mg 1\u00bd tabs PO daily", 1.5),
        ("metoprolol \u00bc tab PO BID", 0.25),
    ],
)
def test_a_fraction_sign_is_part_of_a_tablet(
    shipped: RulesExtractor, text: str, tablets: float
) -> None:
    """ "\u00bd tab" was ignored: the dose read was the whole 25 mg tablet."""
    (med,) = meds(shipped.read(text))
    dose = med.dosages[0].dose
    assert dose is not None
    assert (dose.value, dose.unit) == (tablets, "tab")


@pytest.mark.parametrize(
    ("text", "mass"),
    [
        ("aspirin 81 mg chewable PO daily", 81),
        ("aspirin 81 mg EC PO daily", 81),
        ("metformin 500 mg ER PO daily", 500),
        ("morphine 15 mg ER PO q12h", 15),
    ],
)
def test_a_strength_before_a_release_word_is_one_units_dose(
    shipped: RulesExtractor, text: str, mass: float
) -> None:
    """ "aspirin 81 mg chewable" had no dose at all, and nothing was reported."""
    (med,) = meds(shipped.read(text))
    dose = med.dosages[0].dose
    assert dose is not None
    assert (dose.value, dose.unit) == (mass, "mg")


def test_hundreds_of_tablets_are_a_strength_missing_its_unit(shipped: RulesExtractor) -> None:
    e = shipped.read("metformin 500 tablet BID")
    (med,) = meds(e)
    assert med.dosages[0].dose is None
    assert [u.text for u in e.unparsed] == ["500 tablet"]


@pytest.mark.parametrize(
    "text",
    [
        "sodium chloride 0.45% 1000 mL with potassium chloride 20 mEq IV at 100 mL/hr",
        "dextrose 5% 1000 mL + potassium chloride 40 mEq IV at 125 mL/hr",
        "sodium chloride 0.9% with 20 mEq potassium chloride at 100 mL/hr",
        "dextrose 5% 1 L with 3 amps sodium bicarbonate at 150 mL/hr",
    ],
)
def test_a_fluid_with_an_additive_is_one_bag_reported(shipped: RulesExtractor, text: str) -> None:
    """Read apart, the bag's rate went to the additive ("potassium chloride 20 mEq IV at 100
    mL/h", a concentrated-KCl order) or the additive's amount to the fluid."""
    e = shipped.read(text)
    assert e.orders == ()
    assert [u.reason for u in e.unparsed] == [
        "a base fluid with an additive (one bag, an admixture): not structured, not ordered"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "potassium chloride 20 mEq in 1 L NS at 100 mL/hr",  # the drug in its diluent
        "dextrose 50% 25 g IV push with insulin regular 10 units IV",  # two pushes, no bag
    ],
)
def test_a_drug_in_a_diluent_or_beside_a_push_is_no_admixture(
    shipped: RulesExtractor, text: str
) -> None:
    assert meds(shipped.read(text)) != []


def test_a_volume_per_kilogram_is_weight_based(shipped: RulesExtractor) -> None:
    """ "20 mL/kg IV bolus" was a 20 mL dose, about 70 times too small."""
    (med,) = meds(shipped.read("sodium chloride 0.9% 20 mL/kg IV bolus"))
    dose = med.dosages[0].dose
    assert dose is not None
    assert (dose.value, dose.unit, dose.code) == (20, "ml/kg", "mL/kg")


@pytest.mark.parametrize(
    "text",
    ["sodium chloride 0.9% IV at 125 mL per hr", "sodium chloride 0.9% IV at 125 cc/hr"],
)
def test_a_rate_per_hour_in_words_or_cc_is_a_rate(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    rate = med.dosages[0].rate_quantity
    assert rate is not None
    assert (rate.value, rate.unit) == (125, "ml/h")
    assert med.dosages[0].dose is None
    assert e.unparsed == ()


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("acetaminophen 650 mg PO prn, may repeat once", None),  # a second dose allowed
        ("lorazepam 1 mg IV x1, may repeat once", 1),
        ("sodium chloride 0.9% IV at 100 mL/hr x 1 L", None),  # a volume, not one dose
    ],
)
def test_may_repeat_once_and_one_litre_are_no_single_dose(
    shipped: RulesExtractor, text: str, count: int | None
) -> None:
    (med,) = meds(shipped.read(text))
    assert med.dosages[0].timing.count == count


@pytest.mark.parametrize(
    ("text", "limit", "hours"),
    [
        ("haloperidol 2 mg IM q6h prn agitation, max 10 mg/24h", 10, 24),
        ("acetaminophen 1 g PO q6h, max 4 g/24 hr", 4, 24),
    ],
)
def test_a_limit_per_24_hours_is_the_maximum(
    shipped: RulesExtractor, text: str, limit: float, hours: float
) -> None:
    """ "max 10 mg/24h" was read as the product's strength per time, and its cap was lost."""
    (med,) = meds(shipped.read(text))
    most = med.dosages[0].max_dose_per_period
    assert most is not None
    assert (most.numerator.value, most.denominator.value, most.denominator.unit) == (
        limit,
        hours,
        "h",
    )


def test_as_among_an_ears_words_is_the_left_ear(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("ofloxacin 5 gtts AS BID"))
    dosage = med.dosages[0]
    assert dosage.route is not None
    assert dosage.route.text == "otic"
    assert dosage.site is not None
    assert dosage.site.text == "left ear"


def test_as_needed_in_capitals_is_no_ear(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("ACETAMINOPHEN 650 MG PO Q6H AS NEEDED"))
    dosage = med.dosages[0]
    assert dosage.as_needed
    assert dosage.site is None


def test_a_one_letter_test_measured_is_the_prn_reason(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("potassium chloride 20 mEq PO prn K<3.5"))
    reason = med.dosages[0].as_needed_reason
    assert reason is not None
    assert reason.text == "K<3.5"


@pytest.mark.parametrize(
    ("text", "name", "codes"),
    [
        ("NPH insulin 10 units SC BID", "NPH insulin", []),
        ("long acting insulin 20 units qhs", "long acting insulin", []),
        ("extended release metformin 500 mg daily", "extended release metformin", ["6809"]),
    ],
)
def test_a_products_kind_before_its_name_stays_in_it(
    shipped: RulesExtractor, text: str, name: str, codes: list[str]
) -> None:
    """ "NPH insulin" was named "insulin": the kind of insulin is what is ordered. A release
    keeps the ingredient's code (the same ingredient)."""
    (med,) = meds(shipped.read(text))
    assert med.medication.text == name
    assert [c.code for c in med.medication.codings] == codes


def test_a_strength_line_before_a_counted_dose_is_no_second_dose(shipped: RulesExtractor) -> None:
    """ "lisinopril 10 mg, take 2 tablets by mouth daily" gave two concurrent dosages (10 mg, and
    2 tablets daily): the 10 mg is the tablet's strength."""
    (med,) = meds(shipped.read("lisinopril 10 mg, take 2 tablets by mouth daily"))
    (dosage,) = med.dosages
    assert dosage.dose is not None
    assert (dosage.dose.value, dosage.dose.unit) == (2, "tab")


@pytest.mark.parametrize(
    "text",
    [
        "oxycodone 5 mg PO q4h prn moderate pain or 10 mg PO q4h prn severe pain",
        "acetaminophen 650 mg PO or 650 mg PR q6h",
    ],
)
def test_doses_offered_with_or_are_tiers_not_ordered(shipped: RulesExtractor, text: str) -> None:
    """The first tier was ordered and the second only partly reported ("10 mg PO" was lost)."""
    e = shipped.read(text)
    assert meds(e) == []
    assert any("several doses side by side" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    "text", ["metoprolol and lisinopril 10 mg PO daily", "metoprolol + lisinopril 10 mg PO daily"]
)
def test_a_drug_with_no_dose_joined_to_anothers_dose_is_reported(
    shipped: RulesExtractor, text: str
) -> None:
    """Metoprolol was ordered daily with no dose and its dosage text "and"."""
    e = shipped.read(text)
    (med,) = meds(e)
    assert med.medication.text == "lisinopril"
    assert any(u.text == "metoprolol" and "no dose of its own" in u.reason for u in e.unparsed)


def test_drugs_that_share_a_schedule_and_each_have_a_dose_are_both_ordered(
    shipped: RulesExtractor,
) -> None:
    found = meds(shipped.read("oxycodone 5 mg and acetaminophen 650 mg q4h prn pain"))
    assert [m.dosages[0].timing.period for m in found] == [4, 4]


@pytest.mark.parametrize(
    ("text", "removal"),
    [
        ("nitroglycerin patch 0.4 mg/hr apply daily, remove at night", "remove at night"),
        ("nicotine patch 21 mg apply daily, take off at bedtime", "take off at bedtime"),
    ],
)
def test_when_a_patch_comes_off_is_no_dose_time(
    shipped: RulesExtractor, text: str, removal: str
) -> None:
    """ "remove at night" made the patch's dose time night."""
    e = shipped.read(text)
    (med,) = meds(e)
    (dosage,) = med.dosages
    assert dosage.timing.when == ()
    assert (dosage.timing.frequency, dosage.timing.period) == (1, 1)
    assert [u.text for u in e.unparsed] == [removal]


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("NG: metoprolol 25 mg BID", "NG"),
        ("per G-tube: omeprazole 20 mg daily", "G-tube"),
        ("HTN: lisinopril 10 mg daily", "HTN"),
        ("Tonight: zolpidem 5 mg PO", "Tonight"),
    ],
)
def test_a_one_word_heading_no_rule_read_is_reported(
    shipped: RulesExtractor, text: str, heading: str
) -> None:
    """A route, time or reason written as a heading was dropped without a word."""
    e = shipped.read(text)
    (med,) = meds(e)
    assert heading in med.dosages[0].text
    assert [u.text for u in e.unparsed] == [heading]


@pytest.mark.parametrize(
    "text",
    [
        "For HTN: lisinopril 10 mg daily",
        "Cardiac patient John Smith: warfarin 2 mg daily",  # context, never a patient's name
        "Request: heparin 5000 units SC q8h",
    ],
)
def test_a_heading_read_or_of_several_words_is_not_reported(
    shipped: RulesExtractor, text: str
) -> None:
    assert shipped.read(text).unparsed == ()


@pytest.mark.parametrize(
    ("text", "when", "reported"),
    [
        ("Lantus 20 units q.h.s.", ("HS",), []),  # at bedtime, never every hour
        ("amoxicillin 500 mg q.d.s.", (), ["q.d.s"]),  # four times daily (UK): reported
    ],
)
def test_q_with_full_stops_and_no_number_is_no_period(
    shipped: RulesExtractor, text: str, when: tuple[str, ...], reported: list[str]
) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    timing = med.dosages[0].timing
    assert timing.period_unit is None or timing.period_unit.value == "d"
    assert timing.when == when
    assert [u.text for u in e.unparsed] == reported


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("PRN: acetaminophen 650 mg q6h; scheduled: metoprolol 25 mg BID", [True, False]),
        (
            "PRN:\nacetaminophen 650 mg q6h\nVTE prophylaxis: heparin 5000 units SC q8h",
            [True, False],
        ),
    ],
)
def test_another_sections_label_ends_a_prn_list(
    shipped: RulesExtractor, text: str, sites: list[bool]
) -> None:
    assert [m.dosages[0].as_needed for m in meds(shipped.read(text))] == sites


@pytest.mark.parametrize(
    ("text", "ordered"),
    [
        ("Home: lisinopril 10 mg daily; inpatient: metoprolol 25 mg BID", ["metoprolol"]),
        ("PTA: lisinopril 10 mg daily; Orders: heparin 5000 units SC q8h", ["heparin"]),
        ("Stop: metoprolol 25 mg BID; switch to carvedilol 3.125 mg BID", ["carvedilol"]),
        ("DC meds: amoxicillin 500 mg TID x 7 days", ["amoxicillin"]),  # discharge, no stop
        ("Plan DC, amoxicillin 500 mg TID", ["amoxicillin"]),
    ],
)
def test_lists_end_at_another_label_and_discharge_is_no_stop(
    shipped: RulesExtractor, text: str, ordered: list[str]
) -> None:
    assert [m.medication.text for m in meds(shipped.read(text))] == ordered


@pytest.mark.parametrize(
    ("text", "limit"),
    [
        ("acetaminophen 650 mg q6h prn. Max 3 g daily", 3),
        ("potassium chloride 10 mEq IV q1h x4. Max 40 mEq/day", 40),
    ],
)
def test_a_limit_sentence_keeps_the_schedule_and_count(
    shipped: RulesExtractor, text: str, limit: float
) -> None:
    (med,) = meds(shipped.read(text))
    dosage = med.dosages[0]
    assert dosage.max_dose_per_period is not None
    assert dosage.max_dose_per_period.numerator.value == limit
    assert dosage.timing.period in (6, 1)
    assert dosage.timing.frequency == 1


@pytest.mark.parametrize(
    "text",
    [
        "ibuprofen 400 mg q6h. Max 3 g/day tylenol",  # another drug's limit
        "furosemide 40 mg PO daily. Do not exceed 2 L per day",  # a fluid limit
    ],
)
def test_a_limit_sentence_about_something_else_stays_apart(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    assert med.dosages[0].max_dose_per_period is None


def test_a_threshold_with_its_unit_is_no_rate_left_behind(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("furosemide 40 mg IV x1 if UOP < 30 mL/h"))
    dosage = med.dosages[0]
    assert dosage.rate_quantity is None
    assert dosage.as_needed_reason is not None
    assert dosage.as_needed_reason.text == "UOP < 30 mL/h"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("morphine prn 2-4 mg IV q2h", 2, 4), ("Norco prn 1-2 tabs q4h", 1, 2)],
)
def test_prn_before_a_dose_range_keeps_the_range(
    shipped: RulesExtractor, text: str, low: float, high: float
) -> None:
    (med,) = meds(shipped.read(text))
    dosage = med.dosages[0]
    assert dosage.dose_range is not None
    assert (dosage.dose_range.low.value, dosage.dose_range.high.value) == (low, high)
    assert dosage.as_needed_reason is None


def test_two_pushes_and_a_bag_written_with_w_slash(shipped: RulesExtractor) -> None:
    assert meds(shipped.read("NS 1000 mL w/ 20 mEq KCl at 100 mL/hr")) == []
    assert meds(shipped.read("dextrose 50% 25 mL IV push with insulin regular 10 units IV")) != []


def test_a_drug_with_its_own_unread_schedule_takes_no_shared_one(shipped: RulesExtractor) -> None:
    """ "amlodipine 5 mg OD, timolol 1 drop OD BID" gave amlodipine timolol's BID."""
    amlodipine, timolol = meds(shipped.read("amlodipine 5 mg OD, timolol 1 drop OD BID"))
    assert amlodipine.dosages[0].timing.is_empty
    assert timolol.dosages[0].timing.frequency == 2


def test_an_eye_word_before_the_drug_names_no_eye(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("eye exam today, amlodipine 5 mg OD"))
    assert med.dosages[0].site is None


def test_an_unknown_drug_after_and_lends_nothing(shipped: RulesExtractor) -> None:
    e = shipped.read("heparin 5000 units SQ q8h and NTG 0.4 mg SL q5min prn chest pain")
    (med,) = meds(e)
    assert not med.dosages[0].as_needed
    assert any(u.text == "NTG 0.4 mg SL q5min prn chest pain" for u in e.unparsed)


def test_a_release_word_after_a_strength_is_no_test(shipped: RulesExtractor) -> None:
    """ "nifedipine 30 mg CR daily": "CR" was a lab test and took "daily" with it."""
    e = shipped.read("nifedipine 30 mg CR daily")
    (med,) = meds(e)
    assert med.dosages[0].timing.frequency == 1
    assert [u.text for u in e.unparsed] == ["CR"]


def test_ten_or_more_tablets_at_once_are_a_strength(shipped: RulesExtractor) -> None:
    e = shipped.read("furosemide 20 tab BID")
    (med,) = meds(e)
    assert med.dosages[0].dose is None


def test_a_fluid_a_dose_is_given_in_is_its_diluent(shipped: RulesExtractor) -> None:
    """ "vancomycin 1 g in sodium chloride 0.9% 250 mL IV q12h" ordered sodium chloride q12h and
    left vancomycin with no route or schedule."""
    e = shipped.read("vancomycin 1 g in sodium chloride 0.9% 250 mL IV q12h")
    (med,) = meds(e)
    assert med.medication.text == "vancomycin"
    dosage = med.dosages[0]
    assert dosage.route is not None
    assert dosage.route.text == "intravenous"
    assert dosage.timing.period == 12
    assert e.unparsed == ()


def test_an_unknown_drug_in_a_named_fluid_orders_no_fluid(shipped: RulesExtractor) -> None:
    """ "KCl 20 mEq in sodium chloride 0.9% 1000 mL" ordered sodium chloride at 20 mEq."""
    e = shipped.read("KCl 20 mEq in sodium chloride 0.9% 1000 mL IV at 100 mL/hr")
    assert meds(e) == []
    assert e.unparsed != ()


def test_a_fluid_ordered_on_its_own_is_still_ordered(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("sodium chloride 0.9% 1000 mL IV at 75 mL/hr"))
    assert med.medication.text == "sodium chloride"


@pytest.mark.parametrize(
    "text",
    [
        "Switch from IV to PO metoprolol 25 mg BID",
        "switch metoprolol from IV to PO 25 mg BID",
        "change pantoprazole from IV to PO 40 mg daily",
    ],
)
def test_the_route_switched_from_is_not_the_drugs(shipped: RulesExtractor, text: str) -> None:
    """ "Switch from IV to PO metoprolol" was intravenous."""
    (med,) = meds(shipped.read(text))
    route = med.dosages[0].route
    assert route is not None
    assert route.text == "oral"


@pytest.mark.parametrize(
    "text",
    [
        "rifampin 600 mg daily, INH 300 mg PO daily",
        "rifampin 600 mg PO daily and INH 300 mg PO daily",
    ],
)
def test_a_route_s_letters_with_an_amount_of_their_own_name_another_drug(
    shipped: RulesExtractor, text: str
) -> None:
    # "INH" is isoniazid here: never the inhaled route of the drug before it
    e = shipped.read(text)
    (rifampin,) = meds(e)
    assert rifampin.dosages[0].route is None or rifampin.dosages[0].route.text == "oral"
    assert "INH" not in rifampin.dosages[0].text
    assert any(u.text == "INH 300 mg PO daily" for u in e.unparsed)


def test_a_route_before_the_dose_is_still_the_route(shipped: RulesExtractor) -> None:
    (drug,) = meds(shipped.read("ceftriaxone, IV 1 g daily"))
    assert drug.dosages[0].route is not None
    assert drug.dosages[0].route.text == "intravenous"


@pytest.mark.parametrize(
    ("text", "dose", "route"),
    [
        ("metoprolol tartrate 25 mg tablet, PO 12.5 mg BID", 12.5, "oral"),
        ("acetaminophen 325 mg tablet, PO 650 mg q6h prn pain", 650, "oral"),
        ("hydromorphone 2 mg/mL, IV 0.5 mg q3h prn", 0.5, "intravenous"),
    ],
)
def test_a_route_and_dose_after_a_strength_line_are_the_drug_s(
    shipped: RulesExtractor, text: str, dose: float, route: str
) -> None:
    (drug,) = meds(shipped.read(text))
    (dosage,) = drug.dosages
    assert dosage.dose is not None
    assert dosage.dose.value == dose
    assert dosage.route is not None
    assert dosage.route.text == route


@pytest.mark.parametrize(
    "text",
    [
        "warfarin 5 mg daily - hold it, INR 4.5",
        "lisinopril 10 mg daily - hold it",
        "lisinopril 10 mg daily, wait, hold that",
    ],
)
def test_a_drug_held_as_soon_as_written_is_not_ordered(shipped: RulesExtractor, text: str) -> None:
    assert meds(shipped.read(text)) == []


@pytest.mark.parametrize(
    "text",
    ["lisinopril 10 mg daily hold if K high", "metformin 500 mg BID hold if creatinine rises"],
)
def test_a_hold_parameter_on_a_test_leaves_the_order_standing(
    shipped: RulesExtractor, text: str
) -> None:
    (drug,) = meds(shipped.read(text))
    assert "hold if" in drug.dosages[0].text


def test_another_route_s_dosage_of_the_same_drug_stays_in_its_text(
    shipped: RulesExtractor,
) -> None:
    e = shipped.read("morphine 2 mg IV q2h prn, PO 10 mg q4h prn")
    (drug,) = meds(e)
    assert drug.dosages[0].route is not None
    assert drug.dosages[0].route.text == "intravenous"
    assert "PO 10 mg q4h prn" in drug.dosages[0].text
    assert any(u.text == "PO 10 mg q4h prn" for u in e.unparsed)
