"""Organisations and countries: :func:`org_key` drops articles and company suffixes and folds acronyms
and country adjectives into one name ("the Kremlin" = "Kremlin", "U.S." = "America" -> "united states");
the same country table finds a country written inside a title ("Russian President").
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.normalize._data import pairs, rows
from checker.normalize.text import _clean

# Country names and their adjectives -> one lowercase country name. Generic reference data.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    country: tuple(alias.strip() for alias in aliases.split("|")) for country, aliases in rows("countries.tsv", 2)
}
_COUNTRY_OF: dict[str, str] = {}
for _country, _aliases in _COUNTRIES.items():
    _COUNTRY_OF[_country] = _country
    for _a in _aliases:
        _COUNTRY_OF[_a] = _country

_MAX_ALIAS_WORDS = max(len(alias.split()) for alias in _COUNTRY_OF)
assert all(alias == alias.strip() for alias in _COUNTRY_OF), "aliases are matched from word start to word end"


_WORD_SPAN_RE = re.compile(r"\S+")


def _country_aliases_in(text: str) -> list[str]:
    """Country aliases standing as whole words in ``text``, longest first (then alphabetical).

    The same aliases, in the same order, as searching ``(?:^|\\s)alias(?:\\s|$)`` for every alias of
    the table sorted by (-len, alias), but found by looking up each whole-word run of ``text`` in the
    table: no alias starts or ends with whitespace, so a match always runs from a word start to a word end.
    """
    spans = [(m.start(), m.end()) for m in _WORD_SPAN_RE.finditer(text)]
    found = {
        text[start:end]
        for i, (start, _) in enumerate(spans)
        for _, end in spans[i : i + _MAX_ALIAS_WORDS]
        if text[start:end] in _COUNTRY_OF
    }
    return sorted(found, key=lambda a: (-len(a), a))


@lru_cache(maxsize=512)
def _alias_pattern(alias: str) -> re.Pattern[str]:
    return re.compile(rf"(?:^|\s){re.escape(alias)}(?=\s|$)")


_ORG_ALIASES = pairs("organisation_aliases.tsv")
_ORG_SUFFIXES = re.compile(r"\s+(inc|incorporated|ltd|limited|corp|corporation|co|llc|plc|ag|sa|gmbh|group)$")
_ORG_INVERT = re.compile(r"^(department|ministry|office|bureau|agency) (?:of|for) (?:the )?(.+)$")


def org_key(name: str) -> str:
    """A key for an organisation or place: "the Kremlin" = "Kremlin"; "U.S." = "US" = "America".

    Leading "the", punctuation, possessives and company suffixes (Inc, Ltd) are dropped, acronyms and
    country adjectives map to one name, and "Department of State" becomes "state department".
    """
    s = _clean(name.replace("&", " and "))
    s = re.sub(r"^the\s+", "", s)
    s = _ORG_SUFFIXES.sub("", s)
    if s in _ORG_ALIASES:
        return _ORG_ALIASES[s]
    if s in _COUNTRY_OF:
        return _COUNTRY_OF[s]
    m = _ORG_INVERT.match(s)
    if m:
        s = f"{m.group(2)} {m.group(1)}"
    s = re.sub(r"\borganisation\b", "organization", s)
    return _ORG_ALIASES.get(s, s)


def countries_in(text: str) -> frozenset[str]:
    """The countries a phrase names, by name or adjective ("the Russian embassy" -> {"russia"})."""
    cleaned = _clean(text)
    return frozenset(_COUNTRY_OF[alias] for alias in _country_aliases_in(cleaned))
