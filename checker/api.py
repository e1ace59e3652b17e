"""The Python API: the same pipeline the CLI runs, for editorial workflows and tests.

    import checker
    report = checker.check([checker.Source(text=draft, name="draft.md"), ...])
    if report.has_conflicts("conflict"): ...

``check`` extracts (model or offline), grounds, reconciles and returns a
:class:`~checker.report.Report`; ``acheck`` is its async twin. ``reconcile_files``
reconciles claims files someone else produced. ``plan_run`` says what a model run would send and
cost, without sending anything; ``max_cost`` / ``max_calls`` cap a run, ``batch`` sends its
requests through the Batch API.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from checker.align import AlignmentRun, AlignMode
from checker.errors import ConfigError, InputError
from checker.extract import ExtractOptions, Progress, RunResult, extract_sources, run_blocking
from checker.llm import LLMClient, LLMSettings
from checker.plan import Plan, StagePlan, plan_alignment, plan_extraction
from checker.prompts import DEFAULT_EXTRACT_PROMPT
from checker.report import FailedSource, PriceUsed, Report, RunInfo, Spend, StageSpend
from checker.schema import SourceClaims
from checker.schema.convert import load_claims
from checker.sources import Source
from checker.spend import Budget, Ceilings, Spending, load_prices

ExtractorChoice = Literal["auto", "llm", "offline"]


def choose_extractor(choice: ExtractorChoice, settings: LLMSettings) -> Literal["llm", "offline"]:
    """``auto`` means the model when one is configured, the offline extractor otherwise."""
    if choice == "auto":
        return "llm" if settings.configured else "offline"
    if choice == "llm" and not settings.configured:
        raise ConfigError("--extractor llm needs a model: set OPENAI_API_KEY or OPENAI_BASE_URL")
    return choice


def _require_model_to_align(align: AlignMode, settings: LLMSettings) -> None:
    """``--align model`` needs a model to ask."""
    if align == "model" and not settings.configured:
        raise ConfigError("--align model needs a model: set OPENAI_API_KEY or OPENAI_BASE_URL")


def _unique_names(sources: Sequence[Source]) -> None:
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise InputError(f"two sources are named {source.name!r}: give each source a distinct name")
        seen.add(source.name)


Notify = Callable[[str], None]


def _spend(run: RunResult, aligned: AlignmentRun | None) -> Spend | None:
    """The report's account of a model run: per stage, in total, the price and the ceilings."""
    spending = run.spending
    if spending is None:
        return None
    budget = spending.budget
    price = budget.price
    stages = [
        StageSpend(
            stage="extraction",
            calls=run.usage.calls,
            prompt_tokens=run.usage.prompt_tokens,
            completion_tokens=run.usage.completion_tokens,
            cache_hits=run.cache_hits,
            cost_usd=_usd(budget, run.usage.prompt_tokens, run.usage.completion_tokens),
        )
    ]
    if aligned is not None:
        used = aligned.usage
        stages.append(
            StageSpend(
                stage="alignment",
                calls=used.calls,
                prompt_tokens=used.prompt_tokens,
                completion_tokens=used.completion_tokens,
                cache_hits=aligned.cache_hits,
                cost_usd=_usd(budget, used.prompt_tokens, used.completion_tokens),
            )
        )
    costs = [s.cost_usd for s in stages]
    return Spend(
        mode=spending.mode,
        stages=stages,
        cost_usd=None if price is None else round(sum(c or 0.0 for c in costs), 6),
        price=None
        if price is None
        else PriceUsed(
            model=price.model,
            input_usd_per_million=price.input,
            output_usd_per_million=price.output,
            factor=budget.factor,
            source=price.source,
        ),
        max_cost_usd=budget.ceilings.max_cost,
        max_calls=budget.ceilings.max_calls,
        stopped=budget.stopped,
        batch_jobs=sorted(set(spending.jobs)),
    )


def _usd(budget: Budget, prompt_tokens: int, completion_tokens: int) -> float | None:
    return None if budget.price is None else round(budget.cost(prompt_tokens, completion_tokens), 6)


