"""Draft mode: each claim of a draft is supported, contradicted or unsupported by the sources."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import checker
from checker.cli import cli
from checker.draft import review_draft
from checker.reconcile import reconcile
from checker.schema.v1 import SourceClaims

OUTLET = {"source_type": "outlet", "name": None}
MEETING = {"type": "meeting", "participants": ["Ann Lee", "Bo Chan"]}


def _claim(text: str, evidence: str, claim: dict[str, Any]) -> dict[str, Any]:
    start = text.index(evidence)
    return {
        "claim": {**claim, "evidence": evidence, "attribution": OUTLET, "hedge": None, "modality": "happened"},
        "evidence": {"text": evidence, "start": start, "end": start + len(evidence)},
        "match": "exact",
        "score": 100,
    }


def source(name: str, weekday: str | None, title: str | None, extra: str = "") -> SourceClaims:
    parts, claims = [], []
    if weekday:
        parts.append(f"Ann Lee and Bo Chan met on {weekday}.")
    if title:
        parts.append(f"{title} Ann Lee spoke first.")
    parts.append(extra)
    text = " ".join(parts)
    if weekday:
        claims.append(
            _claim(
                text,
                f"met on {weekday}",
                {
                    "kind": "event_time",
                    "event": MEETING,
                    "date": None,
                    "weekday": weekday,
                    "time_of_day": None,
                    "as_written": f"on {weekday}",
                },
            )
        )
    if title:
        status = "former" if title.lower().startswith("former") else "current"
        claims.append(
            _claim(
                text,
                f"{title} Ann Lee",
                {"kind": "role", "person": "Ann Lee", "title": title, "organisation": None, "status": status},
            )
        )
    if extra:
        claims.append(
            _claim(
                text,
                extra,
                {"kind": "proposition", "subject": "Bo Chan", "predicate": "resign", "object": None, "negated": False},
            )
        )
    return SourceClaims.model_validate({"source": {"name": name}, "extractor": {"kind": "external"}, "claims": claims})


def labels(draft: SourceClaims, *sources: SourceClaims) -> dict[str, tuple[str, list[str], list[str]]]:
    report = reconcile([draft, *sources])
    review = review_draft(report, draft)
    return {
        c.kind: (c.label, sorted({v.source for v in c.supporting}), sorted({v.source for v in c.contradicting}))
        for c in review.claims
    }


def test_supported_contradicted_and_unsupported() -> None:
    draft = source("draft.md", "Tuesday", "Mayor", extra="Bo Chan resigned.")
    a = source("a.txt", "Tuesday", "Mayor")
    b = source("b.txt", "Wednesday", "Former Mayor")
    result = labels(draft, a, b)
    assert result["event_time"] == ("contradicted", ["a.txt"], ["b.txt"])
    assert result["role"] == ("contradicted", ["a.txt"], ["b.txt"])
    assert result["proposition"] == ("unsupported", [], [])


def test_agreement_is_support() -> None:
    result = labels(
        source("draft.md", "Friday", "Mayor"), source("a.txt", "Friday", None), source("b.txt", None, "Mayor")
    )
    assert result["event_time"] == ("supported", ["a.txt"], [])
    assert result["role"] == ("supported", ["b.txt"], [])


def test_a_conflict_among_sources_the_draft_agrees_with_everyone_on_is_not_a_contradiction() -> None:
    # The sources disagree about the weekday; the draft states no weekday, only the title everyone shares.
    result = labels(
        source("draft.md", None, "Mayor"), source("a.txt", "Monday", "Mayor"), source("b.txt", "Sunday", "Mayor")
    )
    assert result == {"role": ("supported", ["a.txt", "b.txt"], [])}


def test_contradicted_claims_come_first_and_counts_add_up() -> None:
    draft = source("draft.md", "Tuesday", "Mayor", extra="Bo Chan resigned.")
    report = reconcile([draft, source("a.txt", "Thursday", "Mayor")])
    review = review_draft(report, draft)
    assert [c.label for c in review.claims] == ["contradicted", "unsupported", "supported"]
    assert sum(review.counts.values()) == len(draft.claims)
    assert all(draft.source.name not in {v.source for v in c.contradicting} for c in review.claims)


def test_api_and_cli_draft_mode(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ann Lee and Bo Chan held a 90-minute meeting on Tuesday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ann Lee and Bo Chan held a meeting on Tuesday, aides said.", encoding="utf-8")
    (tmp_path / "draft.md").write_text("Ann Lee and Bo Chan held a meeting on Thursday.", encoding="utf-8")
    sources = [checker.Source(text=(tmp_path / n).read_text(), name=n) for n in ("a.txt", "b.txt")]
    draft = checker.Source(text=(tmp_path / "draft.md").read_text(), name="draft.md")
    report = checker.check(sources, draft=draft, extractor="offline")
    assert report.draft is not None
    assert report.draft.counts["contradicted"] >= 1
    assert report.has_conflicts("conflict")

    result = CliRunner().invoke(
        cli,
        [
            "check",
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            "--draft",
            str(tmp_path / "draft.md"),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.stderr
    data = json.loads(result.stdout)
    contradicted = [c for c in data["draft"]["claims"] if c["label"] == "contradicted"]
    assert contradicted and contradicted[0]["contradicting"][0]["value"].endswith("Tuesday")


def test_draft_given_as_a_source_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Ann Lee met Bo Chan on Tuesday.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path), "--draft", str(path)])
    assert result.exit_code == 2 and "also given as a source" in result.stderr


@pytest.mark.parametrize("fail_on", ["conflict", "misquote", "any"])
def test_a_contradicted_draft_fails_every_level_but_never(fail_on: str) -> None:
    draft = source("draft.md", "Tuesday", None)
    report = reconcile([draft, source("a.txt", "Thursday", None)])
    report = report.model_copy(update={"findings": [], "draft": review_draft(report, draft)})
    assert report.has_conflicts(fail_on)
    assert not report.has_conflicts("none")
