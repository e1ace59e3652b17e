"""The offline extractor's word tables, read once from ``checker/offline/data/`` (data, not code).

One entry per line (an entry may hold spaces: "more than", "White House"); ``.tsv`` tables have
tab-separated columns. File order is kept: the patterns built from a table try its entries in
that order, and a few lookups take the first entry that fits.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from checker import tables


def entries(name: str) -> tuple[str, ...]:
    """The entries of the table file ``name``, in file order."""
    return tables.entries("checker.offline", f"data/{name}")


def wordset(name: str) -> frozenset[str]:
    """The entries of the table file ``name`` as a set."""
    return frozenset(entries(name))


@functools.cache
def rows(name: str, columns: int) -> tuple[tuple[str, ...], ...]:
    """The rows of the TSV table ``name``, each of exactly ``columns`` non-empty cells."""
    table = tuple(tuple(cell.strip() for cell in entry.split("\t")) for entry in entries(name))
    for row in table:
        if len(row) != columns or not all(row):
            raise ValueError(f"offline/data/{name}: expected {columns} tab-separated columns: {row!r}")
    return table


def pairs(name: str) -> dict[str, str]:
    """The two-column TSV table ``name`` as a mapping from its first column to its second, in file order."""
    return {key: value for key, value in rows(name, 2)}


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of the literal ``words``, in the order given (the order a regex tries them)."""
    return "|".join(re.escape(word) for word in words)


def longest_first(words: Iterable[str]) -> str:
    """A regex alternation of the literal ``words``, longer ones first (equal lengths keep their order)."""
    return "|".join(sorted((re.escape(word) for word in words), key=len, reverse=True))
