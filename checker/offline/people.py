"""The people an article names: titled names ("Former President Donald Trump", "Marco Rubio, the
secretary of state"), full names reused by surname or followed by speech, and every written form
(full name or surname) mapped to the fullest name, so that claims name people the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import cast, get_args

from checker.offline import tables
from checker.offline.document import Doc, Mention, Titled
from checker.offline.lexicon import (
    COUNTRY_FORMS,
    FUNCTION_WORDS,
    HEAD_WORDS,
    HEADS,
    NAME_TOKEN,
    NON_NAME,
    RE_CAPSEQ,
    RE_CAPWORD,
    RE_NAME,
    REPORT_VERBS,
    SPEECH,
)
from checker.schema.v1 import Status

#: Offices a news story writes in lowercase before a name; other lowercase words are not titles there.
LOWER_HEADS = tables.entries("lowercase_heads.txt")
_LOWER_HEAD_SET = frozenset(LOWER_HEADS)
#: Words that may stand before a head inside a title ("National Security Advisor", "head coach").
_MOD_LOWER = tables.wordset("title_modifiers.txt")


def _status_words() -> dict[str, Status]:
    found = tables.pairs("title_statuses.tsv")
    for word, status in found.items():
        if status not in get_args(Status):
            raise ValueError(f"offline/data/title_statuses.tsv: {status!r} is not a status: {word!r}")
    return cast(dict[str, Status], found)


_STATUS_WORDS = _status_words()

_RE_HEAD = re.compile(
    rf"(?<![\w-])(?:{HEADS}|{'|'.join(sorted(LOWER_HEADS, key=len, reverse=True))})"
    r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)??|[A-Z]{2,}|[a-z]+(?=\s+(?:Dr|Prof)\.?\s)))?"
    rf"(?P<honorific>\s+(?:Dr|Prof|Mr|Mrs|Ms)\.?)?\s+(?={NAME_TOKEN})"
)
_APPOSITIVE_HEADS = tables.alternation(tables.entries("appositive_heads.txt"))
_POSSESSOR = r"(?-i:(?P<org>(?:[A-Z][\w.&-]*\s+){0,3}[A-Z][\w.&-]*|[Tt]he\s+[a-z]+|its|his|her|their)[’']s?\s+)"
_RE_APPOSITIVE_TITLE = re.compile(
    rf",\s+(?:{_POSSESSOR}|the\s+|a\s+|an\s+)?(?:(?P<q>former|acting|interim|incoming|outgoing)\s+)?"
    r"(?P<mods>(?:[\w’'-]+\s+){0,3}?)"
    rf"(?P<head>{_APPOSITIVE_HEADS})"
    r"(?P<of>\s+of\s+(?:the\s+)?[\w’'.-]+(?-i:(?:\s+[A-Z][\w’'.-]+)*))?"
    r"(?P<for>\s+(?:for|at|of)\s+(?-i:(?:the\s+)?(?:[A-Z][\w’'&-]*\s+){0,3}[A-Z][\w’'&-]*))?"
    r"(?=[,.;:)]|\s+(?:who|and|said|says|told)\b)",
    re.IGNORECASE,
)
#: A title standing before the name it describes, between commas ("Corvane's chief executive, Helen Achterberg,",
#: "the company chair, Helena Marsh-Okafor,", "Smith's lawyer, Ann Lee,").
_RE_TITLE_BEFORE_NAME = re.compile(
    rf"(?:{_POSSESSOR}|(?<![\w’'-])(?-i:[Tt]he)\s+)(?:(?P<q>former|acting|interim|incoming|outgoing)\s+)?"
    r"(?P<mods>(?:[\w-]+\s+){0,2}?)"
    rf"(?P<head>{_APPOSITIVE_HEADS}|lawyer|attorney|counsel)(?P<of>\s+of\s+(?-i:(?:the\s+)?[A-Z][\w’'.-]+))?$",
    re.IGNORECASE,
)
#: Where such a title may end: a comma before a full name that ends its clause or says something.
_RE_COMMA_NAME = re.compile(
    rf",\s+(?P<name>{NAME_TOKEN}(?: {NAME_TOKEN}){{1,3}})(?=[,.;:]|\s+(?:{SPEECH}|{REPORT_VERBS})\b)"
)

#: "Walter Kerr's daughter, Janine Kerr-Mills, said" or "Lorraine Pruitt, Dunmore's general manager": a name set
#: off by commas before speech or before a possessive apposition, unless an organisation's ("the contractor,
#: Meyrick-Dunn Infrastructure, said").
_RE_APPOSED_SPEAKER = re.compile(r",\s*(?:said|says|told)\b|,\s+[A-Z][\w-]*[’']s\s+(?:[a-z-]+\s+){0,2}[a-z]+[,\s]")
_ORG_HEADS = tables.wordset("organisation_heads.txt")
_RE_SPEECH_AFTER = re.compile(rf"^\s*(?:,\s*(?:who|the|an?|one of)\b|,\s*\d{{1,3}},|\s*(?:{SPEECH}|{REPORT_VERBS})\b)")


def clean_name(raw: str) -> str:
    """Keep the leading name tokens, stopping at any word that cannot be part of a person's name."""
    out: list[str] = []
    for tok in raw.split():
        bare = re.sub(r"[’']s$", "", tok)
        if bare in NON_NAME or bare.lower().rstrip(".") in HEAD_WORDS:
            break
        out.append(bare)
        if bare != tok:  # a possessive ends the name
            break
    return " ".join(out)


