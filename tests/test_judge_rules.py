"""Table-driven tests of the judging rules the reconciler rewrite added: numbers of unread values,
time expressions as days and clock readings, one office under several words, worded negation,
and keys that one article fills with several values."""

from __future__ import annotations

import datetime as dt

import pytest
from reconcile_cases.builders import Article, count, ev, prop, role, when

from checker.align import alignment_from
from checker.normalize import numbers_in
from checker.normalize.times import clocks_compatible, local_offsets
from checker.normalize.times import when as read_when
from checker.reconcile import Alignment, reconcile
from checker.reconcile.identity import batches
from checker.reconcile.judge.common import numbers_differ
from checker.schema import SourceClaims
from checker.schema.alignment import AlignmentAnswer, AlignmentGroup
from checker.schema.convert import from_v1

# --- the numbers a value writes -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("a further four", (4,)),
        ("2:06:41", (2, 6, 41)),
        ("the 4th quarter", (4,)),
        ("later in the third quarter", (3,)),
        ("1,150 kilometers (700 miles)", (1150, 700)),
        ("two hundred and fifty", (250,)),
        ("twenty-seven", (27,)),
        ("10-5", (10, 5)),
        ("over the weekend", ()),
        ("a man and a woman", ()),  # "a" is no number on its own
    ],
)
def test_numbers_in(text: str, numbers: tuple[float, ...]) -> None:
    assert numbers_in(text) == numbers


@pytest.mark.parametrize(
    ("a", "b", "differ"),
    [
        ("10-5", "9-5", True),
        ("84-yard", "86-yard", True),
        ("2:06:41", "2:06:14", True),
        ("11 seconds", "nine seconds", True),
        ("an additional six", "a further four", True),  # fillers are no unit
        ("in the third quarter", "in the 4th quarter", True),
        ("later in the third quarter", "in the third quarter", False),
        ("352 yards", "352 net yards", False),
        ("about 60 miles per hour", "98 km/h", False),  # a hedge, and another unit
        ("41C", "106 degrees", False),  # different unit words
        ("1,500 km (940 miles)", "1,500 km", False),  # a conversion in parentheses
        ("1,150 kilometers (700 miles)", "1,500 kilometers", True),
        ("at the weekend", "over the weekend", False),  # no numbers: nothing to tell apart
        ("up to 120 mph", "100 mph", False),
    ],
)
def test_unread_values_differ_only_by_their_numbers(a: str, b: str, differ: bool) -> None:
    assert numbers_differ(a, b) is differ
    assert numbers_differ(b, a) is differ


# --- time expressions ------------------------------------------------------------------------------------

REFERENCE = dt.date(2026, 2, 10)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("7:30 a.m. start (1030 GMT)", "07:30 (10:30 UTC)"),
        ("at 10:00 GMT (06:00 in Detroit)", "10:00 UTC (06:00 (zone not known))"),
        ("05:00 London time", "05:00 UTC/UTC+1"),
        ("around 5:40 p.m. ET", "17:40 UTC-5/UTC-4"),
        ("at 23:10", "23:10"),
        ("at 2140 GMT on Tuesday", "2026-02-10 (Tuesday) 21:40 UTC"),
        ("nine days ago", "2026-02-01 (Sunday)"),
        ("noon", "12:00"),
    ],
)
def test_time_expressions_keep_every_clock_reading(text: str, label: str) -> None:
    read = read_when(text, REFERENCE)
    assert read is not None and read.label == label


@pytest.mark.parametrize("text", ["two weeks earlier", "a week ago", "over the weekend", "recently"])
def test_times_relative_to_something_else_are_not_read(text: str) -> None:
    assert read_when(text, REFERENCE) is None


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("2 a.m. EST", "0700 GMT", True),
        ("around 5:40 p.m. ET", "2140 GMT", True),  # ET is -4 in summer
        ("11 a.m. ET", "15:00 UTC", True),
        ("11 a.m. ET", "17:00 UTC", False),
        ("14:40 local time", "2140 GMT", True),  # no local offset known: not compared
        ("7:30 a.m.", "8 a.m.", False),  # two local times
        ("about 2:40 p.m.", "2:45 p.m.", True),  # within the tolerance
        ("05:00 London time", "04:00 GMT", True),
    ],
)
def test_clock_readings_compare_when_they_can(a: str, b: str, compatible: bool) -> None:
    ra, rb = read_when(a, REFERENCE), read_when(b, REFERENCE)
    assert ra is not None and rb is not None
    assert clocks_compatible(ra.clocks, rb.clocks) is compatible


