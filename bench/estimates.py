"""The ratios checker's spend plan estimates with, measured on the stand-in cassettes.

A plan knows each request exactly (it renders it), but not the answer nor, before extraction,
how many claims alignment will see. Those come from what recorded answers show:

* ``answer_per_request``: characters of the answer per character of the request's user message,
  per extraction prompt (the user message holds the article, so the answer grows with it);
* ``claims_per_article``: claim lines the alignment requests carry per character of the
  story's articles; ``chars_per_claim`` and ``answer_chars_per_claim``: a request's user message
  and its answer per claim line; ``requests_per_story``: mean alignment requests per story.

Everything is counted in characters; checker turns characters into tokens as characters / 4
(``checker.extract.estimate_tokens``), the same rule as its chunk budget. Only the dev stories
and the seeds are read (the held-out stories stay held out). ``--write`` stores the figures in
``checker/data/estimates.toml``; a test checks that the file says what this script measures.

    python bench/estimates.py [--write]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

STANDIN = ROOT / "fixtures" / "cassettes" / "standin"
TARGET = ROOT / "checker" / "data" / "estimates.toml"
EXTRACT_PROMPTS = ("extract_claims.v1", "extract_claims.v2")
ALIGN = "align_claims.v1+extract_claims.v2"
_CLAIM_LINE = re.compile(r"^s\d+\.\d+ ", re.MULTILINE)


def _cassettes(folder: Path) -> list[Path]:
    """The seeds' cassette and the dev stories', in name order."""
    return [p for p in [folder / "seeds.yaml", *sorted((folder / "dev").glob("*.yaml"))] if p.is_file()]


def _exchanges(path: Path) -> list[tuple[str, str]]:
    """(user message, answer content) of every exchange of a cassette."""
    pairs = []
    for interaction in yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]:
        request = json.loads(interaction["request"]["body"])
        body = interaction["response"]["body"]
        response = json.loads(body["string"] if isinstance(body, dict) else body)
        user = next(m["content"] for m in request["messages"] if m["role"] == "user")
        pairs.append((user, response["choices"][0]["message"]["content"] or ""))
    return pairs


def _story_chars(cassette: Path) -> int:
    """Characters of the articles the cassette's story holds."""
    folder = ROOT / "seeds" if cassette.stem == "seeds" else ROOT / "tests" / "eval" / "dev" / cassette.stem
    return sum(len(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt")))


def measure() -> dict[str, Any]:
    """The figures ``checker/data/estimates.toml`` holds, rounded to four significant digits."""
    figures: dict[str, Any] = {}
    for prompt in EXTRACT_PROMPTS:
        asked = answered = 0
        for cassette in _cassettes(STANDIN / prompt):
            for user, answer in _exchanges(cassette):
                asked += len(user)
                answered += len(answer)
        figures[prompt] = {"answer_per_request": float(f"{answered / asked:.4g}")}
    claims = article = request_chars = answer_chars = requests = stories = 0
    for cassette in _cassettes(STANDIN / ALIGN):
        stories += 1
        article += _story_chars(cassette)
        for user, answer in _exchanges(cassette):
            requests += 1
            claims += len(_CLAIM_LINE.findall(user))
            request_chars += len(user)
            answer_chars += len(answer)
    figures["align_claims.v1"] = {
        "claims_per_article": float(f"{claims / article:.4g}"),
        "chars_per_claim": float(f"{request_chars / claims:.4g}"),
        "answer_chars_per_claim": float(f"{answer_chars / claims:.4g}"),
        "requests_per_story": float(f"{requests / stories:.4g}"),
    }
    return figures


def as_toml(figures: dict[str, Any]) -> str:
    lines = [
        "# Written by bench/estimates.py from the stand-in cassettes (dev stories and seeds); do not edit.",
        "# Characters of answer per character of request, and alignment's claims per article character.",
    ]
    for table, values in figures.items():
        lines += ["", f'["{table}"]', *(f"{key} = {value}" for key, value in values.items())]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the figures in checker/data/estimates.toml")
    args = parser.parse_args()
    text = as_toml(measure())
    print(text, end="")
    if args.write:
        TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
