"""The patterns and word tables the quantity extractor reads figures with: what a number counts (the noun
after it, the verb before it), money, ages, records, magnitudes, populations, distances, race times, margins,
crowds and shares. Vocabularies come from ``checker/offline/data/``; the shapes are regexes here.
"""

from __future__ import annotations

import re

from checker.offline import tables
from checker.offline.lexicon import HEDGE, NAME_TOKEN, NUM_WORDS, NUMBER

#: Words after a number -> what it counts ("40 killed", "1,200 jobs").
MEASURE_AFTER = tables.pairs("measures_after.tsv")
#: Verbs before a number -> what it counts ("killing 40", "laid off 300").
VERB_BEFORE = tables.pairs("measures_before.tsv")
UNIT_MEASURES = {unit: (measure, name) for unit, measure, name in tables.rows("unit_measures.tsv", 3)}
PEOPLE_NOUNS = rf"(?:{tables.alternation(tables.entries('people_nouns.txt'))})"
MONEY_NOUNS = tables.alternation(tables.entries("money_nouns.txt"))
#: Words after "a 24-year-old" that are not whose age it is ("a 24-year-old record", "a 30-year-old law").
NOT_AGE_NOUNS = tables.wordset("not_age_nouns.txt")
REPEATED_LENGTH_NOUNS = tables.wordset("repeated_length_nouns.txt")
PLACE_HEADS = tables.wordset("place_heads.txt")
#: Counted things whose count depends on what happened to them ("140 homes destroyed", "400 homes threatened").
STATE_NOUNS = frozenset(
    {"homes", "buildings", "vehicles", "cars", "schools", "hospitals", "stores", "households", "customers"}
)
RE_STATE = re.compile(
    r"\s+(?:(?:were|have\s+been|had\s+been|was|are|being)\s+)?(?:(?:also|now)\s+)?(destroyed|damaged|burned|"
    r"burnt|razed|threatened|evacuated|flooded|lost|closed|affected|without\s+power)\b"
)
RE_OWNER = re.compile(
    rf"(?<![\w’'-])(?P<name>{NAME_TOKEN}(?: {NAME_TOKEN}){{0,3}})(?:[’']s\s+|,\s+which\s+|\s+)(?:now\s+|still\s+)?"
    r"(?:employs\s+|employed\s+|has\s+|had\s+)?$"
)
RE_NAMES = re.compile(rf"(?<![\w’'-]){NAME_TOKEN}(?:[’']s)?(?: {NAME_TOKEN}){{0,4}}(?![\w-])")

RE_QTY_BEFORE = re.compile(
    rf"\b(?=\w)(?:(?P<hedge>{HEDGE})\s+|)(?P<amount>{NUMBER})(?:\s+(?:more|additional|other|new|confirmed|reported|"
    rf"suspected|total))?\s+(?:of\s+)?"
    r"(?:(?!basis\b|percentage\b)[a-z][a-z-]{2,}\s+(?=(?:" + tables.longest_first(MEASURE_AFTER) + r")\b))?"
    rf"(?:(?:(?:the\s+)?{PEOPLE_NOUNS}\s+)?(?:were\s+|have\s+been\s+|had\s+been\s+|"
    r"being\s+|are\s+|was\s+|were\s+reported\s+|been\s+|has\s+been\s+|have\s+|has\s+)?(?:(?:killed|injured|wounded|"
    r"hurt|displaced|evacuated|missing|arrested|hospitali[sz]ed|dead)|(?:(?:now\s+|since\s+|also\s+)?died|"
    r"lost\s+their\s+lives))|(?P<kw>" + tables.longest_first(MEASURE_AFTER) + r"))(?![\w-])"
)
RE_QTY_AFTER_VERB = re.compile(
    r"\b(?P<verb>"
    + tables.longest_first(VERB_BEFORE)
    + rf")\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})(?:\s+(?:of\s+)?(?P<obj>lives|people|jobs|workers|"
    rf"employees|staff|civilians|residents|positions|others|{PEOPLE_NOUNS}|runners|firefighters|officers))?(?![\w-])"
)
RE_QTY_TOLL = re.compile(
    r"\b(?P<kw>(?i:death toll|toll|number of (?:dead|deaths|fatalities|victims)|(?:number|count) of (?:injured|wounded)"
    r"|number of (?:(?:confirmed|reported|new)\s+)?(?:cases|infections)|unemployment|turnout|attendance|crowd))"
    r"\s+(?:[\w’']+\s+){0,3}?(?:(?:from|after|since)\s+(?:[\w’'-]+\s+){1,14}?)?"
    rf"(?:at|in|to|of|reached|hit|was|is|stood at|stands at|rose to|climbed to|jumped to|fell to)\s+(?:the\s+)?"
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})(?P<pct>\s*(?:%|percent|per cent))?(?![\w-])"
)
RE_QTY_PCT = re.compile(
    rf"\b(?=\w)(?:(?P<hedge>{HEDGE})\s+|)(?P<amount>\d+(?:\.\d+)?|{NUM_WORDS})(?P<unit>\s*%|\s+percent|\s+per cent)"
    r"(?P<after>\s+of\s+(?:the\s+)?(?P<of>[\w-]+(?:\s+[\w-]+)?))?"
)
RE_QTY_UNIT = re.compile(
    rf"\b(?=\w)(?:(?P<hedge>{HEDGE})\s+|)(?P<amount>\d+(?:\.\d+)?|{NUM_WORDS})\s*(?:-\s*)?(?P<unit>inches|inch|"
    r"millimet(?:re|er)s|mm|centimet(?:re|er)s|cm|mph|km/h|kph|miles per hour|"
    r"degrees(?:\s+(?:Celsius|Fahrenheit|centigrade|C|F)\b)?|°\s?[CF]\b|(?<=\d)[CF]\b)(?![\w])"
)
RE_SCORE = re.compile(
    r"\b(?P<verb>won|beat|defeated|lost|drew|draw|victory|win|loss|defeat|edged|thrashed|routed|scoreline|score)"
    r"\b[^.;]{0,40}?\b(?P<amount>\d{1,3}[-–]\d{1,3})\b(?![-–]\d)"
    r"|\b(?P<amount2>\d{1,3}[-–]\d{1,3})\s+(?:win|victory|defeat|loss|draw|home win|away win|triumph|rout)\b"
)

