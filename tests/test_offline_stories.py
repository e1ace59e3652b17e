"""Precision and recall of the offline extractor on the hand-written beat stories, per claim kind, with a floor.

The scoring lives in bench/offline_eval.py (which also prints the table); this test keeps it from regressing.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOOR_PRECISION = 0.8
FLOOR_RECALL = 0.7


def _eval_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("offline_eval", ROOT / "bench" / "offline_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def result() -> dict[str, object]:
    out: dict[str, object] = _eval_module().evaluate()
    return out


def test_every_story_has_several_articles_and_planted_conflicts() -> None:
    import yaml

    stories = [p for p in (ROOT / "tests" / "stories").iterdir() if p.is_dir()]
    assert len(stories) >= 5
    for story in stories:
        spec = yaml.safe_load((story / "expected.yaml").read_text(encoding="utf-8"))
        assert 2 <= len(spec["articles"]) <= 4
        assert spec["conflicts"]
        for name in spec["articles"]:
            assert (story / name).exists()


@pytest.mark.parametrize("kind", ["event_time", "duration", "quantity", "role", "quote", "membership"])
def test_per_kind_floor(result: dict[str, object], kind: str) -> None:
    per_kind = result["per_kind"]
    assert isinstance(per_kind, dict)
    c = per_kind[kind]
    assert c["precision"] is not None and c["precision"] >= FLOOR_PRECISION, c
    assert c["recall"] is not None and c["recall"] >= FLOOR_RECALL, c
