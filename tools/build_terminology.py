"""Build the terminology adapter's package data from ../shared/terminology/*.csv.

    uv run python tools/build_terminology.py [--shared ../shared/terminology]

Every code written comes from a row of those CSVs and keeps that row's ``source``; nothing is
typed by hand. Our own additions are only *names* (everyday synonyms) that point at a display
read from a source row; they are listed in OUR_SYNONYMS and marked "ours" in the output.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "nlfhir" / "adapters" / "terminology" / "data" / "terminology.json.gz"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
_TAG = re.compile(
    r"\s*\((?:disorder|finding|procedure|situation|substance|product|regime/therapy"
    r"|qualifier value|observable entity|morphologic abnormality|event)\)\s*$"
)

# Ours: international (INN/BAN) names of drugs whose US (USAN) name the sources carry. Each
# points at a name read from rxnorm.csv; codes still come only from that file.
OUR_DRUG_SYNONYMS = {
    "paracetamol": "acetaminophen",
    "salbutamol": "albuterol",
    "adrenaline": "epinephrine",
    "noradrenaline": "norepinephrine",
    "frusemide": "furosemide",
    "glibenclamide": "glyburide",
    "lignocaine": "lidocaine",
    "ciclosporin": "cyclosporine",
    "rifampicin": "rifampin",
    "pethidine": "meperidine",
    "acetylsalicylic acid": "aspirin",
    "amoxycillin": "amoxicillin",
    "glyceryl trinitrate": "nitroglycerin",
    "levothyroxine sodium": "levothyroxine",
}

# Ours: everyday names for procedures, each pointing at a SNOMED display read from snomed.csv.
OUR_SYNONYMS = {
    "ecg": "Electrocardiographic procedure",
    "ekg": "Electrocardiographic procedure",
    "12-lead ecg": "Electrocardiographic procedure",
    "12 lead ecg": "Electrocardiographic procedure",
    "electrocardiogram": "Electrocardiographic procedure",
    "echo": "Echocardiography",
    "echocardiogram": "Echocardiography",
    "colonoscopy": "Colonoscopy",
    "physical therapy": "Physical therapy procedure",
}


def norm(s: str) -> str:
    return " ".join(s.lower().replace("\u00a0", " ").split())


def rows(shared: Path, name: str) -> list[dict[str, str]]:
    with (shared / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def coding(system: str, code: str, display: str, source: str) -> list[str]:
    return [system, code, display, source]


def build_rxnorm(shared: Path) -> dict[str, object]:
    data = rows(shared, "rxnorm.csv")
    ingredients: dict[str, list[str]] = {}
    for r in data:
        if r["tty"] in ("IN", "MIN") and r["ingredient_base"]:
            ingredients.setdefault(
                norm(r["ingredient_base"]), coding(RXNORM, r["rxcui"], r["display"], r["source"])
            )
    names = _drug_names(data)
    for name in ingredients:
        names.setdefault(name, name)
    clinical: dict[str, list[list[str]]] = {}
    for r in data:
        if r["tty"] == "SCD" and " / " not in r["ingredient_base"] and r["strength"]:
            clinical.setdefault(norm(r["ingredient_base"]), []).append(
                [r["rxcui"], r["display"], norm(r["strength"]), norm(r["form"]), r["source"]]
            )
    return {"ingredients": ingredients, "names": names, "clinical": clinical}


_NAME = re.compile(r"^[a-z][a-z0-9\-' ]*[a-z]$")
_NOT_A_NAME = {"hr", "dose", "doses", "release", "actuat", "month", "day", "pack", "usp"}


def _is_name(part: str) -> bool:
    """Parsed ingredient strings sometimes keep dose-form residue ("24 hr", "doses"): skip them."""
    return bool(_NAME.match(part)) and not (set(part.split()) & _NOT_A_NAME)


def _drug_names(data: list[dict[str, str]]) -> dict[str, str]:
    """Surface name -> ingredient: every ingredient named by a source row, and brand names."""
    names: dict[str, str] = {}
    for r in data:
        base = norm(r["ingredient_base"])
        parts = base.split(" / ")
        for part in parts:
            if _is_name(part):
                names.setdefault(part, part)
        if len(parts) > 1 and all(_is_name(p) for p in parts):
            names.setdefault(base, base)  # a combination product is one name
        if r["tty"] in ("SBD", "BN") and r["brand"]:
            brand = norm(r["brand"])
            if brand and brand not in names and base:
                names[brand] = base
    for synonym, target in OUR_DRUG_SYNONYMS.items():
        if target in names:
            names.setdefault(synonym, names[target])
    return names


def build_loinc(shared: Path) -> dict[str, dict[str, list[str]]]:
    labs: dict[str, list[str]] = {}
    imaging: dict[str, list[str]] = {}
    for r in rows(shared, "loinc.csv"):
        entry = coding(LOINC, r["code"], r["display"], r["source"])
        if r["kind"] in ("lab", "panel"):
            for n in filter(None, (norm(x) for x in r["common_names"].split(";"))):
                labs.setdefault(n, entry)
        elif r["kind"] == "imaging":
            names = [*r["common_names"].split(";"), r["generated_alias"]]
            for n in filter(None, (norm(x) for x in names)):
                imaging.setdefault(n, entry)
    return {"labs": labs, "imaging": imaging}


def build_snomed(shared: Path) -> dict[str, dict[str, list[str]]]:
    kinds = {
        "condition": "conditions",
        "finding": "conditions",
        "procedure": "procedures",
        "substance": "substances",
    }
    out: dict[str, dict[str, list[str]]] = {v: {} for v in kinds.values()}
    ranked = sorted(
        rows(shared, "snomed.csv"),
        key=lambda r: (r["in_synthea"] != "Y", bool(r["edition_note"]), r["code"]),
    )
    by_display: dict[str, list[str]] = {}
    for r in ranked:
        table = kinds.get(r["kind"])
        if table is None:
            continue
        entry = coding(SNOMED, r["code"], r["display"], r["source"])
        name = norm(_TAG.sub("", r["display"]))
        out[table].setdefault(name, entry)
        by_display.setdefault(name, entry)
    for synonym, display in OUR_SYNONYMS.items():
        target = by_display.get(norm(display))
        if target is not None:
            out["procedures"][synonym] = [*target[:3], f"{target[3]} (name: ours)"]
    return out


def build_routes(shared: Path) -> dict[str, list[str]]:
    routes: dict[str, list[str]] = {}
    for r in rows(shared, "routes.csv"):
        if "avoid" in r["notes"].lower():
            continue
        entry = coding(r["system"], r["code"], r["display"], r["source"])
        names = [r["display"], *r["everyday_abbreviations"].split(";")]
        for n in filter(None, (norm(x) for x in names)):
            routes.setdefault(n, entry)
    return routes


def build_ucum(shared: Path) -> dict[str, list[str]]:
    units: dict[str, list[str]] = {}
    for r in rows(shared, "ucum.csv"):
        entry = coding(UCUM, r["code"], r["display"], r["source"])
        units.setdefault(r["code"], entry)
        for n in filter(None, (x.strip() for x in r["common_aliases"].split(";"))):
            if " " not in n or n.startswith(("per ", "international")):
                units.setdefault(norm(n), entry)
    return units


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "terminology")
    a = ap.parse_args()
    digests = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(a.shared.glob("*.csv"))
    }
    data = {
        "meta": {"built_from": "shared/terminology", "sha256": digests},
        "rxnorm": build_rxnorm(a.shared),
        "loinc": build_loinc(a.shared),
        "snomed": build_snomed(a.shared),
        "routes": build_routes(a.shared),
        "ucum": build_ucum(a.shared),
    }
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    OUT.write_bytes(gzip.compress(raw, mtime=0))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(raw)} bytes raw, {OUT.stat().st_size} gzipped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
