"""Allergy statements: "allergic to penicillin", "Allergies: sulfa, latex"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from nlfhir.domain.codes import Concept
from nlfhir.domain.grammar import rx
from nlfhir.domain.grammar.lexicon import REACTION_WORDS
from nlfhir.domain.grammar.mentions import Vocabulary
from nlfhir.domain.grammar.patterns import alternation, fold
from nlfhir.domain.orders import AllergyStatement, Span

_LEAD = rx.compile(
    r"\b(?:allergic\s+to|allergy\s+to|allergies\s+to|allergic\s+reaction\s+to"
    r"|allerg(?:y|ies)\s*(?::|include|includes|are|is)|hypersensitivity\s+to"
    # a reaction stated with its cause: "intolerant of codeine", "anaphylaxis to ceftriaxone"
    r"|intoleran(?:t|ce)\s+(?:to|of)|(?:cannot|can't|unable\s+to)\s+tolerate"
    # not "with": "treat anaphylaxis with epinephrine" names the treatment
    r"|anaphylaxis\s+(?:to|after|from)(?:\s+taking)?"
    r"|(?:angioedema|hives|urticaria|rash|swelling|itching|reaction)\s+(?:after|with|from)\s+taking)"
    # "Allergies: food - peanuts", "Drug - penicillin": the kind of allergen is no allergen
    r"\s*(?:(?:drug|food|medication|environmental|contact|other)s?\s*[-:]\s*)?"
    # "Allergies - PCN": a dash leads a list only where the word starts its clause
    r"|(?:^|(?<=[.;\n]))\s*allerg(?:y|ies)\s*-\s*",
    re.IGNORECASE,
)
# "Aspirin allergy", "dust mite allergy": the one or two words before name the substance.
_TRAILING = rx.compile(
    # on one line, never a heading's: "order ECG\nAllergies: PCN" names no ECG allergy
    # and never a verb on the list: "document allergies", "review allergies"
    r"\b(?!(?:document|documented|review|reviewed|update|updated|verify|verified|check|confirm"
    r"|confirmed|obtain|record|recorded|reconcile|reconciled|list|listed|ask|assess)\b)"
    r"(?P<x>(?:[a-z][a-z0-9\-]{1,}[ \t]+)?[a-z][a-z0-9\-]{2,})[ \t]+"
    r"(?:allergy|allergies|intolerance)\b(?!(?<=allergies)\s*:)"  # "Allergies:" is a heading
)
# An allergic reaction stated with its cause: "developed angioedema on lisinopril", "SJS from
# lamotrigine", "Penicillin - anaphylaxis", "vancomycin: red man syndrome".
_REACTIONS = (
    r"(?:anaphylaxis|anaphylactic\s+reaction|angioedema|hives|urticaria|sjs"
    r"|stevens-johnson(?:\s+syndrome)?|red\s+man(?:\s+syndrome)?|allergic\s+reaction)"
)
_CAUSED = rx.compile(
    rf"\b(?:{_REACTIONS}\s+(?:from|after|due\s+to)|developed\s+{_REACTIONS}\s+(?:on|from|after|with))"
    r"\s+(?:(?:taking|eating|using|drinking)\s+)?(?P<x>[a-z][a-z0-9\-]{2,})"
)
_CAUSE_FIRST = rx.compile(rf"\b(?P<x>[a-z][a-z0-9\-]{{2,}})\s*(?:-|:)\s*{_REACTIONS}\b")
# "Denies allergy to penicillin", "no sulfa allergy", "not allergic to PCN": no allergy to record.
_NEGATED_BEFORE = rx.compile(
    r"\b(?:no|not|denies|denied|without|negative\s+for|never\s+had|no\s+(?:history|hx)\s+of)\s+"
    r"(?:known\s+|an?\s+)?(?:[a-z0-9\-]+\s+)?$"
)
# "rule out anaphylaxis to X", "monitor for", "risk of": a reaction feared, none that happened.
_HYPOTHETICAL = rx.compile(
    r"\b(?:rule\s+out|r/o|monitor(?:ing)?\s+for|watch\s+for|observe\s+for|risk\s+of|at\s+risk"
    r"|in\s+case\s+of|prevent(?:ion\s+of)?|premedicat\w*"
    # an allergy asked about, not stated: "check for contrast allergy", "screen for latex allergy"
    r"|check\s+for|screen(?:ing)?\s+for|assess\s+for|evaluate\s+for|ask\s+about|test(?:ing)?\s+for)"
    r"\s+(?:[a-z0-9\-]+\s+)?$"
)
# "sister had anaphylaxis to penicillin", "family hx of SJS", "mother allergic to": another's.
_SOMEONE_ELSE = rx.compile(
    r"\b(?:mother|father|mom|dad|sister|brother|son|daughter|grandmother|grandfather|sibling"
    r"|parent|aunt|uncle|cousin|wife|husband|spouse|family\s+(?:history|hx)|fhx|fh)\b"
)
_HYPOTHETICAL_WHY = "a reaction feared or ruled out, none that happened: no allergy recorded"
_SOMEONE_ELSE_WHY = "another person's allergy (family history): not the patient's"
# "Possible penicillin allergy?", "allergy removed after negative skin testing": not confirmed.
_UNCERTAIN = rx.compile(
    r"\?|\b(?:previously\s+thought|thought\s+to\s+be|(?:was\s+)?told|reportedly"
    r"|possible|possibly|suspected|questionable|uncertain|unclear|remote|removed|ruled\s+out"
    r"|de-?label(?:l)?ed|negative\s+(?:skin\s+)?test\w*|tolerated)\b"
)
_NEGATED_WHY = "a negated allergy statement: no allergy recorded"
_UNCERTAIN_WHY = "an uncertain or removed allergy: not recorded as an allergy"
_NOT_SUBSTANCES = frozenset(
    """drug drugs food foods known seasonal environmental multiple any severe the with has
    have reported documented listed medication medications contrast-free latex-free new old
    other possible suspected prior previous history no nkda denies denied not for of to and or
    an a his her their reports patient pt confirmed true given known because due despite
    with prn daily bid tid qid nightly qhs hs needed as ok per assessment before after states
    clarified only was identified testing""".split()  # noqa: SIM905
)
# The list ends at a sentence break or where the text turns to an order or a plan.
_LIST_END = rx.compile(
    rf"[.;\n(]|\s+-\s+(?!(?:{alternation(REACTION_WORDS)})\b)|\s*-+>"
    # (a reaction after a dash is the item's own: "penicillin - anaphylaxis")
    r"|(?:,?\s+|(?<=[:\s]))(?<!-\s)(?<!-)(?:but|prescribe|start|give|order|begin|continue|take|with"
    r"|causing|causes|which|who|presents|reaction|rash|hives|anaphylaxis|will|use|using|plan"
    r"|premedicate|tolerat\w*|instead|switch\w*|so|therefore|given|due|because"
    # what was given, taken or carried instead: "Allergic to morphine, gave hydromorphone"
    r"|gave|takes|took|received|treated|carries|carrying|prescribed|ok|okay|lives|uses|used)\b"
    # a drug with a dose is what is given instead ("Penicillin allergy: azithromycin 500 mg")
    r"|(?:(?<=:)|(?<=:\s))(?=[a-z][\w\-]*\s+\d+(?:\.\d+)?\s*(?:mg|mcg|g|ml|units?|meq|tabs?|caps?)\b)",
    re.IGNORECASE,
)
_GIVEN_AFTER = rx.compile(
    r"\W*(?:prescribed|given|received|used|ordered|started|administered)$", re.IGNORECASE
)
# In a heading list ("Allergies: PCN (rash); sulfa (SJS)") a semicolon separates items.
_ITEM_AFTER = rx.compile(r";\s*[a-z][a-z \-]{1,40}(?=[;.\n]|$)")
_ORDERING = rx.compile(r"\b(?:start|give|begin|order|continue|take|use|plan)\b")
# "penicillin (rash), codeine (nausea)": a parenthesised reaction or note belongs to the item
# before it; it is blanked (offsets kept) so the list reads on to the next item.
_PAREN = rx.compile(r"\([^()\n]*\)")
# A reaction named anywhere in a statement, as whole words of the folded text.
_REACTION = rx.compile(rf"(?<![\w-])(?:{alternation(REACTION_WORDS)})(?![\w-])")
# "penicillin (rash)": the note in parentheses right after an allergen. It is the reaction only
# when it holds nothing but reactions, their joins and the words that place them ("throat",
# "severe"), once a year or age is taken out ("(anaphylaxis 2010)", "(hives as a child)").
_NOTE_AFTER = rx.compile(r"[ \t]*\(([^()\n]*)\)")
# "codeine (pt denies)": the allergy itself denied. A note that it was tolerated or is no true
# allergy ("(tolerated amoxicillin 2020)") keeps the record, as the safer side.
_DENIED_NOTE = rx.compile(r"\b(?:denies|denied|not\s+allergic)\b", re.IGNORECASE)
_WHEN_NOTED = rx.compile(
    r"\b(?:in\s+)?(?:19|20)\d\d\b|\bas\s+an?\s+(?:child|kid|infant|teen(?:ager)?)\b"
    r"|\b(?:in\s+)?childhood\b",
    re.IGNORECASE,
)
_REACTION_LIST = rx.compile(
    rf"(?<![\w-])(?:{alternation(REACTION_WORDS)}|and|or|with|&|/|,|;|-|\+|mild|moderate|severe"
    r"|throat|facial|face|lip|lips|tongue|eye|eyes|skin|full[- ]body|generalized|diffuse)(?![\w-])"
)
_SPLIT = rx.compile(r"\s*(?:,|;|/|\band\b|\bor\b|&)\s*", re.IGNORECASE)
_BEFORE_NUMBER = rx.compile(r"\s+\d")
_LETTERS = rx.compile(r"[A-Za-z]{2}")
_NONE = rx.compile(
    r"^(?:none(?:\s+(?:known|reported|documented|listed))?|nkda|nka|no\s+known.*|no\s+allergies"
    r"|unknown|n/a|denies|denied|nothing|nil)$",
    re.IGNORECASE,
)
# Words that stand where an allergen would and name none: "see chart", "pending", "unsure".
_PLACEHOLDER = rx.compile(
    r"^(?:(?:pt|patient)\s+)?(?:none\s+on\s+file|see\s+(?:chart|list|above|below|emr|ehr|note)"
    r"|per\s+(?:chart|emr|ehr|list)|as\s+above|reviewed|pending|unable\s+to\s+(?:obtain|assess)"
    r"|unsure|not\s+sure|unknown|unk|nkfa|nkma|no\s+known\s+(?:food|environmental)\s+allerg\w*"
    r"|not\s+(?:obtained|assessed|available)|seasonal(?:\s+allergies)?|environmental(?:\s+allergies)?"
    r"|everything|many|multiple|numerous|several)$",
    re.IGNORECASE,
)
_PLACEHOLDER_WHY = "no allergen named ('see chart', 'pending', 'unsure'): no allergy recorded"
# "Penicillin-rash", "morphine - itching": an item's reaction written after a dash.
_ITEM_REACTION = rx.compile(
    rf"^(?P<name>.+?)\s*-\s*(?P<r>(?:{alternation(REACTION_WORDS)})(?:\s+\w+)?)$", re.IGNORECASE
)
# Words that end a substance's name: "IV contrast last year", "amoxicillin as a child",
# "cephalosporins was identified", "erythromycin only".
_NAME_END = rx.compile(
    r"\s+(?:(?:last|this)\s+(?:year|month|week|night|morning|am)|today|yesterday|tonight"
    r"|as\s+an?\s+\w+|(?:in|since)\s+(?:19|20)\d\d"
    r"|was|were|is|are|has|had|only|identified|reported|documented|per)\b.*$",
    re.IGNORECASE,
)
# Words before a substance that are no part of it: "eating shrimp", "states ...".
_NAME_LEAD = rx.compile(
    r"^(?:(?:nkda|nka|no\s+known\s+(?:drug\s+)?allergies)\s+(?:except|but|other\s+than)\s+"
    r"|(?:eating|taking|after|states?|reports?|to|of|but|except|pt|patient)\s+)+",
    re.IGNORECASE,
)
# "allergy to shellfish, not iodine": a negated item is no allergen.
_NEGATED_ITEM = rx.compile(r"^(?:not|no|but\s+not|except|never)\b", re.IGNORECASE)


# Substrings without one of which no allergy pattern can match (hot path).
_LEAD_WORDS = (
    "angioedema",
    "hives",
    "urticaria",
    "sjs",
    "stevens",
    "red man",
    "reaction",
    "allerg",
    "hypersensitiv",
    "intoleran",
    "tolerate",
    "anaphyla",
    "taking",
)


@dataclass(frozen=True, slots=True, init=False)
class AllergyReading:
    statements: tuple[AllergyStatement, ...]
    spans: tuple[tuple[int, int], ...]
    # Allergy statements read but not recorded: negated or uncertain (span, reason).
    skipped: tuple[tuple[tuple[int, int], str], ...] = ()

    def __init__(
        self,
        statements: tuple[AllergyStatement, ...],
        spans: tuple[tuple[int, int], ...],
        skipped: tuple[tuple[tuple[int, int], str], ...] = (),
    ) -> None:
        object.__setattr__(self, "statements", statements)
        object.__setattr__(self, "spans", spans)
        object.__setattr__(self, "skipped", skipped)


@dataclass(slots=True)
class _Reading:
    """What read_allergies collects: statements, the spans they block, and those not recorded."""

    text: str
    masked: str
    folded: str
    vocabulary: Vocabulary
    statements: list[AllergyStatement] = field(default_factory=list[AllergyStatement])
    spans: list[tuple[int, int]] = field(default_factory=list[tuple[int, int]])
    skipped: list[tuple[tuple[int, int], str]] = field(
        default_factory=list[tuple[tuple[int, int], str]]
    )

    def covered(self, at: int) -> bool:
        return any(a <= at < b for a, b in self.spans)

    def record(self, span: tuple[int, int], names: tuple[int, int], said: str = "") -> None:
        """Block the statement's span; record its substances unless negated or uncertain.
        ``said`` is the statement's own words outside the names: a reaction named there
        ("anaphylaxis to ceftriaxone") is each substance's reaction."""
        self.spans.append(span)
        if (why := _not_recorded(self.folded, *span)) is not None:
            self.skipped.append((span, why))
            return
        found = _REACTION.search(fold(said))
        reaction = self._reaction(said[found.start() : found.end()]) if found else None
        placeholders: list[tuple[int, int]] = []
        for item in _items(self.masked, *names, self.vocabulary, placeholders):
            note = self._note(item.span.end)
            if note is not None and _DENIED_NOTE.search(note[1]):
                # "codeine (pt denies)": no allergy to record, reported
                self.skipped.append(((item.span.start, note.end()), _UNCERTAIN_WHY))
                continue
            shown = item.reaction or reaction or self._note_reaction(note)
            self.statements.append(item if shown is None else replace(item, reaction=shown))
        self.skipped.extend((p, _PLACEHOLDER_WHY) for p in placeholders)

    def _note(self, end: int) -> re.Match[str] | None:
        """The parenthesised note right after an item ending at ``end``: "penicillin (rash)"."""
        name_end = len(self.masked[:end].rstrip())  # the note itself is blanked in masked
        return _NOTE_AFTER.match(self.text, name_end)

    def _note_reaction(self, m: re.Match[str] | None) -> Concept | None:
        """ "penicillin (rash)": a parenthesised note that names a reaction is the item's."""
        if m is None:
            return None
        note = _WHEN_NOTED.sub(" ", m[1]).strip(" ,;-")
        if not _only_reactions(note):
            return None  # "(not true allergy - GI upset)", "(tolerated amoxicillin 2020)"
        return self._reaction(note)

    def _reaction(self, words: str) -> Concept:
        concept = self.vocabulary.condition(words)
        return Concept(text=words, codings=concept.codings if concept else ())


