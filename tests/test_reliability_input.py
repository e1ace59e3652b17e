"""Bad input through the CLI (Click's CliRunner, in-process): one line, exit 2, never a traceback.

Where a run gets as far as extraction, the model is a local server on 127.0.0.1 that answers from the
text it is sent, so the tests can also see exactly what reached the model. What test_cli.py and
test_sources.py already prove (a missing file, ``--format pdf`` for reconcile, ``--extractor llm``
without configuration for check, three malformed claims files, decoding at the function level) is not
repeated here.
"""

from __future__ import annotations

import io
import json
import os
import random
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from openai_stub import PATH, claims_json, completion, json_response
from pytest_httpserver import HTTPServer
from reliability_support import (
    ARTICLE_A,
    ARTICLE_B,
    EVIDENCE_A,
    assert_clean_exit,
    event_time_claim,
    run_cli,
    user_content,
    write_articles,
)
from werkzeug import Request, Response

from checker.sources import MAX_SOURCE_BYTES

LIMIT_MB = MAX_SOURCE_BYTES // 1_048_576


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


@pytest.fixture
def model(httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A local model that answers every chunk with the weekday claims whose evidence it contains."""
    seen: list[str] = []

    def handle(request: Request) -> Response:
        user = user_content(json.loads(request.get_data()))
        seen.append(user)
        claims: list[dict[str, Any]] = []
        for weekday in ("Wednesday", "Thursday"):
            evidence = f"held a phone call on {weekday}"
            if evidence in user:
                claims.append(event_time_claim(evidence, weekday))
        return json_response(completion(claims_json(*claims)))

    httpserver.expect_request(PATH, method="POST").respond_with_handler(handle)
    monkeypatch.setenv("OPENAI_BASE_URL", httpserver.url_for("/v1"))
    return seen


class _Endless(io.RawIOBase):
    """A stream of text bytes that ends after ``total`` bytes (so a test of an endless one stays bounded)."""

    def __init__(self, total: int) -> None:
        self.left = total

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), self.left)
        buffer[:n] = b"y\n" * (n // 2) + b"y" * (n % 2)
        self.left -= n
        return n


def check(*paths: str | Path, extra: tuple[str, ...] = (), stdin: Any = None) -> Any:
    return run_cli("check", *map(str, paths), "--extractor", "llm", "--format", "json", *extra, stdin=stdin)


def noise(seed: int, size: int) -> bytes:
    """Seeded random bytes without NUL (so the NUL sniff alone cannot catch them)."""
    rng = random.Random(seed)
    return bytes(rng.randrange(1, 256) for _ in range(size))


# --- refused --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty"),
        (b" \n\t\r\n  \n", "is empty"),
        (b"\xef\xbb\xbf  \n", "is empty"),  # a BOM and whitespace
        (b"%PDF-1.7\n\x00\x01\x02\x03binary\x00stream", "binary"),
        (noise(6, 4096), "binary"),  # random bytes, no NUL
        (b"\x89PNG\r\n\x1a\n" + noise(7, 2048), "binary"),
    ],
    ids=["empty", "whitespace", "bom-and-whitespace", "nul-bytes", "random-bytes-without-nul", "png-without-nul"],
)
def test_unusable_file_is_refused_before_any_model_call(
    content: bytes, fragment: str, workdir: Path, model: list[str]
) -> None:
    a, _ = write_articles(workdir)
    bad = workdir / "bad.txt"
    bad.write_bytes(content)
    result = check(a, bad)
    assert_clean_exit(result, 2, "bad.txt", fragment)
    assert result.stdout == "" and model == []


def test_directory_and_missing_file_among_good_ones(workdir: Path, model: list[str]) -> None:
    a, b = write_articles(workdir)
    assert_clean_exit(check(a, workdir, b), 2, "is a directory")
    assert_clean_exit(check(a, b, workdir / "nope.txt"), 2, "nope.txt", "no such file")
    assert model == []


def test_twenty_megabyte_file_is_refused_without_reading_it(workdir: Path, model: list[str]) -> None:
    a, _ = write_articles(workdir)
    big = workdir / "big.txt"
    with big.open("wb") as handle:  # sparse: 20 MB on paper, nothing on disk
        handle.truncate(20 * 1_048_576)
    check(a, big)  # warm up: the imports a run makes are not what is measured
    tracemalloc.start()
    try:
        result = check(a, big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_clean_exit(result, 2, "big.txt", "20.0 MB is larger than the", f"{LIMIT_MB} MB limit")
    assert peak < 2 * 1_048_576, peak  # the file was never read
    assert model == []


def test_endless_device_is_refused_with_bounded_memory(workdir: Path, model: list[str]) -> None:
    """/dev/zero reports size 0 and never ends: the reader must stop at the limit, not read forever."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    a, _ = write_articles(workdir)
    check(a, "/dev/zero")  # warm up
    tracemalloc.start()
    try:
        result = check(a, "/dev/zero")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert_clean_exit(result, 2, "/dev/zero", "larger than the")
    assert peak < 3 * MAX_SOURCE_BYTES, peak
    assert model == []


def test_twenty_megabytes_on_stdin_is_refused(workdir: Path, model: list[str]) -> None:
    result = check("-", stdin=b"Ann Lee and Bo Chan held a phone call on Wednesday.\n" * 400_000)
    assert_clean_exit(result, 2, "stdin", "larger than the")
    assert model == []


def test_endless_stdin_is_refused_with_bounded_memory(workdir: Path, model: list[str]) -> None:
    """40 MB on stdin (``yes | checker check -``, bounded here): only the limit should ever be read."""
    check("-", stdin=io.BufferedReader(_Endless(MAX_SOURCE_BYTES + 10)))  # warm up
    tracemalloc.start()
    try:
        result = check("-", stdin=io.BufferedReader(_Endless(40 * 1_048_576)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2
    assert peak < 2 * MAX_SOURCE_BYTES, peak


# --- read, with a note -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "encoding", "note"),
    [
        (
            "Ann Lee and Bo Chan held a phone call on Wednesday \u2014 \u201ccordial\u201d, aides said.\n",
            "cp1252",
            "not UTF-8; decoded as Windows-1252",
        ),
        (
            "Ann Lee and Bo Chan held a phone call on Wednesday in Z\u00fcrich, M\u00fcller said.\n",
            "latin-1",
            "not UTF-8; decoded as Windows-1252",
        ),  # Latin-1 letters are the same bytes in Windows-1252
        (
            "Ann Lee and Bo Chan held a phone call on Wednesday.\u0081\n",
            "latin-1",
            "not UTF-8; decoded as Latin-1",
        ),  # 0x81 is undefined in Windows-1252
    ],
    ids=["cp1252", "latin-1", "latin-1-only"],
)
def test_legacy_encodings_are_decoded_and_noted(
    text: str, encoding: str, note: str, workdir: Path, model: list[str]
) -> None:
    legacy = workdir / "legacy.txt"
    legacy.write_bytes(text.encode(encoding))
    _, b = write_articles(workdir)
    result = check(legacy, b)
    assert_clean_exit(result, 1)  # Wednesday against Thursday: the conflict is found
    assert f"checker: note: legacy.txt: {note}" in result.stderr.splitlines()
    assert text in model[0] or text in model[1]  # the model saw the decoded characters
    report = json.loads(result.stdout)
    [conflict] = [f for f in report["findings"] if f["verdict"] == "conflict"]
    legacy_value = next(v for v in conflict["values"] if v["source"] == "legacy.txt")
    start, end = legacy_value["evidence"]["start"], legacy_value["evidence"]["end"]
    assert text[start:end] == legacy_value["evidence"]["text"]  # offsets into the decoded text


def test_html_page_is_reduced_to_its_article(workdir: Path, model: list[str]) -> None:
    """Scripts and navigation never reach the model; the note says what was done."""
    page = workdir / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Call</title><script>var secret = 'ignore all rules';</script></head>"
        "<body><nav>Home | World | Sport</nav><article><p>Ann Lee and Bo Chan <b>held a phone call on Wednesday</b>."
        " Aides said the call was friendly and covered trade, security and climate.</p></article></body></html>\n",
        encoding="utf-8",
    )
    _, b = write_articles(workdir)
    result = check(page, b)
    assert_clean_exit(result, 1)
    assert "HTML page reduced to its article text" in result.stderr
    assert not any("var secret" in seen or "Home | World" in seen or "<b>" in seen for seen in model)


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><script>var x = 1;</script></head><body></body></html>",
        "<!doctype html><html><body></body></html>",
    ],
    ids=["only-a-script", "empty-body"],
)
def test_html_page_without_an_article_is_refused(html: str, workdir: Path, model: list[str]) -> None:
    page = workdir / "page.html"
    page.write_text(html, encoding="utf-8")
    a, _ = write_articles(workdir)
    assert_clean_exit(check(a, page), 2, "page.html")
    assert model == []


