"""Organisations and countries: :func:`org_key` drops articles and company suffixes and folds acronyms
and country adjectives into one name ("the Kremlin" = "Kremlin", "U.S." = "America" -> "united states");
the same country table finds a country written inside a title ("Russian President").
"""

from __future__ import annotations

import re
from functools import lru_cache

from checker.normalize.text import _clean

# Country names and their adjectives -> one lowercase country name. Generic reference data.
_COUNTRIES: dict[str, tuple[str, ...]] = {
    "united states": ("us", "usa", "u s", "u s a", "america", "american", "united states of america", "the us"),
    "united kingdom": ("uk", "u k", "britain", "great britain", "british", "english", "england"),
    "russia": ("russian", "russian federation"),
    "ukraine": ("ukrainian", "the ukraine"),
    "china": ("chinese", "prc", "people s republic of china"),
    "taiwan": ("taiwanese",),
    "japan": ("japanese",),
    "south korea": ("south korean", "korean", "republic of korea"),
    "north korea": ("north korean", "dprk"),
    "india": ("indian",),
    "pakistan": ("pakistani",),
    "afghanistan": ("afghan",),
    "iran": ("iranian",),
    "iraq": ("iraqi",),
    "syria": ("syrian",),
    "israel": ("israeli",),
    "palestine": ("palestinian",),
    "lebanon": ("lebanese",),
    "jordan": ("jordanian",),
    "egypt": ("egyptian",),
    "saudi arabia": ("saudi", "saudi arabian"),
    "united arab emirates": ("uae", "emirati"),
    "qatar": ("qatari",),
    "turkey": ("turkish", "turkiye"),
    "germany": ("german",),
    "france": ("french",),
    "italy": ("italian",),
    "spain": ("spanish",),
    "portugal": ("portuguese",),
    "netherlands": ("dutch", "the netherlands", "holland"),
    "belgium": ("belgian",),
    "switzerland": ("swiss",),
    "austria": ("austrian",),
    "poland": ("polish",),
    "hungary": ("hungarian",),
    "czech republic": ("czech", "czechia"),
    "slovakia": ("slovak",),
    "romania": ("romanian",),
    "bulgaria": ("bulgarian",),
    "greece": ("greek",),
    "serbia": ("serbian",),
    "croatia": ("croatian",),
    "belarus": ("belarusian",),
    "moldova": ("moldovan",),
    "georgia": ("georgian",),
    "armenia": ("armenian",),
    "azerbaijan": ("azerbaijani",),
    "kazakhstan": ("kazakh",),
    "sweden": ("swedish",),
    "norway": ("norwegian",),
    "denmark": ("danish",),
    "finland": ("finnish",),
    "estonia": ("estonian",),
    "latvia": ("latvian",),
    "lithuania": ("lithuanian",),
    "ireland": ("irish",),
    "canada": ("canadian",),
    "mexico": ("mexican",),
    "brazil": ("brazilian",),
    "argentina": ("argentine", "argentinian"),
    "chile": ("chilean",),
    "colombia": ("colombian",),
    "venezuela": ("venezuelan",),
    "peru": ("peruvian",),
    "cuba": ("cuban",),
    "australia": ("australian",),
    "new zealand": ("new zealander",),
    "south africa": ("south african",),
    "nigeria": ("nigerian",),
    "kenya": ("kenyan",),
    "ethiopia": ("ethiopian",),
    "sudan": ("sudanese",),
    "libya": ("libyan",),
    "morocco": ("moroccan",),
    "algeria": ("algerian",),
    "tunisia": ("tunisian",),
    "indonesia": ("indonesian",),
    "philippines": ("philippine", "filipino", "the philippines"),
    "vietnam": ("vietnamese",),
    "thailand": ("thai",),
    "malaysia": ("malaysian",),
    "singapore": ("singaporean",),
    "myanmar": ("burmese", "burma"),
    "bangladesh": ("bangladeshi",),
    "sri lanka": ("sri lankan",),
    "nepal": ("nepalese", "nepali"),
    "yemen": ("yemeni",),
    "oman": ("omani",),
    "kuwait": ("kuwaiti",),
    "bahrain": ("bahraini",),
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


_ORG_ALIASES: dict[str, str] = {
    "un": "united nations",
    "u n": "united nations",
    "united nations organization": "united nations",
    "eu": "european union",
    "e u": "european union",
    "nato": "nato",
    "north atlantic treaty organization": "nato",
    "north atlantic treaty organisation": "nato",
    "north atlantic alliance": "nato",
    "who": "world health organization",
    "world health organisation": "world health organization",
    "imf": "international monetary fund",
    "fbi": "federal bureau of investigation",
    "cia": "central intelligence agency",
    "nsa": "national security agency",
    "icc": "international criminal court",
    "icj": "international court of justice",
    "opec": "opec",
    "g7": "group of seven",
    "g 7": "group of seven",
    "g20": "group of twenty",
    "g 20": "group of twenty",
    "wto": "world trade organization",
    "ecb": "european central bank",
    "fed": "federal reserve",
    "the fed": "federal reserve",
    "us federal reserve": "federal reserve",
}
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
