"""Genuine model traffic, replayed: what a real weak model and a real local server did.

Every directory under fixtures/cassettes/recorded/<model>/<prompt>/<response format>/ was recorded
by ``python fixtures/record.py live`` from a model server on 127.0.0.1 (its PROVENANCE.json
says which, when and with what settings). Whatever the model answered, the pipeline must end
cleanly: grounded claims with true offsets, or one clear error per source — never a crash,
never invented evidence in the findings, never a cached failure.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from checker.errors import CheckerError
from checker.extract import ExtractOptions, extract_sources
from checker.llm import LLMSettings
from checker.sources import read_source

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "fixtures" / "cassettes" / "recorded"
CASES = sorted(
    (provenance.parent, cassette)
    for provenance in RECORDED.glob("*/*/*/PROVENANCE.json")
    for cassette in json.loads(provenance.read_text(encoding="utf-8"))["cassettes"]
)


def _id(case: tuple[Path, str]) -> str:
    return f"{case[0].relative_to(RECORDED)}/{case[1]}"


def test_recorded_cassettes_exist_and_say_where_they_came_from() -> None:
    assert CASES, "no recorded cassettes"
    for directory, cassette in CASES:
        provenance = json.loads((directory / "PROVENANCE.json").read_text(encoding="utf-8"))
        assert "127.0.0.1" in provenance["server"] and provenance["model"] and provenance["recorded_on"]
        assert provenance["prompt"].startswith("extract_claims.")
        assert (directory / cassette).is_file()


@pytest.fixture
def default_cassette_name(request: pytest.FixtureRequest) -> str:
    directory, cassette = request.node.callspec.params["case"]
    return str((directory / cassette).relative_to(ROOT / "fixtures" / "cassettes")).removesuffix(".yaml")


@pytest.mark.vcr
@pytest.mark.parametrize("case", CASES, ids=_id)
def test_a_real_weak_model_or_server_ends_cleanly(case: tuple[Path, str], tmp_path: Path) -> None:
    directory, cassette = case
    provenance = json.loads((directory / "PROVENANCE.json").read_text(encoding="utf-8"))
    recorded = dict(provenance["settings"])
    split_depth = recorded.pop("max_split_depth", None)
    settings = LLMSettings(
        model=provenance["model"], base_url="http://127.0.0.1:9/v1", api_key="sk-replay-not-a-real-key", **recorded
    )
    # The prompt the exchange was recorded with: the request body, and so the cassette's match, depends on it.
    options = ExtractOptions(extractor="llm", llm=settings, cache_dir=tmp_path, prompt=provenance["prompt"])
    if split_depth is not None:
        options.max_split_depth = split_depth
    source = read_source(ROOT / "seeds" / cassette.removesuffix(".yaml"))
    run = asyncio.run(extract_sources([source], options))
    outcome = run.outcomes[0]
    if outcome.error is not None:
        assert isinstance(outcome.error, CheckerError)
        assert outcome.error.exit_code == 3
        message = str(outcome.error)
        assert message and "\n" not in message and "Traceback" not in message
        assert re.search(r"HTTP \d{3}|length limit|no usable answer|timed out", message), message
        assert not list(tmp_path.rglob("*.json")), "a failed extraction was cached"
    else:
        claims = outcome.claims
        assert claims is not None
        for grounded in claims.claims:  # whatever the model invented, only true spans survive
            assert source.text[grounded.evidence.start : grounded.evidence.end] == grounded.evidence.text
