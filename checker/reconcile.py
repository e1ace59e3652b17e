"""The deterministic reconciler: align claims about the same fact across sources and judge them.

Pure code: no model, no network, no clock, no randomness, no I/O. The same claims
in any order give a byte-identical report, because the input is put into one
canonical order first and no set or hash order ever reaches the output.

How alignment works
-------------------
Claims never meet by their wording; each kind has a structural *fact key*, and
claims are bucketed by it in hash maps (no all-pairs over the input; pairwise
work happens only between the distinct normalised values of one bucket, or
between quotes sharing a word bigram):

* **people** — the name-like mentions of a source (capitalised words only, so
  "the war in Ukraine" cannot swallow "Ukraine") go into that source's
  ``PersonIndex`` ("Trump" -> "donald trump"); across sources the keys already
  fold transliterations and nicknames ("Zelenskyy", "Mike"), and a surname-only
  key joins the full name with that surname when all full names with it are the
  same person. Other mentions (countries, bodies) are keyed by ``org_key``.
* **events** — ``(event_type_key, participant identities)``; participant sets of
  one type are clustered: a set joins the one cluster it is a subset of or
  overlaps by Jaccard >= 0.5, and stays apart when several clusters qualify.
  Planned/speculative events never meet happened/ongoing ones (tense is part of
  every key), so "would contact" never meets "communicated with".
* **event_time / duration** — by event cluster and tense.
* **quantity** — by ``(measure_key, unit, event cluster, tense)``; a claim
  without an event joins the measure's only event cluster, if there is just one.
  Deaths and displaced people are different measures and never meet.
* **role** — by person identity; the value is ``title_key`` (office,
  affiliation, status), compared with ``titles_conflict``.
* **quote** — by speaker identity; quotes are linked by ``quote_relation`` and
  each linked group is one finding. Across speakers, the same words (>= 4) make
  an attribution conflict.
* **membership** — by group phrase: content tokens after stopword removal and a
  crude stemmer ("US negotiating team" ~ "negotiation team"), clustered like
  participant sets (threshold 0.6).
* **proposition** — by (subject identity, tense), then predicate+object token
  sets clustered like groups (threshold 0.5); the value is the polarity.

Attribution splits every bucket into pools: the outlet's own voice, named
organisations and documents form the reporting pool (``attributed_to`` null);
each named person, and anonymous sources together, form their own pool, so a
figure someone is quoted giving is never reported as the outlet's.

Where it fails
--------------
* Different event types for one event ("call" vs "summit") or participants given
  as countries in one source and leaders in another do not meet.
* Synonyms are not known: "Kyiv joining NATO unrealistic" and "NATO membership
  for Ukraine not feasible" share too few words to meet; unrelated statements
  about one subject that share most words may be merged.
* Pools are strict: the outlet saying "teams will begin negotiations" and Trump
  being reported saying it are never compared, even when they agree.
* Subset joins are refused when ambiguous, so a claim with a vague key may stay a
  single_source instead of joining its fact; a person who legitimately holds two
  offices shows as a title conflict.
* Surname-only people are merged across sources only when the surname is unique.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypeVar

from anyascii import anyascii
from pydantic import BaseModel

from checker import normalize
from checker.normalize import (
    Amount,
    PersonIndex,
    TitleKey,
    name_key,
    org_key,
    parse_date,
    resolve_weekday,
    same_person,
    titles_conflict,
)
from checker.report import (
    SEVERITY_ORDER,
    VERDICT_ORDER,
    Evidence,
    Finding,
    FindingValue,
    Report,
    RunInfo,
    SourceSummary,
    UngroundedItem,
)
from checker.schema import SourceClaims, Span, v1
from checker.schema.convert import describe, from_v1, to_v1
from checker.schema.v1 import (
    Claim,
    DurationClaim,
    EventRef,
    EventTimeClaim,
    MembershipClaim,
    PropositionClaim,
    QuantityClaim,
    QuoteClaim,
    RoleClaim,
)

# --- small text helpers ----------------------------------------------------------

_STOPWORD_TEXT = (
    "a an the of to in on for and or with by at from as his her their its our your my this that these those "
    "be is are was were been will would shall should has have had do does did it he she they them we i you "
    "respective other others about into over some any all each both also very such than then there here who whom "
    "which what when where while"
)
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
_SUFFIXES = ("ations", "ation", "ings", "ing", "ions", "ion", "ed", "es", "s", "e")


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """Lowercase ASCII with punctuation turned into spaces, so spellings with accents or curly quotes meet."""
    text = anyascii(text).lower().replace("'s ", " ").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9%.]+", " ", text).replace(". ", " ").strip(" .").split())


def _stem(word: str) -> str:
    """Crude suffix stripping: enough to make 'negotiating', 'negotiation' and 'negotiations' meet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1 << 16)
def _content_tokens(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _fold(text).split() if w not in _STOPWORDS)


# json.dumps(payload, ensure_ascii=False, sort_keys=True), without building an encoder for each finding
_HASH_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True)


def _short_hash(payload: object) -> str:
    return hashlib.sha256(_HASH_ENCODER.encode(payload).encode()).hexdigest()[:12]


# --- normalisation adapters ----------------------------------------------------------
# checker.normalize does the heavy lifting; these wrappers only give its results the
# string forms the rules bucket and report on. The normalisers are pure, so memoising them
# is safe, and news repeats itself: a thousand sources write "President" a thousand times.

duration = lru_cache(maxsize=1 << 16)(normalize.duration)
quantity = lru_cache(maxsize=1 << 16)(normalize.quantity)
measure_key = lru_cache(maxsize=1 << 14)(normalize.measure_key)
event_type_key = lru_cache(maxsize=1 << 14)(normalize.event_type_key)
title_key = lru_cache(maxsize=1 << 16)(normalize.title_key)
quote_relation = lru_cache(maxsize=1 << 16)(normalize.quote_relation)

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _amount_label(amount: Amount | None, written: str) -> str:
    return amount.normalized if amount is not None else f"unparsed: {_fold(written)}"


