"""Pure normalisers: turn claim values into comparable keys and intervals, with their uncertainty.

The reconciler compares what these functions return, never raw strings. Everything here is
deterministic and side-effect free: no model, no network, no clock, no randomness, no I/O.
Heavy libraries (rapidfuzz, anyascii, nicknames) are imported lazily so the CLI starts fast.

API overview
------------
Amounts (durations in minutes, quantities in their unit):

* :class:`Interval` ``(low, high)``, inclusive, with :meth:`Interval.overlaps`.
* :class:`Amount` ``(interval, vague, unit, magnitude)`` with :meth:`Amount.compatible`,
  :meth:`Amount.comparable` and :attr:`Amount.normalized` (also ``str(amount)``), e.g. ``"76–104 min"``.
* :func:`duration` ``(amount, hedge) -> Amount | None`` — minutes; hedges widen the interval.
* :func:`quantity` ``(amount, hedge, unit) -> Amount | None`` — counts, percentages, money, lengths.
* :func:`parse_number` ``(text) -> float | None`` — digits or English number words.
* :func:`hedge_from_evidence` ``(evidence, amount) -> str | None`` — a hedge the extractor left out.

Keys (equal keys mean "the same thing"; different keys never compare):

* :func:`measure_key` — ``"people killed"`` -> ``"deaths"``.
* :func:`event_type_key` — ``"phone conversation"`` -> ``"call"``.
* :func:`org_key` — ``"the Kremlin"`` -> ``"kremlin"``, ``"U.S."`` -> ``"united states"``.
* :func:`name_key`, :class:`PersonIndex` (surname-only mentions inside one source),
  :func:`same_person` (across sources).
* :func:`title_key` -> :class:`TitleKey` ``(office, affiliation, status)`` and :func:`titles_conflict`.

Dates: :func:`resolve_weekday` and :func:`parse_date` against a publication date; :func:`weekday_of`.

Quotes: :func:`quote_relation` -> ``"same" | "fragment" | "minor_change" | "severe_change" | "different"``,
and :func:`normalize_text` (straight quotes, plain dashes, single spaces, casefolded).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Vague = Literal["long", "short", "many", "few"]
QuoteRelation = Literal["same", "fragment", "minor_change", "severe_change", "different"]

__all__ = [
    "Amount",
    "Interval",
    "PersonIndex",
    "QuoteRelation",
    "TitleKey",
    "Vague",
    "duration",
    "event_type_key",
    "hedge_from_evidence",
    "measure_key",
    "name_key",
    "normalize_text",
    "org_key",
    "parse_date",
    "parse_number",
    "quantity",
    "quote_relation",
    "resolve_weekday",
    "same_person",
    "title_key",
    "titles_conflict",
    "weekday_of",
]


# --- text helpers ---------------------------------------------------------------

_QUOTE_TRANS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2033": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u2026": "...",
    }
)


def normalize_text(s: str) -> str:
    """Straight quotes, plain hyphens, single spaces, casefolded: the form text is compared in."""
    return " ".join(s.translate(_QUOTE_TRANS).split()).casefold()


@lru_cache(maxsize=1 << 16)
def _ascii(s: str) -> str:
    """ASCII-fold (anyascii, imported lazily: it costs ~14 ms) after quote/dash normalisation."""
    s = s.translate(_QUOTE_TRANS)
    if s.isascii():
        return s
    from anyascii import anyascii

    return anyascii(s)


def _clean(s: str) -> str:
    """Lowercase ASCII words separated by single spaces; punctuation other than ``%``/``$`` dropped."""
    s = _ascii(s).lower()
    s = re.sub(r"'s\b", "", s)
    s = s.replace("'", "")
    s = re.sub(r"(?<=[a-z])\.(?=[a-z]\.)", "", s)  # u.s. -> us.
    s = re.sub(r"(?<=\b[a-z])\.", "", s)
    s = re.sub(r"[^a-z0-9%$\u20ac\u00a3.,\s-]", " ", s)
    s = re.sub(r"(?<![0-9])[.,]|[.,](?![0-9])", " ", s)
    s = s.replace("-", " ")
    return " ".join(s.split())


def _wordset(text: str) -> frozenset[str]:
    """A set of space-separated words (keeps long word tables readable)."""
    return frozenset(text.split())


def _singular(word: str) -> str:
    """A crude singular for keys: 'deaths' -> 'death', 'casualties' -> 'casualty'; short words untouched."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


# --- numbers --------------------------------------------------------------------

_SMALL = {
    "zero": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "couple": 2,
    "half": 0.5,
    "quarter": 0.25,
}
_SCALES = {
    "hundred": 100.0,
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "twentieth": 20,
}
_DIGITS_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


def _digits(tok: str) -> float | None:
    m = _DIGITS_RE.match(tok)
    if not m:
        return None
    return float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))


def parse_number(text: str) -> float | None:
    """Read a number written in digits or English words, or None.

    Handles "3,000", "1.2 million", "2bn", "twenty-seven", "one and a half", "two and a half million",
    "half a million", "a dozen", "one hundred and twenty". Written by hand because word2number drops
    fractions ("one and a half" -> 1) and numerizer leaves "half a million" and "a dozen" half-done.
    """
    s = _clean(text)
    s = re.sub(r"(\d)\s*(k|m|mn|mln|bn|b|tn)\b", r"\1 \2", s)
    s = re.sub(r"\band an? (half|quarter)\b", r"+\1", s)
    s = re.sub(r"\b(half|quarter) an?\b", r"\1", s)
    toks = [t for t in s.split() if t not in ("and", "of")]
    if not toks:
        return None
    total = 0.0
    current: float | None = None
    for tok in toks:
        d = _digits(tok)
        if d is not None:
            if current is not None:
                return None
            current = d
        elif tok in ("+half", "+quarter"):
            current = (1.0 if current is None else current) + _SMALL[tok[1:]]
        elif tok in ("a", "an"):
            if current is not None:
                return None
            current = 1.0
        elif tok in _SMALL:
            v = float(_SMALL[tok])
            if tok == "dozen":
                current = 12.0 * (1.0 if current is None else current)
            elif current is None:
                current = v
            elif (current >= 100 and current % 100 == 0) or (current >= 20 and current % 10 == 0 and v < 10):
                current += v
            else:
                return None
        elif tok in _SCALES:
            if current is None:
                if tok != "hundred" and tok not in ("thousand", "million", "billion", "trillion"):
                    return None
                current = 1.0
            if tok == "hundred":
                current *= 100.0
            else:
                total += current * _SCALES[tok]
                current = None
        else:
            return None
    return total + (current or 0.0)


# --- intervals and amounts ------------------------------------------------------


@dataclass(frozen=True)
class Interval:
    """An inclusive range of values; a point value has ``low == high``."""

    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        """True when the two ranges share at least one value (so they can both be right)."""
        return self.low <= other.high and other.low <= self.high

    def contains(self, value: float) -> bool:
        """True when ``value`` lies in the range."""
        return self.low <= value <= self.high


_VAGUE_DIRECTION: dict[str, str] = {"long": "long", "short": "short", "many": "many", "few": "few"}


