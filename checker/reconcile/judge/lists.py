"""Lists and statements: who is in a group, and whether something was done.

* **Memberships** meet by their group's words (stopwords gone, crudely stemmed: "US negotiating
  team" ~ "negotiation team"); members are story entities. Sources agree when they list the same
  members; different partial lists are complementary; a conflict needs a list presented as
  complete that another source contradicts.
* **Propositions** meet by subject (a story entity, or its words), tense (planned or not) and the
  words of predicate and object; the value is the polarity ("did not resign" against "resigned").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache
from typing import cast

from checker.reconcile.alignment import Buckets, bucketed
from checker.reconcile.items import Item
from checker.reconcile.judge.common import Fact, Value, cluster_sets, content_tokens, explain, finding, judge
from checker.reconcile.resolve.entities import Entities
from checker.report import Finding
from checker.schema import MembershipClaim, PropositionClaim


def _first_contradiction(per_source: dict[str, set[str]], complete: dict[str, set[str]]) -> tuple[str, str] | None:
    """The smallest ``(owner, other)`` where source ``other`` contradicts ``owner``'s complete list: by listing
    someone outside it, or by a complete list of its own that differs."""
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


def membership_findings(items: Sequence[Item], entities: Entities, buckets: Buckets) -> list[Finding]:
    tokens = {item.ref: content_tokens(cast(MembershipClaim, item.claim).group) for item in items}
    clusters = cluster_sets(tokens.values(), threshold=0.6)
    pairs = [(item, f"group:{clusters[tokens[item.ref]]}") for item in items]
    labels: dict[str, str] = {}
    for item, key in pairs:
        labels.setdefault(key, f"members of the {cast(MembershipClaim, item.claim).group.strip()}")
    by_ref = {item.ref: item for item in items}
    out: list[Finding] = []
    for bucket in bucketed(pairs, buckets, labels):
        out.extend(_judge_list([by_ref[ref] for ref in sorted(bucket.refs)], bucket.label, entities, bucket.aligned_by))
    return out


def _judge_list(group: Sequence[Item], fact: str, entities: Entities, aligned_by: str) -> list[Finding]:
    values: list[Value] = []
    per_source: dict[str, set[str]] = defaultdict(set)
    complete: dict[str, set[str]] = {}
    for item in group:
        claim = cast(MembershipClaim, item.claim)
        keys = sorted({entities.key(item.source, m) or m for m in claim.members})
        per_source[item.source].update(keys)
        if claim.completeness == "complete":
            complete[item.source] = set(keys)
        names = [entities.name(entities.key(item.source, m)) or m for m in claim.members]
        shown = "; ".join(entities.name(k) for k in keys)
        values.append(Value(item, ", ".join(names), f"{shown} [{claim.completeness}]"))
    sources = sorted(per_source)
    contradicted = _first_contradiction(per_source, complete)
    explanation = explain(values)
    if contradicted:
        _owner, other = contradicted
        rule = "membership.complete_lists_differ" if other in complete else "membership.outside_complete_list"
        return [finding("membership", fact, "conflict", "medium", rule, explanation, values, aligned_by=aligned_by)]
    if len(sources) == 1:
        verdict, severity, rule = "single_source", "low", "membership.single_source"
    elif len({frozenset(s) for s in per_source.values()}) == 1:
        verdict, severity, rule = "agree", "info", "membership.same_members"
    else:
        verdict, severity, rule = "complementary", "low", "membership.partial_subsets"
    return [finding("membership", fact, verdict, severity, rule, explanation, values, aligned_by=aligned_by)]


_NEGATION_WORDS = frozenset({"not", "no", "never"})
# A statement that denies in its own words: "be non-refundable", "never pay", "can't attend". A
# negation further in ("warn households not to expect") belongs to a clause, not to the statement.
_LEADING_NEGATION = re.compile(r"^(?:\w+\s+)?(?:not|never|no longer|cannot|\w+n['’]t)\b|\bnon-\w", re.IGNORECASE)


def _negated(claim: PropositionClaim) -> bool:
    """The statement's polarity: the claim's own flag, turned by a negation in its words."""
    predicate = claim.predicate.strip()
    worded = bool(_LEADING_NEGATION.search(predicate)) or bool(re.search(r"\bnon-\w", claim.object or "", re.I))
    return claim.negated != worded


@lru_cache(maxsize=1 << 14)
def _statement_tokens(predicate: str, obj: str | None) -> frozenset[str]:
    return content_tokens(f"{predicate} {obj or ''}") - _NEGATION_WORDS


def proposition_findings(items: Sequence[Item], entities: Entities, buckets: Buckets) -> list[Finding]:
    by_subject: dict[tuple[str, bool], list[Item]] = defaultdict(list)
    for item in items:
        claim = cast(PropositionClaim, item.claim)
        subject = entities.key(item.source, claim.subject) or ""
        future = claim.modality in ("planned", "speculative")
        by_subject[(subject, future)].append(item)
    pairs: list[tuple[Item, str]] = []
    labels: dict[str, str] = {}
    for (subject, future), group in sorted(by_subject.items()):
        claims = {item.ref: cast(PropositionClaim, item.claim) for item in group}
        tokens = {ref: _statement_tokens(c.predicate, c.object) for ref, c in claims.items()}
        clusters = cluster_sets(tokens.values(), threshold=0.5)
        for item in group:
            key = f"{subject}|{future}|{clusters[tokens[item.ref]]}"
            pairs.append((item, key))
            if key not in labels:
                claim = claims[item.ref]
                who = entities.name(entities.key(item.source, claim.subject)) or claim.subject
                labels[key] = " ".join(p for p in (who, claim.predicate, claim.object or "") if p)
    negated: dict[str, bool] = {}
    values: dict[tuple[str, int], Value] = {}
    for item, _key in pairs:
        claim = cast(PropositionClaim, item.claim)
        who = entities.name(entities.key(item.source, claim.subject)) or claim.subject
        written = " ".join(p for p in (who, "not" if claim.negated else "", claim.predicate, claim.object or "") if p)
        norm = ("not " if claim.negated else "") + re.sub(
            r"\s+", " ", f"{claim.predicate} {claim.object or ''}"
        ).strip().lower()
        negated[norm] = _negated(claim)
        values[item.ref] = Value(item, written, norm)

    def compatible(a: str, b: str) -> bool:
        return negated[a] == negated[b]

    out: list[Finding] = []
    for bucket in bucketed(pairs, buckets, labels):
        facts = [values[ref] for ref in sorted(bucket.refs)]
        future = any(cast(PropositionClaim, v.item.claim).modality in ("planned", "speculative") for v in facts)
        fact = Fact("proposition", bucket.label, facts, bucket.aligned_by)
        out.extend(judge(fact, compatible, "proposition", "polarity_mismatch", "same_polarity", future=future))
    return out
