"""How fast the reconciler is, and how it grows: synthetic claim sets of N sources x M claims.

    python bench/reconcile_scale.py --sources 1000 --claims 50
    python bench/reconcile_scale.py --sweep            # 5, 50, 500, 1000 sources x 50 claims
    python bench/reconcile_scale.py --sources 1000 --claims 50 --profile

The generator is deterministic (one seeded ``random.Random``). It models a cluster of articles
about one news story: a cast of people with titles, a few main events (a phone call, a summit, a
storm, a vote, a strike), and

* agreeing facts that many sources repeat (popularity is Zipf-like: some are in nearly every
  source, some in a few);
* conflicting facts whose sources split between two or three values (different weekdays,
  durations, death tolls, titles, member lists, negations, and misquotes);
* many single-source facts: people, events and quotes that only one article mentions (about half
  of every source's claims).

Claim kinds follow a news-like mix (propositions, roles, quantities and quotes most often). Every
claim's evidence is a sentence of a synthetic article text built for its source, and the span
offsets point into that text (``text[start:end] == evidence``), so the input is exactly what
``checker extract`` would write.

Timing: wall seconds of ``reconcile()`` alone (``time.perf_counter``), median of ``--repeat`` runs.
Memory: ``peak_mib`` is the ``tracemalloc`` peak of the Python allocations made *during* one
extra ``reconcile()`` run (the input already in memory is not counted; tracemalloc slows the run,
so that run is not timed); ``maxrss_mib`` is the whole process's peak resident set
(``resource.getrusage``), input generation and interpreter included.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import hashlib
import io
import json
import math
import pstats
import subprocess
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

from checker.reconcile import reconcile
from checker.schema import SourceClaims
from checker.schema.convert import from_v1
from checker.schema.v1 import ExtractorInfo, GroundedClaim, SourceMeta, Span
from checker.schema.v1 import SourceClaims as SourceClaimsV1

try:
    from bench._common import RESULTS, emit, maxrss_mib, median, table
except ModuleNotFoundError:  # run as a script: python bench/reconcile_scale.py
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench._common import RESULTS, emit, maxrss_mib, median, table

SWEEP_SOURCES = (5, 50, 500, 1000)
SWEEP_CLAIMS = 50
TARGET_SOURCES, TARGET_CLAIMS, TARGET_SECONDS = 1000, 50, 2.0

#: Share of each kind among generated claims (news-like: propositions, roles, quantities, quotes first).
KIND_MIX: dict[str, float] = {
    "event_time": 0.10,
    "duration": 0.06,
    "quantity": 0.18,
    "role": 0.20,
    "quote": 0.14,
    "membership": 0.06,
    "proposition": 0.26,
}
SHARED_SHARE, CONFLICT_SHARE = 0.35, 0.15  # of each source's claims; the rest are single-source
SHARED_POOL, CONFLICT_POOL = 60, 24  # distinct agreeing and conflicting facts in the story

# --- the story: a fictional cast, places and events -----------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


CAST: tuple[tuple[str, str, str | None], ...] = (
    ("Daniel Harrow", "President", "Arland"),
    ("Mira Lindqvist", "Chancellor", "Nordmark"),
    ("Tomas Okafor", "Foreign Minister", "Arland"),
    ("Helena Brandt", "Defence Minister", "Nordmark"),
    ("Samuel Achebe", "National Security Adviser", "Arland"),
    ("Irina Volkova", "Ambassador to Nordmark", "Arland"),
    ("Marco Bellini", "Secretary-General", "the Coastal Alliance"),
    ("Aiko Tanaka", "Spokeswoman", "the Foreign Ministry"),
    ("Peter Novak", "Interior Minister", "Arland"),
    ("Laila Haddad", "Governor", "Varna Province"),
    ("Jonas Berg", "Mayor", "Port Elsby"),
    ("Grace Mwangi", "Director", "the Red Crescent Society"),
    ("Oskar Lund", "Opposition Leader", None),
    ("Rosa Delgado", "Chief Negotiator", "Nordmark"),
    ("Victor Haas", "Central Bank Governor", "Arland"),
    ("Nadia Petrova", "Union Leader", "the Port Workers Union"),
)
ORGANISATIONS = (
    "the Interior Ministry",
    "the Foreign Ministry",
    "the Red Crescent Society",
    "the National Weather Service",
    "the Port Authority",
    "official figures",
    "the Electoral Commission",
)
MAIN_EVENTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("phone call", ("Daniel Harrow", "Mira Lindqvist")),
    ("summit", ("Daniel Harrow", "Mira Lindqvist", "Marco Bellini")),
    ("storm", ("Varna Province",)),
    ("vote", ("National Assembly",)),
    ("strike", ("Port Workers Union",)),
    ("meeting", ("Rosa Delgado", "Tomas Okafor")),
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIMES_OF_DAY = (None, None, "morning", "afternoon", "evening", "night")
DURATIONS = ("90 minutes", "two hours", "45 minutes", "three hours", "one and a half hours", "four days", "a week")
MEASURES = (
    "deaths",
    "injured",
    "displaced people",
    "homes destroyed",
    "arrests",
    "votes in favour",
    "votes against",
    "ships stranded",
    "workers on strike",
    "flights cancelled",
    "schools closed",
    "aid trucks",
    "share of the vote",
    "people evacuated",
    "households without power",
    "rescue workers",
)
UNITS = {"share of the vote": "percent"}
TITLES = (
    "Deputy Mayor",
    "Police Chief",
    "Fire Commissioner",
    "Health Minister",
    "Senior Economist",
    "Hospital Director",
    "Harbour Master",
    "Councillor",
    "Trade Minister",
    "Professor of Economics",
    "Spokesman",
    "Regional Commander",
    "Party Chairman",
    "Chief Executive",
    "Judge",
)
EVENT_TYPES = ("meeting", "protest", "hearing", "briefing", "fire", "flood", "press conference", "inspection", "match")
FIRST_NAMES = _words(
    "Anna Ben Carla Dmitri Elif Farid Greta Hugo Ines Jakub Katya Luis Maya Nils Olga Pavel Quinn Rania Sven "
    "Talia Umar Vera Wim Xenia Yusuf Zofia Ahmed Brigid Chen Dalia Emil Fatima Goran Hana Ivo Jana"
)
SURNAME_PARTS = (
    _words("Al Bar Cor Dal Ek Fen Gor Hal Is Jar Kel Lor Mar Nor Ost Pel Ran Sol Tor Ul Var Wes Yor Zan"),
    _words("a e i o u ar en in or ul"),
    _words("berg son ford ski vic lund dt mann ov ez ra sen wick holm ard"),
)
TOWN_SUFFIXES = ("ton", "by", "dale", "mouth", "field", "port", "stead", "bridge", "wick", "haven")
# Quotes are built from a small grammar, so different quotes share a common phrase now and then
# (as real quotes do) without being fragments of one another.
QUOTE_OPENERS = (
    "We",
    "The families here",
    "The people of the region",
    "Our rescue teams",
    "The workers",
    "Our members",
    "Both sides",
    "The villages",
    "Our partners",
    "The doctors",
    "The teachers",
    "Local farmers",
    "The fishermen",
    "Our engineers",
    "The nurses",
    "The shop owners",
)
QUOTE_VERBS = (
    "will not accept",
    "are ready to discuss",
    "must reject",
    "expect",
    "have asked for",
    "cannot afford",
    "will fight for",
    "need",
    "strongly support",
    "were never told about",
    "will study",
    "deserve",
    "warned against",
    "keep asking for",
    "voted to block",
    "are still waiting for",
    "will never forget",
    "were promised",
    "lost faith in",
    "welcomed",
    "demanded",
    "refused to sign",
    "had hoped for",
    "can live with",
)
QUOTE_OBJECTS = (
    "an agreement that ignores them",
    "a full and independent investigation",
    "help today, not next month",
    "the plan in its current form",
    "a ceasefire before the winter",
    "any deal made behind closed doors",
    "more money for the villages",
    "the truth about what happened",
    "a fair wage and safe ships",
    "a second round of talks",
    "the closure of the port",
    "new elections this year",
    "clean water for every household",
    "a bridge that survives the floods",
    "compensation for the lost boats",
    "an apology from the ministry",
    "the last shipment of grain",
    "twelve more ambulances",
    "a school that stays open",
    "the report on the dam",
    "answers about the missing funds",
    "a curfew after dark",
    "the right to strike",
    "longer opening hours at the clinic",
)
QUOTE_TAILS = (
    "",
    "",
    "and we will say so again tomorrow",
    "whatever the cost",
    "and the numbers prove it",
    "because time is running out",
    "as soon as the roads reopen",
    "before anyone signs anything",
    "and that is not negotiable",
    "for the sake of the children",
    "said nothing to us",
    "if the weather holds",
    "like everyone else",
    "until someone listens",
    "one way or another",
    "this week",
)
MISQUOTE_SWAPS = ("will", "must", "never", "all", "now", "not", "our", "the")
PREDICATES = (
    ("invite", "invited"),
    ("reject", "rejected"),
    ("approve", "approved"),
    ("announce", "announced"),
    ("criticise", "criticised"),
    ("propose", "proposed"),
    ("sign", "signed"),
    ("deny", "denied"),
    ("postpone", "postponed"),
    ("support", "supported"),
    ("fund", "funded"),
    ("visit", "visited"),
    ("close", "closed"),
    ("open", "opened"),
    ("order", "ordered"),
)
OBJECT_NOUNS = (
    "plan",
    "ceasefire",
    "aid package",
    "inquiry",
    "curfew",
    "budget",
    "trade deal",
    "evacuation",
    "state of emergency",
    "peace proposal",
    "road",
    "bridge",
    "hospital",
    "school",
    "tax cut",
)
OBJECT_ADJECTIVES = ("new", "joint", "temporary", "regional", "national", "emergency", "long-delayed", "second", "")
FILLER = (
    "The situation remained tense throughout the day.",
    "Officials did not respond to requests for comment.",
    "Residents gathered outside the town hall.",
    "More details are expected later this week.",
    "The region has faced similar problems before.",
    "Analysts say the coming days will be decisive.",
)


# --- facts -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    """One way a source can state a fact: the claim (evidence included) and its sentence."""

    claim: dict[str, Any]
    sentence: str  # the evidence is exactly this sentence


@dataclass(frozen=True)
class Fact:
    """A fact of the story; several variants means sources disagree about it."""

    kind: str
    variants: tuple[Statement, ...]
    weights: tuple[float, ...]


def _attribution(rng: Random, people: Sequence[str]) -> tuple[dict[str, Any], str]:
    """An attribution and the sentence prefix that carries it."""
    roll = rng.random()
    if roll < 0.6:
        return {"source_type": "outlet", "name": None}, ""
    if roll < 0.8:
        name = rng.choice(people)
        return {"source_type": "person", "name": name}, f"{name} said that "
    if roll < 0.9:
        org = rng.choice(ORGANISATIONS)
        kind = "document" if org == "official figures" else "organisation"
        return {"source_type": kind, "name": org}, f"According to {org}, "
    return {"source_type": "anonymous", "name": None}, "A senior official said that "


def _sentence(prefix: str, body: str) -> str:
    if prefix and body.split(" ", 1)[0] in ("The", "In"):
        body = body[0].lower() + body[1:]
    return f"{prefix}{body}".rstrip(".") + "."


def _base(attribution: dict[str, Any], evidence: str, modality: str = "happened") -> dict[str, Any]:
    return {"evidence": evidence, "attribution": attribution, "hedge": None, "modality": modality}


def _event(kind: str, participants: Sequence[str]) -> dict[str, Any]:
    return {"type": kind, "participants": sorted(participants)}


def _fact_key(fact: Fact) -> tuple[str, ...]:
    """Roughly what the reconciler aligns a fact on (kind plus event, measure, person, group or subject)."""
    claim = fact.variants[0].claim
    event = claim.get("event") or {}
    parts = {
        "event_time": (event.get("type", ""),),
        "duration": (event.get("type", ""),),
        "quantity": (claim.get("measure", ""), event.get("type", "")),
        "role": (claim.get("person", ""),),
        "quote": (claim.get("speaker") or "", claim.get("text", "")),
        "membership": (claim.get("group", ""),),
        "proposition": (claim.get("subject", ""), claim.get("predicate", ""), claim.get("object") or ""),
    }[fact.kind]
    return (fact.kind, *parts)


class StoryGenerator:
    """Deterministic claim sets for one seeded story."""

    def __init__(self, seed: int) -> None:
        self.rng = Random(seed)
        self.seed = seed
        self.cast_names = [name for name, _, _ in CAST]
        self.used_names: set[str] = set(self.cast_names)
        self.fact_keys: set[tuple[str, ...]] = set()
        self.shared = [self._story_fact(variants=1) for _ in range(SHARED_POOL)]
        self.conflicts = [self._story_fact(variants=self.rng.choice((2, 2, 3))) for _ in range(CONFLICT_POOL)]
        self.shared_popularity = [1.0 / (rank + 1) ** 0.8 for rank in range(SHARED_POOL)]
        self.conflict_popularity = [1.0 / (rank + 1) ** 0.6 for rank in range(CONFLICT_POOL)]

    # names ---------------------------------------------------------------------------
    def _kind(self) -> str:
        return self.rng.choices(list(KIND_MIX), weights=list(KIND_MIX.values()))[0]

    def new_person(self) -> str:
        """A full name nobody else in the story has (bounded retries, then a numbered suffix)."""
        for _ in range(50):
            surname = "".join(self.rng.choice(part) for part in SURNAME_PARTS)
            name = f"{self.rng.choice(FIRST_NAMES)} {surname}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAME_PARTS[0])}{len(self.used_names)}"
        self.used_names.add(name)
        return name

    def new_town(self) -> str:
        return self.rng.choice(SURNAME_PARTS[0]) + self.rng.choice(SURNAME_PARTS[1]) + self.rng.choice(TOWN_SUFFIXES)

    def _quote_text(self, local: bool) -> str:
        """A quote; a single-source one names its own place, so unrelated quotes do not collide by chance."""
        rng = self.rng
        parts = [rng.choice(QUOTE_OPENERS), rng.choice(QUOTE_VERBS), rng.choice(QUOTE_OBJECTS)]
        if local:
            parts.append(f"in {self.new_town()}")
        parts.append(rng.choice(QUOTE_TAILS))
        return " ".join(p for p in parts if p)

    # facts ---------------------------------------------------------------------------
    def _story_fact(self, variants: int) -> Fact:
        """A fact of the main story whose key no other story fact has (so a source cannot state one
        fact twice with different values by accident: internal conflicts come from the data, not the pools)."""
        fact = self._fact(self._kind(), variants)
        for _ in range(100):
            key = _fact_key(fact)
            if key not in self.fact_keys:
                break
            fact = self._fact(self._kind(), variants)
        self.fact_keys.add(_fact_key(fact))
        return fact

    def _fact(self, kind: str, variants: int, local: bool = False) -> Fact:
        """A fact of ``kind`` about the main story (shared) or about a new person/event (local)."""
        rng = self.rng
        speakers = self.cast_names if not local or rng.random() < 0.4 else [self.new_person()]
        attribution, prefix = _attribution(rng, speakers)
        make: Callable[[int], Statement]
        if kind in ("event_time", "duration"):
            if local:
                participants = [self.new_person() if rng.random() < 0.7 else self.new_town() for _ in range(2)]
                if rng.random() < 0.3:
                    participants[0] = rng.choice(self.cast_names)
                event = _event(rng.choice(EVENT_TYPES), participants)
            else:
                event_type, people = rng.choice(MAIN_EVENTS)
                event = _event(event_type, people)
            names = event["participants"]
            who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
            days = rng.sample(WEEKDAYS, variants)
            tod = rng.choice(TIMES_OF_DAY)
            amounts = rng.sample(DURATIONS, variants)

            def make(v: int) -> Statement:
                if kind == "event_time":
                    written = f"on {days[v]}" + (f" {tod}" if tod else "")
                    sentence = _sentence(prefix, f"The {event['type']} involving {who} took place {written}")
                    claim = {
                        **_base(attribution, sentence),
                        "kind": "event_time",
                        "event": event,
                        "date": None,
                        "weekday": days[v],
                        "time_of_day": tod,
                        "as_written": written,
                    }
                else:
                    sentence = _sentence(prefix, f"The {event['type']} involving {who} lasted {amounts[v]}")
                    claim = {**_base(attribution, sentence), "kind": "duration", "event": event, "amount": amounts[v]}
                return Statement(claim, sentence)

        elif kind == "quantity":
            measure = rng.choice(MEASURES)
            if local:
                event = _event(rng.choice(EVENT_TYPES), [self.new_town()])
            else:
                event_type, people = rng.choice(MAIN_EVENTS[2:5])
                event = _event(event_type, people)
            unit = UNITS.get(measure)
            base_value = rng.choice((3, 7, 12, 27, 48, 150, 320, 1200, 4500))
            values = [base_value, *(base_value + rng.randint(2, 9) * (k + 1) for k in range(variants - 1))]
            hedge = rng.choice((None, None, None, "at least", "about", "more than"))

            def make(v: int) -> Statement:
                amount = f"{values[v]:,}"
                phrase = f"{hedge} {amount}" if hedge else amount
                what = f"the number of {measure} was put at {phrase}"
                if unit:
                    what = f"{measure} stood at {phrase} percent"
                sentence = _sentence(prefix, f"In the {event['type']} in {event['participants'][0]}, {what}")
                claim = {
                    **_base(attribution, sentence),
                    "hedge": hedge,
                    "kind": "quantity",
                    "measure": measure,
                    "event": event,
                    "amount": amount,
                    "unit": unit,
                }
                return Statement(claim, sentence)

        elif kind == "role":
            organisation: str | None
            if local:
                person, title, organisation = self.new_person(), rng.choice(TITLES), self.new_town()
            else:
                person, title, organisation = rng.choice(CAST)
            titles = [title, *rng.sample([t for t in TITLES if t != title], variants - 1)]
            status = rng.choice(("current", "current", "unspecified", "former"))

            def make(v: int) -> Statement:
                former = "Former " if status == "former" else ""
                evidence = f"{former}{titles[v]} {person}"
                sentence = f"{evidence} spoke to reporters on the way out."
                claim = {
                    **_base({"source_type": "outlet", "name": None}, evidence),
                    "kind": "role",
                    "person": person,
                    "title": f"{former}{titles[v]}",
                    "organisation": organisation,
                    "status": status,
                }
                return Statement(claim, sentence)

        elif kind == "quote":
            speaker = rng.choice(self.cast_names) if not local or rng.random() < 0.3 else self.new_person()
            text = self._quote_text(local)
            words = text.split()
            quotes = [text]
            for _ in range(variants - 1):  # a misquote: one word swapped or dropped
                changed = list(words)
                spot = rng.randrange(1, len(changed))
                if rng.random() < 0.5:
                    del changed[spot]
                else:
                    changed[spot] = rng.choice(MISQUOTE_SWAPS)
                quotes.append(" ".join(changed))

            def make(v: int) -> Statement:
                sentence = f"“{quotes[v]},” {speaker} said."
                claim = {
                    **_base({"source_type": "person", "name": speaker}, sentence),
                    "kind": "quote",
                    "speaker": speaker,
                    "text": quotes[v],
                }
                return Statement(claim, sentence)

        elif kind == "membership":
            if local:
                group = f"board of the {self.new_town()} {rng.choice(('hospital', 'port', 'school', 'council'))}"
                pool = [self.new_person() for _ in range(5)]
            else:
                group = rng.choice(("negotiating team", "delegation to the summit", "crisis committee"))
                pool = list(self.cast_names)
            lists = [sorted(rng.sample(pool, rng.randint(2, 4)), key=pool.index) for _ in range(variants)]
            completeness = rng.choice(("partial", "complete", "unspecified"))

            def make(v: int) -> Statement:
                members = lists[v]
                listed = ", ".join(members[:-1]) + f" and {members[-1]}"
                lead = "includes" if completeness == "partial" else "is made up of"
                sentence = _sentence(prefix, f"The {group} {lead} {listed}")
                claim = {
                    **_base(attribution, sentence),
                    "kind": "membership",
                    "group": group,
                    "members": members,
                    "completeness": completeness,
                }
                return Statement(claim, sentence)

        else:  # proposition
            subject = rng.choice(self.cast_names) if not local or rng.random() < 0.4 else self.new_person()
            base, past = rng.choice(PREDICATES)
            adjective = rng.choice(OBJECT_ADJECTIVES)
            obj = " ".join(w for w in (adjective, rng.choice(OBJECT_NOUNS)) if w)
            if local:
                obj = f"{obj} for {self.new_town()}"
            planned = rng.random() < 0.25

            def make(v: int) -> Statement:
                negated = v % 2 == 1
                if planned:
                    verb = f"will not {base}" if negated else f"will {base}"
                else:
                    verb = f"did not {base}" if negated else past
                sentence = _sentence(prefix, f"{subject} {verb} the {obj}")
                claim = {
                    **_base(attribution, sentence, "planned" if planned else "happened"),
                    "kind": "proposition",
                    "subject": subject,
                    "predicate": base,
                    "object": obj,
                    "negated": negated,
                }
                return Statement(claim, sentence)

            variants = min(variants, 2)

        statements = tuple(make(v) for v in range(variants))
        weights = (0.7, *([0.3 / (variants - 1)] * (variants - 1))) if variants > 1 else (1.0,)
        return Fact(kind, statements, weights)

    # sources -------------------------------------------------------------------------
    def _pick(self, pool: Sequence[Fact], popularity: Sequence[float], k: int) -> list[Fact]:
        """Weighted sample without replacement (Efraimidis-Spirakis keys)."""
        keyed = sorted(range(len(pool)), key=lambda i: self.rng.random() ** (1.0 / popularity[i]), reverse=True)
        return [pool[i] for i in keyed[:k]]

    def source(self, index: int, claims: int) -> SourceClaimsV1:
        """One synthetic article's grounded claims."""
        rng = self.rng
        n_shared = min(SHARED_POOL, round(claims * SHARED_SHARE))
        n_conflict = min(CONFLICT_POOL, round(claims * CONFLICT_SHARE))
        statements: list[Statement] = []
        for fact in self._pick(self.shared, self.shared_popularity, n_shared):
            statements.append(fact.variants[0])
        for fact in self._pick(self.conflicts, self.conflict_popularity, n_conflict):
            statements.append(rng.choices(fact.variants, weights=fact.weights)[0])
        while len(statements) < claims:
            statements.append(self._fact(self._kind(), variants=1, local=True).variants[0])
        statements = statements[:claims]
        rng.shuffle(statements)

        parts: list[str] = [f"Synthetic report {index}: the crisis in Arland and Nordmark\n\n"]
        offset = len(parts[0])
        spans: list[tuple[int, int]] = []
        for n, statement in enumerate(statements):
            if rng.random() < 0.2:
                filler = rng.choice(FILLER) + " "
                parts.append(filler)
                offset += len(filler)
            evidence = statement.claim["evidence"]
            start = offset + statement.sentence.index(evidence)
            spans.append((start, start + len(evidence)))
            separator = "\n\n" if n % 3 == 2 else " "
            parts.append(statement.sentence + separator)
            offset += len(statement.sentence) + len(separator)
        text = "".join(parts)
        grounded = [
            GroundedClaim.model_validate(
                {
                    "claim": s.claim,
                    "evidence": Span(text=text[start:end], start=start, end=end),
                    "match": "exact",
                    "score": 100.0,
                }
            )
            for s, (start, end) in zip(statements, spans, strict=True)
        ]
        assert all(g.evidence.text == g.claim.evidence for g in grounded), "offsets must point at the evidence"
        published = dt.date(2026, 11, 18) + dt.timedelta(days=rng.randint(0, 2))
        return SourceClaimsV1(
            source=SourceMeta(
                name=f"synthetic_{index:05d}.txt",
                sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
                outlet=f"Outlet {index % 97}",
                published=published,
            ),
            extractor=ExtractorInfo(kind="external", note=f"bench/reconcile_scale.py seed {self.seed}"),
            claims=grounded,
        )


