"""What every kind's rules share: values, facts, the verdict on a bucket of values, and findings.

A *fact* is a bucket of values that are about one thing (found by the resolution layer, or by a
model's alignment). Its verdict is decided once per distinct normalised value, so a fact that a
thousand sources state the same way costs one comparison, not a million:

* **conflict** when two values from different sources, or from different voices of one source,
  are incompatible (an article that reports Trump's figure and then the official one is not
  contradicting itself, but the figures do disagree, and the finding shows whose each is);
* **internal_conflict** when one source gives two incompatible values *in one voice*;
* **agree** when several sources give compatible values; **single_source** otherwise.

Every voice meets every other: a figure one outlet states and another attributes to the police
is one fact; each value keeps its attribution, and the explanation names it ("police (a.txt)
say 2; b.txt says 3").
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from anyascii import anyascii
from pydantic import BaseModel

from checker import normalize
from checker.reconcile.items import Item
from checker.reconcile.tables import words
from checker.report import Evidence, Finding, FindingValue
from checker.schema import v1
from checker.schema.convert import split_hedge

SEVERITY_CONFLICT = {
    "event_time": "high",
    "duration": "medium",
    "quantity": "high",
    "role": "high",
    "membership": "medium",
    "proposition": "medium",
    "quote": "high",
}


@dataclass(frozen=True, slots=True)
class Value:
    item: Item
    written: str
    normalized: str


@dataclass
class Fact:
    """A bucket of values about one fact, with how its values were aligned."""

    kind: str
    fact: str
    values: list[Value]
    aligned_by: str = "rules"  # "rules", or "model" when a model's alignment put the values together


# --- text helpers ------------------------------------------------------------------------------------

_STOPWORDS = words("content_stopwords")
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ed", "es", "s", "e")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase ASCII with punctuation turned into spaces, so spellings with accents or curly quotes meet."""
    text = anyascii(text).lower().replace("'s ", " ").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9%.]+", " ", text).replace(". ", " ").strip(" .").split())


