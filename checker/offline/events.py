"""Events: the event nouns and verbs of an article with their canonical types, its main event, the
dominant participants per type, and which event (and participants) a claim at a given span is about.
"""

from __future__ import annotations

import re
from collections import Counter

from checker.offline import tables
from checker.offline.document import Backdrop, Doc, Event
from checker.offline.lexicon import (
    COUNTRY_FORMS,
    MONTH_NAMES,
    MONTHS,
    MONTHS_BEFORE_YEAR,
    MULTIWORD_COUNTRIES,
    NON_NAME,
    NUM_WORDS,
    RE_CAPSEQ,
    RE_CAPWORD,
    WEEKDAY_NAMES,
)
from checker.schema.v1 import EventRef

#: Event nouns -> canonical event type. "@talk" collapses to "phone call" when the article has one.
EVENT_NOUNS = tables.pairs("event_nouns.tsv")
_VERB_EVENTS = tables.pairs("event_verbs.tsv")
_DETERMINED = tables.wordset("determined_event_nouns.txt")
_ELECTION_OFFICES = tables.wordset("election_offices.txt")
_RE_WORD_BEFORE = re.compile(r"\b([a-z]+)\s+$")
_STATEMENT_VERBS = tables.alternation(tables.entries("statement_verbs.txt"))
_RE_BOUND_DAY = re.compile(
    r"(?:[Bb]y|[Uu]ntil|[Tt]ill|[Ss]ince|[Bb]efore|[Aa]fter)\s+(?:(?:early|late|last|this|next)\s+)?"
    rf"(?:{WEEKDAY_NAMES})\b"
)
_RE_TIME_LEAD = re.compile(r"(?:[Oo]n|[Ll]ate|[Ee]arly)\s+")
# a time right after a verb of saying ("said on Wednesday", "told reporters Tuesday", "said late Monday")
_RE_STATEMENT_BEFORE = re.compile(
    rf"\b(?:{_STATEMENT_VERBS})(?:\s+(?:reporters|journalists|the\s+\w+|[A-Z][\w]+))?\s+(?:[Oo]n\s+|[Ll]ate\s+|[Ee]arly\s+)?$"
)


def _classes() -> dict[str, frozenset[str]]:
    kinds = ("people", "country", "single", "short", "long", "organisation", "stage", "unnamed")
    found: dict[str, set[str]] = {kind: set() for kind in kinds}
    for typ, kind in tables.rows("event_classes.tsv", 2):
        if kind not in found:
            raise ValueError(f"offline/data/event_classes.tsv: {kind!r} is none of {kinds}: {typ!r}")
        found[kind].add(typ)
    return {kind: frozenset(types) for kind, types in found.items()}


_CLASSES = _classes()
# Events whose participants are people; countries; other named entities (teams, storms, companies).
_PEOPLE_EVENTS = _CLASSES["people"]
_COUNTRY_EVENTS = _CLASSES["country"]
_SINGLE_PARTICIPANT = _CLASSES["single"]
_SHORT_EVENTS = _CLASSES["short"]
_LONG_EVENTS = _CLASSES["long"]
_ORG_EVENTS = _CLASSES["organisation"]
#: Steps of the story's event (the evacuation, the first case, a touchdown): no participants, so that
#: they meet across articles by their type alone, and never the main event's own figures.
STAGE_EVENTS = _CLASSES["stage"]
#: Accidents whose named things (the operator, the train, the place) differ from article to article: no
#: participants, so that the one of a story meets whatever each article names beside it.
_UNNAMED_EVENTS = _CLASSES["unnamed"]

