"""Model-assisted alignment: the model's groups meet claims the rules cannot, they are checked before
use, they decide for the claims they hold, a failed request costs only its own groups, and the
report is the same whatever order the claims come in."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openai.lib._pydantic import to_strict_json_schema
from openai_stub import PATH, completion, json_response, user_text
from pytest_httpserver import HTTPServer
from rate_story import alignment, extraction, is_alignment, write_story
from reconcile_cases.builders import Article, count, ev, lasted
from reliability_support import assert_clean_exit, run_cli
from schema_support import assert_strict_compatible, undescribed
from werkzeug import Request, Response

from checker.align import alignment_from, apply
from checker.reconcile import Alignment, reconcile
from checker.reconcile.identity import Batch, batches
from checker.schema import SourceClaims
from checker.schema.alignment import AlignmentAnswer, AlignmentGroup
from checker.schema.convert import from_v1, load_claims

CUTS = ev("restructuring", "Acme Corp")


def _story() -> list[SourceClaims]:
    """Two articles name one figure differently ("jobs cut" / "layoffs") and disagree on it; a
    duration both name the same way agrees."""
    a = Article("a.txt", dt.date(2026, 4, 16))
    a.add("Acme cut 1,200 jobs.", count("1,200 jobs", "jobs cut", "1,200", event=CUTS))
    a.add("The meeting lasted two hours.", lasted("two hours", CUTS, "two hours"))
    b = Article("b.txt", dt.date(2026, 4, 16))
    b.add("Acme announced 1,500 layoffs.", count("1,500 layoffs", "layoffs", "1,500", event=CUTS))
    b.add("The meeting lasted two hours.", lasted("two hours", CUTS, "two hours"))
    return [from_v1(a.build()), from_v1(b.build())]


def _ids(batch: Batch, *phrases: str) -> list[str]:
    """The ids of the request's claims whose line holds one of the phrases."""
    lines = batch.text.splitlines()
    return [line.split(" ", 1)[0] for line in lines if line.startswith("s") and any(p in line for p in phrases)]


def _alignment(sources: list[SourceClaims], *groups: tuple[str, ...]) -> Alignment:
    """What a model answering ``groups`` (each: phrases of its claims' lines) makes of the story."""
    work = batches(sources)
    answers = [
        AlignmentAnswer(
            groups=[AlignmentGroup(label=" / ".join(g), claims=ids) for g in groups if len(ids := _ids(batch, *g)) > 1]
        )
        for batch in work
    ]
    return alignment_from(work, answers, how="align_claims.v1 (test)")


def test_the_alignment_schema_is_strict_compatible_and_described() -> None:
    schema = to_strict_json_schema(AlignmentAnswer)
    assert_strict_compatible(schema)
    assert undescribed(schema) == []


def _quantities(report: Any) -> list[tuple[str, str, str]]:
    return sorted((f.verdict, f.aligned_by, ",".join(sorted({v.source for v in f.values})))
                  for f in report.findings if f.kind == "quantity")  # fmt: skip


def test_rules_alone_leave_differently_named_figures_apart() -> None:
    assert _quantities(reconcile(_story())) == [
        ("single_source", "rules", "a.txt"),
        ("single_source", "rules", "b.txt"),
    ]


def test_the_models_group_makes_them_one_fact_and_the_finding_says_so() -> None:
    story = _story()
    report = reconcile(story, _alignment(story, ("jobs cut", "layoffs")))
    assert _quantities(report) == [("conflict", "model", "a.txt,b.txt")]
    conflict = next(f for f in report.findings if f.kind == "quantity")
    assert conflict.fact == "jobs cut / layoffs"  # the model's label
    assert conflict.rule == "quantity.disjoint_intervals"
    assert report.run.alignment == "align_claims.v1 (test)"


