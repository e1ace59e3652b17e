"""The offline extractor: deterministic, rule-based claims with no model.

With no model configured, ``checker check`` still has to find the facts that
news articles disagree on. This module reads an article with compiled regular
expressions and a few small lexicons, and returns the same typed, grounded
claims as the model path (see ``checker/schema.py`` and
``docs/claims-conventions.md``), so the reconciler cannot tell them apart.

Every claim's evidence is a slice of the input, so offsets are exact by
construction; there is no randomness, clock or network, so the same text
always gives the same claims (the cache key includes :data:`EXTRACTOR_VERSION`).

Outline: split sentences and find quotations; index the people the article
names (titled names, surnames reused alone, speakers) so that surnames and
pronouns resolve to full names; find event nouns and the article's dominant
participants per event type; then run one small extractor per claim kind.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from checker.schema.common import Span
from checker.schema.v1 import (
    Attribution,
    Claim,
    DurationClaim,
    EventRef,
    EventTimeClaim,
    GroundedClaim,
    MembershipClaim,
    Modality,
    PropositionClaim,
    QuantityClaim,
    QuoteClaim,
    RoleClaim,
    Status,
    Weekday,
)
from checker.segment import sentences

EXTRACTOR_VERSION = "offline-1.1"

__all__ = ["EXTRACTOR_VERSION", "extract"]


def _words(s: str) -> list[str]:
    """A lexicon written as one space-separated string."""
    return s.split()


# --- lexicons ----------------------------------------------------------------------------------------------------

_WEEKDAYS: tuple[Weekday, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
)

# Country names, adjectives and capitals -> the country, for organisations and war participants.
_COUNTRY_FORMS: dict[str, str] = {}
for _country, _forms in {
    "Russia": "Russia Russian Russians Moscow Kremlin",
    "Ukraine": "Ukraine Ukrainian Ukrainians Kyiv Kiev",
    "United States": "US U.S. USA America American Americans Washington",
    "China": "China Chinese Beijing",
    "Germany": "Germany German Berlin",
    "France": "France French Paris",
    "United Kingdom": "Britain British UK U.K. London",
    "Israel": "Israel Israeli Israelis",
    "Iran": "Iran Iranian Tehran",
    "Saudi Arabia": "Saudi",
    "Japan": "Japan Japanese Tokyo",
    "India": "India Indian",
    "Canada": "Canada Canadian",
    "Mexico": "Mexico Mexican",
    "Brazil": "Brazil Brazilian",
    "Italy": "Italy Italian Rome",
    "Spain": "Spain Spanish Madrid",
    "Poland": "Poland Polish Warsaw",
    "Turkey": "Turkey Turkish Ankara",
    "Syria": "Syria Syrian",
    "Lebanon": "Lebanon Lebanese",
    "Egypt": "Egypt Egyptian",
    "North Korea": "Pyongyang",
    "South Korea": "Seoul",
    "Australia": "Australia Australian",
    "Belarus": "Belarus Belarusian",
    "Hungary": "Hungary Hungarian",
    "Sudan": "Sudan Sudanese",
    "Yemen": "Yemen Yemeni",
    "Iraq": "Iraq Iraqi",
    "Afghanistan": "Afghanistan Afghan",
    "Pakistan": "Pakistan Pakistani",
    "Venezuela": "Venezuela Venezuelan",
    "Armenia": "Armenia Armenian",
    "Azerbaijan": "Azerbaijan Azerbaijani",
    "Taiwan": "Taiwan Taiwanese",
    "Qatar": "Qatar Qatari",
    "Gaza": "Gaza Palestinian Palestinians",
}.items():
    for _form in _forms.split():
        _COUNTRY_FORMS[_form] = _country
    _COUNTRY_FORMS[_country] = _country
_MULTIWORD_COUNTRIES = ("United States", "United Kingdom", "Saudi Arabia", "North Korea", "South Korea")

# Heads of titles and offices. Capitalised or lowercase before a name ("Kremlin spokesperson Dmitry Peskov").
_HEADS = (
    "President|Vice President|Prime Minister|Minister|Secretary|Chancellor|Director|Adviser|Advisor|Envoy|"
    "Spokesperson|Spokesman|Spokeswoman|Ambassador|Senator|Sen\\.|Representative|Rep\\.|Governor|Gov\\.|Mayor|"
    "Judge|Justice|Prosecutor|Attorney General|District Attorney|Attorney|Sheriff|Commissioner|Chief|Chairman|"
    "Chairwoman|Chairperson|Chair|CEO|Chief Executive|CFO|Founder|Co-founder|Coach|Head Coach|Manager|Captain|"
    "Striker|Goalkeeper|Midfielder|Defender|Forecaster|Meteorologist|Officer|Inspector|Detective|General|Gen\\.|"
    "Admiral|Colonel|Col\\.|Lieutenant|Lt\\.|Sergeant|Sgt\\.|Commander|King|Queen|Prince|Princess|Pope|Speaker|"
    "Leader|Premier|Treasurer|Comptroller|Auditor|Economist|Analyst|Epidemiologist|Surgeon General|Physician|"
    "Professor|Prof\\.|Dean|Principal|Superintendent|Negotiator|Mediator|Lawyer|Counsel|Executive"
)
_HEAD_WORDS = frozenset(
    w.lower().rstrip(".") for h in _HEADS.split("|") for w in h.replace("\\", "").split() if w[:1].isalpha()
)
# Offices a news story writes in lowercase before a name; other lowercase words are not titles there.
_LOWER_HEADS = frozenset(
    _words(
        "spokesperson spokesman spokeswoman envoy coach manager captain striker goalkeeper midfielder "
        "defender forecaster meteorologist director minister secretary chancellor adviser advisor prosecutor "
        "judge officer inspector detective commissioner chairman chairwoman chair ceo economist analyst "
        "epidemiologist professor negotiator mediator lawyer counsel president governor mayor senator "
        "ambassador attorney nurse"
    )
)
# Words that may stand before a head inside a title ("National Security Advisor", "head coach").
_MOD_LOWER = frozenset(
    _words(
        "head chief deputy assistant senior vice special lead acting interim former incoming outgoing top "
        "defense defence foreign finance health national security state county city district federal "
        "associate executive managing general public medical regional team club"
    )
)
_STATUS_WORDS: dict[str, Status] = {
    "former": "former",
    "ex": "former",
    "acting": "acting",
    "interim": "acting",
    "incoming": "incoming",
    "designate": "incoming",
    "elect": "incoming",
    "outgoing": "current",
    "then": "unspecified",
}
# Capitalised function words: never a name, a title modifier or an organisation.
_FUNCTION_WORDS = frozenset(
    _words(
        "The A An In On At For And But Or Of To With As By From This That These Those It He She We They I You "
        "His Her Their Our My Your Its When While After Before During Following According However Meanwhile "
        "Although Though If Since Because Why What Who Where How Then There Here Both Each All Some Many More "
        "Most No Not Yes Also Even Still Just Yet Now Today Tomorrow Yesterday Last Next Early Late"
    )
    + list(_WEEKDAYS)
)
# Capitalised words that are never part of a person's name.
_NON_NAME = frozenset(
    _words(
        "The A An In On At For And But Or Of To With As By From This That These Those It He She We They I You "
        "His Her Their Our My Your Its When While After Before During Following According However Meanwhile "
        "Although Though If Since Because Why What Who Where How Then There Here Both Each All Some Many More "
        "Most No Not Yes Also Even Still Just Yet Now Today Tomorrow Yesterday Last Next Early Late Mr Mrs Ms "
        "Dr News House White Social Truth Security Council Union Party Court Street University City State "
        "States Department Ministry Office Agency Company Inc Corp Group Club Team League Cup Association "
        "Service Services Hospital Airport Station Bank Fund Board Committee Commission Senate Congress "
        "Parliament Assembly Government Administration Federal National International Global World Western "
        "Eastern Northern Southern East West North South Middle Central Sea River Island Gulf Coast Bay Lake "
        "Mountain Valley County Intelligence Artificial Energy Dollar Power Act Law Bill Plan Deal "
        "Summit War Peace Day Week Month Year Spread Love Related Posts Leave Reply Copyright Original Source "
        "See Conclusion Future Role Focus Hurricane Storm Tropical Typhoon Cyclone Weather Centre Center "
        "Police Fire Health Institute Media Times Post Journal Herald Tribune Daily Press Reuters AP AFP BBC "
        "CNN NBC CBS ABC Fox NATO EU UN CIA FBI WHO CDC Kremlin Pentagon Capitol God Christmas Easter Mideast "
        "Breaking Update Live Video Photo Logistics Capital Holdings Motors Airlines Airways Systems "
        "Technologies Partners Foods Pharmaceuticals Labs Industries Insurance Securities Ventures Solutions "
        "Networks FC Inc. Corp. Ltd LLC Co. Group"
    )
    + list(_WEEKDAYS)
    + _words("January February March April May June July August September October November December")
    + list(_COUNTRY_FORMS)
)

_NUM_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    "seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
_ORDINALS = (
    "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\d+(?:st|nd|rd|th)"
)
_HEDGE = (
    r"(?i:approximately|about|around|roughly|nearly|almost|some|more than|over|at least|just over|just under|"
    r"less than|fewer than|up to|close to|an estimated|as many as|at most|upwards of|well over|under|exactly|"
    r"precisely|an? (?:staggering|estimated|reported))"
)
_NUMBER = (
    r"(?i:(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(?:hundred|thousand|million|billion|trillion))?"
    rf"|(?:(?:{_NUM_WORDS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|a|one)"
    r"(?:\s+(?:hundred|thousand|million|billion))+"
    rf"|(?:{_NUM_WORDS})(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?:tens|hundreds) of (?:thousands|millions)|(?:a few |several )?(?:dozens|hundreds|thousands|millions|billions)"
    r"|a dozen|two dozen|dozens|scores)"
)

# Event nouns -> canonical event type. Communication nouns collapse to "phone call" when the article has one.
_EVENT_NOUNS: dict[str, str] = {
    "phone call": "phone call",
    "telephone call": "phone call",
    "phone conversation": "phone call",
    "phone calls": "phone call",
    "call": "@talk",
    "calls": "@talk",
    "conversation": "@talk",
    "conversations": "@talk",
    "talks": "@talk",
    "discussion": "@talk",
    "discussions": "@talk",
    "meeting": "meeting",
    "meetings": "meeting",
    "summit": "meeting",
    "war": "war",
    "conflict": "war",
    "invasion": "war",
    "hostilities": "war",
    "fighting": "war",
    "election": "election",
    "elections": "election",
    "vote": "election",
    "referendum": "election",
    "runoff": "election",
    "primary": "election",
    "trial": "trial",
    "retrial": "trial",
    "hearing": "hearing",
    "sentencing": "sentencing",
    "verdict": "verdict",
    "deliberations": "deliberations",
    "match": "match",
    "game": "match",
    "final": "match",
    "derby": "match",
    "semifinal": "match",
    "semi-final": "match",
    "fixture": "match",
    "race": "race",
    "marathon": "race",
    "storm": "storm",
    "hurricane": "storm",
    "typhoon": "storm",
    "cyclone": "storm",
    "tornado": "storm",
    "blizzard": "storm",
    "flood": "flood",
    "flooding": "flood",
    "floods": "flood",
    "wildfire": "wildfire",
    "fire": "fire",
    "earthquake": "earthquake",
    "quake": "earthquake",
    "heatwave": "heat wave",
    "heat wave": "heat wave",
    "drought": "drought",
    "strike": "strike",
    "walkout": "strike",
    "outbreak": "outbreak",
    "epidemic": "outbreak",
    "pandemic": "outbreak",
    "visit": "visit",
    "trip": "visit",
    "crash": "crash",
    "collision": "crash",
    "explosion": "explosion",
    "blast": "explosion",
    "attack": "attack",
    "shooting": "shooting",
    "merger": "merger",
    "acquisition": "acquisition",
    "takeover": "acquisition",
    "layoffs": "layoffs",
    "recall": "recall",
    "press conference": "press conference",
    "news conference": "press conference",
    "interview": "interview",
    "negotiations": "negotiations",
    "audit": "audit",
    "inspection": "inspection",
    "investigation": "investigation",
    "lockdown": "lockdown",
    "shutdown": "shutdown",
    "protest": "protest",
    "protests": "protest",
}
# Events whose participants are people; countries; other named entities (teams, storms, companies).
_PEOPLE_EVENTS = frozenset(
    ["phone call", "conversation", "talks", "discussion", "meeting", "visit", "press conference", "interview"]
)
_COUNTRY_EVENTS = frozenset(["war", "election"])
_SINGLE_PARTICIPANT = frozenset(
    ["storm", "flood", "wildfire", "fire", "earthquake", "heat wave", "drought", "outbreak", "election", "trial"]
)
_SHORT_EVENTS = frozenset(
    [
        *("phone call", "conversation", "talks", "discussion", "meeting", "match", "press conference", "interview"),
        *("crash", "explosion", "attack", "shooting", "hearing", "race"),
    ]
)
_LONG_EVENTS = frozenset(["war", "outbreak", "drought", "layoffs", "election", "investigation"])

# Quantities: keyword -> measure.
_MEASURE_AFTER: dict[str, str] = {
    "killed": "deaths",
    "dead": "deaths",
    "died": "deaths",
    "deaths": "deaths",
    "death": "deaths",
    "lives": "deaths",
    "fatalities": "deaths",
    "lost their lives": "deaths",
    "injured": "injured",
    "hurt": "injured",
    "wounded": "injured",
    "injuries": "injured",
    "displaced": "displaced people",
    "evacuated": "evacuated people",
    "missing": "missing people",
    "arrested": "arrests",
    "arrests": "arrests",
    "employees": "employees",
    "workers": "employees",
    "staff": "employees",
    "staffers": "employees",
    "jobs": "jobs",
    "votes": "votes",
    "ballots": "votes",
    "cases": "cases",
    "infections": "cases",
    "patients": "patients",
    "hospitalizations": "hospitalizations",
    "hospitalisations": "hospitalizations",
    "hospitalized": "hospitalizations",
    "hospitalised": "hospitalizations",
    "doses": "doses",
    "vaccinations": "vaccinations",
    "homes": "homes",
    "houses": "homes",
    "buildings": "buildings",
    "customers": "customers",
    "households": "households",
    "passengers": "passengers",
    "flights": "flights",
    "goals": "goals",
    "points": "points",
    "runs": "runs",
    "spectators": "attendance",
    "fans": "attendance",
    "jurors": "jurors",
    "witnesses": "witnesses",
    "counts": "charges",
    "charges": "charges",
    "stores": "stores",
    "shares": "shares",
    "students": "students",
    "soldiers": "soldiers",
    "troops": "troops",
    "refugees": "refugees",
}
_PEOPLE_NOUNS = (
    r"(?:child|person|man|woman|boy|girl|worker|resident|soldier|officer|patient|civilian|"
    r"people|persons|civilians|residents|soldiers|troops|children|adults|men|women|passengers|workers|"
    r"villagers|fans|patients|migrants|protesters|Ukrainians|Russians|Palestinians|Israelis|Americans)"
)
_VERB_BEFORE: dict[str, str] = {
    "killed": "deaths",
    "killing": "deaths",
    "claimed": "deaths",
    "claiming": "deaths",
    "displaced": "displaced people",
    "displacing": "displaced people",
    "injured": "injured",
    "injuring": "injured",
    "wounded": "injured",
    "wounding": "injured",
    "evacuated": "evacuated people",
    "employs": "employees",
    "employed": "employees",
    "employing": "employees",
    "laid off": "jobs",
    "lay off": "jobs",
    "cut": "jobs",
    "cutting": "jobs",
    "eliminate": "jobs",
    "infected": "cases",
    "hospitalized": "hospitalizations",
}
_UNIT_MEASURES: dict[str, tuple[str, str]] = {
    "inches": ("rainfall", "inches"),
    "inch": ("rainfall", "inches"),
    "millimetres": ("rainfall", "millimetres"),
    "millimeters": ("rainfall", "millimetres"),
    "mm": ("rainfall", "mm"),
    "centimetres": ("rainfall", "centimetres"),
    "centimeters": ("rainfall", "centimetres"),
    "cm": ("rainfall", "cm"),
    "mph": ("wind speed", "mph"),
    "km/h": ("wind speed", "km/h"),
    "kph": ("wind speed", "kph"),
    "miles per hour": ("wind speed", "mph"),
    "degrees": ("temperature", "degrees"),
}
_MONEY_NOUNS = (
    "bribes|bribe|kickbacks|savings|fine|settlement|damages|revenue|revenues|sales|profit|profits|loss|losses|price|cost|costs|bail|salary|"
    "contract|budget|funding|aid|bonus|valuation|deal|bid|offer|penalty|award|compensation|investment|debt|"
    "payout|fee|fees|dividend|earnings|income"
)

_ORG_WORDS = (
    r"(?:the\s+)?(?:Kremlin|White House|Pentagon|police|officials|authorities|ministry|government|company|club|"
    r"court|prosecutors|prosecution|defen[cs]e|agency|department|league|hospital|board|union|council|army|military|"
    r"(?:[A-Z][\w.&’'-]+\s+){0,3}(?:Ministry|Department|Agency|Service|Office|Police|Court|Company|Club|Council|"
    r"Union|Bureau|Commission|Institute|Centre|Center|Board|Association|League|Hospital|News|Times|Post))"
)
_DOC_WORDS = (
    r"(?:(?:the\s+|an?\s+)?(?:official|government|court|police|preliminary|latest|final|UN|U\.N\.|WHO|hospital|"
    r"company|census|independent|ministry)?\s*(?:figures|data|records|statistics|estimates|report|filing|filings|"
    r"documents|tally|count|census|survey|poll|study|findings))"
)
_ANON_WORDS = (
    r"(?:(?:an?|the|one|two|several|some)\s+(?:senior\s+|unnamed\s+|anonymous\s+|\w+\s+)?(?:official|officials|"
    r"source|sources|aide|aides|person|diplomat|diplomats|insider|insiders)|sources(?:\s+close\s+to\s+[\w ]+?)?|"
    r"people\s+familiar\s+with\s+[\w ]+?)"
)
_REPORT_VERBS = (
    r"said|says|say|told|tells|confirmed|confirms|reported|reports|announced|announces|claimed|claims|stated|"
    r"states|estimated|estimates|estimate|place|places|placed|put|puts|indicated|indicates|insisted|insists|"
    r"warned|warns|noted|notes|added|adds|wrote|writes|declared|declares|revealed|reveals|testified|testifies|"
    r"alleged|alleges|argued|argues|acknowledged|maintained|maintains|suggested|suggests|showed|show|shows"
)

# --- compiled patterns -------------------------------------------------------------------------------------------

_NAME_TOKEN = r"(?:[A-Z][a-z]+(?:[-’'][A-Z]?[a-z]+)*|[A-Z]{2}|[A-Z]\.(?:[A-Z]\.)?|Mc[A-Z][a-z]+|O’[A-Z][a-z]+)"
_RE_NAME = re.compile(rf"{_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,3}}")
_RE_CAPSEQ = re.compile(rf"(?<![\w’'-]){_NAME_TOKEN}(?: {_NAME_TOKEN}){{1,4}}(?![\w-])")
_RE_CAPWORD = re.compile(rf"(?<![\w’'.-]){_NAME_TOKEN}(?![\w-])")
_RE_HEAD = re.compile(
    rf"(?<![\w-])(?:{_HEADS}|{'|'.join(sorted(_LOWER_HEADS, key=len, reverse=True))})"
    r"(?:\s+of\s+(?:the\s+)?(?:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)??|[A-Z]{2,}))?"
    rf"\s+(?={_NAME_TOKEN})"
)
_RE_APPOSITIVE_TITLE = re.compile(
    r",\s+(?:the\s+|a\s+|an\s+)?(?:(?P<q>former|acting|interim|incoming|outgoing)\s+)?"
    r"(?P<mods>(?:[\w’'-]+\s+){0,3}?)"
    r"(?P<head>president|vice president|prime minister|minister|secretary|chancellor|director|adviser|advisor|"
    r"envoy|spokesperson|spokesman|spokeswoman|ambassador|senator|governor|mayor|judge|prosecutor|attorney general|"
    r"chief executive|ceo|chairman|chairwoman|chair|coach|head coach|manager|captain|striker|goalkeeper|forecaster|"
    r"meteorologist|commissioner|officer|epidemiologist|economist|analyst|founder|superintendent)"
    r"(?P<of>\s+of\s+(?:the\s+)?[\w’'.-]+(?:\s+[A-Z][\w’'.-]+)*)?(?=[,.;:)]|\s+(?:who|and|said|says|told)\b)",
    re.IGNORECASE,
)
_RE_QUOTE = re.compile(r"“([^”“]{1,1500})”|\"([^\"\n]{1,1500})\"")
_RE_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
_RE_EVENT = re.compile(
    r"(?<![\w-])(" + "|".join(sorted((re.escape(k) for k in _EVENT_NOUNS), key=len, reverse=True)) + r")(?![\w-])",
    re.IGNORECASE,
)
_RE_CALL_VERB_NEXT = re.compile(r"\s+(?:on|for|it|him|her|them|upon|off|in|out|up|back)\b")
_RE_CALL_VERB_PREV = re.compile(r"(?:\bto|\bwill|\bwould|\bcould|\bshould|\bmight|\bmay|\bdid|\bthey|\bwe|\bI)\s+$")
_RE_WEEKDAY = re.compile(
    r"(?:\b(?:[Oo]n|[Bb]y|[Ll]ate|[Ee]arly|[Ll]ast|[Tt]his|[Nn]ext|[Ss]ince|[Uu]ntil|[Bb]efore|[Aa]fter)\s+)?"
    r"(?:(?:early|late|last|this|next)\s+)?"
    r"\b(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"(?P<tod>\s+(?:morning|afternoon|evening|night))?"
    rf"(?P<date>,?\s+(?:(?:{_MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?|\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?))?"
    r"(?P<time>\s+at\s+\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm))?"
)
_RE_DATE = re.compile(
    rf"(?:\b(?:[Oo]n|[Ii]n|[Bb]y|[Ss]ince)\s+)?\b(?P<date>(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})(?:\s+\d{{4}})?|(?:January|February|March|April|June|July|August|September|October|"
    rf"November|December)\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})(?![\w])"
)
_AMOUNT_DUR = (
    rf"(?:an hour and a half|half an hour|a day and a half|(?:{_NUM_WORDS}|\d+(?:\.\d+)?|a|an|one) and a half "
    rf"(?:minutes|hours|days|weeks|months|years)|(?:(?:{_NUM_WORDS})(?:-(?:one|two|three|four|five|six|seven|eight|"
    rf"nine))?|\d+(?:\.\d+)?|a|an|a few|several|a couple of)\s+(?:more\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|"
    rf"months?|years?|decades?))"
)
_RE_DUR_ADJ = re.compile(
    rf"\b(?:(?P<hedge>{_HEDGE})\s+)?(?P<amount>(?:\d+(?:\.\d+)?|{_NUM_WORDS}|half|an hour and a half|"
    rf"one and a half)[- ](?:second|minute|hour|day|week|month|year)s?(?:[- ]long)?|(?:hour|day|week|month|year|"
    r"hours|days|weeks|months|years)-long|an hour and a half|one and a half hours?)(?=\s+(?:[\w“”\"-]+\s+){0,3}?"
    r"(?P<noun>[a-z][\w-]*))",
)
_RE_DUR_FOR = re.compile(
    r"\b(?P<verb>for|lasted|lasting|lasts|last|took|taking|spanned|spanning|after|of)\s+"
    rf"(?:(?P<hedge>{_HEDGE})\s+)?(?P<amount>{_AMOUNT_DUR})(?![\w-])(?!\s+(?:ago|earlier|later|old))"
)
_RE_DUR_ORD = re.compile(
    rf"\b(?:enters?|entered|entering|into|in|is in|now in)\s+(?P<amount>its\s+(?:{_ORDINALS})\s+"
    r"(?:day|week|month|year|decade))\b"
)
_RE_DUR_ADJECTIVE = re.compile(r"(?<![\w-])(?P<amount>lengthy|brief|marathon|hours-long|hourslong|protracted)\b")
_RE_QTY_BEFORE = re.compile(
    rf"\b(?:(?P<hedge>{_HEDGE})\s+)?(?P<amount>{_NUMBER})(?:\s+(?:more|additional|other|new|confirmed|reported|"
    rf"suspected|total))?\s+(?:of\s+)?"
    r"(?:[a-z]{3,}\s+(?=(?:cases|patients|deaths|jobs|employees|workers|votes)\b))?"
    rf"(?:(?:(?:the\s+)?{_PEOPLE_NOUNS}\s+)?(?:were\s+|have\s+been\s+|had\s+been\s+|"
    r"being\s+|are\s+|was\s+|were\s+reported\s+|been\s+|has\s+been\s+|have\s+|has\s+)?(?:(?:killed|injured|wounded|"
    r"hurt|displaced|evacuated|missing|arrested|hospitali[sz]ed|dead)|(?:died|lost\s+their\s+lives))|(?P<kw>"
    + "|".join(sorted((re.escape(k) for k in _MEASURE_AFTER), key=len, reverse=True))
    + r"))(?![\w-])"
)
_RE_QTY_AFTER_VERB = re.compile(
    r"\b(?P<verb>"
    + "|".join(sorted((re.escape(k) for k in _VERB_BEFORE), key=len, reverse=True))
    + rf")\s+(?:(?P<hedge>{_HEDGE})\s+)?(?P<amount>{_NUMBER})(?:\s+(?:of\s+)?(?P<obj>lives|people|jobs|workers|"
    rf"employees|staff|civilians|residents|positions|others))?(?![\w-])"
)
_RE_QTY_TOLL = re.compile(
    r"\b(?P<kw>(?i:death toll|toll|number of (?:dead|deaths|fatalities|victims)|(?:number|count) of (?:injured|wounded)"
    r"|number of (?:cases|infections)|unemployment|turnout|attendance|crowd))\s+(?:[\w’']+\s+){0,3}?"
    rf"(?:at|in|to|of|reached|hit|was|is|stood at|stands at|rose to|climbed to|jumped to|fell to)\s+(?:the\s+)?"
    rf"(?:(?P<hedge>{_HEDGE})\s+)?(?P<amount>{_NUMBER})(?P<pct>\s*(?:%|percent|per cent))?(?![\w-])"
)
_RE_QTY_PCT = re.compile(
    rf"\b(?:(?P<hedge>{_HEDGE})\s+)?(?P<amount>\d+(?:\.\d+)?|{_NUM_WORDS})(?P<unit>\s*%|\s+percent|\s+per cent)"
    r"(?P<after>\s+of\s+(?:the\s+)?(?P<of>[\w-]+(?:\s+[\w-]+)?))?"
)
_RE_QTY_MONEY = re.compile(
    rf"(?:\b(?P<hedge>{_HEDGE})\s+)?(?P<amount>[$€£]\s?\d[\d,.]*(?:\s+(?:million|billion|trillion|thousand))?"
    r"|\d[\d,.]*(?:\s+(?:million|billion|trillion|thousand))?\s+(?:dollars|euros|pounds))(?![\w])"
)
_RE_QTY_UNIT = re.compile(
    rf"\b(?:(?P<hedge>{_HEDGE})\s+)?(?P<amount>\d+(?:\.\d+)?|{_NUM_WORDS})\s*(?:-\s*)?(?P<unit>inches|inch|"
    r"millimet(?:re|er)s|mm|centimet(?:re|er)s|cm|mph|km/h|kph|miles per hour|degrees)(?![\w])"
)
_RE_SCORE = re.compile(
    r"\b(?P<verb>won|beat|defeated|lost|drew|draw|victory|win|loss|defeat|edged|thrashed|routed|scoreline|score)"
    r"\b[^.;]{0,40}?\b(?P<amount>\d{1,3}[-–]\d{1,3})\b(?![-–]\d)"
    r"|\b(?P<amount2>\d{1,3}[-–]\d{1,3})\s+(?:win|victory|defeat|loss|draw|home win|away win|triumph|rout)\b"
)
# Verbs that name an event when no event noun is near ("the two leaders met on Tuesday").
_RE_VERB_EVENT = re.compile(
    r"\b(?P<v>met|meets|spoke|talked|deliberated|convicted|acquitted|sentenced|guilty|beat|defeated|drew|voted|"
    r"made landfall|testified|(?:cut|cutting|eliminate|eliminating|lay off|laying off|laid off|shed|shedding)"
    r"\s+(?:about\s+|some\s+|roughly\s+)?[\d,]+\s+(?:jobs|positions|workers|employees|staff)|\d{1,3}[-–]\d{1,3}\s+(?:win|victory|defeat|loss|draw|triumph))\b"
)
_VERB_EVENTS: dict[str, str] = {
    "met": "meeting",
    "meets": "meeting",
    "spoke": "@talk",
    "talked": "@talk",
    "deliberated": "deliberations",
    "convicted": "verdict",
    "guilty": "verdict",
    "acquitted": "verdict",
    "sentenced": "sentencing",
    "beat": "match",
    "defeated": "match",
    "drew": "match",
    "voted": "election",
    "made landfall": "storm",
    "testified": "trial",
}
_ORG_EVENTS = frozenset(["match", "strike", "merger", "acquisition", "recall", "layoffs", "audit", "race"])
_RE_MEMBER_MARKER = re.compile(r"(?:,\s*)?\b(?:including|like|such as|among them|among whom|notably)\s+")
_RE_BULLET = re.compile(r"^[ \t]*[•*\-–][ \t]+", re.MULTILINE)
_RE_FUTURE = re.compile(
    r"\b(?:will|would|shall|is set to|are set to|is scheduled|are scheduled|scheduled|plans? to|planned|expects?|"
    r"expected|is due|are due|next|upcoming|intends? to|going to|set\s+(?:\w+\s+)?for)\b"
)
_RE_SPECULATIVE = re.compile(r"\b(?:could|might|may|possibly|perhaps|potential)\b")
_RE_ONGOING = re.compile(r"\b(?:enters?|entering|is now|ongoing|continues|remains|has been|have been|still)\b")
_RE_INVITE = re.compile(
    r"(?P<subj>\b[A-Z][\w’'-]+|\b[Hh]e|\b[Ss]he)\s+(?:even\s+|also\s+)?(?:extended|issued|made)\s+an\s+invitation\s+"
    r"(?:for|to)\s+(?P<obj>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?|him|her)\s+to\s+(?P<what>visit|come to|travel to|"
    r"attend)\s+(?P<place>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
    r"|(?P<subj2>\b[A-Z][\w’'-]+|\b[Hh]e|\b[Ss]he)\s+(?:also\s+)?invited\s+(?P<obj2>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?|"
    r"him|her)\s+to\s+(?:(?P<what2>visit|come to|travel to|attend)\s+)?(?P<place2>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
)
_RE_REPORTER = re.compile(rf"\b(?:{_REPORT_VERBS})\b")
_RE_ACCORDING = re.compile(r"\b[Aa]ccording to\s+(?P<who>[^,.;]{2,60}?)(?=[,.;]|\s+(?:the|a|an)\s)")
_RE_DESCRIBED_BY = re.compile(r"\bdescribed\s+by\s+(?P<who>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})\s+as\b")
_RE_ORG = re.compile(rf"{_ORG_WORDS}$")
_RE_DOC = re.compile(rf"{_DOC_WORDS}$", re.IGNORECASE)
_RE_ANON = re.compile(rf"{_ANON_WORDS}$", re.IGNORECASE)
_SPEECH = (
    r"said|says|added|adds|told\s+(?:reporters|journalists|[A-Z][\w]+|the\s+\w+)|tells|wrote|writes|declared|"
    r"declares|warned|warns|stressed|stresses|stated|states|insisted|insists|explained|replied|continued|asked|"
    r"posted|tweeted|noted|remarked|argued|exclaimed|recalled|concluded|announced|emphasized|emphasised|"
    r"acknowledged|admitted|responded|observed|predicted|promised|vowed|conceded|joked"
)
_RE_SPEAKER_AFTER = re.compile(
    rf"^\s*,?\s*(?:(?P<who>[^,.;“”\"]{{1,60}}?)\s+(?:{_SPEECH})\b|(?:{_SPEECH})\s+(?P<who2>[^,.;“”\"]{{1,80}}?)"
    r"(?=\s+(?:in|on|at|during|after|before|to|who|when|while|as)\b|[,.;]|$))"
)
_RE_SPEAKER_BEFORE = re.compile(
    rf"(?P<who>[^,.;“”\"]{{1,80}}?),?\s+(?:(?:also|then|later|once|again)\s+)?(?:{_SPEECH})\s*(?:in\s+a\s+\w+\s*)?[,:]?\s*$"
)
_RE_PARTICIPLE_BEFORE = re.compile(
    r"\b(?:saying|stating|adding|declaring|writing|telling\s+\w+|noting|warning|insisting|explaining)\s*[,:]?\s*$"
)
_RE_DESCRIBED_AS = re.compile(r"\b(?:described|called|calling|describing|termed|labelled|labeled)\b.{0,60}\bas\s*$")

_KIND_ORDER = {"event_time": 0, "duration": 1, "quantity": 2, "role": 3, "quote": 4, "membership": 5, "proposition": 6}


# --- document model ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    name: str  # the resolved full name


@dataclass(frozen=True)
class _Quote:
    start: int  # the opening mark
    end: int  # one past the closing mark
    inner_start: int
    inner_end: int


@dataclass(frozen=True)
class _Event:
    start: int
    end: int
    type: str


@dataclass
class _Doc:
    """One article and what the extractors share about it."""

    text: str
    sents: list[tuple[int, int]] = field(default_factory=list)
    quotes: list[_Quote] = field(default_factory=list)
    persons: dict[str, str] = field(default_factory=dict)  # any written form (full or surname) -> full name
    mentions: list[_Mention] = field(default_factory=list)
    events: list[_Event] = field(default_factory=list)
    talk_type: str = "phone call"
    dominant: dict[str, list[str]] = field(default_factory=dict)
    main_event: str | None = None
    titled: list[_Titled] = field(default_factory=list)
    masked: str = ""  # the text with abbreviation periods masked, same offsets
    headlines: list[tuple[int, int]] = field(default_factory=list)

    def in_headline(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.headlines)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        for s, e in self.sents:
            if s <= pos < e:
                return s, e
        return pos, pos

    def in_quote(self, pos: int) -> _Quote | None:
        for q in self.quotes:
            if q.inner_start <= pos < q.inner_end:
                return q
        return None

    def mentions_in(self, start: int, end: int, *, outside_quotes: bool = False) -> list[_Mention]:
        found = [m for m in self.mentions if start <= m.start and m.end <= end]
        if outside_quotes:
            found = [m for m in found if self.in_quote(m.start) is None]
        return found

    def last_person_before(self, pos: int) -> str | None:
        last: str | None = None
        for m in self.mentions:
            if m.start >= pos:
                break
            if self.in_quote(m.start) is None:
                last = m.name
        return last

    def resolve(self, written: str) -> str:
        written = written.strip()
        written = re.sub(r"[’']s$", "", written)
        if written in self.persons:
            return self.persons[written]
        last = written.split()[-1] if written else written
        return self.persons.get(last, written)


# --- sentences and quotes ----------------------------------------------------------------------------------------


def _find_quotes(text: str) -> list[_Quote]:
    quotes = []
    for m in _RE_QUOTE.finditer(text):
        g = 1 if m.group(1) is not None else 2
        quotes.append(_Quote(m.start(), m.end(), m.start(g), m.end(g)))
    return quotes


# --- people ------------------------------------------------------------------------------------------------------


def _clean_name(raw: str) -> str:
    """Keep the leading name tokens, stopping at any word that cannot be part of a person's name."""
    out: list[str] = []
    for tok in raw.split():
        bare = re.sub(r"[’']s$", "", tok)
        if bare in _NON_NAME or bare.lower().rstrip(".") in _HEAD_WORDS:
            break
        out.append(bare)
        if bare != tok:  # a possessive ends the name
            break
    return " ".join(out)


