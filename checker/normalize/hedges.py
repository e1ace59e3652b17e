"""Hedges on amounts ("about", "nearly", "more than", "or so") as the factors by which they widen a point
value into an interval, whether the hedge comes from a claim's ``hedge`` field, from inside the amount's own
text ("more than 500", "500 or more"), or, when the extractor left the field empty, from the words next to
the amount in its evidence.
"""

from __future__ import annotations

import re

from checker.normalize._data import entries, number, rows
from checker.normalize.amounts import Interval
from checker.normalize.text import _clean

# Hedges: (low factor, high factor) applied to a point value.
_HEDGE_FACTORS: dict[str, tuple[float, float]] = {
    hedge: (number(low), number(high)) for hedge, low, high in rows("hedges.tsv", 3)
}

_UNKNOWN_HEDGE = (0.85, 1.15)
_HEDGE_PREFIX_RE = re.compile(
    r"^(?:" + "|".join(sorted((re.escape(h) for h in _HEDGE_FACTORS), key=len, reverse=True)) + r")\b\s*"
)
_HEDGE_SUFFIXES = entries("hedge_suffixes.txt")
_HEDGE_SUFFIX_RE = re.compile(r"\s*\b(?:" + "|".join(re.escape(h) for h in _HEDGE_SUFFIXES) + r")$|\+$")


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


_ENTERING_CUES = entries("entering_cues.txt")


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
        if len(after) >= n and phrase in _HEDGE_SUFFIXES:
            return phrase
    return None
