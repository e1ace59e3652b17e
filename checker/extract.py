"""Extraction: sources in, grounded claims out (one ``SourceClaims`` per source).

Two extractors fill one schema:

* ``llm``: the prompt is rendered per chunk (long sources are split on
  paragraph boundaries under a token budget), sent through :mod:`checker.llm`,
  cached on disk by content, and the answers of all chunks are merged and
  de-duplicated. An answer cut off at the model's length limit is retried as
  two halves of the chunk. The prompt version decides the answer's shape:
  ``extract_claims.v2`` (the default) asks for an inventory and claims that
  name their sentence (the chunk is sent as numbered sentences); a template
  whose name ends in ``.v1`` asks for the 1.0 claims with verbatim evidence.
* ``offline``: the deterministic rule-based extractor in :mod:`checker.offline`.

Either way every claim is grounded in the source text (:mod:`checker.grounding`)
and the result is the claims file form 2.0; claims that cannot be found are kept
aside as ungrounded. Sources are extracted concurrently with a bound; one failing
source does not lose the others, its failure is returned beside them.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import json
import math
from collections.abc import Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from checker.cache import ExtractionCache, cache_key, default_cache_dir
from checker.errors import CheckerError, ModelError
from checker.grounding import AnswerGrounding, ground, ground_answer, merge_groundings
from checker.llm import LLMClient, LLMSettings, OutputTooLong, Usage
from checker.prompts import DEFAULT_EXTRACT_PROMPT, RenderedPrompt, render
from checker.schema import ExtractionAnswer, ExtractorInfo, GroundedClaim, SourceClaims, v1
from checker.schema.common import ModelFacing, Span
from checker.schema.convert import from_v1_claims
from checker.segment import numbered
from checker.sources import Source
from checker.spend import Budget, Spending

ExtractorKind = Literal["llm", "offline"]
Progress = Callable[[str, str], None]

T = TypeVar("T")

CHARS_PER_TOKEN = 4  # a conservative estimate for English news text; no tokenizer download needed
DEFAULT_CHUNK_TOKENS = 3000
DEFAULT_CONCURRENCY = 8
MAX_SPLIT_DEPTH = 4
MIN_SPLIT_CHARS = 400


def estimate_tokens(text: str) -> int:
    """Rough token count used for the chunk budget (characters / 4, rounded up)."""
    return math.ceil(len(text) / CHARS_PER_TOKEN)


@dataclass(frozen=True)
class Chunk:
    """A slice of a source: ``text == source.text[start:start + len(text)]``."""

    start: int
    text: str


def _pieces(text: str, start: int, end: int, separators: Sequence[str]) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` after each separator, keeping every character."""
    if not separators:
        return [(start, end)]
    sep = separators[0]
    spans: list[tuple[int, int]] = []
    position = start
    while position < end:
        found = text.find(sep, position, end)
        cut = end if found < 0 else found + len(sep)
        spans.append((position, cut))
        position = cut
    return spans


def split_into_chunks(text: str, max_tokens: int = DEFAULT_CHUNK_TOKENS) -> list[Chunk]:
    """Pack paragraphs into chunks under the budget; split an oversized paragraph at
    sentence ends, then at spaces. Chunks tile the text exactly."""
    budget = max(1, max_tokens) * CHARS_PER_TOKEN
    units: list[tuple[int, int]] = []

    def add(start: int, end: int, level: int) -> None:
        separators = ("\n", ". ", " ")
        if end - start <= budget or level >= len(separators):
            if end - start <= budget:
                units.append((start, end))
            else:  # no separator left: hard cut
                units.extend((s, min(s + budget, end)) for s in range(start, end, budget))
            return
        for s, e in _pieces(text, start, end, separators[level:]):
            add(s, e, level + 1)

    add(0, len(text), 0)
    chunks: list[Chunk] = []
    current_start, current_end = 0, 0
    for start, end in units:
        if end - current_start > budget and current_end > current_start:
            chunks.append(Chunk(current_start, text[current_start:current_end]))
            current_start = start
        current_end = end
    if current_end > current_start:
        chunks.append(Chunk(current_start, text[current_start:current_end]))
    return chunks