def _amounts_compatible(a: Amount | None, b: Amount | None) -> bool:
    """Unparsed amounts and vague words never conflict; different units never meet (they are bucketed apart)."""
    if a is None or b is None or not a.comparable(b):
        return True
    return a.compatible(b)


def _title_label(key: TitleKey) -> str:
    status = "" if key.status == "current" else key.status + " "
    return status + key.office + (f" ({key.affiliation})" if key.affiliation else "")


def _quote_key(text: str) -> str:
    return _fold(text)


# --- items and identities ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    """One grounded claim with the context the rules need."""

    source: str
    published: dt.date | None
    claim: Claim
    span: Span
    value: Span | None = None


def _canonical(sources: Sequence[SourceClaims]) -> tuple[list[SourceClaims], list[_Item]]:
    """Put sources and claims in one order that does not depend on the input order.

    The rules compare the per-claim view of :func:`checker.schema.convert.to_v1` (names instead of
    ids); each item keeps the span of its value from the 2.0 claim.
    """
    names = [s.source.name for s in sources]
    if len(set(names)) == len(names):
        ordered = sorted(sources, key=lambda s: s.source.name)
    else:  # duplicate names: the whole content breaks the tie
        ordered = sorted(sources, key=lambda s: (s.source.name, s.model_dump_json()))
    by_position: dict[tuple[str, int, int, str], list[_Item]] = defaultdict(list)
    for source in ordered:
        view = to_v1(source)
        for grounded, seen in zip(source.claims, view.claims, strict=True):
            key: tuple[str, int, int, str] = (
                source.source.name,
                grounded.evidence.start,
                grounded.evidence.end,
                grounded.claim.kind,
            )
            by_position[key].append(
                _Item(source.source.name, source.source.published, seen.claim, grounded.evidence, grounded.value)
            )
    items: list[_Item] = []
    for key in sorted(by_position):
        group = by_position[key]
        if len(group) > 1:  # several claims on one span: their content orders them (rare, so dumped lazily)
            group = sorted(group, key=lambda item: item.claim.model_dump_json())
        items.extend(group)
    return ordered, items


def _person_mentions(claim: Claim) -> list[str]:
    names: list[str] = []
    if claim.attribution.source_type == "person" and claim.attribution.name:
        names.append(claim.attribution.name)
    event = _event_of(claim)
    if event is not None:
        names.extend(event.participants)
    if isinstance(claim, RoleClaim):
        names.append(claim.person)
    elif isinstance(claim, QuoteClaim) and claim.speaker:
        names.append(claim.speaker)
    elif isinstance(claim, MembershipClaim):
        names.extend(claim.members)
    elif isinstance(claim, PropositionClaim):
        names.extend(_subject_parts(claim.subject))
    return [name for name in names if name.strip()]


@dataclass
class _People:
    """Person identity across sources: per-source surname resolution, then a global name key."""

    local: dict[tuple[str, str], str] = field(default_factory=dict)  # (source, name key) -> identity
    display: dict[str, str] = field(default_factory=dict)  # identity -> display name
    persons: set[str] = field(default_factory=set)  # identities seen in person-only slots

    @classmethod
    def build(cls, items: Sequence[_Item]) -> _People:
        people = cls()
        mentions: dict[str, set[str]] = defaultdict(set)
        item_mentions = [_person_mentions(item.claim) for item in items]
        for item, names in zip(items, item_mentions, strict=True):
            if names:
                mentions[item.source].update(filter(_looks_like_name, names))
        # inside a source: "Trump" -> that source's "donald trump" (PersonIndex)
        for source in sorted(mentions):
            index = PersonIndex(sorted(mentions[source]))
            for name in sorted(mentions[source]):
                key = name_key(name)
                if key:
                    people.local[(source, key)] = index.resolve(name)
        # across sources: a surname-only key, or a full key whose first name is a variant, joins
        # the single person with that surname when every full name with it is the same person
        full_by_last: dict[str, set[str]] = defaultdict(set)
        for resolved in people.local.values():
            if len(resolved.split()) > 1:
                full_by_last[resolved.split()[-1]].add(resolved)
        canonical: dict[str, str] = {}
        for last, fulls in full_by_last.items():
            ordered = sorted(fulls, key=lambda k: (-len(k.split()), -len(k), k))
            if all(same_person(ordered[0], other) for other in ordered[1:]):
                canonical[last] = ordered[0]
                for full in ordered:
                    canonical[full] = ordered[0]
        local = people.local
        for local_key, resolved in local.items():  # values only: the keys and their order stay
            local[local_key] = canonical.get(resolved, resolved)
        written_forms: dict[str, dict[str, int]] = defaultdict(dict)
        for item, names in zip(items, item_mentions, strict=True):
            source = item.source
            for name in names:
                identity = local.get((source, name_key(name)))
                if identity:
                    forms = written_forms[identity]
                    form = name.strip()
                    forms[form] = forms.get(form, 0) + 1
            for name in _person_only_mentions(item.claim):
                people.persons.add(people.identity(source, name))
        for identity, forms in written_forms.items():
            people.display[identity] = min(forms, key=lambda f: (-len(f.split()), -forms[f], f))
        return people

    def identity(self, source: str, name: str) -> str:
        """The cross-source identity of a mention: a resolved person key, else the organisation/place key."""
        key = name_key(name)
        if (source, key) in self.local:
            return self.local[(source, key)]
        return key if _looks_like_name(name) else org_key(name)

    def name(self, identity: str) -> str:
        return self.display.get(identity, identity)


_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "al", "bin", "da", "di", "le", "la", "du", "del", "ibn"})


