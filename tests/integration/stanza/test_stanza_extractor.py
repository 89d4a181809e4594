"""The Stanza adapter through its port, with the small model trained from our own orders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlfhir.adapters.stanza import StanzaExtractor
from nlfhir.domain.grammar import MentionKind
from nlfhir.domain.orders import MedicationOrder
from nlfhir.ports.terminology import NameKind

pytestmark = [pytest.mark.integration, pytest.mark.requires_stanza]

DATA = Path(__file__).resolve().parents[2] / "data" / "stanza"

# In no training or dev example and in no terminology table (see tools/make_ner_examples.py).
UNSEEN_DRUGS = ("zelvoraxin", "tramipenzole", "quorvastat", "belmitrexan", "dapzolimab")


def test_held_out_drugs_are_in_no_example_and_no_table(terminology: object) -> None:
    from nlfhir.adapters.terminology.tables import TableTerminology

    assert isinstance(terminology, TableTerminology)
    examples = "".join(p.read_text(encoding="utf-8").lower() for p in DATA.glob("*.jsonl"))
    known = terminology.known_names(NameKind.MEDICATION)
    for drug in UNSEEN_DRUGS:
        assert drug not in examples
        assert drug not in known
        assert terminology.medication(drug) is None


@pytest.mark.parametrize(
    "text",
    [
        "Start zelvoraxin 20 mg PO daily",
        "tramipenzole 5 mg IV q8h prn nausea",
        "Quorvastat 40 mg by mouth at bedtime",
        "Begin belmitrexan 2.5 mg orally twice daily for hypertension",
        "Continue DAPZOLIMAB 100 mg subcut daily",
    ],
)
def test_finds_a_drug_in_no_lexicon_and_no_training_example(
    extractor: StanzaExtractor, text: str
) -> None:
    mentions = extractor.find_mentions(text)
    meds = [m for m in mentions if m.kind is MentionKind.MEDICATION]
    assert [m.concept.text.lower() for m in meds] == [
        next(d for d in UNSEEN_DRUGS if d in text.lower())
    ]
    assert not meds[0].concept.coded
    assert meds[0].source == "stanza"
    assert text[meds[0].span.start : meds[0].span.end] == meds[0].concept.text


async def test_extract_reads_dose_route_timing_around_an_unseen_drug(
    extractor: StanzaExtractor,
) -> None:
    extraction = await extractor.extract("Start zelvoraxin 20 mg PO daily")
    (order,) = extraction.orders
    assert isinstance(order, MedicationOrder)
    assert order.medication.text == "zelvoraxin"
    (dosage,) = order.dosages
    assert dosage.dose is not None
    assert (dosage.dose.value, dosage.dose.code) == (20.0, "mg")
    assert dosage.route is not None
    assert dosage.route.coded
    assert order.source == "stanza"


def test_codes_a_known_drug_and_finds_a_lab(extractor: StanzaExtractor) -> None:
    mentions = extractor.find_mentions("Give metformin 500 mg PO BID; check CBC tomorrow")
    by_kind = {m.kind: m for m in mentions}
    assert by_kind[MentionKind.MEDICATION].concept.text == "metformin"
    assert by_kind[MentionKind.MEDICATION].concept.coded
    assert by_kind[MentionKind.LAB].concept.text == "CBC"


def test_dev_set_entity_recall_is_high(extractor: StanzaExtractor) -> None:
    """Dev drugs are disjoint from training drugs: this is recall on unseen names, by span."""
    rows = [json.loads(line) for line in (DATA / "dev.jsonl").read_text().splitlines()]
    gold = found = 0
    for row in rows:
        spans = {(m.span.start, m.span.end) for m in extractor.find_mentions(row["text"])}
        for e in row["entities"]:
            gold += 1
            found += (e["start"], e["end"]) in spans
    assert found / gold >= 0.9, f"{found}/{gold}"


def test_describe_reports_the_model_and_its_labels(
    extractor: StanzaExtractor, stanza_model_dir: Path
) -> None:
    info = extractor.describe()
    assert info["model"] == str(stanza_model_dir / "ner.pt")
    assert info["labels"] == ["DRUG", "IMAGING", "LAB", "PROCEDURE"]
