"""Splitting text into sentences and reading the context words around a mention."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from nlfhir.domain.grammar import lexicon as lx
from nlfhir.domain.grammar import rx
from nlfhir.domain.grammar.patterns import alternation

if TYPE_CHECKING:
    from collections.abc import Callable

# A sentence ends at ";", a newline, "//", or a period that is not a decimal point or an
# abbreviation's dot (p.o., b.i.d.); after a number ("2015.", "q8h.") only when a capitalised
# word follows ("25mg q8h. Monitor electrolytes": the monitoring is not part of the dose).
# Every alternative starts with its literal character and looks behind only after it, so the
# engine skips straight to the few candidate characters (six times faster than lookbehinds
# first). A question mark after a word ends its sentence but stays in it.
# The words with which a writer takes back or corrects what came before: "Actually, make that
# a CMP", "Correction: without contrast", "Sorry, I mean 50 mg", "Scratch that", "Never mind".
_CORRECTION_CUE = (
    r"(?:(?:oh|wait|ok|okay|no)\W+)*(?:actually|correction|corrected|sorry(?!\s+(?:for|about|to)\b)"
    r"|oops|i\s+mean|i\s+meant|no\W+wait\b(?!\s+(?:time|times|list|period))|no\s*,(?=\s*\w)"
    r"|scratch\s+that|never\s*mind|disregard(?:\s+(?:that|the\s+above|previous|last|order))?\b"
    r"|cancel\s+(?:that|this|the\s+(?:above|last|previous)|it)\b"
    r"|make\s+(?:it|that|this)\b(?!\s+(?:easier|harder|easy|hard|possible|worse|better))"
    # "Order CBC. Patient refused.": the order is not made either
    r"|(?:pt|patient)\s+(?:refused|declined|refuses|declines)\b)"
)
_CORRECTION = rx.compile(rf"^\W*{_CORRECTION_CUE}", re.IGNORECASE)
# "... q6h prn pain. Do not exceed 3 g per day": a limit after a full stop is the dose's own.
# Only a sentence that is nothing but the limit: an amount, its unit and a period of a day
# ("Max 3 g/day tylenol" names another drug; "Do not exceed 2 L per day" limits fluids).
_LIMIT_NEXT = (
    r"(?!\s+(?i:(?:(?:do\s+not|not\s+to|don't)\s+exceed(?:\s+more\s+than)?|max(?:imum)?(?:\s+dose)?"
    r"|no\s+more\s+than)"
    r"[\s:]*\d[\d.,]*(?:\s*(?:mg|mcg|g|grams?|units?|meq|tabs?|tablets?|caps?|capsules?|doses?"
    r"|per|a|in|of|day|days|d|24|h|hrs?|hours?|daily|total|/))*\s*(?:[.;\n]|$)))"
)
# (or a space before "no, wait": "order CT head no, wait, MRI brain"; every use of the mark
# is followed by the whole cue, which tells "no wait time" apart)
_CORRECTION_MARK = r"(?:,|--|\u2014|(?<=\s)[-\u2013](?=\s)|\s(?=(?i:no)\W+(?i:wait)\b))"
_BREAK = rx.compile(
    r";|\n|//|\?(?<=\w\?)(?=\s)"
    rf"|\.(?<![0-9.]\w\.)(?<!\b\w\.)(?!\d|\w\.)(?=\s|$){_LIMIT_NEXT}"
    rf"|\.(?<=\d[a-z]\.)(?=\s+[A-Z]){_LIMIT_NEXT}"
    # "prn SBP>160. PIH labs q6h": a number of two digits or more ends a sentence before a capital
    rf"|\.(?<=\d\d\.)(?=\s+[A-Z]){_LIMIT_NEXT}"
    # "Order CBC stat, sorry routine", "order MRI left knee -- actually right": a correction
    # after a comma or a dash starts a sentence of its own
    rf"|{_CORRECTION_MARK}(?=\s*(?i:{_CORRECTION_CUE}))"
)
# No known allergies at all; "denies allergy to penicillin" and "NKDA except iodine" deny less.
_NKDA = rx.compile(
    r"\b(?:nkda|nka|no\s+known\s+(?:drug\s+)?allerg(?:y|ies)|no\s+(?:drug\s+)?allerg(?:y|ies)"
    r"|denies\s+(?:any\s+)?(?:drug\s+)?allerg(?:y|ies)"
    r"|allergies\s*:\s*(?:none|nkda|nka|denies|denied|nil|no\s+known(?:\s+drug)?\s+allergies))\b"
    r"(?!\s+(?:to|except|but|other\s+than)\b)",
    re.IGNORECASE,
)
_STOP_BEFORE = rx.compile(
    # "DC home on", "DC meds:", "DC rx", "DC with": discharge, never a stop
    rf"(?:^|\W)(?<!plan\s)(?:{alternation(lx.STOP_WORDS)})"
    r"(?!\W*(?:on|home|meds?|medications?|rx|prescriptions?|with|summary|planning|plan)\b)"
    r"\W*(?:[\w']+\W+)?$"  # one word between: "skip tonight's lantus"
)
# "aspirin on hold", "heparin drip held for procedure", "Levophed weaned off overnight".
_STOP_AFTER = rx.compile(
    r"^\W*(?:(?:drip|gtt|infusion|dose|doses)\s+)?(?:(?:is|was|were|will\s+be|to\s+be|being)\s+)?"
    r"(?:on\s+hold|held|discontinued|stopped|d/c'?d|weaned|tapered\s+off)\b"
    # "Lasix 40 mg IV x1 - cancel, pt hypotensive": the order written, then taken back
    r"|(?:\u2014|--|\s-|[,;])\s*(?:wait\W+)?(?:cancel(?:led)?|disregard|scratch\s+that|never\s+mind)\b"
    r"(?=\s*(?:[,.;]|$|\s+(?:it|that|this|the\s+order|order|pt|patient)\b))"
)
# "lisinopril 10 mg daily - discontinue", "warfarin 5 mg daily (hold)", ": on hold", "- HOLD
# for surgery": a med-rec line's marker, where the drug's words end its clause (", stop
# ibuprofen" stops the next drug); "hold if HR < 60", "hold for loose stools" are a dose's hold
# parameters, not a stop.
_STOP_MARK = rx.compile(
    # "- wait, hold it": the order written, then held
    r"(?:\u2014|--|\s-|[,;:(])\s*(?:wait\W+)?(?:discontinue|d/c|dc|stop|hold|on\s+hold)\b"
    r"(?:\s+(?:it|that|this)\b)?(?=\s*(?:[,.;)]|$|\s+(?:until|pending|per|x\s*\d)\b"
    r"|\s+for\s+(?:the\s+)?(?:surgery|procedure|or|cath|endoscopy|colonoscopy|egd|biopsy|now"
    r"|today|tonight|tomorrow)\b))"
)
# A report about an order that exists, never a new one: "epinephrine ordered 30 minutes ago",
# "was given yesterday", and a dose reported by when or where it was given ("given at 2200",
# "received in the ED", "2 days ago").
_EXISTING_AFTER = rx.compile(
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
_REPORTED_BEFORE = rx.compile(
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
    r"|(?:was|were|been|got|being|pt|patient|he|she|they)\s+given|(?:^|[:;]\s*)given|received"
    r"|receiving|ingested|overdosed\s+on"
    r"|(?<!be\s)treated\s+with|completed(?:\s+(?:a|the|his|her)\s+course\s+of)?"
    r"|finished(?:\s+(?:a|the|his|her)\s+course\s+of)?|status\s+post|s/p|pre-?medicated\s+with"
    # findings and results about a drug: "INR 2.8 on warfarin", "resistant to ciprofloxacin"
    r"|(?<![<>=]\s)(?<![<>=])\d\S*\s+on|despite|resistant\s+to|sensitive\s+to|susceptible\s+to|positive\s+for"
    r"|negative\s+for|(?:overdose|toxicity|od)\s+(?:on|of|from|with)"
    # a reaction the drug caused, or how it was tolerated: "angioedema on lisinopril"
    r"|(?:syndrome|reaction|rash|hives|angioedema|anaphylaxis|urticaria|swelling|itching|nausea"
    r"|vomiting|diarrh(?:o)?ea|cough|bleed(?:ing)?|toxicity|side\s+effects?)\s+(?:from|after|on|with"
    r"|to|due\s+to|while\s+on)|tolerated|tolerating|developed\s+\w+\s+(?:on|after|from)"
    # given or taken before, by anyone: "Administered 1 g ceftriaxone", "EMS gave", "got"
    r"|gave|got|last\s+dose\s+of"
    # current use in the third person: "Takes lisinopril", "She uses", "Mom gives him"
    r"|takes|uses|been\s+(?:taking|using|on)|gives\s+(?:him|her|them)|per\s+(?:patient|pt|family)"
    # history: "recent course of", "home dose:", "outpatient regimen", "ran out of", "was
    # prescribed ... by urgent care", "in ED: 1 g ceftriaxone", a clause starting "On" or "Taking"
    r"|recent\s+course\s+of|(?:home|outpatient|usual|previous|prior)\s+(?:dose|doses|regimen"
    r"|meds?|medications?)\s*:?|ran\s+out\s+of|stopped\s+taking|(?:was|were|been)\s+prescribed"
    r"|in\s+(?:the\s+)?(?:ed|er|triage|ambulance|field|pacu)\s*:|^\s*(?:on|taking)"
    # "In ED given morphine", "Prehospital: albuterol", "Pt with afib on apixaban", "hx of
    # seizures on levetiracetam", "Known HTN on amlodipine"
    r"|(?:ed|er|ems|osh|triage)\s+(?:was\s+)?given|pre-?hospital\s*:"
    r"|(?:with|hx\s+of|h/o|history\s+of|known)\s+(?:[a-z0-9/\-]+[\s,]+){1,4}?on)"
    r"[ \t]+(?:the\s+|his\s+|her\s+|their\s+|a\s+)?"
    # a dose may stand between the words and the drug: "Was given 2 mg morphine", and another
    # thing given before it: "received 1 L LR and vancomycin"
    r"(?:[\d.,/]+[ \t]*[a-z%]*[ \t]+(?:of[ \t]+)?)?(?:\w+[ \t]+)?(?:(?:and|plus|&)[ \t]+)?$"
)
# The same words are an order when an ordering verb leads the clause ("start patient on heparin").
_IMPERATIVE_LEAD = rx.compile(
    r"^\W*(?:[a-z]+\s*:\s*)?(?:please\s+)?(?:start|started|starting|begin|put|place|initiate"
    r"|initiated|continue|resume|restart|keep|take|give|use|apply|administer)\b"
)
# "Instructed patient to take ibuprofen with food": teaching about a drug, not ordering it.
_TEACHING = rx.compile(
    r"^\W*(?:(?:patient|pt|family|mother|father|parents?|caregiver)\s+(?:was\s+|were\s+)?)?"
    r"(?:instructed|educated|counsel+ed|taught|teach-back|discussed|reviewed|explained|advised"
    r"|informed|education|counsel+ing)\b",
    re.IGNORECASE,
)
# A status or source word anywhere after the drug in its clause: "Lisinopril 10 mg daily (held)",
# "Amoxicillin 500 mg TID - completed course", "Metformin 500 mg BID per patient", "(home med)".
_STATUS_AFTER = rx.compile(
    r"\b(?:held|stopped|discontinued|d/c'?d|completed|finished|not\s+taking|refused|declined"
    r"|home\s+med(?:ication)?s?|at\s+home|outpatient|per\s+(?:patient|pt|family)|(?:in|since|during)\s+(?:19|20)\d\d"
    r"|last\s+(?:year|admission|month|week|time|visit)|prior\s+to\s+admission)\b"
)
# "vancomycin contraindicated", "aspirin not indicated", "Zofran did not help".
_NEGATED_AFTER = rx.compile(
    r"^\W*(?:(?!for\b)[a-z]+\s+){0,2}?(?:(?:is|was|are|were)\s+)?(?:contraindicated|not\s+indicated|not\s+recommended"
    r"|not\s+tolerated|ineffective|did\s+not\s+help|didn't\s+help|not\s+helping|failed"
    r"|(?:toxicity|overdose|allergy|intolerance|reaction|resistant|resistance|screen))\b"
)
# "Changed vancomycin to linezolid", "Transition from heparin drip to apixaban": the drug switched
# from is stopped, only the one switched to is ordered.
_SWITCH_BEFORE = rx.compile(
    r"\b(?:change|changed|changing|switch|switched|switching|convert|converted|transition"
    r"|transitioned|de-?escalate|de-?escalated|replace|replaced|substitute|substituted|from)"
    r"[ \t]+(?:the\s+|his\s+|her\s+)?(?:\w+[ \t]+)?$"
)
_SWITCH_AFTER = rx.compile(
    r"^[^,;.\d]{0,30}?\b(?:to|with)\b[^\d]*$"
    # "switch from metoprolol 25 mg BID to carvedilol": its dose and schedule, then the next drug
    r"|^\s*[\d.,/]+\s*[a-z%]*(?:/[a-z]+)?\s+(?:[a-z][a-z0-9]*\s+){0,3}?(?:to|with)\s*$"
)
# "Family history: ...", "PMH: ...", "Social hx -": a sentence under a history heading reports.
_HISTORY_HEADING = rx.compile(
    r"^\W*(?:(?:family|social|past\s+medical|past\s+surgical|medical|surgical|medication|drug)"
    r"\s+(?:history|hx)|pmh|psh|fhx?|shx?|hpi|history)\s*(?::|-)",
    re.IGNORECASE,
)
# A drug named inside another order's instructions is a reference, not an order: "do not exceed
# 4 g acetaminophen per day", "may alternate with acetaminophen", "while on Lasix", "if Zofran
# ineffective".
# "ED course: given 1 L NS bolus, ketorolac 15 mg IV": a clause that starts by reporting doses
# given reports every drug after it.
_GIVEN_LEAD = rx.compile(r"(?:^|[:;.]\s*)(?:(?:pt|patient)\s+)?(?:was\s+)?given\b[^;]*$")
# "no more than 4 g acetaminophen per day", "max daily dose of ibuprofen 2400 mg", "limit
# acetaminophen to 2 g daily": a limit on a drug named after it, never an order for the drug.
_LIMIT_BEFORE = rx.compile(
    r"\b(?:no\s+more\s+than|not\s+(?:to\s+)?exceed|do\s+not\s+exceed|at\s+most)\s+"
    r"(?:[\d.,]+\s*[a-z]*(?:\s*/\s*(?:day|d|24\s*h\w*))?\s+(?:of\s+)?)?$"
    # "Max 3 g/day tylenol", "max 4 g per day of acetaminophen": a limit on the drug named after
    r"|\bmax(?:imum)?\s+[\d.,]+\s*[a-z]*\s*(?:/|per\s+)\s*(?:day|d|24\s*h\w*)\s+(?:of\s+)?$"
    r"|\bmax(?:imum|\.)?\s+(?:daily\s+|total\s+|24[- ]?h(?:ou)?r?\s+|single\s+)?(?:dose|amount)"
    r"\s+(?:of\s+)?$"
    r"|\blimit(?:ed)?\s+(?:the\s+)?$"
)
# "up to 4 g acetaminophen per day": a limit when a period follows the drug.
_UP_TO_BEFORE = rx.compile(r"\bup\s+to\s+[\d.,]+\s*[a-z]*\s+(?:of\s+)?$")
_PER_PERIOD_AFTER = rx.compile(r"^\s*(?:per|a|/|each|every|in)\s*(?:day|24)")
_REFERENCE_BEFORE = rx.compile(
    r"\b(?:(?:exceed|max(?:imum)?(?:\s+of)?)\s+[\d.,]+\s*[a-z]*\s+(?:of\s+)?"
    r"|(?:alternate|alternating|alternated)\s+with\s+)"
    r"(?:the\s+|his\s+|her\s+)?$"
)
# "Order BMP daily while on Lasix 40 mg IV BID", "Order ECG before starting methadone 10 mg":
# the drug is the context, with its dose or not.
_WHILE_ON_BEFORE = rx.compile(
    r"\b(?:while\s+(?:on|taking|receiving)|(?:before|prior\s+to)\s+(?:starting|initiating"
    r"|beginning))\s+(?:the\s+|his\s+|her\s+)?$"
)
_CONDITION_BEFORE = rx.compile(r"\b(?:if|when|unless|should)\s+(?:the\s+)?$")
_FAILS_AFTER = rx.compile(
    r"^\W*(?:is\s+|are\s+|was\s+)?(?:ineffective|not\s+effective|fails|failed|not\s+tolerated"
    r"|unavailable|not\s+available|does\s+not\s+work|doesn't\s+work|not\s+working)\b"
)
# "Tylenol #3": a numbered formulation (with codeine) the name alone does not say.
_NUMBERED_AFTER = rx.compile(r"^[ \t]*#\s*\d")
# "Home meds: ...", "PTA medications -", "Med rec:": a list of what the patient takes now.
# The medicines a patient takes now: "Home meds", "PTA medications", "current regimen".
_CURRENT_MEDS = (
    r"(?:home|pta|outpatient|current|admission|prior\s+to\s+admission)\s+"
    r"(?:med(?:ication)?s|regimen)"
    # the heading word alone: "PTA: lisinopril ...", "Home: ...", "Outpatient: ..."
    r"|pta|home|outpatient"
)
_GIVEN_PLACE = r"in\s+(?:the\s+)?(?:ed|er|clinic|triage)"  # "given in ED": doses given
_MED_LIST_HEADING = rx.compile(
    rf"^\W*(?:{_CURRENT_MEDS}|med(?:ication)?\s+rec(?:onciliation)?|prior\s+to\s+admission"
    r"|(?:meds|medications)\s+(?:on|at|prior\s+to|before)\s+(?:admission|home)"
    rf"|(?:meds|medications|doses)\s+given|given\s+{_GIVEN_PLACE}|mar)"
    r"\s*(?::|-|\binclude)",
    re.IGNORECASE,
)
# "Patient asking whether she can take Benadryl", "requesting refill of Xanax", "what dose of
# Lasix": a question or a patient's request, not an order.
_ASKS_BEFORE = rx.compile(
    r"\b(?:(?:asking|asks|asked|wonder\w*)\s+(?:whether|if|about)|what\s+(?:dose|amount)"
    r"|would\s+like|wants?\s+(?:to|a)|requesting|requests?|requested)\b"
)
# "If BP > 180, give labetalol 10 mg IV", "In case of anaphylaxis, give epinephrine": the
# condition the order is given on (as needed for it).
_CONDITION_LEAD = rx.compile(
    r"^\W*(?:if|in\s+case\s+of|should)\s+(?P<cond>[^,;:]{2,80}?)\s*"
    # "If febrile, start cefepime"; without the comma, before the verb that orders
    r"(?:,|(?=\s(?:give|start|begin|administer|increase|decrease|add|resume|use|apply|repeat"
    r"|may\s+give|then\s+give)\b))",
    re.IGNORECASE,
)
# "vancomycin trough", "digoxin level": a test of the drug's level, not an order to give it.
_LEVEL_AFTER = rx.compile(
    r"^[ \t]*(?:(?:random|serum|plasma|blood|drug)\s+)?(?:trough|peak|levels?|concentration)\b"
)
# Verbs that order a drug even with no dosage stated ("start aspirin", "give Narcan").
_ORDERS_BEFORE = rx.compile(
    r"\b(?:start|begin|give|continue|resume|restart|prescribe|order|initiate|administer|add"
    r"|use|take|apply|insert|inhale|instill|inject|infuse|dispense|rx|please|need|needs|try"
    r"|pharmacy\s+to\s+dose|may\s+have|ok\s+(?:for|to)"
    r"|followed\s+by|consider(?:ing)?|recommend(?:ed|s)?|suggest(?:ed|s)?|switch\s+to|change\s+to)\b"
)
_PROPOSAL = rx.compile(
    r"\b(?:consider(?:ing)?|recommend(?:ed|s)?|suggest(?:ed|s)?|(?:could|may|might)\s+try"
    r"|possibly|perhaps|maybe|(?:would|might|could|may)\s+benefit\s+from|trial\s+of)\b"
    # a consultant's recommendations: "Neuro recs: keppra ...", "Per cardiology: start ..."
    r"|\b(?:recs|recommendations)\s*:|^\W*per\s+[a-z]+(?:\s+[a-z]+)?\s*:"
)
# Ordering verbs: a negation or a report before one of them does not reach the drug after it.
# Verbs that order a drug, and verbs of care that govern one ("keep patient on", "treat ... with").
_ORDERING = (
    "start",
    "begin",
    "give",
    "continue",
    "resume",
    "restart",
    "prescribe",
    "initiate",
    "add",
)
_CARE = ("administer", "put", "place", "keep", "treat", "manage", "control", "prevent", "maintain")
_VERBS = f"(?:{alternation((*_ORDERING, *_CARE, 'take', 'use', 'apply'))})"
# A negation up to two words before the drug, in the same clause ("not taking her metoprolol").
_NEGATED = rx.compile(
    rf"(?:^|\W)(?:{alternation(lx.NEGATION_WORDS)})"
    # the word right after may be a verb ("not take"); a verb after that starts a new clause
    rf"(?:\W*$|[ \t]+[\w'-]+[ \t]+$|[ \t]+[\w'-]+[ \t]+(?!{_VERBS}\b)[\w'-]+[ \t]+$)"
)
_ORDER_VERB = rx.compile(
    r"\b(?:order(?:ed)?|obtain|draw|send|get|schedule|perform|request|collect|stat|please"
    r"|needs?|start|plan|refer(?:ral)?|consult(?:ation)?|arrange|book|do(?!\s+not\b))\b",
    re.IGNORECASE,
)
_NON_ORDER = rx.compile(rf"^\W*(?:{alternation(lx.NON_ORDER_LEADS)})\b", re.IGNORECASE)
_CONTINUES = rx.compile(
    rf"^\W*(?:(?:{alternation(lx.ADMIN_VERBS)})\b|\d+(?:\.\d+)?\s*(?:-\s*\d+\s*)?[a-z%]+\b"
    r"|(?:iv|po|im|sc|sq|subq|sl|pr)\s+(?:every|q\s*\d|daily|bid|tid|qid|once|x\s*\d|over|at)\b"
    # "...q4-6h; PRN agitation": the line's as-needed reason after a semicolon
    r"|(?:prn|p\.r\.n\.?|as\s+needed)(?!\w))",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, init=False)
class Sentence:
    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "text", text)


def sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    if (
        ";" not in text
        and "\n" not in text
        and "/" not in text
        and "." not in text
        and "?" not in text
        and (
            (
                "," not in text
                and "-" not in text
                and "\u2014" not in text
                and "\u2013" not in text
                and "wait" not in text.lower()
            )
            or not _INLINE_CORRECTION.search(text)
        )
    ):
        _add(out, text, 0, len(text))  # nothing can end a sentence: skip the pattern
        return out
    for m in _BREAK.finditer(text):
        start, end = m.span()
        if text[start] == "?":
            start = end  # the question mark belongs to the sentence it ends
        _add(out, text, pos, start)
        pos = end
    _add(out, text, pos, len(text))
    return out


_INLINE_CORRECTION = rx.compile(rf"{_CORRECTION_MARK}\s*{_CORRECTION_CUE}", re.IGNORECASE)


def corrects(sentence: str) -> bool:
    """ "Actually, make it 80 mg", "Correction: CT head without contrast", "Never mind, cancel
    that": the sentence takes back or corrects the orders of the sentence before it."""
    return _CORRECTION.search(sentence) is not None


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


