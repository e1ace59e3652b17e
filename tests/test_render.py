"""Markdown and HTML renderings: order, evidence highlighting, escaping, self-containment, determinism.

The HTML is checked with the stdlib parser: every ``<mark>`` must carry exactly the
source text between its offsets, marks never nest (overlapping evidence is split into
flat segments), and nothing from an article may become markup.
"""

from __future__ import annotations

import base64
import hashlib
import random
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

from checker.api import reconcile_files
from checker.render import to_html, to_markdown
from checker.report import (
    VERDICT_ORDER,
    DraftClaim,
    DraftReview,
    Evidence,
    FailedSource,
    Finding,
    FindingValue,
    Report,
    RunInfo,
    SourceSummary,
    UngroundedItem,
)
from checker.schema.v1 import Attribution

ROOT = Path(__file__).resolve().parent.parent
SEED_CLAIMS = sorted((ROOT / "fixtures" / "claims" / "seeds").glob("*.json"))
SEED_TEXTS = sorted((ROOT / "seeds").glob("*.txt"))

VOID = {"meta", "br", "hr", "img", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"}
HOSTILE = "<script>alert(1)</script> \"><img src=x onerror=alert(2)> '><svg onload=alert(3)>"

# --------------------------------------------------------------------------- helpers


def _value(source: str, text: str, passage: str, value: str, normalized: str | None = None) -> FindingValue:
    start = text.index(passage)
    return FindingValue(
        source=source,
        value=value,
        normalized=normalized or value.lower(),
        attribution=Attribution(source_type="outlet", name=None),
        modality="happened",
        evidence=Evidence(text=passage, start=start, end=start + len(passage)),
    )


def _finding(fid: str, verdict: str, fact: str, values: list[FindingValue], severity: str = "high") -> Finding:
    return Finding.model_validate(
        {
            "id": fid,
            "fact": fact,
            "kind": "event_time",
            "verdict": verdict,
            "severity": severity,
            "rule": f"test.{verdict}",
            "explanation": f"{fact}: {verdict}",
            "attributed_to": None,
            "values": [v.model_dump() for v in values],
        }
    )


A_TEXT = "The leaders spoke on Wednesday. The call lasted 90 minutes. Rain fell."
B_TEXT = "They spoke on Thursday, officials said. The call lasted an hour and a half."
TEXTS = {"a.txt": A_TEXT, "b.txt": B_TEXT}


def _small_report() -> Report:
    """An agreement listed *before* a conflict, so the renderers must reorder; no overlapping spans."""
    agree = _finding(
        "aaaaaaaaaaaa",
        "agree",
        "length of the call",
        [
            _value("a.txt", A_TEXT, "lasted 90 minutes", "90 minutes", "1.5 hours"),
            _value("b.txt", B_TEXT, "lasted an hour and a half", "an hour and a half", "1.5 hours"),
        ],
        severity="info",
    )
    conflict = _finding(
        "cccccccccccc",
        "conflict",
        "weekday of the call",
        [
            _value("a.txt", A_TEXT, "spoke on Wednesday", "on Wednesday", "Wednesday"),
            _value("b.txt", B_TEXT, "spoke on Thursday", "on Thursday", "Thursday"),
        ],
    )
    return Report(
        run=RunInfo(
            extractor_kinds=["llm"],
            model="gpt-test",
            prompt_version="extract_claims.v9",
            model_calls=3,
            prompt_tokens=100,
            completion_tokens=20,
            cache_hits=1,
        ),
        sources=[
            SourceSummary(name="a.txt", outlet="Daily A", extractor="llm", claims=2, ungrounded=1),
            SourceSummary(name="b.txt", extractor="llm", claims=2, ungrounded=0),
        ],
        findings=[agree, conflict],
        ungrounded=[UngroundedItem(source="a.txt", kind="quantity", evidence="300 died", reason="evidence not found")],
    )


@dataclass
class Mark:
    keys: list[str]
    classes: list[str]
    start: int
    end: int
    text: str = ""


@dataclass
class Page(HTMLParser):
    """Collects tags, marks per source column and script/style bodies; fails on bad nesting."""

    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)
    columns: dict[str, list[Mark]] = field(default_factory=dict)
    column_text: dict[str, str] = field(default_factory=dict)
    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    _column: str | None = None
    _in_text: int = 0
    _mark: Mark | None = None
    _raw: str | None = None
    _quote: int = 0

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attr))
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "article" and "source" in attr.get("class", "").split():
            self._column = attr["aria-label"]
            self.columns[self._column] = []
            self.column_text[self._column] = ""
        if tag == "div" and attr.get("class") == "text":
            self._in_text = len(self.stack)
        if tag == "mark":
            assert self._mark is None, "marks must not nest"
            assert self._column is not None and self._in_text, "marks only inside a source text"
            self._mark = Mark(
                attr["data-finding"].split(), attr["class"].split(), int(attr["data-start"]), int(attr["data-end"])
            )
        if tag in {"script", "style"}:
            self._raw = ""
        if tag == "button" and "data-finding" in attr:
            self.buttons.append(attr["data-finding"])
        if tag == "blockquote":
            self._quote += 1
            self.quotes.append("")

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        if tag == "div" and self._in_text == len(self.stack):
            self._in_text = 0
        self.stack.pop()
        if tag == "mark":
            assert self._mark is not None and self._column is not None
            self.columns[self._column].append(self._mark)
            self._mark = None
        if tag == "article":
            self._column = None
        if tag in {"script", "style"}:
            assert self._raw is not None
            (self.scripts if tag == "script" else self.styles).append(self._raw)
            self._raw = None
        if tag == "blockquote":
            self._quote -= 1

    def handle_data(self, data: str) -> None:
        if self._raw is not None:
            self._raw += data
        if self._mark is not None:
            self._mark.text += data
        if self._column is not None and self._in_text:
            self.column_text[self._column] += data
        if self._quote:
            self.quotes[-1] += data


