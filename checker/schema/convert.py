"""Between claims file forms 1.0 and 2.0, deterministically.

* :func:`from_v1` reads a 1.0 file's claims (or the grounded answer of prompt ``extract_claims.v1``,
  or the offline extractor's claims) into 2.0: the names a 1.0 claim repeats become an inventory
  of entities and events with ids; hedge, amount and unit become one value as written.
* :func:`to_v1` gives the reconciler the per-claim view it compares (names instead of ids). Version
  2.0 knows more than 1.0 can say, so it is carried in the fields that keep facts apart: a
  background event, or one whose article has another event of its type, keeps its ``when`` in its
  type ("flood (2019)"); a number's subject goes into its measure ("age of Paul Okafor").
  :func:`from_v1` reads such a type back as a background event with that ``when`` (the offline
  extractor writes an earlier event so).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from anyascii import anyascii
from pydantic import ValidationError

from checker.schema import v1
from checker.schema.answer import KIND_OF_LIST, ExtractionAnswer
from checker.schema.claims import (
    Claim,
    DurationClaim,
    Entity,
    EntityType,
    Event,
    EventStatus,
    EventTimeClaim,
    GroundedClaim,
    MembershipClaim,
    PropositionClaim,
    QuantityClaim,
    QuoteClaim,
    RoleClaim,
    SourceClaims,
    UngroundedClaim,
)
from checker.schema.common import Span

UNNAMED_SOURCE = "unnamed source"

_STATUS_OF_MODALITY: dict[str, EventStatus] = {
    "happened": "happened",
    "ongoing": "ongoing",
    "planned": "planned",
    "speculative": "possible",
}
_MODALITY_OF_STATUS: dict[str, v1.Modality] = {
    "happened": "happened",
    "ongoing": "ongoing",
    "planned": "planned",
    "possible": "speculative",
}


def slug(text: str) -> str:
    """An id-shaped handle for a name: lowercase ASCII words joined by '_' ('Donald Trump' -> 'donald_trump')."""
    words = re.findall(r"[a-z0-9]+", anyascii(text).lower())
    handle = "_".join(words)[:40].strip("_") or "x"
    return handle if handle[0].isalpha() else "x_" + handle


class Inventory:
    """Entities and events collected while converting, each named once, ids unique and stable."""

    def __init__(self) -> None:
        self.entities: dict[tuple[str, str], Entity] = {}
        self.events: dict[tuple[Any, ...], Event] = {}
        self._ids: set[str] = set()

    def _new_id(self, base: str) -> str:
        candidate, n = base, 1
        while candidate in self._ids:
            n += 1
            candidate = f"{base}_{n}"
        self._ids.add(candidate)
        return candidate

    def entity(self, name: str, type_: EntityType) -> str:
        """The id of the entity with this name and type, added when new."""
        key = (type_, " ".join(name.split()))
        found = self.entities.get(key)
        if found is None:
            found = Entity(id=self._new_id(slug(key[1])), type=type_, name=key[1])
            self.entities[key] = found
        return found.id

    def named(self, name: str) -> str | None:
        """The id of an entity already known by this name (people first), or None."""
        name = " ".join(name.split())
        for type_ in ("person", "organisation", "place", "document", "anonymous"):
            found = self.entities.get((type_, name))
            if found is not None:
                return found.id
        return None

    def event(self, type_: str, participants: Sequence[str], status: EventStatus) -> str:
        key = (type_.strip(), tuple(sorted(participants)), status)
        found = self.events.get(key)
        if found is None:
            base, when, background = _background_type(key[0])
            found = Event(
                id=self._new_id(slug(base)),
                type=base,
                participants=list(key[1]),
                when=when,
                status=status,
                part_of=None,
                background=background,
            )
            self.events[key] = found
        return found.id


# "flood (2019)", "shooting (February)", "fire (background)": how 1.0 names an earlier event given as
# context (``to_v1`` writes a background event so), read back as the type, its ``when`` and background.
_BACKGROUND_TYPE = re.compile(
    r"^(?P<type>.*\S)\s+\((?P<when>background|earlier|last \w+|(?:[\w-]+\s+){1,3}ago|"
    r"(?:[\w.]+\s+)*(?:1[89]\d\d|20\d\d|january|february|"
    r"march|april|may|june|july|august|september|october|november|december)(?:\s+[\w.,]+)*)\)$",
    re.IGNORECASE,
)


def _background_type(type_: str) -> tuple[str, str | None, bool]:
    """A 1.0 event type as its 2.0 type, ``when`` and ``background``."""
    m = _BACKGROUND_TYPE.match(type_)
    if m is None:
        return type_, None, False
    when = m.group("when")
    return m.group("type"), None if when.lower() == "background" else when, True


def _voice_key(attribution: v1.Attribution) -> tuple[str, EntityType] | None:
    """The entity a 1.0 attribution names: None for the outlet; a source nobody named is anonymous."""
    if attribution.source_type == "outlet":
        return None
    if not attribution.name:
        return UNNAMED_SOURCE, "anonymous"
    return attribution.name, attribution.source_type


def _voice(attribution: v1.Attribution, inventory: Inventory) -> str | None:
    key = _voice_key(attribution)
    return inventory.entity(*key) if key is not None else None


def _hedged(hedge: str | None, amount: str) -> str:
    if hedge and hedge.strip().lower() not in amount.lower():
        return f"{hedge.strip()} {amount}"
    return amount


_UNIT_SIGNS = ("%", "$", "€", "£", "¥")


def _quantity_value(claim: v1.QuantityClaim) -> str:
    value = claim.amount
    unit = (claim.unit or "").strip()
    if unit and unit.lower() not in value.lower() and not any(sign in value for sign in _UNIT_SIGNS):
        value = f"{value} {unit}"
    return _hedged(claim.hedge, value)


def _title_with_status(title: str, status: str) -> str:
    """A 1.0 status the title does not already say ('former' for 'President') is written into the title."""
    if status in ("former", "acting", "incoming") and status not in title.lower():
        return f"{status} {title}"
    return title


def _register(claims: Iterable[v1.Claim], inventory: Inventory) -> None:
    """Add every name the claims use to the inventory before any claim is converted, in sorted order.

    Whether a proposition's subject or a list's member is an entity, and which id a name gets, must
    not depend on the order the claims come in: people first (role holders, speakers, cited persons),
    then bodies and documents that are cited, then event participants that are nobody yet.
    """
    claims = list(claims)
    people: set[str] = set()
    voices: set[tuple[str, EntityType]] = set()
    others: set[str] = set()
    for claim in claims:
        voice = _voice_key(claim.attribution)
        if voice is not None and voice[1] == "person":
            people.add(voice[0])
        elif voice is not None:
            voices.add(voice)
        if isinstance(claim, v1.RoleClaim):
            people.add(claim.person)
            if claim.organisation:
                others.add(claim.organisation)
        elif isinstance(claim, v1.QuoteClaim) and claim.speaker:
            people.add(claim.speaker)
        event = getattr(claim, "event", None)
        if event is not None:
            others.update(p for p in event.participants if p.strip())
    for name in sorted(people):
        inventory.entity(name, "person")
    for name, type_ in sorted(voices):
        inventory.entity(name, type_)
    for name in sorted(others):
        if inventory.named(name) is None:
            inventory.entity(name, "organisation")


def _participant(name: str, inventory: Inventory) -> str:
    return inventory.named(name) or inventory.entity(name, "organisation")


def claim_from_v1(claim: v1.Claim, inventory: Inventory) -> Claim:
    """One 1.0 claim as a 2.0 claim, its names and events added to ``inventory``."""
    said_by = _voice(claim.attribution, inventory)
    if isinstance(claim, v1.EventTimeClaim | v1.DurationClaim | v1.QuantityClaim) and claim.event is not None:
        status = _STATUS_OF_MODALITY[claim.modality]
        event: str | None = inventory.event(
            claim.event.type, [_participant(p, inventory) for p in claim.event.participants if p.strip()], status
        )
    else:
        event = None
    if isinstance(claim, v1.EventTimeClaim):
        assert event is not None
        return EventTimeClaim(event=event, value=claim.as_written, said_by=said_by)
    if isinstance(claim, v1.DurationClaim):
        assert event is not None
        return DurationClaim(event=event, subject=None, value=_hedged(claim.hedge, claim.amount), said_by=said_by)
    if isinstance(claim, v1.QuantityClaim):
        return QuantityClaim(
            measure=claim.measure, subject=None, event=event, value=_quantity_value(claim), said_by=said_by
        )
    if isinstance(claim, v1.RoleClaim):
        return RoleClaim(
            person=inventory.entity(claim.person, "person"),
            title=_title_with_status(claim.title, claim.status),
            organisation=inventory.entity(claim.organisation, "organisation") if claim.organisation else None,
        )
    if isinstance(claim, v1.QuoteClaim):
        speaker = claim.speaker or (claim.attribution.name if claim.attribution.source_type == "person" else None)
        return QuoteClaim(speaker=inventory.entity(speaker, "person") if speaker else None, text=claim.text)
    if isinstance(claim, v1.MembershipClaim):
        return MembershipClaim(
            group=claim.group,
            members=[inventory.named(m) or m for m in claim.members],
            completeness=claim.completeness,
            said_by=said_by,
        )
    assert isinstance(claim, v1.PropositionClaim)
    return PropositionClaim(
        subject=inventory.named(claim.subject) or claim.subject,
        predicate=claim.predicate,
        object=claim.object,
        negated=claim.negated,
        modality=claim.modality,
        said_by=said_by,
    )


def value_text(claim: Claim) -> str | None:
    """The verbatim value a 2.0 claim copies from the article, if it has one."""
    if isinstance(claim, EventTimeClaim | DurationClaim | QuantityClaim):
        return claim.value
    if isinstance(claim, RoleClaim):
        return claim.title
    if isinstance(claim, QuoteClaim):
        return claim.text
    return None


def describe(claim: Claim) -> str:
    """A claim in a few words, for listing it where it has no evidence (an ungrounded claim)."""
    value = value_text(claim)
    if value is not None:
        return value
    if isinstance(claim, MembershipClaim):
        return f"{claim.group}: {', '.join(claim.members)}"
    assert isinstance(claim, PropositionClaim)
    return " ".join(
        p for p in (claim.subject, "not" if claim.negated else "", claim.predicate, claim.object or "") if p
    )


def _value_span(evidence: Span, text: str | None) -> Span | None:
    """Where ``text`` sits inside the evidence span (case-insensitive), or None."""
    if not text or not text.strip():
        return None
    at = evidence.text.find(text)
    if at < 0:
        at = evidence.text.lower().find(text.lower())
    if at < 0:
        return None
    start = evidence.start + at
    return Span(text=evidence.text[at : at + len(text)], start=start, end=start + len(text))


def from_v1_claims(
    grounded: Sequence[v1.GroundedClaim], ungrounded: Sequence[v1.UngroundedClaim] = ()
) -> tuple[list[Entity], list[Event], list[GroundedClaim], list[UngroundedClaim]]:
    """Grounded 1.0 claims as the 2.0 inventory and claims (value spans found inside the evidence)."""
    inventory = Inventory()
    _register([g.claim for g in grounded] + [u.claim for u in ungrounded], inventory)
    claims = []
    for g in grounded:
        claim = claim_from_v1(g.claim, inventory)
        claims.append(
            GroundedClaim(
                claim=claim,
                evidence=g.evidence,
                value=_value_span(g.evidence, value_text(claim)),
                match=g.match,
                score=g.score,
            )
        )
    lost = [UngroundedClaim(claim=claim_from_v1(u.claim, inventory), reason=u.reason) for u in ungrounded]
    return list(inventory.entities.values()), list(inventory.events.values()), claims, lost


def from_v1(source: v1.SourceClaims) -> SourceClaims:
    """A 1.0 claims file as 2.0."""
    entities, events, claims, lost = from_v1_claims(source.claims, source.ungrounded)
    return SourceClaims(
        source=source.source,
        extractor=source.extractor,
        entities=entities,
        events=events,
        claims=claims,
        ungrounded=lost,
    )


def load_claims(data: dict[str, Any]) -> SourceClaims:
    """A claims file of either version, as 2.0 (1.0 is converted).

    A file without ``schema_version`` (1.0 did not require one) is read as 1.0 unless it has an
    inventory; when it fails as 1.0, it is tried as 2.0 before the 1.0 error is raised."""
    version = data.get("schema_version")
    if version == "1.0":
        return from_v1(v1.SourceClaims.model_validate(data))
    if version is None and "entities" not in data and "events" not in data:
        try:
            return from_v1(v1.SourceClaims.model_validate(data))
        except ValidationError as as_v1:
            try:
                return SourceClaims.model_validate(data)
            except ValidationError:
                raise as_v1 from None
    return SourceClaims.model_validate(data)


# --- 2.0 -> the reconciler's per-claim view ------------------------------------------------------

_HEDGE_WORDS = (
    "approximately|about|around|roughly|nearly|almost|some|at least|at most|more than|less than|fewer than|"
    "over|under|up to|as many as|as much as|as few as|close to|just over|just under|upwards of|an estimated|"
    "estimated|roughly|circa|some|no fewer than|no more than|well over|more than|just|only|a reported|"
    "a total of|the first|a record"
)
_HEDGE_RE = re.compile(rf"^\s*((?:(?:{_HEDGE_WORDS})\b\s*)+)(?=\S)", re.IGNORECASE)
_WEEKDAY_RE = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.IGNORECASE)
_STATUS_RE = re.compile(
    r"\b(former|ex|late|retired|onetime|one-time|erstwhile|acting|interim|caretaker|incoming|elect|designate)\b",
    re.IGNORECASE,
)
_STATUS_OF_WORD = {
    "former": "former",
    "ex": "former",
    "late": "former",
    "retired": "former",
    "onetime": "former",
    "one-time": "former",
    "erstwhile": "former",
    "acting": "acting",
    "interim": "acting",
    "caretaker": "acting",
    "incoming": "incoming",
    "elect": "incoming",
    "designate": "incoming",
}


def split_hedge(value: str) -> tuple[str | None, str]:
    """'more than $250,000' -> ('more than', '$250,000'); a value without a leading hedge keeps it None."""
    m = _HEDGE_RE.match(value)
    if not m:
        return None, value.strip()
    return " ".join(m.group(1).split()), value[m.end() :].strip()


def _status_of_title(title: str) -> v1.Status:
    m = _STATUS_RE.search(title)
    if not m:
        return "current"
    status: v1.Status = _STATUS_OF_WORD[m.group(1).lower()]  # type: ignore[assignment]
    return status


class _View:
    """One source's inventory, indexed once, and the 1.0 pieces its claims share (built once per id)."""

    def __init__(self, source: SourceClaims) -> None:
        self.entities = {e.id: e for e in source.entities}
        self.events = {e.id: e for e in source.events}
        self._types = Counter(e.type.strip().lower() for e in source.events)
        self._voices: dict[str | None, v1.Attribution] = {}
        self._event_refs: dict[str, tuple[v1.EventRef, v1.Modality]] = {}

    def name(self, ref: str | None) -> str | None:
        entity = self.entities.get(ref) if ref is not None else None
        return entity.name if entity is not None else ref

    def voice(self, said_by: str | None) -> v1.Attribution:
        found = self._voices.get(said_by)
        if found is None:
            entity = self.entities.get(said_by) if said_by is not None else None
            if entity is None:
                found = v1.Attribution.model_construct(source_type="outlet", name=None)
            elif entity.type == "anonymous":
                name = None if entity.name == UNNAMED_SOURCE else entity.name
                found = v1.Attribution.model_construct(source_type="anonymous", name=name)
            elif entity.type == "place":
                found = v1.Attribution.model_construct(source_type="organisation", name=entity.name)
            else:
                found = v1.Attribution.model_construct(source_type=entity.type, name=entity.name)
            self._voices[said_by] = found
        return found

    def event(self, event_id: str | None) -> tuple[v1.EventRef | None, v1.Modality]:
        if event_id is None or event_id not in self.events:
            return None, "happened"
        found = self._event_refs.get(event_id)
        if found is None:
            event = self.events[event_id]
            type_ = event.type
            if event.background or (event.when and self._types[event.type.strip().lower()] > 1):
                type_ = f"{type_} ({event.when or 'background'})"
            names = sorted(self.name(p) or p for p in event.participants)
            found = v1.EventRef.model_construct(type=type_, participants=names), _MODALITY_OF_STATUS[event.status]
            self._event_refs[event_id] = found
        return found


