"""Memberships: who belongs to a group, from "including"/"such as" lists of names ("a delegation
including Marco Rubio and Steve Witkoff") and bulleted lists under an intro line ending in ':'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.offline import tables
from checker.offline.document import Doc, Found
from checker.offline.lexicon import HEAD_WORDS, NUM_WORDS, RE_NAME
from checker.offline.people import clean_name
from checker.schema.v1 import Attribution, MembershipClaim

_RE_MEMBER_MARKER = re.compile(r"(?:,\s*)?\b(?:including|like|such as|among them|among whom|notably)\s+")
_RE_BULLET = re.compile(r"^[ \t]*[•*\-–][ \t]+", re.MULTILINE)
_GROUP_PURPOSES = (
    (re.compile(r"negotiat", re.IGNORECASE), "negotiating team"),
    (re.compile(r"investigat", re.IGNORECASE), "investigating team"),
    (re.compile(r"\bprosecut", re.IGNORECASE), "prosecution team"),
    (re.compile(r"\bdefen[cs]e (?:team|lawyers|attorneys)", re.IGNORECASE), "defense team"),
    (re.compile(r"\bjur(?:y|ors)\b", re.IGNORECASE), "jury"),
    (re.compile(r"\b(?:squad|line-?up|starting (?:eleven|xi|five))\b", re.IGNORECASE), "squad"),
    (re.compile(r"\bboard\b", re.IGNORECASE), "board"),
    (re.compile(r"\bcabinet\b", re.IGNORECASE), "cabinet"),
)
_GROUP_SKIP = tables.wordset("group_skip_words.txt")
_GENERIC_GROUPS = tables.wordset("generic_groups.txt")
_RE_LIST_PREFIX = re.compile(
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame)\.?\s+|(?:(?!and\b|or\b|the\b|of\b|in\b|as\b)[a-z][\w-]*\s+){1,2}(?=[A-Z]))"
)


def _group_name(context: str, before: str, *, intro: bool = False) -> str:
    """The group a list belongs to: the noun before the list, or the team's purpose when that noun is generic."""
    nm = re.search(r"([A-Za-z][\w-]*(?:\s+[a-z][\w-]*){0,2})\s*,?\s*$", before)
    words = [w for w in (nm.group(1).lower().split() if nm else []) if w not in _GROUP_SKIP and not w.isdigit()]
    noun = " ".join(words[-2:])
    if intro:
        # a bulleted list's intro names its group anywhere ("a team of key figures to spearhead negotiations:")
        intro_words = set(re.findall(r"[a-z]+", before.lower()))
        if intro_words & _GENERIC_GROUPS:
            words = []
    if not words or words[-1] in _GENERIC_GROUPS:
        for rx, name in _GROUP_PURPOSES:
            if rx.search(context):
                return name
    return noun or "group"


def _parse_people_list(doc: Doc, pos: int, limit: int) -> tuple[list[str], int]:
    """Titled or known names separated by commas and "and", starting at ``pos``."""
    text = doc.text
    members: list[str] = []
    end = pos
    cur = pos
    while cur < limit:
        t = doc.titled_at(cur)
        if t is not None:
            members.append(doc.resolve(t.name))
            cur = end = t.end
        else:
            # an honorific or a lowercase descriptor may stand before the name ("contractor Victor Grant")
            pre = _RE_LIST_PREFIX.match(text, cur)
            at = pre.end() if pre else cur
            nm = RE_NAME.match(text, at)
            if nm is None:
                break
            name = clean_name(nm.group())
            parts = name.split()
            known = name in doc.persons
            shaped = 2 <= len(parts) <= 3 and not any(p.lower().rstrip(".") in HEAD_WORDS for p in parts)
            if not name or not (known or shaped):
                break
            members.append(doc.resolve(name))
            cur = end = at + len(name)
        sep = re.match(r"(?:,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+)", text[cur:limit])
        if not sep:
            break
        cur += sep.end()
    return members, end


def find(doc: Doc) -> Iterator[Found]:
    """Lists after a member marker (partial), then bulleted lists (complete when the intro gives a count)."""
    text = doc.text
    for m in _RE_MEMBER_MARKER.finditer(text):
        s, e = doc.sentence_of(m.start())
        if doc.in_quote(m.start()):
            continue
        members, end = _parse_people_list(doc, m.end(), e)
        if not members:
            continue
        before = text[s : m.start()]
        group = _group_name(text[s:e], before)
        gm = re.search(r"([\w’'-]+(?:\s+[\w’'-]+){0,3})\s*,?\s*$", before)
        start = s + gm.start() if gm else m.start()
        yield Found(
            start,
            end,
            {
                "group": group,
                "members": members,
                "completeness": "partial",
                "hedge": None,
                "modality": "ongoing",
                "attribution": Attribution(source_type="outlet", name=None),
            },
            MembershipClaim,
        )
    # bulleted lists introduced by a line ending in ':'
    lines = list(re.finditer(r"[^\n]*", text))
    i = 0
    while i < len(lines):
        line = lines[i].group()
        if line.rstrip().endswith(":") and line.strip():
            intro = lines[i]
            bullet_members: list[str] = []
            last_end = intro.end()
            j = i + 1
            bullets = 0
            while j < len(lines):
                ln = lines[j]
                if not ln.group().strip():
                    j += 1
                    continue
                bm = _RE_BULLET.match(ln.group())
                if not bm:
                    break
                bullets += 1
                got, end = _parse_people_list(doc, ln.start() + bm.end(), ln.end())
                if got:
                    bullet_members.append(got[0])
                    last_end = end
                j += 1
            if bullet_members and len(bullet_members) * 2 >= bullets:
                intro_text = intro.group().strip()
                count = re.search(rf"\b(?:{NUM_WORDS}|\d+)\b", intro_text.lower())
                completeness = "complete" if count else "partial"
                yield Found(
                    doc.sentence_of(intro.end() - 1)[0],
                    last_end,
                    {
                        "group": _group_name(intro_text, intro_text.rstrip(":"), intro=True),
                        "members": bullet_members,
                        "completeness": completeness,
                        "hedge": None,
                        "modality": "ongoing",
                        "attribution": Attribution(source_type="outlet", name=None),
                    },
                    MembershipClaim,
                )
            i = max(j, i + 1)
        else:
            i += 1
