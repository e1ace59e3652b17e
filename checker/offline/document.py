"""The analysed article every claim extractor reads: sentences, quotations, headlines, the text with
abbreviation periods masked, and (filled in by the people and event layers) names, titles and events.

Everything is an offset into the original text, so a claim's evidence is always a slice of it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass

from checker.offline import tables
from checker.schema.v1 import Status
from checker.segment import sentences


@dataclass(frozen=True)
class Mention:
    """A person named in the text."""

    start: int
    end: int
    name: str  # the resolved full name


@dataclass(frozen=True)
class Quote:
    """A quotation, with and without its marks."""

    start: int  # the opening mark
    end: int  # one past the closing mark
    inner_start: int
    inner_end: int


@dataclass(frozen=True)
class Event:
    """An event noun (or verb) and its canonical type."""

    start: int
    end: int
    type: str


@dataclass(frozen=True)
class Backdrop:
    """Words that date an earlier event than the story's: a year ("the 2021 derailment"), "last year", or a
    month opening a sentence ("In February, a gunman killed five people")."""

    start: int
    end: int
    label: str  # as written: "2021", "February", "last year"
    opener: bool  # it opens its sentence, so it dates the whole sentence


@dataclass(frozen=True)
class Titled:
    """A name with its title, before it ("Kremlin spokesperson Dmitry Peskov") or after it (", the mayor")."""

    start: int
    end: int
    title: str
    name: str  # as written
    name_start: int
    status: Status
    organisation: str | None


@dataclass(frozen=True)
class Found:
    """One claim found by an extractor: its evidence span and the claim's fields."""

    start: int
    end: int
    claim_kwargs: dict[str, object]
    cls: type


