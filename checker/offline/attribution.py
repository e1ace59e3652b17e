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
#: '“…,” Jane Doe, the mayor, said' / '“…,” the police chief, John Roe, said' / '“…,” according to Doe'
_RE_SPEAKER_APPOSED_AFTER = re.compile(
    rf"^\s*,?\s*(?:(?P<who>[^,.;“”\"]{{1,60}}),\s+(?P<app>[^,.;“”\"]{{1,90}}),\s+(?:(?:also|then|later)\s+)?"
    rf"(?:{SPEECH})\b|according\s+to\s+(?P<acc>[^,.;“”\"]{{1,80}}?)(?=[,.;]|$))"
)
_REPORTED_SPEECH = tables.alternation(tables.entries("reported_speech_verbs.txt"))
_RE_REPORTED_VERB = re.compile(rf"\b(?:{SPEECH}|{_REPORTED_SPEECH})\b")
#: What may stand between a named subject and its verb: nothing, a possessive-free apposition or relative clause
#: between commas ("Fern Abernathy, a former investigator, said"; "Paul Mbeki, 67, who has a mortgage, said").
_RE_SUBJECT_GAP = re.compile(r"\s*,?\s*|\s*,[^;:“”\"]{1,160},\s*")
_RE_CLAUSE_BREAK = re.compile(r"\b(?:that|which|who|and|but|as|though|while|because|after|when|if)\s+|[,:]\s*")
_RE_VERB_ADVERBS = re.compile(r"(?:\s+(?:has|have|had|also|then|later|again|once|previously|repeatedly|earlier))+\s*$")

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


def pronoun_person(doc: Doc, pos: int) -> str | None:
    """Who a "he" or "she" at ``pos`` is: the first person named (outside quotations) in its sentence before it,
    else in one of the two sentences before, the subject a reporting pronoun most often picks up; else the last
    person named before it."""
    for s, e in doc.sentences_back(pos, 2):
        # "Walter Kerr's daughter, Janine Kerr-Mills, said ... she said": a possessor is not the subject
        ms = doc.mentions_in(s, min(e, pos), outside_quotes=True)
        ms = [m for m in ms if not doc.text.startswith(("’", "'"), m.end)]
        if ms:
            return ms[0].name
    return doc.last_person_before(pos)


def classify_source(doc: Doc, who: str, pos: int) -> Attribution | None:
    """The source the words ``who`` (ending at ``pos``) name, or None when they name none."""
    who = who.strip().strip(",")
    if not who:
        return None
    if re.fullmatch(r"[Hh]e|[Ss]he", who):
        name = pronoun_person(doc, pos - len(who))
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
        name = pronoun_person(doc, pos - len(who))
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
    apposed = _apposed_after(doc, q)
    if apposed is not None:
        return apposed
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
            name = pronoun_person(doc, s)
            if name:
                return Attribution(source_type="person", name=name), s, q.end
    return _reported_speaker(doc, q, s)


def _apposed_after(doc: Doc, q: Quote) -> tuple[Attribution, int, int] | None:
    """The speaker named after a quotation with an apposition ("Jane Doe, the mayor, said"), or by "according to"."""
    after = doc.masked[q.end : q.end + 200]
    m = _RE_SPEAKER_APPOSED_AFTER.match(after)
    if m is None or doc.masked[q.inner_start : q.inner_end].rstrip().endswith((".", "!", "?")):
        return None  # after a quotation that ends its sentence, a new sentence starts
    if m.group("acc"):
        who_start, who_end = q.end + m.start("acc"), q.end + m.end("acc")
        ms = doc.mentions_in(who_start, who_end)
        a = (
            Attribution(source_type="person", name=ms[-1].name)
            if ms
            else classify_source(doc, doc.text[who_start:who_end], who_end)
        )
        return (a, q.start, q.end + m.end()) if a is not None else None
    ms = doc.mentions_in(q.end + m.start("who"), q.end + m.end("app"))
    if ms:
        return Attribution(source_type="person", name=ms[0].name), q.start, q.end + m.end()
    a = speaker_from(doc, doc.text[q.end + m.start("who") : q.end + m.end("who")], q.end + m.end("who"))
    return (a, q.start, q.end + m.end()) if a is not None else None


def _verb_subject(doc: Doc, s: int, verb_start: int) -> tuple[Attribution, int] | None:
    """The subject of a reporting verb at ``verb_start`` in the sentence starting at ``s``: a pronoun, a person
    named just before it (or before an apposition between commas), or the source its last words name."""
    seg = doc.masked[s:verb_start]
    seg = _RE_VERB_ADVERBS.sub("", seg).rstrip()
    end = s + len(seg)
    pm = re.search(r"(?<![\w’'-])(?:[Hh]e|[Ss]he)$", seg)
    if pm:
        name = pronoun_person(doc, s + pm.start())
        return (Attribution(source_type="person", name=name), s + pm.start()) if name else None
    for mention in reversed(doc.mentions_in(max(s, end - 250), end, outside_quotes=True)):
        if _RE_SUBJECT_GAP.fullmatch(doc.masked[mention.end : end]):
            return Attribution(source_type="person", name=mention.name), mention.start
    who = _RE_CLAUSE_BREAK.split(seg.rstrip(","))[-1]
    if not who or len(who.split()) > 6:
        return None
    a = classify_source(doc, who, end)
    if a is None or a.source_type == "outlet":
        return None
    if a.source_type == "organisation" and a.name and re.fullmatch(r"[A-Z][a-z][\w’'-]*", a.name):
        a = Attribution(source_type="person", name=a.name)
    return a, end - len(who)


def _reported_speaker(doc: Doc, q: Quote, s: int) -> tuple[Attribution, int, int] | None:
    """A quotation inside reported speech ('Doe said the track was “safe”', 'Okafor repeated that it was “too early
    to say”'): the subject of the sentence's last reporting verb before the quotation, outside other quotations."""
    head = doc.masked[s : q.start]
    verbs = [m for m in _RE_REPORTED_VERB.finditer(head) if doc.in_quote(s + m.start()) is None]
    if not verbs:
        return None
    subject = _verb_subject(doc, s, s + verbs[-1].start())
    if subject is None:
        return None
    return subject[0], subject[1], q.end
