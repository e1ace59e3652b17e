"""Source metadata and configuration files.

* A **manifest** (``sources.toml`` beside the articles, or ``--manifest FILE``)
  gives each source its outlet, URL and publication date, keyed by file name::

      [sources."002_wire.txt"]
      outlet = "Example Wire"
      url = "https://example.org/story"
      published = 2025-02-13

  The publication date is what turns "on Wednesday" into a calendar date.
* **Configuration** comes from ``[tool.checker]`` in ``pyproject.toml`` or from
  ``checker.toml`` in the working directory; flags win over the environment,
  which wins over these files. The API key is never read from a file.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.sources import Source

MANIFEST_NAME = "sources.toml"
_SOURCE_KEYS = {"outlet", "url", "published"}
CONFIG_KEYS = {
    "model",
    "base_url",
    "extractor",
    "prompt",
    "align",
    "concurrency",
    "cache_dir",
    "format",
    "fail_on",
    "show",
    "max_cost",
    "max_calls",
    "prices",
}


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None


def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InputError(f"{where}: published must be a date like 2025-02-13, not {value!r}")


def load_manifest(path: Path) -> dict[str, dict[str, Any]]:
    """Per-file metadata from a manifest, validated: unknown keys and bad dates are errors."""
    data = _load_toml(path)
    unknown_top = sorted(set(data) - {"sources"})
    if unknown_top:
        raise InputError(f'{path}: unknown table(s) {", ".join(unknown_top)}; expected [sources."<file name>"]')
    sources = data.get("sources", {})
    if not isinstance(sources, dict):
        raise InputError(f"{path}: [sources] must be a table of file names")
    result: dict[str, dict[str, Any]] = {}
    for name, entry in sources.items():
        where = f"{path}: sources.{name!r}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: must be a table")
        unknown = sorted(set(entry) - _SOURCE_KEYS)
        if unknown:
            raise InputError(f"{where}: unknown key(s) {', '.join(unknown)}; allowed: outlet, url, published")
        clean: dict[str, Any] = {}
        for key in ("outlet", "url"):
            if key in entry:
                if not isinstance(entry[key], str):
                    raise InputError(f"{where}: {key} must be a string")
                clean[key] = entry[key]
        if "published" in entry:
            clean["published"] = _date(entry["published"], where)
        result[name] = clean
    return result


def apply_manifest(sources: list[Source], manifest: Path | None, search_dirs: list[Path]) -> list[Source]:
    """Attach manifest metadata; with no ``--manifest``, use ``sources.toml`` beside the sources if present."""
    if manifest is None:
        candidates = sorted({d / MANIFEST_NAME for d in search_dirs if (d / MANIFEST_NAME).is_file()})
        if not candidates:
            return sources
        entries: dict[str, dict[str, Any]] = {}
        for candidate in candidates:
            entries.update(load_manifest(candidate))
    else:
        if not manifest.is_file():
            raise InputError(f"{manifest}: no such manifest file")
        entries = load_manifest(manifest)
    return [replace(s, **entries[s.name]) if s.name in entries else s for s in sources]


def load_config(cwd: Path) -> dict[str, Any]:
    """``checker.toml`` (whole file) or ``[tool.checker]`` in ``pyproject.toml``; unknown keys are errors."""
    path = cwd / "checker.toml"
    if path.is_file():
        data = _load_toml(path)
    else:
        path = cwd / "pyproject.toml"
        if not path.is_file():
            return {}
        data = _load_toml(path).get("tool", {}).get("checker", {})
    if not isinstance(data, dict):
        raise InputError(f"{path}: checker configuration must be a table")
    if "api_key" in data:
        raise InputError(f"{path}: api_key must not be stored in a file; set OPENAI_API_KEY")
    unknown = sorted(set(data) - CONFIG_KEYS)
    if unknown:
        raise InputError(f"{path}: unknown checker setting(s) {', '.join(unknown)}")
    return data
