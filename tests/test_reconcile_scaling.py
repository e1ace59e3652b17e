"""The reconciler's work grows linearly with its input, and its shortcuts give the plain computations' results.

No test here times anything (bench/reconcile_scale.py measures speed): the scaling test counts quote
comparisons, which an all-pairs loop over quotes would make grow quadratically.
"""

from __future__ import annotations

import gc
import itertools
import random
from collections.abc import Callable

import pytest
from reconcile_cases.builders import Article, quote

from checker import normalize
from checker.normalize import quotes as normalize_quotes
from checker.reconcile import reconcile
from checker.reconcile.judge import quotes as quotes_module
from checker.reconcile.judge.common import construct as _construct
from checker.reconcile.judge.lists import _first_contradiction
from checker.report import Evidence, FindingValue
from checker.schema.v1 import Attribution, SourceClaims

# --- quote comparisons grow linearly with the sources -------------------------------------------------

_OPENERS = ("We will", "Our people will", "Nobody here will", "The government will", "I promise we will")
_VERBS = ("defend", "rebuild", "protect", "support", "never abandon", "fight for", "stand by", "invest in")
_OBJECTS = ("every family", "the border towns", "our farmers", "the hospitals", "the ports", "the schools")
_TAILS = ("this winter", "no matter what", "whatever it costs", "as long as it takes", "starting today")
_CAST = ("Ana Ruiz", "Omar Haddad", "Lena Vogt", "Piotr Nowak")


def _story(sources: int) -> list[SourceClaims]:
    """Quotes by a growing crowd of speakers, from one stock grammar (they share phrases everywhere), plus a
    small cast whose few quotes every source repeats, some cut short and some given to the wrong person."""
    rng = random.Random(sources)
    cast_quotes = [f"{o} {v} {b} {t}" for o, v, b, t in zip(_OPENERS, _VERBS, _OBJECTS, _TAILS, strict=False)]
    sets = []
    for i in range(sources):
        article = Article(f"s{i:04d}.txt")
        for j in range(3):  # speakers new to this source, each with one fresh quote
            speaker = f"Speaker{i}x{j} Jones"
            words = (rng.choice(_OPENERS), rng.choice(_VERBS), rng.choice(_OBJECTS), f"in Town{i}x{j}")
            text = " ".join((*words, rng.choice(_TAILS)))
            article.add(f"{speaker} said: “{text}”.", quote(text, speaker, text))
        k = rng.randrange(len(cast_quotes))
        text = cast_quotes[k]
        if rng.random() < 0.3:
            text = " ".join(text.split()[:-2])  # a fragment of the same words
        speaker = _CAST[(k + (rng.random() < 0.1)) % len(_CAST)]  # now and then the wrong speaker
        article.add(f"{speaker} said: “{text}”.", quote(text, speaker, text))
        sets.append(article.build())
    return sets


def _comparisons(monkeypatch: pytest.MonkeyPatch, sources: int) -> int:
    """Quote pairs compared while reconciling: quote_relation calls plus quote_links' fragment tests."""
    calls = 0

    def counted(function: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object) -> object:
            nonlocal calls
            calls += 1
            return function(*args)

        return wrapper

    with monkeypatch.context() as patch:
        patch.setattr(quotes_module, "quote_relation", counted(quotes_module.quote_relation))
        patch.setattr(normalize_quotes, "_is_fragment", counted(normalize_quotes._is_fragment))
        reconcile(_story(sources))
    return calls


def test_quote_comparisons_grow_linearly_with_the_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    """Doubling the sources (and speakers) at most ~doubles the comparisons; all pairs of quotes sharing a
    stock phrase, as the reconciler once compared across speakers, grows ~4x per doubling."""
    small, large = _comparisons(monkeypatch, 150), _comparisons(monkeypatch, 300)
    assert large <= 2.5 * small, (small, large)


def test_the_scaling_story_still_finds_its_fragments_and_wrong_speakers() -> None:
    """The counted input is not trivial: it links fragments and flags quotes given to two speakers."""
    report = reconcile(_story(150))
    verdicts = {f.verdict for f in report.findings if f.kind == "quote"}
    assert {"agree", "attribution_conflict", "single_source"} <= verdicts