def stem(word: str) -> str:
    """Crude suffix stripping: enough to make 'negotiating', 'negotiation' and 'negotiations' meet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1 << 16)
def content_tokens(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in fold(text).split() if w not in _STOPWORDS)


_PARENTHESIS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_WORD = re.compile(r"[a-z]+")
_NUMBER_FILLERS = words("number_fillers")


def _unit_words(text: str) -> frozenset[str]:
    return frozenset(
        normalize.singular(w)
        for w in _WORD.findall(re.sub(r"\d+(?:st|nd|rd|th)\b|\d", " ", anyascii(text).lower()))
        if not normalize.is_number_word(w) and w not in _NUMBER_FILLERS and w not in _STOPWORDS
    )


def numbers_differ(a: str, b: str) -> bool:
    """Two values no parser reads that still differ: same unit words, no hedge, and numbers of which
    neither is a part of the other ("9-5" and "10-5", "84-yard" and "86-yard", "2:06:41" and
    "2:06:14"). Not "about 60 mph" and "98 km/h" (a hedge, another unit), nor a conversion in
    parentheses ("1,500 km (940 miles)"), nor values without numbers."""
    a, b = _PARENTHESIS.sub(" ", a), _PARENTHESIS.sub(" ", b)
    if split_hedge(a)[0] or split_hedge(b)[0] or _unit_words(a) != _unit_words(b):
        return False
    na, nb = normalize.numbers_in(a), normalize.numbers_in(b)
    if not na or not nb:
        return False
    return not (_subsequence(na, nb) or _subsequence(nb, na))


def _subsequence(short: tuple[float, ...], long: tuple[float, ...]) -> bool:
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


def clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def join_names(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --- clustering and union-find ---------------------------------------------------------------------


def _min_shared(size: int, threshold: float) -> int:
    """Fewest tokens a set of ``size`` tokens shares with a cluster of at least its size that it fits."""
    bound = math.ceil(2 * threshold * size / (1 + threshold) - 1e-9) if threshold > 0 else 1
    return max(1, min(size, bound))


def cluster_sets(sets: Iterable[frozenset[str]], threshold: float = 0.5) -> dict[frozenset[str], int]:
    """Cluster token sets: a set joins the one cluster it is a subset of or overlaps by Jaccard >= threshold.

    Larger sets go first and found clusters; a set that fits several clusters stays on its own (an
    ambiguous short key must not bridge two facts). An empty set joins the only cluster, if one. Only
    clusters that can fit are checked (prefix filtering), so this is not all-pairs.
    """
    distinct = sorted(set(sets), key=lambda s: (-len(s), sorted(s)))
    reps: list[frozenset[str]] = []
    by_token: dict[str, list[int]] = defaultdict(list)
    assignment: dict[frozenset[str], int] = {}
    empties: list[frozenset[str]] = []
    for tokens in distinct:
        if not tokens:
            empties.append(tokens)
            continue
        probe = sorted(tokens, key=lambda t: (len(by_token.get(t, ())), t))[
            : len(tokens) - _min_shared(len(tokens), threshold) + 1
        ]
        candidates = sorted({cid for token in probe for cid in by_token.get(token, ())})
        fits = [
            cid
            for cid in candidates
            if tokens <= reps[cid] or len(tokens & reps[cid]) / len(tokens | reps[cid]) >= threshold
        ]
        if len(fits) == 1:
            assignment[tokens] = fits[0]
            continue
        cid = len(reps)
        reps.append(tokens)
        for token in sorted(tokens):
            by_token[token].append(cid)
        assignment[tokens] = cid
    for tokens in empties:
        assignment[tokens] = 0 if len(reps) == 1 else len(reps)
    return assignment


class UnionFind:
    """Union-find over string keys; the smallest key names its component, so results are order-free."""

    def __init__(self) -> None:
        self._parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self._parent.setdefault(key, key)

    def find(self, key: str) -> str:
        root = key
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[key] != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = sorted((ra, rb))
            self._parent[high] = low

    def components(self) -> list[list[str]]:
        groups: dict[str, list[str]] = defaultdict(list)
        for key in sorted(self._parent):
            groups[self.find(key)].append(key)
        return [groups[root] for root in sorted(groups)]


# --- findings ---------------------------------------------------------------------------------------

# json.dumps(payload, ensure_ascii=False, sort_keys=True), without building an encoder for each finding
_HASH_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def short_hash(payload: object) -> str:
    return hashlib.sha256(_HASH_ENCODER.encode(payload).encode()).hexdigest()[:12]


_M = TypeVar("_M", bound=BaseModel)
_set_attribute = object.__setattr__


def construct(cls: type[_M], fields: dict[str, Any]) -> _M:
    """``cls.model_construct(**fields)`` with every field given: the same instance state, set directly.

    ``model_construct`` costs ~2 us a call and a report holds two models per value (100k at 50,000
    claims). Models with private attributes, a post-init hook or a root fall back to it.
    """
    if cls.__private_attributes__ or cls.__pydantic_post_init__ is not None or cls.__pydantic_root_model__:
        return cls.model_construct(**fields)
    model = cls.__new__(cls)
    _set_attribute(model, "__dict__", fields)
    _set_attribute(model, "__pydantic_fields_set__", set(fields))
    _set_attribute(model, "__pydantic_extra__", None)
    _set_attribute(model, "__pydantic_private__", None)
    return model


@lru_cache(maxsize=1 << 12)
def attribution(kind: str, name: str | None) -> v1.Attribution:
    source_type = {"place": "organisation"}.get(kind, kind)
    return construct(v1.Attribution, {"source_type": source_type, "name": name})


def modality_of(item: Item, future: bool) -> str:
    claim = item.claim
    if claim.kind == "proposition":
        return claim.modality
    return "planned" if future else "happened"


def voice_label(item: Item) -> str | None:
    """Who a value is attributed to, for an explanation; None for the article's own voice."""
    voice = item.voice
    if not voice.attributed:
        return None
    return voice.name or "an unnamed source"


