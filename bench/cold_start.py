"""How long the ``checker`` command takes to start, and what start-up pays for.

    python bench/cold_start.py            # 7 runs of each command, medians
    python bench/cold_start.py --runs 11

Each command runs in a fresh subprocess (so every run pays interpreter start-up and every
import), after one untimed warm-up run (so byte-code is compiled and files are in the page cache:
the figures are "warm disk, cold process", what an editor re-running the tool sees):

* ``checker --help``                                   target < 0.3 s
* ``checker check seeds/*.txt --extractor offline``   target < 1 s

``python -c pass`` is timed the same way as the floor no Python CLI can beat. Exit status 1 from
``check`` means "conflicts found" and counts as success; any other non-zero status is recorded as a
failure with its first stderr line, never hidden. Finally ``python -X importtime -c "import
checker.cli"`` shows the ten imports with the largest cumulative time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

try:
    from bench._common import ROOT, emit, median, table
except ModuleNotFoundError:  # run as a script: python bench/cold_start.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench._common import ROOT, emit, median, table

TIMEOUT = 60.0  # seconds per run; a hung command is a failure, not a wait


def checker_executable() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m checker``."""
    script = Path(sys.executable).parent / "checker"
    return [str(script)] if script.exists() else [sys.executable, "-m", "checker"]


def offline_env(cache_dir: str) -> dict[str, str]:
    """The environment without model configuration, so nothing can reach a model."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "CHECKER_"))}
    env["CHECKER_CACHE_DIR"] = cache_dir
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_command(command: Sequence[str], runs: int, env: dict[str, str], ok: Sequence[int]) -> dict[str, Any]:
    """One untimed warm-up, then ``runs`` timed runs; failures are kept with their stderr."""
    times: list[float] = []
    codes: list[int] = []
    first_error = ""
    for n in range(runs + 1):
        started = time.perf_counter()
        try:
            done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT)
            code, stderr = done.returncode, done.stderr
        except subprocess.TimeoutExpired:
            code, stderr = -9, f"timed out after {TIMEOUT:g} s"
        elapsed = time.perf_counter() - started
        if n == 0:
            continue  # warm-up
        times.append(elapsed)
        codes.append(code)
        if code not in ok and not first_error:
            first_error = next((line for line in stderr.strip().splitlines()[-1:]), "") or f"exit status {code}"
    succeeded = all(code in ok for code in codes)
    return {
        "command": " ".join(Path(c).name if i == 0 else c for i, c in enumerate(command)),
        "runs": runs,
        "median": round(median(times), 3),
        "min": round(min(times), 3),
        "max": round(max(times), 3),
        "times": [round(t, 3) for t in times],
        "exit_codes": sorted(set(codes)),
        "succeeded": succeeded,
        "error": first_error or None,
    }


def import_times(module: str, top: int = 10) -> list[dict[str, Any]]:
    """``python -X importtime -c "import <module>"``: the ``top`` imports by cumulative time (µs)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    rows: list[dict[str, Any]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        try:
            self_us, cumulative_us, name = line.removeprefix("import time:").split("|", 2)
            rows.append({"module": name.strip(), "self_us": int(self_us), "cumulative_us": int(cumulative_us)})
        except ValueError:
            continue
    rows.sort(key=lambda r: r["cumulative_us"], reverse=True)
    return rows[:top]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=7, help="timed runs per command (default 7)")
    args = parser.parse_args(argv)
    if not 1 <= args.runs <= 50:
        parser.error("--runs must be 1..50")

    checker = checker_executable()
    seeds = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "seeds").glob("*.txt"))
    offline_module = (ROOT / "checker" / "offline" / "__init__.py").exists()
    with tempfile.TemporaryDirectory(prefix="checker-bench-") as cache:
        env = offline_env(cache)
        rows = [
            {**time_command([sys.executable, "-c", "pass"], args.runs, env, (0,)), "target": None},
            {**time_command([*checker, "--help"], args.runs, env, (0,)), "target": 0.3},
            {
                **time_command([*checker, "check", *seeds, "--extractor", "offline"], args.runs, env, (0, 1)),
                "target": 1.0,
            },
        ]
    for row in rows:
        row["target_met"] = None if row["target"] is None else bool(row["succeeded"] and row["median"] < row["target"])
    rows[0]["command"] = "python -c pass"
    rows[2]["command"] = "checker check seeds/*.txt --extractor offline"

    print(
        table(
            ["command", "median s", "min s", "max s", "target s", "met", "exit", "note"],
            [
                [
                    r["command"],
                    r["median"],
                    r["min"],
                    r["max"],
                    "-" if r["target"] is None else r["target"],
                    "-" if r["target_met"] is None else ("yes" if r["target_met"] else "NO"),
                    ",".join(str(c) for c in r["exit_codes"]),
                    "" if r["succeeded"] else f"FAILED: {r['error']}",
                ]
                for r in rows
            ],
        )
    )
    print(f"({args.runs} timed runs each after one untimed warm-up; checker/offline/ present: {offline_module})")
    imports = import_times("checker.cli")
    print('\npython -X importtime -c "import checker.cli": top 10 by cumulative time')
    print(
        table(
            ["module", "cumulative ms", "self ms"],
            [[r["module"], round(r["cumulative_us"] / 1000, 1), round(r["self_us"] / 1000, 1)] for r in imports],
        )
    )
    emit(
        "cold_start",
        {
            "runs": args.runs,
            "offline_module_present": offline_module,
            "commands": rows,
            "importtime_checker_cli_top10": imports,
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
