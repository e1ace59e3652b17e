"""The deterministic reconciler: align claims about the same fact across sources and judge them.

Pure code: no model, no network, no clock, no randomness, no I/O. The same claims in any order give
a byte-identical report, because the input is put into one canonical order first
(:mod:`~checker.reconcile.items`) and no set or hash order ever reaches the output.

How claims meet (alignment)
---------------------------
First the story is resolved, across all articles at once (:mod:`~checker.reconcile.resolve`):

* **entities** (:mod:`~checker.reconcile.resolve.entities`): one key per person, organisation or
  place, whatever each article calls it ("Zelenskyy"/"Zelensky", "the Acme Chemical plant"/"Acme
  Chemicals", "Central Bank of Freedonia"/"Freedonia's central bank", "NTSC");
* **events** (:mod:`~checker.reconcile.resolve.events`): one cluster per event, by type synonyms,
  the articles' main events, participants as entities; apart only on positive evidence (dates,
  disjoint participants, planned against happened, background against reported);

then each kind gives every claim a fact key (:mod:`~checker.reconcile.judge`): a time and a
length by event; a number by measure ("people killed" = "deaths" = "death toll"), whose number it
is, event and dimension; an office by person and the office's head; a quotation by speaker; a list
by its group's words; a statement by subject and words. A model's alignment, when there is one
(:mod:`checker.align`, prompt ``align_claims.v1``), puts claims that state one fact into groups
whatever their words; a claim it grouped is judged with its group, the rules join the rest
(:mod:`~checker.reconcile.alignment`). Every voice meets every other: values keep their
attribution and the explanation names it. Each finding says which rule decided it and whether
rules or a model aligned its values.

Where it fails
--------------
Measured on the evaluation stories (``docs/quality.md``):

* Without a model, synonyms beyond the tables ("key rate" / "benchmark interest rate", "money
  lost" / "amount defrauded") never meet: on the dev stories rules alone find 42 of 64 must
  conflicts, with the model's alignment 58.
* With a model, the alignment decides for the claims it groups: a toll it keeps apart as a later
  update, or a start time it files under two groups, is not compared, and one it wrongly joins
  is judged (held out: 5 of 104 agreeing pairs were called conflicts, and 4 findings on a story
  with no conflict).
* Statements are judged by polarity only: "died at the scene" against "died on the way to
  hospital", or "will become vice-chairman" against "will retire", are not called conflicts.
* An article's main event meets the others' main events whatever their type; a story whose
  articles each lead with a different event of it (one the fire, one the evacuation) can merge them.
* Unnamed people ("a gunman", "the victim") are matched by their words only.
* One voice giving three or more different values for one key is taken as several facts and not
  compared (``<kind>.several_facts``): a genuine three-way contradiction inside one article is
  missed.
* Different currencies are never compared; a local clock time is compared with an instant only
  when the story gives both for the same fact.
"""

from checker.reconcile.alignment import Alignment
from checker.reconcile.assemble import reconcile

__all__ = ["Alignment", "reconcile"]
