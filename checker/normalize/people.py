"""People's names: :func:`name_key` gives one key per person across honorifics, suffixes, nicknames and
transliterations; :class:`PersonIndex` resolves surname-only mentions inside one source, and
:func:`same_person` judges two keys across sources (the nicknames package decides Stephen/Steven).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from checker.normalize._data import pairs, wordset
from checker.normalize.text import _ascii

_HONORIFICS = wordset("honorifics.txt")
_SUFFIXES = wordset("name_suffixes.txt")

# Common English nicknames whose formal form the nicknames package leaves ambiguous (it maps
# "mike" to michael/micheal/miguel and "bill" to robert/william/will/willis). Generic data.
_NICK_PREFERRED = pairs("nicknames.tsv")


@lru_cache(maxsize=1)
def _nicknamer() -> object:
    from nicknames import NickNamer

    return NickNamer()


def _canonicals(first: str) -> set[str]:
    nn = _nicknamer()
    return set(nn.canonicals_of(first))  # type: ignore[attr-defined]


def _nicknames(first: str) -> set[str]:
    nn = _nicknamer()
    return set(nn.nicknames_of(first))  # type: ignore[attr-defined]


@lru_cache(maxsize=4096)
def _formal_first(first: str) -> str:
    """The formal form of a common English nickname (Mike -> michael), else the name itself.

    Only our small table folds keys: the nicknames package's reverse mappings are too loose for a key
    (it maps "mark" -> marcus, "kim" -> kimberley, "lloyd" -> floyd, "von" -> lavonne). The package is
    used instead to judge whether two different first names can be one person (:func:`same_person`).
    """
    return _NICK_PREFERRED.get(first, first)


_TRANSLIT_END_RE = re.compile(r"(?:iy|yy|ij|ii|yi)$")
_DOUBLE_LETTER_RE = re.compile(r"([a-z])\1+")
_POSSESSIVE_RE = re.compile(r"'s\b")
_NAME_DROP_RE = re.compile(r"['.]")
_NAME_SPACE_RE = re.compile(r"[^a-z0-9\s]")


@lru_cache(maxsize=1 << 14)
def _fold_token(tok: str) -> str:
    """Fold transliteration variants: -iy/-yy/-ij/-ii endings -> -y, double letters -> single."""
    tok = _TRANSLIT_END_RE.sub("y", tok) if len(tok) > 4 else tok
    tok = _DOUBLE_LETTER_RE.sub(r"\1", tok)
    return tok


def _name_tokens(name: str) -> list[str]:
    s = _ascii(name).lower()
    s = _POSSESSIVE_RE.sub("", s)
    s = _NAME_DROP_RE.sub("", s)
    s = _NAME_SPACE_RE.sub(" ", s)
    toks = s.split()
    while len(toks) > 1 and toks[0] in _HONORIFICS:
        toks = toks[1:]
    while len(toks) > 1 and toks[-1] in _SUFFIXES:
        toks = toks[:-1]
    return toks


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """A comparable key for a person's name.

    ASCII-folded (anyascii), lowercased, punctuation, honorifics and suffixes dropped, a nickname first
    name folded to its formal form (Mike -> michael), and transliteration variants folded in every token
    (Zelenskyy/Zelenskiy/Zelensky -> zelensky; double letters single). No fuzzy matching: Walz and
    Waltz, Ratcliffe and Radcliffe stay apart.
    """
    toks = _name_tokens(name)
    if not toks:
        return ""
    if len(toks) > 1:
        toks[0] = _formal_first(toks[0])
    return " ".join(_fold_token(t) for t in toks)


@lru_cache(maxsize=1 << 14)
def _first_names_compatible(a: str, b: str) -> bool:
    """Equal, an initial of the other, or related through the nicknames table."""
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    fa, fb = _formal_first(a), _formal_first(b)
    if _fold_token(fa) == _fold_token(fb):
        return True
    rel_a = {a, fa} | _canonicals(a) | _nicknames(a)
    rel_b = {b, fb} | _canonicals(b) | _nicknames(b)
    folded_a = {_fold_token(x) for x in rel_a}
    folded_b = {_fold_token(x) for x in rel_b}
    return bool(folded_a & folded_b)


def same_person(a_key: str, b_key: str) -> bool:
    """Across sources: equal keys, or same surname with first names that do not contradict.

    A surname-only key matches any key with that surname; "michael waltz" and "mike waltz" meet, "tim walz"
    and "michael waltz" do not. Middle names and initials are ignored.
    """
    if a_key == b_key:
        return bool(a_key)
    a, b = a_key.split(), b_key.split()
    if not a or not b:
        return False
    if len(a) == 1 or len(b) == 1:
        short, long_ = (a, b) if len(a) == 1 else (b, a)
        return short[0] == long_[-1]
    if a[-1] != b[-1]:
        return False
    return _first_names_compatible(a[0], b[0])


class PersonIndex:
    """The people of ONE source, so "Trump" and "Mr. Trump" resolve to that source's "Donald Trump".

    A surname-only (or first+last) mention resolves to the fullest name key with that surname when it is
    unambiguous in the source; an ambiguous or unknown mention stays its own key.
    """

    def __init__(self, names: Iterable[str]) -> None:
        keys = {name_key(n) for n in names}
        keys.discard("")
        # Fullest first: more tokens, then longer, then alphabetical (deterministic).
        self._keys: tuple[str, ...] = tuple(sorted(keys, key=lambda k: (-len(k.split()), -len(k), k)))
        # Every candidate of resolve() ends with the mention's surname: keys by last token, fullest first.
        self._by_last: dict[str, list[tuple[str, list[str]]]] = {}
        for full in self._keys:
            ft = full.split()
            self._by_last.setdefault(ft[-1], []).append((full, ft))

    @property
    def keys(self) -> tuple[str, ...]:
        """Every distinct name key of the source, fullest first."""
        return self._keys

    def resolve(self, name: str) -> str:
        """The fullest key of the source for this mention, or the mention's own key."""
        k = name_key(name)
        toks = k.split()
        if not toks:
            return k
        candidates: list[str] = []
        for full, ft in self._by_last.get(toks[-1], ()):
            if len(ft) < len(toks):
                continue
            # "Leyen"/"von der Leyen" are suffixes of "ursula von der leyen"; "mike waltz" shares first+last.
            ok = ft[-len(toks) :] == toks or (
                len(toks) > 1 and ft[-1] == toks[-1] and _first_names_compatible(ft[0], toks[0])
            )
            if ok:
                candidates.append(full)
        if not candidates:
            return k
        best = candidates[0]
        # Ambiguous when two candidates are different people (not one a shorter form of the other).
        best_first = best.split()[0]
        for other in candidates[1:]:
            if len(other.split()) > 1 and not _first_names_compatible(best_first, other.split()[0]):
                return k
        return best