@dataclass(frozen=True)
class _Titled:
    start: int
    end: int
    title: str
    name: str  # as written
    name_start: int
    status: Status
    organisation: str | None


def _find_titled(text: str) -> list[_Titled]:
    """Names preceded by a title ("Former President Donald Trump", "Kremlin spokesperson Dmitry Peskov")."""
    found: list[_Titled] = []
    for m in _RE_HEAD.finditer(text):
        head_text = text[m.start() : m.end()].rstrip()
        first = head_text.split()[0]
        if first[0].islower() and first.lower() not in _LOWER_HEADS:
            continue
        nm = _RE_NAME.match(text, m.end())
        if nm is None:
            continue
        name = _clean_name(nm.group())
        if not name or name.lower().rstrip(".") in _HEAD_WORDS:
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
            is_cap = word[0].isupper() and word not in _FUNCTION_WORDS
            if not (is_cap or lw in _MOD_LOWER):
                break
            if word in ("Kremlin", "Pentagon", "Mideast") and org is None:
                org = word
            elif word in _COUNTRY_FORMS and org is None:
                org = _COUNTRY_FORMS[word]
            elif (word.isupper() and len(word) >= 2 and org is None) or (
                word in ("Kremlin", "Pentagon", "Mideast") and org is None
            ):
                org = word
            start -= len(prev.group(0))
        ofm = re.search(r"\bof\s+(?:the\s+)?([A-Z][\w]+(?:\s+[A-Z][\w]+)?)", head_text)
        if ofm and org is None and ofm.group(1) in _COUNTRY_FORMS:
            org = _COUNTRY_FORMS[ofm.group(1)]
        title = text[start : m.end()].rstrip()
        if re.fullmatch(r"(?i)(?:former|acting|interim|incoming|outgoing)\s+", text[start : m.start()]):
            pass
        name_start = nm.start()
        found.append(_Titled(start, name_start + len(name), title, name, name_start, status, org))
    return found