def _parse(page: str) -> Page:
    parser = Page()
    parser.feed(page)
    parser.close()
    assert parser.stack == [], f"unclosed elements: {parser.stack}"
    return parser


def _seed_report() -> tuple[Report, dict[str, str]]:
    if not SEED_CLAIMS:
        pytest.skip("no seed reference claims in fixtures/claims/seeds")
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEED_TEXTS}
    return reconcile_files(SEED_CLAIMS), texts


def _rank(verdict: str) -> int:
    return VERDICT_ORDER.index(verdict)


# --------------------------------------------------------------------------- Markdown


def test_markdown_has_title_run_line_and_summary() -> None:
    md = to_markdown(_small_report())
    lines = md.splitlines()
    assert lines[0] == "# checker report: 2 sources, 2 findings, 1 conflict"
    run = next(line for line in lines if line.startswith("**Run:**"))
    for part in (
        "extractor llm",
        "model gpt-test",
        "extract\\_claims.v9",
        "model calls 3",
        "tokens 120",
        "cache hits 1",
    ):
        assert part in run
    assert run.endswith("complete")
    assert "**Verdicts:** 1 conflict · 1 agree" in md
    assert md.endswith("\n") and not md.endswith("\n\n")


def test_markdown_conflicts_first_with_quoted_evidence_and_ungrounded() -> None:
    md = to_markdown(_small_report())
    assert md.index("## Conflict (1)") < md.index("## Agree (1)") < md.index("## Ungrounded claims (1)")
    assert md.index("weekday of the call") < md.index("length of the call")
    conflict = md[md.index("## Conflict") : md.index("## Agree")]
    assert "severity **high**" in conflict and "rule `test.conflict`" in conflict
    assert "- `a.txt`: **on Wednesday** → Wednesday · outlet's own voice — chars 12–30" in conflict
    assert "  > spoke on Wednesday" in conflict
    assert "  > spoke on Thursday" in conflict
    assert "  > 300 died" in md


def test_markdown_reports_failed_sources() -> None:
    report = _small_report().model_copy(
        update={"complete": False, "failed_sources": [FailedSource(name="c.txt", reason="model timed out")]}
    )
    md = to_markdown(report)
    assert "**INCOMPLETE**, failed sources: `c.txt` (model timed out)" in md


