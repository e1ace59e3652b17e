"""Whose claim a passage is, and how sure: the source a reporting clause, "according to" or a
quotation's speaker names (a person, an organisation, a document, an anonymous source, else the
outlet), and the modality (planned, speculative, happened) its wording gives.
"""

from __future__ import annotations

import re

from checker.offline import tables
from checker.offline.document import Doc, Quote
from checker.offline.lexicon import FUNCTION_WORDS, REPORT_VERBS, SPEECH
from checker.schema.v1 import Attribution, Modality

_ORG_WORDS = (
    rf"(?:the\s+)?(?:{tables.alternation(tables.entries('organisation_words.txt'))}|"
    rf"(?:[A-Z][\w.&’'-]+\s+){{0,3}}(?:{tables.alternation(tables.entries('organisation_heads.txt'))}))"
)
_DOC_WORDS = (
    rf"(?:(?:the\s+|an?\s+)?(?:{tables.alternation(tables.entries('document_qualifiers.txt'))})?\s*"
    rf"(?:{tables.alternation(tables.entries('document_nouns.txt'))}))"
)
_ANON_WORDS = (
    r"(?:(?:an?|the|one|two|several|some)\s+(?:senior\s+|unnamed\s+|anonymous\s+|\w+\s+)?"
    rf"(?:{tables.alternation(tables.entries('anonymous_nouns.txt'))})|sources(?:\s+close\s+to\s+[\w ]+?)?|"
    r"people\s+familiar\s+with\s+[\w ]+?)"
)
_RE_ORG = re.compile(rf"{_ORG_WORDS}$")
_RE_DOC = re.compile(rf"{_DOC_WORDS}$", re.IGNORECASE)
_RE_ANON = re.compile(rf"{_ANON_WORDS}$", re.IGNORECASE)

_RE_REPORTER = re.compile(rf"\b(?:{REPORT_VERBS})\b")
_RE_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<who>[^,.;]{2,60}?)(?=[,.;]|\s+(?:the|a|an)\s)")
_RE_DESCRIBED_BY = re.compile(r"\bdescribed\s+by\s+(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s+as\b")
_RE_SPEAKER_AFTER = re.compile(
    rf"^\s*,?\s*(?:(?P<who>[^,.;“”\"]{{1,60}}?)\s+(?:{SPEECH})\b|(?:{SPEECH})\s+(?P<who2>[^,.;“”\"]{{1,80}}?)"
    r"(?=\s+(?:in|on|at|during|after|before|to|who|when|while|as)\b|[,.;]|$))"
)
_RE_SPEAKER_BEFORE = re.compile(
    rf"(?P<who>[^,.;“”\"]{{1,80}}?),?\s+(?:(?:also|then|later|once|again)\s+)?(?:{SPEECH})\s*(?:in\s+a\s+\w+\s*)?[,:]?\s*$"
)
_RE_PARTICIPLE_BEFORE = re.compile(
    r"\b(?:saying|stating|adding|declaring|writing|telling\s+\w+|noting|warning|insisting|explaining)\s*[,:]?\s*$"
)
_RE_DESCRIBED_AS = re.compile(r"\b(?:described|called|calling|describing|termed|labelled|labeled)\b.{0,60}\bas\s*$")

_RE_FUTURE = re.compile(
    r"\b(?:will|would|shall|is set to|are set to|is scheduled|are scheduled|scheduled|plans? to|planned|expects?|"
    r"expected|is due|are due|next|upcoming|intends? to|going to|set\s+(?:\w+\s+)?for)\b"
)
# the present tense of a schedule: "the committee meets again on May 21", "she takes office on April 1"
_RE_SCHEDULED = re.compile(
    r"\b(?:meets|begins|starts|opens|resumes|reconvenes|returns|closes|ends|takes\s+office|goes\s+to\s+the\s+polls)"
    r"\s+(?:again\s+|next\s+)?(?:on|in|at|from)\s*$"
)
_RE_SPECULATIVE = re.compile(r"\b(?:could|might|may|possibly|perhaps|potential)\b")