def find_titled(text: str) -> list[Titled]:
    """Names preceded by a title ("Former President Donald Trump", "Kremlin spokesperson Dmitry Peskov")."""
    found: list[Titled] = []
    for m in _RE_HEAD.finditer(text):
        head_end = m.start("honorific") if m.group("honorific") else m.end()
        head_text = text[m.start() : head_end].rstrip()
        first = head_text.split()[0]
        if first[0].islower() and first.lower() not in _LOWER_HEAD_SET:
            continue
        nm = RE_NAME.match(text, m.end())
        if nm is None:
            continue
        name = clean_name(nm.group())
        if not name or name.lower().rstrip(".") in HEAD_WORDS:
            continue
        if len(name.split()) == 1 and first[0].islower() and first.lower() not in ("spokesperson", "envoy"):
            # "coach Smith" is fine, but lowercase heads before a single word are too often not titles
            pass
        # walk back over modifiers and a status qualifier
        start = m.start()
        status: Status = "current"
        org: str | None = None
        while True:
            prev = re.search(r"([\w.’'-]+)([ \t]+|-)$", text[max(0, start - 40) : start])
            if not prev:
                break
            word = prev.group(1)
            if word.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", word):
                break
            lw = word.lower().rstrip("-")
            if lw in _STATUS_WORDS:
                status = _STATUS_WORDS[lw]
                start -= len(prev.group(0))
                break
            if lw.endswith(("’s", "'s")) or word in ("The", "A", "An", "In", "On", "By", "And", "But"):
                break
            is_cap = word[0].isupper() and word not in FUNCTION_WORDS
            if not (is_cap or lw in _MOD_LOWER):
                break
            if word in ("Kremlin", "Pentagon", "Mideast") and org is None:
                org = word
            elif word in COUNTRY_FORMS and org is None:
                org = COUNTRY_FORMS[word]
            elif (word.isupper() and len(word) >= 2 and org is None) or (
                word in ("Kremlin", "Pentagon", "Mideast") and org is None
            ):
                org = word
            start -= len(prev.group(0))
        ofm = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w]+(?:\s+[A-Z][\w]+)?)", head_text)
        if ofm and org is None and ofm.group(1) in COUNTRY_FORMS:
            org = COUNTRY_FORMS[ofm.group(1)]
        title = text[start:head_end].rstrip()
        if re.fullmatch(r"(?i)(?:former|acting|interim|incoming|outgoing)\s+", text[start : m.start()]):
            pass
        name_start = nm.start()
        found.append(Titled(start, name_start + len(name), title, name, name_start, status, org))
    return found


