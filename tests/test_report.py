"""The report's JSON contract (key order, keys, types), sorting, determinism and text shape.

Other tools parse this JSON, so these tests pin the contract documented in
docs/report-format.md; change both together and bump REPORT_VERSION.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import ValidationError
from reconcile_cases.builders import Article, by, count, ev, quote, role, when

from checker.reconcile import reconcile
from checker.render import to_text
from checker.report import (
    REPORT_VERSION,
    SEVERITY_ORDER,
    VERDICT_ORDER,
    Evidence,
    Finding,
    FindingValue,
    Report,
    RunInfo,
)
from checker.schema.v1 import Attribution

TOP_KEYS = ["report_version", "run", "complete", "failed_sources", "sources", "findings", "ungrounded"]
RUN_KEYS = [
    "extractor_kinds",
    "model",
    "prompt_version",
    "alignment",
    "model_calls",
    "prompt_tokens",
    "completion_tokens",
    "cache_hits",
    "spend",
]
SOURCE_KEYS = ["name", "outlet", "url", "published", "extractor", "claims", "ungrounded"]
FINDING_KEYS = [
    "id", "fact", "kind", "verdict", "severity", "rule", "explanation", "attributed_to", "aligned_by", "values"
]  # fmt: skip
VALUE_KEYS = ["source", "value", "normalized", "attribution", "modality", "evidence", "span"]
UNGROUNDED_KEYS = ["source", "kind", "evidence", "reason"]

CALL = ev("phone call", "Ida Sand", "Ole Berg")


def _report() -> Report:
    a = Article("b_source.txt", dt.date(2025, 3, 6), outlet="Daily Ä")
    a.add("They spoke on Wednesday.", when("on Wednesday", CALL, weekday="Wednesday"))
    a.add(
        "Former Minister Ida Sand called.",
        role("Former Minister Ida Sand", "Ida Sand", "Former Minister", status="former"),
    )
    a.add("Sand said 300 died.", count("300 died", "deaths", "300", attribution=by("Ida Sand")))
    a.add("“We agreed on nothing,” Berg said.", quote("We agreed on nothing,", "Ole Berg", "We agreed on nothing,"))
    a.lost(when("on Friday", CALL, weekday="Friday"), "evidence not found")
    b = Article("a_source.txt", dt.date(2025, 3, 6))
    b.add("They spoke on Thursday.", when("on Thursday", CALL, weekday="Thursday"))
    b.add("Minister Ida Sand called.", role("Minister Ida Sand", "Ida Sand", "Minister"))
    b.add(
        "“We agreed on everything,” Berg said.",
        quote("We agreed on everything,", "Ole Berg", "We agreed on everything,"),
    )
    return reconcile([a.build(), b.build()])


def test_top_level_keys_in_contract_order() -> None:
    data = json.loads(_report().to_json())
    assert list(data) == TOP_KEYS
    assert data["report_version"] == REPORT_VERSION == "2.1"
    assert list(data["run"]) == RUN_KEYS
    assert data["complete"] is True and data["failed_sources"] == []


def test_nested_keys_and_types() -> None:
    data = json.loads(_report().to_json())
    for source in data["sources"]:
        assert list(source) == SOURCE_KEYS
        assert isinstance(source["claims"], int) and isinstance(source["ungrounded"], int)
    assert data["sources"][1]["published"] == "2025-03-06"
    assert data["findings"], "the sample must produce findings"
    for finding in data["findings"]:
        assert list(finding) == FINDING_KEYS
        assert finding["verdict"] in VERDICT_ORDER and finding["severity"] in SEVERITY_ORDER
        assert isinstance(finding["id"], str) and len(finding["id"]) == 12
        assert finding["attributed_to"] is None or isinstance(finding["attributed_to"], str)
        for value in finding["values"]:
            assert list(value) == VALUE_KEYS
            assert list(value["attribution"]) == ["source_type", "name"]
            assert list(value["evidence"]) == ["text", "start", "end"]
            assert all(isinstance(value[k], str) for k in ("source", "value", "normalized", "modality"))
            assert (
                isinstance(value["evidence"]["start"], int) and value["evidence"]["end"] >= value["evidence"]["start"]
            )
    assert [list(u) for u in data["ungrounded"]] == [UNGROUNDED_KEYS]


def test_findings_and_values_are_sorted() -> None:
    report = _report()
    keys = [(VERDICT_ORDER.index(f.verdict), SEVERITY_ORDER.index(f.severity), f.fact, f.id) for f in report.findings]
    assert keys == sorted(keys)
    for finding in report.findings:
        order = [(v.source, v.evidence.start, v.evidence.end) for v in finding.values]
        assert order == sorted(order)
    assert [s.name for s in report.sources] == ["a_source.txt", "b_source.txt"]


def test_expected_verdicts_and_attribution() -> None:
    report = _report()
    verdicts = {(f.kind, f.verdict) for f in report.findings}
    assert ("event_time", "conflict") in verdicts
    assert ("role", "conflict") in verdicts
    assert ("quote", "misquote") in verdicts
    deaths = next(f for f in report.findings if f.kind == "quantity")
    assert deaths.attributed_to == "Ida Sand" and deaths.verdict == "single_source"


def test_json_is_stable_utf8_with_trailing_newline() -> None:
    first, second = _report().to_json(), _report().to_json()
    assert first == second
    assert first.endswith("}\n") and "Daily Ä" in first
    assert first.startswith('{\n  "report_version": "2.1",\n')
    assert Report.model_validate_json(first).to_json() == first


def test_json_matches_the_stdlib_rendering() -> None:
    """to_json uses pydantic's serialiser for speed; it must equal the documented json.dumps form."""
    odd = [{"name": 'x\u00e4\u2028\u0007"\\', "reason": None}]
    report = Report.model_validate({**_report().model_dump(), "failed_sources": odd})
    expected = json.dumps(report.model_dump(mode="json", exclude={"draft"}), indent=2, ensure_ascii=False) + "\n"
    assert report.to_json() == expected


