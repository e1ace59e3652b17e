"""How long and how many: durations and quantities, compared as intervals in their unit.

A duration is one fact per (event, whose length it is); a quantity per (measure, whose number it
is, event, dimension). Hedges widen a value into an interval ("nearly three years" is 2.7-3
years, "at least 12" is 12 and up); two values conflict when their intervals do not overlap.
A number in another currency is never called a conflict: the finding says it was not compared.
A number is filed under the event the story reports whatever sub-event an article names for it;
only an earlier (background) or a planned event keeps its numbers apart.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import cast

from checker import normalize
from checker.normalize import Amount
from checker.reconcile.alignment import Buckets, bucketed
from checker.reconcile.items import Item
from checker.reconcile.judge.common import Fact, Value, judge, numbers_differ
from checker.reconcile.resolve.entities import Entities, looks_like_name
from checker.reconcile.resolve.events import Events
from checker.report import Finding
from checker.schema import DurationClaim, QuantityClaim
from checker.schema.convert import split_hedge

duration = lru_cache(maxsize=1 << 16)(normalize.duration)
quantity = lru_cache(maxsize=1 << 16)(normalize.quantity)
measure_key = lru_cache(maxsize=1 << 14)(normalize.measure_key)

_CURRENCIES = normalize.CURRENCIES


def dimension(amount: Amount | None) -> str:
    """What a value measures: money of any currency, a share, a length, a count..."""
    if amount is None:
        return "unparsed"
    unit = amount.unit
    if unit is None:
        return "count"
    if unit in _CURRENCIES or (len(unit) == 3 and unit.isalpha() and unit not in ("min", "day")):
        return "money"
    return unit


def compatible_amounts(a: Amount | None, b: Amount | None) -> bool:
    """Vague words and different units (currencies) never conflict."""
    if a is None or b is None or not a.comparable(b):
        return True
    return a.compatible(b)


_UNPARSED = "unparsed: "


def _label(amount: Amount | None, written: str) -> str:
    return amount.normalized if amount is not None else _UNPARSED + written.strip()


def _comparison(amounts: dict[str, Amount | None]) -> tuple[Callable[[str, str], bool], Callable[[str, str], str]]:
    """Parsed values compare as intervals; two values no parser reads, by the numbers they write
    ("9-5" and "10-5", "2:06:41" and "2:06:14"). One read and one not: not compared (the unread one's
    unit is unknown)."""

    def compatible(a: str, b: str) -> bool:
        if amounts[a] is None and amounts[b] is None:
            return not numbers_differ(a.removeprefix(_UNPARSED), b.removeprefix(_UNPARSED))
        return compatible_amounts(amounts[a], amounts[b])

    def why(a: str, b: str) -> str:
        return "different_numbers" if amounts[a] is None and amounts[b] is None else "disjoint_intervals"

    return compatible, why


def _dimension_guard(
    pairs: Sequence[tuple[Item, str]], dims: dict[tuple[str, int], str], buckets: Buckets
) -> Callable[[Item], str]:
    """What splits a model's group of numbers: their dimensions, a bare number (or one no parser
    reads) going with the group's only written dimension ("4,183" with "4,051 yards")."""
    groups = buckets.groups if buckets is not None else {}
    written: dict[str, set[str]] = defaultdict(set)
    for item, _key in pairs:
        group = groups.get(item.ref)
        if group is not None and dims[item.ref] not in _UNWRITTEN:
            written[group[0]].add(dims[item.ref])

    def guard(item: Item) -> str:
        dim = dims[item.ref]
        group = groups.get(item.ref)
        if dim in _UNWRITTEN and group is not None and len(written[group[0]]) == 1:
            return next(iter(written[group[0]]))
        return dim

    return guard


_UNWRITTEN = ("count", "unparsed")
_BARE = re.compile(r"(?:[A-Za-z ]+ )?\d[\d,.]*")  # a figure in digits, perhaps after a hedge: "about 4,183"
# a written amount as its unit around its figure: "4,051 yards" -> "{} yards", "£250" -> "£{}"
_UNIT_AROUND = re.compile(r"^(\D*?)\d[\d,.]*(\D*)$")


