"""txt-1 and txt-2, checked natively (fhirpathpy has no htmlChecks()).

txt-1: the narrative holds only the basic HTML elements and attributes R4 allows (no script,
no event handlers, no forms); txt-2: it has some non-whitespace content.
"""

from __future__ import annotations

from html.parser import HTMLParser

_TAGS = (
    "a abbr acronym b big blockquote br caption cite code col colgroup dd dfn div dl dt em "
    "h1 h2 h3 h4 h5 h6 hr i img li ol p pre q samp small span strong sub sup table tbody td "
    "tfoot th thead tr tt ul var"
)
ALLOWED = frozenset(_TAGS.split(" "))


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []
        self.text = False
        self.images = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.bad.append(f"element <{tag}>")
        self.images |= tag == "img"
        for name, value in attrs:
            if name.startswith("on") or (value or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"attribute {name}")

    def handle_data(self, data: str) -> None:
        self.text |= bool(data.strip())


def narrative_problems(div: str) -> list[str]:
    """The txt-1/txt-2 violations of a narrative div, as messages (empty when it is fine)."""
    checker = _Checker()
    checker.feed(div)
    checker.close()
    problems = [f"txt-1: narrative contains a disallowed {b}" for b in checker.bad]
    if not (checker.text or checker.images):
        problems.append("txt-2: The narrative SHALL have some non-whitespace content")
    return problems
