"""The OpenAI Batch API: the same requests as a live run, at half the price, answered within a day.

A run that can wait sends its requests as one job (the ``files`` and ``batches`` endpoints of the
official client) and polls until the job ends. Each request is built exactly as the live path
builds it (same messages, same schema, same settings) and named by its cache key, so the answers
land in the cache and the run then grounds, aligns and reports exactly as a live run would.

* ``--batch-id ID`` resumes a job submitted earlier (after a crash, or from another machine):
  checker waits for it and takes its answers; only requests it does not hold are sent again.
* Nothing is dropped: a request the job failed, expired or answered unusably (an invalid answer,
  one cut at the length limit) is left to the live path, which asks again with its re-asks,
  splits and ceilings; a request that still fails makes its source fail, named in the report.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, Literal

from pydantic import BaseModel

from checker.errors import CheckerError, InputError, ModelError
from checker.llm import LLMClient, Usage, _not_a_completion, estimate_request, read_answer
from checker.spend import CeilingReached

ENDPOINT: Final[Literal["/v1/chat/completions"]] = "/v1/chat/completions"
COMPLETION_WINDOW: Final[Literal["24h"]] = "24h"
DONE = ("completed", "failed", "expired", "cancelled")
DEFAULT_POLL_SECONDS = 30.0

Notify = Callable[[str], None]


@dataclass(frozen=True)
class BatchItem:
    """One request of a job: its cache key (the job's ``custom_id``), messages and answer type."""

    key: str
    messages: list[dict[str, str]]
    answer: type[BaseModel]
    prompt: str  # the template's name, for the estimate


@dataclass
class BatchResult:
    """The usable answers by key, the requests left to the live path (and why), and the jobs read."""

    answers: dict[str, tuple[BaseModel, Usage]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    jobs: list[str] = field(default_factory=list)


def poll_seconds() -> float:
    """``CHECKER_BATCH_POLL`` seconds between looks at a job (default 30)."""
    raw = os.environ.get("CHECKER_BATCH_POLL")
    if not raw:
        return DEFAULT_POLL_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0:
        raise InputError(f"CHECKER_BATCH_POLL must be a number of seconds, not {raw!r}")
    return value


def request_body(client: LLMClient, item: BatchItem) -> dict[str, Any]:
    """The body the live path sends for ``item``: the client's own request options, turned into JSON
    the way the SDK's ``parse`` turns them (its schema for the answer type, omitted options left out,
    ``extra_body`` merged in)."""
    import openai
    from openai.lib._parsing._completions import type_to_response_format_param

    options = client.request_options(item.answer)
    extra = options.pop("extra_body") or {}
    # in the SDK's key order: model, stream, messages, then the rest
    body: dict[str, Any] = {"model": options.pop("model"), "stream": False, "messages": item.messages}
    for name, value in options.items():
        if value is openai.omit:
            continue
        body[name] = type_to_response_format_param(value) if name == "response_format" else value
    body.update(extra)
    return body


def _read_line(client: LLMClient, item: BatchItem, line: dict[str, Any]) -> tuple[BaseModel, Usage] | str:
    """A result line's validated answer and usage, or why it cannot be used."""
    from openai.lib._parsing._completions import parse_chat_completion
    from openai.types.chat import ChatCompletion

    from checker.llm import _InvalidAnswer

    if line.get("error"):
        error = line["error"]
        return f"{error.get('code') or 'error'}: {error.get('message') or ''}".strip()
    response = line.get("response") or {}
    if response.get("status_code") != 200:
        return f"HTTP {response.get('status_code')}"
    body = json.dumps(response.get("body"))
    if _not_a_completion(body) is not None:
        return "the result was not a chat completion"
    usage = Usage()
    completion = ChatCompletion.model_validate(response["body"])
    try:
        answer = read_answer(
            lambda: parse_chat_completion(response_format=item.answer, input_tools=[], chat_completion=completion),
            body,
            usage,
            item.answer,
            client.settings.model,
        )
    except (_InvalidAnswer, CheckerError) as exc:
        return f"unusable answer ({exc})"
    return answer, usage


async def _wait(client: LLMClient, job_id: str, interval: float, notify: Notify) -> Any:
    """Poll the job until it ends, saying on stderr how far it got whenever that changes."""
    said = None
    while True:
        job = await client.transport(lambda: client.client.batches.retrieve(job_id), "Batch API")
        counts = job.request_counts
        progress = f"{job.status}, {counts.completed if counts else 0}/{counts.total if counts else '?'} done"
        if counts and counts.failed:
            progress += f", {counts.failed} failed"
        if progress != said:
            notify(f"batch {job_id}: {progress}")
            said = progress
        if job.status in DONE:
            return job
        await asyncio.sleep(interval)


async def _lines(client: LLMClient, file_id: str | None) -> list[dict[str, Any]]:
    if not file_id:
        return []
    content = await client.transport(lambda: client.client.files.content(file_id), "Batch API")
    lines = []
    for raw in content.text.splitlines():
        if raw.strip():
            try:
                lines.append(json.loads(raw))
            except ValueError:
                continue  # a torn line: its request is left to the live path
    return lines


async def _collect(
    client: LLMClient, job_id: str, wanted: dict[str, BatchItem], result: BatchResult, notify: Notify, interval: float
) -> set[str]:
    """Wait for one job and read it into ``result``; the wanted keys it was sent (from its input file).

    A key the job was sent but did not answer usably goes to ``failed``, with the reason."""
    job = await _wait(client, job_id, interval, notify)
    result.jobs.append(job_id)
    sent = {str(line.get("custom_id")) for line in await _lines(client, job.input_file_id)} & wanted.keys()
    for line in [*await _lines(client, job.output_file_id), *await _lines(client, job.error_file_id)]:
        key = str(line.get("custom_id"))
        if key not in sent or key in result.answers:
            continue
        read = _read_line(client, wanted[key], line)
        if isinstance(read, str):
            result.failed.setdefault(key, read)
        else:
            result.answers[key] = read
            result.failed.pop(key, None)
    for key in sorted(sent - result.answers.keys()):
        result.failed.setdefault(key, f"the job ended {job.status} without an answer")
    return sent


async def run_batch(
    client: LLMClient,
    items: Sequence[BatchItem],
    *,
    resume: Sequence[str] = (),
    notify: Notify,
    interval: float | None = None,
) -> BatchResult:
    """Answer ``items`` through Batch API jobs: first those of ``resume``, then one new job for the rest.

    The requests a job was sent and did not answer usably are listed in ``failed``; the caller asks
    them live (so does it any request a job never answered)."""
    interval = poll_seconds() if interval is None else interval
    wanted = {item.key: item for item in items}
    result = BatchResult()
    held: set[str] = set()
    for job_id in resume:
        held |= await _collect(client, job_id, wanted, result, notify, interval)
    todo = [item for item in wanted.values() if item.key not in held and item.key not in result.answers]
    if not todo:
        return result
    budget = client.budget
    reservations: list[float] = []
    if budget is not None:  # the requests a ceiling refuses stay out of the job (the live path refuses them too)
        for item in todo:
            try:
                reservations.append(budget.admit(*estimate_request(item.messages, item.answer, item.prompt)))
            except CeilingReached:
                break
        todo = todo[: len(reservations)]
        if not todo:
            return result
    else:
        reservations = [0.0] * len(todo)
    lines = [
        json.dumps({"custom_id": item.key, "method": "POST", "url": ENDPOINT, "body": request_body(client, item)})
        for item in todo
    ]
    data = ("\n".join(lines) + "\n").encode("utf-8")
    try:
        uploaded = await client.transport(
            lambda: client.client.files.create(file=("checker-batch.jsonl", data), purpose="batch"), "Batch API"
        )
        job = await client.transport(
            lambda: client.client.batches.create(
                input_file_id=uploaded.id,
                endpoint=ENDPOINT,
                completion_window=COMPLETION_WINDOW,
                metadata={"tool": "checker", "requests": str(len(todo))},
            ),
            "Batch API",
        )
    except ModelError:
        if budget is not None:
            for reserved in reservations:
                budget.settle(reserved, 0, 0, answered=False)
        raise
    notify(f"batch {job.id}: submitted {len(todo)} request(s); resume with --batch-id {job.id}")
    await _collect(client, job.id, wanted, result, notify, interval)
    if budget is not None:
        for item, reserved in zip(todo, reservations, strict=True):
            got = result.answers.get(item.key)
            used = got[1] if got is not None else None
            budget.settle(
                reserved, used.prompt_tokens if used else 0, used.completion_tokens if used else 0, answered=bool(used)
            )
    return result
