"""A lowercase working copy of a segment from which matched phrases are blanked out.

Blanking (rather than deleting) keeps character offsets stable, so every later pattern sees
only words that no earlier rule has claimed: "for 10 days" read as a duration is never
re-read as an indication.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.domain.grammar import lexicon as lx

if TYPE_CHECKING:
    import re


class Scanner:
    __slots__ = ("original", "work")

    def __init__(self, text: str) -> None:
        self.original = text
        self.work = text.lower()

    def take(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """Find the first match in the unclaimed text and claim it."""
        m = pattern.search(self.work)
        if m:
            self.blank(m.start(), m.end())
        return m

    def take_all(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        found = list(pattern.finditer(self.work))
        for m in found:
            self.blank(m.start(), m.end())
        return found

    def peek(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        return pattern.search(self.work)

    def blank(self, start: int, end: int) -> None:
        self.work = self.work[:start] + " " * (end - start) + self.work[end:]

    def claimed_text(self) -> str:
        """The source words from the first to the last claimed character, spaces collapsed."""
        claimed = [
            i
            for i, (a, b) in enumerate(zip(self.original, self.work, strict=True))
            if b == " " and not a.isspace()
        ]
        if not claimed:
            return " ".join(self.original.split()).strip(" ,;:-")
        return " ".join(self.original[claimed[0] : claimed[-1] + 1].split()).strip(" ,;:-(")

    def take_original(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        """Match against the original case (for case-sensitive abbreviations like AD/AU)."""
        for m in pattern.finditer(self.original):
            if self.work[m.start() : m.end()].strip():
                self.blank(m.start(), m.end())
                return m
        return None


def number(word: str) -> float:
    """A numeral, decimal, simple fraction or number word as a float."""
    w = word.strip().lower()
    if w in lx.NUMBER_WORDS:
        return float(lx.NUMBER_WORDS[w])
    if "/" in w:
        num, den = w.split("/", 1)
        return float(num) / float(den)
    return float(w)