def test_markdown_escapes_article_text() -> None:
    text = "1. *Not* a [link](http://evil.example) <b>bold</b> `code` | pipe _x_ & ~~s~~\n# heading"
    value = FindingValue(
        source="a.txt",
        value="*x*",
        normalized="[y](javascript:alert(1))",
        attribution=Attribution(source_type="person", name="<b>Ann</b>"),
        modality="planned",
        evidence=Evidence(text=text, start=0, end=len(text)),
    )
    finding = Finding(
        id="dddddddddddd",
        fact="__fact__ ![img](x.png)",
        kind="quote",
        verdict="misquote",
        severity="medium",
        rule="quote.words",
        explanation="- 2. looks like a list",
        values=[value],
    )
    md = to_markdown(Report(findings=[finding]))
    assert "  > 1\\. \\*Not\\* a \\[link\\](http://evil.example) \\<b\\>bold\\</b\\> \\`code\\` \\| pipe" in md
    assert "\\_x\\_ \\& \\~\\~s\\~\\~ # heading" in md  # newline collapsed, so '#' is mid-line
    assert "### 1. \\_\\_fact\\_\\_ !\\[img\\](x.png)" in md
    assert "\n\\- 2. looks like a list\n" in md
    assert "**\\*x\\*** → \\[y\\](javascript:alert(1))" in md
    assert "according to \\<b\\>Ann\\</b\\> (person) · planned" in md
    for raw in ("<b>", "[link]", "*Not*", "`code`"):
        assert raw not in md


def test_markdown_code_spans_survive_backticks() -> None:
    report = Report(sources=[SourceSummary(name="we`ird.txt", extractor="external", claims=0, ungrounded=0)])
    assert "- ``we`ird.txt`` — external" in to_markdown(report)


def test_markdown_empty_report() -> None:
    md = to_markdown(Report())
    assert md.startswith("# checker report: 0 sources, 0 findings\n")
    assert "**Verdicts:** no findings" in md and "No findings." in md


def test_markdown_of_the_seeds_is_ordered_and_deterministic() -> None:
    report, _ = _seed_report()
    md = to_markdown(report, show="all")
    assert md == to_markdown(reconcile_files(SEED_CLAIMS), show="all")
    headings = re.findall(r"^## (.+) \(\d+\)$", md, flags=re.MULTILINE)
    groups = [h.lower().replace(" ", "_") for h in headings if h != "Sources" and not h.startswith("Ungrounded")]
    assert groups == sorted(groups, key=_rank) and groups[0] == "conflict"
    assert md.index("day of the phone call between Donald Trump and Vladimir Putin") < md.index("## Agree")
    assert "  > held a significant phone conversation on Thursday" in md
    assert md.count("\n### ") == len(report.findings)


DRAFT_TEXT = "The leaders spoke on Tuesday. Ann Lee is *mayor*."


def _draft_report() -> Report:
    report = _small_report()
    conflict = report.findings[1]
    start = DRAFT_TEXT.index("spoke on Tuesday")
    claim = DraftClaim(
        kind="event_time",
        fact="weekday of the call",
        label="contradicted",
        value="on Tuesday",
        evidence=Evidence(text="spoke on Tuesday", start=start, end=start + len("spoke on Tuesday")),
        explanation="a.txt says Wednesday; b.txt says Thursday",
        finding_ids=[conflict.id],
        supporting=[],
        contradicting=list(conflict.values),
    )
    start = DRAFT_TEXT.index("Ann Lee is *mayor*")
    unsupported = DraftClaim(
        kind="role",
        fact="title of Ann Lee",
        label="unsupported",
        value="<i>mayor</i>",
        evidence=Evidence(text="Ann Lee is *mayor*", start=start, end=start + len("Ann Lee is *mayor*")),
        explanation="no source says",
        finding_ids=[],
        supporting=[],
        contradicting=[],
    )
    review = DraftReview(
        draft="draft.md", counts={"contradicted": 1, "unsupported": 1, "supported": 0}, claims=[claim, unsupported]
    )
    return report.model_copy(update={"draft": review})


def test_markdown_draft_check_comes_before_the_findings() -> None:
    md = to_markdown(_draft_report())
    assert md.index("## Draft check: `draft.md`") < md.index("## Sources") < md.index("## Conflict")
    assert "**Draft claims:** 1 contradicted · 1 unsupported" in md
    assert (
        "- **CONTRADICTED** weekday of the call: **on Tuesday** (chars 12–28)"
        " — a.txt says Wednesday; b.txt says Thursday\n  > spoke on Tuesday\n  - `a.txt` says" in md
    )
    assert "  - `a.txt` says **on Wednesday** — chars 12–30" in md
    assert "    > spoke on Wednesday" in md
    assert "**UNSUPPORTED** title of Ann Lee: **\\<i\\>mayor\\</i\\>**" in md
    assert "  > Ann Lee is \\*mayor\\*" in md
    assert "## Draft check" not in to_markdown(_small_report())


