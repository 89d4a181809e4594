"""Allergy statements: "allergic to penicillin", "Allergies: sulfa, latex"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlfhir.domain.codes import Concept
from nlfhir.domain.orders import AllergyStatement, Span

if TYPE_CHECKING:
    from nlfhir.domain.grammar.mentions import Vocabulary

_LEAD = re.compile(
    r"\b(?:allergic\s+to|allergy\s+to|allergies\s+to|allergic\s+reaction\s+to"
    r"|allerg(?:y|ies)\s*(?::|-|include|includes|are|is)|hypersensitivity\s+to)\s*",
    re.IGNORECASE,
)
# The list ends at a sentence break or where the text turns to an order.
_LIST_END = re.compile(
    r"[.;\n(]|,?\s+(?:but|prescribe|start|give|order|begin|continue|take|with|causing|causes"
    r"|which|who|presents|reaction|rash|hives|anaphylaxis)\b",
    re.IGNORECASE,
)
# "penicillin (rash), codeine (nausea)": a parenthesised reaction or note belongs to the item
# before it; it is blanked (offsets kept) so the list reads on to the next item.
_PAREN = re.compile(r"\([^()\n]*\)")
_SPLIT = re.compile(r"\s*(?:,|/|\band\b|\bor\b|&)\s*", re.IGNORECASE)
_NONE = re.compile(r"^(?:none|nkda|nka|no\s+known.*|unknown|n/a)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class AllergyReading:
    statements: tuple[AllergyStatement, ...]
    spans: tuple[tuple[int, int], ...]


def read_allergies(text: str, vocabulary: Vocabulary) -> AllergyReading:
    """Every allergy list in the text, one statement per substance, plus the spans they cover."""
    statements: list[AllergyStatement] = []
    spans: list[tuple[int, int]] = []
    lowered = text.lower()
    if "allerg" not in lowered and "hypersensitivity" not in lowered:
        return AllergyReading((), ())  # no lead word: skip the pattern (hot path)
    masked = _PAREN.sub(lambda m: " " * len(m.group(0)), text) if "(" in text else text
    for lead in _LEAD.finditer(masked):
        start = lead.end()
        stop = _LIST_END.search(masked, start)
        end = stop.start() if stop else len(text)
        spans.append((lead.start(), end))
        statements.extend(_items(masked, start, end, vocabulary))
    return AllergyReading(tuple(statements), tuple(spans))


def _items(text: str, start: int, end: int, vocabulary: Vocabulary) -> list[AllergyStatement]:
    out: list[AllergyStatement] = []
    pos = start
    for part in _SPLIT.split(text[start:end]):
        idx = text.find(part, pos, end) if part else -1
        name = part.strip(" :-").strip()
        if idx >= 0:
            pos = idx + len(part)
        if not name or _NONE.match(name) or not re.search(r"[A-Za-z]{2}", name):
            continue
        concept = vocabulary.substance(name)
        out.append(
            AllergyStatement(
                substance=Concept(text=name, codings=concept.codings if concept else ()),
                span=Span(start=max(idx, start), end=max(idx, start) + len(part)),
            )
        )
    return out
