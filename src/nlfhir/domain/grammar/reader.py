"""From text and mentions to orders: the grammar's entry point.

Each sentence is read on its own. A medication mention owns the text up to the next mention in
its sentence (and, if first, the words before it: "Give 1 mg IV of epinephrine"); that window is
split into dosage lines ("..., then 20 mg daily") and each line read by ``read_sig``. A sentence
with no mention either continues the previous drug's dosage ("Apply to left leg twice daily")
or is returned as unparsed, with the reason. Stopped, held and negated mentions never become
orders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from nlfhir.domain.codes import Concept
from nlfhir.domain.grammar import lexicon as lx
from nlfhir.domain.grammar import rx
from nlfhir.domain.grammar import segments as sg
from nlfhir.domain.grammar.allergies import read_allergies
from nlfhir.domain.grammar.coordination import ends_joined, share
from nlfhir.domain.grammar.mentions import Mention, MentionKind, Vocabulary
from nlfhir.domain.grammar.patterns import fold
from nlfhir.domain.grammar.services import read_service
from nlfhir.domain.grammar.sig import SigReading, read_sig
from nlfhir.domain.orders import (
    Dosage,
    Extraction,
    MedicationOrder,
    Order,
    OrderIntent,
    Priority,
    ServiceOrder,
    Span,
    UnparsedSegment,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

_LINE_SPLIT = rx.compile(
    r"(?P<then>,?\s*\b(?:then|followed\s+by|and\s+then)\b\s*)"
    r"|(?P<also>,\s*(?=(?:apply|insert|take(?!\s+off)|use|instill|inhale|give|place|spray)\b)"
    # "1 tab in the morning, 2 tabs with lunch", "40 mg IV now and 40 mg PO in AM": each new
    # amount is a parallel dosage line
    # "5 mg ... prn moderate pain or 10 mg ... prn severe pain": tiers, read as lines (never agree)
    r"|(?P<amount>(?:,|\s+and|\s+or)\s+(?=(?:\d+\s+)?\d+(?:\.\d+)?(?:/\d+)?\s*(?:tabs?|tablets?|caps?|capsules?|puffs?"
    r"|drops?|units?|mg|mcg|ml|meq|mmol|g|gm|iu)\b"
    # "5 units with breakfast, 7 with lunch": a bare amount at another meal is another line
    r"|\d+(?:\.\d+)?\s+(?:with|at|before|after)\s+(?:breakfast|lunch|dinner|supper|bedtime)\b))"
    r"|\s+[/|+]\s+(?=\d))",
)  # matched on the folded window: a case-insensitive pattern costs about three times as much


_UNREAD = "words of the dosage no rule read: kept in the dosage text, not structured"
_UNRECOGNISED = "no medication, test or allergy recognised"
UNREAD_REASON = _UNREAD  # adapters tell these segments by it
_STUDY = "describes a study or protocol (placebo, randomized, participants ...): not an order"
_NAMED = "a drug named with no dosage and no ordering verb: not an order"
_DOSAGE_WORD = rx.compile(r"\b(?:po|iv|im|sc|sq|subq|sl|pr|oral|intravenous)\b", re.IGNORECASE)
_STEP_END = rx.compile(r"(?:\bthen|[:,])\s*$", re.IGNORECASE)
_STEP = "a step before the drug's order that no rule read: not ordered"
_SEVERAL = (
    "several doses side by side that are not one schedule (tiers, alternatives, steps, strengths"
    " on hand): not ordered"
)
_UNSTRUCTURED = "a drug whose dosage no rule could read (sliding scale, titration ...): not ordered"
_HISTORY = "under a history heading (family, social, past medical ...): reports, not an order"
_EMPTY_LINE = "a dosage line with no dose, route or schedule read: not structured"


# Substrings without one of which _LINE_SPLIT cannot match.
_LINE_SPLIT_NEEDS = ("then", "followed", ",", "/", "|", "+", "and", " or ", "\tor", "\nor")


@dataclass(frozen=True, slots=True, init=False)
class _Line:
    """A dosage line and where its characters come from: (offset in line, in source, length)."""

    text: str
    pieces: tuple[tuple[int, int, int], ...]

    def __init__(self, text: str, pieces: tuple[tuple[int, int, int], ...]) -> None:
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "pieces", pieces)

    def cut(self, start: int, end: int) -> _Line:
        pieces = tuple(
            (max(at, start) - start, src + max(at, start) - at, min(at + n, end) - max(at, start))
            for at, src, n in self.pieces
            if at < end and start < at + n
        )
        return _Line(self.text[start:end], pieces)

    def then(self, other: _Line) -> _Line:
        shift = len(self.text) + 1
        moved = tuple((at + shift, src, n) for at, src, n in other.pieces)
        return _Line(f"{self.text} {other.text}", self.pieces + moved)

    def source(self, start: int, end: int) -> tuple[int, int] | None:
        first, last = self._at(start), self._at(end - 1)
        return None if first is None or last is None else (first, last + 1)

    def segment(self, text: str, start: int, end: int, reason: str) -> UnparsedSegment | None:
        """The source words behind line offsets start..end, as an unparsed segment."""
        found = self.source(start, end)
        if found is None:
            return None
        span = Span(start=found[0], end=found[1])
        return UnparsedSegment(text=text[span.start : span.end], span=span, reason=reason)

    def _at(self, i: int) -> int | None:
        for at, src, n in self.pieces:
            if at <= i < at + n:
                return src + i - at
        return None


@dataclass(slots=True, init=False)
class _MedDraft:
    mention: Mention
    start: int
    end: int
    readings: list[SigReading] = field(default_factory=list[SigReading])
    lines: list[_Line] = field(default_factory=list[_Line])
    sequences: list[int] = field(default_factory=list[int])
    joined: bool = False
    sentence_start: int = 0
    loose: set[int] = field(default_factory=set[int])  # see _split_lines
    listed_as_needed: bool = False  # listed under a PRN heading ("PRN: A; B")

    def __init__(
        self,
        *,
        mention: Mention,
        start: int,
        end: int,
        joined: bool = False,
        sentence_start: int = 0,
    ) -> None:
        self.mention = mention
        self.start = start
        self.end = end
        self.readings: list[SigReading] = []
        self.lines: list[_Line] = []
        self.sequences: list[int] = []
        self.joined = joined
        self.sentence_start = sentence_start
        self.loose: set[int] = set()
        self.listed_as_needed = False


def read_orders(text: str, mentions: Sequence[Mention], vocabulary: Vocabulary) -> Extraction:
    """Read every order in ``text`` given where its drugs and tests are mentioned."""
    allergy = read_allergies(text, vocabulary)
    nkda = sg.nkda_spans(text)
    blocked = [*allergy.spans, *nkda]
    restated = [m.span for m in mentions if m.kind is MentionKind.RESTATED]
    live = _usable([m for m in mentions if m.kind is not MentionKind.RESTATED], blocked)
    orders: list[Order] = list(allergy.statements)
    drafts: list[_MedDraft] = []
    unparsed = [
        UnparsedSegment(text=text[a:b], span=Span(start=a, end=b), reason=why)
        for (a, b), why in allergy.skipped
    ]
    previous: _MedDraft | None = None
    lists = _Lists()
    last_end = 0
    with_mentions: list[sg.Sentence] = []
    ordered_from: int | None = None  # where the last sentence that ordered something starts
    for sent in sg.sentences(text):
        lists.follow(text[last_end : sent.start], sent.text)
        last_end = sent.end
        inside = [m for m in live if sent.start <= m.span.start < sent.end]
        if lists.opens(sent, inside, unparsed):
            previous = None
            continue
        if ordered_from is not None and sg.corrects(sent.text):
            # "Start Lipitor 40 mg daily. Actually make it 80 mg.": what the sentence before
            # ordered is taken back; the correction itself is not applied (both reported)
            _withdraw(text, ordered_from, sent, inside, (drafts, orders, unparsed))
            ordered_from, previous = None, None
            if not inside:
                continue
        if not inside:
            previous = _orphan(text, sent, previous, blocked, vocabulary, unparsed)
            continue
        previous = None
        with_mentions.append(sent)
        why = (
            _reports(sent.text)
            or lists.heading
            or _alternates(text, sent, inside)
            or sg.admixture(sent.text)
        )
        if why is not None:
            # "Meds on admission: aspirin 81 mg daily; metoprolol 25 mg BID": the whole list
            lists.heading = why
            span = Span(start=sent.start, end=sent.end)
            unparsed.append(UnparsedSegment(text=sent.text, span=span, reason=why))
            continue
        count = len(orders)
        lists.heading = sg.stop_lead(sent.text)  # "Stop: A; B": B is stopped too
        found = _read_sentence(text, sent, inside, vocabulary, orders, unparsed)
        for draft in found if lists.as_needed is not None else ():
            draft.listed_as_needed = True
        drafts.extend(found)
        previous = found[-1] if found else previous
        if found or len(orders) > count:
            ordered_from = sent.start
    drafts = [
        d for d in drafts if not _named_only(text, d, unparsed) and _lines_agree(text, d, unparsed)
    ]
    orders.extend(_build(text, d) for d in drafts)
    unparsed.extend(_unread_words(text, drafts, restated))
    unparsed.extend(_nothing_read(text, with_mentions, orders, unparsed))
    orders.sort(key=lambda o: o.span.start)
    return Extraction(
        orders=tuple(orders),
        unparsed=tuple(unparsed),
        no_known_allergies=bool(nkda),
    )


class _Lists:
    """The list a heading opens over the items after it: a heading's reason ("Home meds:",
    "Stop:"), kept over items split by ";" or, under a heading alone on its line, over the lines
    below it up to a blank line or another heading; and a PRN heading ("PRN:", "As needed:"),
    which makes every drug listed under it as needed."""

    __slots__ = ("as_needed", "heading", "on_lines")

    def __init__(self) -> None:
        self.heading: str | None = None
        self.on_lines = False  # the heading stands on a line of its own ("Stop taking:\n- ...")
        self.as_needed: bool | None = None  # under a PRN heading; True when on a line of its own

    def follow(self, gap: str, sentence: str) -> None:
        """End the lists the next sentence does not continue."""
        if self.heading and not sg.continues_list(gap, sentence, on_lines=self.on_lines):
            self.heading, self.on_lines = None, False
        if self.as_needed is not None and not sg.continues_list(
            gap, sentence, on_lines=self.as_needed
        ):
            self.as_needed = None

    def opens(
        self, sent: sg.Sentence, inside: list[Mention], unparsed: list[UnparsedSegment]
    ) -> bool:
        """Does the sentence open a list with no drug or test of its own (a heading)?"""
        if sg.prn_lead(sent.text):
            self.as_needed = not inside  # "PRN:" alone on its line governs the lines under it
            if not inside:
                return True
        if not inside and (kind := _heading_line(sent, unparsed)) is not None:
            self.heading, self.on_lines = kind or None, bool(kind)
            return True
        return False


def _read_sentence(
    text: str,
    sent: sg.Sentence,
    inside: list[Mention],
    vocabulary: Vocabulary,
    orders: list[Order],
    unparsed: list[UnparsedSegment],
) -> list[_MedDraft]:
    """The orders of one sentence: each drug's draft (returned) and each test's order."""
    in_sentence: list[_MedDraft] = []
    # a priority word shared by a list of tests: anywhere in a sentence of tests alone, only
    # before the first order where a drug is ordered too ("Give morphine stat, order CBC")
    only_tests = all(m.kind is not MentionKind.MEDICATION for m in inside)
    ordered_before = len(orders)
    refused: dict[int, str] = {}  # why a drug of this sentence orders nothing, by index
    shared_end = sent.end if only_tests else inside[0].span.start
    choices = _choices(text, inside)
    for i, mention in enumerate(inside):
        window_end = _window_end(text, sent, inside, i)
        window_end = _other_order(text, mention.span.end, window_end, unparsed)
        before_start = inside[i - 1].span.end if i else sent.start
        if mention.kind is MentionKind.LAB and _other_specimen(text, sent.start, mention, inside):
            span = mention.span
            unparsed.append(
                UnparsedSegment(text=text[span.start : span.end], span=span, reason=_SPECIMEN)
            )
            continue
        if mention.kind is not MentionKind.MEDICATION:
            _service(
                text,
                mention,
                (sent.start, sent.end, before_start, shared_end),
                window_end,
                vocabulary,
                orders,
                unparsed,
            )
            continue
        if (why := _CHOICE if i in choices else _listed_with(text, inside, i, refused)) is not None:
            # "Hold aspirin and Plavix x 48h", "was given ketorolac 30 mg IV and ondansetron
            # 4 mg IV": a drug listed after one reported shares its reason
            span = Span(
                start=mention.span.start, end=_trim_end(text, mention.span.start, window_end)
            )
            unparsed.append(
                UnparsedSegment(text=text[span.start : span.end], span=span, reason=why)
            )
            refused[i] = why
            continue
        count = len(unparsed)
        draft = _medication(text, mention, before_start, window_end, i == 0, vocabulary, unparsed)
        if draft is None:
            if len(unparsed) > count:
                refused[i] = unparsed[-1].reason
            continue
        draft.sentence_start = sent.start
        in_sentence.append(draft)
    in_sentence = _coordinate(text, in_sentence, unparsed)
    if only_tests and len(orders) > ordered_before:  # a test of this sentence was ordered
        unparsed.extend(_unlisted(text, sent, inside, unparsed))  # "Order CBC and Mg"
    return in_sentence


_SPECIMEN = (
    "a test on a specimen its code does not name (CSF, pleural fluid, urine): not coded,"
    " not ordered"
)
_SPECIMENS = (
    r"(?:csf|cerebrospinal\s+fluid|pleural|peritoneal|ascitic|ascites|synovial|joint|body|urine"
    r"|urinary|stool|fecal|sputum|drain|bal)(?:\s+fluid)?"
)
# "CSF glucose", "urine sodium": the specimen right before the test; "Send CSF cell count,
# glucose, protein", "pleural fluid for LDH, protein, glucose": a list sent from a specimen.
_SPECIMEN_RIGHT_BEFORE = rx.compile(rf"\b{_SPECIMENS}\s+(?:[a-z]+\s+)?$", re.IGNORECASE)
_SPECIMEN_LIST = rx.compile(
    rf"\b(?:send|sent|collect|obtain)\s+(?:the\s+|a\s+)?{_SPECIMENS}\b|\b{_SPECIMENS}\s+for\b",
    re.IGNORECASE,
)


def _other_specimen(text: str, start: int, mention: Mention, inside: list[Mention]) -> bool:
    """A test on a specimen named before it (outside any test's own name, as in "urine culture"),
    whose lab code names blood, serum or plasma."""
    before = text[start : mention.span.start]
    found = _SPECIMEN_RIGHT_BEFORE.search(before) or _SPECIMEN_LIST.search(before)
    return found is not None and not any(
        x.span.start <= start + found.start() < x.span.end for x in inside
    )


_UNLISTED = "an item of a list of orders that names nothing the tables know: not ordered"
_ITEM_BREAK = rx.compile(r",|;|\band\b|\bplus\b|&|\+", re.IGNORECASE)
_ITEM_WORD = rx.compile(r"[A-Za-z][A-Za-z0-9'/\-]*")
_FILLER = frozenset(
    """order orders ordered please pls get obtain send draw check also stat routine urgent asap
    now today tonight tomorrow am pm morning afternoon evening in the a an then repeat labs lab
    with this next week weekly daily x w/o without contrast iv oral po portable""".split()  # noqa: SIM905
)
_COUNT_WORD = rx.compile(r"x\d+|q\d+\w*")  # "x2", "q6h": how often, no item
_REASON_LEAD = frozenset(
    {"for", "due", "because", "re", "given", "r/o", "to", "dx", "indication", "clinical", "b/c"}
)


def _unlisted(
    text: str, sent: sg.Sentence, inside: list[Mention], unparsed: list[UnparsedSegment]
) -> list[UnparsedSegment]:
    """ "Order CBC and Mg", "Order blood cultures x2, lactate, CXR": the items of a list of
    tests that name nothing the tables know, which would otherwise vanish; from the first item
    that gives a reason ("for sepsis and hypotension") on, the words are the reason's."""
    out: list[UnparsedSegment] = []
    breaks = list(_ITEM_BREAK.finditer(text, sent.start, sent.end))
    cuts = [sent.start, *(m.end() for m in breaks)]
    ends = [*(m.start() for m in breaks), sent.end]
    for a, b in zip(cuts, ends, strict=True):
        words = [w.lower() for w in _ITEM_WORD.findall(text, a, b)]
        if not words or words[0] in _REASON_LEAD:
            break
        if any(a <= m.span.start < b for m in inside):
            if "for" in words:
                break
            continue
        if any(u.span.start < b and a < u.span.end for u in unparsed):
            continue
        if all(w in _FILLER or w.isdigit() or _COUNT_WORD.fullmatch(w) for w in words):
            continue
        start = a + len(text[a:b]) - len(text[a:b].lstrip())
        end = _trim_end(text, start, b)
        span = Span(start=start, end=end)
        out.append(UnparsedSegment(text=text[start:end], span=span, reason=_UNLISTED))
    return out


_CHOICE = "one of several drugs joined by 'or': which one is not stated, none is ordered"
_OR_BETWEEN = rx.compile(
    r"(?:\bor|\balternatively|\balternative(?:\s+is)?|\b(?:may\s+)?substitute(?:\s+with)?)[ \t:]*"
    r"(?:\([^()]*\)[ \t]*)?$|^[ \t]*/[ \t]*$",
    re.IGNORECASE,
)


def _choices(text: str, inside: list[Mention]) -> set[int]:
    """ "hydromorphone 0.5 mg IV or oxycodone 5 mg PO q4h prn", "enoxaparin 40 mg SC daily
    (alternatively heparin ...)", "may substitute morphine": the drugs offered as a choice (the
    words of one end in "or" where the next begins); ordering each would order both."""
    out: set[int] = set()
    for k in range(len(inside) - 1):
        one, other = inside[k], inside[k + 1]
        if (
            one.kind is MentionKind.MEDICATION
            and other.kind is MentionKind.MEDICATION
            and _OR_BETWEEN.search(text[one.span.end : other.span.start]) is not None
        ):
            out.update((k, k + 1))
    return out


_CORRECTION = "a correction of the order before it: not applied, the order is not made"
_WITHDRAWN = "taken back or corrected by the sentence after it: not ordered"


def _heading_line(sent: sg.Sentence, unparsed: list[UnparsedSegment]) -> str | None:
    """A heading alone on its line, reported: what it makes of the lines under it (a reason), ""
    for a heading that only ends the one before ("New:"), None for no heading."""
    kind = sg.heading_line(sent.text)
    if kind is not None:
        why = kind or _UNRECOGNISED
        span = Span(start=sent.start, end=sent.end)
        unparsed.append(UnparsedSegment(text=sent.text, span=span, reason=why))
    return kind


def _withdraw(
    text: str,
    start: int,
    sent: sg.Sentence,
    inside: list[Mention],
    found: tuple[list[_MedDraft], list[Order], list[UnparsedSegment]],
) -> None:
    """Take back every drug and test ordered from ``start`` to the correcting sentence, reporting
    each; a correction with no drug or test of its own is reported too."""
    drafts, orders, unparsed = found
    end = sent.start
    if not inside:
        span = Span(start=sent.start, end=sent.end)
        unparsed.append(UnparsedSegment(text=sent.text, span=span, reason=_CORRECTION))
    taken = [d for d in drafts if start <= d.start < end]
    tests = [o for o in orders if isinstance(o, ServiceOrder) and start <= o.span.start < end]
    drafts[:] = [d for d in drafts if d not in taken]
    orders[:] = [o for o in orders if o not in tests]
    spans = [Span(start=d.start, end=d.end) for d in taken] + [o.span for o in tests]
    for span in sorted(spans, key=lambda s: s.start):
        unparsed.append(
            UnparsedSegment(text=text[span.start : span.end], span=span, reason=_WITHDRAWN)
        )


def _window_end(text: str, sent: sg.Sentence, inside: list[Mention], i: int) -> int:
    """Where a mention's words end: at the next mention, unless that is a test measured in the
    drug's own condition ("potassium chloride 20 mEq PO x1 if K < 3.5"), which the drug's dosage
    keeps as its as-needed reason (the test itself is reported, never ordered)."""
    nxt = i + 1
    if (
        nxt < len(inside)
        and inside[i].kind is MentionKind.MEDICATION
        and inside[nxt].kind is not MentionKind.MEDICATION
        and sg.measured_condition(
            text[inside[i].span.end : inside[nxt].span.start],
            text[inside[nxt].span.end : inside[nxt].span.end + 40],
        )
    ):
        nxt += 1
    return inside[nxt].span.start if nxt < len(inside) else sent.end


_NOTHING = "no order could be read in this sentence: its words are not structured"
_LEFT_WORD = rx.compile(r"[a-z]{4,}")
_SPOKEN_FOR = frozenset(
    [
        "hold",
        "held",
        "stop",
        "given",
        "gave",
        "received",
        "start",
        "order",
        "orders",
        "please",
        "patient",
        "discharged",
        "home",
        "with",
        "from",
        "that",
        "this",
        "then",
        "also",
    ]
)


def _nothing_read(
    text: str, sentences: list[sg.Sentence], orders: list[Order], unparsed: list[UnparsedSegment]
) -> list[UnparsedSegment]:
    """A sentence that names a drug or test but orders nothing is reported whole when the
    segments already reported leave some of its words out ("calcium carbonate-vitamin D 600
    mg-400 units tablet 1 tab BID" reported only "calcium"): nothing is lost unreported."""
    out: list[UnparsedSegment] = []
    for sent in sentences:
        if any(sent.start <= o.span.start < sent.end for o in orders):
            continue
        covered = [
            (u.span.start, u.span.end)
            for u in unparsed
            if u.span.start < sent.end and sent.start < u.span.end
        ]
        left = "".join(
            c if not any(a <= i < b for a, b in covered) else " "
            for i, c in enumerate(text[sent.start : sent.end], sent.start)
        )
        # lost words: a number, or a word of the order's own ("carbonate-vitamin D 600 mg"),
        # not the verb or status word the segments' reasons already speak for ("Hold", "given")
        if any(c.isdigit() for c in left) or any(
            w not in _SPOKEN_FOR for w in _LEFT_WORD.findall(left.lower())
        ):
            span = Span(start=sent.start, end=sent.end)
            out.append(UnparsedSegment(text=sent.text, span=span, reason=_NOTHING))
    return out


def _named_only(text: str, draft: _MedDraft, unparsed: list[UnparsedSegment]) -> bool:
    """A drug named with no dosage at all and no ordering verb before it in its sentence
    ("Aspirin allergy.", "INR 2.8 on warfarin", "educated on albuterol") is no order: it is
    reported unparsed, whatever the rest of the sentence says."""
    if any(_structured(r.dosage) for r in draft.readings):
        return False
    if sg.orders_before(text[draft.sentence_start : draft.mention.span.start]):
        return False
    if sg.orders_after(text[draft.mention.span.end : draft.end]):
        return False
    span = Span(start=draft.start, end=draft.end)
    # "Insulin lispro sliding scale: ...": a dosage written, but none of it could be read
    why = _UNSTRUCTURED if any(r.unread for r in draft.readings) else _NAMED
    unparsed.append(UnparsedSegment(text=text[span.start : span.end], span=span, reason=why))
    return True


def _lines_agree(text: str, draft: _MedDraft, unparsed: list[UnparsedSegment]) -> bool:
    """Dosage lines that share a sequence number are given together. Where a bare new amount
    started one ("..., 2 tabs", "... and 40 mg"; not "|", "//" or a new verb), that holds only where
    each says when it is given and no two say the same time ("1 tab in AM, 2 tabs at bedtime",
    "40 mg IV now and 40 mg PO in AM"). Lines that each last a while are a taper's steps ("20 mg
    daily for 3 days, 10 mg daily for 3 days"): numbered one after another. Any other lines
    side by side (a sliding scale's tiers, alternatives "1 g PO and 650 mg PR", strengths on
    hand "5 mg and 10 mg tablets", a step up "and 1000 mg after 1 week") cannot be read as one
    order: the drug is reported, never ordered with doses given at once that are not."""
    groups: dict[int, list[SigReading]] = {}
    for reading, seq in zip(draft.readings, draft.sequences, strict=True):
        if seq in draft.loose:
            groups.setdefault(seq, []).append(reading)
    steps: set[int] = set()
    for seq, readings in groups.items():
        if len(readings) == 1:
            continue
        if any(r.unread for r in readings) or any(
            r.dosage.dose is None and r.dosage.dose_range is None for r in readings
        ):
            break  # "5 units with breakfast, 7 with lunch": an amount with no unit, not read
        if all(r.dosage.timing.bounds_duration is not None for r in readings):
            steps.add(seq)
            continue
        times = [_times(r) for r in readings]
        if not all(times) or len(set[str]().union(*times)) < sum(len(t) for t in times):
            break
    else:
        if steps:
            renumbered: list[int] = []
            n, last = 0, None
            for seq in draft.sequences:
                n += 1 if seq != last or seq in steps else 0
                renumbered.append(n)
                last = seq
            draft.sequences = renumbered
        return True
    span = Span(start=draft.start, end=draft.end)
    unparsed.append(UnparsedSegment(text=text[span.start : span.end], span=span, reason=_SEVERAL))
    return False


def _times(reading: SigReading) -> set[str]:
    """When a dosage line is given in the day or week: event codes, days, and now."""
    timing = reading.dosage.timing
    return {*timing.when, *timing.day_of_week, *(("now",) if reading.immediate else ())}


def _structured(d: Dosage) -> bool:
    return bool(
        d.dose
        or d.dose_range
        or d.route
        or not d.timing.is_empty
        or d.as_needed
        or d.rate_quantity
        or d.rate_range
        or d.rate_ratio
        or d.max_dose_per_period
    )


def _reports(sentence: str) -> str | None:
    """Why a whole sentence orders nothing: a trial's protocol ("Patients will be randomized to
    receive X 150 mcg or placebo") or a history ("Family history: mother on metformin")."""
    if sg.describes_study(sentence):
        return _STUDY
    if sg.teaches(sentence):
        return "teaching or counselling about a drug: not an order"
    if sg.orders_anywhere(sentence):
        return None  # "PMH: DM2 - start metformin", "Home medications: start lisinopril"
    if sg.under_history_heading(sentence):
        return _HISTORY
    if sg.lists_current_medications(sentence):
        return "a list of current or home medications: not new orders"
    return None


_ALTERNATE = rx.compile(r"\balternat(?:e|es|ed|ing)\b(?P<with>\s+with\b)?", re.IGNORECASE)
_ALTERNATING = (
    "drugs given alternately ('alternating with'): the schedule of each is not stated, not ordered"
)


def _alternates(text: str, sent: sg.Sentence, inside: list[Mention]) -> str | None:
    """ "acetaminophen 650 mg alternating with ibuprofen 400 mg every 3 hours", "Tylenol 650 mg
    and ibuprofen 400 mg q6h alternating": the interval is between the drugs, so neither's own
    schedule is stated; the sentence orders neither. A drug whose own schedule comes before the
    alternation ("Ibuprofen 400 mg q6h prn, may alternate with acetaminophen") keeps it."""
    if "lternat" not in sent.text:
        return None
    drugs = [x for x in inside if x.kind is MentionKind.MEDICATION]
    m = _ALTERNATE.search(text, sent.start, sent.end)
    joined = len(drugs) == 1 and "/" in text[drugs[0].span.start : drugs[0].span.end]
    if m is None or not drugs or not (m["with"] or len(drugs) > 1 or joined):
        return None  # ("tylenol/motrin alternating q3h": two drugs in one name)
    first, last = drugs[0].span.end, drugs[-1].span.end
    own_schedule = m.start() > first and _SCHEDULE.search(text, first, m.start()) is not None
    shared_after = len(drugs) > 1 and m.start() > last
    return _ALTERNATING if not own_schedule or shared_after else None


_SCHEDULE = rx.compile(
    r"\b(?:q\s*\d+\s*(?:h|hrs?|hours?|d|days?)?|every|daily|bid|tid|qid|qd|qhs|nightly|once|twice"
    r"|times)\b",
    re.IGNORECASE,
)


_LIST_JOIN = rx.compile(r"(?:,|\band\b|&|\+|\bor\b)")


def _listed_with(text: str, inside: list[Mention], i: int, refused: dict[int, str]) -> str | None:
    """The reason the drug before gave, when this one is listed with it: joined by a comma,
    "and", "&" or "+", with no ordering verb between ("Hold aspirin, start Plavix" orders it)."""
    if i == 0 or (why := refused.get(i - 1)) is None:
        return None
    between = text[inside[i - 1].span.end : inside[i].span.start]
    joins = list(_LIST_JOIN.finditer(between))
    if ";" in between or not joins or sg.orders_anywhere(between):
        return None
    # the drug follows its join directly: ", and ondansetron", never ", switched to losartan"
    return why if len(between[joins[-1].end() :].split()) <= 1 else None


def _usable(mentions: Sequence[Mention], blocked: list[tuple[int, int]]) -> list[Mention]:
    """Mentions outside allergy/NKDA statements, longest first where they overlap."""
    ordered = sorted(mentions, key=lambda m: (m.span.start, -(m.span.end - m.span.start)))
    out: list[Mention] = []
    for m in ordered:
        if any(a <= m.span.start < b for a, b in blocked):
            continue
        if out and m.span.start < out[-1].span.end:
            continue
        out.append(m)
    return out


# A condition word ending the drug's words: what it waits for is named next (a test).
_DANGLING_IF = rx.compile(r"(?<![\w/])(?P<word>if|when|unless)\s*$", re.IGNORECASE)
_CLAUSE_END = rx.compile(r"[,;\n]|\.(?!\d)")
_INSTRUCTION_BEFORE = rx.compile(
    r"\b(?:hold|holding|held|stop|skip|omit|call|notify|page|contact|decrease|reduce|increase"
    r"|titrate|repeat|recheck|check|wean)\s*$",
    re.IGNORECASE,
)


def _not_an_order(
    text: str, drug: Span, before: str, window_end: int, unparsed: list[UnparsedSegment]
) -> bool:
    """Whether the drug orders nothing (reported): the words around it say why, or it waits
    for a condition on the test named next."""
    # the drug's words end its clause unless the next drug or test starts where they stop
    ends_clause = window_end >= len(text) or not text[window_end].isalnum()
    reason = sg.why_not_an_order(before, text[drug.end : window_end], ends_clause=ends_clause)
    if reason is not None:
        span = Span(start=drug.start, end=window_end)
        unparsed.append(
            UnparsedSegment(text=text[span.start : span.end].strip(), span=span, reason=reason)
        )
        return True
    return not ends_clause and _gated_by_next(text, drug, window_end, unparsed)


def _gated_by_next(text: str, drug: Span, window_end: int, unparsed: list[UnparsedSegment]) -> bool:
    """ "ceftriaxone 1 g IV daily if CBC abnormal", "heparin ... unless platelets < 100": the
    condition names a test, so the drug's words stop at "if", right before the test; the order
    waits for the condition, which no rule structures: reported, not ordered."""
    gate = _DANGLING_IF.search(text, drug.end, window_end)
    if gate is None or _CLAUSE_END.search(text, drug.end, gate.start()) is not None:
        return False  # "start metoprolol 12.5 mg BID, TTE, consider cath if ...": not its own
    if _INSTRUCTION_BEFORE.search(text, drug.end, gate.start()) is not None:
        return False  # "hold if K high": a hold parameter, the order stands
    end = _CLAUSE_END.search(text, window_end)
    clause_end = end.start() if end else len(text)
    condition = text[gate.end("word") : clause_end].strip()
    span = Span(start=drug.start, end=clause_end)
    why = f"ordered only if '{condition}': a condition no rule structures, not ordered"
    unparsed.append(
        UnparsedSegment(text=text[span.start : span.end].strip(), span=span, reason=why)
    )
    return True


def _medication(
    text: str,
    mention: Mention,
    before_start: int,
    window_end: int,
    first: bool,
    vocabulary: Vocabulary,
    unparsed: list[UnparsedSegment],
) -> _MedDraft | None:
    before = text[before_start : mention.span.start]
    window = text[mention.span.end : window_end]
    if _not_an_order(text, mention.span, before, window_end, unparsed):
        return None
    if first and (found := _last_clause_break(before)) is not None:
        # "... topical solution of X or intravenous infusion of 1 g of metamizol": only the
        # clause the drug is in describes it; "Blood cultures x2 stat then start zosyn": the
        # step before is another order's, reported
        cut, then = found
        if then and (step := _STEP_END.sub("", before[:cut]).strip(" ,;:")):
            at = before_start + before.index(step)
            unparsed.append(
                UnparsedSegment(text=step, span=Span(start=at, end=at + len(step)), reason=_STEP)
            )
        before_start += cut
        before = before[cut:]
    start = before_start if first and before.strip() else mention.span.start
    draft = _MedDraft(
        mention=mention,
        start=start,
        end=_trim_end(text, start, window_end),
        joined=ends_joined(window),
    )
    # NUL never occurs in accepted text: it keeps the words before the drug from running into
    # those after it ("on 250 mcg [Fluticasone] inhaler" is a dose, not a "250 mcg inhaler").
    # "Switch IV pantoprazole to PO 40 mg daily": the words before a switched drug describe
    # what it is switched from, never the new order
    lead = before if first and not sg.switches(before) else ""
    joined = _Line(
        lead + " \x00 " + window,
        ((0, before_start, len(lead)), (len(lead) + 3, mention.span.end, len(window))),
    )
    form: str | None = None
    drug_at = len(lead) + 1
    lines, draft.loose = _split_lines(joined.text)
    changed = sg.changes_dose(before)
    for n, (seq, line_start, line_end) in enumerate(lines):
        line = joined.cut(line_start, line_end)
        reading = read_sig(line.text, vocabulary, form_hint=form, changed=n == 0 and changed)
        if reading.gated is not None:
            span = Span(start=mention.span.start, end=_trim_end(text, start, window_end))
            why = f"ordered only if '{reading.gated}': a condition no rule structures, not ordered"
            unparsed.append(
                UnparsedSegment(text=text[span.start : span.end], span=span, reason=why)
            )
            return None
        if reading.describes_product and n + 1 < len(lines):
            # "metoprolol 25 mg tablet, take 2 tablets po bid": the product, then its dosage
            form = form or reading.product.form
            continue
        if not reading.understood:
            if line_end <= drug_at:
                continue  # "TRAUMA: John Smith, hypotensive, give dopamine ...": context
            if draft.readings:  # "40 mg daily x 5 days then stop": a line with nothing read
                _report_line(line, text, unparsed)
                continue
        form = form or reading.product.form
        _add_line(draft, reading, line, seq)
    return draft


def _add_line(draft: _MedDraft, reading: SigReading, line: _Line, seq: int) -> None:
    if draft.readings and _strength_only(draft.readings[-1]) and _counted(reading):
        # "lisinopril 10 mg, take 2 tablets by mouth daily": the line before was the tablet's
        # strength, never a dose of its own beside the counted one
        draft.readings.pop()
        draft.lines.pop()
        draft.sequences.pop()
    draft.readings.append(reading)
    draft.lines.append(line)
    draft.sequences.append(seq)


_MASS_UNITS = frozenset({"mg", "mcg", "g"})


def _strength_only(reading: SigReading) -> bool:
    """A line that states only a mass: no route, schedule, rate or PRN ("lisinopril 10 mg,")."""
    d = reading.dosage
    return (
        d.dose is not None
        and d.dose.unit in _MASS_UNITS
        and d.route is None
        and d.timing.is_empty
        and not d.as_needed
        and d.rate_quantity is None
        and d.rate_range is None
        and d.rate_ratio is None
        and d.max_dose_per_period is None
    )


def _counted(reading: SigReading) -> bool:
    """A dose counted in tablets or capsules."""
    dose = reading.dosage.dose
    return dose is not None and dose.unit in lx.SOLID_UNITS


_CLAUSE_BREAK = rx.compile(r"\b(?:or|(?P<then>then))\b|(?P<mark>[:,])", re.IGNORECASE)


def _last_clause_break(before: str) -> tuple[int, bool] | None:
    """Where the clause holding a drug starts in the words before it, if they hold a break, and
    whether it is a "then" (what comes before it is another step, reported if not read)."""
    lowered = before.lower()
    if "or" not in lowered and "then" not in lowered and ":" not in before and "," not in before:
        return None
    last = None
    for m in _CLAUSE_BREAK.finditer(before):
        # "then" breaks only after a step with numbers of its own ("cultures x2 stat then"),
        # never an adverb ("They will then be started on"); so do "," and ":" ("senna 8.6 mg
        # 2 tabs qhs, docusate ...", "Change all PO meds to IV: metoprolol ...")
        if (m["then"] is None and m["mark"] is None) or any(
            c.isdigit() for c in before[: m.start()]
        ):
            last = m
        elif m["mark"] is not None and _DOSAGE_WORD.search(before, 0, m.start()):
            # "Change all PO meds to IV: metoprolol", "Saline lock IV, continue heparin", "Pt
            # refusing PO, give ondansetron": another clause's route is never the drug's
            last = m
    if last is None:
        return None
    # the words cut off are reported: another order's ("senna 8.6 mg 2 tabs qhs,") or a heading
    # of their own ("Change all PO meds to IV:")
    return last.end(), last["then"] is not None or last["mark"] is not None


# ", order x-ray left ankle", "; get MRI": a new order in a drug's or test's clause whose name the
# tables do not know. It ends that clause, so its words never become the drug's site or reason,
# and it is reported.
_OTHER_ORDER = rx.compile(
    r"[,;]\s*(?:and\s+)?(?:please\s+)?(?:order|get|obtain|send|draw|consult|refer|schedule)\b",
    re.IGNORECASE,
)
# Words an order named next may take as its own ("order daily BMP"): no order of their own.
_SHARED_WORDS = frozenset(
    [
        "daily",
        "stat",
        "routine",
        "urgent",
        "asap",
        "repeat",
        "the",
        "a",
        "an",
        "and",
        "also",
        "in",
        "am",
        "tomorrow",
        "morning",
        "now",
        "today",
        "please",
    ]
)
_WORD = rx.compile(r"[a-z]+")
_OTHER_WHY = "another order whose test or drug the tables do not know: not read"
# ", NTG 0.4 mg SL q5min prn", " and NTG ...", ", NS at 100 mL/hr": after a comma or "and", a name
# the tables do not know with an amount of its own starts another order. Its schedule, PRN and
# rate are never the drug's before it; it is reported. The name is one to three words, none of
# them a word of a sig (a route, unit, frequency, verb, limit or step).
_UNNAMED_DRUG = rx.compile(
    r"(?:[,;]\s*(?:and\s+)?|\s+and\s+)(?P<name>[a-z][a-z0-9'/\-]*(?:\s+[a-z][a-z0-9'/\-]*){0,2}?)"
    r"\s+(?:(?:at|@)\s*)?\d+(?:\.\d+)?\s*(?:mg|mcg|g|gm|units?|ml|l|meq|tabs?|caps?)\b",
    re.IGNORECASE,
)
_SIG_WORDS = (
    lx.SIG_WORDS
    | lx.words_of(lx.ADMIN_VERBS, lx.IMMEDIATE_WORDS)
    | frozenset(
        """then followed by max maximum up to may repeat increase decrease reduce titrate taper wean
    loading load dose doses bolus total additional another extra plus or and over until x next
    initial initially first second third day days week weeks month months hour hours minute
    minutes each every per a an the of for with in on at if when prn needed as give take start
    continue use apply change switch pca demand basal lockout""".split()  # noqa: SIM905 - prose list
    )
    | lx.FORM_WORDS
    | lx.RELEASE_WORDS
)


_JOINER = rx.compile(r"^[\s,;]*(?:and\s+)?", re.IGNORECASE)


# A route's letters that also name a drug: ", INH 300 mg PO daily" after a dose is isoniazid
# (another order), never the route of the drug before it.
_ROUTE_NAMES = frozenset(w for w in lx.ROUTE_WORDS if " " not in w)
_AMOUNT = rx.compile(r"\d\s*(?:mg|mcg|g|gm|units?|ml|meq)\b", re.IGNORECASE)


def _names_a_route(words: str) -> bool:
    return any(w in _ROUTE_NAMES for w in _WORD.findall(words.lower()))


def _unnamed_drug(text: str, start: int, end: int) -> re.Match[str] | None:
    for m in _UNNAMED_DRUG.finditer(text, start, end):
        words = m["name"].lower().split()
        if not any(w in _SIG_WORDS for w in words):
            return m
        if (
            len(words) == 1
            and words[0] in _ROUTE_NAMES
            and _AMOUNT.search(text, start, m.start())
            and (
                _names_a_route(text[m.end() : end])
                or (
                    _SCHEDULE.search(text, start, m.start())
                    and not _names_a_route(text[start : m.start()])
                )
            )
        ):
            # the words after name a route of their own ("INH 300 mg PO daily"), or the drug
            # before has its dose and schedule but no route ("rifampin 600 mg daily, INH 300
            # mg daily"): the letters name a drug, never the route of the drug before ("morphine
            # 2 mg IV q2h prn, PO 10 mg q4h prn" is another dosage of it, left in its text)
            return m
    return None


def _other_order(text: str, start: int, end: int, unparsed: list[UnparsedSegment]) -> int:
    """Where a clause ends at a new order the tables cannot name (reported); else ``end``."""
    m = _OTHER_ORDER.search(text, start, end)
    window = text[start:end]
    joined = "," in window or ";" in window or " and " in window
    drug = _unnamed_drug(text, start, end) if joined else None
    if drug is not None and (m is None or drug.start() < m.start()):
        rest = text[drug.start() : end]
        words = _JOINER.sub("", rest).strip(" ,;")  # ", NTG ...", " and NTG ...": the words
        at = drug.start() + rest.index(words)
        unparsed.append(
            UnparsedSegment(text=words, span=Span(start=at, end=at + len(words)), reason=_OTHER_WHY)
        )
        return drug.start()
    if m is None:
        return end
    rest = text[m.start() : end]
    lead = len(rest) - len(rest.lstrip(" ,;"))
    words = rest.strip(" ,;")
    # ", order CBC", ", order daily BMP": the next order is named, nothing is lost
    if any(w not in _SHARED_WORDS for w in _WORD.findall(text[m.end() : end].lower())):
        at = m.start() + lead
        span = Span(start=at, end=at + len(words))
        unparsed.append(UnparsedSegment(text=words, span=span, reason=_OTHER_WHY))
    return m.start()


_JOIN_END = rx.compile(r"(?:\s*(?:,|\+|&|\band\b|\bplus\b))+\s*$", re.IGNORECASE)
_DOSE_OF_NEXT = (
    "a drug with no dose of its own, joined to the next drug's dose ('metoprolol and lisinopril"
    " 10 mg'): not ordered"
)


def _coordinate(
    text: str, drafts: list[_MedDraft], unparsed: list[UnparsedSegment]
) -> list[_MedDraft]:
    """Drugs joined by "+"/"and" share the duration, schedule and reason stated after them. A
    drug with no dose of its own before a drug with one is reported: the dose is the other's
    ("metoprolol and lisinopril 10 mg PO daily" never orders metoprolol daily at no dose)."""
    kept: list[_MedDraft] = []
    for i in range(len(drafts) - 1, -1, -1):
        draft = drafts[i]
        if draft.joined and i + 1 < len(drafts):
            if not _dosed(draft) and _dosed(drafts[i + 1]):
                words = _JOIN_END.sub("", text[draft.start : draft.end])
                span = Span(start=draft.start, end=draft.start + len(words))
                unparsed.append(UnparsedSegment(text=words, span=span, reason=_DOSE_OF_NEXT))
                continue
            draft.readings = share(draft.readings, drafts[i + 1].readings)
        kept.append(draft)
    return kept[::-1]


def _dosed(draft: _MedDraft) -> bool:
    return any(
        r.dosage.dose is not None
        or r.dosage.dose_range is not None
        or r.dosage.rate_quantity is not None
        or r.dosage.rate_range is not None
        or r.dosage.rate_ratio is not None
        for r in draft.readings
    )


def _split_lines(window: str) -> tuple[list[tuple[int, int, int]], set[int]]:
    """Dosage lines (sequence, start, end): "then" starts the next step, a new verb a parallel
    line; and the sequences where a bare new amount ("..., 2 tabs", "... and 40 mg") started a
    parallel line, whose lines must be shown to be one schedule (``_lines_agree``)."""
    lines: list[tuple[int, int, int]] = []
    loose: set[int] = set()
    seq, pos = 1, 0
    lowered = fold(window)
    if not any(c in lowered for c in _LINE_SPLIT_NEEDS):
        return [(seq, 0, len(window))], loose  # no separator the pattern could match (hot path)
    for m in _LINE_SPLIT.finditer(lowered):
        # "metoprolol, 25 mg, po, BID": nothing but the name before the first amount
        if window[pos : m.start()].strip(" \t\n\x00,;:-"):
            lines.append((seq, pos, m.start()))
            seq += 1 if m["then"] else 0
            if m["amount"]:
                loose.add(seq)
        pos = m.end()
    if window[pos:].strip() or not lines:
        lines.append((seq, pos, len(window)))
    return lines, loose


def _orphan(
    text: str,
    sent: sg.Sentence,
    previous: _MedDraft | None,
    blocked: list[tuple[int, int]],
    vocabulary: Vocabulary,
    unparsed: list[UnparsedSegment],
) -> _MedDraft | None:
    """A sentence with no mention: another dosage line of the drug before, or unparsed."""
    if previous is not None and sg.continues_dosage(sent.text):
        form = next((r.product.form for r in previous.readings if r.product.form), None)
        reading = read_sig(sent.text, vocabulary, form_hint=form)
        if reading.understood:
            last = previous.readings[-1]
            here = _Line(sent.text, ((0, sent.start, len(sent.text)),))
            if _completes(last, reading):
                # "4.5 g in D5W 250 mL. IV every 6 hours": the schedule of the same line
                line = previous.lines[-1].then(here)
                previous.readings[-1] = read_sig(line.text, vocabulary, form_hint=form)
                previous.lines[-1] = line
            else:
                previous.readings.append(reading)
                previous.lines.append(here)
                previous.sequences.append(previous.sequences[-1])
            previous.end = sent.end
            return previous
    if not any(a <= sent.start and sent.end <= b + 1 for a, b in blocked):
        unparsed.append(
            UnparsedSegment(
                text=sent.text,
                span=Span(start=sent.start, end=sent.end),
                reason=_UNRECOGNISED,
            )
        )
    return None


def _report_line(line: _Line, text: str, unparsed: list[UnparsedSegment]) -> None:
    words = line.text.replace("\x00", " ")
    start = len(words) - len(words.lstrip())
    found = line.segment(text, start, len(words.rstrip()), _EMPTY_LINE)
    if found is not None:
        unparsed.append(found)


def _unread_words(
    text: str, drafts: list[_MedDraft], restated: list[Span]
) -> list[UnparsedSegment]:
    """Words inside a drug's dosage lines that no rule read (a drug restated in parentheses
    counts as read: it names the same drug)."""
    out: list[UnparsedSegment] = []
    for draft in drafts:
        for reading, line in zip(draft.readings, draft.lines, strict=True):
            for start, end in reading.unread:
                found = line.segment(text, start, end, _UNREAD)
                if found is not None and not any(
                    r.start < found.span.end and found.span.start < r.end for r in restated
                ):
                    out.append(found)
    return out


def _completes(last: SigReading, more: SigReading) -> bool:
    """A sentence with no amount of its own that gives the schedule a dosage line lacked, or
    only its as-needed reason ("...q4-6h; PRN agitation")."""
    d, extra = last.dosage, more.dosage
    no_amount = extra.dose is None and extra.dose_range is None
    t = extra.timing
    as_needed_only = (  # "; prn breakthrough pain x 7 days": no schedule of its own
        extra.as_needed and t.frequency is None and t.period is None and not t.when
    ) and extra.route is None
    return (
        not d.as_needed
        and (d.dose is not None or d.dose_range is not None)
        and no_amount
        and ((d.timing.is_empty and not extra.timing.is_empty) or as_needed_only)
    )


def _service(
    text: str,
    mention: Mention,
    sentence: tuple[int, int, int, int],
    window_end: int,
    vocabulary: Vocabulary,
    orders: list[Order],
    unparsed: list[UnparsedSegment],
) -> None:
    result = read_service(text, mention, sentence, window_end, vocabulary)
    if isinstance(result, UnparsedSegment):
        unparsed.append(result)
    else:
        orders.append(result)


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " ,;:-\t\n":
        end -= 1
    return end


# "EMERGENT midazolam 10 mg", "urgently give ...": the request's priority (FHIR: stat is "the
# highest possible priority, e.g. an emergency"). "Emergency" alone is left: it names a place
# ("in the emergency department") as often as an urgency.
_PRIORITY = rx.compile(
    r"\b(?:(?P<stat>emergent(?:ly)?)|(?P<urgent>urgent(?:ly)?(?!\s+care)))\b", re.IGNORECASE
)


def _priority(words: str, readings: list[SigReading]) -> Priority | None:
    m = _PRIORITY.search(words) if "rgent" in words.lower() else None
    if any(r.immediate for r in readings) or (m is not None and m["stat"]):
        return Priority.STAT
    return Priority.URGENT if m is not None else None


def _build(text: str, draft: _MedDraft) -> MedicationOrder:
    many = len(draft.readings) > 1
    dosages: list[Dosage] = []
    for reading, seq in zip(draft.readings, draft.sequences, strict=True):
        dosage = reading.dosage
        if many:
            dosage = replace(dosage, sequence=seq)
        if dosage.route is None and dosages and dosages[-1].route is not None:
            # "2 tabs po with lunch, 1 tab before dinner": the same product, the same route
            dosage = replace(dosage, route=dosages[-1].route)
        dosages.append(dosage)
    condition = sg.leading_condition(text[draft.sentence_start : draft.mention.span.start])
    if condition is not None:
        # "If BP > 180, give labetalol 10 mg IV": given only on that condition, as needed for it
        dosages = [
            d
            if d.as_needed
            else replace(d, as_needed=True, as_needed_reason=Concept(text=condition))
            for d in dosages
        ]
    if draft.listed_as_needed:  # "PRN: acetaminophen 650 mg q6h; oxycodone 5 mg q4h"
        dosages = [d if d.as_needed else replace(d, as_needed=True) for d in dosages]
    indication = next((r.indication for r in draft.readings if r.indication), None)
    medication = draft.mention.concept
    return MedicationOrder(
        medication=medication,
        span=Span(start=draft.start, end=draft.end),
        dosages=tuple(dosages),
        indication=indication,
        priority=_priority(text[draft.start : draft.end], draft.readings),
        # "Consider starting metformin ...": proposed to the prescriber, not ordered
        intent=OrderIntent.PROPOSAL
        if sg.proposes(text[draft.start : draft.mention.span.start])
        or sg.under_recommendations(text[draft.sentence_start : draft.mention.span.start])
        else OrderIntent.ORDER,
        source=draft.mention.source,
    )
