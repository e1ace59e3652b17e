"""Numbers written in digits or English words ("3,000", "1.2 million", "two and a half", "a dozen") read as
floats, and the number words other normalisers share: scales give written figures their precision, ordinals
read "its third year", and all of them tell a quote's numbers from its other words.
"""

from __future__ import annotations

import re

from checker.normalize._data import number, rows
from checker.normalize.text import _ascii, _clean

_SMALL = {word: number(value) for word, value in rows("number_words.tsv", 2)}
_SCALES = {word: float(number(value)) for word, value in rows("number_scales.tsv", 2)}
_ORDINALS = {word: int(number(value)) for word, value in rows("ordinals.tsv", 2)}
_DIGITS_RE = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")


def _digits(tok: str) -> float | None:
    m = _DIGITS_RE.match(tok)
    if not m:
        return None
    return float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))


def parse_number(text: str) -> float | None:
    """Read a number written in digits or English words, or None.

    Handles "3,000", "1.2 million", "2bn", "twenty-seven", "one and a half", "two and a half million",
    "half a million", "a quarter", "a quarter of a", "a dozen", "one hundred and twenty". Written by hand
    because word2number drops fractions ("one and a half" -> 1) and numerizer leaves "half a million" and
    "a dozen" half-done.
    """
    s = _clean(text)
    s = re.sub(r"(\d)\s*(k|m|mn|mln|bn|b|tn)\b", r"\1 \2", s)
    s = re.sub(r"\band an? (half|quarter)\b", r"+\1", s)
    s = re.sub(r"\b(half|quarter)(?: of)? an?\b", r"\1", s)  # "half a million", "a quarter of a point"
    s = re.sub(r"^an? (?=(?:half|quarter)\b)", "", s)  # "a quarter" is a quarter, "a half million" half a million
    toks = [t for t in s.split() if t not in ("and", "of")]
    if not toks:
        return None
    total = 0.0
    current: float | None = None
    for tok in toks:
        d = _digits(tok)
        if d is not None:
            if current is not None:
                return None
            current = d
        elif tok in ("+half", "+quarter"):
            current = (1.0 if current is None else current) + _SMALL[tok[1:]]
        elif tok in ("a", "an"):
            if current is not None:
                return None
            current = 1.0
        elif tok in _SMALL:
            v = float(_SMALL[tok])
            if tok == "dozen":
                current = 12.0 * (1.0 if current is None else current)
            elif current is None:
                current = v
            elif (current >= 100 and current % 100 == 0) or (current >= 20 and current % 10 == 0 and v < 10):
                current += v
            else:
                return None
        elif tok in _SCALES:
            if current is None:
                if tok != "hundred" and tok not in ("thousand", "million", "billion", "trillion"):
                    return None
                current = 1.0
            if tok == "hundred":
                current *= 100.0
            else:
                total += current * _SCALES[tok]
                current = None
        else:
            return None
    return total + (current or 0.0)


# A length of time written like a clock: h:mm:ss ("2:06:41"), m:ss with tenths ("4:05.3"), or h:mm ("2:06").
_CLOCK_RE = re.compile(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d(?:\.\d+)?)|(\.\d+))?")


def clock_minutes(text: str) -> tuple[float, float] | None:
    """A duration written like a clock, as (minutes, how many more minutes it can be), or None.

    A clock reading is truncated to its last written unit, never rounded up (a 2:06:41 result is a "2:06"):
    "2:06:41" (h:mm:ss) -> (126.68..., 1/60), "4:05.3" (m:ss.d: only a minutes-and-seconds reading has
    tenths) -> (4.088..., 0.1 s), "2:06" (h:mm) -> (126, 1). The whole text must be the clock.
    """
    m = _CLOCK_RE.fullmatch(text.strip())
    if m is None:
        return None
    first, second, seconds, tenths = m.groups()
    if tenths is not None:  # m:ss.d
        return int(first) + (int(second) + float(tenths)) / 60.0, 10.0 ** -(len(tenths) - 1) / 60.0
    if seconds is not None:  # h:mm:ss
        fraction = seconds.partition(".")[2]
        return int(first) * 60.0 + int(second) + float(seconds) / 60.0, 10.0 ** -len(fraction) / 60.0
    return int(first) * 60.0 + int(second), 1.0


_NUMBER_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?|[a-z]+")
# Number words that make up a written number; "a", "an" and the one-letter scales read as numbers only
# right after digits ("2m"), and "half" and "quarter" are more often a period ("the first half").
_RUN_WORDS = frozenset(set(_SMALL) | set(_SCALES)) - {"a", "an", "k", "m", "b", "half", "quarter"}


def is_number_word(word: str) -> bool:
    """Whether a lowercase word writes (part of) a number: "nine", "million", "third"."""
    return word in _RUN_WORDS or word in _ORDINALS


def _drop_article(text: str) -> str:
    """A cleaned text without the article before its figure: "a 47 year old" -> "47 year old", "an eight
    year" -> "eight year"; "a year" keeps it (there the article is the number)."""
    words = text.split(" ", 2)
    if len(words) > 1 and words[0] in ("a", "an", "the") and (words[1][:1].isdigit() or words[1] in _RUN_WORDS):
        return text.split(" ", 1)[1]
    return text


def numbers_in(text: str) -> tuple[float, ...]:
    """The numbers a text writes, in order: digits, number words, ordinals ("a further four" -> (4,),
    "2:06:41" -> (2, 6, 41), "the 4th quarter" -> (4,), "two hundred and fifty" -> (250,)). What two
    values no parser reads can still be told apart by."""
    out: list[float] = []
    run: list[str] = []

    def flush() -> None:
        while run and run[-1] == "and":
            run.pop()
        if run:
            whole = parse_number(" ".join(run))
            if whole is not None:
                out.append(whole)
            else:
                out.extend(v for t in run if (v := parse_number(t)) is not None)
        run.clear()

    for token in _NUMBER_TOKEN.findall(_ascii(text).lower()):
        if token[0].isdigit():
            flush()
            value = _digits(re.sub(r"(st|nd|rd|th)$", "", token))
            if value is not None:
                out.append(value)
        elif token in _ORDINALS:
            flush()
            out.append(float(_ORDINALS[token]))
        elif token in _RUN_WORDS or (token == "and" and run):
            run.append(token)
        else:
            flush()
    flush()
    return tuple(out)