@dataclass(frozen=True)
class Amount:
    """A normalised amount: an interval in ``unit``, or a vague word with a direction.

    ``unit`` is ``"min"`` for durations, ``"percent"``, a currency code (``"usd"``), ``"km"``, or None for
    plain counts. ``magnitude`` names a vague magnitude ("tens of thousands") whose interval is fixed.
    """

    interval: Interval | None
    vague: Vague | None
    unit: str | None
    magnitude: str | None = None

    def comparable(self, other: Amount) -> bool:
        """True when both are in the same unit (only then can they agree or conflict)."""
        return self.unit == other.unit

    def compatible(self, other: Amount) -> bool:
        """True unless both are precise enough and in the same unit but their intervals do not overlap.

        Vague words ("lengthy", "brief", "many") never conflict: they fit any value of their direction.
        Different units are not comparable; they count as incompatible so callers check
        :meth:`comparable` first.
        """
        if self.vague is not None or other.vague is not None:
            return True
        if not self.comparable(other):
            return False
        if self.interval is None or other.interval is None:
            return True
        return self.interval.overlaps(other.interval)

    @property
    def normalized(self) -> str:
        """The report form: "90 min", "76–104 min", "tens of thousands (10,000–99,999)", "4.5%"."""
        if self.interval is None:
            return f"{self.vague or 'unknown'} (vague)"
        text = _format_interval(self.interval, self.unit)
        if self.magnitude:
            return f"{self.magnitude} ({text})"
        return text

    def __str__(self) -> str:
        return self.normalized


def _fmt(v: float) -> str:
    if math.isinf(v):
        return "∞"
    if abs(v - round(v)) < 1e-9:
        return f"{round(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


_MIN_PER = {"min": 1.0, "h": 60.0, "days": 1440.0, "years": 525960.0}


def _format_interval(iv: Interval, unit: str | None) -> str:
    """Durations are shown in the largest natural unit; others in their own unit."""
    if unit == "min":
        ref = iv.high if not math.isinf(iv.high) else iv.low
        if ref >= 2 * 525960.0 * 0.5:
            scale, label = _MIN_PER["years"], "years"
        elif ref >= 3 * 1440.0:
            scale, label = _MIN_PER["days"], "days"
        elif ref >= 6 * 60.0:
            scale, label = _MIN_PER["h"], "h"
        else:
            scale, label = 1.0, "min"
        lo, hi = iv.low / scale, iv.high / scale
        if scale != 1.0:
            lo, hi = round(lo, 2), round(hi, 2)
        else:
            lo, hi = math.floor(lo + 1e-9), math.ceil(hi - 1e-9) if not math.isinf(hi) else hi
    else:
        lo, hi = iv.low, iv.high
        label = {None: "", "percent": "%"}.get(unit, f" {unit}")
    body = _fmt(lo) if lo == hi else f"{_fmt(lo)}–{_fmt(hi)}"
    if unit == "percent":
        return body + "%"
    if unit == "min":
        return f"{body} {label}"
    return body + label


# Hedges: (low factor, high factor) applied to a point value.
_HEDGE_FACTORS: dict[str, tuple[float, float]] = {}
for _words, _factors in (
    (
        (
            "approximately",
            "approx",
            "about",
            "around",
            "roughly",
            "some",
            "circa",
            "ca",
            "estimated",
            "an estimated",
            "or so",
            "give or take",
            "reportedly",
            "an approximate",
            "approximate",
            "in the region of",
            "on the order of",
            "of the order of",
        ),
        (0.85, 1.15),
    ),
    (("nearly", "almost", "close to", "just under", "just shy of", "not quite", "approaching"), (0.9, 1.0)),
    (("just over", "just above", "slightly more than", "a little over", "a little more than"), (1.0, 1.1)),
    (
        (
            "more than",
            "over",
            "above",
            "at least",
            "upwards of",
            "in excess of",
            "exceeding",
            "no fewer than",
            "no less than",
            "or more",
            "plus",
            "well over",
            "beyond",
            "a minimum of",
            "at minimum",
        ),
        (1.0, 2.0),
    ),
    (
        (
            "less than",
            "fewer than",
            "under",
            "below",
            "up to",
            "at most",
            "no more than",
            "as many as",
            "as much as",
            "a maximum of",
            "within",
            "not more than",
            "short of",
        ),
        (0.0, 1.0),
    ),
    (("exactly", "precisely", "a full", "full", "fully", "just", "only", "a mere", "mere", "a total of"), (1.0, 1.0)),
):
    for _w in _words:
        _HEDGE_FACTORS[_w] = _factors

_UNKNOWN_HEDGE = (0.85, 1.15)
_HEDGE_PREFIX_RE = re.compile(
    r"^(?:" + "|".join(sorted((re.escape(h) for h in _HEDGE_FACTORS), key=len, reverse=True)) + r")\b\s*"
)
_HEDGE_SUFFIX_RE = re.compile(r"\s*\b(?:or so|or more|or less|plus|give or take)$|\+$")


def _hedge_factors(hedge: str | None) -> tuple[float, float] | None:
    """Widening factors for a hedge, None for no hedge. Unknown hedges widen like 'about'."""
    if hedge is None:
        return None
    h = _clean(hedge)
    if not h:
        return None
    if h in _HEDGE_FACTORS:
        return _HEDGE_FACTORS[h]
    for key in sorted(_HEDGE_FACTORS, key=len, reverse=True):
        if re.search(rf"\b{re.escape(key)}\b", h):
            return _HEDGE_FACTORS[key]
    return _UNKNOWN_HEDGE


def _split_hedges(text: str, hedge: str | None) -> tuple[str, list[tuple[float, float]]]:
    """Pull hedges written inside the amount ("more than 500", "500 or more") out of it."""
    factors: list[tuple[float, float]] = []
    hf = _hedge_factors(hedge)
    if hf is not None:
        factors.append(hf)
    s = text
    for _ in range(3):
        m = _HEDGE_PREFIX_RE.match(s)
        if not m or m.end() == len(s):
            break
        factors.append(_HEDGE_FACTORS[m.group(0).strip()])
        s = s[m.end() :]
    m2 = _HEDGE_SUFFIX_RE.search(s)
    if m2 and m2.start() > 0:
        word = m2.group(0).strip()
        factors.append(
            {"or less": _UNKNOWN_HEDGE, "+": _HEDGE_FACTORS["or more"]}.get(
                word, _HEDGE_FACTORS.get(word, _UNKNOWN_HEDGE)
            )
        )
        s = s[: m2.start()]
    return s.strip(), factors


def _apply(low: float, high: float, factors: list[tuple[float, float]]) -> Interval:
    for lo_f, hi_f in factors:
        low, high = low * lo_f, high * hi_f
    return Interval(low, high)


_ENTERING_CUES = ("enters", "entering", "entered", "enter", "now in", "into", "beginning", "starting", "begins")


def hedge_from_evidence(evidence: str, amount: str) -> str | None:
    """The hedge written next to ``amount`` in ``evidence`` ("nearly", "enters", "or more"), or None.

    For claims whose extractor left ``hedge`` null although the sentence hedges the amount ("the war
    enters its third year", "for nearly three years"); pass the result to :func:`duration`/:func:`quantity`.
    """
    ev, am = _clean(evidence), _clean(amount)
    if not am:
        return None
    m = re.search(rf"(?:^|\s){re.escape(am)}(?=\s|$)", ev)
    if m is None:
        return None
    before = ev[: m.start()].split()
    for n in (4, 3, 2, 1):
        if len(before) < n:
            continue
        phrase = " ".join(before[-n:])
        if phrase in _HEDGE_FACTORS or phrase in _ENTERING_CUES:
            return phrase
    after = ev[m.end() :].split()
    for n in (3, 2, 1):
        phrase = " ".join(after[:n])
        if len(after) >= n and phrase in ("or more", "or so", "or less", "plus", "give or take"):
            return phrase
    return None


# --- durations ------------------------------------------------------------------