_STUDY = rx.compile(
    r"\b(?:placebo|randomi[sz](?:ed|ation)|double[- ]blind(?:ed)?|open[- ]label|participants?"
    r"|clinical\s+trial|phase\s+(?:[1-4]|i{1,3}|iv)\b|(?:patients|subjects|groups?|arms?|cohorts?)\s+will\s+(?:be|receive)"
    r"|will\s+be\s+(?:randomi[sz]ed|enrolled))",
    re.IGNORECASE,
)


# Substrings one of which every _STUDY phrase holds (lowercased): most sentences skip it.
_STUDY_NEEDS = ("placebo", "randomi", "blind", "label", "particip", "trial", "phase", "will ")


def describes_study(sentence: str) -> bool:
    """A trial's description ("randomized to X or placebo"), never an order for a patient."""
    lowered = sentence.lower()
    return any(n in lowered for n in _STUDY_NEEDS) and _STUDY.search(sentence) is not None


def has_order_verb(text: str) -> bool:
    return _ORDER_VERB.search(text) is not None


def is_non_order_clause(text: str) -> bool:
    """Monitoring and follow-up clauses ("Monitor INR", "recheck TSH") are never orders."""
    return _NON_ORDER.search(text) is not None


def continues_dosage(text: str) -> bool:
    """A clause with no drug that reads as another dosage line ("then 20 mg daily", "apply ...")."""
    return _CONTINUES.search(text) is not None and not is_non_order_clause(text)


