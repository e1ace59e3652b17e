"""Word tables kept as data files inside the package (they travel in a wheel): one reader for all.

Plain-text and TSV tables under ``checker/data/``, ``checker/normalize/data/`` and
``checker/reconcile/data/``; ``#`` starts a comment, blank lines are skipped, entries are stripped.
Each file is read once (the entries are cached) through importlib.resources.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def entries(package: str, path: str) -> tuple[str, ...]:
    """The entries of the table file ``path`` of ``package``, in file order, comments and blank lines left out."""
    text = resources.files(package).joinpath(path).read_text(encoding="utf-8")
    found = (line.partition("#")[0].strip() for line in text.splitlines())
    return tuple(entry for entry in found if entry)