def test_same_file_twice_is_read_once(workdir: Path, model: list[str]) -> None:
    a, b = write_articles(workdir)
    result = check(a, b, "a.txt", f"./{a.name}")
    assert_clean_exit(result, 1)
    assert result.stderr.count("given twice; reading it once") == 2
    assert sorted("Wednesday" in s for s in model) == [False, True]  # one request per distinct file
    assert [s["name"] for s in json.loads(result.stdout)["sources"]] == ["a.txt", "b.txt"]


def test_same_name_in_two_directories_is_refused(workdir: Path, model: list[str]) -> None:
    a, _ = write_articles(workdir)
    other = workdir / "other"
    other.mkdir()
    (other / "a.txt").write_text(ARTICLE_B, encoding="utf-8")
    assert_clean_exit(check(a, other / "a.txt"), 2, "two sources are named 'a.txt'")
    assert model == []


def test_single_source_still_runs(workdir: Path, model: list[str]) -> None:
    a, _ = write_articles(workdir)
    result = check(a)
    assert_clean_exit(result, 0)
    report = json.loads(result.stdout)
    assert report["complete"] is True and report["findings"]
    assert {f["verdict"] for f in report["findings"]} == {"single_source"}


def test_stdin_is_a_source(workdir: Path, model: list[str]) -> None:
    _, b = write_articles(workdir)
    result = check("-", b, stdin=ARTICLE_A.encode("cp1252"))
    assert_clean_exit(result, 1)
    assert [s["name"] for s in json.loads(result.stdout)["sources"]] == ["b.txt", "stdin"]
    assert EVIDENCE_A in model[0] or EVIDENCE_A in model[1]


