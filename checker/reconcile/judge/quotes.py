"""Quotations: one speaker's words linked across sources; changed words are a misquote.

Per speaker (a story entity), quotes are linked by ``quote_relation``: the same words after
folding case, punctuation and quote marks are one quote; a contiguous part of a longer one
("a trailing fragment") is the same quote; mostly the same words with a negation, number or name
changed is a severe misquote, with other words changed a minor one. Quotes are only compared when
they share a word pair, or, for a short fragment, a content word ("will not resign" against "I
will resign this week": the most severe misquote there is). The same words (four or more) put in
the mouths of two different *named people* are an attribution conflict; a body and its
spokesperson, or an unnamed source, saying them is not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import cast

from checker import normalize
from checker.reconcile.items import Item
from checker.reconcile.judge.common import UnionFind, Value, clip, content_tokens, explain, finding, fold
from checker.reconcile.resolve.entities import Entities
from checker.report import Finding
from checker.schema import QuoteClaim

_SHORT_FRAGMENT = 6


@lru_cache(maxsize=1 << 16)
def quote_relation(a: str, b: str) -> str:
    """``normalize.quote_relation``, and a short quote whose words all appear, in order, in the
    other ("job not yet done" in "...but the job is not yet done") is a fragment of it, not a misquote
    (a headline drops little words), as long as its negations and numbers are the other's too."""
    relation = normalize.quote_relation(a, b)
    if relation != "minor_change":
        return relation
    short, long_ = sorted((fold(a).split(), fold(b).split()), key=len)
    if len(short) > _SHORT_FRAGMENT:
        return relation
    words = iter(long_)
    return "fragment" if all(w in words for w in short) else relation


_MAX_SHINGLE_BUCKET = 400
_SHORT_QUOTE_WORDS = 5
_MIN_ATTRIBUTION_WORDS = 4
_RELATION_RANK = {"severe_change": 0, "minor_change": 1, "fragment": 2, "same": 3}


def _shingles(key: str) -> list[str]:
    """The buckets a quote key is filed in: its word bigrams (a unigram for one-word quotes; short
    quotes also under each content word, so a fragment with a flipped negation meets its quote)."""
    words = key.split()
    shingles = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)} or set(words)
    if len(words) <= _SHORT_QUOTE_WORDS:
        shingles |= {"w:" + w for w in content_tokens(key)}
    return sorted(shingles)


