"""The model client: one call = rendered prompt in, the validated answer the prompt asks for out.

Built on the official ``openai`` client (Chat Completions, structured output
through the SDK's ``parse`` helper), so it works against OpenAI and any
OpenAI-compatible server (Ollama, vLLM, llama.cpp).

All retrying is tenacity's, in two separate loops:

* transport retries (connection errors, timeouts, 408/409/429, 5xx) with
  exponential backoff and jitter, honouring ``Retry-After``, bounded in attempts
  and in total time. The SDK's own retries are off (``max_retries=0``).
* validation re-asks: an answer that does not parse into the schema, or a
  refusal, is sent back to the model with the error, a bounded number of times.

A ``finish_reason == "length"`` answer raises :class:`OutputTooLong`; the
extract stage splits the text and asks again for each half.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import email.utils
import functools
import json
import logging
import os
import ssl
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel
from tenacity import (
    AsyncRetrying,
    RetryCallState,
    RetryError,
    retry_if_exception,
    retry_if_exception_type,
    stop_after_attempt,
    stop_after_delay,
    wait_exponential_jitter,
)

from checker.errors import CheckerError, ConfigError, ExtractionError, ModelError
from checker.prompts import RenderedPrompt
from checker.spend import Budget, expected_answer_tokens, tokens

A = TypeVar("A", bound=BaseModel)
R = TypeVar("R")

if TYPE_CHECKING:
    import httpx2
    from openai import AsyncOpenAI

log = logging.getLogger(__name__)

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_SEED = 7
MAX_RETRY_AFTER_SECONDS = 60.0
REDACTED = "[redacted]"


@dataclass(frozen=True)
class LLMSettings:
    """How to reach the model. Built from flags and environment by :meth:`from_env`."""

    model: str = DEFAULT_MODEL
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout: float = 120.0
    transport_attempts: int = 5
    transport_max_seconds: float = 300.0
    backoff_initial: float = 1.0
    backoff_max: float = 30.0
    reasks: int = 2
    temperature: float = 0.0
    seed: int = DEFAULT_SEED
    max_completion_tokens: int | None = None
    # "json_schema" (OpenAI, vLLM, Ollama) or "json_object" with the schema attached, for servers
    # such as llama-cpp-python's that constrain output by schema but reject the json_schema type.
    response_format: Literal["json_schema", "json_object"] = "json_schema"

    @classmethod
    def from_env(cls, *, model: str | None = None, base_url: str | None = None, **overrides: Any) -> LLMSettings:
        """Flags win over ``CHECKER_MODEL``, ``OPENAI_BASE_URL``, ``OPENAI_API_KEY``,
        ``CHECKER_TIMEOUT`` (seconds per request), ``CHECKER_MAX_ATTEMPTS`` (transport attempts)
        and ``CHECKER_RESPONSE_FORMAT`` (``json_schema`` or ``json_object``)."""
        mode = os.environ.get("CHECKER_RESPONSE_FORMAT")
        if mode and "response_format" not in overrides:
            if mode not in ("json_schema", "json_object"):
                raise ConfigError(f"CHECKER_RESPONSE_FORMAT must be json_schema or json_object, not {mode!r}")
            overrides["response_format"] = mode
        for name, key, kind in (
            ("CHECKER_TIMEOUT", "timeout", float),
            ("CHECKER_MAX_ATTEMPTS", "transport_attempts", int),
        ):
            raw = os.environ.get(name)
            if raw and overrides.get(key) is None:
                try:
                    value = kind(raw)
                except ValueError:
                    raise ConfigError(f"{name} must be a positive number, not {raw!r}") from None
                if value <= 0:
                    raise ConfigError(f"{name} must be a positive number, not {raw!r}")
                overrides[key] = value
        overrides = {k: v for k, v in overrides.items() if v is not None}
        return cls(
            model=model or os.environ.get("CHECKER_MODEL") or DEFAULT_MODEL,
            base_url=base_url or os.environ.get("OPENAI_BASE_URL") or None,
            api_key=os.environ.get("OPENAI_API_KEY") or None,
            **overrides,
        )

    @property
    def configured(self) -> bool:
        """A model is reachable in principle: a key (OpenAI) or a base URL (a local server)."""
        return bool(self.api_key or self.base_url)


@dataclass
class Usage:
    """Token and call counts; added up per source and per run."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, other: Usage) -> None:
        """Accumulate another usage into this one."""
        self.calls += other.calls
        self.prompt_tokens += other.prompt_tokens
        self.completion_tokens += other.completion_tokens


class OutputTooLong(ModelError):
    """The model stopped at its length limit: the caller should split the input.

    ``usage`` holds what the cut-off call(s) cost, so run totals stay honest.
    """

    usage: Usage | None = None


