"""What the extraction pipeline adds on top of the model's own latency, and that the cache removes it.

    python bench/pipeline_overhead.py --sources 1 8 32 --delay 1.0

A local OpenAI-compatible server on 127.0.0.1 (stdlib ``ThreadingHTTPServer``: one thread per
connection, so concurrent requests are answered concurrently), by default in its own process as a
real model server is, sleeps ``--delay`` seconds and then answers ``/v1/chat/completions`` with the
recorded answer for the seed article in the request (``fixtures/cassettes/handwritten``: 28-40
claims each; ``--answers small`` sends two claims instead). N distinct sources (the seed articles,
each with a unique first line so every prompt and cache key differs) go through the real client
(``extract_sources``, extractor ``llm``, the openai SDK) with a fresh cache in a temporary
directory; the recorded evidence is found in them, so grounding does its real work.

Target: wall time <= ceil(N / concurrency) x delay x 1.05. Each size is timed ``--repeat`` times
(fresh cache each time; median reported); then the last cache is reused and the re-run must make
zero model calls (both the client's count and the server's request count are reported).

Process start-up, the first import of the openai SDK (``import_seconds``) and the first call of
the process (an untimed N=1 warm-up, ``first_run_seconds``: the SDK's lazily imported modules, its
SSL context, the first response_format schema) are reported but kept out of the medians;
``bench/cold_start.py`` covers start-up.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import math
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

try:
    from bench._common import ROOT, emit, median, table
except ModuleNotFoundError:  # run as a script: python bench/pipeline_overhead.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench._common import ROOT, emit, median, table

sys.path.insert(0, str(ROOT / "tests"))
# One Chat Completions body for the tests, fixtures/record.py and this benchmark.
from openai_stub import completion, estimated_usage  # type: ignore[import-not-found]

HOST = "127.0.0.1"
PATH = "/v1/chat/completions"
MODEL = "bench-stub"
ARTICLE_START, ARTICLE_END = "<<<ARTICLE\n", "\nARTICLE>>>"
MAX_REQUESTS_PER_RUN_FACTOR = 4  # the server refuses (HTTP 400, not retried) past 4 requests per source
SLACK = 1.05
STATE_PATH = "/bench/state"


@dataclass
class ServerState:
    """What the stub saw: request count and the most requests it had in flight at once."""

    delay: float
    max_requests: int
    requests: int = 0
    in_flight: int = 0
    max_in_flight: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def _article(user_message: str) -> str:
    start = user_message.find(ARTICLE_START)
    end = user_message.rfind(ARTICLE_END)
    if start < 0 or end < 0:
        return user_message
    return user_message[start + len(ARTICLE_START) : end]


RECORDED = ROOT / "fixtures" / "cassettes" / "handwritten"
_BENCH_COPY = re.compile(r"Bench copy \d+ of (\S+), filed")


@functools.cache
def recorded_answers() -> dict[str, dict[str, Any]]:
    """The recorded Chat Completions body of each seed article, by seed file name.

    These are the hand-written cassettes (fixtures/README.md): real requests from checker's
    client, answers of 28-40 claims each, the size a real extraction returns."""
    import yaml

    answers: dict[str, dict[str, Any]] = {}
    for cassette in sorted(RECORDED.glob("*.yaml")):
        interaction = yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"][0]
        if interaction["response"]["status"]["code"] == 200:
            answers[cassette.name.removesuffix(".yaml")] = json.loads(interaction["response"]["body"]["string"])
    return answers


def answer_for(request_body: dict[str, Any], answers: str = "recorded") -> dict[str, Any]:
    """The recorded answer for the seed article in the request; else (or with ``answers="small"``)
    a two-claim answer whose evidence is copied from the article."""
    user = "".join(m.get("content", "") for m in request_body.get("messages", []) if m.get("role") == "user")
    article = _article(user)
    seed = _BENCH_COPY.search(article[:200])
    if answers == "recorded" and seed and seed.group(1) in recorded_answers():
        return recorded_answers()[seed.group(1)]
    lines = [line.strip() for line in article.splitlines() if len(line.strip()) >= 20]
    first = lines[0] if lines else article.strip()
    second = lines[1] if len(lines) > 1 else first
    claims = [
        {
            "evidence": first[:80],
            "attribution": {"source_type": "outlet", "name": None},
            "hedge": None,
            "modality": "happened",
            "kind": "proposition",
            "subject": "the outlet",
            "predicate": "report",
            "object": first[:40],
            "negated": False,
        },
        {
            "evidence": second[:80],
            "attribution": {"source_type": "outlet", "name": None},
            "hedge": None,
            "modality": "happened",
            "kind": "proposition",
            "subject": "the article",
            "predicate": "state",
            "object": second[:40],
            "negated": False,
        },
    ]
    content = json.dumps({"claims": claims}, ensure_ascii=False)
    body: dict[str, Any] = completion(
        content, id="chatcmpl-bench", model=MODEL, usage=estimated_usage(request_body, content)
    )
    return body


def _handler(state: ServerState, answers: str) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects
        # TCP_NODELAY, as model servers set it: the handler writes headers and body separately,
        # and with Nagle on, the body of an answer on a reused connection waited for the client's
        # delayed ACK (~40 ms, seen as a stall before one answer of every wave).
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path != STATE_PATH:
                self._send(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})
                return
            with state.lock:
                self._send(200, {"requests": state.requests, "max_in_flight": state.max_in_flight})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path.rstrip("/") != PATH:
                self._send(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})
                return
            with state.lock:
                state.requests += 1
                over = state.requests > state.max_requests
                state.in_flight += 1
                state.max_in_flight = max(state.max_in_flight, state.in_flight)
            try:
                if over:  # a bound on the request loop: 400 is not retried by the client
                    self._send(400, {"error": {"message": "bench request budget exhausted", "type": "bench"}})
                    return
                time.sleep(state.delay)
                self._send(200, answer_for(body, answers))
            finally:
                with state.lock:
                    state.in_flight -= 1

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default listen backlog is 5: with 8 simultaneous connects the kernel drops SYNs
    # and the client retransmits one second later, which would be charged to the pipeline.
    request_queue_size = 256


@contextmanager
def stub_server(
    delay: float, max_requests: int, *, answers: str = "recorded", mode: str = "process"
) -> Iterator[tuple[str, ServerState]]:
    """Serve on 127.0.0.1 (a free port); yields the base URL and the counters.

    ``mode="process"`` (the default) runs the server in its own interpreter, as a real model server
    is: its JSON work does not share the client's GIL. ``mode="thread"`` serves from a daemon thread
    of this process (pessimistic: the server's CPU is charged to the pipeline)."""
    state = ServerState(delay=delay, max_requests=max_requests)
    if mode == "thread":
        server = _Server((HOST, 0), _handler(state, answers))
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        try:
            yield f"http://{HOST}:{server.server_address[1]}/v1", state
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)
        return
    command = [sys.executable, str(Path(__file__).resolve()), "--serve", "--delay", str(delay)]
    command += ["--max-requests", str(max_requests), "--answers", answers]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield f"http://{HOST}:{port}/v1", state
        no_proxy = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with no_proxy.open(f"http://{HOST}:{port}{STATE_PATH}", timeout=10) as response:
            counters = json.loads(response.read())
        state.requests, state.max_in_flight = counters["requests"], counters["max_in_flight"]
    finally:
        process.terminate()
        process.wait(timeout=10)


