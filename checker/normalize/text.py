"""The text forms every normaliser starts from: :func:`normalize_text` (straight quotes, plain dashes, single
spaces, casefolded) is the form quotes and evidence are compared in; ``_clean`` (lowercase ASCII words,
punctuation other than ``%``/``$`` dropped) is the first step of every key in this package, ``_ascii`` the
transliteration names and dates start from, and ``singular`` the crude singular that keys use.
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.normalize._data import codepoints, rows

# Typographic quotes, dashes, spaces and the ellipsis folded to ASCII (data/typography.tsv).
_QUOTE_TRANS = str.maketrans({codepoints(char): codepoints(to) for char, to in rows("typography.tsv", 2)})


def normalize_text(s: str) -> str:
    """Straight quotes, plain hyphens, single spaces, casefolded: the form text is compared in."""
    return " ".join(s.translate(_QUOTE_TRANS).split()).casefold()


@lru_cache(maxsize=1 << 16)
def _ascii(s: str) -> str:
    """ASCII-fold (anyascii, imported lazily: it costs ~14 ms) after quote/dash normalisation."""
    s = s.translate(_QUOTE_TRANS)
    if s.isascii():
        return s
    from anyascii import anyascii

    return anyascii(s)


def _clean(s: str) -> str:
    """Lowercase ASCII words separated by single spaces; punctuation other than ``%``/``$`` dropped."""
    s = _ascii(s).lower()
    s = re.sub(r"'s\b", "", s)
    s = s.replace("'", "")
    s = re.sub(r"(?<=[a-z])\.(?=[a-z]\.)", "", s)  # u.s. -> us.
    s = re.sub(r"(?<=\b[a-z])\.", "", s)
    s = re.sub(r"[^a-z0-9%$\u20ac\u00a3.,\s-]", " ", s)
    s = re.sub(r"(?<![0-9])[.,]|[.,](?![0-9])", " ", s)
    s = s.replace("-", " ")
    return " ".join(s.split())


def singular(word: str) -> str:
    """A crude singular for keys: 'deaths' -> 'death', 'casualties' -> 'casualty'; short words untouched."""
    if len(word) <= 3 or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word
