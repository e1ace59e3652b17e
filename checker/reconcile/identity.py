"""What a model is shown to align claims: each claim's identity, never its value.

One line per claim, in the canonical order of :mod:`~checker.reconcile.items` (so the same claims
in any order give the same request, and a cached answer replays): its id (``s3.12``: source 3 in
name order, claim 12 of that source), its kind, what it is about (measure, whose, the event with
its participants and status, the person, the group, the statement's words), whose claim it is, and
the sentence it comes from with the value masked as ``[VALUE]``. Never the value: no amounts,
dates, weekdays, titles, polarity or quotation words, so the model cannot decide a verdict, only
which claims state one fact. Quotations are not sent (their words are their identity and their
value; the rules link them).

Large stories are split: one request per kind, and a kind with more than ``max_lines`` claims is
cut at changes of a coarse key (the event, the measure), so claims of one fact stay together.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.reconcile.items import SourceView, canonical_claims, canonical_sources, view_of
from checker.schema import SourceClaims
from checker.schema.claims import Claim, GroundedClaim

KINDS = ("event_time", "duration", "quantity", "role", "membership", "proposition")
_KIND_WORD = {
    "event_time": "time",
    "duration": "length",
    "quantity": "number",
    "role": "office",
    "membership": "list",
    "proposition": "statement",
}
MAX_LINES = 200
_SENTENCE_CHARS = 220


@dataclass(frozen=True)
class Batch:
    """One alignment request: its lines, and which claim each id names."""

    kind: str
    index: int
    text: str
    refs: dict[str, tuple[str, int]]  # id -> (source name, claim position)


def _name(view: SourceView, ref: str | None) -> str:
    if ref is None:
        return "-"
    entity = view.entities.get(ref)
    return entity.name if entity is not None else ref


def _event(view: SourceView, ref: str | None) -> tuple[str, str]:
    """(how the event reads, a coarse key): 'derailment (Marrow Creek, Northline Rail) [happened]'."""
    event = view.events.get(ref) if ref is not None else None
    if event is None:
        return "-", "-"
    names = ", ".join(sorted(_name(view, p) for p in event.participants))
    marks: list[str] = [event.status]
    if event.background:
        marks.append("earlier event" + (f", {event.when}" if event.when else ""))
    elif event.when:
        marks.append(event.when)
    if event.part_of is not None and event.part_of in view.events:
        marks.append(f"part of the {view.events[event.part_of].type}")
    text = f"{event.type}" + (f" ({names})" if names else "") + f" [{'; '.join(marks)}]"
    return text, event.type.lower()


_OTHER_VALUES = re.compile(
    r"\d+(?:[.,:]\d+)*|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march"
    r"|april|june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)


def _masked(grounded: GroundedClaim) -> str:
    """The claim's sentence, its value shown as [VALUE] and every other figure or date as #, so the
    model sees where the claim sits and what it is about, but no value to compare."""
    sentence, value = grounded.evidence, grounded.value
    text = sentence.text
    if value is not None and sentence.start <= value.start and value.end <= sentence.end:
        a, b = value.start - sentence.start, value.end - sentence.start
        before, after = _OTHER_VALUES.sub("#", text[:a]), _OTHER_VALUES.sub("#", text[b:])
        text = before + "[VALUE]" + after
        center = len(before)
    else:
        text = _OTHER_VALUES.sub("#", text)
        center = 0
    text = " ".join(text.split())
    if len(text) > _SENTENCE_CHARS:
        lo = max(0, min(center - _SENTENCE_CHARS // 2, len(text) - _SENTENCE_CHARS))
        text = ("…" if lo else "") + text[lo : lo + _SENTENCE_CHARS] + "…"
    return text


def identity(view: SourceView, grounded: GroundedClaim) -> tuple[str, str, bool]:
    """(identity fields, coarse key, whether to show the masked sentence) of one claim."""
    claim: Claim = grounded.claim
    said = getattr(claim, "said_by", None)
    voice = f" | said by: {_name(view, said)}" if said is not None else ""
    if claim.kind == "event_time":
        event, coarse = _event(view, claim.event)
        return f"event: {event}{voice}", coarse, True
    if claim.kind == "duration":
        event, coarse = _event(view, claim.event)
        return f"event: {event} | of: {_name(view, claim.subject)}{voice}", coarse, True
    if claim.kind == "quantity":
        event, _coarse = _event(view, claim.event)
        measure = claim.measure.strip()
        return f"measure: {measure} | of: {_name(view, claim.subject)} | event: {event}{voice}", measure.lower(), True
    if claim.kind == "role":
        organisation = f" | organisation: {_name(view, claim.organisation)}" if claim.organisation else ""
        return f"person: {_name(view, claim.person)}{organisation}", _name(view, claim.person).lower(), True
    if claim.kind == "membership":
        return f"group: {_OTHER_VALUES.sub('#', claim.group.strip())}{voice}", claim.group.lower(), True
    assert claim.kind == "proposition"
    subject = _name(view, claim.subject)
    words = f"subject: {subject} | predicate: {claim.predicate} | object: {claim.object or '-'}"
    return _OTHER_VALUES.sub("#", words) + voice, subject.lower(), False


def batches(sources: Sequence[SourceClaims], max_lines: int = MAX_LINES) -> list[Batch]:
    """The alignment requests for a story, in a stable order (empty when nothing could be aligned)."""
    ordered = canonical_sources(sources)
    rows: dict[str, list[tuple[str, str, str, tuple[str, int]]]] = {kind: [] for kind in KINDS}
    for number, source in enumerate(ordered, start=1):
        view = view_of(source)
        for position, grounded in enumerate(canonical_claims(source)):
            kind = grounded.claim.kind
            if kind not in rows:
                continue
            fields, coarse, show = identity(view, grounded)
            claim_id = f"s{number}.{position}"
            line = f"{claim_id} {_KIND_WORD[kind]} | {fields}"
            if show:
                line += f'\n    "{_masked(grounded)}"'
            rows[kind].append((coarse, f"s{number}", line, (source.source.name, position)))
    out: list[Batch] = []
    names = {f"s{n}": s.source.name for n, s in enumerate(ordered, start=1)}
    for kind_name in KINDS:
        lines = rows[kind_name]
        if len({ref[0] for *_rest, ref in lines}) < 2:
            continue  # one article: nothing to align across
        parts = [lines] if len(lines) <= max_lines else _split(lines, max_lines)
        for part in parts:
            refs = {line.split(" ", 1)[0]: ref for _c, _s, line, ref in part}
            text = _render(part, names)
            out.append(Batch(kind_name, len(out), text, refs))
    return out


def _split(
    lines: list[tuple[str, str, str, tuple[str, int]]], max_lines: int
) -> list[list[tuple[str, str, str, tuple[str, int]]]]:
    """Cut a long kind into requests of at most ``max_lines`` at changes of the coarse key."""
    by_key = sorted(lines, key=lambda row: (row[0], row[3]))
    parts: list[list[tuple[str, str, str, tuple[str, int]]]] = [[]]
    for i, row in enumerate(by_key):
        if len(parts[-1]) >= max_lines and (i == 0 or row[0] != by_key[i - 1][0] or len(parts[-1]) >= 2 * max_lines):
            parts.append([])
        parts[-1].append(row)
    return [sorted(p, key=lambda row: (row[1], row[3])) for p in parts if p]


def _render(lines: list[tuple[str, str, str, tuple[str, int]]], names: dict[str, str]) -> str:
    out: list[str] = []
    current = None
    for _coarse, source, line, _ref in sorted(lines, key=lambda row: (int(row[1][1:]), row[3][1])):
        if source != current:
            out.append(f"Article {source} ({names[source]}):")
            current = source
        out.append(line)
    return "\n".join(out)