_MINUTES = {
    "second": 1 / 60,
    "sec": 1 / 60,
    "minute": 1.0,
    "min": 1.0,
    "hour": 60.0,
    "hr": 60.0,
    "h": 60.0,
    "day": 1440.0,
    "night": 1440.0,
    "week": 10080.0,
    "fortnight": 20160.0,
    "month": 43830.0,
    "year": 525960.0,
    "yr": 525960.0,
    "decade": 5259600.0,
    "century": 52596000.0,
}
_UNIT_ALIASES = {"mins": "min", "secs": "sec", "hrs": "hr", "yrs": "yr", "centuries": "century"}
_LONG_WORDS = frozenset(
    {
        "lengthy",
        "long",
        "extended",
        "protracted",
        "prolonged",
        "marathon",
        "drawn out",
        "long running",
        "longstanding",
        "long standing",
        "long lasting",
        "hours long",
        "days long",
        "hours",
        "for hours",
        "for days",
        "for years",
        "endless",
    }
)
_SHORT_WORDS = frozenset({"brief", "short", "quick", "momentary", "fleeting", "short lived", "swift", "curt"})
_FEW_UNITS = {
    "a few": (2.0, 5.0),
    "few": (2.0, 5.0),
    "several": (2.0, 9.0),
    "a couple of": (2.0, 3.0),
    "couple of": (2.0, 3.0),
}
_PRECISION_UNITS = {"month": 0.5, "year": 0.5, "decade": 0.5, "century": 0.5}


def _unit_minutes(word: str) -> tuple[str, float] | None:
    w = _UNIT_ALIASES.get(word, word)
    if w in _MINUTES:
        return w, _MINUTES[w]
    s = _singular(w)
    if s in _MINUTES:
        return s, _MINUTES[s]
    return None


def duration(amount: str, hedge: str | None) -> Amount | None:
    """Normalise a length of time to minutes, or None when it cannot be read.

    "90-minute" = "an hour and a half" = "1.5 hours" = [90, 90]; "approximately one and a half hours" is
    widened by 15% each way (76.5–103.5, shown 76–104); "nearly three years" is [2.7, 3] years; "more than"
    doubles the upper bound; "its third year" is [2, 3] years and "entering its third year" [2, 2.25].
    A plain count of months or years is taken to half a unit ("three years" = 2.5–3.5 years), because
    nobody rounds a war's age to the day. "lengthy"/"brief" are vague.
    """
    raw = _clean(amount)
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
        if u[0] in _PRECISION_UNITS and n == int(n) and not factors:
            precision = max(precision, _PRECISION_UNITS[u[0]] * u[1])
        buf = []
        i += 1
    if buf or not last_unit:
        return None
    if precision:
        return Amount(Interval(total - precision, total + precision), None, "min")
    return Amount(_apply(total, total, factors), None, "min")


# --- quantities -----------------------------------------------------------------

_MAGNITUDES: tuple[tuple[str, float, float], ...] = (
    ("hundreds of millions", 1e8, 1e9 - 1),
    ("tens of millions", 1e7, 1e8 - 1),
    ("hundreds of thousands", 1e5, 1e6 - 1),
    ("tens of thousands", 1e4, 1e5 - 1),
    ("billions", 1e9, 1e10 - 1),
    ("millions", 1e6, 1e7 - 1),
    ("thousands", 1e3, 1e4 - 1),
    ("hundreds", 100, 999),
    ("scores", 40, 99),
    ("dozens", 24, 99),
    ("several million", 2e6, 9.999e6),
    ("several thousand", 2e3, 9999),
    ("several hundred", 200, 999),
    ("several dozen", 24, 99),
    ("a few million", 2e6, 5e6),
    ("a few thousand", 2e3, 5e3),
    ("a few hundred", 200, 500),
    ("a few dozen", 24, 60),
    ("a handful", 2, 6),
    ("a couple", 2, 3),
)
_MAGNITUDE_ALIASES = {"tens of thousand": "tens of thousands", "hundreds of thousand": "hundreds of thousands"}
_MANY = frozenset({"many", "numerous", "a lot", "lots", "countless", "a large number", "a great many", "scores"})
_FEW = frozenset({"few", "a small number", "a handful", "very few", "a few"})

_CURRENCY_SYMBOLS = {"$": "usd", "us$": "usd", "\u20ac": "eur", "\u00a3": "gbp"}
_UNIT_TABLE: dict[str, tuple[str, float]] = {
    "percent": ("percent", 1.0),
    "per cent": ("percent", 1.0),
    "pct": ("percent", 1.0),
    "%": ("percent", 1.0),
    "percentage points": ("percent", 1.0),
    "percentage point": ("percent", 1.0),
    "points": ("percent", 1.0),
    "dollars": ("usd", 1.0),
    "dollar": ("usd", 1.0),
    "us dollars": ("usd", 1.0),
    "usd": ("usd", 1.0),
    "$": ("usd", 1.0),
    "euros": ("eur", 1.0),
    "euro": ("eur", 1.0),
    "eur": ("eur", 1.0),
    "pounds sterling": ("gbp", 1.0),
    "sterling": ("gbp", 1.0),
    "gbp": ("gbp", 1.0),
    "km": ("km", 1.0),
    "kms": ("km", 1.0),
    "kilometres": ("km", 1.0),
    "kilometers": ("km", 1.0),
    "kilometre": ("km", 1.0),
    "kilometer": ("km", 1.0),
    "miles": ("km", 1.609344),
    "mile": ("km", 1.609344),
    "mi": ("km", 1.609344),
    "metres": ("km", 0.001),
    "meters": ("km", 0.001),
    "metre": ("km", 0.001),
    "meter": ("km", 0.001),
    "kg": ("kg", 1.0),
    "kilograms": ("kg", 1.0),
    "kilogrammes": ("kg", 1.0),
    "kilos": ("kg", 1.0),
    "tonnes": ("kg", 1000.0),
    "tons": ("kg", 1000.0),
    "metric tons": ("kg", 1000.0),
}


_MEASURED_UNITS = frozenset({"km", "kg"})


def _unit_key(unit: str | None) -> tuple[str | None, float]:
    """Canonical unit and the factor into it; unknown units stay as cleaned text."""
    if unit is None:
        return None, 1.0
    u = unit.strip().lower()
    if u in _UNIT_TABLE:
        return _UNIT_TABLE[u]
    c = _clean(u)
    if c in _UNIT_TABLE:
        return _UNIT_TABLE[c]
    if not c:
        return None, 1.0
    return c, 1.0


