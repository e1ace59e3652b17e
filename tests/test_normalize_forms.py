"""Table-driven tests for the forms real coverage writes numbers, titles and quotes in: units converted to
one unit per dimension, currencies written every way, compound adjectives and ages, clock-style times,
fillers, conversions in parentheses, position bounds, how wide a hedge is, half-open precision,
percentage points, title descriptors and abbreviations, British and American spellings in quotes.

Every row that says two values agree has a neighbour that says two close ones do not.
"""

from __future__ import annotations

import pytest

from checker.normalize import TitleKey, duration, quantity, quote_relation, title_key, titles_conflict
from checker.normalize.amounts import Amount, Interval
from checker.normalize.quotes import _american

MIN = 1.0
HOUR = 60.0
YEAR = 525960.0
SECOND = 1 / 60


def _q(text: str, hedge: str | None = None) -> Amount:
    amount = quantity(text, hedge, None)
    assert amount is not None, text
    return amount


def _d(text: str, hedge: str | None = None) -> Amount:
    amount = duration(text, hedge)
    assert amount is not None, text
    return amount


# --- precision intervals are half-open ------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        (Interval(7.5, 8.5, open_high=True), Interval(6.5, 7.5, open_high=True), False),  # eight vs seven
        (Interval(7.5, 8.5, open_high=True), Interval(7.6, 7.6), True),
        (Interval(7.5, 8.5, open_high=True), Interval(8.5, 8.5), False),  # 8.5 rounds to nine
        (Interval(7.5, 8.5, open_high=True), Interval(7.5, 7.5), True),
        (Interval(7.5, 8.5), Interval(8.5, 9.5, open_high=True), True),  # a closed top still touches
        (Interval(5, 5, open_high=True), Interval(5, 5), True),  # an empty open interval is its point
    ],
)
def test_half_open_intervals(a: Interval, b: Interval, overlap: bool) -> None:
    assert a.overlaps(b) is overlap
    assert b.overlaps(a) is overlap


@pytest.mark.parametrize(
    ("interval", "value", "inside"),
    [
        (Interval(7.5, 8.5, open_high=True), 8.5, False),
        (Interval(7.5, 8.5, open_high=True), 7.5, True),
        (Interval(7.5, 8.5), 8.5, True),
    ],
)
def test_half_open_contains(interval: Interval, value: float, inside: bool) -> None:
    assert interval.contains(value) is inside


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("eight-year", "seven-year", False),
        ("eight years", "seven years", False),
        ("eight-year", "about eight years", True),
        ("8 years", "7.6 years", True),
        ("three years", "nearly three years", True),
        ("two years", "three years", False),
    ],
)
def test_whole_years_do_not_touch(a: str, b: str, compatible: bool) -> None:
    assert _d(a).compatible(_d(b)) is compatible
    assert _d(b).compatible(_d(a)) is compatible


