"""Counted and measured amounts ("tens of thousands", "1.2 million", "$3bn", "4.5 per cent", "16 km",
"about 60 miles per hour", "minus 14 Celsius", "18,000 acres", "71-year-old", "11 seconds") as amounts in a
canonical unit: vague magnitudes with their fixed ranges, vague "many"/"few", ranges, percentages and
percentage points, money by currency code, and measurements converted to one unit per dimension (km, km/h,
degrees Celsius, hectares, kg), so one figure written in two units agrees and two different figures do not.

The value is read in steps: a conversion in parentheses is dropped ("1,150 kilometers (700 miles)"), a
currency symbol or code before the figure is taken ("C$2,000", "euro110 billion"), a compound adjective
loses its noun ("84-yard scamper", "eight-year warranty"), the unit is found after the figure, then hedges,
fillers ("a further four", "six more") and the number itself. See :func:`quantity` for the precision rules.
"""

from __future__ import annotations

import re

from checker.normalize._data import number, pairs, rows, sets, wordset
from checker.normalize.amounts import Amount, Interval
from checker.normalize.durations import _unit_minutes, duration
from checker.normalize.hedges import Hedge, _apply, _split_hedges, _widen
from checker.normalize.numbers import _SCALES, _drop_article, clock_minutes, parse_number
from checker.normalize.text import _QUOTE_TRANS, _ascii, _clean

_MAGNITUDES: tuple[tuple[str, float, float], ...] = tuple(
    (name, number(lo), number(hi)) for name, lo, hi in rows("magnitudes.tsv", 3)
)
_MAGNITUDE_ALIASES = pairs("magnitude_aliases.tsv")
_VAGUE_COUNTS = sets("vague_counts.tsv", ("many", "few"))
_MANY = _VAGUE_COUNTS["many"]
_FEW = _VAGUE_COUNTS["few"]

_CURRENCY_PREFIXES = pairs("currency_prefixes.tsv")
_CURRENCY_PREFIX_RE = re.compile(
    r"(?:^|(?<=[\s(]))("
    + "|".join(re.escape(s) for s in sorted(_CURRENCY_PREFIXES, key=len, reverse=True))
    + r")\s*(?=\d)"
)

# A unit converts as canonical = written x factor + offset (the offset is for Fahrenheit).
_UNIT_TABLE: dict[str, tuple[str, float, float]] = {
    _clean(written) or written: (unit, float(number(factor)), float(number(extra[0])) if extra else 0.0)
    for written, unit, factor, *extra in rows("units.tsv", 3, optional=1)
}
_MEASURED_FLOOR = {unit: float(number(floor)) for unit, floor in rows("measured_units.tsv", 2)}
#: The currency codes money is read in: those of the currency prefixes and the three-letter codes of units.tsv.
CURRENCIES = frozenset(_CURRENCY_PREFIXES.values()) | frozenset(
    unit for unit, _factor, _offset in _UNIT_TABLE.values() if len(unit) == 3 and unit.isalpha()
)
_TRAILERS = wordset("measure_trailers.txt")
_FILLERS = sets("amount_fillers.tsv", ("before", "after"))
_FILLER_BEFORE_RE = re.compile(
    r"^(?:(?:" + "|".join(sorted((re.escape(f) for f in _FILLERS["before"]), key=len, reverse=True)) + r")\s+)+"
)
_FILLER_AFTER_RE = re.compile(
    r"(?:\s+(?:" + "|".join(sorted((re.escape(f) for f in _FILLERS["after"]), key=len, reverse=True)) + r"))+$"
)

# Units glued to the figure ("10km", "40mph", "-14C", "5kg"); "m" is not one ("£5m" is five million).
_GLUED_RE = re.compile(r"(?<=\d)(kms?|kg|kgs|mph|kph|kmh|c|f|ft|mi|lbs?|ha|yds?|cm|mm|km2|m2)\b")
_PARENTHESES_RE = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])")
_AGE_RE = re.compile(r"(?:aged?\s+)?(?P<n>.+?)\s+(?:years?|yrs?)\s+(?:old|of age)(?:\s+[a-z\s]*)?|aged?\s+(?P<m>.+)")
_STEP_DIGITS_RE = re.compile(r"[\d,]+(?:\.(\d+))?")
_SCALED_RE = re.compile(r"(\d+)(?:\.(\d+))?\s*(thousand|k|million|m|mn|mln|billion|bn|b|trillion|tn)")


