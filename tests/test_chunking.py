"""Chunking long sources: paragraph boundaries, a token budget, and chunks that tile the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.extract import CHARS_PER_TOKEN, Chunk, estimate_tokens, split_in_half, split_into_chunks


def _tiles(text: str, chunks: list[Chunk]) -> bool:
    return "".join(c.text for c in chunks) == text and all(
        text[c.start : c.start + len(c.text)] == c.text for c in chunks
    )


def test_short_text_is_one_chunk() -> None:
    assert split_into_chunks("One paragraph.\n\nTwo.", max_tokens=100) == [Chunk(0, "One paragraph.\n\nTwo.")]


def test_paragraphs_stay_whole_under_the_budget() -> None:
    paragraphs = [f"Paragraph {i} " + "word " * 30 + "\n" for i in range(10)]
    text = "".join(paragraphs)
    chunks = split_into_chunks(text, max_tokens=100)
    assert len(chunks) > 1
    assert _tiles(text, chunks)
    for chunk in chunks:
        assert chunk.text.endswith("\n")  # cut only at paragraph ends
        assert estimate_tokens(chunk.text) <= 100


def test_an_oversized_paragraph_is_cut_at_sentences() -> None:
    text = "This is a sentence. " * 100
    chunks = split_into_chunks(text, max_tokens=50)
    assert _tiles(text, chunks)
    assert all(c.text.endswith(". ") for c in chunks[:-1])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab .\n“”"), max_size=600), st.integers(min_value=1, max_value=40))
def test_chunks_always_tile_the_text_within_budget(text: str, max_tokens: int) -> None:
    chunks = split_into_chunks(text, max_tokens=max_tokens)
    assert _tiles(text, chunks)
    assert all(len(c.text) <= max_tokens * CHARS_PER_TOKEN for c in chunks)
    assert all(c.text for c in chunks)


def test_split_in_half_tiles_and_prefers_paragraphs() -> None:
    text = "First paragraph " * 20 + "\n" + "Second paragraph " * 20
    chunk = Chunk(100, text)
    halves = split_in_half(chunk)
    assert halves is not None
    left, right = halves
    assert left.text + right.text == text
    assert left.text.endswith("\n")
    assert right.start == 100 + len(left.text)


def test_split_in_half_refuses_tiny_chunks() -> None:
    assert split_in_half(Chunk(0, "too short to split")) is None