def split_in_half(chunk: Chunk) -> tuple[Chunk, Chunk] | None:
    """Two halves cut at the paragraph, sentence or word boundary nearest the middle."""
    text = chunk.text
    if len(text) < MIN_SPLIT_CHARS:
        return None
    middle = len(text) // 2
    for sep in ("\n", ". ", " "):
        before = text.rfind(sep, 0, middle)
        after = text.find(sep, middle)
        candidates = [p + len(sep) for p in (before, after) if p > 0 and p + len(sep) < len(text)]
        if candidates:
            cut = min(candidates, key=lambda p: abs(p - middle))
            return Chunk(chunk.start, text[:cut]), Chunk(chunk.start + cut, text[cut:])
    return Chunk(chunk.start, text[:middle]), Chunk(chunk.start + middle, text[middle:])


@dataclass
class ExtractOptions:
    """Everything that shapes an extraction run."""

    extractor: ExtractorKind = "offline"
    llm: LLMSettings | None = None
    prompt: str = DEFAULT_EXTRACT_PROMPT
    cache_dir: Path | None = None
    use_cache: bool = True
    concurrency: int = DEFAULT_CONCURRENCY
    chunk_tokens: int = DEFAULT_CHUNK_TOKENS
    max_split_depth: int = MAX_SPLIT_DEPTH  # how often an answer cut at the length limit is halved
    budget: Budget | None = None  # the run's ceilings and account (checker.spend)
    # Answers already in hand by cache key (a Batch API job's), used before the cache and the model.
    prefilled: dict[str, tuple[BaseModel, Usage]] = field(default_factory=dict)


@dataclass
class SourceOutcome:
    """One source's result: claims, or the error that stopped it."""

    source: Source
    claims: SourceClaims | None = None
    error: CheckerError | None = None
    usage: Usage = field(default_factory=Usage)
    cache_hits: int = 0


@dataclass
class RunResult:
    """All sources' outcomes plus the run totals a report states."""

    outcomes: list[SourceOutcome]
    extractor: ExtractorKind
    model: str | None
    prompt: str | None
    usage: Usage
    cache_hits: int
    spending: Spending | None = None  # the account of a model run (ceilings, batch jobs)

    @property
    def complete(self) -> bool:
        """True when every source was extracted."""
        return all(o.error is None for o in self.outcomes)


def _dedupe(grounded: list[GroundedClaim]) -> list[GroundedClaim]:
    """Drop claims repeated across chunks; order by position in the source."""
    seen: dict[tuple[int, int, int, str], GroundedClaim] = {}
    for item in grounded:
        # Equal claims serialise alike (one class, one field order); pydantic's serialiser is fast.
        value_start = item.value.start if item.value is not None else -1
        seen.setdefault((item.evidence.start, item.evidence.end, value_start, item.claim.model_dump_json()), item)
    return sorted(
        seen.values(),
        key=lambda g: (g.evidence.start, g.evidence.end, g.value.start if g.value else -1, g.claim.kind),
    )


def _dedupe_v1(grounded: list[v1.GroundedClaim]) -> list[v1.GroundedClaim]:
    seen: dict[tuple[int, int, str], v1.GroundedClaim] = {}
    for item in grounded:
        seen.setdefault((item.evidence.start, item.evidence.end, item.claim.model_dump_json()), item)
    return sorted(seen.values(), key=lambda g: (g.evidence.start, g.evidence.end, g.claim.kind))


def answer_model(prompt: str) -> type[ModelFacing]:
    """The answer a prompt asks for: the 1.0 claims for a ``.v1`` template, the v2 answer otherwise."""
    return v1.ExtractionResult if prompt.endswith(".v1") else ExtractionAnswer


def render_chunk(prompt: str, text: str, published: dt.date | None) -> RenderedPrompt:
    """The request for one chunk: the v2 prompt reads it as numbered sentences, a ``.v1`` one as it is."""
    return render(
        prompt,
        published=published.isoformat() if published else "unknown",
        text=text if answer_model(prompt) is v1.ExtractionResult else numbered(text),
    )


def answer_schema_hash(answer: type[ModelFacing]) -> str:
    return answer.sent_schema_sha256()


@dataclass(frozen=True)
class ChunkRequest:
    """One chunk's request: what is sent, the answer it asks for, and its cache key."""

    prompt: RenderedPrompt
    answer: type[ModelFacing]
    key: str


