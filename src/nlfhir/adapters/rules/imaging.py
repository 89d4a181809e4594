"""Imaging studies in the word orders clinicians write, coded where the tables name the study.

The LOINC table names a study "<modality> <region>[ - <side>][ <contrast>][ <views>]" ("mri knee -
right without contrast", "x-ray knee - left 3 views"); orders say "MRI right knee", "MRI of the
left knee w/o contrast", "CT wrist L", "right knee MRI", "bilateral knee x-rays", "XR KNEE 3 VIEWS
RIGHT", "CT chest/abdomen/pelvis with contrast". This reader takes a modality word, the region
words on either side of it, and the side, contrast and number of views next to them, and looks up
the study the words name, in the table's own order. A study the table names is coded. A study
whose modality and region the table names but not with the side, contrast or views written, or
whose side or contrast is written in a way no rule reads ("xr hip l", "CT chest + contrast"), is
kept as written, uncoded: the plain study's code would order another study (no side, the wrong
contrast). Words the table does not name as a study are left to the other rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlfhir.domain.grammar import rx

if TYPE_CHECKING:
    import re
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
_TABLE_MODALITIES = frozenset(_MODALITIES.values())
_SIDES = {
    "left": "left",
    "lt": "left",
    "l": "left",
    "right": "right",
    "rt": "right",
    "r": "right",
    "bilateral": "bilateral",
    "bilaterally": "bilateral",
    "bilat": "bilateral",
    "b/l": "bilateral",
    "bl": "bilateral",
    "both": "bilateral",
    "b": "bilateral",
}
# A side in one or two letters is read in capitals or in brackets only ("xr hip l" is unsure)
_SHORT_SIDES = frozenset({"l", "r", "b", "bl"})
_SIDE = r"left|right|lt|rt|l|r|bilat(?:eral(?:ly)?)?|b/l|bl|both|b"
# A side after the region (or after its contrast or views): "MRI knee (R)", "CT wrist L", "MRI
# knee right", "on the left", "R and L" (both). ``next`` is the word after it: a side followed
# by a region is the next study's ("XR knee, left hip").
_SIDE_AFTER = rx.compile(
    rf"\s*(?P<comma>[,\-]\s*)?(?:\(\s*(?P<bracket>{_SIDE})\s*\)"
    rf"|(?:on\s+the\s+)?(?P<word>{_SIDE})(?:\s*(?:and|&|\+|,|/)\s*(?P<other>{_SIDE}))?"
    r"(?:\s+side)?)(?![\w/-])(?P<next>\s+[a-z][a-z-]*)?"
)
# "left and right knee x-rays", "R and L hip": both sides, before the region.
_PAIR_BEFORE = rx.compile(rf"(?<![\w/])(?P<first>{_SIDE})\s*(?:and|&|\+|/)\s*$")
# "with IV contrast", "w/o contrast", "w/contrast", "+ contrast", "non contrast", "with no gad",
# "w wo contrast", "with/without contrast", "pre and post contrast", "(-) contrast".
_CONTRAST = (
    r"(?:with\s*(?:and|&|/|\+)\s*without|without\s*(?:and|&|/)\s*with"
    r"|w/?\s*(?:and|&|\+|/)?\s*w/?o|wo\s*(?:and|&|/)\s*w/?|w/?\s*\+\s*w/?o|pre\s*(?:and|&|/)\s*post"
    r"|with\s+no|without|w/out|w/o|with|w/|wo|w|no|non|\+|-(?!\s)|\(\+\)|\(-\)|\+/-)"
    r"\s*(?:(?:iv|oral|po)(?:\s*(?:and|&|\+|/)\s*(?:iv|oral|po))?\s+)?"
    r"(?:contrast|con|gadolinium|gad|dye)\b"
    # "no con allergy", "contrast ok": about the contrast, no instruction for this study
    r"(?![ \t]*(?:allerg|reaction|ok\b|okay\b|fine\b|given\b|nephropathy))"
    r"|non-?con(?:trast(?:ed)?)?\b|contrast(?:-|\s+)enhanced|(?:iv|oral)\s+contrast\b"
    # "CT head w/o", "MRI brain w/wo for mets": the contrast left unsaid, ending the study
    r"|(?:w/?\s*(?:and\s+|&\s*)?w/?o|w/wo|w/o|w/out|wo|without|with\s+and\s+without)"
    r"(?=\s*(?:[.;,()\n]|$|(?:for|to|r/o|stat|now|today|tomorrow|in|please|clinical|indication"
    r"|priority|reason|dx|hx)\b))"
)
_CONTRAST_AFTER = rx.compile(rf"\s*(?:[,(]\s*|-\s+)?(?P<contrast>{_CONTRAST})\)?")
_CONTRAST_BEFORE = rx.compile(
    r"(?<![\w-])(?P<contrast>non-?\s?con(?:trast(?:ed)?)?|contrast(?:-|\s+)enhanced)\s+$"
)
_VIEWS = rx.compile(
    r"\s*,?\s*(?:(?P<n>\d|one|two|three|four|five|single)\s*-?\s*views?\b(?:\s+of)?"
    # the projections: "PA and lateral", "AP", "AP/lat"
    r"|(?P<p>(?:pa|ap|lat(?:eral)?|oblique)(?:\s*(?:and|&|/|\+|\s)\s*(?:pa|ap|lat(?:eral)?|oblique))*)"
    r"(?![\w/-]))"
)
_NUMBERS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "single": "1"}
# Words after a study that still describe it (a side or contrast among them means the study as
# written is not the one read), and the words that end that description.
_AFTER_WORD = rx.compile(r"\s*(?:[(\[]\s*)?(?P<w>[a-z0-9+/-]+)\)?")
# The words of a contrast agent, and how it is given
_CONTRAST_WORDS = frozenset({"contrast", "gad", "gadolinium", "dye", "iv", "oral"})
_QUALIFIER_WORDS = frozenset(
    {*_CONTRAST_WORDS, "con", *_SIDES}
    | {"without", "w/o", "wo", "w/wo", "w/out", "w/"}
    # a view the reader does not take ("AP lateral and sunrise")
    | {"pa", "ap", "lateral", "lat", "oblique", "sunrise", "tunnel", "axillary", "merchant"}
    | {"skyline", "mortise", "swimmer", "decubitus", "inlet", "outlet", "judet", "frog"}
    # a study of its own in the tables' names ("MRI right knee arthrogram": never the plain MRI)
    | {"arthrogram", "angiogram", "angiography", "angio", "venogram", "3d", "dynamic"}
    | {"perfusion", "protocol", "guided", "guidance", "stress", "standing", "flexion"}
    | {"extension", "limited", "complete", "series", "survey", "weight-bearing", "bearing"}
)
_DESCRIPTION_END = frozenset(
    {"for", "to", "due", "because", "r/o", "ro", "if", "when", "then", "and", "stat", "now"}
    | {"reveals", "revealed", "shows", "showed", "showing", "demonstrates", "demonstrated"}
    | {"was", "is", "were", "are", "done", "reviewed", "pending", "completed", "negative"}
    | {"today", "tonight", "tomorrow", "in", "at", "on", "please", "asap", "urgent", "routine"}
)
_LOOK_AHEAD = 5  # words
# The words that end a region: where the tables' names go on to a side, contrast, views or
# projection ("x-ray chest pa and lateral", "ct guidance for ..."): a region is the name before.
_REGION_END = frozenset(
    {"with", "without", "w", "wo", "views", "view", "single", "limited", "portable", "pa", "ap"}
    | {"lateral", "oblique", "3d", "dynamic", "arthrogram", "guidance", "post", "pre", "for"}
    | {"standing", "stress", "and/or", "w/o", "w/", "complete", "series"}
)
# Words that end a region as written: the contrast, the side, the views that follow it.
_NOT_REGION = frozenset(
    {"with", "without", "w", "wo", "no", "non-contrast", "noncontrast", "noncon", "non-con"}
    | {*_CONTRAST_WORDS, *_SIDES}
)
_NOT_LAST = frozenset({"and", "or", "of", "the", "for", "to"})  # "CT head and c-spine"
_MAX_REGION_WORDS = 5
_JOINERS = frozenset({"/", "&", ","})
_REGION_JOINS = _JOINERS | {"and"}  # between two regions: "left hip and knee"
_NOT_FIRST = _JOINERS | _NOT_LAST  # never a region's first word
_SKIP_BEFORE_REGION = ("of the ", "of ")
# "chest CT to suction", "left chest CT output": a chest tube, never a study.
_TUBE_AFTER = rx.compile(
    r"\s*(?:to\s+(?:suction|(?:water|h2o)\s*seal|wall|gravity|lws|pleur\w*)|output|drain\w*"
    r"|site|dressing|remov\w*|placement|placed|insertion|inserted|clamp\w*|pulled|pull\b|tube)"
)
# "PIV under US guidance": guidance for another procedure, never a study of its own.
_GUIDANCE_AFTER = rx.compile(r"\s*-?\s*guid(?:ed|ance)\b")
# (any letter: "ordér" is one word, never "ord" and a side "r")
_WORD = rx.compile(r"b/l\b|[^\W\d_]+(?:-[^\W\d_]+)*|/|&|,")


def contrast_wording(words: str) -> str:
    """ "w/o contrast", "non-contrast", "w wo contrast", "with/without gadolinium", "pre and post
    contrast": the tables' wording."""
    w = " ".join(
        words.lower()
        .replace("w/out", " wo ")
        .replace("w/o", " wo ")
        .replace("without", " wo ")
        .replace("w/", " w ")
        .replace("with", " w ")
        .replace("/", " ")
        .replace("+", " + ")
        .split()
    )
    tokens = set(w.split())
    if ("w" in tokens and "wo" in tokens) or {"pre", "post"} <= tokens or "+/-" in words:
        return "with and without contrast"
    if tokens & {"wo", "no", "non"} or w.startswith(("non", "-", "(-)")):
        return "without contrast"  # "-contrast", "(-) contrast"
    return "with contrast"


