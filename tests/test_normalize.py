"""Table-driven tests for checker.normalize: every normaliser, with traps that must NOT match."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from checker.normalize import (
    Amount,
    Interval,
    PersonIndex,
    TitleKey,
    duration,
    event_type_key,
    hedge_from_evidence,
    measure_key,
    name_key,
    normalize_text,
    org_key,
    parse_date,
    parse_number,
    quantity,
    quote_relation,
    resolve_weekday,
    same_person,
    title_key,
    titles_conflict,
)

HOUR = 60.0
DAY = 1440.0
YEAR = 525960.0

# --- numbers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,000", 3000),
        ("27", 27),
        ("4.5", 4.5),
        ("1.2 million", 1_200_000),
        ("2bn", 2_000_000_000),
        ("5k", 5000),
        ("twenty-seven", 27),
        ("twenty seven", 27),
        ("three", 3),
        ("one and a half", 1.5),
        ("two and a half million", 2_500_000),
        ("half a million", 500_000),
        ("a dozen", 12),
        ("one hundred and twenty", 120),
        ("two thousand five hundred", 2500),
        ("a hundred", 100),
        ("a million", 1_000_000),
        ("3 thousand", 3000),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "dozens", "tens of thousands", "many", "an hour", "blue", "three four"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


# --- intervals and amounts --------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ((1, 2), (2, 3), True),
        ((1, 2), (2.5, 3), False),
        ((0, 10), (3, 4), True),
        ((5, 5), (5, 5), True),
        ((5, 5), (6, 6), False),
        ((10_000, 99_999), (100_000, 999_999), False),
    ],
)
def test_interval_overlaps(a: tuple[float, float], b: tuple[float, float], overlap: bool) -> None:
    ia, ib = Interval(*a), Interval(*b)
    assert ia.overlaps(ib) is overlap
    assert ib.overlaps(ia) is overlap


def test_amount_vague_never_conflicts() -> None:
    lengthy = Amount(None, "long", "min")
    assert lengthy.compatible(Amount(Interval(90, 90), None, "min"))
    assert Amount(Interval(5, 5), None, "min").compatible(lengthy)


def test_amount_units_must_match() -> None:
    a = Amount(Interval(5, 5), None, "percent")
    b = Amount(Interval(5, 5), None, None)
    assert not a.comparable(b)
    assert not a.compatible(b)


# --- durations ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "hedge", "low", "high"),
    [
        ("90-minute", None, 90, 90),
        ("90 minutes", None, 90, 90),
        ("90 mins", None, 90, 90),
        ("an hour and a half", None, 90, 90),
        ("one and a half hours", None, 90, 90),
        ("1.5 hours", None, 90, 90),
        ("1 hour 30 minutes", None, 90, 91),  # several parts: read to the last one, [90, 91)
        ("1 hour and 30 minutes", None, 90, 91),
        ("half an hour", None, 30, 30),
        ("30-minute", None, 30, 30),
        ("hour-long", None, 60, 60),
        ("an hour", None, 60, 60),
        ("two hours", None, 120, 120),
        ("2h", None, 120, 120),
        ("a day", None, DAY, DAY),
        ("24 hours", None, DAY, DAY),
        ("two weeks", None, 14 * DAY, 14 * DAY),
        ("a fortnight", None, 14 * DAY, 14 * DAY),
        ("a year and a half", None, 1.5 * YEAR, 1.5 * YEAR),
        ("its third year", None, 2 * YEAR, 3 * YEAR),
        ("its third year", "entering", 2 * YEAR, 2.25 * YEAR),
        ("entering its third year", None, 2 * YEAR, 2.25 * YEAR),
        ("its 3rd year", "now in", 2 * YEAR, 3 * YEAR),
        ("the second day", None, DAY, 2 * DAY),
        ("three years", None, 2.5 * YEAR, 3.5 * YEAR),
        ("three years", "nearly", 2.7 * YEAR, 3 * YEAR),
        ("nearly three years", None, 2.7 * YEAR, 3 * YEAR),
        ("two years old", None, 2 * YEAR, 3 * YEAR),
        ("more than two hours", None, 120, 240),
        ("two hours", "at least", 120, 240),
        ("two hours", "up to", 0, 120),
        ("under an hour", None, 0, 60),
        ("some 90 minutes", None, 76.5, 103.5),
        ("90 minutes", "about", 76.5, 103.5),
        ("one and a half hours", "approximately", 76.5, 103.5),
        ("several hours", None, 120, 540),
        ("a few days", None, 2 * DAY, 5 * DAY),
        ("40 minutes", "almost", 36, 40),
        ("40 minutes", "exactly", 40, 40),
    ],
)
def test_duration_intervals(amount: str, hedge: str | None, low: float, high: float) -> None:
    result = duration(amount, hedge)
    assert result is not None
    assert result.unit == "min"
    assert result.interval is not None
    assert result.interval.low == pytest.approx(low)
    assert result.interval.high == pytest.approx(high)


@pytest.mark.parametrize(
    ("amount", "direction"),
    [
        ("lengthy", "long"),
        ("long", "long"),
        ("marathon", "long"),
        ("protracted", "long"),
        ("hours-long", "long"),
        ("brief", "short"),
        ("short", "short"),
        ("quick", "short"),
    ],
)
def test_duration_vague(amount: str, direction: str) -> None:
    result = duration(amount, None)
    assert result is not None
    assert result.interval is None
    assert result.vague == direction


@pytest.mark.parametrize("amount", ["", "blah", "purple elephants", "several bananas"])
def test_duration_unparseable(amount: str) -> None:
    assert duration(amount, None) is None


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        (("90-minute", None), ("one and a half hours", "approximately"), True),
        (("90-minute", None), ("an hour and a half", None), True),
        (("90-minute", None), ("lengthy", None), True),
        (("lengthy", None), ("one and a half hours", "approximately"), True),
        (("90-minute", None), ("two hours", None), False),
        (("45 minutes", None), ("one and a half hours", "approximately"), False),
        (("entering its third year", None), ("nearly three years", None), False),
        (("its third year", None), ("nearly three years", None), True),
        (("three years", None), ("nearly three years", None), True),
        (("two years", None), ("nearly three years", None), False),
        (("a day", None), ("24 hours", None), True),
        (("brief", None), ("two hours", None), True),
    ],
)
def test_duration_compatibility(a: tuple[str, str | None], b: tuple[str, str | None], compatible: bool) -> None:
    da, db = duration(*a), duration(*b)
    assert da is not None and db is not None
    assert da.compatible(db) is compatible
    assert db.compatible(da) is compatible


@pytest.mark.parametrize(
    ("amount", "hedge", "text"),
    [
        ("90-minute", None, "90 min"),
        ("one and a half hours", "approximately", "76–104 min"),
        ("lengthy", None, "long (vague)"),
        ("three years", "nearly", "2.7–3 years"),
    ],
)
def test_duration_normalized_text(amount: str, hedge: str | None, text: str) -> None:
    result = duration(amount, hedge)
    assert result is not None
    assert result.normalized == text
    assert str(result) == text


@pytest.mark.parametrize(
    ("evidence", "amount", "hedge"),
    [
        ("the war in Ukraine enters its third year", "its third year", "enters"),
        ("a task that has eluded world leaders for nearly three years", "three years", "nearly"),
        ("the call lasted approximately one and a half hours", "one and a half hours", "approximately"),
        ("500 or more people were evacuated", "500", "or more"),
        ("some 3,000 troops", "3,000", "some"),
        ("at least 27 people died", "27", "at least"),
        ("killed 27 people", "27", None),
        ("their 90-minute phone conversation", "90-minute", None),
        ("nothing here", "27", None),
    ],
)
def test_hedge_from_evidence(evidence: str, amount: str, hedge: str | None) -> None:
    assert hedge_from_evidence(evidence, amount) == hedge


def test_hedge_from_evidence_feeds_duration() -> None:
    """003 writes "enters its third year" with no hedge field: the evidence restores the cue."""
    hedge = hedge_from_evidence("the war in Ukraine enters its third year", "its third year")
    entering = duration("its third year", hedge)
    nearly = duration("three years", "nearly")
    assert entering is not None and nearly is not None
    assert not entering.compatible(nearly)


# --- quantities -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "hedge", "unit", "low", "high", "norm_unit"),
    [
        ("3,000", None, None, 3000, 3000, None),
        ("27", None, None, 27, 27, None),
        ("twenty-seven", None, None, 27, 27, None),
        ("three", None, None, 3, 3, None),
        ("1.2 million", None, None, 1_150_000, 1_250_000, None),
        ("more than 500", None, None, 500, 1000, None),
        ("500", "more than", None, 500, 1000, None),
        ("500 or more", None, None, 500, 1000, None),
        ("some 3,000", None, None, 2550, 3450, None),
        ("nearly 40", None, None, 36, 40, None),
        ("27", "at least", None, 27, 54, None),
        ("between 20 and 30", None, None, 20, 30, None),
        ("20-30", None, None, 20, 30, None),
        ("20 to 30", None, None, 20, 30, None),
        ("4.5%", None, None, 4.5, 4.5, "percent"),
        ("4.5 per cent", None, None, 4.5, 4.5, "percent"),
        ("4.5 percent", None, None, 4.5, 4.5, "percent"),
        ("four and a half percent", None, None, 4.5, 4.5, "percent"),
        ("4.5", None, "percent", 4.5, 4.5, "percent"),
        ("4.5", None, "per cent", 4.5, 4.5, "percent"),
        ("4.5", None, "%", 4.5, 4.5, "percent"),
        ("$2 billion", None, None, 1.5e9, 2.5e9, "usd"),
        ("2bn dollars", None, None, 1.5e9, 2.5e9, "usd"),
        ("2 billion", None, "dollars", 1.5e9, 2.5e9, "usd"),
        ("€300", None, None, 300, 300, "eur"),
        ("10 km", None, None, 9.5, 10.5, "km"),
        ("10km", None, None, 9.5, 10.5, "km"),
        ("10.5", None, "kilometres", 10.395, 10.605, "km"),  # the 1% floor of a measurement
        ("10", None, "miles", 9.5 * 1.609344, 10.5 * 1.609344, "km"),
        ("500 metres", None, None, 0.495, 0.505, "km"),
        ("about 10 km", None, None, 8.5, 11.5, "km"),
        ("tens of thousands", None, None, 10_000, 99_999, None),
        ("hundreds of thousands", None, None, 100_000, 999_999, None),
        ("thousands", None, None, 1000, 9999, None),
        ("hundreds", None, None, 100, 999, None),
        ("millions", None, None, 1_000_000, 9_999_999, None),
        ("tens of millions", None, None, 10_000_000, 99_999_999, None),
        ("dozens", None, None, 24, 99, None),
        ("several hundred", None, None, 200, 999, None),
        ("a dozen", None, None, 12, 12, None),
        ("half a million", None, None, 500_000, 500_000, None),
    ],
)
def test_quantity_intervals(
    amount: str, hedge: str | None, unit: str | None, low: float, high: float, norm_unit: str | None
) -> None:
    result = quantity(amount, hedge, unit)
    assert result is not None
    assert result.interval is not None
    assert result.interval.low == pytest.approx(low)
    assert result.interval.high == pytest.approx(high)
    assert result.unit == norm_unit


@pytest.mark.parametrize(("amount", "vague"), [("many", "many"), ("numerous", "many"), ("few", "few")])
def test_quantity_vague(amount: str, vague: str) -> None:
    result = quantity(amount, None, None)
    assert result is not None
    assert result.vague == vague


@pytest.mark.parametrize("amount", ["", "blah", "a number of bananas", "lots and lots of red"])
def test_quantity_unparseable(amount: str) -> None:
    assert quantity(amount, None, None) is None


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("tens of thousands", "hundreds of thousands", False),
        ("hundreds of thousands", "millions", False),
        ("thousands", "tens of thousands", False),
        ("tens of thousands", "30,000", True),
        ("tens of thousands", "more than 20,000", True),
        ("hundreds of thousands", "500,000", True),
        ("millions", "1.2 million", True),
        ("27", "twenty-seven", True),
        ("27", "28", False),
        ("some 3,000", "3,200", True),
        ("nearly 40", "41", False),
        ("4.5%", "four and a half percent", True),
        ("4.5%", "4.5", False),
        ("many", "3", True),
        ("$2 billion", "2bn dollars", True),
        ("10 miles", "16 km", True),
        ("10 miles", "10 km", False),
        ("5 kilometres", "5 km", True),
        ("50 km", "80 km", False),
    ],
)
def test_quantity_compatibility(a: str, b: str, compatible: bool) -> None:
    qa, qb = quantity(a, None, None), quantity(b, None, None)
    assert qa is not None and qb is not None
    assert qa.compatible(qb) is compatible
    assert qb.compatible(qa) is compatible


def test_quantity_normalized_text_names_the_magnitude() -> None:
    result = quantity("tens of thousands", None, None)
    assert result is not None
    assert result.normalized == "tens of thousands (10,000–99,999)"
    assert result.magnitude == "tens of thousands"


# --- measures and events ----------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "key"),
    [
        ("deaths", "deaths"),
        ("killed", "deaths"),
        ("people killed", "deaths"),
        ("dead", "deaths"),
        ("died", "deaths"),
        ("lives", "deaths"),
        ("lives lost", "deaths"),
        ("death toll", "deaths"),
        ("fatalities", "deaths"),
        ("injured", "injured"),
        ("wounded", "injured"),
        ("people hurt", "injured"),
        ("displaced", "displaced"),
        ("displaced people", "displaced"),
        ("internally displaced people", "displaced"),
        ("refugees", "displaced"),
        ("forced to flee", "displaced"),
        ("people forced to flee their homes", "displaced"),
        ("employees", "employees"),
        ("staff", "employees"),
        ("workers", "employees"),
        ("civilian deaths", "deaths:civilian"),
        ("share of the vote", "share of vote"),
        ("votes", "vote"),
        ("Price", "price"),
        ("number of votes", "vote"),
    ],
)
def test_measure_key(measure: str, key: str) -> None:
    assert measure_key(measure) == key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("deaths", "displaced people"),
        ("killed", "injured"),
        ("employees", "deaths"),
        ("refugees", "wounded"),
        ("civilian deaths", "deaths"),
        ("votes", "share of the vote"),
    ],
)
def test_measure_keys_differ(a: str, b: str) -> None:
    assert measure_key(a) != measure_key(b)


@pytest.mark.parametrize(
    ("event", "key"),
    [
        ("phone call", "call"),
        ("call", "call"),
        ("conversation", "call"),
        ("phone conversation", "call"),
        ("talks", "call"),
        ("telephone call", "call"),
        ("lengthy phone call", "call"),
        ("meeting", "meeting"),
        ("summit", "meeting"),
        ("war", "war"),
        ("conflict", "war"),
        ("invasion", "war"),
        ("election", "election"),
        ("hurricane", "storm"),
        ("storm", "storm"),
        ("strike", "strike"),
        ("walkout", "strike"),
        ("air strike", "attack"),
        ("peace talks", "negotiations"),
        ("earthquake", "earthquake"),
        ("visit", "visit"),
        ("Parade", "parade"),
    ],
)
def test_event_type_key(event: str, key: str) -> None:
    assert event_type_key(event) == key


@pytest.mark.parametrize(("a", "b"), [("call", "meeting"), ("war", "election"), ("strike", "air strike")])
def test_event_type_keys_differ(a: str, b: str) -> None:
    assert event_type_key(a) != event_type_key(b)


# --- organisations -------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("the Kremlin", "Kremlin"),
        ("U.S.", "US"),
        ("US", "United States"),
        ("United States", "America"),
        ("USA", "the United States"),
        ("NATO", "North Atlantic Treaty Organization"),
        ("The New York Times", "New York Times"),
        ("UN", "United Nations"),
        ("EU", "European Union"),
        ("Department of State", "State Department"),
        ("Apple Inc.", "Apple"),
        ("UK", "Britain"),
        ("Russia", "Russian Federation"),
        ("the WHO", "World Health Organization"),
        ("Ministry of Defence", "Defence Ministry"),
        ("Procter & Gamble", "Procter and Gamble"),
        ("Russian", "Russia"),
    ],
)
def test_org_key_same(a: str, b: str) -> None:
    assert org_key(a) == org_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Russia", "Ukraine"), ("NATO", "UN"), ("New York Times", "New York Post"), ("Austria", "Australia")],
)
def test_org_key_different(a: str, b: str) -> None:
    assert org_key(a) != org_key(b)


# --- names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Zelenskyy", "Zelensky"),
        ("Zelenskiy", "Zelensky"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Mike Waltz", "Michael Waltz"),
        ("Mr. Trump", "Trump"),
        ("President Donald Trump", "Donald Trump"),
        ("Former President Donald Trump", "Donald Trump"),
        ("Dr. Jane Goodall", "Jane Goodall"),
        ("Martin Luther King Jr.", "Martin Luther King"),
        ("Bill Gates", "William Gates"),
        ("Pete Hegseth", "Peter Hegseth"),
        ("José Álvarez", "Jose Alvarez"),
        ("Mohammed bin Salman", "Mohamed bin Salman"),
        ("O'Brien", "OBrien"),
        ("Dmitriy Peskov", "Dmitry Peskov"),
        ("Volodymyr Zelensky", "Volodymyr Зеленський"),
        ("Sen. Bob Smith", "Robert Smith"),
        ("Ms Jenny Lee", "Jennifer Lee"),
        ("  Donald   Trump ", "donald trump"),
        ("Phillip Jones", "Philip Jones"),
    ],
)
def test_name_key_same(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tim Walz", "Mike Waltz"),
        ("Walz", "Waltz"),
        ("Biden", "Bidon"),
        ("John Ratcliffe", "John Radcliffe"),
        ("Donald Trump", "Melania Trump"),
        ("Putin", "Peskov"),
        ("Rubio", "Rubin"),
        ("Mark Kelly", "Marcus Kelly"),
        ("Kim Jong Un", "Kimberley Jong Un"),
        ("Emmanuel Macron", "Immanuel Macron"),
        ("Hunter Biden", "Joe Biden"),
    ],
)
def test_name_key_different(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_name_key_expected_forms() -> None:
    assert name_key("Zelenskyy") == "zelensky"
    assert name_key("Mike Waltz") == "michael waltz"
    assert name_key("Former President Donald Trump") == "donald trump"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("trump", "donald trump", True),
        ("donald trump", "donald j trump", True),
        ("michael waltz", "mike waltz", True),
        ("steven witkoff", "stephen witkoff", True),
        ("steve witkoff", "steven witkoff", True),
        ("j ratcliffe", "john ratcliffe", True),
        ("michael waltz", "tim walz", False),
        ("donald trump", "melania trump", False),
        ("joe biden", "hunter biden", False),
        ("walz", "waltz", False),
        ("", "", False),
    ],
)
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(name_key(a) if a else a, name_key(b) if b else b) is same


@pytest.mark.parametrize(
    ("names", "mention", "resolved"),
    [
        (["Donald Trump", "Vladimir Putin"], "Trump", "donald trump"),
        (["Donald Trump", "Vladimir Putin"], "Mr. Putin", "vladimir putin"),
        (["Volodymyr Zelensky", "Donald Trump"], "Zelenskyy", "volodymyr zelensky"),
        (["Michael Waltz"], "Mike Waltz", "michael waltz"),
        (["Mike Waltz"], "Waltz", "michael waltz"),
        (["Donald Trump"], "Biden", "biden"),
        (["Donald Trump", "Melania Trump"], "Trump", "trump"),
        (["Tim Walz"], "Waltz", "waltz"),
        (["Ursula von der Leyen"], "von der Leyen", "ursula von der leyen"),
        (["Donald Trump", "Donald J. Trump"], "Trump", "donald j trump"),
    ],
)
def test_person_index_resolve(names: list[str], mention: str, resolved: str) -> None:
    assert PersonIndex(names).resolve(mention) == resolved


# --- titles ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "organisation", "status", "expected"),
    [
        ("Former President", None, "former", TitleKey("president", None, "former")),
        ("Former President", None, "unspecified", TitleKey("president", None, "former")),
        ("President", None, "current", TitleKey("president", None, "current")),
        ("President", None, "unspecified", TitleKey("president", None, "current")),
        ("Russian President", "Russia", "current", TitleKey("president", "russia", "current")),
        ("Ukrainian President", None, "current", TitleKey("president", "ukraine", "current")),
        ("President of Ukraine", None, "current", TitleKey("president", "ukraine", "current")),
        ("US President", None, "current", TitleKey("president", "united states", "current")),
        ("American President", None, "current", TitleKey("president", "united states", "current")),
        ("Defense Secretary", None, "current", TitleKey("defense secretary", None, "current")),
        ("Secretary of Defense", None, "current", TitleKey("defense secretary", None, "current")),
        ("Defence Secretary", None, "current", TitleKey("defense secretary", None, "current")),
        ("Secretary of State", None, "current", TitleKey("secretary of state", None, "current")),
        ("National Security Advisor", None, "current", TitleKey("national security adviser", None, "current")),
        ("Vice President", None, "current", TitleKey("vice president", None, "current")),
        ("Kremlin spokesperson", None, "current", TitleKey("spokesperson", "kremlin", "current")),
        ("Kremlin spokesman", None, "current", TitleKey("spokesperson", "kremlin", "current")),
        ("German Chancellor", None, "current", TitleKey("chancellor", "germany", "current")),
        ("ex-President", None, "unspecified", TitleKey("president", None, "former")),
        ("Acting Director", None, "unspecified", TitleKey("director", None, "acting")),
        ("President-elect", None, "unspecified", TitleKey("president", None, "incoming")),
        ("Prime Minister", None, "current", TitleKey("prime minister", None, "current")),
        ("PM", None, "current", TitleKey("prime minister", None, "current")),
        ("Ukraine's President", None, "current", TitleKey("president", "ukraine", "current")),
        ("President", "Ukraine", "current", TitleKey("president", "ukraine", "current")),
        ("President", None, "former", TitleKey("president", None, "former")),
        ("British Prime Minister", None, "current", TitleKey("prime minister", "united kingdom", "current")),
        ("Deputy Secretary of State", None, "current", TitleKey("deputy secretary of state", None, "current")),
        ("Secretary-General", "UN", "current", TitleKey("secretary general", "united nations", "current")),
        ("a judge", None, "current", TitleKey("judge", None, "current")),  # an article is not an affiliation
        ("an acting judge", None, "unspecified", TitleKey("judge", None, "acting")),
        ("the Defense Secretary", None, "current", TitleKey("defense secretary", None, "current")),
    ],
)
def test_title_key(title: str, organisation: str | None, status: str, expected: TitleKey) -> None:
    assert title_key(title, organisation, status) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("National Security Advisor", None, "current"), ("National Security Adviser", None, "current")),
        (("National Security Adviser", None, "current"), ("U.S. National Security Adviser", None, "current")),
        (("Defense Secretary", None, "current"), ("Secretary of Defense", None, "current")),
        (("Defence Secretary", None, "current"), ("Secretary of Defense", None, "unspecified")),
        (("CIA Director", "CIA", "current"), ("Director of the CIA", None, "current")),
        (("CIA Director", None, "current"), ("Director", "CIA", "unspecified")),
        (("Secretary of State", None, "current"), ("US Secretary of State", None, "current")),
        (("Russian President", None, "current"), ("President", "Russia", "current")),
        (("Russian President", None, "current"), ("President of Russia", None, "unspecified")),
        (("Ukrainian President", None, "current"), ("President of Ukraine", None, "current")),
        (("President", None, "current"), ("President", None, "unspecified")),
        (("Foreign Minister", None, "current"), ("Minister of Foreign Affairs", None, "current")),
        (("Secretary of State for Defence", None, "current"), ("Defence Secretary", None, "current")),
        (("Kremlin spokesman", None, "current"), ("spokesperson for the Kremlin", None, "current")),
        (("President", None, "current"), ("President of the United States", None, "current")),
        (("then-President", None, "unspecified"), ("President", None, "current")),
    ],
)
def test_titles_do_not_conflict(a: tuple[str, str | None, str], b: tuple[str, str | None, str]) -> None:
    assert not titles_conflict(title_key(*a), title_key(*b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("Ukrainian President", None, "current"), ("Russian President", None, "current")),
        (("Former President", None, "former"), ("President", None, "current")),
        (("Former President", None, "unspecified"), ("President", None, "unspecified")),
        (("Deputy Secretary of State", None, "current"), ("Secretary of State", None, "current")),
        (("Vice President", None, "current"), ("President", None, "current")),
        (("Defense Secretary", None, "current"), ("Secretary of State", None, "current")),
        (("CIA Director", None, "current"), ("FBI Director", None, "current")),
        (("Acting Director", None, "unspecified"), ("Director", None, "current")),
        (("President-elect", None, "unspecified"), ("President", None, "current")),
        (("Prime Minister", None, "current"), ("Deputy Prime Minister", None, "current")),
        (("Assistant Secretary of Defense", None, "current"), ("Secretary of Defense", None, "current")),
    ],
)
def test_titles_conflict(a: tuple[str, str | None, str], b: tuple[str, str | None, str]) -> None:
    assert titles_conflict(title_key(*a), title_key(*b))


# --- dates ----------------------------------------------------------------------

THU = dt.date(2025, 2, 13)  # a Thursday


@pytest.mark.parametrize(
    ("weekday", "published", "modality", "expected"),
    [
        ("Wednesday", THU, "happened", dt.date(2025, 2, 12)),
        ("Thursday", THU, "happened", dt.date(2025, 2, 13)),
        ("Friday", THU, "happened", dt.date(2025, 2, 7)),
        ("Monday", THU, "planned", dt.date(2025, 2, 17)),
        ("Thursday", THU, "planned", dt.date(2025, 2, 13)),
        ("Wednesday", THU, "planned", dt.date(2025, 2, 19)),
        ("Friday", THU, "speculative", dt.date(2025, 2, 14)),
        ("Tuesday", THU, "ongoing", dt.date(2025, 2, 11)),
        ("wed", THU, "happened", dt.date(2025, 2, 12)),
        ("Wednesday", None, "happened", None),
        ("Someday", THU, "happened", None),
    ],
)
def test_resolve_weekday(weekday: str, published: dt.date | None, modality: str, expected: dt.date | None) -> None:
    assert resolve_weekday(weekday, published, modality) == expected


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Feb. 12", THU, dt.date(2025, 2, 12)),
        ("February 12, 2025", None, dt.date(2025, 2, 12)),
        ("12 February", THU, dt.date(2025, 2, 12)),
        ("2025-02-12", None, dt.date(2025, 2, 12)),
        ("Feb 12th", THU, dt.date(2025, 2, 12)),
        ("Wednesday, Feb. 12", THU, dt.date(2025, 2, 12)),
        ("Sept. 3, 2024", None, dt.date(2024, 9, 3)),
        ("Dec. 30", dt.date(2025, 1, 5), dt.date(2024, 12, 30)),
        ("Jan. 2", dt.date(2024, 12, 28), dt.date(2025, 1, 2)),
        ("Feb. 12", None, None),
        ("February 2025", THU, None),
        ("February 30, 2025", None, None),
        ("next week", THU, None),
    ],
)
def test_parse_date(text: str, published: dt.date | None, expected: dt.date | None) -> None:
    assert parse_date(text, published) == expected


# --- quotes ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("We had very good talks.", "we had very good talks", "same"),
        ("\u201cWe had very good talks,\u201d", "We had very  good talks", "same"),
        ("It\u2019s time", "It's time", "same"),
        ("very good talks", "We had very good talks. President Putin wants to see people stop dying.", "fragment"),
        ("constructive", "The call was constructive and useful", "fragment"),
        (
            "Any discussions ... must include Ukraine",
            "Any discussions about ending the war must include Ukraine",
            "fragment",
        ),
        ("We will never accept this deal", "We will accept this deal", "severe_change"),
        ("We can't accept this deal", "We can accept this deal", "severe_change"),
        ("NATO membership is not realistic", "NATO membership is realistic", "severe_change"),
        ("We lost 27 soldiers today", "We lost 37 soldiers today", "severe_change"),
        ("We lost three soldiers today", "We lost four soldiers today", "severe_change"),
        (
            "President Putin wants to see people stop dying",
            "President Biden wants to see people stop dying",
            "severe_change",
        ),
        ("We had very good talks with them", "We had really good talks with them", "minor_change"),
        ("The talks were productive and lengthy", "The talks were lengthy and productive", "minor_change"),
        ("I think we are close to a deal", "I think we're close to a deal", "minor_change"),
        ("The weather is lovely", "Any discussions about ending the war must include Ukraine", "different"),
        ("We want peace", "They will never surrender their land to anyone", "different"),
    ],
)
def test_quote_relation(a: str, b: str, relation: str) -> None:
    assert quote_relation(a, b) == relation
    assert quote_relation(b, a) == relation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\u201cHello\u201d \u2014 World", '"hello" - world'),
        ("  Many   spaces\n", "many spaces"),
        ("It\u2019s", "it's"),
    ],
)
def test_normalize_text(text: str, expected: str) -> None:
    assert normalize_text(text) == expected


def test_no_infinite_bounds_leak_into_text() -> None:
    result = duration("for weeks", None)
    assert result is not None
    assert result.interval is not None
    assert math.isinf(result.interval.high)
    assert "∞" in result.normalized