_RE_EVENT = re.compile(rf"(?<![\w-])({tables.longest_first(EVENT_NOUNS)})(?![\w-])", re.IGNORECASE)
_RE_CALL_VERB_NEXT = re.compile(r"\s+(?:on|for|it|him|her|them|upon|off|in|out|up|back)\b")
_RE_CALL_VERB_PREV = re.compile(r"(?:\bto|\bwill|\bwould|\bcould|\bshould|\bmight|\bmay|\bdid|\bthey|\bwe|\bI)\s+$")
# Verbs that name an event when no event noun is near ("the two leaders met on Tuesday"), job cuts, scores.
_RE_VERB_EVENT = re.compile(
    rf"\b(?P<v>{tables.alternation(_VERB_EVENTS)}|"
    r"(?:cut|cutting|eliminate|eliminating|lay off|laying off|laid off|shed|shedding)"
    r"\s+(?:about\s+|some\s+|roughly\s+)?[\d,]+\s+(?:jobs|positions|workers|employees|staff)|\d{1,3}[-–]\d{1,3}\s+(?:win|victory|defeat|loss|draw|triumph))\b"
)

# What dates an earlier event than the story's: a year (not one of the story's own, not "since 2011"),
# "last year", or a month opening a sentence ("In February, a gunman ...").
_RE_YEAR = re.compile(r"(?<![\w$£€.,:/-])(?:1[89]\d\d|20\d\d)(?![\w%/-]|[.,:]\d)")
_RE_SINCE = re.compile(r"\b(?:[Ss]ince|[Uu]ntil|[Bb]y|[Tt]hrough|[Tt]o)\s+(?:(?:early|late|mid-)\s*)?$")
_RE_PAST = re.compile(
    r"\b(?:last (?:year|season|month)|(?:a|one|two|three|four|five|\d+) years? (?:ago|earlier|before)"
    r"|the (?:previous|year before|prior) year)\b"
)
_RE_OPENER = re.compile(
    rf"(?:In|Back in|During)\s+(?:(?:early|late|mid-)\s*)?(?:(?P<label>(?:{MONTHS_BEFORE_YEAR})(?:\s+\d{{4}})?),"
    r"|(?P<year>(?:1[89]|20)\d\d)\b,?)"
)
# Words of a relative clause after a comma: "the 2021 derailment, which killed 11 people" is still about it.
_RE_CLAUSE_BREAK = re.compile(r";|[—–]|\s-\s|,(?!\s*(?:which|that|who|when|where|killing|leaving)\b)")
_RE_FULL_DATE = re.compile(
    rf"(?:(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS}),?)\s+$"
)
_RE_DATED_NOUN = re.compile(r"^(?:\s+(?:[A-Z][\w’'-]*|of|the))*\s+$")


def _story_years(doc: Doc) -> frozenset[str]:
    """The years of the story itself: those of a full date ("Feb. 10, 2026") or a dateline or byline line
    ("Posted Wednesday, March 4, 2026") near its top."""
    text = doc.text
    years = set()
    for m in _RE_YEAR.finditer(text, 0, 600):
        line_end = text.find("\n", m.end())
        line = text[text.rfind("\n", 0, m.start()) + 1 : line_end if line_end >= 0 else len(text)].rstrip()
        if _RE_FULL_DATE.search(text, max(0, m.start() - 16), m.start()) or not line.endswith(
            (".", "!", "?", "”", '"')
        ):
            years.add(m.group())
    return frozenset(years)


def _find_backdrops(doc: Doc) -> list[Backdrop]:
    text = doc.text
    story = _story_years(doc)
    found: list[Backdrop] = []
    for m in _RE_YEAR.finditer(text):
        if m.group() in story or _RE_SINCE.search(text, max(0, m.start() - 16), m.start()):
            continue
        found.append(Backdrop(m.start(), m.end(), m.group(), False))
    for m in _RE_PAST.finditer(text):
        found.append(Backdrop(m.start(), m.end(), m.group(), False))
    for s, _e in doc.sents:
        while s < len(text) and text[s].isspace():
            s += 1
        opener = _RE_OPENER.match(text, s)
        label = opener.group("label") or opener.group("year") if opener is not None else None
        if opener is not None and label is not None and label not in story:
            found.append(Backdrop(opener.start(), opener.end(), label, True))
    found.sort(key=lambda b: b.start)
    return found


