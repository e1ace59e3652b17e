"""Renderings of a :class:`~checker.report.Report` for people: plain text, Markdown and HTML.

Each is a pure function of the report (and, for HTML, the article texts): no clock,
no randomness, no network, so the same input gives the same bytes. Only the standard
library and :mod:`checker.report` are imported; the report model never imports this
package (an import-linter contract keeps it so), so ``checker --format json`` does
not pay for the renderers.

* :mod:`checker.render.text`: :func:`to_text`, for a terminal.
* :mod:`checker.render.markdown`: :func:`to_markdown`, for a CMS or a chat; article text is escaped.
* :mod:`checker.render.digest`: the editor view both take by default (``show="editor"``): conflicts
  in full, agreements one line each, single-source facts counted per source; ``show="all"`` prints
  every finding in full.
* :mod:`checker.render.html`: :func:`to_html`, one self-contained page with the evidence highlighted in place.
* :mod:`checker.render.common`: what they share (verdict order and labels, the run's parts, attribution).
"""

from __future__ import annotations

from checker.render.common import SHOW_CHOICES, Show, check_show
from checker.render.html import to_html
from checker.render.markdown import to_markdown
from checker.render.text import to_text

__all__ = ["SHOW_CHOICES", "Show", "check_show", "to_html", "to_markdown", "to_text"]
