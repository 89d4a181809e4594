"""RulesExtractor: lexicon mentions from the terminology tables, then the domain grammar."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from nlfhir.adapters.rules.context import unknown_drugs
from nlfhir.adapters.rules.imaging import contrast_wording, regions, studies, tube_or_guidance
from nlfhir.adapters.rules.matcher import PhraseMatcher
from nlfhir.domain.codes import Concept
from nlfhir.domain.grammar import Mention, MentionKind, Vocabulary, read_orders, rx
from nlfhir.domain.grammar.lexicon import ADMIN_METHODS, RELEASE_WORDS, SALT_WORDS
from nlfhir.domain.grammar.patterns import fold
from nlfhir.domain.grammar.reader import UNREAD_REASON
from nlfhir.domain.orders import (
    AllergyStatement,
    Extraction,
    MedicationOrder,
    Span,
    UnparsedSegment,
)
from nlfhir.ports.extraction import OrderExtractor
from nlfhir.ports.terminology import NameKind, Terminology

_KINDS = (
    (NameKind.MEDICATION, MentionKind.MEDICATION),
    (NameKind.LAB, MentionKind.LAB),
    (NameKind.IMAGING, MentionKind.IMAGING),
    (NameKind.PROCEDURE, MentionKind.PROCEDURE),
)
_DOSE_AHEAD = rx.compile(
    r"^\W{0,3}(?:\w+\W+){0,3}?\d+(?:\.\d+)?\s*(?:mg|mcg|g|ml|units?|meq|tab|cap)", re.IGNORECASE
)
# The service a referral names: a known two-word service ("social work", "physical therapy"),
# "<x> surgery" or "<x> medicine", or one word that is no filler ("Please consult cardiology" is
# a referral to cardiology, never to "Please"; "Dr. Smith" names no service).
_SERVICE = (
    r"(?:social\s+work|case\s+management|physical\s+therapy|occupational\s+therapy"
    r"|speech(?:\s+(?:language\s+)?(?:therapy|pathology))?|infectious\s+diseases?|palliative\s+care"
    r"|wound\s+care|interventional\s+radiology|physical\s+medicine|urgent\s+care|primary\s+care"
    r"|(?!(?:routine|urgent|emergent|stat|asap|outpatient|inpatient|new|repeat|for|of|to|a|an"
    r"|the|no|any|further)\b)"
    r"[a-z]+\s+(?:surgery|medicine)"
    # a priority or a filler word is no service: "Routine referral to GI" refers to GI
    r"|(?!(?:please|pls|kindly|to|and|also|then|will|order|get|obtain|request|place|dr|the|urgent"
    r"|routine|emergent|stat|asap|outpatient|inpatient|new|repeat|recommend|suggest"
    r"|home|follow|patient|patients|if|on|note|notes|with|regarding|re|for|about|back|up|in|at"
    r"|his|her|their|appreciated|recs)\b)"
    r"[a-z]+(?:\s+clinic)?)"
)
_REFERRAL = rx.compile(
    r"\b(?:refer(?:ral)?\s+to|consult(?:ation)?(?:\s+with)?|referral\s+for)\s+"
    rf"(?:the\s+)?(?P<a>{_SERVICE})\b"
    rf"|\b(?P<b>{_SERVICE})\s+(?:consult(?:ation)?|referral)\b",
    re.IGNORECASE,
)
# "PT/OT eval", "Refer to PT and OT", "PT eval and treat": physical and occupational therapy,
# never prothrombin time (which "PT/INR" and "PT and INR" still are).
_THERAPY = rx.compile(
    r"\b(?P<w>PT|OT)\b(?=\s*(?:/|and|&)\s*(?:PT|OT)\b|\s+(?:eval\w*|consult|referral|to\s+eval"
    r"|(?:and\s+)?treat)"
    # "PT for knee rehab", "PT to see patient", "OT for ADLs": a therapy's purpose, never a lab's
    r"|\s+(?i:for\s+(?:[a-z]+\s+){0,3}?(?:rehab\w*|gait|strength\w*|mobility|ambulation|balance"
    r"|conditioning|exercises?|range\s+of\s+motion|rom|transfers?|adls?)\b"
    r"|to\s+(?:see\s+(?:the\s+)?(?:patient|pt)|eval(?:uate)?\s+(?:and|&)\s+treat|work\s+with"
    r"|ambulate|mobilize)\b"
    r"|(?:evaluation|assessment|follow[\s-]?up)\b))|(?<=\b(?:PT|OT)\s{0}/)(?P<x>PT|OT)\b|(?<=\bPT\sand\s)(?P<y>OT)\b"
    r"|(?<=\bOT\sand\s)(?P<z>PT)\b|(?<=refer\sto\s)(?P<r>PT|OT)\b"
)
_THERAPIES = {"PT": "physical therapy", "OT": "occupational therapy"}
# What an imaging name leaves out and the order says after it: the pelvis ("CT abdomen/pelvis")
# and contrast ("w/o contrast", "with IV contrast", "with and without gadolinium",
# "non-contrast"); or contrast said before it ("noncontrast CT head").
_IMAGING_MORE = rx.compile(
    r"(?P<pelvis>\s*(?:/|and|&|\+)?\s*pelvis\b)?"
    r"(?:\s*,?\s*(?P<contrast>(?:with\s+and\s+without|w/?\s*(?:and\s+)?w/?o|w/wo|with|without|w/o|w/"
    r"|wo|w|no)\s+(?:iv\s+|oral\s+)?(?:contrast|gadolinium|gad|dye)\b"
    r"|non-?con(?:trast(?:ed)?)?\b))?",
    re.IGNORECASE,
)
# Words that name no service of their own: a table's generic concept ("Therapy") is never what
# "negative pressure wound therapy" or "speech therapy swallow eval" orders.
_GENERIC = frozenset(
    {"therapy", "treatment", "procedure", "test", "study", "evaluation", "eval", "assessment"}
    | {"care", "management", "examination", "exam", "consultation", "imaging", "scan"}
)
# A word before a study that makes it another study: "stress echo", "transesophageal echo".
_QUALIFIED = rx.compile(
    r"\b(?:stress|exercise|dobutamine|transesophageal|tee|bubble|fetal|pharmacologic)\s+$",
    re.IGNORECASE,
)
# A lab's qualifier that names another analyte: "ionized calcium", "free T4" (a known name is
# matched whole first), "troponin T", "direct bilirubin".
_LAB_QUALIFIER_BEFORE = rx.compile(
    r"\b(?:ionized|ionised|free|direct|indirect|unconjugated|conjugated)\s+$", re.IGNORECASE
)
_LAB_QUALIFIER_AFTER = rx.compile(r"[ \t]+(?:[TI]|ionized|free)\b(?![-/])")
# A metal before a known drug names another substance: "silver sulfadiazine" (a topical) is not
# sulfadiazine (a systemic sulfonamide).
_METAL_BEFORE = rx.compile(
    r"\b(?:silver|bismuth|zinc|aluminum|aluminium"
    # an element the tables also name as a lab test: "iron dextran", "iron sucrose", "potassium
    # iodide", "sodium polystyrene sulfonate" are one drug each, never "dextran" or "sulfonate"
    r"|(?:iron|ferric|sodium|potassium|calcium|magnesium|lithium)(?:\s+[a-z]{4,})?)\s+$",
    re.IGNORECASE,
)
# Words without which _METAL_BEFORE and _KIND_BEFORE cannot match (a cheap test first)
_METAL_WORDS = (
    "silver",
    "bismuth",
    "zinc",
    "alumin",
    "iron",
    "ferric",
    "sodium",
    "potassium",
    "calcium",
    "magnesium",
    "lithium",
)
_KIND_WORDS = ("nph", "regular", "acting", "release")
# A product's kind or release written before its name: "NPH insulin", "regular insulin", "long
# acting insulin", "extended release metformin" (never dropped from the name).
_KIND_BEFORE = rx.compile(
    r"\b(?:nph|regular|(?:long|short|rapid|intermediate|fast|ultra[- ]?rapid)[- ]acting"
    r"|(?:extended|delayed|immediate|sustained|controlled|modified)[- ]release)\s+$",
    re.IGNORECASE,
)
# A test named inside a drug's parenthesised amount: "(65 mg elemental iron)" describes the drug.
_PAREN_AMOUNT = rx.compile(r"\(\s*\d[^()]*$")
# The rapid-acting insulins whose brands also name premixes ("Novolog 70/30", "Humalog 75/25")
_RAPID_INSULIN = rx.compile(r"\binsulin\s+(?:aspart|lispro|glulisine)\b", re.IGNORECASE)
# A premixed insulin's mix after its name: "Mix 70/30", "mix", "70/30".
_MIX = rx.compile(r"\s+(?:(?P<mix>mix)\b(?:\s*\d{2}\s*/\s*\d{2}\b)?|\d{2}\s*/\s*\d{2}\b)", re.I)
_CONTRAST_BEFORE = rx.compile(r"\b(?P<contrast>non-?con(?:trast(?:ed)?)?)\s+$", re.IGNORECASE)
_C_DOT = rx.compile(r"(?<![a-z])c\.?\s*$")


# "Vitamin K 10 mg IV", "vitamin B12 1000 mcg IM": the letter names the vitamin, never a drug or
# a test of its own ("K" alone is potassium). Matched on the folded text.
# Its number is written next to the letter ("K1", "B-12"): "vitamin K 2.5 mg" is vitamin K.
# "Vitamin A & D ointment" is a product of its own, not vitamin A.
_VITAMIN = rx.compile(
    r"(?<![-/])\b(?:vitamin|vit\.?)\s+(?:b-?(?:12|[1-9])|d-?[23]|k-?[12]|[acdek])\b(?!\.\d)"
    r"(?!\s*(?:&|and)\s*[a-e]\b)"
)

_SALT = rx.compile(r"\s+([a-z]+)", re.IGNORECASE)
_SIG_AHEAD = rx.compile(
    r"\s*\d+(?:\.\d+)?\s*(?:mg|mcg|g|ml|units?|meq|mmol|tabs?|tablets?|caps?|capsules?)\b(?!\s*/)"
    r".{0,60}?\b(?:po|iv|im|sc|subq|sl|pr|by\s+mouth|orally|daily|qd|bid|tid|qid|q\d+h"
    r"|nightly|qhs|once|prn|every|in\s+(?:\d|ns\b|d5w|normal\s+saline))\b",
    re.IGNORECASE,
)


def _join_combinations(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "hydrocodone/acetaminophen 5/325 mg", "budesonide-formoterol": drugs joined by a slash or
    a hyphen are one combination product, never two orders. Its text is kept as written and it
    stays uncoded: an ingredient's code does not name the combination."""
    ordered = sorted(mentions, key=lambda m: m.span.start)
    out: list[Mention] = []
    for m in ordered:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind is MentionKind.MEDICATION
            and m.kind is MentionKind.MEDICATION
            and text[last.span.end : m.span.start].strip() in {"/", "-"}
        ):
            span = Span(start=last.span.start, end=m.span.end)
            out[-1] = Mention(
                span=span,
                kind=MentionKind.MEDICATION,
                concept=Concept(text=text[span.start : span.end]),
                source=last.source,
            )
            continue
        out.append(m)
    return [_with_partner(text, m) for m in out]


