"""Splitting text into sentences and reading the context words around a mention."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlfhir.domain.grammar import lexicon as lx
from nlfhir.domain.grammar.patterns import alternation

# A sentence ends at ";", a newline, "//", or a period that is not a decimal point or an
# abbreviation's dot (p.o., b.i.d.); after a number ("2015.", "q8h.") only when a capitalised
# word follows ("25mg q8h. Monitor electrolytes": the monitoring is not part of the dose).
_BREAK = re.compile(
    r";|\n|//|(?<![0-9.]\w)(?<!\b\w)\.(?!\d|\w\.)(?=\s|$)|(?<=\d[a-z])\.(?=\s+[A-Z])"
)
_NKDA = re.compile(
    r"\b(?:nkda|nka|no\s+known\s+(?:drug\s+)?allerg(?:y|ies)|no\s+(?:drug\s+)?allerg(?:y|ies)"
    r"|denies\s+(?:any\s+)?(?:drug\s+)?allerg(?:y|ies)|allergies\s*:\s*(?:none|nkda|nka))\b",
    re.IGNORECASE,
)
_STOP_BEFORE = re.compile(rf"(?:^|\W)(?:{alternation(lx.STOP_WORDS)})\W*(?:\w+\W+)?$")
# "aspirin on hold", "heparin drip held for procedure", "Levophed weaned off overnight".
_STOP_AFTER = re.compile(
    r"^\W*(?:(?:drip|gtt|infusion|dose|doses)\s+)?(?:(?:is|was|were|will\s+be|to\s+be|being)\s+)?"
    r"(?:on\s+hold|held|discontinued|stopped|d/c'?d|weaned|tapered\s+off)\b"
)
# "epinephrine ordered 30 minutes ago, still not given", "was given yesterday": a report about an
# order that exists, never a new one.
# A dose already given is reported by when or where it was given ("given at 2200", "received in
# the ED", "administered at 1530", "2 days ago").
_EXISTING_AFTER = re.compile(
    r"\b(?:(?:was|were|has\s+been|had\s+been|already)\s+(?:ordered|given|administered|started"
    r"|received|taken)"
    r"|(?:ordered|given|administered|started|received|taken)\s+(?:(?:\d+|an?|one|two|few|several)"
    r"\s+\w+\s+ago|yesterday|earlier|already|previously|last\s+(?:night|week|month|visit)"
    r"|at\s+\d+|in\s+(?:the\s+)?(?:ed|er|triage|clinic|ambulance|field|or|pacu)\b"
    r"|(?:by|per)\s+(?:ems|urgent\s+care|pcp|outside|the\s+outside)|prior\s+to|before\s+(?:arrival"
    r"|transfer|admission))"
    r"|(?:\d+|a|one|two|few|several)\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\s+ago"
    r"|at\s+(?:the\s+)?last\s+visit)\b"
)
# Use the text reports rather than orders, in the words right before the drug (same clause):
# past use ("took", "previously on", "used to take", "failed a trial of"), use reported by the
# patient ("reports taking", "states she is taking") and someone else's ("mother on").
_REPORTED_BEFORE = re.compile(
    r"(?:^|\W)(?:took|tried|was\s+(?:on|taking)|were\s+(?:on|taking)|(?:has|had)\s+been\s+(?:on|taking)"
    r"|previously\s+(?:on|took|taking|tried|given)|formerly\s+on|used\s+to\s+(?:take|be\s+on)"
    r"|failed(?:\s+(?:an?\s+)?(?:trial|course)\s+of)?|intoleran(?:t|ce)\s+(?:to|of)"
    r"|(?:reports?|reported|states?|stated|says|said|admits)\s+(?:to\s+)?(?:(?:she|he|they)\s+)?"
    r"(?:(?:is|was|has\s+been)\s+)?(?:taking|using|takes|uses|took|used\s+to\s+take|on)"
    r"|(?:mother|father|mom|dad|sister|brother|son|daughter|grandmother|grandfather|sibling"
    r"|parent|wife|husband|spouse|partner)(?:'s)?\s+(?:is\s+|was\s+)?(?:on|takes|taking|took|uses)"
    # current use stated, not ordered: "Pt on Eliquis", "currently taking Lasix", "admitted on"
    r"|(?:pt|patient|he|she|they|is|are|remains|still|already|currently|maintained|admitted"
    r"|discharged|sent\s+home|presents|presented|came\s+in|controlled)\s+on(?:\s+home)?"
    r"|currently\s+(?:taking|using|receiving)|(?:is|are)\s+(?:taking|using|receiving)"
    # given or taken before: "was given Zofran", "received ceftriaxone", "ingested", "s/p"
    r"|(?:was|were|been|got|being)\s+given|received|receiving|got|ingested|overdosed\s+on"
    r"|treated\s+with|completed(?:\s+(?:a|the|his|her)\s+course\s+of)?"
    r"|finished(?:\s+(?:a|the|his|her)\s+course\s+of)?|status\s+post|s/p|pre-?medicated\s+with"
    # findings and results about a drug: "INR 2.8 on warfarin", "resistant to ciprofloxacin"
    r"|\d\S*\s+on|despite|resistant\s+to|sensitive\s+to|susceptible\s+to|positive\s+for"
    r"|negative\s+for|(?:overdose|toxicity|od)\s+(?:on|of|from|with))"
    r"[ \t]+(?:the\s+|his\s+|her\s+|their\s+|a\s+)?(?:\w+[ \t]+)?$"
)
# The same words are an order when an ordering verb leads the clause ("start patient on heparin").
_IMPERATIVE_LEAD = re.compile(
    r"^\W*(?:please\s+)?(?:start|started|starting|begin|put|place|initiate|initiated|continue"
    r"|resume|restart|keep)\b"
)
# "Instructed patient to take ibuprofen with food": teaching about a drug, not ordering it.
_TEACHING = re.compile(
    r"^\W*(?:(?:patient|pt|family|mother|father|parents?|caregiver)\s+(?:was\s+|were\s+)?)?"
    r"(?:instructed|educated|counsel+ed|taught|teach-back|discussed|reviewed|explained|advised"
    r"|informed|education|counsel+ing)\b",
    re.IGNORECASE,
)
# "vancomycin contraindicated", "aspirin not indicated", "Zofran did not help".
_NEGATED_AFTER = re.compile(
    r"^\W*(?:(?:is|was|are|were)\s+)?(?:contraindicated|not\s+indicated|not\s+recommended"
    r"|not\s+tolerated|ineffective|did\s+not\s+help|didn't\s+help|not\s+helping|failed"
    r"|(?:toxicity|overdose|allergy|intolerance|reaction|resistant|resistance|screen))\b"
)
# "Changed vancomycin to linezolid", "Transition from heparin drip to apixaban": the drug switched
# from is stopped, only the one switched to is ordered.
_SWITCH_BEFORE = re.compile(
    r"\b(?:change|changed|changing|switch|switched|switching|convert|converted|transition"
    r"|transitioned|de-?escalate|de-?escalated|replace|replaced|substitute|substituted|from)"
    r"[ \t]+(?:the\s+|his\s+|her\s+)?(?:\w+[ \t]+)?$"
)
_SWITCH_AFTER = re.compile(r"^[^,;.]{0,30}?\b(?:to|with|for)\b")
# "Family history: ...", "PMH: ...", "Social hx -": a sentence under a history heading reports.
_HISTORY_HEADING = re.compile(
    r"^\W*(?:(?:family|social|past\s+medical|past\s+surgical|medical|surgical|medication|drug)"
    r"\s+(?:history|hx)|pmh|psh|fhx?|shx?|hpi|history)\s*(?::|-)",
    re.IGNORECASE,
)
# A drug named inside another order's instructions is a reference, not an order: "do not exceed
# 4 g acetaminophen per day", "may alternate with acetaminophen", "while on Lasix", "if Zofran
# ineffective".
_REFERENCE_BEFORE = re.compile(
    r"\b(?:(?:exceed|max(?:imum)?(?:\s+of)?|more\s+than|up\s+to)\s+[\d.,]+\s*[a-z]*\s+(?:of\s+)?"
    r"|(?:alternate|alternating|alternated)\s+with\s+|while\s+(?:on|taking|receiving)\s+)"
    r"(?:the\s+|his\s+|her\s+)?$"
)
_CONDITION_BEFORE = re.compile(r"\b(?:if|when|unless|should)\s+(?:the\s+)?$")
_FAILS_AFTER = re.compile(
    r"^\W*(?:is\s+|are\s+|was\s+)?(?:ineffective|not\s+effective|fails|failed|not\s+tolerated"
    r"|unavailable|not\s+available|does\s+not\s+work|doesn't\s+work|not\s+working)\b"
)
# "Tylenol #3": a numbered formulation (with codeine) the name alone does not say.
_NUMBERED_AFTER = re.compile(r"^[ \t]*#\s*\d")
# "Home meds: ...", "PTA medications -", "Med rec:": a list of what the patient takes now.
_MED_LIST_HEADING = re.compile(
    r"^\W*(?:(?:home|pta|outpatient|current|admission|prior\s+to\s+admission)\s+"
    r"(?:med(?:ication)?s|regimen)|med(?:ication)?\s+rec(?:onciliation)?)\b",
    re.IGNORECASE,
)
# "Patient asking whether she can take Benadryl", "requesting refill of Xanax", "what dose of
# Lasix": a question or a patient's request, not an order.
_ASKS_BEFORE = re.compile(
    r"\b(?:(?:asking|asks|asked|wonder\w*)\s+(?:whether|if|about)|what\s+(?:dose|amount)"
    r"|would\s+like|wants?\s+(?:to|a)|requesting|requests?|requested)\b"
)
# "If BP > 180, give labetalol 10 mg IV", "In case of anaphylaxis, give epinephrine": the
# condition the order is given on (as needed for it).
_CONDITION_LEAD = re.compile(
    r"^\W*(?:if|in\s+case\s+of|should)\s+(?P<cond>[^,;:]{2,80}?)\s*,", re.IGNORECASE
)
# "vancomycin trough", "digoxin level": a test of the drug's level, not an order to give it.
_LEVEL_AFTER = re.compile(
    r"^[ \t]*(?:(?:random|serum|plasma|blood|drug)\s+)?(?:trough|peak|levels?|concentration)\b"
)
# Verbs that order a drug even with no dosage stated ("start aspirin", "give Narcan").
_ORDERS_BEFORE = re.compile(
    r"\b(?:start|begin|give|continue|resume|restart|prescribe|order|initiate|administer|add"
    r"|use|take|apply|insert|inhale|instill|inject|infuse|dispense|rx|please|need|needs|try"
    r"|followed\s+by|consider(?:ing)?|recommend(?:ed|s)?|suggest(?:ed|s)?|switch\s+to|change\s+to)\b"
)
_PROPOSAL = re.compile(
    r"\b(?:consider(?:ing)?|recommend(?:ed|s)?|suggest(?:ed|s)?|(?:could|may|might)\s+try"
    r"|possibly|perhaps|maybe)\b"
)
# A negation up to two words before the drug, in the same clause ("not taking her metoprolol").
_NEGATED = re.compile(
    rf"(?:^|\W)(?:{alternation(lx.NEGATION_WORDS)})(?:\W*$|[ \t]+(?:[\w'-]+[ \t]+){{0,2}}$)"
)
_ORDER_VERB = re.compile(
    r"\b(?:order(?:ed)?|obtain|draw|send|get|schedule|perform|request|collect|stat|please"
    r"|needs?|start|plan|refer(?:ral)?|consult(?:ation)?|arrange|book|do(?!\s+not\b))\b",
    re.IGNORECASE,
)
_NON_ORDER = re.compile(rf"^\W*(?:{alternation(lx.NON_ORDER_LEADS)})\b", re.IGNORECASE)
_CONTINUES = re.compile(
    rf"^\W*(?:(?:{alternation(lx.ADMIN_VERBS)})\b|\d+(?:\.\d+)?\s*(?:-\s*\d+\s*)?[a-z%]+\b"
    r"|(?:iv|po|im|sc|sq|subq|sl|pr)\s+(?:every|q\s*\d|daily|bid|tid|qid|once|x\s*\d|over|at)\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    if ";" not in text and "\n" not in text and "/" not in text and "." not in text:
        _add(out, text, 0, len(text))  # nothing can end a sentence: skip the pattern
        return out
    for m in _BREAK.finditer(text):
        _add(out, text, pos, m.start())
        pos = m.end()
    _add(out, text, pos, len(text))
    return out


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if stripped:
        lead = len(chunk) - len(chunk.lstrip())
        out.append(Sentence(start + lead, start + lead + len(stripped), stripped))


_NKDA_WORDS = ("nk", "allerg")  # substrings every _NKDA phrase holds (lowercased)


def nkda_spans(text: str) -> list[tuple[int, int]]:
    """Where the text states no known allergies (none: it does not say so)."""
    lowered = text.lower()
    if not any(w in lowered for w in _NKDA_WORDS):
        return []
    return [(m.start(), m.end()) for m in _NKDA.finditer(text)]


def stopped_before(prefix: str) -> bool:
    """ "hold metformin", "discontinue the lisinopril": a stop instruction right before."""
    return _STOP_BEFORE.search(prefix.lower()) is not None


def stopped_after(suffix: str) -> bool:
    """ "metformin on hold", "aspirin discontinued"."""
    return _STOP_AFTER.search(suffix.lower()) is not None


_STUDY = re.compile(
    r"\b(?:placebo|randomi[sz](?:ed|ation)|double[- ]blind(?:ed)?|open[- ]label|participants?"
    r"|clinical\s+trial|phase\s+(?:[1-4]|i{1,3}|iv)\b|(?:patients|subjects)\s+will\s+(?:be|receive)"
    r"|will\s+be\s+(?:randomi[sz]ed|treated|enrolled))",
    re.IGNORECASE,
)


def describes_study(sentence: str) -> bool:
    """A trial's description ("randomized to X or placebo"), never an order for a patient."""
    return _STUDY.search(sentence) is not None


