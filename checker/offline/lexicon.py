"""The vocabulary every part of the offline extractor shares, and the regex pieces built from it.

Names (what a capitalised word can be), countries, months, number words and hedges, and the verbs
that report or introduce speech. The word lists live in ``data/``; the shapes (how a number or a
name is written) are patterns here.
"""

from __future__ import annotations

import re

from checker.offline import tables
from checker.schema.v1 import Weekday

WEEKDAYS: tuple[Weekday, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_NAMES = "|".join(WEEKDAYS)  # the days as a regex alternation

_MONTH_NAMES = tables.entries("months.txt")
MONTHS = tables.alternation(_MONTH_NAMES + tables.entries("month_abbreviations.txt"))
#: The months' full names only ("February", never "Feb.").
MONTH_NAMES = tables.alternation(_MONTH_NAMES)
#: Month names that cannot be read as a verb before a year ("May 2024" could be "may"), for "<month> <year>".
MONTHS_BEFORE_YEAR = tables.alternation(m for m in _MONTH_NAMES if m != "May")


def _country_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for country, written in tables.rows("countries.tsv", 2):
        forms.setdefault(country, country)
        for form in written.split():
            forms[form] = country
    return forms


#: Country names, adjectives and capitals -> the country, for organisations and war participants.
COUNTRY_FORMS = _country_forms()
#: Countries of more than one word, which a single capitalised word cannot find.
MULTIWORD_COUNTRIES = tuple(c for c, _ in tables.rows("countries.tsv", 2) if " " in c)

#: Capitalised function words: never a name, a title modifier or an organisation.
FUNCTION_WORDS = tables.wordset("function_words.txt") | frozenset(WEEKDAYS)
#: Capitalised words that are never part of a person's name.
NON_NAME = FUNCTION_WORDS | tables.wordset("non_name_words.txt") | frozenset(_MONTH_NAMES) | frozenset(COUNTRY_FORMS)

#: Heads of titles and offices, capitalised, as a regex alternation (in table order).
HEADS = tables.alternation(tables.entries("title_heads.txt"))
#: Every word of a title head, lowercase and without its period: never a person's name.
HEAD_WORDS = frozenset(
    w.lower().rstrip(".") for h in tables.entries("title_heads.txt") for w in h.split() if w[:1].isalpha()
)

NUM_WORDS = tables.alternation(tables.entries("number_words.txt"))
ORDINALS = tables.alternation(tables.entries("ordinal_words.txt")) + r"|\d+(?:st|nd|rd|th)"
HEDGE = rf"(?i:{tables.alternation(tables.entries('hedges.txt'))}|an? (?:staggering|estimated|reported))"
NUMBER = (
    r"(?i:(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million|billion|trillion))?"
    rf"|(?:(?:{NUM_WORDS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a|one)"
    r"(?:\s+(?:hundred|thousand|million|billion))+"
    rf"|(?:{NUM_WORDS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?:tens|hundreds) of (?:thousands|millions)|(?:a few |several )?(?:dozens|hundreds|thousands|millions|billions)"
    r"|a dozen|two dozen|dozens|scores)"
)

#: Verbs that report a claim ("officials said", "figures show").
REPORT_VERBS = tables.alternation(tables.entries("report_verbs.txt"))
#: Verbs that introduce or close a quotation; "told" with its listener ("told reporters").
SPEECH = "|".join(
    r"told\s+(?:(?:a|an|the|his|her|their|its)\s+)?[\w’'-]+" if verb == "told" else re.escape(verb)
    for verb in tables.entries("speech_verbs.txt")
)

# Names: a capitalised word, an initial, an acronym of two letters; a name is up to four of them.
NAME_TOKEN = r"(?:[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*|[A-Z]{2}|[A-Z]\.(?:[A-Z]\.)?|Mc[A-Z][a-z]+|O’[A-Z][a-z]+)"
RE_NAME = re.compile(rf"{NAME_TOKEN}(?: {NAME_TOKEN}){{0,3}}")
RE_CAPSEQ = re.compile(rf"(?<![\w’'-]){NAME_TOKEN}(?: {NAME_TOKEN}){{1,4}}(?![\w-])")
RE_CAPWORD = re.compile(rf"(?<![\w’'.-]){NAME_TOKEN}(?![\w-])")