def _bare_numbers_in_the_unit(amounts: dict[str, Amount | None], facts: Sequence[Value]) -> dict[str, Amount | None]:
    """A fact's bare figures read in its only unit, as that unit is written: "4,183" beside "4,051
    yards" is read as "4,183 yards". With two units (two currencies), two ways of writing one unit
    ("km" and "miles"), or none, the numbers stay as they are; so do numbers in words ("fewer than
    half" of the voters is a share, not half a percent)."""
    units = {a.unit for v in facts if (a := amounts[v.normalized]) is not None and a.unit is not None}
    if len(units) != 1:
        return amounts
    (unit,) = units
    written = {
        _UNIT_AROUND.sub(lambda m: m.group(1) + "\x00" + m.group(2), split_hedge(v.written.strip())[1])
        for v in facts
        if (a := amounts[v.normalized]) is not None and a.unit
    }
    if len(written) != 1 or "\x00" not in next(iter(written)):
        return amounts
    (pattern,) = written
    local = {v.normalized: amounts[v.normalized] for v in facts}  # only this fact's values are compared
    for v in facts:
        amount = amounts[v.normalized]
        bare = v.written.strip()
        if amount is None or amount.unit is not None or amount.magnitude is not None or not _BARE.fullmatch(bare):
            continue
        hedge, text = split_hedge(bare)
        reread = quantity(pattern.replace("\x00", text), hedge, None)
        if reread is not None and reread.unit == unit:
            local[v.normalized] = reread
    return local


def duration_findings(items: Sequence[Item], events: Events, entities: Entities, buckets: Buckets) -> list[Finding]:
    amounts: dict[str, Amount | None] = {}
    pairs: list[tuple[Item, str]] = []
    values: dict[tuple[str, int], Value] = {}
    labels: dict[str, str] = {}
    for item in items:
        claim = cast(DurationClaim, item.claim)
        cluster = events.key(item.source, claim.event)
        subject = entities.key(item.source, claim.subject)
        hedge, amount_text = split_hedge(claim.value)
        hedge = hedge or normalize.hedge_from_evidence(item.span.text, amount_text)
        amount = duration(amount_text, hedge)
        norm = _label(amount, claim.value)
        amounts[norm] = amount
        # a standing fact (a tenure, a contract's term) has no event to tell two of one person's apart
        key = f"{cluster}|{subject}" if cluster is not None else f"term|{subject}|{item.source}|{item.span.start}"
        pairs.append((item, key))
        values[item.ref] = Value(item, claim.value, norm)
        what = events.label(cluster) if cluster is not None else "a term"
        labels[key] = "length of " + what + (f" for {entities.name(subject)}" if subject else "")

    compatible, why = _comparison(amounts)
    out: list[Finding] = []
    for bucket in bucketed(pairs, buckets, labels):
        facts = [values[ref] for ref in sorted(bucket.refs)]
        future = any(events.future(events.key(v.item.source, cast(DurationClaim, v.item.claim).event)) for v in facts)
        fact = Fact("duration", bucket.label, facts, bucket.aligned_by)
        out.extend(judge(fact, compatible, "duration", why, "interval_overlap", future=future))
    return out


_OF_NAME = re.compile(r"^(?P<measure>.+?)\s+of\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})$")


def _measure_and_subject(item: Item, entities: Entities) -> tuple[str, str | None]:
    """The measure's key and whose number it is: the claim's subject, or a name written into the
    measure ("age of Eleanor Pratt", as 1.0 claims carry it)."""
    claim = cast(QuantityClaim, item.claim)
    subject = entities.key(item.source, claim.subject)
    measure = claim.measure
    if subject is None:
        m = _OF_NAME.match(measure.strip())
        if m and looks_like_name(m.group("name")):
            subject = entities.key(item.source, m.group("name"))
            measure = m.group("measure")
    return measure_key(measure), subject


