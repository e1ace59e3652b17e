"""When events happened: the day of an event and its clock time, judged as two facts.

A time is read from its words against the article's own date (publication date, else its
dateline): "yesterday" under "Sunday 4 May" is 3 May; "on Wednesday" is the Wednesday of that
week. The values about one event are judged twice: their days (dates, weekdays, months) against
each other, and their clock times against each other, so "Thursday" and "05:00 London time" are
never called a disagreement, and "14:00" does not hide a wrong date. Clock times conflict only
when they can be compared: two local times, or two instants; a local time becomes an instant when
a value in the same fact gives both ("7:30 a.m. (1030 GMT)"). A vague time ("recently") is no
value: it is listed, and compared with another unread one only by the numbers they write ("the
third quarter" / "the 4th quarter").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from checker.normalize.times import When, clocks_compatible, local_offsets, when
from checker.reconcile.alignment import Buckets, bucketed
from checker.reconcile.items import Item
from checker.reconcile.judge.common import Fact, Value, judge, numbers_differ
from checker.reconcile.resolve.events import Events
from checker.report import Finding
from checker.schema import EventTimeClaim

_UNREAD = "unresolved: "


def findings(items: Sequence[Item], events: Events, buckets: Buckets) -> list[Finding]:
    parsed: dict[tuple[str, int], When | None] = {}
    pairs: list[tuple[Item, str]] = []
    labels: dict[str, str] = {}
    for item in items:
        claim = cast(EventTimeClaim, item.claim)
        cluster = events.key(item.source, claim.event)
        parsed[item.ref] = when(claim.value, item.reference, events.future(cluster))
        key = f"event:{cluster}"
        pairs.append((item, key))
        labels.setdefault(key, events.label(cluster) if cluster is not None else "an event")
    out: list[Finding] = []
    by_ref = {item.ref: item for item, _key in pairs}
    for bucket in bucketed(pairs, buckets, labels):
        members = [by_ref[ref] for ref in sorted(bucket.refs)]
        future = any(events.future(events.key(i.source, cast(EventTimeClaim, i.claim).event)) for i in members)
        days = [i for i in members if (w := parsed[i.ref]) is None or w.has_day]
        clocks = [i for i in members if (w := parsed[i.ref]) is not None and w.clocks]
        both = bool(days) and bool(clocks)
        if days:
            out.extend(_days(days, parsed, bucket.label, bucket.aligned_by, both, future))
        if clocks:
            out.extend(_clocks(clocks, parsed, bucket.label, bucket.aligned_by, both, future))
    return out


def _written(item: Item) -> str:
    return cast(EventTimeClaim, item.claim).value


def _days(
    items: list[Item], parsed: dict[tuple[str, int], When | None], label: str, aligned_by: str, both: bool, future: bool
) -> list[Finding]:
    """The day facet: dates, weekdays, months and years; unread values compared by their numbers."""
    reads: dict[str, When | None] = {}
    values = []
    for item in items:
        w = parsed[item.ref]
        norm = w.day_only().label if w is not None else _UNREAD + _written(item).strip()
        reads[norm] = w.day_only() if w is not None else None
        values.append(Value(item, _written(item), norm))

    def compatible(a: str, b: str) -> bool:
        wa, wb = reads[a], reads[b]
        if wa is None and wb is None:
            return not numbers_differ(a.removeprefix(_UNREAD), b.removeprefix(_UNREAD))
        return wa is None or wb is None or wa.compatible(wb)

    def why(a: str, b: str) -> str:
        return "different_numbers" if reads[a] is None and reads[b] is None else "day_mismatch"

    known = [w for w in reads.values() if w is not None]
    if aligned_by == "model":
        name = f"{label} (day)" if both else label
    else:
        name = ("date of " if any(w.date is not None for w in known) else "day of ") + label
    fact = Fact("event_time", name, values, aligned_by)
    return judge(fact, compatible, "event_time", why, "same_day", future=future)


def _clocks(
    items: list[Item], parsed: dict[tuple[str, int], When | None], label: str, aligned_by: str, both: bool, future: bool
) -> list[Finding]:
    """The clock facet: local times against local times, instants against instants."""
    reads: dict[str, When] = {}
    values = []
    local: set[int] = set()
    for item in items:
        w = cast(When, parsed[item.ref])
        only = When(None, None, None, None, w.clocks)
        reads[only.label] = only
        values.append(Value(item, _written(item), only.label))
        local |= local_offsets(w.clocks)
    offsets = frozenset(local)

    def compatible(a: str, b: str) -> bool:
        return clocks_compatible(reads[a].clocks, reads[b].clocks, offsets)

    name = (f"{label} (clock time)" if both else label) if aligned_by == "model" else "time of " + label
    fact = Fact("event_time", name, values, aligned_by)
    return judge(fact, compatible, "event_time", "clock_mismatch", "same_time", future=future)
