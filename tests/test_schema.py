"""Claims file form 2.0 and the answer of prompt extract_claims.v2: what validates, what is refused, that a
strict model API accepts the answer schema, and that 1.0 files load converted."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openai.lib._pydantic import to_strict_json_schema
from pydantic import TypeAdapter, ValidationError
from schema_support import assert_strict_compatible, undescribed, walk

from checker.schema import CLAIM_KINDS, SCHEMA_VERSION, Claim, ExtractionAnswer, SourceClaims, v1
from checker.schema.answer import KIND_OF_LIST
from checker.schema.common import Span
from checker.schema.convert import from_v1, load_claims, split_hedge, to_v1

ROOT = Path(__file__).resolve().parent.parent

ENTITIES = [
    {"id": "trump", "type": "person", "name": "Donald Trump"},
    {"id": "putin", "type": "person", "name": "Vladimir Putin"},
    {"id": "kremlin", "type": "organisation", "name": "the Kremlin"},
]
EVENTS = [
    {
        "id": "call",
        "type": "phone call",
        "participants": ["trump", "putin"],
        "when": None,
        "status": "happened",
        "part_of": None,
        "background": False,
    }
]
VALID: dict[str, dict[str, Any]] = {
    "event_time": {"kind": "event_time", "event": "call", "value": "On Wednesday morning", "said_by": None},
    "duration": {"kind": "duration", "event": "call", "subject": None, "value": "90-minute", "said_by": "kremlin"},
    "quantity": {
        "kind": "quantity",
        "measure": "age",
        "subject": "trump",
        "event": None,
        "value": "78",
        "said_by": None,
    },
    "role": {"kind": "role", "person": "trump", "title": "Former President", "organisation": None},
    "quote": {"kind": "quote", "speaker": "putin", "text": "We had very good talks."},
    "membership": {
        "kind": "membership",
        "group": "topics of the call",
        "members": ["trump", "energy"],
        "completeness": "partial",
        "said_by": None,
    },
    "proposition": {
        "kind": "proposition",
        "subject": "putin",
        "predicate": "invite",
        "object": "Trump to visit Moscow",
        "negated": False,
        "modality": "happened",
        "said_by": None,
    },
}
ADAPTER: TypeAdapter[Any] = TypeAdapter(Claim)


def claims_file(*claims: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"name": "a.txt"},
        "extractor": {"kind": "external"},
        "entities": ENTITIES,
        "events": EVENTS,
        "claims": [
            {"claim": c, "evidence": {"text": "x said y", "start": 0, "end": 8}, "match": "exact", "score": 100}
            for c in claims
        ],
        **extra,
    }


def answer(**lists: list[dict[str, Any]]) -> dict[str, Any]:
    return {"date_line": None, "entities": ENTITIES, "events": EVENTS, **{n: lists.get(n, []) for n in KIND_OF_LIST}}


def item(kind: str, sentence: int = 1) -> dict[str, Any]:
    return {"sentence": sentence, **{k: v for k, v in VALID[kind].items() if k != "kind"}}


def test_every_kind_has_a_valid_example() -> None:
    assert sorted(VALID) == sorted(CLAIM_KINDS) == sorted(KIND_OF_LIST.values())


@pytest.mark.parametrize("kind", sorted(VALID))
def test_valid_claims_validate_and_round_trip_in_a_claims_file(kind: str) -> None:
    claim = ADAPTER.validate_python(VALID[kind])
    assert claim.kind == kind
    loaded = SourceClaims.model_validate(claims_file(VALID[kind]))
    assert SourceClaims.model_validate_json(loaded.model_dump_json()) == loaded
    assert loaded.schema_version == "2.0"


INVALID = [
    ("role", {"nickname": "Don"}),  # extra key
    ("role", {"person": "nobody"}),  # an id no entity has
    ("event_time", {"event": "summit"}),  # an id no event has
    ("duration", {"said_by": "the_ghost"}),
    ("quantity", {"subject": "obama"}),
    ("quote", {"speaker": 3}),
    ("duration", {"kind": "length"}),  # unknown kind
    ("membership", {"completeness": "some"}),
    ("proposition", {"negated": "maybe"}),
    ("proposition", {"modality": "certain"}),
]


@pytest.mark.parametrize(("kind", "change"), INVALID)
def test_invalid_claims_are_refused(kind: str, change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SourceClaims.model_validate(claims_file({**VALID[kind], **change}))


def test_a_proposition_subject_and_list_members_may_be_words() -> None:
    words = {**VALID["proposition"], "subject": "the negotiating teams"}
    members = {**VALID["membership"], "members": ["energy", "AI"]}
    assert len(SourceClaims.model_validate(claims_file(words, members)).claims) == 2


@pytest.mark.parametrize(
    "change",
    [
        {"entities": [*ENTITIES, ENTITIES[0]]},  # an id twice
        {"events": [{**EVENTS[0], "participants": ["trump", "xi"]}]},
        {"events": [{**EVENTS[0], "part_of": "war"}]},
        {"entities": [{**ENTITIES[0], "id": "Donald Trump"}, *ENTITIES[1:]]},  # not an id's shape
        {"schema_version": "3.0"},
    ],
)
def test_the_inventory_must_be_consistent(change: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        SourceClaims.model_validate({**claims_file(VALID["duration"]), **change})


def test_ids_resolve_to_the_inventory() -> None:
    loaded = SourceClaims.model_validate(claims_file(VALID["quantity"]))
    entity = loaded.entity("trump")
    event = loaded.event("call")
    assert entity is not None and entity.name == "Donald Trump"
    assert event is not None and event.type == "phone call"
    assert loaded.entity(None) is None and loaded.entity("nobody") is None


# --- the answer the model is asked for ----------------------------------------------------------------


def _sent_schema() -> dict[str, Any]:
    """The schema as the SDK sends it (after its strict pass)."""
    return to_strict_json_schema(ExtractionAnswer)


def test_the_answer_schema_is_strict_compatible() -> None:
    schema = _sent_schema()
    assert_strict_compatible(schema)


def test_every_field_the_model_reads_is_described() -> None:
    assert undescribed(_sent_schema()) == []


def test_the_answer_schema_says_nothing_twice_and_is_small() -> None:
    descriptions = [n["description"] for _, n in walk(_sent_schema()) if isinstance(n.get("description"), str)]
    assert sorted({d for d in descriptions if descriptions.count(d) > 1}) == []
    # 9,753 characters for the v1 answer schema; the v2 answer must not be larger.
    assert len(json.dumps(_sent_schema(), separators=(",", ":"))) < 9_753


def test_items_name_their_sentence_first_and_their_voice_last() -> None:
    definitions = ExtractionAnswer.model_json_schema()["$defs"]
    for name in ("QuantityItem", "DurationItem", "EventTimeItem", "PropositionItem"):
        fields = list(definitions[name]["properties"])
        assert fields[0] == "sentence" and fields[-1] == "said_by", (name, fields)
    # the inventory comes before the claims: the model writes who and what before it refers to them
    assert list(ExtractionAnswer.model_json_schema()["properties"])[:3] == ["date_line", "entities", "events"]


@pytest.mark.parametrize("kind", sorted(VALID))
def test_the_answer_schema_accepts_what_the_classes_accept(kind: str) -> None:
    name = next(n for n, k in KIND_OF_LIST.items() if k == kind)
    data = answer(**{name: [item(kind)]})
    jsonschema.Draft202012Validator(_sent_schema()).validate(data)
    parsed = ExtractionAnswer.model_validate(data)
    assert parsed.claim_count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"sentence": 0},  # sentences are numbered from 1
        {"kind": "quantity"},  # items carry no kind: their list says it
        {"unit": "years"},
    ],
)
def test_the_answer_schema_refuses_what_the_classes_refuse(change: dict[str, Any]) -> None:
    data = answer(quantities=[{**item("quantity"), **change}])
    assert not jsonschema.Draft202012Validator(_sent_schema()).is_valid(data)
    with pytest.raises(ValidationError):
        ExtractionAnswer.model_validate(data)


def test_answer_copies_are_independent() -> None:
    first, second = ExtractionAnswer.model_json_schema(), ExtractionAnswer.model_json_schema()
    first["$defs"]["QuantityItem"]["properties"].clear()
    assert next(iter(second["$defs"]["QuantityItem"]["properties"])) == "sentence"


# --- 1.0 files load converted ---------------------------------------------------------------------------


def _reference(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "fixtures" / "claims" / "seeds" / name).read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "fixtures" / "claims" / "seeds").glob("*.json")))
def test_a_1_0_file_loads_as_2_0_and_keeps_what_the_reconciler_compares(name: str) -> None:
    data = _reference(name)
    assert data["schema_version"] == "1.0"
    old = v1.SourceClaims.model_validate(data)
    new = load_claims(data)
    assert new.schema_version == "2.0" and len(new.claims) == len(old.claims)
    for before, after in zip(old.claims, new.claims, strict=True):
        assert after.evidence == before.evidence
        if after.value is not None:  # the value was found inside the evidence
            text = (ROOT / "seeds" / new.source.name).read_text(encoding="utf-8")
            assert text[after.value.start : after.value.end] == after.value.text
            assert before.evidence.start <= after.value.start < after.value.end <= before.evidence.end
    view = to_v1(new)
    for before, seen in zip(old.claims, view.claims, strict=True):
        a, b = before.claim, seen.claim
        assert a.kind == b.kind
        if a.kind not in ("role", "quote"):  # 2.0 gives an office and a quotation no voice but the speaker's
            assert a.attribution.source_type == b.attribution.source_type
            if a.attribution.source_type != "anonymous":
                assert a.attribution.name == b.attribution.name
        if isinstance(a, v1.QuantityClaim):
            assert isinstance(b, v1.QuantityClaim) and a.measure == b.measure
        if isinstance(a, v1.EventTimeClaim | v1.DurationClaim) and isinstance(b, type(a)):
            assert a.event.type == b.event.type and sorted(a.event.participants) == b.event.participants
        if isinstance(a, v1.RoleClaim):
            assert isinstance(b, v1.RoleClaim) and (a.person, a.organisation) == (b.person, b.organisation)
            assert a.status in (b.status, "unspecified")


def test_conversion_is_deterministic_and_ids_are_unique() -> None:
    data = _reference("004_a535a716b7896970.txt.json")
    first, second = load_claims(data), load_claims(json.loads(json.dumps(data)))
    assert first.model_dump_json() == second.model_dump_json()
    ids = [e.id for e in first.entities] + [e.id for e in first.events]
    assert len(ids) == len(set(ids)) and all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)


def test_the_v1_view_carries_what_2_0_adds() -> None:
    background = {**EVENTS[0], "id": "flood", "type": "flood", "when": "2019", "background": True}
    data = claims_file(
        {**VALID["quantity"], "subject": "trump"},
        {
            "kind": "quantity",
            "measure": "people killed",
            "subject": None,
            "event": "flood",
            "value": "about 40",
            "said_by": None,
        },
        events=[*EVENTS, background],
    )
    view = to_v1(SourceClaims.model_validate(data))
    age, toll = (g.claim for g in view.claims)
    assert isinstance(age, v1.QuantityClaim) and age.measure == "age of Donald Trump"
    assert isinstance(toll, v1.QuantityClaim) and toll.event is not None and toll.event.type == "flood (2019)"
    assert (toll.hedge, toll.amount) == ("about", "40")


@pytest.mark.parametrize(
    ("value", "hedge", "amount"),
    [
        ("more than $250,000", "more than", "$250,000"),
        ("at least 12", "at least", "12"),
        ("nearly three years", "nearly", "three years"),
        ("12", None, "12"),
        ("about", None, "about"),  # a hedge alone is no amount
        ("Some 300 metres", "Some", "300 metres"),
    ],
)
def test_split_hedge(value: str, hedge: str | None, amount: str) -> None:
    assert split_hedge(value) == (hedge, amount)


def test_the_documented_example_is_a_valid_claims_file() -> None:
    doc = (ROOT / "docs" / "claims-format.md").read_text(encoding="utf-8")
    block = re.search(r"```json\n(.*?)```", doc, re.S)
    assert block is not None
    example = SourceClaims.model_validate_json(block.group(1))
    seed = (ROOT / "seeds" / example.source.name).read_text(encoding="utf-8")
    for grounded in example.claims:
        assert seed[grounded.evidence.start : grounded.evidence.end] == grounded.evidence.text
        if grounded.value is not None:
            assert seed[grounded.value.start : grounded.value.end] == grounded.value.text


def test_from_v1_of_an_empty_file() -> None:
    empty = v1.SourceClaims(source={"name": "a.txt"}, extractor={"kind": "external"}, claims=[])  # type: ignore[arg-type]
    converted = from_v1(empty)
    assert converted.claims == [] and converted.entities == [] and converted.events == []


@pytest.mark.parametrize(
    ("written", "type_", "when", "background"),
    [
        ("flood (2019)", "flood", "2019", True),
        ("derailment (five years ago)", "derailment", "five years ago", True),
        ("storm (background)", "storm", None, True),
        ("flood", "flood", None, False),
        ("phone call", "phone call", None, False),
    ],
)
def test_a_1_0_type_with_its_when_is_read_back_as_a_background_event(
    written: str, type_: str, when: str | None, background: bool
) -> None:
    """The inverse of the v1 view: "flood (2019)" is the 1.0 form of a background event (the offline
    extractor writes an earlier event so)."""
    claim = v1.QuantityClaim(
        kind="quantity",
        evidence="killed 40",
        attribution=v1.Attribution(source_type="outlet", name=None),
        hedge=None,
        modality="happened",
        measure="deaths",
        event=v1.EventRef(type=written, participants=[]),
        amount="40",
        unit=None,
    )
    evidence = Span(text="killed 40", start=0, end=9)
    grounded = v1.GroundedClaim(claim=claim, evidence=evidence, match="exact", score=100)
    source = v1.SourceClaims(source={"name": "a.txt"}, extractor={"kind": "external"}, claims=[grounded])  # type: ignore[arg-type]
    converted = from_v1(source)
    (event,) = converted.events
    assert (event.type, event.when, event.background) == (type_, when, background)
    (seen,) = to_v1(converted).claims
    assert isinstance(seen.claim, v1.QuantityClaim) and seen.claim.event is not None
    assert seen.claim.event.type == written  # and the view writes it back as it was
