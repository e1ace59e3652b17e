"""Propositions: who did what to whom, for the few predicates the rules know (an invitation to visit), and
statements of a polar adjective ("a refundable deposit" / "a non-refundable deposit", "is not binding")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.offline import tables
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

_POLAR = rf"(?P<neg>non-?|un|ir|in)?(?P<adj>{tables.alternation(tables.entries('polar_adjectives.txt'))})\b"
#: "a refundable £250 deposit", "a non-binding offer": the adjective before its noun (an amount may stand between)
_DETERMINER = r"(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er)"
_RE_POLAR_BEFORE = re.compile(
    rf"\b{_DETERMINER}\s+(?:fully\s+|entirely\s+)?{_POLAR}\s+(?:[£$€]?\d[\d,.]*\w*\s+)?(?P<noun>[a-z]+)\b"
)
#: "the deposit ... is (not) (fully) refundable"
_RE_POLAR_AFTER = re.compile(
    rf"\b(?:is|are|was|were|be|remains?)\s+(?P<not>not\s+)?(?:fully\s+|entirely\s+|completely\s+)?{_POLAR}"
)
#: the noun a copula's subject ends with ("The seven-year battery warranty is"), or a relative clause's
#: antecedent ("a deposit of £250, which Brackwell says is")
_RE_SUBJECT_NOUN = re.compile(rf"\b{_DETERMINER}\s+(?:[\w-]+\s+){{0,3}}?(?P<noun>[a-z]+)\s+$")
_RE_ANTECEDENT = re.compile(rf"\b{_DETERMINER}\s+(?P<noun>[a-z]+)\b[^.;,]{{0,30}},\s+(?:which|that)\b[^.;,]{{0,40}}$")


def _polar(doc: Doc, start: int, end: int, noun: str, negated: bool, adj: str) -> Found:
    return Found(
        start,
        end,
        {
            "subject": noun,
            "predicate": f"be {adj}",
            "object": None,
            "negated": negated,
            "hedge": None,
            "modality": "happened",
            "attribution": attribution(doc, start, end)[0],
        },
        PropositionClaim,
    )


def _polar_statements(doc: Doc) -> Iterator[Found]:
    """ "a (non-)refundable deposit", "the deposit is (not) refundable": the evidence is the statement's words only,
    not an amount beside them (which is another fact)."""
    text = doc.text
    for m in _RE_POLAR_BEFORE.finditer(text):
        start = m.start("neg") if m.group("neg") else m.start("adj")
        yield _polar(doc, start, m.end("adj"), m.group("noun"), bool(m.group("neg")), m.group("adj").lower())
    for m in _RE_POLAR_AFTER.finditer(text):
        s, _e = doc.sentence_of(m.start())
        head = text[max(s, m.start() - 120) : m.start()]
        nm = _RE_ANTECEDENT.search(head) or _RE_SUBJECT_NOUN.search(head)
        if nm is None:
            continue
        negated = bool(m.group("neg")) != bool(m.group("not"))
        yield _polar(doc, m.start(), m.end(), nm.group("noun"), negated, m.group("adj").lower())


def find(doc: Doc) -> Iterator[Found]:
    """Invitations and polar statements."""
    yield from _invitations(doc)
    yield from _polar_statements(doc)


def _invitations(doc: Doc) -> Iterator[Found]:
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
