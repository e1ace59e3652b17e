"""The report: resolve the story, judge every kind, put the findings in one stable order."""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from checker.reconcile.alignment import Alignment
from checker.reconcile.items import Item, items_of
from checker.reconcile.judge import amounts, lists, quotes, roles, times
from checker.reconcile.resolve.entities import Entities
from checker.reconcile.resolve.events import Events
from checker.report import (
    SEVERITY_ORDER,
    VERDICT_ORDER,
    Finding,
    Report,
    RunInfo,
    SourceSummary,
    UngroundedItem,
)
from checker.schema import SourceClaims, v1
from checker.schema.convert import describe, from_v1


def _finding_sort_key(finding: Finding) -> tuple[int, int, str, str]:
    return (VERDICT_ORDER.index(finding.verdict), SEVERITY_ORDER.index(finding.severity), finding.fact, finding.id)


def _joined(values: Iterable[str | None]) -> str | None:
    distinct = sorted({v for v in values if v})
    return ", ".join(distinct) if distinct else None


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector, and restore it after, if it was on.

    The reconciler allocates hundreds of thousands of small acyclic objects (values, keys, findings)
    while the input (every claim, as pydantic models) is alive; each full collection walks all of it,
    about 40 % of a 50,000-claim run. Reference counting still frees everything that is not in a cycle,
    and the collector runs as usual once the report is built. ``freeze``/``unfreeze`` moves what the
    run leaves alive straight to the oldest generation, where full collections still see it; skipped
    when the process has frozen objects of its own, which ``unfreeze`` would release.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def reconcile(sources: Sequence[SourceClaims | v1.SourceClaims], alignment: Alignment | None = None) -> Report:
    """Compare the grounded claims of all sources and return the report (pure and deterministic).

    ``alignment`` is a model's grouping of the claims (:mod:`checker.align`); without one, the rules
    alone decide which claims state one fact. Sources in the 1.0 form are converted first.
    """
    with _no_cyclic_gc():
        return _reconcile([from_v1(s) if isinstance(s, v1.SourceClaims) else s for s in sources], alignment)


def _reconcile(sources: Sequence[SourceClaims], alignment: Alignment | None) -> Report:
    ordered, items, views = items_of(sources)
    entities = Entities(views, items)
    events = Events(views, items, entities)
    by_kind: dict[str, list[Item]] = defaultdict(list)
    for item in items:
        by_kind[item.claim.kind].append(item)
    findings: list[Finding] = []
    findings += times.findings(by_kind["event_time"], events, alignment)
    findings += amounts.duration_findings(by_kind["duration"], events, entities, alignment)
    findings += amounts.quantity_findings(by_kind["quantity"], events, entities, alignment)
    findings += roles.findings(by_kind["role"], entities, alignment)
    findings += quotes.findings(by_kind["quote"], entities)
    findings += lists.membership_findings(by_kind["membership"], entities, alignment)
    findings += lists.proposition_findings(by_kind["proposition"], entities, alignment)
    unique = {finding.id: finding for finding in findings}
    summaries = [
        SourceSummary(
            name=s.source.name,
            outlet=s.source.outlet,
            url=s.source.url,
            published=s.source.published.isoformat() if s.source.published else None,
            extractor=s.extractor.kind,
            claims=len(s.claims),
            ungrounded=len(s.ungrounded),
        )
        for s in ordered
    ]
    ungrounded = sorted(
        (
            UngroundedItem(source=s.source.name, kind=u.claim.kind, evidence=describe(u.claim), reason=u.reason)
            for s in ordered
            for u in s.ungrounded
        ),
        key=lambda u: (u.source, u.kind, u.evidence, u.reason),
    )
    run = RunInfo(
        extractor_kinds=sorted({s.extractor.kind for s in ordered}),
        model=_joined(s.extractor.model for s in ordered),
        prompt_version=_joined(s.extractor.prompt for s in ordered),
        alignment=alignment.how if alignment is not None else "rules",
    )
    return Report(
        run=run,
        sources=summaries,
        findings=sorted(unique.values(), key=_finding_sort_key),
        ungrounded=ungrounded,
    )
