"""No secret ever reaches a fixture: cassettes and claim files are scanned for key-like strings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
KEY_LIKE = [
    re.compile(r"sk-[A-Za-z0-9_-]{16,}"),  # OpenAI-style keys
    re.compile(r"Bearer\s+[A-Za-z0-9._-]{12,}", re.IGNORECASE),
    re.compile(r"org-[A-Za-z0-9]{16,}"),
    re.compile(r"proj_[A-Za-z0-9]{16,}"),
    re.compile(r"^\s*-?\s*(authorization|cookie|set-cookie|openai-organization|openai-project)\s*:", re.I | re.M),
    re.compile(r"^\s*x-[a-z0-9-]+\s*:", re.I | re.M),
]
FILES = sorted(p for p in FIXTURES.rglob("*") if p.is_file() and p.suffix in {".yaml", ".yml", ".json", ".md"})


def test_there_are_fixtures_to_scan() -> None:
    assert any(p.suffix == ".yaml" for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(FIXTURES)))
def test_fixture_holds_no_secret(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern in KEY_LIKE:
        match = pattern.search(text)
        assert match is None, f"{path}: key-like string {match.group(0)[:24]!r}…"


@pytest.mark.parametrize("planted", ["sk-abcdefghijklmnopqrstuvwx", "Bearer abcdefghijklmnop", "  authorization: x"])
def test_the_scanner_catches_planted_secrets(planted: str) -> None:
    assert any(p.search(planted) for p in KEY_LIKE)
