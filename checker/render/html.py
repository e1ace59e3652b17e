"""The HTML rendering: one self-contained page (inline CSS and JS, no external URL,
a Content-Security-Policy that forbids loading anything).

The findings list comes first, conflicts first, and, when the article texts are given,
the sources side by side with every finding's evidence highlighted in place. A pure
function of the report and the texts: the same input gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from checker.render.common import (
    attribution_note,
    is_complete,
    one_line,
    ordered,
    report_title,
    run_parts,
    verdict_groups,
    verdict_label,
)
from checker.report import DraftReview, Finding, FindingValue, Report

__all__ = ["to_html"]


def _e(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    key: str
    verdict: str


_KEY_OK = re.compile(r"[A-Za-z0-9_-]{1,64}")


def _keys(findings: Sequence[Finding]) -> list[str]:
    """DOM-safe, unique keys: the finding id when it is one, else its position."""
    keys: list[str] = []
    seen: set[str] = set()
    for i, finding in enumerate(findings):
        key = finding.id if _KEY_OK.fullmatch(finding.id) else f"f{i}"
        while key in seen:
            key = f"{key}-{i}"
        seen.add(key)
        keys.append(key)
    return keys


def _located(value: FindingValue, texts: Mapping[str, str]) -> bool:
    """Whether the value's evidence can be highlighted in place: its offsets point at its text."""
    text = texts.get(value.source)
    ev = value.evidence
    return text is not None and 0 <= ev.start < ev.end <= len(text) and text[ev.start : ev.end] == ev.text


def _highlight(text: str, spans: Sequence[_Span], titles: Mapping[str, str]) -> str:
    """The escaped text with a flat run of <mark> segments: split at every span boundary, nothing nested."""
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    starts: dict[int, list[int]] = {}
    for i, span in enumerate(spans):
        starts.setdefault(span.start, []).append(i)
    active: set[int] = set()  # indexes into spans, kept in display order below
    parts: list[str] = []
    for a, b in pairwise(cuts):
        active = {i for i in active if spans[i].end > a} | set(starts.get(a, ()))
        covering = [spans[i] for i in sorted(active)]
        segment = _e(text[a:b])
        if not covering:
            parts.append(segment)
            continue
        keys = list(dict.fromkeys(s.key for s in covering))
        verdicts = list(dict.fromkeys(s.verdict for s in covering))
        classes = " ".join([*(f"v-{v}" for v in verdicts), *(["multi"] if len(keys) > 1 else [])])
        title = "\n".join(titles[k] for k in keys)
        parts.append(
            f'<mark class="{_e(classes)}" data-finding="{" ".join(keys)}" data-start="{a}" data-end="{b}"'
            f' title="{_e(title)}">{segment}</mark>'
        )
    return "".join(parts)


