"""Shared test set-up: cassettes live in fixtures/cassettes, network is blocked."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "fixtures"
sys.path.insert(0, str(Path(__file__).resolve().parent))

from cassette_config import VCR_CONFIG, configure  # noqa: E402


def pytest_recording_configure(config: Any, vcr: Any) -> None:
    configure(vcr)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return dict(VCR_CONFIG)


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(FIXTURES / "cassettes")


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's keys, endpoints or cache."""
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "CHECKER_MODEL", "CHECKER_PROMPTS_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CHECKER_CACHE_DIR", str(tmp_path / "cache"))
