"""The scoreboard: does checker find what a careful fact-checker finds, on stories its rules were not written for?

Scores every story of the evaluation set (``tests/eval/<split>/<story>/``, see its README) for
each extractor:

* ``offline``: the built-in rule-based extractor;
* ``llm:<prompt>``: the model path, replaying the stand-in answers kept as cassettes in
  ``fixtures/cassettes/standin/<prompt>/<split>/<story>.yaml`` through checker's real client
  (openai SDK, structured output, grounding, reconciler); no network.

A finding *covers* an expected value when it holds a value of the same source whose span (the
value's own span when the report has one, else its evidence) overlaps the expected span.

* a **conflict** (conflict, internal conflict, misquote, attribution conflict) is *found* when one
  finding with a conflict verdict covers values with two different labels;
* an **agreement** is *met* when one agree/complementary finding covers values of two sources, and
  *falsely flagged* when a conflict finding covers two of its values and its own comparison says
  they disagree (the checker called agreeing values different; "at least 10" and "10" listed in a
  conflict over a third source's "2" are not called different);
* a **trap** (``not_conflict``) is *flagged* when a conflict finding covers two of its values with
  different labels;
* a misquote or attribution conflict flags quote items only: its values are quotations, which hold
  other facts' words (a date inside the quoted sentence is not called different by a misquote);
* on a story with ``no_conflict: true`` every conflict finding is a false flag.

Prints a table per story and per kind, dev and held-out apart, and writes the JSON to
``bench/results/quality.json`` (last stdout line too). The held-out split is scored only when asked
(``--split heldout`` or ``all``): it is read at the end of an issue, never while tuning.

    python bench/quality.py                      # dev stories, offline and every stand-in prompt
    python bench/quality.py --split all          # the end-of-issue figures, held-out included
    python bench/quality.py --story <name> --details   # what each expected item matched (dev only)
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import yaml  # noqa: E402

from bench._common import emit  # noqa: E402
from checker.report import Finding, Report  # noqa: E402

EVAL = ROOT / "tests" / "eval"
STANDIN = ROOT / "fixtures" / "cassettes" / "standin"
SPLITS = ("dev", "heldout")
CONFLICT_VERDICTS = frozenset({"conflict", "internal_conflict", "misquote", "attribution_conflict"})
AGREE_VERDICTS = frozenset({"agree", "complementary"})
STANDIN_MODEL = "standin"
REPLAY_URL = "http://127.0.0.1:9/v1"  # never contacted: vcrpy answers from the cassette


def _check_story_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_story", EVAL / "check_story.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class Value:
    source: str
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Item:
    id: str
    type: str
    kind: str
    level: str
    values: tuple[Value, ...]

    @property
    def group(self) -> str:
        if self.type in CONFLICT_VERDICTS:
            return "conflict"
        return "agreement" if self.type in AGREE_VERDICTS else "trap"


@dataclass(frozen=True)
class Story:
    name: str
    split: str
    path: Path
    no_conflict: bool
    items: tuple[Item, ...]
    origin: str


def stories(splits: Sequence[str], only: str | None = None) -> list[Story]:
    """The evaluation stories of ``splits``, validated (a broken expected.yaml stops the run)."""
    checker_module = _check_story_module()
    found: list[Story] = []
    for split in splits:
        for path in sorted(p for p in (EVAL / split).glob("*") if p.is_dir()):
            if only and path.name != only:
                continue
            problems, _ = checker_module.check(path)
            if problems:
                raise SystemExit(f"{path}: {problems[0]} (run tests/eval/check_story.py)")
            spec = yaml.safe_load((path / "expected.yaml").read_text(encoding="utf-8"))
            items = tuple(
                Item(
                    id=str(raw["id"]),
                    type=raw["type"],
                    kind=raw["kind"],
                    level=raw["level"],
                    values=tuple(
                        Value(v["source"], v["at"], v["at"] + len(v["text"]), str(v["value"]).strip().lower())
                        for v in raw["values"]
                    ),
                )
                for raw in spec["items"]
            )
            found.append(Story(path.name, split, path, bool(spec.get("no_conflict")), items, spec["origin"]))
    return found


# --- running checker ----------------------------------------------------------------------------


def _sources(story: Story) -> list[Any]:
    from checker.manifest import apply_manifest
    from checker.sources import read_source

    return apply_manifest([read_source(p) for p in sorted(story.path.glob("*.txt"))], None, [story.path])


def cassette_path(prompt: str, story: Story) -> Path:
    return STANDIN / prompt / story.split / f"{story.name}.yaml"


def standin_prompts() -> list[str]:
    """Extractors with stand-in cassettes: ``<prompt>`` for an extraction prompt, ``<prompt>+<align
    prompt>`` when alignment answers exist for its claims too."""
    if not STANDIN.is_dir():
        return []
    found = []
    for folder in sorted(p for p in STANDIN.iterdir() if p.is_dir()):
        if "+" in folder.name:
            align_prompt, prompt = folder.name.split("+", 1)
            found.append(f"{prompt}+{align_prompt}")
        else:
            found.append(folder.name)
    return sorted(found)


@contextlib.contextmanager
def replaying(cassette: Path) -> Iterator[None]:
    """Serve the model's side of every request from ``cassette``; a request it does not hold fails."""
    import vcr
    from cassette_config import VCR_CONFIG, configure

    recorder = vcr.VCR(record_mode="none", **VCR_CONFIG)
    configure(recorder)
    with recorder.use_cassette(str(cassette)):
        yield


