"""Allergy lists as notes write them: kinds, reactions after a dash, placeholders, and what was
given instead; only substances the text names as the patient's allergens are recorded."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.domain.orders import AllergyStatement, Extraction

pytestmark = pytest.mark.unit


def allergies(e: Extraction) -> list[tuple[str, str | None]]:
    return [
        (o.substance.text, o.reaction.text if o.reaction else None)
        for o in e.orders
        if isinstance(o, AllergyStatement)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Allergic to morphine, gave hydromorphone.", [("morphine", None)]),
        ("Allergies: codeine, takes tramadol.", [("codeine", None)]),
        ("Allergic to penicillin, treated with epinephrine.", [("penicillin", None)]),
        ("Anaphylaxis to peanuts, EpiPen prescribed.", [("peanuts", "Anaphylaxis")]),
        ("Allergic to penicillin given in 2010", [("penicillin", None)]),
        ("Allergies: NKDA except latex.", [("latex", None)]),
        ("NKDA, but shellfish allergy.", [("shellfish", None)]),
        ("Allergies: food - peanuts.", [("peanuts", None)]),
        ("Allergies: Drug - penicillin.", [("penicillin", None)]),
        ("Allergies: Penicillin-rash, Sulfa-hives.", [("Penicillin", "rash"), ("Sulfa", "hives")]),
        (
            "Allergies: penicillin - anaphylaxis; morphine - itching.",
            [("penicillin", "anaphylaxis"), ("morphine", "itching")],
        ),
        ("Allergies: morphine - nausea, vomiting.", [("morphine", "nausea")]),
        ("Allergic reaction to contrast in 2019 (hives)", [("contrast", "hives")]),
    ],
)
def test_only_the_named_allergens_are_recorded(
    shipped: RulesExtractor, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergies(shipped.read(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Allergies: see chart.",
        "Allergies: pending.",
        "Allergies: Pt unsure.",
        "Allergies: unable to obtain.",
        "Allergies: None on file.",
        "Allergies: NKFA.",
    ],
)
def test_a_placeholder_records_no_allergy_and_is_reported(
    shipped: RulesExtractor, text: str
) -> None:
    e = shipped.read(text)
    assert allergies(e) == []
    assert any("no allergen named" in u.reason for u in e.unparsed)


@pytest.mark.parametrize("text", ["Allergies: denies.", "Allergies: none."])
def test_a_denied_list_is_no_known_allergies(shipped: RulesExtractor, text: str) -> None:
    e = shipped.read(text)
    assert allergies(e) == []
    assert e.no_known_allergies


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Allergies: codeine (pt denies)", []),
        ("Allergies: sulfa (rash), PCN (denies)", [("sulfa", "rash")]),
        ("Allergies: NKDA. Previously thought allergic to sulfa, tolerated Bactrim.", []),
        ("Allergic reaction to vancomycin today - hives.", [("vancomycin", None)]),
        ("Allergies: seasonal", []),
        ("Patient states he is allergic to everything.", []),
    ],
)
def test_denied_doubted_and_vague_allergies_are_not_recorded(
    shipped: RulesExtractor, text: str, expected: list[tuple[str, str | None]]
) -> None:
    assert allergies(shipped.read(text)) == expected