def test_a_group_of_one_known_claim_is_no_group() -> None:
    story = _story()
    batch = next(b for b in batches(story) if b.kind == "quantity")
    (first,) = _ids(batch, "jobs cut")
    groups: dict[tuple[str, int], tuple[str, str]] = {}
    answer = AlignmentAnswer(
        groups=[
            AlignmentGroup(label="unknown ids", claims=[first, "s9.9", " s7.1 "]),
            AlignmentGroup(label="  spaced\n label ", claims=[first, *_ids(batch, "layoffs")]),
            AlignmentGroup(label="again", claims=[first, *_ids(batch, "layoffs")]),
        ]
    )
    apply(batch, answer, groups)
    assert sorted(label for _group, label in groups.values()) == ["spaced label", "spaced label"]
    assert len({group for group, _label in groups.values()}) == 1  # an id stays in its first group


def _three_meetings() -> list[SourceClaims]:
    """Three lengths the rules file under one fact; the third article's is of another sitting."""
    story = _story()
    c = Article("c.txt", dt.date(2026, 4, 16))
    c.add("The meeting lasted three hours.", lasted("three hours", CUTS, "three hours"))
    return [*story, from_v1(c.build())]


def _meetings_of_a_and_b(story: list[SourceClaims]) -> Alignment:
    """A model's answer that groups a.txt's and b.txt's lengths and leaves c.txt's out."""
    batch = next(b for b in batches(story) if b.kind == "duration")
    ids = [claim_id for claim_id, ref in batch.refs.items() if ref[0] in ("a.txt", "b.txt")]
    answer = AlignmentAnswer(groups=[AlignmentGroup(label="the first sitting", claims=ids)])
    return alignment_from([batch], [answer], how="test")


def test_a_claim_the_model_grouped_is_not_pulled_into_its_rule_fact() -> None:
    story = _three_meetings()
    assert [f.verdict for f in reconcile(story).findings if f.kind == "duration"] == ["conflict"]
    aligned = reconcile(story, _meetings_of_a_and_b(story))
    durations = sorted((f.verdict, f.aligned_by, len(f.values)) for f in aligned.findings if f.kind == "duration")
    assert durations == [("agree", "model", 2), ("single_source", "rules", 1)]


def test_the_rules_join_what_the_model_saw_in_separate_requests() -> None:
    """A long story is cut into requests; the model cannot group across them, the rules still do."""
    story = _three_meetings()
    parts = [b for b in batches(story, max_lines=1) if b.kind == "duration"]
    assert len(parts) == 2
    answers = [AlignmentAnswer(groups=[AlignmentGroup(label="sitting", claims=list(batch.refs))]) for batch in parts]
    aligned = reconcile(story, alignment_from(parts, answers, how="test"))
    assert [(f.verdict, len(f.values)) for f in aligned.findings if f.kind == "duration"] == [("conflict", 3)]


SEED_CLAIMS = sorted((Path(__file__).parent.parent / "fixtures" / "claims" / "seeds").glob("*.json"))


def _seed_story() -> list[SourceClaims]:
    return [load_claims(json.loads(path.read_text(encoding="utf-8"))) for path in SEED_CLAIMS]


def _look_alike_model(sources: list[SourceClaims]) -> Alignment:
    """A stand-in for the model that needs no answers on file: in each request, the claims whose
    identity lines read the same (after their ids) are one group. Like a model's answer it depends
    only on the request, which is built from the claims in their canonical order."""
    work = batches(sources)
    answers = []
    for batch in work:
        by_line: dict[str, list[str]] = {}
        for line in batch.text.splitlines():
            if line.startswith("s") and " " in line:
                claim_id, rest = line.split(" ", 1)
                if claim_id in batch.refs:
                    by_line.setdefault(rest, []).append(claim_id)
        groups = [AlignmentGroup(label=rest[:40], claims=ids) for rest, ids in sorted(by_line.items()) if len(ids) > 1]
        answers.append(AlignmentAnswer(groups=groups))
    return alignment_from(work, answers, how="look-alike")


