"""Sentences: the one segmentation of an article that the prompt, grounding and the offline extractor share.

The model reads the article as numbered sentences and names the sentence each claim comes
from; grounding turns that number back into offsets with the same function, so the
segmentation needs to be deterministic and stable, not linguistically perfect. A sentence
ends at ``. ! ? …`` (and closing quotes or brackets) before a capital, digit or opening quote,
and at every line break; a full stop after an abbreviation in ``data/abbreviations.txt`` or
a single capital letter ("John F. Kennedy") does not end one.
"""

from __future__ import annotations

import functools
import re

from checker import tables

_SENTENCE_END = re.compile(r"[.!?…]+[”\"’)\]]*(?=\s+[“\"‘(\[]?[A-Z0-9•])|\n\s*")
_WORD_BEFORE_STOP = re.compile(r"([\w.]+)\.$")


@functools.cache
def abbreviations() -> frozenset[str]:
    """Abbreviations (lowercase, no final stop) whose full stop does not end a sentence."""
    return frozenset(tables.entries("checker", "data/abbreviations.txt"))


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence, in order, without surrounding whitespace."""
    known = abbreviations()
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith((".", "…")) and "\n" not in m.group():
            word = _WORD_BEFORE_STOP.search(text[max(0, m.start() - 12) : m.start() + 1])
            if word and (word.group(1).lower() in known or re.fullmatch(r"[A-Z]", word.group(1))):
                continue
        _add(text, start, m.end(), spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def numbered(text: str, first: int = 1) -> str:
    """The text as the model reads it: one sentence per line after its number in brackets, and a blank
    line where a paragraph ends (a quotation may run over sentences, but not over paragraphs)."""
    lines: list[str] = []
    previous_end = None
    for n, (start, end) in enumerate(sentences(text), start=first):
        if previous_end is not None and "\n\n" in text[previous_end:start].replace("\r", ""):
            lines.append("")
        lines.append(f"[{n}] {text[start:end]}")
        previous_end = end
    return "\n".join(lines)