def report_from_run(run: RunResult, draft_name: str | None = None, aligned: AlignmentRun | None = None) -> Report:
    """Reconcile what was extracted and state how it was made; review the draft when there is one."""
    from checker.reconcile import reconcile

    claims = [o.claims for o in run.outcomes if o.claims is not None]
    report = reconcile(claims, aligned.alignment if aligned is not None else None)
    draft_claims = next((c for c in claims if c.source.name == draft_name), None)
    if draft_claims is not None:
        from checker.draft import review_draft

        report = report.model_copy(update={"draft": review_draft(report, draft_claims)})
    failed = [FailedSource(name=o.source.name, reason=str(o.error)) for o in run.outcomes if o.error is not None]
    spend = _spend(run, aligned)
    return report.model_copy(
        update={
            "run": RunInfo(
                extractor_kinds=sorted({run.extractor}),
                model=run.model,
                prompt_version=run.prompt,
                alignment=aligned.describe() if aligned is not None else report.run.alignment,
                model_calls=run.usage.calls + (aligned.usage.calls if aligned else 0),
                prompt_tokens=run.usage.prompt_tokens + (aligned.usage.prompt_tokens if aligned else 0),
                completion_tokens=run.usage.completion_tokens + (aligned.usage.completion_tokens if aligned else 0),
                cache_hits=run.cache_hits + (aligned.cache_hits if aligned else 0),
                spend=spend,
            ),
            # A ceiling that stopped requests (extraction or alignment) leaves the report incomplete.
            "complete": not failed and not (spend is not None and spend.stopped),
            "failed_sources": failed,
        }
    )


@dataclass(frozen=True)
class SpendOptions:
    """How a model run may spend: ceilings, the user's price table, live or Batch API."""

    max_cost: float | None = None
    max_calls: int | None = None
    prices: Mapping[str, Any] | None = None  # {model: {input, output}} in USD per million tokens
    batch: bool = False
    batch_ids: tuple[str, ...] = ()  # Batch API jobs to take answers from first (implies batch)
    notify: Notify | None = None  # where the plan (when asked for) and batch progress are told
    show_plan: bool = False

    @property
    def batched(self) -> bool:
        return self.batch or bool(self.batch_ids)


def _options(
    sources: Sequence[Source],
    *,
    extractor: ExtractorChoice,
    model: str | None,
    prompt: str | None,
    base_url: str | None,
    cache_dir: Path | None,
    use_cache: bool,
    concurrency: int,
    timeout: float | None,
) -> tuple[LLMSettings, ExtractOptions]:
    if not sources:
        raise InputError("no sources given")
    _unique_names(sources)
    settings = LLMSettings.from_env(model=model, base_url=base_url, timeout=timeout)
    options = ExtractOptions(
        extractor=choose_extractor(extractor, settings),
        llm=settings,
        prompt=prompt or DEFAULT_EXTRACT_PROMPT,
        cache_dir=cache_dir,
        use_cache=use_cache,
        concurrency=concurrency,
    )
    return settings, options


def _plan(
    sources: Sequence[Source], settings: LLMSettings, options: ExtractOptions, align: bool, spend: SpendOptions
) -> Plan:
    offline = options.extractor == "offline"
    if offline and not align:
        return Plan(model=None, sources=len(sources), chunks=0, stages=(), price=None)
    table = load_prices(spend.prices)
    # Offline claims aligned by the model (--align model): the rules extract, only alignment is paid for.
    extraction, chunks, pending = (
        (StagePlan("extraction", 0, 0, 0, 0), 0, ()) if offline else plan_extraction(sources, options, settings)
    )
    return Plan(
        model=settings.model,
        sources=len(sources),
        chunks=chunks,
        stages=(extraction, plan_alignment(sources)) if align else (extraction,),
        price=table.get(settings.model),
        factor=table.batch_factor if spend.batched else 1.0,
        mode="batch" if spend.batched else "live",
        prompt=None if offline else options.prompt,
        pending=pending,
    )


def plan_run(
    sources: Sequence[Source],
    *,
    extractor: ExtractorChoice = "auto",
    model: str | None = None,
    prompt: str | None = None,
    base_url: str | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    align: AlignMode | None = "auto",
    spend: SpendOptions | None = None,
) -> Plan:
    """What a run of ``check`` (``align`` given) or ``extract`` (``align=None``) would send and cost;
    nothing is sent. ``Plan.describe`` says it for people."""
    from checker.align import choose_alignment

    spend = spend or SpendOptions()
    settings, options = _options(
        sources,
        extractor=extractor,
        model=model,
        prompt=prompt,
        base_url=base_url,
        cache_dir=cache_dir,
        use_cache=use_cache,
        concurrency=1,
        timeout=None,
    )
    aligns = align is not None and choose_alignment(align, settings, options.extractor) == "model"
    return _plan(sources, settings, options, aligns, spend)


