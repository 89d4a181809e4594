"""Allergy statements next to other lines and requests: what the line before an "Allergies:"
heading says is never an allergen, and an allergy asked about is none (fourth audit, issue #3)."""

from __future__ import annotations

import pytest

from nlfhir.adapters.rules import RulesExtractor
from nlfhir.domain.orders import AllergyStatement
from tests.support.extraction import meds, services

pytestmark = pytest.mark.unit


def _allergens(shipped: RulesExtractor, text: str) -> list[str]:
    return [o.substance.text for o in shipped.read(text).orders if isinstance(o, AllergyStatement)]


@pytest.mark.parametrize(
    ("text", "allergens"),
    [
        ("order ECG\nAllergies: penicillin", ["penicillin"]),
        ("Meds: metoprolol, aspirin\nAllergies: PCN", ["PCN"]),
        ("order CT chest with contrast\nAllergies: NKDA", []),
        ("order ECG Allergies: penicillin", ["penicillin"]),
    ],
)
def test_the_line_before_an_allergies_heading_names_no_allergen(
    shipped: RulesExtractor, text: str, allergens: list[str]
) -> None:
    """ "order ECG\\nAllergies: penicillin" recorded an allergy to "order ECG" and lost the ECG."""
    assert _allergens(shipped, text) == allergens


def test_the_order_before_an_allergies_heading_is_kept(shipped: RulesExtractor) -> None:
    (ecg,) = services(shipped.read("order ECG\nAllergies: penicillin"))
    assert ecg.code.text == "ECG"


@pytest.mark.parametrize(
    "text",
    [
        "check for contrast allergy before CT",
        "screen for latex allergy",
        "document allergies",
        "review allergies with patient",
        "denies latex allergy",
    ],
)
def test_an_allergy_asked_about_or_denied_records_none(shipped: RulesExtractor, text: str) -> None:
    assert _allergens(shipped, text) == []


@pytest.mark.parametrize(
    ("text", "allergen"),
    [
        ("penicillin allergy", "penicillin"),
        ("Penicillin allergy: give vancomycin 1 g IV", "Penicillin"),
    ],
)
def test_a_stated_allergy_is_still_recorded(
    shipped: RulesExtractor, text: str, allergen: str
) -> None:
    assert _allergens(shipped, text) == [allergen]
    assert len(meds(shipped.read(text))) == (1 if "vancomycin" in text else 0)
