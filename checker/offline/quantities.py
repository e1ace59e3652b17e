"""Quantities: how many, how much, what share ("at least 40 people were killed", "the death toll rose
to 52", "laid off 300 workers", "38% of the vote", "$2 million in damages", "6 inches of rain", "a 3-1 win").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from checker.offline import tables
from checker.offline.attribution import attribution, modality
from checker.offline.document import Doc, Found, Spans
from checker.offline.events import event_for
from checker.offline.lexicon import HEDGE, MONTHS, NAME_TOKEN, NON_NAME, NUM_WORDS, NUMBER
from checker.schema.v1 import QuantityClaim

#: Words after a number -> what it counts ("40 killed", "1,200 jobs").
_MEASURE_AFTER = tables.pairs("measures_after.tsv")
#: Verbs before a number -> what it counts ("killing 40", "laid off 300").
_VERB_BEFORE = tables.pairs("measures_before.tsv")
_UNIT_MEASURES = {unit: (measure, name) for unit, measure, name in tables.rows("unit_measures.tsv", 3)}
_PEOPLE_NOUNS = rf"(?:{tables.alternation(tables.entries('people_nouns.txt'))})"
_MONEY_NOUNS = tables.alternation(tables.entries("money_nouns.txt"))
#: Words after "a 24-year-old" that are not whose age it is ("a 24-year-old record", "a 30-year-old law").
_NOT_AGE_NOUNS = tables.wordset("not_age_nouns.txt")
_PLACE_HEADS = tables.wordset("place_heads.txt")
#: Counted things whose count depends on what happened to them ("140 homes destroyed", "400 homes threatened").
_STATE_NOUNS = frozenset(
    {"homes", "buildings", "vehicles", "cars", "schools", "hospitals", "stores", "households", "customers"}
)
_RE_STATE = re.compile(
    r"\s+(?:(?:were|have\s+been|had\s+been|was|are|being)\s+)?(?:(?:also|now)\s+)?(destroyed|damaged|burned|"
    r"burnt|razed|threatened|evacuated|flooded|lost|closed|affected|without\s+power)\b"
)
_RE_OWNER = re.compile(
    rf"(?<![\w’'-])(?P<name>{NAME_TOKEN}(?: {NAME_TOKEN}){{0,3}})(?:[’']s\s+|,\s+which\s+|\s+)(?:now\s+|still\s+)?"
    r"(?:employs\s+|employed\s+|has\s+|had\s+)?$"
)
_RE_NAMES = re.compile(rf"(?<![\w’'-]){NAME_TOKEN}(?:[’']s)?(?: {NAME_TOKEN}){{0,4}}(?![\w-])")

_RE_QTY_BEFORE = re.compile(
    rf"\b(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})(?:\s+(?:more|additional|other|new|confirmed|reported|"
    rf"suspected|total))?\s+(?:of\s+)?"
    r"(?:(?!basis\b|percentage\b)[a-z][a-z-]{2,}\s+(?=(?:" + tables.longest_first(_MEASURE_AFTER) + r")\b))?"
    rf"(?:(?:(?:the\s+)?{_PEOPLE_NOUNS}\s+)?(?:were\s+|have\s+been\s+|had\s+been\s+|"
    r"being\s+|are\s+|was\s+|were\s+reported\s+|been\s+|has\s+been\s+|have\s+|has\s+)?(?:(?:killed|injured|wounded|"
    r"hurt|displaced|evacuated|missing|arrested|hospitali[sz]ed|dead)|(?:(?:now\s+|since\s+|also\s+)?died|"
    r"lost\s+their\s+lives))|(?P<kw>" + tables.longest_first(_MEASURE_AFTER) + r"))(?![\w-])"
)
_RE_QTY_AFTER_VERB = re.compile(
    r"\b(?P<verb>"
    + tables.longest_first(_VERB_BEFORE)
    + rf")\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})(?:\s+(?:of\s+)?(?P<obj>lives|people|jobs|workers|"
    rf"employees|staff|civilians|residents|positions|others|{_PEOPLE_NOUNS}|runners|firefighters|officers))?(?![\w-])"
)
_RE_QTY_TOLL = re.compile(
    r"\b(?P<kw>(?i:death toll|toll|number of (?:dead|deaths|fatalities|victims)|(?:number|count) of (?:injured|wounded)"
    r"|number of (?:(?:confirmed|reported|new)\s+)?(?:cases|infections)|unemployment|turnout|attendance|crowd))"
    r"\s+(?:[\w’']+\s+){0,3}?(?:(?:from|after|since)\s+(?:[\w’'-]+\s+){1,14}?)?"
    rf"(?:at|in|to|of|reached|hit|was|is|stood at|stands at|rose to|climbed to|jumped to|fell to)\s+(?:the\s+)?"
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})(?P<pct>\s*(?:%|percent|per cent))?(?![\w-])"
)
_RE_QTY_PCT = re.compile(
    rf"\b(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>\d+(?:\.\d+)?|{NUM_WORDS})(?P<unit>\s*%|\s+percent|\s+per cent)"
    r"(?P<after>\s+of\s+(?:the\s+)?(?P<of>[\w-]+(?:\s+[\w-]+)?))?"
)
_RE_QTY_UNIT = re.compile(
    rf"\b(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>\d+(?:\.\d+)?|{NUM_WORDS})\s*(?:-\s*)?(?P<unit>inches|inch|"
    r"millimet(?:re|er)s|mm|centimet(?:re|er)s|cm|mph|km/h|kph|miles per hour|"
    r"degrees(?:\s+(?:Celsius|Fahrenheit|centigrade|C|F)\b)?|°\s?[CF]\b|(?<=\d)[CF]\b)(?![\w])"
)
_RE_SCORE = re.compile(
    r"\b(?P<verb>won|beat|defeated|lost|drew|draw|victory|win|loss|defeat|edged|thrashed|routed|scoreline|score)"
    r"\b[^.;]{0,40}?\b(?P<amount>\d{1,3}[-–]\d{1,3})\b(?![-–]\d)"
    r"|\b(?P<amount2>\d{1,3}[-–]\d{1,3})\s+(?:win|victory|defeat|loss|draw|home win|away win|triumph|rout)\b"
)

_SCALE = r"(?:\s*(?:million|billion|trillion|thousand|mn|bn|m|b|k)\b)?"
_CURRENCY = r"(?:US|C|A|NZ|HK|S)?[$€£]"
#: A sum of money: "$3.4m", "€2 million", "US$115 million", "2 million euros", "£450,000".
_RE_QTY_MONEY = re.compile(
    rf"(?:\b(?P<hedge>{HEDGE})\s+)?(?P<amount>(?<![\w$€£]){_CURRENCY}\s?\d[\d,]*(?:\.\d+)?{_SCALE}"
    r"|\b\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion|trillion|thousand))?\s+(?:dollars|euros|pounds)"
    r"|\b\d[\d,]*(?:\.\d+)?-(?:pound|dollar|euro))(?![\w])"
)
#: A name with its age in commas ("Eleanor Pratt, 71,"), "a 29-year-old (man)", "aged 81".
_RE_AGE_APPOSITIVE = re.compile(r"(?<=[a-z]),\s(?P<amount>\d{1,3})(?=,|\)|;|\.(?!\d)|\s+and\b|\s+who\b)")
_RE_AGE_ADJECTIVE = re.compile(
    rf"\b(?:(?P<art>an?|the)\s+)?(?P<amount>(?:\d{{1,3}}|{NUM_WORDS})(?:-(?:one|two|three|four|five|six|seven|eight|"
    r"nine))?-years?-old)(?:\s+(?P<noun>[a-z]+))?\b"
)
_RE_AGE_AGED = re.compile(r"(?<=[a-z]),?\s+(?P<amount>aged\s+\d{1,3})\b(?!\s*(?:to|-|–|and)\s*\d)")
#: An earthquake's magnitude: "magnitude 5.9", "magnitude-6.1", "a 6.1-magnitude quake", "a magnitude of 5.9".
_RE_MAGNITUDE = re.compile(
    r"\b(?i:magnitude)(?:[- ]|\s+of\s+|\s+at\s+)(?P<amount>\d(?:\.\d)?)\b(?!\.\d)"
    r"|\b(?P<amount2>\d(?:\.\d)?)[- ]magnitude\b"
)
#: How many live somewhere: "home to 120,000 people", "a population of more than 100,000", "200,000 residents".
_RE_POPULATION = re.compile(
    rf"\b(?:home\s+to|population\s+of|population\s+(?:is|was|stands\s+at)|inhabitants\s+of)\s+(?:(?:about|some)\s+)?"
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})(?:\s+(?:people|residents|inhabitants))?(?![\w-])"
    r"|\b(?P<amount2>\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million))?)\s+(?:residents|inhabitants)\b"
)
#: How far from a place: "1,500 kilometers south of Tehran", "about 940 miles from Boston".
_RE_DISTANCE = re.compile(
    r"\b(?P<amount>\d[\d,]*(?:\.\d+)?\s*(?:-\s*)?(?:kilomet(?:er|re)s?|km|miles?|mi|metres|"
    r"meters|m|feet|ft|yards))(?:\s*\([^()]{1,30}\))?\s+(?:(?:north|south|east|west|northeast|northwest|southeast|"
    r"southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+(?:of\s+)?|from\s+|outside\s+(?:of\s+)?)"
    r"(?:the\s+)?(?:(?:city|town|capital|village|centre|center)\s+of\s+)?"
    rf"(?P<place>{NAME_TOKEN}(?: {NAME_TOKEN}){{0,2}})"
)
#: A team's won-lost record: "the Colts (10-5)", "a 10-6 record", "stand at 10-5", "record rose to 9-5".
_RE_RECORD = re.compile(
    r"(?<=[a-z])[’']?\s+\((?P<amount>\d{1,2}[-–]\d{1,2}(?:[-–]\d{1,2})?)[,)]"
    r"|(?<=[a-z])\s+(?:now\s+)?(?:stand|stands|stood|improved|improve|improves|"
    r"fell|fall|falls|dropped|moved|moves|are|were|is|was)\s+(?:to\s+|at\s+)(?P<amount2>\d{1,2}[-–]\d{1,2})\b(?![-–]\d)"
    r"|(?<=[a-z])\s*[’']s?\s+record\s+(?:\w+\s+)?(?:to|at|of|is|was)\s+"
    r"(?P<amount3>\d{1,2}[-–]\d{1,2})\b"
    r"|\ba\s+(?P<amount4>\d{1,2}[-–]\d{1,2})\s+record\b"
)
_TIME = (
    r"\d{1,2}:\d\d:\d\d(?:\.\d+)?|\d{1,2}\s+hours?,?\s+\d{1,2}\s+minutes?,?(?:\s+and)?\s+\d{1,2}\s+seconds?"
    r"|\d{1,3}\s+minutes?,?(?:\s+and)?\s+\d{1,2}(?:\.\d+)?\s+seconds?"
)
#: A finishing time and who ran it: "Rotich won in 2:06:41", "Tolosa, who finished in 2:06:52", "ran 2:22:08".
_RE_RACE_TIME = re.compile(
    r"\b(?:won|wins|win|winning|finished|finishes|finishing|crossed\s+the\s+line|clocked|clocking|timed|ran|runs|"
    r"running|(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))|home)\b(?:\s+[\w’'-]+){0,6}?\s+(?:in\s+)?"
    rf"(?:a\s+(?:chip\s+|personal[- ]best\s+|winning\s+)?time\s+of\s+)?(?P<amount>{_TIME})\b"
)
_SECONDS = r"(?:\d+(?:\.\d+)?|" + NUM_WORDS + r")\s+(?:seconds?|minutes?|hours?|secs?)"
#: A winning margin: "11 seconds ahead of Tolosa", "beating Tolosa by nine seconds", "the margin was 11 seconds",
#: "winning by nearly 20,000 votes", "a margin of 19,910".
_RE_MARGIN = re.compile(
    rf"\b(?P<amount>{_SECONDS})\s+(?:ahead\s+of|clear\s+of|in\s+front\s+of)\b"
    rf"|\b(?:won|wins|win|winning|beat|beats|beating|defeated|defeating|edged|edging|led|leading)\b"
    rf"(?:\s+[\w’'-]+){{0,4}}?\s+by\s+(?:(?P<hedge2>{HEDGE})\s+)?(?P<amount2>{_SECONDS}|{NUMBER}\s+votes)\b"
    rf"|\bmargin\s+(?:was|of|is|stood\s+at|came\s+to|at)\s+(?:(?P<hedge3>{HEDGE})\s+)?"
    rf"(?P<amount3>{_SECONDS}|{NUMBER}(?:\s+votes)?)(?![\w-]|\s+(?:percentage\s+)?points)"
    r"|\b(?P<amount4>\d[\d,]*-vote)\s+margin\b"
)
_CROWD = r"(?:crowd|march|rally|protest|demonstration|gathering|turnout|attendance)s?"
#: The size of a crowd: "Police put the march at roughly 30,000 people", "as many as 20,000 people took to the streets".
_RE_CROWD = re.compile(
    rf"\b(?:put|puts|putting|estimated|estimates|estimate|placed|placing|places)\s+the\s+(?:size\s+of\s+the\s+)?"
    rf"(?:\w+\s+)?{_CROWD}(?:\s*,[^,.;]{{1,60}},)?\s+at\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})"
    r"(?:\s+(?:people|protesters|demonstrators|marchers))?(?![\w-])"
    rf"|\b(?:(?P<hedge2>{HEDGE})\s+)?(?P<amount2>\d[\d,]*|{NUMBER})\s+(?:people|protesters|demonstrators|marchers)\s+"
    r"(?:marched|took\s+to\s+the\s+streets|gathered|rallied|protested|demonstrated|turned\s+out)\b"
)
#: A part of the casualties: "Four firefighters were among those hurt", "Two of the injured are firefighters".
_RE_AMONG = re.compile(
    rf"\b(?P<amount>{NUMBER})\s+(?P<noun>[a-z]+)\s+(?:were|are)\s+(?:also\s+)?among\s+(?:those\s+|the\s+)?"
    r"(?P<what>hurt|injured|wounded|killed|dead|missing|arrested)\b"
    rf"|\b(?P<amount2>{NUMBER})\s+of\s+the\s+(?P<what2>injured|dead|wounded|missing|victims)\s+(?:were|are)\s+"
    r"(?P<noun2>[a-z]+)\b"
)
#: A share in percent before the noun it qualifies: "a 31% premium", "a 12 percent stake".
_RE_PCT_NOUN = re.compile(
    r"\b(?P<amount>\d+(?:\.\d+)?(?:\s*%|\s+percent|\s+per\s+cent))\s+(?P<noun>"
    + tables.alternation(tables.entries("percent_nouns.txt"))
    + r")\b"
)
#: Verbs and phrases before a sum of money that say what it is ("priced at", "spending ... on").
_MONEY_BEFORE = tables.pairs("money_before.tsv")
_RE_MONEY_BEFORE = re.compile(
    r"\b(?P<key>" + tables.longest_first(_MONEY_BEFORE) + r")\s+(?:[\w’'-]+\s+){0,3}?(?:at|from|for|of)?\s*$"
)


def find(doc: Doc) -> Iterator[Found]:
    """Tolls, verb + number, number + noun, percentages, money, measured units and scores, in that order."""
    text = doc.text
    seen = Spans()
    latest = max((int(y) for y in _RE_DATED_YEAR.findall(text)), default=None)

    def emit(
        m_start: int,
        m_end: int,
        amount: str,
        hedge: str | None,
        measure: str,
        unit: str | None,
        span_start: int | None = None,
    ) -> Iterator[Found]:
        if seen.overlaps(m_start, m_end) or _earlier(doc, latest, m_start, m_end):
            return
        amount = re.sub(r"^the\s+", "", amount.strip())
        if unit == "percent" and re.search(r"per\s+cent", amount):
            unit = "per cent"
        if measure == "share of the vote":
            measure += _whose(doc, m_start)
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

    yield from _ages(doc, emit)
    for m in _RE_RECORD.finditer(text):
        g = next(g for g in ("amount", "amount2", "amount3", "amount4") if m.group(g))
        name, name_start = _name_before(text, m.start()) if g != "amount4" else (None, m.start())
        if name is None and g != "amount4":
            continue
        measure = f"record of {doc.resolve(name)}" if name else "record"
        yield from emit(m.start(g), m.end(g), m.group(g), None, measure, None, span_start=name_start)
    for m in _RE_RACE_TIME.finditer(text):
        runner = _runner(doc, m.start())
        if runner is None or re.search(r"\b(?:previous|old|earlier|former)\b", text[m.start() - 30 : m.start()]):
            continue
        yield from emit(m.start("amount"), m.end("amount"), m.group("amount"), None, f"time of {runner}", None)
    for m in _RE_MARGIN.finditer(text):
        g, h = next((f"amount{i}", f"hedge{i}") for i in ("", "2", "3", "4") if m.group(f"amount{i}"))
        hedge = m.group(h) if h in ("hedge2", "hedge3") else None
        st = m.start(h) if hedge else m.start(g)
        yield from emit(st, m.end(g), m.group(g), hedge, "margin", None, span_start=m.start())
    for m in _RE_CROWD.finditer(text):
        g, h = ("amount", "hedge") if m.group("amount") else ("amount2", "hedge2")
        if m.group(g) in ("a", "one") or re.search(
            r"\b(?:another|a\s+further)\s+$", text[max(0, m.start() - 12) : m.start()]
        ):
            continue
        st = m.start(h) if m.group(h) else m.start(g)
        yield from emit(st, m.end(g), m.group(g), m.group(h), "crowd size", None, span_start=min(st, m.start()))
    for m in _RE_AMONG.finditer(text):
        g, w, n = ("amount", "what", "noun") if m.group("amount") else ("amount2", "what2", "noun2")
        what = _MEASURE_AFTER.get(m.group(w), m.group(w))
        yield from emit(m.start(g), m.end(), m.group(g), None, f"{what} {m.group(n)}", None)
    for m in _RE_MAGNITUDE.finditer(text):
        g = "amount" if m.group("amount") else "amount2"
        yield from emit(m.start(g), m.end(g), m.group(g), None, "magnitude", None, span_start=m.start())
    for m in _RE_POPULATION.finditer(text):
        g = "amount" if m.group("amount") else "amount2"
        if m.group(g) == "a":
            continue
        hedge, st = (m.group("hedge"), m.start("hedge")) if m.group("hedge") else _hedge_before(text, m.start(g))
        yield from emit(st, m.end(g), m.group(g), hedge, "population", None)
    for m in _RE_DISTANCE.finditer(text):
        place = m.group("place")
        if place.split()[0] in ("The", "A", "An"):
            continue
        hedge, st = _hedge_before(text, m.start("amount"))
        yield from emit(st, m.end("amount"), m.group("amount"), hedge, f"distance from {place}", None)
    for m in _RE_PCT_NOUN.finditer(text):
        hedge, st = _hedge_before(text, m.start("amount"))
        yield from emit(st, m.end("amount"), m.group("amount"), hedge, m.group("noun"), "percent")
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
        if verb in ("employs", "employed", "employing", "laid off", "lay off", "treated", "treating") and not obj:
            continue
        if measure == "employees" and (owner := _owner(doc, m.start())):
            measure = f"employees of {owner}"
        if measure == "jobs" and obj in ("workers", "employees", "staff"):
            measure = "jobs"
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        yield from emit(st, m.end(), m.group("amount"), m.group("hedge"), measure, None, span_start=m.start())
    for m in _RE_QTY_BEFORE.finditer(text):
        amount = m.group("amount")
        if amount == "a" or re.fullmatch(r"(?:19|20)\d\d", amount):
            continue
        if re.search(r"(?i)\bno\s+$", text[max(0, m.start() - 4) : m.start()]):
            continue
        kw = (m.group("kw") or "").lower()
        if re.match(r"\s+(?:were|are|was|is)\s+among\b", text[m.end() : m.end() + 16]):
            continue  # a part of a group ("Four firefighters were among those hurt")
        if kw:
            measure = _MEASURE_AFTER[kw]
            if measure in _STATE_NOUNS and (st_m := _RE_STATE.match(text, m.end())):
                measure = f"{measure} {st_m.group(1).lower()}"  # "140 homes destroyed" is not "400 homes threatened"
            elif measure == "employees" and (owner := _owner(doc, m.start())):
                measure = f"employees of {owner}"
        else:
            tail = m.group().lower()
            measure = next(
                (v for k, v in _MEASURE_AFTER.items() if re.search(rf"\b{k}$", tail)),
                "deaths",
            )
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        if kw in ("death", "points", "runs", "counts", "shares") and re.fullmatch(r"(?:a|one)", amount):
            continue
        if _RE_PART.match(text, m.end()) or _RE_PART_BEFORE.search(text, max(0, st - 30), st):
            continue  # one part of a breakdown ("two women and one man were killed")
        if re.match(r"\S+\s+of\s+(?:the|those|them)\b", text[m.start("amount") : m.end()]):
            continue  # a part of a group ("one of the dead")
        if kw == "points":
            points = _points(doc, st, m.end())
            if points is None:
                continue
            measure = points
        if re.search(r"\b(?:an\s+additional|a\s+further|another)\s+$", text[max(0, st - 16) : st]) or re.match(
            r"\S+\s+(?:more|additional|further)\b", text[m.start("amount") : m.end()]
        ):
            measure = f"additional {measure}"
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
        yield from emit(st, m.end("unit"), m.group("amount") + m.group("unit"), m.group("hedge"), measure, unit)
    for m in _RE_QTY_MONEY.finditer(text):
        s, _e = doc.sentence_of(m.start())
        before = text[max(s, m.start() - 50) : m.start()].lower()
        after = text[m.end() : m.end() + 30].lower()
        nm = re.search(rf"\b({_MONEY_NOUNS})\b(?!.*\b(?:{_MONEY_NOUNS})\b)", before)
        am = re.match(rf"\s+(?:in|of)\s+({_MONEY_NOUNS})\b", after)
        adj = re.match(rf"(?:-pound|-dollar|-euro)?\s+(?:[a-z]+\s+)?({_MONEY_NOUNS})\b", after)
        vb = _RE_MONEY_BEFORE.search(before)
        if re.match(r"\s+(?:a|per)\s+share\b", after):
            measure = "price per share"
        elif am:
            measure = am.group(1)
        elif adj:
            measure = adj.group(1)
        elif nm:
            measure = nm.group(1)
        elif vb:
            measure = _MONEY_BEFORE[vb.group("key")]
        elif re.search(r"-(?:pound|dollar|euro)$", m.group()) and re.match(r"\s+[a-z]{3,}\b", after):
            measure = "price"
        elif re.search(r"\bsav(?:e|es|ed|ing)\s+(?:\w+\s+)?$", before):
            measure = "savings"
        else:
            continue
        amount = m.group("amount")
        cur = {"$": "dollars", "€": "euros", "£": "pounds"}.get(amount.lstrip("USCANZHK")[0])
        money_unit = cur or next((u for u in ("dollars", "euros", "pounds") if amount.endswith(u)), None)
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        yield from emit(st, m.end(), amount, m.group("hedge"), measure, money_unit)
    for m in _RE_QTY_UNIT.finditer(text):
        unit_word = m.group("unit").lower()
        if unit_word == "degrees":
            continue  # no scale: one outlet's 41 degrees is another's 106
        if unit_word.startswith(("degrees ", "°")) or unit_word in ("c", "f"):
            unit_word = "degrees " + ("fahrenheit" if unit_word.endswith(("f", "fahrenheit")) else "celsius")
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
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        amount = text[m.start("amount") : m.end("unit")] if measure == "temperature" else m.group("amount")
        yield from emit(st, m.end(), amount, m.group("hedge"), measure, None if measure == "temperature" else unit)
    for m in _RE_SCORE.finditer(text):
        g = "amount" if m.group("amount") else "amount2"
        yield from emit(m.start(g), m.end(g), m.group(g), None, "score", None, span_start=m.start())


_RE_DATED_YEAR = re.compile(
    rf"\b(?:(?:{MONTHS})\.?\s+\d{{1,2}},?\s+|\d{{1,2}}\s+(?:{MONTHS})\.?,?\s+|(?:{MONTHS})\.?\s+)((?:19|20)\d\d)\b"
)
_RE_PART = re.compile(rf"\s+and\s+(?:a|an|one|{NUM_WORDS}|\d+)\s+{_PEOPLE_NOUNS}\b")
_RE_PART_BEFORE = re.compile(rf"\b(?i:a|an|one|{NUM_WORDS}|\d+)\s+{_PEOPLE_NOUNS}\s+and\s+$")
_RE_YEAR = re.compile(r"(?<![\w,.$€£-])((?:19|20)\d\d)(?![\w-]|,\d)")
#: Words right before a figure that make it an earlier one it is compared with ("up from 17,200").
_RE_EARLIER_BEFORE = re.compile(
    r"\b(?:(?:up|down|rising|falling|rose|fell|climbed|dropped|increased|decreased)\s+from|compared\s+(?:with|to))\s+$"
)


def _earlier(doc: Doc, latest: int | None, start: int, end: int) -> bool:
    """Whether the figure is an earlier one given for comparison: "up from 17,200", or one with a year right by
    it that is earlier than the latest year the article dates anything in ("58.2 percent in the 2022 runoff",
    "2022's 44.6%"); when the article dates nothing with a year, any year by a figure is an earlier one."""
    s, e = doc.sentence_of(start)
    text = doc.text
    if _RE_EARLIER_BEFORE.search(text[max(s, start - 20) : start].lower()):
        return True
    near = text[max(s, start - 70) : min(e, end + 30)]
    return any(latest is None or int(y) < latest for y in _RE_YEAR.findall(near))


def _whose(doc: Doc, start: int) -> str:
    """The person a share of the vote is, when the clause before it names one ("Varga won 54.6 percent")."""
    s, _e = doc.sentence_of(start)
    clause = max(s, doc.text.rfind(";", s, start) + 1)
    mentions = doc.mentions_in(clause, start, outside_quotes=True)
    return f" of {mentions[-1].name}" if mentions else ""


_RE_POINTS_NOUN = re.compile(
    r"\b(margin|gain|lead|swing|drop|fall|rise|increase|decline)\b(?!.*\b(?:margin|gain|lead|swing|drop|fall|rise|increase|decline)\b)"
)


def _points(doc: Doc, start: int, end: int) -> str | None:
    """What "N points" measures: a score ("scored 30 points"), or, among shares and polls, the margin, lead or
    gain it is ("a gain of more than 13 points" -> gain in points, "six points ahead" -> lead in points);
    None for points among shares that say neither."""
    s, e = doc.sentence_of(start)
    text = doc.text
    if re.match(r"\s+(?:ahead|clear|in front)\b", text[end : end + 12]):
        return "lead in points"
    nm = _RE_POINTS_NOUN.search(text[max(s, start - 50) : start].lower())
    if nm:
        return f"{nm.group(1)} in points"
    sentence = text[s:e].lower()
    return None if re.search(r"%|\bper\s*cent|\bpoll|\bvote|\bshare|\brate\b", sentence) else "points"


_RE_HEDGE_BEFORE = re.compile(rf"\b({HEDGE})\s+$")


def _hedge_before(text: str, pos: int) -> tuple[str | None, int]:
    """The hedge right before ``pos`` ("about", "more than") and where it starts, else (None, pos)."""
    hm = _RE_HEDGE_BEFORE.search(text, max(0, pos - 24), pos)
    return (hm.group(1), hm.start(1)) if hm else (None, pos)


_RE_NAME_END = re.compile(rf"(?<![\w’'-])({NAME_TOKEN}(?: {NAME_TOKEN}){{0,3}})$")


def _name_before(text: str, pos: int) -> tuple[str | None, int]:
    """The name that ends at ``pos`` ("Eleanor Pratt" before ", 71"), without a leading article, and where it
    starts; (None, pos) when the words there are no name (a month, a weekday, a place word)."""
    nm = _RE_NAME_END.search(text, max(0, pos - 60), pos)
    if nm is None:
        return None, pos
    name, start = nm.group(1), nm.start(1)
    if (lead := re.match(r"(?:The|A|An) ", name)) is not None:
        name, start = name[lead.end() :], start + lead.end()
    words = name.split()
    if not words or words[0] in NON_NAME or words[-1] in NON_NAME:
        return None, pos
    return name, start


def _runner(doc: Doc, pos: int) -> str | None:
    """Who ran a time: the last person named in the clause before it (the headline's "Rotich runs 2:06:14"
    included), else the last person named before the clause ("The 24-year-old Kenyan won ... in 2:06:41")."""
    s, _e = doc.sentence_of(pos)
    clause = max(s, doc.text.rfind(";", s, pos) + 1)
    mentions = doc.mentions_in(clause, pos)
    if mentions:
        return mentions[-1].name
    names = []
    for n in _RE_NAMES.finditer(doc.text, clause, pos):
        name = re.sub(r"^\w+[’']s\s+", "", n.group())
        words = name.split()
        if any(w in NON_NAME for w in words) or words[-1] in _PLACE_HEADS:
            continue
        if len(words) > 1 or name in doc.persons:
            names.append(name)
    return doc.resolve(names[-1]) if names else doc.last_person_before(clause)


def _owner(doc: Doc, pos: int) -> str | None:
    """Whose employees a count is, when a name stands right before it ("Ostrander's 4,700 employees",
    "Corvane, which employs about 9,800 people", "Acme employs 300")."""
    s, _e = doc.sentence_of(pos)
    om = _RE_OWNER.search(doc.text, max(s, pos - 60), pos)
    if om is None:
        return None
    words = om.group("name").split()
    if words[0] in NON_NAME or words[-1] in NON_NAME:
        return None
    return re.sub(r"[’']s$", "", om.group("name"))  # as written: a company ("Ostrander") is no person


_Emit = Callable[..., Iterator[Found]]


def _ages(doc: Doc, emit: _Emit) -> Iterator[Found]:
    """Ages: of a named person ("Eleanor Pratt, 71,", "Rotich, aged 24"), else of the noun they qualify
    ("a 71-year-old man" -> age of man)."""
    text = doc.text
    for rx in (_RE_AGE_APPOSITIVE, _RE_AGE_AGED):
        for m in rx.finditer(text):
            name, name_start = _name_before(text, m.start())
            if name is None or doc.in_headline(m.start()):
                continue
            words = name.split()
            if len(words) == 1 and name not in doc.persons:
                continue
            if not 0 < int(re.sub(r"\D", "", m.group("amount"))) < 120:
                continue
            yield from emit(
                m.start("amount"),
                m.end("amount"),
                m.group("amount"),
                None,
                f"age of {doc.resolve(name)}",
                None,
                span_start=name_start,
            )
    for m in _RE_AGE_ADJECTIVE.finditer(text):
        noun = (m.group("noun") or "").lower()
        if not m.group("art") or not noun or noun in _NOT_AGE_NOUNS or noun.endswith("ed"):
            continue
        yield from emit(m.start("amount"), m.end("amount"), m.group("amount"), None, f"age of {noun}", None)