async def aextract(
    sources: Sequence[Source],
    *,
    extractor: ExtractorChoice = "auto",
    model: str | None = None,
    prompt: str | None = None,
    base_url: str | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    concurrency: int = 8,
    timeout: float | None = None,
    progress: Progress | None = None,
    spend: SpendOptions | None = None,
    _aligns: bool = False,
) -> RunResult:
    """Extract and ground ``sources`` with the chosen extractor; failures are returned per source.

    A model run is planned first and stopped before any call when the plan is over a ceiling
    (:class:`~checker.spend.OverCeiling`); during the run every request is admitted by the
    ceilings, and the sources a ceiling left out fail with the reason."""
    spend = spend or SpendOptions()
    settings, options = _options(
        sources,
        extractor=extractor,
        model=model,
        prompt=prompt,
        base_url=base_url,
        cache_dir=cache_dir,
        use_cache=use_cache,
        concurrency=concurrency,
        timeout=timeout,
    )
    notify = spend.notify or (lambda _line: None)
    the_plan = _plan(sources, settings, options, _aligns, spend)
    ceilings = Ceilings(spend.max_cost, spend.max_calls)
    if spend.show_plan:
        notify(the_plan.describe(ceilings).rstrip("\n"))
    if options.extractor == "offline" and spend.batched:
        raise ConfigError("--batch needs a model: set OPENAI_API_KEY (the Batch API is OpenAI's)")
    budget = Budget(ceilings, the_plan.price, the_plan.factor) if the_plan.model is not None else None
    the_plan.check(ceilings)
    if options.extractor == "offline" or budget is None:
        run = await extract_sources(sources, options, progress=progress)
        if budget is not None:  # the model aligns offline claims: that is what the ceilings guard
            run.spending = Spending(budget)
        return run
    spending = Spending(budget, mode=the_plan.mode)
    options.budget = budget
    client = LLMClient(settings, budget=budget)
    try:
        if spend.batched:
            from checker.batch import BatchItem, run_batch

            items = [BatchItem(r.key, r.prompt.as_openai(), r.answer, options.prompt) for r in the_plan.pending]
            answered = await run_batch(client, items, resume=spend.batch_ids, notify=notify)
            spending.jobs.extend(answered.jobs)
            options.prefilled = dict(answered.answers)
            for why in sorted(set(answered.failed.values())):
                count = sum(1 for w in answered.failed.values() if w == why)
                notify(f"batch: {count} request(s) asked live instead ({why})")
        run = await extract_sources(sources, options, client=client, progress=progress)
    finally:
        await client.close()
    run.spending = spending
    return run


async def acheck(
    sources: Sequence[Source],
    *,
    draft: Source | None = None,
    extractor: ExtractorChoice = "auto",
    model: str | None = None,
    prompt: str | None = None,
    base_url: str | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    concurrency: int = 8,
    timeout: float | None = None,
    progress: Progress | None = None,
    align: AlignMode = "auto",
    spend: SpendOptions | None = None,
) -> Report:
    """Extract, ground and reconcile ``sources``; failed sources are named in the report.

    With ``draft``, the draft is compared with the sources and each of its claims
    is labelled supported, contradicted or unsupported (``report.draft``). ``align`` chooses
    how claims are aligned into facts: ``rules``, ``model`` (one more model call per story,
    :mod:`checker.align`) or ``auto`` (the model when the claims came from one). ``spend``
    caps the run's cost and calls, or sends it through the Batch API (:class:`SpendOptions`).
    """
    from checker.align import choose_alignment

    if not sources:
        raise InputError("no sources given")
    everything = [*sources, draft] if draft is not None else list(sources)
    settings = LLMSettings.from_env(model=model, base_url=base_url, timeout=timeout)
    _require_model_to_align(align, settings)
    kind = choose_extractor(extractor, settings)
    run = await aextract(
        everything,
        extractor=extractor,
        model=model,
        prompt=prompt,
        base_url=base_url,
        cache_dir=cache_dir,
        use_cache=use_cache,
        concurrency=concurrency,
        timeout=timeout,
        progress=progress,
        spend=spend,
        _aligns=choose_alignment(align, settings, kind) == "model",
    )
    aligned = await aalign(
        run,
        align=align,
        model=model,
        base_url=base_url,
        cache_dir=cache_dir,
        use_cache=use_cache,
        concurrency=concurrency,
        timeout=timeout,
        spend=spend,
    )
    # A draft that fails to extract is named in failed_sources like any source; the report is incomplete.
    return report_from_run(run, draft.name if draft is not None else None, aligned)


