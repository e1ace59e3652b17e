"""What model calls cost, and the ceilings that stop a run before it spends too much.

A glob decides how many calls a run makes (a 1.8 MB file alone is about 150), so nothing is sent
before its cost is known and allowed:

* :class:`PriceTable`: US dollars per million tokens for common models, from
  ``checker/data/prices.toml``, with the user's own rates (``[tool.checker.prices]``) on top;
* :class:`Ceilings`: ``--max-cost`` and ``--max-calls``;
* :class:`Budget`: the running account one run shares across its stages. Every request asks it
  first (re-asks, transport retries and the halves of a split chunk too); once the next request
  would pass a ceiling nothing new starts, calls already in flight finish, and the run says why.

This module knows nothing of the model client or the pipeline (both import it).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any, Literal

from checker.errors import CheckerError, InputError, ModelError

_SNAPSHOT = re.compile(r"(.+)-\d{4}-\d{2}-\d{2}")  # gpt-4o-mini-2024-07-18: a dated snapshot of gpt-4o-mini
CHARS_PER_TOKEN = 4  # the project's token estimate (checker.extract.estimate_tokens)


def tokens(chars: int) -> int:
    """Characters as tokens, rounded up: the same rule as the chunk budget."""
    return math.ceil(chars / CHARS_PER_TOKEN)


@dataclass(frozen=True)
class Price:
    """One model's rates, and where they came from."""

    model: str
    input: float  # USD per million prompt tokens
    output: float  # USD per million completion tokens
    source: str

    def cost(self, prompt_tokens: int, completion_tokens: int, factor: float = 1.0) -> float:
        """Dollars for these tokens; ``factor`` is the Batch API's discount (0.5) or 1."""
        return (prompt_tokens * self.input + completion_tokens * self.output) * factor / 1_000_000


@dataclass(frozen=True)
class PriceTable:
    """The built-in list prices with the user's overrides; ``batch_factor`` prices Batch API work."""

    models: Mapping[str, Price]
    batch_factor: float

    def get(self, model: str) -> Price | None:
        """The model's price; a dated snapshot (``gpt-4o-mini-2024-07-18``) is priced as its model."""
        if model in self.models:
            return self.models[model]
        snapshot = _SNAPSHOT.fullmatch(model)
        return self.models.get(snapshot.group(1)) if snapshot else None


