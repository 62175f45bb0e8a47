"""No side against itself: one party on both sides is a misreading, replaced by the party the act implies."""

from __future__ import annotations

from datetime import datetime

import pytest
from spacy.language import Language

from etl.extract.coding import code_doc
from etl.extract.sides import distinct_sides, is_collective, is_state, own_target, same_party
from schemas.models import Actor, Article, Event

ARMY = Actor(name="Military Forces of Sudan", country="SDN", cameo="SDNMIL", inter=1, text="the army")
POLICE = Actor(name="Police Forces of Sudan", country="SDN", cameo="SDNCOP", inter=1, text="police")
STATE = Actor(name="Sudan", country="SDN", cameo="SDN", inter=1, text="Sudan")
REBELS = Actor(name="SPLM-N", country="SDN", cameo="SDNREB", inter=2, text="SPLM-N")
RIOTERS = Actor(name="Rioters (Sudan)", country="SDN", cameo="SDNOPP", inter=5)
GUNMEN = Actor(name="Unidentified Armed Group (Sudan)", country="SDN", cameo="SDNUAF", inter=3)


def test_what_is_one_party() -> None:
    assert same_party(ARMY, ARMY, violent=False)
    assert same_party(STATE, ARMY, violent=True)  # a state and its own army
    assert not same_party(STATE, ARMY, violent=False)  # a state may speak of its own army
    assert same_party(ARMY, STATE, violent=False)  # its army does not address the state as a whole
    assert same_party(ARMY, POLICE, violent=True)  # "the army" and "police": one state's forces, in common nouns
    mutineers = ARMY.model_copy(update={"text": "mutinous soldiers"})
    assert not same_party(mutineers, POLICE, violent=True)  # a mutiny is two parties
    named = POLICE.model_copy(update={"name": "Rapid Support Forces", "cameo": "SDNMIL", "text": "the RSF"})
    assert not same_party(ARMY, named, violent=True)  # named forces of one state may clash
    government = Actor(name="Government of Sudan", country="SDN", cameo="SDNGOV", inter=1, text="the government")
    assert same_party(government, ARMY, violent=True) and not same_party(government, ARMY, violent=False)
    assert not same_party(ARMY, REBELS, violent=True)
    assert not same_party(RIOTERS, RIOTERS, violent=True) and not same_party(GUNMEN, GUNMEN, violent=True)
    victim = ARMY.model_copy(update={"inter": 7, "name": "Police Forces of Sudan", "cameo": "SDNCOP"})
    assert not same_party(ARMY, victim, violent=True)  # an off-duty officer is a civilian where force is used
    assert is_state(STATE) and is_state(ARMY) and not is_state(REBELS)
    assert is_collective(RIOTERS) and is_collective(GUNMEN) and not is_collective(ARMY)
    militia = Actor(name="Communal Militia (Sudan)", country="SDN", cameo="SDNREB", inter=4, text="a Dinka militia")
    assert is_collective(militia) and not same_party(militia, militia, violent=True)


@pytest.mark.parametrize(("sub", "first", "expected"), [
    ("Armed clash", ARMY, "Unidentified Armed Group (Sudan)"),
    ("Armed clash", REBELS, "Military Forces of Sudan"),
    ("Attack", ARMY, "Civilians (Sudan)"),
    ("Arrests", POLICE, "Civilians (Sudan)"),
    ("Protest with intervention", ARMY, "Police Forces of Sudan"),
])
def test_the_second_side_becomes_the_party_the_act_implies(sub: str, first: Actor, expected: str) -> None:
    a1, a2 = distinct_sides(sub, "190", first, first, "SDN", True) or (None, None)
    assert a1 == first and a2 is not None and a2.name == expected


def test_a_force_that_was_hit_keeps_its_side() -> None:
    a1, a2 = distinct_sides("Attack", "180", POLICE, POLICE, "SDN", True, "police") or (None, None)
    assert a2 == POLICE and a1 is not None and a1.name == "Unidentified Armed Group (Sudan)"


def test_the_government_side_of_a_clash_with_its_own_forces_is_the_misreading() -> None:
    government = Actor(name="Government of Sudan", country="SDN", cameo="SDNGOV", inter=1, text="the regime's")
    a1, a2 = distinct_sides("Armed clash", "190", government, ARMY, "SDN", True) or (None, None)
    assert a2 == ARMY and a1 is not None and a1.name == "Unidentified Armed Group (Sudan)"
    a1, a2 = distinct_sides("Attack", "180", POLICE, government, "SDN", True) or (None, None)
    assert a1 == POLICE and a2 is not None and a2.name == "Civilians (Sudan)"


def test_one_party_meeting_itself_is_no_event() -> None:
    assert distinct_sides(None, "040", STATE, STATE, "SDN", False) is None
    assert distinct_sides(None, "112", STATE, STATE, "SDN", False) == (STATE, None)


def test_a_state_is_not_its_own_target() -> None:
    assert own_target(STATE, "SDN", "010") and own_target(ARMY, "SDN", "194")
    assert not own_target(ARMY, "SDN", "042") and not own_target(ARMY, "TCD", "194")


