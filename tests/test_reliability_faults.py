"""Model and API faults through the whole CLI, served by real servers on 127.0.0.1.

``checker check a.txt b.txt --extractor llm --format json`` runs in-process with OPENAI_BASE_URL pointing
at a local server that answers a.txt correctly and injects one fault into b.txt's requests. Each fault
ends either in success after a retry or re-ask (exit 1: the planted weekday conflict is found, the
report is complete) or in exit 3 with one ``checker: error:`` line naming b.txt, while the report still
holds a.txt's results, says ``complete: false`` and names b.txt in ``failed_sources``. The cache is
inspected after every run: it only ever holds validated answers.

The client-level behaviour of each fault (attempt counts, re-ask messages) is proven in test_llm.py;
these tests prove what a user of the CLI sees.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from openai_stub import PATH, claims_json, completion, empty_answer, json_response
from pytest_httpserver import HTTPServer
from reliability_support import (
    ARTICLE_A,
    ARTICLE_B,
    EVIDENCE_A,
    EVIDENCE_B,
    GOOD_A,
    GOOD_B,
    RawServer,
    assert_clean_exit,
    cache_entries,
    event_time_claim,
    fast_retries,  # noqa: F401  (fixture)
    http_response,
    run_cli,
    shrink_retries,
    user_content,
    write_articles,
)
from werkzeug import Request, Response

from checker.extract import ExtractOptions, extract_sources
from checker.llm import LLMSettings
from checker.schema import ExtractionAnswer
from checker.sources import Source

LONG_B = ARTICLE_B + "Filler words about the weather and the markets. " * 12 + "PADDING-END\n"
RESULT_A = ExtractionAnswer.model_validate_json(GOOD_A)
RESULT_B = ExtractionAnswer.model_validate_json(GOOD_B)
EMPTY = empty_answer()

Fault = Callable[[], Response]


def answer_from_text(user: str) -> dict[str, Any]:
    """A correct answer for any chunk: the claims whose evidence the chunk contains."""
    claims = [
        event_time_claim(evidence, weekday)
        for evidence, weekday in ((EVIDENCE_A, "Wednesday"), (EVIDENCE_B, "Thursday"))
        if evidence in user
    ]
    return completion(claims_json(*claims))


def error(status: int, headers: dict[str, str] | None = None) -> Fault:
    return lambda: json_response({"error": {"message": f"injected {status}"}}, status=status, headers=headers)


def body(data: str, content_type: str) -> Fault:
    return lambda: Response(data, status=200, content_type=content_type)


def answer(payload: dict[str, Any]) -> Fault:
    return lambda: json_response(payload)


SCHEMA_VIOLATION = completion(json.dumps({"claims": [{"kind": "event_time", "weekday": "Someday"}]}))
REFUSAL = completion(None, refusal="I can't help with that.")
EMPTY_CHOICES = completion(None, choices=False)
LENGTH = completion('{"claims": [', finish_reason="length")

# Faults that end fast with the CLI's real retry policy (5 attempts, backoff from 1 s): not retried
# (4xx), re-asked (bad answers, 2 re-asks) or retried without waiting (Retry-After: 0).
PERSISTENT_FAST: dict[str, tuple[Fault, str]] = {
    "429 Retry-After: 0": (error(429, {"Retry-After": "0"}), "HTTP 429 after 5 attempt(s)"),
    "503 Retry-After: 0": (error(503, {"Retry-After": "0"}), "HTTP 503 after 5 attempt(s)"),
    "400": (error(400), "HTTP 400 after 1 attempt(s)"),
    "401": (error(401), "HTTP 401 after 1 attempt(s)"),
    "200, HTML body": (body("<html><body>Bad gateway</body></html>", "text/html"), "not valid JSON"),
    "200, JSON content type, body not JSON": (body("upstream error", "application/json"), "not valid JSON"),
    "200, JSON but not a completion": (answer({"detail": "ok"}), "no usable answer"),
    "schema violation": (answer(SCHEMA_VIOLATION), "did not match the schema"),
    "refusal": (answer(REFUSAL), "refused"),
    "empty choices": (answer(EMPTY_CHOICES), "no choices"),
    "finish_reason=length": (answer(LENGTH), "length limit"),
}

# Faults the real policy only gives up on after ~15 s of backoff (or 5 x 120 s of timeouts): run with
# the ``fast_retries`` fixture (3 attempts, 10 ms backoff, 0.5 s timeout).
PERSISTENT_SLOW: dict[str, tuple[Fault, str]] = {
    "429 without Retry-After": (error(429), "HTTP 429 after 3 attempt(s)"),
    "500": (error(500), "HTTP 500 after 3 attempt(s)"),
    "502": (error(502), "HTTP 502 after 3 attempt(s)"),
    "503": (error(503), "HTTP 503 after 3 attempt(s)"),
}


@pytest.fixture(scope="module")
def threaded_server() -> Iterator[HTTPServer]:
    with HTTPServer(host="127.0.0.1", port=0, threaded=True) as httpserver:
        yield httpserver


@pytest.fixture
def server(threaded_server: HTTPServer) -> Iterator[HTTPServer]:
    """One threaded server per module (stopping one takes 0.5 s), cleared around each test."""
    threaded_server.clear()
    yield threaded_server
    threaded_server.clear()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch working directory, so no configuration file of the repository is picked up."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def serve(server: HTTPServer, fault: Fault | None, *, times: int | None = None, on: str = "Thursday") -> list[str]:
    """a.txt is always answered correctly; requests containing ``on`` get ``fault`` (``times`` times, or always)."""
    seen: list[str] = []
    lock = threading.Lock()

    def handle(request: Request) -> Response:
        user = user_content(json.loads(request.get_data()))
        with lock:
            seen.append(user)
            hits = sum(on in u for u in seen)
        if fault is not None and on in user and (times is None or hits <= times):
            return fault()
        return json_response(answer_from_text(user))

    server.expect_request(PATH, method="POST").respond_with_handler(handle)
    return seen


def check(base_url: str, workdir: Path, *extra: str, b_text: str = ARTICLE_B) -> tuple[Any, dict[str, Any]]:
    a, b = write_articles(workdir, b_text)
    result = run_cli(
        "check", str(a), str(b), "--extractor", "llm", "--format", "json", "--cache-dir", str(workdir / "cache"), *extra
    )
    report = json.loads(result.stdout) if result.stdout.strip() else {}
    return result, report


def assert_b_failed_a_kept(result: Any, report: dict[str, Any], workdir: Path, fragment: str) -> None:
    assert_clean_exit(result, 3, "b.txt", fragment)
    assert report["complete"] is False
    assert [f["name"] for f in report["failed_sources"]] == ["b.txt"]
    assert fragment in report["failed_sources"][0]["reason"]
    assert [s["name"] for s in report["sources"]] == ["a.txt"]
    values = [v["value"] for f in report["findings"] if f["kind"] == "event_time" for v in f["values"]]
    assert values == ["on Wednesday"]
    assert cache_entries(workdir / "cache") == [RESULT_A]  # never b.txt's failure


def assert_recovered(result: Any, report: dict[str, Any], workdir: Path) -> None:
    assert_clean_exit(result, 1)
    assert report["complete"] is True and report["failed_sources"] == []
    conflicts = [f for f in report["findings"] if f["verdict"] == "conflict"]
    assert len(conflicts) == 1
    assert sorted(v["value"] for v in conflicts[0]["values"]) == ["on Thursday", "on Wednesday"]
    entries = cache_entries(workdir / "cache")
    assert RESULT_A in entries and RESULT_B in entries


@pytest.mark.parametrize("name", list(PERSISTENT_FAST))
def test_persistent_fault_fails_only_that_source(
    name: str, server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fault, fragment = PERSISTENT_FAST[name]
    serve(server, fault)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    result, report = check(server.url_for("/v1"), workdir)
    assert_b_failed_a_kept(result, report, workdir, fragment)


@pytest.mark.parametrize("name", list(PERSISTENT_SLOW))
@pytest.mark.usefixtures("fast_retries")
def test_persistent_server_error_gives_up_after_bounded_retries(
    name: str, server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fault, fragment = PERSISTENT_SLOW[name]
    serve(server, fault)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    result, report = check(server.url_for("/v1"), workdir)
    assert_b_failed_a_kept(result, report, workdir, fragment)


RECOVER_FAST: dict[str, Fault] = {
    "429 Retry-After: 0": error(429, {"Retry-After": "0"}),
    "503 Retry-After: 0": error(503, {"Retry-After": "0"}),
    "200, HTML body": body("<html><body>Bad gateway</body></html>", "text/html"),
    "200, JSON content type, body not JSON": body("upstream error", "application/json"),
    "schema violation": answer(SCHEMA_VIOLATION),
    "refusal": answer(REFUSAL),
    "empty choices": answer(EMPTY_CHOICES),
}


@pytest.mark.parametrize("name", list(RECOVER_FAST))
def test_fault_once_then_success(name: str, server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = serve(server, RECOVER_FAST[name], times=1)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    result, report = check(server.url_for("/v1"), workdir)
    assert_recovered(result, report, workdir)
    assert sum("Thursday" in u for u in seen) == 2


def test_server_error_once_with_the_real_backoff(
    server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One 503 without Retry-After: the CLI's default policy waits 1-2 s and succeeds."""
    seen = serve(server, error(503), times=1)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    result, report = check(server.url_for("/v1"), workdir)
    assert_recovered(result, report, workdir)
    assert sum("Thursday" in u for u in seen) == 2