def test_a_value_with_a_local_time_and_an_instant_places_the_other_local_times() -> None:
    both = read_when("7:30 a.m. start (1030 GMT)", REFERENCE)
    local = read_when("8 a.m.", REFERENCE)
    zoned = read_when("11:00 GMT", REFERENCE)
    assert both is not None and local is not None and zoned is not None
    offsets = local_offsets(both.clocks)
    assert offsets == frozenset({-180})
    assert clocks_compatible(local.clocks, zoned.clocks) is True  # unplaced
    assert clocks_compatible(local.clocks, zoned.clocks, offsets) is True  # 8 a.m. at UTC-3 is 11:00 GMT
    assert clocks_compatible(both.clocks, local.clocks, offsets) is False


CALL = ev("phone call", "Ann Lee", "Bo Chan")


def _times(*rows: tuple[str, str]) -> list[SourceClaims]:
    sources = []
    for name, text in rows:
        article = Article(name, dt.date(2025, 3, 6))
        article.add(f"They spoke {text}.", when(text, CALL))
        sources.append(from_v1(article.build()))
    return sources


def test_the_day_and_the_clock_time_of_one_event_are_two_facts() -> None:
    """A wrong clock time is not a wrong day, and a time in another zone does not hide one."""
    report = reconcile(_times(("a.txt", "on Wednesday at 14:00"), ("b.txt", "on Thursday"), ("c.txt", "at 9 a.m.")))
    facts = sorted((f.fact.split(" ", 1)[0], f.verdict, f.rule) for f in report.findings)
    assert facts == [
        ("date", "conflict", "event_time.day_mismatch"),
        ("time", "conflict", "event_time.clock_mismatch"),
    ]


# --- one office under several words (what a model's alignment puts together) ---------------------------


def _aligned(*articles: Article) -> tuple[list[SourceClaims], Alignment]:
    """The story, and a model's answer that puts all of each kind's claims in one group."""
    sources = [from_v1(a.build()) for a in articles]
    work = batches(sources)
    answers = [AlignmentAnswer(groups=[AlignmentGroup(label="one fact", claims=list(b.refs))]) for b in work]
    return sources, alignment_from(work, answers, how="test")


@pytest.mark.parametrize(
    ("title_a", "org_a", "title_b", "org_b", "verdict"),
    [
        ("head", "Seismic Research Center", "director", "Seismic Research Center", "agree"),
        ("Lt.", "Troy police", "Lieutenant", "Troy police", "agree"),
        ("deputy head", "ADEDY", "vice president", "ADEDY", "agree"),  # vice and deputy: one rank
        ("Fire Chief", None, "Deputy Fire Chief", None, "conflict"),  # rank
        ("Secretary of State", None, "Deputy Secretary of State", None, "conflict"),  # rank of an "of" office
        ("Secretary of State", None, "Secretary of State", None, "agree"),
        ("President", None, "Former President", None, "conflict"),  # status
        ("lead investigator", "National Transport Safety Commission", "lead investigator", "NTSC", "agree"),
        ("ambassador", "Russia", "ambassador", "Ukraine", "conflict"),  # affiliation: two countries
        ("deputy head", "ADEDY", "vice president", "the civil servants' union", "agree"),  # one body, two names
        ("governor", "Hormouzgan Province", "governor", "Hormozgan Province", "agree"),  # a transliteration
    ],
)
def test_one_office_conflicts_on_rank_status_or_affiliation_not_on_its_words(
    title_a: str, org_a: str | None, title_b: str, org_b: str | None, verdict: str
) -> None:
    a, b = Article("a.txt"), Article("b.txt")
    a.add(f"{title_a} Ada Moss spoke.", role(f"{title_a} Ada Moss", "Ada Moss", title_a, organisation=org_a))
    b.add(f"{title_b} Ada Moss spoke.", role(f"{title_b} Ada Moss", "Ada Moss", title_b, organisation=org_b))
    sources, alignment = _aligned(a, b)
    assert [f.verdict for f in reconcile(sources, alignment).findings if f.kind == "role"] == [verdict]


