"""Draft mode: the pre-publish check of one draft against its sources.

The draft is reconciled together with the sources like any other source; then
each of the draft's grounded claims is labelled from the findings it appears in:

* ``contradicted`` — a finding puts the draft's value against a different value
  from at least one source (a conflict, misquote or attribution conflict), or
  the draft contradicts itself;
* ``supported`` — at least one source gives a compatible value (agree,
  complementary, or the same normalised value inside a conflict);
* ``unsupported`` — no source says anything about it.

A claim in several findings takes the strongest label (contradicted, then supported). Pure: works on a ``Report``.
"""

from __future__ import annotations

from collections import defaultdict

from checker.report import DraftClaim, DraftLabel, DraftReview, Evidence, Finding, FindingValue, Report
from checker.schema import SourceClaims, v1
from checker.schema.convert import from_v1

# Which finding decides a claim's label: a contradiction outweighs support, support outweighs silence.
_RANK: dict[str, int] = {"contradicted": 0, "supported": 1, "unsupported": 2}
# What an editor reads first: contradictions, then what nobody else says, then what is backed.
_DISPLAY: dict[str, int] = {"contradicted": 0, "unsupported": 1, "supported": 2}
_CONTRADICTING = {"conflict", "misquote", "attribution_conflict"}
_SUPPORTING = {"agree", "complementary"}


def _label_in(
    finding: Finding, mine: list[FindingValue], draft: str
) -> tuple[DraftLabel, list[FindingValue], list[FindingValue]]:
    others = [v for v in finding.values if v.source != draft]
    own_forms = {v.normalized for v in mine}
    if finding.verdict == "internal_conflict":
        return "contradicted", [], [v for v in finding.values if v not in mine]
    if finding.verdict in _SUPPORTING:
        return ("supported" if others else "unsupported"), others, []
    if finding.verdict in _CONTRADICTING:
        supporting = [v for v in others if any(finding.compatible(v.normalized, own) for own in own_forms)]
        against = [v for v in others if v not in supporting]
        if against:
            return "contradicted", supporting, against
        return ("supported" if supporting else "unsupported"), supporting, []
    return "unsupported", [], []


def _names(values: list[FindingValue]) -> str:
    return ", ".join(sorted({v.source for v in values}))


def review_draft(report: Report, draft: SourceClaims | v1.SourceClaims) -> DraftReview:
    """Label each of the draft's grounded claims from the report's findings."""
    if isinstance(draft, v1.SourceClaims):
        draft = from_v1(draft)
    name = draft.source.name
    by_span: dict[tuple[str, int, int, int], list[tuple[Finding, list[FindingValue]]]] = defaultdict(list)
    for finding in report.findings:
        mine = [v for v in finding.values if v.source == name]
        for value in mine:
            by_span[_where(finding.kind, value)].append((finding, mine))

    claims: list[DraftClaim] = []
    for grounded in draft.claims:
        span = (grounded.evidence.start, grounded.evidence.end)
        where = (grounded.claim.kind, *span, grounded.value.start if grounded.value is not None else -1)
        supporting: list[FindingValue] = []
        contradicting: list[FindingValue] = []
        judged: list[tuple[int, str, DraftLabel, Finding, list[FindingValue]]] = []
        for finding, mine in by_span.get(where, []):
            label, sup, con = _label_in(finding, mine, name)
            supporting += sup
            contradicting += con
            judged.append((_RANK[label], finding.id, label, finding, mine))
        best: DraftLabel = "unsupported"
        fact = grounded.claim.kind.replace("_", " ")
        written = grounded.evidence.text
        if judged:
            _, _, best, deciding, mine = min(judged, key=lambda j: (j[0], j[1]))
            fact = deciding.fact
            spans = [v for v in mine if _where(deciding.kind, v) == where]
            written = spans[0].value if spans else written
        ids = [j[1] for j in judged]
        supporting = sorted({v.model_dump_json(): v for v in supporting}.values(), key=_value_key)
        contradicting = sorted({v.model_dump_json(): v for v in contradicting}.values(), key=_value_key)
        if best == "contradicted":
            against = _names(contradicting) or "the draft itself"
            explanation = f"contradicted by {against}" + (f"; supported by {_names(supporting)}" if supporting else "")
        elif best == "supported":
            explanation = f"supported by {_names(supporting)}"
        else:
            explanation = "no source states this"
        claims.append(
            DraftClaim(
                kind=grounded.claim.kind,
                fact=fact,
                label=best,
                value=written,
                evidence=Evidence(text=grounded.evidence.text, start=span[0], end=span[1]),
                explanation=explanation,
                finding_ids=sorted(set(ids)),
                supporting=supporting,
                contradicting=contradicting,
            )
        )
    claims.sort(key=lambda c: (_DISPLAY[c.label], c.evidence.start, c.evidence.end, c.kind, c.fact))
    counts = {label: sum(1 for c in claims if c.label == label) for label in _DISPLAY}
    return DraftReview(draft=name, counts=counts, claims=claims)


def _where(kind: str, value: FindingValue) -> tuple[str, int, int, int]:
    """A claim's place in its source: kind, evidence span and the start of its value (-1 without one).

    Claims of one sentence share its evidence; the value's span tells them apart."""
    return (kind, value.evidence.start, value.evidence.end, value.span.start if value.span is not None else -1)


def _value_key(value: FindingValue) -> tuple[str, int, int]:
    return (value.source, value.evidence.start, value.evidence.end)
