"""Longest-match phrase lookup over word tokens: O(tokens x longest phrase) dict probes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

TOKEN = re.compile(r"[a-z0-9\u00b5][a-z0-9'\u00b5]*(?:-[a-z0-9]+)*", re.IGNORECASE)
_MAX_WORDS = 6
_SHORT = 3  # names shorter than this must be written in capitals


def normalise(name: str) -> str:
    return " ".join(t.lower() for t in TOKEN.findall(name))


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    key: str


class PhraseMatcher:
    """Finds known phrases in text. Phrases of fewer than 3 letters match only in upper case
    ("UA", "PT"), so ordinary short words are never read as names."""

    __slots__ = ("_phrases", "_width")

    def __init__(self, phrases: Iterable[str]) -> None:
        self._phrases: set[str] = set()
        width = 1
        for p in phrases:
            key = normalise(p)
            if key:
                self._phrases.add(key)
                width = max(width, key.count(" ") + 1)
        self._width = min(width, _MAX_WORDS)

    def __contains__(self, phrase: str) -> bool:
        return normalise(phrase) in self._phrases

    def find(self, text: str) -> Iterator[Hit]:
        tokens = [(m.start(), m.end(), m.group(0).lower()) for m in TOKEN.finditer(text)]
        i = 0
        while i < len(tokens):
            hit = self._longest(text, tokens, i)
            if hit is None:
                i += 1
                continue
            yield hit[0]
            i = hit[1]

    def _longest(
        self, text: str, tokens: list[tuple[int, int, str]], i: int
    ) -> tuple[Hit, int] | None:
        for n in range(min(self._width, len(tokens) - i), 0, -1):
            key = " ".join(t[2] for t in tokens[i : i + n])
            if key in self._phrases:
                start, end = tokens[i][0], tokens[i + n - 1][1]
                if len(key) < _SHORT and not text[start:end].isupper():
                    continue
                return Hit(start, end, key), i + n
        return None