def _backdrop(doc: Doc, start: int, noun: Event | None) -> str | None:
    """The label of the earlier event a claim at ``start`` is about: its event noun is dated ("the 2019
    flood", "the Wolf Gulch Fire of 2020"), or a backdrop before it dates its clause; else None."""
    s, e = doc.sentence_of(start)
    text = doc.text
    if noun is not None:
        for b in doc.backdrops_between(max(s, noun.start - 40), min(e, noun.end + 9)):
            if b.end <= noun.start and _RE_DATED_NOUN.match(text, b.end, noun.start):
                return b.label
            if b.start >= noun.end and re.fullmatch(r"\s+of\s+", text[noun.end : b.start]):
                return b.label
    for b in reversed(doc.backdrops_between(s, start)):
        if b.end > start:
            continue
        gap = text[b.end : start]
        if b.opener and ";" not in gap:
            return b.label
        if not b.opener and not _RE_CLAUSE_BREAK.search(gap):
            return b.label
    return None


# A determiner before an event noun that is also an ordinary word, a word, a clock time or a length
# between: "the vote", "their final", "the 7:30 a.m. start", "a 24-hour nationwide general strike".
_RE_DETERMINER = re.compile(
    r"\b(?:the|a|an|their|his|her|its|this|that|last|next|first|second)\s+"
    r"(?:[\w’']+\s+|\d[\d:.]*\s*(?:[ap]\.?m\.?\s+)?|\w+-[\w-]+\s+(?:\w+\s+){0,2})?$"
)


def find_events(doc: Doc) -> None:
    """Event nouns with canonical types, the article's main event, and dominant participants per type."""
    text = doc.text
    lowered = text.lower()
    has_call = re.search(r"\b(?:phone|telephone)\b|\bcall\b", lowered) is not None
    doc.talk_type = "phone call" if has_call else "talks"
    events: list[Event] = []
    for m in _RE_EVENT.finditer(text):
        word = m.group(1).lower()
        typ = EVENT_NOUNS[word]
        if word in ("call", "calls") and (
            _RE_CALL_VERB_NEXT.match(text, m.end())
            or _RE_CALL_VERB_PREV.search(text[max(0, m.start() - 12) : m.start()])
        ):
            continue
        if word in _DETERMINED:
            prev = text[max(0, m.start() - 40) : m.start()].lower()
            if not _RE_DETERMINER.search(prev):
                continue
        if typ == "@talk":
            typ = doc.talk_type if has_call else (word if word in ("talks", "meeting") else "talks")
        events.append(Event(m.start(1), m.end(1), typ))
    for m in _RE_VERB_EVENT.finditer(text):
        v = m.group("v")
        typ = _VERB_EVENTS.get(v) or ("match" if v[0].isdigit() else "layoffs")
        if typ == "@talk":
            typ = doc.talk_type
        events.append(Event(m.start(), m.end(), typ))
    events.sort(key=lambda ev: ev.start)
    doc.set_events(_other_races(text, events))
    doc.year, doc.month = _doc_date(doc)
    doc.set_backdrops(_find_backdrops(doc))
    counts = Counter(e.type for e in events if e.type not in STAGE_EVENTS)
    if counts:
        doc.main_event = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    for typ in Counter(e.type for e in events):
        doc.dominant[typ] = _dominant_participants(doc, typ)


def _other_races(text: str, events: list[Event]) -> list[Event]:
    """An election the article names by another office than its own race's is another event.

    A story about a mayoral runoff that says "the party won 14 seats in the council elections held on
    March 1" dates the council elections, not the runoff. When an article names elections by two or
    more offices (the word before the noun, ``data/election_offices.txt``), its own race is the office of
    its first election when that one names an office, else the office it names most (ties: the first
    named); the others become "<office> election", apart from it."""
    offices: dict[int, str] = {}
    for i, ev in enumerate(events):
        if ev.type == "election":
            m = _RE_WORD_BEFORE.search(text, max(0, ev.start - 24), ev.start)
            if m and m.group(1) in _ELECTION_OFFICES:
                offices[i] = m.group(1)
    named = Counter(offices.values())
    if len(named) < 2:
        return events
    prefer = offices.get(next(i for i, ev in enumerate(events) if ev.type == "election"))
    order = {office: i for i, office in sorted(offices.items(), reverse=True)}  # first mention of each
    own = sorted(named, key=lambda office: (office != prefer, -named[office], order[office]))[0]
    return [
        Event(ev.start, ev.end, f"{offices[i]} election") if offices.get(i, own) != own else ev
        for i, ev in enumerate(events)
    ]