@lru_cache(maxsize=1 << 16)
def _looks_like_name(text: str) -> bool:
    """Capitalised words (and name particles) only: 'Donald J. Trump', 'Russia', not 'the war in Ukraine'.

    Phrases must stay out of the per-source PersonIndex, or 'Ukraine' would resolve to 'the war in Ukraine'.
    """
    words = text.replace(",", " ").split()
    return 0 < len(words) <= 5 and all(w[:1].isupper() or w[:1].isdigit() or w in _NAME_PARTICLES for w in words)


def _person_only_mentions(claim: Claim) -> list[str]:
    """Names in slots only people fill: role holders, speakers, attributed persons."""
    names = []
    if claim.attribution.source_type == "person" and claim.attribution.name:
        names.append(claim.attribution.name)
    if isinstance(claim, RoleClaim):
        names.append(claim.person)
    elif isinstance(claim, QuoteClaim) and claim.speaker:
        names.append(claim.speaker)
    return names


# --- clustering of token sets ---------------------------------------------------------------


def _min_shared(size: int, threshold: float) -> int:
    """Fewest tokens a set of ``size`` tokens shares with a cluster of at least its size that it fits.

    A subset shares all ``size``; Jaccard ``i / (size + r - i) >= threshold`` with ``r >= size`` needs
    ``i >= 2 * threshold * size / (1 + threshold)`` (less 1e-9, for the float division it is tested with).
    """
    bound = math.ceil(2 * threshold * size / (1 + threshold) - 1e-9) if threshold > 0 else 1
    return max(1, min(size, bound))


