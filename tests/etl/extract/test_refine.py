"""The ACLED sub-event type an act's cues decide (refine): weapons, crowd behaviour, victims, and the CAMEO code that
follows the type. Sentences written for these tests; the classifier stage is off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.extract.refine import event_code, event_type_of, refine_acled
from tests.etl.extract.coder import code, main


@pytest.mark.parametrize(("text", "sub"), [
    ("Government warplanes carried out an air strike on the rebel camp, killing six fighters.", "Air/drone strike"),
    ("Artillery shelling hit the outskirts of the town overnight.", "Shelling/artillery/missile attack"),
    ("A roadside bomb exploded near a police patrol outside the city.", "Remote explosive/landmine/IED"),
    ("A suicide bomber blew himself up at a checkpoint.", "Suicide bomb"),
    ("Unknown attackers hurled a grenade at a market stall.", "Grenade"),
    ("Government forces used chlorine gas against rebels in the besieged suburb.", "Chemical weapon"),
    ("Monitors counted 40 explosions involving mortars and unknown weapons near the front line.",
     "Shelling/artillery/missile attack"),
])
def test_weapon_cues_decide_remote_violence(nlp: Language, text: str, sub: str) -> None:
    ev = main(code(nlp, text))
    assert ev.sub_event_type == sub
    assert ev.event_type == "Explosions/Remote violence"


def test_crowd_behaviour(nlp: Language) -> None:
    assert main(code(nlp, "Thousands of students marched peacefully through the capital.")).sub_event_type \
        == "Peaceful protest"
    ev = main(code(nlp, "Police fired tear gas to disperse hundreds of protesters on Tuesday."))
    assert ev.sub_event_type == "Protest with intervention"
    assert ev.actor1 is not None and ev.actor1.inter == 6


def test_armed_sides_make_a_clash(nlp: Language) -> None:
    ev = main(code(nlp, "Rebels attacked a military base near the border."))
    assert ev.event_type == "Battles" and ev.sub_event_type == "Armed clash"


def test_barricades_make_a_riot_effigies_do_not(nlp: Language) -> None:
    riot = main(code(nlp, "Students staged a demonstration and erected barricades of burning tyres on the main road."))
    assert riot.sub_event_type == "Violent demonstration" and riot.event_type == "Riots"
    calm = main(code(nlp, "Party members staged a protest and burned an effigy of the minister."))
    assert calm.sub_event_type == "Peaceful protest"


def test_detainees_a_protest_is_about_are_no_intervention(nlp: Language) -> None:
    calm = main(code(nlp, "On 2 May 2024, relatives protested in Lima, Peru, to demand the release of activists "
                          "detained last week."))
    assert calm.sub_event_type == "Peaceful protest"
    broken = main(code(nlp, "On 2 May 2024, police arrested 14 protesters in Lima, Peru."))
    assert broken.sub_event_type == "Protest with intervention"


def test_killed_soldiers_make_a_clash_in_cameo_too(nlp: Language) -> None:
    ev = main(code(nlp, "There were five Chadian soldiers killed near the border on Sunday."))
    assert ev.actor2 is not None and ev.actor2.country == "TCD" and ev.actor2.inter == 1
    assert ev.sub_event_type == "Armed clash" and ev.cameo_root == "19"


def test_crowd_violence_is_the_crowd_s_own() -> None:
    from etl.extract.refine import violent_crowd

    assert violent_crowd("Protesters clashed with police and threw stones.")
    assert not violent_crowd("Residents protested against the stone pelting at a school.")
    assert not violent_crowd("Students burned a school uniform shirt during the march.")
    assert not violent_crowd("Police erected barricades to stop the march.")


def test_a_few_armed_individuals_are_no_mob_and_a_beating_crowd_is(nlp: Language) -> None:
    shot = main(code(nlp, "On 2 May 2024, two individuals opened fire and killed a man in Tijuana, Mexico."))
    assert shot.sub_event_type == "Attack" and shot.actor1 is not None and shot.actor1.inter == 3
    stoned = main(code(nlp, "On 2 May 2024, settlers hurled stones at passing cars near Hebron."))
    assert stoned.event_type == "Riots"


@pytest.mark.parametrize("text", [
    "On 3 January 2022, around 2,500 people demonstrated in Magdeburg. Demonstrators threw bottles at police.",
    "On 31 January 2022, in Maceio, residents blocked an avenue by setting tyres on fire to demand water.",
    "On 13 April 2022, passengers demonstrated and destroyed some facilities at the airport over a delay.",
])
def test_a_crowd_that_throws_burns_or_destroys_is_violent(nlp: Language, text: str) -> None:
    assert main(code(nlp, text)).sub_event_type == "Violent demonstration"


def test_settlers_raiding_villagers_is_mob_violence(nlp: Language) -> None:
    ev = main(code(nlp, "On 29 March 2022, Israeli settlers hurled stones at Palestinian cars near Burin village."))
    assert ev.sub_event_type == "Mob violence" and ev.actor1 is not None and ev.actor1.inter == 5


def test_a_killing_by_heavy_weapons_is_that_force(nlp: Language) -> None:
    events = code(nlp, "Three civilians were killed in a Turkish air strike on the village.")
    assert {e.cameo_code for e in events} == {"195"}  # one act, told by the verb and the noun


def test_protesters_who_demand_or_denounce_hold_a_protest(nlp: Language) -> None:
    ev = main(code(nlp, "On 13 January, protesters demanded access to running water and labor rights."))
    assert ev.event_type == "Protests" and ev.sub_event_type == "Peaceful protest"
    ev = main(code(nlp, "On 19 February, coffee workers staged a picket outside their workplace."))
    assert ev.sub_event_type == "Peaceful protest"


def test_damage_done_by_a_crowd_is_read_when_nothing_else_is_told(nlp: Language) -> None:
    ev = main(code(nlp, "On 4 May 2024, rioters broke the windows of a bank in Lyon."))
    assert (ev.cameo_code, ev.event_type) == ("1712", "Riots")


def test_an_occupation_or_a_road_closed_by_a_crowd_is_a_protest(nlp: Language) -> None:
    school = main(code(nlp, "On 6 May 2024, students occupied their school in Bari to denounce the exam reform."))
    assert (school.sub_event_type, school.cameo_code) == ("Peaceful protest", "141")
    road = main(code(nlp, "On 6 May 2024, residents closed a road in Blida to denounce water cuts."))
    assert road.sub_event_type == "Peaceful protest" and road.actor1 is not None and road.actor1.inter == 6
    taken = main(code(nlp, "On 6 May 2024, Al Shabaab militants occupied the town of Bulo Burte."))
    assert taken.sub_event_type == "Non-state actor overtakes territory"


def test_who_detains_decides_arrest_abduction_or_mob(nlp: Language) -> None:
    assert main(code(nlp, "On 5 May 2024, police arrested five men in Kampala.")).sub_event_type == "Arrests"
    held = main(code(nlp, "On 5 May 2024, QSD forces detained three men in Al Hasakeh city."))
    assert (held.sub_event_type, held.cameo_code) == ("Abduction/forced disappearance", "181")
    gone = main(code(nlp, "On 5 May 2024, soldiers detained two men near Gao. Their whereabouts remain unknown."))
    assert gone.sub_event_type == "Abduction/forced disappearance"
    mob = main(code(nlp, "On 5 May 2024, villagers apprehended a suspected thief in Gulu."))
    assert mob.sub_event_type == "Mob violence"


@pytest.mark.parametrize("after", ["One person was arrested.", "Police lathi-charged the crowd.",
                                   "Police forces detained several party members."])
def test_an_intervention_told_after_the_protest_makes_it_one_with_intervention(nlp: Language, after: str) -> None:
    ev = main(code(nlp, f"On 5 May 2024, people demonstrated in Patna against price rises. {after}"))
    assert ev.sub_event_type == "Protest with intervention"


def test_killing_members_of_an_armed_body_is_a_clash_not_violence_against_civilians(nlp: Language) -> None:
    armed = main(code(nlp, "On 5 May 2024, police shot and killed two gang members in Kingston."))
    assert armed.sub_event_type == "Armed clash" and armed.actor2 is not None and armed.actor2.inter == 3
    civil = main(code(nlp, "On 5 May 2024, gang members shot and killed a taxi driver in Kingston."))
    assert civil.sub_event_type == "Attack"


@pytest.mark.parametrize(("text", "sub"), [
    pytest.param("On 5 May 2024, residents marched in Caloto against the increase in armed clashes in the area.",
                 "Peaceful protest", id="violence-the-protest-is-about"),
    pytest.param("On 6 January 2024, people gathered in Durham to mark the anniversary of the Capitol riots.",
                 "Peaceful protest", id="violence-a-protest-commemorates"),
    pytest.param("On 5 May 2024, a group of people rallied in Fresno to protest against the county's plan to turn the "
                 "old camp into a detention centre for violent young offenders.", "Peaceful protest",
                 id="violence-in-a-protests-purpose"),
    pytest.param("On 5 May 2024, people demonstrated in Freiberg and fought with police officers against the new "
                 "measures.", "Violent demonstration", id="violence-before-the-purpose"),
    pytest.param("On 5 May 2024, cadres of two parties clashed at a polling station in Janakpur.", "Mob violence",
                 id="brawl-between-unarmed-sides"),
    pytest.param("On 5 May 2024, Maoist cadres clashed with police forces near Kanker.", "Armed clash",
                 id="armed-group-in-a-clash"),
    pytest.param("On 5 May 2024, militants fired at a police checkpoint in Bannu. No casualties.", "Armed clash",
                 id="fire-with-no-heavy-weapon"),
    pytest.param("On 5 May 2024, the army fired mortars at rebel positions near Bannu.",
                 "Shelling/artillery/missile attack", id="fire-of-mortars"),
    pytest.param("On 5 May 2024, the PDF carried out a mine attack on a military convoy near Myaing and both sides "
                 "exchanged fire for an hour.", "Armed clash", id="mine-attack-then-gunfight"),
    pytest.param("On 5 May 2024, a landmine left from previous clashes exploded near Myaing, killing a boy.",
                 "Remote explosive/landmine/IED", id="mine-left-from-earlier-fighting"),
    pytest.param("Police arrested 30 opposition supporters at their homes in Lusaka.", "Arrests",
                 id="supporters-arrested-at-home"),
    pytest.param("Police arrested 30 opposition supporters during a protest in Lusaka.", "Protest with intervention",
                 id="supporters-arrested-at-a-protest"),
    pytest.param("Rebels seized control of the town of Rutshuru on Monday.", "Non-state actor overtakes territory",
                 id="control-seized"),
    pytest.param("On 3 May 2022, nurses marched in Porto to demand higher pay; the march ended without any violent "
                 "incident.", "Peaceful protest", id="violence-denied"),
    pytest.param("On 3 May 2022, traders protested in Kumasi over losses in areas affected due to violent riots last "
                 "month.", "Peaceful protest", id="violence-referred-to"),
    pytest.param("On 3 May 2022, hundreds rallied in Oslo against the war. One woman burned her passport in protest.",
                 "Peaceful protest", id="symbolic-burning"),
    pytest.param("On 3 May 2022, pupils in Gulu demonstrated against poor meals, burning down a store belonging to the "
                 "school.", "Violent demonstration", id="course-after-the-cause"),
    pytest.param("On 3 May 2022, dozens of dock workers blocked the port of Sines by setting ablaze pallets at the "
                 "gate.", "Violent demonstration", id="setting-ablaze"),
    pytest.param("Monitors counted 60 explosions and shots involving small arms and unknown weapons near the front "
                 "line.", "Armed clash", id="counted-small-arms-fire"),
    pytest.param("On 9 March 2022, a man stabbed a shopkeeper more than ten times in Leeds city centre.", "Attack",
                 id="one-assailant"),
    pytest.param("On 9 March 2022, three unidentified individuals beat a student with chains in Medellin.", "Attack",
                 id="few-assailants"),
    pytest.param("On 2 June 2022, the army fired heavy weapons at Daw Ku village, killing a farmer.",
                 "Shelling/artillery/missile attack", id="heavy-weapons"),
    pytest.param("On 2 June 2022, Russian forces fired cluster munitions at Lozova.",
                 "Shelling/artillery/missile attack", id="cluster-munitions"),
])
def test_acled_sub_type_from_the_reports_cues(nlp: Language, text: str, sub: str) -> None:
    """What the crowd did, not what it protested about; who fought; which weapon; what came after a mine."""
    assert main(code(nlp, text)).sub_event_type == sub


def test_closing_a_border_restricts_movement(nlp: Language) -> None:
    events = code(nlp, "Tajikistan closed its border with Afghanistan on Sunday.")
    assert any(e.cameo_code == "191" and e.actor1 is not None and e.actor1.cameo == "TJK" for e in events)


def test_state_forces_killing_protesters_is_excessive_force(nlp: Language) -> None:
    ev = main(code(nlp, "Soldiers opened fire on demonstrators in Mandalay, killing five."))
    assert (ev.event_type, ev.sub_event_type) == ("Protests", "Excessive force against protesters")


def test_a_victim_the_report_names_as_armed_makes_a_clash(nlp: Language) -> None:
    lead = "On 3 March 2022, in Tijuana, Baja California, armed men shot and killed a man outside his home. "
    assert main(code(nlp, lead + "The victim was identified as a member of a local criminal group.")) \
        .sub_event_type == "Armed clash"
    assert main(code(nlp, lead + "The victim was a taxi driver.")).sub_event_type == "Attack"


def test_party_supporters_assaulting_rivals_are_a_mob(nlp: Language) -> None:
    ev = main(code(nlp, "On 7 June 2022, members of the Jatiya League assaulted and injured members of a rival "
                        "group at a hospital in Sylhet."))
    assert ev.sub_event_type == "Mob violence" and ev.actor1 is not None and ev.actor1.inter == 5


def test_a_state_blockade_restricts_movement_a_crowd_blockade_is_a_protest(nlp: Language) -> None:
    state = main(code(nlp, "Israel on Monday reimposed a blockade on the Gaza Strip."))
    assert state.cameo_code == "191" and state.sub_event_type != "Peaceful protest"
    army = main(code(nlp, "The army blockaded the port on Tuesday."))
    assert army.cameo_code == "191"
    crowd = main(code(nlp, "Young Tunisians blocked streets in the capital on Monday to press for jobs."))
    assert crowd.sub_event_type == "Peaceful protest"


@pytest.mark.parametrize(("sub", "code", "expected"), [
    ("Armed clash", "181", "190"),  # a clash is conventional fighting, whatever verb told it
    ("Violent demonstration", "175", "145"),
    ("Abduction/forced disappearance", "1731", "181"),
    ("Peaceful protest", "192", "141"),
    (None, "042", "042"),
])
def test_the_cameo_code_follows_the_acled_type(sub: str | None, code: str, expected: str) -> None:
    assert event_code(sub, code, None) == expected


def test_cues_of_the_sentence_decide_the_sub_type() -> None:
    assert refine_acled("Attack", "Warplanes struck the market.", None, None, 0) == "Air/drone strike"
    assert refine_acled("Attack", "Gunmen hurled a grenade at the stall.", None, None, 0) == "Grenade"
    assert refine_acled("Peaceful protest", "Police fired tear gas at the marchers.", None, None, 0) \
        == "Protest with intervention"
    assert refine_acled(None, "Anything at all.", None, None, 0) is None
    assert event_type_of(None, "042") == ("Strategic developments", "Other")
    assert event_type_of("Grenade", "183") == ("Explosions/Remote violence", "Grenade")


def test_a_short_report_is_the_length_of_a_note() -> None:
    from etl.extract.refine import SHORT_REPORT, is_short_report

    note = "On 3 May 2022, militants attacked a police post in Kurram, killing two officers."
    assert is_short_report(note)
    assert is_short_report(note + "\n\n" + "Officials said the post had been attacked before.")  # a brief
    assert not is_short_report(" ".join([note] * (SHORT_REPORT // len(note) + 1)))  # longer than any note


def test_the_lead_subject_struck_is_not_also_the_doer(nlp: Language) -> None:
    """The sentence's subject is the act's target ("it came under attack"): it is not its doer as well."""
    events = code(nlp, "The Jaffar Express, with 450 people on board, was traveling north from Quetta when it came "
                       "under a bomb and gun attack on Tuesday.")
    forceful = [e for e in events if e.cameo_root in ("18", "19")]
    assert forceful
    assert all(e.actor1 is None or "Jaffar" not in e.actor1.name for e in forceful)


GEORGIA_ARTICLE = (
    "TBILISI, Georgia (Example Wire) — Police detained at least 40 people overnight as thousands of demonstrators "
    "rallied outside parliament in Tbilisi for a fifth night against the government's decision to suspend talks "
    "on joining the European Union, the interior ministry said on Friday.\n\n"
    "Riot police used water cannon and pepper spray to push protesters back from the building's steps after some "
    "threw fireworks and bottles, witnesses said. The ministry said 12 officers were hurt.\n\n"
    "Opposition parties condemned the detentions.\n\n"
    "The prime minister told a news conference that the government would not bow to what he called blackmail by "
    "radical groups and accused foreign-funded organisations of organising the unrest. He said the talks would be "
    "taken up again once the European Union stopped what he called its interference.\n\n"
    "The European Union's foreign policy chief said the bloc was following the events closely. Rights groups said "
    "several of those detained had been beaten in custody, which the ministry denied.")


def test_a_party_s_words_in_an_article_are_a_statement_not_a_demonstration(nlp: Language) -> None:
    """In a report of one happening, "workers denounced the closure" tells a protest; in an article's sentence that
    tells of no demonstration, a party's words are a statement by the party, not a protest by protesters."""
    from etl.extract.refine import SHORT_REPORT

    assert len(GEORGIA_ARTICLE) > SHORT_REPORT
    start = GEORGIA_ARTICLE.index("Opposition parties")
    said = [e for e in code(nlp, GEORGIA_ARTICLE) if e.sources[0].start == start]
    assert said and all(e.sub_event_type != "Peaceful protest" for e in said)
    assert all(e.actor1 is not None and not e.actor1.name.startswith("Protesters") for e in said)
    note = code(nlp, "On 3 May 2022, workers of the textile factory denounced its closure in Faisalabad.")
    assert any(e.sub_event_type == "Peaceful protest" for e in note)


