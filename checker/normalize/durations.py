"""Lengths of time ("90-minute", "an hour and a half", "nearly three years", "entering its third year",
"2:06:41", "an eight-year warranty", "lengthy") as amounts in minutes: ordinals, "a few"/"several" units,
halves, sums of parts and clock-style times are read by hand, whole months and years carry half a unit of
precision (half-open, so "seven-year" and "eight-year" do not touch), and vague words keep only their direction.
"""

from __future__ import annotations

import math
import re

from checker.normalize._data import number, pairs, rows, sets
from checker.normalize.amounts import Amount, Interval
from checker.normalize.hedges import _apply, _split_hedges
from checker.normalize.numbers import _ORDINALS, _drop_article, clock_minutes, parse_number
from checker.normalize.text import _ascii, _clean, singular

_MINUTES = {unit: float(number(minutes)) for unit, minutes, *_ in rows("time_units.tsv", 2, optional=1)}
_UNIT_ALIASES = pairs("time_unit_aliases.tsv")
_VAGUE_WORDS = sets("vague_durations.tsv", ("long", "short"))
_LONG_WORDS = _VAGUE_WORDS["long"]
_SHORT_WORDS = _VAGUE_WORDS["short"]
_FEW_UNITS = {words: (float(number(lo)), float(number(hi))) for words, lo, hi in rows("few_units.tsv", 3)}
# Half a unit either way for a whole count of months or years (the optional third column).
_PRECISION_UNITS = {unit: number(extra[0]) for unit, _, *extra in rows("time_units.tsv", 2, optional=1) if extra}
# A compound adjective: the figure joined to its unit by a hyphen, then the noun it describes ("an
# eight-year warranty", "a 90-minute phone call"): the noun is dropped. "-old" ages stay ("71-year-old").
_COMPOUND_RE = re.compile(
    r"^(?P<figure>.*?[0-9a-z])-(?P<unit>(?:"
    + "|".join(sorted((re.escape(u) for u in {*_MINUTES, *_UNIT_ALIASES} if len(u) > 1), key=len, reverse=True))
    + r")s?)(?P<old>-old)?(?:\s+[a-z][a-z\s'-]*)?$"
)
_PARENTHESES_RE = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])")


def _unit_minutes(word: str) -> tuple[str, float] | None:
    w = _UNIT_ALIASES.get(word, word)
    if w in _MINUTES:
        return w, _MINUTES[w]
    s = singular(w)
    if s in _MINUTES:
        return s, _MINUTES[s]
    return None


