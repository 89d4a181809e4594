"""Medications the tables do not know, recognised by position: "<name> <sig>".

A word (or two) at the start of a clause, or after an ordering verb ("give", "start", "on"),
directly followed by a dose, a route, an administration verb or a schedule is read as the name
of a drug. Its concept stays uncoded: the text is kept as written and nothing is guessed about
what it is. Words of the sig grammar and ordinary clinical words never qualify.
"""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources

from nlfhir.domain.grammar import lexicon as lx
from nlfhir.domain.grammar import rx
from nlfhir.domain.grammar.patterns import fold

_SIG_START = (
    r"(?:\d|(?:po|iv|im|sc|sq|sl|pr|pv|td|inh|prn|bid|tid|qid|qd|qod|qhs|qam|qpm|hs|ac|pc"
    r"|daily|nightly|weekly|monthly|apply|insert|take|use|drink|instill|inhale|inject"
    r"|q\s*\d+(?:\s*(?:mo|wk|w|d|h|hrs?|min))?|q\s*(?:wk|week|mo|month|day)|every|once|twice"
    r"|one|two|three|half|per\s+(?:rectum|vagina|os|mouth)"
    r"|oral|vaginal|rectal|topical|ophthalmic|otic|nasal|tablets?|capsules?|cream|ointment|gel"
    r"|lotion|suspension|solution|liquid|syrup|suppository|patch|drops|spray|inhaler|shampoo)\b)"
)
CANDIDATE = rx.compile(
    r"(?:^|[.;\n:]\s*|//\s*|\b(?:give|start|started|begin|prescribe|prescribed|initiate"
    r"|initiated|continue|administer|on|plus|and)\s+)"
    r"(?P<name>[A-Za-z][A-Za-z'\-]{3,}(?:/[A-Za-z][A-Za-z'\-]{3,}|\s+[A-Za-z][A-Za-z'\-]{2,})?)"
    rf"\s+(?={_SIG_START})",
)
_DOSE = r"\d+(?:\.\d+)?\s*(?:mg|mcg|g|units?|ml|meq)\b"
_WORD = r"(?P<name>[A-Za-z][A-Za-z'\-]{3,})"
# "... Green mesalamine 800 mg", "5 mg IV push of dopamine", "on 5 mg Tadalafil as needed"
NEXT_TO_DOSE = (
    rx.compile(rf"\b{_WORD}\s+(?={_DOSE})"),
    # "0.1% Tretinoin cream", "1% hydrocortisone ointment": a strength, the name, a form
    rx.compile(
        rf"\d(?:\.\d+)?\s*%\s+{_WORD}\s+(?=(?:cream|ointment|gel|lotion|solution|drops"
        r"|spray|foam|shampoo|patch)\b)",
    ),
    rx.compile(rf"{_DOSE}[^.;\n]{{0,30}}?\bof\s+{_WORD}"),
    rx.compile(rf"\b(?:on|give|start|started|prescribed?|initiated?)\s+{_DOSE}\s+{_WORD}"),
)
# CANDIDATE and NEXT_TO_DOSE match the folded text (lower case, same offsets); the words they
# find are read from the text as written, whose capitals tell a heading or a person's name.
# A substring each NEXT_TO_DOSE pattern needs (None: no cheap test), so most texts skip it.
_NEEDS = (None, "%", "of", None)
_ORDINARY = frozenset(
    """patient patients start started give given take takes taking took drinks uses apply use
    insert continue stop hold
    order ordered prescribe prescribed initiate initiated begin dose doses then with and or for
    the this that each every once twice also plus increase decrease reduce titrate maintenance
    loading bolus push drip stat now today tomorrow morning evening night bedtime meals food
    water saline normal mild moderate severe acute chronic pain fever nausea labs lab monitor prn
    check follow trauma critical code alert emergent emergency urgent routine allergy allergies
    allergic history diagnosis presents presenting without after before during until via per
    left right both arm leg eye eyes ear ears nose skin area areas affected weight weighing year
    years old male female child adult infant elderly pediatric dosing based weight-based start
    medication medications drug drugs tablet tablets capsule capsules cream ointment gel lotion
    solution suspension liquid syrup elixir drops injection infusion inhaler patch spray powder
    vial units unit oral topical total maximum max daily dose mg mcg then repeat may can should
    vaginal rectal nasal ophthalmic otic transdermal sublingual intravenous intramuscular
    subcutaneous inhaled nebulized shampoo wash rinse gargle mouthwash cycle cycles category
    infuse instill inject inhale drink chew dissolve regimen protocol course phase week weeks
    month months day days hour hours minute minutes pelvis abdomen chest head over into onto
    from under about approximately around than more less additional another other lfts lft
    hydrate acid electrolytes administer body level levels serum blood urine plasma labs vitals
    vital signs coated film chewable dispersible disintegrating extended delayed release
    sustained controlled modified enteric effervescent exceed exceeding exceeds over under
    up autoinjector auto-injector injector pen pens kit device spacer nebulizer neb cartridge
    prefilled monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday
    fridays saturday saturdays sunday sundays january february march april june july august
    september october november december prbc prbcs ffp cryo cryoprecipitate platelets crossmatch
    crossmatched regular""".split()  # noqa: SIM905 - a word list reads better as prose
)
# "Monitor vitals q5min": what follows a monitoring verb is watched, not given.
_WATCH_VERBS = frozenset(
    {"monitor", "check", "recheck", "assess", "watch", "observe", "measure", "follow"}
)
_SHOUTED = 5  # longer all-capital words are headings ("CRITICAL", "TRAUMA"), not drugs
_LEXICON = lx.SIG_WORDS | lx.FORM_WORDS | lx.SALT_WORDS


