"""The reconciler's shortcuts give the same results as the plain computations they replace.

Speed itself is measured by bench/reconcile_scale.py, never here.
"""

from __future__ import annotations

import random

from checker.reconcile import _construct, _first_contradiction
from checker.report import Evidence, FindingValue
from checker.schema import Attribution


def test_construct_builds_what_model_construct_builds() -> None:
    evidence = {"text": "a “quoted” passage", "start": 3, "end": 21}
    fast, slow = _construct(Evidence, dict(evidence)), Evidence.model_construct(**evidence)
    attribution = Attribution(source_type="person", name="Ana Ruiz")
    value = {
        "source": "a.txt",
        "value": "Tuesday",
        "normalized": "2026-11-17 (Tuesday)",
        "attribution": attribution,
        "modality": "happened",
        "evidence": fast,
    }
    fast_value = _construct(FindingValue, dict(value))
    slow_value = FindingValue.model_construct(**{**value, "evidence": slow})
    for a, b in ((fast, slow), (fast_value, slow_value)):
        assert a == b
        assert a.__dict__ == b.__dict__
        assert a.model_fields_set == b.model_fields_set
        assert a.__pydantic_extra__ == b.__pydantic_extra__
        assert a.__pydantic_private__ == b.__pydantic_private__
        assert a.model_dump_json() == b.model_dump_json()
        assert type(a).model_validate(a.model_dump()) == a


def test_first_contradiction_is_the_smallest_contradicting_pair() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        people = [f"p{i}" for i in range(rng.randint(1, 5))]
        sources = [f"s{i}" for i in range(rng.randint(1, 8))]
        per_source = {s: set(rng.sample(people, rng.randint(0, len(people)))) for s in sources}
        complete = {s: set(rng.sample(sorted(per_source[s]), rng.randint(0, len(per_source[s])))) for s in sources}
        complete = {s: listed for s, listed in complete.items() if rng.random() < 0.5}
        expected = sorted(
            (owner, other)
            for owner, listed in complete.items()
            for other in sorted(per_source)
            if other != owner and (not per_source[other] <= listed or (other in complete and complete[other] != listed))
        )
        assert _first_contradiction(per_source, complete) == (expected[0] if expected else None)
