"""The spend guard: the plan before any call, ceilings before and during a run, the report's accounting.

Runs go through the CLI against a real server on 127.0.0.1 (tests/batch_stub.py); nothing patches
the client.
"""

from __future__ import annotations

import importlib.util
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from batch_stub import BatchStub, batch_stub
from openai_stub import completion
from rate_story import answer, write_story
from reliability_support import assert_clean_exit, run_cli, shrink_retries

from checker.errors import InputError
from checker.spend import Budget, CeilingReached, Ceilings, Price, load_prices

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))


@pytest.fixture
def stub() -> Iterator[BatchStub]:
    yield from batch_stub(answer)


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-spend")


def _check(stub: BatchStub, paths: list[str], *extra: str) -> Any:
    return run_cli(
        "check",
        *paths,
        "--extractor",
        "llm",
        "--base-url",
        stub.base_url,
        "--align",
        "model",
        "--format",
        "json",
        "--concurrency",
        "1",
        *extra,
    )


def test_the_estimates_file_says_what_the_recorded_answers_show() -> None:
    spec = importlib.util.spec_from_file_location("estimates", ROOT / "bench" / "estimates.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from checker.spend import estimates

    assert module.measure() == estimates()


@pytest.mark.parametrize(
    ("model", "found"),
    [
        ("gpt-4o-mini", ("gpt-4o-mini", 0.15, 0.60)),
        ("gpt-4o-mini-2024-07-18", ("gpt-4o-mini", 0.15, 0.60)),  # a snapshot: its family, the longest match
        ("gpt-4o-2024-08-06", ("gpt-4o", 2.50, 10.00)),
        ("gpt-4.1-nano", ("gpt-4.1-nano", 0.10, 0.40)),
        ("llama3.1:8b", None),  # a local model: no price
        ("gpt-4o-minimal", None),  # a name that only starts like one: no price
    ],
)
def test_the_price_of_a_model(model: str, found: tuple[str, float, float] | None) -> None:
    price = load_prices().get(model)
    assert (None if price is None else (price.model, price.input, price.output)) == found


def test_the_users_prices_win_and_say_where_they_come_from() -> None:
    table = load_prices({"gpt-4o-mini": {"input": 1, "output": 2}, "llama3": {"input": 0, "output": 0}}, "checker.toml")
    assert table.get("gpt-4o-mini") == Price("gpt-4o-mini", 1.0, 2.0, "checker.toml")
    assert table.get("llama3") == Price("llama3", 0.0, 0.0, "checker.toml")
    assert table.batch_factor == 0.5


@pytest.mark.parametrize(
    "bad",
    [{"m": {"input": -1, "output": 1}}, {"m": {"input": "cheap", "output": 1}}, {"m": {"input": 1}}, {"m": 3}],
)
def test_a_bad_price_is_a_one_line_error(bad: dict[str, Any]) -> None:
    with pytest.raises(InputError) as caught:
        load_prices(bad, "checker.toml")
    assert "\n" not in str(caught.value) and "checker.toml" in str(caught.value)


#: (ceilings, requests as (prompt tokens, completion tokens), how many are admitted)
BUDGET_CASES = [
    (Ceilings(), [(1000, 1000)] * 5, 5),
    (Ceilings(max_calls=3), [(1000, 1000)] * 5, 3),
    (Ceilings(max_calls=0), [(1, 1)], 0),
    # 1M prompt tokens at 1 USD/M: each request costs 1 USD (plus 0 for completions)
    (Ceilings(max_cost=2.5), [(1_000_000, 0)] * 4, 2),
    (Ceilings(max_cost=3.0), [(1_000_000, 0)] * 4, 3),  # reaching the ceiling exactly is allowed
    (Ceilings(max_cost=10, max_calls=1), [(1, 1)] * 2, 1),
]


@pytest.mark.parametrize(("ceilings", "requests", "admitted"), BUDGET_CASES)
def test_the_budget_admits_requests_up_to_its_ceilings(
    ceilings: Ceilings, requests: list[tuple[int, int]], admitted: int
) -> None:
    budget = Budget(ceilings, Price("m", 1.0, 1.0, "test"))
    sent = 0
    for prompt_tokens, completion_tokens in requests:
        try:
            reserved = budget.admit(prompt_tokens, completion_tokens)
        except CeilingReached:
            continue
        sent += 1
        budget.settle(reserved, prompt_tokens, completion_tokens, answered=True)
    assert sent == admitted and budget.calls == admitted
    assert (budget.stopped is None) == (admitted == len(requests))


def test_a_request_that_got_no_answer_costs_nothing() -> None:
    budget = Budget(Ceilings(max_cost=1.5), Price("m", 1.0, 0.0, "test"))
    budget.settle(budget.admit(1_000_000, 0), 0, 0, answered=False)  # a 500: not billed
    budget.settle(budget.admit(1_000_000, 0), 1_000_000, 0, answered=True)
    assert budget.spent == 1.0 and budget.reserved == 0.0 and budget.calls == 2


def test_dry_run_prints_the_plan_and_sends_nothing(stub: BatchStub) -> None:
    stub.live_fails = True  # any request would fail: a dry run must make none
    result = _check(stub, SEEDS, "--dry-run")
    assert_clean_exit(result, 0)
    assert stub.live == [] and stub.uploads == []
    plan = result.stdout
    assert plan.startswith("plan: 5 source(s), 5 chunk(s), model gpt-4o-mini (live)")
    assert "extraction: 5 call(s) (0 of 5 request(s) cached)" in plan
    assert "alignment: ~" in plan and "(estimated before extraction)" in plan
    assert "USD per million" in plan and "ceilings: none" in plan


def test_dry_run_counts_cached_requests_as_free(stub: BatchStub, tmp_path: Path) -> None:
    paths = write_story(tmp_path)
    assert_clean_exit(_check(stub, paths, "--align", "rules"), 0)  # the rules alone miss this story's conflict
    stub.live_fails = True
    result = _check(stub, paths, "--align", "rules", "--dry-run")
    assert_clean_exit(result, 0)
    assert "extraction: 0 call(s) (2 of 2 request(s) cached)" in result.stdout and "~0.0000 USD" in result.stdout


def test_dry_run_says_when_the_plan_is_over_a_ceiling(stub: BatchStub) -> None:
    result = _check(stub, SEEDS, "--dry-run", "--max-calls", "3")
    assert_clean_exit(result, 0)
    assert "over a ceiling: the plan needs 11 model calls, over --max-calls 3" in result.stdout
    assert stub.live == []


def test_verbose_runs_print_the_plan_on_stderr(stub: BatchStub, tmp_path: Path) -> None:
    result = run_cli(
        "-v", "check", *write_story(tmp_path), "--extractor", "llm", "--base-url", stub.base_url, "--align", "rules"
    )
    assert_clean_exit(result, 0)
    assert "checker: plan: 2 source(s), 2 chunk(s), model gpt-4o-mini (live)" in result.stderr


@pytest.mark.parametrize(
    ("flags", "fragment"),
    [
        (("--max-calls", "2"), "the plan needs 3 model calls, over --max-calls 2; nothing was sent"),
        (("--max-cost", "0.000001"), "over --max-cost 0.0000 USD; nothing was sent"),
    ],
)
def test_a_plan_over_a_ceiling_stops_before_the_first_call(
    stub: BatchStub, tmp_path: Path, flags: tuple[str, ...], fragment: str
) -> None:
    result = _check(stub, write_story(tmp_path), *flags)
    assert_clean_exit(result, 2, fragment)
    assert stub.live == [] and result.stdout == ""


def test_ceilings_come_from_the_environment_and_the_configuration(
    stub: BatchStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_story(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "checker.toml").write_text("max_calls = 1\n", encoding="utf-8")
    assert_clean_exit(_check(stub, paths), 2, "over --max-calls 1")
    monkeypatch.setenv("CHECKER_MAX_CALLS", "2")  # the environment wins over the file
    assert_clean_exit(_check(stub, paths), 2, "over --max-calls 2")
    assert_clean_exit(_check(stub, paths, "--max-calls", "5"), 1)  # the flag wins over both
    assert len(stub.live) == 3


def test_max_cost_needs_a_price(stub: BatchStub, tmp_path: Path) -> None:
    result = _check(stub, write_story(tmp_path), "--model", "llama3", "--max-cost", "1")
    assert_clean_exit(result, 2, "--max-cost needs the model's price")
    assert stub.live == []


def test_a_ceiling_reached_mid_run_writes_an_incomplete_report_and_the_rerun_completes_from_cache(
    stub: BatchStub, tmp_path: Path
) -> None:
    paths = write_story(tmp_path)
    first = [True]

    def junk_first(body: dict[str, Any]) -> dict[str, Any]:
        if first:  # the first answer is unusable: its re-ask is a call the plan did not count
            first.clear()
            return completion("not json")
        return answer(body)

    stub.answer = junk_first
    report_path = tmp_path / "report.json"
    result = _check(stub, paths, "--align", "rules", "--max-calls", "2", "-o", str(report_path))
    assert_clean_exit(result, 3, "report is incomplete; failed: b.txt", "--max-calls 2 reached")
    assert len(stub.live) == 2  # a.txt twice (the answer and its re-ask); b.txt was not sent
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["complete"] is False
    assert [f["name"] for f in report["failed_sources"]] == ["b.txt"]
    assert "not sent: --max-calls 2 reached" in report["failed_sources"][0]["reason"]
    assert report["run"]["spend"]["stopped"].startswith("--max-calls 2 reached after 2 call(s)")
    assert [s["name"] for s in report["sources"]] == ["a.txt"]  # what was extracted is reported

    again = _check(stub, paths, "--align", "rules")
    assert_clean_exit(again, 0)  # complete now
    rerun = json.loads(again.stdout)
    assert rerun["complete"] is True and len(stub.live) == 3  # only b.txt was asked
    (extraction,) = rerun["run"]["spend"]["stages"]
    assert (extraction["calls"], extraction["cache_hits"]) == (1, 1)


def test_a_ceiling_reached_during_alignment_leaves_the_rules_and_an_incomplete_report(
    stub: BatchStub, tmp_path: Path
) -> None:
    paths = write_story(tmp_path)
    first = [True]

    def junk_first(body: dict[str, Any]) -> dict[str, Any]:
        if first:  # one re-ask the plan (2 extractions, 1 alignment) did not count
            first.clear()
            return completion("not json")
        return answer(body)

    stub.answer = junk_first
    result = _check(stub, paths, "--max-calls", "3")
    assert_clean_exit(result, 3, "report is incomplete: --max-calls 3 reached after 3 call(s)")
    assert len(stub.live) == 3
    report = json.loads(result.stdout)
    assert report["complete"] is False and report["failed_sources"] == []
    assert "1 of 1 request(s) failed" in report["run"]["alignment"]
    assert {f["aligned_by"] for f in report["findings"]} == {"rules"}


def _tokens(bodies: list[dict[str, Any]], stub_answer: Any) -> tuple[int, int]:
    usages = [stub_answer(body)["usage"] for body in bodies]
    return sum(u["prompt_tokens"] for u in usages), sum(u["completion_tokens"] for u in usages)


def test_the_report_accounts_for_each_stage_at_the_price_it_names(stub: BatchStub, tmp_path: Path) -> None:
    paths = write_story(tmp_path)
    result = _check(stub, paths, "--max-cost", "1")
    assert_clean_exit(result, 1)
    spend = json.loads(result.stdout)["run"]["spend"]
    extraction, alignment = spend["stages"]
    bodies = {"extraction": stub.live[:2], "alignment": stub.live[2:]}
    for stage in (extraction, alignment):
        prompt_tokens, completion_tokens = _tokens(bodies[stage["stage"]], answer)
        assert (stage["prompt_tokens"], stage["completion_tokens"]) == (prompt_tokens, completion_tokens)
        assert stage["cost_usd"] == round((prompt_tokens * 0.15 + completion_tokens * 0.60) / 1e6, 6)
    assert (extraction["calls"], alignment["calls"]) == (2, 1)
    assert spend["cost_usd"] == round(extraction["cost_usd"] + alignment["cost_usd"], 6)
    assert spend["price"] == {
        "model": "gpt-4o-mini",
        "input_usd_per_million": 0.15,
        "output_usd_per_million": 0.6,
        "factor": 1.0,
        "source": "built-in list price (2025)",
    }
    assert (spend["mode"], spend["max_cost_usd"], spend["max_calls"], spend["stopped"]) == ("live", 1.0, None, None)

    again = json.loads(_check(stub, paths).stdout)["run"]["spend"]
    assert [(s["calls"], s["cache_hits"], s["cost_usd"]) for s in again["stages"]] == [(0, 2, 0.0), (0, 1, 0.0)]


def test_the_configurations_prices_are_used_and_named(
    stub: BatchStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = write_story(tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.checker.prices]\n"house-model" = { input = 1.0, output = 2.0 }\n', encoding="utf-8"
    )
    result = _check(stub, paths, "--model", "house-model", "--align", "rules")
    assert_clean_exit(result, 0)
    spend = json.loads(result.stdout)["run"]["spend"]
    assert spend["price"]["source"] == "the configuration's prices" and spend["price"]["input_usd_per_million"] == 1.0
    (tmp_path / "pyproject.toml").write_text('[tool.checker]\nprices = { "m" = 3 }\n', encoding="utf-8")
    assert_clean_exit(_check(stub, paths, "--model", "m"), 2, '"m" must be a table')


def test_extract_stops_at_a_ceiling_too(stub: BatchStub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shrink_retries(monkeypatch)
    paths = write_story(tmp_path)
    result = run_cli(
        "extract",
        *paths,
        "--extractor",
        "llm",
        "--base-url",
        stub.base_url,
        "-o",
        str(tmp_path / "out"),
        "--max-calls",
        "1",
    )
    assert_clean_exit(result, 2, "over --max-calls 1")
    assert stub.live == [] and not (tmp_path / "out").exists()


def test_the_python_api_plans_and_caps_the_same_way(stub: BatchStub, tmp_path: Path) -> None:
    import checker
    from checker.spend import OverCeiling

    sources = [
        checker.Source(text=Path(p).read_text(encoding="utf-8"), name=Path(p).name) for p in write_story(tmp_path)
    ]
    options: dict[str, Any] = {"extractor": "llm", "base_url": stub.base_url, "cache_dir": tmp_path / "cache"}
    plan = checker.plan_run(sources, align="rules", **options)
    assert (plan.calls, plan.sources, [s.stage for s in plan.stages]) == (2, 2, ["extraction"])
    with pytest.raises(OverCeiling, match="over --max-calls 1"):
        checker.check(sources, align="rules", spend=checker.SpendOptions(max_calls=1), **options)
    assert stub.live == []
    report = checker.check(sources, align="rules", spend=checker.SpendOptions(max_calls=2), **options)
    assert report.complete and report.run.spend is not None and report.run.spend.max_calls == 2


def test_batch_without_a_model_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY")
    result = run_cli("check", *write_story(tmp_path), "--batch")
    assert_clean_exit(result, 2, "--batch needs a model")


def test_the_ceilings_guard_the_models_alignment_of_offline_claims(stub: BatchStub, tmp_path: Path) -> None:
    paths = write_story(tmp_path)
    args = ("check", *paths, "--extractor", "offline", "--align", "model", "--base-url", stub.base_url)
    planned = run_cli(*args, "--dry-run")
    assert_clean_exit(planned, 0)
    assert "model gpt-4o-mini" in planned.stdout and "extraction: 0 call(s)" in planned.stdout
    assert "over a ceiling" in run_cli(*args, "--dry-run", "--max-calls", "0").stdout
    assert_clean_exit(run_cli(*args, "--max-calls", "0"), 2, "over --max-calls 0")
    assert stub.live == []
