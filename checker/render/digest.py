"""The editor's view of a report, before any format: what is shown in full, in one line, or only counted.

An editor opens the report to find what to check. So the conflict-like findings
(conflict, internal_conflict, misquote, attribution_conflict, and any verdict this
module does not know) are shown in full; agreements (agree, complementary) one line
each; facts only one source reports are counted per source, and of those only the
quotes and titles (which an editor may want to verify) are listed, one line each;
statements and the other kinds are only counted. :func:`digest` decides this once;
the text and Markdown renderers only format it. Pure and deterministic: the order is
the report's own (findings in report order within a verdict, sources in report order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.render.common import AGREEMENT_VERDICTS, one_line, ordered, verdict_groups
from checker.report import Finding, Report

#: What an editor calls each claim kind when counting them.
KIND_GROUPS: dict[str, str] = {
    "quantity": "numbers",
    "duration": "numbers",
    "event_time": "times",
    "quote": "quotes",
    "role": "titles",
    "membership": "lists",
    "proposition": "statements",
}
#: The order the groups are counted in; kinds not named above count as "other".
GROUP_ORDER: tuple[str, ...] = ("numbers", "times", "quotes", "titles", "lists", "statements", "other")
_SINGULAR = {
    "numbers": "number",
    "times": "time",
    "quotes": "quote",
    "titles": "title",
    "lists": "list",
    "statements": "statement",
    "other": "other",
}
#: Single-source kinds listed one line each (the rest are only counted), in listing order.
LISTED_KINDS: tuple[str, ...] = ("quote", "role")

#: An agreement line names at most this many sources, then "and N more".
MAX_NAMED_SOURCES = 6

_QUOTE_FACT = re.compile(r"quote by (?P<who>.+?): “")
_ROLE_FACT = re.compile(r"title of (?P<who>.+?)(?: \([^()]*\))?")


@dataclass(frozen=True)
class Agreement:
    """One agreement or complementary finding, shortened: its distinct values and its sources."""

    finding: Finding
    values: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class SourceTally:
    """How many facts only this source reports, per group (``GROUP_ORDER``, zero counts left out)."""

    source: str
    total: int
    groups: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Listed:
    """A single-source quote or title: who (speaker or person), the words as written, the source."""

    finding: Finding
    kind: str
    who: str
    words: str
    source: str


@dataclass(frozen=True)
class Digest:
    """The report sorted for an editor. ``full`` holds the conflict-like groups and any verdict unknown here."""

    full: list[tuple[str, list[Finding]]]
    agreements: list[tuple[str, list[Agreement]]]
    single_source: list[Finding]
    tallies: list[SourceTally]
    listed: list[Listed]

    @property
    def brief(self) -> int:
        """Agreements shown in one line each."""
        return sum(len(group) for _, group in self.agreements)


def kind_group(kind: str) -> str:
    return KIND_GROUPS.get(kind, "other")


def count_phrase(group: str, n: int) -> str:
    """'5 numbers', '1 time'."""
    return f"{n} {group if n != 1 else _SINGULAR.get(group, group)}"


def tally_phrase(tally: SourceTally) -> str:
    """'14 facts no other source reports (5 numbers, 2 times, 3 quotes, 2 titles, 2 statements)'."""
    noun = "fact" if tally.total == 1 else "facts"
    groups = ", ".join(count_phrase(group, n) for group, n in tally.groups)
    return f"{tally.total} {noun} no other source reports ({groups})"


def _distinct(items: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def _who(finding: Finding) -> str:
    """The speaker of a quote or the person of a title, read from the reconciler's fact label."""
    fact = one_line(finding.fact)
    if finding.kind == "quote":
        match = _QUOTE_FACT.match(fact)
        return match.group("who") if match else finding.attributed_to or "an unnamed speaker"
    match = _ROLE_FACT.fullmatch(fact)
    return match.group("who") if match else fact


def _agreement(finding: Finding) -> Agreement:
    values = _distinct([one_line(v.normalized) for v in finding.values])
    return Agreement(finding, values, _distinct([v.source for v in finding.values]))


def _sources_in_order(report: Report, names: set[str]) -> list[str]:
    """The report's source order, then any other names (sorted) so nothing is dropped."""
    known = [s.name for s in report.sources if s.name in names]
    return known + sorted(names - set(known))


def digest(report: Report) -> Digest:
    """Split the report's findings for the editor view (see the module docstring)."""
    full: list[tuple[str, list[Finding]]] = []
    agreements: list[tuple[str, list[Agreement]]] = []
    single: list[Finding] = []
    for verdict, group in verdict_groups(ordered(report.findings)):
        if verdict in AGREEMENT_VERDICTS:
            agreements.append((verdict, [_agreement(f) for f in group]))
        elif verdict == "single_source":
            single.extend(group)
        else:  # the conflict-like verdicts, and anything newer than this module: never hide it
            full.append((verdict, group))

    counts: dict[str, dict[str, int]] = {}
    listed_by_source: dict[str, list[Listed]] = {}
    for finding in single:
        for source in _distinct([v.source for v in finding.values]):
            per_group = counts.setdefault(source, {})
            name = kind_group(finding.kind)
            per_group[name] = per_group.get(name, 0) + 1
            if finding.kind in LISTED_KINDS:
                words = " / ".join(_distinct([one_line(v.value) for v in finding.values if v.source == source]))
                listed_by_source.setdefault(source, []).append(
                    Listed(finding, finding.kind, _who(finding), words, source)
                )
    names = _sources_in_order(report, set(counts))
    tallies = [
        SourceTally(
            source,
            sum(counts[source].values()),
            tuple((name, counts[source][name]) for name in GROUP_ORDER if counts[source].get(name)),
        )
        for source in names
    ]
    rank = {kind: i for i, kind in enumerate(LISTED_KINDS)}
    listed = [
        item
        for source in names
        for item in sorted(listed_by_source.get(source, []), key=lambda item: rank[item.kind])  # stable: report order
    ]
    return Digest(full, agreements, single, tallies, listed)


def named_sources(sources: tuple[str, ...]) -> tuple[list[str], int]:
    """At most ``MAX_NAMED_SOURCES`` names, and how many more there are."""
    if len(sources) <= MAX_NAMED_SOURCES:
        return list(sources), 0
    shown = MAX_NAMED_SOURCES - 1
    return list(sources[:shown]), len(sources) - shown


def shortened_line(view: Digest) -> str:
    """The editor view's last line: what was shown briefly, and how to see every finding in full."""
    parts = []
    if view.brief:
        parts.append(f"{view.brief} agreement{'s' if view.brief != 1 else ''} (one line each)")
    single = len(view.single_source)
    if single:
        listed = len(view.listed)
        which = (
            "" if not listed else "; 1 quote or title listed" if listed == 1 else f"; {listed} quotes and titles listed"
        )
        facts = "fact" if single == 1 else "facts"
        parts.append(f"{single} single-source {facts} (counted per source{which})")
    return f"Shown briefly: {' and '.join(parts) or 'nothing'}. --show all prints every finding in full."