async def aalign(
    run: RunResult,
    *,
    align: AlignMode = "auto",
    model: str | None = None,
    base_url: str | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    concurrency: int = 8,
    timeout: float | None = None,
    spend: SpendOptions | None = None,
) -> AlignmentRun | None:
    """The model's alignment of an extraction run's claims, or None when the rules align alone.

    It spends from the run's account (its ceilings), and through the Batch API when the run did."""
    from checker.align import align as model_align
    from checker.align import align_request, choose_alignment
    from checker.reconcile.identity import batches

    spend = spend or SpendOptions()
    settings = LLMSettings.from_env(model=model, base_url=base_url, timeout=timeout)
    _require_model_to_align(align, settings)
    if choose_alignment(align, settings, run.extractor) == "rules":
        return None
    claims = [o.claims for o in run.outcomes if o.claims is not None]
    budget = run.spending.budget if run.spending is not None else None
    prefilled: dict[str, Any] = {}
    if spend.batched and run.spending is not None:
        from checker.batch import BatchItem, run_batch
        from checker.cache import ExtractionCache, default_cache_dir
        from checker.schema.alignment import AlignmentAnswer

        cache = ExtractionCache(cache_dir or default_cache_dir()) if use_cache else None
        items = []
        for batch in batches(claims):
            prompt, key = align_request(settings, batch)
            if cache is None or not cache.has(key):
                items.append(BatchItem(key, prompt.as_openai(), AlignmentAnswer, prompt.name))
        if items:
            client = LLMClient(settings, budget=budget)
            try:
                answered = await run_batch(
                    client, items, resume=spend.batch_ids, notify=spend.notify or (lambda _line: None)
                )
            finally:
                await client.close()
            run.spending.jobs.extend(answered.jobs)
            prefilled = dict(answered.answers)
    return await model_align(
        claims,
        settings,
        cache_dir=cache_dir,
        use_cache=use_cache,
        concurrency=concurrency,
        budget=budget,
        prefilled=prefilled,
    )


def check(sources: Sequence[Source], **options: object) -> Report:
    """Blocking twin of :func:`acheck` (same keyword options)."""
    return run_blocking(acheck(sources, **options))  # type: ignore[arg-type]


def load_claims_file(path: Path) -> SourceClaims:
    """Read one claims file, with a one-line error when it is not one."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a claims file") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text, so not a claims file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise InputError(f"{path}: not a valid claims file: not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: not a valid claims file: the JSON is not an object")
    try:
        return load_claims(data)  # a 1.0 file is converted
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top level)"
        count = exc.error_count()
        more = f" (and {count - 1} more problems)" if count > 1 else ""
        raise InputError(f"{path}: not a valid claims file: {where}: {first['msg']}{more}") from None


def reconcile_files(paths: Iterable[Path]) -> Report:
    """Reconcile claims files produced by ``checker extract`` or another tool."""
    from checker.reconcile import reconcile

    claims = [load_claims_file(p) for p in paths]
    if not claims:
        raise InputError("no claims files given")
    names = [c.source.name for c in claims]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError(f"two claims files are for the same source name: {', '.join(duplicates)}")
    report = reconcile(claims)
    kinds = sorted({c.extractor.kind for c in claims})
    models = sorted({c.extractor.model for c in claims if c.extractor.model})
    prompts = sorted({c.extractor.prompt for c in claims if c.extractor.prompt})
    return report.model_copy(
        update={
            "run": RunInfo(
                extractor_kinds=kinds,
                model=", ".join(models) or None,
                prompt_version=", ".join(prompts) or None,
            )
        }
    )
