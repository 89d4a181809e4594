"""The rules extractor binds each attribute to the right order and never invents orders."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.domain.orders import (
    AllergyStatement,
    ServiceCategory,
)
from nlfhir.domain.timing import TimeUnit
from tests.fakes.terminology import FakeTerminology
from tests.support.extraction import meds, services

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def extractor() -> RulesExtractor:
    return RulesExtractor(FakeTerminology())


def test_walking_skeleton_example(extractor: RulesExtractor) -> None:
    e = extractor.read("amoxicillin 500 mg PO TID x 10 days for otitis media; order CBC")
    (med,) = meds(e)
    assert med.medication.text == "amoxicillin"
    (d,) = med.dosages
    assert d.dose is not None
    assert d.dose.value == 500
    assert d.timing.frequency == 3
    assert d.timing.bounds_duration is not None
    assert med.indication is not None
    assert med.indication.text == "otitis media"
    (svc,) = services(e)
    assert svc.category is ServiceCategory.LABORATORY
    assert svc.code.text == "CBC"


def test_each_attribute_binds_to_its_own_drug(extractor: RulesExtractor) -> None:
    e = extractor.read("Start lisinopril 10 mg PO daily and metformin 500 mg PO BID with meals")
    lis, met = meds(e)
    assert lis.medication.text == "lisinopril"
    assert lis.dosages[0].dose is not None
    assert lis.dosages[0].dose.value == 10
    assert lis.dosages[0].timing.frequency == 1
    assert met.dosages[0].dose is not None
    assert met.dosages[0].dose.value == 500
    assert met.dosages[0].timing.frequency == 2
    assert met.dosages[0].timing.when == ("C",)


def test_dose_before_the_drug_name(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Give patient 1mg IV push of morphine for pain."))
    assert med.dosages[0].dose is not None
    assert med.dosages[0].dose.value == 1
    assert med.dosages[0].route is not None
    assert med.dosages[0].route.text == "intravenous"


@pytest.mark.parametrize(
    "text",
    [
        "Hold metformin",
        "Stop lisinopril today",
        "Discontinue warfarin.",
        "metformin on hold",
        "D/C aspirin",
        "aspirin discontinued",
        "DC vancomycin 1 g IV q12h",
        "DC: vancomycin 1 g IV q12h",
        "cancel vancomycin 1 g IV q12h",
    ],
)
def test_stop_and_hold_never_become_active_orders(extractor: RulesExtractor, text: str) -> None:
    e = extractor.read(text)
    assert meds(e) == []
    assert any("stop or hold" in u.reason for u in e.unparsed)


@pytest.mark.parametrize("text", ["No aspirin.", "Patient denies ibuprofen use", "avoid ibuprofen"])
def test_negated_mentions_are_not_orders(extractor: RulesExtractor, text: str) -> None:
    assert meds(extractor.read(text)) == []


def test_hold_one_continue_another(extractor: RulesExtractor) -> None:
    e = extractor.read("Continue aspirin 81 mg daily; hold metoprolol")
    assert [m.medication.text for m in meds(e)] == ["aspirin"]


@pytest.mark.parametrize("text", ["NKDA", "No known drug allergies.", "Allergies: none"])
def test_no_known_allergies_is_not_an_allergy(extractor: RulesExtractor, text: str) -> None:
    e = extractor.read(text)
    assert e.no_known_allergies
    assert not [o for o in e.orders if isinstance(o, AllergyStatement)]


def test_allergy_is_not_an_order(extractor: RulesExtractor) -> None:
    e = extractor.read("Patient allergic to penicillin, prescribe amoxicillin 500mg TID")
    allergies = [o for o in e.orders if isinstance(o, AllergyStatement)]
    assert [a.substance.text for a in allergies] == ["penicillin"]
    assert [m.medication.text for m in meds(e)] == ["amoxicillin"]


def test_allergy_list(extractor: RulesExtractor) -> None:
    e = extractor.read("Allergies: penicillin, sulfa and latex.")
    names = [o.substance.text for o in e.orders if isinstance(o, AllergyStatement)]
    assert names == ["penicillin", "sulfa", "latex"]


def test_taper_has_sequenced_dosages(extractor: RulesExtractor) -> None:
    (med,) = meds(
        extractor.read(
            "prednisone 40 mg po daily x 5 days, then 20 mg daily x 5 days, "
            "then 10 mg daily x 5 days"
        )
    )
    assert [d.sequence for d in med.dosages] == [1, 2, 3]
    assert [d.dose.value for d in med.dosages if d.dose] == [40, 20, 10]


def test_second_sentence_continues_the_drug(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("timolol 2 drops OD HS // 1 drop OS BID"))
    assert len(med.dosages) == 2
    assert med.dosages[1].timing.frequency == 2


def test_monitoring_is_not_a_service_order(extractor: RulesExtractor) -> None:
    e = extractor.read("Start warfarin 5 mg daily. Monitor INR in 1 week.")
    assert services(e) == []
    assert any("monitoring" in u.reason for u in e.unparsed)


def test_service_order_with_priority_and_reason(extractor: RulesExtractor) -> None:
    (svc,) = services(extractor.read("Order stat chest x-ray for fever"))
    assert svc.category is ServiceCategory.IMAGING
    assert svc.priority is not None
    assert svc.priority.value == "stat"
    assert svc.reason is not None
    assert svc.reason.text == "fever"


def test_procedure_and_referral(extractor: RulesExtractor) -> None:
    e = extractor.read("Obtain ECG today. Refer to cardiology.")
    cats = sorted(s.category.value for s in services(e))
    assert cats == ["procedure", "referral"]


def test_text_with_no_order_is_unparsed_not_guessed(extractor: RulesExtractor) -> None:
    e = extractor.read("Patient seen and examined, feeling better.")
    assert e.orders == ()
    assert e.unparsed
    assert e.unparsed[0].reason == "no medication, test or allergy recognised"


def test_spans_point_at_the_source(extractor: RulesExtractor) -> None:
    text = "Labs fine. Start metformin 500 mg PO BID"
    (med,) = meds(extractor.read(text))
    assert text[med.span.start : med.span.end] == "Start metformin 500 mg PO BID"


async def test_async_port_gives_the_same(extractor: RulesExtractor) -> None:
    text = "metformin 500 mg po bid"
    assert await extractor.extract(text) == extractor.read(text)


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("zorblaxumab 20 mg IV weekly", "zorblaxumab"),
        ("Start fictocillin 500 mg PO BID for otitis media", "fictocillin"),
        ("novodrex apply to affected areas twice daily", "novodrex"),
        ("Start patient on quixamol 10 mg daily", "quixamol"),
    ],
)
def test_unknown_drug_named_by_its_sig_stays_uncoded(
    extractor: RulesExtractor, text: str, drug: str
) -> None:
    (med,) = meds(extractor.read(text))
    assert med.medication.text == drug
    assert not med.medication.coded


@pytest.mark.parametrize(
    "text",
    [
        "Cycle 1: day 1 of 21.",
        "Patient John Smith seen today.",
        "Infuse over 30 minutes.",
        "Monitor weekly.",
    ],
)
def test_ordinary_words_before_numbers_are_not_drugs(extractor: RulesExtractor, text: str) -> None:
    assert meds(extractor.read(text)) == []


def test_coordinated_orders_share_duration_and_reason(extractor: RulesExtractor) -> None:
    e = extractor.read(
        "amoxicillin 1 g bid + metformin 500 mg bid for 1 week; "
        "lisinopril 10 mg daily and aspirin 81 mg daily for hypertension"
    )
    amox, met, lis, asa = meds(e)
    for m in (amox, met):
        assert m.dosages[0].timing.bounds_duration is not None
        assert m.dosages[0].timing.bounds_duration.value == 1
    for m in (lis, asa):
        assert m.indication is not None
        assert m.indication.text == "hypertension"


def test_patient_with_condition_is_the_indication(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Patient with hypertension: start lisinopril 10 mg daily"))
    assert med.indication is not None
    assert med.indication.text == "hypertension"


def test_digits_inside_a_condition_name(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("metformin 500 mg bid for type 2 diabetes"))
    assert med.indication is not None
    assert med.indication.text == "type 2 diabetes"


def test_test_names_followed_by_a_sig_are_a_drug_not_tests(shipped: RulesExtractor) -> None:
    e = shipped.read("potassium chloride 1 tab po daily - do not crush or chew")
    assert services(e) == []
    (med,) = meds(e)
    assert med.medication.text == "potassium chloride"
    assert med.dosages[0].timing.frequency == 1


@pytest.mark.parametrize(
    "text", ["order potassium and chloride", "hemoglobin 7 g/dL, transfuse if below 7"]
)
def test_tests_and_lab_values_stay_what_they_are(shipped: RulesExtractor, text: str) -> None:
    assert meds(shipped.read(text)) == []


def test_do_not_is_no_order_verb(shipped: RulesExtractor) -> None:
    e = shipped.read("CBC this morning - do not repeat")
    assert services(e) == []


@pytest.mark.parametrize(
    ("text", "route", "period"),
    [
        ("mesalamine per rectum qd", "rectal", (1, "d")),
        ("cyanocobalamin q1mo", None, (1, "mo")),
        ("mupirocin apply twice daily at wound", "topical", (1, "d")),
    ],
)
def test_unknown_drugs_with_route_phrases_and_monthly_intervals(
    shipped: RulesExtractor, text: str, route: str | None, period: tuple[int, str]
) -> None:
    (med,) = meds(shipped.read(text))
    assert not med.medication.codings
    (d,) = med.dosages
    assert (d.route.text if d.route else None) == route
    assert (d.timing.period, d.timing.period_unit) == period


def test_what_is_monitored_is_not_a_drug(shipped: RulesExtractor) -> None:
    e = shipped.read("Give morphine 5mg NOW. Monitor vitals q5min")
    assert [m.medication.text for m in meds(e)] == ["morphine"]


def test_a_drug_mixed_into_fluid_is_read_with_its_infusion(shipped: RulesExtractor) -> None:
    e = shipped.read("Potassium Chloride 20mEq in 1L Normal Saline IV at 100 ml/hr")
    assert services(e) == []
    (med,) = meds(e)
    (d,) = med.dosages
    assert d.dose is not None
    assert (d.dose.value, d.dose.code) == (20, "meq")
    assert d.rate_quantity is not None


@pytest.mark.parametrize(
    "text",
    ["Dopamine 400mg in 500mL D5W Dopamine 4mcg/kg/min", "heparin 25000 units in 250 mL D5W"],
)
def test_an_infusion_without_a_stated_route_is_intravenous(
    shipped: RulesExtractor, text: str
) -> None:
    (med,) = meds(shipped.read(text))
    assert [d.route.text if d.route else None for d in med.dosages] == ["intravenous"]


def test_a_brand_names_its_generic(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("Percocet 1 tablet every four hours as needed for pain"))
    assert med.medication.text == "Percocet (acetaminophen / oxycodone)"


def test_an_amount_per_time_is_never_a_dose(shipped: RulesExtractor) -> None:
    text = (
        "Zosyn (piperacillin/tazobactam) 4.5gm injection 4.5 grams in D5W 250 ml. "
        "IV every 6 hours.Infuse over 30 min at 8L/min"
    )
    (med,) = meds(shipped.read(text))
    doses = [(d.dose.value, d.dose.unit) for d in med.dosages if d.dose is not None]
    assert doses == [(4.5, "g")]


def test_an_acid_keeps_its_whole_name(shipped: RulesExtractor) -> None:
    e = shipped.read("Patient prescribed folic acid 1mg daily for megaloblastic anemia.")
    assert [m.medication.text for m in meds(e)] == ["folic acid"]


def test_a_monitoring_sentence_after_a_schedule_is_not_part_of_the_dose(
    shipped: RulesExtractor,
) -> None:
    (med,) = meds(shipped.read("start rivaroxaban 25mg q8h. Monitor electrolytes qweek."))
    (d,) = med.dosages
    assert (d.timing.frequency, d.timing.period, d.timing.period_unit) == (1, 8, "h")
    assert d.text == "25mg q8h"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Zosyn (piperacillin/tazobactam) 4.5 g IV q6h", "Zosyn (piperacillin / tazobactam)"),
        ("lorazepam 2 mg/mL injectable solution (Ativan) 2 mg IV once", "lorazepam"),
        ("Vancomycin Hydrochloride (VANCOMYCIN HYDROCHLORIDE) 500 mg IV q6h", "Vancomycin"),
    ],
)
def test_a_drug_restated_in_parentheses_is_one_order(
    shipped: RulesExtractor, text: str, name: str
) -> None:
    (med,) = meds(shipped.read(text))
    assert med.medication.text.lower().startswith(name.lower().split(" (")[0])
    assert med.dosages[0].dose is not None


def test_different_drugs_in_parentheses_stay_two_orders(shipped: RulesExtractor) -> None:
    found = meds(shipped.read("metformin 500 mg po bid (lisinopril 10 mg po daily)"))
    assert len(found) == 2


def test_an_fda_brand_names_its_generic(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("Vicodin 5/500 1 tab po q4h prn pain"))
    assert med.medication.text == "Vicodin (acetaminophen / hydrocodone)"
    assert med.dosages[0].as_needed


def test_a_restated_drug_does_not_hide_other_unread_words(shipped: RulesExtractor) -> None:
    e = shipped.read("Zosyn (piperacillin/tazobactam) 4.5 g IV q6h, titrate to blood pressure")
    unread = [u.text for u in e.unparsed if u.reason.startswith("words of the dosage")]
    assert unread == ["titrate to blood pressure"]


@pytest.mark.parametrize(
    "text",
    [
        "nothing by mouth after midnight",  # "Nothing" is a listed lidocaine brand
        "hello world this is a test",  # "Hello" is a listed fluoride toothpaste
        "Allergies: not applicable",
    ],
)
def test_everyday_words_that_are_listed_brands_order_nothing(
    shipped: RulesExtractor, text: str
) -> None:
    assert meds(shipped.read(text)) == []


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Patient reports taking ibuprofen 800 mg tid for knee pain", "reports past"),
        ("Pt states she used to take aspirin 81 mg daily", "reports past"),
        ("Previously on lisinopril 10 mg daily", "reports past"),
        ("took warfarin 5 mg daily until 2019", "reports past"),
        ("Failed trial of gabapentin 300 mg tid", "reports past"),
        ("mother on metformin 500 mg bid", "reports past"),
        ("Patient refuses heparin 5000 units sc q8h", "negated"),
        ("No longer taking prednisone", "negated"),
        ("Wean off heparin", "stop or hold"),
        ("Family history: diabetes, on metformin 500 mg bid", "history heading"),
        ("PMH: HTN on lisinopril 10 mg daily", "history heading"),
        ("Check vancomycin trough before 4th dose", "level"),
        ("vancomycin level in the morning", "level"),
        ("Aspirin?", "question"),
        # given already: by when or where
        ("Was given heparin 5000 units in triage", "reports past"),
        ("received vancomycin 1 g in the ED prior to transfer", "reports past"),
        ("heparin 5000 units given at 2200", "existing order"),
        ("aspirin 81 mg daily, stopped 3 days ago", "existing order"),
        # current use stated
        ("Pt on aspirin 81 mg daily", "reports past"),
        ("Currently taking metformin 500 mg bid", "reports past"),
        # findings about a drug
        ("INR 2.8 on warfarin", "reports past"),
        ("Culture resistant to vancomycin", "reports past"),
        ("Warfarin toxicity suspected", "finding after"),
        ("heparin contraindicated due to thrombocytopenia", "finding after"),
        # negation up to two words before the drug, and exclusions
        ("Patient not taking her metoprolol due to cost", "negated"),
        ("Resume home meds except metformin", "negated"),
        ("Instead of heparin, use compression stockings", "negated"),
        # passive stops, switches and teaching
        ("Heparin drip held for procedure", "stop or hold"),
        ("Changed vancomycin to linezolid", "switched from"),
        ("Instructed patient to take ibuprofen 400 mg with food", "teaching"),
        # a reaction the drug caused, and how it was tolerated
        ("Tolerated amoxicillin 500 mg TID", "reports past"),
        # given or taken by anyone, a dose standing between
        ("Was given 2 mg morphine IV in triage", "reports past"),
        ("EMS gave 324 mg aspirin en route", "reports past"),
        # current use in the third person, and status words after a whole order
        ("Takes lisinopril 10 mg daily", "reports past"),
        ("Metformin 500 mg BID per patient", "existing order"),
        ("Lisinopril 10 mg daily (held)", "existing order"),
        ("Amoxicillin 500 mg TID - completed course", "existing order"),
        # a question mark next to the drug
        ("? heparin 5000 units SQ q8h", "question"),
        ("Start heparin? 5000 units SQ q8h", "question"),
    ],
)
def test_reported_past_refused_and_asked_use_is_never_an_order(
    extractor: RulesExtractor, text: str, reason: str
) -> None:
    e = extractor.read(text)
    assert meds(e) == []
    assert any(reason in u.reason for u in e.unparsed), e.unparsed


def test_the_order_after_a_reported_one_still_counts(extractor: RulesExtractor) -> None:
    e = extractor.read("Previously on lisinopril 10 mg daily, switched to losartan 50 mg daily")
    (med,) = meds(e)
    assert med.medication.text == "losartan"


def test_a_suggestion_is_a_proposal_not_an_order(extractor: RulesExtractor) -> None:
    from nlfhir.domain.orders import OrderIntent

    (proposed,) = meds(extractor.read("Consider starting metformin 500 mg bid"))
    assert proposed.intent is OrderIntent.PROPOSAL
    (ordered,) = meds(extractor.read("Start metformin 500 mg bid"))
    assert ordered.intent is OrderIntent.ORDER


def test_a_reaction_in_an_allergy_list_does_not_end_it(extractor: RulesExtractor) -> None:
    e = extractor.read("Allergies: penicillin (rash), aspirin (hives); start amoxicillin 500 mg")
    allergies = [o.substance.text for o in e.orders if isinstance(o, AllergyStatement)]
    assert allergies == ["penicillin", "aspirin"]
    assert [m.medication.text for m in meds(e)] == ["amoxicillin"]


@pytest.mark.parametrize(
    "text",
    [
        "Fluid restriction 1.5 L per day",
        "Patient weighs 70 kg",
        "coffee 2 cups a day",
        "Social history: drinks 2 beers per day",
    ],
)
def test_everyday_words_before_a_sig_are_no_unknown_drug(
    extractor: RulesExtractor, text: str
) -> None:
    assert meds(extractor.read(text)) == []


def test_an_unknown_drug_that_is_no_everyday_word_is_still_read(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Vonoprazan 20 mg po daily"))
    assert med.medication.text == "Vonoprazan"
    assert not med.medication.coded


def test_an_ordering_verb_leading_the_clause_keeps_the_order(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Start patient on heparin 5000 units sc q8h"))
    assert med.medication.text == "heparin"
    (switched,) = meds(extractor.read("Changed vancomycin to linezolid 600 mg IV q12h"))
    assert switched.medication.text == "linezolid"


@pytest.mark.parametrize(
    ("text", "allergens", "drugs"),
    [
        ("Aspirin allergy.", ["Aspirin"], []),
        (
            "Allergies: penicillin (rash); sulfa (SJS); heparin (itching)",
            ["penicillin", "sulfa", "heparin"],
            [],
        ),
        ("Hives after taking Bactrim.", ["Bactrim"], []),
        ("anaphylaxis to ceftriaxone", ["ceftriaxone"], []),
        ("Cannot tolerate morphine due to itching.", ["morphine"], []),
        # the allergy list ends where the text turns to what to do instead
        (
            "Pt allergic to penicillin, will use azithromycin 500 mg PO daily",
            ["penicillin"],
            ["azithromycin"],
        ),
        ("Penicillin allergy - use vancomycin 1 g IV q12h instead", ["Penicillin"], ["vancomycin"]),
        ("Allergies: penicillin; start amoxicillin 500 mg po tid", ["penicillin"], ["amoxicillin"]),
        # body sites and symptoms are no allergens
        ("hives to arms, give heparin 5000 units sc q8h", [], ["heparin"]),
        ("sulfa drug allergy", [], []),
    ],
)
def test_allergy_statements_in_their_usual_forms(
    extractor: RulesExtractor, text: str, allergens: list[str], drugs: list[str]
) -> None:
    e = extractor.read(text)
    assert [o.substance.text for o in e.orders if isinstance(o, AllergyStatement)] == allergens
    assert [m.medication.text for m in meds(e)] == drugs


@pytest.mark.parametrize(
    "text", ["Neuro checks q1h", "Sitz bath TID", "Reposition q2h", "Accuchecks AC and HS"]
)
def test_a_name_with_only_a_schedule_is_no_unknown_drug(
    extractor: RulesExtractor, text: str
) -> None:
    assert meds(extractor.read(text)) == []


def test_an_ingredient_word_with_only_a_schedule_is_still_a_drug(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("alendronate q wk"))
    assert med.medication.text == "alendronate"


@pytest.mark.parametrize(
    "text",
    [
        "vancomycin 1 g IV q12h, do not exceed 4 g heparin per day",
        "vancomycin 1 g IV q12h, may alternate with heparin",
        "avoid alcohol while on heparin",
        "vancomycin 1 g IV q12h; linezolid 600 mg IV q12h if heparin ineffective",
    ],
)
def test_a_drug_named_inside_another_orders_instructions_is_no_order(
    extractor: RulesExtractor, text: str
) -> None:
    assert "heparin" not in [m.medication.text for m in meds(extractor.read(text))]


def test_release_words_belong_to_the_drug_not_to_a_test(shipped: RulesExtractor) -> None:
    e = shipped.read("Oxycodone CR 20 mg PO q12h")
    (med,) = meds(e)
    assert med.medication.text.lower().startswith("oxycodone")
    assert med.dosages[0].dose is not None
    assert med.dosages[0].dose.value == 20
    assert services(e) == []


@pytest.mark.parametrize(
    ("text", "drug", "dose"),
    [
        ("Magnesium sulfate 2 g IV over 2 hours once", "Magnesium sulfate", 2),
        ("Potassium phosphate 15 mmol IV over 4 hours", "Potassium phosphate", 15),
    ],
)
def test_a_salt_named_like_a_test_is_a_drug_when_a_dose_follows(
    shipped: RulesExtractor, text: str, drug: str, dose: float
) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    assert med.medication.text == drug
    assert med.dosages[0].dose is not None
    assert med.dosages[0].dose.value == dose
    assert services(e) == []


def test_a_numbered_formulation_is_not_read_as_the_plain_drug(shipped: RulesExtractor) -> None:
    e = shipped.read("Tylenol #3 1 tab PO q4h prn pain")
    assert meds(e) == []
    assert any("numbered formulation" in u.reason for u in e.unparsed)


def test_intrathecal_is_a_coded_route(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("Methotrexate 12 mg intrathecal once"))
    route = med.dosages[0].route
    assert route is not None
    assert route.text == "intrathecal"
    assert route.coded


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("If BP > 180 systolic, give labetalol 10 mg IV", "BP > 180 systolic"),
        ("In case of anaphylaxis, give epinephrine 0.3 mg IM", "anaphylaxis"),
        # no comma before the verb, and a test's result after the drug
        ("if no BM in 48 h give bisacodyl 10 mg PR", "no BM in 48 h"),
        ("in case of anaphylaxis give epinephrine 0.3 mg IM", "anaphylaxis"),
        ("if INR < 2 increase warfarin to 7.5 mg daily", "INR < 2"),
        ("Start heparin if CT negative for bleed", "CT negative for bleed"),
    ],
)
def test_an_order_given_on_a_condition_is_as_needed_for_it(
    shipped: RulesExtractor, text: str, condition: str
) -> None:
    (med,) = meds(shipped.read(text))
    d = med.dosages[0]
    assert d.as_needed
    assert d.as_needed_reason is not None
    assert d.as_needed_reason.text == condition
    assert med.indication is None


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("insulin lispro 4 units SC if BG > 200", "BG > 200"),
        ("Lasix 40 mg IV when SBP > 100", "SBP > 100"),
        ("magnesium sulfate 2 g IV if Mg < 2", "Mg < 2"),
        ("give ceftriaxone 1 g IV if cultures positive", "cultures positive"),
        ("if SBP >= 160 give hydralazine 10 mg IV", "SBP >= 160"),
        # the test in the condition stays in the drug's dosage (and is itself no order)
        ("potassium chloride 20 mEq PO x1 if K < 3.5", "K < 3.5"),
    ],
)
def test_a_measured_condition_after_the_dose_makes_it_as_needed(
    shipped: RulesExtractor, text: str, condition: str
) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    d = med.dosages[0]
    assert d.as_needed
    assert d.as_needed_reason is not None
    assert d.as_needed_reason.text == condition
    assert services(e) == []


@pytest.mark.parametrize(
    "text",
    [
        "metoprolol 25 mg PO BID, hold if HR < 60",
        "lisinopril 10 mg daily, do not give if SBP < 100",
        "hydralazine 10 mg IV q6h, call MD if SBP > 180",
        # a condition inside brackets is the bracketed dosing's
        "pip-tazo 4.5 g IV q6h (3.375 g q8h if CrCl < 20)",
    ],
)
def test_a_condition_of_another_instruction_is_no_precondition(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    (med,) = meds(e)
    assert not med.dosages[0].as_needed
    assert any(" < " in u.text or " > " in u.text for u in e.unparsed)  # kept, and reported


def test_a_condition_beside_a_prn_reason_is_reported(shipped: RulesExtractor) -> None:
    e = shipped.read("Tylenol 650 mg PO q6h prn fever if temp > 38.5")
    (med,) = meds(e)
    reason = med.dosages[0].as_needed_reason
    assert reason is not None
    assert reason.text == "fever"
    assert any(u.text == "if temp > 38.5" for u in e.unparsed)


def test_an_indication_before_the_drug_is_no_condition(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("For DVT prophylaxis, heparin 5000 units sc q8h"))
    assert not med.dosages[0].as_needed


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Patient asking whether she can take Benadryl for sleep", "request"),
        ("Patient requesting refill of Xanax 0.5 mg", "request"),
        ("Home meds: lisinopril 20 mg daily, atorvastatin 40 mg qhs", "home medications"),
        ("Med rec: metformin 500 mg bid", "home medications"),
    ],
)
def test_questions_requests_and_medication_lists_order_nothing(
    shipped: RulesExtractor, text: str, reason: str
) -> None:
    e = shipped.read(text)
    assert meds(e) == []
    assert any(reason in u.reason for u in e.unparsed)


@pytest.mark.parametrize("text", ["Plan to start insulin if A1c > 9", "Sodium 135 this morning"])
def test_a_test_in_a_condition_or_with_its_result_is_no_order(
    shipped: RulesExtractor, text: str
) -> None:
    assert services(shipped.read(text)) == []


def test_items_split_by_semicolons_stay_under_their_heading(extractor: RulesExtractor) -> None:
    e = extractor.read("Meds on admission: aspirin 81 mg daily; metformin 500 mg BID")
    assert meds(e) == []
    (med,) = meds(extractor.read("Home meds: aspirin 81 mg daily; start metformin 500 mg BID"))
    assert med.medication.text == "metformin"


def test_benefit_from_a_trial_is_a_proposal(extractor: RulesExtractor) -> None:
    from nlfhir.domain.orders import OrderIntent

    (med,) = meds(extractor.read("Patient would benefit from a trial of metformin 500 mg daily"))
    assert med.intent is OrderIntent.PROPOSAL


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Denies allergy to penicillin", "negated allergy"),
        ("Not allergic to sulfa", "negated allergy"),
        ("vancomycin 1 g IV q12h - no penicillin allergy", "negated allergy"),
        ("Penicillin allergy removed after negative skin testing", "uncertain or removed"),
        ("Possible penicillin allergy?", "uncertain or removed"),
    ],
)
def test_negated_or_uncertain_allergies_are_not_recorded(
    extractor: RulesExtractor, text: str, reason: str
) -> None:
    e = extractor.read(text)
    assert [o for o in e.orders if isinstance(o, AllergyStatement)] == []
    assert any(reason in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "allergen"),
    [
        ("Dust mite allergy", "Dust mite"),
        ("Anaphylaxis to ceftriaxone 1 g IV in 2019", "ceftriaxone"),
        ("Pt has a penicillin allergy", "penicillin"),
        # a reaction stated with its cause
        ("Developed angioedema on lisinopril 10 mg daily", "lisinopril"),
        ("Hives after vancomycin 1 g IV last admission", "vancomycin"),
        ("Stevens-Johnson syndrome from heparin in 2015", "heparin"),
        ("Penicillin - anaphylaxis", "Penicillin"),
    ],
)
def test_the_allergen_is_the_substance_only(
    extractor: RulesExtractor, text: str, allergen: str
) -> None:
    e = extractor.read(text)
    assert [o.substance.text for o in e.orders if isinstance(o, AllergyStatement)] == [allergen]


def test_for_allergies_is_an_indication_not_an_allergy(extractor: RulesExtractor) -> None:
    e = extractor.read("heparin 5000 units sc daily for allergies")
    assert [o for o in e.orders if isinstance(o, AllergyStatement)] == []


def test_a_product_line_then_its_dosage_is_one_dosage(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("metoprolol 25 mg tablet, take 2 tablets po bid"))
    (dosage,) = med.dosages
    assert dosage.dose is not None
    assert (dosage.dose.value, dosage.dose.unit) == (2, "tab")


def test_a_device_word_is_no_drug(extractor: RulesExtractor) -> None:
    found = [m.medication.text for m in meds(extractor.read("heparin auto-injector 5000 units SC"))]
    assert found == ["heparin"]


@pytest.mark.parametrize(
    ("text", "drug"),
    [
        ("hydrocodone/acetaminophen 5/325 mg 1 tab po q6h prn pain", "hydrocodone/acetaminophen"),
        ("Budesonide/formoterol 160/4.5 mcg 2 puffs BID", "Budesonide/formoterol"),
    ],
)
def test_drugs_joined_by_a_slash_are_one_combination(
    shipped: RulesExtractor, text: str, drug: str
) -> None:
    (med,) = meds(shipped.read(text))
    assert med.medication.text == drug
    assert not med.medication.coded  # an ingredient's code does not name the combination


def test_salt_and_release_words_stay_in_the_drug_text(shipped: RulesExtractor) -> None:
    (med,) = meds(shipped.read("Metoprolol succinate ER 50 mg daily"))
    assert med.medication.text == "Metoprolol succinate ER"
    assert med.medication.coded  # coded by its ingredient


@pytest.mark.parametrize(
    "text",
    [
        "Continue heparin 5000 units SC q8h at home",
        "Discharge: take aspirin 81 mg PO daily at home x 7 days",
        "Give vancomycin 1 g IV now, to be given before transfer",
        "vancomycin 1 g IV daily, first dose given in ED, continue daily",
        "vancomycin 1 g IV q12h until course completed",
        "heparin 5000 units SC q8h (held this AM for low platelets, resume tonight)",
        "Start heparin 5000 units SC q8h (?PE)",
        "Does the patient need heparin? Start heparin 5000 units SC q8h",
        "Patient requests pain medication: give aspirin 650 mg PO once",
        "Discussed with patient and started aspirin 81 mg PO daily",
    ],
)
def test_an_order_with_a_status_word_question_or_request_nearby_is_still_an_order(
    extractor: RulesExtractor, text: str
) -> None:
    assert len(meds(extractor.read(text))) == 1


def test_no_known_allergies_is_a_whole_list_denial(extractor: RulesExtractor) -> None:
    assert extractor.read("NKDA").no_known_allergies
    assert not extractor.read("Denies allergy to penicillin").no_known_allergies
    assert not extractor.read("Allergy list reviewed: NKDA except iodine").no_known_allergies


def test_an_allergy_stays_certain_past_a_later_clause(extractor: RulesExtractor) -> None:
    e = extractor.read("Allergy to codeine - tolerated morphine 2 mg IV given in ED")
    assert [o.substance.text for o in e.orders if isinstance(o, AllergyStatement)] == ["codeine"]
    assert meds(e) == []


def test_a_dosage_no_rule_could_read_says_so(shipped: RulesExtractor) -> None:
    e = shipped.read("Insulin lispro sliding scale: BG 150-200 give 2 units")
    assert meds(e) == []
    assert any("no rule could read" in u.reason for u in e.unparsed)


@pytest.mark.parametrize(
    "text",
    [
        "Will start patient on heparin 5000 units SC q8h",
        "Treat nausea with heparin 5000 units SC q8h",  # a symptom "with" a drug, then an order
        "Maintain MAP > 65 on vancomycin 1 g IV q12h",  # a goal, not a result
        "vancomycin 1 g IV q24h, first dose given in ED",
        "heparin 5000 units SC q8h (held for platelets < 50)",
        "Change heparin to 7500 units SC q8h",  # a new dose of the same drug
        "vancomycin for opioid overdose: 1 g IV once",  # "for ...": an indication, not a finding
        "If no BM give heparin 5000 units SC once",  # the negation is the condition's
        "Request: heparin 5000 units SC q8h",
        "Give up to 2 mg heparin IV once",
        "PMH: DM2 - start metformin 500 mg PO BID",
        "D/C on aspirin 81 mg PO daily",  # discharge on
        "To be treated with vancomycin 1 g IV q12h",
        "Vancomycin per pharmacy",
    ],
)
def test_report_rules_do_not_suppress_a_real_order(extractor: RulesExtractor, text: str) -> None:
    assert len(meds(extractor.read(text))) == 1


def test_a_switch_of_route_reads_the_new_route(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Switch IV heparin to SC 5000 units q8h"))
    route = med.dosages[0].route
    assert route is not None
    assert route.text == "subcutaneous"


@pytest.mark.parametrize("text", ["Do not take aspirin", "never give heparin"])
def test_a_negated_verb_still_negates(extractor: RulesExtractor, text: str) -> None:
    assert meds(extractor.read(text)) == []


def test_a_drug_that_treats_a_reaction_is_no_allergen(extractor: RulesExtractor) -> None:
    e = extractor.read("Treat hives with heparin 5000 units SC q8h")
    assert [m.medication.text for m in meds(e)] == ["heparin"]
    assert [o for o in e.orders if isinstance(o, AllergyStatement)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Penicillin allergy: give vancomycin 1 g IV q12h",
        "Penicillin allergy: vancomycin 1 g IV q12h instead",
    ],
)
def test_the_drug_given_instead_is_ordered_never_an_allergen(
    extractor: RulesExtractor, text: str
) -> None:
    e = extractor.read(text)
    assert [o.substance.text for o in e.orders if isinstance(o, AllergyStatement)] == ["Penicillin"]
    assert [m.medication.text for m in meds(e)] == ["vancomycin"]


@pytest.mark.parametrize(
    ("text", "name", "dose"),
    [
        ("Vitamin K 10 mg IV once", "Vitamin K", 10),  # "K" alone is potassium's test
        ("Give vitamin K 2.5 mg PO once", "vitamin K", 2.5),  # "K 2.5" is no "K2"
        ("vitamin K1 1 mg IM", "vitamin K1", 1),
        ("Vitamin B-12 1000 mcg IM monthly", "Vitamin B-12", 1000),
        ("Vitamin D3 50000 units PO weekly", "Vitamin D3", 50000),
        ("vitamin C 500 mg daily", "vitamin C", 500),
    ],
)
def test_a_vitamin_named_by_its_letter_is_one_drug(
    extractor: RulesExtractor, text: str, name: str, dose: float
) -> None:
    (med,) = meds(extractor.read(text))
    assert med.medication.text == name
    (d,) = med.dosages
    assert d.dose is not None
    assert d.dose.value == dose


@pytest.mark.parametrize(
    "text",
    [
        "If pain persists may increase gabapentin to 600 mg TID",
        "can decrease metoprolol to 12.5 mg BID if HR < 55",
        "May titrate dose of insulin glargine by 2 units every 3 days",
        "gabapentin may be increased to 600 mg TID if needed",
    ],
)
def test_leave_to_change_a_dose_later_orders_nothing(extractor: RulesExtractor, text: str) -> None:
    e = extractor.read(text)
    assert meds(e) == []
    assert e.unparsed


def test_a_dose_change_ordered_now_is_the_new_dose(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Increase gabapentin to 600 mg TID"))
    (d,) = med.dosages
    assert d.dose is not None
    assert d.dose.value == 600


def test_a_second_amount_after_and_is_a_second_dosage(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Furosemide 40 mg IV now and 40 mg PO in AM"))
    now, later = med.dosages
    assert now.route is not None
    assert now.route.text == "intravenous"
    assert now.timing.count == 1
    assert later.route is not None
    assert later.route.text == "oral"
    assert later.timing.when == ("MORN",)
    (med,) = meds(extractor.read("Prednisone 1 tab in AM and 2 tabs at bedtime"))
    am, hs = med.dosages
    assert am.dose is not None
    assert hs.dose is not None
    assert (am.dose.value, hs.dose.value) == (1, 2)
    assert hs.timing.when == ("HS",)


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Metoprolol 1/2 tab PO BID", 0.5),
        ("Take 1/2 tablet of lisinopril 10 mg daily", 0.5),
        ("Metoprolol 25 mg 3/4 tab PO BID", 0.75),
        # a mixed number keeps its whole part
        ("levothyroxine 2 1/2 tablets PO daily", 2.5),
        ("metoprolol 1 1/2 tab BID", 1.5),
        ("warfarin 1-1/2 tabs tonight", 1.5),
    ],
)
def test_a_part_of_a_tablet_is_the_dose(
    extractor: RulesExtractor, text: str, amount: float
) -> None:
    (med,) = meds(extractor.read(text))
    (d,) = med.dosages
    assert d.dose is not None
    assert d.dose.value == amount


@pytest.mark.parametrize(
    ("text", "reaction"),
    [
        ("Allergies: penicillin (rash), codeine (nausea)", "rash"),
        ("Allergies: penicillin (throat swelling and hives)", "throat swelling and hives"),
        ("anaphylaxis to ceftriaxone", "anaphylaxis"),
        ("developed angioedema on lisinopril", "angioedema"),
        ("Penicillin - anaphylaxis", "anaphylaxis"),
        ("hives after taking amoxicillin", "hives"),
    ],
)
def test_an_allergy_keeps_its_stated_reaction(
    extractor: RulesExtractor, text: str, reaction: str
) -> None:
    first = next(o for o in extractor.read(text).orders if isinstance(o, AllergyStatement))
    assert first.reaction is not None
    assert first.reaction.text == reaction


@pytest.mark.parametrize("text", ["Allergies: sulfa (2019)", "Allergies: PCN (per mom)"])
def test_a_note_that_names_no_reaction_is_no_reaction(extractor: RulesExtractor, text: str) -> None:
    (allergy,) = extractor.read(text).orders
    assert isinstance(allergy, AllergyStatement)
    assert allergy.reaction is None


@pytest.mark.parametrize(
    "text",
    [
        "insulin lispro 5 units if BG 200-250 and 8 units if BG > 250",  # a sliding scale's tiers
        "insulin lispro 5 units if BG 200-250, 8 units if BG > 250",
        "Tylenol 1 g PO and 650 mg PR",  # alternatives
        "metoprolol 5 mg and 10 mg tablets",  # strengths on hand
        "Keppra 500 mg BID and 1000 mg BID starting day 3",  # a step up
        "Lasix 20 mg IV now and 20 mg IV in 6 hrs",
        "warfarin 5 mg Mon Wed Fri, 2.5 mg other days",
        "morphine 2 mg IV q2h prn and 4 mg for severe pain",
    ],
)
def test_doses_side_by_side_that_are_no_one_schedule_order_nothing(
    extractor: RulesExtractor, text: str
) -> None:
    e = extractor.read(text)
    assert meds(e) == []
    # a tier's own condition ("if BG 200-250") is a gate no rule structures: reported as such
    assert any("side by side" in u.reason or "ordered only if" in u.reason for u in e.unparsed)


def test_steps_that_each_last_a_while_are_a_taper_in_sequence(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("prednisone 20 mg daily for 3 days, 10 mg daily for 3 days"))
    first, second = med.dosages
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.dose is not None
    assert second.dose is not None
    assert (first.dose.value, second.dose.value) == (20, 10)


@pytest.mark.parametrize(
    "text",
    [
        "no history of anaphylaxis to contrast",
        "rule out anaphylaxis to ceftriaxone",
        "monitor for anaphylaxis to iron dextran",
        "sister had anaphylaxis to penicillin",
        "family hx of SJS from carbamazepine",
        "mother allergic to penicillin",
    ],
)
def test_a_feared_or_another_persons_reaction_is_no_allergy(
    extractor: RulesExtractor, text: str
) -> None:
    e = extractor.read(text)
    assert not [o for o in e.orders if isinstance(o, AllergyStatement)]
    assert e.unparsed


def test_the_drug_that_treats_anaphylaxis_is_ordered_not_an_allergen(
    extractor: RulesExtractor,
) -> None:
    e = extractor.read("treat anaphylaxis with epinephrine 0.5 mg IM")
    assert not [o for o in e.orders if isinstance(o, AllergyStatement)]
    (med,) = meds(e)
    assert med.medication.text == "epinephrine"


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: penicillin (not true allergy - GI upset)",
        "Allergies: PCN (hives as child; tolerated amoxicillin 2020)",
    ],
)
def test_a_note_with_more_than_reactions_is_no_reaction(
    extractor: RulesExtractor, text: str
) -> None:
    (allergy,) = extractor.read(text).orders
    assert isinstance(allergy, AllergyStatement)
    assert allergy.reaction is None


def test_abbreviated_vitamins_and_plans_to_change(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Vit K 5 mg PO daily x 3 days"))
    assert med.medication.text == "Vit K"
    assert meds(extractor.read("may need to increase metoprolol to 50 mg BID")) == []
    assert meds(extractor.read("If tolerating, may advance to amlodipine 10 mg daily")) == []


@pytest.mark.parametrize(
    ("text", "dose"),
    [
        ("increase lisinopril 10 mg to 20 mg daily", 20),  # the dose changed from is not read
        ("Change metoprolol 25 mg to 50 mg BID", 50),
        ("Decrease prednisone from 20 mg to 10 mg daily", 10),
    ],
)
def test_a_dose_change_orders_the_new_dose(
    extractor: RulesExtractor, text: str, dose: float
) -> None:
    e = extractor.read(text)
    (med,) = meds(e)
    (d,) = med.dosages
    assert d.dose is not None
    assert d.dose.value == dose
    assert e.unparsed  # the dose changed from is reported, not dropped


@pytest.mark.parametrize(
    "text",
    ["increase insulin glargine by 2 units daily until FBG < 130", "increase metoprolol by 25 mg"],
)
def test_a_change_by_an_amount_states_no_dose(extractor: RulesExtractor, text: str) -> None:
    e = extractor.read(text)
    assert meds(e) == []
    assert any("by an amount" in u.reason for u in e.unparsed)


def test_a_range_with_its_unit_written_twice(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Morphine 2 mg to 4 mg IV q2h prn pain"))
    (d,) = med.dosages
    assert d.dose_range is not None
    assert (d.dose_range.low.value, d.dose_range.high.value) == (2, 4)


@pytest.mark.parametrize(
    "text", ["on metoprolol 25 mg daily at home", "metoprolol 25 mg daily at home"]
)
def test_a_dose_taken_at_home_is_a_report(extractor: RulesExtractor, text: str) -> None:
    e = extractor.read(text)
    assert meds(e) == []
    assert e.unparsed


def test_an_ordering_verb_keeps_a_home_dose_ordered(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Continue metoprolol 25 mg daily as at home"))
    assert med.dosages[0].dose is not None


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Please consult cardiology", ["Referral to cardiology"]),
        ("Consult cardiology for new AFib", ["Referral to cardiology"]),
        ("Refer to social work", ["Referral to social work"]),
        ("Order PT/OT eval", ["Referral to physical therapy", "Referral to occupational therapy"]),
        (
            "Refer to PT and OT",
            ["Referral to physical therapy", "Referral to occupational therapy"],
        ),
    ],
)
def test_a_referral_names_its_service(
    extractor: RulesExtractor, text: str, labels: list[str]
) -> None:
    assert [s.code.text for s in services(extractor.read(text))] == labels


def test_c_diff_is_no_blood_differential_and_no_meal_time(extractor: RulesExtractor) -> None:
    assert services(extractor.read("Order stool culture and C diff")) == []
    (med,) = meds(extractor.read("Metronidazole 500 mg PO TID for ?C diff"))
    assert med.dosages[0].timing.when == ()


def test_an_unknown_order_after_a_drug_is_no_part_of_its_dosage(extractor: RulesExtractor) -> None:
    e = extractor.read("Start acetaminophen 650 mg PO q6h PRN pain, order x-ray left ankle")
    (med,) = meds(e)
    (d,) = med.dosages
    assert d.site is None  # the ankle is the x-ray's, never the drug's site
    assert any(u.text == "order x-ray left ankle" for u in e.unparsed)


def test_a_step_before_then_is_reported_not_read_as_the_drug_s(extractor: RulesExtractor) -> None:
    e = extractor.read("Order blood cultures x2 stat then start ceftriaxone 2 g IV daily")
    (med,) = meds(e)
    (d,) = med.dosages
    assert d.timing.count is None  # "x2" was the cultures'
    assert med.priority is None  # and so was "stat"
    assert any("blood cultures" in u.text for u in e.unparsed)


@pytest.mark.parametrize(
    ("text", "written", "tables_name"),
    [
        (
            "Order CT abdomen/pelvis with IV contrast",
            "CT abdomen/pelvis with IV contrast",
            "ct abdomen and pelvis with contrast",
        ),
        ("Order CT head w/o contrast", "CT head w/o contrast", "ct head without contrast"),
        ("Order noncontrast CT head", "noncontrast CT head", "ct head without contrast"),
        (
            "Order MRI brain w/ and w/o contrast",
            "MRI brain w/ and w/o contrast",
            "mri brain with and without contrast",
        ),
    ],
)
def test_an_imaging_study_keeps_its_region_and_contrast(
    text: str, written: str, tables_name: str
) -> None:
    from nlfhir.adapters.terminology import TableTerminology

    tables = TableTerminology()
    (svc,) = services(RulesExtractor(tables).read(text))
    assert svc.code.text == written
    expected = tables.procedure(tables_name)
    assert expected is not None
    assert svc.code.codings == expected.codings  # the study with its contrast, not the bare name


def test_a_premixed_insulin_is_not_its_rapid_acting_brand() -> None:
    from nlfhir.adapters.terminology import TableTerminology

    x = RulesExtractor(TableTerminology())
    (med,) = meds(x.read("Novolog mix 70/30 10 units SC BID"))
    assert med.medication.text == "Novolog mix 70/30"
    assert med.medication.codings == ()  # aspart's code would name the wrong insulin
    (med,) = meds(x.read("Insulin 70/30 20 units SC BID before meals"))
    assert med.medication.text == "Insulin 70/30"
    (med,) = meds(x.read("Norco 5/325 1 tab q6h prn pain"))
    assert "5/325" not in med.medication.text  # a strength after another drug is no mix


def test_the_dose_after_an_arrow_is_the_new_dose(extractor: RulesExtractor) -> None:
    e = extractor.read("Changed: furosemide 40 mg daily -> 20 mg daily")
    (med,) = meds(e)
    assert med.dosages[0].dose is not None
    assert med.dosages[0].dose.value == 20
    assert any("40 mg" in u.text for u in e.unparsed)


@pytest.mark.parametrize(
    "text",
    [
        "acetaminophen 650 mg alternating with ibuprofen 400 mg every 3 hours as needed",
        "Give acetaminophen 650 mg and ibuprofen 400 mg PO q6h alternating prn fever",
    ],
)
def test_drugs_given_alternately_on_one_interval_order_nothing(
    extractor: RulesExtractor, text: str
) -> None:
    e = extractor.read(text)
    assert meds(e) == []
    assert any("alternately" in u.reason for u in e.unparsed)


def test_a_drug_with_its_own_schedule_before_an_alternation_is_ordered(
    extractor: RulesExtractor,
) -> None:
    (med,) = meds(extractor.read("Ibuprofen 400 mg PO q6h prn pain, may alternate with aspirin"))
    assert med.dosages[0].timing.period == 6


@pytest.mark.parametrize(
    "text",
    [
        "Warfarin 2.5 mg daily except 5 mg on Mondays and Thursdays",
        "warfarin 5 mg daily except Tuesdays 2.5 mg",
    ],
)
def test_a_dose_with_another_on_some_days_is_not_ordered(
    extractor: RulesExtractor, text: str
) -> None:
    assert meds(extractor.read(text)) == []


def test_a_half_tablet_after_and_is_its_own_dosage(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Metoprolol 50 mg tablet - take 1 tablet in AM and 1/2 tablet HS"))
    am, hs = med.dosages
    assert am.dose is not None
    assert hs.dose is not None
    assert (am.dose.value, hs.dose.value) == (1, 0.5)


def test_x1_is_one_dose_and_prn_allergies_no_allergy(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Give furosemide 40 mg IV x1 for edema"))
    assert med.dosages[0].timing.count == 1
    e = extractor.read("ibuprofen 400 mg PO daily prn allergies")
    assert not [o for o in e.orders if isinstance(o, AllergyStatement)]


def test_more_medication_phrasings() -> None:
    from nlfhir.adapters.terminology import TableTerminology

    x = RulesExtractor(TableTerminology())
    (med,) = meds(x.read("silver sulfadiazine 1% cream apply BID"))
    assert med.medication.text == "silver sulfadiazine"  # never coded as systemic sulfadiazine
    (med,) = meds(x.read("Hydrocortisone 2.5% cream apply BID for up to 14 days"))
    assert med.dosages[0].timing.bounds_duration is not None
    assert med.dosages[0].timing.bounds_duration.value == 14
    (med,) = meds(x.read("dexamethasone 4 mg PO q6h, taper over 1 week"))
    assert med.dosages[0].timing.duration is None  # the taper's length, not each dose's
    (med,) = meds(
        x.read(
            "Sertraline 50 mg tablet - take 1 tablet daily for 7 days then increase "
            "to 2 tablets daily"
        )
    )
    assert [d.dose.value if d.dose else None for d in med.dosages] == [1, 2]
    (med,) = meds(x.read("ferrous sulfate 325 mg (65 mg elemental iron) PO TID"))
    assert med.dosages[0].timing.frequency == 3  # the iron in parentheses is no test
    assert services(x.read("ferrous sulfate 325 mg (65 mg elemental iron) PO TID")) == []
    (med,) = meds(x.read("adalimumab 40 mg SC every other week"))
    assert (med.dosages[0].timing.period, med.dosages[0].timing.period_unit) == (2, TimeUnit.WEEK)
    (med,) = meds(x.read("pip/tazo 3.375 g IV q8h"))
    assert med.medication.text == "pip/tazo"
    (med,) = meds(x.read("Take one-half tablet of lisinopril 10 mg daily"))
    assert med.dosages[0].dose is not None
    assert med.dosages[0].dose.value == 0.5


def test_a_second_drug_in_the_dosage_words_is_reported_not_dropped() -> None:
    from nlfhir.adapters.terminology import TableTerminology

    x = RulesExtractor(TableTerminology())
    e = x.read("Amoxicillin 875 mg-clavulanate 125 mg tablet PO BID")
    assert meds(e) == []  # amoxicillin alone would be the wrong product
    assert any("another drug" in u.reason for u in e.unparsed)
    e = x.read("Zofran 4 mg IV now for nausea, patient allergic to Phenergan.")
    assert len(meds(e)) == 1  # an allergen named after it is no second drug


@pytest.mark.parametrize(
    "text",
    [
        "Hold aspirin and warfarin x 48h per neurosurg",  # the hold covers the list
        "was given ketorolac 30 mg IV and ondansetron 4 mg IV",
        "ED course: given 1 L NS bolus, acetaminophen 650 mg PO, and ondansetron 4 mg IV",
        "furosemide 40 mg IV x1 - cancel, pt hypotensive",
    ],
)
def test_a_report_or_stop_covers_the_drugs_listed_with_it(
    extractor: RulesExtractor, text: str
) -> None:
    assert meds(extractor.read(text)) == []


def test_an_ordering_verb_between_listed_drugs_orders_the_next(extractor: RulesExtractor) -> None:
    (med,) = meds(extractor.read("Hold metoprolol, start lisinopril 10 mg daily"))
    assert med.medication.text == "lisinopril"


def test_words_before_a_comma_or_heading_are_not_the_next_drug_s(extractor: RulesExtractor) -> None:
    e = extractor.read("senna 8.6 mg 2 tabs qhs, metformin 500 mg BID")
    (med,) = meds(e)
    assert med.dosages[0].dose is not None
    assert med.dosages[0].dose.value == 500  # never senna's 2 tabs at bedtime
    assert med.dosages[0].timing.when == ()
    assert any("senna" in u.text for u in e.unparsed)
    (med,) = meds(extractor.read("Change all PO meds to IV: metoprolol 5 mg IV q6h"))
    assert med.dosages[0].route is not None
    assert med.dosages[0].route.text == "intravenous"


@pytest.mark.parametrize(
    ("text", "allergens"),
    [
        ("Allergies: none known.", []),
        ("allergy to shellfish, not iodine", ["shellfish"]),
        ("allergic to amoxicillin as a child", ["amoxicillin"]),
        ("hives after eating shrimp", ["shrimp"]),
    ],
)
def test_allergen_names_hold_the_substance_only(
    extractor: RulesExtractor, text: str, allergens: list[str]
) -> None:
    got = [o.substance.text for o in extractor.read(text).orders if isinstance(o, AllergyStatement)]
    assert got == allergens
