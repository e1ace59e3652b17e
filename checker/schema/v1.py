"""Claims file form 1.0 and the answer of prompt ``extract_claims.v1``: kept so that both still load.

Version 1.0 files are read and converted to 2.0 (:mod:`checker.schema.convert`); a run with the
released prompt ``extract_claims.v1`` asks the model for this :class:`ExtractionResult` and converts
its grounded claims the same way. Nothing here may change: the descriptions are part of the v1
request (its recorded cassettes match on the request body).

* :class:`ExtractionResult` is what the v1 prompt asks for: claims with their verbatim evidence,
  no offsets (models are bad at counting characters).
* :class:`SourceClaims` is the 1.0 file form of one source's grounded claims.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from checker.schema.common import ExtractorInfo, MatchKind, ModelFacing, ModelFacingSchema, SourceMeta, Span, _Strict

SCHEMA_VERSION = "1.0"

Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
Modality = Literal["happened", "ongoing", "planned", "speculative"]
Status = Literal["current", "former", "acting", "incoming", "unspecified"]
Completeness = Literal["complete", "partial", "unspecified"]
SourceType = Literal["outlet", "person", "organisation", "document", "anonymous"]


class Attribution(_Strict):
    """Whose claim this is: the outlet's own voice, or someone the article quotes or cites."""

    source_type: SourceType = Field(
        description=(
            "'outlet' when the article states it in its own voice; 'person' when it is attributed to a "
            "named person ('Trump said'); 'organisation' for a named body ('the Kremlin confirmed', "
            "'police said'); 'document' for figures or records ('official figures', 'a court filing'); "
            "'anonymous' for unnamed sources ('a senior official', 'sources close to')."
        )
    )
    name: str | None = Field(
        description=(
            "Who, as the article names them: a person's full name, or the body or document "
            "('the Kremlin', 'official figures'). null for the outlet's own voice or an unnamed source."
        )
    )


class EventRef(_Strict):
    """The event a claim is about, named by its kind and who took part, the same way in every claim about it."""

    type: str = Field(
        description=(
            "What kind of event, as a short lowercase noun phrase without adjectives: 'phone call', "
            "'meeting', 'war', 'election', 'trial', 'match', 'storm', 'strike'. Use the same words for "
            "the same event throughout ('the call', 'their conversation' and 'the talks' about one phone "
            "call are all 'phone call')."
        )
    )
    participants: list[str] = Field(
        description=(
            "Who took part, alphabetically: people by full name as the article gives it anywhere "
            "('Donald Trump', not 'Trump'), or countries and organisations ('Russia', 'Ukraine')."
        )
    )


class _ClaimBase(_Strict):
    evidence: str = Field(
        description=(
            "The shortest passage copied character for character from the article that states the claim. "
            "Never paraphrase, never join separate passages."
        )
    )
    attribution: Attribution = Field(description="Whose claim this is.")
    hedge: str | None = Field(
        description=(
            "The hedge or qualifier exactly as written ('approximately', 'nearly', 'more than', "
            "'some', 'at least', 'about'); null when there is none."
        )
    )
    modality: Modality = Field(
        description=(
            "'happened' for past facts, 'ongoing' for states that still hold, 'planned' for future or "
            "intended events, 'speculative' for possibilities ('could', 'might', 'may')."
        )
    )


class EventTimeClaim(_ClaimBase):
    """When an event happened or will happen."""

    kind: Literal["event_time"] = Field(description="Claim kind tag.")
    event: EventRef = Field(description="The event dated by this claim.")
    date: str | None = Field(
        description=(
            "The calendar date as written, possibly partial ('Feb. 12', 'February 2025', '2025-02-12'); "
            "null when no date is given."
        )
    )
    weekday: Weekday | None = Field(description="The day of the week named in the text; null when none is named.")
    time_of_day: str | None = Field(
        description="The time of day as written ('morning', '10 a.m.', 'late on'); null when none is given."
    )
    as_written: str = Field(description="The whole time expression as written ('On Wednesday morning').")


class DurationClaim(_ClaimBase):
    """How long an event lasted or has lasted."""

    kind: Literal["duration"] = Field(description="Claim kind tag.")
    event: EventRef = Field(description="The event whose length is stated.")
    amount: str = Field(
        description=(
            "The length as written, without the hedge: '90-minute', 'one and a half hours', "
            "'three years', 'lengthy', 'its third year'."
        )
    )