def ordinary_words() -> frozenset[str]:
    """Ordinary clinical words that are never a drug's name (also used to vet brand names)."""
    return _ORDINARY


def _word_list(name: str) -> frozenset[str]:
    """A word list built by tools/build_terminology.py: one word a line, "#" lines are notes."""
    data = resources.files("nlfhir.adapters.rules").joinpath(f"data/{name}")
    lines = gzip.decompress(data.read_bytes()).decode().splitlines()
    return frozenset(w for w in lines if not w.startswith("#"))


@cache
def everyday_words() -> frozenset[str]:
    """Everyday English words (SCOWL's lowercase entries, less words of drug ingredients):
    "Ambulate 3 times daily" and "weighs 70 kg" name no drug. A drug the tables know is found by
    name before this rule runs; only unknown words are read by position."""
    return _word_list("everyday_words.txt.gz")


@cache
def drug_words() -> frozenset[str]:
    """Words of drug ingredients named by rxnorm.csv and the FDA listings, less English words:
    "alendronate", "cyanocobalamin"."""
    return _word_list("drug_words.txt.gz")


def _word_ok(word: str) -> bool:
    w = word.lower()
    return (
        w not in _ORDINARY
        and w not in _LEXICON
        and not (word.isupper() and len(word) > _SHOUTED)
        # "875 mg-clavulanate": a unit joined to a name is a combination's strength, no name
        and w.split("-", 1)[0] not in _LEXICON
    )


def _everyday(words: list[str]) -> bool:
    everyday = everyday_words()
    return all(w.lower() in everyday for w in words)


# A schedule alone after a name ("Neuro checks q1h", "Sitz bath TID", "Accuchecks AC and HS") is
# a nursing or monitoring order's: an unknown drug is read only with a dose, route or form.
_SCHEDULE_ONLY = rx.compile(
    r"(?:bid|tid|qid|qd|qod|qhs|qam|qpm|hs|ac|pc|daily|nightly|weekly|monthly|every|once|twice"
    r"|q\s*\d+(?:\s*(?:mo|wk|w|d|h|hrs?|min))?|q\s*(?:wk|week|mo|month|day))\b"
)


def _schedule_only(text: str, folded: str, span: tuple[int, int]) -> bool:
    """A name followed by nothing but a schedule, unless its first word names a drug ingredient:
    "Sitz bath TID" and "Neuro checks q1h" are no drugs, "alendronate q wk" is one."""
    rest = len(folded) - len(folded[span[1] :].lstrip())
    if not _SCHEDULE_ONLY.match(folded, rest):
        return False
    return text[span[0] : span[1]].split(maxsplit=1)[0].lower() not in drug_words()


_NAME_WORD = rx.compile(r"[a-z][a-z'\-]{2,}")


def _any_name(folded: str, taken: list[tuple[int, int]]) -> bool:
    """Is any word outside the names already found a possible name's word: not everyday, not
    ordinary, not the sig's? Every unknown drug's name holds one (``_name_span`` and
    ``_word_span`` keep only such words), so most texts skip the patterns."""
    everyday = everyday_words()
    return any(
        (w := m.group(0)) not in everyday
        and w not in _ORDINARY
        and w not in _LEXICON
        and not any(a <= m.start() < b for a, b in taken)
        for m in _NAME_WORD.finditer(folded)
    )


def unknown_drugs(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of drug names by position, outside spans already recognised."""
    folded = fold(text)
    if not _any_name(folded, taken):
        return []
    return by_position(text, folded, taken)


def by_position(text: str, folded: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The position patterns themselves, run whatever the words (``unknown_drugs`` guards)."""
    spans = [_name_span(text, m.start("name"), m.end("name")) for m in CANDIDATE.finditer(folded)]
    spans = [s for s in spans if s is None or not _schedule_only(text, folded, s)]
    for pattern, needs in zip(NEXT_TO_DOSE, _NEEDS, strict=True):
        if needs is None or needs in folded:
            spans += [
                _word_span(text, m.start("name"), m.end("name")) for m in pattern.finditer(folded)
            ]
    out: list[tuple[int, int]] = []
    for span in spans:
        if span is None or any(a < span[1] and span[0] < b for a, b in [*taken, *out]):
            continue
        out.append(span)
    return out


_SLASH_BEFORE = rx.compile(r"(?<![\w/])[A-Za-z][A-Za-z\-]{1,}/$")


def _word_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """A single-word name; a capitalised word after another is a person's name, not a drug."""
    word = text[start:end]
    if not _word_ok(word) or _everyday([word]):
        return None
    if (joined := _SLASH_BEFORE.search(text, max(0, start - 20), start)) is not None:
        return joined.start(), end  # "pip/tazo": the whole name, never its last part
    before = text[:start].split()
    if word[:1].isupper() and before and before[-1][:1].isupper() and _word_ok(before[-1]):
        return None
    return start, end


def _name_span(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The drug words of a candidate: ordinary words before or after the name are dropped."""
    name = text[start:end]
    words = name.split()
    if words[0].lower() in _WATCH_VERBS:
        return None
    if len(words) > 1 and not _word_ok(words[0]):
        start += name.index(words[1])
        words = words[1:]
    if not _word_ok(words[0]):
        return None
    if len(words) > 1 and not _word_ok(words[1]) and words[1].lower() != "acid":
        words = words[:1]  # "folic acid", "tranexamic acid" keep their second word
    if _everyday(words):
        return None  # "Ambulate 3 times daily", "Fluid restriction 1.5 L": English, no drug
    return (start, start + len(words[0])) if len(words) == 1 else (start, end)
