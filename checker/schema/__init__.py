"""Typed claims: the one contract between the extractors and the reconciler.

The reconciler can only compare what this schema captures, so every field is described for the
model that fills it (the descriptions are sent with the request), extra keys are forbidden, and
"not stated" is always an explicit ``null`` rather than a guessed value.

* :mod:`checker.schema.claims`: the claims file form 2.0 (``checker extract`` writes it,
  ``checker reconcile`` reads it, ``checker schema`` prints its JSON Schema): a per-article
  inventory of entities and events, and claims that refer to it, each grounded in the source.
* :mod:`checker.schema.answer`: what prompt ``extract_claims.v2`` asks the model for.
* :mod:`checker.schema.v1`: the 1.0 file form and the answer of the released prompt
  ``extract_claims.v1``; both still load, converted by :mod:`checker.schema.convert`.
"""

from checker.schema.answer import ExtractionAnswer
from checker.schema.claims import (
    CLAIM_KINDS,
    SCHEMA_VERSION,
    Claim,
    Completeness,
    DurationClaim,
    Entity,
    EntityType,
    Event,
    EventStatus,
    EventTimeClaim,
    GroundedClaim,
    MembershipClaim,
    Modality,
    PropositionClaim,
    QuantityClaim,
    QuoteClaim,
    RoleClaim,
    SourceClaims,
    UngroundedClaim,
    claims_file_schema,
)
from checker.schema.common import ExtractorInfo, MatchKind, SourceMeta, Span

__all__ = [
    "CLAIM_KINDS",
    "SCHEMA_VERSION",
    "Claim",
    "Completeness",
    "DurationClaim",
    "Entity",
    "EntityType",
    "Event",
    "EventStatus",
    "EventTimeClaim",
    "ExtractionAnswer",
    "ExtractorInfo",
    "GroundedClaim",
    "MatchKind",
    "MembershipClaim",
    "Modality",
    "PropositionClaim",
    "QuantityClaim",
    "QuoteClaim",
    "RoleClaim",
    "SourceClaims",
    "SourceMeta",
    "Span",
    "UngroundedClaim",
    "claims_file_schema",
]
