"""What a figure's surroundings say about it: an earlier figure given for comparison, whose share or staff it
is, who ran a time, what "points" measure, the hedge and the name right before it. Each looks at a bounded
window of the figure's own sentence, never the whole article.
"""

from __future__ import annotations

import re

from checker.offline.document import Doc
from checker.offline.events import background_when
from checker.offline.lexicon import HEDGE, NAME_TOKEN, NON_NAME, NUM_WORDS
from checker.offline.quantities.patterns import (
    PEOPLE_NOUNS,
    PLACE_HEADS,
    POINTS_MEASURES,
    RE_AT_SITE,
    RE_NAMES,
    RE_OWNER,
)

RE_PART = re.compile(rf"\s+and\s+(?:a|an|one|{NUM_WORDS}|\d+)\s+{PEOPLE_NOUNS}\b")
RE_PART_BEFORE = re.compile(rf"\b(?i:a|an|one|{NUM_WORDS}|\d+)\s+{PEOPLE_NOUNS}\s+and\s+$")
#: Words right before a figure that make it an earlier one it is compared with ("up from 17,200").
RE_EARLIER_BEFORE = re.compile(
    r"\b(?:(?:up|down|rising|falling|rose|fell|climbed|dropped|increased|decreased)\s+from|compared\s+(?:with|to))\s+$"
)


def compared_figure(doc: Doc, start: int, end: int) -> bool:
    """Whether the figure is an earlier one given for comparison with no time of its own ("up from 17,200").
    A figure by an earlier year ("11 in the 2021 crash", "since 2012, when four died") stays a claim: its
    event is that background event ("crash (2021)", see ``events.event_for``), which meets no figure of the
    main event."""
    s, _e = doc.sentence_of(start)
    if RE_EARLIER_BEFORE.search(doc.text[max(s, start - 20) : start].lower()) is None:
        return False
    return background_when(doc, start, end) is None  # "up from nine in 2022" is the 2022 figure


#: A vote share's candidate after it: "45.4 percent for Achterberg", "60% of the valid votes for Varga".
RE_FOR_NAME = re.compile(r"\s+(?:of\s+the\s+(?:valid\s+)?votes?\s+)?for\s+(?=[A-Z])")
RE_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")


def vote_owner(doc: Doc, start: int, end: int) -> str:
    """The candidate a share of the vote is: the name after "for" ("45.4 percent for Achterberg"), else the
    person the clause before it names ("Varga won 54.6 percent"), or the one a he/she there stands for ("He
    won three wards with more than 60% of the vote")."""
    s, e = doc.sentence_of(start)
    text = doc.text
    after = RE_FOR_NAME.match(text, end)
    if after:
        ms = doc.mentions_in(after.end(), min(e, after.end() + 60))
        if ms and ms[0].start == after.end():
            return f" of {ms[0].name}"
    clause = max(s, text.rfind(";", s, start) + 1)
    mentions = doc.mentions_in(clause, start, outside_quotes=True)
    pronoun = None
    for pm in RE_PRONOUN.finditer(doc.masked, clause, start):
        pronoun = pm.start()
    if pronoun is not None and (not mentions or mentions[-1].end <= pronoun):
        name = doc.last_person_before(pronoun)
        return f" of {name}" if name else ""
    return f" of {mentions[-1].name}" if mentions else ""


RE_POINTS_NOUN = re.compile(
    r"\b(margin|gain|lead|swing|drop|fall|rise|increase|decline)\b(?!.*\b(?:margin|gain|lead|swing|drop|fall|rise|increase|decline)\b)"
)


