"""Service orders: labs, imaging, procedures and referrals, with priority, timing and reason."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nlfhir.domain.grammar import rx
from nlfhir.domain.grammar import segments as sg
from nlfhir.domain.grammar.reasons import read_indication
from nlfhir.domain.grammar.scanner import Scanner
from nlfhir.domain.orders import (
    OrderIntent,
    Priority,
    ServiceCategory,
    ServiceOrder,
    Span,
    UnparsedSegment,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from nlfhir.domain.grammar.mentions import Mention, Vocabulary

_PRIORITY = rx.compile(
    # never "non urgent", "non stat", "stat not needed", "does not need to be stat"
    r"(?<!not\s)(?<!non-)(?<!non\s)(?<!be\s)\b(stat|urgent(?:ly)?(?!\s+care)|asap|as\s+soon\s+as"
    r"\s+possible|routine)\b(?!\s+(?:not|isn't|is\s+not)\b)",
    re.IGNORECASE,
)
_PRIORITIES = {
    "stat": Priority.STAT,
    "urgent": Priority.URGENT,
    "urgently": Priority.URGENT,
    "asap": Priority.ASAP,
    "as soon as possible": Priority.ASAP,
    "routine": Priority.ROUTINE,
}
_WHEN = rx.compile(
    # "x3 q6h": a count before a repeating schedule
    r"(?:\bx\s*\d+\s+(?=(?:every|q)\s*\d))?"
    r"\b(?:(?:in|within)\s+\d+\s*(?:hours?|hrs?|h|days?|weeks?|wks?|months?|years?)(?![a-z])"
    r"|tomorrow(?:\s+(?:morning|afternoon|evening))?"
    r"|today|tonight|this\s+(?:morning|afternoon|evening)|next\s+(?:week|month|visit)"
    r"|before\s+discharge|in\s+the\s+morning|(?:every|q)\s*\d+\s*(?:hours?|hrs?|h|days?|weeks?)"
    # "troponin q6h x3", "BMP in AM", "daily BMP", "INR daily"
    r"(?:\s*x\s*\d+)?|(?:in\s+(?:the\s+)?|each\s+|every\s+)am|q\s*am|daily|nightly"
    r"|(?:twice|three\s+times)\s+(?:weekly|a\s+week)|weekly"
    r"|every\s+(?:morning|day|other\s+day))\b"
    # "daily x3 days", "q6h x3", "weekly for 4 weeks": how many times or how long, kept with it
    r"(?:\s*,?\s*(?:x\s*|for\s+)\d+(?:\s*(?:days?|doses?|times|weeks?|wks?|hours?|hrs?|d)\b)?"
    r"(?![\w.]))?",
    re.IGNORECASE,
)


# Why a test in an ordering sentence is still no order for it, judged by its own clause: the
# words since the order before it, and those up to the next order. Each rule gives its reason.
# Negation must stand right before the test (a word or two between), never anywhere in the
# clause: "Pt has no fever order CBC" and "Don't forget to order CBC" order it.
_CANCELLED_BEFORE = rx.compile(
    r"\b(?:cancel(?:l?ed)?|discontinue[ds]?|d/c|dc|stop|hold|held|defer(?:red)?)\s+"
    r"(?:(?:the|all|any|repeat|daily|further|more|this|that|pending|order\s+for|off|on)\s+)*$"
    r"|\b(?:do\s+not|don't|dont|no\s+(?:further\s+|more\s+)?need\s+(?:for|to)|(?:does|do|did)\s+not\s+need"
    r"|(?:doesn't|don't|didn't)\s+need|declined?|refused?|no)\s+"
    r"(?:(?:get|order|repeat|send|obtain|draw|do|a|an|the|any|further|more|additional|to)\s+)*$"
    # a test left out of a list: "order CBC but not BMP", "MRI brain instead of CT head"
    r"|(?:\bbut\s+not|(?:^|[,;]|\s)\s*not|\bwithout|\binstead\s+of|\brather\s+than|\bexcept"
    r"|\bskip|\bomit|\bforgo)\s+(?:(?:the|a|an|any|repeat)\s+)?$"
)
# A procedure named as what another order is for, or as history: "refer to surgery for
# cholecystectomy", "ECG pre-op for splenectomy", "s/p splenectomy", "at risk for intubation",
# "on hemodialysis", "receiving chemotherapy": the procedure is no order of its own.
_PURPOSE_BEFORE = rx.compile(
    r"(?<!schedule\s)(?<!scheduled\s)(?<!book\s)(?<!arrange\s)\b(?:for|s/p|status\s+post|on"
    r"|receiving|undergoing|after|following|post|possible|prepare\s+for|candidacy\s+for"
    r"|risk\s+for|due\s+for|avoid)\s+(?:(?:a|an|the|her|his|possible|planned|elective|upcoming"
    r"|repeat|urgent|emergent|scheduled)\s+)*$"
)
# Marked cancelled right after the test, a dash or a bracket between: CT head - cancelled.
_CANCELLED_AFTER = rx.compile(
    r"^[ \t]*(?:(?:-+|\u2013|\u2014|\(|:)[ \t]*)?(?:order\s+)?(?:(?:was|is|has\s+been|to\s+be)\s+)?"
    r"(?:cancel(?:l?ed)?|discontinued|d/c'?d|not\s+needed|not\s+indicated|no\s+longer\s+needed"
    r"|on\s+hold|declined|refused)\b"
    # "order CT head - hold it", "CT head stat -- hold that", ", wait, hold that": held at once
    r"|^[^,;.\n]{0,40}?(?:-+|\u2013|\u2014|,)[ \t]*(?:wait\W+)?hold(?:\s+(?:it|that|this|off))?"
    r"(?=\s*(?:[,.;)]|$))"
)
# "Troponin negative, get ECG", "CXR showed pneumonia", "CBC: normal": a result right after the
# test (never across a comma: "Order CBC, normal saline 1 L bolus").
_RESULT_AFTER = rx.compile(
    r"^[ \t:]*(?:(?:was|is|were|are|came\s+back|returned|results?)\s+)?(?:negative|positive|normal"
    r"|abnormal|unremarkable|clear|elevated|(?:high|low)(?!\s+(?:priority|dose|resolution|risk))"
    r"|pending|neg|pos|wnl|showed|shows|revealed|demonstrated|consistent\s+with|without\s+acute"
    r"|stable|improved|worse|resulted|nl"
    # "blood cultures grew GPCs", "sugars running high", "cultures drawn in ED", "sent"
    r"|grew|growing|grown|no\s+growth|running|drawn|sent|collected|came\s+back|back"
    # a result in other words: "TSH suppressed", "procalcitonin trending down", "Glucose in
    # 400s", "creatinine up to 2.1", "CXR with RLL infiltrate", "ECG sinus rhythm", "UA + nitrites"
    r"|suppressed|trending|in\s+the\s+\d+s|in\s+\d+s|up\s+to\s+\d|down\s+to\s+\d|sinus\s+rhythm|nsr"
    r"|with\s+(?:[a-z]+\s+){0,2}(?:infiltrates?|effusions?|consolidation|fracture|opacit(?:y|ies))"
    r"|\+\s*(?:nitrites?|le|leuk\w*|blood|protein))\b"
)
# "Order lactate, elevated WBC", "normal ECG": a result said before the test.
_RESULT_BEFORE = rx.compile(
    r"\b(?:normal|abnormal|negative|positive|elevated|unremarkable|rising|falling|low|high)\s+$"
)
# "I ordered CT head", "Prior CXR", "report of CT head", "Order CXR post intubation": a test
# that exists or is named as a reference, right before the test.
_DONE_BEFORE = rx.compile(
    r"\b(?:(?:ordered|obtained|performed|done)\s+(?:a\s+|an\s+|the\s+)?"
    r"|(?:prior|previous|recent|last|earlier|outside|old)(?!\s+to\b)\s+(?:\w+\s+)?"
    r"|(?:report|reports|read|copy|results?|images?|findings)\s+(?:of|from)\s+(?:the\s+)?"
    r"|(?:post|after|following|per|pending|prior\s+to|before)\s+(?:the\s+)?)$"
)
_DONE_AFTER = rx.compile(
    r"^[ \t]*(?:(?:was|were|already|has\s+been|had\s+been|is)\s+)?(?:ordered|done|performed"
    r"|obtained|completed|appreciated|reviewed)\b"
    r"|^[ \t]*(?:(?:-+|\u2013|\u2014|\(|:)[ \t]*)?(?:was|were|already|has\s+been|had\s+been)\s+"
    r"(?:sent|drawn|collected|done|obtained)\b"
    r"|^[ \t]*(?:(?:was|were)\s+)?(?:(?:done|performed|obtained)\s+)?(?:\d+\s+(?:days?|weeks?"
    r"|months?|years?)\s+ago|yesterday|last\s+(?:week|month|year|visit|admission))\b"
    r"|^[ \t]*(?:note|recs|recommendations)\b"
    # a study done elsewhere: "CT head from OSH reviewed"
    r"|^[ \t]*from\s+(?:the\s+)?(?:osh|outside(?:\s+hospital)?|ed|er|clinic|pcp|referring"
    r"|transferring)\b"
)
# "Order CT head if GCS drops": ordered only on a condition, which the request cannot carry. The
# condition must be the test's own (before an "and" or a comma), and a real one ("to see if",
# "if possible", "or sooner if" order it).
_CONDITION_AFTER = rx.compile(
    r"^(?:(?!\band\b)[^,;])*?(?<!see\s)(?<!even\s)(?<!sooner\s)(?<!earlier\s)"
    # "Order CT head should mental status worsen", "in case symptoms worsen"
    r"\b(?:if|unless|should|in\s+case(?:\s+of)?)\s+"
    r"(?!possible|needed|necessary|not\s+already|available|able\b)"
)
# "Will consider GI consult", "Plan to repeat echo in 6 months": proposed, not ordered.
_PROPOSED_BEFORE = rx.compile(
    r"\b(?:consider|considering|may\s+need|might\s+need|plan(?:s|ning)?\s+to|possibly"
    # "Recommend cardiology consult", "Pt will need MRI brain", "needs a colonoscopy"
    r"|recommend(?:s|ed)?|suggest(?:s|ed)?|(?:will|would)\s+need|needs?)\b[^,;]*$"
)
# "Neuro consult recommended", "... per family request": advised or asked for, not ordered.
_PROPOSED_AFTER = rx.compile(
    r"^[ \t]*(?:(?:is|was|are|were|strongly)\s+)?(?:recommended|suggested|advised|requested"
    r"|per\s+(?:family|patient|pt)(?:'s)?\s+request)\b"
)
_CONDITIONAL = "a test ordered only on a condition"
_CONDITION_LEAD = rx.compile(
    r"\W*(?:if|should|in\s+case(?:\s+of)?|unless)\s+[^,;:.]{2,80}?"
    r"(?:,|\s+(?=(?:order|get|obtain|send|check|repeat|consult|refer|then)\b))",
    re.IGNORECASE,
)
_SERVICE_RULES: tuple[tuple[Callable[[str, str], object], str], ...] = (
    (lambda b, _a: _CANCELLED_BEFORE.search(b), "a cancelled, held or negated test: not an order"),
    (lambda _b, a: _CANCELLED_AFTER.search(a), "a cancelled, held or negated test: not an order"),
    (
        lambda b, a: _RESULT_AFTER.search(a) or _RESULT_BEFORE.search(b),
        "test named with its result: not an order",
    ),
    (
        lambda b, a: _DONE_BEFORE.search(b) or _DONE_AFTER.search(a),
        "reports a test already ordered or done, or names it as a reference: not a new order",
    ),
    (lambda _b, a: _CONDITION_AFTER.search(a), f"{_CONDITIONAL}: not read"),
)
_PURPOSE_WHY = "a procedure named as another order's purpose or as history: not an order"
# A treatment named by a test's name: "1 unit platelets" (a transfusion), "glucose tabs",
# "potassium replacement", "replete magnesium": never the test, and not read as a drug either.
_TREATMENT_BEFORE = rx.compile(
    r"(?:\b\d+(?:\.\d+)?\s*(?:units?|u|bags?|packs?|doses?)\s+(?:of\s+)?"
    r"|\b(?:replacement|replace|replete|supplement(?:al)?|transfuse|transfusion\s+of)\s+)$"
)
_TREATMENT_AFTER = rx.compile(
    r"^\s*(?:tabs?|tablets?|gel|chewables?|replacement|repletion|supplements?|infusion|drip"
    r"|bolus|transfusion)\b"
)
_TREATMENT_WHY = (
    "a treatment named by a test's name (a transfusion, a replacement, glucose tabs): not read"
)


def read_service(
    text: str,
    mention: Mention,
    sentence: tuple[int, int, int, int],
    window_end: int,
    vocabulary: Vocabulary,
) -> ServiceOrder | UnparsedSegment:
    """An explicit order for a test; a monitoring or follow-up mention is not an order.
    ``sentence`` is (its start, its end, where the text after the order before this one starts,
    the end of its words whose only priority word every test shares): a test's own clause runs
    from the order before it to the next order (``window_end``)."""
    sent_start, sent_end, before_start, shared_end = sentence
    category = mention.service_category
    lead = text[sent_start : mention.span.start]
    own = text[before_start : mention.span.start].lower()
    sentence_text = text[sent_start:sent_end]
    window = text[mention.span.end : window_end]
    span = Span(start=mention.span.start, end=mention.span.end)
    if category is None:
        return UnparsedSegment(text=mention.concept.text, span=span, reason="not an orderable")
    # a monitoring sentence ("Monitor INR and CBC") orders none of its tests, unless the words
    # before a test hold an order verb (as in "Check creatinine, then order CT abdomen")
    own_clause = _own_clause(own)
    if sg.is_non_order_clause(own_clause) or (
        (sg.is_non_order_clause(lead) or sg.is_non_order_clause(sentence_text))
        and not sg.has_order_verb(text[before_start : mention.span.start])
    ):
        return UnparsedSegment(
            text=text[span.start : span.end],
            span=span,
            reason="monitoring or follow-up mention: not an order",
        )
    # "If worsening, order CT chest and CBC", "Should symptoms recur, CT head": every test after
    # the sentence's leading condition waits for it
    conditional = _CONDITION_LEAD.match(lead) is not None
    if conditional or sg.conditional_or_result(lead, window):
        kind = _CONDITIONAL if conditional else "test named in a condition or with its result"
        return UnparsedSegment(
            text=text[span.start : span.end], span=span, reason=f"{kind}: not an order"
        )
    after = window.lower()
    why = next((why for rule, why in _SERVICE_RULES if rule(own, after)), None)
    if why is None and category is ServiceCategory.PROCEDURE and _PURPOSE_BEFORE.search(own):
        why = _PURPOSE_WHY
    if (
        why is None
        and category is ServiceCategory.LABORATORY
        and (_TREATMENT_BEFORE.search(own) or _TREATMENT_AFTER.search(after))
    ):
        why = _TREATMENT_WHY
    if why is not None:
        return UnparsedSegment(text=text[span.start : span.end], span=span, reason=why)
    proposed = _PROPOSED_BEFORE.search(own) is not None or _PROPOSED_AFTER.search(after) is not None
    if not proposed and not sg.has_order_verb(sentence_text):
        return UnparsedSegment(
            text=text[span.start : span.end], span=span, reason="test named without an order verb"
        )
    clause_start = mention.span.start - len(own_clause)
    own_after = _CLAUSE_BREAK.split(window, maxsplit=1)[0]  # "CT head stat, neuro checks q1h"
    own_when = _WHEN.search(own_after)
    when = own_when or _WHEN.search(text, clause_start, mention.span.start)
    if when is None and shared_end >= sent_end and _BARE_ITEM.fullmatch(window):
        # "Order CBC and BMP in AM": a bare list item shares a time after the list; a repeating
        # schedule ("CBC and troponin q6h x3") stays the last test's own
        later = _WHEN.search(text, window_end, sent_end)
        when = later if later is not None and not _REPEATING.match(later[0]) else None
    # the words since the order verb that leads the test's list, within what it may share
    verbs = list(_LIST_VERB.finditer(text, sent_start, mention.span.start))
    shared_start = verbs[-1].end() if verbs else sent_start
    if verbs and _HEADING.match(text, sent_start, verbs[0].start()):
        shared_start = sent_start  # "Urgent: order echo and CXR": a heading over the list
    shared = text[shared_start : min(mention.span.start, max(shared_end, shared_start))]
    reason = read_indication(Scanner(window), vocabulary)
    return ServiceOrder(
        code=mention.concept,
        category=category,
        span=span,
        priority=_priority(
            own_clause,
            after,
            shared.lower(),
            text[mention.span.end : min(sent_end, max(shared_end, mention.span.end))].lower(),
            timed=when is not None,
        ),
        reason=reason,
        occurrence_text=" ".join(when[0].split()) if when else None,
        quantity=_quantity(own_after, own_when),
        intent=OrderIntent.PROPOSAL if proposed else OrderIntent.ORDER,
        source=mention.source,
    )


_CLAUSE_END = rx.compile(r"[,;]")
_COUNT = rx.compile(
    r"\s*(?:x|\u00d7)\s*(?P<n>[1-9]\d?)\b(?!\s*(?:days?|weeks?|wks?|months?|hours?|hrs?|h|d)\b)",
    re.IGNORECASE,
)


def _quantity(after: str, when: re.Match[str] | None) -> int | None:
    """ "blood cultures x2", "troponin x3": how many, right after the name; "x3 q6h" is a
    schedule's count (``when``, the schedule read in the same words)."""
    count = _COUNT.match(after)
    if count is None or (when is not None and when.start() <= count.end("n")):
        return None
    return int(count["n"])