def read_allergies(text: str, vocabulary: Vocabulary) -> AllergyReading:
    """Every allergy list in the text, one statement per substance, plus the spans they cover."""
    lowered = text.lower()
    if not any(w in lowered for w in _LEAD_WORDS):
        return AllergyReading((), ())  # no lead word: skip the pattern (hot path)
    masked = _PAREN.sub(lambda m: " " * len(m.group(0)), text) if "(" in text else text
    r = _Reading(text, masked, fold(masked), vocabulary)
    for lead in _LEAD.finditer(masked):
        start = lead.end()
        stop = _LIST_END.search(masked, start)
        end = stop.start() if stop else len(text)
        if stop is not None and "," not in stop.group(0) and _GIVEN_AFTER.match(stop.group(0)):
            # "Anaphylaxis to peanuts, EpiPen prescribed": the item before the verb was given
            # (the first item stays: "Allergic to penicillin given in 2010")
            end = comma if (comma := masked.rfind(",", start, end)) >= 0 else end
        if ":" in lead.group(0):
            while (more := _ITEM_AFTER.match(r.folded, end)) and not _ORDERING.search(more[0]):
                end = more.end()
        r.record((lead.start(), end), (start, end), lead.group(0))
    for m in _TRAILING.finditer(r.folded):
        first, *rest = m["x"].split()
        words = [first, *rest] if first not in _NOT_SUBSTANCES else rest
        if not words or words[-1] in _NOT_SUBSTANCES or r.covered(m.start()):
            continue
        name_start = m.start("x") + m["x"].index(words[0])
        r.record((name_start, m.end()), (name_start, m.end("x")))
    for m in (*_CAUSED.finditer(r.folded), *_CAUSE_FIRST.finditer(r.folded)):
        if m["x"] not in _NOT_SUBSTANCES and not r.covered(m.start("x")):
            said = text[m.start() : m.start("x")] + " " + text[m.end("x") : m.end()]
            r.record((m.start(), m.end()), (m.start("x"), m.end("x")), said)
    return AllergyReading(tuple(r.statements), tuple(r.spans), tuple(r.skipped))