def align_cassette_path(align_prompt: str, prompt: str, story: Story) -> Path:
    return STANDIN / f"{align_prompt}+{prompt}" / story.split / f"{story.name}.yaml"


def report_for(story: Story, extractor: str) -> Report:
    """The report checker gives on the story: ``offline``, ``llm:<prompt>`` (stand-in extraction replayed,
    rules alignment) or ``llm:<prompt>+<align prompt>`` (stand-in alignment replayed too)."""
    from checker.api import aextract, check, report_from_run
    from checker.extract import run_blocking

    sources = _sources(story)
    if extractor == "offline":
        return check(sources, extractor="offline", use_cache=False)
    prompt, _, align_prompt = extractor.removeprefix("llm:").partition("+")
    with replaying(cassette_path(prompt, story)):
        run = run_blocking(
            aextract(
                sources,
                extractor="llm",
                model=STANDIN_MODEL,
                base_url=REPLAY_URL,
                use_cache=False,
                prompt=prompt,
                concurrency=1,
            )
        )
    if not align_prompt:
        return report_from_run(run)
    from checker.align import align
    from checker.llm import LLMSettings

    settings = LLMSettings(model=STANDIN_MODEL, base_url=REPLAY_URL, api_key="standin")
    claims = [o.claims for o in run.outcomes if o.claims is not None]
    with replaying(align_cassette_path(align_prompt, prompt, story)):
        aligned = run_blocking(align(claims, settings, use_cache=False, concurrency=1))
    return report_from_run(run, None, aligned)


# --- scoring ------------------------------------------------------------------------------------


def _spans(finding: Finding, whole_sentence: bool) -> list[tuple[str, int, int, str]]:
    spans = []
    for value in finding.values:
        where = value.span if value.span is not None and not whole_sentence else value.evidence
        spans.append((value.source, where.start, where.end, value.normalized))
    return spans


def _covered(item: Item, finding: Finding) -> list[tuple[int, str]]:
    """(index of the expected value, the finding's normalised value for it) for each value it covers.

    A value is matched by its own span; a quotation's expected values may be its speaker ("said Fire
    Chief Ybarra", for an attribution conflict), which is in the quotation's sentence, not in its words,
    or in an earlier one ("Marisol Reyes, 34, ... said." before the quote, which says "she said"): a
    quotation's value then covers its speaker when the finding gives that source's value to that name.
    """
    covered = []
    spans = _spans(finding, whole_sentence=item.kind == "quote")
    for i, expected in enumerate(item.values):
        for source, start, end, normalized in spans:
            if source == expected.source and start < expected.end and expected.start < end:
                covered.append((i, normalized))
                break
        else:
            if item.kind == "quote" and item.type == "attribution_conflict":
                for value in finding.values:
                    name = (value.attribution.name or "").lower() if value.attribution is not None else ""
                    if value.source == expected.source and name and name in expected.label.lower():
                        covered.append((i, value.normalized))
                        break
    return covered


@dataclass
class ItemResult:
    item: Item
    outcome: str  # found / missed (conflicts), met / unmet / flagged (agreements), ok / flagged (traps)
    findings: list[str] = field(default_factory=list)


