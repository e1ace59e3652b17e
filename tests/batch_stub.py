"""A local OpenAI-compatible server on 127.0.0.1 with the Batch API's endpoints, for end-to-end tests.

It answers live chat completions and runs batch jobs with one function, ``answer(body) -> completion
body``, so a live run and a batch run get the same answers. Endpoints: ``POST /v1/chat/completions``,
``POST /v1/files`` (multipart upload), ``GET /v1/files/<id>/content``, ``POST /v1/batches``,
``GET /v1/batches/<id>``. A job is ``in_progress`` on its first look and done on the next; ``ending``
decides how: ``completed``, or ``expired`` with only the first half of its requests answered.
``fail_retrieves`` makes that many looks at a job fail with HTTP 500 first (a crash while polling).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from openai_stub import json_response
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

Answer = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class BatchStub:
    server: HTTPServer
    answer: Answer
    ending: str = "completed"
    fail_retrieves: int = 0
    live_fails: bool = False
    files: dict[str, bytes] = field(default_factory=dict)
    jobs: dict[str, dict[str, Any]] = field(default_factory=dict)
    live: list[dict[str, Any]] = field(default_factory=list)  # bodies of live chat completions
    uploads: list[list[dict[str, Any]]] = field(default_factory=list)  # the lines of each uploaded file
    looks: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base_url(self) -> str:
        return self.server.url_for("/v1")

    def install(self) -> None:
        self.server.expect_request(re.compile(r"^/v1/.*"), method="POST").respond_with_handler(self._post)
        self.server.expect_request(re.compile(r"^/v1/.*"), method="GET").respond_with_handler(self._get)

    def _post(self, request: Request) -> Response:
        with self._lock:
            if request.path == "/v1/chat/completions":
                body = json.loads(request.get_data())
                self.live.append(body)
                if self.live_fails:
                    return json_response({"error": {"message": "overloaded"}}, status=500)
                return json_response(self.answer(body))
            if request.path == "/v1/files":
                data = request.files["file"].read()
                file_id = f"file-{len(self.files) + 1}"
                self.files[file_id] = data
                self.uploads.append([json.loads(line) for line in data.decode().splitlines() if line.strip()])
                return json_response(_file(file_id, len(data)))
            if request.path == "/v1/batches":
                body = json.loads(request.get_data())
                job_id = f"batch_{len(self.jobs) + 1}"
                self.jobs[job_id] = {
                    "id": job_id,
                    "object": "batch",
                    "endpoint": body["endpoint"],
                    "completion_window": body["completion_window"],
                    "input_file_id": body["input_file_id"],
                    "created_at": 0,
                    "status": "validating",
                    "metadata": body.get("metadata"),
                    "request_counts": {"total": 0, "completed": 0, "failed": 0},
                }
                return json_response(self.jobs[job_id])
        return json_response({"error": {"message": f"no such endpoint {request.path}"}}, status=404)

    def _get(self, request: Request) -> Response:
        with self._lock:
            found = re.fullmatch(r"/v1/batches/([\w-]+)", request.path)
            if found and found.group(1) in self.jobs:
                self.looks += 1
                if self.fail_retrieves > 0:
                    self.fail_retrieves -= 1
                    return json_response({"error": {"message": "server error"}}, status=500)
                return json_response(self._advance(self.jobs[found.group(1)]))
            found = re.fullmatch(r"/v1/files/([\w-]+)/content", request.path)
            if found and found.group(1) in self.files:
                return Response(self.files[found.group(1)], content_type="application/octet-stream")
        return json_response({"error": {"message": f"no such resource {request.path}"}}, status=404)

    def _advance(self, job: dict[str, Any]) -> dict[str, Any]:
        """validating -> in_progress -> done: run the job's requests through ``answer``."""
        lines = [json.loads(raw) for raw in self.files[job["input_file_id"]].decode().splitlines() if raw.strip()]
        total = len(lines)
        if job["status"] == "validating":
            job.update(status="in_progress", request_counts={"total": total, "completed": 0, "failed": 0})
            return job
        if job["status"] != "in_progress":
            return job
        answered = lines if self.ending == "completed" else lines[: total // 2]
        output = [
            {
                "id": f"req-{n}",
                "custom_id": line["custom_id"],
                "response": {"status_code": 200, "request_id": f"r{n}", "body": self.answer(line["body"])},
                "error": None,
            }
            for n, line in enumerate(answered)
        ]
        errors = [
            {
                "id": f"req-{n + len(answered)}",
                "custom_id": line["custom_id"],
                "response": None,
                "error": {
                    "code": "batch_expired",
                    "message": "This request could not be executed before the completion window expired.",
                },
            }
            for n, line in enumerate(lines[len(answered) :])
        ]
        out_id, err_id = f"file-out-{job['id']}", f"file-err-{job['id']}"
        self.files[out_id] = "".join(json.dumps(x) + "\n" for x in output).encode()
        job.update(status=self.ending, output_file_id=out_id)
        if errors:
            self.files[err_id] = "".join(json.dumps(x) + "\n" for x in errors).encode()
            job["error_file_id"] = err_id
        job["request_counts"] = {"total": total, "completed": len(output), "failed": len(errors)}
        return job


def _file(file_id: str, size: int) -> dict[str, Any]:
    return {
        "id": file_id,
        "object": "file",
        "bytes": size,
        "created_at": 0,
        "filename": "checker-batch.jsonl",
        "purpose": "batch",
        "status": "processed",
    }


def batch_stub(answer: Answer, **options: Any) -> Iterator[BatchStub]:
    """A started stub (use as a generator fixture body)."""
    with HTTPServer(host="127.0.0.1", port=0, threaded=True) as server:
        stub = BatchStub(server, answer, **options)
        stub.install()
        yield stub