class Study:
    """A study read from the text: its span and the tables' concept for it (None: uncoded)."""

    __slots__ = ("coded", "end", "start")

    def __init__(self, start: int, end: int, coded: Concept | None) -> None:
        self.start = start
        self.end = end
        self.coded = coded


def regions(names: Iterable[str]) -> frozenset[str]:
    """Every "<modality> <region>" the tables' study names hold, before the side and before
    the words that go on to contrast, views or projection: "x-ray wrist" from "x-ray wrist -
    left 2 views" (the tables may name no plain "x-ray wrist"), "ct chest and abdomen and
    pelvis". A region is recognised by these; the study is coded only by its whole name."""
    out: set[str] = set()
    for name in names:
        words = name.split(" - ", 1)[0].split()
        if len(words) < 2 or words[0] not in _TABLE_MODALITIES:  # noqa: PLR2004 - modality, region
            continue
        cut = next(
            (i for i, w in enumerate(words[1:], 1) if w in _REGION_END or w[0].isdigit()),
            len(words),
        )
        if cut > 1 and words[cut - 1] not in _NOT_LAST:
            out.add(" ".join(words[:cut]))
    return frozenset(out)


def studies(
    text: str, folded: str, lookup: Callable[[str], Concept | None], known: frozenset[str]
) -> list[Study]:
    """Every imaging study a modality word and its region name: ``known`` holds the regions
    (``regions``), ``lookup`` codes the whole study."""
    return _Reader(text, folded, lookup, known).studies()