def _only_reactions(words: str) -> bool:
    """Words that name a reaction and nothing but reactions, their joins and the words that
    place them: "rash", "hives and throat swelling"."""
    folded = fold(words)
    return _REACTION.search(folded) is not None and not _REACTION_LIST.sub(" ", folded).strip()


def _not_recorded(folded: str, start: int, end: int) -> str | None:
    """Why an allergy statement records no allergy: negated or feared before it, another
    person's, or uncertain."""
    if _NEGATED_BEFORE.search(folded, max(0, start - 40), start):
        return _NEGATED_WHY
    if _HYPOTHETICAL.search(folded, max(0, start - 40), start):
        return _HYPOTHETICAL_WHY
    sentence_start = max(folded.rfind(c, 0, start) for c in ".;\n") + 1
    sentence_end = min((i for i in (folded.find(c, end) for c in ".;\n") if i >= 0), default=None)
    if _SOMEONE_ELSE.search(folded, sentence_start, sentence_end or len(folded)):
        return _SOMEONE_ELSE_WHY
    # the statement's own clause: "Allergy to codeine - tolerated morphine" is certain
    clause_end = min((i for i in (folded.find(c, end) for c in ".;\n,-") if i >= 0), default=None)
    if _UNCERTAIN.search(folded, max(0, start - 40), (clause_end or len(folded)) + 1):
        return _UNCERTAIN_WHY
    return None