def test_html_draft_check_links_to_its_findings() -> None:
    out = to_html(_draft_report(), {**TEXTS, "draft.md": DRAFT_TEXT})
    page = _parse(out)
    assert out.index("Draft check") < out.index('data-finding="cccccccccccc"')
    ids = {attrs["id"] for _, attrs in page.tags if "id" in attrs}
    hrefs = [attrs["href"] for tag, attrs in page.tags if "href" in attrs]
    assert hrefs == ["#finding-cccccccccccc"] and all(h[1:] in ids for h in hrefs)
    assert "&lt;i&gt;mayor&lt;/i&gt;" in out and "<i>" not in out
    assert "spoke on Tuesday" in page.quotes and "spoke on Thursday" in page.quotes


# --------------------------------------------------------------------------- HTML


def test_html_findings_are_buttons_conflicts_first() -> None:
    page = _parse(to_html(_small_report(), TEXTS))
    assert page.buttons == ["cccccccccccc", "aaaaaaaaaaaa"]
    buttons = [attrs for tag, attrs in page.tags if tag == "button"]
    assert all(b["type"] == "button" and b["aria-pressed"] == "false" for b in buttons)


def test_html_header_states_run_and_counts() -> None:
    out = to_html(_small_report(), TEXTS)
    assert "gpt-test" in out and "extract_claims.v9" in out and ">complete<" in out
    assert '<li class="v-conflict">1 conflict</li>' in out and '<li class="v-agree">1 agree</li>' in out
    report = _small_report().model_copy(update={"complete": False, "failed_sources": [FailedSource(name="c.txt")]})
    assert "INCOMPLETE</span> failed sources: c.txt" in to_html(report)


def test_html_marks_carry_exactly_the_evidence_text() -> None:
    report = _small_report()
    page = _parse(to_html(report, TEXTS))
    assert page.column_text == TEXTS, "the columns hold the whole article text, unchanged"
    found: dict[tuple[str, str], list[Mark]] = {}
    for source, marks in page.columns.items():
        for mark in marks:
            assert len(mark.keys) == 1  # no overlaps in this report
            found.setdefault((source, mark.keys[0]), []).append(mark)
    for finding in report.findings:
        for value in finding.values:
            ev = value.evidence
            (mark,) = found[(value.source, finding.id)]
            assert (mark.start, mark.end) == (ev.start, ev.end)
            assert mark.text == TEXTS[value.source][ev.start : ev.end] == ev.text
            assert f"v-{finding.verdict}" in mark.classes
    assert sum(len(m) for m in page.columns.values()) == 4


def test_html_overlapping_spans_become_flat_segments() -> None:
    text = "Alpha beta gamma delta epsilon."
    outer = _value("o.txt", text, "Alpha beta gamma", "x")
    inner = _value("o.txt", text, "beta", "y")
    crossing = _value("o.txt", text, "gamma delta", "z")
    report = Report(
        sources=[SourceSummary(name="o.txt", extractor="llm", claims=3, ungrounded=0)],
        findings=[
            _finding("111111111111", "agree", "outer", [outer]),
            _finding("222222222222", "conflict", "inner", [inner]),
            _finding("333333333333", "single_source", "crossing", [crossing]),
        ],
    )
    page = _parse(to_html(report, {"o.txt": text}))
    assert page.column_text["o.txt"] == text
    marks = page.columns["o.txt"]
    assert [(m.text, m.keys) for m in marks] == [
        ("Alpha ", ["111111111111"]),
        ("beta", ["222222222222", "111111111111"]),  # the conflict first: display order
        (" ", ["111111111111"]),
        ("gamma", ["111111111111", "333333333333"]),
        (" delta", ["333333333333"]),
    ]
    for mark in marks:
        assert mark.text == text[mark.start : mark.end]
    assert "multi" in marks[1].classes and {"v-conflict", "v-agree"} <= set(marks[1].classes)
    # Every finding's segments tile its evidence exactly.
    for finding in report.findings:
        ev = finding.values[0].evidence
        covered = sorted((m.start, m.end) for m in marks if finding.id in m.keys)
        assert covered[0][0] == ev.start and covered[-1][1] == ev.end
        assert all(a[1] == b[0] for a, b in pairwise(covered))


