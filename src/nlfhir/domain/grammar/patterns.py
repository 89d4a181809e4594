"""Compiled regular expressions of the sig grammar, built once from the lexicon."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from nlfhir.domain.grammar import lexicon as lx
from nlfhir.domain.grammar import rx

if TYPE_CHECKING:
    from collections.abc import Iterable


def in_brackets(text: str, at: int) -> bool:
    """Is position ``at`` inside an unclosed "(" of the text before it?"""
    return text.rfind("(", 0, at) > text.rfind(")", 0, at)


def fold(text: str) -> str:
    """The text in lower case with every offset kept, so spans found in it point into the text.
    Patterns match folded text case-sensitively: a case-insensitive pattern costs two to three
    times as much. Only "İ" lowercases to two characters; it folds to "i". An en dash folds to
    a hyphen."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower()[0] for c in text)
    # an en dash is a hyphen in a range ("q4\u20136h", "1\u20132 tabs"), one character for one
    return lowered.replace("\u2013", "-") if "\u2013" in lowered else lowered


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal phrases that prefers the longest: "twice daily" beats
    "daily". A space in a phrase matches any run of white space.

    The phrases are merged into a prefix tree ("q(?:4h|6h|d)..."), which the regex engine walks
    one character at a time instead of trying every phrase at every position: the lexicon's
    alternations (units, routes, forms) hold hundreds of phrases. At each character at most one
    branch can go on, and going on is tried before stopping, so the phrase chosen is the longest
    that fits, as in a flat alternation sorted longest first (which upper-case phrases, whose
    branches could overlap under IGNORECASE, still get)."""
    unique = list(dict.fromkeys(words))
    if not unique or "" in unique or any(w != w.lower() for w in unique):
        return "|".join(_literal(w) for w in sorted(unique, key=len, reverse=True))
    tree: dict[str, _Trie] = {}
    for w in unique:
        node = tree
        for ch in w:
            node = node.setdefault(r"\s+" if ch == " " else re.escape(ch), {})
        node[""] = {}
    return _branches(tree)


_Trie = dict[str, "_Trie"]


def _literal(word: str) -> str:
    return re.escape(word).replace(r"\ ", r"\s+")


def _branches(node: _Trie) -> str:
    parts = [token + _branches(child) for token, child in node.items() if token]
    if "" in node:
        return f"(?:{'|'.join(parts)})?" if parts else ""
    return parts[0] if len(parts) == 1 else f"(?:{'|'.join(parts)})"


def phrase(words: Iterable[str]) -> rx.Rx:
    """Match any of the phrases as whole words (no letter/digit on either side)."""
    return rx.compile(rf"(?<![\w/])(?:{alternation(words)})(?![\w/])")


NUM_WORDS = alternation(lx.NUMBER_WORDS)
# "2.4M IU", "1.2 million units": a million-multiplier only in front of a unit count.
_MILLIONS = r"(?:\s*(?:million|m)\b(?=\s*(?:iu|units?|u)\b))?"
# "5,000 units" is five thousand; a number never starts right after "<digit>," so "1,0 g" (a
# decimal comma, ambiguous) gives no number at all rather than a dose of 0 g.
# "1/2 tab", "1 1/2 tablets", "1-1/2 tabs", "1/2-1 tab": a part of a tablet, with its whole
# number, only before a tablet (elsewhere "70/30" is a strength).
# A vulgar fraction sign is the same part: "\u00bd tab", "1\u00bd tabs".
_PART = (
    r"(?<![\d,./])(?:\d+(?:\s+|-|(?=[\u00bd\u00bc\u00be\u2153\u2154])))?"
    r"(?:1/[234]|2/3|3/4|[\u00bd\u00bc\u00be\u2153\u2154])(?![\d.])"
    r"(?=\s*(?:(?:-|to)\s*\d+\s*)?(?:tabs?|tablets?)\b)"
)
# A whole number: "5,000" with thousands commas (never from a leading 0), else plain digits with
# no leading zero ("heparin 5 000 units": "000" is no number, never a dose of 0 units); never
# one followed by a comma and a digit that are no thousands group ("0,125 mg", "0,5 mg": a decimal
# comma is ambiguous, so no number is read and the words are reported, never 125 mg).
_WHOLE = (
    r"(?<![\d,])(?:0(?![\d,]\d)|[1-9]\d*(?:,\d{3})*)(?!\d|,\d)"
    # never three digits after a number and a space: "vancomycin 1 250 mg" is 1,250 or 1 x 250,
    # so no number is read and both are reported (it was read as 250 mg)
    r"(?<!\d\s\d\d\d)"
)
# A decimal part, never ".000": "heparin 5.000 units" is five thousand written with a dot (or
# five): no number is read and it is reported (it was 5 units).
_DECIMAL = r"(?:\.(?!000(?!\d))\d+)?(?!\.?\d)"
NUM = (
    rf"(?:{_PART}|{_WHOLE}{_DECIMAL}{_MILLIONS}"
    # ".5 mg"; never after a letter ("q.12h" is every 12 hours, not every 0.12)
    rf"|(?<![a-z])\.\d+|{NUM_WORDS})"
)
# A numeral as written in amounts: "5,000" or "2.5", never starting inside "1,0" or "100,000".
AMOUNT = rf"{_WHOLE}{_DECIMAL}"
# The number spelled out after it, as EHR sigs print it: "2 (two) times daily", "Take 2 (two)
# tablets", "every 4 (four) hours".
_SPELLED = rf"(?:\s*\(\s*(?:{NUM_WORDS}|\d+)\s*\))?"  # "two (2) times daily" too
UNIT = alternation(lx.UNIT_WORDS)
TIME_UNIT = alternation(lx.TIME_UNITS)
FORM = alternation(lx.FORM_WORDS)

WEIGHT = rx.compile(
    rf"\(?\b(?:weight|wt|weighing)\s*[:=]?\s*(?P<v>{AMOUNT})\s*(?P<u>kg|g|lbs?)\b\)?"
    rf"|\b(?P<v2>{AMOUNT})\s*(?P<u2>kg)\b(?!\s*/)"
)
# Strengths: concentrations (80 mg/0.8 mL, 100 unit/mL), combination strengths (5/500),
# quantities naming a product form (250 mg capsule), and percentages.
# "at 1,000 units/hr" is the rate of an infusion, never the product's strength.
CONCENTRATION = rx.compile(
    rf"(?<![\w/])(?<!at ){AMOUNT}\s*"
    r"(?:mg|mcg|micrograms?|milligrams?|g|grams?|units?|unt|u|iu|meq|mmol|%)"
    r"\s*/\s*(?:\d+(?:\.\d+)?\s*)?"
    r"(?:ml|l|actuat\w*|spray|tab\w*|cap\w*|dose|puff|h|hr|hour|24\s*h\w*|mg)\b"
)
COMBO_STRENGTH = rx.compile(
    rf"(?<![\w/.])(?!{_PART})\d+(?:\.\d+)?/\d+(?:\.\d+)?(?![\w/])(?!\s*(?:mg|ml|h))"
)
# "two 500 mg capsules", "2 x 500 mg tabs": how many units of the strength after it.
COUNT_BEFORE = rx.compile(rf"(?<![\w./])(?P<n>{NUM})\s*(?:x\s*)?$")
# "2 x 500 mg" with no dose form: one dose of 1000 mg or two of 500 mg; not read.
TIMES_AMOUNT = rx.compile(rf"(?<![\w./])\d+\s*x\s*{AMOUNT}\s*(?:mg|mcg|g|units?)(?!\w)")
FORM_STRENGTH = rx.compile(
    rf"(?<![\w/]){AMOUNT}\s*(?:mg|mcg|g|units?|meq)(?![\w/])"
    rf"(?=\s*(?:oral\s+|er\s+|extended[- ]release\s+|delayed[- ]release\s+)?(?:{FORM})(?!\w))"
)
PERCENT = rx.compile(rf"(?<![\w/]){AMOUNT}\s*%")
# A package size ("1 mL vial", "250 mL bag"), never a dose.
PACKAGE = rx.compile(
    rf"(?<![\w/]){AMOUNT}\s*(?:ml|l)\s+(?:\w+\s+)?(?:vial|bag|syringe|ampule|bottle|pen)s?\b"
)
# "10-325 mg", "800-160 mg": a combination product's strengths, when the second is over ten times
# the first (a dose range is "5-10 mg"); read as the product's strength, never as the dose.
COMBO_RANGE = rx.compile(
    rf"(?<![\w./])(?P<a>{AMOUNT})\s*-\s*(?P<b>{AMOUNT})\s*(?:mg|mcg|g)(?![\w/])"
)
# Words that change the dose rather than state it, set aside (reported unparsed, kept in the
# text) before any rule reads their numbers: a titration ("increase by 2.5 mg/hr q15min"), a
# hold parameter ("hold for SBP < 100"), the dose changed from ("from 25 to 50 mg": 50 mg).
ASIDE = rx.compile(
    r"(?<![\w-])(?:(?:(?:increase|decrease|titrate|double|halve|reduce)d?|wean(?:ed)?)\b"
    r"(?:[^,;.]|\.(?=\d))*"
    r"|(?:hold|held|do\s+not\s+give)\s+(?:for|if|when|while)\b(?:[^,;.)]|\.(?=\d))*"
    rf"|from\s+{AMOUNT}\s*(?:[a-z%/]+\s+)?to\b"
    # a clock time is when one dose is given, never a daily schedule ("at 10 PM", "at 0900")
    r"|at\s+\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)(?!\w)|at\s+[0-2]\d[0-5]\d\b(?!\s*[a-z%/])"
    # a sliding scale's tiers, a PCA lockout and a limit on the rate are no dose or schedule
    r"|sliding\s+scale\b.*|(?:q\s*\d+\s*min(?:utes?)?\s+)?lockout\b(?:[^,;.]|\.(?=\d))*"
    r"|max(?:imum)?\s+rate\b(?:[^,;.]|\.(?=\d))*"
    # an exception to the schedule ("daily except 150 mcg on Sundays") is a second dosage
    r"|except\b(?:[^,;.]|\.(?=\d))*"
    # a taper's length and a patch's wear time are no course of each dose ("taper over 1 week",
    # "12 hours on, 12 hours off")
    r"|taper\s+over\b(?:[^,;.]|\.(?=\d))*"
    r"|\d+\s*(?:hours?|hrs?|h)\s+on\s*,?\s*(?:and\s+)?\d+\s*(?:hours?|hrs?|h)\s+off\b"
    # a home or usual dose named for reference: "Lantus 1/2 home dose (home 40 units)"
    r"|\((?:home|usual|prior|previous|outpatient|pta|baseline)\b[^)]*\)"
    r"|\b(?:1/2|half|one[- ]half|2/3|3/4|1/3)\s+(?:of\s+)?(?:the\s+)?(?:home|usual|prior|previous)"
    r"\s+dose\b"
    # when a patch comes off is never when a dose is given ("remove at night", "off at bedtime")
    r"|(?:remove|removed|take\s+off|taken\s+off|off)\s+(?:at|in|after|before|by|every)\b"
    r"(?:[^,;.]|\.(?=\d))*)"
)
# After a drug whose dose is changed ("Increase lisinopril 10 mg to 20 mg daily"): the dose
# changed from, set aside so that only the new one is read.
# "from 25 mg BID to 50 mg BID", "40 mg PO daily to 40 mg BID": its schedule goes with it.
CHANGED_FROM = rx.compile(
    rf"\s*(?:from\s+)?{AMOUNT}\s*(?:[a-z%]+(?:/[a-z]+)?\s+)?(?:[a-z][a-z0-9]*\s+){{0,3}}?"
    rf"to\s+(?={AMOUNT})"
)
# A step that starts by changing the dose ("..., then increase to 2 tablets daily"): the amount
# after "to" is the step's dose, so the verb is read, not set aside as a titration.
STEP_TO = rx.compile(
    r"^\W*(?:then\s+)?(?:increase|decrease|reduce|titrate|taper|go\s+up|go\s+down)\s+"
    r"(?:the\s+)?(?:dose\s+)?to\s+(?=\d|\.\d|one\b|two\b|three\b|half\b)"
)
# The dose changed from, before an arrow ("40 mg daily -> 20 mg daily"): set aside so that only
# the new dose is read (its own pattern: the scan to the arrow is costly, and arrows are rare).
ARROW_FROM = rx.compile(r"[^,;>\n]*?\d[^,;>\n]*?(?:-+>|\u2192|=>)")
FORM_MENTION = rx.compile(rf"(?<![\w/])(?P<form>{FORM})(?!\w)")

# The words that lead a limit: "max", "do not exceed", "no more than", "up to".
MAX_LEAD = (
    r"(?:\bmax(?:imum|imim|\.)?(?:\s+dose)?(?:\s+of)?|\bdo\s+not\s+exceed(?:\s+more\s+than)?"
    r"|\bnot\s+to\s+exceed|\bno\s+more\s+than|\bup\s+to)\s*:?\s*"
)
MAX_DOSE = rx.compile(
    rf"{MAX_LEAD}(?P<v>{NUM})\s*(?P<u>{UNIT})?"
    rf"(?:\s*(?:/|per|in|a|every)\s*(?P<pv>\d+\s*)?(?P<pu>{TIME_UNIT})\b|\s+(?P<daily>daily)\b)"
)
# "10 mg/kg/day divided BID", "320 mg/day": a total per day, never the amount of one dose.
DAILY_TOTAL = rx.compile(
    rf"(?<![\w./])(?P<a>{NUM})(?:\s*(?:-|to)\s*(?P<b>{NUM}))?\s*"
    r"(?P<u>(?:mg|mcg|micrograms?|milligrams?|g|grams?|units?|iu|meq|mmol|ml)"
    r"(?:\s*/\s*(?:kg|m2|m\u00b2))?)"
    r"\s*(?:/|per\s+)\s*(?:day|d|24\s*(?:h|hrs?|hours?))(?![\w/])"
    r"(?:\s*,?\s*(?:in\s+)?(?:divided|div\b\.?)(?:\s+(?:into\s+)?(?:\w+\s+)?doses?\b)?)?"
)
RATE = rx.compile(
    # never a threshold: "if UOP < 30 mL/h", "urine output below 0.5 mL/kg/h"
    # (a digit is looked for first: the look-behinds then run at digits only)
    r"(?=\d)(?<![<>=\u2264\u2265]\s)(?<![<>=\u2264\u2265])(?<!below\s)(?<!under\s)(?<!than\s)"
    rf"(?<![\d.])(?P<v>{AMOUNT})(?:\s*(?:-|to)\s*(?P<hi>{AMOUNT}))?\s*"
    r"(?P<u>ml|cc|mcg|mg|units?|g)\s*(?P<per>/\s*kg\s*)?"
    r"(?:/|\bper\b|\ban?\b)\s*(?P<t>hr|h|hour|min|minute)\b"  # "100 mL/hr", "125 mL per hr"
)
INFUSE_OVER = rx.compile(
    rf"\bover\s+(?P<v>{NUM})(?:\s*(?:-|to)\s*(?P<hi>{NUM}))?\s*(?P<u>{TIME_UNIT})\b"
)
COUNT = rx.compile(
    r"(?:\bx\s*|\*\s*|\bfor\s+(?:a\s+total\s+of\s+)?|\btotal\s+of\s+)(?P<v>\d+)\s*"
    r"(?:doses?|cycles?|treatments?|applications?|times)\b"
    # "q5min x3", "x3 prn chest pain": a count of doses with no unit after it ("x1" is ONCE's)
    r"|(?<!rf\s)(?<!rf:\s)(?<!refill\s)(?<!refills\s)(?<!disp\s)"  # "RF x3": refills
    r"\bx\s*(?P<w>[2-9]|[1-9]\d)(?!\d|\.\d)(?=\s*(?:$|[,;)]|\.(?!\d)|then\b|prn\b|p\.r\.n|as\s+needed"
    r"|if\b|max\b|and\b|for\s+[a-z]))"
)
# "start metformin 500 mg daily in 2 weeks", "apixaban 5 mg BID starting tomorrow": a start
# later than the order, which a Dosage cannot date; set aside, so kept in the text and reported.
DELAYED_START = rx.compile(
    r"(?<!\w)(?:(?:starting|start|beginning|begin|from)\s+)?(?:(?:in|after)\s+\d+\s*(?:-\s*\d+\s*)?"
    r"(?:hours?|hrs?|days?|weeks?|wks?|months?|mos?)\b(?!\s+(?:of|after|before|prior))"
    r"|tomorrow(?:\s+(?:morning|am|evening|night))?|next\s+(?:week|month|visit))(?!\w)"
)
# "lorazepam 0.5 mg BID and q4h prn anxiety": a second schedule, as needed, beside the first;
# set aside (reported) so that the scheduled dose is not made as needed, nor the reverse.
SECOND_PRN = rx.compile(
    r"\s(?:and|&|\+|plus)\s+(?:q\s*\d+\s*-?\s*\d*\s*(?:h|hrs?|hours?|min)|q\s*hs|qhs|hs|at\s+bedtime"
    r"|nightly|bid|tid|qid|daily|q\s*am|q\s*pm|every\s+\d+\s*(?:hours?|h))\s+(?:prn|p\.r\.n\.?"
    r"|as\s+needed)\b[^,;\n]*"
)
DURATION = rx.compile(
    rf"(?:\bx\s*|\bfor\s+(?:another\s+|a\s+total\s+of\s+|the\s+next\s+|up\s+to\s+)?"
    rf"|\bduration\s*:?\s*)"
    rf"(?P<v>{NUM})\s*(?:more\s+)?(?P<u>{TIME_UNIT})\b"
)
ONCE = rx.compile(
    # never "may repeat once" (a second dose allowed), nor "x 1 L" (a volume)
    r"(?<!\w)(?<!repeat\s)(?:x\s*1(?![\d.])(?!\s*(?:days?|weeks?|months?|hours?|hrs?|doses?|wks?|mos?|d|h|w"
    r"|l|liters?|litres?|ml|mg|g|units?|meq)\b)|once(?!\s+(?:daily|a|per|weekly|monthly|every|each|nightly)\b|\s+q)"
    r"|one\s+time(?!\s+(?:daily|a|per|every|each)\b|\s+q)|(?:as\s+a\s+)?single\s+dose|one\s+dose|one-time)(?!\w)"
)
PRN = rx.compile(
    r"(?<!\w)(?:prn|p\.r\.n\.?|as\s+needed|as\s+required|when\s+required|if\s+needed"
    r"|when\s+needed|as\s+necessary)(?!\w)(?:\s*(?:for|to\s+treat|with)\b)?"
)
PRN_WHEN = rx.compile(
    r"(?<!\w)(?:when|if)\s+(?:(?:the\s+)?patient\s+(?:is|has|feels)\s+)?"
    r"(?P<r>feverish|itchy|nauseous|nauseated|anxious|wheezy|dizzy|in\s+pain|pain)\b"
)
# "4 units SC if BG > 200", "40 mg IV when SBP > 100", "x1 if cultures positive": a condition
# each dose waits for. A measured comparison or a test's result (``cond``) is read as the dose's
# as-needed reason, as "prn SBP > 180" and a leading "If BP > 180, give ..." are; "if needed"
# and "when in pain" are PRN phrases, and sliding-scale ranges ("if BG 150-200") are no
# comparison. Any other condition written with "if" (``cond2``: "if febrile") gates the whole
# order, which the reader reports.
PRECONDITION = rx.compile(
    r"(?<![\w/])(?:if|when|once)\s+(?P<cond>(?:(?!(?:if|when|once)\b)[a-z][a-z0-9/.'\-]*\s+){0,4}?"
    r"(?:(?:(?:is|are|remains?|stays?)\s+)?(?:[<>\u2264\u2265]=?|above|below|greater\s+than"
    r"|less\s+than|more\s+than|over|under)\s*-?\d+(?:\.\d+)?"
    r"(?:\s*(?:%|mmhg|mg/dl|mmol/l|meq/l|bpm|ml(?:\s*/\s*kg)?\s*/\s*(?:h|hr|hour))(?!\w))?"
    r"|(?:(?:is|are|comes?\s+back|returns?)\s+)?(?:positive|negative|confirmed)\b"
    r"(?:\s+for\s+[a-z]+(?:\s+[a-z]+)?)?))(?![\w.])"
    # any other condition written with "if", up to the end of its clause: "if febrile", "if no
    # BM in 3 days"; not "if needed" (PRN), "if unable to take PO" (another route), "if tolerated"
    r"|(?<![\w/])if\s+(?P<cond2>(?!(?:needed|necessary|required|possible|able|unable|tolerat\w*"
    r"|desired|indicated|not\s+already|so|any|you|available|appropriate|ok|okay)\b)"
    # (a symptom is a PRN reason: "if pain", "if nauseated")
    r"(?!(?:(?:the\s+)?(?:patient|pt)\s+(?:is|has|feels)\s+)?(?:feverish|itchy|nause\w*|anxious"
    r"|wheezy|dizzy|in\s+pain|pain)\b)"
    r"[a-z][^,;\n\x00]{1,60}?)"
    # up to the clause's end, or the verb that orders ("if no BM give bisacodyl")
    r"(?=\s*(?:[,;\n\x00]|\.(?!\d)|$|\bthen\b|\b(?:give|start|begin|administer|increase"
    r"|decrease|add|resume|use|apply)\b))"
)
REASON_BOUNDARY = rx.compile(
    r"(?<!\d)\.|\.(?!\d)|[;,(\n:\x00+#]"
    # "for intra-abdominal infection and CT abd/pelvis": another order ends the reason
    r"|\s(?:(?:and|&)\s+(?=(?:obtain|order|get|check|send|draw|ct|cta|mri|xr|x-ray|cxr"
    r"|ultrasound|echo|ekg|ecg|blood\s+cultures?|labs?|cbc|bmp|cmp)\b)"
    # a route abbreviation: "prn PO 5 mg" gives the dose's route, never a reason "PO"
    r"|(?:po|iv|ivp|ivpb|im|sc|sq|subq|sl|pr|pv|inh|neb)\b"
    r"|x\s*\d|then\b|for\s+\d|to\s+a\s+max|max|maximum|do\s+not|not\s+to\s+exceed"
    r"|may\b|every\b|q\d|prn\b|as\s+needed|monitor|and\s+(?:monitor|check|recheck|follow|order)"
    r"|until\b|starting\b|titrate|if\b|unless\b|via\b|over\s+\d|at\s+\d|daily\b|twice\b"
    r"|once\b|bid\b|tid\b|qid\b|start\b|tomorrow\b|today\b|tonight\b|in\s+\d|next\s+(?:week|month)\b|\d+(?:\.\d+)?(?:\s*-\s*\d+(?:\.\d+)?)?\s*(?:mg|mcg|g|ml|units?|tabs?|caps?|puffs?"
    r"|drops?|days?|weeks?|hours?|x)\b)"
)
FOR = rx.compile(r"\b(?:for|indication\s*:|dx\s*:|due\s+to|patient\s+with)\s+(?!\d)")

FREQ_RANGE_Q = rx.compile(
    rf"(?<!\w)(?:q\.?|every)\s*(?P<a>{NUM})\s*(?:-|to)\s*(?P<b>{NUM})\s*(?P<u>{TIME_UNIT})(?!\w)"
)
# "6 hourly", "4-6 hourly", "24-hourly": every N hours (Commonwealth style).
FREQ_HOURLY = rx.compile(
    rf"(?<![\w./])(?P<a>{NUM})\s*(?:(?:-|to)\s*(?P<b>{NUM})\s*)?-?\s*hourly(?!\w)"
)
FREQ_Q = rx.compile(
    # "q.12h" is every 12 hours; "q." with no number is never a period ("q.h.s.", "q.d.s.")
    rf"(?<!\w)(?:q\.(?=\s*\d)|q|every)\s*(?:(?P<a>{NUM}){_SPELLED})?\s*(?P<u>{TIME_UNIT})(?!\w)"
)
FREQ_TIMES = rx.compile(
    rf"(?<![\w./])(?P<a>{NUM}){_SPELLED}\s*(?:(?:-|to)\s*(?P<b>{NUM})\s*)?"
    rf"(?:(?:x|times?)\s*(?P<daily>daily)|(?:x|times?)\s*(?P<weekly>weekly)"
    # "2/day"; never "75/hr" (a rate with its volume unit missing), nor per minute
    rf"|(?:(?:x|times?)\s*)?(?:a|per|each|every|/(?!\s*(?:h|hrs?|hours?|min|minutes?)\b))"
    rf"\s*(?P<u>{TIME_UNIT}))(?!\w)"
)
FREQ_FIXED = phrase(lx.FREQUENCY_PHRASES)
# "c" (with meals) alone is read only where no abbreviated name follows ("for C. diff", "C diff").
WHEN = rx.compile(
    rf"(?<![\w/])(?:{alternation(w for w in lx.WHEN_PHRASES if w != 'c')}"
    # "c" alone is with meals, never the "c." of "s.c." (subcutaneous)
    r"|(?<!s\.)c(?!\.\s*[a-z])(?!\s*diff\b))(?![\w/])"
)
IMMEDIATE = phrase(lx.IMMEDIATE_WORDS)
MEAL_LIST = rx.compile(
    r"(?<!\w)(?P<rel>ac|pc|before|after|with)\s+(?P<meals>(?:(?:breakfast|lunch|dinner|supper)"
    r"(?:\s*(?:,|and|&)?\s*))+)"
)

ROUTE = phrase(lx.ROUTE_WORDS)
# "per os" is by mouth, never the left eye
SIDE = rx.compile(r"(?<![\w/])(?:od|(?<!per\s)os|ou|right\s+eye|left\s+eye|both\s+eyes)(?![\w/])")
# OD and OS name an eye only beside an eye's words; alone, "amlodipine 5 mg OD" may mean once
# daily (an error-prone abbreviation): it is reported, never read as an eye.
EYE_CONTEXT = rx.compile(
    r"\b(?:eyes?|drops?|gtts?|gtt|ophthalmic|ophth|ointment|instill|instil|opth)\b"
)
# "AS" (left ear) is read only among an ear's words ("5 gtts AS BID", EAR_CONTEXT), never in
# "AS NEEDED" or "AS DIRECTED"
EAR_SIDE_UPPER = rx.compile(
    r"(?<![\w/])(?:AD|AU|AS(?!\s+(?i:needed|directed|tolerated|instructed|required)\b))(?![\w/])"
)
EAR_CONTEXT = rx.compile(r"\b(?:ears?|otic|gtts?|drops?)\b")
FORM_ROUTE = phrase(lx.FORM_ROUTES)
# "to right knee", "to the affected toenails", "at wound": the site of a local application
# ... or, with its side named, no preposition at all: "1 mL IM left deltoid"
BODY_SITE = rx.compile(
    r"\b(?:(?:to|on|at|into|in)\s+(?:the\s+)?(?P<site>(?:(?:left|right|both|each|affected)\s+)?"
    rf"(?:{alternation(lx.BODY_SITES)}))"
    rf"|(?P<sided>(?:left|right)\s+(?:upper\s+|outer\s+)?(?:{alternation(lx.BODY_SITES)})))\b"
)
VERB_ROUTE = phrase(lx.VERB_ROUTES)
# "to vaginal area", "on the perianal skin": a route adjective naming a site
AREA_SITE = rx.compile(
    r"\b(?:(?:to|on|at|into|in)\s+)?(?:the\s+)?"
    rf"(?P<site>(?:{alternation(w for w in lx.ROUTE_WORDS if ' ' not in w and w.isalpha())}"
    r"|perianal|genital|perineal)\s+"
    rf"(?:{alternation(lx.AREA_NOUNS)}))\b"
)
INSTRUCTION = rx.compile(rf"\b(?:{'|'.join(lx.INSTRUCTION_PATTERNS)})\b")
# "400 mg in 500 mL D5W", "in 1 L 0.9% NS": mixed into an infusion fluid.
DILUENT = rx.compile(
    r"\bin\s+(?:\d+(?:\.\d+)?\s*(?:ml|l)\s+)?(?:of\s+)?(?:d5w|d10w|d5ns|ns|normal\s+saline"
    r"|0\.9\s*%\s*(?:ns|nacl|sodium\s+chloride)|lactated\s+ringer'?s?|lr|sterile\s+water"
    # a fluid named in full, with its strength: "in sodium chloride 0.9% 250 mL"
    r"|(?:sodium\s+chloride|nacl|dextrose)(?:\s+\d*\.?\d+\s*%)?)(?:(?<=%)|\b)"
    # its volume after it: "in NS 100 mL" (not a volume per time, which is a rate)
    r"(?:\s+\d+(?:\.\d+)?\s*(?:ml|l)\b(?!\s*/))?"
)
EYE_SIDE_UPPER = rx.compile(r"(?<![\w/])(?:RE|LE)(?![\w/])")

DOSE = rx.compile(
    rf"(?<![\w./])(?P<a>{NUM}){_SPELLED}(?:\s*(?:-|to|or)\s*(?P<b>{NUM}))?\s*(?P<u>{UNIT})(?![\w])"
    # "8 L/min", "100 mL/hr": an amount per unit of time is a rate, never the dose
    r"(?!\s*(?:/|per\b)\s*(?:min|minutes?|h|hr|hrs|hours?)\b)"
)
# "take 2 TID" (of a 500 mg capsule): a count after the verb, before no word but a schedule's
BARE_DOSE = rx.compile(
    rf"(?:\b(?:take|give|insert|instill|inhale|use|apply|chew|place|administer)\s+"
    rf"(?P<a>{NUM})(?:\s*(?:-|to)\s*(?P<b>{NUM}))?"
    rf"(?!\s*(?!(?:{alternation((*lx.FREQUENCY_PHRASES, *lx.WHEN_PHRASES))})(?![\w/]))[\w%])"
    rf"|(?<![\w./])(?P<a2>{NUM})(?:\s*(?:-|to)\s*(?P<b2>{NUM}))?(?=\s+(?:{alternation(lx.ROUTE_WORDS)})\b))"
)

_DAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)s?"
)
# "mon-fri", "monday through friday", "on mon, wed and fri", "on weekends", "every monday"
DAYS = rx.compile(
    rf"\b(?:on\s+)?(?:(?P<a>{_DAY})\s*(?:-|to|through|thru)\s*(?P<b>{_DAY})"
    rf"|(?P<list>{_DAY}(?:\s*(?:,|/|&|and)\s*{_DAY})+)"
    r"|(?P<span>week\s*days|week\s*ends?)"
    rf"|(?:on|every|each)\s+(?P<one>{_DAY}))\b"
)

# Substrings without which a pattern cannot match: a cheap `in` test skips most regex searches.
GUARDS: dict[rx.Rx, tuple[str, ...]] = {
    WEIGHT: ("kg", "lb", "weigh", "wt"),
    CONCENTRATION: ("/",),
    COMBO_STRENGTH: ("/",),
    PERCENT: ("%",),
    PACKAGE: ("vial", "bag", "syringe", "ampule", "bottle", "pen"),
    MAX_DOSE: ("max", "exceed", "more than", "up to"),
    RATE: ("/", "per", "an h", "a h", "an m", "a m"),
    DAILY_TOTAL: ("/d", "/ d", "day", "24"),
    INFUSE_OVER: ("over",),
    COUNT: ("dose", "cycle", "treatment", "application", "time", "x"),
    SECOND_PRN: ("prn", "p.r.n", "needed"),
    DELAYED_START: ("in ", "after ", "tomorrow", "next "),
    DURATION: ("x", "for", "duration"),
    FREQ_RANGE_Q: ("q", "every"),
    FREQ_Q: ("q", "every"),
    FREQ_HOURLY: ("hourly",),
    COMBO_RANGE: ("-",),
    ARROW_FROM: (">", "\u2192"),
    TIMES_AMOUNT: ("x",),
    ASIDE: (
        "taper",
        " off",
        "except",
        "at ",
        "sliding",
        "lockout",
        "max",
        "increase",
        "decrease",
        "titrate",
        "double",
        "halve",
        "reduce",
        "wean",
        "hold",
        "not give",
        "from",
        "remove",
        "off ",
        "home",
        "usual",
        "prior",
        "previous",
        "outpatient",
        "pta",
        "baseline",
    ),
    DILUENT: ("in",),
    FREQ_TIMES: ("time", "x", " a ", "per", "/", "each", "every", "weekly"),
    MEAL_LIST: ("breakfast", "lunch", "dinner", "supper"),
    PRN: ("prn", "p.r.n", "need", "requir", "necessary"),
    PRN_WHEN: ("when", "if"),
    PRECONDITION: ("if", "when", "once"),
    SIDE: ("od", "os", "ou", "eye"),
    IMMEDIATE: ("stat", "now", "immediate", "at once", "asap"),
    ONCE: ("x", "once", "one", "single"),
    DAYS: ("mon", "tue", "wed", "thu", "fri", "sat", "sun", "week"),
    BODY_SITE: ("to ", "on ", "at ", "in", "left", "right"),
    AREA_SITE: lx.AREA_NOUNS,
    INSTRUCTION: (
        "not",
        "whole",
        "stomach",
        "cause",
        "alcohol",
        "shake",
        "water",
        "slowly",
        "rinse",
        "sun",
    ),
}


# Words without which a phrase pattern cannot match. Each phrase starts at a word boundary and its
# first run of letters (or digits) ends where the phrase has another kind of character or ends,
# so the text holds that run as one token of TOKEN. A pattern is skipped when none of its first
# tokens occurs in the text; a phrase that breaks the rule disables the shortcut for its pattern.
TOKEN = rx.compile(r"[a-z]+|\d+")


def _first_tokens(phrases: Iterable[str]) -> frozenset[str] | None:
    out: set[str] = set()
    for p in phrases:
        m = TOKEN.match(p)
        if m is None:
            return None
        out.add(m.group(0))
    return frozenset(out)


TOKEN_GUARDS: dict[rx.Rx, frozenset[str]] = {
    pattern: first
    for pattern, phrases in (
        (FREQ_FIXED, lx.FREQUENCY_PHRASES),
        (WHEN, lx.WHEN_PHRASES),
        (ROUTE, lx.ROUTE_WORDS),
        (FORM_ROUTE, lx.FORM_ROUTES),
        (VERB_ROUTE, lx.VERB_ROUTES),
        (FORM_MENTION, lx.FORM_WORDS),
    )
    if (first := _first_tokens(phrases)) is not None
}
