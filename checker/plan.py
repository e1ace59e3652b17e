"""The plan of a model run, made before the first call: sources, chunks, calls, tokens and dollars.

Extraction requests are known exactly: each chunk's request is rendered as the run would send it,
and the cache says which ones are already answered (they cost nothing). What is estimated:

* prompt tokens: characters / 4 of each request's messages plus the JSON schema it carries;
* completion tokens: the characters of answer per character of request that the recorded
  (stand-in) answers show for the prompt (``checker/data/estimates.toml``, ``bench/estimates.py``);
* alignment, before any claim exists: claims from the article length, requests and tokens per
  claim, all from the recorded alignment requests.

:meth:`Plan.check` stops a plan over a ceiling before anything is sent.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from checker.cache import ExtractionCache, default_cache_dir
from checker.extract import ChunkRequest, ExtractOptions, chunk_request, split_into_chunks
from checker.llm import LLMSettings, estimate_request
from checker.prompts import render
from checker.reconcile.identity import MAX_LINES
from checker.schema.alignment import AlignmentAnswer
from checker.sources import Source
from checker.spend import Ceilings, OverCeiling, Price, estimates, tokens


@dataclass(frozen=True)
class StagePlan:
    """One stage's requests and their estimated tokens (of the requests still to send)."""

    stage: str
    requests: int
    cached: int
    prompt_tokens: int
    completion_tokens: int
    estimated: bool = False  # the request count itself is an estimate (alignment before extraction)

    @property
    def calls(self) -> int:
        return self.requests - self.cached


@dataclass(frozen=True)
class Plan:
    """What a run will send and what it should cost; ``price`` None when the model has none."""

    model: str | None
    sources: int
    chunks: int
    stages: tuple[StagePlan, ...]
    price: Price | None
    factor: float = 1.0
    mode: Literal["live", "batch"] = "live"
    prompt: str | None = None
    # The extraction requests still to send, as the plan rendered them: a Batch API job sends these.
    pending: tuple[ChunkRequest, ...] = field(default=(), repr=False, compare=False)

    @property
    def calls(self) -> int:
        return sum(stage.calls for stage in self.stages)

    def cost(self, stage: StagePlan | None = None) -> float | None:
        """Estimated dollars for one stage, or for the whole run; None without a price."""
        if self.price is None:
            return None
        chosen = (stage,) if stage is not None else self.stages
        return self.price.cost(
            sum(s.prompt_tokens for s in chosen), sum(s.completion_tokens for s in chosen), self.factor
        )

    def check(self, ceilings: Ceilings) -> None:
        """Raise :class:`OverCeiling` (nothing sent) when the plan is over a ceiling."""
        cost = self.cost()
        if ceilings.max_calls is not None and self.calls > ceilings.max_calls:
            raise OverCeiling(
                f"the plan needs {self.calls} model calls, over --max-calls {ceilings.max_calls}; nothing was sent"
            )
        if ceilings.max_cost is not None and cost is not None and cost > ceilings.max_cost:
            raise OverCeiling(
                f"the plan is estimated at {cost:.4f} USD, over --max-cost {ceilings.max_cost:.4f} USD; "
                "nothing was sent"
            )

    def describe(self, ceilings: Ceilings | None = None) -> str:
        """The plan for people: a line per stage, the total, the rates, how it was estimated."""
        if self.model is None:
            return f"plan: {self.sources} source(s), offline extractor: no model calls, no cost\n"
        lines = [f"plan: {self.sources} source(s), {self.chunks} chunk(s), model {self.model} ({self.mode})"]
        for stage in self.stages:
            approx = "~" if stage.estimated else ""
            lines.append(
                f"  {stage.stage}: {approx}{stage.calls} call(s) ({stage.cached} of {approx}{stage.requests} "
                f"request(s) cached), ~{stage.prompt_tokens:,} prompt + ~{stage.completion_tokens:,} completion "
                f"tokens, {_dollars(self.cost(stage))}" + (" (estimated before extraction)" if stage.estimated else "")
            )
        total = f"  total: {self.calls} call(s), {_dollars(self.cost())}"
        if self.price is not None:
            total += (
                f" at {self.price.input:g} / {self.price.output:g} USD per million prompt / completion tokens"
                f"{' x ' + format(self.factor, 'g') + ' (Batch API)' if self.factor != 1 else ''} ({self.price.source})"
            )
        else:
            total += f" (no price for {self.model}: add it under [tool.checker.prices])"
        lines.append(total)
        lines.append(
            "  tokens: characters / 4 of each request and its schema; answers as long as recorded answers "
            f"to {self.prompt or 'the prompt'} run per character of request"
        )
        if ceilings is not None:
            lines.append(f"  ceilings: {ceilings.describe()}")
        return "\n".join(lines) + "\n"


def _dollars(cost: float | None) -> str:
    return "cost unknown" if cost is None else f"~{cost:.4f} USD"


def plan_extraction(
    sources: Sequence[Source], options: ExtractOptions, settings: LLMSettings
) -> tuple[StagePlan, int, tuple[ChunkRequest, ...]]:
    """The extraction stage of ``sources``, the chunks they make, and the requests still to send:
    every chunk's request once, less those the cache (or a Batch API job, ``options.prefilled``)
    already answered, which the stage counts as cached."""
    cache = ExtractionCache(options.cache_dir or default_cache_dir()) if options.use_cache else None
    pending: list[ChunkRequest] = []
    seen: set[str] = set()
    chunks = cached = 0
    for source in sources:
        for chunk in split_into_chunks(source.text, options.chunk_tokens):
            chunks += 1
            request = chunk_request(options.prompt, settings, chunk.text, source.published)
            if request.key in seen:  # the same chunk twice is asked once (then it is cached)
                continue
            seen.add(request.key)
            if request.key in options.prefilled or (cache is not None and cache.has(request.key)):
                cached += 1
            else:
                pending.append(request)
    prompt_tokens = completion_tokens = 0
    for request in pending:
        p, c = estimate_request(request.prompt.as_openai(), request.answer, options.prompt)
        prompt_tokens += p
        completion_tokens += c
    stage = StagePlan("extraction", cached + len(pending), cached, prompt_tokens, completion_tokens)
    return stage, chunks, tuple(pending)


def plan_alignment(sources: Sequence[Source]) -> StagePlan:
    """Alignment before extraction: claims from the articles' length, the rest per claim and per request,
    as the recorded alignment requests show."""
    figures = estimates()["align_claims.v1"]
    claims = math.ceil(sum(len(s.text) for s in sources) * figures["claims_per_article"])
    if claims < 2 or len(sources) < 2:
        return StagePlan("alignment", 0, 0, 0, 0, estimated=True)
    # As many requests as a story's claim kinds, measured; a request needs two claims to group.
    requests = max(min(math.ceil(figures["requests_per_story"]), claims // 2), math.ceil(claims / MAX_LINES))
    system = render("align_claims.v1", claims="")
    fixed = sum(len(content) for _, content in system.messages) + len(AlignmentAnswer.sent_schema_json())
    prompt_chars = requests * fixed + claims * figures["chars_per_claim"]
    completion_chars = claims * figures["answer_chars_per_claim"]
    return StagePlan(
        "alignment", requests, 0, tokens(math.ceil(prompt_chars)), tokens(math.ceil(completion_chars)), estimated=True
    )