def chunk_request(prompt: str, settings: LLMSettings, text: str, published: dt.date | None) -> ChunkRequest:
    """The request for one chunk and its cache key: the live path, the plan and the Batch API share it."""
    answer = answer_model(prompt)
    rendered = render_chunk(prompt, text, published)
    key = cache_key(
        prompt_sha256=rendered.sha256,
        model=settings.model,
        extractor="llm",
        answer_schema=answer_schema_hash(answer),
        settings=f"t={settings.temperature};seed={settings.seed}",
    )
    return ChunkRequest(rendered, answer, key)


def source_claims_v1(
    source: Source,
    extractor: ExtractorInfo,
    grounded: list[v1.GroundedClaim],
    ungrounded: list[v1.UngroundedClaim],
    date_line: Span | None = None,
) -> SourceClaims:
    """1.0 claims (the offline extractor's, a v1 answer's) as the claims file form 2.0."""
    entities, events, claims, lost = from_v1_claims(_dedupe_v1(grounded), ungrounded)
    return SourceClaims(
        source=source.meta,
        extractor=extractor,
        date_line=date_line,
        entities=entities,
        events=events,
        claims=_dedupe(claims),
        ungrounded=lost,
    )


class _LLMExtractor:
    def __init__(self, options: ExtractOptions, client: LLMClient, notify: Progress) -> None:
        self.options = options
        self.client = client
        self.notify = notify
        self.cache = ExtractionCache(options.cache_dir or default_cache_dir()) if options.use_cache else None
        self.semaphore = asyncio.Semaphore(max(1, options.concurrency))

    async def _chunk(
        self, source: Source, chunk: Chunk, outcome: SourceOutcome, depth: int
    ) -> list[tuple[Chunk, BaseModel]]:
        """The answers for one chunk: one, or those of its halves when the answer hit the length limit."""
        request = chunk_request(self.options.prompt, self.client.settings, chunk.text, source.published)
        prompt, answer, key = request.prompt, request.answer, request.key
        if key in self.options.prefilled:
            result, usage = self.options.prefilled[key]
            outcome.usage.add(usage)
            if self.cache is not None:
                await asyncio.to_thread(self.cache.put, key, result)
            return [(chunk, result)]
        if self.cache is not None:
            cached = self.cache.get(key, answer)
            if cached is not None:
                outcome.cache_hits += 1
                return [(chunk, cached)]
        try:
            async with self.semaphore:
                self.notify(source.name, "calling model")
                result, usage = await self.client.extract(prompt, answer)
        except OutputTooLong as exc:
            if exc.usage is not None:
                outcome.usage.add(exc.usage)
            halves = split_in_half(chunk) if depth < self.options.max_split_depth else None
            if halves is None:
                raise ModelError(
                    f"the model's answer hit its length limit even for {len(chunk.text)} characters",
                    attempts=exc.attempts,
                    last_response=exc.last_response,
                ) from None
            parts = await asyncio.gather(*(self._chunk(source, half, outcome, depth + 1) for half in halves))
            return [pair for part in parts for pair in part]
        outcome.usage.add(usage)
        if self.cache is not None:
            # fsync takes milliseconds: keep it off the event loop so other calls keep flowing.
            await asyncio.to_thread(self.cache.put, key, result)
        return [(chunk, result)]

    async def run(self, source: Source, outcome: SourceOutcome) -> SourceClaims:
        chunks = split_into_chunks(source.text, self.options.chunk_tokens)
        per_chunk = await asyncio.gather(*(self._chunk(source, chunk, outcome, 0) for chunk in chunks))
        answers = [pair for pairs in per_chunk for pair in pairs]
        info = ExtractorInfo(kind="llm", model=self.client.settings.model, prompt=self.options.prompt)
        if answer_model(self.options.prompt) is v1.ExtractionResult:
            grounded: list[v1.GroundedClaim] = []
            ungrounded: list[v1.UngroundedClaim] = []
            for chunk, result in answers:
                assert isinstance(result, v1.ExtractionResult)
                g, u = ground(source.text, result.claims, prefer_from=chunk.start)
                grounded.extend(g)
                ungrounded.extend(u)
            unique = {json.dumps(u.model_dump(mode="json"), sort_keys=True): u for u in ungrounded}
            return source_claims_v1(source, info, grounded, [unique[k] for k in sorted(unique)])
        parts: list[AnswerGrounding] = []
        for chunk, result in answers:
            assert isinstance(result, ExtractionAnswer)
            parts.append(ground_answer(chunk.text, result, offset=chunk.start))
        merged = merge_groundings(parts)
        unique_lost = {json.dumps(u.model_dump(mode="json"), sort_keys=True): u for u in merged.ungrounded}
        return SourceClaims(
            source=source.meta,
            extractor=info,
            date_line=merged.date_line,
            entities=merged.entities,
            events=merged.events,
            claims=_dedupe(merged.grounded),
            ungrounded=[unique_lost[k] for k in sorted(unique_lost)],
        )


