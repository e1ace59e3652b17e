"""Typed claims: the one contract between the extractors and the reconciler.

The reconciler can only compare what this schema captures, so every field is
described for the model that fills it (the descriptions are sent with the
request), extra keys are forbidden, and "not stated" is always an explicit
``null`` rather than a guessed value.

Two shapes live here:

* :class:`ExtractionResult` is what an extractor returns: claims with their
  verbatim evidence, no offsets (models are bad at counting characters).
* :class:`SourceClaims` is the documented file form of one source's grounded
  claims (``checker extract`` writes it, ``checker reconcile`` reads it):
  every claim carries the span of the source it was found at.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

SCHEMA_VERSION = "1.0"

Weekday = Literal["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
Modality = Literal["happened", "ongoing", "planned", "speculative"]
Status = Literal["current", "former", "acting", "incoming", "unspecified"]
Completeness = Literal["complete", "partial", "unspecified"]
SourceType = Literal["outlet", "person", "organisation", "document", "anonymous"]


class _Strict(BaseModel):
    """Base for every schema model: unknown keys are an error, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


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


class _ModelFacingSchema(GenerateJsonSchema):
    """The JSON Schema the model reads: strict-compatible, and nothing said twice.

    Every request carries this schema (as text for a hosted model, as a decoding
    grammar for a local server), and the SDK walks it on every call, so its size is
    paid in tokens and in client CPU. Pydantic's default repeats a lot: each of the
    seven claim kinds carries the four common fields with their long descriptions, and
    a ``$ref`` with a description beside it is copied in full by the SDK's strict pass.
    So the common fields are defined once under ``$defs``, references stand alone (the
    referenced definition carries the description), constants and titles go (a
    constant explains itself; a title only repeats the field name), and discriminated
    unions become plain ``anyOf`` (strict structured output takes ``anyOf`` but not
    ``oneOf`` with a ``discriminator``; validation on our side still uses the tag).
    The claims the model returns are validated by the same classes either way.
    """

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def tagged_union_schema(self, schema: core_schema.TaggedUnionSchema) -> JsonSchemaValue:
        generated = super().tagged_union_schema(schema)
        generated.pop("discriminator", None)
        if "oneOf" in generated:
            generated["anyOf"] = generated.pop("oneOf")
        return generated

    def generate(self, schema: core_schema.CoreSchema, mode: Any = "validation") -> JsonSchemaValue:
        generated = super().generate(schema, mode)
        definitions: dict[str, Any] = generated.get("$defs", {})
        for node in (generated, *definitions.values()):
            node.pop("title", None)
        for definition in list(definitions.values()):
            for name, prop in definition.get("properties", {}).items():
                if "$ref" in prop or "const" in prop:
                    prop.pop("description", None)
                if name in _COMMON_FIELDS and "$ref" not in prop:
                    shared = definitions.setdefault(name.capitalize(), prop)
                    if shared != prop:  # pragma: no cover - a claim kind redefined a common field
                        raise TypeError(f"claim kinds disagree on the common field {name!r}")
                    definition["properties"][name] = {"$ref": f"#/$defs/{name.capitalize()}"}
        return generated


_COMMON_FIELDS = tuple(_ClaimBase.model_fields)


class ExtractionResult(_Strict):
    """What an extractor returns for one text: every checkable claim with its evidence."""

    claims: list[Claim] = Field(description="Every checkable claim in the article, each with verbatim evidence.")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args or kwargs:
            kwargs.setdefault("schema_generator", _ModelFacingSchema)
            return super().model_json_schema(*args, **kwargs)
        # The SDK asks for the schema on every request and then edits it in place: build it once,
        # hand out copies (parsing the cached JSON is several times faster than a deepcopy).
        return dict(json.loads(_extraction_schema_json()))


@functools.cache
def _extraction_schema_json() -> str:
    schema = super(ExtractionResult, ExtractionResult).model_json_schema(schema_generator=_ModelFacingSchema)
    # Key order kept: a model fills the properties in the order it reads them (evidence first).
    return json.dumps(schema, separators=(",", ":"))


@functools.cache
def model_schema_sha256() -> str:
    """Hash of the schema the model is sent: a changed description changes the answers,
    so it is part of the extraction cache key."""
    return hashlib.sha256(_extraction_schema_json().encode("utf-8")).hexdigest()


# --- the grounded file form ----------------------------------------------------


class Span(_Strict):
    """A verbatim passage of the source and where it sits."""

    text: str = Field(description="The source's own characters, exactly source[start:end].")
    start: int = Field(ge=0, description="Offset of the first character, in Unicode code points.")
    end: int = Field(ge=0, description="Offset one past the last character, in Unicode code points.")


MatchKind = Literal["exact", "normalized", "fuzzy"]


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


class SourceMeta(_Strict):
    """What is known about a source besides its text."""

    name: str = Field(description="The source's file name (or the name the caller gave it).")
    sha256: str | None = Field(default=None, description="SHA-256 of the source text as UTF-8, when known.")
    outlet: str | None = Field(default=None, description="The publishing outlet, when known.")
    url: str | None = Field(default=None, description="Where the article was published, when known.")
    published: dt.date | None = Field(default=None, description="Publication date; weekdays are resolved against it.")


class ExtractorInfo(_Strict):
    """Which extractor produced a claims file, so a report can say so."""

    kind: Literal["llm", "offline", "hand-written", "external"] = Field(
        description="'llm' (a model), 'offline' (the rule-based extractor), 'hand-written', or 'external'."
    )
    model: str | None = Field(default=None, description="The model name for 'llm'.")
    prompt: str | None = Field(default=None, description="The prompt template version, e.g. 'extract_claims.v1'.")
    note: str | None = Field(default=None, description="Free-text provenance.")


class SourceClaims(_Strict):
    """The claims of one source: the documented JSON file form."""

    schema_version: str = Field(default=SCHEMA_VERSION, description="Version of this schema.")
    source: SourceMeta = Field(description="The source the claims come from.")
    extractor: ExtractorInfo = Field(description="Who extracted the claims.")
    claims: list[GroundedClaim] = Field(description="Claims grounded in the source text, in source order.")
    ungrounded: list[UngroundedClaim] = Field(
        default_factory=list, description="Claims whose evidence was not found in the source."
    )


def claims_file_schema() -> dict[str, Any]:
    """JSON Schema of the claims file form (what ``checker schema`` prints)."""
    return SourceClaims.model_json_schema()
