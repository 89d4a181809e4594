"""The sig grammar reads each feature of a dosage line (no codes: vocabulary knows nothing)."""

from __future__ import annotations

import pytest

from nlfhir.domain.codes import Coding, Concept
from nlfhir.domain.grammar import Vocabulary
from nlfhir.domain.grammar.sig import read_sig
from nlfhir.domain.timing import TimeUnit

pytestmark = pytest.mark.unit

NOTHING = Vocabulary(
    route=lambda _: None, unit=lambda _: None, condition=lambda _: None, substance=lambda _: None
)


def sig(text: str):
    return read_sig(text, NOTHING)


def test_dose_route_and_twice_daily() -> None:
    d = sig("500 mg PO BID").dosage
    assert d.dose is not None
    assert (d.dose.value, d.dose.unit) == (500, "mg")
    assert d.route is not None
    assert d.route.text == "oral"
    t = d.timing
    assert (t.frequency, t.period, t.period_unit) == (2, 1, TimeUnit.DAY)


@pytest.mark.parametrize(
    ("text", "freq", "period", "unit"),
    [
        ("daily", 1, 1, "d"),
        ("qd", 1, 1, "d"),
        ("tid", 3, 1, "d"),
        ("four times daily", 4, 1, "d"),
        ("q4h", 1, 4, "h"),
        ("every 8 hours", 1, 8, "h"),
        ("every other day", 1, 2, "d"),
        ("weekly", 1, 1, "wk"),
        ("q 2 wk", 1, 2, "wk"),
        ("every 3 weeks", 1, 3, "wk"),
        ("2 times per day", 2, 1, "d"),
        ("q15min", 1, 15, "min"),
        ("monthly", 1, 1, "mo"),
    ],
)
def test_frequencies(text: str, freq: int, period: float, unit: str) -> None:
    t = sig(f"1 tab po {text}").dosage.timing
    assert (t.frequency, t.period, t.period_unit) == (freq, period, unit)


def test_period_range_q4_6h() -> None:
    t = sig("1-2 tabs po q4-6h prn pain").dosage.timing
    assert (t.period, t.period_max, t.period_unit) == (4, 6, "h")


def test_frequency_range_2_to_4_times_a_day() -> None:
    t = sig("apply 2-4 times a day").dosage.timing
    assert (t.frequency, t.frequency_max, t.period, t.period_unit) == (2, 4, 1, "d")


def test_dose_range_in_words() -> None:
    d = sig("one to two tablets every 4-6 hours as needed for rib pain").dosage
    assert d.dose_range is not None
    assert (d.dose_range.low.value, d.dose_range.high.value) == (1, 2)
    assert d.dose_range.low.unit == "tab"
    assert d.as_needed
    assert d.as_needed_reason is not None
    assert d.as_needed_reason.text == "rib pain"


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("qhs", ("HS",)),
        ("at bedtime", ("HS",)),
        ("nightly", ("NIGHT",)),
        ("qam", ("MORN",)),
        ("before meals", ("AC",)),
        ("pc", ("PC",)),
        ("with meals", ("C",)),
        ("pc breakfast lunch dinner", ("PCM", "PCD", "PCV")),
    ],
)
def test_event_timing(text: str, when: tuple[str, ...]) -> None:
    assert sig(f"1 tab po {text}").dosage.timing.when == when


def test_duration_and_count() -> None:
    t = sig("500 mg po tid x 10 days").dosage.timing
    assert t.bounds_duration is not None
    assert (t.bounds_duration.value, t.bounds_duration.unit) == (10, "d")
    assert sig("1 drop ou q15min x 8 doses").dosage.timing.count == 8


@pytest.mark.parametrize("text", ["500 mg IM as a single dose", "2 g IV x1", "4 mg IV once"])
def test_single_dose_is_count_one(text: str) -> None:
    assert sig(text).dosage.timing.count == 1


@pytest.mark.parametrize("text", ["1 mg IV push stat", "give 5 mg now", "2 mg IM immediately"])
def test_stat_is_an_immediate_single_dose(text: str) -> None:
    reading = sig(text)
    assert reading.immediate
    assert reading.dosage.timing.when == ()
    assert reading.dosage.timing.count == 1


def test_stat_then_a_schedule_is_not_a_single_dose() -> None:
    reading = sig("1 g IV stat then q8h")
    assert reading.immediate
    assert reading.dosage.timing.count is None