def _find_appositive_titles(text: str, doc: _Doc) -> list[_Titled]:
    """ "Marco Rubio, the secretary of state" -> a titled name after the fact."""
    found: list[_Titled] = []
    for m in _RE_APPOSITIVE_TITLE.finditer(text):
        before = re.search(rf"({_NAME_TOKEN}(?: {_NAME_TOKEN}){{0,3}})$", text[max(0, m.start() - 60) : m.start()])
        if not before:
            continue
        name = _clean_name(before.group(1))
        if not name or (len(name.split()) < 2 and name not in doc.persons):
            continue
        mods = m.group("mods") or ""
        if any(w.lower() in ("who", "which", "that", "and", "but", "is", "was", "has") for w in mods.split()):
            continue
        q = (m.group("q") or "").lower()
        status: Status = _STATUS_WORDS.get(q, "current") if q else "current"
        title_start = m.start("q") if m.group("q") else (m.start("mods") if mods else m.start("head"))
        title_end = m.end("of") if m.group("of") else m.end("head")
        org = None
        for w in (mods + " " + (m.group("of") or "")).split():
            if w in _COUNTRY_FORMS:
                org = _COUNTRY_FORMS[w]
                break
        name_start = m.start() - len(before.group(1)) + before.group(1).find(name)
        found.append(_Titled(name_start, title_end, text[title_start:title_end], name, name_start, status, org))
    return found


