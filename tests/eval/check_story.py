#!/usr/bin/env python3
"""Check one story folder of the evaluation set (or all of them): its files and its expected.yaml.

usage: python tests/eval/check_story.py STORY_DIR [STORY_DIR ...]

Standalone on purpose (it needs only PyYAML, never checker), so whoever writes a story can run it.
For every value it checks that ``text`` is the file's own characters at offset ``at``
(``file[at:at + len(text)] == text``, offsets in Unicode code points of the UTF-8 file); when
``at`` is missing or wrong it prints every offset where ``text`` does occur, to copy in.
It prints a tally and exits 1 when anything is wrong. The format is described in README.md beside it.
"""

from __future__ import annotations

import sys
import tomllib
from collections import Counter
from pathlib import Path

import yaml

CONFLICT_TYPES = ("conflict", "internal_conflict", "misquote", "attribution_conflict")
AGREEMENT_TYPES = ("agree", "complementary")
TRAP_TYPES = ("not_conflict",)
TYPES = CONFLICT_TYPES + AGREEMENT_TYPES + TRAP_TYPES
KINDS = ("event_time", "duration", "quantity", "role", "quote", "membership", "proposition")
LEVELS = ("must", "should")
ITEM_KEYS = {"id", "type", "kind", "level", "fact", "values", "note", "why"}
VALUE_KEYS = {"source", "text", "at", "value", "note"}
STORY_KEYS = {"story", "origin", "beat", "summary", "made_by", "no_conflict", "items", "sources"}


def occurrences(text: str, span: str) -> list[int]:
    found, start = [], text.find(span)
    while start != -1:
        found.append(start)
        start = text.find(span, start + 1)
    return found


