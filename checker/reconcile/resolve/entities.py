"""Who is who across the story: one key per person, organisation or place, whatever each article calls it.

Each article lists its entities once (claims file form 2.0); this joins the lists of all articles.

* **People** by name key: inside one article a surname-only mention resolves to the fullest name
  with that surname (``PersonIndex``); across articles transliterations and nicknames are folded
  ("Zelenskyy", "Mike"), and a surname-only key joins the one full name with that surname.
* **Organisations and places** by their words, order-free: "Central Bank of Freedonia" and
  "Freedonia's central bank" have the same words; generic heads and legal forms go ("the Acme
  Chemical plant", "Acme Chemicals Inc." -> acme chemical); a name that is the words of exactly one
  longer name in the story is that name ("Mercy West" -> "Mercy West Medical Center"); an
  acronym is the name whose initials it spells ("NTSC").
* **Words** that are no entity (a proposition's subject, a list's member) by their content words.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache

from anyascii import anyascii

from checker.normalize import PersonIndex, name_key, org_key, same_person, singular
from checker.reconcile.items import Item, SourceView
from checker.reconcile.tables import words

_GENERIC = words("org_generic_words")
_PARTICLES = words("name_particles")
_STOP = words("stopwords")


@lru_cache(maxsize=1 << 14)
def org_tokens(name: str) -> frozenset[str]:
    """The words that name an organisation or place, order-free, without generic heads or legal forms."""
    key = org_key(name)
    return frozenset(singular(w) for w in key.split() if w not in _GENERIC) or frozenset(key.split())


@lru_cache(maxsize=1 << 14)
def words_key(text: str) -> str:
    """Content words of a phrase, sorted: "the negotiating teams" -> "negotiating team"."""
    folded = re.sub(r"[^a-z0-9]+", " ", anyascii(text).lower().replace("'s ", " "))
    return " ".join(sorted({singular(w) for w in folded.split() if w not in _STOP}))


def looks_like_name(text: str) -> bool:
    """Capitalised words (and name particles) only: 'Donald J. Trump', 'Russia', not 'the war in Ukraine'."""
    words = text.replace(",", " ").split()
    return 0 < len(words) <= 6 and all(w[:1].isupper() or w[:1].isdigit() or w in _PARTICLES for w in words)


def initials(name: str) -> str:
    """The lowercase initials of a name's content words: "National Transport Safety Commission" -> "ntsc"."""
    words = [w for w in re.findall(r"[A-Za-z]+", anyascii(name)) if w.lower() not in _STOP]
    return "".join(w[0] for w in words).lower()


class Entities:
    """Story-level identity of every entity and of the words claims use instead of one."""

    def __init__(self, views: dict[str, SourceView], items: Sequence[Item]) -> None:
        self._key: dict[tuple[str, str], str] = {}
        self._kind: dict[str, str] = {}
        forms: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        people: dict[str, list[str]] = defaultdict(list)  # source -> person names
        others: list[tuple[str, str, str, str]] = []  # (source, id, type, name)
        for source in sorted(views):
            for entity in views[source].source.entities:
                if entity.type == "person":
                    people[source].append(entity.name)
                else:
                    others.append((source, entity.id, entity.type, entity.name))
        self._people = _resolve_people(people)
        for source in sorted(views):
            for entity in views[source].source.entities:
                if entity.type != "person":
                    continue
                key = self._people.get((source, name_key(entity.name)), "person:" + name_key(entity.name))
                self._key[(source, entity.id)] = key
                self._kind[key] = "person"
                forms[key][entity.name] += 1
        org_keys = _resolve_organisations([(t, name) for _s, _i, t, name in others])
        for source, entity_id, type_, name in others:
            key = org_keys[(type_, name)]
            self._key[(source, entity_id)] = key
            self._kind.setdefault(key, type_)
            forms[key][name] += 1
        self._views = views
        self._by_name: dict[tuple[str, str], str] = {}
        for source in sorted(views):
            for entity in views[source].source.entities:
                self._by_name.setdefault((source, entity.name.strip().lower()), self._key[(source, entity.id)])
        self._display = {
            key: min(counts, key=lambda f: (-len(f.split()), -counts[f], f)) for key, counts in forms.items()
        }

    def key(self, source: str, ref: str | None) -> str | None:
        """The story key of an entity id of ``source``, or of words a claim uses instead of an id."""
        if ref is None or not ref.strip():
            return None
        found = self._key.get((source, ref))
        if found is not None:
            return found
        named = self._by_name.get((source, ref.strip().lower()))
        if named is not None:  # the words may be an entity's name ("Vladimir Putin" as a subject)
            return named
        if looks_like_name(ref):
            person = self._people.get((source, name_key(ref)))
            if person is not None:
                return person
            for key in (f"org:{' '.join(sorted(org_tokens(ref)))}",):
                if key in self._kind:
                    return key
        key = "words:" + words_key(ref)
        # shown as first written (claims are visited in canonical order, so this is deterministic)
        self._display.setdefault(key, " ".join(ref.split()))
        return key

    def kind(self, key: str | None) -> str | None:
        return self._kind.get(key) if key is not None else None

    def name(self, key: str | None) -> str:
        if key is None:
            return ""
        if key in self._display:
            return self._display[key]
        return key.split(":", 1)[-1]

    def is_person(self, key: str | None) -> bool:
        return self.kind(key) == "person"