@pytest.mark.parametrize("name", ["429 without Retry-After", "500", "502"])
@pytest.mark.usefixtures("fast_retries")
def test_server_error_once_then_success(
    name: str, server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve(server, PERSISTENT_SLOW[name][0], times=1)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    result, report = check(server.url_for("/v1"), workdir)
    assert_recovered(result, report, workdir)


def test_length_limit_is_split_and_recovered(
    server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cut-off answer for a long article: the chunk is split in two and each half asked again."""
    seen = serve(server, answer(LENGTH), on="productive.\n[3] Filler")  # only the whole article spans the cut
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    result, report = check(server.url_for("/v1"), workdir, b_text=LONG_B)
    assert_recovered(result, report, workdir)
    assert sum("Thursday" in u for u in seen) == 2  # the whole article (cut off), then the first half
    assert sum("PADDING-END" in u for u in seen) == 2  # the whole article, then the second half
    # Only the halves' answers are cached, never the cut-off one.
    assert sorted(map(str, cache_entries(workdir / "cache"))) == sorted(map(str, [RESULT_A, RESULT_B, EMPTY]))


# --- below HTTP: timeouts, resets, silence ---------------------------------------


def test_read_timeout_persistent(server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def slow() -> Response:
        release.wait(3.0)
        return json_response(completion(GOOD_B))

    serve(server, slow)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    shrink_retries(monkeypatch)
    try:
        result, report = check(server.url_for("/v1"), workdir)
    finally:
        release.set()
    assert_b_failed_a_kept(result, report, workdir, "timed out after 3 attempt(s)")


def test_read_timeout_once_then_success(server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def slow() -> Response:
        release.wait(3.0)
        return json_response(completion(GOOD_B))

    serve(server, slow, times=1)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    shrink_retries(monkeypatch)
    try:
        result, report = check(server.url_for("/v1"), workdir)
    finally:
        release.set()
    assert_recovered(result, report, workdir)


def _raw(action_for_b: str, *, times: int | None = None) -> Callable[[int, dict[str, Any]], Any]:
    count = {"b": 0}
    lock = threading.Lock()

    def behave(_index: int, request: dict[str, Any]) -> Any:
        user = user_content(request)
        if "Thursday" in user:
            with lock:
                count["b"] += 1
                n = count["b"]
            if times is None or n <= times:
                return action_for_b
        return http_response(answer_from_text(user))

    return behave


@pytest.mark.parametrize(
    ("action", "fragment"),
    [
        ("reset", "cannot reach the model API after 3 attempt(s)"),
        ("close", "cannot reach the model API after 3 attempt(s)"),
        ("hang", "timed out after 3 attempt(s)"),
    ],
)
def test_connection_faults_persistent(
    action: str, fragment: str, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A connection reset (RST), a server that closes without answering, a server that never answers."""
    shrink_retries(monkeypatch)
    with RawServer(_raw(action)) as raw:
        monkeypatch.setenv("OPENAI_BASE_URL", raw.base_url)
        result, report = check(raw.base_url, workdir)
        tried = sum("Thursday" in user_content(r) for r in raw.requests)
    assert_b_failed_a_kept(result, report, workdir, fragment)
    assert tried == 3
    assert not report["failed_sources"][0]["reason"].endswith(": ")  # the reason says what went wrong


@pytest.mark.parametrize("action", ["reset", "close", "hang"])
def test_connection_fault_once_then_success(action: str, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shrink_retries(monkeypatch)
    with RawServer(_raw(action, times=1)) as raw:
        monkeypatch.setenv("OPENAI_BASE_URL", raw.base_url)
        result, report = check(raw.base_url, workdir)
    assert_recovered(result, report, workdir)


def test_nothing_listening_is_exit_3(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """OPENAI_BASE_URL points at a port where nothing listens (port 9, discard, is closed here)."""
    shrink_retries(monkeypatch)
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    result, report = check("http://127.0.0.1:9/v1", workdir)
    assert_clean_exit(result, 3, "a.txt, b.txt", "cannot reach the model API")
    assert report["complete"] is False
    assert [f["name"] for f in report["failed_sources"]] == ["a.txt", "b.txt"]
    assert not (workdir / "cache").exists() or cache_entries(workdir / "cache") == []


# --- the other commands ------------------------------------------------------------


def test_extract_writes_the_good_source_and_names_the_failed_one(
    server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    serve(server, error(400))
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    a, b = write_articles(workdir)
    out = workdir / "claims"
    result = run_cli("extract", str(a), str(b), "--extractor", "llm", "-o", str(out), "--cache-dir", str(workdir / "c"))
    assert_clean_exit(result, 3, "extraction failed for b.txt", "HTTP 400")
    assert sorted(p.name for p in out.iterdir()) == ["a.txt.json"]
    assert cache_entries(workdir / "c") == [RESULT_A]


def test_text_report_says_incomplete(server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serve(server, error(400))
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    a, b = write_articles(workdir)
    result = run_cli("check", str(a), str(b), "--extractor", "llm", "--cache-dir", str(workdir / "c"))
    assert_clean_exit(result, 3, "report is incomplete; failed: b.txt")
    assert "INCOMPLETE: failed sources: b.txt" in result.stdout


def test_failed_source_is_retried_on_the_next_run_and_the_good_one_comes_from_cache(
    server: HTTPServer, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing of the failure is remembered: the next run asks again for b.txt only."""
    seen = serve(server, error(400), times=1)
    monkeypatch.setenv("OPENAI_BASE_URL", server.url_for("/v1"))
    first, _ = check(server.url_for("/v1"), workdir)
    assert first.exit_code == 3
    second, report = check(server.url_for("/v1"), workdir)
    assert_recovered(second, report, workdir)
    assert report["run"]["cache_hits"] == 1 and report["run"]["model_calls"] == 1
    assert sum("Wednesday" in u for u in seen) == 1


def test_api_level_fault_in_one_chunk_keeps_the_other_sources(server: HTTPServer, tmp_path: Path) -> None:
    """The Python API path (extract_sources) with a never-answering server bounded by a 0.3 s timeout."""
    release = threading.Event()

    def slow() -> Response:
        release.wait(3.0)
        return json_response(completion(GOOD_B))

    serve(server, slow)
    settings = LLMSettings(
        model="m", base_url=server.url_for("/v1"), timeout=0.3, transport_attempts=2, backoff_initial=0.01
    )
    sources = [Source(text=ARTICLE_A, name="a.txt"), Source(text=ARTICLE_B, name="b.txt")]
    try:
        run = asyncio.run(
            extract_sources(sources, ExtractOptions(extractor="llm", llm=settings, cache_dir=tmp_path / "c"))
        )
    finally:
        release.set()
    assert not run.complete
    assert run.outcomes[0].claims is not None and run.outcomes[1].error is not None
    assert "timed out after 2 attempt(s)" in str(run.outcomes[1].error)
    assert cache_entries(tmp_path / "c") == [RESULT_A]