class Spans:
    """Spans that do not overlap one another (each added only when it overlaps none), kept sorted, so that
    "does this span overlap one already taken?" is a bisection, not a scan of every span taken so far."""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span (s, e) has s < end and start < e."""
        # sorted by (s, e), spans that overlap none of the others also have their ends in order: the one
        # with the largest end among those starting before ``end`` is the last of them
        i = bisect_left(self._spans, (end,))
        return i > 0 and self._spans[i - 1][1] > start

    def add(self, start: int, end: int) -> None:
        insort(self._spans, (start, end))


class Doc:
    """One article and what the extractors share about it.

    Sentences, headlines, quotations and mentions are each sorted and never overlap one another, so
    "which one holds this offset" and "which ones lie in this span" are bisections over their offsets;
    events are sorted by start. The lists are set once, through the ``set_`` methods that index them.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.masked = mask(text)  # the text with abbreviation periods masked, same offsets
        self.headlines = find_headlines(text)
        self.datelines = find_datelines(text)
        self.sents = sentences(text)
        self.quotes = find_quotes(text)
        self.persons: dict[str, str] = {}  # any written form (full or surname) -> full name
        self.talk_type = "phone call"
        self.dominant: dict[str, list[str]] = {}
        self.main_event: str | None = None
        #: the most frequent event type per time scale (None, "short", "long"), filled by events on first use
        self.main_events: dict[str | None, str | None] = {}
        #: the year the article was written (its opening lines' first full date), filled by events
        self.year: str | None = None
        self.month: str | None = None  # and its month ("April"), when that date gives one
        self._headline_starts = [s for s, _ in self.headlines]
        self._dateline_starts = [s for s, _ in self.datelines]
        self._sent_starts = [s for s, _ in self.sents]
        self._quote_starts = [q.inner_start for q in self.quotes]
        self.set_mentions([])
        self.set_events([])
        self.set_titled([])
        self.set_backdrops([])

    def set_mentions(self, mentions: list[Mention]) -> None:
        """The people named, in text order (one regex pass: they never overlap)."""
        self.mentions = mentions
        self._mention_starts = [m.start for m in mentions]
        self._mention_ends = [m.end for m in mentions]
        self._mention_outside = [self.in_quote(m.start) is None for m in mentions]
        outside = [m for m, out in zip(mentions, self._mention_outside, strict=True) if out]
        self._outside_starts = [m.start for m in outside]
        self._outside_names = [m.name for m in outside]

    def set_events(self, events: list[Event]) -> None:
        """The events, sorted by start (they may overlap)."""
        self.events = events
        self._event_starts = [ev.start for ev in events]
        self._event_ends = sorted(ev.end for ev in events)
        self.main_events = {}

    def set_backdrops(self, backdrops: list[Backdrop]) -> None:
        """The words that date an earlier event ("the 2019 flood", "In February,"), sorted by start."""
        self.backdrops = backdrops
        self._backdrop_starts = [b.start for b in backdrops]

    def backdrops_between(self, start: int, end: int) -> list[Backdrop]:
        """Backdrops that start in [start, end), in order."""
        lo = bisect_left(self._backdrop_starts, start)
        hi = bisect_left(self._backdrop_starts, end)
        return self.backdrops[lo:hi] if lo < hi else []

    def set_titled(self, titled: list[Titled]) -> None:
        """The titled names, sorted by start (they may overlap)."""
        self.titled = titled
        self._titled_starts = [t.start for t in titled]
        self._titled_longest = max((t.end - t.start for t in titled), default=0)
        self._titled_at: dict[int, int] = {}  # start -> index of the first titled name starting there
        self._titled_named_at: dict[int, int] = {}  # name start -> index of the first with its name there
        for i, t in enumerate(titled):
            self._titled_at.setdefault(t.start, i)
            self._titled_named_at.setdefault(t.name_start, i)

    def in_headline(self, pos: int) -> bool:
        i = bisect_right(self._headline_starts, pos) - 1
        return i >= 0 and pos < self.headlines[i][1]

    def in_dateline(self, pos: int) -> bool:
        i = bisect_right(self._dateline_starts, pos) - 1
        return i >= 0 and pos < self.datelines[i][1]

    def sentence_of(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self._sent_starts, pos) - 1
        if i >= 0 and pos < self.sents[i][1]:
            return self.sents[i]
        return pos, pos

    def sentences_back(self, pos: int, n: int) -> list[tuple[int, int]]:
        """The sentence holding ``pos`` and up to ``n`` sentences before it, latest first."""
        i = bisect_right(self._sent_starts, pos) - 1
        return [self.sents[j] for j in range(i, max(-1, i - n - 1), -1)]

    def previous_sentence(self, pos: int) -> tuple[int, int]:
        """The sentence before the one starting at or holding ``pos`` ((pos, pos) when there is none)."""
        i = bisect_right(self._sent_starts, pos) - 1
        return self.sents[i - 1] if i >= 1 else (pos, pos)

    def in_quote(self, pos: int) -> Quote | None:
        i = bisect_right(self._quote_starts, pos) - 1
        if i >= 0 and pos < self.quotes[i].inner_end:
            return self.quotes[i]
        return None

    def mentions_in(self, start: int, end: int, *, outside_quotes: bool = False) -> list[Mention]:
        """Mentions that lie within [start, end), in text order."""
        lo = bisect_left(self._mention_starts, start)
        hi = bisect_right(self._mention_ends, end)
        if outside_quotes:
            return [self.mentions[i] for i in range(lo, hi) if self._mention_outside[i]]
        return self.mentions[lo:hi] if lo < hi else []

    def mentions_ending(self, lo: int, hi: int) -> list[Mention]:
        """Mentions whose end is in [lo, hi], in text order."""
        first = bisect_left(self._mention_ends, lo)
        last = bisect_right(self._mention_ends, hi)
        return self.mentions[first:last] if first < last else []

    def last_person_before(self, pos: int) -> str | None:
        """The person of the last mention outside quotations that starts before ``pos``."""
        i = bisect_left(self._outside_starts, pos)
        return self._outside_names[i - 1] if i > 0 else None

    def events_between(self, start: int, end: int) -> list[Event]:
        """Events that start in [start, end), in order."""
        lo = bisect_left(self._event_starts, start)
        hi = bisect_left(self._event_starts, end)
        return self.events[lo:hi] if lo < hi else []

    def event_ends_between(self, start: int, end: int) -> bool:
        """Whether some event ends in [start, end]."""
        return bisect_left(self._event_ends, start) < bisect_right(self._event_ends, end)

    def titled_at(self, pos: int) -> Titled | None:
        """The first titled name (in start order) that starts at ``pos``."""
        i = self._titled_at.get(pos)
        return None if i is None else self.titled[i]

    def first_titled_around(self, pos: int) -> Titled | None:
        """The first titled name, in start order, named at ``pos`` or spanning it (start < pos <= end)."""
        best = self._titled_named_at.get(pos)
        lo = bisect_left(self._titled_starts, pos - self._titled_longest)
        hi = bisect_left(self._titled_starts, pos)
        for i in range(lo, hi if best is None else min(hi, best)):
            if self.titled[i].end >= pos:
                best = i
                break
        return None if best is None else self.titled[best]

    def resolve(self, written: str) -> str:
        written = written.strip()
        written = re.sub(r"[’']s$", "", written)
        if written in self.persons:
            return self.persons[written]
        last = written.split()[-1] if written else written
        return self.persons.get(last, written)


