"""Reading sources: bytes from disk or stdin to text an editor would recognise.

Bad input is refused with a one-line :class:`InputError` naming the file,
never a traceback: a missing file, a directory, an empty or whitespace-only
file, binary data. Text that is not UTF-8 is decoded as Windows-1252 (which
also covers Latin-1 text) and the source carries a note saying so, so nothing
is silently mangled.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import InputError
from checker.schema import SourceMeta

MAX_SOURCE_BYTES = 5 * 1024 * 1024


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


def decode(data: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode UTF-8 (BOM allowed), else Windows-1252 with a note; refuse binary data."""
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        return text, (f"{name}: not UTF-8; decoded as Latin-1",)
    return text, (f"{name}: not UTF-8; decoded as Windows-1252",)


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
            raise InputError(
                f"{path}: {size / 1_048_576:.1f} MB is larger than the "
                f"{max_bytes // 1_048_576} MB limit for one article"
            )
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    text, notes = decode(data, name)
    if not text.strip():
        raise InputError(f"{path}: is empty")
    return Source(text=text, name=name, notes=notes)