def reports_existing_order(suffix: str) -> bool:
    """ "... ordered 30 minutes ago", "... given yesterday": about an existing order."""
    return _EXISTING_AFTER.search(suffix.lower()) is not None


def negated_before(prefix: str) -> bool:
    """ "no aspirin", "denies taking ibuprofen", "avoid NSAIDs"."""
    return _NEGATED.search(prefix.lower()) is not None


def has_order_verb(text: str) -> bool:
    return _ORDER_VERB.search(text) is not None


def is_non_order_clause(text: str) -> bool:
    """Monitoring and follow-up clauses ("Monitor INR", "recheck TSH") are never orders."""
    return _NON_ORDER.search(text) is not None


def continues_dosage(text: str) -> bool:
    """A clause with no drug that reads as another dosage line ("then 20 mg daily", "apply ...")."""
    return _CONTINUES.search(text) is not None and not is_non_order_clause(text)


def reported_before(prefix: str) -> bool:
    """ "took warfarin", "reports taking ibuprofen", "mother on metformin", "Pt on Eliquis",
    "received ceftriaxone", "INR 2.8 on warfarin": use reported (past, current, someone else's)
    or a finding about a drug, never a new order unless an ordering verb leads the clause."""
    lowered = prefix.lower()
    return _REPORTED_BEFORE.search(lowered) is not None and not _IMPERATIVE_LEAD.search(lowered)