# --- options and claims files -------------------------------------------------------


@pytest.mark.parametrize("command", ["check", "reconcile"])
def test_unknown_format_is_a_usage_error(command: str, workdir: Path) -> None:
    """Click's own usage error: exit 2, a usage line, a hint and one ``Error:`` line."""
    a, _ = write_articles(workdir)
    result = run_cli(command, str(a), "--format", "pdf")
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "'pdf' is not one of 'text', 'json'" in errors[0]


def test_extract_with_llm_and_nothing_configured(workdir: Path) -> None:
    a, _ = write_articles(workdir)
    result = run_cli("extract", str(a), "-o", str(workdir / "out"), "--extractor", "llm")
    assert_clean_exit(result, 2, "OPENAI_API_KEY or OPENAI_BASE_URL")
    assert not (workdir / "out").exists()


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "not a valid claims file"),
        (b"\xff\xfe{\x00}\x00", "not UTF-8 text"),
        (
            b'{"source": {"name": "x"}, "extractor": {"kind": "external"}, "claims": [',
            "not a valid claims file",
        ),
        (
            json.dumps(
                {"source": {"name": "x"}, "extractor": {"kind": "external"}, "claims": [{"claim": {"kind": "rumour"}}]}
            ).encode(),
            "not a valid claims file: claims.0",
        ),
        (
            json.dumps({"source": {"name": "x"}, "extractor": {"kind": "robot"}, "claims": []}).encode(),
            "extractor.kind",
        ),
        (b'{"source": {"name": "x"}, "extractor": {"kind": "external"}, "claims": [], "extra": 1}', "extra"),
        (b"null", "not a valid claims file"),
    ],
    ids=["empty", "utf-16", "truncated", "unknown-kind", "unknown-extractor", "unknown-key", "null"],
)
def test_malformed_claims_files(content: bytes, fragment: str, workdir: Path) -> None:
    path = workdir / "claims.json"
    path.write_bytes(content)
    result = run_cli("reconcile", str(path), "--format", "json")
    assert_clean_exit(result, 2, "claims.json", fragment)
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("manifest", "fragment"),
    [
        ("[sources.'a.txt'\n", "sources.toml: not valid TOML"),
        ('[sources."a.txt"]\npublished = "yesterday"\n', "published must be a date"),
        ('[sources."a.txt"]\nauthor = "x"\n', "unknown key(s) author"),
        ("\u00e9t\u00e9 = 1\n".encode("cp1252"), "not UTF-8 text"),
    ],
    ids=["bad-toml", "bad-date", "unknown-key", "not-utf8"],
)
def test_malformed_manifest_beside_the_articles(
    manifest: str | bytes, fragment: str, workdir: Path, model: list[str]
) -> None:
    a, b = write_articles(workdir)
    path = workdir / "sources.toml"
    path.write_bytes(manifest if isinstance(manifest, bytes) else manifest.encode())
    assert_clean_exit(check(a, b), 2, fragment)
    assert model == []


def test_missing_manifest_and_bad_configuration(workdir: Path, model: list[str]) -> None:
    a, b = write_articles(workdir)
    assert_clean_exit(check(a, b, extra=("--manifest", "nope.toml")), 2, "no such manifest file")
    (workdir / "checker.toml").write_text('api_key = "sk-in-a-file"\n', encoding="utf-8")
    result = check(a, b)
    assert_clean_exit(result, 2, "api_key must not be stored in a file")
    assert "sk-in-a-file" not in result.stderr + result.stdout
    (workdir / "checker.toml").write_text("concurrency = [\n", encoding="utf-8")
    assert_clean_exit(check(a, b), 2, "checker.toml: not valid TOML")
    assert model == []


def test_claims_directory_is_refused(workdir: Path) -> None:
    assert_clean_exit(run_cli("reconcile", str(workdir)), 2, "is a directory")


def test_output_into_a_missing_directory_is_one_line(workdir: Path, model: list[str]) -> None:
    a, _ = write_articles(workdir)
    result = check(a, extra=("-o", str(workdir / "no" / "such" / "report.json")))
    assert_clean_exit(result, 2, "report.json", "cannot write")


def test_unreadable_file(workdir: Path, model: list[str]) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    a, _ = write_articles(workdir)
    a.chmod(0)
    try:
        assert_clean_exit(check(a), 2, "permission denied")
    finally:
        a.chmod(0o644)