_RELATIVE_DAY = re.compile(r"\d|\b(?:yesterday|today|tomorrow)\b", re.IGNORECASE)


def claim_to_v1(view: _View, grounded: GroundedClaim) -> v1.Claim:
    """One 2.0 claim as the 1.0 claim the reconciler compares; the evidence is the grounded passage.

    Built without validation (``model_construct``): every part comes from a validated 2.0 file, and
    the reconciler converts every claim of every source on every run."""
    claim = grounded.claim
    evidence = grounded.evidence.text
    if isinstance(claim, EventTimeClaim):
        event, modality = view.event(claim.event)
        assert event is not None
        weekday = _WEEKDAY_RE.search(claim.value)
        return v1.EventTimeClaim.model_construct(
            evidence=evidence,
            attribution=view.voice(claim.said_by),
            hedge=None,
            modality=modality,
            kind="event_time",
            event=event,
            date=claim.value if _RELATIVE_DAY.search(claim.value) else None,
            weekday=weekday.group(1).capitalize() if weekday else None,  # type: ignore[arg-type]
            time_of_day=None,
            as_written=claim.value,
        )
    if isinstance(claim, DurationClaim):
        event, modality = view.event(claim.event)
        hedge, amount = split_hedge(claim.value)
        subject = view.name(claim.subject)
        if event is None:  # a standing fact: someone's tenure, a contract's term
            event = v1.EventRef.model_construct(type="term", participants=[subject] if subject else [])
        elif subject:  # one event, several lengths: each runner's time is its own fact
            event = v1.EventRef.model_construct(type=f"{event.type} of {subject}", participants=event.participants)
        return v1.DurationClaim.model_construct(
            evidence=evidence,
            attribution=view.voice(claim.said_by),
            hedge=hedge,
            modality=modality,
            kind="duration",
            event=event,
            amount=amount,
        )
    if isinstance(claim, QuantityClaim):
        event, modality = view.event(claim.event)
        hedge, amount = split_hedge(claim.value)
        subject = view.name(claim.subject)
        return v1.QuantityClaim.model_construct(
            evidence=evidence,
            attribution=view.voice(claim.said_by),
            hedge=hedge,
            modality=modality,
            kind="quantity",
            measure=f"{claim.measure} of {subject}" if subject else claim.measure,
            event=event,
            amount=amount,
            unit=None,
        )
    if isinstance(claim, RoleClaim):
        return v1.RoleClaim.model_construct(
            evidence=evidence,
            attribution=view.voice(None),
            hedge=None,
            modality="ongoing",
            kind="role",
            person=view.name(claim.person) or claim.person,
            title=claim.title,
            organisation=view.name(claim.organisation),
            status=_status_of_title(claim.title),
        )
    if isinstance(claim, QuoteClaim):
        speaker = view.name(claim.speaker)
        # a quotation's voice is its speaker's (an unnamed speaker is an anonymous source)
        voice = v1.Attribution.model_construct(
            source_type="person" if speaker else "anonymous", name=speaker if speaker else None
        )
        return v1.QuoteClaim.model_construct(
            evidence=evidence,
            attribution=voice,
            hedge=None,
            modality="happened",
            kind="quote",
            speaker=speaker,
            text=claim.text,
        )
    if isinstance(claim, MembershipClaim):
        return v1.MembershipClaim.model_construct(
            evidence=evidence,
            attribution=view.voice(claim.said_by),
            hedge=None,
            modality="happened",
            kind="membership",
            group=claim.group,
            members=[view.name(m) or m for m in claim.members],
            completeness=claim.completeness,
        )
    assert isinstance(claim, PropositionClaim)
    return v1.PropositionClaim.model_construct(
        evidence=evidence,
        attribution=view.voice(claim.said_by),
        hedge=None,
        modality=claim.modality,
        kind="proposition",
        subject=view.name(claim.subject) or claim.subject,
        predicate=claim.predicate,
        object=claim.object,
        negated=claim.negated,
    )


