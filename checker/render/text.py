"""The plain-text rendering, for a terminal (the CLI colours its headings).

``show="editor"`` (the default) is the report an editor reads: the header, the
conflict-like findings in full, agreements one line each, single-source facts
counted per source with their quotes and titles listed (see :mod:`checker.render.digest`),
the ungrounded claims, and a last line saying what was shortened. ``show="all"``
prints every finding in full, grouped by verdict, conflicts first. Both are pure:
the same report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

from checker.render.common import Show, check_show, clip, one_line, ordered, verdict_groups, voice
from checker.render.digest import Agreement, digest, named_sources, shortened_line, tally_phrase
from checker.report import DraftReview, Finding, Report

__all__ = ["run_line", "to_text"]


def run_line(report: Report) -> str:
    """How the report was made, in one line: every text report states it."""
    run = report.run
    extractor = ", ".join(run.extractor_kinds) or "none"
    parts = [f"extractor: {extractor}"]
    if run.model:
        parts.append(f"model: {run.model}")
    if run.prompt_version:
        parts.append(f"prompt: {run.prompt_version}")
    parts.append(f"alignment: {one_line(run.alignment)}")
    parts.append(f"model calls: {run.model_calls}")
    parts.append(f"tokens: {run.prompt_tokens} prompt + {run.completion_tokens} completion")
    parts.append(f"cache hits: {run.cache_hits}")
    return "; ".join(parts)


def _heading(verdict: str, n: int) -> str:
    return f"== {verdict.upper().replace('_', ' ')} ({n}) =="


def _draft_lines(review: DraftReview) -> Iterable[str]:
    counts = ", ".join(f"{n} {label}" for label, n in review.counts.items())
    yield ""
    yield f"== DRAFT {review.draft}: {counts} =="
    for claim in review.claims:
        yield (
            f"  [{claim.label}] {claim.fact}: {claim.value!r} @{claim.evidence.start}-{claim.evidence.end}"
            f" {clip(claim.evidence.text)!r}"
        )
        yield f"      {claim.explanation}"
        for value in claim.contradicting:
            yield f"      - {value.source} says {value.value!r} {clip(value.evidence.text)!r}"


def _finding_lines(finding: Finding) -> Iterable[str]:
    """A finding in full: fact, severity, attribution, rule, alignment, id, explanation, every value."""
    who = f" [attributed to {one_line(finding.attributed_to)}]" if finding.attributed_to else ""
    yield (
        f"[{finding.severity}] {one_line(finding.fact)}{who}"
        f"  ({finding.rule}, aligned by {finding.aligned_by}, {finding.id})"
    )
    yield f"    {one_line(finding.explanation)}"
    for value in finding.values:
        yield (
            f"    - {value.source}: {value.value!r} -> {one_line(value.normalized)}  [{voice(value)}]"
            f"  @{value.evidence.start}-{value.evidence.end} {clip(value.evidence.text)!r}"
        )


def _agreement_line(agreement: Agreement) -> str:
    """An agreement in one line: fact, the values short, the sources, rule and id."""
    finding = agreement.finding
    names, more = named_sources(agreement.sources)
    sources = ", ".join(one_line(name) for name in names) + (f" and {more} more" if more else "")
    values = clip(" / ".join(agreement.values), 80)
    return f"  {clip(finding.fact, 120)}: {values} — {sources}  ({finding.rule}, {finding.id})"


def _header(report: Report) -> list[str]:
    counts = report.verdict_counts()
    summary = ", ".join(f"{n} {verdict}" for verdict, n in counts.items()) or "no findings"
    lines = [f"checker report: {len(report.sources)} sources, {len(report.findings)} findings ({summary})"]
    lines.append(run_line(report))
    if not report.complete or report.failed_sources:
        failed = ", ".join(f.name + (f" ({f.reason})" if f.reason else "") for f in report.failed_sources)
        lines.append(f"INCOMPLETE: failed sources: {failed or 'unknown'}")
    if report.draft is not None:
        lines.extend(_draft_lines(report.draft))
    lines.append("")
    lines.append("Sources:")
    for source in report.sources:
        meta = ", ".join(part for part in (source.outlet, source.published, source.extractor) if part)
        lines.append(f"  {source.name} ({meta}): {source.claims} claims, {source.ungrounded} ungrounded")
    return lines


def _ungrounded(report: Report) -> list[str]:
    if not report.ungrounded:
        return []
    lines = ["", f"== UNGROUNDED ({len(report.ungrounded)}) =="]
    for item in report.ungrounded:
        lines.append(f"  {item.source} [{item.kind}] {clip(item.evidence)!r}: {item.reason}")
    return lines


def _full(groups: Iterable[tuple[str, list[Finding]]]) -> list[str]:
    lines: list[str] = []
    for verdict, group in groups:
        lines += ["", _heading(verdict, len(group))]
        for finding in group:
            lines.extend(_finding_lines(finding))
    return lines


def _editor(report: Report) -> list[str]:
    view = digest(report)
    lines = _full(view.full)
    for verdict, group in view.agreements:
        lines += ["", _heading(verdict, len(group))]
        lines += [_agreement_line(agreement) for agreement in group]
    if view.single_source:
        lines += ["", _heading("single_source", len(view.single_source))]
        lines += [f"  {one_line(tally.source)}: {tally_phrase(tally)}" for tally in view.tallies]
        if view.listed:
            lines.append("  Quotes and titles only one source reports:")
            for item in view.listed:
                label = "quote" if item.kind == "quote" else "title"
                lines.append(f"    {label}  {clip(item.who, 60)}: {clip(item.words, 80)!r}  ({one_line(item.source)})")
    lines += _ungrounded(report)
    if view.brief or view.single_source:
        lines += ["", shortened_line(view)]
    return lines


def to_text(report: Report, show: Show = "editor") -> str:
    """Plain text for a terminal: the editor view (default) or, with ``show="all"``, every finding in full."""
    lines = _header(report)
    if check_show(show) == "editor":
        lines += _editor(report)
    else:
        lines += _full(verdict_groups(ordered(report.findings)))
        lines += _ungrounded(report)
    return "\n".join(lines) + "\n"