def generate(sources: int, claims: int, seed: int = 0) -> list[SourceClaims]:
    """``sources`` synthetic claim sets of ``claims`` claims each; the same arguments give the same sets.

    Written in the 1.0 form (a claim per sentence is easiest to generate that way) and converted
    to 2.0 before anything is timed: the reconciler is timed on what ``checker extract`` writes."""
    generator = StoryGenerator(seed)
    return [from_v1(generator.source(i, claims)) for i in range(sources)]


# --- measuring ------------------------------------------------------------------------------


def measure(sets: Sequence[SourceClaims], repeat: int) -> dict[str, Any]:
    """Median wall time of ``reconcile`` over ``repeat`` runs, then one traced run for the memory peak."""
    runs: list[float] = []
    findings = 0
    verdicts: Counter[str] = Counter()
    for _ in range(max(1, repeat)):
        started = time.perf_counter()
        report = reconcile(sets)
        runs.append(time.perf_counter() - started)
        findings = len(report.findings)
        verdicts = Counter(f.verdict for f in report.findings)
        del report
    tracemalloc.start()
    tracemalloc.reset_peak()
    reconcile(sets)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "seconds": round(median(runs), 4),
        "seconds_min": round(min(runs), 4),
        "seconds_max": round(max(runs), 4),
        "runs": [round(r, 4) for r in runs],
        "peak_mib": round(peak / 2**20, 2),
        "findings": findings,
        "verdicts": dict(sorted(verdicts.items())),
    }


