"""The offline extractor: deterministic, rule-based claims with no model.

With no model configured, ``checker check`` still has to find the facts that
news articles disagree on. This package reads an article with compiled regular
expressions and a few small lexicons (``data/``), and returns the same typed,
grounded claims as the model path (see ``checker/schema.py`` and
``docs/claims-conventions.md``), so the reconciler cannot tell them apart.

Every claim's evidence is a slice of the input, so offsets are exact by
construction; there is no randomness, clock or network, so the same text
always gives the same claims (the cache key includes :data:`EXTRACTOR_VERSION`).

Outline: split sentences and find quotations (:mod:`.document`); index the
people the article names (titled names, surnames reused alone, speakers) so
that surnames and pronouns resolve to full names (:mod:`.people`); find event
nouns and the article's dominant participants per event type (:mod:`.events`);
then run one small extractor per claim kind (:mod:`.event_times`,
:mod:`.durations`, :mod:`.quantities`, :mod:`.roles`, :mod:`.quotes`,
:mod:`.memberships`, :mod:`.propositions`), which share :mod:`.attribution`
for who says so and how sure.
"""

from __future__ import annotations

from checker.offline import durations, event_times, memberships, propositions, quantities, quotes, roles
from checker.offline.document import Doc, Found
from checker.offline.events import find_events
from checker.offline.people import find_appositive_titles, find_titled, index_people, name_candidates
from checker.schema.common import Span
from checker.schema.v1 import (
    Claim,
    DurationClaim,
    EventTimeClaim,
    GroundedClaim,
    MembershipClaim,
    PropositionClaim,
    QuantityClaim,
    QuoteClaim,
    RoleClaim,
)

EXTRACTOR_VERSION = "offline-2.0"

__all__ = ["EXTRACTOR_VERSION", "date_line", "extract"]

_KINDS: dict[type, str] = {
    EventTimeClaim: "event_time",
    DurationClaim: "duration",
    QuantityClaim: "quantity",
    RoleClaim: "role",
    QuoteClaim: "quote",
    MembershipClaim: "membership",
    PropositionClaim: "proposition",
}
_KIND_ORDER = {"event_time": 0, "duration": 1, "quantity": 2, "role": 3, "quote": 4, "membership": 5, "proposition": 6}
#: One extractor per claim kind, in the order their claims are collected (duplicates keep the first).
_EXTRACTORS = (
    event_times.find,
    durations.find,
    quantities.find,
    roles.find,
    quotes.find,
    memberships.find,
    propositions.find,
)


def _analyse(text: str) -> Doc:
    """What every extractor shares: sentences, quotes, headlines, people (indexed twice: appositive titles
    need the names found first), and events."""
    doc = Doc(text)
    candidates = name_candidates(doc)
    titled = find_titled(text)
    index_people(doc, titled, candidates)
    titled += find_appositive_titles(text, doc)
    doc.set_titled(sorted(titled, key=lambda t: t.start))
    index_people(doc, doc.titled, candidates)
    find_events(doc)
    return doc


def extract(text: str) -> list[GroundedClaim]:
    """Claims of one article, in source order, each grounded exactly at its evidence."""
    doc = _analyse(text)
    found: list[Found] = []
    for gen in _EXTRACTORS:
        found.extend(gen(doc))
    out: list[GroundedClaim] = []
    seen: set[str] = set()
    for f in found:
        start, end = f.start, f.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        evidence = text[start:end]
        claim: Claim = f.cls(kind=_KINDS[f.cls], evidence=evidence, **f.claim_kwargs)
        key = claim.model_dump_json()
        if key in seen:
            continue
        seen.add(key)
        out.append(
            GroundedClaim(claim=claim, evidence=Span(text=evidence, start=start, end=end), match="exact", score=100.0)
        )
    out.sort(key=lambda g: (g.evidence.start, g.evidence.end, _KIND_ORDER[g.claim.kind]))
    return out


def date_line(text: str) -> Span | None:
    """The article's dateline or byline date ("Wednesday, February 11, 2026"), which dates its "yesterday"
    and bare weekdays when no publication date is known; None when its top gives no date with a year."""
    found = event_times.date_line(text)
    if found is None:
        return None
    return Span(text=text[found[0] : found[1]], start=found[0], end=found[1])
