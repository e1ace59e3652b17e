"""Acceptance: the reports on the seeds against what a careful human found.

Two reports are judged, each produced by the real CLI with ``--format json``:
``checker reconcile fixtures/claims/seeds/*.json`` (the hand-written reference
extractions) and ``checker check seeds/*.txt --extractor offline`` (the raw
articles through the offline extractor). The expectations are the shared
``../shared/seeds/expected-findings.yaml``; ``tests/acceptance/`` keeps a copy
so the test never silently skips, and a test checks the copy is current.
A ``must`` finding is matched by verdict + the set of its sources (the expected
ones must all be among the finding's) + evidence overlap for every expected
value; no ``not_conflicts`` pair may be flagged. ``should`` items are recorded
(found / missed) but never fail the run: a miss is a known gap.

Run ``python tests/test_acceptance_seeds.py`` to print the tally.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from checker.cli import cli
from checker.reconcile import reconcile
from checker.report import Evidence, Finding, FindingValue, Report
from checker.schema.v1 import SourceClaims

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures" / "claims" / "seeds"
COPY = REPO / "tests" / "acceptance" / "expected-findings.yaml"
STANDIN = REPO / "fixtures" / "cassettes" / "standin"
#: References (hand-written claims), the offline extractor, and stand-in answers to the default prompt
#: replayed through the real client. The stand-in answers to the released v1 prompt are the baseline:
#: tallied (``python tests/test_acceptance_seeds.py``), not asserted.
# The model path as the CLI runs it by default (extract_claims.v2, then align_claims.v1) is held to
# the same bar as the reference extractions; the other stand-in runs are baselines, printed only.
MODES = ("references", "offline", "standin:extract_claims.v2+align_claims.v1")
BASELINE_MODES = ("standin:extract_claims.v1", "standin:extract_claims.v2")
CONFLICTS = {"conflict", "internal_conflict", "misquote", "attribution_conflict"}


def shared_seeds() -> Path | None:
    for candidate in (Path(__file__).resolve().parents[2] / "shared" / "seeds", REPO / ".." / "shared" / "seeds"):
        if (candidate / "expected-findings.yaml").is_file():
            return candidate.resolve()
    return None


SHARED = shared_seeds()


@cache
def expected() -> dict[str, Any]:
    path = SHARED / "expected-findings.yaml" if SHARED is not None else COPY
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def test_the_repository_copy_of_the_expectations_is_current() -> None:
    if SHARED is None:
        pytest.skip("../shared/seeds is not beside this checkout; the repository copy is used")
    assert COPY.read_bytes() == (SHARED / "expected-findings.yaml").read_bytes()


@cache
def report(mode: str = "references") -> Report:
    """The JSON report the CLI prints, read back through the report model."""
    if mode == "references":
        args = ["reconcile", *map(str, sorted(FIXTURES.glob("*.json"))), "--format", "json"]
    elif mode.startswith("standin:"):
        return _standin_report(mode.removeprefix("standin:"))
    else:
        args = [
            "check",
            *map(str, sorted((REPO / "seeds").glob("*.txt"))),
            "--extractor",
            "offline",
            "--format",
            "json",
        ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.stderr  # the seeds do conflict
    return Report.model_validate_json(result.stdout)


def _standin_report(mode: str) -> Report:
    """The seeds through the CLI and checker's real client, the model's side replayed from stand-in
    cassettes. ``<prompt>+<align prompt>``: a first run extracts (rules alignment) into a cache, a
    second asks only for the alignment, replayed from its own cassette, and reads extractions from it."""
    import tempfile

    import vcr
    from cassette_config import VCR_CONFIG, configure

    prompt, _, align_prompt = mode.partition("+")
    cassettes = [STANDIN / prompt / "seeds.yaml"]
    if align_prompt:
        cassettes.append(STANDIN / f"{align_prompt}+{prompt}" / "seeds.yaml")
    for cassette in cassettes:
        if not cassette.is_file():
            pytest.skip(f"no stand-in cassette {cassette.relative_to(REPO)}")
    recorder = vcr.VCR(record_mode="none", **VCR_CONFIG)
    configure(recorder)
    with tempfile.TemporaryDirectory() as cache:
        base = [
            "check",
            *map(str, sorted((REPO / "seeds").glob("*.txt"))),
            *("--extractor", "llm", "--model", "standin", "--base-url", "http://127.0.0.1:9/v1"),
            *("--prompt", prompt, "--cache-dir", cache, "--concurrency", "1", "--format", "json"),
        ]
        runs = [[*base, "--align", "rules"]] + ([[*base, "--align", "model"]] if align_prompt else [])
        for cassette, args in zip(cassettes, runs, strict=True):
            with recorder.use_cassette(str(cassette)):
                result = CliRunner().invoke(cli, args)
            assert result.exit_code == 1, result.stderr  # the seeds do conflict
    parsed = Report.model_validate_json(result.stdout)
    assert parsed.complete and not parsed.failed_sources
    if align_prompt:
        assert parsed.run.alignment.startswith(align_prompt) and "failed" not in parsed.run.alignment
    return parsed


@cache
def article(name: str) -> str:
    for folder in (REPO / "seeds", SHARED):
        if folder is not None and (folder / name).is_file():
            return (folder / name).read_text(encoding="utf-8")
    return ""


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("“", '"').replace("”", '"')).strip().lower()


def _span(source: str, evidence: str) -> tuple[int, int] | None:
    """Where the expected evidence sits in the seed, in code points (it is verbatim, modulo quote styles)."""
    text = article(source)
    at = text.find(evidence)
    if at < 0:
        folded, target = _fold(text), _fold(evidence)
        at = folded.find(target) if len(folded) == len(text) else -1
    return (at, at + len(evidence)) if at >= 0 else None


def _where(value: FindingValue) -> Evidence:
    """The value's own span when the report has one (a model's evidence is a whole sentence), else its evidence."""
    return value.span if value.span is not None else value.evidence


def _overlaps(finding: Finding, source: str, evidence: str) -> bool:
    span = _span(source, evidence)
    for value in finding.values:
        if value.source != source:
            continue
        where = _where(value)
        if span is not None and where.start < span[1] and span[0] < where.end:
            return True
        if span is None and (_fold(evidence) in _fold(where.text) or _fold(where.text) in _fold(evidence)):
            return True
    return False


def _full_name(prefix: str) -> str:
    return next((f.name.removesuffix(".json") for f in sorted(FIXTURES.glob(f"{prefix}*.json"))), prefix)


@dataclass
class Outcome:
    item: str
    level: str
    found: bool
    detail: str


def _check_item(item: dict[str, Any], findings: list[Finding]) -> list[Outcome]:
    """One expected item -> one outcome per finding it asks for (roles and single-source list several)."""
    verdict, level, name = item["verdict"], item["level"], item["id"]
    outcomes = []
    values = item["values"]
    if values and "person" in values[0]:  # one finding per person: {person, role, sources}
        for value in values:
            surname = _fold(value["person"]).split()[-1][:7]
            wanted = {_full_name(p) for p in value["sources"]}
            hit = any(
                f.verdict == verdict and f.kind == "role" and surname in _fold(f.fact) and wanted <= _sources(f)
                for f in findings
            )
            outcomes.append(Outcome(f"{name}: {value['person']}", level, hit, f"{verdict} role from {sorted(wanted)}"))
        return outcomes
    if verdict == "single_source":  # each value its own finding
        for value in values:
            hit = any(f.verdict == verdict and _overlaps(f, value["source"], value["evidence"]) for f in findings)
            outcomes.append(Outcome(f"{name}: {value['evidence'][:50]}", level, hit, value["source"]))
        return outcomes
    wanted = {v["source"] for v in values}
    hit = any(
        f.verdict == verdict and wanted <= _sources(f) and all(_overlaps(f, v["source"], v["evidence"]) for v in values)
        for f in findings
    )
    return [Outcome(name, level, hit, f"{verdict} from {sorted(wanted)}")]


def _sources(finding: Finding) -> set[str]:
    return {v.source for v in finding.values}


def _evidence_has(finding: Finding, *needles: str) -> bool:
    return any(_fold(n) in _fold(_where(v).text) or _fold(n) in _fold(v.value) for v in finding.values for n in needles)


# Each not_conflicts line of the YAML, keyed by a distinctive fragment, as a predicate that
# says whether a conflict-like finding commits that error.
NOT_CONFLICT_CHECKS: dict[str, Callable[[Finding], bool]] = {
    "90-minute": lambda f: f.kind == "duration" and _evidence_has(f, "90-minute", "one and a half", "lengthy"),
    "Zelensky (000, 001, 003) vs Zelenskyy": lambda f: "zelensk" in _fold(f.fact) and f.kind == "role",
    "National Security Advisor": lambda f: f.kind == "role" and "waltz" in _fold(f.fact),
    "negotiating-team": lambda f: f.kind == "membership" and _evidence_has(f, "Rubio", "Waltz", "Ratcliffe"),
    "topics of the call": lambda f: f.kind == "membership" and _evidence_has(f, "Middle East", "energy", "AI"),
    "displaced millions": lambda f: f.kind == "quantity" and _evidence_has(f, "displaced"),
    "would contact Zelenskyy": lambda f: _evidence_has(f, "would contact") and _evidence_has(f, "communicated with"),
    "different Zelensky quotes": lambda f: f.kind == "quote" and "zelensk" in _fold(f.fact + " " + f.explanation),
}


def _not_conflict_checker(line: str) -> Callable[[Finding], bool] | None:
    return next((check for key, check in NOT_CONFLICT_CHECKS.items() if key in line), None)


def tally(mode: str = "references") -> list[Outcome]:
    findings = report(mode).findings
    return [outcome for item in expected()["findings"] for outcome in _check_item(item, findings)]


@pytest.mark.parametrize("mode", MODES)
def test_every_must_finding_is_reported(mode: str) -> None:
    outcomes = tally(mode)
    missed = [o for o in outcomes if o.level == "must" and not o.found]
    assert not missed, "missing must findings:\n" + "\n".join(f"  {o.item} ({o.detail})" for o in missed)


@pytest.mark.parametrize("mode", MODES)
def test_no_not_conflict_is_flagged(mode: str) -> None:
    findings = [f for f in report(mode).findings if f.verdict in CONFLICTS]
    unchecked = []
    for line in expected().get("not_conflicts", []):
        check = _not_conflict_checker(line)
        if check is None:
            unchecked.append(line)
            continue
        bad = [f for f in findings if check(f)]
        assert not bad, f"{line!r} flagged as {bad[0].verdict}: {bad[0].fact} — {bad[0].explanation}"
    assert not unchecked, f"not_conflicts without a check here, add one: {unchecked}"


@pytest.mark.parametrize("mode", MODES)
def test_record_should_items(mode: str, record_property: Callable[[str, object], None]) -> None:
    """Never fails on a should miss; records the tally (shown with -s or in the JUnit XML)."""
    outcomes = [o for o in tally(mode) if o.level == "should"]
    found = [o.item for o in outcomes if o.found]
    missed = [o.item for o in outcomes if not o.found]
    record_property("should_found", found)
    record_property("should_missed", missed)
    print(f"\nshould items: {len(found)} found, {len(missed)} missed")
    for item in missed:
        print(f"  missed: {item}")
    assert len(found) + len(missed) == len(outcomes)


def test_report_is_byte_identical_in_reverse_file_order() -> None:
    files = sorted(FIXTURES.glob("*.json"))
    if not files:
        pytest.skip("no reference extractions yet")
    forward = reconcile([SourceClaims.model_validate_json(f.read_text(encoding="utf-8")) for f in files])
    backward = reconcile([SourceClaims.model_validate_json(f.read_text(encoding="utf-8")) for f in reversed(files)])
    assert forward.to_json() == backward.to_json()


@pytest.mark.parametrize("mode", MODES)
def test_attributed_death_claim_stays_attributed(mode: str) -> None:
    """004's 'millions of deaths' is Trump's claim: never in a finding without attributed_to."""
    for finding in report(mode).findings:
        if finding.kind == "quantity" and _evidence_has(finding, "millions of deaths"):
            assert finding.attributed_to is not None, finding


if __name__ == "__main__":
    for mode in (*MODES, *BASELINE_MODES):
        print(f"== {mode}")
        for outcome in tally(mode):
            print(f"{'FOUND ' if outcome.found else 'MISSED'} {outcome.level:6} {outcome.item}  [{outcome.detail}]")
    sys.exit(0)
