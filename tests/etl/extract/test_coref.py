"""Pronouns stand for the side their sentence names (coref). Sentences written for these tests; the classifier stage is
off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

from spacy.language import Language

from tests.etl.extract.coder import code, country_pairs


def test_pronoun_subject_takes_the_speaker(nlp: Language) -> None:
    events = code(nlp, "Japan said it would send food aid to Haiti next month.")
    assert ("03", "JPN", "HTI") in country_pairs(events)


def test_an_object_pronoun_is_not_its_own_clauses_subject(nlp: Language) -> None:
    assert ("19", "LBY", "EGY") in country_pairs(code(nlp, "Egypt said a rocket was fired at it from Libya."))