# --- worded negation -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicate_a", "object_a", "predicate_b", "object_b", "verdict"),
    [
        ("be", "non-refundable", "be", "fully refundable", "conflict"),
        ("never paid", "the fine", "paid", "the fine", "conflict"),
        ("did not attend", "the hearing", "attended", "the hearing", "conflict"),
        ("can't attend", "the hearing", "attended", "the hearing", "conflict"),
        ("warned households not to expect", "more cuts", "warned against", "more cuts", "agree"),
        ("be", "refundable", "be", "fully refundable", "agree"),
    ],
)
def test_a_statement_denies_by_its_leading_words(
    predicate_a: str, object_a: str, predicate_b: str, object_b: str, verdict: str
) -> None:
    a, b = Article("a.txt"), Article("b.txt")
    a.add("The deposit.", prop("The deposit", "the deposit", predicate_a, object_a))
    b.add("The deposit.", prop("The deposit", "the deposit", predicate_b, object_b))
    sources, alignment = _aligned(a, b)
    assert [f.verdict for f in reconcile(sources, alignment).findings if f.kind == "proposition"] == [verdict]


# --- a key one article fills with several values ---------------------------------------------------------

RATE = ev("rate decision", "Bank of Westhaven")


def _rates(a_values: list[str], b_values: list[str]) -> list[SourceClaims]:
    a, b = Article("a.txt"), Article("b.txt")
    for article, values in ((a, a_values), (b, b_values)):
        for value in values:
            article.add(f"The bank rate is {value}.", count(value, "bank rate", value, event=RATE))
    return [from_v1(a.build()), from_v1(b.build())]


@pytest.mark.parametrize(
    ("a_values", "b_values", "verdicts"),
    [
        (["4.25%", "4.5%", "4.75%"], ["4.25%"], ["single_source", "single_source"]),  # a's key names several facts
        (["4.25%", "4.5%"], ["4.25%"], ["conflict", "internal_conflict"]),  # two values: a revised figure
        (["4.25%", "4.25%", "4.25 %"], ["4.5%"], ["conflict"]),  # one value written thrice
    ],
)
def test_one_voice_giving_three_values_for_a_fact_is_not_compared(
    a_values: list[str], b_values: list[str], verdicts: list[str]
) -> None:
    findings = [f for f in reconcile(_rates(a_values, b_values)).findings if f.kind == "quantity"]
    assert sorted(f.verdict for f in findings) == verdicts
    if verdicts[0] == "single_source":
        assert {f.rule for f in findings} == {"quantity.several_facts"}


@pytest.mark.parametrize(
    ("values", "verdict"),
    [
        (["4,183", "4,051 km"], "conflict"),  # a bare figure beside one unit is in that unit
        (["4,051", "4,051 km"], "agree"),
        (["4,051", "4,051 yards"], "agree"),  # in the unit as written, not the unit it converts to
        (["4,183", "4,051 yards"], "conflict"),
        (["about 4,000", "4,051 yards"], "agree"),
        (["4,051", "4,051 yards", "3.7 km"], "agree"),  # one unit written two ways: the bare figure is left alone
        (["Fewer than half", "47.2%"], "agree"),  # a number in words is not read as a percentage
        (["2.9 billion", "$2.9bn", "£2.3bn"], "agree"),  # two currencies: the bare figure is not converted
    ],
)
def test_a_models_group_reads_bare_figures_in_its_only_unit(values: list[str], verdict: str) -> None:
    articles = []
    for i, value in enumerate(values):
        article = Article(f"{'abc'[i]}.txt")
        article.add(f"The figure was {value}.", count(value, f"measure {i}", value, event=RATE))
        articles.append(article)
    sources, alignment = _aligned(*articles)
    assert [f.verdict for f in reconcile(sources, alignment).findings if f.kind == "quantity"] == [verdict]
