"""One small test per rule family of the coder's rule stages, on sentences written for these tests. The learned
classifier stage is off here (its own tests are in tests/etl/extract/classify): these pin what the rules find."""

from __future__ import annotations

from datetime import datetime

import pytest
from spacy.language import Language

from etl.extract.codebook import role_of
from etl.extract.coding import code_doc
from schemas.models import Article, Event


def code(nlp: Language, text: str) -> list[Event]:
    article = Article(id="t", text=text, published_at=datetime(2024, 5, 10), url="https://example.org/a",
                      source="Example Wire")
    return code_doc(nlp(text), article, use_classifier=False)


def main(events: list[Event]) -> Event:
    mains = [e for e in events if e.main]
    assert len(mains) == 1
    return mains[0]


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


def test_negation_lowers_certainty(nlp: Language) -> None:
    plain = main(code(nlp, "The army attacked the town."))
    negated = main(code(nlp, "The army did not attack the town."))
    assert negated.negated and not plain.negated
    assert negated.certainty < plain.certainty and negated.fatalities == 0


def test_hedging_is_marked(nlp: Language) -> None:
    ev = main(code(nlp, "Rebels reportedly attacked a military base near the town."))
    assert ev.hedged
    assert ev.confidence < main(code(nlp, "Rebels attacked a military base near the town.")).confidence


def test_threat_is_coded_as_threat_not_act(nlp: Language) -> None:
    events = code(nlp, "The government threatened to arrest opposition leaders.")
    assert main(events).cameo_code.startswith("13")
    assert not any(e.sub_event_type == "Arrests" for e in events)


def test_reported_speech_keeps_the_speaker(nlp: Language) -> None:
    events = code(nlp, "The minister said that gunmen had abducted ten villagers.")
    ev = main(events)
    assert ev.sub_event_type == "Abduction/forced disappearance"
    assert ev.sources[0].claim_source == "The minister"
    assert any(e.cameo_root == "01" and not e.main for e in events)


def test_several_events_in_one_sentence(nlp: Language) -> None:
    events = code(nlp, "Soldiers clashed with militants in the north, killing three, and later arrested five men.")
    subs = {e.sub_event_type for e in events}
    assert {"Armed clash", "Arrests"} <= subs
    assert main(events).sub_event_type == "Armed clash"
    assert main(events).fatalities == 3


def test_main_is_the_violent_event_not_the_meeting(nlp: Language) -> None:
    text = ("The foreign ministers met in Geneva on Monday. Separately, militants attacked a village, killing two "
            "civilians.")
    ev = main(code(nlp, text))
    assert ev.event_type == "Violence against civilians"


def test_provenance_offsets_point_into_the_text(nlp: Language) -> None:
    text = "Intro line without events here.\nProtesters blocked a highway in the capital on Monday."
    for ev in code(nlp, text):
        ref = ev.sources[0]
        assert text[ref.start:ref.end] == ref.sentence
        assert ref.url == "https://example.org/a" and ref.article_id == "t"
        assert len(ev.cameo_code) >= 3 and ev.cameo_code.isdigit()


def test_intent_and_refusal_recode_the_act() -> None:
    from etl.extract.modality import recode_modality

    assert recode_modality("057", intent=True, negated=False) == "032"  # "will sign" → intent to cooperate
    assert recode_modality("042", intent=True, negated=False) == "036"  # "plans to visit" → intent to meet
    assert recode_modality("190", intent=True, negated=False) == "138"  # "threatened to attack"
    assert recode_modality("043", intent=False, negated=True) == "120"  # "refused to host" → reject
    assert recode_modality("190", intent=False, negated=True) == "190"  # a negated attack stays, flagged negated


def test_future_support_is_agree(nlp: Language) -> None:
    ev = main(code(nlp, "Portugal will support Turkey's efforts to join the union."))
    assert ev.cameo_root == "03" and ev.plover_event == "AGREE"


def test_owner_of_the_action_is_the_actor(nlp: Language) -> None:
    events = code(nlp, "Moscow's counteroffensive has retaken two villages seized by Ukraine in the Kursk region.")
    ev = next(e for e in events if e.cameo_root == "19")
    assert ev.actor1 is not None and ev.actor1.country == "RUS"
    assert ev.location is None or ev.location.name != "Moscow"


def test_acled_sides_protesters_first_victims_second(nlp: Language) -> None:
    ev = main(code(nlp, "Police dispersed hundreds of protesters with tear gas in Nairobi, Kenya."))
    assert ev.event_type == "Protests"
    assert ev.actor1 is not None and ev.actor1.inter == 6
    assert ev.actor2 is not None and ev.actor2.inter == 1
    victim = main(code(nlp, "Gunmen killed a shopkeeper in a village in northern Nigeria."))
    assert victim.sub_event_type == "Attack"
    assert victim.actor2 is not None and victim.actor2.inter == 7


def test_clash_finds_its_second_armed_side(nlp: Language) -> None:
    ev = main(code(nlp, "Heavy clashes erupted between soldiers and rebels near the town on Sunday."))
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1 is not None and ev.actor2 is not None
    assert {ev.actor1.inter, ev.actor2.inter} == {1, 2}


def test_lead_label_names_the_kind_of_event(nlp: Language) -> None:
    from etl.extract.detect import lead_label

    assert lead_label("Weapons seizure: On 2 May, police seized rifles.") == "Disrupted weapons use"
    assert lead_label("On 2 May: nothing") is None
    ev = main(code(nlp, "Property destruction: On 3 May 2024, soldiers set fire to houses in a village."))
    assert ev.sub_event_type == "Looting/property destruction" and ev.event_type == "Strategic developments"


def test_barricades_make_a_riot_effigies_do_not(nlp: Language) -> None:
    riot = main(code(nlp, "Students staged a demonstration and erected barricades of burning tyres on the main road."))
    assert riot.sub_event_type == "Violent demonstration" and riot.event_type == "Riots"
    calm = main(code(nlp, "Party members staged a protest and burned an effigy of the minister."))
    assert calm.sub_event_type == "Peaceful protest"