def teaches(sentence: str) -> bool:
    """ "Instructed patient to take ibuprofen with food": teaching, never an order, unless an
    ordering verb follows ("Discussed with patient and started lisinopril")."""
    m = _TEACHING.search(sentence)
    return m is not None and _ORDERED_LATER.search(sentence.lower(), m.end()) is None


def under_history_heading(sentence: str) -> bool:
    """A sentence under a history heading ("Family history:", "PMH:") reports, never orders."""
    return _HISTORY_HEADING.search(sentence) is not None


_RECS_LEAD = rx.compile(r"^\W*(?:[a-z]+\s+){0,2}(?:recs|recommendations)\s*:", re.IGNORECASE)


def under_recommendations(sentence_lead: str) -> bool:
    """ "Neuro recs: EEG, MRI brain, keppra 500 mg BID": a consultant's list, proposed."""
    return _RECS_LEAD.search(sentence_lead) is not None


def proposes(prefix: str) -> bool:
    """ "Consider starting metformin", "recommend adding ...": a proposal, not an order."""
    return _PROPOSAL.search(prefix.lower()) is not None


def orders_before(prefix: str) -> bool:
    """An ordering verb in the words before a drug ("start", "give", "continue", "consider")."""
    return _ORDERS_BEFORE.search(prefix.lower()) is not None


