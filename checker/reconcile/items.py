"""The reconciler's input, in one canonical order: each grounded claim with its source's context.

The same claims in any order must give a byte-identical report, so sources are sorted by name
(their content breaks a tie) and claims by where they sit in their source; every later stage
iterates in this order and never over a set or a hash. A claim's ``position`` in that order is
also how a model's alignment refers to it (``s3.12``), so the two must agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from checker.normalize import parse_date
from checker.schema import Entity, Event, GroundedClaim, SourceClaims, Span
from checker.schema.claims import Claim
from checker.schema.convert import UNNAMED_SOURCE

OUTLET = "outlet"


@dataclass(frozen=True, slots=True)
class Voice:
    """Whose claim a value is: the article's own voice, or the entity it attributes the claim to."""

    kind: str  # outlet, person, organisation, place, document, anonymous
    name: str | None  # None for the outlet and for an unnamed source nobody named
    entity: str | None  # the source's entity id, None for the outlet

    @property
    def attributed(self) -> bool:
        return self.kind != OUTLET


OWN_VOICE = Voice(OUTLET, None, None)


@dataclass(frozen=True, slots=True)
class Item:
    """One grounded claim with what the rules need from its source."""

    source: str
    position: int  # index in the source's canonical claim order
    reference: dt.date | None  # what "yesterday" and "on Monday" count from: publication date, else dateline
    claim: Claim
    span: Span  # the evidence
    value: Span | None  # where the value sits, when the claim has one
    voice: Voice

    @property
    def ref(self) -> tuple[str, int]:
        return (self.source, self.position)


@dataclass
class SourceView:
    """A source's inventory, indexed."""

    source: SourceClaims
    entities: dict[str, Entity]
    events: dict[str, Event]
    reference: dt.date | None


def canonical_sources(sources: Sequence[SourceClaims]) -> list[SourceClaims]:
    """Sources sorted by name; equal names (a caller's mistake) are ordered by their content."""
    names = [s.source.name for s in sources]
    if len(set(names)) == len(names):
        return sorted(sources, key=lambda s: s.source.name)
    return sorted(sources, key=lambda s: (s.source.name, s.model_dump_json()))


def _claim_order(g: GroundedClaim) -> tuple[int, int, int, str]:
    return (g.evidence.start, g.evidence.end, g.value.start if g.value is not None else -1, g.claim.kind)


def canonical_claims(source: SourceClaims) -> list[GroundedClaim]:
    """A source's claims by position; claims at one place are ordered by their content."""
    keyed = sorted(source.claims, key=_claim_order)
    out: list[GroundedClaim] = []
    i = 0
    while i < len(keyed):  # claims at the same place: their content orders them (rare, so dumped lazily)
        j = i + 1
        while j < len(keyed) and _claim_order(keyed[j]) == _claim_order(keyed[i]):
            j += 1
        group = keyed[i:j]
        if len(group) > 1:
            group = sorted(group, key=lambda g: g.claim.model_dump_json())
        out.extend(group)
        i = j
    return out


_DATE_IN_LINE = re.compile(r"\b(?:19|20)\d\d\b|\d{1,2}/\d{1,2}/\d{2,4}")


@lru_cache(maxsize=1 << 12)
def dateline_date(text: str) -> dt.date | None:
    """The date a dateline gives ("RIVERTON, May 4 (Wire) -", "Updated 4/9/2007 6:04 PM"), if it gives one."""
    us = re.search(r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b", text)
    if us:
        month, day, year = int(us.group(1)), int(us.group(2)), int(us.group(3))
        year += 2000 if year < 100 else 0
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return parse_date(text, None)


def view_of(source: SourceClaims) -> SourceView:
    reference = source.source.published
    if reference is None and source.date_line is not None:
        reference = dateline_date(source.date_line.text)
    return SourceView(
        source=source,
        entities={e.id: e for e in source.entities},
        events={e.id: e for e in source.events},
        reference=reference,
    )


def voice_of(view: SourceView, said_by: str | None) -> Voice:
    entity = view.entities.get(said_by) if said_by is not None else None
    if entity is None:
        return OWN_VOICE
    name = None if entity.type == "anonymous" and entity.name == UNNAMED_SOURCE else entity.name
    return Voice(entity.type, name, entity.id)


def items_of(sources: Sequence[SourceClaims]) -> tuple[list[SourceClaims], list[Item], dict[str, SourceView]]:
    """Sources and items in canonical order, and each source's indexed inventory."""
    ordered = canonical_sources(sources)
    views: dict[str, SourceView] = {}
    items: list[Item] = []
    for source in ordered:
        view = view_of(source)
        views.setdefault(source.source.name, view)
        for position, grounded in enumerate(canonical_claims(source)):
            claim = grounded.claim
            if claim.kind == "quote":
                speaker = view.entities.get(claim.speaker) if claim.speaker else None
                voice = Voice(speaker.type, speaker.name, speaker.id) if speaker else Voice("anonymous", None, None)
            elif claim.kind == "role":
                voice = OWN_VOICE
            else:
                voice = voice_of(view, claim.said_by)
            items.append(
                Item(
                    source=source.source.name,
                    position=position,
                    reference=view.reference,
                    claim=claim,
                    span=grounded.evidence,
                    value=grounded.value,
                    voice=voice,
                )
            )
    return ordered, items, views
