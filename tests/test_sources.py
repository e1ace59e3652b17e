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


PAGE = """<!doctype html><html><head><title>Leaders talk</title>
<meta property="article:published_time" content="2025-02-13T10:00:00Z">
<meta property="og:site_name" content="Example Wire"></head>
<body><nav>Home | World | Sport</nav><article><h1>Leaders talk</h1>
<p>The two leaders held a 90-minute phone call on Wednesday, officials said on Thursday.</p>
<p>It was their first call since January and covered trade, energy and security in some detail.</p>
</article><footer>Copyright Example Wire. All rights reserved.</footer></body></html>"""


@pytest.mark.parametrize("name", ["page.html", "page.txt"])  # by extension, or by sniffing the content
def test_html_pages_are_reduced_to_the_article(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(PAGE, encoding="utf-8")
    source = read_source(path)
    assert "90-minute phone call on Wednesday" in source.text
    assert "<p>" not in source.text and "Home | World" not in source.text
    assert source.outlet == "Example Wire"
    assert source.published is not None and source.published.isoformat() == "2025-02-13"
    assert any("trafilatura" in note for note in source.notes)


def test_html_without_article_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><title></title></head><body></body></html>", encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        read_source(path)
