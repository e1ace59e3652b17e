"""Regenerate the hand-made multi-source stories in this folder (texts + SourceClaims JSON).

The stories are written here as sentences with their claims, so offsets are computed,
never typed; the generated files are committed and read by tests/test_reconcile_cases.py
style checks in test_reconcile.py. Planted findings live in expected.yaml (by hand).

    python tests/reconcile_cases/make_cases.py
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reconcile_cases.builders import Article, by, count, ev, lasted, members, prop, quote, role, when

HERE = Path(__file__).resolve().parent

COLLAPSE = ev("collapse", "Elm Street Bridge")
RESCUE = ev("rescue", "Elm Street Bridge")


def bridge() -> list[Article]:
    a = Article("bridge_a.txt", dt.date(2024, 4, 10), outlet="River Post")
    a.add("The Elm Street Bridge collapsed on Monday evening.", when("on Monday evening", COLLAPSE, weekday="Monday"))
    a.add("Nine people were killed.", count("Nine people were killed", "deaths", "nine", event=COLLAPSE))
    a.add("Another 40 were injured.", count("40 were injured", "injured", "40", event=COLLAPSE))
    a.add("The rescue lasted 12 hours.", lasted("lasted 12 hours", RESCUE, "12 hours"))
    a.add(
        "Chief Engineer Rosa Klein inspected it in March.",
        role("Chief Engineer Rosa Klein", "Rosa Klein", "Chief Engineer"),
    )
    a.add(
        "Mayor Paul Grant said: “We had no warning that the bridge was failing.”",
        quote(
            "We had no warning that the bridge was failing.",
            "Paul Grant",
            "We had no warning that the bridge was failing.",
        ),
        role("Mayor Paul Grant", "Paul Grant", "Mayor"),
    )
    a.add(
        "The bridge will reopen on Friday, officials said.",
        when("on Friday", ev("reopening", "Elm Street Bridge"), weekday="Friday", modality="planned"),
    )
    b = Article("bridge_b.txt", dt.date(2024, 4, 10), outlet="Metro Daily")
    b.add("The bridge fell on Tuesday.", when("on Tuesday", COLLAPSE, weekday="Tuesday"))
    b.add(
        "The fire department said 14 people died.",
        count("14 people died", "deaths", "14", event=COLLAPSE, attribution=by("the fire department", "organisation")),
    )
    b.add(
        "Governor Lia Marsh said dozens were dead.",
        count("dozens were dead", "deaths", "dozens", event=COLLAPSE, attribution=by("Lia Marsh")),
        role("Governor Lia Marsh", "Lia Marsh", "Governor"),
    )
    b.add("A lengthy rescue followed.", lasted("lengthy rescue", RESCUE, "lengthy"))
    b.add(
        "Former Chief Engineer Rosa Klein declined to comment.",
        role("Former Chief Engineer Rosa Klein", "Rosa Klein", "Former Chief Engineer", status="former"),
    )
    b.add(
        "Grant told reporters: “We had warning that the bridge was failing.”",
        quote(
            "We had warning that the bridge was failing.", "Paul Grant", "We had warning that the bridge was failing."
        ),
    )
    c = Article("bridge_c.txt", outlet="Valley Wire")
    c.add(
        "Monday's collapse killed at least nine.",
        count("at least nine", "deaths", "nine", hedge="at least", event=COLLAPSE),
    )
    c.add("It happened on Monday.", when("on Monday", COLLAPSE, weekday="Monday"))
    c.add("Mayor Paul Grant visited the site.", role("Mayor Paul Grant", "Paul Grant", "Mayor"))
    c.add("“There was no warning,” Grant said.", quote("There was no warning,", "Paul Grant", "There was no warning,"))
    return [a, b, c]


DEAL = ev("acquisition", "Helix Labs", "Norcom")


def merger() -> list[Article]:
    a = Article("merger_a.txt", dt.date(2023, 6, 1), outlet="Market Beat")
    a.add(
        "Norcom will buy Helix Labs for $2.1 billion.",
        count("$2.1 billion", "price", "$2.1 billion", event=DEAL, modality="planned"),
    )
    a.add("Helix has 1,800 employees.", count("1,800 employees", "employees", "1,800", event=DEAL, modality="ongoing"))
    a.add(
        "The board's three members are Ada Vo, Ben Yu and Cal Ek.",
        members("Ada Vo, Ben Yu and Cal Ek", "board", ["Ada Vo", "Ben Yu", "Cal Ek"], "complete"),
    )
    a.add(
        "Advisers include Stone & Co and Bayview Partners.",
        members("Stone & Co and Bayview Partners", "advisers on the deal", ["Stone & Co", "Bayview Partners"]),
    )
    a.add(
        "Chief Executive Nina Park said: “This deal makes us the leader in sensors.”",
        quote("This deal makes us the leader in sensors.", "Nina Park", "This deal makes us the leader in sensors."),
        role("Chief Executive Nina Park", "Nina Park", "Chief Executive"),
    )
    b = Article("merger_b.txt", dt.date(2023, 6, 2), outlet="Tech Ledger")
    b.add(
        "The deal values Helix at $2.4 billion.",
        count("$2.4 billion", "price", "$2.4 billion", event=DEAL, modality="planned"),
    )
    b.add("Helix shares rose 12%.", count("rose 12%", "share price change", "12%", event=DEAL))
    b.add(
        "The board is Ada Vo, Ben Yu and Dee Ox.",
        members("Ada Vo, Ben Yu and Dee Ox", "board", ["Ada Vo", "Ben Yu", "Dee Ox"], "complete"),
    )
    b.add(
        "Bayview Partners and Gale Bank advised, among others.",
        members("Bayview Partners and Gale Bank", "deal advisers", ["Bayview Partners", "Gale Bank"]),
    )
    b.add(
        "Helix founder Omar Reed said: “This deal makes us the leader in sensors.”",
        quote("This deal makes us the leader in sensors.", "Omar Reed", "This deal makes us the leader in sensors."),
    )
    b.add("CEO Nina Park will stay on.", role("CEO Nina Park", "Nina Park", "CEO"))
    return [a, b]


RACE = ev("marathon", "Lakeside")


def marathon() -> list[Article]:
    a = Article("race_a.txt", dt.date(2024, 10, 14), outlet="Run World")
    a.add("The Lakeside marathon was run on Sunday.", when("on Sunday", RACE, weekday="Sunday"))
    a.add(
        "More than 30,000 runners finished.",
        count("More than 30,000", "finishers", "30,000", hedge="More than", event=RACE),
    )
    a.add(
        "Kip Oduya broke the course record.",
        prop("Kip Oduya broke the course record", "Kip Oduya", "break", "the course record"),
    )
    a.add(
        "He won in two hours and five minutes.",
        lasted("two hours and five minutes", ev("winning run", "Kip Oduya"), "two hours and five minutes"),
    )
    a.add(
        "Race director Jo Hale said: “Conditions were perfect for a fast time.”",
        quote("Conditions were perfect for a fast time.", "Jo Hale", "Conditions were perfect for a fast time."),
    )
    b = Article("race_b.txt", dt.date(2024, 10, 14), outlet="Lake Gazette")
    b.add("Sunday's race drew 28,000 finishers.", count("28,000 finishers", "finishers", "28,000", event=RACE))
    b.add("It was held on Sunday.", when("on Sunday", RACE, weekday="Sunday"))
    b.add(
        "Oduya did not break the course record.",
        prop("Oduya did not break the course record", "Oduya", "break", "the course record", negated=True),
    )
    b.add(
        "His winning time was 125 minutes.",
        lasted("125 minutes", ev("winning run", "Oduya"), "125 minutes"),
    )
    b.add(
        "Oduya will race again in Boston.",
        prop("will race again in Boston", "Oduya", "race", "in Boston", modality="planned"),
    )
    b.add(
        "Hale called conditions “perfect for a fast time.”",
        quote("perfect for a fast time.", "Jo Hale", "perfect for a fast time."),
    )
    b.add(
        "About 40 runners were treated for heat.", count("About 40", "runners treated", "40", hedge="About", event=RACE)
    )
    return [a, b]


STORIES = {"bridge": bridge, "merger": merger, "marathon": marathon}


def main() -> None:
    for story, make in STORIES.items():
        folder = HERE / story
        folder.mkdir(exist_ok=True)
        for article in make():
            (folder / article.name).write_text(article.text, encoding="utf-8")
            claims = article.build()
            (folder / f"{article.name}.json").write_text(
                claims.model_dump_json(indent=2, exclude_none=False) + "\n", encoding="utf-8"
            )
            for grounded in claims.claims:
                span = grounded.evidence
                assert article.text[span.start : span.end] == span.text
    print(f"wrote {len(STORIES)} stories to {HERE}")


if __name__ == "__main__":
    main()
