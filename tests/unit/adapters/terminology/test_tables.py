"""Terminology tables: real names code, unknown names stay uncoded, every code has a source."""

from __future__ import annotations

import pytest

from nlfhir.adapters.terminology import TableTerminology
from nlfhir.ports.terminology import NameKind

pytestmark = pytest.mark.unit
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"


@pytest.fixture(scope="module")
def t() -> TableTerminology:
    tables = TableTerminology()
    tables.load()
    return tables


def codes(concept: object) -> list[tuple[str, str]]:
    return [(c.system, c.code) for c in getattr(concept, "codings", ())]


def test_ingredient_and_brand(t: TableTerminology) -> None:
    metformin = t.medication("Metformin")
    assert metformin is not None
    assert metformin.text == "Metformin"
    assert codes(metformin)[0][0] == RXNORM
    lipitor = t.medication("Lipitor")
    assert lipitor is not None
    assert lipitor.codings[0].display == "atorvastatin"


def test_clinical_drug_only_when_strength_and_form_match(t: TableTerminology) -> None:
    with_form = t.medication("amoxicillin", strength="500 mg", form="capsule")
    assert with_form is not None
    assert any("500 MG Oral Capsule" in (c.display or "") for c in with_form.codings)
    without = t.medication("amoxicillin")
    assert without is not None
    assert not any("500 MG" in (c.display or "") for c in without.codings)


def test_known_name_without_an_ingredient_code_stays_uncoded(t: TableTerminology) -> None:
    prednisone = t.medication("prednisone")
    assert prednisone is not None
    assert not prednisone.coded


def test_unknown_names_are_none(t: TableTerminology) -> None:
    assert t.medication("zorblaxumab") is None
    assert t.lab("frobnicate panel") is None
    assert t.condition("made-up syndrome") is None
    assert t.route("through the ears of a cat") is None
    assert t.unit("furlong") is None


@pytest.mark.parametrize(
    ("name", "code"),
    [("po", "26643006"), ("iv", "47625008"), ("oral", "26643006"), ("intravenous", "47625008")],
)
def test_routes(t: TableTerminology, name: str, code: str) -> None:
    r = t.route(name)
    assert r is not None
    assert codes(r) == [("http://snomed.info/sct", code)]


@pytest.mark.parametrize(
    ("name", "code"),
    [("mg", "mg"), ("mcg", "ug"), ("ml", "mL"), ("tab", "{tbl}"), ("drop", "[drp]")],
)
def test_units(t: TableTerminology, name: str, code: str) -> None:
    u = t.unit(name)
    assert u is not None
    assert (u.system, u.code) == ("http://unitsofmeasure.org", code)


def test_labs_imaging_procedures_conditions(t: TableTerminology) -> None:
    for concept in (
        t.lab("CBC"),
        t.lab("bmp"),
        t.lab("HbA1c"),
        t.procedure("chest x-ray"),
        t.procedure("ECG"),
        t.condition("otitis media"),
    ):
        assert concept is not None
        assert concept.coded


def test_known_names_per_kind(t: TableTerminology) -> None:
    assert "metformin" in t.known_names(NameKind.MEDICATION)
    assert "lipitor" in t.known_names(NameKind.MEDICATION)
    assert "cbc" in t.known_names(NameKind.LAB)
    for kind in NameKind:
        assert t.known_names(kind)


def test_every_code_has_a_recorded_source(t: TableTerminology) -> None:
    for concept in (
        t.medication("metformin"),
        t.lab("cbc"),
        t.route("po"),
        t.condition("otitis media"),
        t.procedure("ecg"),
    ):
        assert concept is not None
        for c in concept.codings:
            assert t.source_of(c.system, c.code)


def _loinc_ok(code: str) -> bool:
    body, check = code.split("-")
    digits = [int(d) for d in body]
    total = 0
    for i, d in enumerate(reversed(digits)):
        doubled = d * 2 if i % 2 == 0 else d
        total += doubled // 10 + doubled % 10
    return (10 - total % 10) % 10 == int(check)


def test_loinc_codes_pass_their_check_digit(t: TableTerminology) -> None:
    for name in ("cbc", "bmp", "hba1c", "tsh", "inr"):
        concept = t.lab(name)
        assert concept is not None
        assert _loinc_ok(concept.codings[0].code)


@pytest.mark.parametrize(
    ("brand", "text"),
    [
        ("Vicodin", "Vicodin (acetaminophen / hydrocodone)"),
        ("Myleran", "Myleran (busulfan)"),
        ("Tylenol PM", "Tylenol PM (acetaminophen / diphenhydramine)"),
        ("Lantus", "Lantus (insulin glargine)"),
        ("Timoptic", "Timoptic (timolol)"),
        ("Protonix", "Protonix (pantoprazole)"),  # listed only as "Protonix I.V." and "... DR"
        ("Flonase", "Flonase (fluticasone)"),
    ],
)
def test_fda_brands_name_their_ingredients(t: TableTerminology, brand: str, text: str) -> None:
    found = t.medication(brand)
    assert found is not None
    assert found.text == text
    source = t.brand_source(brand)
    assert source is not None
    assert "FDA National Drug Code Directory" in source
    assert "PRODUCTNDC" in source


def test_a_single_ingredient_brand_is_coded_by_its_ingredient(t: TableTerminology) -> None:
    lasix = t.medication("Lasix")
    assert lasix is not None
    assert lasix.text == "Lasix (furosemide)"
    assert [c.display for c in lasix.codings] == ["furosemide"]
    assert t.source_of(RXNORM, lasix.codings[0].code) is not None


@pytest.mark.parametrize(
    "name",
    [
        "Motrin",  # listed for ibuprofen and for ibuprofen with diphenhydramine: ambiguous
        "Pain Relief",  # ordinary words: a description, not a name
        "Cold and Allergy",
        "montelukast",  # a generic listed under its own name is no brand
        "Mark",  # a monograph sunscreen naming no drug the tables know (and a person's name)
        # listed brands made only of everyday English words (SCOWL): words, not names
        "Nothing",
        "Hello",
        "Not Applicable",
        "Sonata",
    ],
)
def test_names_that_are_not_brands(t: TableTerminology, name: str) -> None:
    assert t.brand_source(name) is None
