"""What durations and quantities normalise to: an :class:`Interval` (an inclusive range) and an
:class:`Amount` (an interval in a canonical unit, or a vague word with a direction), with the report form of
an amount ("76–104 min", "tens of thousands (10,000–99,999)", "4.5%"), durations shown in their largest
natural unit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

Vague = Literal["long", "short", "many", "few"]


@dataclass(frozen=True)
class Interval:
    """An inclusive range of values; a point value has ``low == high``."""

    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        """True when the two ranges share at least one value (so they can both be right)."""
        return self.low <= other.high and other.low <= self.high

    def contains(self, value: float) -> bool:
        """True when ``value`` lies in the range."""
        return self.low <= value <= self.high


@dataclass(frozen=True)
class Amount:
    """A normalised amount: an interval in ``unit``, or a vague word with a direction.

    ``unit`` is ``"min"`` for durations, ``"percent"``, a currency code (``"usd"``), ``"km"``, or None for
    plain counts. ``magnitude`` names a vague magnitude ("tens of thousands") whose interval is fixed.
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


def _format_interval(iv: Interval, unit: str | None) -> str:
    """Durations are shown in the largest natural unit; others in their own unit."""
    if unit == "min":
        ref = iv.high if not math.isinf(iv.high) else iv.low
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
        label = {None: "", "percent": "%"}.get(unit, f" {unit}")
    body = _fmt(lo) if lo == hi else f"{_fmt(lo)}–{_fmt(hi)}"
    if unit == "percent":
        return body + "%"
    if unit == "min":
        return f"{body} {label}"
    return body + label
