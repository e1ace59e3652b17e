"""The ``checker`` command line: find where articles about one event disagree."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from checker import __version__
from checker.errors import CheckerError, InputError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_CONFLICTS, EXIT_USAGE, EXIT_MODEL = 0, 1, 2, 3
FORMATS = ("text", "json", "markdown", "html")
VIEWS = ("editor", "all")


def _fail(message: str, code: int) -> None:
    click.echo(f"checker: error: {message}", err=True)
    sys.exit(code)


def handle_errors(func: F) -> F:
    """Turn ``CheckerError`` into one line on stderr and its exit code (``--debug`` shows the traceback)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except CheckerError as exc:
            if click.get_current_context().find_root().params.get("debug"):
                raise
            _fail(str(exc).splitlines()[0] if str(exc) else type(exc).__name__, exc.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted", 130)

    return cast(F, wrapper)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="checker")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.option("-v", "--verbose", is_flag=True, help="Log each model call and its token usage on stderr.")
@click.pass_context
def cli(ctx: click.Context, debug: bool, verbose: bool) -> None:
    """Find where news articles about the same event disagree.

    checker extracts typed claims (dates, weekdays, durations, numbers, titles,
    quotes, lists of people) from each article, grounds every claim in the
    article's own words, and compares them across sources with deterministic
    rules. Every finding shows the evidence and its character offsets.

    \b
    Examples:
      checker check seeds/*.txt
      checker extract seeds/*.txt -o claims/
      checker reconcile claims/*.json --format json

    Exit status: 0 no conflict, 1 conflicts found, 2 usage or input error
    (or a plan over --max-cost / --max-calls: nothing sent), 3 model or API
    failure after retries, or a ceiling reached mid-run (the report is
    written, marked incomplete; a re-run resumes from the cache).

    Settings: flags, then OPENAI_API_KEY / OPENAI_BASE_URL / CHECKER_MODEL /
    CHECKER_MAX_COST / CHECKER_MAX_CALLS, then [tool.checker] in pyproject.toml
    or checker.toml in the current directory (model, base_url, extractor,
    concurrency, cache_dir, format, fail_on, show, max_cost, max_calls, and a
    prices table). The API key is only ever read from the environment.
    """
    if ctx.resilient_parsing:
        return
    if verbose:
        import logging

        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("checker: %(message)s"))
        logger = logging.getLogger("checker")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        from checker.manifest import load_config

        config = load_config(Path.cwd())
    except CheckerError as exc:
        _fail(str(exc), exc.exit_code)
    ctx.obj = config
    defaults = {
        k: v
        for k, v in config.items()
        if k in {"extractor", "prompt", "concurrency", "cache_dir", "max_cost", "max_calls"}
    }
    output = {k: v for k, v in config.items() if k in {"format", "fail_on", "show"}}
    if "format" in output:
        output["fmt"] = output.pop("format")
    ctx.default_map = {
        "check": {**defaults, **output, **{k: v for k, v in config.items() if k == "align"}},
        "extract": defaults,
        "reconcile": output,
    }


def _extraction_options(func: F) -> F:
    options = [
        click.option(
            "--extractor",
            type=click.Choice(["auto", "llm", "offline"]),
            default="auto",
            show_default=True,
            help="llm needs OPENAI_API_KEY or OPENAI_BASE_URL; auto picks llm when one is set, offline otherwise.",
        ),
        click.option("--model", help="Model name (default: $CHECKER_MODEL, else gpt-4o-mini)."),
        click.option(
            "--prompt",
            metavar="NAME",
            help="Extraction prompt version (default: extract_claims.v2; extract_claims.v1 is the released first one).",
        ),
        click.option("--base-url", help="OpenAI-compatible endpoint (default: $OPENAI_BASE_URL)."),
        click.option("--no-cache", is_flag=True, help="Call the model even when a cached answer exists."),
        click.option(
            "--cache-dir",
            type=click.Path(file_okay=False, path_type=Path),
            help="Where cached extractions live (default: $CHECKER_CACHE_DIR or the user cache directory).",
        ),
        click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0.1),
            help="Seconds to wait for one model answer (default: $CHECKER_TIMEOUT, else 120); "
            "$CHECKER_MAX_ATTEMPTS bounds retries (default 5).",
        ),
        click.option(
            "--manifest",
            type=click.Path(dir_okay=False, path_type=Path),
            help="TOML file with each source's outlet, url and published date (default: sources.toml beside them).",
        ),
        click.option(
            "--dry-run",
            is_flag=True,
            help="Print the plan (sources, chunks, calls, estimated tokens and cost) and exit 0; send nothing.",
        ),
        click.option(
            "--max-cost",
            type=click.FloatRange(min=0),
            envvar="CHECKER_MAX_COST",
            metavar="USD",
            help="Stop before the first call when the plan is estimated above this (exit 2), and send nothing "
            "more once the run reaches it (exit 3, report marked incomplete; a re-run resumes from the cache).",
        ),
        click.option(
            "--max-calls",
            type=click.IntRange(min=0),
            envvar="CHECKER_MAX_CALLS",
            metavar="N",
            help="The same for model calls: re-asks, retries and the halves of a split chunk count.",
        ),
        click.option(
            "--batch",
            is_flag=True,
            help="Send the model requests as an OpenAI Batch API job (half price, answered within 24 h); "
            "checker polls until it ends and prints the job id to resume with.",
        ),
        click.option(
            "--batch-id",
            "batch_ids",
            multiple=True,
            metavar="ID",
            help="Resume a Batch API job submitted earlier (repeatable): wait for it and use its answers; "
            "only requests it does not hold are sent again. Implies --batch.",
        ),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _model_settings(model: str | None, base_url: str | None) -> tuple[str | None, str | None]:
    """Flags win over the environment, which wins over the configuration file."""
    config: dict[str, Any] = click.get_current_context().find_root().obj or {}
    return (
        model or os.environ.get("CHECKER_MODEL") or config.get("model"),
        base_url or os.environ.get("OPENAI_BASE_URL") or config.get("base_url"),
    )


