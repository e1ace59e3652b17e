"""The API key never leaves the request: not in logs, output, reports, claims, cache, cassettes or errors.

Every run below uses a distinctive fake key against a local server on 127.0.0.1, which does receive it
(that is checked, so the tests cannot pass by never sending it). Then every artefact of the run is
searched for the key and its ``Bearer`` form: captured log records at DEBUG from every logger (the SDK's
and the HTTP client's included), stdout, stderr, every file under the test's directory (reports,
claims files, cache entries), and with ``--debug`` the exception itself (``str``, ``repr``,
``last_response``, the formatted traceback).
"""

from __future__ import annotations

import asyncio
import json
import logging
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openai_stub import PATH, completion, json_response
from pytest_httpserver import HTTPServer
from reliability_support import GOOD_A, GOOD_B, iter_files, run_cli, user_content, write_articles
from werkzeug import Request, Response

KEY = "sk-test-SECRET-canary-0123456789"
FORMS = (KEY, f"Bearer {KEY}", "SECRET-canary")

Answer = Callable[[Request, int], Response]


def ok(request: Request, _n: int) -> Response:
    user = user_content(json.loads(request.get_data()))
    return json_response(completion(GOOD_B if "Thursday" in user else GOOD_A))


def echo_key(status: int) -> Answer:
    """A proxy that quotes the credential it rejected (LiteLLM-style 'Received API Key = ...')."""

    def answer(request: Request, _n: int) -> Response:
        received = request.headers.get("Authorization", "")
        return json_response(
            {"error": {"message": f"Invalid proxy server token passed. Received API Key = {received}"}},
            status=status,
            headers={"Retry-After": "0"},
        )

    return answer


def error(status: int) -> Answer:
    return lambda _r, _n: json_response(
        {"error": {"message": f"injected {status}"}}, status=status, headers={"Retry-After": "0"}
    )


def reask_once(request: Request, n: int) -> Response:
    if n == 1:
        return json_response(completion('{"claims": "not a list"}'))
    return ok(request, n)


def length(_request: Request, _n: int) -> Response:
    return json_response(completion('{"claims": [', finish_reason="length"))


MODES: dict[str, tuple[Answer, int]] = {
    "success": (ok, 1),
    "401 echoing the key": (echo_key(401), 3),
    "500 echoing the key": (echo_key(500), 3),
    "400": (error(400), 3),
    "503": (error(503), 3),
    "re-ask then success": (reask_once, 1),
    "length": (length, 3),
}


