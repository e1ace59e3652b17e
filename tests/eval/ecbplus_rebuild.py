"""Rebuild the text of ECB+ documents from their tokens, for the real clusters of the evaluation set.

ECB+ (Cybulska and Vossen, LREC 2014; annotation CC BY 3.0, texts the publishers') ships each
article as tokens with sentence numbers and no spacing. This script puts the spacing back with
fixed rules, so anyone can rebuild the same bytes from the corpus:

* sentence 0 of an ``ecbplus`` file is the page's URL: it goes to ``sources.toml``, not the text;
* every other sentence is a paragraph of its own (the corpus keeps no paragraph breaks, and news
  paragraphs are mostly one sentence); paragraphs are separated by a blank line;
* tokens are joined by one space, except: no space before closing punctuation
  (``, . ; : ! ? % ) ] }`` and ``'s n't 're 've 'll 'd 'm``), none after opening brackets and
  currency signs (``( [ { $ £ €``); PTB quotes ``\u0060\u0060`` / ``''`` become curly ones; a ``"``, ``''`` or curly
  double quote (and a lone ``'``) opens or closes by position (the first opens, the next closes, across sentences);
  ``-``, ``/``, ``.``, ``:`` and ``,`` between two digits join them (``65 - 53`` -> ``65-53``,
  ``4 . 6`` -> ``4.6``, ``1 : 30`` -> ``1:30``, ``1 , 000`` -> ``1,000``); a ``-`` between two
  word tokens joins them when the left one is lower-case or a single letter
  (``two - party`` -> ``two-party``, ``T - Mobile`` -> ``T-Mobile``), and stays spaced otherwise
  (``Athens - Three people`` keeps its dash).

usage: python tests/eval/ecbplus_rebuild.py ECB_DIR TOPIC_FILE [TOPIC_FILE ...]
       (ECB_DIR is ``ECB+_LREC2014/ECB+`` of a checkout of tommasoc80/EventStoryLine; prints
       the rebuilt text of each file to stdout, with its URL first).
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

_NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    "%",
    ")",
    "]",
    "}",
    "'s",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "’s",
    "’re",
    "’ve",
    "’ll",
    "’d",
    "’m",
    "...",
    "”",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "£", "€", "“", "``"}
_DIGIT_JOINERS = {"-", "/", ".", ":", ","}


def tokens(path: Path) -> list[tuple[int, str]]:
    root = ET.parse(path).getroot()
    return [(int(t.get("sentence", "0")), t.text or "") for t in root.iter("token")]


def join_sentence(words: list[str], quote_open: dict[str, bool]) -> str:
    """One sentence's tokens as text; ``quote_open`` carries open quotation marks across sentences."""
    out = ""
    glue_next = False
    for i, w in enumerate(words):
        prev = words[i - 1] if i else ""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        space = bool(out) and not glue_next
        glue_next = False
        if w in _NO_SPACE_BEFORE:
            space = False
        if (
            w in _DIGIT_JOINERS
            and prev[-1:].isdigit()
            and nxt[:1].isdigit()
            and (w != "," or re.fullmatch(r"\d{3}", nxt))
        ):
            space = False
            glue_next = True
        elif w == "-" and nxt == "-":  # "- -" is a dash written "--"
            pass
        elif w == "-" and prev == "-":
            space = False
        elif (
            w == "-"
            and prev
            and nxt
            and prev[-1:].isalnum()
            and nxt[:1].isalnum()
            and (prev[-1:].islower() or len(prev) == 1 or prev[-1:].isdigit() or prev.isupper())
        ):
            space = False
            glue_next = True
        elif w == "." and len(prev) == 1 and prev.isalpha() and len(nxt) == 1 and nxt.isalpha():
            glue_next = True  # a . m . -> a.m.
        elif w == "." and nxt.lower() in {"com", "org", "net", "gov", "edu", "co", "uk"}:
            glue_next = True  # CNN . com -> CNN.com
        family = '"' if w in ('"', "“", "”", "``", "''") else "'" if w == "'" else None
        if family is not None:
            if w == "``" or (w == "“" and not quote_open['"']):
                opening = True
            elif w == "”":
                opening = False
            else:
                opening = not quote_open[family]
            if w in ("``", "''"):
                w = "“" if opening else "”"  # PTB quotes (and pages that wrote '' for “) as curly ones
            if not opening:
                space = False
                quote_open[family] = False
            elif w == "'" and prev.endswith("s") and not nxt[:1].isupper():
                space = False  # "Saints '" is a possessive, not a quotation mark
            else:
                quote_open[family] = True
                glue_next = True
        elif w.startswith("''") and w[2:3].isalnum():
            w = "“" + w[2:]  # a quotation mark the tokeniser left on the word
            quote_open['"'] = True
        elif w[:1] in ('"', "“") and w[1:2].isalnum():
            quote_open['"'] = True
        elif w[:1] == "'" and w[1:2].isalnum() and not re.fullmatch(r"'(?:s|re|ve|ll|d|m|\d\d)s?", w):
            quote_open["'"] = True
        elif len(w) > 1 and (w.endswith('"') or w.endswith("''") or w.endswith("”")):
            w = re.sub(r"(?:''|\")$", "”" if "“" in out else '"', w)
            quote_open['"'] = False
        if w in _NO_SPACE_AFTER:
            glue_next = True
        out += (" " if space else "") + w
    return out


def rebuild(path: Path) -> tuple[str | None, str]:
    """(url, text) of one ECB+ file."""
    sentences: dict[int, list[str]] = {}
    for sentence, word in tokens(path):
        sentences.setdefault(sentence, []).append(word)
    url = None
    if path.name.endswith("ecbplus.xml") and 0 in sentences:
        url = "".join(sentences.pop(0))
    quote_open = {'"': False, "'": False}  # the corpus splits quotations of several sentences
    paragraphs = [join_sentence(sentences[n], quote_open) for n in sorted(sentences)]
    return url, "\n\n".join(p for p in paragraphs if p.strip()) + "\n"


def main(argv: list[str]) -> int:
    base = Path(argv[1])
    for name in argv[2:]:
        topic = re.match(r"(\d+)_", name)
        path = base / (topic.group(1) if topic else "") / name
        url, text = rebuild(path)
        print(f"=== {name} {url}\n{text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
