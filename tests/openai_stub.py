"""Helpers to script a real local OpenAI-compatible server (pytest-httpserver) in tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from werkzeug import Request, Response

PATH = "/v1/chat/completions"


def completion(
    content: str | None, *, finish_reason: str = "stop", refusal: str | None = None, choices: bool = True
) -> dict[str, Any]:
    """A Chat Completions response body."""
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
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
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
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