def quantity(amount: str, hedge: str | None, unit: str | None) -> Amount | None:
    """Normalise a counted or measured amount to an interval in its canonical unit, or None.

    Vague magnitudes are matched before any number ("tens of thousands" = [10,000, 99,999], distinct from
    "hundreds of thousands"); "many"/"few" are vague. Percentages in every spelling get unit "percent";
    money gets a currency code ("usd"); lengths go to "km". Figures like "1.2 million" carry the precision
    they are written with (1.15–1.25 million).
    """
    text = amount.translate(_QUOTE_TRANS).lower().strip()
    unit_key, factor = _unit_key(unit)
    # Units written in the amount (currency symbols before ASCII folding turns "€" into "EUR").
    sym = re.match(r"^(us\$|\$|\u20ac|\u00a3)\s*", text)
    if sym:
        unit_key, factor = _CURRENCY_SYMBOLS[sym.group(1)], 1.0
        text = text[sym.end() :]
    text = _ascii(text).lower()
    text = re.sub(r"(?<=\d)\s*-\s*(?=\d)", " to ", text)
    text = re.sub(r"(?<=\d)\s*%", " percent", text)
    s = _clean(text)
    if not s:
        return None
    for word in sorted(_UNIT_TABLE, key=len, reverse=True):
        if word in ("%", "$", "points"):
            continue
        if s.endswith(" " + word) or (word in ("km", "bn") and s.endswith(word) and s[: -len(word)][-1:].isdigit()):
            unit_key, factor = _UNIT_TABLE[word]
            s = s[: -len(word)].strip()
            break
    s = re.sub(r"\s+(people|persons|of them|in total|total|individuals)$", "", s)
    s, factors = _split_hedges(s, hedge)
    s = re.sub(r"^(a total of|an estimated|estimated|the)\s+", "", s)
    if not s:
        return None

    # Vague magnitudes first: number parsers mangle them.
    s_mag = _MAGNITUDE_ALIASES.get(s, s)
    for name, lo, hi in _MAGNITUDES:
        if s_mag == name or s_mag == name + " of" or re.fullmatch(rf"(?:many |several )?{name}(?: of)?", s_mag):
            if name in ("a handful", "a couple") and s_mag != name:
                continue
            return Amount(Interval(lo * factor, hi * factor), None, unit_key, name)
    if s in _MANY:
        return Amount(None, "many", unit_key)
    if s in _FEW:
        return Amount(None, "few", unit_key)

    # Ranges: "20-30", "between 20 and 30", "20 to 30".
    m = re.fullmatch(r"(?:between\s+)?(.+?)\s+(?:to|and|-)\s+(.+)", s)
    if m and not re.search(r"\band a (half|quarter)\b", s):
        a, b = parse_number(m.group(1)), parse_number(m.group(2))
        if a is not None and b is not None and a <= b:
            return Amount(_apply(a * factor, b * factor, factors), None, unit_key)

    n = parse_number(s)
    if n is None:
        return None
    low = high = n
    # Precision of "1.2 million"-style figures: half of the last written digit at that scale.
    pm = re.fullmatch(r"(\d+)(?:\.(\d+))?\s*(thousand|k|million|m|mn|mln|billion|bn|b|trillion|tn)", s)
    if pm and not factors:
        scale = _SCALES[pm.group(3)]
        decimals = len(pm.group(2) or "")
        half_step = 0.5 * scale / (10**decimals)
        low, high = n - half_step, n + half_step
    # Measurements (not counts) carry the precision of their last written digit: "16 km" is 15.5–16.5.
    dm = re.fullmatch(r"[\d,]+(?:\.(\d+))?", s)
    if dm and not factors and unit_key in _MEASURED_UNITS:
        half_step = 0.5 / (10 ** len(dm.group(1) or ""))
        low, high = n - half_step, n + half_step
    return Amount(_apply(low * factor, high * factor, factors), None, unit_key)


# --- measures and event types ---------------------------------------------------

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


_EVENT_PHRASES: dict[str, str] = {
    "peace talks": "negotiations",
    "peace negotiations": "negotiations",
    "negotiation": "negotiations",
    "negotiations": "negotiations",
    "air strike": "attack",
    "airstrike": "attack",
    "missile strike": "attack",
    "drone strike": "attack",
    "drone attack": "attack",
    "missile attack": "attack",
    "general strike": "strike",
    "industrial action": "strike",
    "press conference": "press conference",
    "news conference": "press conference",
    "phone call": "call",
    "telephone call": "call",
    "phone conversation": "call",
    "telephone conversation": "call",
    "video call": "call",
    "video conference": "call",
    "phone talks": "call",
    "telephone talks": "call",
    "world cup final": "match",
}
_EVENT_HEADS: dict[str, str] = {
    "call": "call",
    "conversation": "call",
    "talks": "call",
    "chat": "call",
    "phonecall": "call",
    "meeting": "meeting",
    "summit": "meeting",
    "meet": "meeting",
    "encounter": "meeting",
    "war": "war",
    "conflict": "war",
    "invasion": "war",
    "fighting": "war",
    "hostilities": "war",
    "election": "election",
    "elections": "election",
    "vote": "election",
    "poll": "election",
    "polls": "election",
    "ballot": "election",
    "trial": "trial",
    "court case": "trial",
    "match": "match",
    "game": "match",
    "fixture": "match",
    "final": "match",
    "storm": "storm",
    "hurricane": "storm",
    "typhoon": "storm",
    "cyclone": "storm",
    "strike": "strike",
    "walkout": "strike",
    "attack": "attack",
    "assault": "attack",
    "bombing": "attack",
    "shelling": "attack",
    "earthquake": "earthquake",
    "quake": "earthquake",
    "tremor": "earthquake",
    "fire": "fire",
    "wildfire": "fire",
    "blaze": "fire",
    "flood": "flood",
    "flooding": "flood",
    "floods": "flood",
    "visit": "visit",
    "trip": "visit",
    "tour": "visit",
    "protest": "protest",
    "protests": "protest",
    "demonstration": "protest",
    "demonstrations": "protest",
    "ceasefire": "ceasefire",
    "truce": "ceasefire",
    "armistice": "ceasefire",
    "crash": "crash",
    "collision": "crash",
    "accident": "crash",
    "speech": "speech",
    "address": "speech",
    "interview": "interview",
    "announcement": "announcement",
    "deal": "agreement",
    "agreement": "agreement",
    "accord": "agreement",
    "treaty": "agreement",
}


def event_type_key(type: str) -> str:
    """A key for the kind of event: "phone conversation" and "talks" -> "call"; "summit" -> "meeting".

    Tries the whole phrase, then drops leading modifiers ("lengthy phone call" -> "phone call" -> "call").
    Unknown kinds stay as their cleaned, singular-ish text.
    """
    s = _clean(type)
    s = re.sub(r"^(the|a|an|their|his|her|its)\s+", "", s)
    words = s.split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if tail in _EVENT_PHRASES:
            return _EVENT_PHRASES[tail]
        if tail in _EVENT_HEADS:
            return _EVENT_HEADS[tail]
    return " ".join(_singular(w) for w in words) if words else s


# --- countries and organisations ------------------------------------------------

# Country names and their adjectives -> one lowercase country name. Generic reference data.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "united states": ("us", "usa", "u s", "u s a", "america", "american", "united states of america", "the us"),
    "united kingdom": ("uk", "u k", "britain", "great britain", "british", "english", "england"),
    "russia": ("russian", "russian federation"),
    "ukraine": ("ukrainian", "the ukraine"),
    "china": ("chinese", "prc", "people s republic of china"),
    "taiwan": ("taiwanese",),
    "japan": ("japanese",),
    "south korea": ("south korean", "korean", "republic of korea"),
    "north korea": ("north korean", "dprk"),
    "india": ("indian",),
    "pakistan": ("pakistani",),
    "afghanistan": ("afghan",),
    "iran": ("iranian",),
    "iraq": ("iraqi",),
    "syria": ("syrian",),
    "israel": ("israeli",),
    "palestine": ("palestinian",),
    "lebanon": ("lebanese",),
    "jordan": ("jordanian",),
    "egypt": ("egyptian",),
    "saudi arabia": ("saudi", "saudi arabian"),
    "united arab emirates": ("uae", "emirati"),
    "qatar": ("qatari",),
    "turkey": ("turkish", "turkiye"),
    "germany": ("german",),
    "france": ("french",),
    "italy": ("italian",),
    "spain": ("spanish",),
    "portugal": ("portuguese",),
    "netherlands": ("dutch", "the netherlands", "holland"),
    "belgium": ("belgian",),
    "switzerland": ("swiss",),
    "austria": ("austrian",),
    "poland": ("polish",),
    "hungary": ("hungarian",),
    "czech republic": ("czech", "czechia"),
    "slovakia": ("slovak",),
    "romania": ("romanian",),
    "bulgaria": ("bulgarian",),
    "greece": ("greek",),
    "serbia": ("serbian",),
    "croatia": ("croatian",),
    "belarus": ("belarusian",),
    "moldova": ("moldovan",),
    "georgia": ("georgian",),
    "armenia": ("armenian",),
    "azerbaijan": ("azerbaijani",),
    "kazakhstan": ("kazakh",),
    "sweden": ("swedish",),
    "norway": ("norwegian",),
    "denmark": ("danish",),
    "finland": ("finnish",),
    "estonia": ("estonian",),
    "latvia": ("latvian",),
    "lithuania": ("lithuanian",),
    "ireland": ("irish",),
    "canada": ("canadian",),
    "mexico": ("mexican",),
    "brazil": ("brazilian",),
    "argentina": ("argentine", "argentinian"),
    "chile": ("chilean",),
    "colombia": ("colombian",),
    "venezuela": ("venezuelan",),
    "peru": ("peruvian",),
    "cuba": ("cuban",),
    "australia": ("australian",),
    "new zealand": ("new zealander",),
    "south africa": ("south african",),
    "nigeria": ("nigerian",),
    "kenya": ("kenyan",),
    "ethiopia": ("ethiopian",),
    "sudan": ("sudanese",),
    "libya": ("libyan",),
    "morocco": ("moroccan",),
    "algeria": ("algerian",),
    "tunisia": ("tunisian",),
    "indonesia": ("indonesian",),
    "philippines": ("philippine", "filipino", "the philippines"),
    "vietnam": ("vietnamese",),
    "thailand": ("thai",),
    "malaysia": ("malaysian",),
    "singapore": ("singaporean",),
    "myanmar": ("burmese", "burma"),
    "bangladesh": ("bangladeshi",),
    "sri lanka": ("sri lankan",),
    "nepal": ("nepalese", "nepali"),
    "yemen": ("yemeni",),
    "oman": ("omani",),
    "kuwait": ("kuwaiti",),
    "bahrain": ("bahraini",),
}
_COUNTRY_OF: dict[str, str] = {}
for _country, _aliases in _COUNTRIES.items():
    _COUNTRY_OF[_country] = _country
    for _a in _aliases:
        _COUNTRY_OF[_a] = _country

