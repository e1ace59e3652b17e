"""The answer prompt ``align_claims.v1`` asks for: groups of claim ids that state one fact."""

from __future__ import annotations

from pydantic import Field

from checker.schema.common import ModelFacing, _Strict


class AlignmentGroup(_Strict):
    """Claims that state the same fact."""

    label: str = Field(description="A short name of the fact ('people killed in the derailment').")
    claims: list[str] = Field(description="The ids of the claims that state it, at least two ('s1.4').")


class AlignmentAnswer(ModelFacing):
    """Every group of claims that state one fact; a claim no other claim matches is left out."""

    groups: list[AlignmentGroup] = Field(description="The groups; an id is in at most one.")