def _index_people(doc: _Doc, titled: list[_Titled]) -> None:
    """Collect the people the article names and map every written form to the fullest name."""
    text = doc.text
    full: list[str] = []
    singles: list[str] = []
    for t in titled:
        if not doc.in_headline(t.start):
            (full if len(t.name.split()) >= 2 else singles).append(t.name)
    standalone = Counter(m.group() for m in _RE_CAPWORD.finditer(text))
    speech_after = re.compile(rf"^\s*(?:,\s*(?:who|the|an?|one of)\b|\s*(?:{_SPEECH}|{_REPORT_VERBS})\b)")
    for m in _RE_CAPSEQ.finditer(text):
        if doc.in_headline(m.start()):
            continue
        toks = m.group().split()
        # strip leading title words, nationalities and stopwords
        while toks and (toks[0] in _NON_NAME or toks[0].lower().rstrip(".") in _HEAD_WORDS):
            toks.pop(0)
        name = _clean_name(" ".join(toks))
        parts = name.split()
        if not 2 <= len(parts) <= 3 or name in full:
            continue
        if any(p in _NON_NAME for p in parts):
            continue
        seq_end = m.start() + m.group().find(name) + len(name)
        reused = standalone[parts[-1]] > text.count(name)
        cue = speech_after.match(text[seq_end : seq_end + 40]) is not None
        if reused or cue:
            full.append(name)
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
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")
    doc.mentions = [_Mention(m.start(), m.end(), persons[m.group()]) for m in pattern.finditer(text)]


