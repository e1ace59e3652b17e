"""Terse builders for hand-made claim sets: an article grows sentence by sentence, claims get real offsets.

Tests read better when a case is a few lines of story, and real offsets keep the
evidence honest (every span is exactly ``text[start:end]``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from checker.schema.v1 import (
    Attribution,
    Claim,
    DurationClaim,
    EventRef,
    EventTimeClaim,
    ExtractorInfo,
    GroundedClaim,
    MembershipClaim,
    PropositionClaim,
    QuantityClaim,
    QuoteClaim,
    RoleClaim,
    SourceClaims,
    SourceMeta,
    Span,
    UngroundedClaim,
)

OUTLET = Attribution(source_type="outlet", name=None)


def by(name: str | None = None, kind: str = "person") -> Attribution:
    """Attribution to a person (default), organisation, document or anonymous source."""
    return Attribution(source_type=kind, name=name)  # type: ignore[arg-type]


def ev(kind: str, *participants: str) -> EventRef:
    return EventRef(type=kind, participants=sorted(participants))


def _base(evidence: str, attribution: Attribution | None, hedge: str | None, modality: str) -> dict[str, Any]:
    return {"evidence": evidence, "attribution": attribution or OUTLET, "hedge": hedge, "modality": modality}


def when(
    evidence: str,
    event: EventRef,
    *,
    weekday: str | None = None,
    date: str | None = None,
    time_of_day: str | None = None,
    modality: str = "happened",
    attribution: Attribution | None = None,
) -> EventTimeClaim:
    return EventTimeClaim(
        kind="event_time",
        event=event,
        date=date,
        weekday=weekday,  # type: ignore[arg-type]
        time_of_day=time_of_day,
        as_written=evidence,
        **_base(evidence, attribution, None, modality),
    )


def lasted(
    evidence: str,
    event: EventRef,
    amount: str,
    *,
    hedge: str | None = None,
    modality: str = "happened",
    attribution: Attribution | None = None,
) -> DurationClaim:
    return DurationClaim(kind="duration", event=event, amount=amount, **_base(evidence, attribution, hedge, modality))


def count(
    evidence: str,
    measure: str,
    amount: str,
    *,
    event: EventRef | None = None,
    unit: str | None = None,
    hedge: str | None = None,
    modality: str = "happened",
    attribution: Attribution | None = None,
) -> QuantityClaim:
    return QuantityClaim(
        kind="quantity",
        measure=measure,
        event=event,
        amount=amount,
        unit=unit,
        **_base(evidence, attribution, hedge, modality),
    )


def role(
    evidence: str,
    person: str,
    title: str,
    *,
    status: str = "current",
    organisation: str | None = None,
    attribution: Attribution | None = None,
) -> RoleClaim:
    return RoleClaim(
        kind="role",
        person=person,
        title=title,
        organisation=organisation,
        status=status,  # type: ignore[arg-type]
        **_base(evidence, attribution, None, "ongoing"),
    )


def quote(evidence: str, speaker: str | None, text: str, *, modality: str = "happened") -> QuoteClaim:
    attribution = by(speaker) if speaker else by(None, "anonymous")
    return QuoteClaim(kind="quote", speaker=speaker, text=text, **_base(evidence, attribution, None, modality))


def members(
    evidence: str,
    group: str,
    listed: list[str],
    completeness: str = "partial",
    *,
    attribution: Attribution | None = None,
) -> MembershipClaim:
    return MembershipClaim(
        kind="membership",
        group=group,
        members=listed,
        completeness=completeness,  # type: ignore[arg-type]
        **_base(evidence, attribution, None, "happened"),
    )


def prop(
    evidence: str,
    subject: str,
    predicate: str,
    obj: str | None = None,
    *,
    negated: bool = False,
    modality: str = "happened",
    attribution: Attribution | None = None,
) -> PropositionClaim:
    return PropositionClaim(
        kind="proposition",
        subject=subject,
        predicate=predicate,
        object=obj,
        negated=negated,
        **_base(evidence, attribution, None, modality),
    )


class Article:
    """A source under construction: ``add`` appends a sentence and grounds its claims in it."""

    def __init__(self, name: str, published: dt.date | None = None, outlet: str | None = None) -> None:
        self.name = name
        self.published = published
        self.outlet = outlet
        self.text = ""
        self.claims: list[GroundedClaim] = []
        self.ungrounded: list[UngroundedClaim] = []

    def add(self, sentence: str, *claims: Claim) -> Article:
        start = len(self.text)
        self.text += sentence + "\n"
        for claim in claims:
            offset = sentence.index(claim.evidence)
            span = Span(text=claim.evidence, start=start + offset, end=start + offset + len(claim.evidence))
            self.claims.append(GroundedClaim(claim=claim, evidence=span, match="exact", score=100))
        return self

    def lost(self, claim: Claim, reason: str = "evidence not found in source") -> Article:
        self.ungrounded.append(UngroundedClaim(claim=claim, reason=reason))
        return self

    def build(self) -> SourceClaims:
        return SourceClaims(
            source=SourceMeta(name=self.name, outlet=self.outlet, published=self.published),
            extractor=ExtractorInfo(kind="hand-written"),
            claims=self.claims,
            ungrounded=self.ungrounded,
        )
