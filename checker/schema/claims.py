"""Claims file form 2.0: an article's inventory (people, organisations, places, events) and the typed
claims that refer to it, each grounded in the article.

Independent extractions of one story must name one fact the same way, or the reconciler never
sees that they disagree. So identities are separated from values: who and what a claim is about
come from a small per-article inventory (each entity and event named once, with an id), and every
value is a verbatim span of the article ("more than $250,000", "Former President", "on Thursday
morning") that the deterministic normalisers interpret. The field descriptions below are sent to
the model (through :mod:`checker.schema.answer`), so they are written as instructions.

"Not stated" is always an explicit ``null`` (or ``unspecified``), never a guess; unknown keys are
an error; ids must resolve (a claim naming an undefined entity or event is refused).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from checker.schema.common import ExtractorInfo, MatchKind, SourceMeta, Span, _Strict

SCHEMA_VERSION = "2.0"

EntityType = Literal["person", "organisation", "place", "document", "anonymous"]
EventStatus = Literal["happened", "ongoing", "planned", "possible"]
Modality = Literal["happened", "ongoing", "planned", "speculative"]
Completeness = Literal["complete", "partial", "unspecified"]

_ID = r"^[a-z][a-z0-9_]*$"


class Entity(_Strict):
    """A person, organisation, place, document or unnamed source the article mentions, named once."""

    id: str = Field(pattern=_ID, description="A short id, unique in the article ('trump', 'police', 'acme').")
    type: EntityType = Field(
        description=(
            "person; organisation (also unnamed bodies: 'police'); place; document (figures, records, filings); "
            "anonymous (unnamed people: 'a senior official', 'witnesses')."
        )
    )
    name: str = Field(
        description=(
            "The fullest name the article gives anywhere, without honorifics or titles ('Donald Trump'); "
            "for documents and unnamed sources the words as written."
        )
    )


class Event(_Strict):
    """Something that happened or will happen, named once; claims about it refer to its id."""

    id: str = Field(pattern=_ID, description="A short id, unique in the article ('call', 'flood', 'trial').")
    type: str = Field(description="What kind of event, as a short lowercase noun ('phone call', 'flood', 'trial').")
    participants: list[str] = Field(
        description="Ids of the entities who took part or were affected, places and organisations included; any order."
    )
    when: str | None = Field(
        description="Its date or year as written, when that tells it apart from another event of its type; else null."
    )
    status: EventStatus = Field(description="happened, ongoing, planned (scheduled, intended) or possible.")
    part_of: str | None = Field(description="The id of the larger event this one is a stage of; else null.")
    background: bool = Field(description="true for an earlier or other event given only as context.")


class _Voiced(_Strict):
    said_by: str | None = Field(
        description="The id of the entity the article attributes it to; null for the article's own voice."
    )


class EventTimeFields(_Voiced):
    """When an event happened or will happen."""

    event: str = Field(description="The id of the event.")
    value: str = Field(description="The time expression as written ('on Thursday morning', 'Feb. 12', 'yesterday').")


class DurationFields(_Voiced):
    """How long something lasted, lasts or will last, or a term imposed (a sentence, a contract)."""

    event: str | None = Field(description="The id of the event or term; null for a standing fact (a tenure).")
    subject: str | None = Field(description="The id of the entity whose length it is (a runner's time); else null.")
    value: str = Field(description="The length as written, hedge included ('90-minute', 'nearly three years').")


class QuantityFields(_Voiced):
    """A number: a count, an amount of money, a rate, a measurement, a score, an ordinal."""

    measure: str = Field(description="What is counted, as a plain noun ('people killed', 'age', 'seats').")
    subject: str | None = Field(description="The id of the entity the number belongs to (whose age); else null.")
    event: str | None = Field(description="The id of the event it belongs to; null for a standing fact.")
    value: str = Field(description="The number as written with its hedge and unit ('at least 12', '$3.4m').")


class RoleFields(_Strict):
    """A person holding an office, rank or position."""

    person: str = Field(description="The id of the person.")
    title: str = Field(description="The office or rank as written, qualifiers included ('Former President').")
    organisation: str | None = Field(description="The id of the body or country the office belongs to; else null.")


class QuoteFields(_Strict):
    """Words the article puts in quotation marks."""

    speaker: str | None = Field(description="The id of who said them; null when the article does not say.")
    text: str = Field(description="Exactly the characters between the quotation marks.")


class MembershipFields(_Voiced):
    """A group and the people or things the article lists in it."""

    group: str = Field(description="The group as a plain noun phrase ('US negotiating team').")
    members: list[str] = Field(description="The members in the article's order: entity ids, or words for things.")
    completeness: Completeness = Field(description="partial (a selection), complete (the whole group) or unspecified.")


class PropositionFields(_Voiced):
    """Any other checkable statement: whether something was done, is so, or will be."""

    subject: str = Field(description="Who or what it is about: an entity id, or a short phrase.")
    predicate: str = Field(description="A base-form verb phrase ('invite', 'resign', 'call unrealistic').")
    object: str | None = Field(description="What it applies to, in a few words; null when none.")
    negated: bool = Field(description="true when the article says it did not or will not happen.")
    modality: Modality = Field(description="happened, ongoing, planned ('will') or speculative ('could', 'may').")


class EventTimeClaim(EventTimeFields):
    __doc__ = EventTimeFields.__doc__
    kind: Literal["event_time"] = "event_time"


class DurationClaim(DurationFields):
    __doc__ = DurationFields.__doc__
    kind: Literal["duration"] = "duration"


class QuantityClaim(QuantityFields):
    __doc__ = QuantityFields.__doc__
    kind: Literal["quantity"] = "quantity"


class RoleClaim(RoleFields):
    __doc__ = RoleFields.__doc__
    kind: Literal["role"] = "role"


class QuoteClaim(QuoteFields):
    __doc__ = QuoteFields.__doc__
    kind: Literal["quote"] = "quote"


class MembershipClaim(MembershipFields):
    __doc__ = MembershipFields.__doc__
    kind: Literal["membership"] = "membership"


class PropositionClaim(PropositionFields):
    __doc__ = PropositionFields.__doc__
    kind: Literal["proposition"] = "proposition"


Claim = Annotated[
    EventTimeClaim | DurationClaim | QuantityClaim | RoleClaim | QuoteClaim | MembershipClaim | PropositionClaim,
    Field(discriminator="kind"),
]
CLAIM_KINDS: tuple[str, ...] = (
    "event_time",
    "duration",
    "quantity",
    "role",
    "quote",
    "membership",
    "proposition",
)

CLAIM_CLASS: dict[str, type[Any]] = {
    "event_time": EventTimeClaim,
    "duration": DurationClaim,
    "quantity": QuantityClaim,
    "role": RoleClaim,
    "quote": QuoteClaim,
    "membership": MembershipClaim,
    "proposition": PropositionClaim,
}

#: Per claim kind: the fields that hold an entity id (a proposition's subject and a list's members may
#: hold one or words instead, so they are not here).
ENTITY_FIELDS: dict[str, tuple[str, ...]] = {
    "event_time": ("said_by",),
    "duration": ("said_by", "subject"),
    "quantity": ("said_by", "subject"),
    "role": ("person", "organisation"),
    "quote": ("speaker",),
    "membership": ("said_by",),
    "proposition": ("said_by",),
}
#: The field that holds a verbatim value of the article, per kind (None: the claim has no single value).
VALUE_FIELD: dict[str, str | None] = {
    "event_time": "value",
    "duration": "value",
    "quantity": "value",
    "role": "title",
    "quote": "text",
    "membership": None,
    "proposition": None,
}


class GroundedClaim(_Strict):
    """A claim found in the source: the sentence that states it and, where it has one, its value's span."""

    claim: Claim = Field(description="The claim as extracted.")
    evidence: Span = Field(description="The passage of the source that states the claim (its sentence).")
    value: Span | None = Field(
        default=None, description="Where the claim's verbatim value (amount, title, time, quote) sits; null if none."
    )
    match: MatchKind = Field(
        description="How the value was found: verbatim, after whitespace/quote normalisation, or fuzzily."
    )
    score: float = Field(ge=0, le=100, description="Match score, 100 for exact and normalised matches.")