def profile(sets: Sequence[SourceClaims], top: int = 20) -> tuple[str, list[dict[str, Any]]]:
    """cProfile one ``reconcile`` run; the top functions by own time, as text and as rows."""
    profiler = cProfile.Profile()
    profiler.enable()
    reconcile(sets)
    profiler.disable()
    RESULTS.mkdir(parents=True, exist_ok=True)
    profiler.dump_stats(str(RESULTS / "reconcile_scale.prof"))
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)
    rows: list[dict[str, Any]] = []
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, line, func), (_cc, calls, tottime, cumtime, _callers) in sorted(
        raw.items(), key=lambda kv: kv[1][2], reverse=True
    )[:top]:
        rows.append(
            {
                "function": f"{Path(filename).name}:{line}({func})",
                "calls": calls,
                "tottime": round(tottime, 3),
                "cumtime": round(cumtime, 3),
            }
        )
    return stream.getvalue(), rows


def run_one(sources: int, claims: int, seed: int, repeat: int, with_profile: bool) -> dict[str, Any]:
    started = time.perf_counter()
    sets = generate(sources, claims, seed)
    generated = time.perf_counter() - started
    kinds = Counter(g.claim.kind for s in sets for g in s.claims)
    result: dict[str, Any] = {
        "sources": sources,
        "claims_per_source": claims,
        "total_claims": sources * claims,
        "seed": seed,
        "repeat": repeat,
        "generate_seconds": round(generated, 3),
        "kinds": dict(sorted(kinds.items())),
        **measure(sets, repeat),
    }
    result["us_per_claim"] = round(result["seconds"] / max(1, sources * claims) * 1e6, 2)
    result["maxrss_mib"] = round(maxrss_mib(), 1)
    if sources == TARGET_SOURCES and claims == TARGET_CLAIMS:
        result["target_seconds"] = TARGET_SECONDS
        result["target_met"] = result["seconds"] < TARGET_SECONDS
    if with_profile:
        text, rows = profile(sets)
        result["profile_top"] = rows
        print(text)
    return result