def classify_source(doc: Doc, who: str, pos: int) -> Attribution | None:
    """The source the words ``who`` (ending at ``pos``) name, or None when they name none."""
    who = who.strip().strip(",")
    if not who:
        return None
    if re.fullmatch(r"[Hh]e|[Ss]he", who):
        name = doc.last_person_before(pos)
        return Attribution(source_type="person", name=name) if name else None
    if re.fullmatch(r"[Tt]hey|[Ww]e|[Ii]t", who):
        return None
    if _RE_ANON.search(who):
        return Attribution(source_type="anonymous", name=None)
    doc_m = _RE_DOC.search(who)
    if doc_m:
        name = doc_m.group().strip()
        if len(who.split()) <= 4:
            name = who
        return Attribution(source_type="document", name=name)
    near = doc.mentions_in(pos - len(who) - 2, pos)
    if near:
        return Attribution(source_type="person", name=near[-1].name)
    words = who.split()
    tail = words[-1] if words else ""
    tail = re.sub(r"[’']s$", "", tail)
    if tail in doc.persons:
        return Attribution(source_type="person", name=doc.persons[tail])
    org_m = _RE_ORG.search(who)
    if org_m:
        whole = re.search(r"(?:\b(?:the|The)\s+)?(?:[\w’'-]+\s+){0,3}$", who[: org_m.start()])
        name = org_m.group().strip()
        if whole and whole.group().strip() and not org_m.group().lower().startswith("the "):
            name = (whole.group() + org_m.group()).strip()
        return Attribution(source_type="organisation", name=name)
    cap = re.search(r"((?:the\s+)?[A-Z][\w.&’'-]*(?:\s+[A-Z][\w.&’'-]*){0,3})$", who)
    if cap and cap.group(1).split()[-1] not in FUNCTION_WORDS:
        return Attribution(source_type="organisation", name=cap.group(1))
    return None


def attribution(doc: Doc, start: int, end: int) -> tuple[Attribution, int]:
    """Whose claim a passage is: the nearest reporting clause before it in the sentence, one after it, the quote's
    speaker, or the outlet. Returns the attribution and where its evidence should start."""
    s, e = doc.sentence_of(start)
    head = doc.masked[s:start]
    best: tuple[int, Attribution] | None = None
    for m in _RE_DESCRIBED_BY.finditer(head):
        a = classify_source(doc, m.group("who"), s + m.end("who"))
        if a:
            best = (s + m.start(), a)
    for m in _RE_ACCORDING.finditer(head):
        a = classify_source(doc, m.group("who"), s + m.end("who"))
        if a and (best is None or s + m.start() > best[0]):
            best = (s + m.start(), a)
    for m in _RE_REPORTER.finditer(head):
        pre = head[: m.start()].rstrip()
        pre = re.sub(r"\s+(?:has|have|had|also|then|later|previously|repeatedly|once)$", "", pre)
        pre = re.sub(r"\s+(?:has|have|had|also)$", "", pre)
        subj = re.search(r"((?:\b[\w.’'-]+\s+){0,4}[\w.’'-]+)$", pre)
        if not subj:
            continue
        text_subj = subj.group(1)
        # cut at clause words so "a conflict that he" -> "he"
        text_subj = re.split(r"\b(?:that|which|who|and|but|as|though|while|because|after|when|if|,)\s+", text_subj)[-1]
        a = classify_source(doc, text_subj, s + len(pre))
        if a and (best is None or s + m.start() > best[0]):
            best = (s + len(pre) - len(text_subj), a)
    if best is not None:
        return best[1], best[0]
    tail = doc.masked[end:e]
    tm = re.match(rf"[^.;“”\"]{{0,80}}?,\s*(?P<who>[^,.;“”\"]{{1,60}}?)\s+(?:{REPORT_VERBS})\b", tail)
    if tm is None:
        tm = re.match(r"[^.;“”\"]{0,80}?,\s*according to\s+(?P<who>[^,.;“”\"]{1,60})", tail)
    if tm:
        a = classify_source(doc, doc.text[end + tm.start("who") : end + tm.end("who")], end + tm.end("who"))
        if a:
            return a, start
    q = doc.in_quote(start)
    if q is not None:
        speaker = quote_speaker(doc, q)
        if speaker is not None:
            return speaker[0], start
    return Attribution(source_type="outlet", name=None), start


