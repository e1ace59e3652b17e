"""Dates: written dates ("Feb. 12", "12 February 2025", "2025-02-12") and weekdays resolved against the
publication date, by hand rather than with dateparser (which costs ~200 ms to import and reads the clock
for missing parts).
"""

from __future__ import annotations

import datetime as dt
import re

from checker.normalize._data import entries, rows
from checker.normalize.text import _ascii, _clean

_WEEKDAYS = entries("weekdays.txt")
_WEEKDAY_ABBR = {w[:3]: i for i, w in enumerate(_WEEKDAYS)} | {
    abbreviation: _WEEKDAYS.index(day) for abbreviation, day in rows("weekday_abbreviations.tsv", 2)
}
_MONTHS = {m: i + 1 for i, m in enumerate(entries("months.txt"))}
_MONTH_ABBR = {m[:3]: n for m, n in _MONTHS.items()} | {
    abbreviation: _MONTHS[month] for abbreviation, month in rows("month_abbreviations.tsv", 2)
}


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
