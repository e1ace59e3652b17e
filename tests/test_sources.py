"""Reading sources: bad input is refused in one line, legacy encodings are decoded and noted."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import InputError
from checker.sources import decode, read_source


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t \n", "is empty"),
        (b"\x00\x01\x02binary\x00", "binary"),
    ],
)
def test_bad_files_are_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        read_source(path)
    assert "\n" not in str(caught.value)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        read_source(tmp_path)


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 300)
    with pytest.raises(InputError, match="larger than"):
        read_source(path, max_bytes=1024)


@pytest.mark.parametrize(
    ("data", "text", "noted"),
    [
        ("Zelensky said “no”".encode(), "Zelensky said “no”", False),
        ("\ufeffBOM first".encode(), "BOM first", False),
        ("Café — “quoted”".encode("cp1252"), "Café — “quoted”", True),
        ("Müller in Zürich".encode("latin-1"), "Müller in Zürich", True),
    ],
)
def test_decoding(data: bytes, text: str, noted: bool) -> None:
    decoded, notes = decode(data, "x.txt")
    assert decoded == text
    assert bool(notes) == noted


def test_source_metadata(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("An article.", encoding="utf-8")
    source = read_source(path)
    assert source.name == "story.txt"
    assert source.meta.sha256 == source.sha256 and len(source.sha256) == 64