def lists_current_medications(sentence: str) -> bool:
    """ "Home meds: lisinopril 20 mg daily": what the patient takes, not new orders."""
    return _MED_LIST_HEADING.search(sentence) is not None


def leading_condition(prefix: str) -> str | None:
    """The condition a clause starts with ("If BP > 180, give ..."): the order is as needed."""
    m = _CONDITION_LEAD.search(prefix)
    return " ".join(m["cond"].split()) if m else None


_CONDITION_END = rx.compile(
    r"\b(?:if|when|unless|until|once|should|in\s+case(?:\s+of)?)\s+(?:the\s+|her\s+|his\s+)?$"
)
# A value right after a test is its result ("Sodium 135", "K < 3.5"), unless it counts hours or
# views ("troponin 0 and 3 hours", "CXR 2 views", "lactate 2 hours after fluids").
_RESULT_AFTER = rx.compile(
    r"^[ \t]*(?:(?:is|was|remains|level|of)\s+)?(?:[<>=\u2264\u2265]|above|below|greater|less"
    r"|\d+(?:\.\d+)?(?!\d|\s*(?:-|and|to)?\s*\d*\s*(?:hours?|hrs?|h|minutes?|mins?|views?|days?|weeks?"
    r"|months?)\b))"
)


_IF_END = rx.compile(
    r"\b(?:if|when|prn|p\.r\.n\.?|(?:hold|held|holding)\s+for)\s+(?:the\s+|her\s+|his\s+|serum\s+)?$"
)
_COMPARED = rx.compile(
    r"^\s*(?:(?:is|are|remains?|stays?|level)\s+)?(?:[<>\u2264\u2265]|above\s+\d|below\s+\d"
    r"|greater\s+than|less\s+than|more\s+than|over\s+\d|under\s+\d)"
)


