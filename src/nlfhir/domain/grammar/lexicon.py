"""The grammar's word lists: routes, units, dose forms, number words, timing phrases.

These are the *language* of sigs (how clinicians write "by mouth" or "twice daily"), not codes:
codes come from the terminology tables through ``Vocabulary``. Keeping the lists here, apart from
the parser, lets a reviewer read and extend them without touching the matching code.
"""

from __future__ import annotations

from typing import Final

# Surface word (lowercase) -> canonical route name. Canonical names are what the route lookup and
# FHIR text use. od/os/ou and ad/as/au are eye/ear sides: they imply the route, and are kept as
# laterality separately.
ROUTE_WORDS: Final[dict[str, str]] = {
    "po": "oral", "p.o.": "oral", "p.o": "oral", "by mouth": "oral", "per mouth": "oral",
    "orally": "oral", "oral": "oral", "per os": "oral", "enteral": "oral",
    "iv": "intravenous", "i.v.": "intravenous", "ivpb": "intravenous", "iv push": "intravenous",
    "ivp": "intravenous", "intravenous": "intravenous", "intravenously": "intravenous",
    "iv piggyback": "intravenous", "iv infusion": "intravenous", "iv bolus": "intravenous",
    "im": "intramuscular", "i.m.": "intramuscular", "intramuscular": "intramuscular",
    "intramuscularly": "intramuscular",
    "sc": "subcutaneous", "sq": "subcutaneous", "subq": "subcutaneous", "sub-q": "subcutaneous",
    "subcut": "subcutaneous", "s.c.": "subcutaneous", "subcutaneous": "subcutaneous",
    "subcutaneously": "subcutaneous",
    "sl": "sublingual", "sublingual": "sublingual", "sublingually": "sublingual",
    "under the tongue": "sublingual",
    "pr": "rectal", "rectal": "rectal", "rectally": "rectal", "per rectum": "rectal",
    "inhaled": "inhalation", "inhalation": "inhalation", "inh": "inhalation",
    "nebulized": "inhalation", "nebulised": "inhalation", "via nebulizer": "inhalation",
    "neb": "inhalation", "nebs": "inhalation", "by inhalation": "inhalation",
    "topical": "topical", "topically": "topical", "to skin": "topical", "to the skin": "topical",
    "ophthalmic": "ophthalmic", "to eye": "ophthalmic", "to eyes": "ophthalmic",
    "in eye": "ophthalmic", "in eyes": "ophthalmic", "to the eye": "ophthalmic",
    "in the eye": "ophthalmic", "in each eye": "ophthalmic", "each eye": "ophthalmic",
    "otic": "otic", "in ear": "otic", "in the ear": "otic", "to ear": "otic",
    "in each ear": "otic", "right ear": "otic", "left ear": "otic", "each ear": "otic",
    "both ears": "otic",
    "nasal": "nasal", "intranasal": "nasal", "intranasally": "nasal", "nasally": "nasal",
    "each nostril": "nasal", "in each nostril": "nasal", "per nostril": "nasal",
    "in nose": "nasal", "in the nose": "nasal",
    "transdermal": "transdermal", "transdermally": "transdermal", "td": "transdermal",
    "vaginal": "vaginal", "vaginally": "vaginal", "pv": "vaginal", "per vagina": "vaginal",
    "into the vagina": "vaginal", "to vagina": "vaginal", "in the vagina": "vaginal",
    "to vaginal area": "vaginal", "intravaginal": "vaginal", "intravaginally": "vaginal",
    "buccal": "buccal", "buccally": "buccal",
}

# Eye and ear sides: they name the route, and the side is kept for the body site.
LATERALITY: Final[dict[str, tuple[str, str]]] = {
    "od": ("ophthalmic", "right eye"), "os": ("ophthalmic", "left eye"),
    "ou": ("ophthalmic", "both eyes"), "right eye": ("ophthalmic", "right eye"),
    "left eye": ("ophthalmic", "left eye"), "both eyes": ("ophthalmic", "both eyes"),
    "right ear": ("otic", "right ear"), "left ear": ("otic", "left ear"),
    "both ears": ("otic", "both ears"),
}
# "od" for once daily is not accepted (US usage: OD is the right eye); "as" (left ear) is not read
# at all because it collides with "as needed".

# A dose form implies a route only when nothing else in the sig names one.
FORM_ROUTES: Final[dict[str, str]] = {
    "inhaler": "inhalation", "nebulizer": "inhalation", "mdi": "inhalation",
    "cream": "topical", "ointment": "topical", "gel": "topical", "lotion": "topical",
    "patch": "transdermal", "eye drops": "ophthalmic", "ear drops": "otic",
    "nasal spray": "nasal",
}

