"""Quotes: :func:`quote_relation` says how two quotes of one speaker relate ("same", "fragment",
"minor_change", "severe_change", "different"), and :func:`quote_links` finds every "same" or "fragment"
pair among many quotes through an index of word bigrams instead of comparing all pairs.

Quotes are compared as words after folding what transcription, not the speaker, changes: British spellings
to American ones ("realised" is "realized", "centre" "center"; data/spelling_*.tsv, never "four"/"for"),
and apostrophes a wire feed tokenised apart ("I ’ m", "don ’ t" are "I'm", "don't").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from checker.normalize._data import entries, pairs, rows, wordset
from checker.normalize.numbers import _ORDINALS, _SCALES, _SMALL
from checker.normalize.text import _ascii

QuoteRelation = Literal["same", "fragment", "minor_change", "severe_change", "different"]


_NEGATIONS = wordset("negations.txt")
# "I" and its contractions: capitalised mid-sentence, but not names.
_PRONOUN_I = wordset("pronoun_i.txt")
_NUMBER_WORDS = (
    (set(_SMALL) - {"a", "an", "couple", "half", "quarter"}) | (set(_SCALES) - {"k", "m", "b"}) | set(_ORDINALS)
)


@cache
def _spellings() -> dict[str, str]:
    """British spelling -> American, from the stem classes and the list of single variants: about 5,000
    forms, built on first use (about 3 ms)."""
    endings: dict[str, list[tuple[str, str]]] = {}
    for kind, british, american in rows("spelling_endings.tsv", 3):
        endings.setdefault(kind, []).append((british, american))
    folded = {
        stem + british: stem + american
        for stem, kind in rows("spelling_stems.tsv", 2)
        for british, american in endings[kind]
    }
    folded.update(pairs("spelling_variants.tsv"))
    return folded


_SPELLING_PREFIXES = sorted(entries("spelling_prefixes.txt"), key=len, reverse=True)


def _american(word: str) -> str:
    """The American spelling of a word ("realised" -> "realized", "unauthorised" -> "unauthorized")."""
    table = _spellings()
    found = table.get(word)
    if found is not None:
        return found
    for prefix in _SPELLING_PREFIXES:
        rest = word[len(prefix) :].lstrip("-")
        if word.startswith(prefix) and rest in table:
            return word[: len(word) - len(rest)] + table[rest]
    return word


# An apostrophe a wire feed set apart from its word ("don ’ t", "it ' s"), folded back in.
_SPACED_APOSTROPHE = re.compile(r"(?<=[A-Za-z])(?:\s+'\s*|'\s+)(?=(?:s|t|m|d|re|ve|ll)\b)")


@dataclass(frozen=True)
class _QuoteTokens:
    words: tuple[str, ...]
    caps: tuple[bool, ...]


@lru_cache(maxsize=1 << 17)
def _quote_tokens(text: str) -> _QuoteTokens:
    """Words of a quote (lowercased, ASCII, apostrophes kept) and whether each is a capitalised name.

    British spellings are folded to American ones except in names (a capitalised word mid-sentence), and
    an apostrophe set apart by a wire feed rejoins its word. Memoised: quotes are compared pairwise, so
    each is tokenised once, not once per comparison.
    """
    t = _SPACED_APOSTROPHE.sub("'", _ascii(text))
    words: list[str] = []
    caps: list[bool] = []
    sentence_start = True
    for m in re.finditer(r"[A-Za-z0-9]+(?:['.,][A-Za-z0-9]+)*|[.!?]", t):
        w = m.group(0)
        if w in ".!?":
            sentence_start = True
            continue
        low = w.lower().replace(",", "") if w[0].isdigit() else w.lower()
        name = w[0].isupper() and not sentence_start and low not in _PRONOUN_I
        words.append(low if name else _american(low))
        caps.append(name)
        sentence_start = False
    return _QuoteTokens(tuple(words), tuple(caps))


def _neg_count(words: Iterable[str]) -> int:
    return sum(1 for w in words if w in _NEGATIONS or w.endswith("n't"))


def _numbers(words: Iterable[str]) -> list[str]:
    return sorted(w for w in words if w[0].isdigit() or w in _NUMBER_WORDS)


def _names(tokens: _QuoteTokens, lo: int = 0, hi: int | None = None) -> set[str]:
    hi = len(tokens.words) if hi is None else hi
    return {tokens.words[i] for i in range(lo, hi) if tokens.caps[i]}


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> int:
    """Start index of ``needle`` as a contiguous run in ``haystack``, or -1."""
    n = len(needle)
    for i in range(len(haystack) - n + 1):
        if haystack[i : i + n] == needle:
            return i
    return -1


def _fragments_in_order(haystack: tuple[str, ...], pieces: Iterable[tuple[str, ...]]) -> bool:
    pos = 0
    for p in pieces:
        if not p:
            continue
        rel = _contains(haystack[pos:], p)
        if rel < 0:
            return False
        pos += rel + len(p)
    return True


@lru_cache(maxsize=1 << 14)
def _quote_pieces(text: str) -> tuple[tuple[str, ...], ...] | None:
    """The words between the ellipses of a quote that has one ("we will ... never give up"), else None."""
    t = _ascii(text)
    if "..." in t or "\u2026" in text:
        return tuple(_quote_tokens(p).words for p in re.split(r"\.\.\.|\u2026", t))
    return None


def _is_fragment(short: tuple[str, ...], short_text: str, long_: tuple[str, ...]) -> bool:
    """quote_relation's fragment test: ``short`` inside ``long_``, or its ellipsis pieces in order."""
    if _contains(long_, short) >= 0:
        return True
    pieces = _quote_pieces(short_text)
    return pieces is not None and _fragments_in_order(long_, pieces)


