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


def claims_json(*claims: dict[str, Any]) -> str:
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
