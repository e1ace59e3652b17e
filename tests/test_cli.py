"""The CLI in-process (Click's CliRunner): commands, formats, exit codes, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker import __version__
from checker.cli import cli
from checker.schema import SourceClaims

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = sorted((ROOT / "fixtures" / "claims" / "seeds").glob("*.json"))


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out


def test_help_lists_commands_with_examples() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for command in ("check", "extract", "reconcile", "schema"):
        assert command in out
    assert "Exit status" in out
    for command in ("check", "extract", "reconcile", "schema"):
        code, out, _ = run(command, "--help")
        assert code == 0 and "Example" in out, command


def test_schema_prints_the_claims_file_schema() -> None:
    code, out, _ = run("schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["properties"]["schema_version"]["const"] == "2.0"
    assert {"entities", "events", "claims", "date_line"} <= set(schema["properties"])
    assert {"RoleClaim", "Entity", "Event"} <= set(schema["$defs"])


@pytest.mark.parametrize(("prompt", "lists"), [("", "quantities"), ("extract_claims.v1", "claims")])
def test_schema_answer_prints_what_the_model_is_asked_for(prompt: str, lists: str) -> None:
    code, out, _ = run("schema", "--answer", *([prompt] if prompt else []))
    assert code == 0
    assert lists in json.loads(out)["properties"]


def test_schema_answer_for_an_unknown_prompt_is_a_one_line_error() -> None:
    code, out, err = run("schema", "--answer", "extract_claims.v999")
    assert code == 2 and out == "" and "unknown prompt 'extract_claims.v999'" in err


def _write_claims(tmp_path: Path, name: str, weekday: str) -> Path:
    text = f"The two leaders held a phone call on {weekday}."
    evidence = f"held a phone call on {weekday}"
    start = text.index(evidence)
    claims = {
        "source": {"name": name},
        "extractor": {"kind": "external"},
        "claims": [
            {
                "claim": {
                    "kind": "event_time",
                    "event": {"type": "phone call", "participants": ["Ann Lee", "Bo Chan"]},
                    "date": None,
                    "weekday": weekday,
                    "time_of_day": None,
                    "as_written": f"on {weekday}",
                    "evidence": evidence,
                    "attribution": {"source_type": "outlet", "name": None},
                    "hedge": None,
                    "modality": "happened",
                },
                "evidence": {"text": evidence, "start": start, "end": start + len(evidence)},
                "match": "exact",
                "score": 100,
            }
        ],
    }
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(claims), encoding="utf-8")
    return path


def test_reconcile_conflict_exits_1_and_reports_json(tmp_path: Path) -> None:
    a = _write_claims(tmp_path, "a.txt", "Wednesday")
    b = _write_claims(tmp_path, "b.txt", "Thursday")
    code, out, err = run("reconcile", str(a), str(b), "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    verdicts = {f["verdict"] for f in report["findings"]}
    assert "conflict" in verdicts
    assert report["run"]["extractor_kinds"] == ["external"]


def test_reconcile_agreement_exits_0(tmp_path: Path) -> None:
    a = _write_claims(tmp_path, "a.txt", "Wednesday")
    b = _write_claims(tmp_path, "b.txt", "Wednesday")
    code, out, _ = run("reconcile", str(a), str(b))
    assert code == 0
    assert "agree" in out.lower()


@pytest.mark.parametrize(("fail_on", "expected"), [("conflict", 1), ("never", 0), ("any", 1)])
def test_fail_on(tmp_path: Path, fail_on: str, expected: int) -> None:
    a = _write_claims(tmp_path, "a.txt", "Wednesday")
    b = _write_claims(tmp_path, "b.txt", "Thursday")
    code, _, _ = run("reconcile", str(a), str(b), "--fail-on", fail_on)
    assert code == expected


def test_output_file(tmp_path: Path) -> None:
    a = _write_claims(tmp_path, "a.txt", "Wednesday")
    target = tmp_path / "report.json"
    code, out, _ = run("reconcile", str(a), "--format", "json", "-o", str(target))
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["findings"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not a valid claims file"),
        ('{"source": {"name": "x"}}', "not a valid claims file: extractor"),
        ("[]", "not a valid claims file"),
    ],
)
def test_malformed_claims_files_are_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    code, out, err = run("reconcile", str(path))
    assert code == 2 and out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_input_is_exit_2(tmp_path: Path) -> None:
    code, _, err = run("reconcile", str(tmp_path / "missing.json"))
    assert code == 2 and "no such file" in err
    code, _, err = run("check", str(tmp_path / "missing.txt"))
    assert code == 2 and "no such file" in err


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("reconcile", "x.json", "--format", "pdf")
    assert code == 2 and "pdf" in err


def test_llm_without_configuration_is_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("An article.", encoding="utf-8")
    code, _, err = run("check", str(path), "--extractor", "llm")
    assert code == 2 and "OPENAI_API_KEY or OPENAI_BASE_URL" in err


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["--debug", "reconcile", str(tmp_path / "missing.json")])
    assert result.exception is not None and type(result.exception).__name__ == "InputError"


def test_reconcile_seed_references_in_any_order_is_byte_identical() -> None:
    assert len(REFERENCE) == 5
    code1, forward, _ = run("reconcile", *map(str, REFERENCE), "--format", "json")
    code2, backward, _ = run("reconcile", *map(str, reversed(REFERENCE)), "--format", "json")
    assert code1 == code2 == 1
    assert forward == backward


def test_colour_only_on_a_terminal(tmp_path: Path) -> None:
    from checker.cli import _colourise

    a = _write_claims(tmp_path, "a.txt", "Wednesday")
    b = _write_claims(tmp_path, "b.txt", "Thursday")
    _, out, _ = run("reconcile", str(a), str(b))
    assert "\x1b[" not in out  # CliRunner's stdout is not a terminal
    assert "== CONFLICT" in out
    coloured = _colourise(out)
    assert "\x1b[31m\x1b[1m== CONFLICT" in coloured or "\x1b[1m\x1b[31m== CONFLICT" in coloured


def test_every_text_report_states_how_it_was_made(tmp_path: Path) -> None:
    a = _write_claims(tmp_path, "a.txt", "Wednesday")
    _, out, _ = run("reconcile", str(a))
    assert (
        "extractor: external; alignment: rules; model calls: 0; tokens: 0 prompt + 0 completion; cache hits: 0" in out
    )


@pytest.mark.parametrize(("fmt", "marker"), [("markdown", "# "), ("html", "<!DOCTYPE html>")])
def test_markdown_and_html_formats(tmp_path: Path, fmt: str, marker: str) -> None:
    a = _write_claims(tmp_path, "a.txt", "Wednesday")
    b = _write_claims(tmp_path, "b.txt", "Thursday")
    code, out, _ = run("reconcile", str(a), str(b), "--format", fmt)
    assert code == 1
    assert out.lstrip().lower().startswith(marker.lower())
    assert "Wednesday" in out and "Thursday" in out


def test_check_html_shows_the_sources_with_highlighted_evidence(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ann Lee and Bo Chan held a phone call on Tuesday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ann Lee and Bo Chan held a phone call on Friday.", encoding="utf-8")
    target = tmp_path / "report.html"
    code, _, err = run(
        "check",
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        "--extractor",
        "offline",
        "--format",
        "html",
        "-o",
        str(target),
    )
    assert code == 1, err
    page = target.read_text(encoding="utf-8")
    assert "<mark" in page and "Friday</mark>" in page.replace("\n", "")


def test_extract_refuses_two_sources_that_would_write_one_claims_file(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Ann Lee met Bo Chan on Tuesday ({folder}).", encoding="utf-8")
    out = tmp_path / "claims"
    code, _, err = run(
        "extract",
        str(tmp_path / "a" / "story.txt"),
        str(tmp_path / "b" / "story.txt"),
        "--extractor",
        "offline",
        "-o",
        str(out),
    )
    assert code == 2 and "two sources are named 'story.txt'" in err
    assert not out.exists()  # nothing half-written


def test_extract_writes_one_claims_file_per_source(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Ann Lee and Bo Chan held a phone call on Tuesday.", encoding="utf-8")
    code, _, err = run("extract", str(tmp_path / "a.txt"), "--extractor", "offline", "-o", str(tmp_path / "out"))
    assert code == 0, err
    claims = SourceClaims.model_validate_json((tmp_path / "out" / "a.txt.json").read_text(encoding="utf-8"))
    assert claims.extractor.kind == "offline" and claims.claims
