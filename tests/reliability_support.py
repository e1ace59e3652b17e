"""Shared pieces of the reliability tests: articles, scripted answers, a raw socket server, CLI runs.

Everything runs against real servers on 127.0.0.1; nothing here patches the client.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from openai_stub import claims_json, completion
from werkzeug import Request

from checker.cli import cli
from checker.llm import LLMSettings
from checker.schema import ExtractionAnswer

# Two short articles about one phone call with a planted weekday conflict.
ARTICLE_A = "Ann Lee and Bo Chan held a phone call on Wednesday. Aides said the call was friendly.\n"
ARTICLE_B = "Ann Lee and Bo Chan held a phone call on Thursday. Officials called it productive.\n"
EVIDENCE_A = "held a phone call on Wednesday"
EVIDENCE_B = "held a phone call on Thursday"
CALL = {"type": "phone call", "participants": ["Ann Lee", "Bo Chan"]}


def event_time_claim(evidence: str, weekday: str) -> dict[str, Any]:
    return {
        "evidence": evidence,
        "attribution": {"source_type": "outlet", "name": None},
        "hedge": None,
        "modality": "happened",
        "kind": "event_time",
        "event": CALL,
        "date": None,
        "weekday": weekday,
        "time_of_day": None,
        "as_written": f"on {weekday}",
    }


def proposition_claim(evidence: str, subject: str, predicate: str, obj: str | None) -> dict[str, Any]:
    return {
        "evidence": evidence,
        "attribution": {"source_type": "outlet", "name": None},
        "hedge": None,
        "modality": "happened",
        "kind": "proposition",
        "subject": subject,
        "predicate": predicate,
        "object": obj,
        "negated": False,
    }


GOOD_A = claims_json(event_time_claim(EVIDENCE_A, "Wednesday"))
GOOD_B = claims_json(event_time_claim(EVIDENCE_B, "Thursday"))


def good_answer(user: str) -> dict[str, Any]:
    """The correct completion body for whichever article the request carries."""
    if "Thursday" in user:
        return completion(GOOD_B)
    return completion(GOOD_A)


def request_json(request: Request) -> dict[str, Any]:
    return dict(json.loads(request.get_data()))


def write_articles(directory: Path, b_text: str = ARTICLE_B) -> tuple[Path, Path]:
    a = directory / "a.txt"
    b = directory / "b.txt"
    a.write_text(ARTICLE_A, encoding="utf-8")
    b.write_text(b_text, encoding="utf-8")
    return a, b


# --- the CLI -------------------------------------------------------------------


def run_cli(*args: str, stdin: bytes | str | None = None) -> Result:
    """Run ``checker`` in-process; click catches everything, so callers inspect ``result.exception``.

    ``check`` runs with ``--align rules`` unless told otherwise: these tests count and script the
    extraction requests, and the alignment request has its own tests (tests/test_align.py)."""
    argv = list(args)
    if argv[:1] == ["check"] and "--align" not in argv:
        argv += ["--align", "rules"]
    return CliRunner().invoke(cli, argv, input=stdin)


def assert_clean_exit(result: Result, code: int, *fragments: str) -> str:
    """Exit ``code`` with no traceback; for errors, exactly one ``checker: error:`` line holding ``fragments``."""
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == code, (result.exit_code, result.stderr, result.stdout[:2000])
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    errors = [line for line in result.stderr.splitlines() if line.startswith("checker: error:")]
    if code in (2, 3):
        assert len(errors) == 1, result.stderr
        for fragment in fragments:
            assert fragment in errors[0], (fragment, errors[0])
        return errors[0]
    assert not errors, result.stderr
    return ""


def cache_entries(directory: Path) -> list[ExtractionAnswer]:
    """Every cache entry, each of which must load as a validated result; no temporary file left over."""
    entries = []
    for path in sorted(directory.rglob("*.json")):
        payload = json.loads(path.read_text(encoding="utf-8"))
        assert payload["key"] == path.stem
        entries.append(ExtractionAnswer.model_validate(payload["result"]))
    assert not list(directory.rglob("*.tmp"))
    return entries


def shrink_retries(monkeypatch: pytest.MonkeyPatch, *, timeout: float = 0.5) -> None:
    """Shrink the CLI's retry policy (backoff, attempts, timeout) for faults that only end by giving up.

    Only the numbers change: the CLI still builds its settings with ``LLMSettings.from_env`` and runs the
    real client, retry loops and SDK against the local server.
    """
    original = LLMSettings.from_env.__func__  # type: ignore[attr-defined]

    def from_env(cls: type[LLMSettings], **kwargs: Any) -> LLMSettings:
        kwargs.update(backoff_initial=0.01, backoff_max=0.05, transport_attempts=3, timeout=timeout)
        return original(cls, **kwargs)  # type: ignore[no-any-return]

    monkeypatch.setattr(LLMSettings, "from_env", classmethod(from_env))


@pytest.fixture
def fast_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    """3 attempts, 10 ms backoff, 0.5 s timeout for the CLI (see :func:`shrink_retries`)."""
    shrink_retries(monkeypatch)


# --- a raw socket server for faults below HTTP ----------------------------------

Action = str | bytes  # "reset", "hang", "close", or a whole HTTP response


def http_response(body: dict[str, Any] | str, status: int = 200, content_type: str = "application/json") -> bytes:
    data = (json.dumps(body) if isinstance(body, dict) else body).encode("utf-8")
    head = (
        f"HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {len(data)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + data


@dataclass
class RawServer:
    """Accepts connections on 127.0.0.1 and does what ``behave(index, body)`` says with each request.

    ``reset`` aborts the connection with a TCP RST after reading the request; ``hang`` reads it and
    never answers (until the server stops); ``close`` closes without a word. Bounded: at most
    ``max_connections`` connections, and every wait ends when the server stops.
    """

    behave: Callable[[int, dict[str, Any]], Action]
    max_connections: int = 50
    requests: list[dict[str, Any]] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)
    _threads: list[threading.Thread] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.05)
        self.port = self._sock.getsockname()[1]
        self._lock = threading.Lock()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> RawServer:
        thread = threading.Thread(target=self._serve, daemon=True)
        thread.start()
        self._threads.append(thread)
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(5.0)
        self._sock.close()

    def _serve(self) -> None:
        count = 0
        while not self._stop.is_set() and count < self.max_connections:
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            thread = threading.Thread(target=self._handle, args=(conn, count), daemon=True)
            thread.start()
            self._threads.append(thread)
            count += 1

    @staticmethod
    def _read_request(conn: socket.socket) -> dict[str, Any]:
        conn.settimeout(5.0)
        data = b""
        while b"\r\n\r\n" not in data and len(data) < 1_000_000:
            chunk = conn.recv(65536)
            if not chunk:
                return {}
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                break
            body += chunk
        return dict(json.loads(body)) if body else {}

    def _handle(self, conn: socket.socket, index: int) -> None:
        try:
            body = self._read_request(conn)
            with self._lock:
                self.requests.append(body)
            action = self.behave(index, body)
            if action == "reset":
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            elif action == "hang":
                self._stop.wait(30.0)
            elif isinstance(action, bytes):
                conn.sendall(action)
        except OSError:
            pass
        finally:
            conn.close()


def user_content(body: dict[str, Any]) -> str:
    return "".join(m.get("content") or "" for m in body.get("messages", []) if m.get("role") == "user")


def iter_files(directory: Path) -> Iterator[Path]:
    return (p for p in sorted(directory.rglob("*")) if p.is_file())
