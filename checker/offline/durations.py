"""Durations: how long an event lasted or has lasted ("a two-hour call", "talks lasted three days",
"the war, now in its third year", "a lengthy meeting"), tied to an event of the right time scale.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.offline import tables
from checker.offline.attribution import attribution
from checker.offline.document import Doc, Found, Spans
from checker.offline.events import EVENT_NOUNS, event_for, span_with
from checker.offline.lexicon import HEDGE, NUM_WORDS, ORDINALS
from checker.schema.v1 import DurationClaim

_AMOUNT_DUR = (
    rf"(?:an hour and a half|half an hour|a day and a half|(?:{NUM_WORDS}|\d+(?:\.\d+)?|a|an|one) and a half "
    rf"(?:minutes|hours|days|weeks|months|years)|(?:(?:{NUM_WORDS})(?:-(?:one|two|three|four|five|six|seven|eight|"
    rf"nine))?|\d+(?:\.\d+)?|a|an|a few|several|a couple of)\s+(?:more\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|"
    rf"months?|years?|decades?))"
)
_RE_DUR_ADJ = re.compile(
    rf"\b(?=\w)(?:(?P<hedge>{HEDGE})\s+|)(?P<amount>(?:\d+(?:\.\d+)?|{NUM_WORDS}|half|an hour and a half|"
    rf"one and a half)[- ](?:second|minute|hour|day|week|month|year)s?(?:[- ]long)?|(?:hour|day|week|month|year|"
    r"hours|days|weeks|months|years)-long|an hour and a half|one and a half hours?)(?=\s+(?:[\w“”\"-]+\s+){0,3}?"
    r"(?P<noun>[a-z][\w-]*))",
)
_RE_DUR_FOR = re.compile(
    r"\b(?P<verb>for|lasted|lasting|lasts|last|took|taking|spanned|spanning|after|of)\s+"
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{_AMOUNT_DUR})(?![\w-])(?!\s+(?:ago|earlier|later|old))"
)
_RE_DUR_ORD = re.compile(
    rf"\b(?:enters?|entered|entering|into|in|is in|now in)\s+(?P<amount>its\s+(?:{ORDINALS})\s+"
    r"(?:day|week|month|year|decade))\b"
)
_RE_DUR_ADJECTIVE = re.compile(r"(?<![\w-])(?P<amount>lengthy|brief|marathon|hours-long|hourslong|protracted)\b")
_RE_OF_WHAT = re.compile(r"\s+(?:talks|negotiations|deliberations|play|fighting|war)")
_RE_AFTER_OF = re.compile(r"\s+of\b")
_RE_ONGOING = re.compile(r"\b(?:enters?|entering|is now|ongoing|continues|remains|has been|have been|still)\b")
_RE_YEARS = re.compile(r"\b(?:years?|decades?)\b")
#: Words between "brief"/"lengthy" and an event noun that mean the adjective describes something else.
_GAP_STOP = tables.wordset("gap_stopwords.txt")


def _dur_scale(amount: str) -> str:
    return "short" if re.search(r"second|minute|hour", amount) else "long"


def find(doc: Doc) -> Iterator[Found]:
    """Adjectival lengths, "for/lasted <amount>", "in its <ordinal> <unit>", then length adjectives; no overlaps."""
    text = doc.text
    seen = Spans()

    def emit(m_start: int, m_end: int, amount: str, hedge: str | None, scale: str | None) -> Iterator[Found]:
        if seen.overlaps(m_start, m_end):
            return
        # years with no event noun in the sentence are someone's tenure or career, no event's length
        found = event_for(doc, m_start, m_end, scale=scale, fallback=not _RE_YEARS.search(amount))
        if found is None:
            return
        ev, noun = found
        attr, astart = attribution(doc, m_start, m_end)
        start, end = span_with(doc, m_start, m_end, noun, ev)
        start = min(start, astart)
        seen.add(m_start, m_end)
        yield Found(
            start,
            end,
            {
                "event": ev,
                "amount": amount,
                "hedge": hedge,
                "modality": "ongoing" if _RE_ONGOING.search(text[max(0, m_start - 40) : m_end]) else "happened",
                "attribution": attr,
            },
            DurationClaim,
        )

    for m in _RE_DUR_ADJ.finditer(text):
        noun = m.group("noun")
        amount = m.group("amount")
        is_adj = "-" in amount or amount in ("an hour and a half",) or amount.startswith("one and a half hour")
        if not is_adj:
            continue
        # the adjective must modify an event noun close by
        nxt = doc.text[m.end() : m.end() + 40].lower()
        ev_near = bool(doc.events_between(m.end(), m.end() + 31))
        if not ev_near and noun not in EVENT_NOUNS and not re.match(r"\s+(?:phone|telephone)", nxt):
            continue
        yield from emit(m.start("amount"), m.end("amount"), amount, m.group("hedge"), _dur_scale(amount))
    for m in _RE_DUR_FOR.finditer(text):
        amount = m.group("amount")
        of_event = doc.event_ends_between(m.start() - 2, m.start())
        if m.group("verb") == "of" and not of_event and not _RE_OF_WHAT.match(text, m.end()):
            continue
        if m.group("verb") == "after" and not _RE_AFTER_OF.match(text, m.end()):
            continue
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        yield from emit(st, m.end("amount"), amount, m.group("hedge"), _dur_scale(amount))
    for m in _RE_DUR_ORD.finditer(text):
        yield from emit(m.start("amount"), m.end("amount"), m.group("amount"), None, "long")
    for m in _RE_DUR_ADJECTIVE.finditer(text):
        word = m.group("amount")
        s, e = doc.sentence_of(m.start())
        after = doc.events_between(m.end(), min(m.end() + 41, e))
        described = re.search(
            r"\b(?:described|called|calling|termed)\b[^.;]{0,30}\bas\s+[“\"]?$",
            text[max(s, m.start() - 60) : m.start()],
        )
        if not after and not described:
            continue
        if after and not described:
            gap = text[m.end() : after[0].start]
            gap_words = re.findall(r"[\w’'-]+", gap)
            if len(gap_words) > 4 or re.search(r"[.;]", gap) or any(w.lower() in _GAP_STOP for w in gap_words):
                continue
        yield from emit(m.start(), m.end(), word, None, "short" if word != "protracted" else None)