# --- events ------------------------------------------------------------------------------------------------------


def _find_events(doc: _Doc) -> None:
    """Event nouns with canonical types, the article's main event, and dominant participants per type."""
    text = doc.text
    lowered = text.lower()
    has_call = re.search(r"\b(?:phone|telephone)\b|\bcall\b", lowered) is not None
    doc.talk_type = "phone call" if has_call else "talks"
    events: list[_Event] = []
    for m in _RE_EVENT.finditer(text):
        word = m.group(1).lower()
        typ = _EVENT_NOUNS[word]
        if word in ("call", "calls") and (
            _RE_CALL_VERB_NEXT.match(text, m.end())
            or _RE_CALL_VERB_PREV.search(text[max(0, m.start() - 12) : m.start()])
        ):
            continue
        if word in ("vote", "primary", "final", "game", "race", "fire", "match", "trip", "visit", "recall", "strike"):
            prev = text[max(0, m.start() - 12) : m.start()].lower()
            if not re.search(r"\b(?:the|a|an|their|his|her|its|this|that|last|next|first|second)\s+(?:\w+\s+)?$", prev):
                continue
        if typ == "@talk":
            typ = doc.talk_type if has_call else (word if word in ("talks", "meeting") else "talks")
        events.append(_Event(m.start(1), m.end(1), typ))
    for m in _RE_VERB_EVENT.finditer(text):
        v = m.group("v")
        typ = "match" if v[0].isdigit() else "layoffs" if " " in v and v[0] in "clse" else _VERB_EVENTS[v]
        if typ == "@talk":
            typ = doc.talk_type
        events.append(_Event(m.start(), m.end(), typ))
    events.sort(key=lambda ev: ev.start)
    doc.events = events
    counts = Counter(e.type for e in events)
    if counts:
        doc.main_event = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    for typ in counts:
        doc.dominant[typ] = _dominant_participants(doc, typ)