def _spend_options(max_cost: float | None, max_calls: int | None, batch: bool, batch_ids: tuple[str, ...]) -> Any:
    """The run's ceilings, price table (configuration) and batch mode; the plan on stderr with -v."""
    from checker.api import SpendOptions

    root = click.get_current_context().find_root()
    config: dict[str, Any] = root.obj or {}
    prices = config.get("prices")
    if prices is not None and not isinstance(prices, dict):
        raise InputError("the checker configuration's prices must be a table of models")

    def notify(line: str) -> None:
        for part in line.splitlines():
            click.echo(f"checker: {part}", err=True)

    return SpendOptions(
        max_cost=max_cost,
        max_calls=max_calls,
        prices=prices,
        batch=batch,
        batch_ids=batch_ids,
        notify=notify,
        show_plan=bool(root.params.get("verbose")),
    )


def _run_options(
    extractor: str, model: str | None, prompt: str | None, base_url: str | None, cache_dir: Path | None, no_cache: bool
) -> dict[str, Any]:
    """The extraction options a command's run and its dry run share."""
    return {
        "extractor": extractor,
        "model": model,
        "prompt": prompt,
        "base_url": base_url,
        "cache_dir": cache_dir,
        "use_cache": not no_cache,
    }


def _dry_run(sources: list[Any], spend: Any, **options: Any) -> None:
    """Print the plan on stdout, say whether it is within the ceilings, and exit 0: nothing is sent."""
    from checker.api import plan_run
    from checker.spend import Ceilings, OverCeiling

    the_plan = plan_run(sources, spend=spend, **options)
    ceilings = Ceilings(spend.max_cost, spend.max_calls)
    click.echo(the_plan.describe(ceilings), nl=False)
    try:
        the_plan.check(ceilings)
    except OverCeiling as exc:
        click.echo(f"  over a ceiling: {str(exc).replace('; nothing was sent', '')}")
    sys.exit(EXIT_OK)


def _read_sources(paths: tuple[str, ...], manifest: Path | None) -> list[Any]:
    from checker.manifest import apply_manifest
    from checker.sources import read_source, read_stream

    sources = []
    seen: set[str] = set()
    for raw in paths:
        if raw == "-":
            source = read_stream(sys.stdin.buffer, "stdin")
        else:
            path = Path(raw)
            key = str(path.resolve())
            if key in seen:
                click.echo(f"checker: note: {raw} given twice; reading it once", err=True)
                continue
            seen.add(key)
            source = read_source(path)
        for note in source.notes:
            click.echo(f"checker: note: {note}", err=True)
        sources.append(source)
    directories = sorted({Path(p).resolve().parent for p in paths if p != "-"})
    return apply_manifest(sources, manifest, directories)


def _progress() -> Callable[[str, str], None] | None:
    """Per-source progress on stderr (calling model, cached, done, failed); silent when stderr is not a terminal."""
    if not sys.stderr.isatty():
        return None
    colours = {"failed": "red", "done": "green", "cached": "cyan"}

    def show(name: str, state: str) -> None:
        click.echo(f"  {name}: " + click.style(state, fg=colours.get(state)), err=True)

    return show


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{output}: cannot write ({exc.strerror})") from None