@pytest.fixture
def keyed(
    httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> Path:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("OPENAI_BASE_URL", httpserver.url_for("/v1"))
    monkeypatch.chdir(tmp_path)
    caplog.set_level(logging.DEBUG)
    for name in ("openai", "httpx2", "httpcore", "httpcore2", "checker", "tenacity"):
        caplog.set_level(logging.DEBUG, logger=name)
    return tmp_path


def serve(httpserver: HTTPServer, answer: Answer) -> None:
    count = {"n": 0}

    def handle(request: Request) -> Response:
        count["n"] += 1
        assert request.headers.get("Authorization") == f"Bearer {KEY}"  # the key does reach the server
        return answer(request, count["n"])

    httpserver.expect_request(PATH, method="POST").respond_with_handler(handle)


def artefacts(directory: Path, result: Any, caplog: pytest.LogCaptureFixture) -> dict[str, str]:
    found = {
        "stdout": result.stdout,
        "stderr": result.stderr,
        "logs": caplog.text + "\n".join(f"{r.name} {r.getMessage()} {r.args!r}" for r in caplog.records),
    }
    for path in iter_files(directory):
        found[str(path.relative_to(directory))] = path.read_bytes().decode("utf-8", "replace")
    exc = result.exception
    if exc is not None and not isinstance(exc, SystemExit):
        found["exception"] = "\n".join(
            [str(exc), repr(exc), str(getattr(exc, "last_response", "")), *traceback.format_exception(exc)]
        )
    return found


def assert_no_key(found: dict[str, str]) -> None:
    for where, text in found.items():
        for form in FORMS:
            assert form not in text, f"{form!r} leaked into {where}"


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
@pytest.mark.parametrize("mode", list(MODES))
def test_key_never_leaks_from_check_or_extract(
    mode: str, debug: bool, keyed: Path, httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    answer, code = MODES[mode]
    serve(httpserver, answer)
    a, b = write_articles(keyed)
    flags = ["--debug", "-v"] if debug else ["-v"]
    cache = str(keyed / "cache")
    check = run_cli(
        *flags,
        "check",
        str(a),
        str(b),
        "--extractor",
        "llm",
        "--format",
        "json",
        "-o",
        str(keyed / "report.json"),
        "--cache-dir",
        cache,
        "--no-cache" if code == 3 else "--concurrency=2",
    )
    extract = run_cli(
        *flags,
        "extract",
        str(a),
        str(b),
        "--extractor",
        "llm",
        "-o",
        str(keyed / "claims"),
        "--cache-dir",
        cache,
        "--no-cache",
    )
    assert len(httpserver.log) >= 2
    for result in (check, extract):
        # Per-source failures are reported (exit 3), not raised, so --debug has no traceback to show here.
        assert result.exit_code in ((0, 1) if code == 1 else (3,)), (result.exit_code, result.stderr)
        assert_no_key(artefacts(keyed, result, caplog))


@pytest.mark.parametrize("mode", [m for m, (_, code) in MODES.items() if code == 3])
def test_key_never_in_exception_text(
    mode: str, keyed: Path, httpserver: HTTPServer, caplog: pytest.LogCaptureFixture
) -> None:
    """What a caller of the API (or ``--debug``) sees of a failure: message, repr, last_response, traceback."""
    from checker.errors import CheckerError
    from checker.llm import LLMClient, LLMSettings
    from checker.prompts import DEFAULT_EXTRACT_PROMPT, render
    from checker.schema import ExtractionAnswer

    serve(httpserver, MODES[mode][0])

    async def go() -> None:
        client = LLMClient(LLMSettings.from_env(backoff_initial=0.01, transport_attempts=2))
        try:
            prompt = render(DEFAULT_EXTRACT_PROMPT, published="unknown", text="A short article.")
            await client.extract(prompt, ExtractionAnswer)
        finally:
            await client.close()

    with pytest.raises(CheckerError) as caught:
        asyncio.run(go())
    found = {
        "exception": "\n".join(
            [
                str(caught.value),
                repr(caught.value),
                str(caught.value.last_response),
                *traceback.format_exception(caught.value),
            ]
        ),
        "logs": caplog.text,
    }
    assert_no_key(found)


def test_key_never_reaches_a_cassette(keyed: Path, httpserver: HTTPServer) -> None:
    """Recording with the shared configuration (record_mode=all) scrubs authorization and x-* headers."""
    import vcr
    from cassette_config import VCR_CONFIG, configure

    serve(httpserver, ok)
    recorder = vcr.VCR(record_mode="all", cassette_library_dir=str(keyed / "cassettes"), **VCR_CONFIG)
    configure(recorder)
    a, b = write_articles(keyed)
    with recorder.use_cassette("run.yaml"):
        result = run_cli("extract", str(a), str(b), "--extractor", "llm", "-o", str(keyed / "claims"), "--no-cache")
    assert result.exit_code == 0, result.stderr
    text = (keyed / "cassettes" / "run.yaml").read_text(encoding="utf-8")
    assert text.count("/v1/chat/completions") == 2  # both exchanges were recorded
    for form in FORMS:
        assert form not in text
    lowered = text.lower()
    assert "authorization" not in lowered
    assert not [line for line in lowered.splitlines() if line.strip().startswith("x-")]