def _unit_key(unit: str | None) -> tuple[str | None, float, float]:
    """Canonical unit, factor and offset into it; unknown units stay as cleaned text."""
    if unit is None:
        return None, 1.0, 0.0
    u = unit.strip().lower()
    c = _clean(u)
    for key in (u, c):
        if key in _UNIT_TABLE:
            return _UNIT_TABLE[key]
        if len(key) > 1 and (time := _unit_minutes(key)) is not None:
            return "min", time[1], 0.0
    if not c:
        return None, 1.0, 0.0
    return c, 1.0, 0.0


def _is_time(tokens: list[str]) -> bool:
    """Whether a figure is followed by a unit of time ("11 seconds", "eight year warranty")."""
    return any(len(t) > 1 and _unit_minutes(t) is not None for t in tokens[1:])


def _find_unit(tokens: list[str], compound: str) -> tuple[int, tuple[str, float, float]] | None:
    """Where the unit is: (its first token, its conversion).

    The unit is the first unit phrase after the figure; words after it are dropped when they only say
    where it is measured (``measure_trailers.txt``) or when the unit was joined to the figure by a hyphen
    (a compound adjective: "84-yard scamper"). Otherwise there is no unit (the value says more than this
    normaliser reads, and is left unparsed).
    """
    for i in range(1, len(tokens)):
        for length in (4, 3, 2, 1):
            phrase = " ".join(tokens[i : i + length])
            if len(tokens[i : i + length]) < length or phrase not in _UNIT_TABLE:
                continue
            rest = tokens[i + length :]
            joined = bool(re.search(rf"-{re.escape(tokens[i])}\b", compound))
            if rest and not joined and not all(w in _TRAILERS for w in rest):
                return None
            if rest and joined and any(any(c.isdigit() for c in w) for w in rest):
                return None
            return i, _UNIT_TABLE[phrase]
    return None


def _signed(text: str) -> float | None:
    """A number with its sign: "minus 14" and "-14" (already read as "minus 14") are -14."""
    m = re.fullmatch(r"(?:minus|negative)\s+(.+)", text)
    if m is None:
        return parse_number(text)
    n = parse_number(m.group(1))
    return None if n is None else -n


def _is_sterling(figure: str) -> bool:
    """Whether "pounds" after this figure is money: after a scale word ("450 million", "93.6bn") or on a
    price ("27,995": four digits or more ending in 95 or 99). Otherwise "300 pounds" may be a weight and
    stays in a unit of its own."""
    if any(w in _SCALES and w != "hundred" for w in figure.split()) or _SCALED_RE.fullmatch(figure):
        return True
    digits = figure.replace(",", "")
    return digits.isdigit() and len(digits) >= 4 and digits.endswith(("95", "99"))


def _convert(interval: Interval, factor: float, offset: float) -> Interval:
    return Interval(interval.low * factor + offset, interval.high * factor + offset, interval.open_high)


