"""TableTerminology: dictionary lookups over the tables built by tools/build_terminology.py.

Loaded once, on ``load()`` or first use (never at import). Names are normalised (lowercase,
single spaces); a name the tables do not hold returns None, so callers keep it uncoded.
"""

from __future__ import annotations

import gzip
import json
import re
from importlib import resources
from typing import TYPE_CHECKING, Any, cast

from nlfhir.domain.codes import Coding, Concept
from nlfhir.ports.terminology import NameKind, Terminology

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

Entry = list[str]  # [system, code, display, source]
_FORMS = {
    "tablet": "oral tablet",
    "tablets": "oral tablet",
    "tab": "oral tablet",
    "tabs": "oral tablet",
    "capsule": "oral capsule",
    "capsules": "oral capsule",
    "cap": "oral capsule",
    "caps": "oral capsule",
    "suppository": "rectal suppository",
}
_STRENGTH = re.compile(r"^(\d+(?:\.\d+)?)\s*(mg|mcg|g|units?|meq)$")
_UNIT_NAMES = {"mcg": "mg", "units": "unt", "unit": "unt"}


_SLASH = re.compile(r"\s*/\s*")


def norm(name: str) -> str:
    """Lowercase, single spaces, and " / " between the parts of a combination."""
    low = name.lower()
    if "/" in low:  # most names have no slash: skip the pattern (hot path)
        low = _SLASH.sub(" / ", low)
    return " ".join(low.split())


def _coding(entry: Entry) -> Coding:
    return Coding(system=entry[0], code=entry[1], display=entry[2])


class TableTerminology(Terminology):
    def __init__(self) -> None:
        self._data: dict[str, Any] | None = None
        self._names: dict[NameKind, frozenset[str]] = {}
        self._tables: dict[tuple[str, ...], Mapping[str, Any]] = {}

    @property
    def loaded(self) -> bool:
        return self._data is not None

    def load(self) -> None:
        if self._data is None:
            raw = (
                resources.files("nlfhir.adapters.terminology")
                .joinpath("data/terminology.json.gz")
                .read_bytes()
            )
            self._data = cast("dict[str, Any]", json.loads(gzip.decompress(raw)))

    def _table(self, *path: str) -> Mapping[str, Any]:
        """A table by its path in the data; resolved once, then served from a cache."""
        found = self._tables.get(path)
        if found is None:
            self.load()
            node: Any = self._data
            for key in path:
                node = node[key]
            found = self._tables[path] = cast("Mapping[str, Any]", node)
        return found

    def source_of(self, system: str, code: str) -> str | None:
        """The recorded source of a code this adapter can return (for audits and tests)."""
        for entry in self._entries():
            if entry[0] == system and entry[1] == code:
                return entry[3]
        return None

    def brand_source(self, name: str) -> str | None:
        """Where a brand name's ingredients were read (the FDA NDC listing), for audits."""
        found = self._table("rxnorm").get("brands", {}).get(norm(name))
        if found is None:
            return None
        source = self._table("meta")["brands"]["source"]
        return f"{source}: PRODUCTNDC {found[1]}"

    def _entries(self) -> list[Entry]:
        out: list[Entry] = list(self._table("rxnorm", "ingredients").values())
        for table in ("labs", "imaging"):
            out += list(self._table("loinc", table).values())
        for table in ("conditions", "procedures", "substances"):
            out += list(self._table("snomed", table).values())
        out += list(self._table("routes").values()) + list(self._table("ucum").values())
        return out

    def medication(
        self, name: str, *, strength: str | None = None, form: str | None = None
    ) -> Concept | None:
        base = self._table("rxnorm", "names").get(norm(name))
        if base is None:
            return None
        codings: list[Coding] = []
        ingredient = self._table("rxnorm", "ingredients").get(base)
        if ingredient is not None:
            codings.append(_coding(ingredient))
        clinical = self._clinical(base, strength, form)
        if clinical is not None:
            codings.append(clinical)
        # A brand or international name also names its generic, so the text reads on its own.
        text = name if norm(name) == base else f"{name} ({base})"
        return Concept(text=text, codings=tuple(codings))

    def _clinical(self, base: str, strength: str | None, form: str | None) -> Coding | None:
        """The SCD whose strength and form both match, when exactly one does."""
        if not strength or not form:
            return None
        m = _STRENGTH.match(norm(strength))
        want_form = _FORMS.get(norm(form))
        if m is None or want_form is None:
            return None
        unit = _UNIT_NAMES.get(m[2], m[2])
        want = f"{float(m[1]):g} {unit}"
        rows = self._table("rxnorm", "clinical").get(base, [])
        hits = [r for r in rows if r[3] == want_form and _same_strength(r[2], want)]
        if len(hits) != 1:
            return None
        return Coding(
            system="http://www.nlm.nih.gov/research/umls/rxnorm",
            code=hits[0][0],
            display=hits[0][1],
        )

    def lab(self, name: str) -> Concept | None:
        return self._concept(self._table("loinc", "labs"), name)

    def imaging(self, name: str) -> Concept | None:
        return self._concept(self._table("loinc", "imaging"), name)

    def procedure(self, name: str) -> Concept | None:
        return self.imaging(name) or self._concept(self._table("snomed", "procedures"), name)

    def condition(self, name: str) -> Concept | None:
        return self._concept(self._table("snomed", "conditions"), name)

    def substance(self, name: str) -> Concept | None:
        drug = self.medication(name)
        if drug is not None and drug.coded:
            return drug
        return self._concept(self._table("snomed", "substances"), name) or drug

    def route(self, name: str) -> Concept | None:
        return self._concept(self._table("routes"), name)

    def unit(self, name: str) -> Coding | None:
        entry = self._table("ucum").get(norm(name)) or self._table("ucum").get(name)
        return _coding(entry) if entry else None

    def known_names(self, kind: NameKind) -> Collection[str]:
        if kind not in self._names:
            self._names[kind] = frozenset(self._names_of(kind))
        return self._names[kind]

    def _names_of(self, kind: NameKind) -> Collection[str]:
        tables = {
            NameKind.MEDICATION: ("rxnorm", "names"),
            NameKind.LAB: ("loinc", "labs"),
            NameKind.IMAGING: ("loinc", "imaging"),
            NameKind.CONDITION: ("snomed", "conditions"),
            NameKind.SUBSTANCE: ("snomed", "substances"),
        }
        if kind is NameKind.PROCEDURE:
            return [n for n in self._table("snomed", "procedures") if n == n.strip()]
        return list(self._table(*tables[kind]))

    @staticmethod
    def _concept(table: Mapping[str, Any], name: str) -> Concept | None:
        entry = table.get(norm(name))
        if entry is None:
            return None
        return Concept(text=name, codings=(_coding(entry),))


def _same_strength(row: str, want: str) -> bool:
    """'500 mg' against an SCD strength such as '500 mg' (RxNorm writes MG, UNT, MEQ)."""
    parts = row.split()
    if len(parts) < 2:  # noqa: PLR2004 - a value and a unit
        return False
    try:
        return f"{float(parts[0]):g} {parts[1]}" == want
    except ValueError:
        return False