def _cluster_sets(sets: Iterable[frozenset[str]], threshold: float = 0.5) -> dict[frozenset[str], int]:
    """Cluster token sets: a set joins the one cluster it is a subset of or overlaps by Jaccard >= threshold.

    Larger sets go first and found clusters; a set that fits several clusters stays on its own
    (an ambiguous short key must not bridge two facts). An empty set joins the only cluster, if one.

    Only clusters that can fit are checked (prefix filtering): every cluster is at least as large as
    the set, so fitting means sharing at least ``_min_shared`` of its tokens, and such a cluster holds
    one of the set's ``len - _min_shared + 1`` tokens that belong to the fewest clusters.
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


# --- values and judging ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Value:
    item: _Item
    written: str
    normalized: str


@dataclass
class _Fact:
    """A bucket of values about one fact, with how to label and compare them."""

    kind: str
    fact: str
    attributed_to: str | None
    values: list[_Value]


_SEVERITY_CONFLICT = {
    "event_time": "high",
    "duration": "medium",
    "quantity": "high",
    "role": "high",
    "membership": "medium",
    "proposition": "medium",
    "quote": "high",
}


_M = TypeVar("_M", bound=BaseModel)
_set_attribute = object.__setattr__


def _construct(cls: type[_M], fields: dict[str, Any]) -> _M:
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


def _finding(
    kind: str,
    fact: str,
    verdict: str,
    severity: str,
    rule: str,
    explanation: str,
    attributed_to: str | None,
    values: Sequence[_Value],
) -> Finding:
    def order(v: _Value) -> tuple[str, int, int, str, str, str, str, str]:
        attribution = v.item.claim.attribution
        return (
            v.item.source,
            v.item.span.start,
            v.item.span.end,
            v.written,
            v.normalized,
            attribution.source_type,
            attribution.name or "",
            v.item.claim.modality,
        )

    # model_construct: every part comes from already validated claims, and reports can hold 100k values
    rendered = [
        _construct(
            FindingValue,
            {
                "source": v.item.source,
                "value": v.written,
                "normalized": v.normalized,
                "attribution": v.item.claim.attribution,
                "modality": v.item.claim.modality,
                "evidence": _construct(
                    Evidence, {"text": v.item.span.text, "start": v.item.span.start, "end": v.item.span.end}
                ),
                "span": None
                if v.item.value is None
                else _construct(
                    Evidence, {"text": v.item.value.text, "start": v.item.value.start, "end": v.item.value.end}
                ),
            },
        )
        for v in (values if len(values) == 1 else sorted(values, key=order))
    ]
    payload = [
        kind,
        fact,
        verdict,
        rule,
        attributed_to,
        [(v.source, v.evidence.start, v.evidence.end, v.normalized) for v in rendered],
    ]
    return Finding(
        id=_short_hash(payload),
        fact=fact,
        kind=kind,
        verdict=verdict,
        severity=severity,
        rule=rule,
        explanation=explanation,
        attributed_to=attributed_to,
        values=rendered,
    )


def _names(sources: Sequence[str]) -> str:
    shown = list(sources[:4])
    more = len(sources) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _explain(values: Sequence[_Value], verb: tuple[str, str] = ("says", "say")) -> str:
    """'002_x.txt says Wednesday; 003_y.txt says Thursday' — one clause per distinct normalised value."""
    by_norm: dict[str, set[str]] = defaultdict(set)  # a set: a value a thousand sources give is common
    for value in values:
        by_norm[value.normalized].add(value.item.source)
    sorted_sources = {norm: sorted(sources) for norm, sources in by_norm.items()}
    clauses = []
    for norm in sorted(by_norm, key=lambda n: (sorted_sources[n][0], n)):
        sources = sorted_sources[norm]
        clauses.append(f"{_names(sources)} {verb[0] if len(sources) == 1 else verb[1]} {norm}")
    return "; ".join(clauses)


def _judge(
    fact: _Fact,
    compatible: Callable[[str, str], bool],
    rule_prefix: str,
    conflict_rule: str = "mismatch",
    agree_rule: str = "compatible",
) -> list[Finding]:
    """Conflict, internal conflict, agreement or single source for a bucket of comparable values.

    Values are compared once per distinct normalised form, so a fact that a thousand
    sources state the same way costs one comparison, not a million.
    """
    if len(fact.values) == 1:  # most facts: one source, one value, nothing to compare
        rule = f"{rule_prefix}.single_source"
        explanation = _explain(fact.values)
        finding = _finding(
            fact.kind, fact.fact, "single_source", "low", rule, explanation, fact.attributed_to, fact.values
        )
        finding._compatible = compatible
        return [finding]
    by_norm: dict[str, list[_Value]] = defaultdict(list)
    for value in fact.values:
        by_norm[value.normalized].append(value)
    norms = sorted(by_norm)
    source_sets = {norm: {v.item.source for v in by_norm[norm]} for norm in norms}
    sources = sorted({v.item.source for v in fact.values})
    cross = False
    internal: dict[str, set[str]] = defaultdict(set)
    for i, a in enumerate(norms):
        for b in norms[i + 1 :]:
            if compatible(a, b):
                continue
            sa, sb = source_sets[a], source_sets[b]
            if len(sa) > 1 or len(sb) > 1 or sa != sb:
                cross = True
            for source in sa & sb:
                internal[source].update((a, b))
    findings: list[Finding] = []
    severity = _SEVERITY_CONFLICT.get(fact.kind, "medium")
    by_source: dict[str, list[_Value]] = defaultdict(list)
    for value in fact.values if internal else ():
        by_source[value.item.source].append(value)
    for source in sorted(internal):
        own = [v for v in by_source[source] if v.normalized in internal[source]]
        findings.append(
            _finding(
                fact.kind,
                fact.fact,
                "internal_conflict",
                severity,
                f"{rule_prefix}.internal_{conflict_rule}",
                f"{source} says both " + " and ".join(sorted(internal[source])),
                fact.attributed_to,
                own,
            )
        )
    if cross:
        verdict, rule, sev = "conflict", f"{rule_prefix}.{conflict_rule}", severity
    elif len(sources) > 1:
        verdict, rule, sev = "agree", f"{rule_prefix}.{agree_rule}", "info"
    elif internal:
        return findings
    else:
        verdict, rule, sev = "single_source", f"{rule_prefix}.single_source", "low"
    findings.append(
        _finding(fact.kind, fact.fact, verdict, sev, rule, _explain(fact.values), fact.attributed_to, fact.values)
    )
    for finding in findings:
        finding._compatible = compatible
    return findings


# --- pools and events ----------------------------------------------------------------------------


def _pool(item: _Item, people: _People) -> tuple[str, str | None]:
    """The attribution pool: '' for the reporting voice, else the attributed person (or anonymous sources)."""
    attribution = item.claim.attribution
    if attribution.source_type == "person" and attribution.name:
        identity = people.identity(item.source, attribution.name)
        return "person:" + identity, people.name(identity)
    if attribution.source_type in ("person", "anonymous"):
        return "anonymous", "anonymous sources"
    return "", None


def _future(item: _Item) -> bool:
    return item.claim.modality in ("planned", "speculative")


def _join_names(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


@dataclass(frozen=True, slots=True)
class _EventId:
    type: str
    cluster: int
    future: bool


class _Events:
    """Event identity: type key plus clustered participant identities."""

    def __init__(self, items: Sequence[_Item], people: _People) -> None:
        self._people = people
        sets_by_type: dict[str, list[frozenset[str]]] = defaultdict(list)
        for item in items:
            event = _event_of(item.claim)
            if event is not None:
                sets_by_type[event_type_key(event.type)].append(self._participants(item.source, event))
        self._clusters = {etype: _cluster_sets(sets, threshold=0.5) for etype, sets in sets_by_type.items()}
        self._labels: dict[tuple[str, int], str] = {}
        for etype in sorted(self._clusters):
            members: dict[int, list[frozenset[str]]] = defaultdict(list)
            for tokens, cid in self._clusters[etype].items():
                members[cid].append(tokens)
            for cid, sets in members.items():
                biggest = min(sets, key=lambda s: (-len(s), sorted(s)))
                names = sorted(people.name(p) for p in biggest)
                joiner = " between " if len(names) > 1 else " involving "
                self._labels[(etype, cid)] = f"the {etype}" + (joiner + _join_names(names) if names else "")

    def _participants(self, source: str, event: EventRef) -> frozenset[str]:
        return frozenset(self._people.identity(source, p) for p in event.participants if p.strip())

    def id(self, item: _Item) -> _EventId | None:
        event = _event_of(item.claim)
        if event is None:
            return None
        etype = event_type_key(event.type)
        cid = self._clusters[etype][self._participants(item.source, event)]
        return _EventId(etype, cid, _future(item))

    def label(self, event: _EventId) -> str:
        label = self._labels[(event.type, event.cluster)]
        return label.replace("the ", "the planned ", 1) if event.future else label


def _event_of(claim: Claim) -> EventRef | None:
    if isinstance(claim, EventTimeClaim | DurationClaim | QuantityClaim):
        return claim.event
    return None


def _most_common(forms: Iterable[str]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for form in forms:
        counts[form.strip()] += 1
    return min(counts, key=lambda f: (-counts[f], len(f), f))


# --- rules per kind --------------------------------------------------------------------------------


def _hedged(hedge: str | None, amount: str) -> str:
    return f"{hedge} {amount}" if hedge else amount


def _event_time_findings(items: Sequence[_Item], events: _Events, people: _People) -> list[Finding]:
    """Dates compared as dates when both resolve (weekdays via the publication date), else as weekday names."""
    buckets: dict[tuple[str, int, bool, str], list[_Value]] = defaultdict(list)
    parsed: dict[str, tuple[dt.date | None, str | None]] = {}
    labels: dict[tuple[str, int, bool, str], str] = {}
    for item in items:
        claim = item.claim
        assert isinstance(claim, EventTimeClaim)
        event = events.id(item)
        assert event is not None
        pool, _ = _pool(item, people)
        date = parse_date(claim.date, item.published) if claim.date else None
        if date is None and claim.weekday:
            date = resolve_weekday(claim.weekday, item.published, claim.modality)
        weekday = claim.weekday or (_WEEKDAYS[date.weekday()] if date else None)
        if date is None and weekday is None:
            norm = f"unresolved: {_fold(claim.as_written)}"
        elif date is None:
            norm = str(weekday)
        else:
            norm = f"{date.isoformat()} ({weekday})"
        parsed[norm] = (date, weekday)
        key = (event.type, event.cluster, event.future, pool)
        buckets[key].append(_Value(item, claim.as_written, norm))
        labels[key] = events.label(event)

    def compatible(a: str, b: str) -> bool:
        (da, wa), (db, wb) = parsed[a], parsed[b]
        if da is not None and db is not None:
            return da == db
        if wa is not None and wb is not None:
            return wa == wb
        return True

    findings: list[Finding] = []
    for key in sorted(buckets):
        values = buckets[key]
        has_dates = any(isinstance(v.item.claim, EventTimeClaim) and v.item.claim.date for v in values)
        label = ("date of " if has_dates else "weekday of ") + labels[key]
        fact = _Fact("event_time", label, _attributed(key[3], people), values)
        findings.extend(_judge(fact, compatible, "event_time", "day_mismatch", "same_day"))
    return findings


def _attributed(pool: str, people: _People) -> str | None:
    if pool.startswith("person:"):
        return people.name(pool[len("person:") :])
    return "anonymous sources" if pool == "anonymous" else None


def _amount_findings(
    kind: str,
    buckets: dict[tuple[str, ...], list[tuple[_Item, str, Amount | None]]],
    labels: dict[tuple[str, ...], str],
    pools: dict[tuple[str, ...], str],
    people: _People,
) -> list[Finding]:
    findings: list[Finding] = []
    amounts: dict[str, Amount | None] = {}

    def compatible(a: str, b: str) -> bool:
        return _amounts_compatible(amounts[a], amounts[b])

    for key in sorted(buckets):
        values = []
        for item, written, amount in buckets[key]:
            norm = _amount_label(amount, written)
            amounts[norm] = amount
            values.append(_Value(item, written, norm))
        fact = _Fact(kind, labels[key], _attributed(pools[key], people), values)
        findings.extend(_judge(fact, compatible, kind, "disjoint_intervals", "interval_overlap"))
    return findings


def _implied_hedge(evidence: str, amount: str) -> str | None:
    """A hedge the extractor left in the verb: 'enters its third year' means just past two years."""
    match = re.search(
        r"\b(enter(?:s|ed|ing)?|begin(?:s|ning)?|start(?:s|ed|ing)?)\s+" + re.escape(amount), evidence, re.I
    )
    return match.group(1).lower() if match else None


def _duration_findings(items: Sequence[_Item], events: _Events, people: _People) -> list[Finding]:
    buckets: dict[tuple[str, ...], list[tuple[_Item, str, Amount | None]]] = defaultdict(list)
    labels: dict[tuple[str, ...], str] = {}
    pools: dict[tuple[str, ...], str] = {}
    for item in items:
        claim = item.claim
        assert isinstance(claim, DurationClaim)
        event = events.id(item)
        assert event is not None
        pool, _ = _pool(item, people)
        key = (event.type, str(event.cluster), str(event.future), pool)
        labels[key] = "length of " + events.label(event)
        pools[key] = pool
        hedge = claim.hedge or _implied_hedge(claim.evidence, claim.amount)
        buckets[key].append((item, _hedged(claim.hedge, claim.amount), duration(claim.amount, hedge)))
    return _amount_findings("duration", buckets, labels, pools, people)


def _quantity_findings(items: Sequence[_Item], events: _Events, people: _People) -> list[Finding]:
    """Bucketed by measure, event, tense, unit and pool: deaths never meet displaced people."""
    rows: list[tuple[_Item, str, str, _EventId | None, str, Amount | None]] = []
    for item in items:
        claim = item.claim
        assert isinstance(claim, QuantityClaim)
        pool, _ = _pool(item, people)
        amount = quantity(claim.amount, claim.hedge, claim.unit)
        unit = amount.unit if amount is not None and amount.unit else _fold(claim.unit or "")
        rows.append((item, measure_key(claim.measure), unit, events.id(item), pool, amount))
    # a claim without an event joins the measure's only event, if there is exactly one
    events_per_measure: dict[tuple[str, str, bool], set[_EventId]] = defaultdict(set)
    for _item, measure, unit, event, _pool_key, _amount in rows:
        if event is not None:
            events_per_measure[(measure, unit, event.future)].add(event)
    buckets: dict[tuple[str, ...], list[tuple[_Item, str, Amount | None]]] = defaultdict(list)
    labels: dict[tuple[str, ...], str] = {}
    pools: dict[tuple[str, ...], str] = {}
    measures: dict[tuple[str, ...], list[str]] = defaultdict(list)
    event_of: dict[tuple[str, ...], _EventId | None] = {}
    for item, measure, unit, event, pool, amount in rows:
        claim = item.claim
        assert isinstance(claim, QuantityClaim)
        if event is None:
            known = events_per_measure.get((measure, unit, _future(item)), set())
            if len(known) == 1:
                event = next(iter(known))
        key: tuple[str, ...] = (
            measure,
            unit,
            event.type if event else "",
            str(event.cluster) if event else "",
            str(_future(item)),
            pool,
        )
        written = _hedged(claim.hedge, claim.amount) + (f" {claim.unit}" if claim.unit else "")
        buckets[key].append((item, written, amount))
        measures[key].append(claim.measure)
        pools[key] = pool
        event_of[key] = event
    for key in buckets:
        event = event_of[key]
        labels[key] = _most_common(measures[key]) + (f" in {events.label(event)}" if event else "")
    return _amount_findings("quantity", buckets, labels, pools, people)


def _role_findings(items: Sequence[_Item], people: _People) -> list[Finding]:
    """Per person: status and office are part of the value ('Former President' is not 'President')."""
    buckets: dict[tuple[str, str], list[_Value]] = defaultdict(list)
    keys: dict[str, TitleKey] = {}
    for item in items:
        claim = item.claim
        assert isinstance(claim, RoleClaim)
        pool, _ = _pool(item, people)
        identity = people.identity(item.source, claim.person)
        key = title_key(claim.title, claim.organisation, claim.status)
        label = _title_label(key)
        keys[label] = key
        buckets[(identity, pool)].append(_Value(item, claim.title, label))

    def compatible(a: str, b: str) -> bool:
        return not titles_conflict(keys[a], keys[b])

    findings: list[Finding] = []
    for (identity, pool), values in sorted(buckets.items()):
        fact = _Fact("role", f"title of {people.name(identity)}", _attributed(pool, people), values)
        findings.extend(_judge(fact, compatible, "role", "title_conflict", "same_title"))
    return findings


class _UnionFind:
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


_MAX_SHINGLE_BUCKET = 400


def _shingles(key: str) -> list[str]:
    """The buckets a quote key is filed in: its word bigrams (a unigram for one-word quotes; two-word quotes
    also under each word, once per occurrence)."""
    words = key.split()
    shingles = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)} or set(words)
    return sorted(shingles) + (words if len(words) == 2 else [])


def _shingle_index(keys: Sequence[str]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = defaultdict(list)
    for key in sorted(set(keys)):
        for shingle in _shingles(key):
            index[shingle].append(key)
    return index


def _is_candidate(a: str, b: str, index: dict[str, list[str]]) -> bool:
    """Whether ``_candidate_pairs`` over the keys of ``index`` yields the pair of distinct keys ``a``, ``b``."""
    return any(len(index[s]) <= _MAX_SHINGLE_BUCKET for s in set(_shingles(a)).intersection(_shingles(b)))


def _candidate_pairs(keys: Sequence[str]) -> list[tuple[str, str]]:
    """Pairs of quote keys sharing a word bigram (a unigram for one-word quotes): the only pairs compared."""
    index = _shingle_index(keys)
    pairs: set[tuple[str, str]] = set()
    for shingle in sorted(index):
        bucket = index[shingle]
        if len(bucket) > _MAX_SHINGLE_BUCKET:
            continue
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                pairs.add((a, b) if a < b else (b, a))
    return sorted(pairs)


_RELATION_RANK = {"severe_change": 0, "minor_change": 1, "fragment": 2, "same": 3}


def _quote_findings(items: Sequence[_Item], people: _People) -> list[Finding]:
    """Per speaker, quotes linked by quote_relation; changed words are a misquote, other words another statement."""
    by_speaker: dict[str, list[_Value]] = defaultdict(list)
    original: dict[str, str] = {}
    for item in items:
        claim = item.claim
        assert isinstance(claim, QuoteClaim)
        name = claim.speaker or (claim.attribution.name if claim.attribution.source_type == "person" else None)
        speaker = people.identity(item.source, name) if name else ""
        value = _Value(item, claim.text, _quote_key(claim.text))
        by_speaker[speaker].append(value)
        original[value.normalized] = min(original.get(value.normalized, claim.text), claim.text)

    def relation_of(a: str, b: str) -> str:
        return quote_relation(original[a], original[b])

    findings: list[Finding] = []
    for speaker in sorted(by_speaker):
        values = by_speaker[speaker]
        keys = sorted({v.normalized for v in values})
        uf = _UnionFind()
        for key in keys:
            uf.add(key)
        relations: dict[tuple[str, str], str] = {}
        for a, b in _candidate_pairs(keys):
            relation = relation_of(a, b)
            if not speaker and relation not in ("same", "fragment"):
                continue  # unnamed speakers may be different people: changed words are not a misquote
            if relation != "different":
                relations[(a, b)] = relation
                uf.union(a, b)
        # a linked pair is always inside one component: group values and relations by component root
        group_of: dict[str, list[_Value]] = defaultdict(list)
        for value in values:
            group_of[uf.find(value.normalized)].append(value)
        relations_of: dict[str, list[str]] = defaultdict(list)
        for (a, _b), relation in relations.items():
            relations_of[uf.find(a)].append(relation)
        for component in uf.components():
            root = uf.find(component[0])
            findings.append(_quote_finding(speaker, group_of[root], relations_of[root], people))
    findings.extend(_attribution_conflicts(by_speaker, people, original))
    return findings


def _quote_finding(speaker: str, group: Sequence[_Value], relations: Sequence[str], people: _People) -> Finding:
    """One linked group of a speaker's quotes; ``relations`` are those of the group's linked pairs."""
    who = people.name(speaker) if speaker else None
    longest = max(group, key=lambda v: (len(v.written), v.normalized)).written
    fact = f"quote by {who or 'an unnamed speaker'}: “{_clip_text(longest)}”"
    sources = {v.item.source for v in group}
    worst = min(relations, key=lambda r: _RELATION_RANK[r], default="same")
    explanation = _explain(group, verb=("quotes", "quote"))
    if worst in ("severe_change", "minor_change"):
        severity = "high" if worst == "severe_change" else "medium"
        return _finding("quote", fact, "misquote", severity, f"quote.{worst}", explanation, who, group)
    if len(sources) > 1:
        return _finding("quote", fact, "agree", "info", f"quote.{worst}", explanation, who, group)
    return _finding("quote", fact, "single_source", "low", "quote.single_source", explanation, who, group)


def _clip_text(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_MIN_ATTRIBUTION_WORDS = 4


def _attribution_conflicts(
    by_speaker: dict[str, list[_Value]], people: _People, original: dict[str, str]
) -> list[Finding]:
    """The same words (or a fragment of them) put in the mouths of different named speakers.

    Two keys are linked when they share a word bigram of a bucket of at most ``_MAX_SHINGLE_BUCKET``
    keys (``_candidate_pairs``) and ``quote_relation`` of their texts is "same" or "fragment". Those
    pairs are found with ``normalize.quote_links`` (an index, not all pairs) and then filtered by the
    bigram rule, so the links are the same as comparing every candidate pair, at a cost that grows with
    the pairs that are linked rather than with the pairs sharing a stock phrase.
    """
    speakers_of_key: dict[str, set[str]] = defaultdict(set)
    values_of_key: dict[str, list[_Value]] = defaultdict(list)
    for speaker, values in by_speaker.items():
        if not speaker:
            continue
        for value in values:
            if len(value.normalized.split()) >= _MIN_ATTRIBUTION_WORDS:
                speakers_of_key[value.normalized].add(speaker)
                values_of_key[value.normalized].append(value)
    uf = _UnionFind()
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
        if _is_candidate(a, b, index):
            uf.union(a, b)
            linked.update((a, b))
    findings = []
    for component in uf.components():
        if not linked.intersection(component):
            continue
        group = [v for key in component for v in values_of_key[key]]
        speaker_names = sorted({people.name(s) for key in component for s in speakers_of_key[key]})
        if len(speaker_names) < 2:
            continue
        longest = max(group, key=lambda v: (len(v.written), v.normalized)).written
        sources_by_name: dict[str, set[str]] = defaultdict(set)  # each value's speaker computed once
        for value in group:
            sources_by_name[_speaker_name(value, people)].add(value.item.source)
        clauses = []
        for name in speaker_names:
            srcs = sorted(sources_by_name[name])
            clauses.append(f"{_names(srcs)} attribute{'s' if len(srcs) == 1 else ''} it to {name}")
        findings.append(
            _finding(
                "quote",
                f"speaker of “{_clip_text(longest)}”",
                "attribution_conflict",
                "high",
                "quote.speaker_mismatch",
                "; ".join(clauses),
                None,
                group,
            )
        )
    return findings


def _speaker_name(value: _Value, people: _People) -> str:
    claim = value.item.claim
    assert isinstance(claim, QuoteClaim)
    name = claim.speaker or claim.attribution.name or ""
    return people.name(people.identity(value.item.source, name))


def _member_key(source: str, member: str, people: _People) -> str:
    """People by identity (when they hold a role, speak or are cited anywhere), anything else by org_key."""
    identity = people.identity(source, member)
    return identity if identity in people.persons else org_key(member)


def _membership_findings(items: Sequence[_Item], people: _People) -> list[Finding]:
    group_tokens = {id(item): _content_tokens(item.claim.group) for item in items}  # type: ignore[union-attr]
    clusters = _cluster_sets(group_tokens.values(), threshold=0.6)
    buckets: dict[tuple[int, str], list[_Item]] = defaultdict(list)
    for item in items:
        pool, _ = _pool(item, people)
        buckets[(clusters[group_tokens[id(item)]], pool)].append(item)
    findings: list[Finding] = []
    for (_cid, pool), group in sorted(buckets.items()):
        findings.extend(_judge_membership(group, pool, people))
    return findings


def _first_contradiction(per_source: dict[str, set[str]], complete: dict[str, set[str]]) -> tuple[str, str] | None:
    """The smallest ``(owner, other)`` where source ``other`` contradicts ``owner``'s complete list: by listing
    someone outside it, or by a complete list of its own that differs.

    Sources are grouped by what they list, so this costs complete lists x distinct lists, not sources x sources
    (a thousand sources may give one complete list).
    """
    listing: dict[frozenset[str], list[str]] = defaultdict(list)
    for source in sorted(per_source):
        listing[frozenset(per_source[source])].append(source)
    completing: dict[frozenset[str], list[str]] = defaultdict(list)
    for source in sorted(complete):
        completing[frozenset(complete[source])].append(source)
    for owner in sorted(complete):
        listed = complete[owner]
        groups = [srcs for members, srcs in listing.items() if not members <= listed]
        groups += [srcs for members, srcs in completing.items() if members != listed]
        others = [next((s for s in srcs if s != owner), None) for srcs in groups]
        found = [other for other in others if other is not None]
        if found:
            return owner, min(found)
    return None


def _judge_membership(group: Sequence[_Item], pool: str, people: _People) -> list[Finding]:
    """Agree when every source lists the same members; a conflict only when a complete list is contradicted."""
    values: list[_Value] = []
    per_source: dict[str, set[str]] = defaultdict(set)
    complete: dict[str, set[str]] = {}
    names: list[str] = []
    for item in group:
        claim = item.claim
        assert isinstance(claim, MembershipClaim)
        keys = sorted({_member_key(item.source, m, people) for m in claim.members})
        per_source[item.source].update(keys)
        if claim.completeness == "complete":
            complete[item.source] = set(keys)
        names.append(claim.group)
        values.append(_Value(item, ", ".join(claim.members), "; ".join(keys) + f" [{claim.completeness}]"))
    fact = f"members of the {_most_common(names)}"
    attributed = _attributed(pool, people)
    sources = sorted(per_source)
    contradicted = _first_contradiction(per_source, complete)
    explanation = _explain(values)
    if contradicted:
        _owner, other = contradicted
        rule = "membership.complete_lists_differ" if other in complete else "membership.outside_complete_list"
        return [_finding("membership", fact, "conflict", "medium", rule, explanation, attributed, values)]
    if len(sources) == 1:
        return [
            _finding(
                "membership", fact, "single_source", "low", "membership.single_source", explanation, attributed, values
            )
        ]
    if len({frozenset(s) for s in per_source.values()}) == 1:
        return [
            _finding("membership", fact, "agree", "info", "membership.same_members", explanation, attributed, values)
        ]
    return [
        _finding(
            "membership", fact, "complementary", "low", "membership.partial_subsets", explanation, attributed, values
        )
    ]


def _subject_key(source: str, subject: str, people: _People) -> str:
    """A proposition's subject: people and proper names by identity, other phrases by content tokens."""
    keys = []
    for part in _subject_parts(subject):
        if _looks_like_name(part):
            keys.append(people.identity(source, part))
        else:
            keys.append(" ".join(sorted(_content_tokens(part))))
    return " + ".join(sorted(keys))