def find_appositive_titles(text: str, doc: Doc) -> list[Titled]:
    """ "Marco Rubio, the secretary of state" -> a titled name after the fact."""
    found: list[Titled] = []
    for m in _RE_APPOSITIVE_TITLE.finditer(text):
        before = re.search(rf"({NAME_TOKEN}(?: {NAME_TOKEN}){{0,3}})$", text[max(0, m.start() - 60) : m.start()])
        if not before:
            continue
        name = clean_name(before.group(1))
        if not name or (len(name.split()) < 2 and name not in doc.persons):
            continue
        mods = m.group("mods") or ""
        if any(w.lower() in ("who", "which", "that", "and", "but", "is", "was", "has") for w in mods.split()):
            continue
        status, title_start, title_end, org = _title_parts(m)
        name_start = m.start() - len(before.group(1)) + before.group(1).find(name)
        found.append(Titled(name_start, title_end, text[title_start:title_end], name, name_start, status, org))
    for c in _RE_COMMA_NAME.finditer(text):
        # the title is read backwards from the comma, so the costly title pattern runs only where a name follows
        tm = _RE_TITLE_BEFORE_NAME.search(text, max(0, c.start() - 90), c.start())
        if tm is None:
            continue
        name = clean_name(c.group("name"))
        if len(name.split()) < 2 or doc.in_headline(tm.start()):
            continue
        if any(w.lower() in _CLAUSE_WORDS for w in (tm.group("mods") or "").split()):
            continue
        status, title_start, title_end, org = _title_parts(tm)
        start = tm.start("org") if tm.group("org") and org else title_start
        name_start = c.start("name")
        found.append(Titled(start, name_start + len(name), text[title_start:title_end], name, name_start, status, org))
    return found


_CLAUSE_WORDS = frozenset(("who", "which", "that", "and", "but", "is", "was", "has", "had", "said", "says", "told"))


def _title_parts(m: re.Match[str]) -> tuple[Status, int, int, str | None]:
    """Status, title span and organisation of an appositive title: a status word before or among its modifiers
    ("the company's former finance director"), and its organisation from a possessor, a country or an "of"."""
    mods = m.group("mods") or ""
    q = (m.group("q") or "").lower()
    status: Status = _STATUS_WORDS.get(q, "current") if q else "current"
    title_start = m.start("q") if m.group("q") else (m.start("mods") if mods else m.start("head"))
    for w in mods.split():
        if re.search(r"\d", w):  # "the 61-year-old chief executive": an age is no part of the title
            title_start = max(title_start, m.start("mods") + mods.find(w) + len(w) + 1)
            continue
        if status == "current" and w.lower() in _STATUS_WORDS:
            status = _STATUS_WORDS[w.lower()]
    groups = m.groupdict()
    title_end = m.end("of") if m.group("of") else m.end("head")
    org = None
    possessor = groups.get("org") or ""
    if possessor[:1].isupper() and possessor not in NON_NAME:
        org = COUNTRY_FORMS.get(possessor, possessor)
    for w in (mods + " " + (m.group("of") or "") + " " + (groups.get("for") or "")).split():
        if w in COUNTRY_FORMS and org is None:
            org = COUNTRY_FORMS[w]
            break
    if org is None and groups.get("for"):
        org = re.sub(r"^\s+(?:for|at|of)\s+(?:the\s+)?", "", groups["for"])
    return status, title_start, title_end, org


class _Node:
    """A node of a trie of names: the next characters, and the name that ends here."""

    __slots__ = ("name", "next")

    def __init__(self) -> None:
        self.next: dict[str, _Node] = {}
        self.name: str | None = None


