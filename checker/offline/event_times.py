"""Event times: when an event happened or will ("on Tuesday", "Friday morning at 9 a.m.", "on March 3"),
outside quotations, tied to the nearest event noun of the sentence (a weekday falls back to the main event).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.offline.attribution import attribution, modality
from checker.offline.document import Doc, Found, Spans
from checker.offline.events import event_for, span_with
from checker.offline.lexicon import MONTHS, MONTHS_BEFORE_YEAR
from checker.schema.v1 import EventTimeClaim, Weekday

_RE_WEEKDAY = re.compile(
    r"(?:\b(?:[Oo]n|[Bb]y|[Ll]ate|[Ee]arly|[Ll]ast|[Tt]his|[Nn]ext|[Ss]ince|[Uu]ntil|[Bb]efore|[Aa]fter)\s+)?"
    r"(?:(?:early|late|last|this|next)\s+)?"
    r"\b(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?P<tod>\s+(?:morning|afternoon|evening|night))?"
    rf"(?P<date>,?\s+(?:(?:{MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?))?"
    r"(?P<time>\s+at\s+\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm))?"
)
_RE_DATE = re.compile(
    rf"(?:\b(?:[Oo]n|[Ii]n|[Bb]y|[Ss]ince)\s+)?\b(?P<date>(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?|(?:{MONTHS_BEFORE_YEAR})\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})(?![\w])"
)


def find(doc: Doc) -> Iterator[Found]:
    """Weekdays (with a date, part of the day, a clock time) first, then bare dates not already covered."""
    text = doc.text
    taken = Spans()  # the weekday phrases: a date inside one is not claimed again
    for m in _RE_WEEKDAY.finditer(text):
        if doc.in_quote(m.start()):
            continue
        found = event_for(doc, m.start(), m.end())
        if found is None:
            continue
        ev, noun = found
        date = None
        if m.group("date"):
            date = m.group("date").lstrip(", ").strip()
        tod_parts = [p.strip() for p in (m.group("tod"), m.group("time")) if p]
        tod = " ".join(tod_parts) if tod_parts else None
        as_written = m.group().strip()
        start, end = span_with(doc, m.start(), m.end(), noun, ev)
        day: Weekday = m.group("day")  # type: ignore[assignment]
        taken.add(m.start(), m.end())
        yield Found(
            start,
            end,
            {
                "event": ev,
                "date": date,
                "weekday": day,
                "time_of_day": tod,
                "as_written": as_written,
                "hedge": None,
                "modality": modality(doc, m.start(), m.end()),
                "attribution": attribution(doc, m.start(), m.end())[0],
            },
            EventTimeClaim,
        )
    for m in _RE_DATE.finditer(text):
        if taken.overlaps(m.start("date"), m.start("date") + 1) or doc.in_quote(m.start()):
            continue
        found = event_for(doc, m.start(), m.end(), fallback=False)
        if found is None:
            continue
        ev, noun = found
        start, end = span_with(doc, m.start(), m.end(), noun, ev)
        yield Found(
            start,
            end,
            {
                "event": ev,
                "date": m.group("date"),
                "weekday": None,
                "time_of_day": None,
                "as_written": m.group().strip(),
                "hedge": None,
                "modality": modality(doc, m.start(), m.end()),
                "attribution": attribution(doc, m.start(), m.end())[0],
            },
            EventTimeClaim,
        )
