"""The Python API as an editorial workflow uses it, including the README's pre-publish hook."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

import checker
from checker.errors import InputError
from checker.render import to_html, to_markdown, to_text

ROOT = Path(__file__).resolve().parent.parent
WIRE = {
    "wire.txt": "Ann Lee and Bo Chan held a 90-minute phone call on Tuesday, officials said.",
    "other.txt": "Ann Lee and Bo Chan spoke by phone on Tuesday for an hour and a half.",
}


def _readme_hook() -> dict[str, object]:
    block = re.search(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block is not None, "the README shows a Python hook"
    namespace: dict[str, object] = {}
    exec(compile(block.group(1), "README.md", "exec"), namespace)
    return namespace


def test_readme_hook_passes_a_consistent_draft() -> None:
    hook = _readme_hook()["before_publish"]
    hook("Ann Lee and Bo Chan held a phone call on Tuesday.", WIRE)  # type: ignore[operator]


def test_readme_hook_refuses_a_contradicting_draft() -> None:
    hook = _readme_hook()["before_publish"]
    with pytest.raises(ValueError, match="contradicted by"):
        hook("Ann Lee and Bo Chan held a phone call on Friday.", WIRE)  # type: ignore[operator]


def test_check_and_acheck_agree_and_reports_render() -> None:
    sources = [checker.Source(text=text, name=name) for name, text in WIRE.items()]
    report = checker.check(sources, extractor="offline")
    again = asyncio.run(checker.acheck(sources, extractor="offline"))
    assert report.to_json() == again.to_json()
    assert isinstance(report, checker.Report)
    assert report.run.extractor_kinds == ["offline"]
    assert "# " in to_markdown(report) and "<mark" in to_html(report, {s.name: s.text for s in sources})
    assert to_text(report).startswith("checker report: 2 sources")


def test_duplicate_source_names_are_refused() -> None:
    source = checker.Source(text="Ann Lee spoke.", name="same.txt")
    with pytest.raises(InputError, match="two sources are named"):
        checker.check([source, source], extractor="offline")


def test_package_is_typed() -> None:
    assert (ROOT / "checker" / "py.typed").is_file()