@lru_cache(maxsize=1 << 14)
def _subject_parts(subject: str) -> tuple[str, ...]:
    """'Donald Trump and Vladimir Putin' -> both names; a leading article is dropped ('the United States')."""
    parts = [p.strip() for p in re.split(r",|&|\band\b", subject) if p.strip()]
    return tuple(re.sub(r"^(?:the|The)\s+(?=[A-Z])", "", p) for p in parts)


def _proposition_findings(items: Sequence[_Item], people: _People) -> list[Finding]:
    buckets: dict[tuple[str, bool, str], list[_Item]] = defaultdict(list)
    for item in items:
        claim = item.claim
        assert isinstance(claim, PropositionClaim)
        pool, _ = _pool(item, people)
        buckets[(_subject_key(item.source, claim.subject, people), _future(item), pool)].append(item)
    findings: list[Finding] = []
    negated: dict[str, bool] = {}

    def compatible(a: str, b: str) -> bool:
        return negated[a] == negated[b]

    for key in sorted(buckets):
        group = buckets[key]
        tokens = {id(item): _proposition_tokens(item.claim) for item in group}  # type: ignore[arg-type]
        clusters = _cluster_sets(tokens.values(), threshold=0.5)
        by_cluster: dict[int, list[_Item]] = defaultdict(list)
        for item in group:
            by_cluster[clusters[tokens[id(item)]]].append(item)
        for cid in sorted(by_cluster):
            values = []
            for item in by_cluster[cid]:
                claim = item.claim
                assert isinstance(claim, PropositionClaim)
                written = " ".join(
                    p for p in (claim.subject, "not" if claim.negated else "", claim.predicate, claim.object or "") if p
                )
                norm = ("not " if claim.negated else "") + _fold(f"{claim.predicate} {claim.object or ''}")
                negated[norm] = claim.negated
                values.append(_Value(item, written, norm))
            first = values[0].item.claim
            assert isinstance(first, PropositionClaim)
            label = " ".join(p for p in (first.subject, first.predicate, first.object or "") if p)
            fact = _Fact("proposition", label, _attributed(key[2], people), values)
            findings.extend(_judge(fact, compatible, "proposition", "polarity_mismatch", "same_polarity"))
    return findings


