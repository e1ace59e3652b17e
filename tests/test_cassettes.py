"""The five seeds through the real client path, replayed from cassettes.

HTTP (vcrpy replays the recorded exchange), structured-output parsing,
validation, grounding and the cache all run for real; only the network is
replaced. The hand-written cassettes answer with the hand-written reference
extractions, so the pipeline's output must equal those references exactly.
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
from checker.prompts import prompts_dir
from checker.schema import SourceClaims
from checker.sources import read_source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
HANDWRITTEN = ROOT / "fixtures" / "cassettes" / "handwritten"
REFERENCE = ROOT / "fixtures" / "claims" / "seeds"
PROVENANCE = json.loads((HANDWRITTEN / "PROVENANCE.json").read_text(encoding="utf-8"))


def replay_settings(**overrides: object) -> LLMSettings:
    # The host is never contacted: vcrpy answers from the cassette (matching method, path and body).
    base: dict[str, object] = {
        "model": PROVENANCE["model"],
        "base_url": "http://127.0.0.1:9/v1",
        "api_key": "sk-replay-not-a-real-key",
        "transport_attempts": 1,
    }
    base.update(overrides)
    return LLMSettings(**base)  # type: ignore[arg-type]


@pytest.fixture
def default_cassette_name(request: pytest.FixtureRequest) -> str:
    return f"handwritten/{request.node.callspec.params['seed']}"


def test_every_seed_has_a_cassette_and_provenance() -> None:
    assert sorted(p.name.removesuffix(".yaml") for p in HANDWRITTEN.glob("*.yaml")) == SEEDS
    assert PROVENANCE["cassettes"] == [f"{s}.yaml" for s in SEEDS]
    for key in ("server", "model", "recorded_on", "how", "command"):
        assert PROVENANCE[key], key
    assert "HAND-WRITTEN" in PROVENANCE["how"]


@pytest.mark.vcr
@pytest.mark.parametrize("seed", SEEDS)
def test_seed_extracts_through_the_recorded_exchange(seed: str, tmp_path: Path) -> None:
    source = read_source(ROOT / "seeds" / seed)
    options = ExtractOptions(extractor="llm", llm=replay_settings(), cache_dir=tmp_path)
    run = asyncio.run(extract_sources([source], options))
    outcome = run.outcomes[0]
    assert outcome.error is None, outcome.error
    claims = outcome.claims
    assert claims is not None
    assert run.usage.calls == 1 and run.usage.prompt_tokens > 0

    reference = SourceClaims.model_validate_json((REFERENCE / f"{seed}.json").read_text(encoding="utf-8"))
    assert [g.claim for g in claims.claims] == sorted(
        (g.claim for g in reference.claims), key=lambda c: [g.claim for g in claims.claims].index(c)
    )
    assert {(g.evidence.start, g.evidence.end) for g in claims.claims} == {
        (g.evidence.start, g.evidence.end) for g in reference.claims
    }
    assert claims.ungrounded == []
    for grounded in claims.claims:
        assert source.text[grounded.evidence.start : grounded.evidence.end] == grounded.evidence.text
    assert claims.extractor.kind == "llm" and claims.extractor.prompt == "extract_claims.v1"

    # A re-run is answered from the cache: zero model calls, same claims.
    again = asyncio.run(extract_sources([source], options))
    assert again.usage.calls == 0 and again.cache_hits == 1
    assert again.outcomes[0].claims == claims


@pytest.mark.vcr
@pytest.mark.parametrize("seed", SEEDS[:1])
def test_an_edited_prompt_misses_the_cassette(seed: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edited = tmp_path / "prompts"
    shutil.copytree(prompts_dir(), edited)
    system = edited / "extract_claims.v1.system.txt"
    system.write_text(system.read_text(encoding="utf-8").replace("every claim", "each claim"), encoding="utf-8")
    monkeypatch.setenv("CHECKER_PROMPTS_DIR", str(edited))
    options = ExtractOptions(extractor="llm", llm=replay_settings(), cache_dir=tmp_path / "cache")
    # vcrpy refuses the changed request body: no recorded answer may serve an edited prompt.
    with pytest.raises(CannotOverwriteExistingCassetteException):
        asyncio.run(extract_sources([read_source(ROOT / "seeds" / seed)], options))