_CSS = """
:root{--fg:#101828;--muted:#475467;--bg:#fff;--panel:#f9fafb;--line:#d0d5dd;
--c-conflict:#b42318;--t-conflict:#fee4e2;--c-internal_conflict:#c4320a;--t-internal_conflict:#ffe6d5;
--c-misquote:#6b21a8;--t-misquote:#f3e8ff;--c-attribution_conflict:#93370d;--t-attribution_conflict:#fef0c7;
--c-complementary:#175cd3;--t-complementary:#dbeafe;--c-agree:#067647;--t-agree:#dcfae6;
--c-single_source:#475467;--t-single_source:#eaecf0}
*{box-sizing:border-box}
html,body{margin:0;height:100%}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--fg);
background:var(--bg);display:flex;flex-direction:column}
header{padding:.6rem 1rem;border-bottom:1px solid var(--line);background:var(--panel)}
h1{font-size:1.2rem;margin:0 0 .2rem}
h2{font-size:1rem;margin:0 0 .4rem}
.run{margin:.1rem 0;color:var(--muted);font-size:.85rem}
.run b{color:var(--fg);font-weight:600}
.warn{color:#fff;background:var(--c-conflict);padding:.1rem .4rem;border-radius:3px;font-weight:600}
.ok{color:var(--c-agree);font-weight:600}
.counts{list-style:none;margin:.35rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.35rem}
.counts li{font-size:.85rem;padding:.05rem .5rem;border-radius:999px;border:1px solid}
.layout{flex:1;min-height:0;display:grid;grid-template-columns:minmax(20rem,30rem) minmax(0,1fr)}
.layout.no-texts{grid-template-columns:minmax(0,60rem)}
.findings{overflow-y:auto;padding:.75rem 1rem 2rem;border-right:1px solid var(--line)}
.group{font-size:.95rem;margin:1rem 0 .4rem;padding-bottom:.2rem;border-bottom:2px solid}
.group:first-of-type{margin-top:0}
ol.list{list-style:none;margin:0;padding:0}
.finding{margin:0 0 .5rem;border:1px solid var(--line);border-left:5px solid;border-radius:4px;background:#fff}
.finding.selected{box-shadow:0 0 0 3px #84adff}
.finding>button{all:unset;box-sizing:border-box;display:block;width:100%;padding:.4rem .6rem;cursor:pointer}
.finding>button:hover{background:var(--panel)}
.finding>button:focus-visible{outline:3px solid #1849a9;outline-offset:-3px}
.badge{display:inline-block;font-size:.75rem;font-weight:700;text-transform:uppercase;letter-spacing:.02em;
padding:0 .35rem;border-radius:3px;margin-right:.3rem;vertical-align:1px}
.sev{font-size:.75rem;color:var(--muted);margin-right:.3rem}
.fact{font-weight:600}
.who{color:var(--muted);font-size:.85rem}
.detail{padding:0 .6rem .45rem;font-size:.85rem}
.expl{margin:.1rem 0 .3rem;color:var(--fg)}
.values{margin:0;padding-left:1.1rem}
summary{cursor:pointer;color:var(--muted);font-size:.8rem}
summary:focus-visible{outline:2px solid #1849a9}
.values li{margin:.1rem 0}
.src{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.8rem;color:var(--muted)}
.off{color:var(--muted);font-size:.75rem;white-space:nowrap}
.rule{color:var(--muted);font-size:.75rem}
blockquote.ev{margin:.15rem 0 .3rem;padding:.1rem .5rem;border-left:3px solid var(--line);background:var(--panel);
white-space:pre-wrap}
.sources-wrap{min-width:0;min-height:0;container-type:inline-size}
.sources{height:100%;overflow-x:auto;overflow-y:hidden;display:grid;grid-auto-flow:column;
grid-auto-columns:minmax(21rem,1fr);scroll-snap-type:x mandatory}
@container (min-width:42rem){.sources{grid-auto-columns:minmax(50cqi,1fr)}}
@container (min-width:63rem){.sources{grid-auto-columns:minmax(33.333cqi,1fr)}}
@container (min-width:84rem){.sources{grid-auto-columns:minmax(25cqi,1fr)}}
@container (min-width:105rem){.sources{grid-auto-columns:minmax(20cqi,1fr)}}
.source{position:relative;overflow-y:auto;scroll-snap-align:start;border-right:1px solid var(--line);
padding:.6rem .9rem 3rem}
.source h2{position:sticky;top:-.6rem;background:#fff;padding:.3rem 0;margin:-.3rem 0 .2rem;
border-bottom:1px solid var(--line);font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
font-size:.85rem;overflow-wrap:anywhere}
.meta{color:var(--muted);font-size:.8rem;margin:0 0 .5rem;overflow-wrap:anywhere}
.text{white-space:pre-wrap;overflow-wrap:break-word;font-family:Georgia,"Times New Roman",serif;font-size:.95rem;
line-height:1.6}
mark{color:inherit;background:transparent;border-bottom:2px solid;cursor:pointer;padding:0}
mark.v-single_source{background:transparent;border-bottom:1px dotted var(--c-single_source)}
mark.v-agree{background:var(--t-agree);border-color:var(--c-agree)}
mark.v-complementary{background:var(--t-complementary);border-color:var(--c-complementary)}
mark.v-attribution_conflict{background:var(--t-attribution_conflict);border-color:var(--c-attribution_conflict)}
mark.v-misquote{background:var(--t-misquote);border-color:var(--c-misquote)}
mark.v-internal_conflict{background:var(--t-internal_conflict);border-color:var(--c-internal_conflict)}
mark.v-conflict{background:var(--t-conflict);border-color:var(--c-conflict)}
mark.multi{border-bottom-width:3px}
mark.selected{background:#1849a9;color:#fff;border-color:#1849a9;outline:2px solid #1849a9;border-radius:2px}
.note{color:var(--muted);font-size:.85rem}
.ungrounded li{margin:.3rem 0;font-size:.85rem}
.detail.head{padding-top:.4rem}
.rule a{color:#1849a9}
.srclist{font-size:.85rem;margin-top:.3rem}.srclist ul{margin:.2rem 0;padding-left:1.2rem}
.v-conflict{--c:var(--c-conflict);--t:var(--t-conflict)}
.v-internal_conflict{--c:var(--c-internal_conflict);--t:var(--t-internal_conflict)}
.v-misquote{--c:var(--c-misquote);--t:var(--t-misquote)}
.v-attribution_conflict{--c:var(--c-attribution_conflict);--t:var(--t-attribution_conflict)}
.v-complementary{--c:var(--c-complementary);--t:var(--t-complementary)}
.v-agree{--c:var(--c-agree);--t:var(--t-agree)}
.v-single_source{--c:var(--c-single_source);--t:var(--t-single_source)}
.finding,.group,.counts li{border-color:var(--c)}
.badge,.counts li{background:var(--t);color:var(--c)}
.finding .badge{background:var(--c);color:#fff}
@media (max-width:900px){body{display:block;height:auto}.layout{display:block}
.findings{border-right:0;overflow:visible}.sources{grid-auto-columns:minmax(18rem,85vw)}
.source{max-height:80vh}}
@media print{body{display:block}.layout{display:block}.sources{display:block}.source{overflow:visible}}
"""

