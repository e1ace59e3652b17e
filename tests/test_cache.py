"""The extraction cache: content-addressed keys, atomic writes, corrupt entries are misses."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from checker.cache import ExtractionCache, cache_key
from checker.schema import ExtractionResult

BASE = {"prompt_sha256": "p" * 64, "model": "m", "extractor": "llm", "settings": "t=0;seed=7"}


@pytest.mark.parametrize(
    "change",
    [{"prompt_sha256": "q" * 64}, {"model": "m2"}, {"extractor": "offline"}, {"settings": "t=0;seed=8"}],
)
def test_every_input_changes_the_key(change: dict[str, str]) -> None:
    assert cache_key(**BASE) != cache_key(**{**BASE, **change})


def test_key_is_stable() -> None:
    assert cache_key(**BASE) == cache_key(**dict(reversed(list(BASE.items()))))


def test_schema_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache_key(**BASE)
    monkeypatch.setattr("checker.cache.SCHEMA_VERSION", "99")
    assert cache_key(**BASE) != before


def test_the_schema_sent_to_the_model_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    # An edited field description changes what the model is told, so old answers must miss.
    before = cache_key(**BASE)
    monkeypatch.setattr("checker.cache.model_schema_sha256", lambda: "0" * 64)
    assert cache_key(**BASE) != before


def test_round_trip_and_counts(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    key = cache_key(**BASE)
    assert cache.get(key) is None
    cache.put(key, ExtractionResult(claims=[]))
    assert cache.get(key) == ExtractionResult(claims=[])
    assert (cache.hits, cache.misses) == (1, 1)
    assert not list(tmp_path.rglob("*.tmp"))


@pytest.mark.parametrize("content", ["", "{not json", '{"key": "k"}', '{"result": {"claims": [{"kind": "bogus"}]}}'])
def test_corrupt_entries_are_misses(tmp_path: Path, content: str) -> None:
    cache = ExtractionCache(tmp_path)
    key = cache_key(**BASE)
    cache.put(key, ExtractionResult(claims=[]))
    next(tmp_path.rglob(f"{key}.json")).write_text(content, encoding="utf-8")
    assert cache.get(key) is None


def test_concurrent_writers_leave_one_valid_entry(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    key = cache_key(**BASE)
    threads = [threading.Thread(target=cache.put, args=(key, ExtractionResult(claims=[]))) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert ExtractionCache(tmp_path).get(key) == ExtractionResult(claims=[])
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{key}.json"]
