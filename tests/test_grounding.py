"""Grounding: evidence found exactly, after folding, fuzzily, or not at all; offsets into the original."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from checker.grounding import FUZZY_THRESHOLD, fold, ground, locate, unsupported_value
from checker.schema.v1 import Claim

TEXT = (
    "On Wednesday morning, Trump and Putin engaged in a “lengthy and highly productive” conversation.\n"
    "The Kremlin confirmed that the call lasted approximately one and a half hours.\n\n"
    "Zelensky declared, “No one wants peace more than Ukraine,” reaffirming   Ukraine’s role. "
    "The storm killed 27 people."
)


@pytest.mark.parametrize(
    ("evidence", "match", "expected"),
    [
        ("On Wednesday morning", "exact", "On Wednesday morning"),
        ("“lengthy and highly productive”", "exact", "“lengthy and highly productive”"),
        ('"lengthy and highly productive"', "normalized", "“lengthy and highly productive”"),  # straight quotes
        ("reaffirming Ukraine's role", "normalized", "reaffirming   Ukraine’s role"),  # spaces + apostrophe
        (
            "the call lasted\napproximately one and a half hours",
            "normalized",
            "the call lasted approximately one and a half hours",
        ),
        ("THE KREMLIN CONFIRMED", "normalized", "The Kremlin confirmed"),  # case
        (
            "the call lasted aproximately one and a half hours",
            "fuzzy",
            "the call lasted approximately one and a half hours",
        ),
        ("Zelensky declared, No one wants peace more than Ukraine", "fuzzy", None),
    ],
)
def test_locate_passes(evidence: str, match: str, expected: str | None) -> None:
    found = locate(TEXT, evidence)
    assert found is not None
    assert found.match == match
    if expected is not None:
        assert TEXT[found.start : found.end] == expected
    if match != "fuzzy":
        assert found.score == 100.0
    else:
        assert FUZZY_THRESHOLD <= found.score < 100.0


@pytest.mark.parametrize(
    "evidence",
    [
        "Putin invited Trump to Moscow",  # not in the text at all
        "The storm killed 72 people.",  # a near-copy with a different number is a different claim
        "ab",  # too short to mean anything
        "   ",
    ],
)
def test_locate_refuses(evidence: str) -> None:
    assert locate(TEXT, evidence) is None


def test_prefer_from_picks_the_later_occurrence() -> None:
    text = "Ukraine said no. Later, Ukraine said no."
    assert locate(text, "Ukraine said no").start == 0  # type: ignore[union-attr]
    assert locate(text, "Ukraine said no", prefer_from=10).start == 24  # type: ignore[union-attr]
    assert locate(text, "ukraine said no", prefer_from=10).start == 24  # type: ignore[union-attr]


def test_fold_keeps_an_offset_for_every_character() -> None:
    folded, index = fold("A  “b”\u00a0—\nc")
    assert folded == 'a "b" - c'
    assert len(index) == len(folded)
    assert index == sorted(index)


def _claim(evidence: str) -> Claim:
    adapter: TypeAdapter[Claim] = TypeAdapter(Claim)
    return adapter.validate_python(
        {
            "kind": "quote",
            "speaker": "Volodymyr Zelensky",
            "text": "No one wants peace more than Ukraine",
            "evidence": evidence,
            "attribution": {"source_type": "person", "name": "Volodymyr Zelensky"},
            "hedge": None,
            "modality": "happened",
        }
    )


def test_ground_splits_grounded_and_ungrounded_and_never_drops() -> None:
    claims = [
        _claim("Zelensky declared, “No one wants peace more than Ukraine,”"),
        _claim('Zelensky declared, "No one wants peace more than Ukraine,"'),
        _claim("Zelensky said Ukraine wants peace above all"),
    ]
    grounded, ungrounded = ground(TEXT, claims)
    assert len(grounded) + len(ungrounded) == len(claims)
    assert [g.match for g in grounded] == ["exact", "normalized"]
    for item in grounded:
        assert TEXT[item.evidence.start : item.evidence.end] == item.evidence.text
    assert len(ungrounded) == 1
    assert "not found" in ungrounded[0].reason
    assert ungrounded[0].claim == claims[2]


_BASE = {"attribution": {"source_type": "outlet", "name": None}, "hedge": None, "modality": "happened"}
_CALL = {"type": "phone call", "participants": ["Donald Trump", "Vladimir Putin"]}


@pytest.mark.parametrize(
    ("claim", "evidence", "reason"),
    [
        (
            {"kind": "event_time", "event": _CALL, "date": None, "weekday": "Wednesday", "time_of_day": None},
            "On WEDNESDAY\u00a0morning",
            None,
        ),
        (
            {"kind": "event_time", "event": _CALL, "date": None, "weekday": "Thursday", "time_of_day": None},
            "On Wednesday morning",
            "the weekday Thursday is not in its evidence",
        ),
        ({"kind": "duration", "event": _CALL, "amount": "90-minute"}, "a 90\u2011minute call", None),
        (
            {"kind": "duration", "event": _CALL, "amount": "90-minute"},
            "a 60-minute call",
            "the amount '90-minute' is not in its evidence",
        ),
        (
            {"kind": "quantity", "measure": "deaths", "event": None, "amount": "1,200", "unit": None},
            "killed 1,200 people",
            None,
        ),
        (
            {"kind": "quantity", "measure": "deaths", "event": None, "amount": "1,200", "unit": None},
            "killed 1,300 people",
            "the amount '1,200' is not in its evidence",
        ),
        ({"kind": "quantity", "measure": "deaths", "event": None, "amount": "dozens", "unit": None}, "dozens", None),
        (
            {"kind": "role", "person": "Ann Lee", "title": "Mayor", "organisation": None, "status": "current"},
            "Thursday, 90 minutes",
            None,
        ),
    ],
)
def test_unsupported_value(claim: dict[str, object], evidence: str, reason: str | None) -> None:
    # The located evidence must state the claim's weekday and digits; other kinds are not looked at.
    if claim["kind"] == "event_time":
        claim = {**claim, "as_written": evidence}
    adapter: TypeAdapter[Claim] = TypeAdapter(Claim)
    parsed = adapter.validate_python({**_BASE, **claim, "evidence": evidence})
    assert unsupported_value(parsed, evidence) == reason