def test_construct_builds_what_model_construct_builds() -> None:
    evidence = {"text": "a “quoted” passage", "start": 3, "end": 21}
    fast, slow = _construct(Evidence, dict(evidence)), Evidence.model_construct(**evidence)
    attribution = Attribution(source_type="person", name="Ana Ruiz")
    value = {
        "source": "a.txt",
        "value": "Tuesday",
        "normalized": "2026-11-17 (Tuesday)",
        "attribution": attribution,
        "modality": "happened",
        "evidence": fast,
        "span": fast,
    }
    fast_value = _construct(FindingValue, dict(value))
    slow_value = FindingValue.model_construct(**{**value, "evidence": slow, "span": slow})
    for a, b in ((fast, slow), (fast_value, slow_value)):
        assert a == b
        assert a.__dict__ == b.__dict__
        assert a.model_fields_set == b.model_fields_set
        assert a.__pydantic_extra__ == b.__pydantic_extra__
        assert a.__pydantic_private__ == b.__pydantic_private__
        assert a.model_dump_json() == b.model_dump_json()
        assert type(a).model_validate(a.model_dump()) == a


def test_first_contradiction_is_the_smallest_contradicting_pair() -> None:
    rng = random.Random(7)
    for _ in range(2000):
        people = [f"p{i}" for i in range(rng.randint(1, 5))]
        sources = [f"s{i}" for i in range(rng.randint(1, 8))]
        per_source = {s: set(rng.sample(people, rng.randint(0, len(people)))) for s in sources}
        complete = {s: set(rng.sample(sorted(per_source[s]), rng.randint(0, len(per_source[s])))) for s in sources}
        complete = {s: listed for s, listed in complete.items() if rng.random() < 0.5}
        expected = sorted(
            (owner, other)
            for owner, listed in complete.items()
            for other in sorted(per_source)
            if other != owner and (not per_source[other] <= listed or (other in complete and complete[other] != listed))
        )
        assert _first_contradiction(per_source, complete) == (expected[0] if expected else None)


def test_quote_links_are_the_same_or_fragment_pairs_of_quote_relation() -> None:
    rng = random.Random(11)
    vocab = ["we", "will", "not", "give", "up", "the", "fight", "Kyiv", "1,000", "don't", "U.S.", "...", "…", "!"]
    for _ in range(300):
        texts: list[str] = []
        for _ in range(rng.randint(1, 15)):
            if texts and rng.random() < 0.4:  # a piece of an earlier quote, sometimes with an ellipsis
                words = list(normalize_quotes._quote_tokens(rng.choice(texts)).words)
                lo = rng.randint(0, len(words))
                piece = words[lo : rng.randint(lo, len(words))]
                if piece and rng.random() < 0.3:
                    piece.insert(rng.randint(0, len(piece)), "...")
                texts.append(" ".join(piece))
            else:
                texts.append(" ".join(rng.choice(vocab) for _ in range(rng.randint(0, 8))))
        expected = [
            (a, b)
            for a, b in itertools.combinations(sorted(set(texts)), 2)
            if normalize.quote_relation(a, b) in ("same", "fragment")
        ]
        assert normalize.quote_links(texts) == expected, texts


def test_reconcile_leaves_the_garbage_collector_as_it_found_it() -> None:
    sets = _story(3)
    assert gc.isenabled()
    reconcile(sets)
    assert gc.isenabled()
    gc.disable()
    try:
        reconcile(sets)
        assert not gc.isenabled()
    finally:
        gc.enable()
    gc.freeze()  # a process that froze its own objects keeps them frozen
    calls: list[str] = []
    real_freeze, real_unfreeze = gc.freeze, gc.unfreeze
    try:
        # Spy rather than compare freeze counts: another thread freeing one frozen object
        # changes the count, which made the count comparison flaky in the full suite.
        gc.freeze = lambda: calls.append("freeze")  # type: ignore[assignment]
        gc.unfreeze = lambda: calls.append("unfreeze")  # type: ignore[assignment]
        reconcile(sets)
        assert calls == [] and gc.isenabled()
    finally:
        gc.freeze, gc.unfreeze = real_freeze, real_unfreeze
        gc.unfreeze()