def attributed_names(values: Sequence[Value]) -> str | None:
    """The voices other than the articles' own in a finding, sorted; None when every value is an article's."""
    names = sorted({label for v in values if (label := voice_label(v.item)) is not None})
    return ", ".join(names) if names else None


def finding(
    kind: str,
    fact: str,
    verdict: str,
    severity: str,
    rule: str,
    explanation: str,
    values: Sequence[Value],
    *,
    future: bool = False,
    aligned_by: str = "rules",
) -> Finding:
    def order(v: Value) -> tuple[str, int, int, int, str, str, str, str]:
        return (
            v.item.source,
            v.item.span.start,
            v.item.span.end,
            v.item.value.start if v.item.value is not None else -1,
            v.written,
            v.normalized,
            v.item.voice.kind,
            v.item.voice.name or "",
        )

    # constructed directly: every part comes from already validated claims, and reports can hold 100k values
    rendered = [
        construct(
            FindingValue,
            {
                "source": v.item.source,
                "value": v.written,
                "normalized": v.normalized,
                "attribution": attribution(v.item.voice.kind, v.item.voice.name),
                "modality": modality_of(v.item, future),
                "evidence": construct(
                    Evidence, {"text": v.item.span.text, "start": v.item.span.start, "end": v.item.span.end}
                ),
                "span": None
                if v.item.value is None
                else construct(
                    Evidence, {"text": v.item.value.text, "start": v.item.value.start, "end": v.item.value.end}
                ),
            },
        )
        for v in (values if len(values) == 1 else sorted(values, key=order))
    ]
    attributed_to = attributed_names(values)
    payload = [
        kind,
        fact,
        verdict,
        rule,
        attributed_to,
        [(v.source, v.evidence.start, v.evidence.end, v.normalized) for v in rendered],
    ]
    return Finding(
        id=short_hash(payload),
        fact=fact,
        kind=kind,
        verdict=verdict,
        severity=severity,
        rule=rule,
        explanation=explanation,
        attributed_to=attributed_to,
        aligned_by=aligned_by,
        values=rendered,
    )


def _names(sources: Sequence[str]) -> str:
    shown = list(sources[:4])
    more = len(sources) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def explain(values: Sequence[Value], verb: tuple[str, str] = ("says", "say")) -> str:
    """'a.txt, citing police, says 2; b.txt says 3': one clause per distinct value, its voices named.

    Sources are grouped per value (a set: a value a thousand sources give is common), and a source
    that attributes the value says whom it cites."""
    by_norm: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # norm -> voice -> sources
    for value in values:
        by_norm[value.normalized][voice_label(value.item) or ""].add(value.item.source)

    def first_source(norm: str) -> str:
        return min(s for sources in by_norm[norm].values() for s in sources)

    clauses = []
    for norm in sorted(by_norm, key=lambda n: (first_source(n), n)):
        parts, count = [], 0
        voices = by_norm[norm]
        for voice in sorted(voices, key=lambda v: (min(voices[v]), v)):
            sources = sorted(voices[voice])
            count += len(sources)
            parts.append(f"{_names(sources)}, citing {voice}," if voice else _names(sources))
        who = join_names(parts)
        clauses.append(f"{who} {verb[0] if count == 1 else verb[1]} {norm}")
    return "; ".join(clauses)


_MANY_VALUES = 3  # one voice giving this many different values, some incompatible, names several facts


def _names_several_facts(values: Sequence[Value], compatible: Callable[[str, str], bool]) -> bool:
    """Whether one voice of one source gives ``_MANY_VALUES`` different values for the fact, two of them
    incompatible: then the fact's key does not tell its facts apart (a bank rate before, after and at
    its peak; four vote counts), and comparing them would only make false conflicts. Two values stay
    an internal conflict (a toll revised in one article)."""
    per_voice: dict[tuple[str, object], set[str]] = defaultdict(set)
    for value in values:
        per_voice[(value.item.source, value.item.voice)].add(value.normalized)
    for norms in per_voice.values():
        if len(norms) < _MANY_VALUES:
            continue
        ordered = sorted(norms)
        if any(not compatible(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]):
            return True
    return False