def _shuffled(story: list[SourceClaims], rng: random.Random) -> list[SourceClaims]:
    out = []
    for source in rng.sample(story, len(story)):
        claims, entities, events = list(source.claims), list(source.entities), list(source.events)
        for part in (claims, entities, events):
            rng.shuffle(part)
        out.append(source.model_copy(update={"claims": claims, "entities": entities, "events": events}))
    return out


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_any_order_of_sources_claims_and_inventory_gives_the_same_bytes_with_model_alignment(
    rng: random.Random,
) -> None:
    story = _seed_story()
    alignment = _look_alike_model(story)
    assert alignment.groups  # the property is about something
    expected = reconcile(story, alignment).to_json()
    shuffled = _shuffled(story, rng)
    # the same answers replayed (from the cache, a cassette) fit any order: claims are named canonically
    assert reconcile(shuffled, alignment).to_json() == expected
    # and the requests themselves do not depend on the order, so a model asked again sees the same
    assert reconcile(shuffled, _look_alike_model(shuffled)).to_json() == expected


# --- through the CLI, against a local server ------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    with HTTPServer(host="127.0.0.1", port=0, threaded=True) as httpserver:
        yield httpserver


def _serve(server: HTTPServer, align: str) -> list[str]:
    """Extractions always; alignment requests answered with one group, a 500, or junk."""
    seen: list[str] = []

    def handle(request: Request) -> Response:
        body = json.loads(request.get_data())
        user = user_text(request)
        seen.append("align" if is_alignment(user) else "extract")
        if not is_alignment(user):
            return json_response(completion(extraction(user)))
        if align == "fail":
            return json_response({"error": {"message": "overloaded"}}, status=500)
        assert body["response_format"]["type"] in ("json_schema", "json_object")
        return json_response(completion(alignment(user)))

    server.expect_request(PATH, method="POST").respond_with_handler(handle)
    return seen


def _check(server: HTTPServer, tmp_path: Path, *extra: str) -> tuple[Any, dict[str, Any]]:
    result = run_cli(
        "check",
        *write_story(tmp_path),
        *("--extractor", "llm", "--base-url", server.url_for("/v1"), "--format", "json"),
        *("--cache-dir", str(tmp_path / "cache"), *extra),
    )
    return result, json.loads(result.stdout) if result.stdout.strip() else {}


def test_check_aligns_with_the_model_by_default_when_the_model_extracted(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    seen = _serve(server, "answer")
    result, report = _check(server, tmp_path, "--align", "auto")
    assert_clean_exit(result, 1)  # the figures conflict
    assert seen.count("align") == 1
    assert report["run"]["alignment"].startswith("align_claims.v1 (")
    (finding,) = [f for f in report["findings"] if f["kind"] == "quantity"]
    assert (finding["verdict"], finding["aligned_by"], finding["fact"]) == (
        "conflict",
        "model",
        "size of the rate rise",
    )
    _, report_again = _check(server, tmp_path, "--align", "auto")  # the answer is cached
    assert seen.count("align") == 1 and report_again["findings"] == report["findings"]
    assert report_again["run"]["cache_hits"] == 3


def test_rules_alignment_makes_no_alignment_request(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    seen = _serve(server, "answer")
    result, report = _check(server, tmp_path, "--align", "rules")
    assert_clean_exit(result, 0)
    assert "align" not in seen and report["run"]["alignment"] == "rules"


def test_a_failed_alignment_request_leaves_the_rules_and_says_so(
    server: HTTPServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("CHECKER_MAX_ATTEMPTS", "2")
    monkeypatch.setenv("CHECKER_BACKOFF_MAX", "0")
    _serve(server, "fail")
    result, report = _check(server, tmp_path, "--align", "model")
    assert_clean_exit(result, 0)  # a report, complete, aligned by the rules
    assert report["complete"] is True
    assert "1 of 1 request(s) failed, their claims aligned by rules" in report["run"]["alignment"]
    assert any(line.startswith("checker: warning: alignment:") for line in result.stderr.splitlines())
    assert {f["aligned_by"] for f in report["findings"]} == {"rules"}


def test_align_model_without_a_model_is_a_one_line_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    a_txt, _ = write_story(tmp_path)
    result = run_cli("check", a_txt, "--extractor", "offline", "--align", "model")
    assert_clean_exit(result, 2, "--align model needs a model")