_MAX_ALIAS_WORDS = max(len(alias.split()) for alias in _COUNTRY_OF)
assert all(alias == alias.strip() for alias in _COUNTRY_OF), "aliases are matched from word start to word end"

_ORG_ALIASES: dict[str, str] = {
    "un": "united nations",
    "u n": "united nations",
    "united nations organization": "united nations",
    "eu": "european union",
    "e u": "european union",
    "nato": "nato",
    "north atlantic treaty organization": "nato",
    "north atlantic treaty organisation": "nato",
    "north atlantic alliance": "nato",
    "who": "world health organization",
    "world health organisation": "world health organization",
    "imf": "international monetary fund",
    "fbi": "federal bureau of investigation",
    "cia": "central intelligence agency",
    "nsa": "national security agency",
    "icc": "international criminal court",
    "icj": "international court of justice",
    "opec": "opec",
    "g7": "group of seven",
    "g 7": "group of seven",
    "g20": "group of twenty",
    "g 20": "group of twenty",
    "wto": "world trade organization",
    "ecb": "european central bank",
    "fed": "federal reserve",
    "the fed": "federal reserve",
    "us federal reserve": "federal reserve",
}
_ORG_SUFFIXES = re.compile(r"\s+(inc|incorporated|ltd|limited|corp|corporation|co|llc|plc|ag|sa|gmbh|group)$")
_ORG_INVERT = re.compile(r"^(department|ministry|office|bureau|agency) (?:of|for) (?:the )?(.+)$")


def org_key(name: str) -> str:
    """A key for an organisation or place: "the Kremlin" = "Kremlin"; "U.S." = "US" = "America".

    Leading "the", punctuation, possessives and company suffixes (Inc, Ltd) are dropped, acronyms and
    country adjectives map to one name, and "Department of State" becomes "state department".
    """
    s = _clean(name.replace("&", " and "))
    s = re.sub(r"^the\s+", "", s)
    s = _ORG_SUFFIXES.sub("", s)
    if s in _ORG_ALIASES:
        return _ORG_ALIASES[s]
    if s in _COUNTRY_OF:
        return _COUNTRY_OF[s]
    m = _ORG_INVERT.match(s)
    if m:
        s = f"{m.group(2)} {m.group(1)}"
    s = re.sub(r"\borganisation\b", "organization", s)
    return _ORG_ALIASES.get(s, s)


# --- people ---------------------------------------------------------------------

_HONORIFICS = _wordset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother "
    "president vice pres secretary sec minister prime pm chancellor senator sen rep representative gov "
    "governor mayor gen general col colonel maj major capt captain lt lieutenant adm admiral sgt sergeant "
    "king queen prince princess sheikh judge justice ambassador amb director chairman chairwoman chair "
    "ceo former ex late acting incoming then deputy attorney speaker first lady crown"
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "obe", "mbe", "kbe"})

# Common English nicknames whose formal form the nicknames package leaves ambiguous (it maps
# "mike" to michael/micheal/miguel and "bill" to robert/william/will/willis). Generic data.
_NICK_PREFERRED: dict[str, str] = {
    "mike": "michael",
    "mick": "michael",
    "mikey": "michael",
    "steve": "steven",
    "stevie": "steven",
    "bill": "william",
    "billy": "william",
    "will": "william",
    "willy": "william",
    "bob": "robert",
    "bobby": "robert",
    "rob": "robert",
    "robbie": "robert",
    "joe": "joseph",
    "joey": "joseph",
    "tom": "thomas",
    "tommy": "thomas",
    "jim": "james",
    "jimmy": "james",
    "jamie": "james",
    "dick": "richard",
    "rick": "richard",
    "ricky": "richard",
    "rich": "richard",
    "chuck": "charles",
    "charlie": "charles",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "betty": "elizabeth",
    "kate": "katherine",
    "katie": "katherine",
    "cathy": "catherine",
    "alex": "alexander",
    "pete": "peter",
    "don": "donald",
    "donny": "donald",
    "tim": "timothy",
    "dave": "david",
    "dan": "daniel",
    "danny": "daniel",
    "ben": "benjamin",
    "sam": "samuel",
    "matt": "matthew",
    "chris": "christopher",
    "nick": "nicholas",
    "tony": "anthony",
    "andy": "andrew",
    "ted": "edward",
    "ed": "edward",
    "eddie": "edward",
    "jerry": "gerald",
    "larry": "lawrence",
    "ron": "ronald",
    "greg": "gregory",
    "jeff": "jeffrey",
    "ken": "kenneth",
    "pat": "patrick",
    "johnny": "john",
    "jenny": "jennifer",
    "jen": "jennifer",
    "sue": "susan",
    "becky": "rebecca",
    "meg": "margaret",
    "maggie": "margaret",
    "peggy": "margaret",
    "vince": "vincent",
    "fred": "frederick",
    "abe": "abraham",
    "vlad": "vladimir",
    "misha": "mikhail",
    "dima": "dmitry",
}


@lru_cache(maxsize=1)
def _nicknamer() -> object:
    from nicknames import NickNamer

    return NickNamer()


def _canonicals(first: str) -> set[str]:
    nn = _nicknamer()
    return set(nn.canonicals_of(first))  # type: ignore[attr-defined]


def _nicknames(first: str) -> set[str]:
    nn = _nicknamer()
    return set(nn.nicknames_of(first))  # type: ignore[attr-defined]


@lru_cache(maxsize=4096)
def _formal_first(first: str) -> str:
    """The formal form of a common English nickname (Mike -> michael), else the name itself.

    Only our small table folds keys: the nicknames package's reverse mappings are too loose for a key
    (it maps "mark" -> marcus, "kim" -> kimberley, "lloyd" -> floyd, "von" -> lavonne). The package is
    used instead to judge whether two different first names can be one person (:func:`same_person`).
    """
    return _NICK_PREFERRED.get(first, first)


_TRANSLIT_END_RE = re.compile(r"(?:iy|yy|ij|ii|yi)$")
_DOUBLE_LETTER_RE = re.compile(r"([a-z])\1+")
_POSSESSIVE_RE = re.compile(r"'s\b")
_NAME_DROP_RE = re.compile(r"['.]")
_NAME_SPACE_RE = re.compile(r"[^a-z0-9\s]")


