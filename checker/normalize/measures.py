"""What an amount counts: synonyms ("people killed", "death toll", "fatalities") meet in one measure key,
qualifiers are kept in it ("civilian deaths" -> "deaths:civilian") because a civilian toll is a different
fact from a total toll, and unknown measures stay as their cleaned, singular-ish words.
"""

from __future__ import annotations

import re

from checker.normalize.text import _clean, _singular

_MEASURE_GROUPS: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    # (key, trigger words/phrases, filler words dropped from the qualifier)
    (
        "deaths",
        frozenset(
            {
                "death",
                "deaths",
                "killed",
                "dead",
                "died",
                "lives",
                "death toll",
                "fatalities",
                "fatality",
                "toll",
                "killings",
                "perished",
                "bodies",
            }
        ),
        frozenset(
            {
                "people",
                "persons",
                "toll",
                "lives",
                "lost",
                "number",
                "total",
                "confirmed",
                "reported",
                "overall",
                "of",
                "the",
                "claimed",
                "at",
                "least",
                "who",
                "were",
                "have",
                "been",
                "had",
            }
        ),
    ),
    (
        "injured",
        frozenset({"injured", "injuries", "injury", "wounded", "hurt", "wounds"}),
        frozenset({"people", "persons", "number", "total", "of", "the", "who", "were", "seriously", "reported"}),
    ),
    (
        "displaced",
        frozenset(
            {
                "displaced",
                "refugees",
                "refugee",
                "flee",
                "fled",
                "fleeing",
                "displacement",
                "uprooted",
                "driven from their homes",
            }
        ),
        frozenset(
            {
                "people",
                "persons",
                "forced",
                "to",
                "from",
                "their",
                "homes",
                "home",
                "internally",
                "number",
                "of",
                "the",
                "have",
                "been",
                "were",
                "who",
                "driven",
                "made",
            }
        ),
    ),
    (
        "employees",
        frozenset(
            {
                "employees",
                "employee",
                "staff",
                "workers",
                "worker",
                "workforce",
                "staffers",
                "personnel",
                "headcount",
                "employed",
            }
        ),
        frozenset({"people", "number", "of", "the", "total", "members", "member", "its", "company"}),
    ),
    (
        "missing",
        frozenset({"missing", "unaccounted"}),
        frozenset({"people", "persons", "for", "number", "of", "the", "still", "remain", "are", "reported"}),
    ),
    (
        "arrests",
        frozenset({"arrests", "arrested", "arrest", "detained", "detentions", "detainees"}),
        frozenset({"people", "persons", "number", "of", "the", "were", "made"}),
    ),
)
_MEASURE_STOP = frozenset({"the", "a", "an", "total", "people", "persons"})


def measure_key(measure: str) -> str:
    """A key for what is counted: synonyms of deaths/injured/displaced/employees/missing/arrests meet.

    Qualifiers are kept ("civilian deaths" -> "deaths:civilian") because a civilian toll is a different
    fact from a total toll; otherwise a cleaned, singular-ish lowercase form ("share of the vote").
    """
    s = _clean(measure)
    for key, triggers, filler in _MEASURE_GROUPS:
        hit = [t for t in triggers if re.search(rf"\b{re.escape(t)}\b", s)]
        if hit:
            rest = s
            for t in sorted(hit, key=len, reverse=True):
                rest = re.sub(rf"\b{re.escape(t)}\b", " ", rest)
            qual = [_singular(w) for w in rest.split() if w not in filler and w not in triggers]
            return key + (":" + " ".join(qual) if qual else "")
    s = re.sub(r"^(?:the\s+)?(?:total\s+)?number of\s+", "", s)
    words = [_singular(w) for w in s.split() if w not in _MEASURE_STOP]
    return " ".join(words) if words else s