def duration(amount: str, hedge: str | None) -> Amount | None:
    """Normalise a length of time to minutes, or None when it cannot be read.

    "90-minute" = "an hour and a half" = "1.5 hours" = [90, 90]; "approximately one and a half hours" is
    widened by 15% each way (76.5–103.5, shown 76–104); "nearly three years" is [2.7, 3] years; "more than"
    doubles the upper bound; "its third year" is [2, 3] years and "entering its third year" [2, 2.25].
    A plain count of months or years is taken to half a unit ("three years" = 2.5–3.5 years), because
    nobody rounds a war's age to the day; the interval is open at the top, so "seven years" [6.5, 7.5)
    and "eight years" [7.5, 8.5) conflict. Clock-style times (:func:`~checker.normalize.numbers.clock_minutes`)
    are truncated to their last unit: "2:06:41" equals "2 hours, 6 minutes and 41 seconds" and differs
    from "2:06:14", "4:05.3" is m:ss.d, "2:06" (h:mm) is [126, 127) minutes. A duration written in several
    parts is truncated to its last one like a clock ("2 hours 6 minutes" is [126, 127), so it fits
    2:06:41). A compound adjective loses its noun ("an eight-year warranty" is eight years); a conversion
    in parentheses is dropped. "lengthy"/"brief" are vague.
    """
    written = _PARENTHESES_RE.sub(" ", _ascii(amount).lower()).strip()
    clock_text, clock_factors = _split_hedges(re.sub(r"^(?:in|of)\s+", "", written), hedge)
    clock = clock_minutes(clock_text)
    if clock is not None:
        minutes, more = clock
        if clock_factors:
            return Amount(_apply(minutes, minutes + more, clock_factors), None, "min")
        return Amount(Interval(minutes, minutes + more, open_high=more > 0), None, "min")
    compound = _COMPOUND_RE.match(written)
    if compound is not None:
        written = f"{compound.group('figure')} {compound.group('unit')}" + (" old" if compound.group("old") else "")
    raw = _clean(written)
    raw = _drop_article(raw)
    raw = re.sub(r"(\d)(h|hr|hrs|min|mins|m|s|d|y|yr|yrs)\b", r"\1 \2", raw)
    if hedge is not None:
        hc = _clean(hedge)
        if re.search(r"\b(enter|entering|enters|entered|begin|begins|beginning|start|starts|starting)\b", hc):
            raw = "entering " + raw
            hedge = None
    s, factors = _split_hedges(raw, hedge)
    s = re.sub(r"^(for|lasting|lasted|of|a period of)\s+", "", s)
    s = re.sub(r"\s+(long|old|in length|of talks)$", lambda m: " old" if m.group(1) == "old" else "", s)
    if not s:
        return None
    if s in _LONG_WORDS:
        return Amount(None, "long", "min")
    if s in _SHORT_WORDS:
        return Amount(None, "short", "min")

    # Ordinal: "(entering) its third year".
    m = re.match(
        r"^(?:(now|entering|enters|entered|beginning|starting|into|in)\s+)?(?:(?:in|into)\s+)?"
        r"(?:its|their|his|her|the|a)?\s*(\d+(?:st|nd|rd|th)|[a-z]+)\s+(year|month|week|day|hour|decade)$",
        s,
    )
    if m:
        word = m.group(2)
        nth = _ORDINALS.get(word)
        if nth is None and word[:-2].isdigit():
            nth = int(word[:-2])
        if nth is not None:
            unit = _MINUTES[m.group(3)]
            entering = m.group(1) in ("entering", "enters", "entered", "beginning", "starting")
            low = (nth - 1) * unit
            high = low + (0.25 * unit if entering else unit)
            return Amount(Interval(low, high), None, "min")

    # "a few hours", "several years".
    for word, (lo_n, hi_n) in _FEW_UNITS.items():
        if s.startswith(word + " "):
            u = _unit_minutes(s[len(word) + 1 :])
            if u:
                return Amount(_apply(lo_n * u[1], hi_n * u[1], factors), None, "min")
    # Bare plural unit: "hours", "years" (vague but bounded below).
    if s.endswith("s") and " " not in s and (u := _unit_minutes(s)) and u[0] not in ("sec", "second"):
        return Amount(Interval(2 * u[1], math.inf), None, "min")

    # "half an hour", "half a day".
    m = re.match(r"^half (?:an?|one)\s+(\w+)$", s)
    if m and (u := _unit_minutes(m.group(1))):
        return Amount(_apply(0.5 * u[1], 0.5 * u[1], factors), None, "min")

    # Sum of "<number> <unit>" parts: "an hour and a half", "1 hour 30 minutes", "two years".
    tokens = s.split()
    total = 0.0
    precision = 0.0
    last_unit = 0.0
    parts = 0
    buf: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        u = _unit_minutes(tok)
        if u is None or (tok == "m" and not buf):
            if tok == "old" and i == len(tokens) - 1 and last_unit and not buf:
                # "two years old": at least two, less than three.
                return Amount(_apply(total, total + last_unit, factors), None, "min")
            buf.append(tok)
            i += 1
            continue
        words = buf[1:] if buf[:1] == ["and"] else buf
        n = parse_number(" ".join(words)) if words else 1.0
        if n is None:
            return None
        if tokens[i + 1 : i + 4] in (["and", "a", "half"], ["and", "an", "half"]):
            n += 0.5
            i += 3
        elif tokens[i + 1 : i + 4] == ["and", "a", "quarter"]:
            n += 0.25
            i += 3
        total += n * u[1]
        last_unit = u[1]
        parts += 1
        if u[0] in _PRECISION_UNITS and n == int(n) and not factors:
            precision = max(precision, _PRECISION_UNITS[u[0]] * u[1])
        buf = []
        i += 1
    if buf or not last_unit:
        return None
    if precision:
        return Amount(Interval(total - precision, total + precision, open_high=True), None, "min")
    if parts > 1 and not factors:  # "2 hours, 6 minutes and 41 seconds" is read to its last unit, as 2:06:41
        return Amount(Interval(total, total + last_unit, open_high=True), None, "min")
    return Amount(_apply(total, total, factors), None, "min")
