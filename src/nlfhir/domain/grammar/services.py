"""Service orders: labs, imaging, procedures and referrals, with priority, timing and reason."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nlfhir.domain.grammar import segments as sg
from nlfhir.domain.grammar.reasons import read_indication
from nlfhir.domain.grammar.scanner import Scanner
from nlfhir.domain.orders import Priority, ServiceOrder, Span, UnparsedSegment

if TYPE_CHECKING:
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
    r"|before\s+discharge|in\s+the\s+morning|(?:every|q)\s*\d+\s*(?:hours?|h|days?|weeks?))\b",
    re.IGNORECASE,
)


def read_service(
    text: str,
    mention: Mention,
    sent_start: int,
    sent_end: int,
    window_end: int,
    vocabulary: Vocabulary,
) -> ServiceOrder | UnparsedSegment:
    """An explicit order for a test; a monitoring or follow-up mention is not an order."""
    category = mention.service_category
    lead = text[sent_start : mention.span.start]
    sentence = text[sent_start:sent_end]
    span = Span(start=mention.span.start, end=mention.span.end)
    if category is None:
        return UnparsedSegment(text=mention.concept.text, span=span, reason="not an orderable")
    if sg.is_non_order_clause(lead) or sg.is_non_order_clause(sentence):
        return UnparsedSegment(
            text=text[span.start : span.end],
            span=span,
            reason="monitoring or follow-up mention: not an order",
        )
    if sg.conditional_or_result(lead, text[mention.span.end : window_end]):
        return UnparsedSegment(
            text=text[span.start : span.end],
            span=span,
            reason="test named in a condition or with its result: not an order",
        )
    if not sg.has_order_verb(sentence):
        return UnparsedSegment(
            text=text[span.start : span.end], span=span, reason="test named without an order verb"
        )
    window = text[mention.span.end : window_end]
    priority = (
        _PRIORITIES.get(" ".join(m[1].lower().split()))
        if (m := _PRIORITY.search(sentence))
        else None
    )
    when = _WHEN.search(window)
    reason = read_indication(Scanner(window), vocabulary)
    return ServiceOrder(
        code=mention.concept,
        category=category,
        span=span,
        priority=priority,
        reason=reason,
        occurrence_text=" ".join(when[0].split()) if when else None,
        source=mention.source,
    )