# Unit surface word -> canonical unit key (looked up in UCUM through the vocabulary).
UNIT_WORDS: Final[dict[str, str]] = {
    "mg": "mg", "mgs": "mg", "milligram": "mg", "milligrams": "mg",
    "g": "g", "gm": "g", "gram": "g", "grams": "g", "gms": "g",
    "mcg": "mcg", "µg": "mcg", "ug": "mcg", "microgram": "mcg", "micrograms": "mcg",
    "ml": "ml", "mls": "ml", "milliliter": "ml", "milliliters": "ml", "millilitre": "ml",
    "millilitres": "ml", "cc": "ml", "l": "l", "liter": "l", "litre": "l",
    "unit": "units", "units": "units", "u": "units", "iu": "iu", "international units": "iu",
    "meq": "meq", "milliequivalent": "meq", "milliequivalents": "meq",
    "mmol": "mmol",
    "tab": "tab", "tabs": "tab", "tablet": "tab", "tablets": "tab", "tbl": "tab",
    "cap": "cap", "caps": "cap", "capsule": "cap", "capsules": "cap",
    "puff": "puff", "puffs": "puff", "inhalation": "puff", "inhalations": "puff",
    "inh": "puff", "actuation": "puff", "actuations": "puff",
    "drop": "drop", "drops": "drop", "gtt": "drop", "gtts": "drop",
    "spray": "spray", "sprays": "spray",
    "patch": "patch", "patches": "patch",
    "suppository": "suppository", "suppositories": "suppository",
    "applicatorful": "applicatorful", "applicatorfuls": "applicatorful",
    "applicator": "applicatorful",
    "teaspoon": "teaspoon", "teaspoons": "teaspoon", "tsp": "teaspoon",
    "tablespoon": "tablespoon", "tablespoons": "tablespoon", "tbsp": "tablespoon",
    "%": "%", "mg/kg": "mg/kg", "mg/m2": "mg/m2", "mg/m²": "mg/m2", "mcg/kg": "mcg/kg",
    "units/kg": "units/kg", "g/kg": "g/kg",
    "vial": "vial", "vials": "vial", "ampule": "ampule", "ampules": "ampule",
    "lozenge": "lozenge", "lozenges": "lozenge", "troche": "lozenge",
}

# Units that are counts of a dose form ("2 tablets"): a following mass in parentheses wins.
COUNT_UNITS: Final[frozenset[str]] = frozenset({
    "tab", "cap", "puff", "drop", "spray", "patch", "suppository", "applicatorful", "vial",
    "ampule", "lozenge",
})

# Words after a quantity that make it a product strength, not a dose ("250 mg capsule").
FORM_WORDS: Final[frozenset[str]] = frozenset({
    "tablet", "tablets", "tab", "tabs", "capsule", "capsules", "cap", "caps", "suppository",
    "solution", "suspension", "injection", "injectable", "oral", "er", "xr", "sr", "dr", "ec",
    "elixir", "syrup", "vial", "powder", "chewable", "odt", "cream", "ointment", "patch", "gel",
    "film", "lozenge", "inhaler", "spray", "drops", "extended", "delayed", "immediate",
})

NUMBER_WORDS: Final[dict[str, float]] = {
    "a half": 0.5, "half": 0.5, "one half": 0.5, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "single": 1,
}

# Time unit words -> FHIR units-of-time.
TIME_UNITS: Final[dict[str, str]] = {
    "s": "s", "sec": "s", "secs": "s", "second": "s", "seconds": "s",
    "min": "min", "mins": "min", "minute": "min", "minutes": "min",
    "h": "h", "hr": "h", "hrs": "h", "hour": "h", "hours": "h",
    "d": "d", "day": "d", "days": "d",
    "w": "wk", "wk": "wk", "wks": "wk", "week": "wk", "weeks": "wk",
    "mo": "mo", "mos": "mo", "month": "mo", "months": "mo",
    "y": "a", "yr": "a", "yrs": "a", "year": "a", "years": "a",
}

