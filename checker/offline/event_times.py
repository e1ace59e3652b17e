"""Event times: when an event happened or will ("on Tuesday", "Friday morning at 9 a.m.", "on March 3"),
outside quotations, tied to the nearest event noun of the sentence (a weekday falls back to the main event).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.offline.attribution import attribution, modality
from checker.offline.document import Doc, Event, Found, Spans
from checker.offline.events import event_for, span_with, stage_for
from checker.offline.lexicon import MONTHS, MONTHS_BEFORE_YEAR, WEEKDAY_NAMES
from checker.schema.v1 import EventRef, EventTimeClaim, Weekday

_RE_WEEKDAY = re.compile(
    # the first character of a prefix or a day, looked at before the rest is tried (the same matches, faster)
    r"(?=[OoBbLlEeTtNnSsUuAaMWF])"
    r"(?:\b(?:[Oo]n|[Bb]y|[Ll]ate|[Ee]arly|[Ll]ast|[Tt]his|[Nn]ext|[Ss]ince|[Uu]ntil|[Bb]efore|[Aa]fter)\s+)?"
    r"(?:(?:early|late|last|this|next)\s+)?"
    rf"\b(?P<day>{WEEKDAY_NAMES})\b"
    r"(?P<tod>\s+(?:morning|afternoon|evening|night))?"
    rf"(?P<date>,?\s+(?:(?:{MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?))?"
    r"(?P<time>\s+at\s+\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm))?"
)
_RE_DATE = re.compile(
    rf"\b(?:[Ii]n|[Ff]or|[Uu]ntil|[Ss]ince|[Ff]rom)\s+(?:(?:early|late|mid-)\s*)?(?P<month>(?:{MONTHS_BEFORE_YEAR}))\b"
    rf"(?!\s+\d|-)|"
    rf"(?:\b(?:[Oo]n|[Ii]n|[Bb]y|[Ss]ince)\s+)?\b(?P<date>(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?|(?:{MONTHS_BEFORE_YEAR})\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})(?![\w])"
)

# A clock time with its zone and a conversion in brackets: "at 14:05 GMT (10:05 a.m. EDT)", "9.30pm local
# time", "at 0412 GMT", "shortly after 7 a.m.", "the 7:30 a.m. start (1030 GMT)", "noon".
_CLOCK = (
    r"(?:(?<![\d:.,$£€])(?:1[0-2]|0?[1-9])(?:[:.][0-5]\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b|a\.m\b|p\.m\b)"
    r"|(?<![\d:.,$£€])(?:[01]?\d|2[0-3]):[0-5]\d(?![:.,]?\d)|(?<![\d:.,])(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:GMT|UTC|Z)\b)"
    r"|\bnoon\b|\bmidnight\b|\bmidday\b)"
)
_ZONE = r"(?:\s*(?:GMT|UTC|Z|[A-Z]{1,3}T)(?:[+-]\d{1,2})?\b|\s+(?:local|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)\s+time\b)"
_RE_CLOCK = re.compile(
    # the first character of a prefix, hedge or clock, looked at before the rest is tried (three times faster)
    r"(?=[AaBbFfJjRrSsUu0-9]|n|mid)"
    r"(?:\b(?:[Aa]t|[Aa]round|[Aa]bout|[Uu]ntil|[Ff]rom|(?:[Jj]ust|[Ss]hortly)\s+(?:after|before)|[Bb]efore|"
    r"[Aa]fter)\s+)*(?:(?:about|around|approximately|roughly)\s+)?"
    rf"(?P<clock>{_CLOCK}{_ZONE}?)(?P<conv>(?:\s+(?:[a-z]+-)?[a-z]+)?\s*\(\s*(?:or\s+)?{_CLOCK}{_ZONE}?\s*\))?"
)
# Game clocks: "with 2:13 left in the fourth quarter", "10:03 to play in the third quarter".
_RE_GAME_CLOCK = re.compile(
    r"(?P<clock>(?<![\d:.])\d{1,2}:[0-5]\d)(?:\s+minutes?)?\s+(?:left|remaining|to play|to go)"
    r"(?:\s+(?:in|of)\s+(?:the\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:quarter|half|period))?"
)
# A period of a game: "in the third quarter", "later in the 4th quarter", "early in the second half".
_RE_PERIOD = re.compile(
    r"(?:\b(?:[Ee]arly|[Ll]ate|[Ll]ater)\s+)?\b[Ii]n\s+the\s+(?:first|second|third|fourth|fifth|final|1st|2nd|3rd|4th|"
    r"5th)\s+(?:quarter|half|period|inning|innings|set)\b"
)
# A time that is a custom or a schedule, not when this event happened: "from the traditional 9 a.m.".
_RE_HABIT = re.compile(
    r"\b(?:traditional|traditionally|usual|usually|normal|normally|customary|original|originally|scheduled|"
    r"due|every|each|daily|nightly)\b(?:\s+\w+){0,3}\s+$",
    re.IGNORECASE,
)
LEDE_SENTENCES = 2
_RE_NEXT = re.compile(r"\s*(?:[Nn]ext|[Tt]his coming|[Uu]pcoming)\b")
_RE_POSSESSIVE = re.compile(r"[’']s\b")
_RE_PAST_VERB = re.compile(
    r"\b(?:(?!(?:plann|schedul|expect|slat|intend|propos|aim|earmark)ed\b)[a-z]{2,}ed|said)\s+(?:on\s+)?$"
)
_RE_BY = re.compile(r"\b[Bb]y\s+$")
_RE_RELATIVE = re.compile(r"\b(?:before|after|since|until|ahead of|prior to)\b")
# A time given for readers elsewhere ("06:00 in Detroit"): whose clock it is cannot be told.
_RE_ELSEWHERE = re.compile(r"\s+in\s+[A-Z][a-z]+")
# The dateline or byline of an article: "MARROW CREEK, Ontario, Feb 3 (Wire) -", "Posted Wednesday, March 4,
# 2026", "The Port Calder Herald, Monday 16 March 2026": when it was written, no event's time.
_RE_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z.'’/ -]{2,}(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)?)*,[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}"
    r"(?:,[ \t]*\d{4})?[ \t]*(?:\([^)\n]{1,60}\))?[ \t]*[-—–]"
    r"|(?:[^\n.!?]{0,60}\b(?:Posted|Published|Updated|POSTED|PUBLISHED|UPDATED)\b[^\n]*|[^\n.!?]{0,80}\b(?:1[89]|20)\d\d\b"
    r"[^\n.!?]{0,40})$)",
    re.MULTILINE,
)


# The date a dateline or byline gives with its year: "Wednesday, February 11, 2026", "16 March 2026", "4/9/2007".
_RE_LINE_DATE = re.compile(
    rf"(?:(?:{WEEKDAY_NAMES}),?\s+)?(?:(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+(?:{MONTHS}),?\s+\d{{4}})\b|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}\b"
)


def date_line(text: str) -> tuple[int, int] | None:
    """Where the article's dateline or byline gives its date with a year, near its top, if it does."""
    for m in _RE_DATELINE.finditer(text, 0, min(len(text), 1500)):
        found = _RE_LINE_DATE.search(text, m.start(), m.end())
        if found is not None:
            return found.start(), found.end()
    return None