def measured_condition(before: str, after: str) -> bool:
    """ "... x1 if" before a test and "< 3.5" after it: the test is measured in a condition."""
    return _IF_END.search(before.lower()) is not None and _COMPARED.match(after.lower()) is not None


def conditional_or_result(prefix: str, suffix: str) -> bool:
    """ "start insulin if A1c > 9", "Sodium 135": a test named in a condition or with its
    result, never an order for it."""
    return (
        _CONDITION_END.search(prefix.lower()) is not None
        or _RESULT_AFTER.search(suffix.lower()) is not None
    )


_STOPPED = "stop or hold instruction: not a new order"
_NEGATED_WHY = "negated mention: not an order"
_EXISTING = "reports an existing order or its status (given, held, completed, at home): not new"
_REPORTED = "reports past, current or someone else's use: not a new order"
_FINDING = "negated or a finding after the drug: not an order"
_SWITCHED = "the drug switched from: not a new order"
_REFERENCE = "named inside another order's instructions: not an order"
_REQUEST = "a question or a patient's request: not an order"
_NUMBERED = "a numbered formulation ('#3') the name alone does not identify: not read"
_LEVEL = "names a test of the drug's level: not an order for it"
_QUESTION = "a question: not an order"
_PERMITTED = "a dose change allowed later ('may increase to'): not a new order"
# Substrings one of which every _EXISTING_AFTER or _STATUS_AFTER phrase holds (hot path).
_STATUS_NEEDS = (
    "order",
    "given",
    "administ",
    "start",
    "receiv",
    "taken",
    "ago",
    "last",
    "held",
    "stop",
    "discontinu",
    "d/c",
    "complet",
    "finish",
    "not taking",
    "refused",
    "declined",
    "home",
    "per ",
    "prior",
    "19",
    "20",
)


# Notes in an order about another dose, the future or a condition: not the order's status.
_NOTE = rx.compile(
    r"\b(?:(?:first|last|prior|previous|initial|loading)\s+(?:dose|injection|tetanus|shot|infusion)"
    r"|to\s+be\s+\w+|hold\s+(?:if|for|when)|held\s+(?:if|for|when)|after"
    r"|(?:discontinued?|stop(?:ped)?)\s+(?:when|if|after|once|on)"
    r"|per\s+patient\s+(?:request|preference))\b[^,;)]*"
)


def _reports_status(after: str) -> bool:
    """ "given at 2200", "(held)", "- completed course", "at home": about an existing order."""
    if not any(n in after for n in _STATUS_NEEDS):
        return False
    after = _NOTE.sub(" ", after)
    return any(n in after for n in _STATUS_NEEDS) and bool(
        _EXISTING_AFTER.search(after)
        # "until course completed" is how long, not what happened
        or ("until" not in after and _STATUS_AFTER.search(after))
    )


