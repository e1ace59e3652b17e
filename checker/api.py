"""The Python API: the same pipeline the CLI runs, for editorial workflows and tests.

    import checker
    report = checker.check([checker.Source(text=draft, name="draft.md"), ...])
    if report.has_conflicts("conflict"): ...

``check`` extracts (model or offline), grounds, reconciles and returns a
:class:`~checker.report.Report`; ``acheck`` is its async twin. ``reconcile_files``
reconciles claims files someone else produced.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from checker.align import AlignmentRun, AlignMode
from checker.errors import ConfigError, InputError
from checker.extract import ExtractOptions, Progress, RunResult, extract_sources, run_blocking
from checker.llm import LLMSettings
from checker.prompts import DEFAULT_EXTRACT_PROMPT
from checker.report import FailedSource, Report, RunInfo
from checker.schema import SourceClaims
from checker.schema.convert import load_claims
from checker.sources import Source

ExtractorChoice = Literal["auto", "llm", "offline"]


def choose_extractor(choice: ExtractorChoice, settings: LLMSettings) -> Literal["llm", "offline"]:
    """``auto`` means the model when one is configured, the offline extractor otherwise."""
    if choice == "auto":
        return "llm" if settings.configured else "offline"
    if choice == "llm" and not settings.configured:
        raise ConfigError("--extractor llm needs a model: set OPENAI_API_KEY or OPENAI_BASE_URL")
    return choice


def _unique_names(sources: Sequence[Source]) -> None:
    seen: set[str] = set()
    for source in sources:
        if source.name in seen:
            raise InputError(f"two sources are named {source.name!r}: give each source a distinct name")
        seen.add(source.name)


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
            ),
            "complete": not failed,
            "failed_sources": failed,
        }
    )


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
) -> RunResult:
    """Extract and ground ``sources`` with the chosen extractor; failures are returned per source."""
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
    return await extract_sources(sources, options, progress=progress)


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
) -> Report:
    """Extract, ground and reconcile ``sources``; failed sources are named in the report.

    With ``draft``, the draft is compared with the sources and each of its claims
    is labelled supported, contradicted or unsupported (``report.draft``). ``align`` chooses
    how claims are aligned into facts: ``rules``, ``model`` (one more model call per story,
    :mod:`checker.align`) or ``auto`` (the model when the claims came from one).
    """
    if not sources:
        raise InputError("no sources given")
    run = await aextract(
        [*sources, draft] if draft is not None else list(sources),
        extractor=extractor,
        model=model,
        prompt=prompt,
        base_url=base_url,
        cache_dir=cache_dir,
        use_cache=use_cache,
        concurrency=concurrency,
        timeout=timeout,
        progress=progress,
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
) -> AlignmentRun | None:
    """The model's alignment of an extraction run's claims, or None when the rules align alone."""
    from checker.align import align as model_align
    from checker.align import choose_alignment

    settings = LLMSettings.from_env(model=model, base_url=base_url, timeout=timeout)
    if align == "model" and not settings.configured:
        raise ConfigError("--align model needs a model: set OPENAI_API_KEY or OPENAI_BASE_URL")
    if choose_alignment(align, settings, run.extractor) == "rules":
        return None
    claims = [o.claims for o in run.outcomes if o.claims is not None]
    return await model_align(claims, settings, cache_dir=cache_dir, use_cache=use_cache, concurrency=concurrency)


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