@lru_cache(maxsize=1 << 14)
def _fold_token(tok: str) -> str:
    """Fold transliteration variants: -iy/-yy/-ij/-ii endings -> -y, double letters -> single."""
    tok = _TRANSLIT_END_RE.sub("y", tok) if len(tok) > 4 else tok
    tok = _DOUBLE_LETTER_RE.sub(r"\1", tok)
    return tok


def _name_tokens(name: str) -> list[str]:
    s = _ascii(name).lower()
    s = _POSSESSIVE_RE.sub("", s)
    s = _NAME_DROP_RE.sub("", s)
    s = _NAME_SPACE_RE.sub(" ", s)
    toks = s.split()
    while len(toks) > 1 and toks[0] in _HONORIFICS:
        toks = toks[1:]
    while len(toks) > 1 and toks[-1] in _SUFFIXES:
        toks = toks[:-1]
    return toks


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A comparable key for a person's name.

    ASCII-folded (anyascii), lowercased, punctuation, honorifics and suffixes dropped, a nickname first
    name folded to its formal form (Mike -> michael), and transliteration variants folded in every token
    (Zelenskyy/Zelenskiy/Zelensky -> zelensky; double letters single). No fuzzy matching: Walz and
    Waltz, Ratcliffe and Radcliffe stay apart.
    """
    toks = _name_tokens(name)
    if not toks:
        return ""
    if len(toks) > 1:
        toks[0] = _formal_first(toks[0])
    return " ".join(_fold_token(t) for t in toks)


@lru_cache(maxsize=1 << 14)
def _first_names_compatible(a: str, b: str) -> bool:
    """Equal, an initial of the other, or related through the nicknames table."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    fa, fb = _formal_first(a), _formal_first(b)
    if _fold_token(fa) == _fold_token(fb):
        return True
    rel_a = {a, fa} | _canonicals(a) | _nicknames(a)
    rel_b = {b, fb} | _canonicals(b) | _nicknames(b)
    folded_a = {_fold_token(x) for x in rel_a}
    folded_b = {_fold_token(x) for x in rel_b}
    return bool(folded_a & folded_b)


def same_person(a_key: str, b_key: str) -> bool:
    """Across sources: equal keys, or same surname with first names that do not contradict.

    A surname-only key matches any key with that surname; "michael waltz" and "mike waltz" meet, "tim walz"
    and "michael waltz" do not. Middle names and initials are ignored.
    """
    if a_key == b_key:
        return bool(a_key)
    a, b = a_key.split(), b_key.split()
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        short, long_ = (a, b) if len(a) == 1 else (b, a)
        return short[0] == long_[-1]
    if a[-1] != b[-1]:
        return False
    return _first_names_compatible(a[0], b[0])


class PersonIndex:
    """The people of ONE source, so "Trump" and "Mr. Trump" resolve to that source's "Donald Trump".

    A surname-only (or first+last) mention resolves to the fullest name key with that surname when it is
    unambiguous in the source; an ambiguous or unknown mention stays its own key.
    """

    def __init__(self, names: Iterable[str]) -> None:
        keys = {name_key(n) for n in names}
        keys.discard("")
        # Fullest first: more tokens, then longer, then alphabetical (deterministic).
        self._keys: tuple[str, ...] = tuple(sorted(keys, key=lambda k: (-len(k.split()), -len(k), k)))
        # Every candidate of resolve() ends with the mention's surname: keys by last token, fullest first.
        self._by_last: dict[str, list[tuple[str, list[str]]]] = {}
        for full in self._keys:
            ft = full.split()
            self._by_last.setdefault(ft[-1], []).append((full, ft))

    @property
    def keys(self) -> tuple[str, ...]:
        """Every distinct name key of the source, fullest first."""
        return self._keys

    def resolve(self, name: str) -> str:
        """The fullest key of the source for this mention, or the mention's own key."""
        k = name_key(name)
        toks = k.split()
        if not toks:
            return k
        candidates: list[str] = []
        for full, ft in self._by_last.get(toks[-1], ()):
            if len(ft) < len(toks):
                continue
            # "Leyen"/"von der Leyen" are suffixes of "ursula von der leyen"; "mike waltz" shares first+last.
            ok = ft[-len(toks) :] == toks or (
                len(toks) > 1 and ft[-1] == toks[-1] and _first_names_compatible(ft[0], toks[0])
            )
            if ok:
                candidates.append(full)
        if not candidates:
            return k
        best = candidates[0]
        # Ambiguous when two candidates are different people (not one a shorter form of the other).
        best_first = best.split()[0]
        for other in candidates[1:]:
            if len(other.split()) > 1 and not _first_names_compatible(best_first, other.split()[0]):
                return k
        return best


# --- titles ---------------------------------------------------------------------


@dataclass(frozen=True)
class TitleKey:
    """A title split into the office, whose office it is, and the holder's status.

    ``status`` is one of "current", "former", "acting", "incoming"; "unspecified" in the claim counts as
    "current" (an unqualified title is read as the present one).
    """

    office: str
    affiliation: str | None
    status: str


_TITLE_SPELLING = {
    "advisor": "adviser",
    "advisors": "adviser",
    "advisers": "adviser",
    "defence": "defense",
    "labour": "labor",
    "organisation": "organization",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
    "spokes": "spokesperson",
    "pres": "president",
    "sec": "secretary",
    "secy": "secretary",
    "gen": "general",
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "amb": "ambassador",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "head": "head",
    "premier": "prime minister",
    "pm": "prime minister",
    "vp": "vice president",
    "dir": "director",
    "chief executive": "ceo",
    "chief executive officer": "ceo",
}
_STATUS_WORDS = {
    "former": "former",
    "ex": "former",
    "late": "former",
    "retired": "former",
    "ousted": "former",
    "deposed": "former",
    "erstwhile": "former",
    "one time": "former",
    "onetime": "former",
    "acting": "acting",
    "interim": "acting",
    "caretaker": "acting",
    "incoming": "incoming",
    "elect": "incoming",
    "designate": "incoming",
    "nominee": "incoming",
    "outgoing": "current",
    "current": "current",
    "sitting": "current",
    "serving": "current",
    "incumbent": "current",
    "then": "current",
}
# Words that make up an office; anything else before the office head is taken as the affiliation.
_OFFICE_WORDS = _wordset(
    "president vice prime minister secretary director chancellor adviser spokesperson ambassador envoy "
    "general chief commander governor mayor senator representative king queen prince princess leader chair "
    "ceo head judge justice attorney speaker deputy assistant under associate special senior national security "
    "defense state treasury foreign home interior finance health energy labor commerce education agriculture "
    "transport transportation homeland veterans affairs housing environment trade economy economic culture war "
    "press communications staff intelligence justice minister emperor pope chairman officer executive "
    "spy foreign affairs development climate digital culture sports science technology policy strategic "
    "top lead counsel general advisor negotiator diplomat representative delegate commissioner member "
    "founder cofounder owner manager coach captain president elect"
)
_FIXED_OFFICES = (
    "secretary of state",
    "chief of staff",
    "head of state",
    "head of government",
    "chancellor of the exchequer",
    "speaker of the house",
    "leader of the opposition",
    "chief of the general staff",
    "chairman of the joint chiefs of staff",
    "director of national intelligence",
    "secretary general",
)


def _status_of(claim_status: str) -> str:
    return "current" if claim_status in ("unspecified", "current", "") else claim_status


_WORD_SPAN_RE = re.compile(r"\S+")


def _country_aliases_in(text: str) -> list[str]:
    """Country aliases standing as whole words in ``text``, longest first (then alphabetical).

    The same aliases, in the same order, as searching ``(?:^|\\s)alias(?:\\s|$)`` for every alias of
    the table sorted by (-len, alias), but found by looking up each whole-word run of ``text`` in the
    table: no alias starts or ends with whitespace, so a match always runs from a word start to a word end.
    """
    spans = [(m.start(), m.end()) for m in _WORD_SPAN_RE.finditer(text)]
    found = {
        text[start:end]
        for i, (start, _) in enumerate(spans)
        for _, end in spans[i : i + _MAX_ALIAS_WORDS]
        if text[start:end] in _COUNTRY_OF
    }
    return sorted(found, key=lambda a: (-len(a), a))