# An ordering verb that governs the drug after all: "held this AM, resume tonight", "Patient
# requests pain medication: give oxycodone", "Discussed with patient and started lisinopril".
_ORDER_LATER = rx.compile(rf"\b(?:{alternation(_ORDERING)})\b")
# The same, or done in the same sentence: "Discussed with patient and started lisinopril".
_ORDERED_LATER = rx.compile(
    rf"\b(?:{alternation((*_ORDERING, 'started', 'prescribed', 'initiated', 'added'))})\b"
)
# "? heparin 5000 units", "? start heparin": a question mark just before the drug or its verb.
_QUESTION_NEAR = rx.compile(rf"\?[ \t]*(?:{_VERBS}[ \t]+)?$")
# A drug with a dose of its own after it: "alternate with ibuprofen 400 mg q6h" orders it.
_OWN_DOSE = rx.compile(r"^[^,;]*?\d")
# A colon or a dash ends a request's or a heading's reach ("requests pain medication: give").
_REACH_END = rx.compile(r":|\s-\s")
# "used to take" and "uses" report; these only order.
_ANY_VERB = rx.compile(rf"\b(?:{alternation((*_ORDERING, *_CARE, 'ensure', 'prophylaxis'))})\b")
# "If pain persists may increase gabapentin to 600 mg TID": leave to change a dose later, whose
# new dose is no order (the dose now is not stated).
# "ok to give ibuprofen", "Ok to continue furosemide", "may take losartan": leave, not an order.
_ALLOWED_BEFORE = rx.compile(
    r"\b(?:ok(?:ay)?|fine|safe|allowed|cleared)\s+(?:for\s+(?:pt|patient)\s+)?to\s+(?:give|take|use"
    r"|continue|resume|restart|start|have|receive)\s+(?:the\s+|his\s+|her\s+)?$"
)
_ALLOWED = "leave to give or take a drug ('ok to give'): not an order"
_PERMITTED_BEFORE = rx.compile(
    r"\b(?:(?:may|can|could|might)(?:\s+need\s+to)?|ok(?:ay)?\s+to|allowed\s+to"
    r"|plan(?:s|ning)?\s+to|will\s+need\s+to)\s+(?:be\s+)?(?:increase|decrease"
    r"|titrate|up-?titrate|reduce|double|halve|wean|advance|adjust|taper)d?\s+"
    r"(?:(?:the\s+)?(?:dose|dosage)\s+(?:of\s+)?)?(?:to\s+)?$"
)
# "Increase lisinopril 10 mg to 20 mg", "Change metoprolol 25 mg to 50 mg BID": a change of dose
# ordered now; the amount right after the drug is the dose changed from (``changes_dose``).
_CHANGE_BEFORE = rx.compile(
    r"\b(?:increase|decrease|reduce|raise|lower|titrate|up-?titrate|change|switch|adjust|wean)"
    r"\s+(?:the\s+|his\s+|her\s+)?(?:dose\s+of\s+|dosage\s+of\s+)?(?:[a-z]+\s+)?$"
)
# "increase insulin glargine by 2 units": the step, never the dose; the new dose is not stated.
_BY_AMOUNT = rx.compile(r"^\W*(?:(?:dose|dosage)\s+)?by\s+\d")
_BY_CHANGE = "a dose changed by an amount ('increase by 2 units'): the new dose is not stated"
# "Warfarin 2.5 mg daily except 5 mg on Mondays": another dose on some days, not read.
_EXCEPT_DOSE_AFTER = rx.compile(r"\bexcept\b[^;]*?\d")
_EXCEPTED = "a dose with another on some days ('except 5 mg on Mondays'): not read, not ordered"
# "morphine PCA basal 1 mg/hr, demand 1 mg q10min": patient-controlled analgesia settings.
_PCA = rx.compile(
    r"\b(?:pca|demand(?:\s+dose)?|lockout|basal\s+rate|bolus\s+dose\s+q\s*\d+\s*min)\b"
)
# "1 unit per 10 g carbs", "1 unit/15 g CHO", "2 units for every 50 mg/dL above 150": an insulin
# ratio or correction factor, no fixed dose.
_RATIO = rx.compile(
    r"\bunits?\s*(?:per|/|for\s+every)\s*\d+\s*(?:g|gm|grams?)\b|\b(?:carb(?:ohydrate)?s?|cho|i:c)\s+ratio"
    r"|\bfor\s+(?:every|each)\s+\d+\s*(?:mg/dl|mg)\b|\bcorrection\s+(?:factor|scale)|\bsensitivity\s+factor"
)
_PCA_WHY = (
    "patient-controlled analgesia settings (demand dose, lockout, basal rate): not structured"
)
_RATIO_WHY = "an insulin ratio or correction factor ('1 unit per 10 g carbs'): not a fixed dose"
# "BID days 1-14 of 21 day cycle", "day 1 and 8 q21 days", "daily x 5 days every 28 days": days
# within a treatment cycle, which a Dosage's one schedule cannot carry ("every 3 weeks for 16
# cycles" and "day 1 q21 days" it can).
_CYCLE = rx.compile(
    r"\bdays?\s+\d+\s*(?:-|to|through)\s*\d+\s+of\s+(?:an?\s+|each\s+|every\s+|the\s+)?"
    r"\d+[- ]?days?\s+cycle|\bday\s+1\s*(?:,|and|&)\s*\d+\b"
    r"|\bdays?\s+\d+\s*(?:-|to|through)\s*\d+\b(?=.*\b(?:q|every)\s*\d+\s*(?:days?|d|weeks?|wks?)\b)"
    r"|\bx\s*\d+\s*days?\s+(?:q|every)\s*\d+\s*(?:days?|weeks?|wks?)\b"
)
_CYCLE_WHY = "a treatment cycle ('days 1-14 of a 21-day cycle'): not structured, not ordered"
# "heparin 18 units/kg/hr IV, bolus 80 units/kg": a bolus and an infusion in one line.
_RATE_UNIT = r"\d\s*(?:mg|mcg|units?|ml)\s*/\s*(?:kg\s*/\s*)?(?:h|hr|hour|min)\b"
_BOLUS_WITH_RATE = rx.compile(
    rf"^(?!.*\bthen\b)(?!.*\b(?:no|without|w/o|hold|not)\s+(?:a\s+)?bolus\b)"
    rf"(?:.*\bbolus\b.*{_RATE_UNIT}|.*{_RATE_UNIT}.*\bbolus\b)"
)
_BOLUS_WHY = "a bolus and an infusion rate in one line, not as two steps: not ordered"
_CONTEXT = 120  # characters before a drug that its context rules can reach (a few words)
# Each rule sees the words before the drug, those after it, and the clause's first words.
_RULES: tuple[tuple[Callable[[str, str, str], object], str], ...] = (
    # dosing a Dosage cannot carry: PCA settings, insulin ratios, cycle days, bolus beside a rate
    (
        lambda b, a, _h: (
            any(w in a or w in b for w in ("pca", "demand", "lockout", "basal"))
            and (_PCA.search(a) or _PCA.search(b))
        ),
        _PCA_WHY,
    ),
    (
        lambda _b, a, _h: (
            any(w in a for w in ("unit", "ratio", "every", "factor")) and _RATIO.search(a)
        ),
        _RATIO_WHY,
    ),
    (lambda _b, a, _h: "day" in a and _CYCLE.search(a), _CYCLE_WHY),
    (lambda _b, a, _h: "bolus" in a and _BOLUS_WITH_RATE.search(a), _BOLUS_WHY),
    (lambda b, a, _h: _STOP_BEFORE.search(b) or _STOP_AFTER.search(a), _STOPPED),
    (lambda b, _a, _h: _NEGATED.search(b), _NEGATED_WHY),
    (
        lambda _b, a, h: (
            _reports_status(a) and not _IMPERATIVE_LEAD.search(h) and not _ORDER_LATER.search(a)
        ),
        _EXISTING,
    ),
    (
        lambda b, a, h: (
            (_REPORTED_BEFORE.search(b) or _GIVEN_LEAD.search(b))
            and not _IMPERATIVE_LEAD.search(h)
            and not _ANY_VERB.search(b)
            and not _orders_it_later(a)
        ),
        _REPORTED,
    ),
    (lambda _b, a, _h: _NEGATED_AFTER.search(a), _FINDING),
    (lambda b, a, _h: _SWITCH_BEFORE.search(b) and _SWITCH_AFTER.search(a), _SWITCHED),
    (
        lambda b, a, _h: (
            (_REFERENCE_BEFORE.search(b) and not _OWN_DOSE.search(a))
            or _LIMIT_BEFORE.search(b)
            or (_UP_TO_BEFORE.search(b) and _PER_PERIOD_AFTER.search(a))
            or _WHILE_ON_BEFORE.search(b)
            or (_CONDITION_BEFORE.search(b) and _FAILS_AFTER.search(a))
        ),
        _REFERENCE,
    ),
    (
        lambda b, _a, _h: (
            (m := _ASKS_BEFORE.search(b))
            and not _ORDER_LATER.search(b, m.end())
            and not _REACH_END.search(b, m.end())
        ),
        _REQUEST,
    ),
    (lambda b, _a, _h: _PERMITTED_BEFORE.search(b), _PERMITTED),
    (lambda b, _a, _h: _ALLOWED_BEFORE.search(b), _ALLOWED),
    (lambda _b, a, _h: "except" in a and _EXCEPT_DOSE_AFTER.search(a), _EXCEPTED),
    (lambda b, a, _h: _CHANGE_BEFORE.search(b) and _BY_AMOUNT.search(a), _BY_CHANGE),
    (lambda _b, a, _h: _NUMBERED_AFTER.search(a), _NUMBERED),
    (lambda _b, a, _h: _LEVEL_AFTER.search(a), _LEVEL),
    (
        lambda b, a, _h: (
            _QUESTION_NEAR.search(b) or a.lstrip().startswith("?") or a.rstrip().endswith("?")
        ),
        _QUESTION,
    ),
)


