"""Time expressions as comparable values: date (or what part of it is written), weekday, clock and zone.

"on Thursday morning", "Feb. 12", "in September", "yesterday", "nine days ago" (under a dated
dateline), "at 14:05 GMT (10:05 a.m. EDT)", "14:00 local time (0400 GMT)", "05:00 London time".
Every clock reading an expression gives is kept: "7:30 a.m. (1030 GMT)" says both the local time
and the instant, and tells which local offset the story's place has. A zone that changes with
the season ("ET", "London time") is the set of offsets it can be. Pure and deterministic: the
reference date (the article's own) is an argument, never the clock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from checker.normalize._data import entries, rows
from checker.normalize.dates import resolve_weekday
from checker.normalize.numbers import parse_number

_WEEKDAYS = entries("weekdays.txt")  # the tables dates reads: monday first, january first
_MONTHS = entries("months.txt")
_WEEKDAY_RE = re.compile(r"\b(mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?\b\.?", re.IGNORECASE)
_MONTH_RE = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?(?:\s+(\d{1,2})(?:st|nd|rd|th)?\b)?", re.I
)
_DAY_MONTH_RE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\b", re.I
)
_YEAR_RE = re.compile(r"\b(19\d\d|20\d\d)\b")
_NUMERIC_DATE_RE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b|\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_RELATIVE = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "last night": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "tomorrow": 1,
}
_RELATIVE_RE = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _RELATIVE), key=len, reverse=True)) + r")\b", re.I)
_AGO_RE = re.compile(r"\b(?P<n>\w+|\d+)\s+days?\s+ago\b", re.I)  # "a week ago" is only roughly 7 days
# zone words and place names -> the offsets (minutes east of UTC) they can be
_ZONES = {
    name: frozenset(round(float(hours) * 60) for hours in offsets.split(","))
    for name, offsets in rows("time_zones.tsv", 2)
}
_CLOCK_RE = re.compile(
    r"(?<![\d:])(?P<h>2[0-3]|[01]?\d)(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>a\.?\s?m\b\.?|p\.?\s?m\b\.?)?"
    r"(?:\s*(?P<zone>[A-Za-z]{2,5})\b)?(?P<place>\s*(?:(?P<where>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+)?time\b)?",
)
_IN_PLACE_RE = re.compile(r"\s*in\s+(?P<city>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)")
_MILITARY_RE = re.compile(r"(?<![\d:])(?P<hm>(?:[01]\d|2[0-3])[0-5]\d)\s*(?P<zone>[A-Za-z]{1,5})\b")
_NOON = {"noon": 720, "midday": 720, "midnight": 0}
_TOLERANCE = 10  # minutes: "about 2:40" and "2:45" are one time
LOCAL, UNKNOWN = "local", "unknown"  # a clock time with no zone written, and one in a zone we cannot place
Zone = frozenset[int] | str  # the offsets (minutes east of UTC) a zone can be, or LOCAL / UNKNOWN


@dataclass(frozen=True)
class Clock:
    """One clock reading: minutes after midnight, in a zone."""

    minutes: int
    zone: Zone

    @property
    def label(self) -> str:
        clock = f"{self.minutes // 60:02d}:{self.minutes % 60:02d}"
        if isinstance(self.zone, frozenset):
            return clock + " " + "/".join("UTC" if o == 0 else f"UTC{o / 60:+g}" for o in sorted(self.zone))
        return clock + (" (zone not known)" if self.zone == UNKNOWN else "")


def _gap(a: int, b: int) -> int:
    gap = abs(a - b) % 1440
    return min(gap, 1440 - gap)


def _instants(clock: Clock, local: frozenset[int]) -> frozenset[int] | None:
    """The UTC minutes a reading can be, or None when it cannot be placed (a local time with no
    known local offset, a zone we do not know)."""
    if isinstance(clock.zone, frozenset):
        return frozenset((clock.minutes - o) % 1440 for o in clock.zone)
    if clock.zone == LOCAL and local:
        return frozenset((clock.minutes - o) % 1440 for o in local)
    return None


def clocks_compatible(a: tuple[Clock, ...], b: tuple[Clock, ...], local: frozenset[int] = frozenset()) -> bool:
    """False when a pair of readings that can be compared differ by more than the tolerance: two local
    times, or two instants (a local time counts as one when the story tells its offset, ``local``)."""
    for ca in a:
        for cb in b:
            if ca.zone == LOCAL and cb.zone == LOCAL:
                if _gap(ca.minutes, cb.minutes) > _TOLERANCE:
                    return False
                continue
            ia, ib = _instants(ca, local), _instants(cb, local)
            if ia is not None and ib is not None and not any(_gap(x, y) <= _TOLERANCE for x in ia for y in ib):
                return False
    return True


def local_offsets(clocks: tuple[Clock, ...]) -> frozenset[int]:
    """The local offsets an expression that gives a local time and an instant implies ("7:30 a.m.
    (1030 GMT)": UTC-3)."""
    out: set[int] = set()
    for local in (c for c in clocks if c.zone == LOCAL):
        for zoned in clocks:
            if not isinstance(zoned.zone, frozenset):
                continue
            for offset in zoned.zone:
                gap = (local.minutes - (zoned.minutes - offset)) % 1440
                out.add(gap - 1440 if gap > 720 else gap)
    return frozenset(out)


@dataclass(frozen=True)
class When:
    """What a time expression fixes; None where it says nothing."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None  # 0 = Monday
    clocks: tuple[Clock, ...] = ()  # every clock reading written, local first

    @property
    def has_day(self) -> bool:
        return any(v is not None for v in (self.year, self.month, self.day, self.weekday))

    def day_only(self) -> When:
        return When(self.year, self.month, self.day, self.weekday)

    @property
    def date(self) -> dt.date | None:
        if self.year is None or self.month is None or self.day is None:
            return None
        try:
            return dt.date(self.year, self.month, self.day)
        except ValueError:
            return None

    @property
    def label(self) -> str:
        parts = []
        date = self.date
        if date is not None:
            parts.append(date.isoformat())
        elif self.month is not None:
            parts.append(" ".join(str(p) for p in (self.day, _MONTHS[self.month - 1].capitalize(), self.year) if p))
        elif self.year is not None:
            parts.append(str(self.year))
        if self.weekday is not None:
            day = _WEEKDAYS[self.weekday].capitalize()
            parts.append(f"({day})" if parts else day)
        if self.clocks:
            clocks = [c.label for c in self.clocks]
            parts.append(clocks[0] + (f" ({', '.join(clocks[1:])})" if len(clocks) > 1 else ""))
        return " ".join(parts)

    def compatible(self, other: When, local: frozenset[int] = frozenset()) -> bool:
        """False only when something both fix differs."""
        for a, b in ((self.year, other.year), (self.month, other.month), (self.day, other.day)):
            if a is not None and b is not None and a != b:
                return False
        if self.weekday is not None and other.weekday is not None and self.weekday != other.weekday:
            return False
        return clocks_compatible(self.clocks, other.clocks, local)


def _zone(word: str) -> Zone | None:
    return _ZONES.get(" ".join(word.lower().split()))


def _clocks(text: str) -> tuple[Clock, ...]:
    """Every clock reading of an expression, local ones first ("14:00 local time (0400 GMT)")."""
    lowered = text.lower()
    for word, minutes in _NOON.items():
        if re.search(rf"\b{word}\b", lowered):
            return (Clock(minutes, LOCAL),)
    found: list[Clock] = []
    pending: list[int] = []
    taken: list[tuple[int, int]] = []
    for military in _MILITARY_RE.finditer(text):
        written = _zone(military.group("zone"))
        if isinstance(written, frozenset):
            hm = military.group("hm")
            found.append(Clock(int(hm[:2]) * 60 + int(hm[2:]), written))
            taken.append(military.span())
    for m in _CLOCK_RE.finditer(text):
        if any(start <= m.start() < end for start, end in taken):
            continue
        if m.group("m") is None and m.group("ampm") is None:
            continue  # a bare number is no clock time
        hour, minute = int(m.group("h")), int(m.group("m") or 0)
        ampm = re.sub(r"[^ap]", "", (m.group("ampm") or "").lower())
        if ampm == "p" and hour < 12:
            hour += 12
        if ampm == "a" and hour == 12:
            hour = 0
        zone_word = m.group("zone") or ""
        where = m.group("where") or ""
        zone: Zone
        if (known := _zone(zone_word)) is not None:
            zone = known
        elif zone_word.lower() == "local" or where.lower() == "local":
            zone = LOCAL
        elif where and (place := _zone(where)) is not None:
            zone = place  # "London time"
        elif m.group("place") or (zone_word and zone_word.isupper()):
            zone = UNKNOWN  # "Atlantic time", "ACST": a zone, but not one we can place
        else:
            zone = LOCAL
            city = _IN_PLACE_RE.match(text, m.end("ampm") if m.group("ampm") else m.end("m"))
            if city and (place := _zone(city.group("city"))) is not None:
                zone = place  # "06:00 in New York"
            elif city:
                pending.append(len(found))  # "06:00 in Detroit": local there, wherever that is
        found.append(Clock(hour * 60 + minute, zone))
    if any(isinstance(c.zone, frozenset) for c in found):
        # beside an instant, a time "in Detroit" is a conversion for readers there, not the event's local time
        found = [Clock(c.minutes, UNKNOWN) if i in pending else c for i, c in enumerate(found)]
    return tuple(sorted(found, key=lambda c: c.zone != LOCAL))


@lru_cache(maxsize=1 << 14)
def when(text: str, reference: dt.date | None, future: bool = False) -> When | None:
    """The date (or the parts of it written), weekday, clock time and zone of a time expression; None
    when it gives none. A bare weekday is the last one on or before ``reference`` (the next one after
    it when the event is ``future``); "yesterday" and "tonight" count from ``reference``."""
    year = month = day = None
    numeric = _NUMERIC_DATE_RE.search(text)
    if numeric:
        if numeric.group(1):
            year, month, day = int(numeric.group(1)), int(numeric.group(2)), int(numeric.group(3))
        else:
            month, day, year = int(numeric.group(4)), int(numeric.group(5)), int(numeric.group(6))
    else:
        dm = _DAY_MONTH_RE.search(text)
        md = _MONTH_RE.search(text)
        if dm:
            day, month = int(dm.group(1)), _month(dm.group(2))
        elif md and not (md.group(1).lower() == "may" and not md.group(2) and not _YEAR_RE.search(text)):
            month = _month(md.group(1))
            day = int(md.group(2)) if md.group(2) else None
        y = _YEAR_RE.search(text)
        year = int(y.group(1)) if y else None
        if month is not None and day is not None and year is None and reference is not None:
            year = _nearest_year(reference, month, day)
    relative = _RELATIVE_RE.search(text)
    ago = _AGO_RE.search(text)
    if relative and reference is not None and month is None:
        date = reference + dt.timedelta(days=_RELATIVE[relative.group(1).lower()])
        year, month, day = date.year, date.month, date.day
    elif ago and reference is not None and month is None and (count := parse_number(ago.group("n"))) is not None:
        date = reference - dt.timedelta(days=int(count))
        year, month, day = date.year, date.month, date.day
    weekday: int | None = None
    weekday_match = _WEEKDAY_RE.search(text)
    if weekday_match:
        prefix = weekday_match.group(1).lower()[:3]
        weekday = next(i for i, name in enumerate(_WEEKDAYS) if name.startswith(prefix))
        if month is None and reference is not None:
            resolved = resolve_weekday(_WEEKDAYS[weekday].capitalize(), reference, "planned" if future else "happened")
            if resolved is not None:
                year, month, day = resolved.year, resolved.month, resolved.day
    if year is not None and month is not None and day is not None and weekday is None:
        with contextlib.suppress(ValueError):  # "February 30": no weekday
            weekday = dt.date(year, month, day).weekday()
    clocks = _clocks(text)
    if all(v is None for v in (year, month, day, weekday)) and not clocks:
        return None
    return When(year, month, day, weekday, clocks)


def _month(word: str) -> int:
    prefix = word.lower()[:3]
    return next(i for i, name in enumerate(_MONTHS, start=1) if name.startswith(prefix))


def _nearest_year(reference: dt.date, month: int, day: int) -> int:
    """The year that puts month/day nearest the reference date (a December story's "Jan. 3" is next year)."""
    best = reference.year
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if abs((candidate - reference).days) < abs((dt.date(best, month, min(day, 28)) - reference).days):
            best = year
    return best
