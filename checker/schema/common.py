"""Pieces every version of the claims file form shares: strict models, spans, source metadata, and
the generator of the compact JSON Schema a model is sent."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema


class _Strict(BaseModel):
    """Base for every schema model: unknown keys are an error, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Strict):
    """A verbatim passage of the source and where it sits."""

    text: str = Field(description="The source's own characters, exactly source[start:end].")
    start: int = Field(ge=0, description="Offset of the first character, in Unicode code points.")
    end: int = Field(ge=0, description="Offset one past the last character, in Unicode code points.")


MatchKind = Literal["exact", "normalized", "fuzzy"]


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
    prompt: str | None = Field(default=None, description="The prompt template version, e.g. 'extract_claims.v2'.")
    note: str | None = Field(default=None, description="Free-text provenance.")


class ModelFacingSchema(GenerateJsonSchema):
    """The JSON Schema a model reads: strict-compatible, and nothing said twice.

    Every request carries this schema (as text for a hosted model, as a decoding grammar for a
    local server), and the SDK walks it on every call, so its size is paid in tokens and in client
    CPU. Pydantic's default repeats a lot: fields shared by every claim kind carry their long
    descriptions once per kind, and a ``$ref`` with a description beside it is copied in full by
    the SDK's strict pass. So the fields named in ``common_fields`` are defined once under
    ``$defs``, references stand alone (the referenced definition carries the description),
    constants and titles go (a constant explains itself; a title only repeats the field name), and
    discriminated unions become plain ``anyOf`` (strict structured output takes ``anyOf`` but not
    ``oneOf`` with a ``discriminator``; validation on our side still uses the tag). Answers are
    validated by the same classes either way.
    """

    common_fields: ClassVar[tuple[str, ...]] = ()

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
                if name in self.common_fields and "$ref" not in prop:
                    shared_name = "".join(part.capitalize() for part in name.split("_"))
                    shared = definitions.setdefault(shared_name, prop)
                    if shared != prop:  # pragma: no cover - a claim kind redefined a common field
                        raise TypeError(f"claim kinds disagree on the common field {name!r}")
                    definition["properties"][name] = {"$ref": f"#/$defs/{shared_name}"}
        return generated


class ModelFacing(_Strict):
    """An answer whose JSON Schema is sent to the model with every request.

    The SDK asks for the schema on every request and then edits it in place: it is built once per
    class (with ``json_schema_generator``) and handed out as copies, parsing the cached JSON being
    several times faster than a deepcopy. Its hash is part of the cache key: a changed
    description changes the answers."""

    json_schema_generator: ClassVar[type[GenerateJsonSchema]] = ModelFacingSchema

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if args or kwargs:
            kwargs.setdefault("schema_generator", cls.json_schema_generator)
            return super().model_json_schema(*args, **kwargs)
        return dict(json.loads(cls.sent_schema_json()))

    @classmethod
    def sent_schema_json(cls) -> str:
        """The schema the model is sent, as compact JSON (key order kept: a model fills fields in order)."""
        return _schema_json(cls)

    @classmethod
    def sent_schema_sha256(cls) -> str:
        """Hash of the schema the model is sent."""
        return _schema_sha256(cls)


@functools.cache
def _schema_json(cls: type[ModelFacing]) -> str:
    schema = super(ModelFacing, cls).model_json_schema(schema_generator=cls.json_schema_generator)
    return json.dumps(schema, separators=(",", ":"))


@functools.cache
def _schema_sha256(cls: type[ModelFacing]) -> str:
    return hashlib.sha256(_schema_json(cls).encode("utf-8")).hexdigest()