def serve(delay: float, max_requests: int, answers: str) -> int:
    """``--serve``: the stub server in the foreground; prints its port, then serves until killed."""
    recorded_answers()  # loaded before the port is announced, not during the first request
    server = _Server((HOST, 0), _handler(ServerState(delay=delay, max_requests=max_requests), answers))
    print(server.server_address[1], flush=True)
    server.serve_forever(poll_interval=0.05)
    return 0


def make_sources(n: int) -> list[Any]:
    """N distinct sources: the seed articles in turn, each with a unique first line."""
    from checker.sources import Source

    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds] or ["The phone call lasted 90 minutes, officials said.\n"]
    names = [p.name for p in seeds] or ["inline"]
    return [
        Source(
            text=f"Bench copy {i} of {names[i % len(texts)]}, filed for the overhead benchmark.\n\n"
            + texts[i % len(texts)],
            name=f"bench_{i:03d}.txt",
        )
        for i in range(n)
    ]


def _blocking(coro: Any) -> Any:
    """Run as the CLI and ``checker.check`` do (``run_blocking``, not a bare ``asyncio.run``)."""
    try:
        from checker.extract import run_blocking
    except ImportError:  # measuring a commit older than run_blocking
        return asyncio.run(coro)
    return run_blocking(coro)


