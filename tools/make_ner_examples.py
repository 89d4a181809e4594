"""Write the project's own annotated orders for the small Stanza NER model (tests/data/stanza/).

Deterministic (fixed seed): rerunning gives byte-identical files. Drug names come from the
ingredient column of ../shared/terminology/rxnorm.csv; train and dev use disjoint drug lists, and
``HELD_OUT_DRUGS`` (made-up names in no table) appear in neither, so tests can show the model finds
drugs from context alone.

    uv run python tools/make_ner_examples.py [--rxnorm PATH] [--out tests/data/stanza]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
from pathlib import Path
from typing import TypedDict

HELD_OUT_DRUGS = ("zelvoraxin", "tramipenzole", "quorvastat", "belmitrexan", "dapzolimab")
LABS = (
    "CBC", "BMP", "CMP", "hemoglobin A1c", "lipid panel", "TSH", "INR", "PT/INR", "troponin",
    "basic metabolic panel", "liver function tests", "urinalysis", "blood cultures", "lactate",
    "magnesium level", "serum creatinine", "vitamin D level", "ferritin", "BNP", "CRP",
)  # fmt: skip
IMAGING = (
    "chest x-ray", "CT head", "CT abdomen and pelvis", "MRI brain", "renal ultrasound",
    "echocardiogram", "CXR", "ultrasound of the right upper quadrant", "CT angiogram chest",
)  # fmt: skip
PROCEDURES = (
    "colonoscopy", "EKG", "upper endoscopy", "lumbar puncture", "bronchoscopy",
    "physical therapy evaluation", "paracentesis", "thoracentesis",
)  # fmt: skip
PROBLEMS = (
    "hypertension", "pain", "nausea", "type 2 diabetes", "atrial fibrillation", "cough",
    "community acquired pneumonia", "anxiety", "insomnia", "fever", "heart failure", "UTI",
)  # fmt: skip
UNITS = ("mg", "mg", "mg", "mcg", "g", "units", "mL")
ROUTES = ("PO", "po", "by mouth", "IV", "orally", "subcut", "IM", "")
FREQS = ("daily", "BID", "TID", "q6h", "q8h prn", "once daily", "twice daily", "at bedtime", "qHS")
DOSES = ("5", "10", "20", "25", "40", "50", "100", "250", "500", "1", "2.5", "0.5", "1000")
MED_TEMPLATES = (
    "{D} {n} {u} {r} {f}",
    "Start {D} {n} {u} {r} {f}",
    "Start {D} {n} {u} {r} {f} for {p}",
    "Give {D} {n}{u} {r} {f} as needed for {p}",
    "Continue {D} {n} {u} {f}",
    "{D} {n} {u} tablet {r} {f} x 7 days",
    "Increase {D} to {n} {u} {f}",
    "Please order {D} {n} {u} {r} {f}",
    "Rx: {D} {n} {u} {r} {f}, dispense 30",
    "Begin {D} {n} {u} {r} {f} for {p}; recheck in 2 weeks",
)
SERVICE_TEMPLATES = (
    ("Order {S}", "LAB"), ("Check {S} in the morning", "LAB"), ("Draw {S} stat", "LAB"),
    ("Repeat {S} tomorrow", "LAB"), ("Obtain {S} to evaluate {p}", "IMAGING"),
    ("Order {S} today", "IMAGING"), ("Schedule {S} for {p}", "PROCEDURE"),
    ("Please arrange {S} next week", "PROCEDURE"),
)  # fmt: skip
_SLOT = re.compile(r"\{(\w)\}")


class Entity(TypedDict):
    start: int
    end: int
    label: str


class Example(TypedDict):
    text: str
    entities: list[Entity]


def _ingredients(rxnorm: Path) -> list[str]:
    with rxnorm.open(encoding="utf-8") as f:
        names = {r["ingredient"] for r in csv.DictReader(f)}
    return sorted(n for n in names if n and n.isalpha() and n not in HELD_OUT_DRUGS)


def _fill(template: str, values: dict[str, tuple[str, str | None]]) -> Example:
    """Fill the slots left to right, recording an entity for each labelled slot."""
    text, entities, pos = "", list[Entity](), 0
    for m in _SLOT.finditer(template):
        text += template[pos : m.start()]
        value, label = values[m[1]]
        if label is not None:
            entities.append({"start": len(text), "end": len(text) + len(value), "label": label})
        text += value
        pos = m.end()
    return {"text": text + template[pos:], "entities": entities}


def _case(rng: random.Random, name: str) -> str:
    return rng.choice((name, name, name.capitalize(), name.upper()))


def _medication(rng: random.Random, drug: str) -> Example:
    route = rng.choice(ROUTES)
    template = rng.choice(MED_TEMPLATES)
    if not route:
        template = template.replace(" {r}", "")
    values: dict[str, tuple[str, str | None]] = {
        "D": (_case(rng, drug), "DRUG"),
        "n": (rng.choice(DOSES), None),
        "u": (rng.choice(UNITS), None),
        "r": (route, None),
        "f": (rng.choice(FREQS), None),
        "p": (rng.choice(PROBLEMS), None),
    }
    return _fill(template, values)


def _service(rng: random.Random) -> Example:
    template, label = rng.choice(SERVICE_TEMPLATES)
    names = {"LAB": LABS, "IMAGING": IMAGING, "PROCEDURE": PROCEDURES}[label]
    values: dict[str, tuple[str, str | None]] = {
        "S": (rng.choice(names), label),
        "p": (rng.choice(PROBLEMS), None),
    }
    return _fill(template, values)


def _combined(rng: random.Random, drug: str) -> Example:
    med, svc = _medication(rng, drug), _service(rng)
    joiner = rng.choice((" and ", "; ", ". "))
    shift = len(med["text"]) + len(joiner)
    moved: list[Entity] = [
        {"start": e["start"] + shift, "end": e["end"] + shift, "label": e["label"]}
        for e in svc["entities"]
    ]
    return {"text": f"{med['text']}{joiner}{svc['text']}", "entities": [*med["entities"], *moved]}


def examples(rng: random.Random, drugs: list[str], count: int) -> list[Example]:
    out: list[Example] = []
    for i in range(count):
        drug = drugs[i % len(drugs)]
        kind = rng.random()
        if kind < 0.6:  # noqa: PLR2004 - mix: 60% medication, 20% service, 20% both
            out.append(_medication(rng, drug))
        elif kind < 0.8:  # noqa: PLR2004 - see above
            out.append(_service(rng))
        else:
            out.append(_combined(rng, drug))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rxnorm", type=Path, default=Path("../shared/terminology/rxnorm.csv"))
    parser.add_argument("--out", type=Path, default=Path("tests/data/stanza"))
    parser.add_argument("--train", type=int, default=240)
    parser.add_argument("--dev", type=int, default=60)
    args = parser.parse_args()
    rng = random.Random(20261122)  # noqa: S311 - reproducible test data, not security
    drugs = _ingredients(args.rxnorm)
    rng.shuffle(drugs)
    train_drugs, dev_drugs = drugs[: args.train], drugs[args.train : args.train + args.dev]
    args.out.mkdir(parents=True, exist_ok=True)
    for name, rows in (
        ("train", examples(rng, train_drugs, args.train)),
        ("dev", examples(rng, dev_drugs, args.dev)),
    ):
        path = args.out / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"wrote {len(rows)} examples to {path}")


if __name__ == "__main__":
    main()
