"""The five seeds through the real client path, replayed from cassettes, for each prompt version.

HTTP (vcrpy replays the recorded exchange), structured-output parsing, validation, grounding and
the cache all run for real; only the network is replaced. The hand-written cassettes answer with
the hand-written reference extractions (for prompt v2 converted to its answer form), so the
pipeline's output must equal those references.
"""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
from vcr.errors import CannotOverwriteExistingCassetteException

from checker.extract import ExtractOptions, extract_sources
from checker.llm import LLMSettings
from checker.prompts import DEFAULT_EXTRACT_PROMPT, prompts_dir
from checker.schema.convert import from_v1
from checker.schema.v1 import SourceClaims as SourceClaimsV1
from checker.sources import read_source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
HANDWRITTEN = ROOT / "fixtures" / "cassettes" / "handwritten"
REFERENCE = ROOT / "fixtures" / "claims" / "seeds"
PROMPTS = ("extract_claims.v1", "extract_claims.v2")


def provenance(prompt: str) -> dict[str, object]:
    data: dict[str, object] = json.loads((HANDWRITTEN / prompt / "PROVENANCE.json").read_text(encoding="utf-8"))
    return data


def replay_settings(prompt: str, **overrides: object) -> LLMSettings:
    # The host is never contacted: vcrpy answers from the cassette (matching method, path and body).
    base: dict[str, object] = {
        "model": provenance(prompt)["model"],
        "base_url": "http://127.0.0.1:9/v1",
        "api_key": "sk-replay-not-a-real-key",
        "transport_attempts": 1,
    }
    base.update(overrides)
    return LLMSettings(**base)  # type: ignore[arg-type]


def reference(seed: str) -> SourceClaimsV1:
    return SourceClaimsV1.model_validate_json((REFERENCE / f"{seed}.json").read_text(encoding="utf-8"))


@pytest.fixture
def default_cassette_name(request: pytest.FixtureRequest) -> str:
    params = request.node.callspec.params
    return f"handwritten/{params['prompt']}/{params['seed']}"


def test_the_default_prompt_has_hand_written_cassettes() -> None:
    assert DEFAULT_EXTRACT_PROMPT in PROMPTS


@pytest.mark.parametrize("prompt", PROMPTS)
def test_every_seed_has_a_cassette_and_provenance(prompt: str) -> None:
    folder = HANDWRITTEN / prompt
    assert sorted(p.name.removesuffix(".yaml") for p in folder.glob("*.yaml")) == SEEDS
    record = provenance(prompt)
    assert record["cassettes"] == [f"{s}.yaml" for s in SEEDS]
    for key in ("server", "model", "prompt", "recorded_on", "how", "command"):
        assert record[key], key
    assert record["prompt"] == prompt
    assert "HAND-WRITTEN" in str(record["how"])


@pytest.mark.vcr
@pytest.mark.parametrize("prompt", PROMPTS)
@pytest.mark.parametrize("seed", SEEDS)
def test_seed_extracts_through_the_recorded_exchange(prompt: str, seed: str, tmp_path: Path) -> None:
    source = read_source(ROOT / "seeds" / seed)
    options = ExtractOptions(extractor="llm", llm=replay_settings(prompt), cache_dir=tmp_path, prompt=prompt)
    run = asyncio.run(extract_sources([source], options))
    outcome = run.outcomes[0]
    assert outcome.error is None, outcome.error
    claims = outcome.claims
    assert claims is not None
    assert run.usage.calls == 1 and run.usage.prompt_tokens > 0

    expected = from_v1(reference(seed))
    assert sorted(g.claim.model_dump_json() for g in claims.claims) == sorted(
        g.claim.model_dump_json() for g in expected.claims
    )
    assert sorted((e.type, e.name) for e in claims.entities) == sorted((e.type, e.name) for e in expected.entities)
    assert claims.ungrounded == []
    for grounded in claims.claims:
        assert source.text[grounded.evidence.start : grounded.evidence.end] == grounded.evidence.text
        if grounded.value is not None:
            assert source.text[grounded.value.start : grounded.value.end] == grounded.value.text
            assert grounded.evidence.start <= grounded.value.start < grounded.value.end <= grounded.evidence.end
    if prompt.endswith(".v1"):  # the 1.0 answer carries its own evidence: the spans are the reference's
        spans = sorted((g.evidence.start, g.evidence.end) for g in claims.claims)
        assert spans == sorted((g.evidence.start, g.evidence.end) for g in expected.claims)
    assert claims.extractor.kind == "llm" and claims.extractor.prompt == prompt

    # A re-run is answered from the cache: zero model calls, same claims.
    again = asyncio.run(extract_sources([source], options))
    assert again.usage.calls == 0 and again.cache_hits == 1
    assert again.outcomes[0].claims == claims


@pytest.mark.vcr
@pytest.mark.parametrize("prompt", PROMPTS)
@pytest.mark.parametrize("seed", SEEDS[:1])
def test_an_edited_prompt_misses_the_cassette(
    prompt: str, seed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    edited = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), edited)
    system = edited / f"{prompt}.system.txt"
    system.write_text(system.read_text(encoding="utf-8").replace("news article", "news story"), encoding="utf-8")
    assert system.read_text(encoding="utf-8") != (prompts_dir() / f"{prompt}.system.txt").read_text(encoding="utf-8")
    monkeypatch.setenv("CHECKER_PROMPTS_DIR", str(edited))
    options = ExtractOptions(extractor="llm", llm=replay_settings(prompt), cache_dir=tmp_path / "cache", prompt=prompt)
    # vcrpy refuses the changed request body: no recorded answer may serve an edited prompt.
    with pytest.raises(CannotOverwriteExistingCassetteException):
        asyncio.run(extract_sources([read_source(ROOT / "seeds" / seed)], options))
