"""Which events are one across the story, whatever each article calls them.

Every article lists its events once (type, participants, ``when``, status, ``part_of``,
``background``). Events of all articles are clustered, deterministically:

* by **type** (``event_type_key``: "phone conversation" and "talks" are a call; "blaze" is a fire);
* each article's **main event** (the one most of its claims are about, neither background nor a
  stage of another) meets the other articles' main events whatever their types ("derailment" and
  "train crash"), unless their named participants are disjoint;
* **participants** as story entities: sets that share an entity meet, disjoint named sets stay
  apart, an event without participants joins the story's only event of its type;
* apart only on positive evidence: different dates or years in ``when``, planned against
  happened, a background event against a reported one, two events of one article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from checker.normalize import event_type_key, parse_date
from checker.reconcile.items import Item, SourceView
from checker.reconcile.resolve.entities import Entities

_MIN_MAIN_CLAIMS = 3


@dataclass
class _Mention:
    source: str
    id: str
    type_key: str
    type_text: str
    participants: frozenset[str]
    when: str | None
    when_key: str | None  # an ISO date or a year, when the text gives one
    future: bool
    background: bool
    stage: bool
    claims: int = 0
    main: bool = False


@dataclass
class _Cluster:
    index: int
    type_keys: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)
    whens: set[str] = field(default_factory=set)
    future: bool = False
    background: bool = False
    main: bool = False
    sources: set[str] = field(default_factory=set)
    members: list[_Mention] = field(default_factory=list)


@lru_cache(maxsize=1 << 12)
def when_key(text: str | None, reference: dt.date | None) -> str | None:
    """A comparable form of an event's ``when``: an ISO date, else a year; None when neither is written."""
    if not text:
        return None
    date = parse_date(text, reference)
    if date is not None:
        return date.isoformat()
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    return year.group(1) if year else None


def _whens_differ(a: set[str], b: str | None) -> bool:
    if b is None or not a:
        return False
    return all(not (w.startswith(b) or b.startswith(w)) for w in a)


