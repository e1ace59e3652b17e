"""What model alignment (prompt ``align_claims.v1``) costs: requests and tokens, per story and per 100 sources.

Reads the stand-in alignment cassettes (``fixtures/cassettes/standin/align_claims.v1+<extraction
prompt>/<split>/<story>.yaml``, dev stories and the seeds by default) and counts, for every
recorded request, the prompt (system + user message) and the answer (compact JSON) in tokens:
tiktoken's ``o200k_base`` when it can be loaded (see bench/answer_tokens.py for
``TIKTOKEN_CACHE_DIR``), else characters / 4, and the output says which.

Alignment requests carry one line (plus a masked sentence) per claim of the kinds aligned, so
their size grows with the claims, and a story makes at least one request per kind of claim
present (at most 200 claims each). "Per 100 sources" scales the measured tokens per claim line to
100 sources at the measured mean number of aligned claims per source; requests scale with the
number of 200-line batches that makes.

    TIKTOKEN_CACHE_DIR=/path/to/cache python bench/align_cost.py [--split dev|heldout|all]
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bench._common import emit  # noqa: E402
from bench.answer_tokens import counter  # noqa: E402
from checker.reconcile.identity import MAX_LINES  # noqa: E402

STANDIN = ROOT / "fixtures" / "cassettes" / "standin"
_LINE = re.compile(r"^s(\d+)\.\d+ ", re.MULTILINE)


def _requests(cassette: Path) -> list[tuple[str, str, str]]:
    """(system, user, answer) of every request the cassette holds."""
    data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    out = []
    for interaction in data["interactions"]:
        body = json.loads(interaction["request"]["body"])
        system = next(m["content"] for m in body["messages"] if m["role"] == "system")
        user = next(m["content"] for m in body["messages"] if m["role"] == "user")
        answer = json.loads(interaction["response"]["body"]["string"])["choices"][0]["message"]["content"]
        out.append((system, user, json.dumps(json.loads(answer), separators=(",", ":"))))
    return out


def run(split: str, extraction_prompt: str) -> dict[str, Any]:
    method, tokens = counter()
    folder = STANDIN / f"align_claims.v1+{extraction_prompt}"
    splits = [split] if split != "all" else ["dev", "heldout"]
    paths = sorted(p for s in splits for p in (folder / s).glob("*.yaml"))
    if split in ("dev", "all") and (folder / "seeds.yaml").is_file():
        paths.append(folder / "seeds.yaml")
    stories = []
    for path in paths:
        requests = _requests(path)
        lines = sum(len(_LINE.findall(user)) for _s, user, _a in requests)
        sources = len({n for _s, user, _a in requests for n in _LINE.findall(user)})
        stories.append(
            {
                "story": path.stem if path.stem != "seeds" else "seeds",
                "sources": sources,
                "requests": len(requests),
                "claim_lines": lines,
                "prompt_tokens": sum(tokens(system) + tokens(user) for system, user, _a in requests),
                "completion_tokens": sum(tokens(answer) for _s, _u, answer in requests),
                "system_tokens": tokens(requests[0][0]) if requests else 0,
            }
        )
    total = {k: sum(s[k] for s in stories) for k in ("sources", "requests", "claim_lines", "prompt_tokens")}
    total["completion_tokens"] = sum(s["completion_tokens"] for s in stories)
    system = stories[0]["system_tokens"] if stories else 0
    per_line_prompt = (total["prompt_tokens"] - system * total["requests"]) / max(1, total["claim_lines"])
    per_line_completion = total["completion_tokens"] / max(1, total["claim_lines"])
    lines_per_source = total["claim_lines"] / max(1, total["sources"])
    lines_100 = lines_per_source * 100
    kinds = total["requests"] / max(1, len(stories))  # requests a small story makes: about one per kind
    requests_100 = max(math.ceil(kinds), math.ceil(lines_100 / MAX_LINES))
    return {
        "split": split,
        "tokens": method,
        "stories": stories,
        "total": total,
        "per_claim_line": {
            "prompt_tokens": round(per_line_prompt, 1),
            "completion_tokens": round(per_line_completion, 1),
        },
        "system_prompt_tokens": system,
        "aligned_claims_per_source": round(lines_per_source, 1),
        "per_100_sources": {
            "requests": requests_100,
            "prompt_tokens": round(per_line_prompt * lines_100 + system * requests_100),
            "completion_tokens": round(per_line_completion * lines_100),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=["dev", "heldout", "all"], default="dev")
    parser.add_argument("--aligns", default="extract_claims.v2", help="whose stand-in claims were aligned")
    args = parser.parse_args()
    result = run(args.split, args.aligns)
    print(f"tokens: {result['tokens']}")
    print(f"{'story':42} {'sources':>7} {'requests':>8} {'claims':>6} {'prompt':>8} {'answer':>7}")
    for s in result["stories"]:
        print(
            f"{s['story'][:42]:42} {s['sources']:>7} {s['requests']:>8} {s['claim_lines']:>6} "
            f"{s['prompt_tokens']:>8} {s['completion_tokens']:>7}"
        )
    t = result["total"]
    print(
        f"{'TOTAL':42} {t['sources']:>7} {t['requests']:>8} {t['claim_lines']:>6} "
        f"{t['prompt_tokens']:>8} {t['completion_tokens']:>7}"
    )
    per = result["per_100_sources"]
    print(
        f"per claim line: {result['per_claim_line']['prompt_tokens']} prompt, "
        f"{result['per_claim_line']['completion_tokens']} answer tokens; system prompt "
        f"{result['system_prompt_tokens']} tokens per request; {result['aligned_claims_per_source']} aligned claims "
        f"per source"
    )
    print(
        f"per 100 sources: about {per['requests']} requests, {per['prompt_tokens']} prompt tokens, "
        f"{per['completion_tokens']} answer tokens"
    )
    emit(f"align_cost_{args.split}", result)


if __name__ == "__main__":
    main()