def score(story: Story, report: Report) -> dict[str, Any]:
    """Score one report against the story's expectations."""
    conflict_findings = [f for f in report.findings if f.verdict in CONFLICT_VERDICTS]
    agree_findings = [f for f in report.findings if f.verdict in AGREE_VERDICTS]
    results: list[ItemResult] = []
    explained: set[str] = set()
    for item in story.items:
        if item.group == "conflict":
            hits = [f for f in conflict_findings if len({item.values[i].label for i, _ in _covered(item, f)}) >= 2]
            explained.update(f.id for f in hits)
            results.append(ItemResult(item, "found" if hits else "missed", [f.id for f in hits]))
        elif item.group == "agreement":
            flagged = [
                f
                for f in _judging(conflict_findings, item)
                if _calls_different(f, {norm for _, norm in _covered(item, f)})
            ]
            met = [f for f in agree_findings if len({item.values[i].source for i, _ in _covered(item, f)}) >= 2]
            outcome = "flagged" if flagged else "met" if met else "unmet"
            results.append(ItemResult(item, outcome, [f.id for f in flagged or met]))
        else:
            flagged = [
                f
                for f in _judging(conflict_findings, item)
                if len({item.values[i].label for i, _ in _covered(item, f)}) >= 2
            ]
            results.append(ItemResult(item, "flagged" if flagged else "ok", [f.id for f in flagged]))
    unexplained = [f for f in conflict_findings if f.id not in explained]
    return {
        "results": results,
        "conflict_findings": len(conflict_findings),
        "unexplained_conflict_findings": [f.id for f in unexplained],
        "no_conflict_flags": len(conflict_findings) if story.no_conflict else 0,
        "findings": len(report.findings),
        "single_source": sum(1 for f in report.findings if f.verdict == "single_source"),
        "complete": report.complete,
        "ungrounded": len(report.ungrounded),
        "completion_tokens": report.run.completion_tokens,
    }


def _judging(findings: Sequence[Finding], item: Item) -> list[Finding]:
    """The findings that can call an item's values different: a misquote's values are quotations, which
    hold other facts' words ("inspected nine days ago and no defects were found"); it judges the words
    quoted, not the date inside them, so it flags quote items only."""
    return [f for f in findings if f.kind != "quote" or item.kind == "quote"]


def _calls_different(finding: Finding, norms: set[str]) -> bool:
    """Whether a conflict finding says two of these normalised values disagree (by its own comparison:
    "at least 10" and "10" listed in a finding that conflicts over another source's "2" do not)."""
    ordered = sorted(norms)
    return any(not finding.compatible(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :])


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


def summarise(scored: Sequence[tuple[Story, dict[str, Any]]]) -> dict[str, Any]:
    """Totals over stories: recall (must, all), agreements met and falsely flagged, traps flagged."""
    t: dict[str, int] = defaultdict(int)
    per_kind: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for story, s in scored:
        t["no_conflict_flags"] += s["no_conflict_flags"]
        t["no_conflict_stories"] += int(story.no_conflict)
        t["unexplained_conflict_findings"] += len(s["unexplained_conflict_findings"])
        t["single_source"] += s["single_source"]
        t["ungrounded"] += s["ungrounded"]
        for r in s["results"]:
            group, level, kind = r.item.group, r.item.level, r.item.kind
            t[f"{group}s"] += 1
            t[f"{group}s_{level}"] += 1
            per_kind[kind][f"{group}s"] += 1
            if group == "conflict" and r.outcome == "found":
                t["found"] += 1
                t[f"found_{level}"] += 1
                per_kind[kind]["found"] += 1
            if group == "agreement":
                t[r.outcome] += 1
                per_kind[kind][f"agreements_{r.outcome}"] += 1
            if group == "trap" and r.outcome == "flagged":
                t["traps_flagged"] += 1
                per_kind[kind]["traps_flagged"] += 1
    return {
        "stories": len(scored),
        "conflicts": t["conflicts"],
        "conflicts_must": t["conflicts_must"],
        "found": t["found"],
        "found_must": t["found_must"],
        "recall_must": _ratio(t["found_must"], t["conflicts_must"]),
        "recall_all": _ratio(t["found"], t["conflicts"]),
        "agreements": t["agreements"],
        "agreements_met": t["met"],
        "agreements_flagged": t["flagged"],
        "false_conflict_rate": _ratio(t["flagged"], t["agreements"]),
        "traps": t["traps"],
        "traps_flagged": t["traps_flagged"],
        "no_conflict_stories": t["no_conflict_stories"],
        "no_conflict_flags": t["no_conflict_flags"],
        "unexplained_conflict_findings": t["unexplained_conflict_findings"],
        "single_source_findings": t["single_source"],
        "ungrounded_claims": t["ungrounded"],
        "per_kind": {
            kind: {
                "conflicts": c["conflicts"],
                "found": c["found"],
                "agreements": c["agreements"],
                "agreements_met": c["agreements_met"],
                "agreements_flagged": c["agreements_flagged"],
                "traps": c["traps"],
                "traps_flagged": c["traps_flagged"],
            }
            for kind, c in sorted(per_kind.items())
        },
    }


def _story_row(story: Story, s: dict[str, Any]) -> dict[str, Any]:
    one = summarise([(story, s)])
    return {
        "story": story.name,
        "split": story.split,
        "origin": story.origin,
        **{k: one[k] for k in ("conflicts", "found", "conflicts_must", "found_must")},
        **{k: one[k] for k in ("agreements", "agreements_met", "agreements_flagged", "traps", "traps_flagged")},
        "no_conflict_flags": one["no_conflict_flags"],
        "unexplained_conflict_findings": one["unexplained_conflict_findings"],
        "single_source_findings": one["single_source_findings"],
        "ungrounded_claims": one["ungrounded_claims"],
    }