class UngroundedClaim(_Strict):
    """A claim that could not be found in the source: reported, never reconciled."""

    claim: Claim = Field(description="The claim as extracted.")
    reason: str = Field(description="Why it could not be grounded.")


class SourceClaims(_Strict):
    """The claims of one source: the documented JSON file form (version 2.0)."""

    schema_version: Literal["2.0"] = Field(default="2.0", description="Version of this schema.")
    source: SourceMeta = Field(description="The source the claims come from.")
    extractor: ExtractorInfo = Field(description="Who extracted the claims.")
    date_line: Span | None = Field(
        default=None, description="The article's own dateline or date line, where it has one."
    )
    entities: list[Entity] = Field(default_factory=list, description="The people, bodies and places claims refer to.")
    events: list[Event] = Field(default_factory=list, description="The events claims refer to.")
    claims: list[GroundedClaim] = Field(description="Claims grounded in the source text, in source order.")
    ungrounded: list[UngroundedClaim] = Field(
        default_factory=list, description="Claims that could not be found in the source."
    )

    @model_validator(mode="after")
    def _ids_resolve(self) -> SourceClaims:
        entities = {e.id for e in self.entities}
        events = {e.id for e in self.events}
        if len(entities) != len(self.entities) or len(events) != len(self.events):
            raise ValueError("entity and event ids must be unique")
        for event in self.events:
            missing = [p for p in event.participants if p not in entities]
            if missing:
                raise ValueError(f"event {event.id!r} names undefined entities: {', '.join(missing)}")
            if event.part_of is not None and event.part_of not in events:
                raise ValueError(f"event {event.id!r} is part of an undefined event {event.part_of!r}")
        for claim in [g.claim for g in self.claims] + [u.claim for u in self.ungrounded]:
            problem = undefined_reference(claim, entities, events)
            if problem:
                raise ValueError(problem)
        return self

    def entity(self, entity_id: str | None) -> Entity | None:
        """The entity an id names (None for None); for many look-ups, index ``entities`` once instead."""
        return next((e for e in self.entities if e.id == entity_id), None) if entity_id is not None else None

    def event(self, event_id: str | None) -> Event | None:
        """The event an id names (None for None); for many look-ups, index ``events`` once instead."""
        return next((e for e in self.events if e.id == event_id), None) if event_id is not None else None


def undefined_reference(claim: Any, entities: set[str], events: set[str]) -> str | None:
    """Why a claim's ids do not resolve, or None (a proposition's subject and members may be words)."""
    for name in ENTITY_FIELDS[claim.kind]:
        ref = getattr(claim, name)
        if ref is not None and ref not in entities:
            return f"a {claim.kind} claim names an undefined entity {ref!r} in {name}"
    event = getattr(claim, "event", None)
    if event is not None and event not in events:
        return f"a {claim.kind} claim names an undefined event {event!r}"
    return None


def claims_file_schema() -> dict[str, Any]:
    """JSON Schema of the claims file form (what ``checker schema`` prints)."""
    return SourceClaims.model_json_schema()
