"""Acts told as habits are background, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.extract.classify.stage import told_as_habit


def _verb(nlp: Language, text: str, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize(("text", "word"), [
    ("The rebels routinely deny sheltering foreign fighters.", "deny"),
    ("Western governments have repeatedly called for an inclusive cabinet.", "called"),
    ("The ministry has never condemned the invasion.", "condemned"),
    ("The two clans have fought for decades over grazing land.", "fought"),
    ("Despite the losses, the army continues to shell the northern villages.", "shell"),
])
def test_habits(nlp: Language, text: str, word: str) -> None:
    assert told_as_habit(_verb(nlp, text, word))


@pytest.mark.parametrize(("text", "word"), [
    ("The rebels denied on Monday that they had sheltered foreign fighters.", "denied"),
    ("Troops fought insurgents for two hours near the bridge.", "fought"),
])
def test_single_acts(nlp: Language, text: str, word: str) -> None:
    assert not told_as_habit(_verb(nlp, text, word))