def _items(
    text: str, start: int, end: int, vocabulary: Vocabulary, placeholders: list[tuple[int, int]]
) -> list[AllergyStatement]:
    """The list's substances; items that name none ("see chart") go to ``placeholders``."""
    out: list[AllergyStatement] = []
    pos = start
    for part in _SPLIT.split(text[start:end]):
        idx = text.find(part, pos, end) if part else -1
        if idx >= 0:
            pos = idx + len(part)
        if _NEGATED_ITEM.match(part.strip()):
            continue
        # "contrast in 2019", "ceftriaxone 1 g IV": the substance ends at its date or numbers
        name = _NAME_END.sub("", part)
        name = _BEFORE_NUMBER.split(name, maxsplit=1)[0].strip(" :-").strip()
        name = _NAME_LEAD.sub("", name).strip(" \"'")
        span = Span(start=max(idx, start), end=max(idx, start) + len(part))
        if _PLACEHOLDER.match(name):
            placeholders.append((span.start, span.end))
            continue
        if not name or _NONE.match(name) or not _LETTERS.search(name):
            continue
        if _only_reactions(name):
            continue  # "morphine - nausea, vomiting": a reaction in the list, no allergen
        reaction = None
        if (said := _ITEM_REACTION.match(name)) is not None:
            name, words = said["name"].strip(), said["r"]
            found = vocabulary.condition(words)
            reaction = Concept(text=words, codings=found.codings if found else ())
        concept = vocabulary.substance(name)
        out.append(
            AllergyStatement(
                substance=Concept(text=name, codings=concept.codings if concept else ()),
                span=span,
                reaction=reaction,
            )
        )
    return out