def tube_or_guidance(folded: str, end: int) -> bool:
    """ "chest CT to suction", "under US guidance": the modality's letters name a chest tube or
    guide another procedure; no study is ordered by them."""
    return bool(_TUBE_AFTER.match(folded, end) or _GUIDANCE_AFTER.match(folded, end))


class _Qualifiers:
    """What is written around a study: its side, contrast, views, and whether every word of
    them was read (``sure``)."""

    __slots__ = ("contrast", "side", "sure", "views")

    def __init__(self, *, side: str | None, sure: bool) -> None:
        self.side = side
        self.sure = sure
        self.contrast = ""
        self.views = ""


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
            if found is None or tube_or_guidance(self.folded, max(found[1], m.end())):
                continue
            out.append(self._study(modality, found))
        return out

    def _study(self, modality: str, found: tuple[int, int, str, str | None, bool | None]) -> Study:
        """The side, contrast and views written around the study (``found``: start, end,
        region, side, sure; None: sure only if a side is written after it), in any order,
        named in the tables' order."""
        start, end, region, side, maybe = found
        q = _Qualifiers(side=side, sure=maybe is not False)
        end = self._qualifiers_after(modality, end, q)
        if maybe is None and q.side is None:
            q.sure = False
        if not q.contrast and (
            before := _CONTRAST_BEFORE.search(self.folded, max(0, start - 25), start)
        ):
            q.contrast, start = before["contrast"], before.start()
        unread_end = self._unread_qualifier(modality, end)
        if unread_end is not None:
            end, q.sure = unread_end, False  # "XR WRIST COMPLETE RIGHT", "CT chest + IV con"
        if not q.sure:
            return Study(start, end, None)
        return Study(start, end, self._code(modality, region, q))

    def _code(self, modality: str, region: str, q: _Qualifiers) -> Concept | None:
        """The tables' concept for the study, its region also tried with "and" between its
        words ("abdomen pelvis" -> "abdomen and pelvis")."""
        words = region.split()
        spellings = [region]
        if len(words) > 1 and "and" not in words:
            spellings.append(" and ".join(words))
        tail = ""
        if q.contrast:
            # the tables' contrast is IV: oral contrast names a study they do not code
            oral = "oral" in q.contrast or "po" in q.contrast.split()
            tail = " oral contrast" if oral else " " + contrast_wording(q.contrast)
        for spelling in spellings:
            name = f"{modality} {spelling}" + (f" - {q.side}" if q.side else "") + tail
            coded = self.lookup(f"{name} {q.views}" if q.views else name)
            if coded is None and modality == "x-ray" and not q.views:
                coded = self.lookup(f"{name} views")  # "XR Knee Views": views not counted
            if coded is not None:
                return coded
        return None

    def _qualifiers_after(self, modality: str, end: int, q: _Qualifiers) -> int:
        """Read the side, contrast and views right after the study, in any order; the end."""
        for _ in range(3):
            if q.side is None and (read := self._side_after(modality, end)) is not None:
                q.side, end, q.sure = read[0], read[1], q.sure and read[2]
            elif not q.contrast and (after := _CONTRAST_AFTER.match(self.folded, end)):
                q.contrast, end = after["contrast"], after.end()
            elif modality == "x-ray" and not q.views and (v := _VIEWS.match(self.folded, end)):
                q.views, end = _views(v), v.end()
            else:
                break
        return end

    def _side_after(self, modality: str, end: int) -> tuple[str, int, bool] | None:
        """(side, end, sure) of a side written after the study so far, or None."""
        m = _SIDE_AFTER.match(self.folded, end)
        if m is None:
            return None
        nxt = (m["next"] or "").strip()
        if m["bracket"] is None and nxt and f"{modality} {_singular(nxt)}" in self.known:
            return None  # "XR knee, left hip": the next study's side
        if m["comma"] and m["bracket"] is None and nxt and nxt not in _QUALIFIER_WORDS:
            return None  # "MRI brain, left arm weakness": no side of the study
        word = m["bracket"] or m["word"]
        at = m.start("bracket") if m["bracket"] else m.start("word")
        written = self.text[at : at + len(word)]
        sure = m["bracket"] is not None or word not in _SHORT_SIDES or written.isupper()
        side = _SIDES[word]
        if m["other"] and _SIDES[m["other"]] != side:
            side = "bilateral"  # "R and L", "right and left"
        return side, m.end("other") if m["other"] else m.end() - len(m["next"] or ""), sure

    def _unread_qualifier(self, modality: str, end: int) -> int | None:
        """Where the words right after the study end, if a side, contrast or another region is
        among them that no rule read ("XR WRIST COMPLETE RIGHT", "CT chest + IV con", "XR ribs
        left with chest"); else None."""
        last = None
        pos = end
        for _ in range(_LOOK_AHEAD):
            m = _AFTER_WORD.match(self.folded, pos)
            if m is None or m["w"] in _DESCRIPTION_END or m["w"] in _MODALITIES:
                break  # the words that end the study's, or the next study
            if self.folded[pos : m.start("w")].strip(" ([") or "\n" in self.folded[pos : m.end()]:
                break  # a comma, a full stop: the study's words end
            if m["w"] in _QUALIFIER_WORDS or f"{modality} {m['w']}" in self.known:
                last = m.end()
            pos = m.end()
        return last

    def _names(self, modality: str, words: list[str]) -> str | None:
        """The region as the tables name it for the modality ("knees" -> "knee", "chest abdomen
        pelvis" -> "chest and abdomen and pelvis"), if they do."""
        region = _region_name(words)
        candidates = [region, _singular(region)]
        if len(words) > 1 and not set(words) & _JOINERS and "and" not in words:
            candidates.append(" and ".join(words))
        return next((c for c in candidates if f"{modality} {c}" in self.known), None)

    def after(
        self, start: int, at: int, modality: str
    ) -> tuple[int, int, str, str | None, bool | None] | None:
        """ "MRI right knee", "MRI of the left knee", "CT chest/abdomen/pelvis", "right MRI
        knee": (start, end, region, side, sure)."""
        rest = self.folded[at:]
        skipped = len(rest) - len(rest.lstrip())
        for lead in _SKIP_BEFORE_REGION:
            if rest[skipped:].startswith(lead):
                skipped += len(lead)
                break
        words = _words(self.folded, at + skipped, min(len(self.folded), at + skipped + 60))
        if not words or words[0][1] != at + skipped or words[0][0] in _JOINERS:
            return None  # the region follows the modality word, nothing between
        side, sure = None, True
        first = words[0][0]
        if first in _SIDES:
            if first in _SHORT_SIDES:
                return None  # "CT L spine": a letter before the region is the region's
            side = _SIDES[first]
            words = words[1:]
        found = self._region_after(modality, words)
        if found is None:
            return None
        region, end, plural = found
        if side is None and (before := self._side_before(start)) is not None:
            side, start, sure = before  # "right MRI knee", "Left XR ankle"
        # "XR knees": both, or a plural of images? Unsure unless a side is written after it
        return start, end, region, side, None if plural and side is None else sure

    def _region_after(
        self, modality: str, words: list[tuple[str, int, int]]
    ) -> tuple[str, int, bool] | None:
        """The longest run of the words that names a region: (region, end, written in the
        plural)."""
        words = _adjacent(self.folded, words)[:_MAX_REGION_WORDS]
        words = words[: next((i for i, w in enumerate(words) if w[0] in _NOT_REGION), len(words))]
        for n in range(len(words), 0, -1):
            if words[n - 1][0] in _JOINERS or words[n - 1][0] in _NOT_LAST:
                continue
            written = [w for w, _, _ in words[:n]]
            region = self._names(modality, written)
            if region is not None:
                as_written = _region_name(written)
                plural = region != as_written and region == _singular(as_written)
                return region, words[n - 1][2], plural
        return None

    def before(
        self, start: int, end: int, modality: str
    ) -> tuple[int, int, str, str | None, bool | None] | None:
        """ "right knee MRI", "chest CT", "left and right knee x-rays": (start, end, region,
        side, sure)."""
        words = _words(self.folded, max(0, start - 60), start)
        words = _adjacent_before(self.folded, words, start)[-(_MAX_REGION_WORDS + 1) :]
        for n in range(len(words), 0, -1):
            chosen = words[-n:]
            region_words = chosen[1:] if chosen[0][0] in _SIDES else chosen
            if not region_words or region_words[0][0] in _NOT_FIRST:
                continue
            region = self._names(modality, [w for w, _, _ in region_words])
            if region is None:
                continue
            if chosen[0][0] not in _SIDES:
                sided = self._side_before(chosen[0][1])
                side, first, sure = sided if sided else (None, chosen[0][1], True)
                return first, end, region, side, sure and not _side_among(words, first)
            side, sure = _SIDES[chosen[0][0]], True
            written = self.text[chosen[0][1] : chosen[0][2]]
            if chosen[0][0] in _SHORT_SIDES and not written.isupper():
                sure = False  # "order l knee x-ray"
            first = chosen[0][1]
            if (pair := _PAIR_BEFORE.search(self.folded, max(0, first - 20), first)) is not None:
                if _SIDES[pair["first"]] != side:
                    side = "bilateral"  # "left and right knee x-rays"
                first = pair.start()
            return first, end, region, side, sure and not _side_among(words, first)
        return None

    def _side_before(self, at: int) -> tuple[str, int, bool] | None:
        """A side word right before ``at`` ("right MRI knee"; "order l MRI knee" is unsure)."""
        words = _words(self.folded, max(0, at - 15), at)
        if not words or self.folded[words[-1][2] : at].strip():
            return None
        word, w_start, w_end = words[-1]
        if word not in _SIDES:
            return None
        written = self.text[w_start:w_end]
        return _SIDES[word], w_start, word not in _SHORT_SIDES or written.isupper()