def _orders_it_later(after: str) -> bool:
    """An ordering verb after the drug that orders it ("held this AM, resume tonight"); one that
    ends the drug's words orders the next drug ("failed amoxicillin 500 mg TID, start ...")."""
    m = _ORDER_LATER.search(after)
    return m is not None and bool(after[m.end() :].strip(" \t,;:.-"))


_STOP_MARK_WORDS = ("stop", "hold", "d/c", "dc", "discontinue")
# "- hold it", ", wait, hold that": the order held as soon as written, whatever follows
_HELD_AT_ONCE = rx.compile(r"(?:\u2014|--|\s-|,)\s*(?:wait\W+)?hold\s+(?:it|that|this)\b")


def why_not_an_order(prefix: str, suffix: str, *, ends_clause: bool = True) -> str | None:
    """Why a drug mention orders nothing, judged by the words right before it and after it in
    its clause; None when it may be an order. The first rule that applies gives the reason:
    - a stop or hold ("hold metformin", "aspirin on hold", "drip held", "weaned off"), or a
      med-rec line's stop marker when the drug's words end its clause (``ends_clause``:
      "lisinopril 10 mg daily - discontinue");
    - dosing a Dosage cannot carry: PCA settings, an insulin ratio, days within a treatment
      cycle, a bolus beside an infusion rate;
    - a negation up to two words before ("no aspirin", "not taking her metoprolol", "except");
    - a dose already given ("ordered 30 minutes ago", "given at 2200", "received in the ED");
    - use reported, past, current or someone else's ("took", "Pt on Eliquis", "mother on"), or
      a finding about the drug ("INR 2.8 on warfarin", "resistant to"), unless an ordering
      verb leads the clause ("Start patient on heparin");
    - a finding or negation after it ("contraindicated", "did not help", "toxicity");
    - the drug switched from ("changed vancomycin to linezolid");
    - a reference inside another order ("do not exceed 4 g acetaminophen", "if Zofran
      ineffective"); a patient's question or request ("asking whether she can take");
    - leave to change its dose later ("may increase gabapentin to 600 mg"), or a change by an
      amount whose new dose is not stated ("increase glargine by 2 units");
    - a numbered formulation ("Tylenol #3"); a test of its level ("vancomycin trough");
      a question ("Aspirin?")."""
    before = prefix[-_CONTEXT:].lower()
    if len(prefix) > _CONTEXT:
        before = before[before.find(" ") + 1 :]  # start at a word, as the whole text would
    head = prefix[:_CONTEXT].lower()
    after = suffix.lower()
    if any(w in after for w in _STOP_MARK_WORDS) and (
        (ends_clause and _STOP_MARK.search(after)) or _HELD_AT_ONCE.search(after)
    ):
        return _STOPPED  # the one rule that needs to know where the drug's words end
    return next((why for rule, why in _RULES if rule(before, after, head)), None)


_ORDER_LEAD = rx.compile(
    r"^\W*(?:please\s+)?(?:start|begin|give|add|initiate|administer|order|resume|restart|continue"
    r"|change|switch|convert)\b"
    # another section's label starts another list: "PRN: ...; scheduled: metoprolol", "Home:
    # ...; Orders: ...", "VTE prophylaxis: heparin ..."
    r"|^\W*(?:scheduled|standing|inpatient|new(?:\s+(?:orders?|meds?|medications?))?|orders?"
    r"|plan|prn|stat|labs?|imaging|antibiotics?|(?:vte|dvt|gi|stress\s+ulcer)?\s*prophylaxis"
    r"|fluids?|ivf|diet|activity|nursing|consults?|discharge(?:\s+(?:meds?|medications?))?"
    r"|home(?:\s+(?:meds?|medications?))?|pta|outpatient)\s*:",
    re.IGNORECASE,
)