def _entities_in(doc: _Doc, start: int, end: int, typ: str) -> list[tuple[int, str]]:
    """Participants of the right kind for an event type, in order of appearance."""
    out: list[tuple[int, str]] = []
    if typ in _COUNTRY_EVENTS:
        for m in _RE_CAPWORD.finditer(doc.text, start, end):
            if m.group() in _COUNTRY_FORMS:
                out.append((m.start(), _COUNTRY_FORMS[m.group()]))
        for c in _MULTIWORD_COUNTRIES:
            for m in re.finditer(re.escape(c), doc.text[start:end]):
                out.append((start + m.start(), c))
        return sorted(out)
    people = [(m.start, m.name) for m in doc.mentions_in(start, end, outside_quotes=True)]
    if typ in _PEOPLE_EVENTS or typ in ("trial", "hearing", "sentencing", "verdict", "negotiations", "deliberations"):
        return people
    # other events: named things (teams, storms, companies), people included
    for m in _RE_CAPSEQ.finditer(doc.text, start, end):
        if doc.in_headline(m.start()):
            continue
        toks = m.group().split()
        while toks and toks[0] in ("The", "A", "An", "In", "On", "At", "By", "After", "When", "While"):
            toks.pop(0)
        name = " ".join(toks)
        if not name or any(name == p or name.endswith(" " + p.split()[-1]) for _, p in people):
            continue
        storm_word = toks[0] in ("Hurricane", "Storm", "Typhoon", "Tropical", "Cyclone")
        if (storm_word and len(toks) > 1) or (not storm_word and typ != "storm" and toks[0] not in _NON_NAME):
            out.append((m.start(), name))
    if typ == "storm" or (typ in _ORG_EVENTS and out):
        return sorted(out)
    return sorted(out + people)


def _dominant_participants(doc: _Doc, typ: str) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for ev in doc.events:
        if ev.type != typ:
            continue
        s, e = doc.sentence_of(ev.start)
        for pos, name in _entities_in(doc, s, e, typ):
            counts[name] += 1
            first.setdefault(name, pos)
    ranked = sorted(counts, key=lambda n: (-counts[n], first[n]))
    k = 1 if typ in _SINGLE_PARTICIPANT else 2
    return sorted(ranked[:k])


def _event_for(
    doc: _Doc, start: int, end: int, *, scale: str | None = None, fallback: bool = True
) -> tuple[EventRef, _Event | None] | None:
    """The event a claim at [start, end) belongs to: the nearest event noun in the sentence, else the main event."""
    s, e = doc.sentence_of(start)
    cands = [ev for ev in doc.events if s <= ev.start < e and _scale_ok(ev.type, scale)]
    chosen: _Event | None = None
    if cands:
        before = [ev for ev in cands if ev.end <= start]
        after = [ev for ev in cands if ev.start >= end]
        inside = [ev for ev in cands if ev.start >= start and ev.end <= end]
        if inside:
            chosen = inside[0]
        elif before and (not after or start - before[-1].end <= after[0].start - end + 40):
            chosen = before[-1]
        elif after:
            chosen = after[0]
        else:
            chosen = cands[0]
        typ = chosen.type
    elif fallback:
        typ_opt = _main_event(doc, scale)
        if typ_opt is None:
            return None
        typ = typ_opt
    else:
        return None
    return EventRef(type=typ, participants=_participants(doc, typ, s, e)), chosen


def _scale_ok(typ: str, scale: str | None) -> bool:
    if scale == "short":
        return typ not in _LONG_EVENTS
    if scale == "long":
        return typ not in _SHORT_EVENTS
    return True


def _main_event(doc: _Doc, scale: str | None) -> str | None:
    counts = Counter(ev.type for ev in doc.events if _scale_ok(ev.type, scale))
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _participants(doc: _Doc, typ: str, s: int, e: int) -> list[str]:
    dominant = doc.dominant.get(typ, [])
    local = []
    for _, name in _entities_in(doc, s, e, typ):
        if name not in local:
            local.append(name)
    if dominant and set(dominant) <= set(local):
        return dominant
    k = 1 if typ in _SINGLE_PARTICIPANT else 2
    if len(local) >= k and (typ in _PEOPLE_EVENTS or typ in _COUNTRY_EVENTS):
        return sorted(local)
    return dominant or sorted(local)


# --- attribution and modality ------------------------------------------------------------------------------------


def _classify_source(doc: _Doc, who: str, pos: int) -> Attribution | None:
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
    for m in reversed(doc.mentions):
        if m.end <= pos and m.start >= pos - len(who) - 2:
            return Attribution(source_type="person", name=m.name)
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
    if cap and cap.group(1).split()[-1] not in _FUNCTION_WORDS:
        return Attribution(source_type="organisation", name=cap.group(1))
    return None


def _attribution(doc: _Doc, start: int, end: int) -> tuple[Attribution, int]:
    """Whose claim a passage is: the nearest reporting clause before it in the sentence, one after it, the quote's
    speaker, or the outlet. Returns the attribution and where its evidence should start."""
    s, e = doc.sentence_of(start)
    head = doc.masked[s:start]
    best: tuple[int, Attribution] | None = None
    for m in _RE_DESCRIBED_BY.finditer(head):
        a = _classify_source(doc, m.group("who"), s + m.end("who"))
        if a:
            best = (s + m.start(), a)
    for m in _RE_ACCORDING.finditer(head):
        a = _classify_source(doc, m.group("who"), s + m.end("who"))
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
        a = _classify_source(doc, text_subj, s + len(pre))
        if a and (best is None or s + m.start() > best[0]):
            best = (s + len(pre) - len(text_subj), a)
    if best is not None:
        return best[1], best[0]
    tail = doc.masked[end:e]
    tm = re.match(rf"[^.;“”\"]{{0,80}}?,\s*(?P<who>[^,.;“”\"]{{1,60}}?)\s+(?:{_REPORT_VERBS})\b", tail)
    if tm is None:
        tm = re.match(r"[^.;“”\"]{0,80}?,\s*according to\s+(?P<who>[^,.;“”\"]{1,60})", tail)
    if tm:
        a = _classify_source(doc, doc.text[end + tm.start("who") : end + tm.end("who")], end + tm.end("who"))
        if a:
            return a, start
    q = doc.in_quote(start)
    if q is not None:
        speaker = _quote_speaker(doc, q)
        if speaker is not None:
            return speaker[0], start
    return Attribution(source_type="outlet", name=None), start


def _modality(doc: _Doc, start: int, end: int) -> Modality:
    s, e = doc.sentence_of(start)
    window = doc.text[max(s, start - 80) : min(e, end + 30)]
    if _RE_FUTURE.search(window):
        return "planned"
    if _RE_SPECULATIVE.search(doc.text[max(s, start - 40) : end]):
        return "speculative"
    return "happened"


# --- extractors --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Found:
    start: int
    end: int
    claim_kwargs: dict[str, object]
    cls: type


def _event_times(doc: _Doc) -> Iterator[_Found]:
    text = doc.text
    taken: list[tuple[int, int]] = []
    for m in _RE_WEEKDAY.finditer(text):
        if doc.in_quote(m.start()):
            continue
        found = _event_for(doc, m.start(), m.end())
        if found is None:
            continue
        ev, noun = found
        date = None
        if m.group("date"):
            date = m.group("date").lstrip(", ").strip()
        tod_parts = [p.strip() for p in (m.group("tod"), m.group("time")) if p]
        tod = " ".join(tod_parts) if tod_parts else None
        as_written = m.group().strip()
        start, end = _span_with(doc, m.start(), m.end(), noun, ev)
        day: Weekday = m.group("day")  # type: ignore[assignment]
        taken.append((m.start(), m.end()))
        yield _Found(
            start,
            end,
            {
                "event": ev,
                "date": date,
                "weekday": day,
                "time_of_day": tod,
                "as_written": as_written,
                "hedge": None,
                "modality": _modality(doc, m.start(), m.end()),
                "attribution": _attribution(doc, m.start(), m.end())[0],
            },
            EventTimeClaim,
        )
    for m in _RE_DATE.finditer(text):
        if any(s <= m.start("date") < e for s, e in taken) or doc.in_quote(m.start()):
            continue
        found = _event_for(doc, m.start(), m.end(), fallback=False)
        if found is None:
            continue
        ev, noun = found
        start, end = _span_with(doc, m.start(), m.end(), noun, ev)
        yield _Found(
            start,
            end,
            {
                "event": ev,
                "date": m.group("date"),
                "weekday": None,
                "time_of_day": None,
                "as_written": m.group().strip(),
                "hedge": None,
                "modality": _modality(doc, m.start(), m.end()),
                "attribution": _attribution(doc, m.start(), m.end())[0],
            },
            EventTimeClaim,
        )


