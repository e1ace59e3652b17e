"""The extraction pipeline's plumbing: the blocking entry point, deduplication, the collector during a run."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from openai_stub import PATH, claims_json, completion, duration_claim, json_response
from pydantic import TypeAdapter
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from checker.extract import ExtractOptions, _dedupe, extract_sources, run_blocking
from checker.llm import LLMSettings
from checker.schema import Claim, GroundedClaim, Span
from checker.sources import Source


class _Heavy:
    """A result whose repr must never be computed (it would cost time proportional to its size)."""

    reprs = 0

    def __repr__(self) -> str:
        _Heavy.reprs += 1
        return "_Heavy()"


def test_run_blocking_returns_and_raises_without_formatting_the_result() -> None:
    # Python 3.11's asyncio.run formats its main task's result on the way out (seen here: twice).
    async def value() -> _Heavy:
        return _Heavy()

    async def failure() -> None:
        raise ValueError("boom")

    _Heavy.reprs = 0
    assert isinstance(run_blocking(value()), _Heavy)
    assert _Heavy.reprs == 0
    with pytest.raises(ValueError, match="boom"):
        run_blocking(failure())


def _grounded(start: int, amount: str, event: str, value_at: int | None = None) -> GroundedClaim:
    claim = TypeAdapter(Claim).validate_python(
        {"kind": "duration", "event": event, "subject": None, "value": amount, "said_by": None}
    )
    at = start + 2 if value_at is None else value_at
    return GroundedClaim(
        claim=claim,
        evidence=Span(text="x" * 12, start=start, end=start + 12),
        value=Span(text="x" * 3, start=at, end=at + 3),
        match="exact",
        score=100,
    )


def test_dedupe_drops_only_the_same_claim_at_the_same_place() -> None:
    # Overlapping chunks and re-asks repeat claims; a repeat is the same claim at the same span.
    a = _grounded(40, "90-minute", "call")
    same = _grounded(40, "90-minute", "call")
    elsewhere = _grounded(5, "90-minute", "call")
    other_value = _grounded(40, "two-hour", "call")
    other_event = _grounded(40, "90-minute", "meeting")
    later_in_the_sentence = _grounded(40, "90-minute", "call", value_at=48)  # one sentence, the value twice
    kept = _dedupe([a, same, elsewhere, other_value, other_event, later_in_the_sentence])
    assert kept == [elsewhere, a, other_value, other_event, later_in_the_sentence]
    assert kept[1] is a


@pytest.mark.parametrize("process_has_frozen_objects", [False, True])
def test_long_lived_objects_are_parked_during_a_model_run_and_handed_back(
    httpserver: HTTPServer, tmp_path: Path, process_has_frozen_objects: bool
) -> None:
    # Full collections walking the SDK's objects cost up to 60 ms in the middle of a wave of calls.
    article = "Ann Lee and Bo Chan held a 90-minute phone call on Monday."
    seen: list[int] = []

    def answer(request: Request) -> Response:
        seen.append(gc.get_freeze_count())
        return json_response(completion(claims_json(duration_claim("a 90-minute phone call", "90-minute"))))

    httpserver.expect_request(PATH).respond_with_handler(answer)
    settings = LLMSettings(model="m", base_url=httpserver.url_for("/v1"), api_key="k", transport_attempts=1)
    options = ExtractOptions(extractor="llm", llm=settings, cache_dir=tmp_path)
    if process_has_frozen_objects:
        gc.freeze()
    before = gc.get_freeze_count()
    try:
        run = run_blocking(extract_sources([Source(text=article, name="a.txt")], options))
        after = gc.get_freeze_count()
    finally:
        gc.unfreeze()
    assert run.outcomes[0].error is None
    if process_has_frozen_objects:  # never release what the process froze itself
        assert len(seen) == 1 and seen[0] <= before and 0 < after <= before  # frees may shrink it, never grow
    else:
        assert before == 0 and seen[0] > 0 and after == 0
