"""One exception hierarchy, so callers catch ``CheckerError`` and the CLI maps kinds to exit codes."""

from __future__ import annotations


class CheckerError(Exception):
    """Base of every error checker raises on purpose; its message is one line for the user."""

    exit_code = 2

    def __init__(self, message: str, *, attempts: int = 0, last_response: str | None = None) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.last_response = last_response


class InputError(CheckerError):
    """Bad input: a missing, empty, undecodable or malformed file, a bad option."""

    exit_code = 2


class ConfigError(CheckerError):
    """Configuration that cannot work (no model configured for ``--extractor llm``, …)."""

    exit_code = 2


class PromptError(CheckerError):
    """An unknown prompt template or a missing template variable: a programming error, caught early."""

    exit_code = 2


class ModelError(CheckerError):
    """The model API failed after every retry (transport, HTTP status, timeouts)."""

    exit_code = 3


class ExtractionError(ModelError):
    """The model answered, but never with a valid extraction (schema errors, refusals) within the re-asks."""

    exit_code = 3
