"""Longest-match phrase lookup over word tokens, one pass for every kind of name.

An index from each phrase's first token to its longest length means most tokens cost one dict
probe; only tokens that start some phrase try the (few) lengths that phrase family has.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

from nlfhir.domain.grammar import rx
from nlfhir.domain.grammar.patterns import fold

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

TOKEN = rx.compile(r"[a-z0-9\u00b5][a-z0-9'\u00b5]*(?:-[a-z0-9]+)*", re.IGNORECASE)
# The same tokens in folded text (lower case, offsets kept; "\u00b5" folds to "\u03bc"), matched
# case-sensitively: a case-insensitive pattern costs two to three times as much.
_FOLDED_TOKEN = rx.compile(r"[a-z0-9\u00b5\u03bc][a-z0-9'\u00b5\u03bc]*(?:-[a-z0-9]+)*")
_MAX_WORDS = 6
_SHORT = 3  # names shorter than this must be written in capitals ("UA", "PT")

P = TypeVar("P")
_PLURAL_MIN = 4  # "tests", "cultures": a plural long enough to be one


def _plural(word: str) -> bool:
    return len(word) >= _PLURAL_MIN and word.endswith("s") and not word.endswith("ss")


def normalise(name: str) -> str:
    return " ".join(t.lower() for t in TOKEN.findall(name))


class Hit(NamedTuple, Generic[P]):
    start: int
    end: int
    key: str
    payload: P


class PhraseMatcher(Generic[P]):
    """Finds known phrases in text and returns each with its payload (longest match wins)."""

    __slots__ = ("_first", "_phrases")

    def __init__(self, phrases: Mapping[str, P]) -> None:
        self._phrases: dict[str, P] = {}
        self._first: dict[str, int] = {}
        for name, payload in phrases.items():
            key = normalise(name)
            words = key.split(" ")
            if key and len(words) <= _MAX_WORDS:
                self._phrases.setdefault(key, payload)
                self._first[words[0]] = max(self._first.get(words[0], 0), len(words))

    def __contains__(self, phrase: str) -> bool:
        return normalise(phrase) in self._phrases

    def find(self, text: str) -> Iterator[Hit[P]]:
        folded = fold(text)
        first = self._first
        words = _FOLDED_TOKEN.findall(folded)
        starts = [i for i, w in enumerate(words) if w in first]
        if not starts:
            return
        spans = [m.span() for m in _FOLDED_TOKEN.finditer(folded)]
        resume = 0
        for i in starts:
            if i < resume:
                continue
            hit = self._longest(text, words, spans, i, first[words[i]])
            if hit is not None:
                yield hit[0]
                resume = hit[1]

    def _longest(
        self, text: str, words: list[str], spans: list[tuple[int, int]], i: int, width: int
    ) -> tuple[Hit[P], int] | None:
        keys = [words[i]]
        for w in words[i + 1 : i + width]:
            keys.append(f"{keys[-1]} {w}")
        for n in range(len(keys), 0, -1):
            key = keys[n - 1]
            payload = self._phrases.get(key)
            if payload is None and n > 1 and _plural(words[i + n - 1]):
                # "blood cultures", "liver function tests": a phrase of several words with its
                # last word in the plural (never a one-word name: "pts" is no "PT")
                key = key[:-1]
                payload = self._phrases.get(key)
            if payload is None:
                continue
            start, end = spans[i][0], spans[i + n - 1][1]
            if len(key) < _SHORT and not text[start:end].isupper():
                continue
            return Hit(start, end, key, payload), i + n
        return None
