"""Patterns match ASCII text under ASCII rules with the same result as under Unicode rules."""

from __future__ import annotations

import importlib
import pkgutil
import re
from typing import cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import nlfhir.adapters.rules as rules_pkg
import nlfhir.domain.grammar as grammar_pkg
from nlfhir.domain.grammar import rx

pytestmark = pytest.mark.unit


def _grammar_patterns() -> list[rx.Rx]:
    found: dict[int, rx.Rx] = {}
    for pkg in (grammar_pkg, rules_pkg):
        for info in pkgutil.iter_modules(pkg.__path__, f"{pkg.__name__}."):
            module: dict[str, object] = vars(importlib.import_module(info.name))
            for value in module.values():
                values = cast("tuple[object, ...]", value) if isinstance(value, tuple) else (value,)
                for v in values:
                    if isinstance(v, rx.Rx):
                        found[id(v)] = v
    return list(found.values())


PATTERNS = _grammar_patterns()
# Order text as typed, with the characters where ASCII and Unicode rules could part: the four
# information separators (white space to Unicode's \s only), underscores, case.
_ALPHABET = st.sampled_from(
    [*"abcdkmopqsxzABKMSX0123456789 .,;:/-()%_'\t\n", "\x1c", "\x1d", "\x1e", "\x1f"]
)
_WORDS = st.sampled_from(
    ["mg", "po", "q6h", "bid", "prn", "x 10 days", "for", "pain", "1-2", "tab", "IV", "hold"]
)
_TEXTS = st.lists(st.one_of(_ALPHABET, _WORDS), max_size=30).map("".join)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], ...]]:
    return [tuple(m.span(g) for g in range(pattern.groups + 1)) for m in pattern.finditer(text)]


def test_the_grammar_s_patterns_are_found() -> None:
    assert len(PATTERNS) > 150  # every module's patterns, so the property below covers them


@settings(max_examples=60, deadline=None)
@given(text=_TEXTS)
def test_on_ascii_text_both_forms_of_every_pattern_match_alike(text: str) -> None:
    assert text.isascii()
    for p in PATTERNS:
        unicode_form, ascii_form = p.unicode_form, p.ascii_form
        assert _spans(ascii_form, text) == _spans(unicode_form, text), p.pattern
        assert [m.span() for m in p.finditer(text)] == [
            m.span() for m in unicode_form.finditer(text)
        ]


@pytest.mark.parametrize(
    ("source", "text", "expected"),
    [
        (r"a\sb", "a\x1cb", True),  # an information separator is white space, as under Unicode
        (r"a\Sb", "a\x1fb", False),
        (r"a[\s,]b", "a\x1eb", True),
        (r"a[^\s,]b", "a\x1db", False),
        (r"a[^\s,]b", "a-b", True),
        (r"\bmg\b", "5mg", False),
        (r"\bmg\b", "5 mg", True),
    ],
)
def test_an_ascii_subject_matches_as_under_unicode_rules(
    source: str, text: str, expected: bool
) -> None:
    assert (re.search(source, text) is not None) is expected  # Unicode rules, the reference
    assert (rx.compile(source).search(text) is not None) is expected


def test_a_subject_with_other_characters_is_matched_under_unicode_rules() -> None:
    # "\u00e9" is a letter to Unicode, not to ASCII: no word boundary inside "caf\u00e9"
    assert rx.compile(r"\bcaf\b").search("caf\u00e9 au lait") is None
    assert rx.compile(r"\d").search("\u0663") is not None  # an Arabic-Indic digit
    assert rx.compile("k", re.IGNORECASE).search("\u212a") is not None  # the Kelvin sign


def test_the_ascii_source_widens_every_white_space_class() -> None:
    assert rx.ascii_source(r"a\s+b") == r"a[\s\x1c-\x1f]+b"
    assert rx.ascii_source(r"[^\s,]\S") == r"[^\s\x1c-\x1f,][^\s\x1c-\x1f]"
    assert rx.ascii_source(r"\\s[]\s]") == r"\\s[]\s\x1c-\x1f]"  # an escaped backslash; "]" first
    assert rx.ascii_source(r"\d\w\b\.") == r"\d\w\b\."


def test_what_rx_cannot_keep_alike_is_refused() -> None:
    with pytest.raises(ValueError, match="not supported"):
        rx.compile(r"[\S]")
    with pytest.raises(ValueError, match="VERBOSE"):
        rx.compile("a", re.VERBOSE)


def test_rx_offers_the_pattern_methods_the_grammar_uses() -> None:
    p = rx.compile(r"(\d+)\s*mg", re.IGNORECASE)
    assert p.pattern == r"(\d+)\s*mg"
    assert p.search("take 5 MG")[1] == "5"  # type: ignore[index]
    assert p.match("5mg") is not None
    assert p.match("x 5mg") is None
    assert p.match("x 5mg", 2) is not None
    assert p.fullmatch("5 mg") is not None
    assert p.findall("5 mg, 10 mg") == ["5", "10"]
    assert [m[1] for m in p.finditer("5 mg, 10 mg", 3)] == ["10"]
    assert p.search("5 mg, 10 mg", 0, 3) is None
    assert p.sub("N", "5 mg and 10 mg", 1) == "N and 10 mg"
    assert p.split("a 5 mg b") == ["a ", "5", " b"]
    assert repr(p) == "Rx('(\\\\d+)\\\\s*mg')"