def _views(m: re.Match[str]) -> str:
    """ "3 views", "single view", "pa and lateral": the tables' wording of an x-ray's views."""
    if m["p"] is not None:
        parts = _PROJECTION_PART.findall(m["p"])
        return " and ".join("lateral" if p == "lat" else p for p in parts)
    n = _NUMBERS.get(m["n"], m["n"])
    return "single view" if n == "1" else f"{n} views"


_PROJECTION_PART = rx.compile(r"pa|ap|lateral|lat|oblique")


def _side_among(words: list[tuple[str, int, int]], before: int) -> bool:
    """ "left hip and knee x-rays": a side before another region joined to the study's, over
    both; never another study's ("right knee x-ray and left hip x-ray", "XR right knee and
    left shoulder MRI")."""
    run = [w for w, _, end in words if end <= before]
    if not run or run[-1] not in _REGION_JOINS:
        return False
    for i in range(len(run) - 2, max(-1, len(run) - 5), -1):
        if run[i] in _MODALITIES:
            return False
        if run[i] in _SIDES:
            return i == 0 or run[i - 1] not in _MODALITIES
    return False


def _words(folded: str, start: int, end: int) -> list[tuple[str, int, int]]:
    return [(w[0], w.start(), w.end()) for w in _WORD.finditer(folded, start, end)]


def _region_name(words: list[str]) -> str:
    """ "chest / abdomen / pelvis", "abdomen & pelvis" -> the tables' "chest and abdomen and
    pelvis"."""
    parts = ["and" if w in _JOINERS else w for w in words]
    return " ".join(parts)


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
