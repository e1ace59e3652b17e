"""The analysed article every claim extractor reads: sentences, quotations, headlines, the text with
abbreviation periods masked, and (filled in by the people and event layers) names, titles and events.

Everything is an offset into the original text, so a claim's evidence is always a slice of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from checker.offline import tables
from checker.schema.v1 import Status


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


@dataclass
class Doc:
    """One article and what the extractors share about it."""

    text: str
    sents: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    persons: dict[str, str] = field(default_factory=dict)  # any written form (full or surname) -> full name
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    talk_type: str = "phone call"
    dominant: dict[str, list[str]] = field(default_factory=dict)
    main_event: str | None = None
    titled: list[Titled] = field(default_factory=list)
    masked: str = ""  # the text with abbreviation periods masked, same offsets
    headlines: list[tuple[int, int]] = field(default_factory=list)

    def in_headline(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.headlines)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sents:
            if s <= pos < e:
                return s, e
        return pos, pos

    def in_quote(self, pos: int) -> Quote | None:
        for q in self.quotes:
            if q.inner_start <= pos < q.inner_end:
                return q
        return None

    def mentions_in(self, start: int, end: int, *, outside_quotes: bool = False) -> list[Mention]:
        found = [m for m in self.mentions if start <= m.start and m.end <= end]
        if outside_quotes:
            found = [m for m in found if self.in_quote(m.start) is None]
        return found

    def last_person_before(self, pos: int) -> str | None:
        last: str | None = None
        for m in self.mentions:
            if m.start >= pos:
                break
            if self.in_quote(m.start) is None:
                last = m.name
        return last

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
