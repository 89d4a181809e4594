"""Why a drug is given: as-needed reasons ("PRN pain") and indications ("for otitis media")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.domain.codes import Concept
from nlfhir.domain.grammar import patterns as pt
from nlfhir.domain.grammar import rx

if TYPE_CHECKING:
    from nlfhir.domain.grammar.mentions import Vocabulary
    from nlfhir.domain.grammar.scanner import Scanner

# Symptom adjectives after "when"/"if" name the symptom they describe.
_SYMPTOM_NOUNS = {
    "dizzy": "dizziness",
    "feverish": "fever",
    "itchy": "itch",
    "nauseous": "nausea",
    "nauseated": "nausea",
    "anxious": "anxiety",
    "wheezy": "wheezing",
    "in pain": "pain",
    "pain": "pain",
}
# "PRN medications: ...": a heading's word, "per protocol": how, never why
_NOT_A_REASON = rx.compile(
    r"^(?:may|do|not|take|use|with|and|or|the|to|as|if|meds|medications|orders|per\s+protocol)\b"
)
_GAP = rx.compile(r"\s{3,}")  # a gap left by an already-claimed phrase
_WORDY = rx.compile(r"[a-z]{2}")
_MEASURE = rx.compile(
    r"[a-z]\s*[<>\u2264\u2265]=?\s*\d"
)  # "prn K<3.5": a one-letter test, measured
_TRAILING = rx.compile(r"\s+(?:and|or|with|the|of|to|in|on|at|a)$")
_SUFFIXES = (" management", " treatment", " control", " therapy")


def read_prn(sc: Scanner, vocabulary: Vocabulary) -> tuple[bool, Concept | None]:
    """As needed, and for what: the reason is the phrase right after PRN, up to a boundary."""
    m = sc.take(pt.PRN)
    if m is None:
        w = sc.take(pt.PRN_WHEN)
        if w is None:
            return False, None
        return True, concept_for(_SYMPTOM_NOUNS[" ".join(w["r"].split())], vocabulary)
    phrase = _phrase_after(sc, m.end())
    if phrase is None and (w := sc.take(pt.PRN_WHEN)) is not None:
        phrase = _SYMPTOM_NOUNS[" ".join(w["r"].split())]
    return True, concept_for(phrase, vocabulary) if phrase else None


# "adjust for renal function", "monitor for bleeding": what follows is what to watch, not why
_NOT_WHY = rx.compile(
    r"\b(?:adjust(?:ed)?|dose[- ]adjust(?:ed)?|titrate(?:d)?|monitor|watch|check|observe"
    # "after CT negative for hemorrhage", "screened for TB": a test's finding, not a reason
    r"|negative|positive|neg|pos|screened|screening|tested|testing|evaluated|ruled\s+out)\s*$"
)


def read_indication(sc: Scanner, vocabulary: Vocabulary) -> Concept | None:
    """The first "for <condition>" phrase not already read as a duration or count."""
    for m in pt.FOR.finditer(sc.work):
        if _NOT_WHY.search(sc.work, 0, m.start()):
            continue
        phrase = _phrase_after(sc, m.end())
        if phrase and not _COMPARISON.search(phrase):  # "for CrCl < 11": a dose's threshold
            sc.blank(m.start(), m.end())
            return concept_for(phrase, vocabulary)
    return None


_COMPARISON = rx.compile(r"[<>\u2264\u2265=]|\b(?:less|greater|more)\s+than\b")


def _phrase_after(sc: Scanner, start: int) -> str | None:
    rest = sc.work[start:]
    stripped = rest.lstrip()
    offset = start + len(rest) - len(stripped)
    # searched from the space before the phrase: one that starts at a boundary is empty ("prn
    # 2 mg IV q2h": the dose follows PRN, no reason does)
    end = pt.REASON_BOUNDARY.search(" " + stripped)
    raw = stripped[: max(0, end.start() - 1)] if end else stripped
    # A gap left by an already-claimed phrase ends the reason too.
    raw = _GAP.split(raw, maxsplit=1)[0]
    raw = _TRAILING.sub("", raw.strip(" -:/"))
    if not raw or _NOT_A_REASON.match(raw) or not (_WORDY.search(raw) or _MEASURE.match(raw)):
        return None
    original = sc.original[offset : offset + len(raw)]
    sc.blank(offset, offset + len(raw))
    return " ".join(original.split())


def concept_for(phrase: str, vocabulary: Vocabulary) -> Concept:
    """Code a condition phrase when the tables know it (or it minus a "management"-type suffix)."""
    found = vocabulary.condition(phrase)
    if found is None:
        lowered = phrase.lower()
        for suffix in _SUFFIXES:
            if lowered.endswith(suffix):
                found = vocabulary.condition(phrase[: -len(suffix)])
                break
    if found is None:
        return Concept(text=phrase)
    return Concept(text=phrase, codings=found.codings)