class QuantityClaim(_ClaimBase):
    """A counted or measured amount."""

    kind: Literal["quantity"] = Field(description="Claim kind tag.")
    measure: str = Field(
        description=(
            "What is counted, as a plain noun: 'deaths', 'injured', 'displaced people', 'employees', "
            "'share of the vote', 'price'. Different measures are different facts: deaths are not displaced "
            "people."
        )
    )
    event: EventRef | None = Field(description="The event or situation the amount belongs to; null when none.")
    amount: str = Field(
        description=(
            "The amount as written, without the hedge: '27', 'tens of thousands', 'millions', '4.5%', 'three'."
        )
    )
    unit: str | None = Field(
        description="The unit as written when the amount has one ('km', 'dollars', 'percent'); null for counts."
    )


class RoleClaim(_ClaimBase):
    """A person holding a title or office."""

    kind: Literal["role"] = Field(description="Claim kind tag.")
    person: str = Field(description="The person's full name as the article gives it anywhere.")
    title: str = Field(
        description=(
            "The title or office exactly as written before or after the name, qualifiers included: "
            "'Former President', 'Russian President', 'National Security Advisor', 'Secretary of State'."
        )
    )
    organisation: str | None = Field(
        description=(
            "The country or organisation the office belongs to when written or implied by an adjective "
            "('Russian President' -> 'Russia', 'CIA Director' -> 'CIA'); null when not stated."
        )
    )
    status: Status = Field(
        description=(
            "'former', 'acting' or 'incoming' only when the text says so; 'current' when the title is used "
            "plainly of the present; 'unspecified' when it cannot be told."
        )
    )


class QuoteClaim(_ClaimBase):
    """Words the article puts in quotation marks, with who said them."""

    kind: Literal["quote"] = Field(description="Claim kind tag.")
    speaker: str | None = Field(
        description="Who said it, by full name (a pronoun resolved to the person); null when the article does not say."
    )
    text: str = Field(description="The quoted words exactly as written, without the quotation marks.")


class MembershipClaim(_ClaimBase):
    """A group and the people or things the article lists in it."""

    kind: Literal["membership"] = Field(description="Claim kind tag.")
    group: str = Field(
        description="The group as a plain noun phrase: 'US negotiating team', 'topics of the phone call', 'jury'."
    )
    members: list[str] = Field(description="The members listed, people by full name, in the article's order.")
    completeness: Completeness = Field(
        description=(
            "'partial' when the list is introduced as a selection ('including', 'like', 'such as', 'among "
            "them'); 'complete' when presented as the whole group ('the three members are'); otherwise "
            "'unspecified'."
        )
    )


class PropositionClaim(_ClaimBase):
    """Any other checkable statement, as subject, predicate, object."""

    kind: Literal["proposition"] = Field(description="Claim kind tag.")
    subject: str = Field(description="Who or what the statement is about; people by full name.")
    predicate: str = Field(
        description="The action or relation as a base-form verb phrase: 'invite', 'begin', 'call unrealistic'."
    )
    object: str | None = Field(
        description="What the predicate applies to, in a few words ('Donald Trump to visit Moscow'); null when none."
    )
    negated: bool = Field(description="True when the article says it did not or will not happen.")


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


class _ModelFacingSchema(ModelFacingSchema):
    common_fields = tuple(_ClaimBase.model_fields)


class ExtractionResult(ModelFacing):
    """What an extractor returns for one text: every checkable claim with its evidence."""

    json_schema_generator = _ModelFacingSchema

    claims: list[Claim] = Field(description="Every checkable claim in the article, each with verbatim evidence.")


# --- the grounded file form ----------------------------------------------------


class GroundedClaim(_Strict):
    """A claim whose evidence was found in the source."""

    claim: Claim = Field(description="The claim as extracted.")
    evidence: Span = Field(description="Where the claim's evidence sits in the source.")
    match: MatchKind = Field(
        description="How the evidence was found: verbatim, after whitespace/quote normalisation, or fuzzily."
    )
    score: float = Field(ge=0, le=100, description="Match score, 100 for exact and normalised matches.")


class UngroundedClaim(_Strict):
    """A claim whose evidence could not be found: reported, never reconciled."""

    claim: Claim = Field(description="The claim as extracted.")
    reason: str = Field(description="Why it could not be grounded.")


class SourceClaims(_Strict):
    """The claims of one source: the documented JSON file form."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")
    source: SourceMeta = Field(description="The source the claims come from.")
    extractor: ExtractorInfo = Field(description="Who extracted the claims.")
    claims: list[GroundedClaim] = Field(description="Claims grounded in the source text, in source order.")
    ungrounded: list[UngroundedClaim] = Field(
        default_factory=list, description="Claims whose evidence was not found in the source."
    )