def points_measure(doc: Doc, start: int, end: int) -> str | None:
    """What "N points" measures: a score ("scored 30 points"), or, among shares and polls, the margin, lead or
    gain it is ("a gain of more than 13 points" -> gain in points, "six points ahead" -> lead in points, a
    poll's "poll lead in points", "rose by 13 points" -> change in points);
    None for points among shares that say neither."""
    s, e = doc.sentence_of(start)
    text = doc.text
    sentence = text[s:e].lower()
    if re.match(r"\s+(?:ahead|clear|in front)\b", text[end : end + 12]):
        measure: str | None = "lead in points"
    elif nm := RE_POINTS_NOUN.search(text[max(s, start - 50) : start].lower()):
        measure = f"{nm.group(1)} in points"
    else:  # the words around it: "won by", "rose by", "trailing by" (points_measures.tsv)
        near = text[max(s, start - 50) : min(e, end + 25)]
        measure = next((m for rx, m in POINTS_MEASURES if rx.search(near)), None)
    if measure == "lead in points" and "poll" in sentence:
        return "poll lead in points"  # a poll's lead is no count of votes
    if measure is not None:
        return measure
    return None if re.search(r"%|\bper\s*cent|\bpoll|\bvote|\bshare|\brate\b", sentence) else "points"


RE_HEDGE_BEFORE = re.compile(rf"\b({HEDGE})\s+$")


def hedge_before(text: str, pos: int) -> tuple[str | None, int]:
    """The hedge right before ``pos`` ("about", "more than") and where it starts, else (None, pos)."""
    hm = RE_HEDGE_BEFORE.search(text, max(0, pos - 24), pos)
    return (hm.group(1), hm.start(1)) if hm else (None, pos)


RE_NAME_END = re.compile(rf"(?<![\w’'-])({NAME_TOKEN}(?: {NAME_TOKEN}){{0,3}})$")


def name_before(text: str, pos: int) -> tuple[str | None, int]:
    """The name that ends at ``pos`` ("Eleanor Pratt" before ", 71"), without a leading article, and where it
    starts; (None, pos) when the words there are no name (a month, a weekday, a place word)."""
    nm = RE_NAME_END.search(text, max(0, pos - 60), pos)
    if nm is None:
        return None, pos
    name, start = nm.group(1), nm.start(1)
    if (lead := re.match(r"(?:The|A|An) ", name)) is not None:
        name, start = name[lead.end() :], start + lead.end()
    words = name.split()
    if not words or words[0] in NON_NAME or words[-1] in NON_NAME:
        return None, pos
    return name, start


def runner_of(doc: Doc, pos: int) -> str | None:
    """Who ran a time: the last person named in the clause before it (the headline's "Rotich runs 2:06:14"
    included), else the last person named before the clause ("The 24-year-old Kenyan won ... in 2:06:41")."""
    s, _e = doc.sentence_of(pos)
    clause = max(s, doc.text.rfind(";", s, pos) + 1)
    mentions = doc.mentions_in(clause, pos)
    if mentions:
        return mentions[-1].name
    names = []
    for n in RE_NAMES.finditer(doc.text, clause, pos):
        name = re.sub(r"^\w+[’']s\s+", "", n.group())
        words = name.split()
        if any(w in NON_NAME for w in words) or words[-1] in PLACE_HEADS:
            continue
        if len(words) > 1 or name in doc.persons:
            names.append(name)
    return doc.resolve(names[-1]) if names else doc.last_person_before(clause)


def employer_of(doc: Doc, pos: int) -> str | None:
    """Whose employees a count is, when a name stands right before it ("Ostrander's 4,700 employees",
    "Corvane, which employs about 9,800 people", "Acme employs 300")."""
    s, _e = doc.sentence_of(pos)
    om = RE_OWNER.search(doc.text, max(s, pos - 60), pos)
    if om is None:
        return None
    words = om.group("name").split()
    if words[0] in NON_NAME or words[-1] in NON_NAME:
        return None
    return re.sub(r"[’']s$", "", om.group("name"))  # as written: a company ("Ostrander") is no person


def at_site(text: str, measure: str, end: int) -> str:
    """A headcount or job count at one place of work is the site's, not the whole employer's: "employees at
    the site" ("3,100 workers already employed there", "employs 1,100 people at its main factory"), "jobs at
    Kessock"."""
    if measure not in ("employees", "jobs") and not measure.startswith("employees of "):
        return measure
    m = RE_AT_SITE.match(text, end)
    if m is None:
        return measure
    head = "jobs" if measure == "jobs" else "employees"
    return f"{head} at {m.group('name')}" if m.group("name") else f"{head} at the site"
