"""Manifests give sources their metadata; configuration files fill in defaults below flags and env."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.errors import InputError
from checker.manifest import apply_manifest, load_config, load_manifest
from checker.sources import Source

MANIFEST = """
[sources."a.txt"]
outlet = "Example Wire"
url = "https://example.org/a"
published = 2025-02-13

[sources."b.txt"]
published = "2025-02-12"
"""


def test_manifest_is_applied_by_file_name(tmp_path: Path) -> None:
    (tmp_path / "sources.toml").write_text(MANIFEST, encoding="utf-8")
    sources = [Source(text="x", name="a.txt"), Source(text="y", name="b.txt"), Source(text="z", name="c.txt")]
    a, b, c = apply_manifest(sources, None, [tmp_path])
    assert (a.outlet, a.url, a.published) == ("Example Wire", "https://example.org/a", dt.date(2025, 2, 13))
    assert b.published == dt.date(2025, 2, 12) and b.outlet is None
    assert c == sources[2]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[sources.'a.txt'\n", "not valid TOML"),
        ('[sources."a.txt"]\nauthor = "x"\n', "unknown key(s) author"),
        ('[sources."a.txt"]\npublished = "last week"\n', "published must be a date"),
        ('[sources."a.txt"]\noutlet = 3\n', "outlet must be a string"),
        ('[source."a.txt"]\noutlet = "x"\n', "unknown table(s) source"),
    ],
)
def test_malformed_manifests_are_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "m.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        load_manifest(path)
    assert "\n" not in str(caught.value)


def test_config_from_checker_toml_and_pyproject(tmp_path: Path) -> None:
    assert load_config(tmp_path) == {}
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\nmodel = "m1"\nconcurrency = 2\n', encoding="utf-8")
    assert load_config(tmp_path) == {"model": "m1", "concurrency": 2}
    (tmp_path / "checker.toml").write_text('model = "m2"\n', encoding="utf-8")
    assert load_config(tmp_path) == {"model": "m2"}


@pytest.mark.parametrize(
    ("content", "message"), [('api_key = "sk-x"\n', "api_key must not"), ("colour = 1\n", "unknown")]
)
def test_config_refuses_keys_and_unknown_settings(tmp_path: Path, content: str, message: str) -> None:
    (tmp_path / "checker.toml").write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_config(tmp_path)


def test_cli_reads_config_below_flags(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.toml").write_text('format = "json"\nfail_on = "never"\n', encoding="utf-8")
    claims = {
        "source": {"name": "a.txt"},
        "extractor": {"kind": "external"},
        "claims": [],
    }
    (tmp_path / "a.json").write_text(json.dumps(claims), encoding="utf-8")
    result = CliRunner().invoke(cli, ["reconcile", "a.json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["findings"] == []  # json, from the config file
    result = CliRunner().invoke(cli, ["reconcile", "a.json", "--format", "text"])
    assert not result.stdout.lstrip().startswith("{")  # the flag wins


def test_cli_reports_a_broken_config_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.toml").write_text("model = \n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["schema"])
    assert result.exit_code == 2
    assert "not valid TOML" in result.stderr and len(result.stderr.strip().splitlines()) == 1
