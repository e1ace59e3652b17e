"""Table-driven tests for the forms real coverage writes numbers in: half-open precision, clock-style times,
compound adjectives.

Every row that says two values agree has a neighbour that says two close ones do not.
"""

from __future__ import annotations

import pytest

from checker.normalize import duration
from checker.normalize.amounts import Amount, Interval

YEAR = 525960.0
SECOND = 1 / 60


def _d(text: str, hedge: str | None = None) -> Amount:
    amount = duration(text, hedge)
    assert amount is not None, text
    return amount


# --- precision intervals are half-open ------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        (
            Interval(7.5, 8.5, open_high=True),
            Interval(6.5, 7.5, open_high=True),
            False,
        ),  # eight vs seven
        (Interval(7.5, 8.5, open_high=True), Interval(7.6, 7.6), True),
        (
            Interval(7.5, 8.5, open_high=True),
            Interval(8.5, 8.5),
            False,
        ),  # 8.5 rounds to nine
        (Interval(7.5, 8.5, open_high=True), Interval(7.5, 7.5), True),
        (
            Interval(7.5, 8.5),
            Interval(8.5, 9.5, open_high=True),
            True,
        ),  # a closed top still touches
        (
            Interval(5, 5, open_high=True),
            Interval(5, 5),
            True,
        ),  # an empty open interval is its point
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