def _grams(words: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Word unigrams and bigrams of a quote, as tuples."""
    return {words[i : i + 1] for i in range(len(words))} | {words[i : i + 2] for i in range(len(words) - 1)}


def quote_links(texts: Iterable[str]) -> list[tuple[str, str]]:
    """The pairs ``(a, b)``, ``a < b``, of distinct texts that ``quote_relation`` calls "same" or "fragment".

    Exactly the pairs a comparison of all pairs would find, without comparing all pairs: texts with the
    same words are grouped, and a shorter quote can only lie inside a longer one (whole, or as ellipsis
    pieces in order) if the longer one has every word bigram of it. So each text is filed under its
    rarest bigram (or word) and checked only against the longer quotes that contain that bigram.
    """
    distinct = sorted(set(texts))
    words_of = {t: _quote_tokens(t).words for t in distinct}
    by_words: dict[tuple[str, ...], list[str]] = {}
    for t in distinct:
        by_words.setdefault(words_of[t], []).append(t)
    pairs: set[tuple[str, str]] = set()
    for group in by_words.values():  # same words: "same" (texts are sorted, so a < b)
        pairs.update((a, b) for i, a in enumerate(group) for b in group[i + 1 :])
    grams_of = {words: _grams(words) for words in by_words if words}
    frequency: dict[tuple[str, ...], int] = {}
    for grams in grams_of.values():
        for gram in grams:
            frequency[gram] = frequency.get(gram, 0) + 1
    filed: dict[tuple[str, ...], list[str]] = {}
    everywhere: list[str] = []  # no word to file under (cannot happen for real text; checked against all)
    for t in distinct:
        if not words_of[t]:
            continue  # no words: "different" from any quote with words
        pieces = _quote_pieces(t)
        # fragment by containment needs the long quote to hold every gram of the words; by ellipsis pieces,
        # every gram inside a piece: a text with an ellipsis is filed under one anchor for each way
        for runs in ((words_of[t],), *(() if pieces is None else ([p for p in pieces if p],))):
            grams = set().union(*(_grams(run) for run in runs))
            if not grams:
                everywhere.append(t)
                continue
            anchor = min(grams, key=lambda g: (frequency.get(g, 0), g))
            filed.setdefault(anchor, []).append(t)
    for words, grams in grams_of.items():
        longer = by_words[words]
        candidates = {t for gram in grams for t in filed.get(gram, ())}
        candidates.update(everywhere)
        for t in candidates:
            if len(words_of[t]) < len(words) and _is_fragment(words_of[t], t, words):
                pairs.update((t, other) if t < other else (other, t) for other in longer)
    return sorted(pairs)


def quote_relation(a: str, b: str) -> QuoteRelation:
    """How two quotes of (presumably) the same speaker relate.

    "same" after normalising quotes, case, whitespace and punctuation; "fragment" when one is a contiguous
    part of the other (an ellipsis in the shorter one may skip words); otherwise the shorter is aligned
    with the best-matching window of the longer and scored with rapidfuzz. Mostly the same words but a
    negation, number or capitalised name changed -> "severe_change" (rapidfuzz alone scores a reversed
    meaning 90+); other small wording changes -> "minor_change"; else "different".
    """
    from rapidfuzz import fuzz

    ta, tb = _quote_tokens(a), _quote_tokens(b)
    if ta.words == tb.words:
        return "same"
    if not ta.words or not tb.words:
        return "different"
    short, long_ = (ta, tb) if len(ta.words) <= len(tb.words) else (tb, ta)
    short_text = a if short is ta else b
    if _is_fragment(short.words, short_text, long_.words):
        return "fragment"

    s_str = " ".join(short.words)
    best_score = -1.0
    best = (0, len(long_.words))
    n = len(short.words)
    for width in range(max(1, n - 2), min(len(long_.words), n + 2) + 1):
        for start in range(len(long_.words) - width + 1):
            score = fuzz.ratio(s_str, " ".join(long_.words[start : start + width]))
            if score > best_score:
                best_score, best = score, (start, start + width)
    lo, hi = best
    window = long_.words[lo:hi]
    if best_score < 70.0:
        return "different"
    severe = (
        _neg_count(short.words) != _neg_count(window)
        or _numbers(short.words) != _numbers(window)
        or _names(short) != _names(long_, lo, hi)
    )
    if severe:
        return "severe_change"
    return "minor_change"