def teaches(sentence: str) -> bool:
    """ "Instructed patient to take ibuprofen with food": teaching, never an order."""
    return _TEACHING.search(sentence) is not None


def negated_after(suffix: str) -> bool:
    """ "heparin contraindicated", "Zofran did not help", "Tylenol overdose"."""
    return _NEGATED_AFTER.search(suffix.lower()) is not None


def switched_from(prefix: str, suffix: str) -> bool:
    """ "changed vancomycin to linezolid": the drug switched from, not a new order."""
    return (
        _SWITCH_BEFORE.search(prefix.lower()) is not None
        and _SWITCH_AFTER.search(suffix.lower()) is not None
    )


def under_history_heading(sentence: str) -> bool:
    """A sentence under a history heading ("Family history:", "PMH:") reports, never orders."""
    return _HISTORY_HEADING.search(sentence) is not None


def names_a_level(suffix: str) -> bool:
    """ "vancomycin trough", "digoxin level": the drug names a test of its level."""
    return _LEVEL_AFTER.search(suffix.lower()) is not None


def asks(suffix: str) -> bool:
    """ "Aspirin?", "start metformin 500 mg bid?": a question, not an instruction."""
    return suffix.rstrip().endswith("?")


def proposes(prefix: str) -> bool:
    """ "Consider starting metformin", "recommend adding ...": a proposal, not an order."""
    return _PROPOSAL.search(prefix.lower()) is not None