def _entities_in(doc: Doc, start: int, end: int, typ: str) -> list[tuple[int, str]]:
    """Participants of the right kind for an event type, in order of appearance."""
    out: list[tuple[int, str]] = []
    if typ in _COUNTRY_EVENTS:
        for m in RE_CAPWORD.finditer(doc.text, start, end):
            if m.group() in COUNTRY_FORMS:
                out.append((m.start(), COUNTRY_FORMS[m.group()]))
        for c in MULTIWORD_COUNTRIES:
            for m in re.finditer(re.escape(c), doc.text[start:end]):
                out.append((start + m.start(), c))
        return sorted(out)
    people = [(m.start, m.name) for m in doc.mentions_in(start, end, outside_quotes=True)]
    if typ in _PEOPLE_EVENTS or typ in ("trial", "hearing", "sentencing", "verdict", "negotiations", "deliberations"):
        return people
    # other events: named things (teams, storms, companies), people included
    for m in RE_CAPSEQ.finditer(doc.text, start, end):
        bracketed = doc.text[m.start() - 1 : m.start()] == "(" and doc.text[m.end() : m.end() + 1] == ")"
        if doc.in_headline(m.start()) or bracketed:
            continue  # a headline's capitals say nothing; "(Meridian Wire)" is the dateline's outlet
        toks = m.group().split()
        while toks and toks[0] in ("The", "A", "An", "In", "On", "At", "By", "After", "When", "While"):
            toks.pop(0)
        name = " ".join(toks)
        if not name or any(name == p or name.endswith(" " + p.split()[-1]) for _, p in people):
            continue
        storm_word = toks[0] in ("Hurricane", "Storm", "Typhoon", "Tropical", "Cyclone")
        if (storm_word and len(toks) > 1) or (not storm_word and typ != "storm" and toks[0] not in NON_NAME):
            out.append((m.start(), name))
    if typ == "storm" or (typ in _ORG_EVENTS and out):
        return sorted(out)
    return sorted(out + people)


def _dominant_participants(doc: Doc, typ: str) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for ev in doc.events:
        if ev.type != typ:
            continue
        s, e = doc.sentence_of(ev.start)
        for pos, name in _entities_in(doc, s, e, typ):
            counts[name] += 1
            first.setdefault(name, pos)
    ranked = sorted(counts, key=lambda n: (-counts[n], first[n]))
    k = 1 if typ in _SINGLE_PARTICIPANT else 2
    return sorted(ranked[:k])


def event_for(
    doc: Doc, start: int, end: int, *, scale: str | None = None, fallback: bool = True
) -> tuple[EventRef, Event | None] | None:
    """The event a claim at [start, end) belongs to: the nearest event noun in the sentence, else the main event.

    A claim whose clause dates it to another year ("the 2021 derailment, which killed 11", "up from nine
    in 2022", "five years ago") is about an earlier event: its type carries that ``when`` in parentheses
    ("derailment (2021)"), the 1.0 form of a background event, even with no event noun near; so is a
    claim about an earlier event the text sets up (see ``_backdrop``)."""
    if doc.in_dateline(start):  # the article's own date is about no event
        return None
    if _RE_BOUND_DAY.match(doc.text, start, end):
        return None  # "by Tuesday evening", "since Monday": a point the event had reached, not its date
    lead = _RE_TIME_LEAD.match(doc.text, start, end)
    at = lead.end() if lead else start
    if _RE_STATEMENT_BEFORE.search(doc.text, max(0, at - 40), at):
        return None  # "officials said on Wednesday": the statement's time, not the event's
    found = _event_for(doc, start, end, scale, fallback)
    if found is not None and found[0].type.endswith(")"):
        return found  # already dated by an earlier event the text sets up (see ``_backdrop``)
    when = background_when(doc, start, end)
    if when is None:
        return found
    if found is None:
        typ = _main_event(doc, scale) or "event"
        return EventRef(type=f"{typ} ({when})", participants=[]), None
    ref, noun = found
    return EventRef(type=f"{ref.type} ({when})", participants=[]), noun