def quantity(amount: str, hedge: str | None, unit: str | None) -> Amount | None:
    """Normalise a counted or measured amount to an interval in its canonical unit, or None.

    Vague magnitudes are matched before any number ("tens of thousands" = [10,000, 99,999], distinct from
    "hundreds of thousands"); "many"/"few" are vague. Percentages in every spelling get unit "percent",
    percentage points "points" ("25 basis points" = "0.25 points"); money gets a currency code ("usd",
    "cad" for "C$"); measurements go to km, km/h, degc, ha or kg (``data/units.tsv``); an age
    ("71-year-old", "aged 71") is a count; a time ("11 seconds", "2:06:41", "an eight-year warranty") is
    read by :func:`~checker.normalize.durations.duration`, in minutes.

    Precision, all half-open ([low, high)) so that two different written figures never touch:

    * counts and money are exact ("27" vs "28" conflict), but a figure with a scale word carries half its
      last digit ("1.2 million" is [1.15, 1.25) million);
    * a measurement carries half its last written digit, or its unit's floor (1%) when that is more
      ("16 km" is [15.5, 16.5) km, "170,000 square feet" +-1,700 square feet), in the unit it is written in
      and then converted ("40 mph" meets "65 km/h", "7 degrees Fahrenheit" meets "minus 14 Celsius");
    * a hedge replaces the precision: "about" by how round the number is (see
      :func:`~checker.normalize.hedges._widen`), the others by their factors ("nearly", "more than"),
      and position words bound ("before the 25-kilometre mark" is at most 25 km).
    """
    text = _PARENTHESES_RE.sub(" ", amount.translate(_QUOTE_TRANS).lower()).strip()
    text = re.sub(r"\s*[°º]\s*", " degrees ", text).strip()
    unit_key, factor, offset = _unit_key(unit)
    # A currency symbol or code right before the figure (before ASCII folding turns "€" into "EUR").
    sym = _CURRENCY_PREFIX_RE.search(text)
    if sym:
        unit_key, factor, offset = _CURRENCY_PREFIXES[sym.group(1)], 1.0, 0.0
        text = (text[: sym.start()] + " " + text[sym.end() :]).strip()
    text = _ascii(text).lower()
    text = re.sub(r"(?:^|(?<=\s))-(?=\d)", "minus ", text)  # "-14C"
    text = re.sub(r"(?<=\d)\s*-\s*(?=\d)", " to ", text)
    text = re.sub(r"(?<=\d)\s*%", " percent", text)
    s = _GLUED_RE.sub(r" \1", _clean(text))
    if not s:
        return None
    tokens = s.split()
    age = _AGE_RE.fullmatch(s)
    found = None if age else _find_unit(tokens, text)
    if age:
        s, unit_key, factor, offset = (age.group("n") or age.group("m")), None, 1.0, 0.0
    elif found is not None:
        start, (unit_key, factor, offset) = found
        s = " ".join(tokens[:start])
    elif sym is None and (_is_time(tokens) or clock_minutes(re.sub(r"^\D*", "", amount)) is not None):
        return duration(amount, hedge)  # a time claimed as a quantity: "11 seconds", "2:06:41"
    s = re.sub(r"\s+(people|persons|of them|in total|total|individuals)$", "", s)
    s, factors = _split_hedges(s, hedge, positions=True)
    s = _FILLER_AFTER_RE.sub("", _FILLER_BEFORE_RE.sub("", s)).strip()
    s = _drop_article(s)
    if not s:
        return None
    if unit_key == "pounds" and _is_sterling(s):
        unit_key = "gbp"

    # Vague magnitudes first: number parsers mangle them.
    s_mag = _MAGNITUDE_ALIASES.get(s, s)
    for name, lo, hi in _MAGNITUDES:
        if s_mag == name or s_mag == name + " of" or re.fullmatch(rf"(?:many |several )?{name}(?: of)?", s_mag):
            if name in ("a handful", "a couple") and s_mag != name:
                continue
            return Amount(Interval(lo * factor + offset, hi * factor + offset), None, unit_key, name)
    if s in _MANY:
        return Amount(None, "many", unit_key)
    if s in _FEW:
        return Amount(None, "few", unit_key)

    # Ranges: "20-30", "between 20 and 30", "20 to 30".
    m = re.fullmatch(r"(?:between\s+)?(.+?)\s+(?:to|and|-)\s+(.+)", s)
    if m and not re.search(r"\band a (half|quarter)\b", s):
        a, b = _signed(m.group(1)), _signed(m.group(2))
        if a is not None and b is not None and a <= b:
            return Amount(_convert(_apply(a, b, factors), factor, offset), None, unit_key)

    n = _signed(s)
    if n is None:
        return None
    return Amount(_convert(_written(n, s, factors, unit_key), factor, offset), None, unit_key)


def _written(n: float, s: str, factors: list[Hedge], unit: str | None) -> Interval:
    """The interval a written figure stands for, in the unit it is written in (see :func:`quantity`)."""
    if factors:
        return _widen(n, factors)
    figure = re.sub(r"^(?:minus|negative)\s+", "", s)
    half = 0.0
    if (scaled := _SCALED_RE.fullmatch(figure)) is not None:
        half = 0.5 * _SCALES[scaled.group(3)] / (10 ** len(scaled.group(2) or ""))
    elif unit in _MEASURED_FLOOR:
        digits = _STEP_DIGITS_RE.fullmatch(figure)
        last_digit = 0.5 / (10 ** len(digits.group(1) or "")) if digits else (0.5 if n == int(n) else 0.0)
        half = max(last_digit, _MEASURED_FLOOR[unit] * abs(n))
    if not half:
        return Interval(n, n)
    return Interval(n - half, n + half, open_high=True)
