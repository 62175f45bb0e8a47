"""Pronouns stand for the side their sentence names (coref). Sentences written for these tests; the classifier stage is
off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

from spacy.language import Language

from etl.extract.coref import unpronoun
from tests.etl.extract.coder import code, country_pairs


def test_pronoun_subject_takes_the_speaker(nlp: Language) -> None:
    events = code(nlp, "Japan said it would send food aid to Haiti next month.")
    assert ("03", "JPN", "HTI") in country_pairs(events)


def test_an_object_pronoun_is_not_its_own_clauses_subject(nlp: Language) -> None:
    assert ("19", "LBY", "EGY") in country_pairs(code(nlp, "Egypt said a rocket was fired at it from Libya."))


def test_a_pronoun_stands_for_its_clauses_speaker(nlp: Language) -> None:
    doc = nlp("Syria says it is willing to withdraw its troops.")
    it = doc[2]
    assert unpronoun(it) is not None and unpronoun(it).text == "Syria"
    assert unpronoun(doc[0]).i == 0 and unpronoun(None) is None  # a name stands for itself