@lru_cache(maxsize=512)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    return re.compile(rf"(?:^|\s){re.escape(alias)}(?=\s|$)")


def title_key(title: str, organisation: str | None, status: str) -> TitleKey:
    """Split a written title into office, affiliation and status so variants meet.

    "Defence Secretary" = "Secretary of Defense" -> office "defense secretary"; "Secretary of State" stays;
    "Russian President" -> ("president", "russia"); "CIA Director" = "Director of the CIA" -> ("director",
    "central intelligence agency"); "Former President" -> status "former" (a status word in the title
    wins over the claim's status field); "U.S. National Security Adviser" = "National Security Advisor"
    (affiliation None is compatible). Rank words stay in the office: "deputy secretary of state",
    "vice president".
    """
    s = _clean(title)
    s = re.sub(r"\bex\s+", "former ", s)
    s = re.sub(r"\bchief executive(?: officer)?\b", "ceo", s)
    words = [_TITLE_SPELLING.get(w, w) for w in s.split()]
    s = " ".join(words)
    # Status words.
    found_status: str | None = None
    kept: list[str] = []
    for w in s.split():
        if w in _STATUS_WORDS:
            found_status = found_status or _STATUS_WORDS[w]
            continue
        kept.append(w)
    s = " ".join(kept)
    if found_status is None or (found_status == "current" and status not in ("unspecified", "current")):
        final_status = _status_of(status)
        if found_status == "current" and final_status not in ("former",):
            final_status = "current" if final_status in ("current",) else final_status
    else:
        final_status = found_status
    affiliation: str | None = None

    def take_country(text: str) -> str:
        nonlocal affiliation
        for alias in _country_aliases_in(text):
            if alias in ("georgia", "jordan", "chad", "turkey") and text.split()[0] != alias:
                continue
            if affiliation is None:
                affiliation = _COUNTRY_OF[alias]
            text = _alias_pattern(alias).sub(" ", text, count=1)
            break
        return " ".join(text.split())

    office = take_country(s)
    office = re.sub(r"(?:\s+(?:of|for|to|the|in|at))+$", "", office)
    office = re.sub(r"^(?:(?:the|a|an)\s+)+", "", office)  # "a judge" is the office "judge", not of "a"
    # "Secretary of State for Defence" (UK) = Defence Secretary.
    m = re.match(r"^(.*?)secretary of state for (?:the )?(.+)$", office)
    if m:
        office = f"{m.group(1)}{m.group(2)} secretary".strip()
    fixed = next((f for f in _FIXED_OFFICES if re.search(rf"(?:^|\s){f}(?:\s|$)", office)), None)
    if fixed is None:
        m = re.match(r"^(.+?)\s+(?:of|for|to|at|in)\s+(?:the\s+)?(.+)$", office)
        if m:
            head, tail = m.group(1), m.group(2)
            tail = take_country(tail)
            tail_words = tail.split()
            if not tail_words:
                office = head
            elif all(w not in _OFFICE_WORDS for w in tail_words):
                affiliation = affiliation or org_key(tail)
                office = head
            else:
                office = f"{tail} {head}"
        # Leading words that are not office words are the organisation ("CIA Director", "Kremlin spokesperson").
        words = office.split()
        lead: list[str] = []
        while len(words) > 1 and words[0] not in _OFFICE_WORDS:
            lead.append(words.pop(0))
        if lead:
            affiliation = affiliation or org_key(" ".join(lead))
        office = " ".join(words)
    else:
        before, _, after = office.partition(fixed)
        after_words = after.split()
        if after_words and all(w not in _OFFICE_WORDS for w in after_words):
            affiliation = affiliation or org_key(" ".join(w for w in after_words if w not in ("of", "the", "for")))
            after = ""
        before_words = before.split()
        lead = []
        while before_words and before_words[0] not in _OFFICE_WORDS:
            lead.append(before_words.pop(0))
        if lead:
            affiliation = affiliation or org_key(" ".join(lead))
        office = " ".join([*before_words, fixed, *after.split()])
    office = re.sub(r"\bforeign affairs\b", "foreign", office)
    office = re.sub(r"\bsecretary general\b", "secretary general", office)
    if organisation and affiliation is None:
        affiliation = org_key(organisation) or None
    if affiliation is not None:
        affiliation = _COUNTRY_OF.get(affiliation, affiliation)
    return TitleKey(office=" ".join(office.split()), affiliation=affiliation, status=final_status)


def titles_conflict(a: TitleKey, b: TitleKey) -> bool:
    """True when the titles cannot both be right: status, office, or both-known affiliation differ."""
    if a.status != b.status:
        return True
    if a.office != b.office:
        return True
    return a.affiliation is not None and b.affiliation is not None and a.affiliation != b.affiliation


# --- dates ----------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_ABBR = {w[:3]: i for i, w in enumerate(_WEEKDAYS)} | {"tues": 1, "thur": 3, "thurs": 3, "weds": 2}
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        (
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        )
    )
}
_MONTH_ABBR = {m[:3]: n for m, n in _MONTHS.items()} | {"sept": 9}


def weekday_of(text: str) -> int | None:
    """Monday=0 … Sunday=6 for a weekday name or abbreviation ("Wed."), else None."""
    w = _clean(text)
    if w in _WEEKDAYS:
        return _WEEKDAYS.index(w)
    return _WEEKDAY_ABBR.get(w)


def resolve_weekday(weekday: str, published: dt.date | None, modality: str) -> dt.date | None:
    """The calendar date a weekday refers to, given the publication date; None without one.

    A past or ongoing event is the latest such weekday on or before publication; a planned or
    speculative one the next on or after it. Without a date the reconciler compares weekday names.
    """
    if published is None:
        return None
    idx = weekday_of(weekday)
    if idx is None:
        return None
    delta = idx - published.weekday()
    if modality in ("planned", "speculative"):
        return published + dt.timedelta(days=delta % 7)
    return published - dt.timedelta(days=(-delta) % 7)


def _month(word: str) -> int | None:
    return _MONTHS.get(word) or _MONTH_ABBR.get(word[:4] if word == "sept" else word[:3] if len(word) >= 3 else "")


def parse_date(text: str, published: dt.date | None) -> dt.date | None:
    """A written date ("Feb. 12", "February 12, 2025", "12 February", "2025-02-12") as a date, or None.

    A date without a year takes the year that puts it nearest the publication date (so "Dec. 30" in a
    January article is last December); without a publication date a year-less date is None. A month
    alone ("February 2025") is not a single date: None. Written by hand rather than with dateparser,
    which costs ~200 ms to import and reads the clock for missing parts.
    """
    s = _ascii(text).lower().strip()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", s)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    s = re.sub(r"[.,]", " ", s)
    toks = [t for t in s.split() if t not in ("on", "the", "of")]
    toks = [t for t in toks if weekday_of(t) is None]
    month = day = year = None
    for t in toks:
        t2 = re.sub(r"(?<=\d)(st|nd|rd|th)$", "", t)
        if t2.isdigit():
            v = int(t2)
            if len(t2) == 4:
                year = v
            elif 1 <= v <= 31 and day is None:
                day = v
            else:
                return None
        elif (mo := _month(t2)) is not None and month is None and len(t2) >= 3:
            month = mo
        else:
            return None
    if month is None or day is None:
        return None
    if year is None:
        if published is None:
            return None
        best: dt.date | None = None
        for y in (published.year - 1, published.year, published.year + 1):
            try:
                cand = dt.date(y, month, day)
            except ValueError:
                continue
            if best is None or abs((cand - published).days) < abs((best - published).days):
                best = cand
        return best
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- quotes ---------------------------------------------------------------------

