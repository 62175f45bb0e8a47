"""ACLED's order and kinds of sides (acled_sides): protesters first, victims second, generic sides, inter codes.
Sentences written for these tests; the classifier stage is off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.extract.acled_sides import acled_sides, state_force_hit
from schemas.models import Actor
from tests.etl.extract.coder import code, main


def test_acled_sides_protesters_first_victims_second(nlp: Language) -> None:
    ev = main(code(nlp, "Police dispersed hundreds of protesters with tear gas in Nairobi, Kenya."))
    assert ev.event_type == "Protests"
    assert ev.actor1 is not None and ev.actor1.inter == 6
    assert ev.actor2 is not None and ev.actor2.inter == 1
    victim = main(code(nlp, "Gunmen killed a shopkeeper in a village in northern Nigeria."))
    assert victim.sub_event_type == "Attack"
    assert victim.actor2 is not None and victim.actor2.inter == 7


def test_acled_sides_of_unknown_perpetrators_and_victims(nlp: Language) -> None:
    ev = main(code(nlp, "On 3 May 2024, a trader was shot and killed by two armed men in Kisumu, Kenya."))
    assert ev.actor1 is not None and ev.actor1.inter == 3  # the agent serves both conjoined verbs
    bomb = main(code(nlp, "On 4 May 2024, a bomb exploded at a market in Mogadishu, Somalia, wounding three women."))
    assert bomb.actor1 is not None and bomb.actor1.name.startswith("Unidentified Armed Group")
    assert bomb.actor2 is not None and bomb.actor2.inter == 7


def test_rioters_met_with_tear_gas_have_the_police_for_a_second_side() -> None:
    """A violent demonstration the police engaged (tear gas, water cannon) has them as actor2; one they did not
    has none."""
    rioters = Actor(name="Protesters (Kenya)", country="KEN", cameo="KENOPP", inter=6, text="protesters")
    met = "Protesters threw stones at the county offices in Nakuru and police fired tear gas to disperse them."
    _, a2 = acled_sides("Violent demonstration", rioters, None, "KEN", met)
    assert a2 is not None and a2.inter == 1 and a2.country == "KEN"
    _, a2 = acled_sides("Violent demonstration", rioters, None, "KEN", "Protesters threw stones at the county offices.")
    assert a2 is None


def test_peaceful_protest_has_no_second_party(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 May 2024, teachers protested peacefully against the government in Accra, Ghana."))
    assert ev.sub_event_type == "Peaceful protest"
    # no ACLED second side: only the country where it was done, as the CAMEO coders' target (no inter code)
    assert ev.actor2 is not None and (ev.actor2.cameo, ev.actor2.inter) == ("GHA", None)


def test_unnamed_state_forces_belong_where_it_happens(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 May 2024, soldiers detained 35 Cuban migrants near Chetumal, Quintana Roo, Mexico."))
    assert ev.actor1 is not None and ev.actor1.country == "MEX"


def test_an_organisation_holding_a_protest_is_protesters(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 May 2024, members of the Zorblat Union held a protest in Madrid, Spain."))
    assert ev.actor1 is not None and ev.actor1.inter == 6 and ev.actor1.name == "Protesters (Spain)"


def test_attacks_on_state_forces_are_clashes_with_them(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 May 2024, armed men opened fire on two policemen in Tulua, Colombia."))
    assert ev.event_type == "Battles" and ev.actor2 is not None and ev.actor2.inter == 1
    ied = main(code(nlp, "On 2 May 2024, an IED exploded targeting a military convoy near Daraa, Syria."))
    assert ied.sub_event_type == "Remote explosive/landmine/IED"
    assert ied.actor2 is not None and ied.actor2.name.startswith("Military Forces")


def test_peaceful_protest_keeps_counter_protesters_only(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 May 2024, students and teachers protested peacefully in Porto, Portugal."))
    assert ev.actor2 is None or ev.actor2.inter is None  # the teachers are no second side (the country may be)


def test_an_unlisted_armed_group_is_a_militia(nlp: Language) -> None:
    ev = main(code(nlp, "On 16 January 2022, Zorbak-KLM killed a civilian in Kalo village and stole goods."))
    assert ev.actor1 is not None and ev.actor1.inter == 3


@pytest.mark.parametrize("victim", ["a town councillor", "an off-duty police officer", "the district prosecutor"])
def test_unarmed_officials_and_off_duty_police_are_attacked_not_fought(nlp: Language, victim: str) -> None:
    ev = main(code(nlp, f"On 2 June 2022, gunmen shot and killed {victim} outside a shop in Cali."))
    assert ev.sub_event_type == "Attack"
    assert ev.actor2 is not None and ev.actor2.inter == 7


def test_a_police_patrol_ambushed_is_still_a_clash(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 June 2022, gunmen attacked a police patrol in Cali, killing two officers."))
    assert ev.sub_event_type == "Armed clash"


def test_an_unnamed_side_is_of_the_country_where_it_happened(nlp: Language) -> None:
    ev = main(code(nlp, "The Somali militant group is claiming responsibility for a deadly attack on shoppers at a "
                        "mall in Kenya's capital."))
    assert ev.location is not None and ev.location.country == "KEN"
    assert ev.actor2 is not None and ev.actor2.cameo == "KENCVL"


def test_a_state_force_hit_is_read_from_the_text() -> None:
    assert state_force_hit("Gunmen opened fire on two policemen at a checkpoint.") == "police"
    assert state_force_hit("Three soldiers were killed in the ambush.") == "military"
    assert state_force_hit("Gunmen shot an off-duty policeman.") is None
    assert state_force_hit("They killed a retired soldier.") is None


def test_protesters_lead_and_the_police_follow() -> None:
    police = Actor(name="Police Forces of Kenya", country="KEN", cameo="KENCOP", inter=1, text="police")
    a1, a2 = acled_sides("Protest with intervention", police, None, "KEN")
    assert a1 is not None and a1.name == "Protesters (Kenya)" and a2 == police
    a1, a2 = acled_sides("Attack", None, None, "KEN")
    assert (a1.name, a2.name) == ("Unidentified Armed Group (Kenya)", "Civilians (Kenya)")


def test_sides_named_by_common_nouns_belong_where_it_happens() -> None:
    from etl.extract.acled_sides import placed

    people = Actor(name="Civilians (Kenya)", country="KEN", cameo="KENCVL", inter=7, text="12 people")
    moved = placed(people, "SOM")
    assert moved is not None and moved.country == "SOM" and moved.name == "Civilians (Somalia)"
    assert moved.text == "12 people"
    kenyans = Actor(name="Civilians (Kenya)", country="KEN", cameo="KENCVL", inter=7, text="Kenyan traders")
    assert placed(kenyans, "SOM") == kenyans  # the text names their country
    crowd = Actor(name="Protesters (Israel)", country="ISR", cameo="ISROPP", inter=6, text="hundreds of people")
    moved = placed(crowd, "TUR")  # "hundreds of people massed in front of Israel's consulate in Istanbul"
    assert moved is not None and moved.name == "Protesters (Turkey)" and moved.inter == 6


@pytest.mark.parametrize(("text", "inter"), [
    ("On 2 May 2024, gunmen killed five farmers in a village in Plateau, Nigeria.", 7),
    ("On 2 May 2024, armed men abducted three teachers near Kaduna, Nigeria.", 7),
])
def test_working_people_hit_are_civilians(nlp: Language, text: str, inter: int) -> None:
    ev = main(code(nlp, text))
    assert ev.actor2 is not None and ev.actor2.inter == inter and ev.actor2.name.startswith("Civilians")


def test_working_people_demonstrating_stay_protesters(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 May 2024, police shot dead two farmers at a protest over land in Kisii, Kenya."))
    assert ev.sub_event_type == "Excessive force against protesters"
    assert ev.actor1 is not None and ev.actor1.inter == 6 and ev.actor1.name.startswith("Protesters")


def test_a_crowd_at_a_protest_is_its_protesters(nlp: Language) -> None:
    from etl.extract.actors import get_actor_resolver

    doc = nlp("a crowd")
    crowd = get_actor_resolver().resolve(doc[:], doc, default_country="IRN")
    assert crowd is not None and crowd.inter == 5  # rioters, as a crowd that attacks someone is
    protest, _ = acled_sides("Peaceful protest", crowd, None, "IRN")
    assert protest is not None and protest.name == "Protesters (Iran)" and protest.inter == 6
    riot, _ = acled_sides("Mob violence", crowd, None, "IRN")
    assert riot is not None and riot.inter == 5


def test_a_force_is_not_hit_by_its_own_shelling(nlp: Language) -> None:
    """The army convoy another clause's rebels ambushed is no target of the army's own shelling."""
    events = code(nlp, "Nigerian troops shelled four villages in Borno state on Monday, killing five civilians, a day "
                       "after insurgents ambushed an army convoy on the main road, residents said.")
    shelling = [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].actor1 is not None and shelling[0].actor1.inter == 1
    assert shelling[0].actor2 is None or shelling[0].actor2.inter != 1


def test_no_state_demonstrates() -> None:
    """"Police fired tear gas at students as they marched on the provincial government's offices": the two sides
    named are the state's, so the crowd the text did not name is actor1 and the force that met it actor2 (not the
    office marched on)."""
    police = Actor(name="Police Forces of Kenya", country="KEN", cameo="KENCOP", inter=1, text="Police")
    office = Actor(name="Government of Kenya", country="KEN", cameo="KENGOV", inter=1, text="the offices")
    a1, a2 = acled_sides("Protest with intervention", police, office, "KEN")
    assert a1 is not None and a1.name == "Protesters (Kenya)" and a2 == police


def test_the_people_a_bomb_hit_did_not_set_it_off() -> None:
    """"A passenger bus struck an explosive device": the passengers, read as the subject, are the bomb's victims,
    and its unnamed doer an unidentified armed group (ACLED's civilians do no remote violence)."""
    passengers = Actor(name="Civilians (Mali)", country="MLI", cameo="MLICVL", inter=7, text="A passenger bus")
    a1, a2 = acled_sides("Remote explosive/landmine/IED", passengers, None, "MLI")
    assert a1 is not None and a1.name == "Unidentified Armed Group (Mali)" and a2 == passengers
