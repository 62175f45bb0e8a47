"""Acts told as habits are background, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.extract.classify.stage import is_heading, told_as_habit, told_as_purpose, told_as_state


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


@pytest.mark.parametrize(("text", "word", "state"), [
    ("The two soldiers, both wounded, were taken to the capital.", "wounded", True),
    ("Two soldiers, though wounded, survived the ambush.", "wounded", True),
    ("Officials questioned the captured fighters on Friday.", "captured", True),
    ("The report named troops fighting alongside the militia.", "fighting", True),
    ("Capturing them alive was no small feat, the commander said.", "Capturing", True),
    ("Gunmen wounded two soldiers at a checkpoint on Friday.", "wounded", False),
    ("Militants stormed the village, killing three farmers.", "killing", False),
])
def test_states_and_acts(nlp: Language, text: str, word: str, state: bool) -> None:
    assert told_as_state(_verb(nlp, text, word)) is state


@pytest.mark.parametrize(("text", "heading"), [
    ("Captured Soldiers Provide Key Insights\n", True),
    ("Troops captured two soldiers.", False),
    ("Why It Matters:", False),
])
def test_headings(nlp: Language, text: str, heading: bool) -> None:
    assert is_heading(nlp(text)[:]) is heading


@pytest.mark.parametrize(("text", "word", "purpose"), [
    ("Pyongyang deployed thousands of soldiers to support the offensive.", "support", True),
    ("Britain is seeking to cede sovereignty over the islands.", "cede", True),
    ("The army shelled the town on Monday.", "shelled", False),
])
def test_purposes(nlp: Language, text: str, word: str, purpose: bool) -> None:
    assert told_as_purpose(_verb(nlp, text, word)) is purpose