def _span_with(doc: _Doc, start: int, end: int, noun: _Event | None, ev: EventRef) -> tuple[int, int]:
    """Widen a span to cover its event noun and the participants named in the same sentence."""
    if noun is None:
        return start, end
    s, e = doc.sentence_of(start)
    lo, hi = min(start, noun.start), max(end, noun.end)
    for m in doc.mentions_in(s, e, outside_quotes=True):
        if m.name in ev.participants and m.start < lo and lo - m.end < 60:
            lo = m.start
    for tm in doc.titled:
        if tm.name_start == lo or (tm.start < lo <= tm.end):
            lo = min(lo, tm.start)
    return lo, hi


def _dur_scale(amount: str) -> str:
    return "short" if re.search(r"second|minute|hour", amount) else "long"


def _durations(doc: _Doc) -> Iterator[_Found]:
    text = doc.text
    seen: list[tuple[int, int]] = []

    def emit(m_start: int, m_end: int, amount: str, hedge: str | None, scale: str | None) -> Iterator[_Found]:
        if any(s < m_end and m_start < e for s, e in seen):
            return
        found = _event_for(doc, m_start, m_end, scale=scale)
        if found is None:
            return
        ev, noun = found
        attr, astart = _attribution(doc, m_start, m_end)
        start, end = _span_with(doc, m_start, m_end, noun, ev)
        start = min(start, astart)
        seen.append((m_start, m_end))
        yield _Found(
            start,
            end,
            {
                "event": ev,
                "amount": amount,
                "hedge": hedge,
                "modality": "ongoing" if _RE_ONGOING.search(text[max(0, m_start - 40) : m_end]) else "happened",
                "attribution": attr,
            },
            DurationClaim,
        )

    for m in _RE_DUR_ADJ.finditer(text):
        noun = m.group("noun")
        amount = m.group("amount")
        is_adj = "-" in amount or amount in ("an hour and a half",) or amount.startswith("one and a half hour")
        if not is_adj:
            continue
        # the adjective must modify an event noun close by
        nxt = doc.text[m.end() : m.end() + 40].lower()
        ev_near = any(ev.start >= m.end() and ev.start - m.end() <= 30 for ev in doc.events)
        if not ev_near and noun not in _EVENT_NOUNS and not re.match(r"\s+(?:phone|telephone)", nxt):
            continue
        yield from emit(m.start("amount"), m.end("amount"), amount, m.group("hedge"), _dur_scale(amount))
    for m in _RE_DUR_FOR.finditer(text):
        amount = m.group("amount")
        of_event = any(0 <= m.start() - ev.end <= 2 for ev in doc.events)
        if (
            m.group("verb") == "of"
            and not of_event
            and not re.match(r"\s+(?:talks|negotiations|deliberations|play|fighting|war)", text[m.end() :])
        ):
            continue
        if m.group("verb") == "after" and not re.match(r"\s+of\b", text[m.end() :]):
            continue
        st = m.start("hedge") if m.group("hedge") else m.start("amount")
        yield from emit(st, m.end("amount"), amount, m.group("hedge"), _dur_scale(amount))
    for m in _RE_DUR_ORD.finditer(text):
        yield from emit(m.start("amount"), m.end("amount"), m.group("amount"), None, "long")
    for m in _RE_DUR_ADJECTIVE.finditer(text):
        word = m.group("amount")
        s, e = doc.sentence_of(m.start())
        after = [ev for ev in doc.events if m.end() <= ev.start <= m.end() + 40 and ev.start < e]
        described = re.search(
            r"\b(?:described|called|calling|termed)\b[^.;]{0,30}\bas\s+[“\"]?$",
            text[max(s, m.start() - 60) : m.start()],
        )
        if not after and not described:
            continue
        if after and not described:
            gap = text[m.end() : after[0].start]
            gap_words = re.findall(r"[\w’'-]+", gap)
            if len(gap_words) > 4 or re.search(r"[.;]", gap) or any(w.lower() in _GAP_STOP for w in gap_words):
                continue
        yield from emit(m.start(), m.end(), word, None, "short" if word != "protracted" else None)


_GAP_STOP = frozenset(
    _words(
        "the a an of to for with on in at by from following after before about over under into statement "
        "report remarks speech reply response post letter"
    )
)