def test_html_random_overlaps_tile_every_span() -> None:
    """Many overlapping, nested, identical and touching spans: flat marks, each finding covering exactly its spans."""
    rng = random.Random(4)
    text = " ".join(f"w{i:03d}" for i in range(120))
    findings = []
    for n in range(40):
        values = []
        for _ in range(rng.choice((1, 1, 2, 3))):
            start = rng.randrange(0, len(text) - 1)
            end = min(len(text), start + rng.randrange(1, 60))
            values.append(
                FindingValue(
                    source="r.txt",
                    value="v",
                    normalized="v",
                    attribution=Attribution(source_type="outlet", name=None),
                    modality="happened",
                    evidence=Evidence(text=text[start:end], start=start, end=end),
                )
            )
        if n == 7:
            values.append(findings[3].values[0])  # an identical span in two findings
        findings.append(_finding(f"{n:012d}", rng.choice(VERDICT_ORDER), f"fact {n}", values))
    report = Report(findings=findings)
    page = _parse(to_html(report, {"r.txt": text}))
    assert page.column_text["r.txt"] == text
    marks = page.columns["r.txt"]
    assert all(a.end <= b.start for a, b in pairwise(marks)), "segments are disjoint and in text order"
    for finding in findings:
        expected = {i for v in finding.values for i in range(v.evidence.start, v.evidence.end)}
        covered = {i for m in marks if finding.id in m.keys for i in range(m.start, m.end)}
        assert covered == expected, finding.fact
    for mark in marks:
        assert mark.text == text[mark.start : mark.end]
        ranks = [_rank(next(f.verdict for f in findings if f.id == k)) for k in mark.keys]
        assert ranks == sorted(ranks), "a segment lists its findings in display order"


def test_html_shows_given_texts_of_sources_without_findings() -> None:
    page = _parse(to_html(_small_report(), {**TEXTS, "extra.txt": "Nothing to see."}))
    assert list(page.column_text) == ["a.txt", "b.txt", "extra.txt"]
    assert page.columns["extra.txt"] == []


def test_html_without_texts_quotes_evidence_inline() -> None:
    page = _parse(to_html(_small_report()))
    assert page.columns == {}
    assert not any(tag == "mark" for tag, _ in page.tags)
    for text in ("spoke on Wednesday", "spoke on Thursday", "lasted 90 minutes", "300 died"):
        assert text in page.quotes


def test_html_evidence_that_misses_its_offsets_is_quoted_not_highlighted() -> None:
    report = _small_report()
    texts = {"a.txt": A_TEXT, "b.txt": "A different text of another length entirely, nothing lines up here at all."}
    page = _parse(to_html(report, texts))
    assert {k for m in page.columns["a.txt"] for k in m.keys} == {"aaaaaaaaaaaa", "cccccccccccc"}
    assert page.columns["b.txt"] == []
    assert "spoke on Thursday" in page.quotes and "spoke on Wednesday" not in page.quotes


def test_html_escapes_hostile_article_text() -> None:
    text = f"Intro {HOSTILE} outro & more."
    value = FindingValue(
        source=HOSTILE,
        value=HOSTILE,
        normalized=HOSTILE,
        attribution=Attribution(source_type="person", name=HOSTILE),
        modality="happened",
        evidence=Evidence(text=HOSTILE, start=6, end=6 + len(HOSTILE)),
    )
    finding = Finding(
        id='"><script>alert(4)</script>',
        fact=HOSTILE,
        kind="quote",
        verdict="conflict",
        severity="high",
        rule=HOSTILE,
        explanation=HOSTILE,
        attributed_to=HOSTILE,
        values=[value],
    )
    report = Report(
        run=RunInfo(model=HOSTILE, prompt_version=HOSTILE, extractor_kinds=[HOSTILE]),
        complete=False,
        failed_sources=[FailedSource(name=HOSTILE, reason=HOSTILE)],
        sources=[
            SourceSummary(
                name=HOSTILE, outlet=HOSTILE, url="javascript:alert(5)", extractor="llm", claims=1, ungrounded=0
            )
        ],
        findings=[finding],
        ungrounded=[UngroundedItem(source=HOSTILE, kind=HOSTILE, evidence=HOSTILE, reason=HOSTILE)],
    )
    for texts in ({HOSTILE: text}, None):
        out = to_html(report, texts)
        page = _parse(out)
        tags = [tag for tag, _ in page.tags]
        assert tags.count("script") == 1 and "img" not in tags and "svg" not in tags
        for tag, attrs in page.tags:
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            assert "src" not in attrs and "href" not in attrs
        assert "alert" not in page.scripts[0]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
        assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in out
        assert "javascript:alert(5)" in out  # as text only
        assert page.buttons == ["f0"], "an id that is not DOM-safe gets a positional key"
        if texts:
            assert page.column_text[HOSTILE] == text
            (mark,) = page.columns[HOSTILE]
            assert mark.text == HOSTILE


