"""Acts told as habits are background, on sentences written for these tests."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.extract.classify.stage import (
    is_heading,
    told_as_going_on,
    told_as_habit,
    told_as_pattern,
    told_as_planned,
    told_as_purpose,
    told_as_standing,
    told_as_state,
)


def _verb(nlp: Language, text: str, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in nlp(text) if t.text == word)


@pytest.mark.parametrize(("text", "word"), [
    ("The rebels routinely deny sheltering foreign fighters.", "deny"),
    ("The government has generally denied holding political prisoners.", "denied"),
    ("Moscow has consistently rejected any role in the jamming.", "rejected"),
    ("Western governments have repeatedly called for an inclusive cabinet.", "called"),
    ("The ministry has never condemned the invasion.", "condemned"),
    ("The two clans have fought for decades over grazing land.", "fought"),
    ("Despite the losses, the army continues to shell the northern villages.", "shell"),
    ("Rebel commanders have in the past accused the army of burning villages.", "accused"),
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
    ("Riot police fired tear gas to disperse the crowd outside the court.", "disperse", False),
    ("Officers used batons and water cannon to break up the march.", "break", False),
    ("Police have brought water cannon to disperse any march.", "disperse", True),
    ("Police fired tear gas and live ammunition to disperse hundreds of protesters on Tuesday.", "disperse", False),
])
def test_purposes(nlp: Language, text: str, word: str, purpose: bool) -> None:
    assert told_as_purpose(_verb(nlp, text, word)) is purpose


@pytest.mark.parametrize(("text", "word", "standing"), [
    ("China claims about 90% of the sea.", "claims", True),
    ("The separatist group accuses the government of exploiting the province.", "accuses", True),
    ("Beijing denies the allegations.", "denies", True),
    ('"We strongly reject the baseless allegations," the spokesman told reporters.', "reject", False),
    ("Putin said on Thursday that Russia supports the proposal in principle.", "supports", False),
    ("Ankara is threatening retaliation against Washington.", "threatening", False),
    ("The ministry rejected the allegations on Monday.", "rejected", False),
])
def test_standing_positions(nlp: Language, text: str, word: str, standing: bool) -> None:
    assert told_as_standing(_verb(nlp, text, word)) is standing


@pytest.mark.parametrize(("text", "word", "pattern"), [
    ("The insurgents have stepped up raids on police stations across the north.", "raids", True),
    ("The movement has claimed responsibility for several deadly bombings since spring.", "bombings", True),
    ("Recent arrests of opposition students have alarmed diplomats.", "arrests", True),
    ("Two attacks on army posts killed nine soldiers.", "attacks", False),
    ("The attacks left the town without power, the governor said.", "attacks", False),
    ("Gunmen carried out raids on three villages on Tuesday.", "raids", False),
    ("In October, the air force carried out a series of strikes on rebel depots.", "strikes", False),
    ("The rebels were holding hostages in the school.", "hostages", False),
    ("Aerial bombardments on villages in the north killed at least 19 civilians.", "bombardments", False),
    ("Raids over the weekend left the district without power.", "Raids", False),
    ("Large marches also took place in Cordoba and Rosario.", "marches", False),
    ("Smaller walkouts were held in Cebu and Davao.", "walkouts", False),
    ("Marches take place in Cordoba every year.", "Marches", True),
])
def test_patterns_of_acts(nlp: Language, text: str, word: str, pattern: bool) -> None:
    assert told_as_pattern(_verb(nlp, text, word)) is pattern


@pytest.mark.parametrize(("text", "word", "going_on"), [
    ("Fighting has continued in the eastern provinces despite the truce.", "Fighting", True),
    ("Clashes raged across the region as the talks stalled.", "Clashes", True),
    ("Fighting continued on Monday near the airport, residents said.", "Fighting", False),
    ("Fighting erupted in the town after the vote.", "Fighting", False),
])
def test_an_act_told_as_going_on_is_a_situation(nlp: Language, text: str, word: str, going_on: bool) -> None:
    assert told_as_going_on(_verb(nlp, text, word)) is going_on


def test_a_habit_of_the_acts_named_as_subject(nlp: Language) -> None:
    tok = _verb(nlp, "Protests have repeatedly turned violent in the capital.", "turned")
    assert told_as_habit(tok)


@pytest.mark.parametrize(("text", "word", "planned"), [
    ("Unions called off the planned march on Thursday.", "march", True),
    ("Teachers announced a strike scheduled for Monday.", "strike", True),
    ("Thousands joined the march on Thursday.", "march", False),
])
def test_a_planned_act_is_not_done(nlp: Language, text: str, word: str, planned: bool) -> None:
    assert told_as_planned(_verb(nlp, text, word)) is planned


def test_acts_over_recent_years_are_a_habit(nlp: Language) -> None:
    assert told_as_habit(_verb(nlp, "Authorities suspended several foreign broadcasters in recent years.", "suspended"))
    assert not told_as_habit(_verb(nlp, "Authorities suspended the broadcaster in 2024.", "suspended"))
