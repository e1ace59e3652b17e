"""Hedges on amounts ("about", "nearly", "more than", "or so") as the factors by which they widen a point
value into an interval, whether the hedge comes from a claim's ``hedge`` field, from inside the amount's own
text ("more than 500", "500 or more"), or, when the extractor left the field empty, from the words next to
the amount in its evidence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from checker.normalize._data import entries, number, rows
from checker.normalize.amounts import Interval
from checker.normalize.text import _clean


class Hedge(NamedTuple):
    """How a hedge widens a point value: the low end is the value x ``low``, the high end x ``high``.

    An "about" hedge (``floor`` set) is read against how round the written number is instead, by
    :func:`_widen`: its factors are then only the widest it goes.
    """

    low: float
    high: float
    floor: float | None = None


def _table(name: str) -> dict[str, Hedge]:
    return {
        hedge: Hedge(number(low), number(high), number(extra[0]) if extra else None)
        for hedge, low, high, *extra in rows(name, 3, optional=1)
    }


def _prefix_re(words: dict[str, Hedge]) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(sorted((re.escape(h) for h in words), key=len, reverse=True)) + r")\b\s*")


_HEDGE_FACTORS = _table("hedges.tsv")
# Prepositions that bound a position along a course ("before the 25-kilometre mark"): quantities only,
# since a duration "after two hours" of talks is two hours.
_POSITION_BOUNDS = _table("position_bounds.tsv")
_QUANTITY_HEDGES = {**_HEDGE_FACTORS, **_POSITION_BOUNDS}

_UNKNOWN_HEDGE = _HEDGE_FACTORS["about"]
_HEDGE_PREFIX_RE = _prefix_re(_HEDGE_FACTORS)
_QUANTITY_PREFIX_RE = _prefix_re(_QUANTITY_HEDGES)
_HEDGE_SUFFIXES = entries("hedge_suffixes.txt")
_HEDGE_SUFFIX_RE = re.compile(r"\s*\b(?:" + "|".join(re.escape(h) for h in _HEDGE_SUFFIXES) + r")$|\+$")


def _hedge_factors(hedge: str | None) -> Hedge | None:
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


def _split_hedges(text: str, hedge: str | None, positions: bool = False) -> tuple[str, list[Hedge]]:
    """Pull hedges written inside the amount ("more than 500", "500 or more") out of it.

    A hedge field that only starts a longer hedge of the text is read with it: the field "just" and the
    amount "after 30 km" are "just after" 30 km. ``positions`` also reads the prepositions of
    ``data/position_bounds.tsv`` ("before", "after", "past"), for quantities.
    """
    table, prefix_re = (_QUANTITY_HEDGES, _QUANTITY_PREFIX_RE) if positions else (_HEDGE_FACTORS, _HEDGE_PREFIX_RE)
    factors: list[Hedge] = []
    s = text
    hc = _clean(hedge) if hedge is not None else ""
    joined = prefix_re.match(f"{hc} {s}") if hc else None
    if joined is not None and len(joined.group(0).strip()) > len(hc) and joined.end() < len(hc) + 1 + len(s):
        factors.append(table[joined.group(0).strip()])
        s = f"{hc} {s}"[joined.end() :]
    elif (hf := _hedge_factors(hedge)) is not None:
        factors.append(hf)
    for _ in range(3):
        m = prefix_re.match(s)
        if not m or m.end() == len(s):
            break
        factors.append(table[m.group(0).strip()])
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


def _apply(low: float, high: float, factors: list[Hedge]) -> Interval:
    """Widen [low, high] by each hedge's fixed factors (durations, ranges)."""
    for hedge in factors:
        low, high = sorted((low * hedge.low, high * hedge.high))
    return Interval(low, high)


def _step(value: float) -> float:
    """The place of the last non-zero digit of a written number: 4,100 -> 100, 30,000 -> 10,000, 4.5 -> 0.1."""
    v = abs(value)
    if v == 0:
        return 1.0
    if v == int(v):
        step = 1.0
        while v % (step * 10) == 0:
            step *= 10
        return step
    decimals = f"{v:.9f}".rstrip("0").split(".")[1]
    return float(10.0 ** -len(decimals))


def _widen(value: float, factors: list[Hedge]) -> Interval:
    """The interval a hedged written value stands for, in the unit it is written in.

    An "about" hedge (``about``, ``roughly``, ``some``, ``or so``...) follows how round the number is: it
    widens by one step of the number's last non-zero digit, but by no less than its ``floor`` (5%) and no
    more than its factors (15%). "about 4,100" is 3,895-4,305 (5%: 4,000 fits, 4,700 does not), "about
    60" is 51-69 and "around 300" 255-345 (capped at 15%: 350 does not fit), "about 940" 893-987. A
    number written to its last digit was rounded by the writer no further than that; a round one may
    stand for anything that rounds to it. Other hedges keep their factors ("nearly 20,000" is 18,000-20,000).
    """
    low = high = value
    for hedge in factors:
        if hedge.floor is None:
            low, high = sorted((low * hedge.low, high * hedge.high))
            continue
        magnitude = abs(value)
        width = min((hedge.high - hedge.low) / 2 * magnitude, max(hedge.floor * magnitude, _step(value)))
        low, high = low - width, high + width
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
