"""A two-article story about a rate rise, and the model's answers to it: the figures are named
differently ("rate hike" / "increase in the key rate"), so only the model's alignment makes them one
fact. Served by the stubs of the alignment, spending and Batch API tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openai_stub import claims_json, completion, estimated_usage

ARTICLE_A = "The Bank of Westhaven raised its key rate on Tuesday. The rate hike was 0.25 points.\n"
ARTICLE_B = "The Bank of Westhaven raised its key rate on Tuesday. The increase in the key rate was 0.5 points.\n"


def _user(body: dict[str, Any]) -> str:
    return "".join(m["content"] for m in body["messages"] if m["role"] == "user")


def extraction(user: str) -> str:
    evidence = "0.25 points" if "0.25" in user else "0.5 points"
    claim = {
        "evidence": evidence,
        "attribution": {"source_type": "outlet", "name": None},
        "hedge": None,
        "modality": "happened",
        "kind": "quantity",
        "measure": "rate hike" if "0.25" in user else "increase in the key rate",
        "event": {"type": "rate decision", "participants": ["Bank of Westhaven"]},
        "amount": evidence,
        "unit": None,
    }
    return claims_json(claim, sentence=2)


def is_alignment(user: str) -> bool:
    return "Group the claims" in user


def alignment(user: str) -> str:
    """The alignment answer: every number claim the request shows, in one group."""
    ids = [line.split(" ", 1)[0] for line in user.splitlines() if line.startswith("s") and " number " in line]
    return json.dumps({"groups": [{"label": "size of the rate rise", "claims": ids}]})


def answer(body: dict[str, Any]) -> dict[str, Any]:
    """The completion for any request of the story, with usage estimated from its size."""
    user = _user(body)
    content = alignment(user) if is_alignment(user) else extraction(user)
    return completion(content, usage=estimated_usage(body, content))


def write_story(directory: Path) -> list[str]:
    (directory / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (directory / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    return [str(directory / "a.txt"), str(directory / "b.txt")]