_JS = """
(function () {
  "use strict";
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button[data-finding]"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-finding]"));
  var byKey = {};
  marks.forEach(function (m) {
    m.getAttribute("data-finding").split(" ").forEach(function (k) { (byKey[k] = byKey[k] || []).push(m); });
  });
  var lit = [];
  function firstPerColumn(list) {
    var seen = [], firsts = [];
    list.forEach(function (m) {
      var col = m.closest(".source");
      if (seen.indexOf(col) < 0) { seen.push(col); firsts.push(m); }
    });
    return firsts;
  }
  function select(keys, origin) {
    lit.forEach(function (m) { m.classList.remove("selected"); });
    lit = [];
    keys.forEach(function (k) { (byKey[k] || []).forEach(function (m) {
      if (lit.indexOf(m) < 0) { lit.push(m); m.classList.add("selected"); }
    }); });
    var firstButton = null;
    buttons.forEach(function (b) {
      var on = keys.indexOf(b.getAttribute("data-finding")) >= 0;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.parentNode.classList.toggle("selected", on);
      var details = b.parentNode.querySelector("details");
      if (on && details) { details.open = true; }
      if (on && !firstButton) { firstButton = b; }
    });
    var status = document.getElementById("status");
    if (status) {
      status.textContent = keys.length ? keys.length + " finding(s) selected, " + lit.length + " highlighted passage(s)"
        : "";
    }
    lit.sort(function (a, b) {
      return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    var firsts = firstPerColumn(lit).filter(function (m) { return !origin || m.closest(".source") !== origin; });
    firsts.slice().reverse().forEach(function (m) { m.scrollIntoView({block: "center", inline: "nearest"}); });
    if (origin && firstButton) { firstButton.scrollIntoView({block: "nearest"}); }
  }
  function current() {
    return buttons.filter(function (b) { return b.getAttribute("aria-pressed") === "true"; })
      .map(function (b) { return b.getAttribute("data-finding"); });
  }
  document.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-finding]");
    if (b) {
      var k = b.getAttribute("data-finding");
      var sel = current();
      select(sel.length === 1 && sel[0] === k ? [] : [k], null);
      return;
    }
    var m = e.target.closest("mark[data-finding]");
    if (m) { select(m.getAttribute("data-finding").split(" "), m.closest(".source")); }
  });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { select([], null); } });
})();
"""


#: Verdicts whose values are listed open in the HTML findings list; the others fold (a selection unfolds them).
_OPEN_VERDICTS = frozenset({"conflict", "internal_conflict", "misquote", "attribution_conflict"})


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _value_html(value: FindingValue, located: bool) -> str:
    ev = value.evidence
    parts = [f'<span class="src">{_e(value.source)}</span>: <q>{_e(value.value)}</q>']
    if one_line(value.normalized) != one_line(value.value):
        parts.append(f" → {_e(value.normalized)}")
    who = attribution_note(value)
    if who:
        parts.append(f' <span class="who">· {_e(who)}</span>')
    parts.append(f' <span class="off">chars {ev.start}–{ev.end}</span>')
    if not located:
        parts.append(f'<blockquote class="ev">{_e(ev.text)}</blockquote>')
    return "<li>" + "".join(parts) + "</li>"