def _quantities(doc: _Doc) -> Iterator[_Found]:
    text = doc.text
    seen: list[tuple[int, int]] = []

    def emit(
        m_start: int,
        m_end: int,
        amount: str,
        hedge: str | None,
        measure: str,
        unit: str | None,
        span_start: int | None = None,
    ) -> Iterator[_Found]:
        if any(s < m_end and m_start < e for s, e in seen):
            return
        amount = re.sub(r"^the\s+", "", amount.strip())
        found = _event_for(doc, m_start, m_end, fallback=False)
        ev = found[0] if found else None
        attr, astart = _attribution(doc, m_start, m_end)
        start = min(span_start if span_start is not None else m_start, astart)
        seen.append((m_start, m_end))
        end = m_end
        if doc.in_quote(m_end - 1) and text[m_end : m_end + 1] in '”"':
            end = m_end
        yield _Found(
            start,
            end,
            {
                "measure": measure,
                "event": ev,
                "amount": amount,
                "unit": unit,
                "hedge": hedge,
                "modality": _modality(doc, m_start, m_end),
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
        if am:
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
        unit_word = m.group("unit").lower()
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
        yield from emit(st, m.end(), m.group("amount"), m.group("hedge"), measure, unit)
    for m in _RE_SCORE.finditer(text):
        g = "amount" if m.group("amount") else "amount2"
        yield from emit(m.start(g), m.end(g), m.group(g), None, "score", None, span_start=m.start())


def _roles(doc: _Doc) -> Iterator[_Found]:
    for t in doc.titled:
        if doc.in_quote(t.start) or doc.in_quote(t.end - 1):
            continue
        end = t.end
        name = t.name
        if doc.in_headline(t.start):
            # title case: keep the longest prefix that is a known name ("Hale Found Guilty" -> "Hale")
            toks = name.split()
            while toks and " ".join(toks) not in doc.persons:
                toks.pop()
            if not toks:
                continue
            name = " ".join(toks)
            end = t.name_start + len(name)
        person = doc.resolve(name)
        yield _Found(
            t.start,
            end,
            {
                "person": person,
                "title": t.title,
                "organisation": t.organisation,
                "status": t.status,
                "hedge": None,
                "modality": "happened" if t.status == "former" else "ongoing",
                "attribution": Attribution(source_type="outlet", name=None),
            },
            RoleClaim,
        )


def _speaker_from(doc: _Doc, who: str, pos: int) -> Attribution | None:
    who = who.strip()
    if re.fullmatch(r"(?:[Hh]e|[Ss]he)", who):
        name = doc.last_person_before(pos)
        return Attribution(source_type="person", name=name) if name else None
    ms = [m for m in doc.mentions if pos - len(who) - 1 <= m.start and m.end <= pos + len(who) + 1]
    if ms:
        return Attribution(source_type="person", name=ms[0].name)
    a = _classify_source(doc, who, pos)
    if a is not None and a.source_type == "organisation" and a.name and re.fullmatch(r"[A-Z][a-z][\w’'-]*", a.name):
        # a lone capitalised word that says something is a person named by surname ("Hegseth warned")
        return Attribution(source_type="person", name=a.name)
    return a


def _quote_speaker(doc: _Doc, q: _Quote) -> tuple[Attribution, int, int] | None:
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
            a = _speaker_from(doc, doc.text[q.end + am.start("who") : who_end], who_end)
        else:
            who_end = q.end + am.end("who2")
            who2 = doc.text[q.end + am.start("who2") : who_end]
            ms = doc.mentions_in(q.end + am.start("who2"), who_end + 1)
            a = Attribution(source_type="person", name=ms[0].name) if ms else _classify_source(doc, who2, who_end)
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
            ms = [
                m for m in doc.mentions if m.end <= bstart + bm.start("who") and bstart + bm.start("who") - m.end <= 3
            ]
            if ms:
                return Attribution(source_type="person", name=ms[-1].name), ms[-1].start, q.end
        who = re.split(r"\b(?:that|which|who|and|but|as|though|while|,)\s+", who)[-1]
        who = re.sub(r"^(?:According to [^,]*,\s*)", "", who)
        who_start = bstart + bm.end("who") - len(who)
        a = _speaker_from(doc, who, bstart + bm.end("who"))
        if a is not None:
            return a, who_start, q.end
    if _RE_PARTICIPLE_BEFORE.search(before) or _RE_DESCRIBED_AS.search(before):
        dby = _RE_DESCRIBED_BY.search(text[s : q.start])
        if dby:
            a = _speaker_from(doc, dby.group("who"), s + dby.end("who"))
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


def _quotes(doc: _Doc) -> Iterator[_Found]:
    text = doc.text
    prev: tuple[_Quote, Attribution] | None = None
    for q in doc.quotes:
        inner = text[q.inner_start : q.inner_end]
        words = len(inner.split())
        sp = _quote_speaker(doc, q)
        if sp is None and prev is not None:
            # a quote that is a whole sentence right after an attributed quote continues it
            s, e = doc.sentence_of(q.start)
            _ps, pe = doc.sentence_of(prev[0].start)
            adjacent = not text[pe:s].strip()
            if s == q.start and e <= q.end + 1 and adjacent:
                sp = (prev[1], q.start, q.end)
        if sp is None:
            if words < 4:
                continue
            attribution = Attribution(source_type="outlet", name=None)
            start, end = q.start, q.end
        else:
            attribution, start, end = sp
            start, end = min(start, q.start), max(end, q.end)
        speaker = attribution.name if attribution.source_type == "person" else None
        qtext = re.sub(r"[,]\s*$", "", inner).strip()
        if not qtext:
            continue
        if sp is not None:
            prev = (q, attribution)
        yield _Found(
            start,
            end,
            {
                "speaker": speaker,
                "text": qtext,
                "hedge": None,
                "modality": "happened",
                "attribution": attribution,
            },
            QuoteClaim,
        )


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


_GROUP_SKIP = frozenset(_words("the a an several top key some many other senior his her their its of few two three"))
_GENERIC_GROUPS = frozenset(
    _words(
        "officials figures members people leaders team aides advisers advisors staff executives personnel negotiators"
    )
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


_RE_LIST_PREFIX = re.compile(
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame)\.?\s+|(?:(?!and\b|or\b|the\b|of\b|in\b|as\b)[a-z][\w-]*\s+){1,2}(?=[A-Z]))"
)


def _parse_people_list(doc: _Doc, pos: int, limit: int) -> tuple[list[str], int]:
    """Titled or known names separated by commas and "and", starting at ``pos``."""
    text = doc.text
    members: list[str] = []
    end = pos
    cur = pos
    while cur < limit:
        t = next((t for t in doc.titled if t.start == cur), None)
        if t is not None:
            members.append(doc.resolve(t.name))
            cur = end = t.end
        else:
            # an honorific or a lowercase descriptor may stand before the name ("contractor Victor Grant")
            pre = _RE_LIST_PREFIX.match(text, cur)
            at = pre.end() if pre else cur
            nm = _RE_NAME.match(text, at)
            if nm is None:
                break
            name = _clean_name(nm.group())
            parts = name.split()
            known = name in doc.persons
            shaped = 2 <= len(parts) <= 3 and not any(p.lower().rstrip(".") in _HEAD_WORDS for p in parts)
            if not name or not (known or shaped):
                break
            members.append(doc.resolve(name))
            cur = end = at + len(name)
        sep = re.match(r"(?:,\s*(?:and\s+|as well as\s+)?|\s+and\s+|\s+as well as\s+)", text[cur:limit])
        if not sep:
            break
        cur += sep.end()
    return members, end


def _memberships(doc: _Doc) -> Iterator[_Found]:
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
        yield _Found(
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
                count = re.search(rf"\b(?:{_NUM_WORDS}|\d+)\b", intro_text.lower())
                completeness = "complete" if count else "partial"
                yield _Found(
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


def _propositions(doc: _Doc) -> Iterator[_Found]:
    for m in _RE_INVITE.finditer(doc.text):
        subj = m.group("subj") or m.group("subj2")
        obj = m.group("obj") or m.group("obj2")
        what = m.group("what") or m.group("what2") or "visit"
        place = m.group("place") or m.group("place2")
        if subj in _NON_NAME and subj not in ("He", "She"):
            continue
        pronoun_subj = subj.lower() in ("he", "she")
        subj_name = doc.last_person_before(m.start()) if pronoun_subj else doc.resolve(subj)
        obj_name = doc.last_person_before(m.start()) if obj.lower() in ("him", "her") else doc.resolve(obj)
        if not subj_name or not obj_name:
            continue
        yield _Found(
            m.start(),
            m.end(),
            {
                "subject": subj_name,
                "predicate": "invite",
                "object": f"{obj_name} to {what} {place}",
                "negated": False,
                "hedge": None,
                "modality": "happened",
                "attribution": _attribution(doc, m.start(), m.end())[0],
            },
            PropositionClaim,
        )


# --- entry point -------------------------------------------------------------------------------------------------


_RE_ABBREV_DOT = re.compile(
    r"(?<![\w.])(?:(?:[A-Z]\.){2,}|(?:Dr|Gov|Sen|Rep|Mr|Mrs|Ms|St|Gen|Lt|Col|Sgt|Capt|Prof|Jr|Sr|Feb|Jan|Aug|Sept|Oct|"
    r"Nov|Dec)\.)"
)


def _mask(text: str) -> str:
    """Hide the periods of abbreviations ("U.S.", "Dr.") so clause regexes do not stop at them; offsets unchanged."""
    return _RE_ABBREV_DOT.sub(lambda m: m.group().replace(".", "\u00b7"), text)


def _find_headlines(text: str) -> list[tuple[int, int]]:
    """Title-case lines without closing punctuation: headlines and captions, where capitals say nothing about names."""
    spans = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        words = re.findall(r"[A-Za-z][\w’'-]*", line)
        if not words or line.endswith((".", "!", "?", ":", "”", '"')) or len(words) > 16:
            continue
        minor = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "with", "as", "by", "from"}
        caps = sum(1 for w in words if w[0].isupper() or w.lower() in minor)
        if caps == len(words) and sum(1 for w in words if w[0].isupper()) >= 2:
            spans.append((m.start(), m.end()))
    return spans


def _analyse(text: str) -> _Doc:
    doc = _Doc(text=text, masked=_mask(text), headlines=_find_headlines(text))
    doc.sents = sentences(text)
    doc.quotes = _find_quotes(text)
    titled = _find_titled(text)
    _index_people(doc, titled)
    titled += _find_appositive_titles(text, doc)
    doc.titled = sorted(titled, key=lambda t: t.start)
    _index_people(doc, doc.titled)
    _find_events(doc)
    return doc


_KINDS: dict[type, str] = {
    EventTimeClaim: "event_time",
    DurationClaim: "duration",
    QuantityClaim: "quantity",
    RoleClaim: "role",
    QuoteClaim: "quote",
    MembershipClaim: "membership",
    PropositionClaim: "proposition",
}


def extract(text: str) -> list[GroundedClaim]:
    """Claims of one article, in source order, each grounded exactly at its evidence."""
    doc = _analyse(text)
    found: list[_Found] = []
    for gen in (_event_times, _durations, _quantities, _roles, _quotes, _memberships, _propositions):
        found.extend(gen(doc))
    out: list[GroundedClaim] = []
    seen: set[str] = set()
    for f in found:
        start, end = f.start, f.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        evidence = text[start:end]
        claim: Claim = f.cls(kind=_KINDS[f.cls], evidence=evidence, **f.claim_kwargs)
        key = claim.model_dump_json()
        if key in seen:
            continue
        seen.add(key)
        out.append(
            GroundedClaim(claim=claim, evidence=Span(text=evidence, start=start, end=end), match="exact", score=100.0)
        )
    out.sort(key=lambda g: (g.evidence.start, g.evidence.end, _KIND_ORDER[g.claim.kind]))
    return out