def test_strength_is_not_the_dose() -> None:
    reading = sig("250mg capsule (product) 500mg daily for 5 days")
    assert reading.dosage.dose is not None
    assert reading.dosage.dose.value == 500
    assert reading.product.strength == "250mg"


def test_strength_then_take_two_uses_the_form() -> None:
    d = sig("500 mg tablet, take 2 by mouth twice daily").dosage
    assert d.dose is not None
    assert (d.dose.value, d.dose.unit) == (2, "tab")


def test_concentration_is_not_the_dose() -> None:
    d = sig("100 unit/ml injectable solution 20 Units SC three times daily").dosage
    assert d.dose is not None
    assert (d.dose.value, d.dose.unit) == (20, "units")
    assert d.route is not None
    assert d.route.text == "subcutaneous"


def test_parenthesised_mass_states_the_dose() -> None:
    d = sig("Insert two suppositories (240mg) rectally twice daily").dosage
    assert d.dose is not None
    assert (d.dose.value, d.dose.unit) == (240, "mg")


def test_weight_based_dose_keeps_the_weight() -> None:
    reading = sig("15 mg/kg IV q8h (weight: 20 kg)")
    assert reading.dosage.dose is not None
    assert (reading.dosage.dose.value, reading.dosage.dose.unit) == (15, "mg/kg")
    assert reading.product.weight is not None
    assert reading.product.weight.value == 20


def test_max_dose_per_period() -> None:
    d = sig("1 g po q6h prn pain, max 3 g/day").dosage
    assert d.max_dose_per_period is not None
    assert (d.max_dose_per_period.numerator.value, d.max_dose_per_period.numerator.unit) == (3, "g")
    assert d.max_dose_per_period.denominator.unit == "d"


def test_infusion_rate_and_duration() -> None:
    d = sig("1 g IV over 30 minutes").dosage
    assert d.timing.duration is not None
    assert (d.timing.duration.value, d.timing.duration.unit) == (30, "min")
    r = sig("20 mEq in 1 L IV at 100 ml/hr").dosage
    assert r.rate_quantity is not None
    assert (r.rate_quantity.value, r.rate_quantity.unit) == (100, "ml/h")


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("1 tab sl", "sublingual"),
        ("1 supp pr", "rectal"),
        ("2 puffs inhaled", "inhalation"),
        ("1 drop OU", "ophthalmic"),
        ("2 drops in the ear", "otic"),
        ("1 spray each nostril", "nasal"),
        ("1 patch td", "transdermal"),
        ("10 units subq", "subcutaneous"),
        ("1 g IVPB", "intravenous"),
        ("1 mg IM", "intramuscular"),
        ("apply topically", "topical"),
        ("1 tab pv", "vaginal"),
    ],
)
def test_routes(text: str, route: str) -> None:
    d = sig(text).dosage
    assert d.route is not None
    assert d.route.text == route


def test_eye_side_becomes_the_site() -> None:
    d = sig("1 drop OD twice daily").dosage
    assert d.site is not None
    assert d.site.text == "right eye"


def test_indication_is_not_read_from_a_duration() -> None:
    reading = sig("500 mg po tid for 10 days for otitis media")
    assert reading.indication is not None
    assert reading.indication.text == "otitis media"
    assert reading.dosage.timing.bounds_duration is not None


def test_prn_with_symptom_adjective() -> None:
    d = sig("take 1 tab po when feverish").dosage
    assert d.as_needed
    assert d.as_needed_reason is not None
    assert d.as_needed_reason.text == "fever"


def test_nothing_structured_is_not_understood() -> None:
    assert not sig("see attached note").understood


@pytest.mark.parametrize(
    ("text", "route", "site"),
    [
        ("1 drop OS bid", "ophthalmic", "left eye"),
        ("1 drop OU bid", "ophthalmic", "both eyes"),
        ("1 drop RE tid", "ophthalmic", "right eye"),
        ("1 drop LE qid", "ophthalmic", "left eye"),
        ("2 drops AD bid", "otic", "right ear"),
        ("2 drops AU bid", "otic", "both ears"),
        ("1 drop right eye daily", "ophthalmic", "right eye"),
    ],
)
def test_sides_name_route_and_site(text: str, route: str, site: str) -> None:
    d = sig(text).dosage
    assert d.route is not None
    assert d.site is not None
    assert (d.route.text, d.site.text) == (route, site)


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("cream apply bid", "topical"),
        ("ointment apply tid", "topical"),
        ("gel apply daily", "topical"),
        ("inhaler 2 puffs q4h", "inhalation"),
        ("patch 1 daily", "transdermal"),
        ("tablet 1 daily", "oral"),
        ("capsule 1 bid", "oral"),
        ("take 1 tab daily", "oral"),
        ("drink 10 ml bid", "oral"),
        ("nasal spray 1 spray bid", "nasal"),
    ],
)
def test_forms_and_verbs_imply_a_route(text: str, route: str) -> None:
    d = sig(text).dosage
    assert d.route is not None
    assert d.route.text == route


