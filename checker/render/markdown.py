"""The Markdown rendering, for pasting into a CMS or a chat.

Every piece of article text is backslash-escaped (CommonMark) so it cannot become
Markdown syntax: links, emphasis, HTML, headings. A pure function of the report:
the same report gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checker.render.common import (
    Show,
    check_show,
    clip,
    is_complete,
    one_line,
    ordered,
    report_title,
    run_parts,
    verdict_groups,
    verdict_label,
    voice,
)
from checker.render.digest import Agreement, Digest, digest, named_sources, shortened_line, tally_phrase
from checker.report import DraftReview, Finding, Report

__all__ = ["to_markdown"]

# Backslash-escaping any ASCII punctuation is valid CommonMark; these are the ones that can start
# emphasis, code, links, images, HTML, tables, strikethrough or entities in the middle of a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&])")
# At the start of a line more characters are syntax: headings, lists, quotes, rules, setext.
_MD_LINE_START = re.compile(r"[#>+=-]|\d{1,9}(?=[.)])")


def _md(text: str, *, line_start: bool = False) -> str:
    """Escape untrusted text for a Markdown line (whitespace collapsed); ``line_start`` when it begins a block."""
    escaped = _MD_INLINE.sub(r"\\\1", one_line(text))
    match = _MD_LINE_START.match(escaped) if line_start else None
    if match is None:
        return escaped
    # '# ', '- ', '> ', '1. ' would open a heading, list or quote: escape the marker ('1\\. ' for numbers).
    at = match.end() if match.group().isdigit() else 0
    return escaped[:at] + "\\" + escaped[at:]


def _code(text: str) -> str:
    """A code span that survives backticks inside the text."""
    text = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _markdown_draft(review: DraftReview) -> list[str]:
    """Draft mode: each claim of the draft with its label, contradicted first (the review's order)."""
    counts = " · ".join(f"{n} {label}" for label, n in review.counts.items() if n) or "no claims"
    out = [f"## Draft check: {_code(review.draft)}", "", f"**Draft claims:** {counts}", ""]
    for claim in review.claims:
        ev = claim.evidence
        line = f"- **{claim.label.upper()}** {_md(claim.fact)}: **{_md(claim.value)}** (chars {ev.start}–{ev.end})"
        if claim.explanation.strip():
            line += f" — {_md(claim.explanation)}"
        out.append(line)
        # The quote is the item's last plain block, so no following line reads as its lazy continuation.
        out.append(f"  > {_md(ev.text, line_start=True)}")
        for value in claim.contradicting:
            out.append(
                f"  - {_code(value.source)} says **{_md(value.value)}** — chars {value.evidence.start}–"
                f"{value.evidence.end}"
            )
            out.append(f"    > {_md(value.evidence.text, line_start=True)}")
    out.append("")
    return out


def _run(report: Report) -> str:
    """The run line: the shared run parts with the alignment after the prompt, then complete or what failed."""
    parts = run_parts(report)
    at = next((i + 1 for i, (name, _) in enumerate(parts) if name == "prompt"), len(parts))
    parts.insert(at, ("alignment", report.run.alignment))
    run = " · ".join(f"{name} {_md(value)}" for name, value in parts)
    if is_complete(report):
        return run + " · complete"
    failed = ", ".join(_code(f.name) + (f" ({_md(f.reason)})" if f.reason else "") for f in report.failed_sources)
    return run + f" · **INCOMPLETE**, failed sources: {failed or 'unknown'}"


def _header(report: Report) -> list[str]:
    out: list[str] = [f"# {_md(report_title(report))}", ""]
    out += [f"**Run:** {_run(report)}", ""]
    counts = report.verdict_counts()
    summary = " · ".join(f"{n} {verdict_label(verdict)}" for verdict, n in counts.items()) or "no findings"
    out += [f"**Verdicts:** {summary}", ""]
    if report.draft is not None:
        out += _markdown_draft(report.draft)
    if report.sources:
        out += ["## Sources", ""]
        for source in report.sources:
            meta = [_md(part) for part in (source.outlet, source.published, source.url) if part]
            meta.append(_md(source.extractor))
            meta.append(f"{source.claims} claims, {source.ungrounded} ungrounded")
            out.append(f"- {_code(source.name)} — {' · '.join(meta)}")
        out.append("")
    return out


def _finding(number: int, finding: Finding) -> list[str]:
    """A finding in full: fact, verdict, severity, attribution, rule, alignment, id, explanation, every value."""
    out = [f"### {number}. {_md(finding.fact)}", ""]
    meta = [f"**{verdict_label(finding.verdict)}**", f"severity **{finding.severity}**"]
    if finding.attributed_to:
        meta.append(f"attributed to {_md(finding.attributed_to)}")
    meta += [f"rule {_code(finding.rule)}", f"aligned by {_md(finding.aligned_by)}", f"id {_code(finding.id)}"]
    out += [" · ".join(meta), ""]
    if finding.explanation.strip():
        out += [_md(finding.explanation, line_start=True), ""]
    for value in finding.values:
        ev = value.evidence
        line = f"- {_code(value.source)}: **{_md(value.value)}**"
        if one_line(value.normalized) != one_line(value.value):
            line += f" → {_md(value.normalized)}"
        line += f" · {_md(voice(value))} — chars {ev.start}–{ev.end}"
        out.append(line)
        out.append(f"  > {_md(ev.text, line_start=True)}")
    out.append("")
    return out


def _full(groups: Iterable[tuple[str, list[Finding]]]) -> list[str]:
    out: list[str] = []
    number = 0
    for verdict, group in groups:
        out += [f"## {verdict_label(verdict).capitalize()} ({len(group)})", ""]
        for finding in group:
            number += 1
            out += _finding(number, finding)
    return out


def _agreement(agreement: Agreement) -> str:
    """One bullet: the fact, its values short, the sources, rule and id."""
    finding = agreement.finding
    names, more = named_sources(agreement.sources)
    sources = ", ".join(_code(name) for name in names) + (f" and {more} more" if more else "")
    values = _md(clip(" / ".join(agreement.values), 80))
    fact = _md(clip(finding.fact, 120))
    return f"- **{fact}**: {values} — {sources} · rule {_code(finding.rule)} · id {_code(finding.id)}"


def _single_source(view: Digest) -> list[str]:
    """Per source, how many facts only it reports; then its quotes and titles, one bullet each."""
    out = [f"## {verdict_label('single_source').capitalize()} ({len(view.single_source)})", ""]
    out += [f"- {_code(tally.source)}: {tally_phrase(tally)}" for tally in view.tallies]
    out.append("")
    if view.listed:
        out += ["**Quotes and titles only one source reports:**", ""]
        for item in view.listed:
            label = "Quote" if item.kind == "quote" else "Title"
            out.append(f"- {label} · {_md(clip(item.who, 60))}: **{_md(clip(item.words, 80))}** · {_code(item.source)}")
        out.append("")
    return out


def _ungrounded(report: Report) -> list[str]:
    if not report.ungrounded:
        return []
    out = [f"## Ungrounded claims ({len(report.ungrounded)})", ""]
    out.append("The evidence of these claims was not found in their source, so they were not compared.")
    out.append("")
    for item in report.ungrounded:
        out.append(f"- {_code(item.source)} · {_md(item.kind)} · {_md(item.reason)}")
        out.append(f"  > {_md(item.evidence, line_start=True)}")
    out.append("")
    return out


def _editor(report: Report) -> list[str]:
    view = digest(report)
    out = _full(view.full)
    for verdict, group in view.agreements:
        out += [f"## {verdict_label(verdict).capitalize()} ({len(group)})", ""]
        out += [_agreement(agreement) for agreement in group]
        out.append("")
    if view.single_source:
        out += _single_source(view)
    out += _no_findings(report) + _ungrounded(report)
    if view.brief or view.single_source:
        out += [shortened_line(view).replace("--show all", "`--show all`"), ""]
    return out


def _no_findings(report: Report) -> list[str]:
    return [] if report.findings else ["No findings.", ""]


def to_markdown(report: Report, show: Show = "editor") -> str:
    """Markdown for a CMS or a chat: the editor view (default) or, with ``show="all"``, every finding in full.

    Both start with the run, the verdict counts, the draft review and the sources, and end
    with the ungrounded claims; all article text is escaped.
    """
    out = _header(report)
    if check_show(show) == "editor":
        out += _editor(report)
    else:
        out += _full(verdict_groups(ordered(report.findings)))
        out += _no_findings(report) + _ungrounded(report)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
