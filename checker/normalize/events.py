"""The kind of an event: synonyms ("phone conversation", "talks") meet in one event-type key ("call"),
trying the whole phrase and then ever shorter tails of it, so modifiers ("lengthy phone call") drop off.
"""

from __future__ import annotations

import re

from checker.normalize._data import pairs
from checker.normalize.text import _clean, singular

_EVENT_PHRASES = pairs("event_phrases.tsv")
_EVENT_HEADS = pairs("event_heads.tsv")


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
    return " ".join(singular(w) for w in words) if words else s