def sweep(seed: int, repeat: int, sizes: Sequence[int], claims: int) -> dict[str, Any]:
    """Each size in a fresh interpreter (so ``maxrss_mib`` is per size), then the growth table."""
    rows: list[dict[str, Any]] = []
    for n in sizes:
        command = [sys.executable, str(Path(__file__).resolve()), "--sources", str(n), "--claims", str(claims)]
        command += ["--seed", str(seed), "--repeat", str(repeat)]
        done = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
        if done.returncode != 0:
            raise SystemExit(f"size {n} failed:\n{done.stderr[-2000:]}")
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    growth: list[dict[str, Any]] = []
    for previous, current in zip([None, *rows[:-1]], rows, strict=True):
        exponent = None
        if previous is not None and previous["seconds"] > 0:
            exponent = math.log(current["seconds"] / previous["seconds"]) / math.log(
                current["total_claims"] / previous["total_claims"]
            )
        growth.append(
            {
                "sources": current["sources"],
                "total_claims": current["total_claims"],
                "seconds": current["seconds"],
                "us_per_claim": current["us_per_claim"],
                "per_claim_vs_smallest": round(current["us_per_claim"] / rows[0]["us_per_claim"], 2),
                "exponent_vs_previous": None if exponent is None else round(exponent, 2),
                "peak_mib": current["peak_mib"],
                "maxrss_mib": current["maxrss_mib"],
                "findings": current["findings"],
            }
        )
    return {"claims_per_source": claims, "seed": seed, "repeat": repeat, "sizes": growth, "runs": rows}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sources", type=int, default=TARGET_SOURCES, help="number of sources (default 1000)")
    parser.add_argument("--claims", type=int, default=TARGET_CLAIMS, help="claims per source (default 50)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs; the median is reported (default 5)")
    parser.add_argument("--sweep", action="store_true", help="run 5, 50, 500, 1000 sources x --claims")
    parser.add_argument("--profile", action="store_true", help="also cProfile one run and print the hot spots")
    args = parser.parse_args(argv)
    if args.sources < 1 or args.claims < 1:
        parser.error("--sources and --claims must be at least 1")

    if args.sweep:
        result = sweep(args.seed, args.repeat, SWEEP_SOURCES, args.claims)
        print(
            table(
                [
                    "sources",
                    "claims",
                    "seconds",
                    "µs/claim",
                    "per-claim x smallest",
                    "exponent",
                    "peak MiB",
                    "maxrss MiB",
                    "findings",
                ],
                [
                    [
                        r["sources"],
                        r["total_claims"],
                        r["seconds"],
                        r["us_per_claim"],
                        r["per_claim_vs_smallest"],
                        "-" if r["exponent_vs_previous"] is None else r["exponent_vs_previous"],
                        r["peak_mib"],
                        r["maxrss_mib"],
                        r["findings"],
                    ]
                    for r in result["sizes"]
                ],
            )
        )
        print("exponent: log(t2/t1) / log(n2/n1) against the previous size; 1 is linear, 2 is quadratic.")
        last = result["sizes"][-1]
        if last["sources"] == TARGET_SOURCES and args.claims == TARGET_CLAIMS:
            result["target_seconds"] = TARGET_SECONDS
            result["target_met"] = last["seconds"] < TARGET_SECONDS
            print(f"target {TARGET_SOURCES} x {TARGET_CLAIMS} < {TARGET_SECONDS} s: {result['target_met']}")
        emit("reconcile_scale_sweep", result)
        return 0

    result = run_one(args.sources, args.claims, args.seed, args.repeat, args.profile)
    print(
        table(
            ["sources", "claims/source", "claims", "median s", "min s", "max s", "µs/claim", "peak MiB", "findings"],
            [
                [
                    result["sources"],
                    result["claims_per_source"],
                    result["total_claims"],
                    result["seconds"],
                    result["seconds_min"],
                    result["seconds_max"],
                    result["us_per_claim"],
                    result["peak_mib"],
                    result["findings"],
                ]
            ],
        )
    )
    print("verdicts: " + ", ".join(f"{k} {v}" for k, v in result["verdicts"].items()))
    print(f"kinds: {', '.join(f'{k} {v}' for k, v in result['kinds'].items())}")
    if "target_met" in result:
        print(f"target {TARGET_SOURCES} x {TARGET_CLAIMS} < {TARGET_SECONDS} s: {result['target_met']}")
    emit(f"reconcile_scale_{args.sources}x{args.claims}", result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