def test_who_reports_a_killing_is_not_a_side_of_it(nlp: Language) -> None:
    events = code(nlp, "According to Ukrainian military officials, hundreds of North Korean soldiers have been "
                       "killed or wounded in combat.")
    assert events
    for ev in events:
        assert ev.actor1 is None or "officials" not in (ev.actor1.text or "")


def _pairs(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.cameo_root, e.actor1.country if e.actor1 else None, e.actor2.country if e.actor2 else None)
            for e in events}


def test_pronoun_subject_takes_the_speaker(nlp: Language) -> None:
    events = code(nlp, "Japan said it would send food aid to Haiti next month.")
    assert ("03", "JPN", "HTI") in _pairs(events)


def test_noun_act_takes_the_sides_of_its_verb(nlp: Language) -> None:
    events = code(nlp, "Norwegian troops launched missiles at Serbian positions on Monday.")
    assert any(e.actor1 is not None and e.actor1.country == "NOR" and e.actor2 is not None
               and e.actor2.country == "SRB" for e in events)


def test_commenting_verb_does_not_make_its_subject_the_attacker(nlp: Language) -> None:
    events = code(nlp, "Canada condemned the attack on the embassy.")
    assert not any(e.cameo_root in ("18", "19") and e.actor1 is not None and e.actor1.name == "Canada"
                   for e in events)


def test_coordinated_parties_of_a_reciprocal_act(nlp: Language) -> None:
    pairs = _pairs(code(nlp, "Chile and Peru signed a fishing agreement in Lima on Monday."))
    assert {p[1:] for p in pairs if p[0] in ("05", "06", "04")} & {("CHL", "PER"), ("PER", "CHL")}


def test_passive_subject_of_a_control_verb_is_the_actor(nlp: Language) -> None:
    events = code(nlp, "The Kenyan president is scheduled to visit Uganda next week.")
    assert any(e.cameo_root == "04" and e.actor1 is not None and e.actor1.country == "KEN" for e in events)
    shot = main(code(nlp, "A farmer was shot and killed by gunmen in the village on Sunday."))
    assert shot.actor1 is None or shot.actor1.inter != 7  # the victim is not who shot


def test_a_capital_stands_for_its_country(nlp: Language) -> None:
    events = code(nlp, "Moscow's offensive has retaken three villages near the border.")
    assert any(e.actor1 is not None and e.actor1.country == "RUS" for e in events)


def test_must_is_a_demand_by_the_speaker(nlp: Language) -> None:
    events = code(nlp, "France said on Monday that Iran must release the detained sailors.")
    demand = [e for e in events if e.cameo_code == "100"]
    assert demand and demand[0].actor1 is not None and demand[0].actor1.country == "FRA"
    assert demand[0].actor2 is not None and demand[0].actor2.country == "IRN"
    assert demand[0].plover_event == "DEMAND"


def test_failing_to_agree_is_a_rejection(nlp: Language) -> None:
    events = code(nlp, "Serbia and Kosovo failed to reach an agreement on the border on Friday.")
    assert any(e.cameo_root == "12" for e in events)
    assert not any(e.cameo_root in ("03", "05") and not e.negated for e in events)


@pytest.mark.parametrize(("text", "plover"), [
    ("Rebel fighters surrendered to the army in the north on Tuesday.", "RETREAT"),
    ("The government extradited two suspects to Spain on Monday.", "COOPERATE"),
    ("Uganda granted asylum to twelve opposition activists.", "AID"),
    ("The minister complained about the delays to the ambassador.", "DISAPPROVE"),
    ("The president arrived in Nairobi on a two-day visit.", "CONSULT"),
    ("Norway gave Malawi a grant for its schools on Monday.", "AID"),  # ("last year": history, no new event)
])
def test_lexicon_covers_each_plover_category(nlp: Language, text: str, plover: str) -> None:
    assert plover in {e.plover_event for e in code(nlp, text)}


def test_acled_sides_of_unknown_perpetrators_and_victims(nlp: Language) -> None:
    ev = main(code(nlp, "On 3 May 2024, a trader was shot and killed by two armed men in Kisumu, Kenya."))
    assert ev.actor1 is not None and ev.actor1.inter == 3  # the agent serves both conjoined verbs
    bomb = main(code(nlp, "On 4 May 2024, a bomb exploded at a market in Mogadishu, Somalia, wounding three women."))
    assert bomb.actor1 is not None and bomb.actor1.name.startswith("Unidentified Armed Group")
    assert bomb.actor2 is not None and bomb.actor2.inter == 7


