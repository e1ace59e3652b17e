"""Shared helpers for the benchmark scripts: environment facts, tables, and the JSON results file.

Every benchmark prints a plain-text table for people and, as its last stdout line, one JSON
object for tools; the same object is written to ``bench/results/<name>.json`` (gitignored).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def environment() -> dict[str, Any]:
    """Facts about the machine that a figure depends on."""
    try:
        load = [round(x, 2) for x in os.getloadavg()]
    except OSError:  # pragma: no cover - not on every platform
        load = []
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(terse=True),
        "cpus": os.cpu_count(),
        "loadavg_at_end": load,
        "utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "code_at_start": _AT_START,
        "code_at_end": code_version(),
    }


def code_version() -> dict[str, Any]:
    """The commit measured, and any uncommitted changes under checker/ (others edit it concurrently)."""

    def git(*args: str) -> str:
        try:
            done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=10, check=False)
        except (OSError, subprocess.TimeoutExpired):
            return ""
        return done.stdout

    dirty = [line[3:] for line in git("status", "--porcelain", "--", "checker").splitlines() if len(line) > 3]

    def digest(path: Path) -> str:
        """A file's sha256, or a package's over its files' relative paths and contents (caches left out)."""
        if path.is_file():
            return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        sha = hashlib.sha256()
        for file in sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            sha.update(file.relative_to(path).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
        return sha.hexdigest()[:12]

    digests = {
        name: digest(ROOT / "checker" / name)
        for name in ("reconcile.py", "normalize", "offline", "extract.py", "llm.py")
        if (ROOT / "checker" / name).exists()
    }
    return {"git_head": git("rev-parse", "--short", "HEAD").strip(), "checker_uncommitted": dirty, "sha256": digests}


def maxrss_mib() -> float:
    """This process's peak resident set size in MiB (``ru_maxrss`` is KiB on Linux, bytes on macOS)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def median(values: Sequence[float]) -> float:
    """Median of the runs (the figure reported; min and max go beside it)."""
    return float(statistics.median(values))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A fixed-width text table; numbers right-aligned."""
    cells = [[str(h) for h in headers], *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(_is_number(row[i]) for row in rows) if rows else False for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        parts = [c.rjust(w) if numeric[i] else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.4g}" if abs(value) < 1000 else f"{value:.0f}"
    return str(value)


def emit(name: str, result: dict[str, Any]) -> Path:
    """Write ``result`` to ``bench/results/<name>.json`` and print it as the last stdout line."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {"benchmark": name, **result, "environment": environment()}
    path.write_text(json.dumps(payload, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    print(f"(results written to {path.relative_to(ROOT)})")
    print(json.dumps(payload, sort_keys=False), flush=True)
    return path


#: The code measured is the code imported when the script started; others commit while a long run goes on.
_AT_START = code_version()