def continues_list(gap: str, sentence: str, *, on_lines: bool = False) -> bool:
    """A ";" between two sentences keeps a heading's list going, unless the next one orders
    ("Home meds: aspirin 81 mg daily; start metoprolol 25 mg BID"); under a heading on a line of
    its own (``on_lines``), so does a line break, up to a blank line or another heading."""
    if _ORDER_LEAD.search(sentence) is not None or heading_line(sentence) is not None:
        return False
    if on_lines:
        return "\n" in gap and "\n\n" not in gap.replace(" ", "").replace("\r", "")
    return ";" in gap and "\n" not in gap


_STOP_HEAD = r"stop(?:ped)?|discontinue[ds]?|d/c(?:'?d)?|hold|held|on\s+hold"
_STOP_HEADING = rx.compile(
    rf"^\W*(?:{_STOP_HEAD})"
    r"(?:\s+(?:taking|these|the\s+following|all))*(?:\s+(?:home\s+)?(?:medications?|meds|drugs))?"
    r"\s*(?:\([^)]*\))?\s*:?\s*$",
    re.IGNORECASE,
)
_LIST_HEADING = rx.compile(
    rf"^\W*(?:{_CURRENT_MEDS}|(?:meds|medications|doses)\s+given(?:\s+{_GIVEN_PLACE})?"
    rf"|given\s+{_GIVEN_PLACE}|prehospital"
    r"|(?:family|social|past\s+medical|past\s+surgical|medical|surgical)\s+(?:history|hx)|pmh|psh"
    r"|fhx?|shx?)\s*:?\s*$",
    re.IGNORECASE,
)
_ANY_HEADING = rx.compile(r"^\W*[A-Za-z][\w /&-]{0,40}:\s*$")


def heading_line(sentence: str) -> str | None:
    """A heading alone on its line, and what it makes of the lines under it: "Stop taking these
    medications:", "HOLD:" (stops), "Home medications:", "Given in ED:", "PMH:" (reports);
    "" for any other heading ("New:", "Labs:"), which ends the one before."""
    if _STOP_HEADING.match(sentence):
        return _STOPPED
    if _LIST_HEADING.match(sentence):
        return "under a heading of current, given or past medications: not a new order"
    return "" if _ANY_HEADING.match(sentence) else None


# "Stop: metoprolol 25 mg BID; lisinopril 10 mg daily": a stop heading that leads a sentence
_STOP_LEAD = rx.compile(
    rf"^\W*(?:{_STOP_HEAD}|dc)\s*:",
    re.IGNORECASE,  # "DC:" leading a sentence stops too
)


def stop_lead(sentence: str) -> str | None:
    """The stop a sentence's leading heading makes of the items after it in its list ("Stop:
    A; B" stops B too); None when it has none."""
    return _STOPPED if _STOP_LEAD.match(sentence) else None


# "PRN: acetaminophen ...; oxycodone ...", "PRNs:", "As needed medications:" (also alone on a
# line over the lines below it): every drug listed is as needed.
_PRN_LEAD = rx.compile(
    r"^\W*(?:prns?|p\.r\.n\.?|as\s+needed)(?:\s+(?:meds|medications|orders))?\s*:", re.IGNORECASE
)


def prn_lead(sentence: str) -> bool:
    """Does a PRN heading lead the sentence, making the drugs listed under it as needed?"""
    return _PRN_LEAD.match(sentence) is not None


# "sodium chloride 0.45% 1000 mL with potassium chloride 20 mEq at 100 mL/hr", "D5W + 20 mEq
# KCl", "dextrose 5% 1 L with 3 amps sodium bicarbonate": a base fluid with an additive is one
# bag (an admixture), which a MedicationRequest per drug cannot state; read apart, the bag's rate
# went to the additive ("KCl 20 mEq IV at 100 mL/h") or its amount to the fluid.
_FLUID = (
    r"(?:sodium\s+chloride|nacl|(?:half\s+)?normal\s+saline|ns|1/2\s*ns|d5w|d10w|d5ns|d5|dextrose"
    r"|lactated\s+ringer'?s?|lr|plasma-?lyte|sterile\s+water)"
)
_IN_CLAUSE = r"(?:[^.;\n]|\.(?=\d))*?"  # within the clause ("0.45%" holds a full stop)
_ADMIXTURE = rx.compile(
    rf"\b{_FLUID}\b{_IN_CLAUSE}(?:\bwith\b|\bw/|\+|\bplus\b|\bcontaining\b){_IN_CLAUSE}"
    r"(?:\d+\s*(?:meq|mmol|units?|mg|g|gm)\b|\bamps?\b|\bampules?\b)",
    re.IGNORECASE,
)
# a bag: its volume or its rate ("dextrose 50% 25 g IV push with insulin" is two pushes)
_BAG = rx.compile(r"\d\s*(?:ml|l|cc)\b", re.IGNORECASE)
# pushes and boluses given one after the other are no bag: "D50 25 mL IV push with insulin"
_NO_BAG = rx.compile(r"\b(?:push|ivp|bolus|followed\s+by|then|after)\b", re.IGNORECASE)
_ADMIXTURE_WHY = (
    "a base fluid with an additive (one bag, an admixture): not structured, not ordered"
)


def admixture(sentence: str) -> str | None:
    """Why a sentence naming a bag of a base fluid with an additive orders nothing; None
    otherwise."""
    lowered = sentence.lower()
    if not any(w in lowered for w in ("with", "+", "w/", "plus", "containing")):
        return None  # no additive joined (a cheap test first)
    if _BAG.search(sentence) is None or _NO_BAG.search(sentence) is not None:
        return None
    return _ADMIXTURE_WHY if _ADMIXTURE.search(sentence) else None


def orders_anywhere(sentence: str) -> bool:
    """An ordering verb anywhere in a sentence: a heading over it does not make it a report."""
    return _ORDER_LATER.search(sentence.lower()) is not None


# After a drug named with no dosage, words that still order it ("Vancomycin per pharmacy").
_ORDERS_AFTER = rx.compile(r"\b(?:per\s+(?:pharmacy|protocol)|as\s+directed|dose\s+pack)\b")


def orders_after(suffix: str) -> bool:
    """ "Heparin drip per protocol", "dose pack as directed": ordered, dosed elsewhere."""
    return _ORDERS_AFTER.search(suffix.lower()) is not None


def switches(prefix: str) -> bool:
    """ "Switch IV pantoprazole ...", "Change furosemide ...": a switch of form or dose."""
    return _SWITCH_BEFORE.search(prefix.lower()) is not None


def changes_dose(prefix: str) -> bool:
    """ "Increase lisinopril ...", "Change metoprolol ...": a dose change ordered now."""
    return _CHANGE_BEFORE.search(prefix[-_CONTEXT:].lower()) is not None
