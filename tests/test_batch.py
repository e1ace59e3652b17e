"""The Batch API path, end to end against a local stub of its endpoints (tests/batch_stub.py).

The same answers served live and through batch jobs must give the same report; a job can be
resumed by id; requests a job failed or let expire are asked live, or the report names their source.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_stub import BatchStub, batch_stub
from rate_story import answer, write_story
from reliability_support import assert_clean_exit, run_cli, shrink_retries


@pytest.fixture
def stub() -> Iterator[BatchStub]:
    yield from batch_stub(answer)


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-batch")
    monkeypatch.setenv("CHECKER_BATCH_POLL", "0")


def _check(stub: BatchStub, paths: list[str], cache: Path, *extra: str) -> Any:
    return run_cli(
        "check",
        *paths,
        "--extractor",
        "llm",
        "--base-url",
        stub.base_url,
        "--align",
        "model",
        "--format",
        "json",
        "--cache-dir",
        str(cache),
        *extra,
    )


def _without_spend(report: dict[str, Any]) -> str:
    copy = json.loads(json.dumps(report))
    del copy["run"]["spend"]
    return json.dumps(copy, indent=2, ensure_ascii=False)


def _live(stub: BatchStub, paths: list[str], tmp_path: Path) -> dict[str, Any]:
    result = _check(stub, paths, tmp_path / "live-cache")
    assert_clean_exit(result, 1)
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_a_batch_run_reports_exactly_what_a_live_run_does_at_the_batch_price(stub: BatchStub, tmp_path: Path) -> None:
    paths = write_story(tmp_path)
    live = _live(stub, paths, tmp_path)
    live_bodies = list(stub.live)
    stub.live.clear()

    result = _check(stub, paths, tmp_path / "batch-cache", "--batch")
    assert_clean_exit(result, 1)
    batched = json.loads(result.stdout)
    assert stub.live == []  # every answer came through the jobs
    # The requests are those of the live path, byte for byte: extraction's job, then alignment's.
    sent = [line["body"] for upload in stub.uploads for line in upload]
    assert sorted(map(json.dumps, sent)) == sorted(map(json.dumps, live_bodies))
    assert all(line["url"] == "/v1/chat/completions" and line["method"] == "POST" for u in stub.uploads for line in u)
    assert [len(upload) for upload in stub.uploads] == [2, 1]
    assert not any(b"sk-test-batch" in data for data in stub.files.values())  # the key is in no file
    # The report is the live one; only its account differs, and says why.
    assert _without_spend(batched) == _without_spend(live)
    spend, live_spend = batched["run"]["spend"], live["run"]["spend"]
    assert (spend["mode"], spend["price"]["factor"], spend["batch_jobs"]) == ("batch", 0.5, ["batch_1", "batch_2"])
    assert [s["calls"] for s in spend["stages"]] == [s["calls"] for s in live_spend["stages"]] == [2, 1]
    assert spend["cost_usd"] == pytest.approx(live_spend["cost_usd"] / 2, abs=2e-6)
    assert "batch batch_1: submitted 2 request(s); resume with --batch-id batch_1" in result.stderr
    assert "batch batch_1: completed, 2/2 done" in result.stderr

    # The answers are cached like live ones: a re-run sends nothing, in batch or live.
    again = _check(stub, paths, tmp_path / "batch-cache", "--batch")
    assert_clean_exit(again, 1)
    assert len(stub.uploads) == 2 and stub.live == []


def test_a_job_is_resumed_by_id_after_the_run_that_sent_it_died(
    stub: BatchStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shrink_retries(monkeypatch)
    paths = write_story(tmp_path)
    live = _live(stub, paths, tmp_path)
    stub.live.clear()
    stub.fail_retrieves = 3  # polling fails after every retry: the run ends, the job goes on
    cache = tmp_path / "batch-cache"
    died = _check(stub, paths, cache, "--batch")
    assert_clean_exit(died, 3, "Batch API returned HTTP 500")
    assert "resume with --batch-id batch_1" in died.stderr and died.stdout == ""

    resumed = _check(stub, paths, cache, "--batch-id", "batch_1")
    assert_clean_exit(resumed, 1)
    assert len(stub.uploads) == 2  # the first job's file, then alignment's: extraction was not sent again
    assert stub.live == []
    report = json.loads(resumed.stdout)
    assert _without_spend(report) == _without_spend(live)
    assert report["run"]["spend"]["batch_jobs"] == ["batch_1", "batch_2"]


def test_requests_a_job_let_expire_are_asked_live(stub: BatchStub, tmp_path: Path) -> None:
    paths = write_story(tmp_path)
    live = _live(stub, paths, tmp_path)
    stub.live.clear()
    stub.ending = "expired"  # each job answers only the first half of its requests
    result = _check(stub, paths, tmp_path / "batch-cache", "--batch")
    assert_clean_exit(result, 1)
    assert "batch batch_1: expired, 1/2 done, 1 failed" in result.stderr
    assert "batch: 1 request(s) asked live instead (batch_expired: This request could not be executed" in result.stderr
    # One extraction and the one alignment request (its job answered none) went live.
    assert len(stub.live) == 2
    report = json.loads(result.stdout)
    assert report["complete"] is True and _without_spend(report) == _without_spend(live)
    assert [s["calls"] for s in report["run"]["spend"]["stages"]] == [2, 1]


def test_a_request_neither_the_job_nor_the_live_retry_answers_fails_its_source(
    stub: BatchStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shrink_retries(monkeypatch)
    paths = write_story(tmp_path)
    stub.ending = "expired"
    stub.live_fails = True
    result = _check(stub, paths, tmp_path / "cache", "--batch", "--align", "rules")
    assert_clean_exit(result, 3, "report is incomplete; failed: b.txt")
    report = json.loads(result.stdout)
    assert report["complete"] is False and [f["name"] for f in report["failed_sources"]] == ["b.txt"]
    assert [s["name"] for s in report["sources"]] == ["a.txt"]  # the job's answer is kept


def test_extract_batch_writes_the_claims_files_a_live_run_writes(stub: BatchStub, tmp_path: Path) -> None:
    paths = write_story(tmp_path)
    common = ("--extractor", "llm", "--base-url", stub.base_url)
    live = run_cli("extract", *paths, *common, "-o", str(tmp_path / "live"), "--cache-dir", str(tmp_path / "c1"))
    assert_clean_exit(live, 0)
    batched = run_cli(
        "extract", *paths, *common, "-o", str(tmp_path / "batch"), "--cache-dir", str(tmp_path / "c2"), "--batch"
    )
    assert_clean_exit(batched, 0)
    assert len(stub.uploads) == 1 and len(stub.uploads[0]) == 2
    for name in ("a.txt.json", "b.txt.json"):
        assert (tmp_path / "batch" / name).read_bytes() == (tmp_path / "live" / name).read_bytes()
