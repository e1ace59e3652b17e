"""The plain-text rendering, for a terminal (the CLI colours its headings).

A summary line, the run line, the sources, then the findings grouped by verdict,
conflicts first, and the ungrounded claims. A pure function of the report: the same
report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterable

from checker.render.common import clip
from checker.report import VERDICT_ORDER, DraftReview, Finding, Report

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
    parts.append(f"model calls: {run.model_calls}")
    parts.append(f"tokens: {run.prompt_tokens} prompt + {run.completion_tokens} completion")
    parts.append(f"cache hits: {run.cache_hits}")
    return "; ".join(parts)


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
    who = f" [attributed to {finding.attributed_to}]" if finding.attributed_to else ""
    yield f"[{finding.severity}] {finding.fact}{who}  ({finding.rule}, {finding.id})"
    yield f"    {finding.explanation}"
    for value in finding.values:
        yield (
            f"    - {value.source}: {value.value!r} -> {value.normalized}"
            f"  @{value.evidence.start}-{value.evidence.end} {clip(value.evidence.text)!r}"
        )


def to_text(report: Report) -> str:
    """Plain text for a terminal: summary, sources, findings grouped by verdict (conflicts first)."""
    lines: list[str] = []
    counts = report.verdict_counts()
    summary = ", ".join(f"{n} {verdict}" for verdict, n in counts.items()) or "no findings"
    lines.append(f"checker report: {len(report.sources)} sources, {len(report.findings)} findings ({summary})")
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
    for verdict in VERDICT_ORDER:
        group = [finding for finding in report.findings if finding.verdict == verdict]
        if not group:
            continue
        lines.append("")
        lines.append(f"== {verdict.upper().replace('_', ' ')} ({len(group)}) ==")
        for finding in group:
            lines.extend(_finding_lines(finding))
    if report.ungrounded:
        lines.append("")
        lines.append(f"== UNGROUNDED ({len(report.ungrounded)}) ==")
        for item in report.ungrounded:
            lines.append(f"  {item.source} [{item.kind}] {clip(item.evidence)!r}: {item.reason}")
    return "\n".join(lines) + "\n"