def quantity_findings(items: Sequence[Item], events: Events, entities: Entities, buckets: Buckets) -> list[Finding]:
    rows = []
    for item in items:
        claim = cast(QuantityClaim, item.claim)
        hedge, amount_text = split_hedge(claim.value)
        amount = quantity(amount_text, hedge, None)
        measure, subject = _measure_and_subject(item, entities)
        cluster = events.key(item.source, claim.event)
        rows.append((item, measure, subject, cluster, dimension(amount), amount))
    # What a number is about is its measure and whose it is. The event it is filed under tells two
    # numbers apart only on evidence: an earlier (background) or a planned event, or an article that
    # files this measure under two different events (a first round and a runoff). Otherwise articles
    # file one figure under "the retooling", "the investment" or no event at all, and it is one fact.
    used: dict[tuple[str, str | None, str, str], set[int]] = defaultdict(set)
    for item, measure, subject, cluster, dim, _a in rows:
        if cluster is not None and not events.background(cluster) and not events.future(cluster):
            used[(measure, subject, dim, item.source)].add(cluster)
    distinguished = {(m, s, d) for (m, s, d, _source), clusters in used.items() if len(clusters) > 1}

    def event_key(measure: str, subject: str | None, dim: str, cluster: int | None) -> int | None:
        if cluster is None or events.background(cluster) or events.future(cluster):
            return cluster
        return cluster if (measure, subject, dim) in distinguished else None

    rows = [(item, m, s, event_key(m, s, d, cluster), d, a) for item, m, s, cluster, d, a in rows]
    mains = events.main_clusters()
    story = mains[0] if len(mains) == 1 else None
    amounts: dict[str, Amount | None] = {}
    pairs: list[tuple[Item, str]] = []
    values: dict[tuple[str, int], Value] = {}
    measures: dict[str, list[str]] = defaultdict(list)
    key_cluster: dict[str, int | None] = {}
    key_subject: dict[str, str | None] = {}
    dims: dict[tuple[str, int], str] = {}
    for item, measure, subject, cluster, dim, amount in rows:
        key = f"{measure}|{subject}|{cluster}|{dim}"
        norm = _label(amount, cast(QuantityClaim, item.claim).value)
        amounts[norm] = amount
        pairs.append((item, key))
        values[item.ref] = Value(item, cast(QuantityClaim, item.claim).value, norm)
        measures[key].append(cast(QuantityClaim, item.claim).measure.strip())
        key_cluster[key], key_subject[key] = cluster, subject
        dims[item.ref] = dim
    labels = {}
    for key, written in measures.items():
        counts: dict[str, int] = defaultdict(int)
        for form in written:
            counts[form] += 1
        label = min(counts, key=lambda f: (-counts[f], len(f), f))
        if key_subject[key]:
            label += f" of {entities.name(key_subject[key])}"
        cluster = key_cluster[key] if key_cluster[key] is not None else story
        if cluster is not None:
            label += f" in {events.label(cluster)}"
        labels[key] = label

    out: list[Finding] = []
    guard = _dimension_guard(pairs, dims, buckets)
    for bucket in bucketed(pairs, buckets, labels, guard=guard):
        facts = [values[ref] for ref in sorted(bucket.refs)]
        future = any(events.future(events.key(v.item.source, cast(QuantityClaim, v.item.claim).event)) for v in facts)
        fact = Fact("quantity", bucket.label, facts, bucket.aligned_by)
        compatible, why = _comparison(_bare_numbers_in_the_unit(amounts, facts))
        judged = judge(fact, compatible, "quantity", why, "interval_overlap", future=future)
        currencies = sorted(
            {a.unit for v in facts if (a := amounts[v.normalized]) is not None and a.unit in _CURRENCIES}
        )
        if len(currencies) > 1:
            note = f" ({', '.join(c.upper() for c in currencies)}: different currencies, not compared)"
            judged = [f.model_copy(update={"explanation": f.explanation + note}) for f in judged]
        out.extend(judged)
    return out
