"""Model-assisted alignment: one model call per story (per kind, for large ones) says which claims
state the same fact, whatever words each article used ("key rate" / "benchmark interest rate").

The model sees each claim's identity (:mod:`checker.reconcile.identity`), never its value, and
answers with groups of claim ids (prompt ``align_claims.v1``); it never sees or decides a verdict.
Its groups are checked before use: an unknown id is dropped, an id in two groups stays in the
first, a group of fewer than two claims is no group. Answers are cached by content and replayed
like extractions, so a re-run gives the same report. ``--align rules`` skips all of this.

A request the model fails (transport errors after every retry, no valid answer after the re-asks)
costs only its own groups: its claims are aligned by the rules, and the run says how many
requests failed, so the report is never lost to an alignment failure.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from checker.cache import ExtractionCache, cache_key, default_cache_dir
from checker.errors import CheckerError
from checker.llm import LLMClient, LLMSettings, Usage
from checker.prompts import RenderedPrompt, render
from checker.reconcile import Alignment
from checker.reconcile.identity import Batch, batches
from checker.schema import SourceClaims
from checker.schema.alignment import AlignmentAnswer
from checker.spend import Budget

ALIGN_PROMPT = "align_claims.v1"
AlignMode = Literal["rules", "model", "auto"]


@dataclass
class AlignmentRun:
    """The alignment a run used and what it cost."""

    alignment: Alignment | None
    usage: Usage = field(default_factory=Usage)
    cache_hits: int = 0
    requests: int = 0
    failures: list[str] = field(default_factory=list)  # one line per failed request

    def describe(self) -> str:
        """What the report's ``run.alignment`` says: the prompt and model, and any failed requests."""
        how = self.alignment.how if self.alignment is not None else "rules"
        if self.failures:
            how += f"; {len(self.failures)} of {self.requests} request(s) failed, their claims aligned by rules"
        return how


def choose_alignment(mode: AlignMode, settings: LLMSettings, extractor: str) -> Literal["rules", "model"]:
    """``auto``: the model when one is configured and the claims came from it; offline runs use the rules."""
    if mode == "auto":
        return "model" if settings.configured and extractor == "llm" else "rules"
    return mode


def apply(batch: Batch, answer: AlignmentAnswer, groups: dict[tuple[str, int], tuple[str, str]]) -> None:
    """Add one batch's groups to ``groups``, with the guards the module docstring lists."""
    for number, group in enumerate(answer.groups):
        refs = []
        for claim_id in group.claims:
            ref = batch.refs.get(claim_id.strip())
            if ref is not None and ref not in groups and ref not in refs:
                refs.append(ref)
        if len(refs) < 2:
            continue
        label = " ".join(group.label.split()) or f"fact {number + 1}"
        for ref in refs:
            groups[ref] = (f"{batch.kind}.{batch.index}.{number}", label)


def align_request(settings: LLMSettings, batch: Batch) -> tuple[RenderedPrompt, str]:
    """One alignment request and its cache key: the live path and the Batch API share it."""
    prompt = render(ALIGN_PROMPT, claims=batch.text)
    key = cache_key(
        prompt_sha256=prompt.sha256,
        model=settings.model,
        extractor="align",
        answer_schema=AlignmentAnswer.sent_schema_sha256(),
        settings=f"t={settings.temperature};seed={settings.seed}",
    )
    return prompt, key


async def align(
    sources: Sequence[SourceClaims],
    settings: LLMSettings,
    *,
    client: LLMClient | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    concurrency: int = 8,
    budget: Budget | None = None,
    prefilled: Mapping[str, tuple[AlignmentAnswer, Usage]] | None = None,
) -> AlignmentRun:
    """Ask the model which claims state one fact; the answers become an :class:`Alignment`."""
    work = batches(sources)
    run = AlignmentRun(alignment=None, requests=len(work))
    if not work:
        run.alignment = Alignment({}, how=f"{ALIGN_PROMPT} ({settings.model})")
        return run
    cache = ExtractionCache(cache_dir or default_cache_dir()) if use_cache else None
    own = client is None
    llm = client or LLMClient(settings, budget=budget)
    semaphore = asyncio.Semaphore(max(1, concurrency))

    async def one(batch: Batch) -> AlignmentAnswer:
        prompt, key = align_request(settings, batch)
        if prefilled and key in prefilled:  # a Batch API job's answer
            answer, usage = prefilled[key]
            run.usage.add(usage)
            if cache is not None:
                await asyncio.to_thread(cache.put, key, answer)
            return answer
        if cache is not None:
            cached = cache.get(key, AlignmentAnswer)
            if cached is not None:
                run.cache_hits += 1
                return cached
        async with semaphore:
            answer, usage = await llm.extract(prompt, AlignmentAnswer)
        run.usage.add(usage)
        if cache is not None:
            await asyncio.to_thread(cache.put, key, answer)
        return answer

    try:
        answers = await asyncio.gather(*(one(batch) for batch in work), return_exceptions=True)
    finally:
        if own:
            await llm.close()
    answered: list[AlignmentAnswer | None] = []
    for batch, answer in zip(work, answers, strict=True):
        if isinstance(answer, CheckerError):
            run.failures.append(f"{batch.kind} request {batch.index + 1}: {answer}")
            answered.append(None)
        elif isinstance(answer, BaseException):
            raise answer
        else:
            answered.append(answer)
    run.alignment = alignment_from(work, answered, how=f"{ALIGN_PROMPT} ({settings.model})")
    return run


def alignment_from(work: Sequence[Batch], answers: Sequence[AlignmentAnswer | None], how: str) -> Alignment:
    """The alignment a story's answers make: each answered request's checked groups, and the claims
    it showed (a request without an answer, ``None``, showed none: the rules align them)."""
    groups: dict[tuple[str, int], tuple[str, str]] = {}
    seen: dict[tuple[str, int], int] = {}
    for batch, answer in zip(work, answers, strict=True):
        if answer is None:
            continue
        apply(batch, answer, groups)
        seen.update(dict.fromkeys(batch.refs.values(), batch.index))
    return Alignment(groups, how=how, seen=seen)