def _lede_end(doc: Doc) -> int:
    """Where the article's lede (its first two sentences of prose, past headlines and bylines) ends: the
    main event's own day is written there, a weekday further on with no event noun is a later step's."""
    seen = 0
    for s, e in doc.sents:
        if doc.in_headline(s) or len(doc.text[s:e].split()) < 8:
            continue
        seen += 1
        if seen == LEDE_SENTENCES:
            return e
    return len(doc.text)


def _datelines(doc: Doc) -> Spans:
    """The article's dateline and byline lines, near its top (where no event's time is written)."""
    spans = Spans()
    for m in _RE_DATELINE.finditer(doc.text, 0, min(len(doc.text), 1500)):
        if m.group().strip() and not spans.overlaps(m.start(), m.end()):
            spans.add(m.start(), m.end())
    return spans


def _clauses_apart(doc: Doc, noun: Event, start: int, end: int) -> bool:
    """Whether a date and the event noun nearest it lie two clauses apart (a comma and a long way between)."""
    lo, hi = (noun.end, start) if noun.end <= start else (end, noun.start)
    return hi - lo > 50 and re.search(r"[,;]", doc.text[lo:hi]) is not None


def _dated_apart(doc: Doc, ev: EventRef, m: re.Match[str]) -> EventRef:
    """A date with a year of its own that is none of the story's ("in December 2003") is an earlier
    event's."""
    if ev.type.endswith(")"):
        return ev  # already an earlier event
    year = next((b.label for b in doc.backdrops_between(m.start(), m.end()) if not b.opener), None)
    if year is not None:
        return EventRef(type=f"{ev.type} ({year})", participants=[])
    return ev


