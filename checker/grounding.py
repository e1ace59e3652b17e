"""Grounding: find each claim's evidence in the source and record where it is.

A claim is only as good as its evidence, and models paraphrase, re-quote and
re-space what they copy. We look for the evidence in three passes, strictest
first, and keep the first that succeeds:

1. ``exact``: the evidence occurs verbatim;
2. ``normalized``: it occurs once whitespace runs, curly/straight quotes,
   dashes and letter case are folded on both sides;
3. ``fuzzy``: the best partial alignment (rapidfuzz) scores at least
   :data:`FUZZY_THRESHOLD`.

Offsets always point into the original text, so ``text[start:end]`` is what an
editor sees highlighted. Claims whose evidence is not found are returned as
ungrounded with the reason; they are reported, never reconciled.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from checker.schema.answer import KIND_OF_LIST, ExtractionAnswer
from checker.schema.claims import CLAIM_CLASS, ENTITY_FIELDS, VALUE_FIELD, Entity, EntityType, Event
from checker.schema.claims import Claim as ClaimV2
from checker.schema.claims import GroundedClaim as GroundedClaimV2
from checker.schema.claims import MembershipClaim as MembershipClaimV2
from checker.schema.claims import PropositionClaim as PropositionClaimV2
from checker.schema.claims import UngroundedClaim as UngroundedClaimV2
from checker.schema.common import MatchKind, Span
from checker.schema.convert import slug
from checker.schema.v1 import (
    Claim,
    DurationClaim,
    EventTimeClaim,
    GroundedClaim,
    QuantityClaim,
    UngroundedClaim,
)
from checker.segment import sentences

FUZZY_THRESHOLD = 90.0
MIN_EVIDENCE_CHARS = 3
_DIGITS = re.compile(r"\d+")
# Words that carry a value: a fuzzy "match" that changes one of them is a different claim, not sloppy copying.
_VALUE_TOKENS = re.compile(
    r"\d+|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june"
    r"|july|august|september|october|november|december)\b"
)

_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2012": "-",
        "\u2212": "-",
        "\u00a0": " ",
    }
)


@dataclass(frozen=True)
class Location:
    """Where evidence was found: original-text offsets, how, and how well."""

    start: int
    end: int
    match: MatchKind
    score: float


def fold(text: str) -> tuple[str, list[int]]:
    """Fold quotes, dashes, whitespace runs and case; return the folded text and, per folded
    character, the offset of the original character it came from."""
    out: list[str] = []
    index: list[int] = []
    previous_space = False
    for i, ch in enumerate(text):
        ch = ch.translate(_FOLD)
        if ch.isspace():
            if previous_space:
                continue
            ch = " "
            previous_space = True
        else:
            previous_space = False
        lowered = ch.lower()
        if len(lowered) != 1:  # e.g. 'İ' lowers to two code points: keep the offset map one-to-one
            lowered = ch
        out.append(lowered)
        index.append(i)
    return "".join(out), index


Folded = tuple[str, list[int]]


def locate(
    text: str,
    evidence: str,
    *,
    prefer_from: int = 0,
    folded: Folded | Callable[[], Folded] | None = None,
) -> Location | None:
    """Find ``evidence`` in ``text``; prefer an occurrence at or after ``prefer_from``.

    ``folded`` (the folded text, or a function that makes it once) lets a caller grounding
    many claims fold the text once, and only when some evidence is not found verbatim.
    """
    if len(evidence.strip()) < MIN_EVIDENCE_CHARS:
        return None
    position = text.find(evidence, prefer_from)
    if position < 0:
        position = text.find(evidence)
    if position >= 0:
        return Location(position, position + len(evidence), "exact", 100.0)

    if folded is None:
        folded_text, index = fold(text)
    elif callable(folded):
        folded_text, index = folded()
    else:
        folded_text, index = folded
    folded_from = next((k for k, original in enumerate(index) if original >= prefer_from), 0)
    whole, _ = fold(evidence)
    whole = whole.strip()
    # Quote marks around the evidence are often the model's own: try with them, then without.
    for needle in dict.fromkeys((whole, whole.strip("\"'"))):
        if len(needle) < MIN_EVIDENCE_CHARS:
            continue
        position = folded_text.find(needle, folded_from)
        if position < 0:
            position = folded_text.find(needle)
        if position >= 0:
            start, end = index[position], index[position + len(needle) - 1] + 1
            return Location(start, end, "normalized", 100.0)
    needle = whole.strip("\"'")
    if len(needle) < MIN_EVIDENCE_CHARS or not folded_text:
        return None

    from rapidfuzz import fuzz

    alignment = fuzz.partial_ratio_alignment(needle, folded_text, score_cutoff=FUZZY_THRESHOLD)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return None
    lo, hi = alignment.dest_start, alignment.dest_end
    # The alignment can start or stop inside a word; widen it to whole words.
    while lo > 0 and folded_text[lo - 1].isalnum() and folded_text[lo].isalnum():
        lo -= 1
    while hi < len(folded_text) and folded_text[hi - 1].isalnum() and folded_text[hi].isalnum():
        hi += 1
    start = index[lo]
    end = index[hi - 1] + 1
    if _VALUE_TOKENS.findall(needle) != _VALUE_TOKENS.findall(folded_text[lo:hi]):
        # A near-copy with a different number, weekday or month is a different claim, not sloppy copying
        # ("held a phone call on Thursday" must not ground on "held a phone call on Wednesday").
        return None
    return Location(start, end, "fuzzy", round(float(alignment.score), 2))


def unsupported_value(claim: Claim, evidence: str) -> str | None:
    """Why the located evidence does not state the claim's value, or None.

    Evidence that exists but says something else (a Wednesday passage for a Thursday claim) is how an
    invented claim borrows real text; the weekday and the digits of an amount must be in the evidence.
    """
    # Plain lower() and the raw digit runs: folding quotes, dashes and spaces changes neither a
    # weekday's letters nor a digit, and most claims (roles, quotes, propositions) need no look at all.
    if isinstance(claim, EventTimeClaim) and claim.weekday and claim.weekday[:3].lower() not in evidence.lower():
        return f"the weekday {claim.weekday} is not in its evidence"
    if isinstance(claim, DurationClaim | QuantityClaim):
        wanted = _DIGITS.findall(claim.amount)
        if wanted and not set(wanted) <= set(_DIGITS.findall(evidence)):
            return f"the amount {claim.amount!r} is not in its evidence"
    return None


def ground(
    text: str, claims: Iterable[Claim], *, prefer_from: int = 0
) -> tuple[list[GroundedClaim], list[UngroundedClaim]]:
    """Ground every claim in ``text``; split them into grounded and ungrounded."""
    grounded: list[GroundedClaim] = []
    ungrounded: list[UngroundedClaim] = []
    folded = functools.cache(lambda: fold(text))  # most evidence is verbatim: fold only if needed
    for claim in claims:
        location = locate(text, claim.evidence, prefer_from=prefer_from, folded=folded)
        if location is None:
            reason = (
                "evidence is empty or too short to locate"
                if len(claim.evidence.strip()) < MIN_EVIDENCE_CHARS
                else f"evidence not found in the source (no exact, normalised or fuzzy match >= {FUZZY_THRESHOLD:g})"
            )
            ungrounded.append(UngroundedClaim(claim=claim, reason=reason))
            continue
        span = Span(text=text[location.start : location.end], start=location.start, end=location.end)
        mismatch = unsupported_value(claim, span.text)
        if mismatch is not None:
            ungrounded.append(UngroundedClaim(claim=claim, reason=mismatch))
            continue
        grounded.append(GroundedClaim(claim=claim, evidence=span, match=location.match, score=location.score))
    return grounded, ungrounded


# --- answers of prompt extract_claims.v2: sentence numbers and verbatim values ---------------------

_NEIGHBOURS = 1  # a value may sit in the sentence before or after the one the model named


@dataclass
class AnswerGrounding:
    """One chunk's answer in the claims file form: its inventory, grounded and ungrounded claims."""

    entities: list[Entity]
    events: list[Event]
    grounded: list[GroundedClaimV2]
    ungrounded: list[UngroundedClaimV2]
    date_line: Span | None


