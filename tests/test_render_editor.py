"""The editor view of the text and Markdown reports (``--show editor``, the default) and ``--show all``.

Driven through the CLI (Click's CliRunner) on two stories: the seed articles read by the
offline extractor, and the hand-written seed claims (which have single-source statements).
Every expectation is computed from the same run's JSON report, not written down by hand.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from checker.cli import VIEWS, cli
from checker.render import SHOW_CHOICES, to_markdown, to_text
from checker.report import Evidence, Finding, FindingValue, Report, SourceSummary
from checker.schema.v1 import Attribution

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXTS = sorted((ROOT / "seeds").glob("*.txt"))
SEED_CLAIMS = sorted((ROOT / "fixtures" / "claims" / "seeds").glob("*.json"))

#: The two stories: (command, inputs, extra arguments).
STORIES: dict[str, tuple[str, list[Path], tuple[str, ...]]] = {
    "seeds-offline": ("check", SEED_TEXTS, ("--extractor", "offline")),
    "seed-claims": ("reconcile", SEED_CLAIMS, ()),
}
CONFLICTS = ("conflict", "internal_conflict", "misquote", "attribution_conflict")
AGREEMENTS = ("complementary", "agree")
#: What the editor view calls each kind when it counts single-source facts, in its order.
GROUP_OF = {
    "quantity": "numbers",
    "duration": "numbers",
    "event_time": "times",
    "quote": "quotes",
    "role": "titles",
    "membership": "lists",
    "proposition": "statements",
}
GROUPS = ("numbers", "times", "quotes", "titles", "lists", "statements")
SINGULAR = {"numbers": "number", "times": "time", "quotes": "quote", "titles": "title", "lists": "list"}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@cache
def output(story: str, *options: str, reverse: bool = False) -> str:
    command, paths, extra = STORIES[story]
    if not paths:
        pytest.skip(f"no inputs for {story}")
    names = [str(p) for p in (reversed(paths) if reverse else paths)]
    code, out, err = run(command, *names, *extra, *options)
    assert code in (0, 1), err
    return out


def report_json(story: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(output(story, "--format", "json"))
    return data


def findings(story: str, verdicts: tuple[str, ...]) -> list[dict[str, Any]]:
    return [f for f in report_json(story)["findings"] if f["verdict"] in verdicts]


def _plural(group: str, n: int) -> str:
    return f"{n} {SINGULAR.get(group, group[:-1]) if n == 1 else group}"


# --------------------------------------------------------------------------- the default view


@pytest.mark.parametrize("story", STORIES)
def test_each_conflict_is_printed_in_full_with_its_values_and_offsets(story: str) -> None:
    out = output(story)
    lines = out.splitlines()
    conflicts = findings(story, CONFLICTS)
    assert conflicts, "the story must have conflicts"
    for finding in conflicts:
        (head,) = [line for line in lines if f", {finding['id']})" in line]
        assert head.startswith(f"[{finding['severity']}] {finding['fact']}")
        assert f"({finding['rule']}, aligned by {finding['aligned_by']}, {finding['id']})" in head
        if finding["attributed_to"]:
            assert f"[attributed to {finding['attributed_to']}]" in head
        block = lines[lines.index(head) + 1 : lines.index(head) + 2 + len(finding["values"])]
        assert block[0] == f"    {finding['explanation']}"
        for value, line in zip(finding["values"], block[1:], strict=True):
            ev = value["evidence"]
            assert line.startswith(f"    - {value['source']}: {value['value']!r} -> {value['normalized']}  [")
            assert f"  @{ev['start']}-{ev['end']} " in line
            who = value["attribution"]["name"] or "an unnamed source"
            assert ("[outlet's own voice" if value["attribution"]["source_type"] == "outlet" else who) in line
    first_agreement = min(out.index(f"== {v.upper()} (") for v in AGREEMENTS if f"== {v.upper()} (" in out)
    assert all(out.index(f", {f['id']})") < first_agreement for f in conflicts)


@pytest.mark.parametrize("story", STORIES)
def test_each_agreement_is_exactly_one_line(story: str) -> None:
    out = output(story)
    agreements = findings(story, AGREEMENTS)
    assert agreements, "the story must have agreements"
    for finding in agreements:
        matching = [line for line in out.splitlines() if finding["id"] in line]
        assert len(matching) == 1, (finding["fact"], matching)
        (line,) = matching
        assert line.startswith(f"  {finding['fact'][:60]}")
        assert f"({finding['rule']}, {finding['id']})" in line
        for source in {v["source"] for v in finding["values"]}:
            assert source in line
        for value in finding["values"]:  # the values, not their evidence
            assert f"@{value['evidence']['start']}-{value['evidence']['end']}" not in line


@pytest.mark.parametrize("story", STORIES)
def test_single_source_facts_are_counted_per_source(story: str) -> None:
    counts: dict[str, Counter[str]] = {}
    for finding in findings(story, ("single_source",)):
        for source in {v["source"] for v in finding["values"]}:
            counts.setdefault(source, Counter())[GROUP_OF[finding["kind"]]] += 1
    assert counts
    lines = output(story).splitlines()
    tallies = [line for line in lines if " no other source reports (" in line]
    assert len(tallies) == len(counts)
    for source, per_group in counts.items():
        total = sum(per_group.values())
        groups = ", ".join(_plural(g, per_group[g]) for g in GROUPS if per_group[g])
        noun = "fact" if total == 1 else "facts"
        assert f"  {source}: {total} {noun} no other source reports ({groups})" in tallies


@pytest.mark.parametrize("story", STORIES)
def test_single_source_quotes_and_titles_are_listed_and_statements_are_not(story: str) -> None:
    out = output(story)
    lines = out.splitlines()
    single = findings(story, ("single_source",))
    listed = [f for f in single if f["kind"] in ("quote", "role")]
    assert listed
    start = lines.index("  Quotes and titles only one source reports:")
    block = lines[start + 1 : start + 1 + len(listed)]
    assert all(line.startswith(("    quote  ", "    title  ")) for line in block)
    assert start + 1 + len(listed) == len(lines) or not lines[start + 1 + len(listed)].startswith("    quote")
    for finding in listed:
        (value,) = {v["source"]: v for v in finding["values"]}.values()  # one source
        label = "quote" if finding["kind"] == "quote" else "title"
        words = value["value"][:40]
        hits = [line for line in block if line.startswith(f"    {label}  ") and words in line]
        assert any(line.endswith(f"  ({value['source']})") for line in hits), (finding["fact"], hits)
        speaker = value["attribution"]["name"] if finding["kind"] == "quote" else None
        if speaker:
            assert any(speaker.split()[-1] in line for line in hits)
    elsewhere = " ".join(
        f"{f['fact']} {f['explanation']} " + " ".join(v["value"] for v in f["values"])
        for f in report_json(story)["findings"]
        if f["kind"] != "proposition" or f["verdict"] != "single_source"
    )
    for finding in single:
        if finding["kind"] in ("quote", "role"):
            continue
        assert finding["id"] not in out
        for value in finding["values"]:
            if value["value"] not in elsewhere:
                assert value["value"] not in out, finding["fact"]


def test_the_hand_written_claims_have_single_source_statements_to_collapse() -> None:
    kinds = Counter(f["kind"] for f in findings("seed-claims", ("single_source",)))
    assert kinds["proposition"] > 10


@pytest.mark.parametrize("story", STORIES)
def test_the_last_line_says_what_was_shortened(story: str) -> None:
    agreements = findings(story, AGREEMENTS)
    single = findings(story, ("single_source",))
    listed = sum(1 for f in single if f["kind"] in ("quote", "role"))
    last = output(story).splitlines()[-1]
    assert last == (
        f"Shown briefly: {len(agreements)} agreements (one line each) and {len(single)} single-source facts"
        f" (counted per source; {listed} quotes and titles listed). --show all prints every finding in full."
    )


# --------------------------------------------------------------------------- --show all, determinism, config


@pytest.mark.parametrize("story", STORIES)
def test_show_all_prints_every_finding_id(story: str) -> None:
    every = report_json(story)["findings"]
    full = output(story, "--show", "all")
    assert all(f["id"] in full for f in every)
    assert "Shown briefly" not in full
    editor = output(story)
    assert any(f["id"] not in editor for f in every)  # the default view really is shorter
    assert len(editor.splitlines()) < len(full.splitlines())


@pytest.mark.parametrize("story", STORIES)
@pytest.mark.parametrize("fmt", ["text", "markdown"])
@pytest.mark.parametrize("show", VIEWS)
def test_views_are_byte_identical_across_runs_and_source_order(story: str, fmt: str, show: str) -> None:
    first = output(story, "--format", fmt, "--show", show)
    command, paths, extra = STORIES[story]
    code, again, _ = run(command, *map(str, paths), *extra, "--format", fmt, "--show", show)
    assert code in (0, 1) and again == first
    assert output(story, "--format", fmt, "--show", show, reverse=True) == first


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_the_editor_view_does_not_depend_on_hash_seeds(fmt: str) -> None:
    """Another process, another string hash order: the same bytes (sets and dicts must not leak into the order)."""
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONHASHSEED": seed}
        result = subprocess.run(
            [sys.executable, "-m", "checker", "reconcile", *map(str, SEED_CLAIMS), "--format", fmt],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            check=False,
        )
        assert result.returncode == 1, result.stderr
        outputs.add(result.stdout)
    assert outputs == {output("seed-claims", "--format", fmt)}


@pytest.mark.parametrize("fmt", ["json", "html"])
def test_show_is_ignored_for_json_and_html(fmt: str) -> None:
    assert output("seed-claims", "--format", fmt, "--show", "all") == output("seed-claims", "--format", fmt)


def test_markdown_show_all_gives_every_finding_a_heading() -> None:
    every = report_json("seed-claims")["findings"]
    full = output("seed-claims", "--format", "markdown", "--show", "all")
    assert full.count("\n### ") == len(every)
    editor = output("seed-claims", "--format", "markdown")
    assert editor.count("\n### ") == len(findings("seed-claims", CONFLICTS))
    assert editor.rstrip().endswith("`--show all` prints every finding in full.")


def test_the_view_comes_from_the_config_file_below_the_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full, editor = output("seed-claims", "--show", "all"), output("seed-claims")  # made outside tmp_path
    assert full != editor
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.toml").write_text('show = "all"\n', encoding="utf-8")
    _, from_config, _ = run("reconcile", *map(str, SEED_CLAIMS))
    assert from_config == full
    _, flag, _ = run("reconcile", *map(str, SEED_CLAIMS), "--show", "editor")
    assert flag == editor


def test_an_unknown_view_is_refused() -> None:
    code, _, err = run("reconcile", *map(str, SEED_CLAIMS), "--show", "everything")
    assert code == 2 and "everything" in err
    assert VIEWS == SHOW_CHOICES
    with pytest.raises(ValueError, match="unknown view"):
        to_text(Report(), show="everything")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- hand-made reports


def _value(source: str, value: str, name: str | None = None, evidence: str | None = None) -> FindingValue:
    text = evidence or value
    return FindingValue(
        source=source,
        value=value,
        normalized=value.lower(),
        attribution=Attribution(source_type="person" if name else "outlet", name=name),
        modality="happened",
        evidence=Evidence(text=text, start=10, end=10 + len(text)),
    )


def _finding(fid: str, kind: str, verdict: str, fact: str, values: list[FindingValue]) -> Finding:
    return Finding(
        id=fid,
        fact=fact,
        kind=kind,
        verdict=verdict,
        severity="low",
        rule=f"{kind}.{verdict}",
        explanation=f"{fact}: {verdict}",
        values=values,
    )


HOSTILE = "*bold* [link](http://x.example) <b>tag</b> `code` _u_"


def _hostile_report() -> Report:
    return Report(
        sources=[SourceSummary(name="a*.txt", extractor="external", claims=3, ungrounded=0)],
        findings=[
            _finding("c1", "quote", "misquote", f"quote by Ann: “{HOSTILE}”", [_value("a*.txt", HOSTILE, "Ann")]),
            _finding(
                "g1", "role", "agree", f"title of {HOSTILE} (mayor)", [_value("a*.txt", HOSTILE), _value("b.txt", "x")]
            ),
            _finding("q1", "quote", "single_source", f"quote by <i>Bo</i>: “{HOSTILE}”", [_value("a*.txt", HOSTILE)]),
            _finding("r1", "role", "single_source", "title of [Cy](x) (mayor)", [_value("a*.txt", "# Mayor")]),
            _finding("prop-0000001", "proposition", "single_source", "Cy resign", [_value("a*.txt", "*resigned*")]),
        ],
    )


def test_markdown_editor_view_escapes_article_text() -> None:
    md = to_markdown(_hostile_report())
    escaped = "\\*bold\\* \\[link\\](http://x.example) \\<b\\>tag\\</b\\> \\`code\\` \\_u\\_"
    assert md.count(escaped) == 7  # misquote: heading, explanation, value, evidence; agreement: fact, value; quote
    assert f"- Quote · \\<i\\>Bo\\</i\\>: **{escaped}** · `a*.txt`" in md
    assert "- Title · \\[Cy\\](x): **# Mayor** · `a*.txt`" in md  # mid-line: '#' is not a heading
    assert "- `a*.txt`: 3 facts no other source reports (1 quote, 1 title, 1 statement)" in md
    for raw in ("*bold*", "[link]", "<b>", "`code`", "<i>Bo</i>", "[Cy](x)", "*resigned*"):
        assert raw not in md
    assert "resigned" not in md and "prop-0000001" not in md  # statements are only counted
    assert md == to_markdown(_hostile_report())


@pytest.mark.parametrize(
    ("kinds", "phrase"),
    [
        (["quote"], "1 fact no other source reports (1 quote)"),
        (["quantity", "duration", "event_time"], "3 facts no other source reports (2 numbers, 1 time)"),
        (["proposition", "membership", "role"], "3 facts no other source reports (1 title, 1 list, 1 statement)"),
        (["proposition", "proposition"], "2 facts no other source reports (2 statements)"),
    ],
    ids=["one-quote", "numbers-and-a-time", "title-list-statement", "two-statements"],
)
def test_single_source_phrase(kinds: list[str], phrase: str) -> None:
    report = Report(
        findings=[
            _finding(f"s{i}", kind, "single_source", f"fact {i}", [_value("a.txt", f"v{i}")])
            for i, kind in enumerate(kinds)
        ]
    )
    assert f"  a.txt: {phrase}\n" in to_text(report)


def test_the_report_model_contract_holds_under_lint_imports() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.skip("lint-imports is not installed")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [exe, "--no-cache"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    said = " ".join(result.stdout.split())  # rich wraps long contract names
    assert "the report model is data: it never imports the renderings, which import it KEPT" in said
