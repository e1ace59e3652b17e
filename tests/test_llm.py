"""The model client against a real local OpenAI-compatible server: retries, re-asks, usage.

Faults are served by pytest-httpserver on 127.0.0.1, not by patching the client.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx2
import openai
import pytest
from openai_stub import PATH, claims_json, completion, duration_claim, json_response, user_text
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from checker.errors import ConfigError, ExtractionError, ModelError
from checker.extract import ExtractOptions, extract_sources
from checker.llm import LLMClient, LLMSettings, OutputTooLong, _retry_after_seconds
from checker.prompts import DEFAULT_EXTRACT_PROMPT, render
from checker.schema import ExtractionAnswer
from checker.sources import Source

ARTICLE = "Ann Lee and Bo Chan held a 90-minute phone call on Monday."
GOOD = completion(claims_json(duration_claim("a 90-minute phone call", "90-minute")))


def settings(server: HTTPServer, **overrides: object) -> LLMSettings:
    base: dict[str, object] = {
        "model": "test-model",
        "base_url": server.url_for("/v1"),
        "api_key": "sk-test-secret-0123456789abcdef",
        "backoff_initial": 0.01,
        "backoff_max": 0.05,
        "transport_attempts": 4,
        "timeout": 5.0,
    }
    base.update(overrides)
    return LLMSettings(**base)  # type: ignore[arg-type]


def run_extract(server: HTTPServer, **overrides: object) -> tuple[ExtractionAnswer, object]:
    async def go() -> tuple[ExtractionAnswer, object]:
        client = LLMClient(settings(server, **overrides))
        try:
            prompt = render(DEFAULT_EXTRACT_PROMPT, published="unknown", text=ARTICLE)
            return await client.extract(prompt, ExtractionAnswer)
        finally:
            await client.close()

    return asyncio.run(go())


def test_success_parses_and_counts_usage(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH, method="POST").respond_with_json(GOOD)
    result, usage = run_extract(httpserver)
    assert result.durations[0].value == "90-minute" and result.claim_count() == 1
    assert (usage.calls, usage.prompt_tokens, usage.completion_tokens) == (1, 100, 20)  # type: ignore[attr-defined]
    body = json.loads(httpserver.log[0][0].get_data())
    assert body["temperature"] == 0 and body["seed"] == 7
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True


@pytest.mark.parametrize(
    ("status", "headers"),
    [(429, {"Retry-After": "0"}), (429, {}), (500, {}), (502, {}), (503, {"retry-after-ms": "5"}), (408, {})],
)
def test_transient_errors_are_retried(httpserver: HTTPServer, status: int, headers: dict[str, str]) -> None:
    httpserver.expect_ordered_request(PATH).respond_with_json(
        {"error": {"message": "busy"}}, status=status, headers=headers
    )
    httpserver.expect_ordered_request(PATH).respond_with_json(GOOD)
    result, _ = run_extract(httpserver)
    assert result.claim_count() == 1
    assert len(httpserver.log) == 2


def test_persistent_5xx_gives_up_with_a_model_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_json({"error": {"message": "down"}}, status=503)
    with pytest.raises(ModelError) as caught:
        run_extract(httpserver, transport_attempts=3)
    assert caught.value.attempts == 3
    assert caught.value.exit_code == 3
    assert "HTTP 503" in str(caught.value) and "\n" not in str(caught.value)
    assert len(httpserver.log) == 3


def test_client_errors_are_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_json({"error": {"message": "bad model"}}, status=400)
    with pytest.raises(ModelError, match="HTTP 400"):
        run_extract(httpserver)
    assert len(httpserver.log) == 1


def test_read_timeout_is_retried_then_reported() -> None:
    import threading

    release = threading.Event()

    def slow(_request: Request) -> Response:
        release.wait(2.0)
        return json_response(GOOD)

    # A server of its own, so the hanging requests cannot leak into other tests' logs.
    with HTTPServer(host="127.0.0.1", port=0, threaded=True) as server:
        server.expect_request(PATH).respond_with_handler(slow)
        try:
            with pytest.raises(ModelError, match="timed out after 2 attempt"):
                run_extract(server, timeout=0.2, transport_attempts=2)
        finally:
            release.set()


def test_connection_refused_is_a_model_error() -> None:
    async def go() -> None:
        client = LLMClient(
            LLMSettings(model="m", base_url="http://127.0.0.1:9/v1", transport_attempts=2, backoff_initial=0.01)
        )
        await client.extract(render(DEFAULT_EXTRACT_PROMPT, published="unknown", text=ARTICLE), ExtractionAnswer)

    with pytest.raises(ModelError, match="cannot reach the model API after 2 attempt"):
        asyncio.run(go())


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (completion("not json at all"), "did not match the schema"),
        (completion(json.dumps({"durations": [{"value": "90-minute"}]})), "did not match the schema"),
        (completion(None, refusal="I can't help with that"), "refused"),
        (completion(None, choices=False), "no choices"),
        (completion(None), "no content"),
    ],
)
def test_unusable_answers_are_re_asked_with_the_error(
    httpserver: HTTPServer, bad: dict[str, object], reason: str
) -> None:
    httpserver.expect_ordered_request(PATH).respond_with_json(bad)
    httpserver.expect_ordered_request(PATH).respond_with_json(GOOD)
    result, usage = run_extract(httpserver)
    assert result.claim_count() == 1
    assert usage.calls == 2  # type: ignore[attr-defined]
    second = json.loads(httpserver.log[1][0].get_data())["messages"]
    assert second[-2]["role"] == "assistant"
    assert reason in second[-1]["content"]


def test_re_asks_are_bounded(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_json(completion('{"durations": "nope"}'))
    with pytest.raises(ExtractionError) as caught:
        run_extract(httpserver, reasks=2)
    assert caught.value.attempts == 3
    assert caught.value.last_response is not None and "nope" in caught.value.last_response
    assert len(httpserver.log) == 3


def test_length_limit_raises_output_too_long(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_json(completion('{"entities": [', finish_reason="length"))
    with pytest.raises(OutputTooLong):
        run_extract(httpserver)


def test_length_limit_splits_the_text_and_merges_the_halves(httpserver: HTTPServer, tmp_path: Path) -> None:
    first = "Ann Lee and Bo Chan held a 90-minute phone call on Monday. " * 6 + "\n"
    second = "Later, the call was described as lengthy by aides who were there. " * 6
    text = first + second

    def answer(request: Request) -> Response:
        chunk = user_text(request)  # the chunk as numbered sentences
        if "90-minute" in chunk and "lengthy" in chunk:
            return json_response(completion('{"entities": [', finish_reason="length"))
        if "90-minute" in chunk:
            return json_response(completion(claims_json(duration_claim("a 90-minute phone call", "90-minute"))))
        return json_response(completion(claims_json(duration_claim("described as lengthy", "lengthy"))))

    httpserver.expect_request(PATH).respond_with_handler(answer)
    options = ExtractOptions(extractor="llm", llm=settings(httpserver), cache_dir=tmp_path)
    run = asyncio.run(extract_sources([Source(text=text, name="long.txt")], options))
    claims = run.outcomes[0].claims
    assert claims is not None and run.outcomes[0].error is None
    assert [g.claim.value for g in claims.claims] == ["90-minute", "lengthy"]  # type: ignore[union-attr]
    assert len(httpserver.log) == 3
    assert run.usage.calls == 3


def test_sdk_retries_are_off(httpserver: HTTPServer) -> None:
    client = LLMClient(settings(httpserver))
    assert client.client.max_retries == 0


def test_clients_share_one_verifying_tls_context(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # Loading the CA bundle costs tens of ms: an editorial workflow checking article after article
    # must not pay it per check, and sharing it must not weaken verification.
    import ssl

    from checker import llm

    built: list[ssl.SSLContext] = []
    real = httpx2.create_ssl_context

    def spy(*args: Any, **kwargs: Any) -> ssl.SSLContext:
        built.append(real(*args, **kwargs))
        return built[-1]

    monkeypatch.setattr(httpx2, "create_ssl_context", spy)
    llm._tls_context.cache_clear()
    try:
        clients = [LLMClient(settings(httpserver)).client for _ in range(3)]
    finally:
        llm._tls_context.cache_clear()
    assert len(built) == 1
    assert built[0].verify_mode == ssl.CERT_REQUIRED and built[0].check_hostname
    assert all(c.max_retries == 0 and c.timeout == settings(httpserver).timeout for c in clients)


def test_no_configuration_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="OPENAI_API_KEY or OPENAI_BASE_URL"):
        LLMClient(LLMSettings())


def _status_error(headers: dict[str, str]) -> openai.APIStatusError:
    request = httpx2.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx2.Response(429, headers=headers, request=request)
    return openai.RateLimitError("slow down", response=response, body=None)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "3"}, 3.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250"}, 0.25),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:00 GMT"}, 0.0),  # a date in the past: retry now
        ({}, None),
    ],
)
def test_retry_after_is_read(headers: dict[str, str], expected: float | None) -> None:
    assert _retry_after_seconds(_status_error(headers)) == expected


def test_cached_rerun_makes_no_calls_and_failures_are_not_cached(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_ordered_request(PATH).respond_with_json({"error": {"message": "x"}}, status=400)
    httpserver.expect_request(PATH).respond_with_json(GOOD)
    source = Source(text=ARTICLE, name="a.txt")
    options = ExtractOptions(extractor="llm", llm=settings(httpserver), cache_dir=tmp_path)
    failed = asyncio.run(extract_sources([source], options))
    assert failed.outcomes[0].error is not None and not list(tmp_path.rglob("*.json"))
    first = asyncio.run(extract_sources([source], options))
    second = asyncio.run(extract_sources([source], options))
    assert (first.usage.calls, second.usage.calls, second.cache_hits) == (1, 0, 1)
    assert first.outcomes[0].claims == second.outcomes[0].claims
    assert "sk-test-secret" not in "".join(p.read_text() for p in tmp_path.rglob("*.json"))


def test_one_failing_source_keeps_the_others(httpserver: HTTPServer, tmp_path: Path) -> None:
    def answer(request: Request) -> Response:
        if "BROKEN" in user_text(request):
            return json_response({"error": {"message": "nope"}}, status=400)
        return json_response(GOOD)

    httpserver.expect_request(PATH).respond_with_handler(answer)
    sources = [Source(text=ARTICLE, name="good.txt"), Source(text="BROKEN " + ARTICLE, name="bad.txt")]
    run = asyncio.run(
        extract_sources(sources, ExtractOptions(extractor="llm", llm=settings(httpserver), cache_dir=tmp_path))
    )
    assert not run.complete
    good, bad = run.outcomes
    assert good.claims is not None and good.error is None
    assert bad.claims is None and isinstance(bad.error, ModelError)


def test_usage_is_logged_per_call_without_the_key(httpserver: HTTPServer, caplog: pytest.LogCaptureFixture) -> None:
    import logging

    httpserver.expect_request(PATH).respond_with_json(GOOD)
    with caplog.at_level(logging.DEBUG, logger="checker.llm"):
        run_extract(httpserver)
    calls = [r.getMessage() for r in caplog.records if r.name == "checker.llm"]
    assert calls == ["model call: model=test-model attempts=1 prompt_tokens=100 completion_tokens=20"]
    assert "sk-test-secret" not in caplog.text


def test_timeout_and_attempts_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_TIMEOUT", "2.5")
    monkeypatch.setenv("CHECKER_MAX_ATTEMPTS", "2")
    settings = LLMSettings.from_env()
    assert (settings.timeout, settings.transport_attempts) == (2.5, 2)
    assert LLMSettings.from_env(timeout=9.0).timeout == 9.0  # a flag wins
    monkeypatch.setenv("CHECKER_MAX_ATTEMPTS", "lots")
    with pytest.raises(ConfigError, match="CHECKER_MAX_ATTEMPTS must be a positive number"):
        LLMSettings.from_env()


def test_progress_reports_calls_then_cache_hits(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request(PATH).respond_with_json(GOOD)
    seen: list[tuple[str, str]] = []
    options = ExtractOptions(extractor="llm", llm=settings(httpserver), cache_dir=tmp_path)
    source = Source(text=ARTICLE, name="a.txt")
    asyncio.run(extract_sources([source], options, progress=lambda n, s: seen.append((n, s))))
    asyncio.run(extract_sources([source], options, progress=lambda n, s: seen.append((n, s))))
    assert seen == [("a.txt", "calling model"), ("a.txt", "done"), ("a.txt", "cached")]


def test_json_object_mode_sends_the_schema_the_older_way(httpserver: HTTPServer) -> None:
    httpserver.expect_request(PATH).respond_with_json(GOOD)
    result, _ = run_extract(httpserver, response_format="json_object")
    assert result.durations[0].value == "90-minute"  # still parsed and validated into the schema
    sent = json.loads(httpserver.log[0][0].get_data())["response_format"]
    assert sent["type"] == "json_object"
    assert "quantities" in sent["schema"]["properties"] and "QuantityItem" in sent["schema"]["$defs"]


def test_response_format_mode_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKER_RESPONSE_FORMAT", "json_object")
    assert LLMSettings.from_env().response_format == "json_object"
    monkeypatch.setenv("CHECKER_RESPONSE_FORMAT", "xml")
    with pytest.raises(ConfigError, match="CHECKER_RESPONSE_FORMAT"):
        LLMSettings.from_env()


def test_concurrent_calls_reach_the_server_together() -> None:
    # One request is built at a time, but the next starts as soon as the previous one is sent, not
    # when its answer is back: with a slow server, all calls are in flight at once.
    import time as clock

    from reliability_support import ARTICLE_A, RawServer, good_answer, http_response, user_content

    arrivals: list[float] = []

    def slow(_index: int, body: dict[str, Any]) -> bytes:
        arrivals.append(clock.monotonic())
        clock.sleep(0.6)
        return http_response(good_answer(user_content(body)))

    sources = [Source(text=f"Copy {i}. {ARTICLE_A}", name=f"s{i}.txt") for i in range(4)]
    with RawServer(slow) as server:
        llm_settings = LLMSettings(model="m", base_url=server.base_url, api_key="k", transport_attempts=1, reasks=0)
        options = ExtractOptions(extractor="llm", llm=llm_settings, use_cache=False, concurrency=4)
        run = asyncio.run(extract_sources(sources, options))
    assert [o.error for o in run.outcomes] == [None] * 4
    assert len(arrivals) == 4
    assert max(arrivals) - min(arrivals) < 0.5, [round(a - min(arrivals), 3) for a in arrivals]