def test_html_is_self_contained() -> None:
    report, texts = _seed_report()
    out = to_html(report, texts)
    page = _parse(out)
    for tag, attrs in page.tags:
        for name, value in attrs.items():
            assert name not in {"src", "href", "srcset", "action", "formaction", "poster", "data"}, (tag, name)
            assert "://" not in value, (tag, name, value)
        assert tag not in {"link", "img", "iframe", "object", "embed"}
    for body in page.scripts + page.styles:
        assert not re.search(r"https?:|//[a-z]|@import|url\(", body, flags=re.IGNORECASE)
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", out, flags=re.IGNORECASE)
    # The CSP pins the inline script and style, so the browser runs them and nothing else.
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    for body in page.scripts + page.styles:
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_html_of_the_seeds_highlights_every_evidence_span() -> None:
    report, texts = _seed_report()
    page = _parse(to_html(report, texts))
    assert page.column_text == {name: texts[name] for name in page.columns}
    assert set(page.columns) == set(texts)
    ranks = [_rank(f.verdict) for f in report.findings]
    order = {f.id: _rank(f.verdict) for f in report.findings}
    assert [order[k] for k in page.buttons] == sorted(ranks), "conflicts first, then the verdict order"
    assert order[page.buttons[0]] == 0
    for source, marks in page.columns.items():
        for mark in marks:
            assert mark.text == texts[source][mark.start : mark.end]
        covered: dict[str, set[int]] = {}
        for mark in marks:
            for key in mark.keys:
                covered.setdefault(key, set()).update(range(mark.start, mark.end))
        for finding in report.findings:
            expected: set[int] = set()
            for value in finding.values:
                if value.source == source:
                    ev = value.evidence
                    assert texts[source][ev.start : ev.end] == ev.text
                    expected.update(range(ev.start, ev.end))
            assert covered.get(finding.id, set()) == expected, (source, finding.fact)
    overlapping = [m for marks in page.columns.values() for m in marks if len(m.keys) > 1]
    assert overlapping, "the seeds have overlapping evidence; it must be split, not nested"


def test_html_is_deterministic() -> None:
    report, texts = _seed_report()
    first = to_html(report, texts)
    assert first == to_html(reconcile_files(SEED_CLAIMS), dict(reversed(list(texts.items()))))
    assert to_html(report) == to_html(report)
    assert to_html(_small_report(), TEXTS) == to_html(_small_report(), TEXTS)


def test_html_empty_report() -> None:
    page = _parse(to_html(Report()))
    assert page.buttons == [] and len(page.scripts) == 1


def test_render_imports_only_the_stdlib() -> None:
    modules = sorted((ROOT / "checker" / "render").glob("*.py"))
    assert {p.name for p in modules} >= {"__init__.py", "common.py", "text.py", "markdown.py", "html.py"}
    imported: set[str] = set()
    for path in modules:
        imported |= set(re.findall(r"^(?:from|import) ([\w.]+)", path.read_text(encoding="utf-8"), flags=re.MULTILINE))
    own = {name for name in imported if name.startswith("checker.")}
    assert own <= {"checker.report"} | {f"checker.render.{p.stem}" for p in modules}
    assert imported - own <= {
        "__future__",
        "base64",
        "hashlib",
        "html",
        "re",
        "itertools",
        "collections.abc",
        "dataclasses",
        "typing",
    }


def test_the_report_model_never_imports_the_renderings() -> None:
    """The import-linter contract exists (``lint-imports`` enforces it) and report.py keeps to it."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    forbidden = [c for c in contracts if c["type"] == "forbidden" and c["source_modules"] == ["checker.report"]]
    assert any("checker.render" in c["forbidden_modules"] for c in forbidden)
    assert "checker.render" in config["tool"]["setuptools"]["packages"]
    source = (ROOT / "checker" / "report.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(?:from|import) checker\.render", source, flags=re.MULTILINE)