def check(story: Path) -> tuple[list[str], Counter[str]]:
    """Problems found in one story folder, and its tally of items by type group."""
    problems: list[str] = []
    tally: Counter[str] = Counter()
    spec_path = story / "expected.yaml"
    if not spec_path.is_file():
        return [f"{story}: no expected.yaml"], tally
    try:
        spec = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        return [f"{spec_path}: not valid YAML ({exc})"], tally
    if not isinstance(spec, dict):
        return [f"{spec_path}: must be a mapping"], tally
    for key in sorted(set(spec) - STORY_KEYS):
        problems.append(f"{spec_path}: unknown key {key!r}")
    if spec.get("story") != story.name:
        problems.append(f"{spec_path}: story must be the folder name {story.name!r}")
    if spec.get("origin") not in ("synthetic", "real"):
        problems.append(f"{spec_path}: origin must be synthetic or real")
    for key in ("beat", "summary", "made_by"):
        if not isinstance(spec.get(key), str) or not spec[key].strip():
            problems.append(f"{spec_path}: {key} must be a non-empty string")
    articles = sorted(p.name for p in story.glob("*.txt"))
    if not 3 <= len(articles) <= 6:
        problems.append(f"{story}: {len(articles)} articles; a story has 3 to 6 (.txt files)")
    texts = {name: (story / name).read_text(encoding="utf-8") for name in articles}
    if spec.get("origin") == "synthetic":
        for name, text in texts.items():
            words = len(text.split())
            if not 250 <= words <= 700:
                problems.append(f"{story / name}: {words} words; a written article has 250 to 700")
    manifest = story / "sources.toml"
    if manifest.is_file():
        data = tomllib.loads(manifest.read_text(encoding="utf-8"))
        for name in sorted(data.get("sources", {})):
            if name not in texts:
                problems.append(f"{manifest}: names {name!r}, which is not an article here")
    else:
        problems.append(f"{story}: no sources.toml (each article's outlet, and url/published where known)")
    items = spec.get("items")
    if not isinstance(items, list) or not items:
        return [*problems, f"{spec_path}: items must be a non-empty list"], tally
    ids: Counter[str] = Counter()
    for n, item in enumerate(items):
        where = f"{spec_path}: item {n + 1} ({item.get('id', '?') if isinstance(item, dict) else '?'})"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be a mapping")
            continue
        ids[str(item.get("id"))] += 1
        for key in sorted(set(item) - ITEM_KEYS):
            problems.append(f"{where}: unknown key {key!r}")
        kind, type_, level = item.get("kind"), item.get("type"), item.get("level")
        if type_ not in TYPES:
            problems.append(f"{where}: type must be one of {', '.join(TYPES)}")
        if kind not in KINDS:
            problems.append(f"{where}: kind must be one of {', '.join(KINDS)}")
        if level not in LEVELS:
            problems.append(f"{where}: level must be must or should")
        if not isinstance(item.get("fact"), str) or not item["fact"].strip():
            problems.append(f"{where}: fact must say what the fact is")
        if type_ in TRAP_TYPES and not item.get("why"):
            problems.append(f"{where}: a not_conflict needs why (what makes the values different facts)")
        values = item.get("values")
        if not isinstance(values, list) or len(values) < 2:
            problems.append(f"{where}: values must list at least two values")
            continue
        labels: list[str] = []
        sources: list[str] = []
        for m, value in enumerate(values):
            vwhere = f"{where} value {m + 1}"
            if not isinstance(value, dict):
                problems.append(f"{vwhere}: must be a mapping")
                continue
            for key in sorted(set(value) - VALUE_KEYS):
                problems.append(f"{vwhere}: unknown key {key!r}")
            source, span, at = value.get("source"), value.get("text"), value.get("at")
            if source not in texts:
                problems.append(f"{vwhere}: source {source!r} is not an article of this story")
                continue
            if not isinstance(span, str) or not span:
                problems.append(f"{vwhere}: text must be a verbatim span of {source}")
                continue
            if not isinstance(value.get("value"), str) or not str(value["value"]).strip():
                problems.append(f"{vwhere}: value must be a label (values with the same label agree)")
            labels.append(str(value.get("value", "")).strip().lower())
            sources.append(source)
            text = texts[source]
            if not isinstance(at, int) or text[at : at + len(span)] != span:
                found = occurrences(text, span)
                hint = f"it occurs at {found}" if found else "it does not occur verbatim"
                problems.append(f"{vwhere}: {source}[{at}:...] is not {span!r}; {hint}")
        if type_ in CONFLICT_TYPES and len(set(labels)) < 2:
            problems.append(f"{where}: a {type_} needs at least two different value labels")
        if type_ in ("conflict",) and len(set(sources)) < 2:
            problems.append(f"{where}: a conflict is between sources; within one source it is internal_conflict")
        if type_ == "internal_conflict" and not any(sources.count(s) >= 2 for s in set(sources)):
            problems.append(f"{where}: an internal_conflict needs two values from one source")
        if type_ == "agree" and (len(set(labels)) != 1 or len(set(sources)) < 2):
            problems.append(f"{where}: an agree item has one value label, given by at least two sources")
        if type_ == "complementary" and len(set(sources)) < 2:
            problems.append(f"{where}: a complementary item needs at least two sources")
        group = "conflicts" if type_ in CONFLICT_TYPES else "agreements" if type_ in AGREEMENT_TYPES else "traps"
        tally[group] += 1
        tally[f"{group}:{level}"] += 1
    for dup in sorted(i for i, c in ids.items() if c > 1):
        problems.append(f"{spec_path}: id {dup!r} is used {ids[dup]} times")
    if spec.get("no_conflict") is True and tally["conflicts"]:
        problems.append(f"{spec_path}: no_conflict is true but {tally['conflicts']} conflict items are listed")
    if spec.get("no_conflict") is not True and not tally["conflicts"]:
        problems.append(f"{spec_path}: no conflict listed; set no_conflict: true if that is by design")
    tally["articles"] = len(articles)
    tally["words"] = sum(len(t.split()) for t in texts.values())
    return problems, tally


def main(argv: list[str]) -> int:
    folders = [Path(a) for a in argv[1:]]
    if not folders:
        print(__doc__)
        return 2
    bad = 0
    total: Counter[str] = Counter()
    for folder in folders:
        problems, tally = check(folder)
        total.update(tally)
        for problem in problems:
            print(problem)
        bad += len(problems)
        print(
            f"{folder}: {tally['articles']} articles, {tally['words']} words; "
            f"{tally['conflicts']} conflicts ({tally['conflicts:must']} must), {tally['agreements']} agreements, "
            f"{tally['traps']} not_conflicts; {len(problems)} problems"
        )
    if len(folders) > 1:
        print(
            f"all: {total['articles']} articles; {total['conflicts']} conflicts, {total['agreements']} agreements, "
            f"{total['traps']} not_conflicts; {bad} problems"
        )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
