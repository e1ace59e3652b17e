"""Reconciler rules on small hand-made stories of different kinds, with planted conflicts and traps.

Each case is a story (a few sources) plus the findings it must produce and the
ones it must not; the stories are deliberately not about the seed event, so a
rule that only works for the seeds fails here.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from reconcile_cases.builders import Article, by, count, ev, lasted, members, prop, quote, role, when

from checker.reconcile import reconcile
from checker.report import Finding, Report
from checker.schema.v1 import SourceClaims

CONFLICTS = {"conflict", "internal_conflict", "misquote", "attribution_conflict"}


@dataclass(frozen=True)
class Want:
    """A finding that must appear: verdict, kind, exactly these sources, optional fact substring / speaker."""

    verdict: str
    kind: str
    sources: frozenset[str]
    fact: str = ""
    attributed_to: str | bool | None = False  # False: don't check
    severity: str | None = None

    def matches(self, f: Finding) -> bool:
        return (
            f.verdict == self.verdict
            and f.kind == self.kind
            and {v.source for v in f.values} == self.sources
            and self.fact.lower() in f.fact.lower()
            and (self.attributed_to is False or f.attributed_to == self.attributed_to)
            and (self.severity is None or f.severity == self.severity)
        )


@dataclass(frozen=True)
class Never:
    """No conflict-like finding of this kind may involve all these sources (and mention the fact text)."""

    kind: str
    sources: frozenset[str]
    fact: str = ""
    verdicts: frozenset[str] = frozenset(CONFLICTS)

    def violated_by(self, f: Finding) -> bool:
        return (
            f.verdict in self.verdicts
            and f.kind == self.kind
            and self.sources <= {v.source for v in f.values}
            and self.fact.lower() in f.fact.lower()
        )


def W(verdict: str, kind: str, *sources: str, **kw: object) -> Want:
    return Want(verdict, kind, frozenset(sources), **kw)  # type: ignore[arg-type]


def N(kind: str, *sources: str, **kw: object) -> Never:
    return Never(kind, frozenset(sources), **kw)  # type: ignore[arg-type]


@dataclass
class Case:
    name: str
    build: Callable[[], list[SourceClaims]]
    wants: list[Want] = field(default_factory=list)
    nevers: list[Never] = field(default_factory=list)


# --- stories -------------------------------------------------------------------------------------------

TRIAL = ev("trial", "Maria Lopez")
DELIB = ev("deliberation", "jury")


def court_case() -> list[SourceClaims]:
    a = Article("court_a.txt", dt.date(2024, 5, 10))
    a.add("Judge Alan Park sentenced Maria Lopez to 12 years.", role("Judge Alan Park", "Alan Park", "Judge"))
    a.add("The jury deliberated for three days.", lasted("deliberated for three days", DELIB, "three days"))
    a.add(
        "Defence lawyer Tom Reyes said: “My client is not guilty of these charges.”",
        quote("My client is not guilty of these charges.", "Tom Reyes", "My client is not guilty of these charges."),
    )
    a.add(
        "The three jurors named were Ann Bell, Carl Diaz and Eve Fox.",
        members("Ann Bell, Carl Diaz and Eve Fox", "jurors named", ["Ann Bell", "Carl Diaz", "Eve Fox"], "complete"),
    )
    a.add("The verdict came on Thursday.", when("on Thursday", TRIAL, weekday="Thursday"))
    b = Article("court_b.txt", dt.date(2024, 5, 10))
    b.add("Park, a judge since 2009, read the sentence.", role("a judge", "Alan Park", "Judge"))
    b.add("Judge Alan Park presided.", role("Judge Alan Park", "Alan Park", "Judge"))
    b.add(
        "Jurors deliberated for about two days.",
        lasted("deliberated for about two days", ev("deliberation", "jury"), "two days", hedge="about"),
    )
    b.add(
        "Reyes told reporters: “My client is guilty of these charges.”",
        quote("My client is guilty of these charges.", "Tom Reyes", "My client is guilty of these charges."),
    )
    b.add(
        "The jurors named were Ann Bell, Carl Diaz and Gil Hart.",
        members("Ann Bell, Carl Diaz and Gil Hart", "jurors named", ["Ann Bell", "Carl Diaz", "Gil Hart"], "complete"),
    )
    b.add("Reyes said: “Not guilty.”", quote("Not guilty.", "Tom Reyes", "Not guilty."))
    b.add(
        "Lopez will appeal on Monday, her lawyer said.",
        when("on Monday", ev("appeal", "Maria Lopez"), weekday="Monday", modality="planned"),
    )
    b.add("The verdict was read on Thursday.", when("on Thursday", TRIAL, weekday="Thursday"))
    return [a.build(), b.build()]


MATCH = ev("match", "Rovers", "United")


def sports_match() -> list[SourceClaims]:
    a = Article("match_a.txt", dt.date(2024, 3, 4))
    a.add("Rovers scored three goals on Saturday.", count("three goals", "goals", "three", event=MATCH))
    a.add("The match was played on Saturday.", when("on Saturday", MATCH, weekday="Saturday"))
    a.add(
        "More than 40,000 fans watched.",
        count("More than 40,000", "spectators", "40,000", hedge="More than", event=MATCH),
    )
    a.add(
        "Coach Sam Smith said: “We were simply outplayed today by a better side.”",
        quote(
            "We were simply outplayed today by a better side.",
            "Sam Smith",
            "We were simply outplayed today by a better side.",
        ),
    )
    a.add(
        "The teams meet again on Friday.",
        when("on Friday", MATCH, weekday="Friday", modality="planned"),
    )
    b = Article("match_b.txt", dt.date(2024, 3, 4))
    b.add("Rovers netted 2 goals.", count("2 goals", "goals", "2", event=ev("match", "Rovers", "United")))
    b.add("A crowd of 42,500 saw the game on Saturday.", count("42,500", "spectators", "42,500", event=MATCH))
    b.add("It was Saturday's match.", when("Saturday", MATCH, weekday="Saturday"))
    b.add(
        "Captain Joe Jones said: “We were simply outplayed today by a better side.”",
        quote(
            "We were simply outplayed today by a better side.",
            "Joe Jones",
            "We were simply outplayed today by a better side.",
        ),
    )
    return [a.build(), b.build()]


STORM = ev("storm", "Florida")


def storm() -> list[SourceClaims]:
    a = Article("storm_a.txt", dt.date(2023, 9, 1))
    a.add("The storm killed at least 12 people.", count("at least 12", "deaths", "12", hedge="at least", event=STORM))
    a.add("Thousands were displaced.", count("Thousands", "displaced people", "thousands", event=STORM))
    a.add("It raged for six hours.", lasted("for six hours", STORM, "six hours"))
    a.add(
        "Governor Ron Vale said hundreds died.",
        count("hundreds died", "deaths", "hundreds", event=STORM, attribution=by("Ron Vale")),
        role("Governor Ron Vale", "Ron Vale", "Governor"),
    )
    b = Article("storm_b.txt", dt.date(2023, 9, 2))
    b.add(
        "Police said 27 people died.",
        count("27 people died", "deaths", "27", event=STORM, attribution=by("police", "organisation")),
    )
    b.add("The lengthy storm flattened homes.", lasted("lengthy storm", STORM, "lengthy"))
    b.add("Gov. Vale visited shelters.", role("Gov. Vale", "Vale", "Governor"))
    c = Article("storm_c.txt")
    c.add("Nine people were killed in the storm.", count("Nine people were killed", "deaths", "nine", event=STORM))
    c.add("Millions lost power.", count("Millions lost power", "people without power", "millions", event=STORM))
    return [a.build(), b.build(), c.build()]


LAYOFFS = ev("layoffs", "Acme Corp")


def layoffs() -> list[SourceClaims]:
    a = Article("jobs_a.txt", dt.date(2024, 1, 15))
    a.add("Acme cut 1,200 jobs.", count("1,200 jobs", "jobs cut", "1,200", event=LAYOFFS))
    a.add(
        "It will cut 500 more next year.",
        count("500 more", "jobs cut", "500", event=LAYOFFS, modality="planned"),
    )
    a.add(
        "Chief executive Dana Cole said: “This was the hardest decision of my career.”",
        quote(
            "This was the hardest decision of my career.", "Dana Cole", "This was the hardest decision of my career."
        ),
        role("Chief executive Dana Cole", "Dana Cole", "Chief executive"),
    )
    a.add(
        "Board members include Ivy Ng and Raj Rao.",
        members("include Ivy Ng and Raj Rao", "board", ["Ivy Ng", "Raj Rao"], "partial"),
    )
    b = Article("jobs_b.txt", dt.date(2024, 1, 16))
    b.add(
        "About 1,200 workers lost their jobs.", count("About 1,200", "jobs cut", "1,200", hedge="About", event=LAYOFFS)
    )
    b.add(
        "Acme employs about 9,000 people.",
        count("about 9,000 people", "employees", "9,000", hedge="about", event=LAYOFFS),
    )
    b.add(
        "Cole called it “the hardest decision of my career.”",
        quote("the hardest decision of my career.", "Dana Cole", "the hardest decision of my career."),
    )
    b.add(
        "The board, which includes Raj Rao and Lee Wu, approved.",
        members("includes Raj Rao and Lee Wu", "board of directors", ["Raj Rao", "Lee Wu"], "partial"),
    )
    b.add("Dana Cole, chief executive, spoke.", role("Dana Cole, chief executive", "Dana Cole", "chief executive"))
    return [a.build(), b.build()]


ELECTION = ev("election", "Springfield")


def election() -> list[SourceClaims]:
    a = Article("vote_a.txt", dt.date(2022, 11, 9))
    a.add("Turnout was 61%.", count("61%", "turnout", "61%", event=ELECTION))
    a.add("Garcia won the election.", prop("Garcia won the election", "Ana Garcia", "win", "the election"))
    a.add(
        "The two candidates were Ana Garcia and Ben Holt.",
        members("Ana Garcia and Ben Holt", "candidates", ["Ana Garcia", "Ben Holt"], "complete"),
    )
    a.add("Mayor Ana Garcia thanked voters.", role("Mayor Ana Garcia", "Ana Garcia", "Mayor"))
    b = Article("vote_b.txt", dt.date(2022, 11, 9))
    b.add("Turnout reached 58%.", count("58%", "turnout", "58%", event=ELECTION))
    b.add(
        "Ana Garcia did not win the election.",
        prop("Ana Garcia did not win the election", "Ana Garcia", "win", "the election", negated=True),
    )
    b.add(
        "The candidates were Ana Garcia, Ben Holt and Cy Ito.",
        members("Ana Garcia, Ben Holt and Cy Ito", "candidates", ["Ana Garcia", "Ben Holt", "Cy Ito"], "complete"),
    )
    b.add(
        "Former Mayor Ana Garcia conceded.",
        role("Former Mayor Ana Garcia", "Ana Garcia", "Former Mayor", status="former"),
    )
    return [a.build(), b.build()]


CALL = ev("phone call", "Anna Berg", "Karl Moe")


def diplomacy() -> list[SourceClaims]:
    a = Article("dip_a.txt", dt.date(2025, 2, 13))
    a.add(
        "Berg would contact Lars Holm to inform him.",
        prop("would contact Lars Holm", "Anna Berg", "contact", "Lars Holm", modality="planned"),
    )
    a.add("The call lasted 90 minutes.", lasted("lasted 90 minutes", CALL, "90 minutes"))
    a.add(
        "National Security Advisor Eva Lind joined.",
        role("National Security Advisor Eva Lind", "Eva Lind", "National Security Advisor"),
    )
    a.add("Prime Minister Karl Moe spoke on Wednesday.", when("on Wednesday", CALL, weekday="Wednesday"))
    b = Article("dip_b.txt", dt.date(2025, 2, 13))
    b.add(
        "Berg communicated with Holm afterwards.",
        prop("communicated with Holm", "Berg", "communicate with", "Lars Holm"),
    )
    b.add(
        "The talks lasted an hour and a half.",
        lasted("lasted an hour and a half", ev("talks", "Berg", "Moe"), "an hour and a half"),
    )
    b.add(
        "National Security Adviser Eva Lind listened.",
        role("National Security Adviser Eva Lind", "Eva Lind", "National Security Adviser"),
    )
    b.add("The call took place on Feb. 12.", when("on Feb. 12", CALL, date="2025-02-12"))
    return [a.build(), b.build()]


CASES = [
    Case(
        "court case",
        court_case,
        wants=[
            W("conflict", "duration", "court_a.txt", "court_b.txt", fact="deliberation"),
            W("misquote", "quote", "court_a.txt", "court_b.txt", severity="high"),
            W("conflict", "membership", "court_a.txt", "court_b.txt"),
            W("agree", "role", "court_a.txt", "court_b.txt", fact="Alan Park"),
            W("agree", "event_time", "court_a.txt", "court_b.txt", fact="trial"),
            W("single_source", "event_time", "court_b.txt", fact="appeal"),
        ],
        nevers=[N("event_time", "court_a.txt", "court_b.txt", fact="appeal")],
    ),
    Case(
        "sports match",
        sports_match,
        wants=[
            W("conflict", "quantity", "match_a.txt", "match_b.txt", fact="goals"),
            W("agree", "quantity", "match_a.txt", "match_b.txt", fact="spectators"),
            W("attribution_conflict", "quote", "match_a.txt", "match_b.txt"),
            W("agree", "event_time", "match_a.txt", "match_b.txt"),
            W("single_source", "event_time", "match_a.txt", fact="planned"),
        ],
        nevers=[N("event_time", "match_a.txt", "match_b.txt", fact="planned")],
    ),
    Case(
        "storm",
        storm,
        wants=[
            # one fact whoever gives the figure: the governor's and the police's figures meet the outlets'
            W(
                "conflict",
                "quantity",
                "storm_a.txt",
                "storm_b.txt",
                "storm_c.txt",
                fact="deaths",
                attributed_to="Ron Vale, police",
            ),
            W("agree", "duration", "storm_a.txt", "storm_b.txt"),
            W("agree", "role", "storm_a.txt", "storm_b.txt", fact="Ron Vale"),
        ],
        nevers=[
            N("duration", "storm_a.txt", "storm_b.txt"),
            N("quantity", "storm_c.txt", fact="displaced"),
            N("quantity", "storm_a.txt", fact="displaced"),
        ],
    ),
    Case(
        "company layoffs",
        layoffs,
        wants=[
            W("agree", "quantity", "jobs_a.txt", "jobs_b.txt", fact="jobs cut"),
            W("single_source", "quantity", "jobs_a.txt", fact="jobs cut"),
            W("agree", "quote", "jobs_a.txt", "jobs_b.txt"),
            W("complementary", "membership", "jobs_a.txt", "jobs_b.txt"),
            W("agree", "role", "jobs_a.txt", "jobs_b.txt"),
        ],
        nevers=[N("quantity", "jobs_a.txt", "jobs_b.txt"), N("quote", "jobs_a.txt", "jobs_b.txt")],
    ),
    Case(
        "election",
        election,
        wants=[
            W("conflict", "quantity", "vote_a.txt", "vote_b.txt", fact="turnout"),
            W("conflict", "proposition", "vote_a.txt", "vote_b.txt"),
            W("conflict", "membership", "vote_a.txt", "vote_b.txt"),
            W("conflict", "role", "vote_a.txt", "vote_b.txt", fact="Ana Garcia"),
        ],
    ),
    Case(
        "diplomacy",
        diplomacy,
        wants=[
            W("agree", "duration", "dip_a.txt", "dip_b.txt"),
            W("agree", "role", "dip_a.txt", "dip_b.txt", fact="Eva Lind"),
            W("agree", "event_time", "dip_a.txt", "dip_b.txt"),
        ],
        nevers=[N("proposition", "dip_a.txt", "dip_b.txt"), N("role", "dip_a.txt", "dip_b.txt")],
    ),
]


def _describe(report: Report) -> str:
    return "\n".join(f"{f.verdict:20} {f.kind:12} {f.fact} {[v.source for v in f.values]}" for f in report.findings)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_story(case: Case) -> None:
    report = reconcile(case.build())
    for want in case.wants:
        assert any(want.matches(f) for f in report.findings), f"missing {want}\n{_describe(report)}"
    for never in case.nevers:
        bad = [f for f in report.findings if never.violated_by(f)]
        assert not bad, f"{never} violated by {bad[0].fact}: {bad[0].explanation}"


def test_internal_conflict_is_its_own_finding_beside_the_cross_source_one() -> None:
    a = Article("a.txt")
    a.add(
        "Former President Bo Dahl spoke.",
        role("Former President Bo Dahl", "Bo Dahl", "Former President", status="former"),
    )
    a.add("President Dahl ended.", role("President Dahl", "Dahl", "President"))
    b = Article("b.txt")
    b.add("President Bo Dahl spoke.", role("President Bo Dahl", "Bo Dahl", "President"))
    report = reconcile([a.build(), b.build()])
    verdicts = sorted(f.verdict for f in report.findings)
    assert verdicts == ["conflict", "internal_conflict"]
    internal = next(f for f in report.findings if f.verdict == "internal_conflict")
    assert {v.source for v in internal.values} == {"a.txt"}
    assert len(internal.values) == 2


def test_fragment_quote_is_not_a_misquote() -> None:
    a = Article("a.txt").add("“We will rebuild every home, every school,” she said.")
    a.add("x", quote("x", "Mia Roth", "We will rebuild every home, every school, every road."))
    b = Article("b.txt").add("y", quote("y", "Mia Roth", "every home, every school"))
    report = reconcile([a.build(), b.build()])
    assert [f.verdict for f in report.findings] == ["agree"]


def test_different_quotes_by_one_speaker_are_different_statements() -> None:
    a = Article("a.txt").add("q1", quote("q1", "Lea Kim", "No one wants peace more than we do."))
    b = Article("b.txt").add(
        "q2", quote("q2", "Lea Kim", "Security guarantees without allies are not real guarantees.")
    )
    report = reconcile([a.build(), b.build()])
    assert sorted(f.verdict for f in report.findings) == ["single_source", "single_source"]


def test_weekdays_resolve_against_publication_dates() -> None:
    """Both say 'Tuesday' but were published a week apart: two different Tuesdays."""
    call = ev("meeting", "Ada Lux", "Ben Orr")
    a = Article("a.txt", dt.date(2024, 6, 5)).add("on Tuesday", when("on Tuesday", call, weekday="Tuesday"))
    b = Article("b.txt", dt.date(2024, 6, 12)).add("on Tuesday", when("on Tuesday", call, weekday="Tuesday"))
    c = Article("c.txt").add("on Tuesday", when("on Tuesday", call, weekday="Tuesday"))
    assert [f.verdict for f in reconcile([a.build(), b.build()]).findings] == ["conflict"]
    assert [f.verdict for f in reconcile([a.build(), c.build()]).findings] == ["agree"]


def test_date_and_weekday_meet() -> None:
    call = ev("meeting", "Ada Lux", "Ben Orr")
    a = Article("a.txt", dt.date(2024, 6, 5)).add("on June 4", when("on June 4", call, date="2024-06-04"))
    b = Article("b.txt").add("on Wednesday", when("on Wednesday", call, weekday="Wednesday"))
    report = reconcile([a.build(), b.build()])
    assert [f.verdict for f in report.findings] == ["conflict"]  # June 4 2024 was a Tuesday


def test_vague_duration_never_conflicts() -> None:
    a = Article("a.txt").add("a brief", lasted("a brief", ev("meeting", "X Y"), "brief"))
    b = Article("b.txt").add("four hours", lasted("four hours", ev("meeting", "X Y"), "four hours"))
    assert [f.verdict for f in reconcile([a.build(), b.build()]).findings] == ["agree"]


def test_ungrounded_claims_are_reported_not_reconciled() -> None:
    a = Article("a.txt").add("on Monday", when("on Monday", ev("vote", "council"), weekday="Monday"))
    a.lost(when("on Sunday", ev("vote", "council"), weekday="Sunday"))
    b = Article("b.txt").add("on Monday", when("on Monday", ev("vote", "council"), weekday="Monday"))
    report = reconcile([a.build(), b.build()])
    assert [f.verdict for f in report.findings] == ["agree"]
    assert [(u.source, u.kind, u.evidence) for u in report.ungrounded] == [("a.txt", "event_time", "on Sunday")]
    assert report.sources[0].ungrounded == 1


def test_no_sources_gives_empty_report() -> None:
    report = reconcile([])
    assert report.findings == [] and report.sources == [] and report.complete


# --- determinism -------------------------------------------------------------------------------------


def _all_sources() -> list[SourceClaims]:
    return [s for case in CASES for s in case.build()]


ALL = _all_sources()


def _shuffled(sources: list[SourceClaims], rng: random.Random) -> list[SourceClaims]:
    out = []
    for s in sources:
        claims = list(s.claims)
        rng.shuffle(claims)
        ungrounded = list(s.ungrounded)
        rng.shuffle(ungrounded)
        out.append(s.model_copy(update={"claims": claims, "ungrounded": ungrounded}))
    rng.shuffle(out)
    return out


@settings(max_examples=40, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=len(ALL)))
def test_any_order_gives_byte_identical_json(rng: random.Random, n: int) -> None:
    chosen = ALL[:n]
    expected = reconcile(chosen).to_json()
    assert reconcile(_shuffled(chosen, rng)).to_json() == expected


def test_reconcile_is_pure_of_hash_seed() -> None:
    """Set iteration order changes with PYTHONHASHSEED; the report must not."""
    import os
    import subprocess
    import sys

    code = (
        "import sys; sys.path.insert(0, 'tests'); import test_reconcile as t; "
        "from checker.reconcile import reconcile; print(reconcile(t.ALL).to_json(), end='')"
    )
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        outputs.add(
            subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
        )
    assert len(outputs) == 1


# --- hand-made stories on disk: precision and recall of conflicts --------------------------------------

CASES_DIR = Path(__file__).parent / "reconcile_cases"
PRECISION_FLOOR = 0.9
RECALL_FLOOR = 0.9


def _story_report(story: str) -> Report:
    files = sorted((CASES_DIR / story).glob("*.json"))
    return reconcile([SourceClaims.model_validate_json(f.read_text(encoding="utf-8")) for f in files])


def _planted_match(planted: dict[str, Any], finding: Finding) -> bool:
    sources = {v.source for v in finding.values}
    return (
        finding.verdict == planted["verdict"]
        and finding.kind == planted["kind"]
        and set(planted["sources"]) <= sources
        and all(
            any(v.source == src and text in v.evidence.text for v in finding.values)
            for src, text in planted["evidence"].items()
        )
    )


def conflict_scores() -> dict[str, tuple[int, int, int, int]]:
    """Per story: (planted found, predicted that are planted, predicted conflicts, planted conflicts)."""
    expected = yaml.safe_load((CASES_DIR / "expected.yaml").read_text(encoding="utf-8"))["stories"]
    scores = {}
    for story, spec in sorted(expected.items()):
        predicted = [f for f in _story_report(story).findings if f.verdict in CONFLICTS]
        planted = spec["conflicts"]
        found = sum(any(_planted_match(p, f) for f in predicted) for p in planted)
        correct = sum(any(_planted_match(p, f) for p in planted) for f in predicted)
        scores[story] = (found, correct, len(predicted), len(planted))
    return scores


def test_conflict_precision_and_recall_on_hand_made_stories(record_property: Callable[[str, object], None]) -> None:
    scores = conflict_scores()
    found = sum(s[0] for s in scores.values())
    correct = sum(s[1] for s in scores.values())
    predicted = sum(s[2] for s in scores.values())
    planted = sum(s[3] for s in scores.values())
    precision = correct / predicted if predicted else 1.0
    recall = found / planted if planted else 1.0
    record_property("conflict_precision", precision)
    record_property("conflict_recall", recall)
    print(
        f"\nconflicts on hand-made stories: precision {precision:.2f} ({correct}/{predicted}), "
        f"recall {recall:.2f} ({found}/{planted})"
    )
    assert precision >= PRECISION_FLOOR and recall >= RECALL_FLOOR, scores


@pytest.mark.parametrize("story", ["bridge", "merger", "marathon"])
def test_story_files_are_grounded(story: str) -> None:
    """Every span in the committed claim files is exactly the article's text at its offsets."""
    for path in sorted((CASES_DIR / story).glob("*.json")):
        claims = SourceClaims.model_validate_json(path.read_text(encoding="utf-8"))
        text = path.with_suffix("").read_text(encoding="utf-8")
        for grounded in claims.claims:
            assert text[grounded.evidence.start : grounded.evidence.end] == grounded.evidence.text