def _window(text: str, spans: list[tuple[int, int]], index: int) -> tuple[int, int]:
    lo = max(0, index - _NEIGHBOURS)
    hi = min(len(spans) - 1, index + _NEIGHBOURS)
    return spans[lo][0], spans[hi][1]


_WORD = re.compile(r"[a-z0-9]+")
_FUNCTION_WORD_TEXT = (
    "a an the of to in on for and or with by at from as is are was were be been will would has have had do does did "
    "not no it its this that these those his her their our who which than then there"
)
_FUNCTION_WORDS = frozenset(_FUNCTION_WORD_TEXT.split())


def _stems(text: str) -> set[str]:
    """Lowercase words without function words, cut to five letters: enough for 'resigned' to meet 'resign'."""
    return {w[:5] for w in _WORD.findall(fold(text)[0]) if w not in _FUNCTION_WORDS}


def _words_of(claim: ClaimV2, names: dict[str, str]) -> tuple[str, str]:
    """(the subject's words, the predicate's and object's) of a statement."""
    assert isinstance(claim, PropositionClaimV2)
    return names.get(claim.subject, claim.subject), f"{claim.predicate} {claim.object or ''}"


def _best_support(
    text: str, spans: list[tuple[int, int]], index: int, claim: ClaimV2, names: dict[str, str]
) -> int | None:
    """The sentence (of the named one and its neighbours) that states a claim with no verbatim value, or None.

    A statement is written in the model's words (a base-form verb phrase), so it cannot be found
    verbatim; but a model can also cite a real sentence for a statement it made up. So the sentence
    must hold every value word of the statement (a number, weekday, month) and at least one of its
    other words; a list's members are looked for in the named sentence and the three after it (a
    list may be bulleted), and at least half of them must be there.
    """
    if isinstance(claim, MembershipClaimV2):
        lo, hi = index, min(len(spans), index + 4)
        window = _stems(text[spans[lo][0] : spans[hi - 1][1]])
        members = [_stems(names.get(m, m)) for m in claim.members]
        found = sum(1 for m in members if m & window)
        return index if members and 2 * found >= len(members) else None
    _required, said = _words_of(claim, names)
    value_words = set(_VALUE_TOKENS.findall(fold(said)[0]))
    wanted = _stems(said)
    best: tuple[int, int] | None = None
    for i in range(max(0, index - _NEIGHBOURS), min(len(spans), index + _NEIGHBOURS + 1)):
        sentence = text[spans[i][0] : spans[i][1]]
        if not value_words <= set(_VALUE_TOKENS.findall(fold(sentence)[0])):
            continue
        shared = len(wanted & _stems(sentence))
        if (shared or not wanted) and (best is None or (shared, -abs(i - index)) > (best[0], -abs(best[1] - index))):
            best = (shared, i)
    return best[1] if best is not None else None