_HEADING_COLOURS = {
    "== CONFLICT": "red",
    "== INTERNAL CONFLICT": "red",
    "== MISQUOTE": "magenta",
    "== ATTRIBUTION CONFLICT": "magenta",
    "== COMPLEMENTARY": "cyan",
    "== AGREE": "green",
    "== SINGLE SOURCE": "yellow",
    "== UNGROUNDED": "yellow",
    "== DRAFT": "blue",
    "INCOMPLETE": "red",
    "  [contradicted]": "red",
}


def _colourise(text: str) -> str:
    """Colour headings for a terminal; click.echo strips the codes again when stdout is not one."""
    lines = []
    for line in text.splitlines(keepends=True):
        colour = next((c for prefix, c in _HEADING_COLOURS.items() if line.startswith(prefix)), None)
        lines.append(click.style(line, fg=colour, bold=line.startswith("==")) if colour else line)
    return "".join(lines)


def _render(
    report: Any, fmt: str, *, show: str = "editor", terminal: bool = False, texts: dict[str, str] | None = None
) -> str:
    """The report in ``fmt``; ``show`` picks the text and Markdown view (JSON and HTML have one)."""
    if fmt == "json":
        return cast(str, report.to_json())
    from checker.render import check_show, to_html, to_markdown, to_text

    if fmt == "markdown":
        return to_markdown(report, check_show(show))
    if fmt == "html":
        return to_html(report, texts)
    text = to_text(report, check_show(show))
    return _colourise(text) if terminal else text


def _finish(report: Any, fail_on: str) -> None:
    if not report.complete:
        stopped = report.run.spend.stopped if report.run.spend is not None else None
        if not report.failed_sources:
            _fail(f"report is incomplete: {stopped or 'a stage did not finish'}", EXIT_MODEL)
        names = ", ".join(f.name for f in report.failed_sources)
        first = report.failed_sources[0].reason or "extraction failed"
        _fail(f"report is incomplete; failed: {names} ({stopped or first})", EXIT_MODEL)
    sys.exit(EXIT_CONFLICTS if report.has_conflicts(fail_on) else EXIT_OK)