_DRAFT_CLASS = {"contradicted": "v-conflict", "unsupported": "v-single_source", "supported": "v-agree"}


def _html_draft(review: DraftReview, keys: Mapping[str, str]) -> list[str]:
    """Draft mode: the draft's claims, labelled, each linking to the findings it appears in."""
    counts = ", ".join(f"{n} {label}" for label, n in review.counts.items() if n) or "no claims"
    out = [
        f'<h2 class="group draft">Draft check: <span class="src">{_e(review.draft)}</span></h2>',
        f'<p class="note">{_e(counts)}</p>',
        '<ol class="list">',
    ]
    for claim in review.claims:
        ev = claim.evidence
        cls = _DRAFT_CLASS.get(claim.label, "v-single_source")
        links = " ".join(f'<a href="#finding-{keys[fid]}">{_e(fid)}</a>' for fid in claim.finding_ids if fid in keys)
        out.append(f'<li class="finding draft-claim {cls}"><div class="detail head">')
        out.append(
            f'<span class="badge">{_e(claim.label)}</span><span class="fact">{_e(claim.fact)}</span>: '
            f'<q>{_e(claim.value)}</q> <span class="off">chars {ev.start}–{ev.end}</span>'
        )
        out.append(f'<blockquote class="ev">{_e(ev.text)}</blockquote>')
        out.append(f'<p class="expl">{_e(claim.explanation)}</p>')
        if claim.contradicting:
            out.append('<ul class="values">')
            for value in claim.contradicting:
                out.append(
                    f'<li><span class="src">{_e(value.source)}</span> says <q>{_e(value.value)}</q> '
                    f'<span class="off">chars {value.evidence.start}–{value.evidence.end}</span>'
                    f'<blockquote class="ev">{_e(value.evidence.text)}</blockquote></li>'
                )
            out.append("</ul>")
        if links:
            out.append(f'<span class="rule">findings: {links}</span>')
        out.append("</div></li>")
    out.append("</ol>")
    return out