def test_a_strike_told_with_no_aircraft_is_the_weapon_s(nlp: Language) -> None:
    """"struck" suggests an air strike; a roadside bomb that struck, or gunmen who struck, used no aerial weapon."""
    bomb = main(code(nlp, "A roadside bomb struck a police van in the Pakistani city of Quetta on Tuesday, killing "
                          "five policemen."))
    assert (bomb.sub_event_type, bomb.cameo_code[:3]) == ("Remote explosive/landmine/IED", "183")
    guns = main(code(nlp, "Gunmen struck the village of Kura on Sunday, shooting dead 12 people."))
    assert guns.sub_event_type == "Attack" and guns.cameo_root == "18"
    air = main(code(nlp, "Russian warplanes struck the city of Sumy overnight, killing three people."))
    assert air.sub_event_type == "Air/drone strike" and air.cameo_code == "195"


def test_workers_placed_by_a_name_are_still_unnamed_civilians_when_shot(nlp: Language) -> None:
    ev = main(code(nlp, "Gunmen shot dead two construction workers from Punjab province near Turbat on Monday, "
                        "police said."))
    assert ev.actor2 is not None and ev.actor2.name.startswith("Civilians")


def test_people_named_by_their_work_and_country_are_civilians_when_abducted(nlp: Language) -> None:
    """"three Malian employees": a demonym names no group of protesters; abducted, they are civilians."""
    ev = main(code(nlp, "Gunmen abducted three Malian employees of a humanitarian organisation near the village of "
                        "Songho on Saturday."))
    assert ev.sub_event_type == "Abduction/forced disappearance"
    assert ev.actor2 is not None and ev.actor2.name.startswith("Civilians")


