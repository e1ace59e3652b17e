"""Which claims state one fact: the rules' keys, joined by a model's alignment when there is one.

Each kind's rules give every claim a *fact key* (the resolved event, measure, subject, person...).
A model's alignment (prompt ``align_claims.v1``, when a model is configured) puts claims that
state the same fact into groups whatever their words ("key rate" and "benchmark interest rate").
A claim the model put in a group is judged with that group: its rule key pulls in nothing more
(measured on the dev stories, letting rule keys join model groups too made 9 false flags on the
no-conflict stories instead of 2). The rules still join what the model left ungrouped or never
saw, and join groups of one rule key the model saw in separate requests. A group
never spans claim kinds (each kind is bucketed on its own), and a caller's *guard* splits a group
where the rules have positive evidence that its claims are different facts (a length in metres
is no sum of money). Pure data and code: the model is called elsewhere (:mod:`checker.align`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from checker.reconcile.items import Item
from checker.reconcile.judge.common import UnionFind

ClaimRef = tuple[str, int]  # (source name, position in the source's canonical claim order)


@dataclass(frozen=True)
class Alignment:
    """A model's groups: claim -> (group id, label). ``how`` says which prompt and model made it."""

    groups: Mapping[ClaimRef, tuple[str, str]] = field(default_factory=dict)
    how: str = "rules"
    seen: Mapping[ClaimRef, int] = field(default_factory=dict)  # claim -> the request (batch) that showed it


@dataclass(frozen=True)
class Bucket:
    """The claims of one fact, its label, and "model" when a model's group is among them (then its label)."""

    refs: frozenset[ClaimRef]
    label: str
    aligned_by: str


Buckets = Alignment | None


def bucketed(
    pairs: Sequence[tuple[Item, str]],
    alignment: Buckets,
    labels: Mapping[str, str],
    guard: Callable[[Item], str] | None = None,
) -> list[Bucket]:
    """Buckets of ``(item, rule key)`` pairs, joined through the model's groups, in canonical order.

    ``labels`` names each rule key's fact; a bucket the model joined from several rule keys takes the
    model's label. ``guard(item)`` splits a model group by what it returns.
    """
    groups = alignment.groups if alignment is not None else {}
    seen = alignment.seen if alignment is not None else {}
    # a rule key whose claims the model saw in different requests: only the rules can join those
    requests: dict[str, set[int]] = defaultdict(set)
    for item, key in pairs:
        if item.ref in seen:
            requests[key].add(seen[item.ref])
    uf = UnionFind()
    first_item: dict[str, int] = {}
    model_keys: dict[str, set[str]] = defaultdict(set)  # model node -> rule keys it touches
    model_label: dict[str, str] = {}
    nodes: list[str] = []
    for index, (item, key) in enumerate(pairs):
        node = "r\x00" + key
        uf.add(node)
        first_item.setdefault(node, index)
        group = groups.get(item.ref)
        if group is not None:
            model = "m\x00" + group[0] + ("\x00" + guard(item) if guard is not None else "")
            uf.add(model)
            if len(requests[key]) > 1:
                uf.union(node, model)
            node = model  # the model put it with its fact: the rule key does not pull in more
            model_keys[model].add(key)
            model_label.setdefault(model, group[1])
        nodes.append(node)
    members: dict[str, list[int]] = defaultdict(list)
    for index, node in enumerate(nodes):
        members[uf.find(node)].append(index)
    models_of: dict[str, list[str]] = defaultdict(list)
    for model in sorted(model_keys):
        models_of[uf.find(model)].append(model)
    out: list[Bucket] = []
    for root in sorted(members, key=lambda r: members[r][0]):
        indices = members[root]
        joining = models_of.get(root, [])  # the model grouped claims of this fact: it vouches for them
        keys = sorted({pairs[i][1] for i in indices}, key=lambda k: first_item["r\x00" + k])
        if joining:
            label, how = model_label[joining[0]], "model"
        else:
            label, how = labels.get(keys[0], keys[0]), "rules"
        out.append(Bucket(frozenset(pairs[i][0].ref for i in indices), label, how))
    return out