# --- units: one canonical unit per dimension ------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "unit", "low", "high"),
    [
        ("40 mph", "km/h", 39.5 * 1.609344, 40.5 * 1.609344),
        ("120 miles per hour", "km/h", 118.8 * 1.609344, 121.2 * 1.609344),  # 1% of 120 is more than 0.5
        ("60 miles an hour", "km/h", 59.4 * 1.609344, 60.6 * 1.609344),
        ("98 km/h", "km/h", 97.02, 98.98),  # the 1% floor of a measurement
        ("98 kph", "km/h", 97.02, 98.98),
        ("98 kilometres an hour", "km/h", 97.02, 98.98),
        ("98 kilometers per hour", "km/h", 97.02, 98.98),
        ("98km/h", "km/h", 97.02, 98.98),
        ("20 knots", "km/h", 19.5 * 1.852, 20.5 * 1.852),
        ("minus 14 Celsius", "degc", -14.5, -13.5),
        ("-14C", "degc", -14.5, -13.5),
        ("-14°C", "degc", -14.5, -13.5),
        ("14 degrees Celsius", "degc", 13.5, 14.5),
        ("14 C", "degc", 13.5, 14.5),
        ("32 degrees Fahrenheit", "degc", -0.5 * 5 / 9, 0.5 * 5 / 9),
        ("212°F", "degc", 99.72, 100.28),
        ("7 F", "degc", (6.5 - 32) * 5 / 9, (7.5 - 32) * 5 / 9),
        ("100 hectares", "ha", 99, 101),
        ("100 ha", "ha", 99, 101),
        ("100 acres", "ha", 99 * 0.40468564224, 101 * 0.40468564224),
        ("2 square miles", "ha", 1.5 * 258.9988110336, 2.5 * 258.9988110336),
        ("5 km²", "ha", 450, 550),
        ("15,800-square-metre", "ha", 1.5642, 1.5958),
        ("170,000-square-foot", "ha", 1.5636, 1.5952),
        ("1,000 sq ft", "ha", 990 * 9.290304e-6, 1010 * 9.290304e-6),
        ("10 km", "km", 9.5, 10.5),
        ("10 miles", "km", 9.5 * 1.609344, 10.5 * 1.609344),
        ("300 feet", "km", 0.297 * 0.3048, 0.303 * 0.3048),
        ("86-yard", "km", 85.14 * 0.0009144, 86.86 * 0.0009144),
        ("86-yd", "km", 85.14 * 0.0009144, 86.86 * 0.0009144),
        ("84-yard scamper", "km", 83.16 * 0.0009144, 84.84 * 0.0009144),
        ("a 35-kilometre mark", "km", 34.5, 35.5),
        ("the 35km mark", "km", 34.5, 35.5),
        ("six inches", "km", 5.5 * 2.54e-5, 6.5 * 2.54e-5),
        ("5 kg", "kg", 4.5, 5.5),
        ("5 kilograms", "kg", 4.5, 5.5),
        ("300 lbs", "kg", 297 * 0.45359237, 303 * 0.45359237),
        ("300 lb", "kg", 297 * 0.45359237, 303 * 0.45359237),
        ("2 tonnes", "kg", 1500, 2500),
    ],
)
def test_measurements_convert(amount: str, unit: str, low: float, high: float) -> None:
    result = _q(amount)
    assert result.unit == unit
    assert result.interval is not None
    assert result.interval.low == pytest.approx(low, rel=1e-3, abs=1e-9)
    assert result.interval.high == pytest.approx(high, rel=1e-3, abs=1e-9)
    assert result.interval.open_high


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("about 60 miles per hour", "98 km/h", True),
        ("40 mph", "65 km/h", True),
        ("40 mph", "70 km/h", False),
        ("120 mph", "122 mph", True),  # within the 1% a measurement carries
        ("120 mph", "125 mph", False),
        ("7 degrees Fahrenheit", "minus 14 Celsius", True),
        ("-14C", "7°F", True),
        ("minus 14 Celsius", "minus 10 Celsius", False),
        ("32F", "0C", True),
        ("32F", "2C", False),
        ("18,000 acres", "about 7,300 hectares", True),
        ("18,000 acres", "roughly 7,300 hectares", True),
        ("18,000 acres", "9,000 hectares", False),
        ("170,000-square-foot", "15,800-square-metre", True),
        ("170,000-square-foot", "25,000-square-metre", False),
        ("1,500 kilometers", "about 940 miles", True),
        ("1,150 kilometers", "1,500 kilometers", False),
        ("26.2 miles", "42.195 km", True),
        ("10 miles", "10 km", False),
        ("86-yard", "84-yard scamper", False),
        ("86-yard", "86-yd", True),
        ("300 lbs", "136 kg", True),
        ("300 lbs", "150 kg", False),
    ],
)
def test_measurements_compare_across_units(a: str, b: str, compatible: bool) -> None:
    qa, qb = _q(a), _q(b)
    assert qa.comparable(qb)
    assert qa.compatible(qb) is compatible
    assert qb.compatible(qa) is compatible


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("98 km/h", "98 km"),  # a speed is no length
        ("100 hectares", "100 km"),
        ("5 kg", "5 km"),
        ("300 pounds", "136 kg"),  # a bare "pounds" may be weight or money: compared with neither
        ("300 pounds", "£300"),
        ("14C", "14%"),
        ("0.25 points", "0.25%"),  # percentage points are not percent
        ("$141 billion", "110 billion euros"),  # different currencies are never compared
        ("C$2,000", "$2,000"),
        ("A$2,000", "$2,000"),
        ("¥500", "500 yuan"),
    ],
)
def test_different_dimensions_are_not_comparable(a: str, b: str) -> None:
    assert not _q(a).comparable(_q(b))