# Fixed frequency phrases -> (frequency, period, unit). Longest phrases are tried first.
FREQUENCY_PHRASES: Final[dict[str, tuple[int, float, str]]] = {
    "qd": (1, 1, "d"), "q.d.": (1, 1, "d"), "daily": (1, 1, "d"), "once daily": (1, 1, "d"),
    "once a day": (1, 1, "d"), "every day": (1, 1, "d"), "each day": (1, 1, "d"),
    "once per day": (1, 1, "d"), "q day": (1, 1, "d"), "qday": (1, 1, "d"),
    "q24h": (1, 24, "h"), "per day": (1, 1, "d"), "a day": (1, 1, "d"),
    "bid": (2, 1, "d"), "b.i.d.": (2, 1, "d"), "twice daily": (2, 1, "d"),
    "twice a day": (2, 1, "d"), "twice per day": (2, 1, "d"),
    "tid": (3, 1, "d"), "t.i.d.": (3, 1, "d"), "thrice daily": (3, 1, "d"),
    "three times daily": (3, 1, "d"), "three times a day": (3, 1, "d"),
    "three times per day": (3, 1, "d"),
    "qid": (4, 1, "d"), "q.i.d.": (4, 1, "d"), "four times daily": (4, 1, "d"),
    "four times a day": (4, 1, "d"), "four times per day": (4, 1, "d"),
    "five times daily": (5, 1, "d"), "five times a day": (5, 1, "d"),
    "qod": (1, 2, "d"), "q.o.d.": (1, 2, "d"), "every other day": (1, 2, "d"),
    "weekly": (1, 1, "wk"), "once weekly": (1, 1, "wk"), "once a week": (1, 1, "wk"),
    "every week": (1, 1, "wk"), "q week": (1, 1, "wk"), "qweek": (1, 1, "wk"),
    "once q week": (1, 1, "wk"), "twice weekly": (2, 1, "wk"), "twice a week": (2, 1, "wk"),
    "three times a week": (3, 1, "wk"), "three times weekly": (3, 1, "wk"),
    "monthly": (1, 1, "mo"), "once monthly": (1, 1, "mo"), "once a month": (1, 1, "mo"),
    "every month": (1, 1, "mo"), "q month": (1, 1, "mo"),
    "hourly": (1, 1, "h"), "every hour": (1, 1, "h"),
}

# Event-timing phrases -> (FHIR event code, daily?). "daily" adds frequency 1 per 1 d.
WHEN_PHRASES: Final[dict[str, tuple[str, bool]]] = {
    "qhs": ("HS", True), "hs": ("HS", True), "at bedtime": ("HS", True),
    "at hs": ("HS", True), "before bed": ("HS", True), "before bedtime": ("HS", True),
    "every night at bedtime": ("HS", True), "nightly at bedtime": ("HS", True),
    "nightly": ("NIGHT", True), "at night": ("NIGHT", True), "every night": ("NIGHT", True),
    "qam": ("MORN", True), "q am": ("MORN", True), "every morning": ("MORN", True),
    "in the morning": ("MORN", True), "each morning": ("MORN", True),
    "qpm": ("EVE", True), "q pm": ("EVE", True), "pm": ("EVE", True),
    "every evening": ("EVE", True), "in the evening": ("EVE", True),
    "ac": ("AC", False), "before meals": ("AC", False), "a.c.": ("AC", False),
    "pc": ("PC", False), "after meals": ("PC", False), "p.c.": ("PC", False),
    "with meals": ("C", False), "with food": ("C", False), "c": ("C", False),
    "ac breakfast": ("ACM", False), "before breakfast": ("ACM", False),
    "before lunch": ("ACD", False), "before dinner": ("ACV", False),
    "pc breakfast": ("PCM", False), "after breakfast": ("PCM", False),
    "after lunch": ("PCD", False), "after dinner": ("PCV", False),
    "with breakfast": ("CM", False), "with lunch": ("CD", False), "with dinner": ("CV", False),
    "upon waking": ("WAKE", False), "on waking": ("WAKE", False),
    "stat": ("IMD", False), "now": ("IMD", False), "immediately": ("IMD", False),
}

# Words that turn a mention into a non-order (hold/stop) or deny it.
STOP_WORDS: Final[tuple[str, ...]] = (
    "hold", "held", "stop", "stopped", "discontinue", "discontinued", "d/c", "dc'd",
    "cease", "suspend",
)
NEGATION_WORDS: Final[tuple[str, ...]] = (
    "no", "not", "denies", "denied", "without", "avoid", "never", "do not give",
    "do not start", "contraindicated", "refused", "declined",
)
# Verbs that start a further dosage line of the same drug when a clause names no drug.
ADMIN_VERBS: Final[tuple[str, ...]] = (
    "take", "apply", "insert", "instill", "inhale", "use", "give", "spray", "place",
    "inject", "administer", "chew", "dissolve", "then",
)
# Clauses that never continue a medication (monitoring, follow-up).
NON_ORDER_LEADS: Final[tuple[str, ...]] = (
    "monitor", "check", "recheck", "follow", "follow-up", "titrate", "watch", "observe",
    "assess", "counsel", "discussed", "educate", "continue to monitor",
)

# Salt and ester words that belong to the drug name before them ("warfarin sodium").
SALT_WORDS: Final[frozenset[str]] = frozenset({
    "sodium", "potassium", "calcium", "magnesium", "hydrochloride", "hcl", "hydrobromide",
    "sulfate", "sulphate", "phosphate", "acetate", "citrate", "tartrate", "maleate", "mesylate",
    "besylate", "succinate", "fumarate", "bromide", "chloride", "furoate", "propionate",
    "dipropionate", "valerate", "bitartrate", "disodium", "trihydrate", "monohydrate",
    "hyclate", "lactate", "gluconate", "carbonate", "oxalate", "xinafoate", "decanoate",
})