_REPEATING = rx.compile(
    r"(?:x\s*\d+\s+)?(?:every|q\s*\d|daily|nightly|weekly|twice|three|q\s*am)", re.I
)
_BARE_ITEM = rx.compile(r"[ \t]*(?:,|and|&|\+|,[ \t]*and)?[ \t]*", re.IGNORECASE)
_HEADING = rx.compile(r"\W*(?:stat|urgent|asap|routine)\W*$", re.IGNORECASE)
# The verb that leads a list of tests ("Order stat CBC, BMP and ..."); priority words before it
# are another order's.
_LIST_VERB = rx.compile(
    r"\b(?:order|get|obtain|send|draw|check|schedule|request|consult|refer)\b", re.IGNORECASE
)
_CLAUSE_BREAK = rx.compile(r"[,;]|\b(?:and|then)\b|\d+\)|\s-\s", re.IGNORECASE)


def _own_clause(own: str) -> str:
    """The words before a test in its own clause: after the last ",", ";", "and" or "then"."""
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(own)]
    return own[breaks[-1] :] if breaks else own


def _priority(
    own_clause: str, after: str, shared: str, rest: str, *, timed: bool
) -> Priority | None:
    """The test's own priority word, after it in its clause ("CBC stat and routine BMP") or
    before it ("stat CBC"). Else, unless it has its own timing ("Order troponin stat and CBC in
    AM"), the list's: the last word since the order verb that leads it ("Order stat CBC, BMP
    and routine lipid panel": the BMP is stat), or the first after it before another order verb
    ("Order CBC, BMP, troponin stat"). A negated word is none ("CBC not stat")."""
    clause = _CLAUSE_BREAK.split(after, maxsplit=1)[0]
    found = _PRIORITY.search(clause) or _PRIORITY.search(own_clause)
    if found is None and not timed:
        listed = list(_PRIORITY.finditer(shared))
        found = listed[-1] if listed else None
        if found is None:
            ahead = _LIST_VERB.split(rest, maxsplit=1)[0]
            found = _PRIORITY.search(ahead)
    return _PRIORITIES.get(" ".join(found[1].lower().split())) if found else None
