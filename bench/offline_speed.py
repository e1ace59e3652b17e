"""Time the offline extractor on the five seed articles, after import (the issue asks for well under a second).

Prints the import time once and the median of several full passes over the seeds. Run:
``python bench/offline_speed.py [runs]``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    t0 = time.perf_counter()
    from checker.offline import extract

    import_s = time.perf_counter() - t0
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    first = time.perf_counter()
    n_claims = sum(len(extract(t)) for t in texts)
    first_s = time.perf_counter() - first
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        for t in texts:
            extract(t)
        timings.append(time.perf_counter() - start)
    print(f"import checker.offline: {import_s * 1000:.1f} ms")
    print(f"first pass over {len(texts)} seeds: {first_s * 1000:.1f} ms ({n_claims} claims)")
    print(f"median of {runs} passes: {statistics.median(timings) * 1000:.1f} ms (min {min(timings) * 1000:.1f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