@pytest.mark.parametrize(
    "amount",
    [
        "106 degrees",  # no scale: neither Celsius nor Fahrenheit
        "20 km from the border",  # words after the unit that this normaliser does not read
        "the final 5km",
        "with 7km to go",
    ],
)
def test_measurements_left_unread(amount: str) -> None:
    assert quantity(amount, None, None) is None


# --- money: pounds and currencies written every way --------------------------------------------


@pytest.mark.parametrize(
    ("amount", "unit", "low", "high"),
    [
        ("450 million pounds", "gbp", 449.5e6, 450.5e6),
        ("93.6 billion pound", "gbp", 93.55e9, 93.65e9),
        ("27,995-pound", "gbp", 27995, 27995),  # a price
        ("£250", "gbp", 250, 250),
        ("£5m", "gbp", 4.5e6, 5.5e6),
        ("300 pounds", "pounds", 297, 303),  # money or weight: a unit of its own
        ("a 300-pound man", "pounds", 297, 303),
        ("$141 billion", "usd", 140.5e9, 141.5e9),
        ("US$5m", "usd", 4.5e6, 5.5e6),
        ("5 million US dollars", "usd", 4.5e6, 5.5e6),
        ("C$2,000", "cad", 2000, 2000),
        ("2,000 Canadian dollars", "cad", 2000, 2000),
        ("A$2,000", "aud", 2000, 2000),
        ("€110bn", "eur", 109.5e9, 110.5e9),
        ("euro110 billion", "eur", 109.5e9, 110.5e9),
        ("110bn-euro", "eur", 109.5e9, 110.5e9),
        ("110 billion euros", "eur", 109.5e9, 110.5e9),
        ("EUR 110 billion", "eur", 109.5e9, 110.5e9),
        ("¥500", "jpy", 500, 500),
        ("500 yen", "jpy", 500, 500),
        ("500 yuan", "cny", 500, 500),
        ("Rs 500", "inr", 500, 500),
        ("Rs.500", "inr", 500, 500),
        ("500 rupees", "inr", 500, 500),
        ("₹500", "inr", 500, 500),
        ("more than $5m", "usd", 5e6, 10e6),
    ],
)
def test_money(amount: str, unit: str, low: float, high: float) -> None:
    result = _q(amount)
    assert result.unit == unit
    assert result.interval is not None
    assert result.interval.low == pytest.approx(low)
    assert result.interval.high == pytest.approx(high)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("€110bn", "110 billion euros", True),
        ("euro110 billion", "EUR 110 billion", True),
        ("110bn-euro", "120 billion euros", False),
        ("450 million pounds", "£450m", True),
        ("450 million pounds", "£500m", False),
        ("$141 billion", "US$141bn", True),
    ],
)
def test_money_compares_within_a_currency(a: str, b: str, compatible: bool) -> None:
    qa, qb = _q(a), _q(b)
    assert qa.comparable(qb)
    assert qa.compatible(qb) is compatible


# --- ages, compound adjectives, fillers, parentheses --------------------------------------------