def to_html(report: Report, texts: Mapping[str, str] | None = None) -> str:
    """The report as one self-contained HTML page.

    ``texts`` maps source names to their full article text; when given, the sources are
    shown side by side with the evidence highlighted in place (``<mark data-finding="id ...">``,
    one flat segment per stretch of text covered by the same findings). Without it, each
    value's evidence is quoted in the findings list.
    """
    texts = dict(texts or {})
    findings = ordered(report.findings)
    keys = _keys(findings)
    titles = {key: f"{verdict_label(f.verdict)}: {one_line(f.fact)}" for key, f in zip(keys, findings, strict=True)}

    names = [s.name for s in report.sources if s.name in texts]
    names += sorted(name for name in texts if name not in set(names))
    spans: dict[str, list[_Span]] = {name: [] for name in names}
    for key, finding in zip(keys, findings, strict=True):
        for value in finding.values:
            if _located(value, texts):
                ev = value.evidence
                spans[value.source].append(_Span(ev.start, ev.end, key, finding.verdict))

    title = report_title(report)
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"style-src {_csp_hash(_CSS)}; script-src {_csp_hash(_JS)}; img-src 'none'; base-uri 'none'; "
        "form-action 'none'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="checker">',
        f"<title>{_e(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{_e(title)}</h1>",
    ]
    run = " · ".join(f"{_e(name)} <b>{_e(value)}</b>" for name, value in run_parts(report))
    if is_complete(report):
        run += ' · <span class="ok">complete</span>'
    else:
        failed = ", ".join(_e(f.name) + (f" ({_e(f.reason)})" if f.reason else "") for f in report.failed_sources)
        run += f' · <span class="warn">INCOMPLETE</span> failed sources: {failed or "unknown"}'
    out.append(f'<p class="run">{run}</p>')
    counts = report.verdict_counts()
    if counts:
        out.append('<ul class="counts" aria-label="Findings per verdict">')
        out += [f'<li class="v-{v}">{n} {_e(verdict_label(v))}</li>' for v, n in counts.items()]
        out.append("</ul>")
    if report.sources:
        out.append(f'<details class="srclist"><summary>{len(report.sources)} sources</summary><ul>')
        for source in report.sources:
            meta = [part for part in (source.outlet, source.published, source.url) if part]
            meta += [source.extractor, f"{source.claims} claims, {source.ungrounded} ungrounded"]
            out.append(f'<li><span class="src">{_e(source.name)}</span> · {_e(" · ".join(meta))}</li>')
        out.append("</ul></details>")
    out.append('<p id="status" class="run" role="status" aria-live="polite"></p>')
    out.append("</header>")

    out.append(f'<main class="layout{"" if names else " no-texts"}">')
    out.append('<section class="findings" aria-label="Findings">')
    if names:
        out.append(
            '<p class="note">Select a finding to highlight its evidence in the sources; '
            "select highlighted text to find its findings.</p>"
        )
    if report.draft is not None:
        out += _html_draft(report.draft, dict(zip((f.id for f in findings), keys, strict=True)))
    if not findings:
        out.append('<p class="note">No findings.</p>')
    key_iter = iter(keys)
    for verdict, group in verdict_groups(findings):
        out.append(f'<h2 class="group v-{verdict}">{_e(verdict_label(verdict).capitalize())} ({len(group)})</h2>')
        out.append('<ol class="list">')
        for finding in group:
            key = next(key_iter)
            who = (
                f' <span class="who">attributed to {_e(finding.attributed_to)}</span>' if finding.attributed_to else ""
            )
            out.append(f'<li class="finding v-{verdict}" id="finding-{key}">')
            out.append(
                f'<button type="button" data-finding="{key}" aria-pressed="false">'
                f'<span class="badge">{_e(verdict_label(verdict))}</span>'
                f'<span class="sev">{_e(finding.severity)}</span>'
                f'<span class="fact">{_e(finding.fact)}</span>{who}</button>'
            )
            out.append('<div class="detail">')
            out.append(f'<p class="expl">{_e(finding.explanation)}</p>')
            opened = " open" if verdict in _OPEN_VERDICTS else ""
            n = len({v.source for v in finding.values})
            out.append(
                f"<details{opened}><summary>{len(finding.values)} value{'s' if len(finding.values) != 1 else ''}"
                f' from {n} source{"s" if n != 1 else ""}</summary><ul class="values">'
            )
            out += [_value_html(value, _located(value, texts)) for value in finding.values]
            out.append("</ul></details>")
            out.append(f'<span class="rule">{_e(finding.rule)} · {_e(finding.id)}</span>')
            out.append("</div>")
            out.append("</li>")
        out.append("</ol>")
    if report.ungrounded:
        out.append(f'<h2 class="group">Ungrounded claims ({len(report.ungrounded)})</h2>')
        out.append('<p class="note">Their evidence was not found in their source, so they were not compared.</p>')
        out.append('<ul class="ungrounded">')
        for item in report.ungrounded:
            out.append(
                f'<li><span class="src">{_e(item.source)}</span> · {_e(item.kind)} · {_e(item.reason)}'
                f'<blockquote class="ev">{_e(item.evidence)}</blockquote></li>'
            )
        out.append("</ul>")
    out.append("</section>")

    if names:
        summaries = {s.name: s for s in report.sources}
        out.append('<div class="sources-wrap"><section class="sources" aria-label="Sources side by side">')
        for i, name in enumerate(names):
            out.append(f'<article class="source" id="source-{i}" aria-label="{_e(name)}">')
            out.append(f"<h2>{_e(name)}</h2>")
            summary = summaries.get(name)
            if summary:
                meta = [part for part in (summary.outlet, summary.published, summary.url) if part]
                meta.append(f"{summary.claims} claims, {summary.ungrounded} ungrounded")
                out.append(f'<p class="meta">{_e(" · ".join(meta))}</p>')
            out.append(f'<div class="text">{_highlight(texts[name], spans[name], titles)}</div>')
            out.append("</article>")
        out.append("</section></div>")
    out.append("</main>")
    out.append(f"<script>{_JS}</script>")
    out.append("</body>")
    out.append("</html>")
    return "\n".join(out) + "\n"