_RE_QUOTE = re.compile(r"“([^”“]{1,1500})”|\"([^\"\n]{1,1500})\"")


def find_quotes(text: str) -> list[Quote]:
    """Quotations in curly or straight double quotes (a straight one stays on one line)."""
    quotes = []
    for m in _RE_QUOTE.finditer(text):
        g = 1 if m.group(1) is not None else 2
        quotes.append(Quote(m.start(), m.end(), m.start(g), m.end(g)))
    return quotes


_RE_ABBREV_DOT = re.compile(
    rf"(?<![\w.])(?:(?:[A-Z]\.){{2,}}|(?:{tables.alternation(tables.entries('abbreviations.txt'))})\.)"
)


def mask(text: str) -> str:
    """Hide the periods of abbreviations ("U.S.", "Dr.") so clause regexes do not stop at them; offsets unchanged."""
    return _RE_ABBREV_DOT.sub(lambda m: m.group().replace(".", "\u00b7"), text)


_HEADLINE_MINOR = tables.wordset("headline_minor_words.txt")


def find_headlines(text: str) -> list[tuple[int, int]]:
    """Title-case lines without closing punctuation: headlines and captions, where capitals say nothing about names."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        words = re.findall(r"[A-Za-z][\w’'-]*", line)
        if not words or line.endswith((".", "!", "?", ":", "”", '"')) or len(words) > 16:
            continue
        caps = sum(1 for w in words if w[0].isupper() or w.lower() in _HEADLINE_MINOR)
        if caps == len(words) and sum(1 for w in words if w[0].isupper()) >= 2:
            spans.append((m.start(), m.end()))
    return spans


_MONTH_WORDS = tables.alternation(tables.entries("months.txt") + tables.entries("month_abbreviations.txt"))
_DAY = r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
_DATE = rf"{_DAY}(?:(?:{_MONTH_WORDS})\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+(?:{_MONTH_WORDS}))"
# "PORT CALDER, March 15 (Meridian News Service) -", "DUNMORE, Ohio, March 4 -": a paragraph's opening
_RE_DATELINE_OPENING = re.compile(
    rf"^[A-Z][A-Z.’'\- ]+(?:,\s+[A-Z][\w.’' -]*){{0,2}},\s+{_DATE}(?:,?\s+\d{{4}})?(?:\s*\([^()\n]{{1,60}}\))?\s*[-—–]",
    re.MULTILINE,
)
# a line that ends on a full date: "The Port Calder Herald, Monday 16 March 2026", "Posted Wednesday, March 4, 2026"
_RE_DATELINE_LINE = re.compile(rf"^[^\n.!?]{{0,60}}?\b{_DATE},?\s+\d{{4}}[ \t]*$", re.MULTILINE)


def find_datelines(text: str) -> list[tuple[int, int]]:
    """Datelines and publication lines: the article's own date, which is no claim about an event."""
    spans = [(m.start(), m.end()) for m in _RE_DATELINE_OPENING.finditer(text)]
    spans += [(m.start(), m.end()) for m in _RE_DATELINE_LINE.finditer(text)]
    spans.sort()
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            kept[-1] = (kept[-1][0], max(end, kept[-1][1]))
        else:
            kept.append((start, end))
    return kept
