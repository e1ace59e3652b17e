"""Titles of office: :func:`title_key` splits a title into office, affiliation and status, so "Defence
Secretary" meets "Secretary of Defense", "Lt. Gov." is "Lieutenant Governor" and "Russian President" is the
president of Russia, and :func:`titles_conflict` says when two titles cannot both be right (an unknown
affiliation fits any). Words that describe the holder ("longtime", "two-term") are no part of the office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker.normalize._data import entries, pairs, wordset
from checker.normalize.numbers import _ORDINALS, _SMALL
from checker.normalize.organisations import _COUNTRY_OF, _alias_pattern, _country_aliases_in, org_key
from checker.normalize.text import _clean


@dataclass(frozen=True)
class TitleKey:
    """A title split into the office, whose office it is, and the holder's status.

    ``status`` is one of "current", "former", "acting", "incoming"; "unspecified" in the claim counts as
    "current" (an unqualified title is read as the present one).
    """

    office: str
    affiliation: str | None
    status: str


_TITLE_SPELLING = pairs("title_spellings.tsv")
_STATUS_WORDS = pairs("title_status_words.tsv")
# Words that make up an office; anything else before the office head is taken as the affiliation.
_OFFICE_WORDS = wordset("office_words.txt")
_FIXED_OFFICES = entries("fixed_offices.txt")
# Country names that are also words or names ("Jordan"): a country only as the first word of a title.
_AMBIGUOUS_COUNTRIES = wordset("ambiguous_countries.txt")
# Offices whose last word is not their head ("governor general"), folded to one word.
_COMPOUND_OFFICES = pairs("compound_offices.tsv")
_COMPOUND_RE = re.compile(r"\b(?:" + "|".join(re.escape(c) for c in _COMPOUND_OFFICES) + r")\b")
# Words that describe the holder ("longtime", "veteran"), and "<number> term"/"<number> time" ("one-term",
# "two-time", "first-term"), dropped when another word follows.
_COUNT_WORDS = sorted({w for w in (*_SMALL, *_ORDINALS) if len(w) > 2}, key=len, reverse=True)
_DESCRIPTOR_RE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(d) for d in sorted(entries("title_descriptors.txt"), key=len, reverse=True))
    + r"|(?:\d+(?:st|nd|rd|th)?|"
    + "|".join(_COUNT_WORDS)
    + r") (?:term|time))\s+(?=\S)"
)


def _status_of(claim_status: str) -> str:
    return "current" if claim_status in ("unspecified", "current", "") else claim_status


def title_key(title: str, organisation: str | None, status: str) -> TitleKey:
    """Split a written title into office, affiliation and status so variants meet.

    "Defence Secretary" = "Secretary of Defense" -> office "defense secretary"; "Secretary of State" stays;
    "Russian President" -> ("president", "russia"); "CIA Director" = "Director of the CIA" -> ("director",
    "central intelligence agency"); "Former President" -> status "former" (a status word in the title
    wins over the claim's status field); "U.S. National Security Adviser" = "National Security Advisor"
    (affiliation None is compatible). Rank words stay in the office: "deputy secretary of state",
    "vice president". Abbreviations are folded ("Lt. Gov." = "Lieutenant Governor", "Sgt.", "Supt.",
    "Atty. Gen."; "Dr." is an honorific and stays); "governor-general" and "attorney general" are one
    office word, whose head is not "general". Descriptions of the holder go: "two-term senator" is a
    senator, "one-term incumbent" a current holder of no named office ("incumbent" is a status).
    """
    s = _clean(title)
    s = re.sub(r"\bex\s+", "former ", s)
    s = re.sub(r"\bone time\b", "onetime", s)  # "one-time" is former, not a count of terms
    s = re.sub(r"\bchief executive(?: officer)?\b", "ceo", s)
    words = [_TITLE_SPELLING.get(w, w) for w in s.split()]
    s = _DESCRIPTOR_RE.sub("", " ".join(words))
    s = _COMPOUND_RE.sub(lambda m: _COMPOUND_OFFICES[m.group(0)], s)
    # Status words.
    found_status: str | None = None
    kept: list[str] = []
    for w in s.split():
        if w in _STATUS_WORDS:
            found_status = found_status or _STATUS_WORDS[w]
            continue
        kept.append(w)
    s = " ".join(kept)
    if found_status is None or (found_status == "current" and status not in ("unspecified", "current")):
        final_status = _status_of(status)
        if found_status == "current" and final_status not in ("former",):
            final_status = "current" if final_status in ("current",) else final_status
    else:
        final_status = found_status
    affiliation: str | None = None

    def take_country(text: str) -> str:
        nonlocal affiliation
        for alias in _country_aliases_in(text):
            if alias in _AMBIGUOUS_COUNTRIES and text.split()[0] != alias:
                continue
            if affiliation is None:
                affiliation = _COUNTRY_OF[alias]
            text = _alias_pattern(alias).sub(" ", text, count=1)
            break
        return " ".join(text.split())

    office = take_country(s)
    office = re.sub(r"(?:\s+(?:of|for|to|the|in|at))+$", "", office)
    office = re.sub(r"^(?:(?:the|a|an)\s+)+", "", office)  # "a judge" is the office "judge", not of "a"
    # "Secretary of State for Defence" (UK) = Defence Secretary.
    m = re.match(r"^(.*?)secretary of state for (?:the )?(.+)$", office)
    if m:
        office = f"{m.group(1)}{m.group(2)} secretary".strip()
    fixed = next((f for f in _FIXED_OFFICES if re.search(rf"(?:^|\s){f}(?:\s|$)", office)), None)
    if fixed is None:
        m = re.match(r"^(.+?)\s+(?:of|for|to|at|in)\s+(?:the\s+)?(.+)$", office)
        if m:
            head, tail = m.group(1), m.group(2)
            tail = take_country(tail)
            tail_words = tail.split()
            if not tail_words:
                office = head
            elif all(w not in _OFFICE_WORDS for w in tail_words):
                affiliation = affiliation or org_key(tail)
                office = head
            else:
                office = f"{tail} {head}"
        # Leading words that are not office words are the organisation ("CIA Director", "Kremlin spokesperson").
        words = office.split()
        lead: list[str] = []
        while len(words) > 1 and words[0] not in _OFFICE_WORDS:
            lead.append(words.pop(0))
        if lead:
            affiliation = affiliation or org_key(" ".join(lead))
        office = " ".join(words)
    else:
        before, _, after = office.partition(fixed)
        after_words = after.split()
        if after_words and all(w not in _OFFICE_WORDS for w in after_words):
            affiliation = affiliation or org_key(" ".join(w for w in after_words if w not in ("of", "the", "for")))
            after = ""
        before_words = before.split()
        lead = []
        while before_words and before_words[0] not in _OFFICE_WORDS:
            lead.append(before_words.pop(0))
        if lead:
            affiliation = affiliation or org_key(" ".join(lead))
        office = " ".join([*before_words, fixed, *after.split()])
    office = re.sub(r"\bforeign affairs\b", "foreign", office)
    office = re.sub(r"\bsecretary general\b", "secretary general", office)
    if organisation and affiliation is None:
        affiliation = org_key(organisation) or None
    if affiliation is not None:
        affiliation = _COUNTRY_OF.get(affiliation, affiliation)
    return TitleKey(office=" ".join(office.split()), affiliation=affiliation, status=final_status)


def titles_conflict(a: TitleKey, b: TitleKey) -> bool:
    """True when the titles cannot both be right: status, office, or both-known affiliation differ."""
    if a.status != b.status:
        return True
    if a.office != b.office:
        return True
    return a.affiliation is not None and b.affiliation is not None and a.affiliation != b.affiliation