def orders_before(prefix: str) -> bool:
    """An ordering verb in the words before a drug ("start", "give", "continue", "consider")."""
    return _ORDERS_BEFORE.search(prefix.lower()) is not None


def names_a_reference(prefix: str, suffix: str) -> bool:
    """ "do not exceed 4 g acetaminophen", "alternate with ibuprofen", "if Zofran ineffective":
    a drug named inside another order's instructions."""
    before = prefix.lower()
    if _REFERENCE_BEFORE.search(before) is not None:
        return True
    return _CONDITION_BEFORE.search(before) is not None and bool(
        _FAILS_AFTER.search(suffix.lower())
    )


def numbered_formulation(suffix: str) -> bool:
    """ "Tylenol #3": the number names a different product (acetaminophen with codeine)."""
    return _NUMBERED_AFTER.search(suffix) is not None


def lists_current_medications(sentence: str) -> bool:
    """ "Home meds: lisinopril 20 mg daily": what the patient takes, not new orders."""
    return _MED_LIST_HEADING.search(sentence) is not None


def asks_or_requests(prefix: str) -> bool:
    """ "asking whether she can take", "requesting refill of": no order."""
    return _ASKS_BEFORE.search(prefix.lower()) is not None


def leading_condition(prefix: str) -> str | None:
    """The condition a clause starts with ("If BP > 180, give ..."): the order is as needed."""
    m = _CONDITION_LEAD.search(prefix)
    return " ".join(m["cond"].split()) if m else None


_CONDITION_END = re.compile(r"\b(?:if|when|unless|until|once)\s+(?:the\s+|her\s+|his\s+)?$")
_RESULT_AFTER = re.compile(
    r"^[ \t]*(?:(?:is|was|remains|level|of)\s+)?(?:[<>=\u2264\u2265]|above|below|greater|less|\d)"
)


def conditional_or_result(prefix: str, suffix: str) -> bool:
    """ "start insulin if A1c > 9", "Sodium 135": a test named in a condition or with its
    result, never an order for it."""
    return (
        _CONDITION_END.search(prefix.lower()) is not None
        or _RESULT_AFTER.search(suffix.lower()) is not None
    )
