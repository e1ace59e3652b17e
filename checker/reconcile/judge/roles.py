"""People's offices: a title conflict needs competing values of one office.

A person may hold several offices ("the startup's chief executive" and "a vice president of the
buyer", "congressman" and "Marine veteran"): each office is its own fact. Titles are one office
when their head is the same ("Deputy Fire Chief" and "Fire Chief"; "counsel", "defense lawyer" and
"attorney" are one office, a lawyer's); they conflict on rank ("deputy"), status ("former") or an
affiliation both name and that differ ("Russian" and "Ukrainian"). A generic affiliation ("city")
is compatible with a named one ("Halden City"). An honorific ("Dr.", "Mr.") is no office, nor is
a description ("one of Trump's top negotiators", "a longtime ally").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import cast

from checker import normalize
from checker.normalize import TitleKey
from checker.reconcile.alignment import Buckets, bucketed
from checker.reconcile.items import Item
from checker.reconcile.judge.common import Fact, Value, judge
from checker.reconcile.resolve.entities import Entities, initials, org_tokens
from checker.reconcile.tables import mapping, words
from checker.report import Finding
from checker.schema import RoleClaim
from checker.schema.convert import _status_of_title

title_key = lru_cache(maxsize=1 << 16)(normalize.title_key)

_HONORIFICS = words("honorifics")
# Words that rank one office ("Deputy Fire Chief" is below "Fire Chief"), not a different office.
_RANKS = words("title_ranks")
# Heads that name one office under several words ("counsel", "attorney": a lawyer).
_OFFICE_SYNONYMS = mapping("office_synonyms")
_RANK_SYNONYMS = {"vice": "deputy"}
_GENERIC_AFFILIATIONS = words("generic_affiliations")
_DESCRIPTION = re.compile(r"^(?:one of|a |an |the |some |his |her |their |its )|['’]s\s|\b(?:who|which)\b", re.I)


@lru_cache(maxsize=1 << 14)
def is_office(title: str) -> bool:
    """Whether a title names an office at all: not an honorific, not a description of the person."""
    words = re.sub(r"[^\w\s'’-]", " ", title.lower()).split()
    if not words or all(w.strip(".") in _HONORIFICS for w in words):
        return False
    return not (_DESCRIPTION.search(title.strip()) or len(words) > 6)


@lru_cache(maxsize=1 << 14)
def office_family(key: TitleKey) -> tuple[str, str]:
    """(the office's head, its rank words) of a title key: "deputy fire chief" -> ("fire chief", "deputy")."""
    words = key.office.split()
    if not words:  # a title that is only an affiliation or a status ("former"): no office of its own
        return "", ""
    if key.office in ("prime minister", "chief executive", "secretary general"):
        return key.office, ""
    if " of " in key.office:  # "(deputy) secretary of state", "chief of staff": the phrase names the office
        before = key.office.split(" of ", 1)[0].split()
        ranks = [w for w in before[:-1] if w in _RANKS]
        return " ".join(words[len(ranks) :]), " ".join(sorted(ranks))
    ranks = [w for w in words[:-1] if w in _RANKS]
    rest = [w for w in words if w not in ranks] or words
    head = _OFFICE_SYNONYMS.get(rest[-1], rest[-1])
    # the words before the head that are not ranks describe the office (a "fire" chief, a "defense" lawyer)
    return head, " ".join(sorted(ranks))


_PAST_OFFICE = re.compile(
    r"\b(?:was|were|served as|had been|then[- ])\s*(?:a |an |the )?(?:\w+\s+){0,4}?$"  # "was (the) deputy mayor"
)
_UNTIL_YEAR = re.compile(r"^\W*(?:\w+\W+){0,6}?(?:from \d{4} )?(?:to|until|till) (?:19|20)\d\d\b")


def status_in_context(title: str, sentence: str, value_start: int | None) -> str | None:
    """'former' when the sentence puts the office in the past although its title does not say so
    ("was deputy mayor from 2018 until 2022", "served as deputy mayor under Ruth Sandoval")."""
    at = value_start if value_start is not None and 0 <= value_start <= len(sentence) else sentence.find(title)
    if at < 0:
        return None
    before, after = sentence[:at].lower(), sentence[at + len(title) :].lower()
    if _PAST_OFFICE.search(before) or _UNTIL_YEAR.search(after):
        return "former"
    return None


_SAME_TIME = {"incoming": "current", "current": "current"}  # a mayor-elect is named by the office


def _affiliations_conflict(a: str | None, b: str | None, model: bool = False) -> bool:
    """Whether two affiliations name different bodies. Within a model's group (it said one office of
    one person) only different countries count: "Hormouzgan province" / "Hormozgan Province", "ADEDY" /
    "the civil servants' union" are one body written two ways."""
    if a is None or b is None:
        return False
    if model:
        ca, cb = normalize.countries_in(a), normalize.countries_in(b)
        return bool(ca) and bool(cb) and not ca & cb
    ta, tb = org_tokens(a) - _GENERIC_AFFILIATIONS, org_tokens(b) - _GENERIC_AFFILIATIONS
    if not ta or not tb:
        return False
    if ta <= tb or tb <= ta:
        return False
    # "NTSC" and "National Transport Safety Commission": an acronym is the name it spells
    return not any(len(t) == 1 and next(iter(t)) in (initials(a), initials(b)) for t in (ta, tb))


def _rank(key: TitleKey) -> str:
    """The rank words of a title, "vice" and "deputy" being one rank."""
    return " ".join(sorted(_RANK_SYNONYMS.get(w, w) for w in office_family(key)[1].split()))


def findings(items: Sequence[Item], entities: Entities, buckets: Buckets) -> list[Finding]:
    keys: dict[str, TitleKey] = {}
    pairs: list[tuple[Item, str]] = []
    values: dict[tuple[str, int], Value] = {}
    labels: dict[str, str] = {}
    for item in items:
        claim = cast(RoleClaim, item.claim)
        if not is_office(claim.title):
            continue
        person = entities.key(item.source, claim.person) or claim.person
        organisation = entities.name(entities.key(item.source, claim.organisation))
        start = item.value.start - item.span.start if item.value is not None else None
        status = status_in_context(claim.title, item.span.text, start) or _status_of_title(claim.title)
        key = title_key(claim.title, organisation or None, status)
        if status == "former" and key.status != "former":
            key = TitleKey(key.office, key.affiliation, "former")
        head, ranks = office_family(key)
        status = "" if key.status == "current" else key.status + " "
        label = status + " ".join(w for w in (ranks, key.office.replace(ranks, "").strip()) if w).strip()
        norm = label + (f" ({key.affiliation})" if key.affiliation else "")
        keys[norm] = key
        fact_key = f"{person}|{head}"
        pairs.append((item, fact_key))
        values[item.ref] = Value(item, claim.title, norm)
        labels[fact_key] = f"title of {entities.name(person) or person}" + (f" ({head})" if head else "")

    def compatible(a: str, b: str, model: bool = False) -> bool:
        """One office's competing values: its rank or its status differs (not both: a former deputy
        mayor who is the incoming mayor holds two offices), or affiliations both name differ. Two
        words for the office itself ("head" and "director", "Lt." and "Lieutenant", which only a
        model's alignment puts together) are the same office."""
        ka, kb = keys[a], keys[b]
        if _affiliations_conflict(ka.affiliation, kb.affiliation, model):
            return False
        status_differs = _SAME_TIME.get(ka.status, ka.status) != _SAME_TIME.get(kb.status, kb.status)
        rank_differs = _rank(ka) != _rank(kb)
        return status_differs == rank_differs

    out: list[Finding] = []
    for bucket in bucketed(pairs, buckets, labels):
        facts = [values[ref] for ref in sorted(bucket.refs)]
        fact = Fact("role", bucket.label, facts, bucket.aligned_by)
        comparison = functools.partial(compatible, model=bucket.aligned_by == "model")  # kept by the finding
        out.extend(judge(fact, comparison, "role", "title_conflict", "same_title"))
    return out