def test_ids_depend_on_content_only() -> None:
    ids = [f.id for f in _report().findings]
    assert len(set(ids)) == len(ids)
    assert ids == [f.id for f in _report().findings]


def test_text_groups_by_verdict_conflicts_first() -> None:
    text = to_text(_report(), show="all")
    assert text.startswith("checker report: 2 sources,")
    headings = [line for line in text.splitlines() if line.startswith("== ")]
    order = [h.split(" (")[0][3:].lower().replace(" ", "_") for h in headings]
    ranked = [v for v in VERDICT_ORDER if v in order] + (["ungrounded"] if "ungrounded" in order else [])
    assert order == ranked and order[0] == "conflict"
    assert "a_source.txt says 2025-03-06 (Thursday); b_source.txt says 2025-03-05 (Wednesday)" in text
    assert "[attributed to Ida Sand]" in text
    assert text.endswith("\n")


def test_has_conflicts_levels() -> None:
    report = _report()
    assert report.has_conflicts("conflict") and report.has_conflicts("misquote") and report.has_conflicts("any")
    assert not report.has_conflicts("none")
    only_misquote = report.model_copy(update={"findings": [f for f in report.findings if f.verdict == "misquote"]})
    assert not only_misquote.has_conflicts("conflict") and only_misquote.has_conflicts("misquote")
    clean = Report()
    assert not clean.has_conflicts("any")
    assert Report(failed_sources=["x.txt"], complete=False).has_conflicts("any")
    with pytest.raises(ValueError, match="unknown fail-on"):
        report.has_conflicts("sometimes")


def test_failed_sources_accept_names_and_objects() -> None:
    report = Report(complete=False, failed_sources=["b.txt", {"name": "a.txt", "reason": "timeout"}])
    data = json.loads(report.to_json())
    assert data["failed_sources"] == [{"name": "b.txt", "reason": None}, {"name": "a.txt", "reason": "timeout"}]
    assert "INCOMPLETE" in to_text(report)


def test_models_forbid_unknown_keys() -> None:
    with pytest.raises(ValidationError):
        RunInfo(model_calls=1, tokens=3)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Evidence(text="x", start=0, end=1, line=3)  # type: ignore[call-arg]
    value = FindingValue(
        source="a",
        value="v",
        normalized="v",
        attribution=Attribution(source_type="outlet", name=None),
        modality="happened",
        evidence=Evidence(text="v", start=0, end=1),
    )
    with pytest.raises(ValidationError):
        Finding(
            id="x",
            fact="f",
            kind="role",
            verdict="maybe",  # type: ignore[arg-type]
            severity="high",
            rule="r",
            explanation="e",
            values=[value],
        )
