"""Reading sources: bytes from disk or stdin to text an editor would recognise.

Bad input is refused with a one-line :class:`InputError` naming the file,
never a traceback: a missing file, a directory, an empty or whitespace-only
file, binary data, a file (or device) larger than the limit, which is never
read past the limit. Text that is not UTF-8 is decoded as Windows-1252 (which
also covers Latin-1 text) and the source carries a note saying so, so nothing
is silently mangled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from checker.errors import InputError
from checker.schema import SourceMeta

MAX_SOURCE_BYTES = 5 * 1024 * 1024
#: Above this share of control characters (other than whitespace), decoded "text" is binary data.
MAX_CONTROL_SHARE = 0.05
_WHITESPACE_CONTROLS = frozenset("\t\n\r\f\v")
_READ_CHUNK = 64 * 1024


@dataclass(frozen=True)
class Source:
    """One article: its text, its name, and whatever is known about it."""

    text: str
    name: str = "source"
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    notes: tuple[str, ...] = field(default=())

    @property
    def sha256(self) -> str:
        """Hash of the text as UTF-8: identifies the source in caches and claim files."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def meta(self) -> SourceMeta:
        """The metadata in the claims-file form."""
        return SourceMeta(
            name=self.name, sha256=self.sha256, outlet=self.outlet, url=self.url, published=self.published
        )


def _too_large(name: str, size: int, max_bytes: int) -> InputError:
    return InputError(
        f"{name}: {size / 1_048_576:.1f} MB is larger than the {max_bytes // 1_048_576} MB limit for one article"
    )


def _looks_binary(text: str) -> bool:
    """Many control characters: bytes that decoded (Latin-1 decodes anything) but are not text."""
    sample = text[:65536]
    controls = sum(1 for ch in sample if (ch < " " or "\x7f" <= ch <= "\x9f") and ch not in _WHITESPACE_CONTROLS)
    return controls > MAX_CONTROL_SHARE * len(sample)


def decode(data: bytes | bytearray, name: str, *, max_bytes: int = MAX_SOURCE_BYTES) -> tuple[str, tuple[str, ...]]:
    """Decode UTF-8 (BOM allowed), else Windows-1252 with a note; refuse binary and oversized data.

    The size check matters for data that did not come through :func:`read_source` (stdin).
    """
    if len(data) > max_bytes:
        raise _too_large(name, len(data), max_bytes)
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    notes: tuple[str, ...] = ()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            notes = (f"{name}: not UTF-8; decoded as Windows-1252",)
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            notes = (f"{name}: not UTF-8; decoded as Latin-1",)
    if _looks_binary(text):
        raise InputError(f"{name}: looks like a binary file, not text")
    return text, notes


def _read_at_most(handle: BinaryIO, limit: int) -> bytearray:
    """Up to ``limit`` bytes, in small reads: devices and pipes report size 0 and may never end
    (/dev/zero, ``yes |``), and one ``read(limit)`` would allocate the whole limit even for a short
    article. One growing buffer, so the peak is the data itself, not chunks plus their join."""
    data = bytearray()
    while len(data) < limit:
        chunk = handle.read(min(_READ_CHUNK, limit - len(data)))
        if not chunk:
            break
        data += chunk
    return data


def read_stream(handle: BinaryIO, name: str = "stdin", *, max_bytes: int = MAX_SOURCE_BYTES) -> Source:
    """Read an article from a stream (stdin), never holding more than the limit in memory."""
    data = _read_at_most(handle, max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than the {max_bytes // 1_048_576} MB limit for one article")
    return source_from_bytes(data, name)


def read_source(path: Path, *, max_bytes: int = MAX_SOURCE_BYTES) -> Source:
    """Read one article file, refusing what cannot be an article."""
    name = path.name
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(str(path), size, max_bytes)
        with path.open("rb") as handle:
            data = _read_at_most(handle, max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"{path}: larger than the {max_bytes // 1_048_576} MB limit for one article")
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return source_from_bytes(data, name, label=str(path))


def source_from_bytes(data: bytes | bytearray, name: str, *, label: str | None = None) -> Source:
    """Decode and, for a web page, reduce to the article; ``label`` names it in errors."""
    text, notes = decode(data, name)
    if not text.strip():
        raise InputError(f"{label or name}: is empty")
    if looks_like_html(name, text):
        return from_html(text, name, notes)
    return Source(text=text, name=name, notes=notes)


def looks_like_html(name: str, text: str) -> bool:
    """By extension, or by a document that starts like a web page."""
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    head = text.lstrip()[:200].lower()
    return head.startswith(("<!doctype html", "<html"))


def from_html(html: str, name: str, notes: tuple[str, ...] = ()) -> Source:
    """Reduce a web page to its article text and metadata with trafilatura.

    Evidence offsets then point into the extracted article text, which is what
    the report shows; the page's navigation and boilerplate never become claims.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_precision=True)
    if not text or not text.strip():
        raise InputError(f"{name}: an HTML page with no article text that could be extracted")
    meta = trafilatura.extract_metadata(html)
    published: dt.date | None = None
    if meta is not None and meta.date:
        try:
            published = dt.date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    note = f"{name}: HTML page reduced to its article text ({len(text)} characters) with trafilatura"
    return Source(
        text=text,
        name=name,
        outlet=(meta.sitename if meta is not None else None) or None,
        url=(meta.url if meta is not None else None) or None,
        published=published,
        notes=(*notes, note),
    )