def test_explicit_route_beats_form_and_verb() -> None:
    d = sig("take 1 tablet pv daily").dosage
    assert d.route is not None
    assert d.route.text == "vaginal"


def test_route_is_coded_when_the_vocabulary_knows_it() -> None:
    coded = Concept(
        text="Oral use", codings=(Coding(system="http://snomed.info/sct", code="26643006"),)
    )
    vocab = Vocabulary(
        route=lambda n: coded if n == "oral" else None,
        unit=lambda _: None,
        condition=lambda _: None,
        substance=lambda _: None,
    )
    d = read_sig("1 tab po daily", vocab).dosage
    assert d.route is not None
    assert d.route.text == "oral"
    assert d.route.codings == coded.codings


@pytest.mark.parametrize(
    ("text", "strength", "form"),
    [
        ("500 mg tablet, take 1 daily", "500 mg", "tablet"),
        ("80mg/0.8ml drops 1 ml q4h", "80mg/0.8ml", "drops"),
        ("5/325 tablet 1 q6h", "5/325", "tablet"),
        ("0.1% cream apply bid", "0.1%", "cream"),
        ("25micrograms/hour patch apply q72h", "25micrograms/hour", "patch"),
    ],
)
def test_product_strength_and_form(text: str, strength: str, form: str) -> None:
    p = sig(text).product
    assert (p.strength, p.form) == (strength, form)


def test_weight_in_pounds_keeps_its_unit() -> None:
    w = sig("10 mg/kg po daily (weight: 44 lb)").product.weight
    assert w is not None
    assert (w.value, w.unit, w.code) == (44, "lb", "[lb_av]")


def test_rate_per_kilogram() -> None:
    r = sig("dopamine 5 mcg/kg/min IV").dosage.rate_quantity
    assert r is not None
    assert (r.value, r.unit) == (5, "mcg/kg/min")


def test_daily_total_divided_gives_the_dose_of_one_administration() -> None:
    """ "10 mg/kg/day divided BID" is 5 mg/kg a dose: reading 10 mg/kg BID would double it."""
    d = sig("10mg/kg/day divided BID").dosage
    assert d.dose is not None
    assert (d.dose.value, d.dose.unit) == (5, "mg/kg")
    assert d.rate_ratio is not None
    assert (d.rate_ratio.numerator.value, d.rate_ratio.numerator.unit) == (10, "mg/kg")
    assert (d.rate_ratio.denominator.value, d.rate_ratio.denominator.unit) == (1, "d")
    t = d.timing
    assert (t.frequency, t.period, t.period_unit) == (2, 1, TimeUnit.DAY)


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("20 mg/kg/day TID", None),  # 6.666... mg/kg: never rounded for the prescriber
        ("30 mg/kg/day po divided q8h", 10),
        ("320 mg per day divided in two doses bid", 160),
        ("60 mg/kg/24 h IV q6h", 15),
        ("15 mg/kg/day", None),  # no schedule: the total stays a total
        ("40 mg/kg/day divided q6-8h", None),  # a range of doses a day: no single share
    ],
)
def test_daily_totals_are_never_read_as_one_dose(text: str, dose: float | None) -> None:
    d = sig(text).dosage
    assert (d.dose.value if d.dose else None) == dose
    assert d.rate_ratio is not None
    assert d.rate_ratio.denominator.unit == "d"


def test_daily_total_range_divides_both_ends() -> None:
    d = sig("amoxicillin 80-90 mg/kg/day divided q12h x 10 days").dosage
    assert d.dose is None
    assert d.rate_ratio is None  # a range has no single rate; the text keeps it
    assert d.dose_range is not None
    assert (d.dose_range.low.value, d.dose_range.high.value) == (40, 45)