def _code(nlp: Language, text: str) -> list[Event]:
    return code_doc(nlp(text), Article(id="s", text=text, published_at=datetime(2026, 12, 2)), use_classifier=False)


@pytest.mark.parametrize("text", [
    "Police said unknown gunmen opened fire on police officers at a checkpoint in Kisumu, killing two.",
    "The Sudanese army clashed with the army in El Obeid on Monday.",
    "Soldiers attacked soldiers at a base near Gao.",
    "Israel struck Israel on Sunday.",
    "The army said troops shelled army positions near Donetsk.",
    "Police arrested three police officers accused of extortion in Lagos.",
    "Chinese officials met Chinese officials in Beijing.",
])
def test_no_event_has_a_side_against_itself(nlp: Language, text: str) -> None:
    for ev in _code(nlp, text):
        if ev.actor1 is not None and ev.actor2 is not None:
            assert not same_party(ev.actor1, ev.actor2, violent=True), (ev.actor1.name, ev.actor2.name)


def test_shooting_at_police_is_by_someone_else(nlp: Language) -> None:
    (ev,) = [e for e in _code(nlp, "Police said unknown gunmen opened fire on police officers at a checkpoint in "
                                   "Kisumu, killing two.") if e.main]
    assert ev.actor2 is not None and ev.actor2.name == "Police Forces of Kenya"
    assert ev.actor1 is not None and ev.actor1.name != ev.actor2.name


def test_two_crowds_of_one_name_stay_two_groups(nlp: Language) -> None:
    (ev,) = [e for e in _code(nlp, "Rioters clashed with rival rioters in Dhaka.") if e.main]
    assert ev.actor1 is not None and ev.actor2 is not None
    assert ev.actor1.inter == ev.actor2.inter == 5


def test_a_state_does_not_speak_to_itself() -> None:
    from etl.extract.sides import same_party
    from schemas.models import Actor

    government = Actor(name="Government of Iran", country="IRN", cameo="IRNGOV", inter=1)
    state = Actor(name="Iran", country="IRN", cameo="IRN", inter=8)
    army = Actor(name="Military Forces of Iran", country="IRN", cameo="IRNMIL", inter=1)
    person = Actor(name="Rasmussen", country="IRN", cameo="IRN")  # someone only placed in the country
    crowd = Actor(name="Civilians (Iran)", country="IRN", inter=7)
    assert same_party(government, state, violent=False)
    assert same_party(crowd, crowd.model_copy(), violent=False)
    assert not same_party(crowd, crowd.model_copy(), violent=True)  # two crowds of one name can fight
    assert not same_party(army, government, violent=False)  # an army may criticise its government
    assert not same_party(person, state, violent=False)


def test_in_a_full_article_a_government_is_not_targeted_at_its_own_country() -> None:
    gov = Actor(name="Government of Sudan", country="SDN", cameo="SDNGOV", inter=1)
    assert not own_target(gov, "SDN", "016")  # the CAMEO convention of the short-report gold sets
    assert own_target(gov, "SDN", "016", strict=True)
    assert not own_target(gov, "TCD", "016", strict=True)
    assert own_target(ARMY, "SDN", "042", strict=True)  # nor its forces
    assert not own_target(ARMY, "SDN", "042")


def test_an_article_sentences_denial_by_a_government_has_no_target_of_its_own(nlp: Language) -> None:
    from datetime import datetime

    from etl.extract.coding import code_doc
    from schemas.models import Article
    from tests.etl.extract.test_crime import REST

    lead = "Uganda's foreign minister denied the charge in Kampala on Saturday."
    events = code_doc(nlp(lead + REST), Article(id="t", text=lead + REST, published_at=datetime(2024, 5, 10)),
                      reportable=False)
    pairs = [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None)
             for e in events if e.sources[0].start == 0]
    assert pairs and all(a2 != "Uganda" for _, a2 in pairs)


def test_a_speakers_guessed_country_gives_way_to_the_target_the_text_names() -> None:
    ministers = Actor(name="Government of Russia", country="RUS", cameo="RUSGOV", inter=1, text="G7 foreign ministers")
    russia = Actor(name="Russia", country="RUS", cameo="RUS", inter=1, text="Russia")
    sides = distinct_sides(None, "020", ministers, russia, "RUS", violent=False)
    assert sides is not None
    speaker, target = sides
    assert target == russia and speaker is not None and speaker.country is None and speaker.name == "Government"


def test_a_speaker_who_names_his_country_keeps_it() -> None:
    minister = Actor(name="Government of Russia", country="RUS", cameo="RUSGOV", inter=1,
                     text="the Russian foreign minister")
    russia = Actor(name="Russia", country="RUS", cameo="RUS", inter=1, text="Russia")
    sides = distinct_sides(None, "020", minister, russia, "RUS", violent=False)
    assert sides is not None and sides[0] == minister and sides[1] is None  # a state does not appeal to itself