def _relative_to(doc: Doc, end: int, noun: Event | None) -> bool:
    """Whether a time is given relative to its event noun, or as a point in its progress, not as its time:
    "at 11:00, three hours before the fire"."""
    return noun is not None and noun.start >= end and _RE_RELATIVE.search(doc.text, end, noun.start) is not None


def _planned(doc: Doc, start: int, end: int) -> str:
    """The modality of a time: "meets again on May 21" is planned as much as "will meet"; "announced
    Monday" happened whatever the rest of its sentence says."""
    s, _e = doc.sentence_of(start)
    if _RE_NEXT.match(doc.text, start, end):
        return "planned"  # "Next Sunday, the Texans come to Indy"
    if _RE_PAST_VERB.search(doc.text, max(s, start - 20), start):
        return "happened"  # "the deal announced Monday, Corvane will pay": the time's own verb says it
    found = modality(doc, start, end)
    if found == "happened" and re.search(
        r"\b(?:again|later this|opens?|begins?|starts?)\b", doc.text[max(s, start - 30) : start]
    ):
        return "planned"
    return found


def find(doc: Doc) -> Iterator[Found]:
    """Weekdays (with a date, part of the day, a clock time) first, then bare dates not already covered."""
    text = doc.text
    datelines = _datelines(doc)
    lede_end = _lede_end(doc)
    taken = Spans()  # the weekday phrases: a date inside one is not claimed again
    for m in _RE_WEEKDAY.finditer(text):
        if doc.in_quote(m.start()) or datelines.overlaps(m.start(), m.end()) or m.group()[:3].lower() == "by ":
            continue  # "by Tuesday evening": a point in its progress or a deadline, not when it happened
        owned = doc.events_between(m.end(), m.end() + 30) if _RE_POSSESSIVE.match(text, m.end("day")) else []
        # "Monday's red-flag warning": the day of the event noun it is said of, whatever stands nearer
        found = event_for(doc, owned[0].start, owned[0].end) if owned else event_for(doc, m.start(), m.end())
        if found is None:
            continue
        later = found[1] is None and m.start() > lede_end and not found[0].type.endswith(")")
        if later and _planned(doc, m.start(), m.end()) == "happened":
            continue  # with no event noun of its own, a past weekday beyond the lede is a later development's
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
                "modality": _planned(doc, m.start(), m.end()),
                "attribution": attribution(doc, m.start(), m.end())[0],
            },
            EventTimeClaim,
        )
    for m in _RE_DATE.finditer(text):
        first = m.start("month") if m.group("month") else m.start("date")
        if taken.overlaps(first, first + 1) or doc.in_quote(m.start()):
            continue
        if datelines.overlaps(m.start(), m.end()):
            continue
        if not taken.overlaps(m.start(), m.end()):
            taken.add(m.start(), m.end())
        found = event_for(doc, m.start(), m.end(), fallback=False)
        if found is None:
            continue
        ev, noun = found
        mood = _planned(doc, m.start(), m.end())
        if noun is not None and _clauses_apart(doc, noun, m.start(), m.end()):
            continue  # "... in the runoff, a gain of 20,000, from voters eliminated on 1 March": not its date
        if m.group("month") and mood == "happened" and ev.type == doc.main_event:
            continue  # "the quake that hit Zarand in February": an earlier one, where the story's has a day
        ev = _dated_apart(doc, ev, m)
        start, end = span_with(doc, m.start(), m.end(), noun, ev)
        yield Found(
            start,
            end,
            {
                "event": ev,
                "date": m.group("month") or m.group("date"),
                "weekday": None,
                "time_of_day": None,
                "as_written": m.group().strip(),
                "hedge": None,
                "modality": mood,
                "attribution": attribution(doc, m.start(), m.end())[0],
            },
            EventTimeClaim,
        )
    yield from _clocks(doc, datelines, taken)
    yield from _periods(doc, taken)


