"""The reconciler's word tables, read once from ``checker/reconcile/data/`` (data, not code)."""

from __future__ import annotations

import functools

from checker import tables


def _lines(name: str) -> tuple[str, ...]:
    return tables.entries("checker.reconcile", f"data/{name}")


@functools.cache
def words(name: str) -> frozenset[str]:
    """The words of a ``.txt`` table (several per line allowed)."""
    return frozenset(word for line in _lines(f"{name}.txt") for word in line.split())


@functools.cache
def mapping(name: str) -> dict[str, str]:
    """A ``.tsv`` table of ``key<TAB>value`` lines."""
    pairs = (line.split("\t", 1) for line in _lines(f"{name}.tsv"))
    return {key.strip(): value.strip() for key, value in pairs}
