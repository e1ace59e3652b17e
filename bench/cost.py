"""What a model extraction costs in tokens: per seed article, and the fixed part paid on every call.

    python bench/cost.py
    python bench/cost.py --cassettes fixtures/cassettes/recorded/<model>

Reads the recorded cassettes (default ``fixtures/cassettes/handwritten/*.yaml``): for every
exchange, the ``usage`` the server reported, the size of the request's messages and of its
``response_format`` (the JSON schema of ``ExtractionResult``, sent with every call), and the size
of the answer.

How tokens are counted, exactly:

* ``usage prompt/completion`` columns are the ``usage`` fields of the recorded responses. In the
  hand-written cassettes these are NOT tokenizer counts: fixtures/record.py wrote them as
  ceil(characters / 4) of the request's message contents and of the answer's content
  (fixtures/README.md). Only cassettes under ``recorded/<model>/`` would hold a real server's counts.
* ``~tokens`` columns computed here are ceil(characters / 4), the same estimate checker uses for its
  chunk budget (``checker.extract.estimate_tokens``); no tokenizer is downloaded.
* The fixed overhead is the ``extract_claims.v1`` prompt rendered with an empty article (and
  ``published="unknown"``), plus the ``response_format`` schema as the openai SDK sends it
  (``openai.lib._pydantic.to_strict_json_schema(ExtractionResult)`` inside
  ``{"type": "json_schema", ...}``). The recorded usage estimate counts messages only, so the schema
  is *not* in it; whether a provider bills the schema as prompt tokens is the provider's business
  (for a local server it usually becomes a decoding grammar instead), so it is shown separately.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

try:
    from bench._common import ROOT, emit, table
except ModuleNotFoundError:  # run as a script: python bench/cost.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench._common import ROOT, emit, table

DEFAULT_CASSETTES = ROOT / "fixtures" / "cassettes" / "handwritten"
CHARS_PER_TOKEN = 4
ARTICLE_START, ARTICLE_END = "<<<ARTICLE\n", "\nARTICLE>>>"


def estimate(chars: int) -> int:
    """ceil(characters / 4): the project's token estimate."""
    return math.ceil(chars / CHARS_PER_TOKEN)


def _body_text(body: Any) -> str:
    """A cassette body: a string, or vcrpy's ``{"string": ...}`` form."""
    if isinstance(body, dict):
        body = body.get("string", "")
    if isinstance(body, bytes):
        return body.decode("utf-8")
    return str(body or "")