@pytest.mark.parametrize(
    ("amount", "value"),
    [
        ("71-year-old", 71),
        ("a 47-year-old man", 47),
        ("47 years old", 47),
        ("aged 47", 47),
        ("an additional six", 6),
        ("a further four", 4),
        ("another 200", 200),
        ("six more", 6),
        ("all three", 3),
        ("a total of 12", 12),
        ("12 in total", 12),
        ("27 people", 27),
    ],
)
def test_counts_read_through_their_words(amount: str, value: float) -> None:
    result = _q(amount)
    assert result.unit is None
    assert result.interval == Interval(value, value)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("71-year-old", "71", True),
        ("71-year-old", "72", False),
        ("a further four", "four", True),
        ("six more", "seven", False),
        ("500 or more", "600", True),  # a hedge after the figure is still a hedge, not a filler
        ("500 or more", "400", False),
    ],
)
def test_counts_compare(a: str, b: str, compatible: bool) -> None:
    assert _q(a).compatible(_q(b)) is compatible


@pytest.mark.parametrize(
    ("amount", "like"),
    [
        ("1,150 kilometers (700 miles)", "1,150 kilometers"),
        ("110 billion euro ($141 billion)", "110 billion euro"),
        ("€110bn [$141bn]", "€110bn"),
    ],
)
def test_parenthetical_conversions_are_dropped(amount: str, like: str) -> None:
    assert _q(amount) == _q(like)


# --- times written as quantities and durations ------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "low", "high"),
    [
        ("2:06:41", 126 + 41 * SECOND, 126 + 42 * SECOND),
        ("2 hours, 6 minutes and 41 seconds", 126 + 41 * SECOND, 126 + 42 * SECOND),
        ("2:06", 126, 127),
        ("2 hours 6 minutes", 126, 127),
        ("4:05.3", 4 + 5.3 * SECOND, 4 + 5.4 * SECOND),
        ("2:06:41.5", 126 + 41.5 * SECOND, 126 + 41.6 * SECOND),
        ("eight-year warranty", 7.5 * YEAR, 8.5 * YEAR),
        ("an eight-year warranty", 7.5 * YEAR, 8.5 * YEAR),
        ("seven-year", 6.5 * YEAR, 7.5 * YEAR),
        ("a 90-minute phone call", 90, 90),
        ("11 seconds", 11 * SECOND, 11 * SECOND),
        ("nine seconds", 9 * SECOND, 9 * SECOND),
        ("two hours (120 minutes)", 120, 120),
    ],
)
def test_duration_forms(amount: str, low: float, high: float) -> None:
    result = _d(amount)
    assert result.interval is not None
    assert result.interval.low == pytest.approx(low)
    assert result.interval.high == pytest.approx(high)


@pytest.mark.parametrize(
    ("amount", "low", "high"),
    [
        ("2:06:41", 126 + 41 * SECOND, 126 + 42 * SECOND),
        ("11 seconds", 11 * SECOND, 11 * SECOND),
        ("four seconds", 4 * SECOND, 4 * SECOND),
        ("eight-year warranty", 7.5 * YEAR, 8.5 * YEAR),
        ("90 minutes", 90, 90),
        ("3 hours", 3 * HOUR, 3 * HOUR),
    ],
)
def test_times_as_quantities(amount: str, low: float, high: float) -> None:
    result = _q(amount)
    assert result.unit == "min"
    assert result.interval is not None
    assert result.interval.low == pytest.approx(low)
    assert result.interval.high == pytest.approx(high)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("2:06:41", "2 hours, 6 minutes and 41 seconds", True),
        ("2:06:41", "2:06:14", False),
        ("2:06:41", "2:06", True),  # a result to the minute is truncated
        ("2:06:41", "2:07", False),
        ("2:06:41", "2 hours 6 minutes", True),
        ("11 seconds", "nine seconds", False),
        ("11 seconds", "11 seconds", True),
        ("4:05.3", "4:05.4", False),
    ],
)
def test_times_compare(a: str, b: str, compatible: bool) -> None:
    assert _d(a).compatible(_d(b)) is compatible
    assert _q(a).compatible(_q(b)) is compatible  # a time claimed as a quantity is read as a duration