def _covering(spans: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The union of the sentences that ``[start, end)`` touches (a quote may run over several)."""
    touched = [(s, e) for s, e in spans if s < end and start < e] or [(start, end)]
    return min(s for s, _ in touched), max(e for _, e in touched)


class _Inventory:
    """The answer's entities and events, with every id a claim or event uses defined.

    A capable model now and then names an id it did not list, or writes one in another shape;
    refusing the whole answer for it would lose every other claim. An undefined entity becomes one
    named by its id ("state_police" -> "state police"), an undefined event one of that type with no
    participants; a second definition of an id is dropped (the first one stands).
    """

    def __init__(self, answer: ExtractionAnswer) -> None:
        self.entities: dict[str, Entity] = {}
        for entity in answer.entities:
            self.entities.setdefault(entity.id, entity)
        self.events: dict[str, Event] = {}
        for event in answer.events:
            self.events.setdefault(event.id, event)
        for event_id in list(self.events):
            event = self.events[event_id]
            participants = [self.entity(p, "organisation") for p in event.participants]
            part_of = event.part_of if event.part_of in self.events and event.part_of != event.id else None
            if participants != event.participants or part_of != event.part_of:
                self.events[event_id] = event.model_copy(update={"participants": participants, "part_of": part_of})

    def entity(self, ref: str, type_: EntityType) -> str:
        if ref in self.entities:
            return ref
        handle = ref if _ID_SHAPE.fullmatch(ref) else slug(ref)
        if handle not in self.entities:
            self.entities[handle] = Entity(id=handle, type=type_, name=ref.replace("_", " "))
        return handle

    def event(self, ref: str) -> str:
        if ref in self.events:
            return ref
        handle = ref if _ID_SHAPE.fullmatch(ref) else slug(ref)
        if handle not in self.events:
            self.events[handle] = Event(
                id=handle,
                type=ref.replace("_", " "),
                participants=[],
                when=None,
                status="happened",
                part_of=None,
                background=False,
            )
        return handle

    def claim(self, kind: str, item: Any) -> ClaimV2:
        """The file-form claim of an answer item, its references resolved."""
        fields = item.model_dump(exclude={"sentence"})
        for name in ENTITY_FIELDS[kind]:
            if fields[name] is not None:
                fields[name] = self.entity(fields[name], "person" if name in ("person", "speaker") else "anonymous")
        if fields.get("event") is not None:
            fields["event"] = self.event(fields["event"])
        claim: ClaimV2 = CLAIM_CLASS[kind](**fields)
        return claim


_ID_SHAPE = re.compile(r"[a-z][a-z0-9_]*")


def _whole_word_at(text: str, value: str, start: int, prefer_from: int, end: int) -> int:
    """The first occurrence of ``value`` in ``text[start:end]`` that is not part of a longer word or
    number ("34" in "Reyes, 34," but not in "1934"), at or after ``prefer_from`` if there is one; -1 if none."""
    hits = []
    at = text.find(value, start, end)
    while at >= 0:
        before = text[at - 1] if at > 0 else " "
        after = text[at + len(value)] if at + len(value) < len(text) else " "
        if not (value[:1].isalnum() and before.isalnum()) and not (value[-1:].isalnum() and after.isalnum()):
            hits.append(at)
        at = text.find(value, at + 1, end)
    later = [h for h in hits if h >= prefer_from]
    return (later or hits or [-1])[0]


def _value_location(
    text: str, value: str, window: tuple[int, int], sentence_start: int, folded: Callable[[], Folded]
) -> Location | None:
    """Where a claim's verbatim value is: in the named sentence or its neighbours first, else anywhere.

    A value is often short ("34", "QB", "two"), so it is matched as a whole word, first verbatim, then
    with quotes, dashes, spaces and case folded; only a long one (a quotation, say) is matched fuzzily.
    """
    value = value.strip()
    if not value:
        return None
    lo, hi = window
    for start, end in ((lo, hi), (0, len(text))):
        at = _whole_word_at(text, value, start, sentence_start, end)
        if at >= 0:
            return Location(at, at + len(value), "exact", 100.0)
        folded_text, index = folded()
        needle = fold(value)[0].strip()
        f_lo = bisect.bisect_left(index, start)
        f_hi = bisect.bisect_left(index, end)
        f_at = _whole_word_at(folded_text, needle, f_lo, f_lo, f_hi) if needle else -1
        if f_at >= 0:
            return Location(index[f_at], index[f_at + len(needle) - 1] + 1, "normalized", 100.0)
    if len(value) >= 12:
        return locate(text, value, prefer_from=sentence_start, folded=folded)
    return None


def ground_answer(text: str, answer: ExtractionAnswer, *, offset: int = 0, first_sentence: int = 1) -> AnswerGrounding:
    """Ground one chunk's answer: ``text`` is the chunk, numbered from ``first_sentence``; spans are
    shifted by ``offset`` into the source."""
    inventory = _Inventory(answer)
    spans = sentences(text)
    folded = functools.cache(lambda: fold(text))  # most values are verbatim: fold only if needed
    names = {entity.id: entity.name for entity in inventory.entities.values()}
    grounded: list[GroundedClaimV2] = []
    ungrounded: list[UngroundedClaimV2] = []
    for name, kind in KIND_OF_LIST.items():
        for item in getattr(answer, name):
            claim = inventory.claim(kind, item)
            index = item.sentence - first_sentence
            field_name = VALUE_FIELD[kind]
            value: str | None = getattr(claim, field_name) if field_name else None
            if not 0 <= index < len(spans):
                reason = f"sentence {item.sentence} is not in the article"
                ungrounded.append(UngroundedClaimV2(claim=claim, reason=reason))
                continue
            s_start = spans[index][0]
            if value is None:
                support = _best_support(text, spans, index, claim, names)
                if support is None:
                    reason = f"its words are not in sentence {item.sentence} or next to it"
                    ungrounded.append(UngroundedClaimV2(claim=claim, reason=reason))
                    continue
                (start, end), match, score, value_span = spans[support], "exact", 100.0, None
            else:
                location = _value_location(text, value, _window(text, spans, index), s_start, folded)
                if location is None:
                    ungrounded.append(
                        UngroundedClaimV2(
                            claim=claim,
                            reason=f"its value {value!r} is in neither sentence {item.sentence} nor the article",
                        )
                    )
                    continue
                start, end = _covering(spans, location.start, location.end)
                match, score = location.match, location.score
                value_span = Span(
                    text=text[location.start : location.end], start=location.start + offset, end=location.end + offset
                )
            grounded.append(
                GroundedClaimV2(
                    claim=claim,
                    evidence=Span(text=text[start:end], start=start + offset, end=end + offset),
                    value=value_span,
                    match=match,
                    score=score,
                )
            )
    date_line = None
    if answer.date_line:
        found = locate(text, answer.date_line)
        if found is not None:
            date_line = Span(text=text[found.start : found.end], start=found.start + offset, end=found.end + offset)
    return AnswerGrounding(
        list(inventory.entities.values()), list(inventory.events.values()), grounded, ungrounded, date_line
    )


def merge_groundings(parts: list[AnswerGrounding]) -> AnswerGrounding:
    """The chunks of one source as one: an entity (type and name) or event named in several chunks is
    one entry, and ids that clash between chunks are renamed."""
    if len(parts) == 1:
        return parts[0]
    entities: dict[tuple[str, str], Entity] = {}
    events: dict[tuple[Any, ...], Event] = {}
    taken: set[str] = set()
    grounded: list[GroundedClaimV2] = []
    ungrounded: list[UngroundedClaimV2] = []
    date_line = None

    def fresh(handle: str) -> str:
        candidate, n = handle, 1
        while candidate in taken:
            n += 1
            candidate = f"{handle}_{n}"
        taken.add(candidate)
        return candidate

    for part in parts:
        rename: dict[str, str] = {}
        for entity in part.entities:
            entity_key = (entity.type, " ".join(entity.name.split()).lower())
            if entity_key not in entities:
                entities[entity_key] = entity.model_copy(update={"id": fresh(entity.id)})
            rename[entity.id] = entities[entity_key].id
        event_rename: dict[str, str] = {}
        created: list[tuple[tuple[Any, ...], str | None]] = []
        for event in part.events:
            participants = sorted({rename.get(p, p) for p in event.participants})
            event_key = (event.type.lower(), tuple(participants), event.when, event.status, event.background)
            if event_key not in events:
                events[event_key] = event.model_copy(update={"id": fresh(event.id), "participants": participants})
                created.append((event_key, event.part_of))
            event_rename[event.id] = events[event_key].id
        for event_key, part_of in created:  # part_of once every event of the chunk has its id
            mapped = event_rename.get(part_of) if part_of else None
            events[event_key] = events[event_key].model_copy(update={"part_of": mapped})
        grounded.extend(g.model_copy(update={"claim": _renamed(g.claim, rename, event_rename)}) for g in part.grounded)
        ungrounded.extend(
            u.model_copy(update={"claim": _renamed(u.claim, rename, event_rename)}) for u in part.ungrounded
        )
        date_line = date_line or part.date_line
    return AnswerGrounding(list(entities.values()), list(events.values()), grounded, ungrounded, date_line)


def _renamed(claim: ClaimV2, rename: dict[str, str], event_rename: dict[str, str]) -> ClaimV2:
    """A claim with its entity and event ids renamed (words in subjects and members stay as they are)."""
    update: dict[str, Any] = {}
    for name in ENTITY_FIELDS[claim.kind]:
        ref = getattr(claim, name)
        if ref is not None:
            update[name] = rename.get(ref, ref)
    event = getattr(claim, "event", None)
    if event is not None:
        update["event"] = event_rename.get(event, event)
    members = getattr(claim, "members", None)
    if members is not None:
        update["members"] = [rename.get(m, m) for m in members]
    subject = getattr(claim, "subject", None)
    if claim.kind == "proposition" and subject is not None:
        update["subject"] = rename.get(subject, subject)
    return claim.model_copy(update=update)
