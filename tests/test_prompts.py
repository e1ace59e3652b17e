"""Prompt templates: the loader refuses to guess, and a golden file pins each rendering."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from reconcile_cases.builders import Article, count, ev

from checker.errors import PromptError
from checker.extract import render_chunk
from checker.prompts import DEFAULT_EXTRACT_PROMPT, RenderedPrompt, available, prompts_dir, render
from checker.reconcile.identity import batches
from checker.schema.convert import from_v1

STORM = ev("storm", "Florida")

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_VARIABLES = {"published": "2025-02-13", "text": "Golden article.\n\nSecond paragraph with “quotes”."}


def _alignment_request(name: str) -> RenderedPrompt:
    """The first request the aligner builds for a small two-article story: pins the claim lines too."""
    a = Article("a.txt", dt.date(2025, 2, 13))
    a.add("The storm killed at least 12 people.", count("at least 12", "deaths", "12", hedge="at least", event=STORM))
    b = Article("b.txt", dt.date(2025, 2, 14))
    b.add("Police said 27 people died.", count("27 people died", "fatalities", "27", event=STORM))
    return render(name, claims=batches([from_v1(a.build()), from_v1(b.build())])[0].text)


def _flatten(name: str) -> str:
    """The request exactly as the pipeline builds it: one chunk of an article (v2 numbers the
    sentences), or one alignment request."""
    if name.startswith("align_claims."):
        prompt = _alignment_request(name)
    else:
        prompt = render_chunk(name, GOLDEN_VARIABLES["text"], dt.date.fromisoformat(GOLDEN_VARIABLES["published"]))
    return "".join(f"=== {role}\n{content}\n" for role, content in prompt.messages)


@pytest.mark.parametrize("name", available())
def test_rendered_prompt_matches_golden(name: str) -> None:
    golden = GOLDEN / f"{name}.txt"
    assert golden.exists(), f"no golden file for {name}: render it and review it before adding"
    assert _flatten(name) == golden.read_text(encoding="utf-8")


def test_every_golden_file_has_a_template() -> None:
    assert sorted(p.stem for p in GOLDEN.glob("*.txt")) == available()


def test_default_prompt_exists_and_is_versioned() -> None:
    assert DEFAULT_EXTRACT_PROMPT in available()
    assert ".v" in DEFAULT_EXTRACT_PROMPT


@pytest.mark.parametrize("name", ["extract_claims.v999", "", "../prompts/extract_claims.v1", ".hidden", "a/b"])
def test_unknown_template_fails(name: str) -> None:
    with pytest.raises(PromptError, match="unknown prompt template"):
        render(name, **GOLDEN_VARIABLES)


def test_a_template_edited_while_running_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Templates are parsed once per version of the file, not once per process: a long-running
    # editorial service picks up an edit without a restart.
    (tmp_path / "t.v1.system.txt").write_text("Be careful.", encoding="utf-8")
    user = tmp_path / "t.v1.user.txt"
    user.write_text("Read ${text}", encoding="utf-8")
    monkeypatch.setenv("CHECKER_PROMPTS_DIR", str(tmp_path))
    assert render("t.v1", text="this").messages[1] == ("user", "Read this")
    user.write_text("Now read ${text} twice", encoding="utf-8")
    assert render("t.v1", text="this").messages[1] == ("user", "Now read this twice")
    user.unlink()
    with pytest.raises(PromptError, match="unknown prompt template"):
        render("t.v1", text="this")


def test_missing_variable_fails() -> None:
    with pytest.raises(PromptError, match="needs variables: published"):
        render(DEFAULT_EXTRACT_PROMPT, text="x")


def test_unused_variable_fails() -> None:
    with pytest.raises(PromptError, match="does not use variables: speaker"):
        render(DEFAULT_EXTRACT_PROMPT, speaker="x", **GOLDEN_VARIABLES)


def test_stray_dollar_in_template_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "bad.v1.system.txt").write_text("costs $ 5", encoding="utf-8")
    (tmp_path / "bad.v1.user.txt").write_text("${text}", encoding="utf-8")
    monkeypatch.setenv("CHECKER_PROMPTS_DIR", str(tmp_path))
    with pytest.raises(PromptError, match="stray"):
        render("bad.v1", text="x")


def test_hash_follows_the_text_and_the_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = render(DEFAULT_EXTRACT_PROMPT, **GOLDEN_VARIABLES)
    assert one.sha256 == render(DEFAULT_EXTRACT_PROMPT, **GOLDEN_VARIABLES).sha256
    assert one.sha256 != render(DEFAULT_EXTRACT_PROMPT, published="unknown", text=GOLDEN_VARIABLES["text"]).sha256
    for part in prompts_dir().glob(f"{DEFAULT_EXTRACT_PROMPT}.*.txt"):
        (tmp_path / part.name).write_text(part.read_text(encoding="utf-8") + " ", encoding="utf-8")
    monkeypatch.setenv("CHECKER_PROMPTS_DIR", str(tmp_path))
    assert render(DEFAULT_EXTRACT_PROMPT, **GOLDEN_VARIABLES).sha256 != one.sha256


@pytest.mark.parametrize(
    ("name", "topics"),
    [
        (
            "extract_claims.v1",
            ("weekday", "duration", "quantity", "title", "quote", "membership", "evidence", "null", "attribution"),
        ),
        (
            "extract_claims.v2",
            (
                "weekday",
                "durations",
                "quantities",
                "roles",
                "quotes",
                "memberships",
                "propositions",
                "entities",
                "events",
                "said_by",
                "null",
                "sentence",
                "date_line",
                "background",
                "part_of",
                "honorific",
            ),
        ),
    ],
)
def test_prompt_asks_for_what_an_editor_checks(name: str, topics: tuple[str, ...]) -> None:
    system = dict(render(name, **GOLDEN_VARIABLES).messages)["system"].lower()
    for topic in topics:
        assert topic in system, topic


def test_installed_wheel_fallback_has_the_same_templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A wheel carries prompts/ as checker/_prompts (pyproject's package-dir); same names, same bytes."""
    import tomllib

    config = tomllib.loads((Path(__file__).resolve().parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    assert setuptools["package-dir"]["checker._prompts"] == "prompts"
    assert "checker._prompts" in setuptools["packages"]
    assert setuptools["package-data"]["checker._prompts"] == ["*.txt"]
    assert all(p.suffix == ".txt" for p in prompts_dir().iterdir() if p.is_file())
