"""Versioned prompt templates, rendered by one loader that refuses to guess.

Templates are files in the top-level ``prompts/`` directory named
``<name>.<version>.system.txt`` and ``<name>.<version>.user.txt`` and use
``${variable}`` placeholders. Rendering fails on an unknown template, a missing
variable, or a variable the template does not use, so a typo can never send a
half-filled prompt to a model. The rendered prompt's hash is part of the
extraction cache key and of the recorded cassettes' request bodies: editing a
template forces both a cache miss and a re-record.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import string
from dataclasses import dataclass
from pathlib import Path

from checker.errors import PromptError

DEFAULT_EXTRACT_PROMPT = "extract_claims.v2"
_ROLES = ("system", "user")


def prompts_dir() -> Path:
    """Where templates live: ``$CHECKER_PROMPTS_DIR``, the repository's ``prompts/``, or, in an
    installed wheel, the same files packaged as ``checker._prompts``."""
    override = os.environ.get("CHECKER_PROMPTS_DIR")
    if override:
        return Path(override)
    checkout = Path(__file__).resolve().parent.parent / "prompts"
    if checkout.is_dir():
        return checkout
    return Path(__file__).resolve().parent / "_prompts"


@dataclass(frozen=True)
class RenderedPrompt:
    """Chat messages ready to send, with the template name and a stable hash."""

    name: str
    messages: tuple[tuple[str, str], ...]

    @property
    def sha256(self) -> str:
        """Hash of the exact messages: a cache key and re-record trigger."""
        payload = json.dumps(self.messages, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def as_openai(self) -> list[dict[str, str]]:
        """The messages in Chat Completions form."""
        return [{"role": role, "content": content} for role, content in self.messages]


def available() -> list[str]:
    """Names of every template with both a system and a user part."""
    directory = prompts_dir()
    names = {p.name[: -len(".system.txt")] for p in directory.glob("*.system.txt")}
    return sorted(n for n in names if (directory / f"{n}.user.txt").is_file())


def _variables(template: string.Template) -> set[str]:
    found: set[str] = set()
    for match in template.pattern.finditer(template.template):
        name = match.group("named") or match.group("braced")
        if name:
            found.add(name)
        elif match.group("invalid") is not None:
            raise PromptError(f"prompt template has a stray '$' at offset {match.start()}")
    return found


_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")


@functools.lru_cache(maxsize=64)
def _parsed(path: Path, mtime_ns: int, size: int) -> tuple[string.Template, frozenset[str]]:
    """A template file parsed once per version of the file (a run renders it for every chunk)."""
    template = string.Template(path.read_text(encoding="utf-8"))
    return template, frozenset(_variables(template))


def _template(directory: Path, name: str, role: str) -> tuple[string.Template, frozenset[str]]:
    path = directory / f"{name}.{role}.txt"
    try:
        if not _NAME.fullmatch(name):
            raise FileNotFoundError(name)
        stat = path.stat()
        return _parsed(path, stat.st_mtime_ns, stat.st_size)
    except FileNotFoundError:
        known = ", ".join(available()) or "none"
        raise PromptError(f"unknown prompt template {name!r} (known: {known})") from None


def render(name: str, **variables: str) -> RenderedPrompt:
    """Render template ``name`` with exactly the variables it uses."""
    directory = prompts_dir()
    templates = [(role, *_template(directory, name, role)) for role in _ROLES]
    messages: list[tuple[str, str]] = []
    used: set[str] = set()
    for role, template, needed in templates:
        missing = sorted(needed - variables.keys())
        if missing:
            raise PromptError(f"prompt {name!r} ({role}) needs variables: {', '.join(missing)}")
        used |= needed
        messages.append((role, template.substitute(variables)))
    unused = sorted(variables.keys() - used)
    if unused:
        raise PromptError(f"prompt {name!r} does not use variables: {', '.join(unused)}")
    return RenderedPrompt(name=name, messages=tuple(messages))