def _counts(text: str, names: set[str]) -> dict[str, int]:
    """``text.count(name)`` for every name, in one pass over the text: a trie of the names is walked from
    every character that starts one, and each name's occurrences are then counted as ``str.count`` does
    (leftmost first, none overlapping the previous one)."""
    root = _Node()
    for name in names:
        node = root
        for ch in name:
            node = node.next.setdefault(ch, _Node())
        node.name = name
    at: dict[str, list[int]] = {name: [] for name in names}
    if root.next:
        first = re.compile("[" + "".join(re.escape(ch) for ch in sorted(root.next)) + "]")
        for m in first.finditer(text):
            i = j = m.start()
            node = root
            while j < len(text):
                step = node.next.get(text[j])
                if step is None:
                    break
                node = step
                j += 1
                if node.name is not None:
                    at[node.name].append(i)
    counts: dict[str, int] = {}
    for name, positions in at.items():
        n, free = 0, 0
        for pos in positions:
            if pos >= free:
                n += 1
                free = pos + len(name)
        counts[name] = n
    return counts


def name_candidates(doc: Doc) -> list[tuple[str, bool]]:
    """Capitalised sequences outside headlines that may be a full name (two or three name words), in text
    order, each with whether it names a person: its surname stands alone more often than the full name is
    written, or speech or an apposition follows it. The same for both passes of :func:`index_people`."""
    text = doc.text
    standalone = Counter(m.group() for m in RE_CAPWORD.finditer(text))
    # (name, surname, where the name ends)
    found: list[tuple[str, str, int]] = []
    for m in RE_CAPSEQ.finditer(text):
        if doc.in_headline(m.start()):
            continue
        toks = m.group().split()
        # strip leading title words, nationalities and stopwords
        while toks and (toks[0] in NON_NAME or toks[0].lower().rstrip(".") in HEAD_WORDS):
            toks.pop(0)
        name = clean_name(" ".join(toks))
        parts = name.split()
        if not 2 <= len(parts) <= 3 or any(p in NON_NAME for p in parts):
            continue
        found.append((name, parts[-1], m.start() + m.group().find(name) + len(name)))
    written = _counts(text, {name for name, _, _ in found})
    return [
        (
            name,
            standalone[surname] > written[name]
            or _RE_SPEECH_AFTER.match(text[seq_end : seq_end + 40]) is not None
            or (_RE_APPOSED_SPEAKER.match(text[seq_end : seq_end + 60]) is not None and surname not in _ORG_HEADS),
        )
        for name, surname, seq_end in found
    ]


def index_people(doc: Doc, titled: list[Titled], candidates: list[tuple[str, bool]]) -> None:
    """Collect the people the article names and map every written form to the fullest name."""
    text = doc.text
    full: list[str] = []
    singles: list[str] = []
    for t in titled:
        if not doc.in_headline(t.start):
            (full if len(t.name.split()) >= 2 else singles).append(t.name)
    known = set(full)
    for name, person in candidates:
        if person and name not in known:
            full.append(name)
            known.add(name)
    persons: dict[str, str] = {}
    for name in full:
        persons.setdefault(name, name)
        persons.setdefault(name.split()[-1], name)
    for name in singles:
        persons.setdefault(name, persons.get(name, name))
    doc.persons = persons
    # mentions, longest form first, without overlaps
    forms = sorted(persons, key=len, reverse=True)
    if not forms:
        return
    # "not after a word character" is checked after each form's first letter, so that every alternative
    # starts with a literal and the regex engine skips, in C, the positions where no form starts
    alternatives = "|".join(re.escape(f[0]) + r"(?<![\w-][\s\S])" + re.escape(f[1:]) for f in forms)
    pattern = re.compile(rf"(?:{alternatives})(?![\w-])")
    doc.set_mentions([Mention(m.start(), m.end(), persons[m.group()]) for m in pattern.finditer(text)])
