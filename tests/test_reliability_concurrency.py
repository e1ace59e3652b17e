"""Two ``checker`` processes sharing one cache directory, and a writer killed mid-write.

Real processes (``python -m checker``), a real local server on 127.0.0.1, a real SIGKILL.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from openai_stub import PATH, answer_claims, claims_json, completion, json_response
from pytest_httpserver import HTTPServer
from reliability_support import GOOD_A, GOOD_B, event_time_claim, user_content, write_articles
from werkzeug import Request, Response

from checker.cache import ExtractionCache
from checker.schema import ExtractionAnswer, SourceClaims

RESULT_A = ExtractionAnswer.model_validate_json(GOOD_A)
RESULT_B = ExtractionAnswer.model_validate_json(GOOD_B)


def _env(base_url: str, cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "CHECKER_"))}
    env.update(OPENAI_BASE_URL=base_url, CHECKER_CACHE_DIR=str(cache), PYTHONUNBUFFERED="1")
    return env


def test_two_processes_share_one_cache(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    arrived = threading.Condition()
    count = {"n": 0}

    def handle(request: Request) -> Response:
        user = user_content(json.loads(request.get_data()))
        with arrived:
            count["n"] += 1
            arrived.notify_all()
            # Hold the answers until requests from both processes are in (bounded), so they overlap.
            arrived.wait_for(lambda: count["n"] >= 3, timeout=5.0)
        return json_response(completion(GOOD_B if "Thursday" in user else GOOD_A))

    with HTTPServer(host="127.0.0.1", port=0, threaded=True) as server:
        server.expect_request(PATH, method="POST").respond_with_handler(handle)
        a, b = write_articles(tmp_path)
        commands = [
            [sys.executable, "-m", "checker", "extract", str(a), str(b), "--extractor", "llm",
             "-o", str(tmp_path / f"out{i}"), "--cache-dir", str(cache)]
            for i in (1, 2)
        ]  # fmt: skip
        processes = [
            subprocess.Popen(
                command,
                cwd=tmp_path,
                env=_env(server.url_for("/v1"), cache),
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for command in commands
        ]
        outputs = [p.communicate(timeout=60) for p in processes]
    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
        assert "Traceback" not in err

    for name, expected in (("a.txt.json", RESULT_A), ("b.txt.json", RESULT_B)):
        first = (tmp_path / "out1" / name).read_bytes()
        assert first == (tmp_path / "out2" / name).read_bytes()
        claims = SourceClaims.model_validate_json(first)
        assert sorted((g.claim for g in claims.claims), key=lambda c: c.model_dump_json()) == answer_claims(expected)
        assert claims.ungrounded == []
    entries = sorted(cache.rglob("*.json"))
    assert len(entries) == 2
    assert sorted(
        ExtractionAnswer.model_validate(json.loads(p.read_text())["result"]).model_dump_json() for p in entries
    ) == sorted(r.model_dump_json() for r in (RESULT_A, RESULT_B))
    assert not list(cache.rglob("*.tmp"))
    assert 2 <= count["n"] <= 4  # at most one call per source per process, and the cache made no wrong hit


WRITER = """
import sys
from pathlib import Path
from checker.cache import ExtractionCache
from checker.schema import ExtractionAnswer

result = ExtractionAnswer.model_validate_json(Path(sys.argv[2]).read_text())
cache = ExtractionCache(Path(sys.argv[1]))
keys = [f"{i:064x}" for i in range(1, 5)]
print("ready", flush=True)
for n in range(100_000):
    cache.put(keys[n % len(keys)], result)
"""


def _big_result() -> ExtractionAnswer:
    claims = [event_time_claim(f"held call number {i} on Wednesday", "Wednesday") for i in range(3000)]
    return ExtractionAnswer.model_validate_json(claims_json(*claims))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_writer_killed_mid_write_leaves_no_corrupt_entry(seed: int, tmp_path: Path) -> None:
    result = _big_result()
    payload = tmp_path / "result.json"
    payload.write_text(result.model_dump_json(), encoding="utf-8")
    cache_dir = tmp_path / "cache"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(cache_dir), str(payload)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        # A seeded moment inside the write loop (each put writes ~1 MB and fsyncs).
        threading.Event().wait(random.Random(seed).uniform(0.05, 0.6))
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.kill()
        writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL

    cache = ExtractionCache(cache_dir)
    entries = sorted(cache_dir.rglob("*.json"))
    for path in entries:  # every entry that exists is whole
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        assert ExtractionAnswer.model_validate(data["result"]) == result
    for key in (f"{i:064x}" for i in range(1, 5)):
        assert cache.get(key, ExtractionAnswer) in (None, result)
    # Leftover temporary files (the kill may leave one) are never read as entries: the next writes work.
    assert all(not tmp.name.endswith(".json") for tmp in cache_dir.rglob("*.tmp"))
    for key in (f"{i:064x}" for i in range(1, 5)):
        cache.put(key, RESULT_A)
        assert ExtractionCache(cache_dir).get(key, ExtractionAnswer) == RESULT_A


PAUSED_WRITER = """
import os, sys, time
from pathlib import Path
from checker.cache import ExtractionCache
from checker.schema import ExtractionAnswer

old = ExtractionAnswer.model_validate_json(Path(sys.argv[2]).read_text())
new = old.model_copy(update={"event_times": old.event_times[:1], "durations": []})
cache = ExtractionCache(Path(sys.argv[1]))
key = "ab" * 32
cache.put(key, old)  # a complete entry already exists

real_fdopen = os.fdopen


class HalfWriter:
    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.handle.__exit__(*exc)

    def write(self, data):
        self.handle.write(data[: len(data) // 2])
        self.handle.flush()
        os.fsync(self.handle.fileno())
        print("half written", flush=True)
        time.sleep(30)  # killed here

    def __getattr__(self, name):
        return getattr(self.handle, name)


os.fdopen = lambda fd, mode: HalfWriter(real_fdopen(fd, mode))
cache.put(key, new)
print("not killed", flush=True)
"""


def test_writer_killed_half_way_through_an_entry_keeps_the_old_one(tmp_path: Path) -> None:
    """Deterministic: the writer (a harness around the real ``put``) stops half way through writing the
    bytes of a new version of an existing entry and is SIGKILLed there. A writer that wrote in place
    would leave half a JSON document; the cache must still hold the old, whole entry."""
    result = _big_result()
    payload = tmp_path / "result.json"
    payload.write_text(result.model_dump_json(), encoding="utf-8")
    cache_dir = tmp_path / "cache"
    writer = subprocess.Popen(
        [sys.executable, "-c", PAUSED_WRITER, str(cache_dir), str(payload)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "half written"
        writer.send_signal(signal.SIGKILL)
    finally:
        writer.kill()
        _, err = writer.communicate(timeout=30)
    assert writer.returncode == -signal.SIGKILL, err

    key = "ab" * 32
    [entry] = cache_dir.rglob("*.json")
    assert entry.name == f"{key}.json"
    assert ExtractionCache(cache_dir).get(key, ExtractionAnswer) == result  # the old version, whole
    [leftover] = cache_dir.rglob("*.tmp")  # the half-written new version, which nothing reads
    assert 0 < leftover.stat().st_size < entry.stat().st_size
    cache = ExtractionCache(cache_dir)
    cache.put(key, RESULT_A)
    assert ExtractionCache(cache_dir).get(key, ExtractionAnswer) == RESULT_A
