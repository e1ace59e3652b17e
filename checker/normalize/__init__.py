"""Pure normalisers: turn claim values into comparable keys and intervals, with their uncertainty.

The reconciler compares what these functions return, never raw strings. Everything here is
deterministic and side-effect free: no model, no network, no clock, no randomness, and no I/O but
reading the package's own word tables (``checker/normalize/data/``) once, at import.
Heavy libraries (rapidfuzz, anyascii, nicknames) are imported lazily so the CLI starts fast.

Layout
------
One module per kind of value, each building only on the shared base below it (an import contract in
pyproject.toml keeps it so):

* :mod:`~checker.normalize.text` — the shared base: quote/dash folding, ASCII folding, cleaned words, singulars.
* :mod:`~checker.normalize.numbers` — numbers in digits or words; :mod:`~checker.normalize.amounts` — the
  :class:`Interval` and :class:`Amount` they become; :mod:`~checker.normalize.hedges` — what widens them.
* :mod:`~checker.normalize.durations`, :mod:`~checker.normalize.quantities` — the two kinds of amount;
  quantities read a time ("11 seconds", "2:06:41") through durations, the one module below them.
* :mod:`~checker.normalize.measures`, :mod:`~checker.normalize.events`, :mod:`~checker.normalize.organisations`,
  :mod:`~checker.normalize.people`, :mod:`~checker.normalize.titles` — keys.
* :mod:`~checker.normalize.dates`, :mod:`~checker.normalize.quotes`.
* :mod:`~checker.normalize.times` — whole time expressions (day, weekday, clock readings and zones), on
  top of dates.

Tables of words (synonyms, country names, hedges and their factors, units, honorifics...) are data, not
code: plain-text and TSV files in ``checker/normalize/data/``, each saying in its header what it is for,
read by :mod:`~checker.normalize._data`. Small regular expressions stay in the code that uses them.

API overview
------------
Amounts (durations in minutes, quantities in their unit):

* :class:`Interval` ``(low, high, open_high=False)``, with :meth:`Interval.overlaps`; the precision of a
  written figure is half-open ("eight years" is [7.5, 8.5), so it never touches "seven years").
* :class:`Amount` ``(interval, vague, unit, magnitude)`` with :meth:`Amount.compatible`,
  :meth:`Amount.comparable` and :attr:`Amount.normalized` (also ``str(amount)``), e.g. ``"76–104 min"``.
* :func:`duration` ``(amount, hedge) -> Amount | None`` — minutes; hedges widen the interval.
* :func:`quantity` ``(amount, hedge, unit) -> Amount | None`` — counts, percentages, percentage points,
  money by currency, and measurements converted to one unit per dimension (km, km/h, °C, ha, kg).
* :func:`parse_number` ``(text) -> float | None`` — digits or English number words; :func:`numbers_in`
  ``(text)`` — every number a text writes, in order.
* :func:`hedge_from_evidence` ``(evidence, amount) -> str | None`` — a hedge the extractor left out.

Keys (equal keys mean "the same thing"; different keys never compare):

* :func:`measure_key` — ``"people killed"`` -> ``"deaths"``.
* :func:`event_type_key` — ``"phone conversation"`` -> ``"call"``.
* :func:`org_key` — ``"the Kremlin"`` -> ``"kremlin"``, ``"U.S."`` -> ``"united states"``.
* :func:`name_key`, :class:`PersonIndex` (surname-only mentions inside one source),
  :func:`same_person` (across sources).
* :func:`title_key` -> :class:`TitleKey` ``(office, affiliation, status)`` and :func:`titles_conflict`.

Dates: :func:`resolve_weekday` and :func:`parse_date` against a publication date; :func:`weekday_of`.

Quotes: :func:`quote_relation` -> ``"same" | "fragment" | "minor_change" | "severe_change" | "different"``,
:func:`quote_links` (the "same" or "fragment" pairs among many quotes), and :func:`normalize_text`
(straight quotes, plain dashes, single spaces, casefolded).
"""

from __future__ import annotations

from checker.normalize.amounts import Amount, Interval, Vague
from checker.normalize.dates import parse_date, resolve_weekday, weekday_of
from checker.normalize.durations import duration
from checker.normalize.events import event_type_key
from checker.normalize.hedges import hedge_from_evidence
from checker.normalize.measures import measure_key
from checker.normalize.numbers import is_number_word, numbers_in, parse_number
from checker.normalize.organisations import countries_in, org_key
from checker.normalize.people import PersonIndex, name_key, same_person
from checker.normalize.quantities import CURRENCIES, quantity
from checker.normalize.quotes import QuoteRelation, quote_links, quote_relation
from checker.normalize.text import normalize_text, singular
from checker.normalize.titles import TitleKey, title_key, titles_conflict

__all__ = [
    "CURRENCIES",
    "Amount",
    "Interval",
    "PersonIndex",
    "QuoteRelation",
    "TitleKey",
    "Vague",
    "countries_in",
    "duration",
    "event_type_key",
    "hedge_from_evidence",
    "is_number_word",
    "measure_key",
    "name_key",
    "normalize_text",
    "numbers_in",
    "org_key",
    "parse_date",
    "parse_number",
    "quantity",
    "quote_links",
    "quote_relation",
    "resolve_weekday",
    "same_person",
    "singular",
    "title_key",
    "titles_conflict",
    "weekday_of",
]