def test_peaceful_protest_has_no_second_party(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 May 2024, teachers protested peacefully against the government in Accra, Ghana."))
    assert ev.sub_event_type == "Peaceful protest"
    # no ACLED second side: only the country where it was done, as the CAMEO coders' target (no inter code)
    assert ev.actor2 is not None and (ev.actor2.cameo, ev.actor2.inter) == ("GHA", None)


def test_detainees_a_protest_is_about_are_no_intervention(nlp: Language) -> None:
    calm = main(code(nlp, "On 2 May 2024, relatives protested in Lima, Peru, to demand the release of activists "
                          "detained last week."))
    assert calm.sub_event_type == "Peaceful protest"
    broken = main(code(nlp, "On 2 May 2024, police arrested 14 protesters in Lima, Peru."))
    assert broken.sub_event_type == "Protest with intervention"


def test_asking_another_side_to_act_is_an_appeal(nlp: Language) -> None:
    events = code(nlp, "Germany wants Turkey to release the two journalists.")
    appeal = [e for e in events if e.cameo_root == "02"]
    assert appeal and appeal[0].actor1 is not None and appeal[0].actor1.country == "DEU"
    assert appeal[0].actor2 is not None and appeal[0].actor2.country == "TUR"
    assert not any(e.cameo_root == "08" and e.actor1 is not None and e.actor1.country == "DEU" for e in events)


def test_killed_soldiers_make_a_clash_in_cameo_too(nlp: Language) -> None:
    ev = main(code(nlp, "There were five Chadian soldiers killed near the border on Sunday."))
    assert ev.actor2 is not None and ev.actor2.country == "TCD" and ev.actor2.inter == 1
    assert ev.sub_event_type == "Armed clash" and ev.cameo_root == "19"


def test_intent_keeps_the_kind_of_cooperation(nlp: Language) -> None:
    ev = [e for e in code(nlp, "Japan will provide food aid to Haiti.") if e.cameo_root == "03"]
    assert ev and ev[0].cameo_code == "033"  # intent to provide material aid


def test_a_month_is_not_a_march(nlp: Language) -> None:
    events = code(nlp, "On 5 March 2024, a few hundred people demonstrated in Tampere against the new law.")
    assert main(events).sub_event_type == "Peaceful protest"
    battle = code(nlp, "On 5 March 2024, soldiers clashed with rebels near the town of Kidal.")
    assert {e.event_type for e in battle} == {"Battles"}  # no protest coded from the month's name


def test_crowd_violence_is_the_crowd_s_own() -> None:
    from etl.extract.refine import violent_crowd

    assert violent_crowd("Protesters clashed with police and threw stones.")
    assert not violent_crowd("Residents protested against the stone pelting at a school.")
    assert not violent_crowd("Students burned a school uniform shirt during the march.")
    assert not violent_crowd("Police erected barricades to stop the march.")


def test_a_labelled_report_without_a_known_verb_still_gives_its_event(nlp: Language) -> None:
    ev = main(code(nlp, "Looting: On 3 May 2024, suspected militants made off with cattle from a farm in Gao, Mali."))
    assert ev.sub_event_type == "Looting/property destruction"
    assert ev.event_type == "Strategic developments"


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


def test_an_attack_told_as_the_means_of_a_verb_is_by_its_subject(nlp: Language) -> None:
    events = code(nlp, "Basque separatists wounded two Spanish policemen in a bomb attack on Thursday.")
    bomb = [e for e in events if e.cameo_root == "18"]
    assert bomb and all(e.actor1 is None or e.actor1.inter != 3 or "Unidentified" not in e.actor1.name for e in bomb)


def test_coordinated_sides_share_their_country(nlp: Language) -> None:
    events = code(nlp, "Turkish helicopters and tanks shelled rebel positions near the border.")
    assert all(e.actor1 is None or e.actor1.country == "TUR" for e in events if e.cameo_root == "19")


def test_a_demanded_act_is_a_demand_by_who_demands_it(nlp: Language) -> None:
    events = code(nlp, "Norway demanded that Iran release the detained tanker crew.")
    demand = [e for e in events if e.cameo_root == "10"]
    assert demand and demand[0].actor1 is not None and demand[0].actor1.country == "NOR"
    assert not any(e.cameo_root == "08" and e.actor1 is not None and e.actor1.country == "IRN" for e in events)
    reminder = code(nlp, "The Chilean president issued a warning to Peru that it must withdraw its troops.")
    assert any(e.cameo_root == "10" and e.actor1 is not None and e.actor1.country == "CHL" for e in reminder)


def test_hyphenated_and_possessive_names_resolve(nlp: Language) -> None:
    from etl.extract.actors import get_actor_resolver

    resolver = get_actor_resolver()
    for text, name in [("the Saudi-led coalition", "Operation Restoring Hope"),
                       ("People's Defense Force", "PDF: People's Defense Force")]:
        doc = nlp(text)
        actor = resolver.resolve(doc[:], doc)
        assert actor is not None and actor.name == name


def test_a_lead_parsed_as_a_noun_phrase_keeps_its_subject(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 June 2024, a mob tied up and assaulted a man at a market in Polokwane, South Africa."))
    assert ev.actor1 is not None and ev.actor1.inter == 5


def test_an_unnamed_minister_belongs_to_the_country_the_story_is_about(nlp: Language) -> None:
    text = ("Ukrainian officials said on Monday that fighting continued near Kursk. "
            "The foreign minister called for more pressure on Moscow.")
    calls = [e for e in code(nlp, text) if e.cameo_root == "02"]
    assert calls and calls[0].actor1 is not None and calls[0].actor1.country == "UKR"


def test_a_described_state_is_not_an_act(nlp: Language) -> None:
    events = code(nlp, "Reporters spoke to the captured soldiers in a hospital in Kyiv.")
    assert not any(e.cameo_root == "17" for e in events)


def test_a_title_after_a_name_tells_whose_side(nlp: Language) -> None:
    events = code(nlp, "Jan Novak, the Czech foreign minister, demanded that Hungary release the detained activists.")
    assert any(e.cameo_root == "10" and e.actor1 is not None and e.actor1.country == "CZE" for e in events)


def test_a_noun_act_inside_a_compound_takes_its_verb_s_subject(nlp: Language) -> None:
    events = code(nlp, "Norway undertook a mediation mission between Colombia and the ELN on Monday.")
    assert any(e.cameo_root == "04" and e.actor1 is not None and e.actor1.country == "NOR" for e in events)


def test_a_few_armed_individuals_are_no_mob_and_a_beating_crowd_is(nlp: Language) -> None:
    shot = main(code(nlp, "On 2 May 2024, two individuals opened fire and killed a man in Tijuana, Mexico."))
    assert shot.sub_event_type == "Attack" and shot.actor1 is not None and shot.actor1.inter == 3
    stoned = main(code(nlp, "On 2 May 2024, settlers hurled stones at passing cars near Hebron."))
    assert stoned.event_type == "Riots"


def test_the_cause_of_a_protest_does_not_merge_into_it(nlp: Language) -> None:
    from etl.extract import code_articles

    text = ("On 8 June 2024, residents staged a demonstration in Sucre, Bolivia, against a man accused of "
            "assaulting three children.")
    (events,) = code_articles([Article(id="t", text=text, published_at=datetime(2024, 6, 10))])  # merged as shipped
    assert main(events).sub_event_type == "Peaceful protest"


def test_every_party_of_a_listed_meeting_meets_the_others(nlp: Language) -> None:
    for text in ("The UK, France, and Germany met on Monday.", "Kenya, Uganda, and Tanzania met yesterday."):
        pairs = {frozenset(p[1:]) for p in _pairs(code(nlp, text)) if p[0] == "04"}
        a, b, c = [x for x in ("GBR", "FRA", "DEU", "KEN", "UGA", "TZA") if x in {y for p in pairs for y in p}]
        assert {frozenset((a, b)), frozenset((a, c)), frozenset((b, c))} <= pairs


def test_a_leader_named_in_full_is_resolved(nlp: Language) -> None:
    events = code(nlp, "Barack Obama and Vladimir Putin will meet in Zurich next month.")
    assert any(e.actor1 is not None and e.actor1.country in ("USA", "RUS") and e.actor2 is not None
               for e in events if e.cameo_root in ("03", "04"))


def test_what_is_given_goes_to_the_dative(nlp: Language) -> None:
    events = code(nlp, "Peru said it would not provide support to Chile.")
    assert any(e.cameo_root == "12" and e.actor2 is not None and e.actor2.country == "CHL" for e in events)


def test_telling_that_another_side_attacked_accuses_it(nlp: Language) -> None:
    events = code(nlp, "Peru said that Chile had attacked a border post.")
    assert ("11", "PER", "CHL") in _pairs(events)
    own = code(nlp, "Peru said that its army had attacked a rebel camp.")
    assert not any(e.cameo_root == "11" for e in own)  # its own act is no accusation


def test_georgian_is_the_country(nlp: Language) -> None:
    events = code(nlp, "Georgian police detained ten protesters in Tbilisi.")
    assert main(events).actor1 is not None and main(events).actor1.country == "GEO"


def test_a_multiword_act_takes_its_head_words_agent(nlp: Language) -> None:
    events = code(nlp, "Five people were killed in an air strike by government forces near the town.")
    assert any(e.cameo_root == "19" and e.actor1 is not None and e.actor1.cameo.endswith("MIL") for e in events)


def test_what_is_fired_from_a_territory_comes_from_its_side(nlp: Language) -> None:
    events = code(nlp, "Two rockets were fired from Lebanon at northern Israel.")
    assert ("19", "LBN", "ISR") in _pairs(events)


def test_a_ratified_agreement_belongs_to_who_ratified_it(nlp: Language) -> None:
    events = code(nlp, "Moldova ratified a trade agreement with the European Union on Tuesday.")
    assert any(e.cameo_root == "05" and e.actor1 is not None and e.actor1.country == "MDA" for e in events)


def test_a_monitor_reporting_state_violence_accuses_the_state(nlp: Language) -> None:
    events = code(nlp, "The Syrian Observatory for Human Rights said ten people were killed in an air strike by "
                       "government forces.")
    assert any(e.cameo_code == "112" and e.actor2 is not None and e.actor2.cameo == "SYRMIL" for e in events)
    own = code(nlp, "The Pentagon said US jets struck a militia base in Syria.")
    assert not any(e.cameo_code == "112" for e in own)  # a state telling of its own forces accuses no one


def test_a_visit_abroad_is_made_to_the_host(nlp: Language) -> None:
    events = code(nlp, "Russia is conducting naval exercises near Alaska's coast in the United States.")
    assert any(e.cameo_root == "15" and e.actor2 is not None and e.actor2.country == "USA" for e in events)
    home = code(nlp, "Kenya is conducting military exercises in Kenya's north.")
    assert not any(e.cameo_root == "15" and e.actor2 is not None for e in home)


def test_what_a_side_attacks_with_is_no_side(nlp: Language) -> None:
    events = code(nlp, "Militants attacked the village with machetes on Sunday.")
    assert not any(e.actor2 is not None and "machete" in (e.actor2.text or "") for e in events)


def test_whom_a_state_expels_decides_the_act(nlp: Language) -> None:
    assert any(e.cameo_code == "166" for e in code(nlp, "Norway expelled three Iranian diplomats on Friday."))
    assert any(e.cameo_code == "174" for e in code(nlp, "Norway expelled three Iranian activists on Friday."))


def test_claiming_ones_own_attack_is_taking_responsibility(nlp: Language) -> None:
    events = code(nlp, "Chile claimed that its army had attacked the rebel camp.")
    assert any(e.cameo_code == "015" and e.actor1 is not None and e.actor1.country == "CHL" for e in events)
    taken = code(nlp, "The militant group is claiming responsibility for the attack on the mall.")
    assert any(e.cameo_code == "015" for e in taken) and not any(e.cameo_code == "112" for e in taken)


def test_a_conjunction_is_not_part_of_a_name(nlp: Language) -> None:
    events = code(nlp, "Brazil and Peru are seeking to deepen their partnership in energy.")
    assert all(not (e.actor1.text or "").endswith(" and") for e in events if e.actor1 is not None)
    assert any(e.cameo_root == "03" for e in events)


def test_an_act_with_no_doer_of_its_own_is_the_lead_subjects(nlp: Language) -> None:
    ev = main(code(nlp, "On 28 April 2022, the Malian army carried out an operation involving airstrikes against "
                        "militants near Mopti."))
    assert ev.actor1 is not None and ev.actor1.country == "MLI" and ev.actor1.inter == 1


def test_an_unlisted_armed_group_is_a_militia(nlp: Language) -> None:
    ev = main(code(nlp, "On 16 January 2022, Zorbak-KLM killed a civilian in Kalo village and stole goods."))
    assert ev.actor1 is not None and ev.actor1.inter == 3


def test_a_date_is_not_part_of_the_actor(nlp: Language) -> None:
    ev = main(code(nlp, "On 29 April 2022, Oromia regional special forces killed two civilians in Adda Berga."))
    assert ev.actor1 is not None and not (ev.actor1.text or "").startswith("On ")


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


def test_a_person_named_by_demonym_is_a_civilian(nlp: Language) -> None:
    events = code(nlp, "Two Afghans were killed by police in Tehran on Monday.")
    assert any(e.actor2 is not None and e.actor2.cameo == "AFGCVL" and e.actor2.inter == 7 for e in events)
    state = code(nlp, "Ukraine shelled Russian positions near Kherson.")
    assert any(e.actor1 is not None and e.actor1.cameo == "UKR" for e in state)


def test_the_holder_of_a_position_is_the_side_hit(nlp: Language) -> None:
    events = code(nlp, "On 22 May 2022, Yemeni forces fired artillery at Houthi positions near Sadah.")
    assert any(e.cameo_root == "19" and e.actor2 is not None and e.actor2.country == "YEM" for e in events)
    assert not any(e.actor2 is not None and e.actor2.text == "artillery" for e in events)
    state = main(code(nlp, "Ukrainian troops shelled Russian positions near Kherson."))
    assert state.actor2 is not None and state.actor2.cameo == "RUSMIL"


def test_a_countrys_things_are_its_civilians_or_its_forces(nlp: Language) -> None:
    ev = main(code(nlp, "On 31 March 2022, Israeli gunboats opened fire at Palestinian fishing boats off Gaza."))
    assert ev.actor1 is not None and ev.actor1.cameo == "ISRMIL"
    assert ev.actor2 is not None and ev.actor2.inter == 7 and ev.sub_event_type == "Attack"


def test_what_is_received_is_the_givers_act(nlp: Language) -> None:
    events = code(nlp, "Armenian rebels received weapons from the Iranian government.")
    assert any(e.cameo_code == "072" and e.actor1 is not None and e.actor1.country == "IRN"
               and e.actor2 is not None and e.actor2.country == "ARM" for e in events)
    visit = code(nlp, "Kenya received a delegation from Uganda.")
    assert any(e.cameo_root == "04" for e in visit)


def test_a_fight_between_parties_has_them_as_sides(nlp: Language) -> None:
    ev = main(code(nlp, "On 19 June 2022, a shoot-out between police and unknown shooters took place in the "
                        "Manguinhos neighborhood."))
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1 is not None and ev.actor1.inter == 1 and ev.actor2 is not None and ev.actor2.inter == 3


def test_a_past_tense_the_lemmatiser_gets_wrong_still_triggers(nlp: Language) -> None:
    ev = main(code(nlp, "On 14 June 2022, a soldier raped a woman in a village near Salamabila."))
    assert ev.sub_event_type == "Sexual violence"


def test_fallback_triggers_are_read_only_where_nothing_else_is(nlp: Language) -> None:
    # "targeted" alone makes an event; beside "air raids" it must not outrank them
    assert main(code(nlp, "On 3 May, rebels targeted an army checkpoint near the town.")).cameo_code == "190"
    ev = main(code(nlp, "On 3 May, two air raids targeted a market near the town."))
    assert ev.sub_event_type == "Air/drone strike"
    observed = code(nlp, "On 4 May, monitors observed 40 bursts of fire involving small arms near the village.")
    assert main(observed).event_type == "Battles"


def test_a_hyphenated_trigger_and_a_participle_describing_people(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 May, retired teachers held a sit-in outside the ministry."))
    assert ev.sub_event_type == "Peaceful protest"
    # "striking truckers" are on strike: no air strike among the events
    events = code(nlp, "On 2 May, striking truckers staged a sit-in protest near the port.")
    assert main(events).event_type == "Protests"
    assert all(e.sub_event_type != "Air/drone strike" for e in events)


def test_fighting_that_broke_out_between_two_sides_after_a_place_lead(nlp: Language) -> None:
    # the parser takes "Pale township" for the subject and hangs "between" on the verb
    ev = main(code(nlp, "On 13 May, near Kyun Taw village of Pale township (Yinmarbin district, Sagaing region), "
                        "fighting broke out between military forces and the PDF."))
    assert ev.actor1 is not None and ev.actor2 is not None
    assert {ev.actor1.inter, ev.actor2.inter} == {1, 3}
    assert "township" not in (ev.actor1.text or "") and ev.actor1.country == "MMR"


def test_an_act_of_force_whose_parse_names_no_doer_takes_the_armed_side_it_leads_with(nlp: Language) -> None:
    # the small model makes "shot" a noun here; the military still did it
    ev = main(code(nlp, "On 14 January, in Hiangzing village (Tedim township, Chin state), military forces who "
                        "entered the village shot and killed a 29-year-old man."))
    assert ev.actor1 is not None and ev.actor1.inter == 1 and ev.actor1.country == "MMR"


def test_who_claims_an_air_strike_carried_it_out(nlp: Language) -> None:
    ev = main(code(nlp, "On 9 March, the Nigerian Air Force claimed an airstrike against Boko Haram militants."))
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor1 is not None and ev.actor1.country == "NGA" and ev.actor1.inter == 1


def test_a_name_the_parser_hung_on_a_date_is_still_the_party(nlp: Language) -> None:
    events = code(nlp, "Kenya's foreign minister met with Ugandan President Yoweri Museveni Monday to discuss trade.")
    assert ("04", "KEN", "UGA") in _pairs(events)


def test_what_is_fired_at_a_side_is_no_side(nlp: Language) -> None:
    events = code(nlp, "Chile fired artillery batteries at Peru this week.")
    assert ("19", "CHL", "PER") in _pairs(events)


def test_a_news_outlet_reporting_is_no_statement(nlp: Language) -> None:
    events = code(nlp, "Peru and Chile signed a trade accord in Lima on Monday, Reuters reports.")
    assert not any(e.cameo_root == "01" for e in events)
    assert any(e.sources[0].claim_source == "Reuters" for e in events)  # the outlet stays the claim's source


def test_an_attribution_after_the_act_is_its_source_not_an_event(nlp: Language) -> None:
    events = code(nlp, "Rebels shelled a police station in Bor on Monday, army officials said.")
    assert not any(e.cameo_root in ("01", "11") for e in events)
    assert main(events).sources[0].claim_source == "army officials"
    leading = code(nlp, "Army officials said that rebels had shelled a police station in Bor on Monday.")
    assert any(e.cameo_code == "112" for e in leading)  # a claim that leads the sentence is the speaker's act
    doerless = code(nlp, "A police station in Bor was shelled on Monday, army officials said.")
    assert any(e.cameo_root in ("01", "11") for e in doerless)  # the speaker is the only side the sentence names


def test_a_verbal_act_of_the_speaker_is_the_statement(nlp: Language) -> None:
    events = code(nlp, "Peru said it would not provide support to Chile.")
    assert [e.cameo_root for e in events] == ["12"]
    other = code(nlp, "Peru said that Chile would not provide support to Bolivia.")
    assert any(e.cameo_code == "010" for e in other)  # telling of another side's stance is still a statement


def test_a_withdrawal_is_from_a_side(nlp: Language) -> None:
    events = code(nlp, "Hundreds of UN troops withdrew from Lebanon on Monday.")
    ev = next(e for e in events if e.cameo_code == "0874")
    assert ev.actor1 is not None and (ev.actor1.cameo or "").startswith("IGO")
    assert ev.actor2 is not None and ev.actor2.country == "LBN"


def test_the_party_a_thing_is_aimed_at_is_the_target(nlp: Language) -> None:
    assert ("08", "CAN", "CUB") in _pairs(code(nlp, "Canada has agreed to lift the sanctions on Cuba."))
    assert ("11", "JPN", "PRK") in _pairs(code(nlp, "Japan presented evidence against North Korea."))
    assert ("11", "ISR", "IRN") in _pairs(code(nlp, "Evidence against Iran was presented by Israel."))
    assert ("16", "AUS", "MLI") in _pairs(code(nlp, "The Australian foreign ministry advised against travel to Mali."))


def test_telling_of_a_named_groups_attack_accuses_it(nlp: Language) -> None:
    events = code(nlp, "Iraq claimed that ISIL had attacked the city of Kirkuk.")
    assert any(e.cameo_code == "112" and e.actor2 is not None and (e.actor2.cameo or "").startswith("IMG")
               for e in events)


def test_an_object_pronoun_is_not_its_own_clauses_subject(nlp: Language) -> None:
    assert ("19", "LBY", "EGY") in _pairs(code(nlp, "Egypt said a rocket was fired at it from Libya."))


def test_coordinated_countries_before_one_head_are_two_parties(nlp: Language) -> None:
    events = code(nlp, "French and German activists staged a protest in Moscow on Friday.")
    # a peaceful protest has no ACLED second party; the country it is done in is its CAMEO target
    assert {("14", "FRA", "RUS"), ("14", "DEU", "RUS")} <= _pairs(events)


def test_a_country_named_with_peacekeepers_is_theirs(nlp: Language) -> None:
    ev = main(code(nlp, "Malian rebels attacked Chadian peacekeepers near the town."))
    assert ev.actor2 is not None and ev.actor2.country == "TCD"
    un = main(code(nlp, "Malian rebels attacked peacekeepers near the town."))
    assert un.actor2 is not None and (un.actor2.cameo or "").startswith("IGO")


def test_the_means_of_a_killing_tells_who_did_it(nlp: Language) -> None:
    events = code(nlp, "Three civilians were killed in a Turkish air strike on the village.")
    assert any(e.cameo_root == "19" and e.actor1 is not None and e.actor1.country == "TUR" and e.actor2 is not None
               and e.actor2.text == "Three civilians" for e in events)  # the killing, with its victims


def test_a_title_with_a_country_is_an_office(nlp: Language) -> None:
    events = code(nlp, "The Brazilian commander in Haiti held talks with the Chilean leader on Monday.")
    ev = next(e for e in events if e.cameo_root == "04")
    assert ev.actor1 is not None and ev.actor1.cameo == "BRAMIL"
    assert ev.actor2 is not None and ev.actor2.cameo == "CHLGOV"


def test_an_act_by_no_one_on_no_one_is_no_event_beside_others(nlp: Language) -> None:
    events = code(nlp, "Peru expelled two Chilean diplomats after the agreement collapsed.")
    assert all(e.actor1 is not None or e.actor2 is not None for e in events)


def test_a_warrant_is_for_whom_it_names(nlp: Language) -> None:
    events = code(nlp, "A court in Peru has issued arrest warrants for two Chilean men wanted for smuggling.")
    assert ("17", "PER", "CHL") in _pairs(events)


def test_what_a_side_is_pressed_to_do_is_not_done(nlp: Language) -> None:
    events = code(nlp, "The king faces pressure from parliament to help the rebels.")
    assert not any(e.cameo_root == "07" for e in events)


def test_an_official_met_abroad_is_the_hosts(nlp: Language) -> None:
    events = code(nlp, "The Kenyan defence minister held talks with President John Smith during a visit to Kampala.")
    assert ("04", "KEN", "UGA") in _pairs(events)


def test_earlier_history_beside_the_news_is_not_coded(nlp: Language) -> None:
    events = code(nlp, "UN troops withdrew from the border on Monday, two weeks after rebels kidnapped dozens of "
                       "peacekeepers.")
    assert not any(e.cameo_root == "18" for e in events)
    jailed = code(nlp, "Chile released a senior official of the opposition jailed over a year ago.")
    assert not any(e.cameo_code == "173" for e in jailed)
    assert any(e.cameo_root == "08" for e in jailed)


def test_a_speaker_telling_of_its_own_partnership_makes_no_extra_statement(nlp: Language) -> None:
    events = code(nlp, "Peru and Chile are seeking to deepen their partnership in energy, a Chilean minister said.")
    assert any(e.cameo_root == "03" for e in events) and not any(e.cameo_code == "010" for e in events)


def test_an_act_dated_back_from_the_news_is_history(nlp: Language) -> None:
    late = code(nlp, "Kenyan troops left the camp on Friday, officials said, three days after militants abducted "
                     "two aid workers.")
    assert not any(e.cameo_root == "18" for e in late)
    group = code(nlp, "Peru launched an air strike on Monday against the militant group that has seized parts of "
                      "Chile.")
    assert not any(e.cameo_root == "17" for e in group)  # what describes the group is not this report's news


def test_a_killing_by_heavy_weapons_is_that_force(nlp: Language) -> None:
    events = code(nlp, "Three civilians were killed in a Turkish air strike on the village.")
    assert {e.cameo_code for e in events} == {"195"}  # one act, told by the verb and the noun


def test_a_published_report_is_no_release_and_speaks_for_its_author(nlp: Language) -> None:
    events = code(nlp, "A long report released on Monday in the Kenyan capital alleged that Uganda was aware of the "
                       "plot.")
    assert not any(e.cameo_root == "08" for e in events)
    assert ("11", "KEN", "UGA") in _pairs(events)
    assert any(e.cameo_root == "08" for e in code(nlp, "Peru released ten Chilean prisoners on Friday."))


def test_what_is_fired_is_the_firings_act(nlp: Language) -> None:
    events = code(nlp, "Egypt said a mortar bomb was fired at it from Libya on Tuesday.")
    assert not any(e.cameo_root == "18" for e in events)  # the bomb is what was fired, not a bombing of its own
    pressed = code(nlp, "The king is being pressured by parliament to help the rebels.")
    assert not any(e.cameo_root == "07" for e in pressed)


def test_a_hyphenated_verb_trigger_takes_its_sides_from_the_verb(nlp: Language) -> None:
    ev = main(code(nlp, "The UN inspectors want to re-examine the refineries in Iran."))
    assert ev.cameo_code == "090" and ev.actor2 is not None and ev.actor2.country == "IRN"


def test_a_foreign_army_in_a_clash_with_no_named_enemy_fights_the_country_s_army(nlp: Language) -> None:
    ev = main(code(nlp, "On 24 May, Russian forces engaged in an offensive in the direction of Lypove, Donetsk."))
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor2 is not None and (ev.actor2.country, ev.actor2.inter) == ("UKR", 1)


def test_protesters_who_demand_or_denounce_hold_a_protest(nlp: Language) -> None:
    ev = main(code(nlp, "On 13 January, protesters demanded access to running water and labor rights."))
    assert ev.event_type == "Protests" and ev.sub_event_type == "Peaceful protest"
    ev = main(code(nlp, "On 19 February, coffee workers staged a picket outside their workplace."))
    assert ev.sub_event_type == "Peaceful protest"


def test_an_act_on_no_one_named_is_on_the_country_where_it_is_done(nlp: Language) -> None:
    events = code(nlp, "Dozens of Dutch activists protested in Nairobi on Tuesday, the organisers said.")
    protest = next(e for e in events if e.cameo_root == "14")
    assert protest.actor1 is not None and protest.actor1.country == "NLD"
    # the country is a CAMEO target only: ACLED names no second side of a peaceful protest
    assert protest.actor2 is not None and (protest.actor2.cameo, protest.actor2.inter) == ("KEN", None)
    said = main(code(nlp, "The Dutch ambassador said in Nairobi on Tuesday that the embassy would stay open."))
    assert said.cameo_code == "010" and said.actor2 is None  # where something was said is no party to it


def test_what_someone_is_punished_for_is_the_charge_not_an_act(nlp: Language) -> None:
    events = code(nlp, "A court jailed a student for two years for helping militants cross the border.")
    assert [e.cameo_code for e in events] == ["173"]  # no aid (07) to the militants


def test_the_toll_of_an_attack_is_no_second_act(nlp: Language) -> None:
    events = code(nlp, "Rebels shelled the market overnight, killing at least eight people.")
    assert [e.cameo_root for e in events] == ["19"] and events[0].fatalities == 8


def test_deaths_in_an_accident_are_no_ones_act(nlp: Language) -> None:
    events = code(nlp, "Rescuers searched for victims killed by the crash of a passenger train.")
    assert not [e for e in events if e.cameo_root in ("18", "19", "20")]


def test_a_participle_is_the_act_when_the_parse_found_no_verb(nlp: Language) -> None:
    # the small English model reads this as a phrase headed by "On", with "assaulted" describing the pupils
    ev = main(code(nlp, "On 3 June 2024, in Kumasi (Ashanti), five men, including two brothers, physically "
                        "assaulted pupils and teachers using sticks at the Adum school."))
    assert ev.cameo_code == "180" and ev.location is not None and ev.location.name == "Kumasi"


def test_damage_done_by_a_crowd_is_read_when_nothing_else_is_told(nlp: Language) -> None:
    ev = main(code(nlp, "On 4 May 2024, rioters broke the windows of a bank in Lyon."))
    assert (ev.cameo_code, ev.event_type) == ("1712", "Riots")


def test_what_is_thrown_at_someone_tells_the_act(nlp: Language) -> None:
    assert main(code(nlp, "On 5 May 2024, a man threw a grenade at a bar in Kharkiv.")).sub_event_type == "Grenade"
    ev = main(code(nlp, "On 5 May 2024, rioters threw stones at police officers in Lyon."))
    assert ev.event_type == "Riots" and ev.actor2 is not None and ev.actor2.inter == 1


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




def test_of_acts_told_side_by_side_the_more_severe_leads(nlp: Language) -> None:
    ev = main(code(nlp, "On 5 May 2024, police officers detained and tortured a blogger in Nukus."))
    assert ev.sub_event_type == "Attack"


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


@pytest.mark.parametrize(("text", "target"), [
    ("Germany offered military aid to Ukraine on Monday.", "UKR"),
    ("The envoy met the king in Amman, offering further economic support to Jordan.", "JOR"),
    ("Germany sent troops to Mali on Monday.", "MLI"),  # ("last year": history, no new event)
])
def test_what_is_given_or_sent_is_no_side(nlp: Language, text: str, target: str) -> None:
    events = code(nlp, text)
    given = [e for e in events if e.cameo_root in ("03", "07")]
    assert given and all(e.actor2 is not None and e.actor2.cameo == target for e in given)


def test_a_patron_named_before_a_party_is_not_the_place(nlp: Language) -> None:
    ev = main(code(nlp, "Iran-backed Hezbollah fighters fired rockets at Israel on Sunday."))
    assert ev.location is not None and ev.location.country == "ISR"


def test_a_state_phrase_takes_the_sides_of_the_verb_it_hangs_on(nlp: Language) -> None:
    ev = main(code(nlp, "Kenyan troops remained on alert along the border with Somalia on Friday."))
    assert ev.cameo_code == "151" and ev.actor1 is not None and ev.actor1.cameo == "KENMIL"


def test_what_a_speaker_says_another_must_do_is_a_demand(nlp: Language) -> None:
    ev = main(code(nlp, "Brazil declared on Tuesday that Argentina must lower its import duties."))
    assert ev.cameo_root == "10"
    assert (ev.actor1.cameo if ev.actor1 else None, ev.actor2.cameo if ev.actor2 else None) == ("BRA", "ARG")


def test_a_person_the_lexicons_lack_is_known_by_the_title_beside_the_name(nlp: Language) -> None:
    ev = main(code(nlp, "Jan Novak, the UN envoy to Libya, met rebel leaders in Benghazi on Monday."))
    assert ev.actor1 is not None and (ev.actor1.cameo or "").startswith("IGOUNO")


def test_being_opposed_to_something_is_opposing_it(nlp: Language) -> None:
    ev = main(code(nlp, "Chile is opposed to Peruvian mediation in the border dispute."))
    assert ev.cameo_root == "12" and ev.actor1 is not None and ev.actor1.cameo == "CHL"
    assert ev.actor2 is not None and ev.actor2.cameo == "PER"  # a country's act is the country's, not civilians'



def test_being_engaged_in_fighting_is_fighting(nlp: Language) -> None:
    ev = main(code(nlp, "Serb forces were engaged in fighting with Kosovar militias in the village of Rudnik."))
    assert (ev.actor1.cameo if ev.actor1 else None, ev.cameo_root) == ("SRBMIL", "19")


def test_closing_a_border_restricts_movement(nlp: Language) -> None:
    events = code(nlp, "Tajikistan closed its border with Afghanistan on Sunday.")
    assert any(e.cameo_code == "191" and e.actor1 is not None and e.actor1.cameo == "TJK" for e in events)


def test_a_phrase_trigger_led_by_an_adverb(nlp: Language) -> None:
    ev = main(code(nlp, "Border patrol agents sexually abused two migrants near the crossing at Nogales."))
    assert ev.sub_event_type == "Sexual violence"
    assert ev.actor1 is not None and role_of(ev.actor1) == "COP"


def test_state_forces_killing_protesters_is_excessive_force(nlp: Language) -> None:
    ev = main(code(nlp, "Soldiers opened fire on demonstrators in Mandalay, killing five."))
    assert (ev.event_type, ev.sub_event_type) == ("Protests", "Excessive force against protesters")


def test_a_town_struck_is_where_it_happened(nlp: Language) -> None:
    ev = main(code(nlp, "Russian forces fired missiles at Kharkiv on Monday, damaging power stations."))
    assert ev.location is not None and ev.location.name == "Kharkiv"


def test_a_victim_the_report_names_as_armed_makes_a_clash(nlp: Language) -> None:
    lead = "On 3 March 2022, in Tijuana, Baja California, armed men shot and killed a man outside his home. "
    assert main(code(nlp, lead + "The victim was identified as a member of a local criminal group.")) \
        .sub_event_type == "Armed clash"
    assert main(code(nlp, lead + "The victim was a taxi driver.")).sub_event_type == "Attack"


@pytest.mark.parametrize("victim", ["a town councillor", "an off-duty police officer", "the district prosecutor"])
def test_unarmed_officials_and_off_duty_police_are_attacked_not_fought(nlp: Language, victim: str) -> None:
    ev = main(code(nlp, f"On 2 June 2022, gunmen shot and killed {victim} outside a shop in Cali."))
    assert ev.sub_event_type == "Attack"
    assert ev.actor2 is not None and ev.actor2.inter == 7


def test_a_police_patrol_ambushed_is_still_a_clash(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 June 2022, gunmen attacked a police patrol in Cali, killing two officers."))
    assert ev.sub_event_type == "Armed clash"


def test_party_supporters_assaulting_rivals_are_a_mob(nlp: Language) -> None:
    ev = main(code(nlp, "On 7 June 2022, members of the Jatiya League assaulted and injured members of a rival "
                        "group at a hospital in Sylhet."))
    assert ev.sub_event_type == "Mob violence" and ev.actor1 is not None and ev.actor1.inter == 5


def test_coordinated_verbs_share_the_side_named_after_the_second(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 March 2022, Houthi forces attacked and clashed with pro-government forces near Sirwah."))
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor2 is not None and role_of(ev.actor2) == "MIL"


def test_an_unnamed_side_is_of_the_country_where_it_happened(nlp: Language) -> None:
    ev = main(code(nlp, "The Somali militant group is claiming responsibility for a deadly attack on shoppers at a "
                        "mall in Kenya's capital."))
    assert ev.location is not None and ev.location.country == "KEN"
    assert ev.actor2 is not None and ev.actor2.cameo == "KENCVL"


def test_a_weapon_is_no_side_the_one_who_fired_it_is(nlp: Language) -> None:
    ev = main(code(nlp, "The airliner was blown up over eastern Ukraine by a missile fired by separatist rebels."))
    assert ev.actor1 is not None and role_of(ev.actor1) == "REB"


def test_a_state_blockade_restricts_movement_a_crowd_blockade_is_a_protest(nlp: Language) -> None:
    state = main(code(nlp, "Israel on Monday reimposed a blockade on the Gaza Strip."))
    assert state.cameo_code == "191" and state.sub_event_type != "Peaceful protest"
    army = main(code(nlp, "The army blockaded the port on Tuesday."))
    assert army.cameo_code == "191"
    crowd = main(code(nlp, "Young Tunisians blocked streets in the capital on Monday to press for jobs."))
    assert crowd.sub_event_type == "Peaceful protest"
