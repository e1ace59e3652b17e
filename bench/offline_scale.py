"""How the offline extractor grows with the article: one long text of ~180 KB, 450 KB, 900 KB and 1.8 MB.

    python bench/offline_scale.py                 # the four sizes, median of 3 runs below 900 KB
    python bench/offline_scale.py --sizes 180000 1800000 --repeat 5
    python bench/offline_scale.py --no-memory     # skip the tracemalloc runs (they are slow)

Input: the seed articles and the dev stories' articles (``seeds/*.txt``, ``tests/eval/dev/*/*.txt``,
sorted by path; never the held-out split), joined by blank lines and cycled in that order until
the text reaches the size (UTF-8 bytes), so every size is deterministic and each larger text
starts with the smaller ones. A pasted transcript or a feed dump is one such long "article".

Timing: wall seconds of ``extract()`` alone (``time.perf_counter``), the median of ``--repeat``
runs for texts under 900 KB and one run for the larger ones, after one untimed warm-up on the
smallest text (regex compilation, table loading); ``cpu s`` is the process CPU time of the same
runs (``time.process_time``), which other work on a shared machine disturbs less. Memory:
``peak_mib`` is the ``tracemalloc`` peak of the Python allocations made *during* one extra,
untimed ``extract()`` run (the input is not counted). The exponent is the least-squares slope of
log(seconds) against log(size): 1 is linear, 2 quadratic; the per-step exponent compares each
size with the previous one.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

try:
    from bench._common import ROOT, emit, maxrss_mib, median, table
except ModuleNotFoundError:  # run as a script: python bench/offline_scale.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench._common import ROOT, emit, maxrss_mib, median, table

SIZES = (180_000, 450_000, 900_000, 1_800_000)
REPEAT_BELOW = 900_000  # texts this size and up are timed once
TARGET_SIZE, TARGET_SECONDS = 1_800_000, 10.0


def articles() -> list[str]:
    """The seed and dev articles, in path order (the held-out split is never read)."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "eval" / "dev").glob("*/*.txt"))
    return [p.read_text(encoding="utf-8").strip() for p in paths]


def build(size: int, pieces: Sequence[str] | None = None) -> str:
    """The articles joined by blank lines, cycled, until the text holds at least ``size`` UTF-8 bytes."""
    pieces = articles() if pieces is None else pieces
    out: list[str] = []
    total = 0
    i = 0
    while total < size:
        piece = pieces[i % len(pieces)]
        out.append(piece)
        total += len(piece.encode("utf-8")) + 2
        i += 1
    return "\n\n".join(out)


def measure(extract: Callable[[str], list[Any]], text: str, runs: int, memory: bool) -> dict[str, Any]:
    """Time ``runs`` calls of ``extract(text)``; then the tracemalloc peak of one more."""
    timings, cpu = [], []
    claims = 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        claims = len(extract(text))
        timings.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    peak_mib = None
    if memory:
        tracemalloc.start()
        tracemalloc.reset_peak()
        extract(text)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        peak_mib = round(peak / (1024 * 1024), 1)
    return {
        "bytes": len(text.encode("utf-8")),
        "chars": len(text),
        "claims": claims,
        "runs": runs,
        "seconds": round(median(timings), 3),
        "min_seconds": round(min(timings), 3),
        "max_seconds": round(max(timings), 3),
        "cpu_seconds": round(median(cpu), 3),
        "peak_mib": peak_mib,
    }


def slope(points: Sequence[tuple[float, float]]) -> float | None:
    """Least-squares slope of log(y) against log(x)."""
    if len(points) < 2:
        return None
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="text sizes in UTF-8 bytes")
    parser.add_argument("--repeat", type=int, default=3, help=f"runs per size under {REPEAT_BELOW:,} bytes")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run of each size")
    args = parser.parse_args(argv)

    from checker.offline import EXTRACTOR_VERSION, extract

    pieces = articles()
    sizes = sorted(args.sizes)
    extract(build(sizes[0], pieces))  # warm-up: compiled patterns, tables, schema classes
    rows: list[dict[str, Any]] = []
    for size in sizes:
        runs = args.repeat if size < REPEAT_BELOW else 1
        row = measure(extract, build(size, pieces), runs, not args.no_memory)
        previous = rows[-1] if rows else None
        row["exponent_vs_previous"] = (
            round(math.log(row["seconds"] / previous["seconds"]) / math.log(row["bytes"] / previous["bytes"]), 2)
            if previous and previous["seconds"] > 0 and row["seconds"] > 0
            else None
        )
        rows.append(row)
        print(f"{row['bytes']:>9,} bytes: {row['seconds']:.3f} s ({row['claims']} claims)", file=sys.stderr, flush=True)
    exponent = slope([(r["bytes"], r["seconds"]) for r in rows if r["seconds"] > 0])
    cpu_exponent = slope([(r["bytes"], r["cpu_seconds"]) for r in rows if r["cpu_seconds"] > 0])
    print(
        table(
            ["bytes", "claims", "runs", "median s", "min s", "max s", "cpu s", "µs / KB", "exponent", "peak MiB"],
            [
                [
                    r["bytes"],
                    r["claims"],
                    r["runs"],
                    r["seconds"],
                    r["min_seconds"],
                    r["max_seconds"],
                    r["cpu_seconds"],
                    round(r["seconds"] * 1e6 / (r["bytes"] / 1000)),
                    "-" if r["exponent_vs_previous"] is None else r["exponent_vs_previous"],
                    "-" if r["peak_mib"] is None else r["peak_mib"],
                ]
                for r in rows
            ],
        )
    )
    if exponent is not None and cpu_exponent is not None:
        print(f"fitted exponent (log-log slope against size): {exponent:.2f} wall, {cpu_exponent:.2f} cpu")
    target = next((r for r in rows if r["bytes"] >= TARGET_SIZE), None)
    if target is not None:
        met = "yes" if target["seconds"] < TARGET_SECONDS else "no"
        print(f"target: {TARGET_SIZE:,} bytes under {TARGET_SECONDS:.0f} s: {target['seconds']:.2f} s, met: {met}")
    emit(
        "offline_scale",
        {
            "extractor_version": EXTRACTOR_VERSION,
            "sizes": rows,
            "exponent": None if exponent is None else round(exponent, 2),
            "cpu_exponent": None if cpu_exponent is None else round(cpu_exponent, 2),
            "target": {"bytes": TARGET_SIZE, "seconds": TARGET_SECONDS},
            "maxrss_mib": round(maxrss_mib(), 1),
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