def _resolve_people(people: dict[str, list[str]]) -> dict[tuple[str, str], str]:
    """(source, name key) -> story person key: per source by surname, across sources by name key."""
    local: dict[tuple[str, str], str] = {}
    for source in sorted(people):
        index = PersonIndex(sorted(people[source]))
        for name in sorted(people[source]):
            key = name_key(name)
            if key:
                local[(source, key)] = index.resolve(name)
    full_by_last: dict[str, set[str]] = defaultdict(set)
    for resolved in local.values():
        if len(resolved.split()) > 1:
            full_by_last[resolved.split()[-1]].add(resolved)
    canonical: dict[str, str] = {}
    for last, fulls in sorted(full_by_last.items()):
        ordered = sorted(fulls, key=lambda k: (-len(k.split()), -len(k), k))
        if all(same_person(ordered[0], other) for other in ordered[1:]):
            canonical[last] = ordered[0]
            for full in ordered:
                canonical[full] = ordered[0]
    return {pair: "person:" + canonical.get(resolved, resolved) for pair, resolved in local.items()}


def _resolve_organisations(named: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(type, name) -> story key for every organisation, place, document and unnamed source."""
    distinct = sorted(set(named))
    tokens = {pair: org_tokens(pair[1]) for pair in distinct}
    # unnamed people and documents keep their own space: "witnesses" is not the organisation "Witnesses"
    space = {pair: ("anon" if pair[0] in ("anonymous", "document") else "org") for pair in distinct}
    sets_by_type: dict[tuple[str, str], set[frozenset[str]]] = defaultdict(set)
    for pair in distinct:
        sets_by_type[(space[pair], pair[0])].add(tokens[pair])
    merged: dict[tuple[str, frozenset[str]], frozenset[str]] = {}
    for (name_space, _type), sets in sorted(sets_by_type.items()):
        ordered = sorted(sets, key=lambda s: (-len(s), sorted(s)))
        containing: dict[str, list[frozenset[str]]] = defaultdict(list)  # word -> the names holding it
        for name_words in ordered:
            for word in name_words:
                containing[word].append(name_words)
        for small in ordered:
            if not small:
                continue
            rarest = min(small, key=lambda w: (len(containing[w]), w))
            supersets = [big for big in containing[rarest] if small < big]
            # the words of exactly one longer name of the same type are that name ("Ontario" the place is
            # not "Ontario Provincial Police"); unnamed sources only when two words say it
            if len(supersets) == 1 and (len(small) >= 2 or name_space == "org"):
                merged.setdefault((name_space, small), supersets[0])
    acronyms: dict[str, set[frozenset[str]]] = defaultdict(set)
    for pair in distinct:
        if space[pair] == "org" and len(tokens[pair]) > 1:
            acronyms[initials(pair[1])].add(tokens[pair])
    keys: dict[tuple[str, str], str] = {}
    for pair in distinct:
        name_space, words = space[pair], tokens[pair]
        raw = pair[1].strip()
        if name_space == "org" and re.fullmatch(r"[A-Z]{2,6}", raw) and len(acronyms.get(raw.lower(), ())) == 1:
            words = next(iter(acronyms[raw.lower()]))
        for _ in range(4):  # follow a chain of unique supersets
            words = merged.get((name_space, words), words)
        keys[pair] = f"{name_space}:{' '.join(sorted(words))}"
    return keys