def test_clock_time_and_its_parts_are_one_value() -> None:
    assert _d("2:06:41") == _d("2 hours, 6 minutes and 41 seconds")
    assert _d("2:06:41") != _d("2:06:14")


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("2:06:41", "2 h 6 min 41 s"),
        ("4:05.3", "4 min 5.3 s"),
        ("11 seconds", "11 s"),
        ("90 minutes", "90 min"),
        ("2:06", "126–127 min"),
    ],
)
def test_times_print_to_the_second(amount: str, text: str) -> None:
    assert _d(amount).normalized == text


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("86-yard", "77.85–79.42 m"),  # under a kilometre, in metres: 86 and 84 yards print apart
        ("84-yard", "76.04–77.58 m"),
        ("minus 14 Celsius", "-14.5–-13.5 °C"),
        ("98 km/h", "97.02–98.98 km/h"),
        ("25 basis points", "0.25 points"),
        ("4.5%", "4.5%"),
    ],
)
def test_units_print(amount: str, text: str) -> None:
    assert _q(amount).normalized == text


# --- percentage points -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "low", "high"),
    [
        ("0.25 points", 0.25, 0.25),
        ("25 basis points", 0.25, 0.25),
        ("25 bps", 0.25, 0.25),
        ("a quarter point", 0.25, 0.25),
        ("a quarter of a percentage point", 0.25, 0.25),
        ("half a point", 0.5, 0.5),
        ("half a percentage point", 0.5, 0.5),
        ("9.1 points", 9.1, 9.1),
        ("just over nine points", 9, 9.9),
        ("two percentage points", 2, 2),
    ],
)
def test_percentage_points(amount: str, low: float, high: float) -> None:
    result = _q(amount)
    assert result.unit == "points"
    assert result.interval is not None
    assert result.interval.low == pytest.approx(low)
    assert result.interval.high == pytest.approx(high)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("25 basis points", "0.25 points", True),
        ("a quarter point", "25 basis points", True),
        ("half a point", "25 basis points", False),
        ("just over nine points", "9.1 points", True),
        ("just over nine points", "8.9 points", False),
    ],
)
def test_percentage_points_compare(a: str, b: str, compatible: bool) -> None:
    assert _q(a).compatible(_q(b)) is compatible


# --- bounds from prepositions ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "hedge", "low", "high"),
    [
        ("before the 25-kilometre mark", None, 0, 25),
        ("just after 30 km", None, 30, 33),
        ("after 30 km", "just", 30, 33),  # the judge splits "just" off as a hedge: it joins "after"
        ("after 30 km", None, 30, 60),
        ("past 30 km", None, 30, 60),
        ("beyond 30 km", None, 30, 60),
        ("within 30 km", None, 0, 30),
        ("by the 30-kilometre mark", None, 0, 30),
        ("shy of 30 km", None, 27, 30),
        ("short of 30 km", None, 27, 30),
        ("just under 30 km", None, 27, 30),
        ("just below 30 km", None, 27, 30),
        ("just before the 30-kilometre mark", None, 27, 30),
        ("by 5%", None, 5, 5),  # "rose by 5%" is 5%: "by" bounds only as "by the"
    ],
)
def test_position_bounds(amount: str, hedge: str | None, low: float, high: float) -> None:
    result = _q(amount, hedge)
    assert result.interval is not None
    assert result.interval.low == pytest.approx(low)
    assert result.interval.high == pytest.approx(high)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("before the 25-kilometre mark", "the 35-kilometre mark", False),
        ("before the 25-kilometre mark", "22 km", True),
        ("just after 30 km", "the 35-kilometre mark", False),
        ("just after 30 km", "31 km", True),
    ],
)
def test_position_bounds_compare(a: str, b: str, compatible: bool) -> None:
    assert _q(a).compatible(_q(b)) is compatible