def test_stated_dose_wins_over_the_computed_share() -> None:
    d = sig("40 mg/kg/day divided BID = 160 mg BID").dosage
    assert d.dose is not None
    assert (d.dose.value, d.dose.unit) == (160, "mg")


def test_maximum_per_day_is_not_a_daily_total() -> None:
    d = sig("1 g po q6h prn pain, max 3 g/day").dosage
    assert d.rate_ratio is None
    assert d.dose is not None
    assert d.dose.value == 1


def test_at_an_amount_per_hour_is_the_infusion_rate_not_a_strength() -> None:
    d = sig("25,000 units in 250 mL D5W at 1,000 units/hr").dosage
    assert d.dose is not None
    assert d.dose.value == 25000
    assert d.rate_quantity is not None
    assert (d.rate_quantity.value, d.rate_quantity.unit) == (1000, "units/h")


def test_a_patch_strength_per_hour_stays_a_strength() -> None:
    reading = sig("fentanyl 25 mcg/hr patch apply q72h")
    assert reading.dosage.rate_quantity is None
    assert reading.product.strength == "25 mcg/hr"


def test_a_daily_total_with_a_weekly_schedule_states_no_dose() -> None:
    d = sig("300 mg per day weekly").dosage
    assert d.dose is None
    assert d.rate_ratio is not None


def test_a_daily_range_that_does_not_divide_exactly_states_no_range() -> None:
    d = sig("40-45 mg/kg/day divided TID").dosage  # 13.33... to 15 mg/kg: not rounded
    assert d.dose is None
    assert d.dose_range is None


@pytest.mark.parametrize(
    "text",
    ["4.5 g IV q6h, adjust for renal function", "5 mg po daily, monitor for bleeding"],
)
def test_what_to_watch_for_is_no_indication(text: str) -> None:
    assert sig(text).indication is None


def test_an_infusion_time_range_has_both_ends() -> None:
    t = sig("7 mg IV over 2-5 minutes every 15 minutes prn").dosage.timing
    assert t.duration is not None
    assert (t.duration.value, t.duration_max, t.duration.unit) == (2, 5, "min")


@pytest.mark.parametrize(
    ("text", "instructions"),
    [
        ("1 tab po daily - do not crush or chew", ["do not crush or chew"]),
        ("10 ml twice daily, on an empty stomach", ["on an empty stomach"]),
        (
            "1 tab po prn itching, may cause drowsiness, avoid alcohol",
            ["may cause drowsiness", "avoid alcohol"],
        ),
        ("2 puffs bid, rinse mouth after use", ["rinse mouth after use"]),
        ("1 tab po with food", []),  # a timing event (when: C), not an extra instruction
    ],
)
def test_instructions_to_the_patient(text: str, instructions: list[str]) -> None:
    d = sig(text).dosage
    assert [c.text for c in d.additional_instructions] == instructions
    assert not sig(text).unread


@pytest.mark.parametrize(
    ("text", "period", "period_max"),
    [("650 mg PO 6 hourly", 6, None), ("1 g IV 24-hourly", 24, None), ("1 g 4-6 hourly", 4, 6)],
)
def test_n_hourly_is_every_n_hours(text: str, period: float, period_max: float | None) -> None:
    t = sig(text).dosage.timing
    assert (t.frequency, t.period, t.period_max, t.period_unit) == (
        1,
        period,
        period_max,
        TimeUnit.HOUR,
    )


def test_a_combination_strength_is_no_dose_range() -> None:
    r = sig("10-325 mg 1 tab PO q6h")
    assert r.dosage.dose_range is None
    assert r.dosage.dose is not None
    assert (r.dosage.dose.value, r.dosage.dose.unit) == (1, "tab")
    assert r.product.strength == "10-325 mg"
    ranged = sig("325-650 mg PO q4h").dosage.dose_range  # a real range stays one
    assert ranged is not None
    assert (ranged.low.value, ranged.high.value) == (325, 650)


