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
by its group's words; a statement by subject and words. A model's alignment, when there is one,
joins keys whose claims it grouped (:mod:`~checker.reconcile.alignment`). Every voice meets every
other: values keep their attribution and the explanation names it.

Where it fails
--------------
* Synonyms beyond the tables ("key rate" / "benchmark interest rate", "money lost" / "amount
  defrauded") meet only through a model's alignment.
* An article's main event meets the others' main events whatever their type; a story whose
  articles each lead with a different event of it (one the fire, one the evacuation) can merge them.
* Unnamed people ("a gunman", "the victim") are matched by their words only.
* A proposition is matched by its words, so two statements about one subject with most words in
  common may be merged, and one statement in different words stays apart unless a model aligns it.
* Different currencies are never compared; units are converted only between metric and imperial
  lengths, masses and speeds the normalisers know.
"""

from checker.reconcile.alignment import Alignment
from checker.reconcile.assemble import reconcile

__all__ = ["Alignment", "reconcile"]