def extract_offline(source: Source) -> SourceClaims:
    """The rule-based extractor: no model, offsets exact by construction."""
    from checker import offline

    info = ExtractorInfo(kind="offline", note=f"rules {offline.EXTRACTOR_VERSION}")
    return source_claims_v1(source, info, offline.extract(source.text), [], offline.date_line(source.text))


@contextlib.contextmanager
def _long_lived_objects_frozen() -> Iterator[None]:
    """Keep the collector's full passes off the objects that were alive before the run.

    After the SDK is imported the process holds tens of thousands of long-lived objects (modules,
    classes, pydantic validators) that every full collection walks: pauses of up to 60 ms were
    seen here, landing in the middle of a wave of calls now and then. ``gc.freeze`` parks them for the run
    (they are still collected afterwards: ``unfreeze`` hands them back to the oldest generation).
    Skipped when the process has frozen objects of its own, which ``unfreeze`` would release, or has
    the collector off."""
    import openai  # noqa: F401 - imported before the freeze, so its objects are among those parked

    if gc.get_freeze_count() or not gc.isenabled():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


async def extract_sources(
    sources: Sequence[Source],
    options: ExtractOptions,
    *,
    client: LLMClient | None = None,
    progress: Progress | None = None,
) -> RunResult:
    """Extract every source; failures are returned per source, never raised."""
    notify: Progress = progress or (lambda _name, _state: None)
    outcomes = [SourceOutcome(source=s) for s in sources]
    if options.extractor == "offline":
        for outcome in outcomes:
            try:
                outcome.claims = extract_offline(outcome.source)
                notify(outcome.source.name, "done")
            except CheckerError as exc:
                outcome.error = exc
                notify(outcome.source.name, "failed")
        return RunResult(outcomes, "offline", None, None, Usage(), 0)

    own_client = client is None
    llm = client or LLMClient(options.llm or LLMSettings.from_env(), budget=options.budget)
    extractor = _LLMExtractor(options, llm, notify)

    async def one(outcome: SourceOutcome) -> None:
        try:
            outcome.claims = await extractor.run(outcome.source, outcome)
        except CheckerError as exc:
            outcome.error = exc
            notify(outcome.source.name, "failed")
            return
        notify(outcome.source.name, "cached" if outcome.usage.calls == 0 else "done")

    with _long_lived_objects_frozen():
        try:
            await asyncio.gather(*(one(o) for o in outcomes))
        finally:
            if own_client:
                await llm.close()
    usage = Usage()
    for outcome in outcomes:
        usage.add(outcome.usage)
    return RunResult(
        outcomes,
        "llm",
        llm.settings.model,
        options.prompt,
        usage,
        sum(o.cache_hits for o in outcomes),
    )


def run_blocking(coro: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run``, minus a cost that grows with the result.

    On its way out, Python 3.11's ``asyncio.run`` asks whether its Ctrl-C handler is still
    installed, and the check formats the handler's ``repr``, which holds the main task and so
    the task's result: every claim of the run, about 30 ms per thousand claims here. Here the
    main task returns nothing and the result travels beside it."""
    box: list[T] = []

    async def main() -> None:
        box.append(await coro)

    asyncio.run(main())
    return box[0]


def extract_sources_sync(
    sources: Sequence[Source], options: ExtractOptions, *, progress: Progress | None = None
) -> RunResult:
    """Blocking twin of :func:`extract_sources` for the CLI and simple callers."""
    return run_blocking(extract_sources(sources, options, progress=progress))