async def _run(sources: Sequence[Any], base_url: str, cache_dir: Path, concurrency: int, timeout: float) -> Any:
    from checker.extract import ExtractOptions, extract_sources
    from checker.llm import LLMSettings

    settings = LLMSettings(
        model=MODEL, base_url=base_url, api_key="bench", timeout=timeout, transport_attempts=1, reasks=0
    )
    options = ExtractOptions(extractor="llm", llm=settings, cache_dir=cache_dir, concurrency=concurrency)
    return await asyncio.wait_for(extract_sources(sources, options), timeout=timeout)


def one_size(n: int, delay: float, concurrency: int, repeat: int, **server: str) -> dict[str, Any]:
    """Time N sources ``repeat`` times with fresh caches, then a cached re-run of the last cache."""
    sources = make_sources(n)
    target = math.ceil(n / concurrency) * delay * SLACK
    timeout = target * 4 + 30
    walls: list[float] = []
    max_in_flight = 0
    calls_first = 0
    with tempfile.TemporaryDirectory(prefix="checker-bench-") as tmp:
        for attempt in range(max(1, repeat)):
            cache_dir = Path(tmp) / f"cache{attempt}"
            with stub_server(delay, MAX_REQUESTS_PER_RUN_FACTOR * n, **server) as (url, state):
                started = time.perf_counter()
                result = _blocking(_run(sources, url, cache_dir, concurrency, timeout))
                walls.append(time.perf_counter() - started)
            failed = [o.source.name for o in result.outcomes if o.error is not None]
            if failed:
                raise SystemExit(f"N={n}: extraction failed for {failed[:3]}: {result.outcomes[0].error}")
            max_in_flight = max(max_in_flight, state.max_in_flight)
            calls_first = result.usage.calls
            grounded = sum(len(o.claims.claims) for o in result.outcomes if o.claims is not None)
        with stub_server(delay, MAX_REQUESTS_PER_RUN_FACTOR * n, **server) as (url, state):
            started = time.perf_counter()
            cached = _blocking(_run(sources, url, cache_dir, concurrency, timeout))
            cached_wall = time.perf_counter() - started
            cached_server_requests = state.requests
    wall = median(walls)
    return {
        "sources": n,
        "concurrency": concurrency,
        "delay": delay,
        "seconds": round(wall, 3),
        "seconds_min": round(min(walls), 3),
        "seconds_max": round(max(walls), 3),
        "runs": [round(w, 3) for w in walls],
        "target_seconds": round(target, 3),
        "target_met": wall <= target,
        "overhead_seconds": round(wall - math.ceil(n / concurrency) * delay, 3),
        "calls": calls_first,
        "server_max_in_flight": max_in_flight,
        "grounded_claims": grounded,
        "cached_seconds": round(cached_wall, 3),
        "cached_calls": cached.usage.calls,
        "cached_server_requests": cached_server_requests,
        "cache_hits": cached.cache_hits,
        "cached_zero_calls": cached.usage.calls == 0 and cached_server_requests == 0,
    }