def _shingle_index(keys: Sequence[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for key in sorted(set(keys)):
        for shingle in _shingles(key):
            index[shingle].append(key)
    return index


def _candidate_pairs(keys: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of quote keys sharing a word bigram (or a content word of a short quote): the only pairs compared."""
    index = _shingle_index(keys)
    shorts = {k for k in keys if len(k.split()) <= _SHORT_QUOTE_WORDS}
    pairs: set[tuple[str, str]] = set()
    for shingle in sorted(index):
        bucket = index[shingle]
        if len(bucket) > _MAX_SHINGLE_BUCKET:
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if shingle.startswith("w:") and a not in shorts and b not in shorts:
                    continue  # a shared content word links a short fragment, not two long quotes
                pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


def findings(items: Sequence[Item], entities: Entities) -> list[Finding]:
    by_speaker: dict[str, list[Value]] = defaultdict(list)
    original: dict[str, str] = {}
    for item in items:
        claim = cast(QuoteClaim, item.claim)
        speaker = entities.key(item.source, claim.speaker) or ""
        value = Value(item, claim.text, fold(claim.text))
        by_speaker[speaker].append(value)
        original[value.normalized] = min(original.get(value.normalized, claim.text), claim.text)

    out: list[Finding] = []
    for speaker in sorted(by_speaker):
        values = by_speaker[speaker]
        keys = sorted({v.normalized for v in values})
        uf = UnionFind()
        for key in keys:
            uf.add(key)
        relations: dict[tuple[str, str], str] = {}
        relation: str
        for a, b in _candidate_pairs(keys):
            relation = quote_relation(original[a], original[b])
            if not speaker and relation not in ("same", "fragment"):
                continue  # unnamed speakers may be different people: changed words are not a misquote
            if relation != "different":
                relations[(a, b)] = relation
                uf.union(a, b)
        group_of: dict[str, list[Value]] = defaultdict(list)
        for value in values:
            group_of[uf.find(value.normalized)].append(value)
        relations_of: dict[str, list[str]] = defaultdict(list)
        for (a, _b), relation in relations.items():
            relations_of[uf.find(a)].append(relation)
        for component in uf.components():
            root = uf.find(component[0])
            out.append(_quote_finding(speaker, group_of[root], relations_of[root], entities))
    out.extend(_attribution_conflicts(by_speaker, entities, original))
    return out


def _quote_finding(speaker: str, group: Sequence[Value], relations: Sequence[str], entities: Entities) -> Finding:
    who = entities.name(speaker) if speaker else None
    longest = max(group, key=lambda v: (len(v.written), v.normalized)).written
    fact = f"quote by {who or 'an unnamed speaker'}: “{clip(longest)}”"
    sources = {v.item.source for v in group}
    worst = min(relations, key=lambda r: _RELATION_RANK[r], default="same")
    explanation = explain(group, verb=("quotes", "quote"))
    if worst in ("severe_change", "minor_change"):
        severity = "high" if worst == "severe_change" else "medium"
        return finding("quote", fact, "misquote", severity, f"quote.{worst}", explanation, group)
    if len(sources) > 1:
        return finding("quote", fact, "agree", "info", f"quote.{worst}", explanation, group)
    return finding("quote", fact, "single_source", "low", "quote.single_source", explanation, group)


def _attribution_conflicts(
    by_speaker: dict[str, list[Value]], entities: Entities, original: dict[str, str]
) -> list[Finding]:
    """The same words (or a fragment of them) put in the mouths of different named people."""
    speakers_of_key: dict[str, set[str]] = defaultdict(set)
    values_of_key: dict[str, list[Value]] = defaultdict(list)
    for speaker, values in by_speaker.items():
        if not entities.is_person(speaker):
            continue  # a ministry and its spokeswoman, or an unnamed source: not two people
        for value in values:
            if len(value.normalized.split()) >= _MIN_ATTRIBUTION_WORDS:
                speakers_of_key[value.normalized].add(speaker)
                values_of_key[value.normalized].append(value)
    uf = UnionFind()
    linked: set[str] = set()
    for key in sorted(speakers_of_key):
        uf.add(key)
        if len(speakers_of_key[key]) > 1:
            linked.add(key)
    index = _shingle_index(list(speakers_of_key))
    key_of_text = {original[key]: key for key in speakers_of_key}
    for text_a, text_b in normalize.quote_links(key_of_text):
        a, b = sorted((key_of_text[text_a], key_of_text[text_b]))
        if speakers_of_key[a] == speakers_of_key[b] and len(speakers_of_key[a]) == 1:
            continue
        if any(len(index[s]) <= _MAX_SHINGLE_BUCKET for s in set(_shingles(a)).intersection(_shingles(b))):
            uf.union(a, b)
            linked.update((a, b))
    out = []
    for component in uf.components():
        if not linked.intersection(component):
            continue
        group = [v for key in component for v in values_of_key[key]]
        speakers = sorted({s for key in component for s in speakers_of_key[key]})
        if len(speakers) < 2:
            continue
        longest = max(group, key=lambda v: (len(v.written), v.normalized)).written
        sources_by_speaker: dict[str, set[str]] = defaultdict(set)
        for value in group:
            speaker_of = entities.key(value.item.source, cast(QuoteClaim, value.item.claim).speaker) or ""
            sources_by_speaker[speaker_of].add(value.item.source)
        clauses = []
        for speaker in sorted(speakers, key=entities.name):
            sources = sorted(sources_by_speaker[speaker])
            clauses.append(
                f"{', '.join(sources)} attribute{'s' if len(sources) == 1 else ''} it to {entities.name(speaker)}"
            )
        out.append(
            finding(
                "quote",
                f"speaker of “{clip(longest)}”",
                "attribution_conflict",
                "high",
                "quote.speaker_mismatch",
                "; ".join(clauses),
                group,
            )
        )
    return out