SCALE = r"(?:\s*(?:million|billion|trillion|thousand|mn|bn|m|b|k)\b)?"
CURRENCY = r"(?:US|C|A|NZ|HK|S)?[$€£]"
#: A sum of money: "$3.4m", "€2 million", "US$115 million", "2 million euros", "£450,000".
RE_QTY_MONEY = re.compile(
    # a hedge, a currency sign or a digit starts every match: looked at first (the same matches, faster)
    r"(?=[\w$€£])"
    rf"(?:\b(?P<hedge>{HEDGE})\s+|)(?P<amount>(?<![\w$€£]){CURRENCY}\s?\d[\d,]*(?:\.\d+)?{SCALE}"
    r"|\b\d[\d,]*(?:\.\d+)?(?:\s+(?:million|billion|trillion|thousand))?\s+(?:dollars|euros|pounds)"
    r"|\b\d[\d,]*(?:\.\d+)?-(?:pound|dollar|euro))(?![\w])"
)
#: A name with its age in commas ("Eleanor Pratt, 71,"), "a 29-year-old (man)", "aged 81".
RE_AGE_APPOSITIVE = re.compile(r"(?<=[a-z]),\s(?P<amount>\d{1,3})(?=,|\)|;|\.(?!\d)|\s+and\b|\s+who\b)")
#: "-year-old" and the noun after it; the number and the article before it are looked up behind (RE_AGE_NUMBER).
RE_AGE_ADJECTIVE = re.compile(r"-years?-old\b(?:\s+(?P<noun>[a-z]+))?\b")
RE_AGE_NUMBER = re.compile(
    rf"(?<![\w-])(?:(?P<art>[Aa]n?|[Tt]he)\s+)?(?P<number>(?:\d{{1,3}}|{NUM_WORDS})(?:-(?:one|two|three|four|five|six|"
    r"seven|eight|nine))?)$",
    re.IGNORECASE,
)
RE_AGE_AGED = re.compile(r"(?<=[a-z]),?\s+(?P<amount>aged\s+\d{1,3})\b(?!\s*(?:to|-|–|and)\s*\d)")
#: An earthquake's magnitude: "magnitude 5.9", "magnitude-6.1", "a 6.1-magnitude quake", "a magnitude of 5.9".
RE_MAGNITUDE = re.compile(
    r"\b(?i:magnitude)(?:[- ]|\s+of\s+|\s+at\s+)(?P<amount>\d(?:\.\d)?)\b(?!\.\d)"
    r"|\b(?P<amount2>\d(?:\.\d)?)[- ]magnitude\b"
)
#: How many live somewhere: "home to 120,000 people", "a population of more than 100,000", "200,000 residents".
RE_POPULATION = re.compile(
    rf"\b(?:home\s+to|population\s+of|population\s+(?:is|was|stands\s+at)|inhabitants\s+of)\s+(?:(?:about|some)\s+)?"
    rf"(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})(?:\s+(?:people|residents|inhabitants))?(?![\w-])"
    r"|\b(?P<amount2>\d[\d,]*(?:\.\d+)?(?:\s+(?:thousand|million))?)\s+(?:residents|inhabitants)\b"
)
#: How far from a place: "1,500 kilometers south of Tehran", "about 940 miles from Boston".
RE_DISTANCE = re.compile(
    r"\b(?P<amount>\d[\d,]*(?:\.\d+)?\s*(?:-\s*)?(?:kilomet(?:er|re)s?|km|miles?|mi|metres|"
    r"meters|m|feet|ft|yards))(?:\s*\([^()]{1,30}\))?\s+(?:(?:north|south|east|west|northeast|northwest|southeast|"
    r"southwest|north-east|north-west|south-east|south-west)(?:ern)?\s+(?:of\s+)?|from\s+|outside\s+(?:of\s+)?)"
    r"(?:the\s+)?(?:(?:city|town|capital|village|centre|center)\s+of\s+)?"
    rf"(?P<place>{NAME_TOKEN}(?: {NAME_TOKEN}){{0,2}})"
)
#: A team's won-lost record: "the Colts (10-5)", "a 10-6 record", "stand at 10-5", "record rose to 9-5".
RE_RECORD = re.compile(
    r"(?<=[a-z])[’']?\s+\((?P<amount>\d{1,2}[-–]\d{1,2}(?:[-–]\d{1,2})?)[,)]"
    r"|(?<=[a-z])\s+(?:now\s+)?(?:stand|stands|stood|improved|improve|improves|"
    r"fell|fall|falls|dropped|moved|moves|are|were|is|was)\s+(?:to\s+|at\s+)(?P<amount2>\d{1,2}[-–]\d{1,2})\b(?![-–]\d)"
    r"|(?<=[a-z])\s*[’']s?\s+record\s+(?:\w+\s+)?(?:to|at|of|is|was)\s+"
    r"(?P<amount3>\d{1,2}[-–]\d{1,2})\b"
    r"|\ba\s+(?P<amount4>\d{1,2}[-–]\d{1,2})\s+record\b"
)
TIME = (
    r"\d{1,2}:\d\d:\d\d(?:\.\d+)?|\d{1,2}\s+hours?,?\s+\d{1,2}\s+minutes?,?(?:\s+and)?\s+\d{1,2}\s+seconds?"
    r"|\d{1,3}\s+minutes?,?(?:\s+and)?\s+\d{1,2}(?:\.\d+)?\s+seconds?"
)
#: A finishing time and who ran it: "Rotich won in 2:06:41", "Tolosa, who finished in 2:06:52", "ran 2:22:08".
RE_RACE_TIME = re.compile(
    r"\b(?:won|wins|win|winning|finished|finishes|finishing|crossed\s+the\s+line|clocked|clocking|timed|ran|runs|"
    r"running|(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))|home)\b(?:\s+[\w’'-]+){0,6}?\s+(?:in\s+)?"
    rf"(?:a\s+(?:chip\s+|personal[- ]best\s+|winning\s+)?time\s+of\s+)?(?P<amount>{TIME})\b"
)
SECONDS = r"(?:\d+(?:\.\d+)?|" + NUM_WORDS + r")\s+(?:seconds?|minutes?|hours?|secs?)"
#: A winning margin: "11 seconds ahead of Tolosa", "beating Tolosa by nine seconds", "the margin was 11 seconds",
#: "winning by nearly 20,000 votes", "a margin of 19,910".
RE_MARGIN = re.compile(
    rf"\b(?P<amount>{SECONDS})\s+(?:ahead\s+of|clear\s+of|in\s+front\s+of)\b"
    rf"|\b(?:won|wins|win|winning|beat|beats|beating|defeated|defeating|edged|edging|led|leading)\b"
    rf"(?:\s+[\w’'-]+){{0,4}}?\s+by\s+(?:(?P<hedge2>{HEDGE})\s+)?(?P<amount2>{SECONDS}|{NUMBER}\s+votes)\b"
    rf"|\bmargin\s+(?:was|of|is|stood\s+at|came\s+to|at)\s+(?:(?P<hedge3>{HEDGE})\s+)?"
    rf"(?P<amount3>{SECONDS}|{NUMBER}(?:\s+votes)?)(?![\w-]|\s+(?:percentage\s+)?points)"
    r"|\b(?P<amount4>\d[\d,]*-vote)\s+margin\b"
)
CROWD = r"(?:crowd|march|rally|protest|demonstration|gathering|turnout|attendance)s?"
#: The size of a crowd: "Police put the march at roughly 30,000 people", "as many as 20,000 people took to the streets".
RE_CROWD = re.compile(
    rf"\b(?:put|puts|putting|estimated|estimates|estimate|placed|placing|places)\s+the\s+(?:size\s+of\s+the\s+)?"
    rf"(?:\w+\s+)?{CROWD}(?:\s*,[^,.;]{{1,60}},)?\s+at\s+(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})"
    r"(?:\s+(?:people|protesters|demonstrators|marchers))?(?![\w-])"
    r"|(?<=\w)(?P<after>\s+(?:people|protesters|demonstrators|marchers)\s+"
    r"(?:marched|took\s+to\s+the\s+streets|gathered|rallied|protested|demonstrated|turned\s+out))\b"
)
#: A part of the casualties: "Four firefighters were among those hurt", "Two of the injured are firefighters".
RE_AMONG = re.compile(
    r"among\s+(?:those\s+|the\s+)?(?P<what>hurt|injured|wounded|killed|dead|missing|arrested)\b"
    r"|of\s+the\s+(?P<what2>injured|dead|wounded|missing|victims)\s+(?:were|are)\s+(?P<noun2>[a-z]+)\b"
)
#: What stands before "among those hurt": "Four firefighters were".
RE_AMONG_BEFORE = re.compile(r"\s+(?P<noun>[a-z]+)\s+(?:were|are)\s+(?:also\s+)?$")
#: A number that ends right where a pattern found after it starts ("Four" before " firefighters were among").
RE_NUMBER_END = re.compile(rf"(?<![\w-])(?:(?P<hedge>{HEDGE})\s+)?(?P<amount>{NUMBER})$")
#: A length as an adjective and the thing it measures: "a 12-metre embankment", "a 25-foot wall", "a 35-yard pass".
RE_LENGTH_ADJECTIVE = re.compile(
    r"\b(?:an?|the|its|their|his|her)\s+(?:(?P<hedge>estimated|roughly|nearly|almost|about)\s+)?"
    r"(?P<amount>\d[\d,]*(?:\.\d+)?-(?:met(?:re|er)|foot|feet|ft|yard|yd|mile|km|kilomet(?:re|er)|inch|cm|mm))"
    r"\s+(?P<noun>[a-z]{3,})\b"
)
#: A share in percent before the noun it qualifies: "a 31% premium", "a 12 percent stake".
RE_PCT_NOUN = re.compile(
    r"\b(?P<amount>\d+(?:\.\d+)?(?:\s*%|\s+percent|\s+per\s+cent))\s+(?P<noun>"
    + tables.alternation(tables.entries("percent_nouns.txt"))
    + r")\b"
)
#: Verbs and phrases before a sum of money that say what it is ("priced at", "spending ... on").
MONEY_BEFORE = tables.pairs("money_before.tsv")
RE_MONEY_BEFORE = re.compile(
    r"\b(?P<key>" + tables.longest_first(MONEY_BEFORE) + r")\s+(?:[\w’'-]+\s+){0,3}?(?:at|from|for|of)?\s*$"
)
LIMIT_WORDS = tables.alternation(tables.entries("limit_words.txt"))
#: A limit named before a speed: "where the speed limit is 40 mph", "restrictions of 40 km/h".
RE_LIMIT_BEFORE = re.compile(rf"(?i)\b(?:{LIMIT_WORDS})\s+(?:\w+\s+){{0,2}}$")
#: A limit, or the stretch of road or track a speed names, after it: "a 40 km/h restriction", "a 65 km/h curve".
RE_LIMIT_AFTER = re.compile(
    rf"(?i)\s+(?:speed\s+)?(?:{LIMIT_WORDS}|{tables.alternation(tables.entries('speed_zone_nouns.txt'))})\b"
)
RE_TEMPORARY = re.compile(r"(?i)\b(?:temporary|temporarily|interim)\b")
SITE_NOUNS = tables.alternation(tables.entries("site_nouns.txt"))
#: A headcount at one site: "3,100 workers already employed there", "1,100 people at its main factory",
#: "800 new jobs at Kessock".
RE_AT_SITE = re.compile(
    r"\s+(?:(?:people|workers|employees|staff)\s+)?(?:(?:already|currently|now)\s+)?(?:employed\s+|working\s+)?"
    rf"(?:there\b|at\s+(?:the|its|their|a)\s+(?:[\w-]+\s+){{0,2}}?(?:{SITE_NOUNS})\b|at\s+(?P<name>[A-Z][\w-]+)\b)"
)
#: Words near a number of points -> what it measures ("won by 9 points", "rose by 13 points", "trailing by 4").
POINTS_MEASURES = [
    (re.compile(rf"(?i)\b(?:{tables.alternation(words.split('|'))})\b"), measure)
    for words, measure in tables.rows("points_measures.tsv", 2)
]
