"""A content-addressed, on-disk cache of extraction results.

The key is a hash of everything that determines the answer: the rendered
prompt (which contains the source text), the model, the schema version, the
schema the model is sent (its descriptions are instructions too) and the
sampling settings. A re-run with the same inputs makes zero model calls; an
edited prompt, an edited field description or a new schema version misses.
Entries are written atomically (temporary file + ``os.replace``), so a killed
process or two processes sharing the directory never leave a corrupt entry; an
unreadable entry is treated as a miss. Only validated results are stored: never a failure, never a partial
answer, never a key or header.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from checker.schema import SCHEMA_VERSION

CACHE_FORMAT = "2"
A = TypeVar("A", bound=BaseModel)


def default_cache_dir() -> Path:
    """``$CHECKER_CACHE_DIR``, else the platform's user cache directory."""
    override = os.environ.get("CHECKER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("checker", appauthor=False))


def cache_key(*, prompt_sha256: str, model: str, extractor: str, answer_schema: str, settings: str = "") -> str:
    """Hash of every input that shapes an extraction (``answer_schema``: hash of the schema the model is sent)."""
    material = json.dumps(
        {
            "format": CACHE_FORMAT,
            "schema": SCHEMA_VERSION,
            "model_schema": answer_schema,
            "extractor": extractor,
            "model": model,
            "prompt": prompt_sha256,
            "settings": settings,
        },
        sort_keys=True,
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class ExtractionCache:
    """Get and put validated model answers by key."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.directory / key[:2] / f"{key}.json"

    def get(self, key: str, answer: type[A]) -> A | None:
        """The stored answer (validated as ``answer``), or None on a miss or an unreadable entry."""
        path = self._path(key)
        try:
            payload = json.loads(path.read_text(encoding="utf-8"))
            result = answer.model_validate(payload["result"])
        except (OSError, ValueError, KeyError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def has(self, key: str) -> bool:
        """Whether an entry exists (the plan counts it answered; an unreadable one is still a miss when read)."""
        return self._path(key).is_file()

    def put(self, key: str, result: BaseModel) -> None:
        """Store atomically; concurrent writers of one key both write the same bytes."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        # pydantic's own serialiser (several times faster than model_dump + json.dumps); the
        # entry holds the GIL while it is built, and other calls are waiting on the event loop.
        data = b'{"key": %s, "result": %s}' % (json.dumps(key).encode("ascii"), result.model_dump_json().encode())
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{key[:8]}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