def test_a_state_s_protest_is_a_formal_complaint_not_a_demonstration(nlp: Language) -> None:
    """ACLED's demonstrators are people gathered, never a government: "India summoned Pakistan's envoy to protest"
    is a formal complaint (CAMEO 114); people who protest still demonstrate."""
    said = code(nlp, "India summoned Pakistan's envoy on Tuesday to protest against what it called unprovoked "
                     "firing across the Line of Control in Kashmir.")
    assert said and not any(e.event_type == "Protests" for e in said)
    assert any(e.cameo_code == "114" and e.actor1 is not None and e.actor1.country == "IND" for e in said)
    crowd = main(code(nlp, "Thousands of students protested in New Delhi on Tuesday against the exam results."))
    assert crowd.sub_event_type == "Peaceful protest"


def test_a_state_protesting_the_detention_of_one_citizen_complains(nlp: Language) -> None:
    """One person ("a Finnish citizen") is no crowd that could have gathered: the ministry's protest stays a formal
    complaint."""
    said = code(nlp, "Finland's foreign ministry summoned the Chinese ambassador on Monday to protest against the "
                     "detention of a Finnish citizen.")
    assert said and not any(e.event_type == "Protests" for e in said)


def test_a_protesters_camp_is_a_sit_in_not_a_base() -> None:
    """ACLED's "Headquarters or base established" is an armed group's: protesters who set up camp hold a sit-in."""
    from schemas.models import Actor

    farmers = Actor(name="Protesters (India)", country="IND", cameo="INDOPP", inter=6, text="farmers")
    rebels = Actor(name="Rebel Group (India)", country="IND", cameo="INDREB", inter=2, text="rebels")
    text = "By evening, several thousand farmers had set up camp on the roadside."
    assert refine_acled("Headquarters or base established", text, farmers, None, 0) == "Peaceful protest"
    assert refine_acled("Headquarters or base established", text, rebels, None, 0) == "Headquarters or base established"
    assert event_code("Peaceful protest", "150", None) == "141"


def test_strikers_demands_are_their_strike(nlp: Language) -> None:
    """Workers on strike "demanding a wage rise": their demand is the strike's claim, a demonstration in a sentence
    of an article as in a short report, not a statement of its own."""
    from datetime import datetime

    from etl.extract.coding import code_doc
    from schemas.models import Article

    filler = "Officials gave no further details about the dispute, which has lasted for months. " * 20
    text = ("Tens of thousands of tea workers stayed away from the estates across the hill country on Thursday in a "
            "strike over pay, demanding a higher daily wage. " + filler)
    events = code_doc(nlp(text), Article(id="t", text=text, published_at=datetime(2026, 3, 12)), use_classifier=False)
    demands = [e for e in events if e.cameo_root == "10"]
    assert demands and all(e.event_type == "Protests" for e in demands)