def _event_for(
    doc: Doc, start: int, end: int, scale: str | None, fallback: bool
) -> tuple[EventRef, Event | None] | None:
    s, e = doc.sentence_of(start)
    cands = [ev for ev in doc.events_between(s, e) if _scale_ok(ev.type, scale)]
    chosen: Event | None = None
    if cands:
        before = [ev for ev in cands if ev.end <= start]
        after = [ev for ev in cands if ev.start >= end]
        inside = [ev for ev in cands if ev.start >= start and ev.end <= end]
        if inside:
            chosen = inside[0]
        elif before and (not after or start - before[-1].end <= after[0].start - end + 40):
            chosen = before[-1]
        elif after:
            chosen = after[0]
        else:
            chosen = cands[0]
        typ = chosen.type
    else:
        typ_opt = _main_event(doc, scale)
        if typ_opt is None:
            return None
        typ = typ_opt
    earlier = _backdrop(doc, start, chosen)
    if earlier is not None:
        return EventRef(type=f"{typ} ({earlier})", participants=[]), chosen
    if chosen is None and not fallback:
        return None
    return EventRef(type=typ, participants=_participants(doc, typ, s, e)), chosen


def stage_for(doc: Doc, start: int, end: int) -> tuple[EventRef, Event] | None:
    """The stage of the story's event nearest a claim in its sentence ("his first interception ... in the
    third quarter"), or None: for times that only a stage has, never the whole event."""
    s, e = doc.sentence_of(start)
    stages = [ev for ev in doc.events_between(s, e) if ev.type in STAGE_EVENTS]
    if not stages:
        return None
    chosen = min(stages, key=lambda ev: start - ev.end if ev.end <= start else ev.start - end + 40)
    return EventRef(type=chosen.type, participants=[]), chosen


def _scale_ok(typ: str, scale: str | None) -> bool:
    if scale == "short":
        return typ not in _LONG_EVENTS
    if scale == "long":
        return typ not in _SHORT_EVENTS
    return True


def _main_event(doc: Doc, scale: str | None) -> str | None:
    """The most frequent event type of the scale (ties: alphabetical), never a stage, counted once per document."""
    if scale not in doc.main_events:
        counts = Counter(ev.type for ev in doc.events if _scale_ok(ev.type, scale) and ev.type not in STAGE_EVENTS)
        doc.main_events[scale] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if counts else None
    return doc.main_events[scale]


def _participants(doc: Doc, typ: str, s: int, e: int) -> list[str]:
    if typ in STAGE_EVENTS or typ in _UNNAMED_EVENTS:
        return []
    dominant = doc.dominant.get(typ, [])
    local = []
    for _, name in _entities_in(doc, s, e, typ):
        if name not in local:
            local.append(name)
    if dominant and set(dominant) <= set(local):
        return dominant
    k = 1 if typ in _SINGLE_PARTICIPANT else 2
    if len(local) >= k and (typ in _PEOPLE_EVENTS or typ in _COUNTRY_EVENTS):
        return sorted(local)
    return dominant or sorted(local)


def span_with(doc: Doc, start: int, end: int, noun: Event | None, ev: EventRef) -> tuple[int, int]:
    """Widen a span to cover its event noun and the participants named in the same sentence."""
    if noun is None:
        return start, end
    s, e = doc.sentence_of(start)
    lo, hi = min(start, noun.start), max(end, noun.end)
    for m in doc.mentions_in(s, e, outside_quotes=True):
        if m.name in ev.participants and m.start < lo and lo - m.end < 60:
            lo = m.start
    # a titled name there widens the span to its title (the first one, in start order: none after it
    # can start earlier)
    tm = doc.first_titled_around(lo)
    if tm is not None:
        lo = min(lo, tm.start)
    return lo, hi


