"""Imaging studies in the word orders clinicians write, coded where the tables name the study.

The LOINC table names a study "<modality> <region>[ - <side>][ <contrast>][ <views>]" ("mri knee -
right without contrast", "x-ray knee - left 3 views"); orders say "MRI right knee", "MRI of the
left knee w/o contrast", "CT wrist L", "right knee MRI", "bilateral knee x-rays", "CT chest/
abdomen/pelvis with contrast". This reader takes a modality word, the region words on either side
of it, and the side, contrast and number of views next to them, and looks up the study the words
name, in the table's own order. A study the table names is coded; a study whose modality and
region the table names but not with the side, contrast or views written is kept as written,
uncoded (the plain study's code would order another study: no side, the wrong contrast). Words
the table does not name as a study are left to the other rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.domain.grammar import rx

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from nlfhir.domain.codes import Concept

# On the folded text (lower case, offsets kept). "US" and "MR" are read only as written in
# capitals ("us", "Mr Smith" are no studies).
_MODALITY = rx.compile(
    r"(?<![\w/-])(?:mri|mr|ct(?:\s+scan)?|cat\s+scan|x-?\s?rays?|xr|radiographs?|ultrasound|us"
    r"|sonogram|mammogram|dexa|dxa|fluoroscopy)(?![\w/-])"
)
_CAPITALS_ONLY = frozenset({"us", "mr"})
_MODALITIES = {
    "mri": "mri",
    "mr": "mri",
    "ct": "ct",
    "ctscan": "ct",
    "catscan": "ct",
    "x-ray": "x-ray",
    "xray": "x-ray",
    "x-rays": "x-ray",
    "xrays": "x-ray",
    "xr": "x-ray",
    "radiograph": "x-ray",
    "radiographs": "x-ray",
    "ultrasound": "ultrasound",
    "us": "ultrasound",
    "sonogram": "ultrasound",
    "mammogram": "mammogram",
    "dexa": "dexa",
    "dxa": "dexa",
    "fluoroscopy": "fluoroscopy",
}
_SIDES = {
    "left": "left",
    "lt": "left",
    "l": "left",
    "right": "right",
    "rt": "right",
    "r": "right",
    "bilateral": "bilateral",
    "bilat": "bilateral",
    "b/l": "bilateral",
    "both": "bilateral",
}
_LETTERS = frozenset({"l", "r"})  # a side as one letter: in capitals or in brackets only
# A word of a region: letters, maybe hyphenated ("c-spine"), or the parts of a combined region
# ("chest/abdomen/pelvis", "abdomen & pelvis").
_WORD = rx.compile(r"b/l\b|[a-z]+(?:-[a-z]+)*|/|&|,")
_SIDE_AFTER = rx.compile(
    r"\s*(?:,\s*|-\s*)?(?:\(\s*(?P<bracket>left|right|lt|rt|l|r|bilat(?:eral)?)\s*\)"
    r"|(?:on\s+the\s+)?(?P<word>left|right|lt|rt|l|r|bilat(?:eral)?)(?:\s+side)?)(?![\w/-])"
)
_CONTRAST = (
    r"(?:with\s+and\s+without|w/?\s*(?:and\s+|&\s*)?w/?o|w/wo|with\s*&\s*without|with|without|w/o"
    r"|w/|wo|w|no)\s+(?:iv\s+|oral\s+)?(?:contrast|gadolinium|gad|dye)\b"
    r"|non-?con(?:trast(?:ed)?)?\b"
    # "CT head w/o", "MRI brain w/wo": the contrast left unsaid at the end of the order
    r"|(?:w/?\s*(?:and\s+|&\s*)?w/?o|w/wo|w/o|wo)(?=\s*(?:[.;,)\n]|$))"
)
_CONTRAST_AFTER = rx.compile(rf"\s*(?:[,(]\s*|-\s+)?(?P<contrast>{_CONTRAST})\)?")
_CONTRAST_BEFORE = rx.compile(
    r"(?<![\w-])(?P<contrast>non-?con(?:trast(?:ed)?)?|contrast(?:-|\s+)enhanced)\s+$"
)
_VIEWS = rx.compile(r"\s*,?\s*(?P<n>\d|one|two|three|four|five|single)\s*-?\s*views?\b(?:\s+of)?")
_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "single": "1"}
_TABLE_MODALITIES = frozenset(_MODALITIES.values())
# Words that end a region after the modality: the contrast, the side, the views that follow it.
_NOT_REGION = frozenset(
    {"with", "without", "w", "wo", "no", "non-contrast", "noncontrast", "noncon", "non-con"}
    | {"contrast", "iv", "oral", "gad", "gadolinium", "dye", *_SIDES}
)
_NOT_LAST = frozenset({"and", "or", "of", "the", "for", "to"})  # "CT head and c-spine"
_MAX_REGION_WORDS = 5
_JOINERS = frozenset({"/", "&", ","})
_SKIP_BEFORE_REGION = ("of the ", "of ")


def contrast_wording(words: str) -> str:
    """ "w/o contrast", "non-contrast", "with and without gadolinium": the tables' wording."""
    w = words.replace(" ", "")
    both = (
        "withandwithout",
        "with&without",
        "w/andw/o",
        "w/&w/o",
        "w&w/o",
        "w/wo",
        "wandwo",
        "w/andwo",
    )
    if w.startswith((*both, "w/w/o")):
        return "with and without contrast"
    if w.startswith(("without", "w/o", "wo", "non", "no")):
        return "without contrast"
    return "with contrast"