class Events:
    """Story-level clusters of the articles' events."""

    def __init__(self, views: dict[str, SourceView], items: Sequence[Item], entities: Entities) -> None:
        self._entities = entities
        self._aliases: dict[tuple[str, str], tuple[str, str]] = {}
        counts: Counter[tuple[str, str]] = Counter()
        for item in items:
            event = getattr(item.claim, "event", None)
            if event is not None:
                counts[(item.source, event)] += 1
        mentions: list[_Mention] = []
        for source in sorted(views):
            view = views[source]
            own: list[_Mention] = []
            for event in view.source.events:
                participants = frozenset(
                    key for key in (entities.key(source, p) for p in event.participants) if key is not None
                )
                own.append(
                    _Mention(
                        source=source,
                        id=event.id,
                        type_key=event_type_key(event.type),
                        type_text=event.type.strip(),
                        participants=participants,
                        when=event.when,
                        when_key=when_key(event.when, view.reference),
                        future=event.status in ("planned", "possible"),
                        background=event.background,
                        stage=event.part_of is not None,
                        claims=counts[(source, event.id)],
                    )
                )
            own = self._deduplicate(own)
            eligible = [m for m in own if not m.background and not m.stage and m.claims >= _MIN_MAIN_CLAIMS]
            if eligible:
                max(eligible, key=lambda m: (m.claims, -own.index(m))).main = True
            mentions.extend(own)
        self._clusters: list[_Cluster] = []
        self._by_type: dict[str, set[int]] = {}
        self._by_participant: dict[str, set[int]] = {}
        self._unnamed: set[int] = set()  # clusters without a named participant
        self._mains: set[int] = set()
        self._labels: dict[int, str] = {}
        self._of: dict[tuple[str, str], int] = {}
        order = sorted(
            mentions,
            key=lambda m: (m.background, not m.main, -len(m.participants), m.type_key, m.source, m.id),
        )
        for mention in order:
            self._of[(mention.source, mention.id)] = self._place(mention).index
        for alias, canonical in self._aliases.items():
            self._of[alias] = self._of[canonical]
        self._parents: dict[int, int] = {}
        for source in sorted(views):
            for event in views[source].source.events:
                if event.part_of is not None and (source, event.part_of) in self._of:
                    child, parent = self._of[(source, event.id)], self._of[(source, event.part_of)]
                    if child != parent:
                        self._parents.setdefault(child, parent)

    def _deduplicate(self, own: list[_Mention]) -> list[_Mention]:
        """One article's events that are one event listed twice ("the call" and "the talks" between the
        same two people, neither a stage, an earlier event or dated apart) become one."""
        kept: list[_Mention] = []
        # in an order of their content, not of their ids: the same article read in any order keeps the same one
        canonical = sorted(
            own,
            key=lambda m: (m.type_text.lower(), m.type_text, sorted(m.participants), m.when or "", m.stage, m.id),
        )
        for mention in canonical:
            twin = next(
                (
                    k
                    for k in kept
                    if k.type_key == mention.type_key
                    and (k.future, k.background, k.stage) == (mention.future, mention.background, mention.stage)
                    and not mention.stage
                    and (k.participants <= mention.participants or mention.participants <= k.participants)
                    and not _whens_differ({k.when_key} if k.when_key else set(), mention.when_key)
                ),
                None,
            )
            if twin is None:
                kept.append(mention)
                continue
            self._aliases[(mention.source, mention.id)] = (twin.source, twin.id)
            twin.claims += mention.claims
            twin.participants |= mention.participants
            twin.when_key = twin.when_key or mention.when_key
        return kept

    def _fits(self, mention: _Mention, cluster: _Cluster) -> bool:
        if mention.source in cluster.sources:  # an article's events are different events
            return False
        if mention.future != cluster.future or mention.background != cluster.background:
            return False
        if mention.type_key not in cluster.type_keys and not (mention.main and cluster.main):
            return False
        if _whens_differ(cluster.whens, mention.when_key):
            return False
        named_here = {p for p in mention.participants if not p.startswith("words:")}
        named_there = {p for p in cluster.participants if not p.startswith("words:")}
        return not (named_here and named_there and not named_here & named_there)

    def _candidates(self, mention: _Mention) -> list[_Cluster]:
        """The clusters ``_fits`` can accept, from indexes (a pass over every cluster for every mention
        made 1,000 articles take half a minute): same type, sharing a named participant or naming none,
        and the main events for a main event."""
        of_type = self._by_type.get(mention.type_key, set())
        named = {p for p in mention.participants if not p.startswith("words:")}
        if named:
            sharing: set[int] = set().union(*(self._by_participant.get(p, set()) for p in named))
            found = (of_type & sharing) | (of_type & self._unnamed)
        else:
            found = set(of_type)
        if mention.main:
            found |= self._mains
        return [self._clusters[i] for i in sorted(found)]

    def _place(self, mention: _Mention) -> _Cluster:
        fits = [c for c in self._candidates(mention) if self._fits(mention, c)]
        if not mention.participants and len(fits) > 1:  # without participants: only the one event of its type
            fits = [c for c in fits if mention.type_key in c.type_keys]
            fits = fits if len(fits) == 1 else []
        if fits:
            scored = sorted(fits, key=lambda c: (-len(mention.participants & c.participants), -len(c.sources), c.index))
            best = scored[0]
            tie = (
                len(scored) > 1
                and len(mention.participants & scored[1].participants) == len(mention.participants & best.participants)
                and len(scored[1].sources) == len(best.sources)
            )
            if not tie or not mention.participants:
                return self._join(best, mention)
        cluster = _Cluster(index=len(self._clusters), future=mention.future, background=mention.background)
        cluster.main = mention.main
        self._clusters.append(cluster)
        self._unnamed.add(cluster.index)
        if cluster.main:
            self._mains.add(cluster.index)
        return self._join(cluster, mention)

    def _join(self, cluster: _Cluster, mention: _Mention) -> _Cluster:
        cluster.type_keys.add(mention.type_key)
        self._by_type.setdefault(mention.type_key, set()).add(cluster.index)
        for participant in mention.participants:
            if not participant.startswith("words:"):
                self._by_participant.setdefault(participant, set()).add(cluster.index)
                self._unnamed.discard(cluster.index)
        cluster.participants |= mention.participants
        if mention.when_key:
            cluster.whens.add(mention.when_key)
        cluster.sources.add(mention.source)
        cluster.members.append(mention)
        return cluster

    def key(self, source: str, event_id: str | None) -> int | None:
        """The story cluster of an event of ``source`` (None for no event)."""
        if event_id is None:
            return None
        return self._of.get((source, event_id))

    def future(self, cluster: int | None) -> bool:
        return cluster is not None and self._clusters[cluster].future

    def background(self, cluster: int | None) -> bool:
        return cluster is not None and self._clusters[cluster].background

    def main(self, cluster: int | None) -> bool:
        return cluster is not None and self._clusters[cluster].main

    def main_clusters(self) -> list[int]:
        """The clusters that hold an article's main event."""
        return [c.index for c in self._clusters if c.main]

    def label(self, cluster: int) -> str:
        """'the derailment involving Marrow Creek and Northline Rail', 'the planned meeting', 'the 2019 flood'."""
        if cluster not in self._labels:
            self._labels[cluster] = self._label(cluster)
        return self._labels[cluster]

    def _label(self, cluster: int) -> str:
        c = self._clusters[cluster]
        texts = Counter(m.type_text.lower() for m in c.members)
        type_text = min(texts, key=lambda t: (-texts[t], len(t), t))
        counts: Counter[str] = Counter()
        for member in c.members:
            counts.update(member.participants)
        names = [self._entities.name(p) for p in sorted(counts, key=lambda p: (-counts[p], p))[:3]]
        whens = sorted({m.when for m in c.members if m.when})
        prefix = "the planned " if c.future else "the "
        when = f" ({whens[0]})" if c.background and whens else (" (earlier)" if c.background else "")
        label = prefix + type_text + when
        if names:
            joiner = " between " if len(names) > 1 else " involving "
            label += joiner + (" and ".join(names) if len(names) <= 2 else ", ".join(names[:-1]) + " and " + names[-1])
        parent = self._parents.get(cluster)
        if parent is not None and parent != cluster:
            parent_texts = Counter(m.type_text.lower() for m in self._clusters[parent].members)
            label += " (part of the " + min(parent_texts, key=lambda t: (-parent_texts[t], len(t), t)) + ")"
        return label