def _details(story: Story, s: dict[str, Any], report: Report) -> list[str]:
    by_id = {f.id: f for f in report.findings}
    lines = []
    for r in s["results"]:
        lines.append(f"  {r.item.group:9} {r.item.type:20} {r.item.kind:11} {r.item.level:6} {r.outcome:8} {r.item.id}")
        for fid in r.findings[:2]:
            f = by_id[fid]
            lines.append(f"      {f.verdict} {f.rule}: {f.fact} | {f.explanation[:150]}")
    for fid in s["unexplained_conflict_findings"]:
        f = by_id[fid]
        lines.append(f"  UNEXPLAINED {f.verdict} {f.rule}: {f.fact} | {f.explanation[:150]}")
    return lines


def run(splits: Sequence[str], extractors: Sequence[str], only: str | None, details: bool) -> dict[str, Any]:
    chosen = stories(splits, only)
    out: dict[str, Any] = {"extractors": {}}
    for extractor in extractors:
        per_split: dict[str, Any] = {}
        for split in splits:
            scored = []
            rows = []
            for story in (s for s in chosen if s.split == split):
                prompt, _, align_prompt = extractor.removeprefix("llm:").partition("+")
                missing = extractor != "offline" and not cassette_path(prompt, story).is_file()
                if align_prompt and not align_cassette_path(align_prompt, prompt, story).is_file():
                    missing = True
                if missing:
                    print(f"{extractor}: no stand-in cassette for {split}/{story.name}; not scored", file=sys.stderr)
                    continue
                report = report_for(story, extractor)
                s = score(story, report)
                scored.append((story, s))
                rows.append(_story_row(story, s))
                if details and split == "dev":
                    print(f"--- {extractor} {story.name}")
                    print("\n".join(_details(story, s, report)))
            if scored:
                per_split[split] = {"total": summarise(scored), "stories": rows}
        out["extractors"][extractor] = per_split
    return out


def _table(result: dict[str, Any]) -> str:
    lines = []
    header = (
        f"{'extractor':22} {'split':8} {'story':38} {'must':>7} {'all':>7} {'agree met':>9} {'false':>5} "
        f"{'traps':>5} {'noC':>3} {'unexp':>5}"
    )
    for extractor, per_split in result["extractors"].items():
        lines.append(header)
        for split, data in per_split.items():
            for row in data["stories"]:
                lines.append(
                    f"{extractor:22} {split:8} {row['story'][:38]:38} "
                    f"{row['found_must']:>3}/{row['conflicts_must']:<3} {row['found']:>3}/{row['conflicts']:<3} "
                    f"{row['agreements_met']:>4}/{row['agreements']:<4} {row['agreements_flagged']:>5} "
                    f"{row['traps_flagged']:>2}/{row['traps']:<2} {row['no_conflict_flags']:>3} "
                    f"{row['unexplained_conflict_findings']:>5}"
                )
            t = data["total"]
            lines.append(
                f"{extractor:22} {split:8} {'TOTAL':38} {t['found_must']:>3}/{t['conflicts_must']:<3} "
                f"{t['found']:>3}/{t['conflicts']:<3} {t['agreements_met']:>4}/{t['agreements']:<4} "
                f"{t['agreements_flagged']:>5} {t['traps_flagged']:>2}/{t['traps']:<2} {t['no_conflict_flags']:>3} "
                f"{t['unexplained_conflict_findings']:>5}"
            )
            lines.append(
                f"    recall must {t['recall_must']}, all {t['recall_all']}; false conflicts on agreements "
                f"{t['agreements_flagged']}/{t['agreements']} ({t['false_conflict_rate']}); "
                f"single-source findings {t['single_source_findings']}; ungrounded claims {t['ungrounded_claims']}"
            )
            kinds = ", ".join(f"{k} {c['found']}/{c['conflicts']}" for k, c in t["per_kind"].items() if c["conflicts"])
            lines.append(f"    per kind (conflicts found): {kinds}")
        lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="dev")
    parser.add_argument(
        "--extractor",
        action="append",
        help="offline, or llm:<prompt> (repeatable; default: offline and every prompt with stand-in cassettes)",
    )
    parser.add_argument("--story", help="score one story only")
    parser.add_argument("--details", action="store_true", help="print each expected item's outcome (dev only)")
    args = parser.parse_args(argv)
    splits = SPLITS if args.split == "all" else (args.split,)
    extractors = args.extractor or ["offline", *(f"llm:{p}" for p in standin_prompts())]
    result = run(splits, extractors, args.story, args.details)
    print(_table(result))
    emit("quality" if not args.story else f"quality-{args.story}", result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