class Study:
    """A study read from the text: its span and the tables' concept for it (None: uncoded)."""

    __slots__ = ("coded", "end", "start")

    def __init__(self, start: int, end: int, coded: Concept | None) -> None:
        self.start = start
        self.end = end
        self.coded = coded


def regions(names: Iterable[str]) -> frozenset[str]:
    """Every "<modality> <region words>" the tables' study names start with, before the side:
    "x-ray wrist" from "x-ray wrist - left 2 views" (the tables may name no plain "x-ray
    wrist"), "ct chest and abdomen and pelvis". A region is recognised by these; the study is
    coded only by its whole name."""
    out: set[str] = set()
    for name in names:
        words = name.split(" - ", 1)[0].split()
        if len(words) > 1 and words[0] in _TABLE_MODALITIES:
            out.update(" ".join(words[:n]) for n in range(2, len(words) + 1))
    return frozenset(out)


def studies(
    text: str, folded: str, lookup: Callable[[str], Concept | None], known: frozenset[str]
) -> list[Study]:
    """Every imaging study a modality word and its region name: ``known`` holds the regions
    (``regions``), ``lookup`` codes the whole study."""
    return _Reader(text, folded, lookup, known).studies()


class _Reader:
    __slots__ = ("folded", "known", "lookup", "text")

    def __init__(
        self,
        text: str,
        folded: str,
        lookup: Callable[[str], Concept | None],
        known: frozenset[str],
    ) -> None:
        self.text = text
        self.folded = folded
        self.lookup = lookup
        self.known = known

    def studies(self) -> list[Study]:
        out: list[Study] = []
        for m in _MODALITY.finditer(self.folded):
            written = self.text[m.start() : m.end()]
            word = "".join(m[0].split())
            if word in _CAPITALS_ONLY and written != written.upper():
                continue
            modality = _MODALITIES[word]
            found = self.after(m.start(), m.end(), modality) or self.before(
                m.start(), m.end(), modality
            )
            if found is not None:
                out.append(self._study(modality, *found))
        return out

    def _study(self, modality: str, start: int, end: int, region: str, side: str | None) -> Study:
        """The side, contrast and views written around the study, in the tables' order."""
        if side is None:
            side, end = _side_after(self.text, self.folded, end)
        contrast = ""
        if (after := _CONTRAST_AFTER.match(self.folded, end)) is not None:
            contrast, end = after["contrast"], after.end()
            if side is None:  # "MRI knee w/o contrast (R)"
                side, end = _side_after(self.text, self.folded, end)
        elif (
            before := _CONTRAST_BEFORE.search(self.folded, max(0, start - 25), start)
        ) is not None:
            contrast, start = before["contrast"], before.start()
        name = f"{modality} {region}" + (f" - {side}" if side else "")
        if contrast:
            # the tables' contrast is IV: oral contrast names a study they do not code
            name += " oral contrast" if "oral" in contrast else " " + contrast_wording(contrast)
        views = _VIEWS.match(self.folded, end) if modality == "x-ray" else None
        if views is not None:
            n = _NUMBERS.get(views["n"], views["n"])
            name += " single view" if n == "1" else f" {n} views"
            end = views.end()
        coded = self.lookup(name)
        if coded is None and modality == "x-ray" and views is None:
            coded = self.lookup(f"{name} views")  # "XR Knee Views": the views not counted
        return Study(start, end, coded)

    def _names(self, modality: str, region: str) -> str | None:
        """The region as the tables name it for the modality ("knees" -> "knee"), if they do."""
        for candidate in (region, _singular(region)):
            if f"{modality} {candidate}" in self.known:
                return candidate
        return None

    def after(self, start: int, at: int, modality: str) -> tuple[int, int, str, str | None] | None:
        """ "MRI right knee", "MRI of the left knee", "CT chest/abdomen/pelvis": (start, end,
        region, side)."""
        rest = self.folded[at:]
        skipped = len(rest) - len(rest.lstrip())
        for lead in _SKIP_BEFORE_REGION:
            if rest[skipped:].startswith(lead):
                skipped += len(lead)
                break
        words = _words(self.folded, at + skipped, min(len(self.folded), at + skipped + 60))
        if not words or words[0][1] != at + skipped or words[0][0] in _JOINERS:
            return None  # the region follows the modality word, nothing between
        side = None
        first, w_start, w_end = words[0]
        if (s := _side(self.text, first, w_start, w_end, bracketed=False)) is not None:
            if first in _LETTERS:
                return None  # "CT L spine": a letter before the region is the region's
            side = s
            words = words[1:]
        words = _adjacent(self.folded, words)[:_MAX_REGION_WORDS]
        words = words[: next((i for i, w in enumerate(words) if w[0] in _NOT_REGION), len(words))]
        for n in range(len(words), 0, -1):
            if words[n - 1][0] in _JOINERS or words[n - 1][0] in _NOT_LAST:
                continue
            region = self._names(modality, _region_name([w for w, _, _ in words[:n]]))
            if region is not None:
                return start, words[n - 1][2], region, side
        return None

    def before(
        self, start: int, end: int, modality: str
    ) -> tuple[int, int, str, str | None] | None:
        """ "right knee MRI", "chest CT", "bilateral knee x-rays": (start, end, region, side)."""
        words = _words(self.folded, max(0, start - 60), start)
        words = _adjacent_before(self.folded, words, start)[-(_MAX_REGION_WORDS + 1) :]
        for n in range(len(words), 0, -1):
            chosen = words[-n:]
            side = _side(self.text, chosen[0][0], chosen[0][1], chosen[0][2], bracketed=False)
            region_words = chosen[1:] if side else chosen
            if not region_words or region_words[0][0] in _JOINERS | _NOT_LAST:
                continue
            region = self._names(modality, _region_name([w for w, _, _ in region_words]))
            if region is not None:
                return chosen[0][1], end, region, side
        return None


