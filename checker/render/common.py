"""What every rendering shares: verdict order and labels, the run's parts, who a value is attributed to.

Pure helpers over the report model; they know nothing of a target format (no escaping here).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

from checker.report import VERDICT_ORDER, Finding, FindingValue, Report

#: Which report an editor gets from text and Markdown: ``editor`` (conflicts in full, the rest
#: shortened) or ``all`` (every finding in full). HTML and JSON have one view.
Show = Literal["editor", "all"]
SHOW_CHOICES: tuple[str, ...] = ("editor", "all")

#: Verdicts where the sources say the same or add to each other: one line each in the editor view.
AGREEMENT_VERDICTS: tuple[str, ...] = ("complementary", "agree")


def check_show(show: str) -> Show:
    """The view asked for, or ValueError naming the known ones."""
    if show == "editor":
        return "editor"
    if show == "all":
        return "all"
    raise ValueError(f"unknown view {show!r}; expected one of {', '.join(SHOW_CHOICES)}")


def verdict_label(verdict: str) -> str:
    return verdict.replace("_", " ")


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    """Findings grouped by verdict in VERDICT_ORDER (conflicts first), report order kept within a group."""
    rank = {verdict: i for i, verdict in enumerate(VERDICT_ORDER)}
    return sorted(findings, key=lambda f: rank.get(f.verdict, len(rank)))


def verdict_groups(findings: Sequence[Finding]) -> list[tuple[str, list[Finding]]]:
    """Consecutive findings of one verdict as (verdict, findings); give it :func:`ordered` findings."""
    groups: list[tuple[str, list[Finding]]] = []
    for finding in findings:
        if groups and groups[-1][0] == finding.verdict:
            groups[-1][1].append(finding)
        else:
            groups.append((finding.verdict, [finding]))
    return groups


def one_line(text: str) -> str:
    return " ".join(text.split())


def clip(text: str, limit: int = 100) -> str:
    """The text on one line, cut to ``limit`` characters with an ellipsis."""
    text = one_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def run_parts(report: Report) -> list[tuple[str, str]]:
    """How the report was made, as (name, value) pairs: the Markdown and HTML run line."""
    run = report.run
    tokens = run.prompt_tokens + run.completion_tokens
    return [
        ("extractor", ", ".join(run.extractor_kinds) or "none"),
        ("model", run.model or "none"),
        ("prompt", run.prompt_version or "none"),
        ("model calls", str(run.model_calls)),
        ("tokens", f"{tokens} ({run.prompt_tokens} prompt + {run.completion_tokens} completion)"),
        ("cache hits", str(run.cache_hits)),
    ]


def is_complete(report: Report) -> bool:
    return report.complete and not report.failed_sources


def attribution_note(value: FindingValue) -> str:
    """'according to X (person)' when the value is not in the outlet's own voice, plus a non-default modality."""
    parts = []
    attribution = value.attribution
    if attribution.source_type != "outlet":
        who = attribution.name or "an unnamed source"
        parts.append(f"according to {who} ({attribution.source_type})")
    if value.modality != "happened":
        parts.append(value.modality)
    return " · ".join(parts)


def voice(value: FindingValue) -> str:
    """Whose the value is, always said: :func:`attribution_note`, or the outlet's own voice."""
    note = attribution_note(value)
    if value.attribution.source_type == "outlet":
        return "outlet's own voice" + (f" · {note}" if note else "")
    return note


def report_title(report: Report) -> str:
    conflicts = sum(1 for f in report.findings if f.verdict == "conflict")
    plural = "s" if len(report.sources) != 1 else ""
    text = f"checker report: {len(report.sources)} source{plural}, {len(report.findings)} findings"
    if conflicts:
        text += f", {conflicts} conflict" + ("s" if conflicts != 1 else "")
    return text
