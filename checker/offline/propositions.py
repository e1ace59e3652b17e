"""Propositions: who did what to whom, for the few predicates the rules know (an invitation to visit)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.offline.attribution import attribution
from checker.offline.document import Doc, Found
from checker.offline.lexicon import NON_NAME
from checker.schema.v1 import PropositionClaim

_RE_INVITE = re.compile(
    r"(?P<subj>\b[A-Z][\w’'-]+|\b[Hh]e|\b[Ss]he)\s+(?:even\s+|also\s+)?(?:extended|issued|made)\s+an\s+invitation\s+"
    r"(?:for|to)\s+(?P<obj>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?|him|her)\s+to\s+(?P<what>visit|come to|travel to|"
    r"attend)\s+(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
    r"|(?P<subj2>\b[A-Z][\w’'-]+|\b[Hh]e|\b[Ss]he)\s+(?:also\s+)?invited\s+(?P<obj2>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?|"
    r"him|her)\s+to\s+(?:(?P<what2>visit|come to|travel to|attend)\s+)?(?P<place2>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
)


def find(doc: Doc) -> Iterator[Found]:
    """ "X invited Y to visit Z" and "X extended an invitation for Y to visit Z", pronouns resolved."""
    for m in _RE_INVITE.finditer(doc.text):
        subj = m.group("subj") or m.group("subj2")
        obj = m.group("obj") or m.group("obj2")
        what = m.group("what") or m.group("what2") or "visit"
        place = m.group("place") or m.group("place2")
        if subj in NON_NAME and subj not in ("He", "She"):
            continue
        pronoun_subj = subj.lower() in ("he", "she")
        subj_name = doc.last_person_before(m.start()) if pronoun_subj else doc.resolve(subj)
        obj_name = doc.last_person_before(m.start()) if obj.lower() in ("him", "her") else doc.resolve(obj)
        if not subj_name or not obj_name:
            continue
        yield Found(
            m.start(),
            m.end(),
            {
                "subject": subj_name,
                "predicate": "invite",
                "object": f"{obj_name} to {what} {place}",
                "negated": False,
                "hedge": None,
                "modality": "happened",
                "attribution": attribution(doc, m.start(), m.end())[0],
            },
            PropositionClaim,
        )
