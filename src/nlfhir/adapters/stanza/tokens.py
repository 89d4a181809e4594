"""Our own tokenizer, used both to write training data and to feed the pipeline at inference.

Stanza's neural tokenizer needs a downloaded model; ours is a regex, so the NER model sees exactly
the same tokens in training and in service (``tokenize_pretokenized=True``), and every token keeps
its character offsets in the caller's text, which stanza's pretokenized mode would not give back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[^\W\d_]+(?:['-][^\W\d_]+)*|[^\s\w]|_")
_BREAKS = frozenset({";", "."})


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int


def sentences(text: str) -> list[list[Token]]:
    """Tokens grouped in sentences: a ';' or '.' token ends one, and so does a line break."""
    out: list[list[Token]] = []
    current: list[Token] = []
    last_end = 0
    for m in _TOKEN.finditer(text):
        if current and "\n" in text[last_end : m.start()]:
            out.append(current)
            current = []
        current.append(Token(m[0], m.start(), m.end()))
        last_end = m.end()
        if m[0] in _BREAKS:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out
