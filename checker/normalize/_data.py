"""The word tables the normalisers read, from the files in ``checker/normalize/data/``: each file is read
once (the parsed entries are cached) through importlib.resources, so the tables travel inside a wheel.
A plain-text table (``.txt``) has one entry per line, a TSV table (``.tsv``) tab-separated columns;
``#`` starts a comment, blank lines are skipped and every entry and column is stripped of spaces.
"""

from __future__ import annotations

from functools import cache

from checker import tables


def entries(name: str) -> tuple[str, ...]:
    """The entries of the table file ``name``, in file order, comments and blank lines left out."""
    return tables.entries("checker.normalize", "data/" + name)


def wordset(name: str) -> frozenset[str]:
    """The entries of the table file ``name`` as a set."""
    return frozenset(entries(name))


@cache
def rows(name: str, columns: int, optional: int = 0) -> tuple[tuple[str, ...], ...]:
    """The rows of the TSV table ``name``, each with ``columns`` columns and up to ``optional`` more."""
    table = tuple(tuple(cell.strip() for cell in entry.split("\t")) for entry in entries(name))
    for row in table:
        if not columns <= len(row) <= columns + optional or not all(row):
            raise ValueError(f"normalize/data/{name}: expected {columns} tab-separated columns: {row!r}")
    return table


def pairs(name: str) -> dict[str, str]:
    """The two-column TSV table ``name`` as a mapping from its first column to its second."""
    return {key: value for key, value in rows(name, 2)}


def sets(name: str, kinds: tuple[str, ...]) -> dict[str, frozenset[str]]:
    """The two-column TSV table ``name`` of (entry, kind) as one set per kind; an unknown kind is an error."""
    found: dict[str, set[str]] = {kind: set() for kind in kinds}
    for entry, kind in rows(name, 2):
        if kind not in found:
            raise ValueError(f"normalize/data/{name}: {kind!r} is none of {kinds}: {entry!r}")
        found[kind].add(entry)
    return {kind: frozenset(members) for kind, members in found.items()}


def number(cell: str) -> float:
    """A number cell: an int when written as one ("12"), else a float ("0.5", "1e6"), as the code's literals were."""
    try:
        return int(cell)
    except ValueError:
        return float(cell)


def codepoints(cell: str) -> str:
    """A text cell written as code points ("U+2026", "U+002E U+002E U+002E"), so spaces and quotes stay visible."""
    return "".join(chr(int(point.removeprefix("U+"), 16)) for point in cell.split())