# --- earlier events: a year (or "five years ago") in the claim's clause ------------------------------------------

_YEAR = r"(?:1[89]|20)\d\d"
_RE_WHEN_MARK = re.compile(
    # every alternative starts with a word character: looked at first (the same matches, faster)
    rf"(?=\w)(?:(?<![\w$£€.,:/-])(?P<year>{_YEAR})(?:[’']s)?(?![\w/]|[.,:-]\d|\s*[-–]\s*\d)"
    rf"|\b(?P<ago>(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:years?|decades?)|a\s+decade)"
    r"\s+(?:ago|earlier)|last\s+year|the\s+previous\s+year)\b)",
    re.IGNORECASE,
)
# a year inside a full date ("March 3, 2021", "3 March 2021") dates a day, not an earlier event
_RE_DAY_BEFORE = re.compile(rf"(?:(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\d{{1,2}}\s+(?:{MONTHS}))\s+$")
# the article's own date: "Nov 28, 2005", "16 March 2026", "11/27/2005" (month first), "2026-03-16"
_MON = rf"(?:{MONTH_NAMES}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
_RE_DATE_YEAR = re.compile(
    rf"(?:\b(?P<mon>{_MON})\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\b\d{{1,2}}\s+(?P<mon2>{_MON}))\s+(?P<year>{_YEAR})\b"
    rf"|\b(?P<num>\d{{1,2}})/\d{{1,2}}/(?P<year2>{_YEAR})\b|\b(?P<year3>{_YEAR})-(?P<num3>\d\d)-\d\d\b"
)
_MONTH_LIST = tables.entries("months.txt")
# where a clause ends: a comma or semicolon before a space, a parenthesis, a dash, "but", "while"
_RE_CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|[()]|\s[—–-]\s|\b(?:but|while|whereas)\b")
# a clause that continues the one before it: a relative clause, or one that starts with its verb
_RE_CONTINUES = re.compile(
    rf"\s*(?:(?:in|during|of|after)\s+which|which|when|where|who|whose|that|(?!(?:{NUM_WORDS})\b)[a-z]+(?:ed|ing))\b"
)
# a sentence that goes on about the one before: "It killed 612 people."
_RE_IT_DID = re.compile(r"(?:It|They)\s+[a-z]+ed\b")
_RE_MODIFIER = re.compile(r"\s*(?:who|which|whose|[a-z]+ed)\b")


# a sentence that opens on another month: "In February, a gunman killed five people"
_RE_OPENING_MONTH = re.compile(rf"(?:In|Last)\s+(?:early\s+|late\s+|mid-)?(?P<month>{MONTH_NAMES})\s*,")
_RE_IN_MONTH = re.compile(rf"\b[Ii]n\s+(?:early\s+|late\s+|mid-)?(?P<month>{MONTH_NAMES})\b(?!\s+\d)")


_AGO_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_AGO_NUMBERS.update({"nine": 9, "ten": 10})


def _month_when(doc: Doc, month: str) -> str:
    """An earlier month as a when the reconciler can tell from another year's: "February 2005"."""
    if doc.year is None or doc.month is None:
        return month
    return f"{month} {doc.year}"


def _ago_when(doc: Doc, ago: str) -> str:
    """ "five years ago" in an article of 2025 is 2020; without the article's year, as written."""
    m = re.fullmatch(r"(\w+)\s+years?\s+(?:ago|earlier)|last\s+year|the\s+previous\s+year", ago)
    if doc.year is None or m is None:
        return ago
    n = 1 if m.group(1) is None else _AGO_NUMBERS.get(m.group(1), int(m.group(1)) if m.group(1).isdigit() else 0)
    return str(int(doc.year) - n) if n else ago


