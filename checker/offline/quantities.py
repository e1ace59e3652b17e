"""Quantities: how many, how much, what share ("at least 40 people were killed", "the death toll rose
to 52", "laid off 300 workers", "38% of the vote", "$2 million in damages", "6 inches of rain", "a 3-1 win").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.offline import tables
from checker.offline.attribution import attribution, modality
from checker.offline.document import Doc, Found, Spans
from checker.offline.events import event_for
from checker.offline.lexicon import HEDGE, NUM_WORDS, NUMBER
from checker.schema.v1 import QuantityClaim

#: Words after a number -> what it counts ("40 killed", "1,200 jobs").
_MEASURE_AFTER = tables.pairs("measures_after.tsv")
#: Verbs before a number -> what it counts ("killing 40", "laid off 300").
_VERB_BEFORE = tables.pairs("measures_before.tsv")
_UNIT_MEASURES = {unit: (measure, name) for unit, measure, name in tables.rows("unit_measures.tsv", 3)}
_PEOPLE_NOUNS = rf"(?:{tables.alternation(tables.entries('people_nouns.txt'))})"
_MONEY_NOUNS = tables.alternation(tables.entries("money_nouns.txt"))
_BREAKDOWN_NOUNS = tables.alternation(tables.entries("breakdown_nouns.txt"))
# "two women and one man died", "killed two women and a man": each count is part of a breakdown
_RE_BREAKDOWN_BEFORE = re.compile(rf"(?i:\b(?:{NUMBER}|an?)\s+(?:{_BREAKDOWN_NOUNS})\s+and\s+)$")
_RE_BREAKDOWN_AFTER = re.compile(rf"(?i:\s+(?:{_BREAKDOWN_NOUNS})\s+and\s+(?:{NUMBER}|an?)\s+(?:{_BREAKDOWN_NOUNS})\b)")
#: Words near a number of points -> what it measures ("a margin of 9.1 points", "six points ahead").
_POINTS_MEASURES = [
    (re.compile(rf"(?i)\b(?:{tables.alternation(words.split('|'))})\b"), measure)
    for words, measure in tables.rows("points_measures.tsv", 2)
]
_SITE_NOUNS = tables.alternation(tables.entries("site_nouns.txt"))
# a headcount at one site: "3,100 workers already employed there", "1,100 people at its main factory"
_RE_AT_SITE = re.compile(
    r"\s+(?:(?:people|workers|employees|staff)\s+)?(?:(?:already|currently|now)\s+)?(?:employed\s+|working\s+)?"
    rf"(?:there\b|at\s+(?:the|its|their|a)\s+(?:[\w-]+\s+){{0,2}}?(?:{_SITE_NOUNS})\b|at\s+(?P<name>[A-Z][\w-]+)\b)"
)
_RE_PER_SHARE = re.compile(r"\s+(?:a|per|for\s+each|each)\s+(?:share|unit|ticket|barrel|head)\b")
# a speed naming a stretch of track or road is its limit: "a 65 km/h curve", "a 30 mph zone"
_RE_SPEED_ZONE = re.compile(rf"\s+(?:{tables.alternation(tables.entries('speed_zone_nouns.txt'))})\b")
_LIMIT_WORDS = tables.alternation(tables.entries("limit_words.txt"))
_RE_LIMIT_NEAR = re.compile(rf"(?i)\b(?:{_LIMIT_WORDS})\b")
# a vote share's candidate: "... 45.4 percent for Achterberg"
_RE_FOR_NAME = re.compile(r"\s+(?:of\s+the\s+(?:valid\s+)?votes?\s+)?for\s+(?=[A-Z])")

_RE_QTY_BEFORE = re.compile(
    rf"\b(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})(?:\s+(?:more|additional|other|new|confirmed|reported|"
    rf"suspected|total))?\s+(?:of\s+)?"
    r"(?:[a-z]{3,}\s+(?=(?:cases|patients|deaths|jobs|employees|workers|votes)\b))?"
    rf"(?:(?:(?:the\s+)?{_PEOPLE_NOUNS}\s+)?(?:were\s+|have\s+been\s+|had\s+been\s+|"
    r"being\s+|are\s+|was\s+|were\s+reported\s+|been\s+|has\s+been\s+|have\s+|has\s+)?(?:(?:killed|injured|wounded|"
    r"hurt|displaced|evacuated|missing|arrested|hospitali[sz]ed|dead)|(?:died|lost\s+their\s+lives))|(?P<kw>"
    + tables.longest_first(_MEASURE_AFTER)
    + r"))(?![\w-])"
)
_RE_QTY_AFTER_VERB = re.compile(
    r"\b(?P<verb>"
    + tables.longest_first(_VERB_BEFORE)
    + rf")\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})(?:\s+(?:of\s+)?(?P<obj>lives|people|jobs|workers|"
    rf"employees|staff|civilians|residents|positions|others))?(?![\w-])"
)
_RE_QTY_TOLL = re.compile(
    r"\b(?P<kw>(?i:death toll|toll|number of (?:dead|deaths|fatalities|victims)|(?:number|count) of (?:injured|wounded)"
    r"|number of (?:cases|infections)|unemployment|turnout|attendance|crowd))\s+(?:[\w’']+\s+){0,3}?"
    rf"(?:at|in|to|of|reached|hit|was|is|stood at|stands at|rose to|climbed to|jumped to|fell to)\s+(?:the\s+)?"
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})(?P<pct>\s*(?:%|percent|per cent))?(?![\w-])"
)
_RE_QTY_PCT = re.compile(
    rf"\b(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>\d+(?:\.\d+)?|{NUM_WORDS})(?P<unit>\s*%|\s+percent|\s+per cent)"
    r"(?P<after>\s+of\s+(?:the\s+)?(?P<of>[\w-]+(?:\s+[\w-]+)?))?"
)
_RE_QTY_MONEY = re.compile(
    rf"(?:\b(?P<hedge>{HEDGE})\s+)?(?P<amount>[$€£]\s?\d[\d,.]*(?:\s+(?:million|billion|trillion|thousand))?"
    r"|\d[\d,.]*(?:\s+(?:million|billion|trillion|thousand))?\s+(?:dollars|euros|pounds))(?![\w])"
)
_RE_QTY_UNIT = re.compile(
    rf"\b(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>\d+(?:\.\d+)?|{NUM_WORDS})\s*(?:-\s*)?(?P<unit>inches|inch|"
    r"millimet(?:re|er)s|mm|centimet(?:re|er)s|cm|mph|km/h|kph|miles per hour|"
    r"degrees\s+(?:Celsius|Fahrenheit|C|F)|°\s?[CF]|degrees)(?![\w])"
)
_RE_SCORE = re.compile(
    r"\b(?P<verb>won|beat|defeated|lost|drew|draw|victory|win|loss|defeat|edged|thrashed|routed|scoreline|score)"
    r"\b[^.;]{0,40}?\b(?P<amount>\d{1,3}[-–]\d{1,3})\b(?![-–]\d)"
    r"|\b(?P<amount2>\d{1,3}[-–]\d{1,3})\s+(?:win|victory|defeat|loss|draw|home win|away win|triumph|rout)\b"
)


def find(doc: Doc) -> Iterator[Found]:
    """Tolls, verb + number, number + noun, percentages, money, measured units and scores, in that order."""
    text = doc.text
    seen = Spans()

    def emit(
        m_start: int,
        m_end: int,
        amount: str,
        hedge: str | None,
        measure: str,
        unit: str | None,
        span_start: int | None = None,
    ) -> Iterator[Found]:
        if seen.overlaps(m_start, m_end):
            return
        amount = re.sub(r"^the\s+", "", amount.strip())
        found = event_for(doc, m_start, m_end, fallback=False)
        ev = found[0] if found else None
        attr, astart = attribution(doc, m_start, m_end)
        start = min(span_start if span_start is not None else m_start, astart)
        seen.add(m_start, m_end)
        end = m_end
        if doc.in_quote(m_end - 1) and text[m_end : m_end + 1] in '”"':
            end = m_end
        yield Found(
            start,
            end,
            {
                "measure": measure,
                "event": ev,
                "amount": amount,
                "unit": unit,
                "hedge": hedge,
                "modality": modality(doc, m_start, m_end),
                "attribution": attr,
            },
            QuantityClaim,
        )

    for m in _RE_QTY_TOLL.finditer(text):
        kw = m.group("kw").lower()
        pct = m.group("pct")
        if kw in ("unemployment", "turnout") and not pct:
            continue
        measure = {
            "unemployment": "unemployment rate",
            "turnout": "turnout",
            "attendance": "attendance",
            "crowd": "attendance",
        }.get(
            kw, "injured" if "injur" in kw or "wound" in kw else "cases" if "case" in kw or "infect" in kw else "deaths"
        )
        amount = m.group("amount") + (pct or "")
        yield from emit(m.start(), m.end(), amount, m.group("hedge"), measure, "percent" if pct else None)
    for m in _RE_QTY_AFTER_VERB.finditer(text):
        verb = m.group("verb").lower()
        obj = (m.group("obj") or "").lower()
        measure = _VERB_BEFORE[verb]
        if verb == "claimed" and obj != "lives":
            continue
        if verb in ("cut", "cutting", "eliminate") and obj not in (
            "jobs",
            "workers",
            "employees",
            "staff",
            "positions",
        ):
            continue
        if verb in ("employs", "employed", "employing", "laid off", "lay off") and not obj:
            continue
        if measure == "jobs" and obj in ("workers", "employees", "staff"):
            measure = "jobs"
        if _in_breakdown(text, m.start("amount"), m.end("amount")):
            continue
        measure = _at_site(text, measure, m.end())
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        yield from emit(st, m.end(), m.group("amount"), m.group("hedge"), measure, None, span_start=m.start())
    for m in _RE_QTY_BEFORE.finditer(text):
        amount = m.group("amount")
        if amount == "a" or re.fullmatch(r"(?:19|20)\d\d", amount):
            continue
        if re.search(r"(?i)\bno\s+$", text[max(0, m.start() - 4) : m.start()]):
            continue
        kw = (m.group("kw") or "").lower()
        if kw:
            measure = _MEASURE_AFTER[kw]
        else:
            tail = m.group().lower()
            measure = next(
                (v for k, v in _MEASURE_AFTER.items() if re.search(rf"\b{k}$", tail)),
                "deaths",
            )
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        if kw in ("death", "points", "runs", "counts", "shares") and re.fullmatch(r"(?:a|one)", amount):
            continue
        if _in_breakdown(text, m.start("amount"), m.end("amount")):
            continue
        if measure == "points":
            measure = _points_measure(doc, st, m.end())
        measure = _at_site(text, measure, m.end())
        yield from emit(st, m.end(), amount, m.group("hedge"), measure, None)
    for m in _RE_QTY_PCT.finditer(text):
        of = (m.group("of") or "").lower()
        unit = "percent"
        s, _e = doc.sentence_of(m.start())
        before = text[max(s, m.start() - 60) : m.start()].lower()
        if of.startswith(("the vote", "vote", "votes", "ballots")):
            measure = "share of the vote"
        elif re.search(r"\b(\w+\s+)?rate\b", before):
            rm = re.search(r"\b((?:\w+\s+)?rate)\b(?!.*\brate\b)", before)
            measure = rm.group(1) if rm else "rate"
            measure = re.sub(r"^(?:the|a|its|their|an)\s+", "", measure)
        elif "turnout" in before:
            measure = "turnout"
        elif re.search(r"\b(?:won|took|secured|received|got|garnered|captured)\s+(?:just\s+)?$", before):
            measure = "share of the vote"
        elif (
            of
            and not of.startswith(("the ", "its ", "their ", "all "))
            and re.fullmatch(r"[a-z][\w-]*(?:\s+[a-z][\w-]*)?", of)
        ):
            measure = f"share of {of}"
        else:
            continue
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        if measure == "share of the vote":
            measure = _with_candidate(doc, measure, st, m.end())
        yield from emit(st, m.end("unit"), m.group("amount") + m.group("unit"), m.group("hedge"), measure, unit)
    for m in _RE_QTY_MONEY.finditer(text):
        s, _e = doc.sentence_of(m.start())
        before = text[max(s, m.start() - 50) : m.start()].lower()
        after = text[m.end() : m.end() + 30].lower()
        nm = re.search(rf"\b({_MONEY_NOUNS})\b(?!.*\b(?:{_MONEY_NOUNS})\b)", before)
        am = re.match(rf"\s+(?:in|of)\s+({_MONEY_NOUNS})\b", after)
        if _RE_PER_SHARE.match(text, m.end()):
            measure = "price per share"  # "$38.50 a share": the offer's price, not the deal's value
        elif am:
            measure = am.group(1)
        elif nm:
            measure = nm.group(1)
        elif re.search(r"\bfined\s+(?:\w+\s+)?$", before):
            measure = "fine"
        elif re.search(r"\bsav(?:e|es|ed|ing)\s+(?:\w+\s+)?$", before):
            measure = "savings"
        else:
            continue
        amount = m.group("amount")
        cur = {"$": "dollars", "€": "euros", "£": "pounds"}.get(amount[0])
        money_unit = cur or next((u for u in ("dollars", "euros", "pounds") if amount.endswith(u)), None)
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        yield from emit(st, m.end(), amount, m.group("hedge"), measure, money_unit)
    for m in _RE_QTY_UNIT.finditer(text):
        unit_word = " ".join(m.group("unit").lower().split())
        measure, unit = _UNIT_MEASURES.get(unit_word, ("amount", unit_word))
        s, e = doc.sentence_of(m.start())
        ctx = text[s:e].lower()
        if measure == "rainfall" and "snow" in ctx and "rain" not in ctx:
            measure = "snowfall"
        elif measure == "rainfall" and not re.search(r"rain|snow|precipitation|downpour", ctx):
            continue
        if measure == "wind speed" and "gust" in text[max(s, m.start() - 40) : m.start()].lower():
            measure = "wind gusts"
        elif measure == "wind speed" and "wind" not in ctx and "gust" not in ctx:
            measure = "speed"
        if measure == "speed" and (
            _RE_LIMIT_NEAR.search(text, max(s, m.start() - 25), min(e, m.end() + 20))
            or _RE_SPEED_ZONE.match(text, m.end())
        ):
            near = text[max(s, m.start() - 25) : m.start()].lower()
            measure = "temporary speed limit" if re.search(r"\btemporary\b", near) else "speed limit"
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        yield from emit(st, m.end(), m.group("amount"), m.group("hedge"), measure, unit)
    for m in _RE_SCORE.finditer(text):
        g = "amount" if m.group("amount") else "amount2"
        yield from emit(m.start(g), m.end(g), m.group(g), None, "score", None, span_start=m.start())


def _in_breakdown(text: str, start: int, end: int) -> bool:
    """Whether the number at [start, end) counts one part of a breakdown ("two women and one man")."""
    return bool(_RE_BREAKDOWN_BEFORE.search(text, max(0, start - 40), start) or _RE_BREAKDOWN_AFTER.match(text, end))


def _points_measure(doc: Doc, start: int, end: int) -> str:
    """What a number of points measures, by the words around it in its sentence: a margin, a lead, a
    change; a lead in a poll is the poll's. A bare "points" (a player's) stays as it is."""
    s, e = doc.sentence_of(start)
    near = doc.text[max(s, start - 50) : min(e, end + 25)]
    for pattern, measure in _POINTS_MEASURES:
        if pattern.search(near):
            if measure == "lead in points" and re.search(r"(?i)\bpoll", doc.text[s:e]):
                return "poll lead in points"
            return measure
    return "points"


def _with_candidate(doc: Doc, measure: str, start: int, end: int) -> str:
    """A vote share is a candidate's: the name after "for" ("45.4 percent for Achterberg"), else the
    person named (or the he/she) last before it in the sentence; written into the measure ("share of
    the vote of Helen Varga"), the 1.0 form of the number's subject."""
    s, e = doc.sentence_of(start)
    after = _RE_FOR_NAME.match(doc.text, end)
    if after:
        ms = doc.mentions_in(after.end(), min(e, after.end() + 60))
        if ms and ms[0].start == after.end():
            return f"{measure} of {ms[0].name}"
    mentions = doc.mentions_in(s, start, outside_quotes=True)
    pronoun = None
    for pm in re.finditer(r"\b(?:[Hh]e|[Ss]he)\b", doc.masked[s:start]):
        pronoun = s + pm.start()
    if pronoun is not None and (not mentions or mentions[-1].end <= pronoun):
        name = doc.last_person_before(pronoun)
        return f"{measure} of {name}" if name else measure
    if mentions:
        return f"{measure} of {mentions[-1].name}"
    return measure


def _at_site(text: str, measure: str, end: int) -> str:
    """A headcount or job count at one place of work is the site's: "employees at Kessock", "employees
    at the site" ("3,100 workers already employed there"), not the whole employer's."""
    if measure not in ("employees", "jobs"):
        return measure
    m = _RE_AT_SITE.match(text, end)
    if m is None:
        return measure
    return f"{measure} at {m.group('name')}" if m.group("name") else f"{measure} at the site"
