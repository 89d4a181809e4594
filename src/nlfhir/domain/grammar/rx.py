"""Compiled patterns that match ASCII text with ASCII character classes, with the same result.

Under Python's default (Unicode) rules the regex engine asks the Unicode database whether each
character is a letter, digit or space (for \\w, \\b, \\d, \\s) and lowercases through it (for
IGNORECASE): a fifth of the grammar's matching time on the orders of the gold sets. Nearly every
order is plain ASCII, and on ASCII text the ASCII rules (re.ASCII) agree with the Unicode ones
but for one class: Unicode counts the four information separators U+001C..U+001F as white space.
So each ``Rx`` holds the pattern twice: as written, and as written with re.ASCII and every \\s
(and \\S) widened by those four characters. A subject that is all ASCII (``str.isascii``, a flag
CPython keeps, no scan) is matched by the second, any other by the first: the same matches,
without the Unicode lookups. tests/unit/domain/test_rx.py holds the two to the same results.
"""

from __future__ import annotations

import re
import sys
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

_END: Final = sys.maxsize
_SEPARATORS: Final = r"\x1c-\x1f"  # white space under Unicode's \s, not under ASCII's


def ascii_source(source: str) -> str:
    """The pattern with every \\s and \\S widened by the information separators, so that under
    re.ASCII it matches what it matches under Unicode on ASCII text."""
    out: list[str] = []
    in_class = False
    i = 0
    n = len(source)
    while i < n:
        ch = source[i]
        if ch == "\\" and i + 1 < n:
            nxt = source[i + 1]
            i += 2
            if nxt == "s":
                out.append(rf"\s{_SEPARATORS}" if in_class else rf"[\s{_SEPARATORS}]")
            elif nxt == "S":
                if in_class:
                    msg = f"\\S inside a character class is not supported: {source!r}"
                    raise ValueError(msg)
                out.append(rf"[^\s{_SEPARATORS}]")
            else:
                out.append(ch + nxt)
            continue
        out.append(ch)
        i += 1
        if not in_class and ch == "[":
            in_class = True
            # "[^]...]" and "[]...]": a "]" first in a class is a literal
            if i < n and source[i] == "^":
                out.append("^")
                i += 1
            if i < n and source[i] == "]":
                out.append("]")
                i += 1
        elif in_class and ch == "]":
            in_class = False
    return "".join(out)


class Rx:
    """A compiled pattern (the subset of re.Pattern's methods the grammar uses) that matches
    ASCII subjects under ASCII rules."""

    __slots__ = ("ascii_form", "pattern", "unicode_form")

    def __init__(self, source: str, flags: int = 0) -> None:
        if flags & (re.VERBOSE | re.ASCII | re.LOCALE):
            msg = "Rx takes neither VERBOSE, ASCII nor LOCALE"
            raise ValueError(msg)
        self.pattern = source
        self.unicode_form = re.compile(source, flags)
        self.ascii_form = re.compile(ascii_source(source), flags | re.ASCII)

    def _for(self, string: str) -> re.Pattern[str]:
        return self.ascii_form if string.isascii() else self.unicode_form

    def search(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return (self.ascii_form if string.isascii() else self.unicode_form).search(
            string, pos, endpos
        )

    def match(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return (self.ascii_form if string.isascii() else self.unicode_form).match(
            string, pos, endpos
        )

    def fullmatch(self, string: str, pos: int = 0, endpos: int = _END) -> re.Match[str] | None:
        return (self.ascii_form if string.isascii() else self.unicode_form).fullmatch(
            string, pos, endpos
        )

    def finditer(self, string: str, pos: int = 0, endpos: int = _END) -> Iterator[re.Match[str]]:
        return (self.ascii_form if string.isascii() else self.unicode_form).finditer(
            string, pos, endpos
        )

    def findall(self, string: str, pos: int = 0, endpos: int = _END) -> list[Any]:
        return (self.ascii_form if string.isascii() else self.unicode_form).findall(
            string, pos, endpos
        )

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self._for(string).sub(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        return self._for(string).split(string, maxsplit)

    def __repr__(self) -> str:
        return f"Rx({self.pattern!r})"


def compile(source: str, flags: int = 0) -> Rx:
    return Rx(source, flags)