def to_v1(source: SourceClaims) -> v1.SourceClaims:
    """A 2.0 source in the per-claim 1.0 view (see the module docstring for what it carries where)."""
    view = _View(source)
    return v1.SourceClaims.model_construct(
        schema_version="1.0",
        source=source.source,
        extractor=source.extractor,
        claims=[
            v1.GroundedClaim.model_construct(
                claim=claim_to_v1(view, g), evidence=g.evidence, match=g.match, score=g.score
            )
            for g in source.claims
        ],
        ungrounded=[],  # never reconciled; the 2.0 source keeps them
    )


def answer_from_claims(text: str, claims: SourceClaims) -> ExtractionAnswer:
    """The answer to prompt ``extract_claims.v2`` that grounds to these claims of ``text`` (one chunk).

    Each claim names the sentence its value (or, without one, its evidence) starts in, by the
    segmentation the prompt numbers; hand-written references become answers a test server can give.
    """
    from checker.segment import sentences

    starts = [start for start, _end in sentences(text)]
    lists: dict[str, list[dict[str, Any]]] = {name: [] for name in KIND_OF_LIST}
    list_of = {kind: name for name, kind in KIND_OF_LIST.items()}
    for grounded in claims.claims:
        at = grounded.value.start if grounded.value is not None else grounded.evidence.start
        sentence = max(1, sum(1 for start in starts if start <= at))
        lists[list_of[grounded.claim.kind]].append(
            {"sentence": sentence, **grounded.claim.model_dump(exclude={"kind"})}
        )
    date_line = claims.date_line.text if claims.date_line is not None else None
    return ExtractionAnswer.model_validate(
        {
            "date_line": date_line,
            "entities": [e.model_dump() for e in claims.entities],
            "events": [e.model_dump() for e in claims.events],
            **lists,
        }
    )
