"""Service orders: labs, imaging, procedures and referrals, with priority, timing and reason."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nlfhir.domain.grammar import segments as sg
from nlfhir.domain.grammar.reasons import read_indication
from nlfhir.domain.grammar.scanner import Scanner
from nlfhir.domain.orders import OrderIntent, Priority, ServiceOrder, Span, UnparsedSegment

if TYPE_CHECKING:
    from collections.abc import Callable

    from nlfhir.domain.grammar.mentions import Mention, Vocabulary

_PRIORITY = re.compile(
    r"\b(stat|urgent(?:ly)?|asap|as\s+soon\s+as\s+possible|routine)\b", re.IGNORECASE
)
_PRIORITIES = {
    "stat": Priority.STAT,
    "urgent": Priority.URGENT,
    "urgently": Priority.URGENT,
    "asap": Priority.ASAP,
    "as soon as possible": Priority.ASAP,
    "routine": Priority.ROUTINE,
}
_WHEN = re.compile(
    r"\b(?:in\s+\d+\s*(?:hours?|days?|weeks?|months?)|tomorrow(?:\s+(?:morning|afternoon|evening))?"
    r"|today|tonight|this\s+(?:morning|afternoon|evening)|next\s+(?:week|month|visit)"
    r"|before\s+discharge|in\s+the\s+morning|(?:every|q)\s*\d+\s*(?:hours?|hrs?|h|days?|weeks?)"
    # "troponin q6h x3", "BMP in AM", "daily BMP", "INR daily"
    r"(?:\s*x\s*\d+)?|(?:in\s+(?:the\s+)?|each\s+|every\s+)am|qam|daily|nightly|weekly"
    r"|every\s+(?:morning|day|other\s+day))\b",
    re.IGNORECASE,
)


# Why a test in an ordering sentence is still no order for it, judged by its own clause: the
# words since the order before it, and those up to the next order. Each rule gives its reason.
_CANCELLED_BEFORE = re.compile(
    r"\b(?:cancel(?:l?ed)?|discontinue[ds]?|d/c|dc|stop|hold|held|defer(?:red)?|declined?"
    r"|refused?|no\s+need\s+(?:for|to)|(?:does|do|did)\s+not\s+need|(?:doesn't|don't|didn't)\s+need"
    r"|do\s+not|don't|no|avoid)\b[^,;]*$"
)
_CANCELLED_AFTER = re.compile(
    r"^[^,;]*?\b(?:cancel(?:l?ed)?|discontinued|d/c'?d|not\s+needed|not\s+indicated"
    r"|no\s+longer\s+needed|on\s+hold|declined|refused)\b"
)
# "Troponin negative, get ECG", "CXR showed pneumonia", "CBC normal": a result, not an order.
_RESULT_AFTER = re.compile(
    r"^\W*(?:(?:was|is|were|are|came\s+back|returned|results?)\s+)?(?:negative|positive|normal"
    r"|abnormal|unremarkable|clear|elevated|high|low|pending|neg|pos|wnl|showed|shows|revealed"
    r"|demonstrated|consistent\s+with|without\s+acute|stable|improved|worse|resulted|nl)\b"
)
# "I ordered CT head", "CT head was ordered yesterday", "Prior CXR": an order that exists.
_DONE_BEFORE = re.compile(r"\b(?:ordered|obtained|performed|prior|previous|recent)\b[^,;]*$")
_DONE_AFTER = re.compile(
    r"^\W*(?:(?:was|were|already|has\s+been|had\s+been|is)\s+)?(?:ordered|done|performed"
    r"|obtained|completed|sent|drawn|collected)\b"
    r"|^[^,;]*?\b(?:\d+\s+(?:days?|weeks?|months?|years?)\s+ago|yesterday"
    r"|last\s+(?:week|month|year|visit|admission))\b"
)
# "Order CT head if GCS drops": ordered only on a condition, which the request cannot carry.
_CONDITION_AFTER = re.compile(r"^[^,;]*?\b(?:if|unless|should|in\s+case)\b")
# "Will consider GI consult", "Plan to repeat echo in 6 months": proposed, not ordered.
_PROPOSED_BEFORE = re.compile(
    r"\b(?:consider|considering|may\s+need|might\s+need|plan(?:s|ning)?\s+to|possibly)\b[^,;]*$"
)
_SERVICE_RULES: tuple[tuple[Callable[[str, str], object], str], ...] = (
    (lambda b, _a: _CANCELLED_BEFORE.search(b), "a cancelled, held or negated test: not an order"),
    (lambda _b, a: _CANCELLED_AFTER.search(a), "a cancelled, held or negated test: not an order"),
    (lambda _b, a: _RESULT_AFTER.search(a), "test named with its result: not an order"),
    (
        lambda b, a: _DONE_BEFORE.search(b) or _DONE_AFTER.search(a),
        "reports a test already ordered or done: not a new order",
    ),
    (lambda _b, a: _CONDITION_AFTER.search(a), "a test ordered only on a condition: not read"),
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
    if sg.is_non_order_clause(lead) or sg.is_non_order_clause(sentence_text):
        return UnparsedSegment(
            text=text[span.start : span.end],
            span=span,
            reason="monitoring or follow-up mention: not an order",
        )
    if sg.conditional_or_result(lead, window):
        return UnparsedSegment(
            text=text[span.start : span.end],
            span=span,
            reason="test named in a condition or with its result: not an order",
        )
    after = window.lower()
    why = next((why for rule, why in _SERVICE_RULES if rule(own, after)), None)
    if why is not None:
        return UnparsedSegment(text=text[span.start : span.end], span=span, reason=why)
    proposed = _PROPOSED_BEFORE.search(own) is not None
    if not proposed and not sg.has_order_verb(sentence_text):
        return UnparsedSegment(
            text=text[span.start : span.end], span=span, reason="test named without an order verb"
        )
    # the words before the test in its own clause: after the last ",", ";", "and" or "then"
    # since the order before ("Give morphine 4 mg IV stat, order CBC": the stat is the morphine's)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(own)]
    clause_start = before_start + (breaks[-1] if breaks else 0)
    when = _WHEN.search(window) or _WHEN.search(text, clause_start, mention.span.start)
    reason = read_indication(Scanner(window), vocabulary)
    return ServiceOrder(
        code=mention.concept,
        category=category,
        span=span,
        priority=_priority(
            own[clause_start - before_start :],
            after,
            text[sent_start:shared_end].lower(),
            timed=when is not None,
        ),
        reason=reason,
        occurrence_text=" ".join(when[0].split()) if when else None,
        intent=OrderIntent.PROPOSAL if proposed else OrderIntent.ORDER,
        source=mention.source,
    )


_CLAUSE_END = re.compile(r"[,;]")
_CLAUSE_BREAK = re.compile(r"[,;]|\b(?:and|then)\b")


def _priority(own: str, after: str, sentence: str, *, timed: bool) -> Priority | None:
    """The test's own priority word, after it ("CBC stat") or before it in its clause ("stat
    CBC"); else the only priority word of the words it shares, unless it has its own timing
    ("Order MRI brain tomorrow, CT head stat": the MRI is not stat)."""
    clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    found = _PRIORITY.search(clause) or _PRIORITY.search(own)
    if found is None:
        words = {" ".join(m[1].split()) for m in _PRIORITY.finditer(sentence)}
        if len(words) != 1 or timed:
            return None
        return _PRIORITIES.get(words.pop())
    return _PRIORITIES.get(" ".join(found[1].lower().split()))