def _proposition_tokens(claim: PropositionClaim) -> frozenset[str]:
    return _content_tokens(f"{claim.predicate} {claim.object or ''}") - {"not", "no", "never"}


# --- the entry point ---------------------------------------------------------------------------------


def _finding_sort_key(finding: Finding) -> tuple[int, int, str, str]:
    return (VERDICT_ORDER.index(finding.verdict), SEVERITY_ORDER.index(finding.severity), finding.fact, finding.id)


def _joined(values: Iterable[str | None]) -> str | None:
    distinct = sorted({v for v in values if v})
    return ", ".join(distinct) if distinct else None


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector, and restore it after, if it was on.

    The reconciler allocates hundreds of thousands of small acyclic objects (values, keys, findings)
    while the input (every claim, as pydantic models) is alive; each full collection walks all of it,
    about 40 % of a 50,000-claim run. Reference counting still frees everything that is not in a cycle,
    and the collector runs as usual once the report is built.

    What the run leaves alive is the report (~400k tracked objects at 50,000 claims), all of it in the
    youngest generation: the first collection after re-enabling would walk it (~0.2 s) only to promote it.
    ``freeze``/``unfreeze`` moves it straight to the oldest generation instead, where full collections
    still see it; skipped when the process has frozen objects of its own, which ``unfreeze`` would release.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def reconcile(sources: Sequence[SourceClaims | v1.SourceClaims]) -> Report:
    """Compare the grounded claims of all sources and return the report (pure and deterministic).

    Sources in the 1.0 form are converted first (:func:`checker.schema.convert.from_v1`)."""
    with _no_cyclic_gc():
        return _reconcile([from_v1(s) if isinstance(s, v1.SourceClaims) else s for s in sources])