def modality(doc: Doc, start: int, end: int) -> Modality:
    """Planned when future words stand near the span, speculative when hedging verbs do, else happened."""
    s, e = doc.sentence_of(start)
    window = doc.text[max(s, start - 80) : min(e, end + 30)]
    if _RE_FUTURE.search(window) or _RE_SCHEDULED.search(doc.text, max(s, start - 40), start + 3):
        return "planned"
    if _RE_SPECULATIVE.search(doc.text[max(s, start - 40) : end]):
        return "speculative"
    return "happened"


def speaker_from(doc: Doc, who: str, pos: int) -> Attribution | None:
    """The speaker the words ``who`` next to a quotation name: a pronoun's antecedent, a mention, a source."""
    who = who.strip()
    if re.fullmatch(r"(?:[Hh]e|[Ss]he)", who):
        name = doc.last_person_before(pos)
        return Attribution(source_type="person", name=name) if name else None
    ms = doc.mentions_in(pos - len(who) - 1, pos + len(who) + 1)
    if ms:
        return Attribution(source_type="person", name=ms[0].name)
    a = classify_source(doc, who, pos)
    if a is not None and a.source_type == "organisation" and a.name and re.fullmatch(r"[A-Z][a-z][\w’'-]*", a.name):
        # a lone capitalised word that says something is a person named by surname ("Hegseth warned")
        return Attribution(source_type="person", name=a.name)
    return a


def quote_speaker(doc: Doc, q: Quote) -> tuple[Attribution, int, int] | None:
    """Who said a quotation, and the span of the attribution phrase."""
    text = doc.masked
    s, _e = doc.sentence_of(q.start)
    after = text[q.end : min(len(text), q.end + 100)]
    am = _RE_SPEAKER_AFTER.match(after)
    inner = text[q.inner_start : q.inner_end].rstrip()
    # a new sentence may start after the quote: then only a bare "Name said." belongs to it
    if (
        am
        and inner.endswith((".", "!", "?"))
        and re.match(r"\s+[A-Z]", after)
        and not re.match(r"[.,;]", after[am.end() :])
    ):
        am = None
    if am:
        if am.group("who"):
            who_end = q.end + am.end("who")
            a = speaker_from(doc, doc.text[q.end + am.start("who") : who_end], who_end)
        else:
            who_end = q.end + am.end("who2")
            who2 = doc.text[q.end + am.start("who2") : who_end]
            ms = doc.mentions_in(q.end + am.start("who2"), who_end + 1)
            a = Attribution(source_type="person", name=ms[0].name) if ms else classify_source(doc, who2, who_end)
        if a is not None:
            return a, q.start, q.end + am.end()
    before = text[max(s, q.start - 120) : q.start]
    bstart = q.start - len(before)
    bm = _RE_SPEAKER_BEFORE.search(before)
    if bm:
        who = doc.text[bstart + bm.start("who") : bstart + bm.end("who")]
        rel = re.match(r"\s*who\b", who)
        if rel:
            # "Gov. Linda Park, who declared an emergency, said": the speaker stands before the clause
            ms = doc.mentions_ending(bstart + bm.start("who") - 3, bstart + bm.start("who"))
            if ms:
                return Attribution(source_type="person", name=ms[-1].name), ms[-1].start, q.end
        who = re.split(r"\b(?:that|which|who|and|but|as|though|while|,)\s+", who)[-1]
        who = re.sub(r"^(?:According to [^,]*,\s*)", "", who)
        who_start = bstart + bm.end("who") - len(who)
        a = speaker_from(doc, who, bstart + bm.end("who"))
        if a is not None:
            return a, who_start, q.end
    if _RE_PARTICIPLE_BEFORE.search(before) or _RE_DESCRIBED_AS.search(before):
        dby = _RE_DESCRIBED_BY.search(text[s : q.start])
        if dby:
            a = speaker_from(doc, dby.group("who"), s + dby.end("who"))
            if a is not None:
                return a, s + dby.start(), q.end
        if _RE_DESCRIBED_AS.search(before) and re.search(r"\bdescribed\s+as\s*$", before):
            return None
        ms = doc.mentions_in(s, q.start, outside_quotes=True)
        if ms:
            return Attribution(source_type="person", name=ms[0].name), ms[0].start, q.end
        pm = re.match(r"\s*(?:[Hh]e|[Ss]he)\b", text[s : q.start])
        if pm:
            name = doc.last_person_before(s)
            if name:
                return Attribution(source_type="person", name=name), s, q.end
    return None
