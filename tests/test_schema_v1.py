"""Claims file form 1.0 and the answer of prompt extract_claims.v1: validated as released, strict-compatible."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from openai.lib._pydantic import to_strict_json_schema
from pydantic import TypeAdapter, ValidationError
from schema_support import assert_strict_compatible, undescribed, walk

from checker.schema.v1 import CLAIM_KINDS, SCHEMA_VERSION, Claim, ExtractionResult, SourceClaims

OUTLET = {"source_type": "outlet", "name": None}
CALL = {"type": "phone call", "participants": ["Donald Trump", "Vladimir Putin"]}


def base(**fields: Any) -> dict[str, Any]:
    return {"evidence": "x said y", "attribution": OUTLET, "hedge": None, "modality": "happened", **fields}


VALID = {
    "event_time": base(
        kind="event_time", event=CALL, date=None, weekday="Wednesday", time_of_day="morning", as_written="On Wednesday"
    ),
    "duration": base(kind="duration", event=CALL, amount="90-minute"),
    "quantity": base(kind="quantity", measure="deaths", event=None, amount="tens of thousands", unit=None),
    "role": base(kind="role", person="Donald Trump", title="Former President", organisation=None, status="former"),
    "quote": base(kind="quote", speaker="Pete Hegseth", text="Chasing this illusionary goal"),
    "membership": base(kind="membership", group="team", members=["Marco Rubio"], completeness="partial"),
    "proposition": base(
        kind="proposition", subject="Vladimir Putin", predicate="invite", object="Trump", negated=False
    ),
}
ADAPTER: TypeAdapter[Any] = TypeAdapter(Claim)


def test_every_kind_has_a_valid_example() -> None:
    assert sorted(VALID) == sorted(CLAIM_KINDS)


@pytest.mark.parametrize("kind", sorted(VALID))
def test_valid_claims_validate_and_round_trip(kind: str) -> None:
    claim = ADAPTER.validate_python(VALID[kind])
    assert claim.kind == kind
    assert ADAPTER.validate_json(ADAPTER.dump_json(claim)) == claim


INVALID = [
    ("role", {"nickname": "Don"}),  # extra key
    ("role", {"status": "emeritus"}),  # not a status
    ("event_time", {"weekday": "Wed"}),  # not a weekday name
    ("quote", {"speaker": 3}),
    ("duration", {"kind": "length"}),  # unknown kind
    ("quantity", {"attribution": {"source_type": "rumour", "name": None}}),
    ("quantity", {"attribution": {"source_type": "person", "name": None, "role": "x"}}),  # extra key, nested
    ("quantity", {"event": {"type": "storm"}}),  # participants missing
    ("quantity", {"modality": "certain"}),
    ("quantity", {"hedge": 3}),
    ("quote", {"evidence": None}),
    ("membership", {"completeness": "some"}),
    ("proposition", {"negated": "maybe"}),
]


@pytest.mark.parametrize(("kind", "change"), INVALID)
def test_invalid_claims_are_refused(kind: str, change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        ADAPTER.validate_python({**VALID[kind], **change})


@pytest.mark.parametrize("field", ["evidence", "attribution", "hedge", "modality"])
def test_common_fields_are_required(field: str) -> None:
    data = dict(VALID["duration"])
    del data[field]
    with pytest.raises(ValidationError):
        ADAPTER.validate_python(data)


def test_model_facing_schema_is_strict_compatible() -> None:
    schema = to_strict_json_schema(ExtractionResult)
    assert_strict_compatible(schema)


def _sent_schema() -> dict[str, Any]:
    """The schema as the SDK sends it (after its strict pass, which inlines a ``$ref`` with siblings)."""
    return to_strict_json_schema(ExtractionResult)


def test_every_field_the_model_reads_is_described() -> None:
    assert undescribed(_sent_schema(), constants_explain=True) == []


def test_the_schema_sent_says_nothing_twice() -> None:
    # Every request carries it: a repeated description costs tokens and client CPU on every call.
    descriptions = [node["description"] for _, node in walk(_sent_schema()) if isinstance(node.get("description"), str)]
    repeated = sorted({text for text in descriptions if descriptions.count(text) > 1})
    assert repeated == []
    assert not [path for path, node in walk(_sent_schema()) if "title" in node and isinstance(node["title"], str)]


def test_the_schema_sent_is_small() -> None:
    # 21,882 characters before the common fields were defined once; a regression guard, not a target.
    assert len(json.dumps(_sent_schema(), separators=(",", ":"))) < 11_000


def test_common_fields_are_defined_once_and_referenced_by_every_kind() -> None:
    schema = _sent_schema()
    kinds = [d for d in schema["$defs"].values() if "kind" in d.get("properties", {})]
    assert len(kinds) == len(CLAIM_KINDS)
    for definition in kinds:
        for field in ("evidence", "attribution", "hedge", "modality"):
            assert definition["properties"][field] == {"$ref": f"#/$defs/{field.capitalize()}"}


@pytest.mark.parametrize("kind", sorted(VALID))
def test_the_schema_sent_accepts_what_the_classes_accept(kind: str) -> None:
    validator = jsonschema.Draft202012Validator(_sent_schema())
    validator.validate({"claims": [VALID[kind]]})
    claim = ADAPTER.validate_python(VALID[kind])
    validator.validate({"claims": [ADAPTER.dump_python(claim, mode="json")]})


@pytest.mark.parametrize(("kind", "change"), INVALID)
def test_the_schema_sent_refuses_what_the_classes_refuse(kind: str, change: dict[str, Any]) -> None:
    validator = jsonschema.Draft202012Validator(_sent_schema())
    assert not validator.is_valid({"claims": [{**VALID[kind], **change}]})


@pytest.mark.parametrize("field", ["evidence", "attribution", "hedge", "modality", "kind"])
def test_the_schema_sent_requires_every_field(field: str) -> None:
    validator = jsonschema.Draft202012Validator(_sent_schema())
    data = {k: v for k, v in VALID["quantity"].items() if k != field}
    assert not validator.is_valid({"claims": [data]})


def test_not_stated_is_an_explicit_null() -> None:
    claim = ADAPTER.validate_python({**VALID["event_time"], "weekday": None, "time_of_day": None})
    assert claim.weekday is None
    with pytest.raises(ValidationError):
        ADAPTER.validate_python({k: v for k, v in VALID["event_time"].items() if k != "weekday"})


def test_claims_file_round_trips() -> None:
    data = {
        "schema_version": SCHEMA_VERSION,
        "source": {"name": "a.txt", "sha256": None, "outlet": None, "url": None, "published": "2025-02-13"},
        "extractor": {"kind": "external", "model": None, "prompt": None, "note": None},
        "claims": [
            {
                "claim": VALID["duration"],
                "evidence": {"text": "x said y", "start": 0, "end": 8},
                "match": "exact",
                "score": 100,
            }
        ],
        "ungrounded": [{"claim": VALID["quote"], "reason": "not found"}],
    }
    loaded = SourceClaims.model_validate(data)
    assert loaded.source.published is not None and loaded.source.published.isoformat() == "2025-02-13"
    assert SourceClaims.model_validate_json(loaded.model_dump_json()) == loaded
    with pytest.raises(ValidationError):
        SourceClaims.model_validate({**data, "comment": "extra"})


def test_copies_of_the_schema_are_independent_and_keep_field_order() -> None:
    # The SDK edits the schema it is given in place; and a model fills fields in the order it reads them.
    first, second = ExtractionResult.model_json_schema(), ExtractionResult.model_json_schema()
    first["$defs"]["QuantityClaim"]["properties"].clear()
    assert list(second["$defs"]["QuantityClaim"]["properties"])[:2] == ["evidence", "attribution"]
    assert list(ExtractionResult.model_json_schema()["$defs"]["QuantityClaim"]["properties"])[-1] == "unit"
