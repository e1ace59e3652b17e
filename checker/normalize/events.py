"""The kind of an event: synonyms ("phone conversation", "talks") meet in one event-type key ("call"),
trying the whole phrase and then ever shorter tails of it, so modifiers ("lengthy phone call") drop off.
"""

from __future__ import annotations

import re

from checker.normalize.text import _clean, _singular

_EVENT_PHRASES: dict[str, str] = {
    "peace talks": "negotiations",
    "peace negotiations": "negotiations",
    "negotiation": "negotiations",
    "negotiations": "negotiations",
    "air strike": "attack",
    "airstrike": "attack",
    "missile strike": "attack",
    "drone strike": "attack",
    "drone attack": "attack",
    "missile attack": "attack",
    "general strike": "strike",
    "industrial action": "strike",
    "press conference": "press conference",
    "news conference": "press conference",
    "phone call": "call",
    "telephone call": "call",
    "phone conversation": "call",
    "telephone conversation": "call",
    "video call": "call",
    "video conference": "call",
    "phone talks": "call",
    "telephone talks": "call",
    "world cup final": "match",
}
_EVENT_HEADS: dict[str, str] = {
    "call": "call",
    "conversation": "call",
    "talks": "call",
    "chat": "call",
    "phonecall": "call",
    "meeting": "meeting",
    "summit": "meeting",
    "meet": "meeting",
    "encounter": "meeting",
    "war": "war",
    "conflict": "war",
    "invasion": "war",
    "fighting": "war",
    "hostilities": "war",
    "election": "election",
    "elections": "election",
    "vote": "election",
    "poll": "election",
    "polls": "election",
    "ballot": "election",
    "trial": "trial",
    "court case": "trial",
    "match": "match",
    "game": "match",
    "fixture": "match",
    "final": "match",
    "storm": "storm",
    "hurricane": "storm",
    "typhoon": "storm",
    "cyclone": "storm",
    "strike": "strike",
    "walkout": "strike",
    "attack": "attack",
    "assault": "attack",
    "bombing": "attack",
    "shelling": "attack",
    "earthquake": "earthquake",
    "quake": "earthquake",
    "tremor": "earthquake",
    "fire": "fire",
    "wildfire": "fire",
    "blaze": "fire",
    "flood": "flood",
    "flooding": "flood",
    "floods": "flood",
    "visit": "visit",
    "trip": "visit",
    "tour": "visit",
    "protest": "protest",
    "protests": "protest",
    "demonstration": "protest",
    "demonstrations": "protest",
    "ceasefire": "ceasefire",
    "truce": "ceasefire",
    "armistice": "ceasefire",
    "crash": "crash",
    "collision": "crash",
    "accident": "crash",
    "speech": "speech",
    "address": "speech",
    "interview": "interview",
    "announcement": "announcement",
    "deal": "agreement",
    "agreement": "agreement",
    "accord": "agreement",
    "treaty": "agreement",
}


def event_type_key(type: str) -> str:
    """A key for the kind of event: "phone conversation" and "talks" -> "call"; "summit" -> "meeting".

    Tries the whole phrase, then drops leading modifiers ("lengthy phone call" -> "phone call" -> "call").
    Unknown kinds stay as their cleaned, singular-ish text.
    """
    s = _clean(type)
    s = re.sub(r"^(the|a|an|their|his|her|its)\s+", "", s)
    words = s.split()
    for i in range(len(words)):
        tail = " ".join(words[i:])
        if tail in _EVENT_PHRASES:
            return _EVENT_PHRASES[tail]
        if tail in _EVENT_HEADS:
            return _EVENT_HEADS[tail]
    return " ".join(_singular(w) for w in words) if words else s