def _apart(fact: Fact, compatible: Callable[[str, str], bool], rule_prefix: str, future: bool) -> list[Finding]:
    """Each source's values of an ambiguous fact on their own, never compared: one finding per source."""
    out = []
    for source in sorted({v.item.source for v in fact.values}):
        own = [v for v in fact.values if v.item.source == source]
        explanation = (
            explain(own) + f"; {source} gives {len({v.normalized for v in own})} values for this, not compared"
        )
        made = finding(
            fact.kind, fact.fact, "single_source", "low", f"{rule_prefix}.several_facts", explanation, own,
            future=future, aligned_by=fact.aligned_by,
        )  # fmt: skip
        made._compatible = compatible
        out.append(made)
    return out


def judge(
    fact: Fact,
    compatible: Callable[[str, str], bool],
    rule_prefix: str,
    conflict_rule: str | Callable[[str, str], str] = "mismatch",
    agree_rule: str = "compatible",
    *,
    future: bool = False,
) -> list[Finding]:
    """Conflict, internal conflict, agreement or single source for a bucket of comparable values.

    ``conflict_rule`` names the rule that tells two values apart, or says for a pair which one did
    (the first conflicting pair in sorted order names the finding's rule)."""

    def rule_for(a: str, b: str) -> str:
        return conflict_rule if isinstance(conflict_rule, str) else conflict_rule(a, b)

    kind, label, aligned = fact.kind, fact.fact, fact.aligned_by
    if len(fact.values) == 1:  # most facts: one source, one value, nothing to compare
        made = finding(
            kind,
            label,
            "single_source",
            "low",
            f"{rule_prefix}.single_source",
            explain(fact.values),
            fact.values,
            future=future,
            aligned_by=aligned,
        )
        made._compatible = compatible
        return [made]
    by_norm: dict[str, list[Value]] = defaultdict(list)
    for value in fact.values:
        by_norm[value.normalized].append(value)
    norms = sorted(by_norm)
    if _names_several_facts(fact.values, compatible):
        return _apart(fact, compatible, rule_prefix, future)
    # (source, voice) pairs per value: one voice of one source contradicting itself is internal
    voice_sets = {norm: {(v.item.source, v.item.voice) for v in by_norm[norm]} for norm in norms}
    sources = sorted({v.item.source for v in fact.values})
    cross: str | None = None  # the rule of the first pair of voices that disagree
    internal: dict[str, set[str]] = defaultdict(set)
    internal_rule: dict[str, str] = {}
    for i, a in enumerate(norms):
        for b in norms[i + 1 :]:
            if compatible(a, b):
                continue
            va, vb = voice_sets[a], voice_sets[b]
            # two voices disagreeing is a conflict, even inside one article (it reports both figures)
            if cross is None and (len(va) > 1 or len(vb) > 1 or va != vb):
                cross = rule_for(a, b)
            for source, _voice in va & vb:
                internal[source].update((a, b))
                internal_rule.setdefault(source, rule_for(a, b))
    findings: list[Finding] = []
    severity = SEVERITY_CONFLICT.get(kind, "medium")
    for source in sorted(internal):
        own = [v for v in fact.values if v.item.source == source and v.normalized in internal[source]]
        findings.append(
            finding(
                kind,
                label,
                "internal_conflict",
                severity,
                f"{rule_prefix}.internal_{internal_rule[source]}",
                f"{source} says both " + " and ".join(sorted(internal[source])),
                own,
                future=future,
                aligned_by=aligned,
            )
        )
    if cross is not None:
        verdict, rule, sev = "conflict", f"{rule_prefix}.{cross}", severity
    elif len(sources) > 1:
        verdict, rule, sev = "agree", f"{rule_prefix}.{agree_rule}", "info"
    elif internal:
        return findings
    else:
        verdict, rule, sev = "single_source", f"{rule_prefix}.single_source", "low"
    findings.append(
        finding(kind, label, verdict, sev, rule, explain(fact.values), fact.values, future=future, aligned_by=aligned)
    )
    for made in findings:
        made._compatible = compatible
    return findings