@cache
def _builtin() -> dict[str, Any]:
    text = resources.files("checker").joinpath("data/prices.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _rate(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value < 0:
        raise InputError(f"{where} must be a non-negative number of dollars per million tokens, not {value!r}")
    return float(value)


def load_prices(overrides: Mapping[str, Any] | None = None, where: str = "the configuration's prices") -> PriceTable:
    """The price table: the built-in rates, then ``overrides`` (``{model: {input, output}}``), which win."""
    data = _builtin()
    as_of = data.get("as_of", "?")
    models = {
        name: Price(name, float(rate["input"]), float(rate["output"]), f"built-in list price ({as_of})")
        for name, rate in data["models"].items()
    }
    for name, rate in (overrides or {}).items():
        if not isinstance(rate, Mapping) or set(rate) != {"input", "output"}:
            raise InputError(f'{where}: "{name}" must be a table {{ input = …, output = … }} (USD per million tokens)')
        models[name] = Price(
            name, _rate(rate["input"], f"{where}.{name}.input"), _rate(rate["output"], f"{where}.{name}.output"), where
        )
    return PriceTable(models, float(data["batch_factor"]))


@cache
def estimates() -> dict[str, dict[str, float]]:
    """The ratios measured on recorded answers (``bench/estimates.py`` writes the file)."""
    text = resources.files("checker").joinpath("data/estimates.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def expected_answer_tokens(prompt: str, user_chars: int) -> int:
    """The answer a request of ``prompt`` is expected to get, from what recorded answers show per
    character of the request; a prompt with no measurements is taken to answer like the default one."""
    figures = estimates()
    if prompt.startswith("align_claims"):
        align = figures["align_claims.v1"]
        ratio = align["answer_chars_per_claim"] / align["chars_per_claim"]
    else:
        ratio = figures.get(prompt, figures["extract_claims.v2"])["answer_per_request"]
    return tokens(math.ceil(user_chars * ratio))


@dataclass(frozen=True)
class Ceilings:
    """The most a run may spend: dollars and calls (None: no ceiling)."""

    max_cost: float | None = None
    max_calls: int | None = None

    def __post_init__(self) -> None:
        if self.max_cost is not None and not (math.isfinite(self.max_cost) and self.max_cost >= 0):
            raise InputError(f"--max-cost must be a non-negative number of US dollars, not {self.max_cost!r}")
        if self.max_calls is not None and self.max_calls < 0:
            raise InputError(f"--max-calls must be a non-negative whole number, not {self.max_calls!r}")

    def describe(self) -> str:
        parts = []
        if self.max_cost is not None:
            parts.append(f"--max-cost {self.max_cost:.4f} USD")
        if self.max_calls is not None:
            parts.append(f"--max-calls {self.max_calls}")
        return " and ".join(parts) or "none"


class OverCeiling(CheckerError):
    """The plan is over a ceiling: nothing was sent."""

    exit_code = 2


class CeilingReached(ModelError):
    """A request was not sent because it would pass a ceiling; the run ends incomplete."""


@dataclass
class Budget:
    """The run's account: every request is admitted (or refused) here before it is sent.

    A request reserves its estimated cost while in flight and settles at what the server reports
    (nothing for a request that got no answer). One event loop runs the requests, so the counters
    need no lock. The stages' own token counts are kept by the pipeline; this counts calls and dollars.
    """

    ceilings: Ceilings = field(default_factory=Ceilings)
    price: Price | None = None
    factor: float = 1.0  # the Batch API's discount, or 1
    calls: int = 0
    spent: float = 0.0
    reserved: float = 0.0
    refused: int = 0
    stopped: str | None = None

    def __post_init__(self) -> None:
        if self.ceilings.max_cost is not None and self.price is None:
            raise InputError("--max-cost needs the model's price: add it under [tool.checker.prices]")

    def cost(self, prompt_tokens: int, completion_tokens: int) -> float:
        """Dollars for these tokens at this run's rate (0 when the model has no price)."""
        return self.price.cost(prompt_tokens, completion_tokens, self.factor) if self.price is not None else 0.0

    def admit(self, prompt_tokens: int, completion_tokens: int) -> float:
        """Count one request about to be sent and reserve its estimated cost, or raise
        :class:`CeilingReached` when it would pass a ceiling (it is then not sent)."""
        estimate = self.cost(prompt_tokens, completion_tokens)
        limits = self.ceilings
        reason = None
        if limits.max_calls is not None and self.calls + 1 > limits.max_calls:
            reason = f"--max-calls {limits.max_calls} reached"
        elif limits.max_cost is not None and self.spent + self.reserved + estimate > limits.max_cost:
            reason = (
                f"--max-cost {limits.max_cost:.4f} USD reached (spent {self.spent:.4f} USD; "
                f"the next request is estimated at {estimate:.4f} USD)"
            )
        if reason is not None:
            self.refused += 1
            if self.stopped is None:
                self.stopped = f"{reason} after {self.calls} call(s); nothing more was sent"
            raise CeilingReached(f"not sent: {reason}")
        self.calls += 1
        self.reserved += estimate
        return estimate

    def settle(self, reserved: float, prompt_tokens: int, completion_tokens: int, *, answered: bool) -> None:
        """Replace a request's reservation with its cost: what the server reported, the estimate
        when an answer came without usage, nothing when no answer came."""
        self.reserved -= reserved
        if answered:
            self.spent += (
                self.cost(prompt_tokens, completion_tokens) if prompt_tokens or completion_tokens else reserved
            )


@dataclass
class Spending:
    """A model run's money side, shared by its stages: the account, and what the report says of it."""

    budget: Budget
    mode: Literal["live", "batch"] = "live"
    jobs: list[str] = field(default_factory=list)  # Batch API job ids the answers came from