_format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
_show_option = click.option(
    "--show",
    type=click.Choice(VIEWS),
    default="editor",
    show_default=True,
    help="Text and Markdown: editor prints conflicts in full, agreements one line each and single-source "
    "facts counted per source (their quotes and titles listed); all prints every finding in full. "
    "Ignored for json and html.",
)
_output_option = click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the report here, not stdout."
)
_fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(["conflict", "misquote", "any", "never"]),
    default="conflict",
    show_default=True,
    help="Which findings make the exit status 1.",
)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--draft",
    "draft_path",
    help="Your own draft: label each of its claims supported, contradicted or unsupported by SOURCES.",
)
@click.option(
    "--align",
    type=click.Choice(["auto", "rules", "model"]),
    default="auto",
    show_default=True,
    help="How claims about one fact are matched across sources: rules, model (one more model call per "
    "story, per kind of claim when large) or auto (the model when it extracted the claims).",
)
@_extraction_options
@_format_option
@_show_option
@_output_option
@_fail_on_option
@handle_errors
def check(
    sources: tuple[str, ...],
    draft_path: str | None,
    align: str,
    extractor: str,
    model: str | None,
    prompt: str | None,
    base_url: str | None,
    no_cache: bool,
    cache_dir: Path | None,
    concurrency: int,
    timeout: float | None,
    manifest: Path | None,
    dry_run: bool,
    max_cost: float | None,
    max_calls: int | None,
    batch: bool,
    batch_ids: tuple[str, ...],
    fmt: str,
    show: str,
    output: Path | None,
    fail_on: str,
) -> None:
    """Extract, reconcile and report on SOURCES (text, Markdown or HTML files, or - for stdin).

    \b
    Examples:
      checker check seeds/*.txt --format json -o report.json
      checker check seeds/*.txt --format html -o report.html   # sources side by side
      checker check wire.txt other.html --draft my-draft.md    # the pre-publish check
    """
    from checker.api import check as run_check

    model, base_url = _model_settings(model, base_url)
    if (
        draft_path
        and draft_path != "-"
        and any(s != "-" and Path(s).resolve() == Path(draft_path).resolve() for s in sources)
    ):
        raise InputError(f"{draft_path}: the draft is also given as a source")
    loaded = _read_sources((*sources, draft_path) if draft_path else sources, manifest)
    draft = loaded.pop() if draft_path else None
    spend = _spend_options(max_cost, max_calls, batch, batch_ids)
    common = _run_options(extractor, model, prompt, base_url, cache_dir, no_cache)
    if dry_run:
        _dry_run(loaded + ([draft] if draft else []), spend, **common, align=align)
    report = run_check(
        loaded,
        draft=draft,
        **common,
        concurrency=concurrency,
        timeout=timeout,
        progress=_progress(),
        align=align,
        spend=spend,
    )
    if "failed" in report.run.alignment:
        click.echo(f"checker: warning: alignment: {report.run.alignment}", err=True)
    texts = {source.name: source.text for source in [*loaded, *([draft] if draft else [])]}
    terminal = output is None and sys.stdout.isatty()
    _emit(_render(report, fmt, show=show, terminal=terminal, texts=texts), output)
    _finish(report, "none" if fail_on == "never" else fail_on)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Directory for the claims files (<source name>.json).",
)
@_extraction_options
@handle_errors
def extract(
    sources: tuple[str, ...],
    output_dir: Path,
    extractor: str,
    model: str | None,
    prompt: str | None,
    base_url: str | None,
    no_cache: bool,
    cache_dir: Path | None,
    concurrency: int,
    timeout: float | None,
    manifest: Path | None,
    dry_run: bool,
    max_cost: float | None,
    max_calls: int | None,
    batch: bool,
    batch_ids: tuple[str, ...],
) -> None:
    """Write the grounded claims of each of SOURCES as a claims JSON file.

    The files follow `checker schema` and can be fed to `checker reconcile`.

    Example: checker extract seeds/*.txt -o claims/
    """
    from checker.api import aextract
    from checker.extract import run_blocking

    model, base_url = _model_settings(model, base_url)
    loaded = _read_sources(sources, manifest)
    spend = _spend_options(max_cost, max_calls, batch, batch_ids)
    common = _run_options(extractor, model, prompt, base_url, cache_dir, no_cache)
    if dry_run:
        _dry_run(loaded, spend, **common, align=None)
    run = run_blocking(
        aextract(loaded, **common, concurrency=concurrency, timeout=timeout, progress=_progress(), spend=spend)
    )
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{output_dir}: cannot create ({exc.strerror})") from None
    for outcome in run.outcomes:
        if outcome.claims is None:
            continue
        target = output_dir / f"{outcome.source.name}.json"
        _emit(outcome.claims.model_dump_json(indent=2) + "\n", target)
        click.echo(
            f"{target}: {len(outcome.claims.claims)} claims, {len(outcome.claims.ungrounded)} ungrounded", err=True
        )
    failed = [o for o in run.outcomes if o.error is not None]
    if failed:
        names = ", ".join(o.source.name for o in failed)
        _fail(f"extraction failed for {names}: {failed[0].error}", EXIT_MODEL)


@cli.command()
@click.argument("claims", nargs=-1, required=True, type=click.Path(path_type=Path))
@_format_option
@_show_option
@_output_option
@_fail_on_option
@handle_errors
def reconcile(claims: tuple[Path, ...], fmt: str, show: str, output: Path | None, fail_on: str) -> None:
    """Compare claims files (from `checker extract` or any tool) and report.

    Example: checker reconcile fixtures/claims/seeds/*.json --format json
    """
    from checker.api import reconcile_files

    report = reconcile_files(claims)
    _emit(_render(report, fmt, show=show, terminal=output is None and sys.stdout.isatty()), output)
    _finish(report, "none" if fail_on == "never" else fail_on)


@cli.command()
@click.option(
    "--answer",
    "prompt",
    metavar="PROMPT",
    is_flag=False,
    flag_value="extract_claims.v2",
    default=None,
    help="Print instead the schema of the answer a prompt asks the model for (default: extract_claims.v2).",
)
@handle_errors
def schema(prompt: str | None) -> None:
    """Print the JSON Schema of the claims file form (version 2.0).

    This is the file `checker extract` writes and `checker reconcile` reads;
    other tools can produce it too (1.0 files still load).

    Example: checker schema > claims.schema.json
    """
    if prompt is not None:
        from checker.extract import answer_model
        from checker.prompts import available

        if prompt not in available():
            raise InputError(f"unknown prompt {prompt!r} (known: {', '.join(available())})")
        click.echo(json.dumps(answer_model(prompt).model_json_schema(), indent=2, ensure_ascii=False))
        return
    from checker.schema import claims_file_schema

    click.echo(json.dumps(claims_file_schema(), indent=2, ensure_ascii=False))


def main() -> None:
    """Console-script entry point."""
    cli.main(prog_name="checker")
