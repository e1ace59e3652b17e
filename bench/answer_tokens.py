"""How long the model's answers are: completion tokens per article token, per prompt version.

Output tokens are most of a model run's latency (they come out at tens per second) and of its
price, so the answer's length is a cost figure. This reads the stand-in answers kept as cassettes
(``fixtures/cassettes/standin/<prompt>/``, dev stories by default), pairs each answer with the
article it answers (the request is rebuilt with ``checker.extract.render_chunk`` and matched
exactly), and counts tokens of both:

* with tiktoken's ``o200k_base`` (the GPT-4o family's encoding) when it can be loaded: tiktoken
  fetches the encoding file on first use, which this machine cannot; point ``TIKTOKEN_CACHE_DIR``
  at a folder holding it (the litellm wheel ships tiktoken's cache files, among them
  ``fb374d419588a4632f3f557e76b4b70aebbca790``, which is ``o200k_base``);
* otherwise as characters / 4, and the output says so.

The answer is counted as the model would emit it: compact JSON (re-serialised without
indentation, whatever spacing the stand-in's file had).

    TIKTOKEN_CACHE_DIR=/path/to/cache python bench/answer_tokens.py [--split dev|heldout|all]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from bench._common import emit, median  # noqa: E402
from checker.extract import render_chunk  # noqa: E402
from checker.manifest import apply_manifest  # noqa: E402
from checker.sources import read_source  # noqa: E402

STANDIN = ROOT / "fixtures" / "cassettes" / "standin"
EVAL = ROOT / "tests" / "eval"


def counter() -> tuple[str, Callable[[str], int]]:
    """(name of the method, token counter)."""
    try:
        import tiktoken

        encoding = tiktoken.get_encoding("o200k_base")
        return "tiktoken o200k_base", lambda text: len(encoding.encode(text))
    except Exception:  # not installed, or the encoding file cannot be fetched here
        return "characters / 4 (tiktoken's o200k_base was not available)", lambda text: math.ceil(len(text) / 4)


def _user(body: dict[str, Any]) -> str:
    return next(m["content"] for m in body["messages"] if m["role"] == "user")


def pairs(prompt: str, split: str) -> list[tuple[str, str, str]]:
    """(story/article, article text, answer content) for every answer in the split's cassettes."""
    found = []
    for cassette in sorted((STANDIN / prompt / split).glob("*.yaml")):
        story = EVAL / split / cassette.stem
        sources = apply_manifest([read_source(p) for p in sorted(story.glob("*.txt"))], None, [story])
        by_request = {dict(render_chunk(prompt, s.text, s.published).messages)["user"]: s for s in sources}
        for interaction in yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"]:
            body = json.loads(interaction["request"]["body"])
            source = by_request.get(_user(body))
            if source is None:  # a chunk of a long article or a re-ask: not one article's answer
                continue
            reply = json.loads(interaction["response"]["body"]["string"])
            content = reply["choices"][0]["message"]["content"]
            compact = json.dumps(json.loads(content), ensure_ascii=False, separators=(",", ":"))
            found.append((f"{cassette.stem}/{source.name}", source.text, compact))
    return found


def measure(prompt: str, splits: Sequence[str], count: Callable[[str], int]) -> dict[str, Any]:
    rows = []
    for split in splits:
        for name, text, answer in pairs(prompt, split):
            article, completion = count(text), count(answer)
            rows.append({"article": name, "split": split, "article_tokens": article, "completion_tokens": completion})
    ratios = [r["completion_tokens"] / r["article_tokens"] for r in rows]
    article_total = sum(r["article_tokens"] for r in rows)
    completion_total = sum(r["completion_tokens"] for r in rows)
    return {
        "articles": len(rows),
        "article_tokens": article_total,
        "completion_tokens": completion_total,
        "ratio": round(completion_total / article_total, 2) if article_total else None,
        "median_ratio": round(median(ratios), 2) if ratios else None,
        "max_ratio": round(max(ratios), 2) if ratios else None,
        "rows": rows,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    args = parser.parse_args(argv)
    splits = ("dev", "heldout") if args.split == "all" else (args.split,)
    method, count = counter()
    # extraction prompts only: the alignment cassettes ("align_claims.v1+<prompt>") are bench/align_cost.py's
    prompts = sorted(p.name for p in STANDIN.iterdir() if p.is_dir() and p.name.startswith("extract_claims."))
    result: dict[str, Any] = {"counted_with": method, "splits": list(splits), "prompts": {}}
    print(f"tokens counted with {method}; splits: {', '.join(splits)}")
    print(f"{'prompt':20} {'articles':>8} {'article tok':>11} {'answer tok':>10} {'ratio':>6} {'median':>6} {'max':>6}")
    for prompt in prompts:
        figures = measure(prompt, splits, count)
        result["prompts"][prompt] = figures
        print(
            f"{prompt:20} {figures['articles']:>8} {figures['article_tokens']:>11} {figures['completion_tokens']:>10} "
            f"{figures['ratio']!s:>6} {figures['median_ratio']!s:>6} {figures['max_ratio']!s:>6}"
        )
    emit("answer_tokens", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
