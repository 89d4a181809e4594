"""A lowercase working copy of a segment from which matched phrases are blanked out.

Blanking (rather than deleting) keeps character offsets stable, so every later pattern sees
only words that no earlier rule has claimed: "for 10 days" read as a duration is never
re-read as an indication.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.domain.grammar import lexicon as lx
from nlfhir.domain.grammar.patterns import GUARDS, TOKEN, TOKEN_GUARDS, fold

# Keyed by identity: hashing a compiled pattern hashes its whole source, on every lookup.
_NEEDS = {id(p): g for p, g in GUARDS.items()}
_WORDS = {id(p): w for p, w in TOKEN_GUARDS.items()}

if TYPE_CHECKING:
    import re
    from collections.abc import Callable

    from nlfhir.domain.grammar import rx


class Scanner:
    __slots__ = ("_hi", "_lo", "_tokens", "lowered", "original", "visible", "work")

    def __init__(self, text: str) -> None:
        self.original = text
        self.lowered = self.work = fold(text)
        # The folded text less what was set aside: what a rule may read on the text as given.
        self.visible = self.lowered
        self._lo = len(text)
        self._hi = 0
        self._tokens: frozenset[str] | None = None

    def has(self, *needles: str) -> bool:
        """A cheap pre-check: does any needle occur in the unclaimed text?"""
        return any(n in self.work for n in needles)

    def _hopeless(self, pattern: rx.Rx) -> bool:
        """True when the pattern cannot match: a substring or a word it needs is absent."""
        key = id(pattern)
        guard = _NEEDS.get(key)
        if guard is not None:
            work = self.work
            for g in guard:  # noqa: SIM110 - a plain loop: this runs ~20 times per sig, hot path
                if g in work:
                    return False
            return True
        words = _WORDS.get(key)
        if words is None:
            return False
        if self._tokens is None:
            # Words of the text as given: claiming only removes words, so none is hidden here.
            self._tokens = frozenset(TOKEN.findall(self.lowered))
        return self._tokens.isdisjoint(words)

    def take(self, pattern: rx.Rx) -> re.Match[str] | None:
        """Find the first match in the unclaimed text and claim it."""
        if self._hopeless(pattern):
            return None
        m = pattern.search(self.work)
        if m:
            self.blank(m.start(), m.end())
        return m

    def take_all(
        self, pattern: rx.Rx, keep: Callable[[re.Match[str]], bool] | None = None
    ) -> list[re.Match[str]]:
        """Claim every match in the unclaimed text (those ``keep`` accepts, when given)."""
        if self._hopeless(pattern):
            return []
        found = [m for m in pattern.finditer(self.work) if keep is None or keep(m)]
        for m in found:
            self.blank(m.start(), m.end())
        return found

    def peek(self, pattern: rx.Rx) -> re.Match[str] | None:
        if self._hopeless(pattern):
            return None
        return pattern.search(self.work)

    def set_aside(self, pattern: rx.Rx) -> list[tuple[int, int]]:
        """Blank every match after the drug's name so no rule reads it, and return the spans:
        they are reported unparsed, not claimed as read."""
        if self._hopeless(pattern):
            return []
        found = [
            (m.start() + len(m[0]) - len(m[0].lstrip()), m.start() + len(m[0].rstrip()))
            for m in pattern.finditer(self.work, self.work.find("\x00") + 1)
            if m[0].strip()
        ]  # the words only, not the spaces around them
        for start, end in found:
            self._aside(start, end)
        return found

    def set_aside_after_name(self, pattern: rx.Rx) -> list[tuple[int, int]]:
        """Like ``set_aside``, for a match right after the drug's name only."""
        m = pattern.match(self.work, self.work.find("\x00") + 1)
        if m is None or not m[0].strip():
            return []
        found = m[0]
        start = m.start() + len(found) - len(found.lstrip())  # the words, not the space before
        end = m.start() + len(found.rstrip())
        self._aside(start, end)
        return [(start, end)]

    def _aside(self, start: int, end: int) -> None:
        """Blank a stretch in both copies: no rule reads it, and it counts as unread."""
        self.work = self.work[:start] + " " * (end - start) + self.work[end:]
        self.visible = self.visible[:start] + " " * (end - start) + self.visible[end:]

    def blank(self, start: int, end: int) -> None:
        if end > start:
            self.work = self.work[:start] + " " * (end - start) + self.work[end:]
            self.keep(start, end)

    def keep(self, start: int, end: int) -> None:
        """Widen the dosage text to words no rule read, so the text loses none of them."""
        if end > start:
            self._lo = min(self._lo, start)
            self._hi = max(self._hi, end)

    def is_claimed(self, start: int, end: int) -> bool:
        """Did a rule read any character between start and end?"""
        return self.work[start:end] != self.lowered[start:end]

    def claimed_text(self) -> str:
        """The source words from the first to the last claimed character, spaces collapsed."""
        text = self.original if self._hi <= self._lo else self.original[self._lo : self._hi]
        return " ".join(text.replace("\x00", " ").split()).strip(" ,;:-(")

    def take_original(
        self, pattern: rx.Rx, keep: Callable[[re.Match[str]], bool] | None = None
    ) -> re.Match[str] | None:
        """Match against the original case (for case-sensitive abbreviations like AD/AU), the
        first unclaimed match ``keep`` accepts, when given."""
        for m in pattern.finditer(self.original):
            if self.work[m.start() : m.end()].strip() and (keep is None or keep(m)):
                self.blank(m.start(), m.end())
                return m
        return None


_FRACTION_SIGNS = {
    "\u00bd": 1 / 2,
    "\u00bc": 1 / 4,
    "\u00be": 3 / 4,
    "\u2153": 1 / 3,
    "\u2154": 2 / 3,
}


def number(word: str) -> float:
    """A numeral, decimal, simple or mixed fraction ("1 1/2"), number word or "<n> million"
    ("2.4M") as a float."""
    w = word.strip().lower()
    for suffix in ("million", "m"):
        if w.endswith(suffix) and w[: -len(suffix)].strip():
            return number(w[: -len(suffix)]) * 1_000_000
    if w in lx.NUMBER_WORDS:
        return float(lx.NUMBER_WORDS[w])
    if w and w[-1] in _FRACTION_SIGNS:  # "\u00bd", "1\u00bd", "1 \u00bd"
        whole = w[:-1].strip()
        return (float(whole) if whole else 0.0) + _FRACTION_SIGNS[w[-1]]
    if "/" in w:
        # "1/2", and a mixed number "1 1/2" or "1-1/2"
        whole, _, part = w.replace("-", " ").rpartition(" ")
        num, den = part.split("/", 1)
        return (float(whole) if whole.strip() else 0.0) + float(num) / float(den)
    return float(w.replace(",", ""))  # thousands separators: NUM only lets "5,000" through