def _periods(doc: Doc, taken: Spans) -> Iterator[Found]:
    """Periods of a game, for a play of it the sentence names ("his first interception ... in the third
    quarter"): alone, a period says nothing of the whole game."""
    for m in _RE_PERIOD.finditer(doc.text):
        if doc.in_quote(m.start()) or taken.overlaps(m.start(), m.end()):
            continue
        found = stage_for(doc, m.start(), m.end())
        if found is None:
            continue
        ev, noun = found
        start, end = span_with(doc, m.start(), m.end(), noun, ev)
        yield Found(
            start,
            end,
            {
                "event": ev,
                "date": None,
                "weekday": None,
                "time_of_day": m.group().strip(),
                "as_written": m.group().strip(),
                "hedge": None,
                "modality": _planned(doc, m.start(), m.end()),
                "attribution": attribution(doc, m.start(), m.end())[0],
            },
            EventTimeClaim,
        )


def _clocks(doc: Doc, datelines: Spans, taken: Spans) -> Iterator[Found]:
    """Clock times (with zones and conversions) and game clocks, outside quotations, datelines and the
    weekday phrases already claimed; a custom or a schedule ("the traditional 9 a.m.") is no time."""
    text = doc.text
    found: list[tuple[int, int, str, str]] = []  # start, end, as written, the clock
    for m in _RE_GAME_CLOCK.finditer(text):
        found.append((m.start(), m.end(), m.group(), m.group("clock")))
    games = Spans()
    for start, end, _w, _c in found:
        games.add(start, end)
    for m in _RE_CLOCK.finditer(text):
        if games.overlaps(m.start("clock"), m.end("clock")):
            continue
        if m.start() == m.start("clock") and m.group("clock")[0].isalpha():
            continue  # "midday heat": noon, midday or midnight is a time only after a preposition
        end = m.end("conv") if m.group("conv") else m.end("clock")
        found.append((m.start(), end, text[m.start() : end], m.group("clock")))
    for start, end, written, clock in sorted(found):
        if doc.in_quote(start) or datelines.overlaps(start, end) or taken.overlaps(start, end):
            continue
        s, _e = doc.sentence_of(start)
        if _RE_HABIT.search(text, max(s, start - 40), start) or _RE_ELSEWHERE.match(text, end):
            continue
        if _RE_BY.search(text, max(s, start - 12), start):
            continue  # "by midnight": a point in its progress, not when it happened
        event = event_for(doc, start, end, scale="short")
        if event is None or _relative_to(doc, end, event[1]):
            continue
        ev, noun = event
        taken.add(start, end)
        lo, hi = span_with(doc, start, end, noun, ev)
        yield Found(
            lo,
            hi,
            {
                "event": ev,
                "date": None,
                "weekday": None,
                "time_of_day": " ".join(clock.split()),
                "as_written": written.strip(),
                "hedge": None,
                "modality": _planned(doc, start, end),
                "attribution": attribution(doc, start, end)[0],
            },
            EventTimeClaim,
        )
