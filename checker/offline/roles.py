"""Roles: who holds which title ("Kremlin spokesperson Dmitry Peskov", "Marco Rubio, the secretary of
state"), from the titled names the people layer found outside quotations, in the outlet's voice.
"""

from __future__ import annotations

from collections.abc import Iterator

from checker.offline.document import Doc, Found
from checker.schema.v1 import Attribution, RoleClaim


def find(doc: Doc) -> Iterator[Found]:
    """One role per titled name; in a headline only the part of the name the article knows."""
    for t in doc.titled:
        if doc.in_quote(t.start) or doc.in_quote(t.end - 1):
            continue
        end = t.end
        name = t.name
        if doc.in_headline(t.start):
            # title case: keep the longest prefix that is a known name ("Hale Found Guilty" -> "Hale")
            toks = name.split()
            while toks and " ".join(toks) not in doc.persons:
                toks.pop()
            if not toks:
                continue
            name = " ".join(toks)
            end = t.name_start + len(name)
        person = doc.resolve(name)
        yield Found(
            t.start,
            end,
            {
                "person": person,
                "title": t.title,
                "organisation": t.organisation,
                "status": t.status,
                "hedge": None,
                "modality": "happened" if t.status == "former" else "ongoing",
                "attribution": Attribution(source_type="outlet", name=None),
            },
            RoleClaim,
        )