def test_after_is_no_bound_on_a_duration() -> None:
    """A duration "after two hours" of talks is two hours: position words are read by quantities only."""
    assert duration("after two hours", None) is None
    assert _d("within two hours").interval == Interval(0, 120)


# --- how wide a hedge is -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "low", "high"),
    [
        ("about 4,100", 3895, 4305),  # 5%: written to the hundred
        ("about 60", 51, 69),  # a step of ten, capped at 15%
        ("around 300", 255, 345),
        ("about 940", 893, 987),
        ("roughly 30,000", 25500, 34500),
        ("about 15", 14, 16),  # one step of the last digit when that is more than 5%
        ("some 3,000", 2550, 3450),
        ("about 4.5", 4.275, 4.725),
        ("about 1.2 million", 1.1e6, 1.3e6),
        ("4,100 or so", 3895, 4305),
        ("nearly 20,000", 18000, 20000),  # other hedges keep their factors
        ("more than 50,000", 50000, 100000),
    ],
)
def test_hedge_width_follows_roundness(amount: str, low: float, high: float) -> None:
    result = _q(amount)
    assert result.interval is not None
    assert result.interval.low == pytest.approx(low)
    assert result.interval.high == pytest.approx(high)


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("about 4,100", "4,700", False),
        ("about 4,100", "4,000", True),
        ("about 940 miles", "1,500 km", True),
        ("roughly 30,000", "more than 50,000", False),
        ("nearly 20,000", "19,910", True),
        ("about 60", "62", True),
        ("around 300", "350", False),
        ("around 300", "340", True),
        ("some 3,000", "3,200", True),
    ],
)
def test_hedge_width_compare(a: str, b: str, compatible: bool) -> None:
    assert _q(a).compatible(_q(b)) is compatible
    assert _q(b).compatible(_q(a)) is compatible


def test_durations_keep_fixed_hedge_factors() -> None:
    """Durations are already written in round units: "about 90 minutes" stays 15% either way."""
    interval = _d("90 minutes", "about").interval
    assert interval is not None
    assert (interval.low, interval.high) == pytest.approx((76.5, 103.5))


# --- titles: descriptors, abbreviations, compound offices --------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("one-term incumbent", TitleKey("", None, "current")),  # "one" is no organisation, "term" no office
        ("two-term senator", TitleKey("senator", None, "current")),
        ("first-term congressman", TitleKey("representative", None, "current")),
        ("three-time champion", TitleKey("champion", None, "current")),
        ("longtime senator", TitleKey("senator", None, "current")),
        ("veteran diplomat", TitleKey("diplomat", None, "current")),
        ("veteran", TitleKey("veteran", None, "current")),  # a descriptor alone stays
        ("one-time president", TitleKey("president", None, "former")),  # "one-time" is a status
        ("incumbent mayor", TitleKey("mayor", None, "current")),
        ("Lt. Gov.", TitleKey("lieutenant governor", None, "current")),
        ("Lt Gov", TitleKey("lieutenant governor", None, "current")),
        ("Sgt.", TitleKey("sergeant", None, "current")),
        ("Det. Sgt.", TitleKey("detective sergeant", None, "current")),
        ("Det. Chief Insp.", TitleKey("detective chief inspector", None, "current")),
        ("Supt.", TitleKey("superintendent", None, "current")),
        ("Cmdr.", TitleKey("commander", None, "current")),
        ("Adm.", TitleKey("admiral", None, "current")),
        ("Col.", TitleKey("colonel", None, "current")),
        ("Capt.", TitleKey("captain", None, "current")),
        ("Maj. Gen.", TitleKey("major general", None, "current")),
        ("Prof.", TitleKey("professor", None, "current")),
        ("Amb.", TitleKey("ambassador", None, "current")),
        ("Sec.", TitleKey("secretary", None, "current")),
        ("Gov.", TitleKey("governor", None, "current")),
        ("Sen.", TitleKey("senator", None, "current")),
        ("Rep.", TitleKey("representative", None, "current")),
        ("Atty. Gen.", TitleKey("attorney-general", None, "current")),
        ("Attorney General", TitleKey("attorney-general", None, "current")),
        ("Governor-General", TitleKey("governor-general", None, "current")),
        ("Australian Governor General", TitleKey("governor-general", "australia", "current")),
        ("Lt. Gen.", TitleKey("lieutenant general", None, "current")),  # a military general stays one
        ("Dr.", TitleKey("dr", None, "current")),  # an honorific, not "doctor": the roles judge drops it
        ("Popular Party leader", TitleKey("leader", "popular party", "current")),
    ],
)
def test_title_forms(title: str, expected: TitleKey) -> None:
    assert title_key(title, None, "unspecified") == expected


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("Lt. Gov.", "Lieutenant Governor", False),
        ("Supt.", "Superintendent", False),
        ("Det. Sgt.", "Detective Sergeant", False),
        ("two-term senator", "Senator", False),
        ("longtime senator", "Sen.", False),
        ("Governor-General", "Governor General", False),
        ("Governor-General", "General", True),
        ("Attorney General", "Gen.", True),
        ("Lt. Gov.", "Governor", True),
        ("one-time president", "President", True),
    ],
)
def test_title_forms_conflict(a: str, b: str, conflict: bool) -> None:
    assert titles_conflict(title_key(a, None, "unspecified"), title_key(b, None, "unspecified")) is conflict