def _words(folded: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(w[0], w.start(), w.end()) for w in _WORD.finditer(folded, start, end)]


def _region_name(words: list[str]) -> str:
    """ "chest / abdomen / pelvis", "abdomen & pelvis" -> the tables' "chest and abdomen and
    pelvis"."""
    parts = ["and" if w in _JOINERS else w for w in words]
    return " ".join(parts)


def _side(text: str, word: str, start: int, end: int, *, bracketed: bool) -> str | None:
    side = _SIDES.get(word)
    if side is None:
        return None
    if word in _LETTERS and not bracketed and text[start:end] != text[start:end].upper():
        return None
    return side


def _adjacent(folded: str, words: list[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """The words that follow one another with nothing but spaces between them."""
    out = words[:1]
    for w in words[1:]:
        if folded[out[-1][2] : w[1]].strip():
            break
        out.append(w)
    return out


def _adjacent_before(
    folded: str, words: list[tuple[str, int, int]], end: int
) -> list[tuple[str, int, int]]:
    out: list[tuple[str, int, int]] = []
    for w in reversed(words):
        if folded[w[2] : out[0][1] if out else end].strip():
            break
        out.insert(0, w)
    return out


def _singular(region: str) -> str:
    """ "knees" -> "knee" (the tables name regions in the singular)."""
    return region[:-1] if region.endswith("s") and not region.endswith("ss") else region


def _side_after(text: str, folded: str, end: int) -> tuple[str | None, int]:
    """A side written after the region: "MRI knee (R)", "CT wrist L", "MRI knee right"."""
    m = _SIDE_AFTER.match(folded, end)
    if m is None:
        return None, end
    bracketed = m["bracket"] is not None
    word = m["bracket"] or m["word"]
    start = m.start("bracket") if bracketed else m.start("word")
    side = _side(text, word, start, start + len(word), bracketed=bracketed)
    return (side, m.end()) if side else (None, end)
