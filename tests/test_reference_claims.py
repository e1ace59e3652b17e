"""The hand-written reference claims of the seed articles: valid, grounded, and covering what the findings need.

These files are the reconciler's acceptance input and the source of the hand-written
cassettes, so a broken offset or a missing claim here breaks everything built on them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest

from checker.schema.v1 import SourceClaims

ROOT = Path(__file__).parent.parent
SEEDS = ROOT / "seeds"
CLAIMS = ROOT / "fixtures" / "claims" / "seeds"

SEED_NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
CLAIM_FILES = sorted(p.name for p in CLAIMS.glob("*.json"))

CALL = ("phone call", ("Donald Trump", "Vladimir Putin"))
WAR = ("war", ("Russia", "Ukraine"))


def load(seed: str) -> SourceClaims:
    return SourceClaims.model_validate_json((CLAIMS / f"{seed}.json").read_text(encoding="utf-8"))


def seed_text(seed: str) -> str:
    return (SEEDS / seed).read_bytes().decode("utf-8")


def event_key(event: Any) -> tuple[str, tuple[str, ...]] | None:
    return None if event is None else (event.type, tuple(event.participants))


def test_exactly_one_claims_file_per_seed() -> None:
    assert len(SEED_NAMES) == 5
    assert [f"{seed}.json" for seed in SEED_NAMES] == CLAIM_FILES


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_source_meta_matches_the_seed(seed: str) -> None:
    claims = load(seed)
    assert claims.schema_version == "1.0"
    assert claims.source.name == seed
    assert (SEEDS / claims.source.name).is_file()
    assert claims.source.sha256 == hashlib.sha256((SEEDS / seed).read_bytes()).hexdigest()
    assert claims.source.published is None  # the articles give no date; none is invented
    assert claims.extractor.kind == "hand-written"
    assert claims.extractor.model is None
    assert claims.ungrounded == []
    assert claims.claims


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_every_evidence_span_is_exact(seed: str) -> None:
    text = seed_text(seed)
    for grounded in load(seed).claims:
        span = grounded.evidence
        assert span.text == text[span.start : span.end], span
        assert span.text == grounded.claim.evidence
        assert grounded.match == "exact"
        assert grounded.score == 100.0
        # Grounding takes the first occurrence, so evidence must not also occur earlier.
        assert text.find(span.text) == span.start, span.text


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_claims_are_in_source_order(seed: str) -> None:
    starts = [grounded.evidence.start for grounded in load(seed).claims]
    assert starts == sorted(starts)


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_quoted_words_are_inside_their_evidence(seed: str) -> None:
    for grounded in load(seed).claims:
        claim = grounded.claim
        if claim.kind == "quote":
            assert claim.text in claim.evidence
            if claim.speaker is None:
                assert claim.attribution.source_type == "anonymous"


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_event_participants_are_sorted(seed: str) -> None:
    for grounded in load(seed).claims:
        event = getattr(grounded.claim, "event", None)
        if event is not None:
            assert event.participants == sorted(event.participants)


# --- coverage: the claims the expected findings need -----------------------------------

S000, S001, S002, S003, S004 = SEED_NAMES


def matching(seed: str, kind: str, **fields: Any) -> list[Any]:
    """Claims of ``kind`` in ``seed`` whose fields equal ``fields`` (``event`` as a (type, participants) key)."""
    found = []
    for grounded in load(seed).claims:
        claim = grounded.claim
        if claim.kind != kind:
            continue
        values = {name: getattr(claim, name) for name in fields}
        if "event" in values:
            values["event"] = event_key(values["event"])
        if "attribution" in values:
            values["attribution"] = (values["attribution"].source_type, values["attribution"].name)
        if "members" in values:
            values["members"] = tuple(values["members"])
        if values == fields:
            found.append(claim)
    return found


COVERAGE = [
    # call-weekday (must, conflict)
    (S002, "event_time", {"event": CALL, "weekday": "Wednesday", "time_of_day": "morning"}),
    (S003, "event_time", {"event": CALL, "weekday": "Thursday"}),
    # trump-title and its internal conflict in 001 (must)
    (S001, "role", {"person": "Donald Trump", "title": "Former President", "status": "former"}),
    (S001, "role", {"person": "Donald Trump", "title": "President", "status": "current"}),
    (S000, "role", {"person": "Donald Trump", "title": "President", "status": "current"}),
    (S002, "role", {"person": "Donald Trump", "title": "President", "status": "current"}),
    (S004, "role", {"person": "Donald Trump", "title": "President", "status": "current"}),
    # death toll (must): outlet voice, official figures, and Trump's own figure kept as his
    (
        S003,
        "quantity",
        {"measure": "deaths", "amount": "tens of thousands", "event": WAR, "attribution": ("outlet", None)},
    ),
    (S003, "quantity", {"measure": "displaced people", "amount": "millions", "event": WAR}),
    (S004, "quantity", {"measure": "deaths", "amount": "millions", "attribution": ("person", "Donald Trump")}),
    (
        S004,
        "quantity",
        {"measure": "deaths", "amount": "hundreds of thousands", "attribution": ("document", "official figures")},
    ),
    # war age (should)
    (S003, "duration", {"event": WAR, "amount": "its third year"}),
    (S004, "duration", {"event": WAR, "amount": "three years", "hedge": "nearly"}),
    # call duration (must) and the compatible "lengthy"
    (S000, "duration", {"event": CALL, "amount": "90-minute"}),
    (
        S001,
        "duration",
        {
            "event": CALL,
            "amount": "one and a half hours",
            "hedge": "approximately",
            "attribution": ("organisation", "the Kremlin"),
        },
    ),
    (S002, "duration", {"event": CALL, "amount": "lengthy"}),
    (S004, "duration", {"event": CALL, "amount": "lengthy", "attribution": ("person", "Donald Trump")}),
    # Moscow invitation (must)
    (S000, "proposition", {"subject": "Vladimir Putin", "predicate": "invite", "negated": False}),
    (S001, "proposition", {"subject": "Vladimir Putin", "predicate": "invite", "negated": False}),
    # negotiating team (must, complementary)
    (S000, "membership", {"group": "US negotiating team", "members": ("Marco Rubio", "John Ratcliffe")}),
    (S001, "membership", {"group": "US negotiating team", "members": ("Marco Rubio", "Michael Waltz")}),
    (
        S004,
        "membership",
        {
            "group": "US negotiating team",
            "members": ("Marco Rubio", "John Ratcliffe", "Michael Waltz", "Steve Witkoff"),
            "completeness": "partial",
        },
    ),
    # roles (must)
    (S001, "role", {"person": "Michael Waltz", "title": "National Security Advisor"}),
    (S004, "role", {"person": "Michael Waltz", "title": "National Security Adviser"}),
    (S002, "role", {"person": "Zelenskyy", "title": "Ukrainian President", "organisation": "Ukraine"}),
    (S003, "role", {"person": "Volodymyr Zelensky", "title": "Ukrainian President", "organisation": "Ukraine"}),
    (S002, "role", {"person": "Pete Hegseth", "title": "Defense Secretary"}),
    # single-source items (should)
    (S001, "proposition", {"predicate": "hold their first meeting", "modality": "planned"}),
    (S002, "proposition", {"subject": "Donald Trump", "predicate": "contact", "modality": "planned"}),
    (S001, "proposition", {"subject": "Donald Trump", "predicate": "communicate with", "modality": "happened"}),
    (S003, "quote", {"speaker": "Olaf Scholz", "text": "Any discussions about ending the war must include Ukraine"}),
    (S004, "quote", {"speaker": "Dmitry Peskov", "text": "constructive"}),
]


@pytest.mark.parametrize(("seed", "kind", "fields"), COVERAGE, ids=lambda v: str(v)[:40])
def test_reference_covers_the_expected_findings(seed: str, kind: str, fields: dict[str, Any]) -> None:
    assert matching(seed, kind, **fields), f"{seed}: no {kind} claim with {fields}"


def test_biden_putin_silence_is_not_the_war_age() -> None:
    """002's 'nearly three years' without contact is a different fact from 004's war age."""
    assert not matching(S002, "duration", event=WAR)
    silence = matching(S002, "duration", amount="three years", hedge="nearly")
    assert silence
    assert all(claim.event.participants == ["Joe Biden", "Vladimir Putin"] for claim in silence)


def test_every_quotation_has_its_speaker() -> None:
    speakers = {
        (S000, "Pete Hegseth"),
        (S000, "Volodymyr Zelensky"),
        (S001, "Volodymyr Zelensky"),
        (S002, "Donald Trump"),
        (S002, "Steve Witkoff"),
        (S003, "Donald Trump"),
        (S003, "Volodymyr Zelensky"),
        (S004, "Donald Trump"),
    }
    for seed, speaker in speakers:
        assert matching(seed, "quote", speaker=speaker), (seed, speaker)
    assert len(matching(S003, "quote", speaker="Olaf Scholz")) == 2
    assert matching(S004, "quote", speaker=None, attribution=("anonymous", None))