def _doc_date(doc: Doc) -> tuple[str | None, str | None]:
    """The year and month the article was written: its opening lines' first full date, if it gives one."""
    m = _RE_DATE_YEAR.search(doc.text, 0, min(len(doc.text), 400))
    if m is None:
        return None, None
    year = m.group("year") or m.group("year2") or m.group("year3")
    written = m.group("mon") or m.group("mon2")
    if written:
        month = next((name for name in _MONTH_LIST if name.startswith(written[:3])), None)
    else:
        number = int(m.group("num") or m.group("num3"))
        month = _MONTH_LIST[number - 1] if 1 <= number <= len(_MONTH_LIST) else None
    return year, month


def _marks(doc: Doc, lo: int, hi: int, skip: tuple[int, int], *, since: bool = False) -> str | None:
    """The first mark of another time in [lo, hi) outside ``skip`` (the claim's own value)."""
    this_year = doc.year
    for m in _RE_WHEN_MARK.finditer(doc.text, lo, hi):
        if skip[0] <= m.start() < skip[1]:
            continue
        if m.group("ago"):
            return _ago_when(doc, " ".join(m.group("ago").lower().split()))
        year = m.group("year")
        before = doc.text[max(lo, m.start() - 16) : m.start()]
        if _RE_DAY_BEFORE.search(before) or re.search(r"(?i)\b(?:from|until|by|before)\s+$", before):
            continue
        if not since and re.search(r"(?i)\bsince\s+$", before):
            continue
        if this_year is not None and year >= this_year:
            continue
        return year
    if doc.month is not None:  # "in February" in an article written in April
        for m in _RE_IN_MONTH.finditer(doc.text, lo, hi):
            if not skip[0] <= m.start() < skip[1] and m.group("month") != doc.month:
                return _month_when(doc, m.group("month"))
    return None


def background_when(doc: Doc, start: int, end: int) -> str | None:
    """The earlier time the clause of [start, end) is about (a year, "five years ago"), or None.

    The clause is the claim's stretch of its sentence between commas, dashes, "but", "while"; a
    relative clause or one that opens on its verb ("..., which killed 11", "..., killed 11 people")
    reads the clause before it too, and a short opening clause ("In 2021, ...") governs the sentence.
    A year inside a full date, after "since", or the article's own year is no earlier time.
    """
    s, e = doc.sentence_of(start)
    if e <= s:
        return None
    breaks = [(m.start(), m.end()) for m in _RE_CLAUSE_BREAK.finditer(doc.masked, s, e)]
    lo = max([b for _a, b in breaks if b <= start], default=s)
    hi = min([a for a, _b in breaks if a >= end], default=e)
    when = _marks(doc, lo, hi, (start, end))
    if when is None and lo > s and _RE_CONTINUES.match(doc.text, lo, hi):
        prev_lo = max([b for _a, b in breaks if b < lo - 1 and b <= start], default=s)
        prev_hi = max(a for a, b in breaks if b == lo)
        if not _RE_MODIFIER.match(doc.text, prev_lo, prev_hi):
            # "the largest since 2012, when ... killed four people": the "when" is that year
            since = re.match(r"\s*when\b", doc.text[lo:hi]) is not None
            when = _marks(doc, prev_lo, prev_hi, (start, end), since=since)
    if when is None and breaks and breaks[0][1] <= start:
        first_hi = breaks[0][0]
        if len(doc.text[s:first_hi].split()) <= 5:
            when = _marks(doc, s, first_hi, (start, end))
            month = _RE_OPENING_MONTH.match(doc.text, s, first_hi + 1)
            if when is None and month and (doc.month is None or month.group("month") != doc.month):
                when = _month_when(doc, month.group("month"))
    if when is None and lo == s and _RE_IT_DID.match(doc.text, s, hi):
        # "A quake hit Zarand in February. It killed 612 people.": the earlier event goes on
        ps, pe = doc.previous_sentence(s)
        if ps < pe:
            first = _RE_CLAUSE_BREAK.search(doc.masked, ps, pe)
            when = _marks(doc, ps, first.start() if first else pe, (start, end))
    return when