def _compact(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def fixed_overhead() -> dict[str, Any]:
    """The prompt with an empty article, and the response_format schema, in characters and ~tokens."""
    from openai.lib._parsing._completions import type_to_response_format_param
    from openai.lib._pydantic import to_strict_json_schema

    from checker.extract import answer_model, render_chunk
    from checker.prompts import DEFAULT_EXTRACT_PROMPT

    answer = answer_model(DEFAULT_EXTRACT_PROMPT)
    prompt = render_chunk(DEFAULT_EXTRACT_PROMPT, "", None)
    per_message = {role: len(content) for role, content in prompt.messages}
    prompt_chars = sum(per_message.values())
    schema_chars = _compact(to_strict_json_schema(answer))
    response_format_chars = _compact(type_to_response_format_param(answer))
    return {
        "prompt": DEFAULT_EXTRACT_PROMPT,
        "prompt_chars": prompt_chars,
        "prompt_chars_by_role": per_message,
        "prompt_tokens_est": estimate(prompt_chars),
        "schema_chars": schema_chars,
        "schema_tokens_est": estimate(schema_chars),
        "response_format_chars": response_format_chars,
        "response_format_tokens_est": estimate(response_format_chars),
        "total_fixed_tokens_est": estimate(prompt_chars) + estimate(response_format_chars),
    }


def read_cassette(path: Path) -> list[dict[str, Any]]:
    """One row per chat-completions exchange in a vcrpy YAML cassette."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = []
    for interaction in data.get("interactions", []):
        request, response = interaction.get("request", {}), interaction.get("response", {})
        if not str(request.get("uri", "")).endswith("/chat/completions"):
            continue
        request_body = json.loads(_body_text(request.get("body")) or "{}")
        response_body = json.loads(_body_text(response.get("body")) or "{}")
        messages = request_body.get("messages", [])
        message_chars = sum(len(m.get("content") or "") for m in messages)
        user = "".join(m.get("content") or "" for m in messages if m.get("role") == "user")
        start, end = user.find(ARTICLE_START), user.rfind(ARTICLE_END)
        article_chars = end - start - len(ARTICLE_START) if start >= 0 and end >= 0 else 0
        choices = response_body.get("choices") or [{}]
        content = (choices[0].get("message") or {}).get("content") or ""
        try:
            claims = len(json.loads(content).get("claims", []))
        except (ValueError, AttributeError):
            claims = 0
        usage = response_body.get("usage") or {}
        rows.append(
            {
                "cassette": path.name,
                "model": request_body.get("model"),
                "status": response.get("status", {}).get("code"),
                "article_chars": article_chars,
                "message_chars": message_chars,
                "response_format_chars": _compact(request_body.get("response_format")),
                "request_body_bytes": len(_body_text(request.get("body")).encode("utf-8")),
                "answer_chars": len(content),
                "claims": claims,
                "usage_prompt_tokens": usage.get("prompt_tokens"),
                "usage_completion_tokens": usage.get("completion_tokens"),
                "prompt_tokens_est": estimate(message_chars),
                "completion_tokens_est": estimate(len(content)),
            }
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cassettes", type=Path, default=DEFAULT_CASSETTES, help="directory of *.yaml cassettes")
    args = parser.parse_args(argv)

    overhead = fixed_overhead()
    paths = sorted(args.cassettes.glob("*.yaml"))
    provenance_path = args.cassettes / "PROVENANCE.json"
    provenance = json.loads(provenance_path.read_text(encoding="utf-8")) if provenance_path.exists() else {}
    handwritten = "handwritten" in args.cassettes.parts or "HAND-WRITTEN" in str(provenance.get("how", ""))
    rows = [row for path in paths for row in read_cassette(path)]

    print(f"fixed overhead per call ({overhead['prompt']}, empty article, ceil(chars/4)):")
    print(
        table(
            ["part", "characters", "~tokens"],
            [
                ["system + user template", overhead["prompt_chars"], overhead["prompt_tokens_est"]],
                [
                    "response_format (JSON schema)",
                    overhead["response_format_chars"],
                    overhead["response_format_tokens_est"],
                ],
                [
                    "total",
                    overhead["prompt_chars"] + overhead["response_format_chars"],
                    overhead["total_fixed_tokens_est"],
                ],
            ],
        )
    )
    if not rows:
        print(f"\nno cassettes under {args.cassettes}: per-article figures unavailable")
        emit("cost", {"cassettes": str(args.cassettes), "fixed_overhead": overhead, "articles": [], "totals": None})
        return 0

    where = args.cassettes.relative_to(ROOT) if args.cassettes.is_relative_to(ROOT) else args.cassettes
    print(f"\nper seed article, from {where}:")
    print(
        table(
            [
                "cassette",
                "article chars",
                "claims",
                "usage prompt",
                "usage completion",
                "~prompt (msgs)",
                "~completion",
                "+ schema ~tok",
                "request bytes",
            ],
            [
                [
                    r["cassette"].split("_")[0],
                    r["article_chars"],
                    r["claims"],
                    r["usage_prompt_tokens"],
                    r["usage_completion_tokens"],
                    r["prompt_tokens_est"],
                    r["completion_tokens_est"],
                    estimate(r["response_format_chars"]),
                    r["request_body_bytes"],
                ]
                for r in rows
            ],
        )
    )
    n = len(rows)
    totals = {
        "exchanges": n,
        "usage_prompt_tokens": sum(r["usage_prompt_tokens"] or 0 for r in rows),
        "usage_completion_tokens": sum(r["usage_completion_tokens"] or 0 for r in rows),
        "prompt_tokens_est": sum(r["prompt_tokens_est"] for r in rows),
        "completion_tokens_est": sum(r["completion_tokens_est"] for r in rows),
        "schema_tokens_est": sum(estimate(r["response_format_chars"]) for r in rows),
        "claims": sum(r["claims"] for r in rows),
    }
    per_article = {
        "usage_prompt_tokens": round(totals["usage_prompt_tokens"] / n),
        "usage_completion_tokens": round(totals["usage_completion_tokens"] / n),
        "schema_tokens_est": round(totals["schema_tokens_est"] / n),
        "completion_tokens_per_claim": round(totals["usage_completion_tokens"] / max(1, totals["claims"]), 1),
        "fixed_share_of_prompt": round(overhead["prompt_tokens_est"] / max(1, totals["usage_prompt_tokens"] / n), 3),
    }
    print(
        f"\nmean per article: {per_article['usage_prompt_tokens']} prompt + "
        f"{per_article['usage_completion_tokens']} completion tokens (usage), plus ~{per_article['schema_tokens_est']} "
        f"schema tokens if the provider counts response_format; {per_article['completion_tokens_per_claim']} "
        f"completion tokens per claim; the empty-article prompt is {per_article['fixed_share_of_prompt']:.0%} "
        "of the mean prompt."
    )
    if handwritten:
        print(
            "NOTE: these cassettes are hand-written answers; their usage is an ESTIMATE, ceil(characters / 4) of the "
            "messages and of the answer (fixtures/README.md), not a tokenizer count, and it excludes the schema."
        )
    emit(
        "cost",
        {
            "cassettes": str(where),
            "usage_is_estimate": handwritten,
            "token_counting": (
                "usage_* = the cassettes' usage fields (hand-written cassettes: ceil(chars/4) of message contents "
                "and answer content); *_est = ceil(chars/4) computed here; schema = compact JSON of the SDK's "
                "response_format for ExtractionResult"
            ),
            "fixed_overhead": overhead,
            "articles": rows,
            "totals": totals,
            "mean_per_article": per_article,
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
