"""Counted and measured amounts ("tens of thousands", "1.2 million", "$3bn", "4.5 per cent", "16 km") as
amounts in a canonical unit: vague magnitudes with their fixed ranges, vague "many"/"few", ranges,
percentages in every spelling, money by currency code, lengths in km and weights in kg.
"""

from __future__ import annotations

import re

from checker.normalize._data import number, pairs, rows, sets
from checker.normalize.amounts import Amount, Interval
from checker.normalize.hedges import _apply, _split_hedges
from checker.normalize.numbers import _SCALES, parse_number
from checker.normalize.text import _QUOTE_TRANS, _ascii, _clean

_MAGNITUDES: tuple[tuple[str, float, float], ...] = tuple(
    (name, number(lo), number(hi)) for name, lo, hi in rows("magnitudes.tsv", 3)
)
_MAGNITUDE_ALIASES = pairs("magnitude_aliases.tsv")
_VAGUE_COUNTS = sets("vague_counts.tsv", ("many", "few"))
_MANY = _VAGUE_COUNTS["many"]
_FEW = _VAGUE_COUNTS["few"]

_CURRENCY_SYMBOLS = pairs("currency_symbols.tsv")
_CURRENCY_SYMBOL_RE = re.compile(
    r"^(" + "|".join(re.escape(s) for s in sorted(_CURRENCY_SYMBOLS, key=len, reverse=True)) + r")\s*"
)
_UNIT_TABLE: dict[str, tuple[str, float]] = {
    written: (unit, float(number(factor))) for written, unit, factor in rows("units.tsv", 3)
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
    sym = _CURRENCY_SYMBOL_RE.match(text)
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
