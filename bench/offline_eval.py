"""Precision and recall of the offline extractor on the hand-written stories in tests/stories/.

Each story directory holds a few short articles and an ``expected.yaml`` listing, per article, the claims a
careful rule-based extractor should find (kind plus key fields). An extracted claim counts as correct when it
matches an unused expected claim of the same article on every listed field, so duplicates and extras lower
precision and misses lower recall. Prints a per-kind table and writes ``bench/results/offline_eval.json``.

Run: ``python bench/offline_eval.py``.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from checker.offline import EXTRACTOR_VERSION, extract
from checker.schema.v1 import CLAIM_KINDS, GroundedClaim

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "stories"
RESULTS = ROOT / "bench" / "results" / "offline_eval.json"


def _field(claim: Any, key: str) -> Any:
    """The value of an expected.yaml key on a claim ('event_type' and 'attribution' are derived)."""
    if key == "event_type":
        event = getattr(claim, "event", None)
        return event.type if event is not None else None
    if key == "attribution":
        a = claim.attribution
        return f"{a.source_type}:{a.name}" if a.name else a.source_type
    return getattr(claim, key, None)


def matches(claim: Any, expected: dict[str, Any]) -> bool:
    """True when the claim has the expected kind and every listed field."""
    if claim.kind != expected["kind"]:
        return False
    for key, want in expected.items():
        if key == "kind":
            continue
        got = _field(claim, key)
        if isinstance(want, list):
            if list(got or []) != [str(w) for w in want]:
                return False
        elif str(got) != str(want):
            return False
    return True


def score_article(claims: list[GroundedClaim], expected: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per kind: extracted, expected and matched counts (one-to-one, greedy in source order)."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"extracted": 0, "expected": 0, "matched": 0})
    used = [False] * len(expected)
    for e in expected:
        counts[e["kind"]]["expected"] += 1
    for g in claims:
        counts[g.claim.kind]["extracted"] += 1
        for i, e in enumerate(expected):
            if not used[i] and matches(g.claim, e):
                used[i] = True
                counts[g.claim.kind]["matched"] += 1
                break
    return counts


def evaluate(stories: Path = STORIES) -> dict[str, Any]:
    """Score every story; returns totals per kind, per story, and the unmatched items for inspection."""
    totals: dict[str, dict[str, int]] = {k: {"extracted": 0, "expected": 0, "matched": 0} for k in CLAIM_KINDS}
    per_story: dict[str, dict[str, dict[str, int]]] = {}
    misses: list[dict[str, Any]] = []
    for story in sorted(p for p in stories.iterdir() if (p / "expected.yaml").exists()):
        spec = yaml.safe_load((story / "expected.yaml").read_text(encoding="utf-8"))
        story_counts: dict[str, dict[str, int]] = {}
        for name, expected in spec["articles"].items():
            claims = extract((story / name).read_text(encoding="utf-8"))
            for kind, c in score_article(claims, expected).items():
                for k in ("extracted", "expected", "matched"):
                    totals[kind][k] += c[k]
                    story_counts.setdefault(kind, {"extracted": 0, "expected": 0, "matched": 0})[k] += c[k]
            for e in expected:
                if not any(matches(g.claim, e) for g in claims):
                    misses.append({"story": story.name, "article": name, "expected": e})
        per_story[story.name] = story_counts
    table = {}
    for kind, c in totals.items():
        if c["extracted"] == 0 and c["expected"] == 0:
            continue
        table[kind] = {
            **c,
            "precision": round(c["matched"] / c["extracted"], 3) if c["extracted"] else None,
            "recall": round(c["matched"] / c["expected"], 3) if c["expected"] else None,
        }
    all_c = {k: sum(c[k] for c in totals.values()) for k in ("extracted", "expected", "matched")}
    table["all"] = {
        **all_c,
        "precision": round(all_c["matched"] / all_c["extracted"], 3) if all_c["extracted"] else None,
        "recall": round(all_c["matched"] / all_c["expected"], 3) if all_c["expected"] else None,
    }
    return {"extractor_version": EXTRACTOR_VERSION, "per_kind": table, "per_story": per_story, "misses": misses}


def main() -> int:
    result = evaluate()
    print(f"offline extractor {result['extractor_version']} on {STORIES.relative_to(ROOT)}")
    print(f"{'kind':<12} {'extracted':>9} {'expected':>8} {'matched':>7} {'precision':>9} {'recall':>6}")
    for kind, c in result["per_kind"].items():
        p = "-" if c["precision"] is None else f"{c['precision']:.2f}"
        r = "-" if c["recall"] is None else f"{c['recall']:.2f}"
        print(f"{kind:<12} {c['extracted']:>9} {c['expected']:>8} {c['matched']:>7} {p:>9} {r:>6}")
    if "-v" in sys.argv:
        for m in result["misses"]:
            print("miss:", m["story"], m["article"], m["expected"])
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