@pytest.mark.parametrize(
    ("text", "dose", "aside"),
    [
        ("from 25 to 50 mg BID", 50, "from 25 to"),
        ("25 mg PO BID, hold for SBP < 100 or HR < 55", 25, "hold for SBP < 100 or HR < 55"),
        (
            "40 mg IV BID, double dose if UOP < 0.5 mL/kg/hr",
            40,
            "double dose if UOP < 0.5 mL/kg/hr",
        ),
        ("40 mg daily, decrease by 10 mg every 3 days", 40, "decrease by 10 mg every 3 days"),
    ],
)
def test_words_that_change_the_dose_are_set_aside(text: str, dose: float, aside: str) -> None:
    r = sig(text)
    assert r.dosage.dose is not None
    assert r.dosage.dose.value == dose
    assert [text[a:b] for a, b in r.unread][-1] == aside  # reported, and kept in the text
    assert aside in r.dosage.text
    assert r.indication is None  # "hold for SBP < 100" is no reason for the drug
    assert r.dosage.rate_quantity is None  # "0.5 mL/kg/hr" is no rate of this drug


def test_a_titration_step_is_no_rate_and_no_schedule() -> None:
    d = sig("IV at 5 mg/hr, increase by 2.5 mg/hr q15min to max 15 mg/hr").dosage
    assert d.rate_quantity is not None
    assert d.rate_quantity.value == 5
    assert d.timing.is_empty


def test_c_is_with_meals_but_not_before_an_abbreviated_name() -> None:
    assert sig("1 po c").dosage.timing.when == ("C",)
    assert sig("125 mg PO QID for C. diff").dosage.timing.when == ()


@pytest.mark.parametrize("text", ["40 IV once", "325 po daily"])
def test_a_number_too_large_for_a_count_with_no_unit_states_no_dose(text: str) -> None:
    r = sig(text)
    assert r.dosage.dose is None
    assert r.unread  # reported, not dropped


def test_a_reason_keeps_its_decimals() -> None:
    reason = sig("15 mg/kg PO q6h prn fever > 38.5").dosage.as_needed_reason
    assert reason is not None
    assert reason.text == "fever > 38.5"


@pytest.mark.parametrize(
    ("text", "dose", "unit"),
    [
        ("500 mg 2 tabs PO q6h PRN pain", 2, "tab"),
        ("50 mcg 2 sprays each nostril daily", 2, "spray"),
        ("500 mg capsule po tid", 500, "mg"),  # one unit of a stated strength
        ("4 mg ODT q8h PRN nausea", 4, "mg"),
    ],
)
def test_a_strength_and_a_count_the_count_is_the_dose(text: str, dose: float, unit: str) -> None:
    d = sig(text).dosage
    assert d.dose is not None
    assert (d.dose.value, d.dose.unit) == (dose, unit)


def test_an_amount_per_hour_of_a_drip_is_its_rate_and_of_a_patch_its_strength() -> None:
    drip = sig("drip 50 mcg/hr IV").dosage
    assert drip.rate_quantity is not None
    assert (drip.rate_quantity.value, drip.rate_quantity.unit) == (50, "mcg/h")
    patch = sig("25 mcg/hr transdermal patch q72h")
    assert patch.dosage.rate_quantity is None
    assert patch.product.strength == "25 mcg/hr"


@pytest.mark.parametrize(
    ("text", "aside"),
    [
        ("5 mg PO at 10 PM once", "at 10 PM"),
        ("1 g IV at 0900", "at 0900"),
        ("sliding scale: BG 150-200 give 2 units, 201-250 give 4 units", None),
        ("1 mg q6min lockout", "q6min lockout"),
        ("20 mg/kg IV load, max rate 50 mg/min", "max rate 50 mg/min"),
    ],
)
def test_clock_times_scales_lockouts_and_rate_limits_are_no_schedule(
    text: str, aside: str | None
) -> None:
    r = sig(text)
    assert r.dosage.timing.when == ()
    assert r.dosage.timing.frequency is None
    assert r.dosage.rate_quantity is None
    spans = [text[a:b] for a, b in r.unread]
    assert (aside in spans) if aside else any(s.startswith("sliding scale") for s in spans)


def test_a_clock_rate_is_still_a_rate() -> None:
    d = sig("at 1000 units/hr IV").dosage
    assert d.rate_quantity is not None
    assert d.rate_quantity.value == 1000


def test_an_exception_to_the_schedule_is_set_aside() -> None:
    text = "100 mcg daily except 150 mcg on Sundays"
    r = sig(text)
    assert r.dosage.dose is not None
    assert r.dosage.dose.value == 100
    assert r.dosage.timing.day_of_week == ()
    assert "except 150 mcg on Sundays" in [text[a:b] for a, b in r.unread]