def profile_run(n: int, delay: float, concurrency: int, top: int = 25, **server: str) -> list[dict[str, Any]]:
    """cProfile one warm run of N sources; print and return checker's and the SDK's hot spots."""
    import cProfile
    import pstats

    sources = make_sources(n)
    timeout = math.ceil(n / concurrency) * delay * 4 + 30
    profiler = cProfile.Profile()
    with (
        tempfile.TemporaryDirectory(prefix="checker-bench-") as tmp,
        stub_server(delay, 4 * n + 4, **server) as (url, _),
    ):
        _blocking(_run(make_sources(1), url, Path(tmp) / "warm", concurrency, timeout))
        profiler.enable()
        _blocking(_run(sources, url, Path(tmp) / "profiled", concurrency, timeout))
        profiler.disable()
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    interesting = ("checker/", "openai/lib/", "openai/_base_client", "pydantic/json_schema", "pydantic/main")
    rows = [
        {
            "function": f"{'/'.join(Path(filename).parts[-2:])}:{line}({func})",
            "calls": calls,
            "tottime": round(tottime, 3),
            "cumtime": round(cumtime, 3),
        }
        for (filename, line, func), (_cc, calls, tottime, cumtime, _callers) in raw.items()
        if any(part in filename for part in interesting)
    ]
    rows.sort(key=lambda r: r["cumtime"], reverse=True)
    print(f"cProfile of one warm run, N={n} (cumulative seconds; the profiler itself slows the run):")
    print(table(["function", "calls", "own s", "cum s"], [list(r.values()) for r in rows[:top]]))
    return rows[:top]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sources", type=int, nargs="+", default=[1, 8, 32], help="source counts (default 1 8 32)")
    parser.add_argument("--delay", type=float, default=1.0, help="server answer delay in seconds (default 1.0)")
    parser.add_argument("--concurrency", type=int, default=None, help="default: checker's own default (8)")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs per size; median reported (default 3)")
    parser.add_argument("--profile", action="store_true", help="also cProfile one warm run of the largest N")
    parser.add_argument(
        "--server",
        choices=["process", "thread"],
        default="process",
        help="stub server in its own process (default, as a model server is) or a thread of this one",
    )
    parser.add_argument(
        "--answers",
        choices=["recorded", "small"],
        default="recorded",
        help="recorded: each seed's recorded answer (28-40 claims); small: two claims per answer",
    )
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--max-requests", type=int, default=10_000, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        return serve(args.delay, args.max_requests, args.answers)
    if any(n < 1 or n > 512 for n in args.sources) or not 0 <= args.delay <= 30:
        parser.error("--sources must be 1..512 and --delay 0..30 seconds")

    started = time.perf_counter()
    import openai  # noqa: F401 - imported once here so its import time is not charged to the first size

    from checker.extract import DEFAULT_CONCURRENCY

    import_seconds = time.perf_counter() - started
    concurrency = args.concurrency or DEFAULT_CONCURRENCY
    # One untimed N=1 run first: the SDK imports more of itself, builds its SSL context and pydantic
    # builds the response_format schema on the first call of a process. Reported, not in the medians.
    server = {"answers": args.answers, "mode": args.server}
    warmup = one_size(1, args.delay, concurrency, 1, **server)
    print(f"first call in this process (cold SDK paths), N=1: {warmup['seconds']:.3f} s (not in the table)")
    rows = [one_size(n, args.delay, concurrency, args.repeat, **server) for n in args.sources]
    print(
        table(
            [
                "sources",
                "conc.",
                "delay s",
                "median s",
                "min s",
                "max s",
                "target s",
                "met",
                "overhead s",
                "calls",
                "max in flight",
                "cached s",
                "cached calls",
            ],
            [
                [
                    r["sources"],
                    r["concurrency"],
                    r["delay"],
                    r["seconds"],
                    r["seconds_min"],
                    r["seconds_max"],
                    r["target_seconds"],
                    "yes" if r["target_met"] else "NO",
                    r["overhead_seconds"],
                    r["calls"],
                    r["server_max_in_flight"],
                    r["cached_seconds"],
                    r["cached_calls"],
                ]
                for r in rows
            ],
        )
    )
    print(f"target: ceil(N / {concurrency}) x delay x {SLACK}")
    print(f"import of openai + checker.extract (not timed above): {import_seconds:.3f} s")
    result = {
        "delay": args.delay,
        "concurrency": concurrency,
        "repeat": args.repeat,
        "server": args.server,
        "answers": args.answers,
        "import_seconds": round(import_seconds, 3),
        "first_run_seconds": warmup["seconds"],
        "all_targets_met": all(r["target_met"] for r in rows),
        "all_cached_zero_calls": all(r["cached_zero_calls"] for r in rows),
        "sizes": rows,
    }
    if args.profile:
        result["profile_top"] = profile_run(max(args.sources), args.delay, concurrency, **server)
    emit("pipeline_overhead", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
