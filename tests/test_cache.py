"""The extraction cache: content-addressed keys, atomic writes, corrupt entries are misses."""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path

import pytest
from openai_stub import empty_answer

from checker.cache import ExtractionCache, cache_key
from checker.extract import answer_model, answer_schema_hash
from checker.schema import ExtractionAnswer, v1

BASE = {
    "prompt_sha256": "p" * 64,
    "model": "m",
    "extractor": "llm",
    "answer_schema": "s" * 64,
    "settings": "t=0;seed=7",
}


@pytest.mark.parametrize(
    "change",
    [
        {"prompt_sha256": "q" * 64},
        {"model": "m2"},
        {"extractor": "offline"},
        {"answer_schema": "t" * 64},
        {"settings": "t=0;seed=8"},
    ],
)
def test_every_input_changes_the_key(change: dict[str, str]) -> None:
    assert cache_key(**BASE) != cache_key(**{**BASE, **change})


def test_key_is_stable() -> None:
    assert cache_key(**BASE) == cache_key(**dict(reversed(list(BASE.items()))))


def test_schema_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_key(**BASE)
    monkeypatch.setattr("checker.cache.SCHEMA_VERSION", "99")
    assert cache_key(**BASE) != before


def test_the_schema_sent_to_the_model_is_part_of_the_key() -> None:
    # An edited field description changes what the model is told, so old answers must miss: the key
    # holds the hash of the very schema each prompt version's answer is sent with.
    v2 = answer_schema_hash(answer_model("extract_claims.v2"))
    released = answer_schema_hash(answer_model("extract_claims.v1"))
    assert v2 == hashlib.sha256(ExtractionAnswer.sent_schema_json().encode()).hexdigest()
    assert (
        released
        == hashlib.sha256(
            json.dumps(v1.ExtractionResult.model_json_schema(), separators=(",", ":")).encode()
        ).hexdigest()
    )
    assert cache_key(**{**BASE, "answer_schema": v2}) != cache_key(**{**BASE, "answer_schema": released})


def test_round_trip_and_counts(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    key = cache_key(**BASE)
    assert cache.get(key, ExtractionAnswer) is None
    cache.put(key, empty_answer())
    assert cache.get(key, ExtractionAnswer) == empty_answer()
    assert (cache.hits, cache.misses) == (1, 1)
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("content", ["", "{not json", '{"key": "k"}', '{"result": {"claims": [{"kind": "bogus"}]}}'])
def test_corrupt_entries_are_misses(tmp_path: Path, content: str) -> None:
    cache = ExtractionCache(tmp_path)
    key = cache_key(**BASE)
    cache.put(key, empty_answer())
    next(tmp_path.rglob(f"{key}.json")).write_text(content, encoding="utf-8")
    assert cache.get(key, ExtractionAnswer) is None


def test_concurrent_writers_leave_one_valid_entry(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    key = cache_key(**BASE)
    threads = [threading.Thread(target=cache.put, args=(key, empty_answer())) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ExtractionCache(tmp_path).get(key, ExtractionAnswer) == empty_answer()
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{key}.json"]
