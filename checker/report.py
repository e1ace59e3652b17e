"""The report model: what ``checker`` tells an editor, and the JSON contract other tools build on.

Every model forbids unknown keys so a typo in a producer fails loudly, and the
field order *is* the JSON key order (pydantic dumps fields in declaration order),
so ``Report.to_json`` is byte-stable for equal content. The contract is
documented in ``docs/report-format.md``; bump ``REPORT_VERSION`` on any change
that could break a consumer.

This module is data only: the renderings for people (text, Markdown, HTML) live in
:mod:`checker.render`, which imports this module and is never imported by it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from checker.schema.v1 import Attribution, Modality

REPORT_VERSION = "2.1"

Verdict = Literal[
    "conflict",
    "internal_conflict",
    "misquote",
    "attribution_conflict",
    "complementary",
    "agree",
    "single_source",
]
Severity = Literal["high", "medium", "low", "info"]
FailOn = Literal["conflict", "misquote", "any", "none"]

#: Display and sort order of verdicts: what an editor must look at first comes first.
VERDICT_ORDER: tuple[str, ...] = (
    "conflict",
    "internal_conflict",
    "misquote",
    "attribution_conflict",
    "complementary",
    "agree",
    "single_source",
)
SEVERITY_ORDER: tuple[str, ...] = ("high", "medium", "low", "info")

#: Which verdicts make ``has_conflicts`` true for each ``--fail-on`` level.
FAIL_ON_VERDICTS: dict[str, frozenset[str]] = {
    "conflict": frozenset({"conflict", "internal_conflict", "attribution_conflict"}),
    "misquote": frozenset({"conflict", "internal_conflict", "attribution_conflict", "misquote"}),
    "any": frozenset({"conflict", "internal_conflict", "attribution_conflict", "misquote"}),
    "none": frozenset(),
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StageSpend(_Model):
    """What one stage's model requests cost."""

    stage: Literal["extraction", "alignment"]
    calls: int = Field(ge=0, description="Requests answered (re-asks, split halves and Batch API results included).")
    prompt_tokens: int = Field(ge=0, description="As the server reported them.")
    completion_tokens: int = Field(ge=0, description="As the server reported them.")
    cache_hits: int = Field(ge=0, description="Requests answered from the cache, at no cost.")
    cost_usd: float | None = Field(description="The tokens at the price used; null when the model has no price.")


class PriceUsed(_Model):
    """The rates a run's cost was reckoned at."""

    model: str
    input_usd_per_million: float = Field(ge=0, description="Prompt tokens.")
    output_usd_per_million: float = Field(ge=0, description="Completion tokens.")
    factor: float = Field(gt=0, description="1 for live requests, the Batch API's discount (0.5) for batch jobs.")
    source: str = Field(description="Where the rates come from: the built-in list prices or the user's table.")


class Spend(_Model):
    """A model run's accounting: per stage, in total, at which price, under which ceilings."""

    mode: Literal["live", "batch"] = Field(description="'batch' when the requests went through the Batch API.")
    stages: list[StageSpend]
    cost_usd: float | None = Field(description="All stages; null when the model has no price.")
    price: PriceUsed | None = Field(description="Null when no price is known for the model.")
    max_cost_usd: float | None = Field(default=None, description="The --max-cost ceiling, when one was set.")
    max_calls: int | None = Field(default=None, description="The --max-calls ceiling, when one was set.")
    stopped: str | None = Field(
        default=None, description="Why requests were not sent (a ceiling was reached); the report is then incomplete."
    )
    batch_jobs: list[str] = Field(default_factory=list, description="Batch API job ids the answers came from.")


class RunInfo(_Model):
    """How the report was made; the pipeline fills the counters, the reconciler leaves them at zero."""

    extractor_kinds: list[str] = Field(default_factory=list, description="Extractor kinds of the sources, sorted.")
    model: str | None = Field(default=None, description="Model name when an LLM extracted claims.")
    prompt_version: str | None = Field(default=None, description="Prompt template version, e.g. extract_claims.v2.")
    alignment: str = Field(
        default="rules",
        description="How claims were aligned into facts: 'rules', or the prompt and model that grouped them.",
    )
    model_calls: int = Field(default=0, ge=0)
    prompt_tokens: int = Field(default=0, ge=0)
    completion_tokens: int = Field(default=0, ge=0)
    cache_hits: int = Field(default=0, ge=0)
    spend: Spend | None = Field(default=None, description="Model runs only: cost per stage, price and ceilings (2.1).")


class FailedSource(_Model):
    """A source the pipeline could not turn into claims; its absence makes the report incomplete."""

    name: str
    reason: str | None = None


class SourceSummary(_Model):
    """One input source as the report saw it."""

    name: str
    outlet: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="ISO date, when known.")
    extractor: str = Field(description="Extractor kind: llm, offline, hand-written or external.")
    claims: int = Field(ge=0, description="Number of grounded claims.")
    ungrounded: int = Field(ge=0, description="Number of claims whose evidence was not found.")


class Evidence(_Model):
    """The verbatim passage of the source a value comes from, with code-point offsets."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class FindingValue(_Model):
    """One source's value for the fact: as written, normalised, and where it is."""

    source: str = Field(description="The source's file name.")
    value: str = Field(description="The value as written.")
    normalized: str = Field(description="The normalised, comparable form.")
    attribution: Attribution
    modality: Modality
    evidence: Evidence = Field(description="The passage that states it (for model answers, its sentence).")
    span: Evidence | None = Field(
        default=None, description="Where the value itself sits, when the claim copied it verbatim (since 1.1)."
    )