_PARTNER = rx.compile(r"\s*/\s*[A-Za-z][A-Za-z\-]{3,}\b(?!\s*/)")


def _with_partner(text: str, m: Mention) -> Mention:
    """ "Budesonide/formoterol": a drug joined by a slash to a name the tables do not know."""
    if m.kind is not MentionKind.MEDICATION or (found := _PARTNER.match(text, m.span.end)) is None:
        return m
    span = Span(start=m.span.start, end=found.end())
    return Mention(
        span=span,
        kind=MentionKind.MEDICATION,
        concept=Concept(text=text[span.start : span.end]),
        source=m.source,
    )


def _absorb_salts(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Warfarin Sodium", "Oxycodone CR": salt and release words are part of the drug's name,
    not a separate test ("CR" alone is creatinine)."""
    meds = [m for m in mentions if m.kind is MentionKind.MEDICATION]
    drop: set[int] = set()
    grown: list[Mention] = []
    for med in meds:
        end = med.span.end
        while (m := _SALT.match(text, end)) is not None and (
            m[1].lower() in SALT_WORDS or m[1].lower() in RELEASE_WORDS
        ):
            end = m.end()
        if end != med.span.end:
            drop.update(id(x) for x in mentions if med.span.end <= x.span.start < end)
            concept = med.concept
            if concept.text.lower() == text[med.span.start : med.span.end].lower():
                # "Metoprolol succinate ER": the product as written, coded by its ingredient
                concept = replace(concept, text=text[med.span.start : end])
            grown.append(replace(med, span=Span(start=med.span.start, end=end), concept=concept))
            drop.add(id(med))
    return [m for m in mentions if id(m) not in drop] + grown


_SENTENCE_BREAK = rx.compile(r"[.;\n]\s")
_OPEN = rx.compile(r"\(\s*$")
_CLOSE = rx.compile(r"\s*\)")


def _drug_key(concept: Concept) -> str:
    """What a drug name names: the generic in "Ativan (lorazepam)", else the name itself."""
    text = concept.text.lower()
    if text.endswith(")") and "(" in text:
        text = text[text.rindex("(") + 1 : -1]
    return " / ".join(sorted(p.strip() for p in text.split("/") if p.strip()))


def _mark_restated(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "Zosyn (piperacillin/tazobactam)", "lorazepam 2 mg/mL (Ativan)": a drug restated in
    parentheses is the same order, not a second one."""
    meds = sorted(
        (m for m in mentions if m.kind is MentionKind.MEDICATION), key=lambda m: m.span.start
    )
    drop: set[int] = set()
    for i, later in enumerate(meds):
        start, end = later.span.start, later.span.end
        if not _OPEN.search(text, 0, start) or not _CLOSE.match(text, end):
            continue
        for earlier in meds[:i]:
            between = text[earlier.span.end : start]
            if (
                id(earlier) not in drop
                and not _SENTENCE_BREAK.search(between)
                and _drug_key(earlier.concept) == _drug_key(later.concept)
            ):
                drop.add(id(later))
                break
    return [replace(m, kind=MentionKind.RESTATED) if id(m) in drop else m for m in mentions]


_SECOND_DRUG = (
    "another drug's name among the dosage words no rule read (a combination product?): not ordered"
)


def _drop_described(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "ferrous sulfate 325 mg (65 mg elemental iron) PO TID": a test named inside a drug's
    parenthesised amount describes the drug; it is neither a test nor the end of its dosage."""
    if "(" not in text:
        return mentions
    meds = [m.span.end for m in mentions if m.kind is MentionKind.MEDICATION]
    return [
        m
        for m in mentions
        if m.kind is MentionKind.MEDICATION
        or not any(end <= m.span.start for end in meds)
        or not _PAREN_AMOUNT.search(text, max(0, m.span.start - 40), m.span.start)
    ]


# "vitamin D 25-OH", "25(OH) vitamin D", "25-hydroxy vitamin D", "1,25-dihydroxy": the test
_VITAMIN_D_TEST_BEFORE = rx.compile(r"(?:\b25\s*-?\s*\(?oh\)?|hydroxy|1,\s*25)[\s-]*$", re.I)
_VITAMIN_D_TEST_AFTER = rx.compile(r"^[\s,-]*(?:25\s*-?\s*\(?oh\)?|\(?25\s*-?\s*hydroxy)", re.I)


def _drop_vitamin_d_tests(text: str, folded: str, mentions: list[Mention]) -> list[Mention]:
    """ "Check vitamin D 25-OH", "order 25-OH vitamin D": the serum test of vitamin D, never a
    drug ordered at no dose; the tables code no such test, so the words are reported."""
    if "25" not in text and "hydroxy" not in folded:
        return mentions
    return [
        m
        for m in mentions
        if m.kind is not MentionKind.MEDICATION
        or "vitamin d" not in m.concept.text.lower()
        or not (
            _VITAMIN_D_TEST_BEFORE.search(text, max(0, m.span.start - 20), m.span.start)
            or _VITAMIN_D_TEST_AFTER.match(text[m.span.end : m.span.end + 20])
        )
    ]


def _respan(
    found: dict[tuple[int, int], Mention],
    old: tuple[int, int],
    new: tuple[int, int],
    concept: Concept,
) -> None:
    """Replace a mention by the same one over another span, named by ``concept``."""
    m = found.pop(old)
    found[new] = replace(m, span=Span(start=new[0], end=new[1]), concept=concept)


_HEMOGLOBIN = frozenset({"hgb", "hb", "hemoglobin", "haemoglobin"})


def _one_a1c(text: str, found: dict[tuple[int, int], Mention]) -> None:
    """ "Hgb A1c", "Hb-A1c": one test, the A1c; the hemoglobin's abbreviation before it is its
    name's first word, never a hemoglobin test of its own."""
    if "1c" not in text and "1C" not in text:
        return
    labs = sorted(k for k, m in found.items() if m.kind is MentionKind.LAB)
    for first, second in itertools.pairwise(labs):
        if (
            text[first[0] : first[1]].lower() in _HEMOGLOBIN
            and text[second[0] : second[1]].lower().startswith("a1c")
            and not text[first[1] : second[0]].strip(" -")
        ):
            a1c = found.pop(second)
            del found[first]
            written = text[first[0] : second[1]]
            found[(first[0], second[1])] = replace(
                a1c,
                span=Span(start=first[0], end=second[1]),
                concept=_as_written(written, a1c.concept),
            )


def _reading_wins(named: Mention, coded: Concept | None) -> bool:
    """Does the imaging reader's study replace a name found on the same words? When it codes
    a name left uncoded, or finds unsure a study named as coded ("MRI knees": which side?)."""
    if coded is not None:
        return not named.concept.coded
    return named.concept.coded and named.kind is MentionKind.IMAGING


def _drop_overlapping(found: dict[tuple[int, int], Mention], start: int, end: int) -> None:
    """Drop every mention that overlaps start..end, which a longer name there replaces."""
    for key in [k for k in found if k[0] < end and start < k[1]]:
        del found[key]


_STRENGTH_END = rx.compile(r"\d\s*(?:mg|mcg|g|units?)\s*$", re.IGNORECASE)


def _drop_release_words(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "nifedipine 30 mg CR daily": a release word after a strength is the product's, never a
    test ("CR" the tables name as a lab); its schedule stays the drug's."""
    return [
        m
        for m in mentions
        if m.kind is MentionKind.MEDICATION
        or text[m.span.start : m.span.end].lower() not in RELEASE_WORDS
        or _STRENGTH_END.search(text, max(0, m.span.start - 12), m.span.start) is None
    ]


_DILUENT_NAMES = frozenset(
    {
        "sodium chloride",
        "dextrose",
        "normal saline",
        "lactated ringer's",
        "lactated ringers",
        "sterile water",
        "nacl",
    }
)
_IN_BEFORE = rx.compile(
    r"\d\s*(?:mg|mcg|g|gm|units?|meq|mmol)\s+(?:(?:diluted|mixed)\s+)?in\s+$", re.IGNORECASE
)


def _drop_diluents(text: str, mentions: list[Mention]) -> list[Mention]:
    """ "vancomycin 1 g in sodium chloride 0.9% 250 mL IV q12h", "KCl 20 mEq in sodium chloride
    0.9% 1000 mL": the fluid a dose is given in is its diluent, never an order of its own (its
    schedule and rate are the drug's, and the drug's amount was read as the fluid's dose)."""
    return [
        m
        for m in mentions
        if m.kind is not MentionKind.MEDICATION
        or text[m.span.start : m.span.end].lower() not in _DILUENT_NAMES
        or _IN_BEFORE.search(text, max(0, m.span.start - 30), m.span.start) is None
    ]


def _drop_inside_drugs(mentions: list[Mention]) -> list[Mention]:
    """A test named inside a drug's name ("iron" of "iron dextran") is no order of its own."""
    drugs = [m.span for m in mentions if m.kind is MentionKind.MEDICATION]
    return [
        m
        for m in mentions
        if m.kind is MentionKind.MEDICATION
        or not any(d.start <= m.span.start and m.span.end <= d.end for d in drugs)
    ]


def _as_written(text: str, found: Concept | None) -> Concept:
    """A name kept as written, with the tables' codes when they know it, else uncoded."""
    return Concept(text=text, codings=found.codings if found else ())


class RulesExtractor(OrderExtractor):
    """Recognises the names the terminology tables know; reads everything else by grammar."""

    def __init__(self, terminology: Terminology) -> None:
        self._terminology = terminology
        self._matcher: PhraseMatcher[tuple[tuple[MentionKind, NameKind], ...]] | None = None
        self._vocabulary = Vocabulary.of(terminology)
        self._imaging_regions: frozenset[str] = frozenset()

    @property
    def name(self) -> str:
        return "rules"

    def load(self) -> None:
        """Build the phrase index over every kind of name (once, ~0.2 s for the full tables)."""
        if self._matcher is None:
            kinds: dict[str, tuple[tuple[MentionKind, NameKind], ...]] = {}
            for nk, mk in _KINDS:
                for name in self._terminology.known_names(nk):
                    kinds[name] = (*kinds.get(name, ()), (mk, nk))
            self._matcher = PhraseMatcher(kinds)
            self._imaging_regions = regions(self._terminology.known_names(NameKind.IMAGING))

    async def extract(self, text: str) -> Extraction:
        return self.read(text)

    def read(self, text: str) -> Extraction:
        """The synchronous core: pure CPU, microseconds per order."""
        return self._no_second_drug(text, read_orders(text, self.mentions(text), self._vocabulary))

    def _no_second_drug(self, text: str, extraction: Extraction) -> Extraction:
        """ "Amoxicillin 875 mg-clavulanate 125 mg tablet": a drug the tables know among a
        dosage's unread words means the order names another drug too (a combination written
        out); ordering the first alone would order the wrong product, so it is reported."""
        allergens = [o.span for o in extraction.orders if isinstance(o, AllergyStatement)]
        unread = [
            u
            for u in extraction.unparsed
            if u.reason == UNREAD_REASON
            # "..., patient allergic to Phenergan": an allergen named, not a second drug
            and not any(u.span.start <= a.start < u.span.end for a in allergens)
        ]
        if not unread or self._matcher is None:
            return extraction
        bad = [
            o
            for o in extraction.orders
            if isinstance(o, MedicationOrder)
            and any(
                o.span.start <= u.span.start < o.span.end and self._names_a_drug(u.text, o)
                for u in unread
            )
        ]
        if not bad:
            return extraction
        reported = [
            UnparsedSegment(text=text[o.span.start : o.span.end], span=o.span, reason=_SECOND_DRUG)
            for o in bad
        ]
        return replace(
            extraction,
            orders=tuple(o for o in extraction.orders if o not in bad),
            unparsed=(*extraction.unparsed, *reported),
        )

    def _names_a_drug(self, words: str, order: MedicationOrder) -> bool:
        own = order.medication.text.lower()
        return any(
            any(kind is MentionKind.MEDICATION for kind, _ in hit.payload) and hit.key not in own
            for hit in (self._matcher.find(words) if self._matcher else ())
        )

    def mentions(self, text: str) -> list[Mention]:
        self.load()
        found: dict[tuple[int, int], Mention] = {}
        for hit in self._matcher.find(text) if self._matcher else ():
            kind, name_kind = self._choose(hit.payload, text, hit.end)
            if kind is MentionKind.PROCEDURE and hit.key in ADMIN_METHODS:
                continue  # "IV infusion", "injection": how a drug is given, not a procedure
            found[(hit.start, hit.end)] = Mention(
                span=Span(start=hit.start, end=hit.end),
                kind=kind,
                concept=self._code(name_kind, text[hit.start : hit.end], hit.key),
                source=self.name,
            )
        for (start, end), referral in self._referrals(text).items():
            _drop_overlapping(found, start, end)  # "Urgent referral to oncology": the referral
            found[(start, end)] = referral
        for key in [k for k, m in found.items() if m.concept.text.lower() in _GENERIC]:
            del found[key]  # "negative pressure wound therapy" is no order for "therapy"
        self._qualified_studies(text, found)
        _one_a1c(text, found)
        self._imaging_details(text, found)
        folded = fold(text)
        self._imaging_studies(text, folded, found)
        self._therapies(text, found)
        self._vitamins(text, found)
        for start, end in unknown_drugs(text, list(found)):
            found[(start, end)] = Mention(
                span=Span(start=start, end=end),
                kind=MentionKind.MEDICATION,
                concept=Concept(text=text[start:end]),
                source=self.name,
            )
        mentions = _absorb_salts(text, self._drugs_before_a_sig(text, list(found.values())))
        mentions = [self._premixed(text, self._after_metal(text, m)) for m in mentions]
        mentions = _drop_diluents(text, _drop_inside_drugs(_drop_release_words(text, mentions)))
        mentions = _drop_described(text, mentions)
        mentions = _drop_vitamin_d_tests(text, folded, mentions)
        return _mark_restated(text, _join_combinations(text, mentions))

    def _after_metal(self, text: str, m: Mention) -> Mention:
        """ "silver sulfadiazine": the metal and the name are one substance, coded only where the
        tables know it. "NPH insulin", "extended release metformin": a product's kind or release
        before its name is part of it; the ingredient's codes stay (the same ingredient)."""
        if m.kind is not MentionKind.MEDICATION:
            return m
        lead = max(0, m.span.start - 30)
        window = text[lead : m.span.start].lower()
        metal = any(w in window for w in _METAL_WORDS)
        found = _METAL_BEFORE.search(text, lead, m.span.start) if metal else None
        kindly = found is None and any(w in window for w in _KIND_WORDS)
        kind = _KIND_BEFORE.search(text, lead, m.span.start) if kindly else None
        start = found.start() if found else kind.start() if kind else None
        if start is None:
            return m
        written = text[start : m.span.end]
        coded = self._terminology.medication(written)
        if coded is None and kind is not None:
            coded = m.concept
        return replace(
            m,
            span=Span(start=start, end=m.span.end),
            concept=_as_written(written, coded),
        )

    def _premixed(self, text: str, m: Mention) -> Mention:
        """ "Novolog Mix 70/30", "Humalog Mix 75/25", "insulin 70/30": a premixed insulin is
        another product than its rapid-acting brand. The name is kept as written with its mix;
        coded only where the tables know that name (an ingredient's code would name the wrong
        insulin). A brand whose entry already names the mix ("Humulin 70/30") keeps its code."""
        if m.kind is not MentionKind.MEDICATION or (more := _MIX.match(text, m.span.end)) is None:
            return m
        named = text[m.span.start : m.span.end].lower()
        # "Novolog 70/30": a rapid-acting insulin's brand with a mix is the premix, never aspart
        rapid = "insulin" not in named and _RAPID_INSULIN.search(m.concept.text) is not None
        if more["mix"] is None and "insulin" not in named and not rapid:
            return m  # "Humulin 70/30": the brand's entry is the mix; "Norco 5/325": a strength
        end = more.end()
        written = text[m.span.start : end]
        coded = self._terminology.medication(written) if more["mix"] or rapid else None
        codings = coded.codings if coded else (() if more["mix"] or rapid else m.concept.codings)
        return replace(
            m,
            span=Span(start=m.span.start, end=end),
            concept=Concept(text=written, codings=codings),
        )

    def _qualified_studies(self, text: str, found: dict[tuple[int, int], Mention]) -> None:
        """ "Order stress echo": the qualified study, coded only where the tables know it; plain
        echocardiography is another study. "ionized calcium", "troponin T": a lab's qualifier
        names another analyte, so the test is kept as written and coded only where the tables
        know that name (never the plain test's code)."""
        for (start, end), m in list(found.items()):
            if m.kind is MentionKind.LAB:
                self._qualified_lab(text, found, (start, end))
                continue
            if m.kind not in (MentionKind.IMAGING, MentionKind.PROCEDURE):
                continue
            q = _QUALIFIED.search(text, max(0, start - 20), start)
            if q is None:
                continue
            written = text[q.start() : end]
            coded = self._terminology.procedure(written)
            _respan(found, (start, end), (q.start(), end), _as_written(written, coded))

    def _qualified_lab(
        self, text: str, found: dict[tuple[int, int], Mention], span: tuple[int, int]
    ) -> None:
        start, end = span
        before = _LAB_QUALIFIER_BEFORE.search(text, max(0, start - 20), start)
        after = _LAB_QUALIFIER_AFTER.match(text, end)
        if before is None and after is None:
            return
        new = (before.start() if before else start, after.end() if after else end)
        written = text[new[0] : new[1]]
        _respan(found, span, new, _as_written(written, self._terminology.lab(written)))

    def _imaging_details(self, text: str, found: dict[tuple[int, int], Mention]) -> None:
        """ "CT abdomen/pelvis with IV contrast", "CT head w/o contrast": the study as ordered,
        coded where the tables name it with its region and contrast, otherwise kept as text and
        uncoded; the name without them would code a different study."""
        for (start, end), m in list(found.items()):
            if m.kind is not MentionKind.IMAGING:
                continue
            more = _IMAGING_MORE.match(text, end)
            before = _CONTRAST_BEFORE.search(text, max(0, start - 20), start)
            if more is None or not (more["pelvis"] or more["contrast"] or before):
                continue
            contrast = (more["contrast"] or (before["contrast"] if before else "")).lower()
            oral = "oral" in contrast  # the tables' "with contrast" studies are IV contrast
            name = " ".join(m.concept.text.lower().split())
            if more["pelvis"] and "pelvis" not in name:
                name += " and pelvis"
            if contrast:
                name += " " + contrast_wording(contrast)
            new_start = before.start() if before else start
            new_end = more.end() if (more["pelvis"] or more["contrast"]) else end
            coded = None if oral else self._terminology.procedure(name)
            written = _as_written(text[new_start:new_end], coded)
            _respan(found, (start, end), (new_start, new_end), written)

    def _imaging_studies(
        self, text: str, folded: str, found: dict[tuple[int, int], Mention]
    ) -> None:
        """ "MRI right knee", "CT wrist L", "knee x-ray", "MRI of the brain (no gad)": the study
        in the word order written, with its side, contrast and views (imaging.studies), in
        place of the shorter names found inside it; a name reaching beyond it is kept."""
        for key in [k for k, m in found.items() if m.kind is MentionKind.IMAGING]:
            if tube_or_guidance(folded, key[1]):
                del found[key]  # "chest CT to suction": a chest tube; "US guidance" for a line
        for study in studies(text, folded, self._terminology.imaging, self._imaging_regions):
            span = (study.start, study.end)
            inside = [k for k in found if k[0] < study.end and study.start < k[1]]
            if any(k[0] < study.start or k[1] > study.end for k in inside):
                continue
            if span in found and not _reading_wins(found[span], study.coded):
                continue
            for key in inside:
                del found[key]
            found[span] = Mention(
                span=Span(start=study.start, end=study.end),
                kind=MentionKind.IMAGING,
                concept=_as_written(text[study.start : study.end], study.coded),
                source=self.name,
            )

    def _therapies(self, text: str, found: dict[tuple[int, int], Mention]) -> None:
        """ "PT/OT eval": a referral to each therapy, replacing the tests or referrals found on
        the same letters. "C diff" is an organism (its stool test), never the blood count's
        differential."""
        if "diff" in text.lower():
            folded = " " + fold(text)  # offsets one on: a name at 0 has a space before it
            for key in [k for k in found if found[k].concept.text.lower() == "diff"]:
                if _C_DOT.search(folded[max(0, key[0] - 3) : key[0] + 1]):
                    del found[key]
        if "PT" not in text and "OT" not in text:
            return
        for m in _THERAPY.finditer(text):
            start, end = m.span()
            _drop_overlapping(found, start, end)
            label = f"Referral to {_THERAPIES[m[0]]}"
            coded = self._terminology.procedure(label)
            found[(start, end)] = Mention(
                span=Span(start=start, end=end),
                kind=MentionKind.REFERRAL,
                concept=_as_written(label, coded),
                source=self.name,
            )

    def _vitamins(self, text: str, found: dict[tuple[int, int], Mention]) -> None:
        """A vitamin named by its letter is one drug: the tables' code when they know the name
        ("vitamin C"), else the name as written, uncoded. Shorter names found inside it are dropped;
        a longer name that holds it wins."""
        if "vit" not in text.lower():
            return
        for m in _VITAMIN.finditer(fold(text)):
            start, end = m.span()
            overlapping = [k for k in found if k[0] < end and start < k[1]]
            if any(a < start or end < b for a, b in overlapping):
                continue  # a longer name holds it: "vitamin K dietary intake education"
            for key in overlapping:
                del found[key]
            found[(start, end)] = Mention(
                span=Span(start=start, end=end),
                kind=MentionKind.MEDICATION,
                concept=self._code(NameKind.MEDICATION, text[start:end]),
                source=self.name,
            )

    def _drugs_before_a_sig(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Test names directly followed by a dosage are a drug's name: "potassium chloride 1 tab
        po daily" orders a drug, never a potassium and a chloride test."""
        ordered = sorted(mentions, key=lambda m: m.span.start)
        out: list[Mention] = []
        i = 0
        while i < len(ordered):
            j = i
            while (
                j + 1 < len(ordered)
                and ordered[j].kind is not MentionKind.MEDICATION
                and ordered[j + 1].kind is not MentionKind.MEDICATION
                and not text[ordered[j].span.end : ordered[j + 1].span.start].strip()
            ):
                j += 1
            run = ordered[i : j + 1]
            end = run[-1].span.end
            # "Magnesium sulfate 2 g IV", "Calcium gluconate 1 g": the salt belongs to the name
            while (m := _SALT.match(text, end)) is not None and m[1].lower() in SALT_WORDS:
                end = m.end()
            if run[0].kind is MentionKind.MEDICATION or not _SIG_AHEAD.match(text, end):
                out.append(ordered[i])
                i += 1
                continue
            start = run[0].span.start
            out.append(
                Mention(
                    span=Span(start=start, end=end),
                    kind=MentionKind.MEDICATION,
                    concept=self._code(NameKind.MEDICATION, text[start:end]),
                    source=self.name,
                )
            )
            i = j + 1
        return out

    @staticmethod
    def _choose(
        kinds: tuple[tuple[MentionKind, NameKind], ...], text: str, end: int
    ) -> tuple[MentionKind, NameKind]:
        """A name that is both a drug and a test ("potassium") is the drug when a dose follows."""
        if len(kinds) == 1:
            return kinds[0]
        dose_ahead = _DOSE_AHEAD.match(text[end : end + 40]) is not None
        for k in kinds:
            if (k[0] is MentionKind.MEDICATION) == dose_ahead:
                return k
        return kinds[0]

    def _code(self, kind: NameKind, name: str, key: str | None = None) -> Concept:
        """The tables' concept for a name as written, or for the phrase the matcher found
        (``key``: "blood culture" for "blood cultures")."""
        t = self._terminology
        lookup = {
            NameKind.MEDICATION: t.medication,
            NameKind.LAB: t.lab,
            NameKind.IMAGING: t.procedure,
            NameKind.PROCEDURE: t.procedure,
        }[kind]
        found = lookup(name)
        if found is None and key is not None and key != name.lower():
            found = lookup(key)
        if found is None:
            return Concept(text=name)
        # A drug's text is the terminology's: the name as written, and for a brand its generic
        # ("Percocet (acetaminophen / oxycodone)"); a test keeps the words the text used.
        text = found.text if kind is NameKind.MEDICATION else name
        return Concept(text=text, codings=found.codings)

    def _referrals(self, text: str) -> dict[tuple[int, int], Mention]:
        out: dict[tuple[int, int], Mention] = {}
        lowered = text.lower()
        if "refer" not in lowered and "consult" not in lowered:
            return out
        for m in _REFERRAL.finditer(text):
            group = "a" if m["a"] else "b"
            service = m[group]
            label = f"Referral to {service}"
            found = self._terminology.procedure(label)
            concept = _as_written(label, found)
            span = Span(start=m.start(), end=m.end())
            out[(span.start, span.end)] = Mention(
                span=span, kind=MentionKind.REFERRAL, concept=concept, source=self.name
            )
        return out
