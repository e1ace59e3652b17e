"""Quotations and who said them; an unattributed quote of four words or more is the outlet's, and a
whole-sentence quote right after an attributed one continues it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from checker.offline.attribution import quote_speaker
from checker.offline.document import Doc, Found, Quote
from checker.schema.v1 import Attribution, QuoteClaim


def find(doc: Doc) -> Iterator[Found]:
    """One claim per quotation, its evidence widened over the attribution phrase."""
    text = doc.text
    prev: tuple[Quote, Attribution] | None = None
    for q in doc.quotes:
        inner = text[q.inner_start : q.inner_end]
        words = len(inner.split())
        sp = quote_speaker(doc, q)
        if sp is None and prev is not None:
            # a quote that is a whole sentence right after an attributed quote continues it
            s, e = doc.sentence_of(q.start)
            _ps, pe = doc.sentence_of(prev[0].start)
            adjacent = not text[pe:s].strip()
            if s == q.start and e <= q.end + 1 and adjacent:
                sp = (prev[1], q.start, q.end)
        if sp is None:
            if words < 4:
                continue
            attribution = Attribution(source_type="outlet", name=None)
            start, end = q.start, q.end
        else:
            attribution, start, end = sp
            start, end = min(start, q.start), max(end, q.end)
        speaker = attribution.name if attribution.source_type == "person" else None
        qtext = re.sub(r"[,]\s*$", "", inner).strip()
        if not qtext:
            continue
        if sp is not None:
            prev = (q, attribution)
        yield Found(
            start,
            end,
            {
                "speaker": speaker,
                "text": qtext,
                "hedge": None,
                "modality": "happened",
                "attribution": attribution,
            },
            QuoteClaim,
        )
