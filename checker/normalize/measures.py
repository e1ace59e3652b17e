"""What an amount counts: synonyms ("people killed", "death toll", "fatalities") meet in one measure key,
qualifiers are kept in it ("civilian deaths" -> "deaths:civilian") because a civilian toll is a different
fact from a total toll, and unknown measures stay as their cleaned, singular-ish words.
"""

from __future__ import annotations

import re

from checker.normalize._data import rows, wordset
from checker.normalize.text import _clean, singular


def _measure_groups() -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    """(key, trigger words/phrases, filler words dropped from the qualifier) of each measure, in file order."""
    groups: dict[str, dict[str, set[str]]] = {}
    for key, kind, phrase in rows("measures.tsv", 3):
        if kind not in ("trigger", "filler"):
            raise ValueError(f"normalize/data/measures.tsv: {kind!r} is neither trigger nor filler: {phrase!r}")
        groups.setdefault(key, {"trigger": set(), "filler": set()})[kind].add(phrase)
    return tuple((key, frozenset(words["trigger"]), frozenset(words["filler"])) for key, words in groups.items())


_MEASURE_GROUPS = _measure_groups()
_MEASURE_STOP = wordset("measure_stopwords.txt")


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
            qual = [singular(w) for w in rest.split() if w not in filler and w not in triggers]
            return key + (":" + " ".join(qual) if qual else "")
    s = re.sub(r"^(?:the\s+)?(?:total\s+)?number of\s+", "", s)
    words = [singular(w) for w in s.split() if w not in _MEASURE_STOP]
    return " ".join(words) if words else s
