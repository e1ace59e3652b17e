"""Quantities: how many, how much, what share ("at least 40 people were killed", "the death toll rose
to 52", "laid off 300 workers", "38% of the vote", "$2 million in damages", "6 inches of rain", "a 3-1 win").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from checker.offline.attribution import attribution, modality
from checker.offline.document import Doc, Found, Spans
from checker.offline.events import event_for
from checker.offline.quantities.context import (
    RE_PART,
    RE_PART_BEFORE,
    at_site,
    compared_figure,
    employer_of,
    hedge_before,
    name_before,
    points_measure,
    runner_of,
    vote_owner,
)
from checker.offline.quantities.patterns import (
    MEASURE_AFTER,
    MONEY_BEFORE,
    MONEY_NOUNS,
    NOT_AGE_NOUNS,
    RE_AGE_ADJECTIVE,
    RE_AGE_AGED,
    RE_AGE_APPOSITIVE,
    RE_AGE_NUMBER,
    RE_AMONG,
    RE_AMONG_BEFORE,
    RE_CROWD,
    RE_DISTANCE,
    RE_LENGTH_ADJECTIVE,
    RE_LIMIT_AFTER,
    RE_LIMIT_BEFORE,
    RE_MAGNITUDE,
    RE_MARGIN,
    RE_MONEY_BEFORE,
    RE_NUMBER_END,
    RE_PCT_NOUN,
    RE_POPULATION,
    RE_QTY_AFTER_VERB,
    RE_QTY_BEFORE,
    RE_QTY_MONEY,
    RE_QTY_PCT,
    RE_QTY_TOLL,
    RE_QTY_UNIT,
    RE_RACE_TIME,
    RE_RECORD,
    RE_SCORE,
    RE_STATE,
    RE_TEMPORARY,
    REPEATED_LENGTH_NOUNS,
    STATE_NOUNS,
    UNIT_MEASURES,
    VERB_BEFORE,
)
from checker.schema.v1 import QuantityClaim


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
        if seen.overlaps(m_start, m_end) or compared_figure(doc, m_start, m_end):
            return
        amount = re.sub(r"^the\s+", "", amount.strip())
        if unit == "percent" and re.search(r"per\s+cent", amount):
            unit = "per cent"
        if measure == "share of the vote":
            measure += vote_owner(doc, m_start, m_end)
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
    for m in RE_RECORD.finditer(text):
        g = next(g for g in ("amount", "amount2", "amount3", "amount4") if m.group(g))
        name, name_start = name_before(text, m.start()) if g != "amount4" else (None, m.start())
        if name is None and g != "amount4":
            continue
        measure = f"record of {doc.resolve(name)}" if name else "record"
        yield from emit(m.start(g), m.end(g), m.group(g), None, measure, None, span_start=name_start)
    for m in RE_RACE_TIME.finditer(text):
        runner = runner_of(doc, m.start())
        if runner is None or re.search(r"\b(?:previous|old|earlier|former)\b", text[m.start() - 30 : m.start()]):
            continue
        yield from emit(m.start("amount"), m.end("amount"), m.group("amount"), None, f"time of {runner}", None)
    for m in RE_MARGIN.finditer(text):
        g, h = next((f"amount{i}", f"hedge{i}") for i in ("", "2", "3", "4") if m.group(f"amount{i}"))
        hedge = m.group(h) if h in ("hedge2", "hedge3") else None
        st = m.start(h) if hedge else m.start(g)
        yield from emit(st, m.end(g), m.group(g), hedge, "margin", None, span_start=m.start())
    for m in RE_CROWD.finditer(text):
        if m.group("amount"):
            found: re.Match[str] | None = m
        else:
            found = RE_NUMBER_END.search(text, max(0, m.start() - 40), m.start())
        if found is None:
            continue
        hedge, amount, a_start, a_end = (
            found.group("hedge"),
            found.group("amount"),
            found.start("amount"),
            found.end("amount"),
        )
        if amount in ("a", "one") or re.search(r"\b(?:another|a\s+further)\s+$", text[max(0, a_start - 24) : a_start]):
            continue
        st = found.start("hedge") if hedge else a_start
        yield from emit(st, a_end, amount, hedge, "crowd size", None, span_start=min(st, m.start()))
    for m in RE_AMONG.finditer(text):
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-"):
            continue
        head = m.start()
        if m.group("what"):
            bm = RE_AMONG_BEFORE.search(text, max(0, head - 40), head)
            if bm is None:
                continue
            noun, what, head = bm.group("noun"), m.group("what"), bm.start()
        else:
            noun, what, head = m.group("noun2"), m.group("what2"), head - 1
        nm = RE_NUMBER_END.search(text, max(0, head - 30), head)
        if nm is None or nm.group("hedge"):
            continue
        what = MEASURE_AFTER.get(what, what)
        yield from emit(nm.start("amount"), m.end(), nm.group("amount"), None, f"{what} {noun}", None)
    for m in RE_LENGTH_ADJECTIVE.finditer(text):
        noun = m.group("noun")
        if noun in NOT_AGE_NOUNS or noun in REPEATED_LENGTH_NOUNS or noun.endswith("ed"):
            continue
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        yield from emit(st, m.end("amount"), m.group("amount"), m.group("hedge"), f"length of {noun}", None)
    for m in RE_MAGNITUDE.finditer(text):
        g = "amount" if m.group("amount") else "amount2"
        yield from emit(m.start(g), m.end(g), m.group(g), None, "magnitude", None, span_start=m.start())
    for m in RE_POPULATION.finditer(text):
        g = "amount" if m.group("amount") else "amount2"
        if m.group(g) == "a":
            continue
        hedge, st = (m.group("hedge"), m.start("hedge")) if m.group("hedge") else hedge_before(text, m.start(g))
        yield from emit(st, m.end(g), m.group(g), hedge, "population", None)
    for m in RE_DISTANCE.finditer(text):
        place = m.group("place")
        if place.split()[0] in ("The", "A", "An"):
            continue
        hedge, st = hedge_before(text, m.start("amount"))
        yield from emit(st, m.end("amount"), m.group("amount"), hedge, f"distance from {place}", None)
    for m in RE_PCT_NOUN.finditer(text):
        hedge, st = hedge_before(text, m.start("amount"))
        yield from emit(st, m.end("amount"), m.group("amount"), hedge, m.group("noun"), "percent")
    for m in RE_QTY_TOLL.finditer(text):
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
    for m in RE_QTY_AFTER_VERB.finditer(text):
        verb = m.group("verb").lower()
        obj = (m.group("obj") or "").lower()
        measure = VERB_BEFORE[verb]
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
        if measure == "employees" and (owner := employer_of(doc, m.start())):
            measure = f"employees of {owner}"
        if measure == "jobs" and obj in ("workers", "employees", "staff"):
            measure = "jobs"
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        if obj and (RE_PART.match(text, m.end()) or RE_PART_BEFORE.search(text, max(0, st - 30), st)):
            continue  # one part of a breakdown ("killed two women and a man")
        measure = at_site(text, measure, m.end())
        yield from emit(st, m.end(), m.group("amount"), m.group("hedge"), measure, None, span_start=m.start())
    for m in RE_QTY_BEFORE.finditer(text):
        amount = m.group("amount")
        if amount == "a" or re.fullmatch(r"(?:19|20)\d\d", amount):
            continue
        if re.search(r"(?i)\bno\s+$", text[max(0, m.start() - 4) : m.start()]):
            continue
        kw = (m.group("kw") or "").lower()
        if re.match(r"\s+(?:were|are|was|is)\s+among\b", text[m.end() : m.end() + 16]):
            continue  # a part of a group ("Four firefighters were among those hurt")
        if kw:
            measure = MEASURE_AFTER[kw]
            if measure in STATE_NOUNS and (st_m := RE_STATE.match(text, m.end())):
                measure = f"{measure} {st_m.group(1).lower()}"  # "140 homes destroyed" is not "400 homes threatened"
            elif measure == "employees" and (owner := employer_of(doc, m.start())):
                measure = f"employees of {owner}"
            measure = at_site(text, measure, m.end())
        else:
            tail = m.group().lower()
            measure = next(
                (v for k, v in MEASURE_AFTER.items() if re.search(rf"\b{k}$", tail)),
                "deaths",
            )
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        if kw in ("death", "points", "runs", "counts", "shares") and re.fullmatch(r"(?:a|one)", amount):
            continue
        if RE_PART.match(text, m.end()) or RE_PART_BEFORE.search(text, max(0, st - 30), st):
            continue  # one part of a breakdown ("two women and one man were killed")
        if re.match(r"\S+\s+of\s+(?:the|those|them)\b", text[m.start("amount") : m.end()]):
            continue  # a part of a group ("one of the dead")
        if kw == "points":
            points = points_measure(doc, st, m.end())
            if points is None:
                continue
            measure = points
        if re.search(r"\b(?:an\s+additional|a\s+further|another)\s+$", text[max(0, st - 16) : st]) or re.match(
            r"\S+\s+(?:more|additional|further)\b", text[m.start("amount") : m.end()]
        ):
            measure = f"additional {measure}"
        yield from emit(st, m.end(), amount, m.group("hedge"), measure, None)
    for m in RE_QTY_PCT.finditer(text):
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
    for m in RE_QTY_MONEY.finditer(text):
        s, _e = doc.sentence_of(m.start())
        before = text[max(s, m.start() - 50) : m.start()].lower()
        after = text[m.end() : m.end() + 30].lower()
        nm = re.search(rf"\b({MONEY_NOUNS})\b(?!.*\b(?:{MONEY_NOUNS})\b)", before)
        am = re.match(rf"\s+(?:in|of)\s+({MONEY_NOUNS})\b", after)
        adj = re.match(rf"(?:-pound|-dollar|-euro)?\s+(?:[a-z]+\s+)?({MONEY_NOUNS})\b", after)
        vb = RE_MONEY_BEFORE.search(before)
        if re.match(r"\s+(?:a|per)\s+share\b", after):
            measure = "price per share"
        elif am:
            measure = am.group(1)
        elif adj:
            measure = adj.group(1)
        elif nm:
            measure = nm.group(1)
        elif vb:
            measure = MONEY_BEFORE[vb.group("key")]
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
    for m in RE_QTY_UNIT.finditer(text):
        unit_word = m.group("unit").lower()
        if unit_word == "degrees":
            continue  # no scale: one outlet's 41 degrees is another's 106
        if unit_word.startswith(("degrees ", "°")) or unit_word in ("c", "f"):
            unit_word = "degrees " + ("fahrenheit" if unit_word.endswith(("f", "fahrenheit")) else "celsius")
        measure, unit = UNIT_MEASURES.get(unit_word, ("amount", unit_word))
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
            RE_LIMIT_BEFORE.search(text, max(s, m.start() - 30), m.start()) or RE_LIMIT_AFTER.match(text, m.end())
        ):
            # "where the speed limit is 40 mph", "a 40 km/h restriction", "a 65 km/h curve"; one imposed for a
            # while is another fact than the road's own limit
            temporary = RE_TEMPORARY.search(text, max(s, m.start() - 30), m.start())
            measure = "temporary speed limit" if temporary else "speed limit"
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        if measure == "temperature":
            unit = " ".join(m.group("unit").split())  # as written: "degrees Celsius", "41C", "°F"
        yield from emit(st, m.end(), m.group("amount"), m.group("hedge"), measure, unit)
    for m in RE_SCORE.finditer(text):
        g = "amount" if m.group("amount") else "amount2"
        yield from emit(m.start(g), m.end(g), m.group(g), None, "score", None, span_start=m.start())


_Emit = Callable[..., Iterator[Found]]


def _ages(doc: Doc, emit: _Emit) -> Iterator[Found]:
    """Ages: of a named person ("Eleanor Pratt, 71,", "Rotich, aged 24"), else of the noun they qualify
    ("a 71-year-old man" -> age of man)."""
    text = doc.text
    for rx in (RE_AGE_APPOSITIVE, RE_AGE_AGED):
        for m in rx.finditer(text):
            name, name_start = name_before(text, m.start())
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
    for m in RE_AGE_ADJECTIVE.finditer(text):
        noun = (m.group("noun") or "").lower()
        if not noun or noun in NOT_AGE_NOUNS or noun.endswith("ed"):
            continue
        nm = RE_AGE_NUMBER.search(text, max(0, m.start() - 30), m.start())
        if nm is None or not nm.group("art"):
            continue
        start, end = nm.start("number"), m.start() + len(m.group().split()[0])
        yield from emit(start, end, text[start:end], None, f"age of {noun}", None)