class _InvalidAnswer(Exception):
    """An answer that arrived but cannot be used; triggers a re-ask."""

    def __init__(self, message: str, raw: str | None) -> None:
        super().__init__(message)
        self.raw = raw


def _is_transient(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in (408, 409, 429) or exc.status_code >= 500
    return False


def _retry_after_seconds(exc: BaseException | None) -> float | None:
    import openai

    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    value = headers.get("retry-after-ms")
    if value:
        try:
            return max(0.0, float(value) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        if parsed is None:
            return None
        return max(0.0, parsed.timestamp() - time.time())


def _transport_wait(settings: LLMSettings) -> Callable[[RetryCallState], float]:
    backoff = wait_exponential_jitter(
        multiplier=settings.backoff_initial, max=settings.backoff_max, jitter=settings.backoff_initial
    )

    def wait(state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        told = _retry_after_seconds(exc)
        if told is not None:
            return min(told, MAX_RETRY_AFTER_SECONDS)
        return float(backoff(state))

    return wait


def _json_object_format(answer: type[BaseModel]) -> dict[str, Any]:
    """The same strict schema as the SDK sends, in the older ``json_object`` form; the SDK's
    ``parse`` still validates the answer into ``answer``."""
    from openai.lib._pydantic import to_strict_json_schema

    return {"response_format": {"type": "json_object", "schema": to_strict_json_schema(answer)}}


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _not_a_completion(body: str) -> str | None:
    """Why a 200 body cannot be a Chat Completion, or None when its shape is right.

    The SDK parses whatever arrives: a body that is not JSON under a non-JSON content type (a proxy's
    HTML error page) comes back as a ``str``, and JSON that is not a completion (``{"detail": ...}``,
    ``[]``) as a dict or list; its post-parser then dies with ``AttributeError`` or ``TypeError``,
    which no caller expects. Checking the shape first turns both into an unusable answer (a re-ask).
    """
    try:
        data = json.loads(body)
    except ValueError as exc:
        return f"the response was not valid JSON ({_one_line(str(exc), 200)})"
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        return "the response was not a chat completion (no list of choices)"
    if not all(isinstance(c, dict) and isinstance(c.get("message"), dict) for c in data["choices"]):
        return "the response was not a chat completion (a choice without a message)"
    return None


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """The SDK's default TLS context (same CA sources, same ``SSL_CERT_FILE`` handling), built once.

    Loading the CA bundle takes 30-90 ms here, and every new client did it again: an editorial
    workflow that runs a check per article paid it per check. An ``SSLContext`` is safe to share
    between clients, threads and event loops."""
    import httpx2

    return httpx2.create_ssl_context()


_RELEASE_ON_SEND: contextvars.ContextVar[Callable[[], None] | None] = contextvars.ContextVar(
    "checker_release_on_send", default=None
)
_SENT_EVENTS = ("send_request_body.complete", "receive_response_headers.started", ".failed")


async def _release_gate_once_sent(request: httpx2.Request) -> None:
    """httpx request hook: open the calling client's build gate once this request's body is sent."""
    release = _RELEASE_ON_SEND.get()
    if release is None:
        return
    previous = request.extensions.get("trace")

    async def trace(name: str, info: dict[str, Any]) -> None:
        if previous is not None:
            await previous(name, info)
        if name.endswith(_SENT_EVENTS):
            release()

    request.extensions["trace"] = trace


class LLMClient:
    """Extraction calls against one model, with the retry policy applied."""

    def __init__(
        self, settings: LLMSettings, *, client: AsyncOpenAI | None = None, budget: Budget | None = None
    ) -> None:
        if client is None and not settings.configured:
            raise ConfigError("no model configured: set OPENAI_API_KEY or OPENAI_BASE_URL (or use --extractor offline)")
        self.settings = settings
        self._client = client
        # Every request is admitted here first (the run's ceilings); None: no account is kept.
        self.budget = budget
        # Only a client built here carries the hook that opens the gate once a request is sent;
        # a caller's own client gets no gate (it would hold each call's whole round trip).
        self._gate = asyncio.Lock() if client is None else None

    @property
    def client(self) -> AsyncOpenAI:
        """The SDK client, created on first use with the SDK's retries off."""
        if self._client is None:
            from openai import AsyncOpenAI, DefaultAsyncHttpxClient

            self._client = AsyncOpenAI(
                # A local OpenAI-compatible server needs no key, but the SDK insists on one.
                api_key=self.settings.api_key or "no-key-needed",
                base_url=self.settings.base_url,
                max_retries=0,
                timeout=self.settings.timeout,
                # The SDK's own HTTP client and defaults, with the TLS context built once per process.
                http_client=DefaultAsyncHttpxClient(
                    verify=_tls_context(), event_hooks={"request": [_release_gate_once_sent]}
                ),
            )
        return self._client

    @contextlib.asynccontextmanager
    async def _building_request(self) -> AsyncIterator[None]:
        """One request of this client is built and written at a time; the next starts once it is sent.

        Building a request costs a few milliseconds of CPU in the SDK. Without this, eight concurrent
        calls all build their requests before any of them reaches the network, and all answers come
        back at once and queue for parsing; with it, request k is on the wire while request k+1 is
        being built, and answers arrive spread out. The gate opens when the request body is sent
        (httpcore's ``trace`` extension, installed by :func:`_release_gate_once_sent`), or at the
        latest when the call ends, whatever the outcome."""
        gate = self._gate
        if gate is None:
            yield
            return
        await gate.acquire()
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                gate.release()

        token = _RELEASE_ON_SEND.set(release)
        try:
            yield
        finally:
            _RELEASE_ON_SEND.reset(token)
            release()

    async def close(self) -> None:
        """Release the HTTP connection pool."""
        if self._client is not None:
            await self._client.close()

    async def extract(self, prompt: RenderedPrompt, answer: type[A]) -> tuple[A, Usage]:
        """Ask for an extraction, re-asking on unusable answers; raise a ``CheckerError`` on failure.

        The error's message and ``last_response`` never contain the API key, even when the server
        quotes it back (some proxies answer 401 with "Received API Key = ..."): they reach stderr,
        reports and logs.
        """
        try:
            return await self._extract(prompt, answer)
        except CheckerError as exc:
            raise self._redact(exc) from None

    def _redact(self, exc: CheckerError) -> CheckerError:
        key = self.settings.api_key
        if key:
            exc.args = tuple(arg.replace(key, REDACTED) if isinstance(arg, str) else arg for arg in exc.args)
            if exc.last_response:
                exc.last_response = exc.last_response.replace(key, REDACTED)
        return exc

    async def _extract(self, prompt: RenderedPrompt, answer: type[A]) -> tuple[A, Usage]:
        usage = Usage()
        messages: list[dict[str, str]] = prompt.as_openai()
        last: _InvalidAnswer | None = None
        try:
            async for attempt in AsyncRetrying(
                retry=retry_if_exception_type(_InvalidAnswer),
                stop=stop_after_attempt(1 + self.settings.reasks),
                reraise=True,
            ):
                with attempt:
                    if last is not None:
                        messages = [
                            *messages,
                            {"role": "assistant", "content": last.raw or ""},
                            {
                                "role": "user",
                                "content": (
                                    f"That answer could not be used: {last}. Answer again with JSON that matches "
                                    "the schema exactly, with evidence copied verbatim from the article."
                                ),
                            },
                        ]
                    try:
                        return await self._call(messages, usage, answer, prompt.name), usage
                    except _InvalidAnswer as exc:
                        last = exc
                        raise
                    except OutputTooLong as exc:
                        exc.usage = usage
                        raise
        except _InvalidAnswer as exc:
            raise ExtractionError(
                f"model {self.settings.model} gave no usable answer after {1 + self.settings.reasks} attempts: {exc}",
                attempts=1 + self.settings.reasks,
                last_response=exc.raw,
            ) from None
        raise AssertionError("unreachable")  # pragma: no cover

    async def transport(self, send: Callable[[], Awaitable[R]], what: str = "model API") -> R:
        """``send()`` under the transport retry policy, its failures as one-line one-line model errors.

        The one policy every request follows: chat completions, and the Batch API's file and job
        calls (``what`` names them in the error)."""
        import openai

        settings = self.settings
        attempts = 0
        try:
            async for attempt in AsyncRetrying(
                retry=retry_if_exception(_is_transient),
                wait=_transport_wait(settings),
                stop=stop_after_attempt(settings.transport_attempts) | stop_after_delay(settings.transport_max_seconds),
                reraise=True,
            ):
                with attempt:
                    attempts += 1
                    return await send()
        except openai.APIStatusError as exc:
            raise ModelError(
                f"{what} returned HTTP {exc.status_code} after {attempts} attempt(s): {_one_line(exc.message)}",
                attempts=attempts,
                last_response=_one_line(exc.response.text, 2000),
            ) from None
        except openai.APITimeoutError:
            raise ModelError(f"{what} timed out after {attempts} attempt(s)", attempts=attempts) from None
        except openai.APIConnectionError as exc:
            cause = exc.__cause__ or exc
            # A reset connection raises an HTTP-client error with an empty message: name its type instead.
            detail = _one_line(str(cause)) or type(cause).__name__
            raise ModelError(
                f"cannot reach the {what} after {attempts} attempt(s): {detail}", attempts=attempts
            ) from None
        except RetryError as exc:  # pragma: no cover - reraise=True makes this rare
            raise ModelError(f"{what} failed after {attempts} attempt(s)", attempts=attempts) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def request_options(self, answer: type[BaseModel]) -> dict[str, Any]:
        """The request's settings besides the messages, as the SDK's ``parse`` takes them."""
        import openai

        settings = self.settings
        return {
            "model": settings.model,
            "response_format": answer,
            "seed": settings.seed,
            "temperature": settings.temperature,
            "max_completion_tokens": settings.max_completion_tokens or openai.omit,
            "extra_body": _json_object_format(answer) if settings.response_format == "json_object" else None,
        }

    async def _call(self, messages: list[dict[str, str]], usage: Usage, answer: type[A], prompt: str) -> A:
        budget = self.budget
        options = self.request_options(answer)
        held: list[float] = []  # the reservation of each request sent whose response arrived
        sent = 0

        async def send() -> Any:
            nonlocal sent
            sent += 1
            reserved = budget.admit(*estimate_request(messages, answer, prompt)) if budget is not None else 0.0
            try:
                async with self._building_request():
                    raw = await self.client.chat.completions.with_raw_response.parse(
                        messages=messages,  # type: ignore[arg-type]
                        **options,
                    )
            except BaseException:
                if budget is not None:
                    budget.settle(reserved, 0, 0, answered=False)
                raise
            held.append(reserved)
            return raw

        raw = await self.transport(send)
        before = (usage.prompt_tokens, usage.completion_tokens)
        try:
            return read_answer(raw.parse, raw.http_response.text, usage, answer, self.settings.model, sent)
        finally:
            if budget is not None:
                used = (usage.prompt_tokens - before[0], usage.completion_tokens - before[1])
                budget.settle(held[-1], *used, answered=True)


def estimate_request(messages: list[dict[str, str]], answer: type[BaseModel], prompt: str) -> tuple[int, int]:
    """A request's prompt and answer tokens before it is sent: its messages and the schema it carries
    (counted, though a provider may bill the schema otherwise), and the answer recorded ones suggest."""
    sent = getattr(answer, "sent_schema_json", None)
    schema = len(sent()) if callable(sent) else 0
    user = sum(len(m["content"]) for m in messages if m["role"] == "user")
    prompt_tokens = tokens(sum(len(m["content"]) for m in messages) + schema)
    return prompt_tokens, expected_answer_tokens(prompt, user)


def read_answer(parse: Callable[[], Any], body: str, usage: Usage, answer: type[A], model: str, attempts: int = 1) -> A:
    """The validated answer of one completion ``body`` (``parse`` is the SDK's parse of it), its usage
    added to ``usage``; an unusable answer raises ``_InvalidAnswer``, one cut at the length limit
    :class:`OutputTooLong`. Live calls and Batch API results are read by this one function."""
    import openai
    import pydantic

    usage.calls += 1
    problem = _not_a_completion(body)
    if problem is not None:
        raise _InvalidAnswer(problem, body)
    try:
        completion = parse()
    except openai.LengthFinishReasonError as exc:
        if exc.completion.usage:
            usage.prompt_tokens += exc.completion.usage.prompt_tokens
            usage.completion_tokens += exc.completion.usage.completion_tokens
        raise OutputTooLong(
            "the model hit its output limit", attempts=attempts, last_response=_one_line(body, 2000)
        ) from None
    except openai.ContentFilterFinishReasonError:
        raise _InvalidAnswer("the answer was stopped by a content filter", body) from None
    except pydantic.ValidationError as exc:
        errors = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors(include_url=False)[:5]
        )
        raise _InvalidAnswer(f"the JSON did not match the schema ({_one_line(errors, 500)})", body) from None
    except ValueError as exc:  # malformed JSON body
        raise _InvalidAnswer(f"the response was not valid JSON ({_one_line(str(exc), 200)})", body) from None
    except (AttributeError, TypeError) as exc:  # a shape the check above let through; the SDK choked on it
        raise _InvalidAnswer(f"the response was not a chat completion ({type(exc).__name__})", body) from None

    if completion.usage:
        usage.prompt_tokens += completion.usage.prompt_tokens
        usage.completion_tokens += completion.usage.completion_tokens
        # Per-call usage; the key and headers are never logged.
        log.debug(
            "model call: model=%s attempts=%d prompt_tokens=%d completion_tokens=%d",
            model,
            attempts,
            completion.usage.prompt_tokens,
            completion.usage.completion_tokens,
        )
    if not completion.choices:
        raise _InvalidAnswer("the response had no choices", body)
    message = completion.choices[0].message
    if message.refusal:
        raise _InvalidAnswer(f"the model refused: {_one_line(message.refusal, 200)}", body)
    if message.parsed is None:
        raise _InvalidAnswer("the response had no content", body)
    parsed: A = message.parsed
    return parsed