# --- quotes: British and American spellings, tokenised apostrophes ----------------------------


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("We realised the organisation had to change", "We realized the organization had to change", "same"),
        ("The colour of my favourite centre", "The color of my favorite center", "same"),
        ("We travelled to see the defence programme", "We traveled to see the defense program", "same"),
        ("We must analyse the grey areas", "We must analyze the gray areas", "same"),
        ("The travellers were labelled", "The travelers were labeled", "same"),
        ("It was unauthorised and unrecognised", "It was unauthorized and unrecognized", "same"),  # prefixes
        ("A paediatric centre", "A pediatric center", "same"),
        ("I \u2019 m sure we don \u2019 t know", "I'm sure we don't know", "same"),
        ("it ' s over and we can ' t stop", "it's over and we can't stop", "same"),
        ("We\u2019ve said what we\u2019ll do", "We ' ve said what we ' ll do", "same"),
        ("We waited four hours for the result", "We waited for hours for the result", "severe_change"),
        ("this is our hour to act now", "this is or hor to act now", "minor_change"),  # never one word
        ("We met Mr Grey today", "We met Mr Gray today", "severe_change"),  # names are not folded
        ("We will advise them", "We will advize them", "minor_change"),  # "advise" has no -ize form
        ("The realised gains", "The realized losses", "minor_change"),
    ],
)
def test_quote_spellings(a: str, b: str, relation: str) -> None:
    assert quote_relation(a, b) == relation
    assert quote_relation(b, a) == relation


@pytest.mark.parametrize(
    ("word", "american"),
    [
        ("realised", "realized"),
        ("organisation", "organization"),
        ("colour", "color"),
        ("favourite", "favorite"),
        ("centre", "center"),
        ("travelled", "traveled"),
        ("defence", "defense"),
        ("programme", "program"),
        ("analyse", "analyze"),
        ("grey", "gray"),
        ("unauthorised", "unauthorized"),
        ("four", "four"),
        ("hour", "hour"),
        ("our", "our"),
        ("tour", "tour"),
        ("pour", "pour"),
        ("surprise", "surprise"),
        ("exercise", "exercise"),
        ("advise", "advise"),
        ("tonne", "tonne"),  # a different unit, not a spelling
        ("realized", "realized"),
    ],
)
def test_american_spelling(word: str, american: str) -> None:
    assert _american(word) == american
