"""Helpers to script a real local OpenAI-compatible server (pytest-httpserver) in tests."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

from werkzeug import Request, Response

PATH = "/v1/chat/completions"


def completion(
    content: str | None,
    *,
    finish_reason: str = "stop",
    refusal: str | None = None,
    choices: bool = True,
    id: str = "chatcmpl-test",
    model: str = "test-model",
    system_fingerprint: str | None = None,
    usage: dict[str, int] | None = None,
) -> dict[str, Any]:
    """A Chat Completions response body (shared by the tests, fixtures/record.py and bench/)."""
    return {
        "id": id,
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "system_fingerprint": system_fingerprint,
        "choices": [
            {
                "index": 0,
                "finish_reason": finish_reason,
                "logprobs": None,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
            }
        ]
        if choices
        else [],
        "usage": usage or {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


def estimated_usage(request_body: dict[str, Any], content: str) -> dict[str, int]:
    """Token usage estimated as characters / 4, for answers no tokenizer produced."""
    prompt_chars = sum(len(m.get("content", "")) for m in request_body.get("messages", []))
    prompt_tokens, completion_tokens = math.ceil(prompt_chars / 4), math.ceil(len(content) / 4)
    return {
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion_tokens,
        "total_tokens": prompt_tokens + completion_tokens,
    }


def claims_json(*claims: dict[str, Any], sentence: int = 1) -> str:
    """An answer of prompt extract_claims.v2 holding these claims, written in the shorter 1.0 claim shape.

    Names become the answer's entities and events; every claim names ``sentence`` (grounding finds a
    value in a neighbouring sentence, or anywhere in the article, too).
    """
    from checker.schema import v1
    from checker.schema.answer import KIND_OF_LIST
    from checker.schema.convert import Inventory, claim_from_v1

    inventory = Inventory()
    lists: dict[str, list[dict[str, Any]]] = {name: [] for name in KIND_OF_LIST}
    list_of = {kind: name for name, kind in KIND_OF_LIST.items()}
    for raw in claims:
        fields = dict(raw)
        number = fields.pop("sentence", sentence)
        claim = claim_from_v1(v1.ExtractionResult.model_validate({"claims": [fields]}).claims[0], inventory)
        item = {"sentence": number, **claim.model_dump(exclude={"kind"})}
        lists[list_of[claim.kind]].append(item)
    answer = {
        "date_line": None,
        "entities": [e.model_dump() for e in inventory.entities.values()],
        "events": [e.model_dump() for e in inventory.events.values()],
        **lists,
    }
    return json.dumps(answer)


def v1_claims_json(*claims: dict[str, Any]) -> str:
    """An answer of the released prompt extract_claims.v1 (the 1.0 claims)."""
    return json.dumps({"claims": list(claims)})


def duration_claim(evidence: str, amount: str) -> dict[str, Any]:
    return {
        "evidence": evidence,
        "attribution": {"source_type": "outlet", "name": None},
        "hedge": None,
        "modality": "happened",
        "kind": "duration",
        "event": {"type": "phone call", "participants": ["Ann Lee", "Bo Chan"]},
        "amount": amount,
    }


def json_response(body: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body), status=status, headers=headers, content_type="application/json")


def user_text(request: Request) -> str:
    """The user message of a request (the article chunk is inside it)."""
    messages = json.loads(request.get_data())["messages"]
    return "".join(m["content"] for m in messages if m["role"] == "user")


Handler = Callable[[Request], Response]


def empty_answer() -> Any:
    """An answer of prompt extract_claims.v2 with nothing in it."""
    from checker.schema import ExtractionAnswer

    return ExtractionAnswer.model_validate_json(claims_json())


def answer_claims(answer: Any) -> list[Any]:
    """The claims file form claims of an answer of prompt extract_claims.v2, sorted (sentence numbers dropped)."""
    from checker.schema.answer import KIND_OF_LIST
    from checker.schema.claims import CLAIM_CLASS

    claims = [
        CLAIM_CLASS[kind](**item.model_dump(exclude={"sentence"}))
        for name, kind in KIND_OF_LIST.items()
        for item in getattr(answer, name)
    ]
    return sorted(claims, key=lambda c: c.model_dump_json())