_NEGATIONS = frozenset(
    {"not", "no", "never", "nothing", "none", "nobody", "neither", "nor", "nowhere", "cannot", "without", "hardly"}
)
_NUMBER_WORDS = (
    (set(_SMALL) - {"a", "an", "couple", "half", "quarter"}) | (set(_SCALES) - {"k", "m", "b"}) | set(_ORDINALS)
)
_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['.,][A-Za-z0-9]+)*")


@dataclass(frozen=True)
class _QuoteTokens:
    words: tuple[str, ...]
    caps: tuple[bool, ...]


@lru_cache(maxsize=1 << 17)
def _quote_tokens(text: str) -> _QuoteTokens:
    """Words of a quote (lowercased, ASCII, apostrophes kept) and whether each is a capitalised name.

    Memoised: quotes are compared pairwise, so each is tokenised once, not once per comparison.
    """
    t = _ascii(text)
    words: list[str] = []
    caps: list[bool] = []
    sentence_start = True
    for m in re.finditer(r"[A-Za-z0-9]+(?:['.,][A-Za-z0-9]+)*|[.!?]", t):
        w = m.group(0)
        if w in ".!?":
            sentence_start = True
            continue
        low = w.lower().replace(",", "") if w[0].isdigit() else w.lower()
        words.append(low)
        caps.append(w[0].isupper() and not sentence_start and low not in ("i", "i'm", "i've", "i'll", "i'd"))
        sentence_start = False
    return _QuoteTokens(tuple(words), tuple(caps))


def _neg_count(words: Iterable[str]) -> int:
    return sum(1 for w in words if w in _NEGATIONS or w.endswith("n't"))


def _numbers(words: Iterable[str]) -> list[str]:
    return sorted(w for w in words if w[0].isdigit() or w in _NUMBER_WORDS)


def _names(tokens: _QuoteTokens, lo: int = 0, hi: int | None = None) -> set[str]:
    hi = len(tokens.words) if hi is None else hi
    return {tokens.words[i] for i in range(lo, hi) if tokens.caps[i]}


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> int:
    """Start index of ``needle`` as a contiguous run in ``haystack``, or -1."""
    n = len(needle)
    for i in range(len(haystack) - n + 1):
        if haystack[i : i + n] == needle:
            return i
    return -1


def _fragments_in_order(haystack: tuple[str, ...], pieces: Iterable[tuple[str, ...]]) -> bool:
    pos = 0
    for p in pieces:
        if not p:
            continue
        rel = _contains(haystack[pos:], p)
        if rel < 0:
            return False
        pos += rel + len(p)
    return True


@lru_cache(maxsize=1 << 14)
def _quote_pieces(text: str) -> tuple[tuple[str, ...], ...] | None:
    """The words between the ellipses of a quote that has one ("we will ... never give up"), else None."""
    t = _ascii(text)
    if "..." in t or "\u2026" in text:
        return tuple(_quote_tokens(p).words for p in re.split(r"\.\.\.|\u2026", t))
    return None


def _is_fragment(short: tuple[str, ...], short_text: str, long_: tuple[str, ...]) -> bool:
    """quote_relation's fragment test: ``short`` inside ``long_``, or its ellipsis pieces in order."""
    if _contains(long_, short) >= 0:
        return True
    pieces = _quote_pieces(short_text)
    return pieces is not None and _fragments_in_order(long_, pieces)


def _grams(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Word unigrams and bigrams of a quote, as tuples."""
    return {words[i : i + 1] for i in range(len(words))} | {words[i : i + 2] for i in range(len(words) - 1)}


def quote_links(texts: Iterable[str]) -> list[tuple[str, str]]:
    """The pairs ``(a, b)``, ``a < b``, of distinct texts that ``quote_relation`` calls "same" or "fragment".

    Exactly the pairs a comparison of all pairs would find, without comparing all pairs: texts with the
    same words are grouped, and a shorter quote can only lie inside a longer one (whole, or as ellipsis
    pieces in order) if the longer one has every word bigram of it. So each text is filed under its
    rarest bigram (or word) and checked only against the longer quotes that contain that bigram.
    """
    distinct = sorted(set(texts))
    words_of = {t: _quote_tokens(t).words for t in distinct}
    by_words: dict[tuple[str, ...], list[str]] = {}
    for t in distinct:
        by_words.setdefault(words_of[t], []).append(t)
    pairs: set[tuple[str, str]] = set()
    for group in by_words.values():  # same words: "same" (texts are sorted, so a < b)
        pairs.update((a, b) for i, a in enumerate(group) for b in group[i + 1 :])
    grams_of = {words: _grams(words) for words in by_words if words}
    frequency: dict[tuple[str, ...], int] = {}
    for grams in grams_of.values():
        for gram in grams:
            frequency[gram] = frequency.get(gram, 0) + 1
    filed: dict[tuple[str, ...], list[str]] = {}
    everywhere: list[str] = []  # no word to file under (cannot happen for real text; checked against all)
    for t in distinct:
        if not words_of[t]:
            continue  # no words: "different" from any quote with words
        pieces = _quote_pieces(t)
        # fragment by containment needs the long quote to hold every gram of the words; by ellipsis pieces,
        # every gram inside a piece: a text with an ellipsis is filed under one anchor for each way
        for runs in ((words_of[t],), *(() if pieces is None else ([p for p in pieces if p],))):
            grams = set().union(*(_grams(run) for run in runs))
            if not grams:
                everywhere.append(t)
                continue
            anchor = min(grams, key=lambda g: (frequency.get(g, 0), g))
            filed.setdefault(anchor, []).append(t)
    for words, grams in grams_of.items():
        longer = by_words[words]
        candidates = {t for gram in grams for t in filed.get(gram, ())}
        candidates.update(everywhere)
        for t in candidates:
            if len(words_of[t]) < len(words) and _is_fragment(words_of[t], t, words):
                pairs.update((t, other) if t < other else (other, t) for other in longer)
    return sorted(pairs)


def quote_relation(a: str, b: str) -> QuoteRelation:
    """How two quotes of (presumably) the same speaker relate.

    "same" after normalising quotes, case, whitespace and punctuation; "fragment" when one is a contiguous
    part of the other (an ellipsis in the shorter one may skip words); otherwise the shorter is aligned
    with the best-matching window of the longer and scored with rapidfuzz. Mostly the same words but a
    negation, number or capitalised name changed -> "severe_change" (rapidfuzz alone scores a reversed
    meaning 90+); other small wording changes -> "minor_change"; else "different".
    """
    from rapidfuzz import fuzz

    ta, tb = _quote_tokens(a), _quote_tokens(b)
    if ta.words == tb.words:
        return "same"
    if not ta.words or not tb.words:
        return "different"
    short, long_ = (ta, tb) if len(ta.words) <= len(tb.words) else (tb, ta)
    short_text = a if short is ta else b
    if _is_fragment(short.words, short_text, long_.words):
        return "fragment"

    s_str = " ".join(short.words)
    best_score = -1.0
    best = (0, len(long_.words))
    n = len(short.words)
    for width in range(max(1, n - 2), min(len(long_.words), n + 2) + 1):
        for start in range(len(long_.words) - width + 1):
            score = fuzz.ratio(s_str, " ".join(long_.words[start : start + width]))
            if score > best_score:
                best_score, best = score, (start, start + width)
    lo, hi = best
    window = long_.words[lo:hi]
    if best_score < 70.0:
        return "different"
    severe = (
        _neg_count(short.words) != _neg_count(window)
        or _numbers(short.words) != _numbers(window)
        or _names(short) != _names(long_, lo, hi)
    )
    if severe:
        return "severe_change"
    return "minor_change"