class Finding(_Model):
    """One fact and what the sources say about it."""

    id: str = Field(description="Stable short hash of the finding's content.")
    fact: str = Field(description="Readable label of the fact.")
    kind: str = Field(description="Claim kind: event_time, duration, quantity, role, quote, membership, proposition.")
    verdict: Verdict
    severity: Severity
    rule: str = Field(description="Stable identifier of the rule that decided, e.g. duration.interval_overlap.")
    explanation: str = Field(description="Deterministic one-line explanation.")
    attributed_to: str | None = Field(
        default=None,
        description="Who the values other than the articles' own are attributed to (sorted, comma-joined); "
        "null when every value is in an article's own voice.",
    )
    aligned_by: Literal["rules", "model"] = Field(
        default="rules", description="'model' when a model's alignment grouped these values as one fact."
    )
    values: list[FindingValue]

    # The reconciler's comparison for this fact, kept off the JSON: draft mode asks it which
    # sources' values are compatible with the draft's. None for findings read back from JSON.
    _compatible: Callable[[str, str], bool] | None = PrivateAttr(default=None)

    def compatible(self, a: str, b: str) -> bool:
        """Whether two normalised values of this fact are compatible (equality when unknown)."""
        return a == b or (self._compatible is not None and self._compatible(a, b))


class UngroundedItem(_Model):
    """A claim whose evidence was not found in its source: reported, never reconciled."""

    source: str
    kind: str
    evidence: str = Field(description="The evidence text as the extractor gave it.")
    reason: str


DraftLabel = Literal["contradicted", "unsupported", "supported"]


class DraftClaim(_Model):
    """One claim of the draft and what the sources say about it."""

    kind: str = Field(description="Claim kind.")
    fact: str = Field(description="The fact, as labelled by the finding that decided (or the claim kind).")
    label: DraftLabel = Field(description="supported, contradicted or unsupported by the sources.")
    value: str = Field(description="The draft's value as written.")
    evidence: Evidence = Field(description="Where the claim sits in the draft.")
    explanation: str = Field(description="One line: which sources support or contradict it.")
    finding_ids: list[str] = Field(description="Findings the claim appears in.")
    supporting: list[FindingValue] = Field(description="Sources' values compatible with the draft.")
    contradicting: list[FindingValue] = Field(description="Sources' values against the draft.")


class DraftReview(_Model):
    """Every claim of the draft, labelled: contradicted first, then unsupported, then supported."""

    draft: str = Field(description="The draft's source name.")
    counts: dict[str, int] = Field(description="Claims per label.")
    claims: list[DraftClaim]


class Report(_Model):
    """The whole result of reconciling a set of sources."""

    report_version: str = REPORT_VERSION
    run: RunInfo = Field(default_factory=RunInfo)
    complete: bool = True
    failed_sources: list[FailedSource] = Field(default_factory=list)
    sources: list[SourceSummary] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    ungrounded: list[UngroundedItem] = Field(default_factory=list)
    draft: DraftReview | None = Field(default=None, description="Draft mode only: the draft's claims, labelled.")

    @field_validator("failed_sources", mode="before")
    @classmethod
    def _names_are_enough(cls, value: Any) -> Any:
        """Accept bare file names for convenience: ``["a.txt"]`` means ``[{"name": "a.txt"}]``."""
        if isinstance(value, list):
            return [{"name": item} if isinstance(item, str) else item for item in value]
        return value

    def to_json(self) -> str:
        """The JSON contract: keys in field order, indent 2, UTF-8 text as is, trailing newline.

        Byte-identical to ``json.dumps(model_dump(mode="json"), indent=2, ensure_ascii=False)``
        (a test pins it) but serialised in Rust: a 1,000-source report is tens of megabytes.
        """
        # ``draft`` exists only in draft mode; other reports keep the original contract's keys.
        exclude = {"draft"} if self.draft is None else None
        return self.model_dump_json(indent=2, exclude=exclude) + "\n"

    def has_conflicts(self, fail_on: str) -> bool:
        """Whether the report should make the CLI exit non-zero at this ``--fail-on`` level.

        ``conflict``: any conflict, internal_conflict or attribution_conflict.
        ``misquote``: those, or a misquote.
        ``any``: those, or the report is incomplete (failed sources) or has ungrounded claims.
        ``none``: never.
        """
        try:
            verdicts = FAIL_ON_VERDICTS[fail_on]
        except KeyError:
            raise ValueError(f"unknown fail-on level {fail_on!r}; expected one of {sorted(FAIL_ON_VERDICTS)}") from None
        if any(finding.verdict in verdicts for finding in self.findings):
            return True
        if verdicts and self.draft is not None and self.draft.counts.get("contradicted", 0):
            return True
        return fail_on == "any" and (not self.complete or bool(self.failed_sources) or bool(self.ungrounded))

    def verdict_counts(self) -> dict[str, int]:
        """Findings per verdict, in verdict order, zero counts left out."""
        counts = {verdict: 0 for verdict in VERDICT_ORDER}
        for finding in self.findings:
            counts[finding.verdict] += 1
        return {verdict: n for verdict, n in counts.items() if n}
