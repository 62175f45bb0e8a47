"""An event's certainty (certainty): lowered by negation and hedging. Sentences written for these tests; the classifier
stage is off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

from spacy.language import Language

from tests.etl.extract.coder import code, main


def test_negation_lowers_certainty(nlp: Language) -> None:
    plain = main(code(nlp, "The army attacked the town."))
    negated = main(code(nlp, "The army did not attack the town."))
    assert negated.negated and not plain.negated
    assert negated.certainty < plain.certainty and negated.fatalities == 0


def test_hedging_is_marked(nlp: Language) -> None:
    ev = main(code(nlp, "Rebels reportedly attacked a military base near the town."))
    assert ev.hedged
    assert ev.confidence < main(code(nlp, "Rebels attacked a military base near the town.")).confidence
