"""What durations and quantities normalise to: an :class:`Interval` (a range, inclusive or open at the top)
and an :class:`Amount` (an interval in a canonical unit, or a vague word with a direction), with the report
form of an amount ("76–104 min", "tens of thousands (10,000–99,999)", "4.5%", "11 s", "78.64 m"), durations
shown in their largest natural unit and other units as ``data/unit_display.tsv`` says.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from checker.normalize._data import number, rows

Vague = Literal["long", "short", "many", "few"]


@dataclass(frozen=True)
class Interval:
    """A range of values, inclusive unless ``open_high``; a point value has ``low == high``.

    The precision a written figure carries is half-open: "eight years" is [7.5, 8.5) and "seven years"
    [6.5, 7.5), so two different whole figures never share their boundary and conflict, while a value
    written between them ("7.6 years", "about 8") still meets the one it rounds to.
    """

    low: float
    high: float
    open_high: bool = False

    def overlaps(self, other: Interval) -> bool:
        """True when the two ranges share at least one value (so they can both be right)."""
        return _below(self.low, other) and _below(other.low, self)

    def contains(self, value: float) -> bool:
        """True when ``value`` lies in the range."""
        return self.low <= value and _below(value, self)


def _below(value: float, interval: Interval) -> bool:
    """``value`` is not above ``interval`` (under its top, or at a top that is included)."""
    return value < interval.high if interval.open_high and interval.high > interval.low else value <= interval.high


@dataclass(frozen=True)
class Amount:
    """A normalised amount: an interval in ``unit``, or a vague word with a direction.

    ``unit`` is ``"min"`` for durations (and times written as quantities), ``"percent"``, ``"points"``
    (percentage points), a currency code (``"usd"``), ``"km"``, ``"kg"``, ``"km/h"``, ``"degc"``, ``"ha"``,
    ``"pounds"`` (money or weight: kept apart from both), or None for plain counts.
    ``magnitude`` names a vague magnitude ("tens of thousands") whose interval is fixed.
    """

    interval: Interval | None
    vague: Vague | None
    unit: str | None
    magnitude: str | None = None

    def comparable(self, other: Amount) -> bool:
        """True when both are in the same unit (only then can they agree or conflict)."""
        return self.unit == other.unit

    def compatible(self, other: Amount) -> bool:
        """True unless both are precise enough and in the same unit but their intervals do not overlap.

        Vague words ("lengthy", "brief", "many") never conflict: they fit any value of their direction.
        Different units are not comparable; they count as incompatible so callers check
        :meth:`comparable` first.
        """
        if self.vague is not None or other.vague is not None:
            return True
        if not self.comparable(other):
            return False
        if self.interval is None or other.interval is None:
            return True
        return self.interval.overlaps(other.interval)

    @property
    def normalized(self) -> str:
        """The report form: "90 min", "76–104 min", "tens of thousands (10,000–99,999)", "4.5%"."""
        if self.interval is None:
            return f"{self.vague or 'unknown'} (vague)"
        text = _format_interval(self.interval, self.unit)
        if self.magnitude:
            return f"{self.magnitude} ({text})"
        return text

    def __str__(self) -> str:
        return self.normalized


def _fmt(v: float) -> str:
    if math.isinf(v):
        return "∞"
    if abs(v - round(v)) < 1e-9:
        return f"{round(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


_MIN_PER = {"min": 1.0, "h": 60.0, "days": 1440.0, "years": 525960.0}
# unit -> (label, smaller label, factor into the smaller unit); below 1 the smaller unit is shown.
_DISPLAY: dict[str, tuple[str, str | None, float]] = {
    unit: (label, extra[0] if extra else None, float(number(extra[1])) if extra else 1.0)
    for unit, label, *extra in rows("unit_display.tsv", 2, optional=2)
}


def _clock(minutes: float) -> str | None:
    """A duration read to the second that is not whole minutes, as its parts: "2 h 6 min 41 s", "11 s"."""
    seconds = round(minutes * 60.0, 1)
    if abs(seconds - 60.0 * round(minutes)) < 0.05:
        return None
    hours, rest = divmod(seconds, 3600.0)
    mins, secs = divmod(rest, 60.0)
    parts = [f"{int(hours)} h" if hours else "", f"{int(mins)} min" if mins or hours else "", f"{_fmt(secs)} s"]
    return " ".join(p for p in parts if p)


def _format_interval(iv: Interval, unit: str | None) -> str:
    """Durations are shown in the largest natural unit; others in their own unit."""
    if unit == "min":
        ref = iv.high if not math.isinf(iv.high) else iv.low
        to_the_second = iv.low == iv.high or (iv.open_high and iv.high - iv.low <= 1 / 60 + 1e-9)
        if ref < 6 * 60.0 and (to_the_second or ref < 1.0):
            if to_the_second and (parts := _clock(iv.low)) is not None:
                return parts
            if ref < 1.0:
                lo, hi = round(iv.low * 60.0, 1), round(iv.high * 60.0, 1)
                return (_fmt(lo) if lo == hi else f"{_fmt(lo)}–{_fmt(hi)}") + " s"
        if ref >= 2 * 525960.0 * 0.5:
            scale, label = _MIN_PER["years"], "years"
        elif ref >= 3 * 1440.0:
            scale, label = _MIN_PER["days"], "days"
        elif ref >= 6 * 60.0:
            scale, label = _MIN_PER["h"], "h"
        else:
            scale, label = 1.0, "min"
        lo, hi = iv.low / scale, iv.high / scale
        if scale != 1.0:
            lo, hi = round(lo, 2), round(hi, 2)
        else:
            lo, hi = math.floor(lo + 1e-9), math.ceil(hi - 1e-9) if not math.isinf(hi) else hi
    else:
        lo, hi = iv.low, iv.high
        label = "" if unit is None else " " + unit
        if unit in _DISPLAY:
            name, small, factor = _DISPLAY[unit]
            label = "%" if name == "%" else " " + name
            ref = hi if not math.isinf(hi) else lo
            if small is not None and abs(ref) < 1.0:
                lo, hi, label = lo * factor, hi * factor, " " + small
    body = _fmt(lo) if lo == hi else f"{_fmt(lo)}–{_fmt(hi)}"
    if unit == "min":
        return f"{body} {label}"
    return body + label
