"""Grounding: find each claim's evidence in the source and record where it is.

A claim is only as good as its evidence, and models paraphrase, re-quote and
re-space what they copy. We look for the evidence in three passes, strictest
first, and keep the first that succeeds:

1. ``exact``: the evidence occurs verbatim;
2. ``normalized``: it occurs once whitespace runs, curly/straight quotes,
   dashes and letter case are folded on both sides;
3. ``fuzzy``: the best partial alignment (rapidfuzz) scores at least
   :data:`FUZZY_THRESHOLD`.

Offsets always point into the original text, so ``text[start:end]`` is what an
editor sees highlighted. Claims whose evidence is not found are returned as
ungrounded with the reason; they are reported, never reconciled.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from checker.schema import (
    Claim,
    DurationClaim,
    EventTimeClaim,
    GroundedClaim,
    MatchKind,
    QuantityClaim,
    Span,
    UngroundedClaim,
)

FUZZY_THRESHOLD = 90.0
MIN_EVIDENCE_CHARS = 3
_DIGITS = re.compile(r"\d+")
# Words that carry a value: a fuzzy "match" that changes one of them is a different claim, not sloppy copying.
_VALUE_TOKENS = re.compile(
    r"\d+|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june"
    r"|july|august|september|october|november|december)\b"
)

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


@dataclass(frozen=True)
class Location:
    """Where evidence was found: original-text offsets, how, and how well."""

    start: int
    end: int
    match: MatchKind
    score: float


def fold(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes, whitespace runs and case; return the folded text and, per folded
    character, the offset of the original character it came from."""
    out: list[str] = []
    index: list[int] = []
    previous_space = False
    for i, ch in enumerate(text):
        ch = ch.translate(_FOLD)
        if ch.isspace():
            if previous_space:
                continue
            ch = " "
            previous_space = True
        else:
            previous_space = False
        lowered = ch.lower()
        if len(lowered) != 1:  # e.g. 'İ' lowers to two code points: keep the offset map one-to-one
            lowered = ch
        out.append(lowered)
        index.append(i)
    return "".join(out), index


Folded = tuple[str, list[int]]


def locate(
    text: str,
    evidence: str,
    *,
    prefer_from: int = 0,
    folded: Folded | Callable[[], Folded] | None = None,
) -> Location | None:
    """Find ``evidence`` in ``text``; prefer an occurrence at or after ``prefer_from``.

    ``folded`` (the folded text, or a function that makes it once) lets a caller grounding
    many claims fold the text once, and only when some evidence is not found verbatim.
    """
    if len(evidence.strip()) < MIN_EVIDENCE_CHARS:
        return None
    position = text.find(evidence, prefer_from)
    if position < 0:
        position = text.find(evidence)
    if position >= 0:
        return Location(position, position + len(evidence), "exact", 100.0)

    if folded is None:
        folded_text, index = fold(text)
    elif callable(folded):
        folded_text, index = folded()
    else:
        folded_text, index = folded
    folded_from = next((k for k, original in enumerate(index) if original >= prefer_from), 0)
    whole, _ = fold(evidence)
    whole = whole.strip()
    # Quote marks around the evidence are often the model's own: try with them, then without.
    for needle in dict.fromkeys((whole, whole.strip("\"'"))):
        if len(needle) < MIN_EVIDENCE_CHARS:
            continue
        position = folded_text.find(needle, folded_from)
        if position < 0:
            position = folded_text.find(needle)
        if position >= 0:
            start, end = index[position], index[position + len(needle) - 1] + 1
            return Location(start, end, "normalized", 100.0)
    needle = whole.strip("\"'")
    if len(needle) < MIN_EVIDENCE_CHARS or not folded_text:
        return None

    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(needle, folded_text, score_cutoff=FUZZY_THRESHOLD)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return None
    lo, hi = alignment.dest_start, alignment.dest_end
    # The alignment can start or stop inside a word; widen it to whole words.
    while lo > 0 and folded_text[lo - 1].isalnum() and folded_text[lo].isalnum():
        lo -= 1
    while hi < len(folded_text) and folded_text[hi - 1].isalnum() and folded_text[hi].isalnum():
        hi += 1
    start = index[lo]
    end = index[hi - 1] + 1
    if _VALUE_TOKENS.findall(needle) != _VALUE_TOKENS.findall(folded_text[lo:hi]):
        # A near-copy with a different number, weekday or month is a different claim, not sloppy copying
        # ("held a phone call on Thursday" must not ground on "held a phone call on Wednesday").
        return None
    return Location(start, end, "fuzzy", round(float(alignment.score), 2))


def unsupported_value(claim: Claim, evidence: str) -> str | None:
    """Why the located evidence does not state the claim's value, or None.

    Evidence that exists but says something else (a Wednesday passage for a Thursday claim) is how an
    invented claim borrows real text; the weekday and the digits of an amount must be in the evidence.
    """
    # Plain lower() and the raw digit runs: folding quotes, dashes and spaces changes neither a
    # weekday's letters nor a digit, and most claims (roles, quotes, propositions) need no look at all.
    if isinstance(claim, EventTimeClaim) and claim.weekday and claim.weekday[:3].lower() not in evidence.lower():
        return f"the weekday {claim.weekday} is not in its evidence"
    if isinstance(claim, DurationClaim | QuantityClaim):
        wanted = _DIGITS.findall(claim.amount)
        if wanted and not set(wanted) <= set(_DIGITS.findall(evidence)):
            return f"the amount {claim.amount!r} is not in its evidence"
    return None


def ground(
    text: str, claims: Iterable[Claim], *, prefer_from: int = 0
) -> tuple[list[GroundedClaim], list[UngroundedClaim]]:
    """Ground every claim in ``text``; split them into grounded and ungrounded."""
    grounded: list[GroundedClaim] = []
    ungrounded: list[UngroundedClaim] = []
    folded = functools.cache(lambda: fold(text))  # most evidence is verbatim: fold only if needed
    for claim in claims:
        location = locate(text, claim.evidence, prefer_from=prefer_from, folded=folded)
        if location is None:
            reason = (
                "evidence is empty or too short to locate"
                if len(claim.evidence.strip()) < MIN_EVIDENCE_CHARS
                else f"evidence not found in the source (no exact, normalised or fuzzy match >= {FUZZY_THRESHOLD:g})"
            )
            ungrounded.append(UngroundedClaim(claim=claim, reason=reason))
            continue
        span = Span(text=text[location.start : location.end], start=location.start, end=location.end)
        mismatch = unsupported_value(claim, span.text)
        if mismatch is not None:
            ungrounded.append(UngroundedClaim(claim=claim, reason=mismatch))
            continue
        grounded.append(GroundedClaim(claim=claim, evidence=span, match=location.match, score=location.score))
    return grounded, ungrounded