def _reconcile(sources: Sequence[SourceClaims]) -> Report:
    ordered, items = _canonical(sources)
    people = _People.build(items)
    events = _Events(items, people)
    by_kind: dict[str, list[_Item]] = defaultdict(list)
    for item in items:
        by_kind[item.claim.kind].append(item)
    findings: list[Finding] = []
    findings += _event_time_findings(by_kind["event_time"], events, people)
    findings += _duration_findings(by_kind["duration"], events, people)
    findings += _quantity_findings(by_kind["quantity"], events, people)
    findings += _role_findings(by_kind["role"], people)
    findings += _quote_findings(by_kind["quote"], people)
    findings += _membership_findings(by_kind["membership"], people)
    findings += _proposition_findings(by_kind["proposition"], people)
    unique = {finding.id: finding for finding in findings}
    summaries = [
        SourceSummary(
            name=s.source.name,
            outlet=s.source.outlet,
            url=s.source.url,
            published=s.source.published.isoformat() if s.source.published else None,
            extractor=s.extractor.kind,
            claims=len(s.claims),
            ungrounded=len(s.ungrounded),
        )
        for s in ordered
    ]
    ungrounded = sorted(
        (
            UngroundedItem(source=s.source.name, kind=u.claim.kind, evidence=describe(u.claim), reason=u.reason)
            for s in ordered
            for u in s.ungrounded
        ),
        key=lambda u: (u.source, u.kind, u.evidence, u.reason),
    )
    run = RunInfo(
        extractor_kinds=sorted({s.extractor.kind for s in ordered}),
        model=_joined(s.extractor.model for s in ordered),
        prompt_version=_joined(s.extractor.prompt for s in ordered),
    )
    return Report(
        run=run,
        sources=summaries,
        findings=sorted(unique.values(), key=_finding_sort_key),
        ungrounded=ungrounded,
    )
