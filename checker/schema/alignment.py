"""The answer prompt ``align_claims.v1`` asks for: groups of claim ids that state one fact."""

from __future__ import annotations

import functools
import hashlib
import json
from typing import Any

from pydantic import Field

from checker.schema.common import ModelFacingSchema, _Strict


class AlignmentGroup(_Strict):
    """Claims that state the same fact."""

    label: str = Field(description="A short name of the fact ('people killed in the derailment').")
    claims: list[str] = Field(description="The ids of the claims that state it, at least two ('s1.4').")


class AlignmentAnswer(_Strict):
    """Every group of claims that state one fact; a claim no other claim matches is left out."""

    groups: list[AlignmentGroup] = Field(description="The groups; an id is in at most one.")

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args or kwargs:
            kwargs.setdefault("schema_generator", ModelFacingSchema)
            return super().model_json_schema(*args, **kwargs)
        return dict(json.loads(alignment_schema_json()))


@functools.cache
def alignment_schema_json() -> str:
    schema = super(AlignmentAnswer, AlignmentAnswer).model_json_schema(schema_generator=ModelFacingSchema)
    return json.dumps(schema, separators=(",", ":"))


@functools.cache
def alignment_schema_sha256() -> str:
    return hashlib.sha256(alignment_schema_json().encode("utf-8")).hexdigest()
