"""The answer prompt ``extract_claims.v2`` asks for: an article's inventory and its claims, grouped by kind.

The model reads the article as numbered sentences (:func:`checker.segment.numbered`) and answers
with ids and sentence numbers instead of repeating names and evidence in every claim: each
person, organisation, place and event is written once, and each claim says which sentence states
it and copies only its value. That keeps answers short (output tokens are most of a run's time
and price) and makes independent calls name one fact the same way. Grounding turns the answer
into the claims file form (:mod:`checker.schema.claims`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field, create_model

from checker.schema.claims import (
    DurationFields,
    Entity,
    Event,
    EventTimeFields,
    MembershipFields,
    PropositionFields,
    QuantityFields,
    QuoteFields,
    RoleFields,
)
from checker.schema.common import ModelFacing, ModelFacingSchema, _Strict

#: Answer list -> claim kind, in the order the answer holds them.
KIND_OF_LIST: dict[str, str] = {
    "event_times": "event_time",
    "durations": "duration",
    "quantities": "quantity",
    "roles": "role",
    "quotes": "quote",
    "memberships": "membership",
    "propositions": "proposition",
}


class _AnswerSchema(ModelFacingSchema):
    common_fields = ("sentence", "said_by")


_SENTENCE = Field(ge=1, description="The number of the sentence that states it (the first, if several).")


def _item(fields: type[BaseModel]) -> Any:
    """An answer item: the claim's fields with the sentence number first and ``said_by`` last.

    The model fills fields in the order it reads them: the sentence anchors the claim, the value
    follows what it is about, and whose claim it is comes after the value, as in "..., police said".
    """
    names = [n for n in fields.model_fields if n != "said_by"] + [n for n in fields.model_fields if n == "said_by"]
    definitions: dict[str, Any] = {"sentence": (int, _SENTENCE)}
    for name in names:
        info = fields.model_fields[name]
        definitions[name] = (info.annotation, info)
    item = create_model(
        fields.__name__.replace("Fields", "Item"), __base__=_Strict, __doc__=fields.__doc__, **definitions
    )
    return item


if TYPE_CHECKING:

    class EventTimeItem(EventTimeFields):
        sentence: int

    class DurationItem(DurationFields):
        sentence: int

    class QuantityItem(QuantityFields):
        sentence: int

    class RoleItem(RoleFields):
        sentence: int

    class QuoteItem(QuoteFields):
        sentence: int

    class MembershipItem(MembershipFields):
        sentence: int

    class PropositionItem(PropositionFields):
        sentence: int

else:
    EventTimeItem = _item(EventTimeFields)
    DurationItem = _item(DurationFields)
    QuantityItem = _item(QuantityFields)
    RoleItem = _item(RoleFields)
    QuoteItem = _item(QuoteFields)
    MembershipItem = _item(MembershipFields)
    PropositionItem = _item(PropositionFields)


class ExtractionAnswer(ModelFacing):
    """Everything checkable in one article: who and what it is about, then its claims by kind."""

    json_schema_generator = _AnswerSchema

    date_line: str | None = Field(description="The article's own dateline or date line as written; else null.")
    entities: list[Entity] = Field(description="Every person, organisation, place and source the claims refer to.")
    events: list[Event] = Field(description="Every event the claims refer to.")
    event_times: list[EventTimeItem] = Field(description="When events happened or will happen.")
    durations: list[DurationItem] = Field(description="How long events lasted or will last; terms and sentences.")
    quantities: list[QuantityItem] = Field(description="Every number: counts, money, rates, measurements, scores.")
    roles: list[RoleItem] = Field(description="People's offices, ranks and positions.")
    quotes: list[QuoteItem] = Field(description="Every quotation.")
    memberships: list[MembershipItem] = Field(description="Lists of people or things in a group.")
    propositions: list[PropositionItem] = Field(
        description="Other checkable statements: what was done, decided, announced, denied."
    )

    def claim_count(self) -> int:
        """How many claims the answer holds, all kinds together."""
        return sum(len(getattr(self, name)) for name in KIND_OF_LIST)
