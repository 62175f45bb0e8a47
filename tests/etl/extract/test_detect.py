"""Which words are acts (detect): triggers, a report's lead label, and triggers that tell no act of the news. Sentences
written for these tests; the classifier stage is off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.extract.codebook import role_of
from etl.extract.detect import Act, Hit, find_triggers, sentence_hits, told_act
from tests.etl.extract.coder import code, main


def test_lead_label_names_the_kind_of_event(nlp: Language) -> None:
    from etl.extract.detect import lead_label

    assert lead_label("Weapons seizure: On 2 May, police seized rifles.") == "Disrupted weapons use"
    assert lead_label("On 2 May: nothing") is None
    ev = main(code(nlp, "Property destruction: On 3 May 2024, soldiers set fire to houses in a village."))
    assert ev.sub_event_type == "Looting/property destruction" and ev.event_type == "Strategic developments"


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


def test_a_month_is_not_a_march(nlp: Language) -> None:
    events = code(nlp, "On 5 March 2024, a few hundred people demonstrated in Tampere against the new law.")
    assert main(events).sub_event_type == "Peaceful protest"
    battle = code(nlp, "On 5 March 2024, soldiers clashed with rebels near the town of Kidal.")
    assert {e.event_type for e in battle} == {"Battles"}  # no protest coded from the month's name


def test_a_labelled_report_without_a_known_verb_still_gives_its_event(nlp: Language) -> None:
    ev = main(code(nlp, "Looting: On 3 May 2024, suspected militants made off with cattle from a farm in Gao, Mali."))
    assert ev.sub_event_type == "Looting/property destruction"
    assert ev.event_type == "Strategic developments"


def test_a_described_state_is_not_an_act(nlp: Language) -> None:
    events = code(nlp, "Reporters spoke to the captured soldiers in a hospital in Kyiv.")
    assert not any(e.cameo_root == "17" for e in events)


def test_whom_a_state_expels_decides_the_act(nlp: Language) -> None:
    assert any(e.cameo_code == "166" for e in code(nlp, "Norway expelled three Iranian diplomats on Friday."))
    assert any(e.cameo_code == "174" for e in code(nlp, "Norway expelled three Iranian activists on Friday."))


def test_what_is_received_is_the_givers_act(nlp: Language) -> None:
    events = code(nlp, "Armenian rebels received weapons from the Iranian government.")
    assert any(e.cameo_code == "072" and e.actor1 is not None and e.actor1.country == "IRN"
               and e.actor2 is not None and e.actor2.country == "ARM" for e in events)
    visit = code(nlp, "Kenya received a delegation from Uganda.")
    assert any(e.cameo_root == "04" for e in visit)


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


def test_earlier_history_beside_the_news_is_not_coded(nlp: Language) -> None:
    events = code(nlp, "UN troops withdrew from the border on Monday, two weeks after rebels kidnapped dozens of "
                       "peacekeepers.")
    assert not any(e.cameo_root == "18" for e in events)
    jailed = code(nlp, "Chile released a senior official of the opposition jailed over a year ago.")
    assert not any(e.cameo_code == "173" for e in jailed)
    assert any(e.cameo_root == "08" for e in jailed)


def test_an_act_dated_back_from_the_news_is_history(nlp: Language) -> None:
    late = code(nlp, "Kenyan troops left the camp on Friday, officials said, three days after militants abducted "
                     "two aid workers.")
    assert not any(e.cameo_root == "18" for e in late)
    group = code(nlp, "Peru launched an air strike on Monday against the militant group that has seized parts of "
                      "Chile.")
    assert not any(e.cameo_root == "17" for e in group)  # what describes the group is not this report's news


def test_what_is_fired_is_the_firings_act(nlp: Language) -> None:
    events = code(nlp, "Egypt said a mortar bomb was fired at it from Libya on Tuesday.")
    assert not any(e.cameo_root == "18" for e in events)  # the bomb is what was fired, not a bombing of its own
    pressed = code(nlp, "The king is being pressured by parliament to help the rebels.")
    assert not any(e.cameo_root == "07" for e in pressed)


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


def test_a_phrase_trigger_led_by_an_adverb(nlp: Language) -> None:
    ev = main(code(nlp, "Border patrol agents sexually abused two migrants near the crossing at Nogales."))
    assert ev.sub_event_type == "Sexual violence"
    assert ev.actor1 is not None and role_of(ev.actor1) == "COP"


def _act(nlp: Language, text: str, lemma: str) -> Act | None:
    sent = next(nlp(text).sents)
    hits = find_triggers(sent)
    hit = next(h for h in hits if h.token.lemma_ == lemma)
    return told_act(hit, sent, sentence_hits(sent, hits), whole=True)




def test_told_act_recodes_demands_and_drops_accidents(nlp: Language) -> None:
    demanded = _act(nlp, "The government demanded that the rebels withdraw from the town.", "withdraw")
    assert demanded is not None and demanded.code == "100" and demanded.obliged and not demanded.negated
    refused = _act(nlp, "The president refused to meet the opposition leader.", "meet")
    assert refused is not None and refused.code == "120" and refused.negated
    assert _act(nlp, "Ten people were killed by the landslide.", "kill") is None  # an accident is no one's act
    # weather is no one's act of force, where a group's strike is one
    assert _act(nlp, "The frost had struck more than 200 districts in the highlands.", "strike") is None
    assert _act(nlp, "Rebels struck an army post in the highlands.", "strike") is not None


def test_sentence_hits_sort_triggers_by_kind(nlp: Language) -> None:
    sent = next(nlp("Soldiers shelled the village, killing eight civilians.").sents)
    found = sentence_hits(sent, find_triggers(sent))
    assert found.verbal_root and found.armed and found.armed_verbs <= found.armed <= found.verbs | found.armed


@pytest.mark.parametrize(("text", "expected"), [
    ("Mali withdrew from ECOWAS in January.", "160"),
    ("Russia pulled out of the grain deal on Monday.", "160"),
    ("Russian troops withdrew from Kherson on Friday.", "0874"),
])
def test_leaving_a_body_is_no_military_retreat(nlp: Language, text: str, expected: str) -> None:
    codes = [e.cameo_code for e in code(nlp, text)]
    assert expected in codes and ("0874" not in codes or expected == "0874")


@pytest.mark.parametrize(("text", "found"), [
    ("The striker had a cardiac arrest on the pitch and was taken to hospital.", []),
    ("The farmer suffered a heart attack in his field on Sunday.", []),
    ("Hundreds queued for a flu shot at the clinic.", []),
    ("The couple are locked in a bitter custody battle.", []),
    ("Police made an arrest after the attack on the village.", ["arrest", "attack"]),
    ("Soldiers shot a protester near the square.", ["shot"]),
])
def test_a_trigger_noun_in_another_sense_is_no_trigger(nlp: Language, text: str, found: list[str]) -> None:
    assert [h.token.text for s in nlp(text).sents for h in find_triggers(s)] == found


def _hits(nlp: Language, text: str) -> list[Hit]:
    return [h for s in nlp(text).sents for h in find_triggers(s)]


@pytest.mark.parametrize(("text", "figurative"), [
    ("The carmaker's chief immediately shot down the rumours about a new engine.", True),
    ("The senator killed the bill in committee on Tuesday.", True),
    ("Fire crews were busy fighting two apartment fires overnight.", True),  # a plight fought is no enemy
    ("The new agency will fight corruption in the ports.", True),
    ("The fight against corruption has stalled since the election.", True),
    ("Troops shelled rebel positions near the town.", False),
    ("Rebels attacked the camp and killed five soldiers.", False),
    # "fire" is the phrase's own word, also in a sentence after the first (the phrase's end was once counted from
    # its sentence's start, so "opened fire" after a dateline's line was a figure of speech)
    ("Police said on Monday. A gunman opened fire at a bus stop, killing two people.", False),
])
def test_force_told_of_an_idea_is_a_figure_of_speech(nlp: Language, text: str, figurative: bool) -> None:
    from etl.extract.detect import figurative_force

    hits = _hits(nlp, text)
    assert hits and any(figurative_force(h) for h in hits) == figurative


@pytest.mark.parametrize(("text", "other_sense"), [
    ("The former minister launched his memoir at a bookshop in the capital.", True),
    ("The football club fired its coach after a run of defeats.", True),
    ("Fans hurled insults at the referee.", True),
    ("Rebels launched an attack on the garrison at dawn.", False),
    ("Militants fired rockets at the air base overnight.", False),
    ("The navy fired artillery batteries at the coast.", False),
    ("Soldiers fired on the crowd outside the ministry.", False),
    ("Russia launched 40 drones at Kyiv overnight.", False),
])
def test_a_verb_of_firing_with_an_object_of_no_force_is_in_another_sense(nlp: Language, text: str,
                                                                          other_sense: bool) -> None:
    from etl.extract.detect import fired_in_other_sense

    hits = [h for h in _hits(nlp, text) if h.token.pos_ == "VERB"]
    assert hits and any(fired_in_other_sense(h) for h in hits) == other_sense


@pytest.mark.parametrize(("text", "unused"), [
    ("The government approved the sale of 180 self-propelled artillery systems to its neighbour.", True),
    ("The air force tested its new missile defence shield on Monday.", True),
    ("Officials said the country would buy drones from abroad.", True),
    ("A missile hit an apartment block in the city on Monday.", False),
    ("Rebels fired mortars at the camp.", False),
])
def test_a_weapon_named_as_a_kind_or_a_ware_is_not_used(nlp: Language, text: str, unused: bool) -> None:
    from etl.extract.detect import weapon_not_used

    hits = [h for h in _hits(nlp, text) if h.token.pos_ in ("NOUN", "PROPN")]
    assert hits and any(weapon_not_used(h) for h in hits) == unused


@pytest.mark.parametrize(("text", "tally"), [
    ("A monitoring group says 24 civilians have been killed in the clashes since Saturday.", True),
    ("At least 300 people have been arrested so far.", True),
    ("In all, 12 soldiers were killed.", True),
    ("Gunmen killed five villagers on Sunday.", False),
    ("Troops have been fighting the rebels since dawn.", False),  # one battle going on: nothing counted
    ("Five officers have hidden in the embassy since last month's invasion.", False),  # the act dates another
    ("The war has killed tens of thousands of people.", True),  # a war's toll over its course
    ("The ceasefire ended a year of hostilities that killed more than 4,000 people.", True),
    ("Fighting killed 12 people in the village on Sunday.", False),  # one clash
])
def test_a_count_over_a_period_is_a_running_total(nlp: Language, text: str, tally: bool) -> None:
    from etl.extract.detect import told_as_tally

    hits = [h for h in _hits(nlp, text) if h.trigger.cameo[:2] >= "14"]
    assert hits and any(told_as_tally(h.token) for h in hits) == tally



@pytest.mark.parametrize(("text", "cameo"), [
    ("Toronto police declined to comment on the lawsuit.", "011"),
    ("The ministry refused to confirm the report.", "011"),
    ("Parliament rejected the budget on Tuesday.", "120"),
    ("The opposition refused to join the government.", "120"),
])
def test_refusing_to_comment_is_no_rejection(nlp: Language, text: str, cameo: str) -> None:
    assert cameo in {e.cameo_code for e in code(nlp, text)}


@pytest.mark.parametrize(("text", "acts"), [
    ("A suicide bomber struck a crowded market in the city on Friday.", True),
    ("Two soldiers were killed by a suicide bomber at the checkpoint.", True),
    ("Police snipers shot dead two suicide bombers before they reached the gate.", False),
    ("Two would-be suicide bombers were arrested near the stadium.", False),
    ("Officials said suicide bombers were holding passengers in the last carriage.", False),
])
def test_a_bomber_acts_only_as_the_doer(nlp: Language, text: str, acts: bool) -> None:
    from etl.extract.detect import doer_not_acting, find_triggers

    doc = nlp(text)
    hits = [h for h in find_triggers(doc[:]) if h.token.lemma_.lower().endswith("bomber")]
    assert hits and all(doer_not_acting(h, doc[:]) is not acts for h in hits)


@pytest.mark.parametrize(("text", "words_only"), [
    ("The president attacked the newspaper for refusing to support his budget.", True),
    ("The opposition leader attacked the government over its handling of the strike.", True),
    ("Gunmen attacked a police station in the town on Sunday.", False),
    ("Militants attacked the convoy for two hours before troops arrived.", False),
])
def test_an_attack_in_words(nlp: Language, text: str, words_only: bool) -> None:
    from etl.extract.detect import attacked_in_words

    verb = next(t for t in nlp(text) if t.lemma_ == "attack")
    assert attacked_in_words(verb) is words_only


@pytest.mark.parametrize(("text", "code_sent"), [
    ("Mexico sent 10,000 troops to its northern border.", "150"),
    ("The White House sent a delegation to the inauguration.", "042"),
    ("Japan sent food and medicine to the flooded province.", "070"),
    ("The army sent two companies of soldiers to the area.", "150"),  # units of forces are forces
    ("The gendarmerie sent a detachment of 40 men after the gang.", "150"),
    ("The government sent two tonnes of food to the area.", "070"),
])
def test_what_is_sent_decides_the_act(nlp: Language, text: str, code_sent: str) -> None:
    from etl.extract.detect import sent_code

    verb = next(t for t in nlp(text) if t.lemma_ == "send")
    assert sent_code(verb) == code_sent


def _article_codes(nlp: Language, text: str) -> list[str]:
    """The CAMEO codes of the acts a sentence of a full article tells."""
    sent = nlp(text)[:]
    hits = find_triggers(sent)
    found = sentence_hits(sent, hits)
    return [act.code for h in hits if (act := told_act(h, sent, found, whole=False)) is not None]


@pytest.mark.parametrize(("text", "visit"), [
    ("The French president arrived in Dakar on Monday for talks.", True),
    ("Gunmen arrived on motorbikes and opened fire on the market.", False),
    ("Soldiers arrived in the village hours later, residents said.", False),
    ("Armed men arrived in two settlements late on Sunday, residents said.", False),
])
def test_an_armed_arrival_is_no_visit(nlp: Language, text: str, visit: bool) -> None:
    assert ("042" in _article_codes(nlp, text)) is visit


def test_taking_over_an_investigation_takes_no_ground(nlp: Language) -> None:
    from etl.extract.detect import figurative_force

    doc = nlp("The elite police unit took over the investigation on Friday.")
    hits = [h for h in find_triggers(doc[:]) if h.trigger.cameo[:2] in ("18", "19", "20")]
    assert hits and all(figurative_force(h) for h in hits)


@pytest.mark.parametrize(("text", "threat"), [
    ("The weather agency warned of heavy rain and flooding along the coast.", False),
    ("Health officials warned that the dengue outbreak could spread to the capital.", False),
    ("The army warned the rebels that it would retaliate.", True),
])
def test_a_warning_of_nature_is_no_threat(nlp: Language, text: str, threat: bool) -> None:
    assert any(c.startswith("13") for c in _article_codes(nlp, text)) is threat


@pytest.mark.parametrize(("text", "sent"), [
    ("Officers fired tear gas, sending people running into side streets.", False),
    ("The blast sent residents fleeing from the market.", False),
    ("The government sent troops to the border on Monday.", True),
    ("Kenya sent aid to the flood victims on Monday.", True),
])
def test_sending_people_running_sends_no_one(nlp: Language, text: str, sent: bool) -> None:
    codes = _article_codes(nlp, text)
    assert any(c in ("150", "070", "042") for c in codes) is sent


def test_a_formal_protest_is_handed_over_not_marched(nlp: Language) -> None:
    for text in ("Algeria summoned the French ambassador to lodge a formal protest on Monday.",
                 "The foreign ministry handed the charge d'affaires a note of protest on Monday."):
        assert not any(e.cameo_root == "14" for e in code(nlp, text)), text
    assert any(e.cameo_root == "14" for e in code(nlp, "Thousands of farmers staged a protest in Algiers on Monday."))


@pytest.mark.parametrize(("text", "cameo"), [
    ("Estonia on Tuesday ordered a Russian diplomat to leave the country within 72 hours.", "166"),
    ("Serbia declared the Croatian ambassador persona non grata on Friday.", "166"),
    ("Mali on Tuesday gave the French ambassador 72 hours to leave.", "166"),
    ("Police ordered the protesters to leave the square on Tuesday.", None),  # told to leave a place: no expulsion
])
def test_told_to_leave_the_country_is_expelled(nlp: Language, text: str, cameo: str | None) -> None:
    """A state that orders an envoy out, or declares one persona non grata, expels them; whom decides the code."""
    expelled = [e for e in code(nlp, text) if e.cameo_root == "16"]
    assert [e.cameo_code for e in expelled][:1] == ([cameo] if cameo else []), text
    if cameo:
        assert expelled[0].actor2 is not None and expelled[0].actor2.country in ("RUS", "HRV", "FRA")


@pytest.mark.parametrize(("text", "summoned"), [
    ("Finland summoned the Russian ambassador on Monday over the violation of its airspace.", "RUS"),
    ("Estonia summoned Moscow's charge d'affaires on Tuesday.", "RUS"),
    ("The judge summoned the witnesses on Monday.", None),  # no envoy: no complaint to a state
])
def test_summoning_an_envoy_is_a_formal_complaint_to_the_state(nlp: Language, text: str, summoned: str | None) -> None:
    complaints = [e for e in code(nlp, text) if e.cameo_code == "114"]
    if summoned is None:
        assert not complaints, text
    else:
        assert complaints and complaints[0].actor2 is not None and complaints[0].actor2.country == summoned, text


def test_a_protest_lodged_is_a_formal_complaint(nlp: Language) -> None:
    """A protest one lodges or conveys, or a formal one, is a complaint to someone (CAMEO 114), no demonstration."""
    lodged = code(nlp, "Pakistan lodged a formal protest with India on Monday.")
    assert [(e.cameo_code, e.actor1.country if e.actor1 else None, e.actor2.country if e.actor2 else None)
            for e in lodged] == [("114", "PAK", "IND")]
    conveyed = code(nlp, "The ministry said it had conveyed its strong protest to the Pakistani side on Monday.")
    assert any(e.cameo_code == "114" for e in conveyed) and not any(e.cameo_root == "14" for e in conveyed)


@pytest.mark.parametrize(("text", "new"), [
    ("Those protests lasted several weeks and saw hundreds detained.", False),
    ("That offensive killed 40 people in the town.", False),
    ("The protests lasted several weeks and police detained hundreds.", True),
])
def test_an_act_of_a_happening_pointed_back_to_is_no_new_event(nlp: Language, text: str, new: bool) -> None:
    from etl.extract.detect import about_one_told_before

    doc = nlp(text)
    act = next(t for t in doc if t.lemma_ in ("detain", "kill"))
    assert about_one_told_before(act) is not new, text


def test_water_cannon_fired_at_a_boat_disperses_no_crowd(nlp: Language) -> None:
    at_sea = code(nlp, "A Chinese coast guard ship fired a water cannon at a Philippine supply boat on Monday.")
    assert not any(e.event_type == "Protests" for e in at_sea)
    crowd = code(nlp, "Police fired water cannon at protesters in Nairobi on Monday.")
    assert any(e.sub_event_type == "Protest with intervention" for e in crowd)


@pytest.mark.parametrize("text", [
    "A cooking gas cylinder exploded in a kitchen at a wedding in the village on Monday evening, killing nine people "
    "and injuring 30.",
    "A boiler explosion at a textile factory killed four workers on Monday.",
])
def test_a_device_that_explodes_is_an_accident(nlp: Language, text: str) -> None:
    assert not [e for e in code(nlp, text) if e.event_class == "political_violence"]


@pytest.mark.parametrize("text", [
    "Four people were killed on Friday when a car collided with a minibus near the town, the emergency service said.",
    "Thirteen people died on Sunday after their overloaded boat capsized on the lake.",
    "Two people were killed and 15 injured on Monday when more than 20 cars, including two buses, collided in fog.",
])
def test_deaths_when_a_vehicle_crashes_are_an_accident(nlp: Language, text: str) -> None:
    assert not [e for e in code(nlp, text) if e.event_class == "political_violence"]


@pytest.mark.parametrize("text", [
    "Three soldiers were killed on Monday when their vehicle overturned after hitting a mine.",
    "Soldiers shot dead two men on Monday as they fled a checkpoint, and their car crashed into a wall.",
])
def test_a_killing_beside_a_crash_is_still_an_attack(nlp: Language, text: str) -> None:
    assert any(e.event_class == "political_violence" for e in code(nlp, text))


def test_a_bomb_that_explodes_is_still_an_attack(nlp: Language) -> None:
    events = code(nlp, "A bomb exploded in a crowded market in the town on Monday, killing nine people.")
    assert any(e.sub_event_type == "Remote explosive/landmine/IED" for e in events)


def test_a_hand_in_doing_an_act_is_no_aid(nlp: Language) -> None:
    """"helped organise surveillance", "helped broker a ceasefire": help told by the act it governs gives no aid
    (CAMEO 07); help given to someone ("helped refugees with food") or to relief ("helped evacuate") does."""
    for text in ("The security service said the diplomat had helped organise surveillance of dissidents.",
                 "Egypt helped broker a ceasefire between the two sides on Sunday."):
        assert not any(e.cameo_code.startswith("07") for e in code(nlp, text)), text
    for text in ("Turkey helped Syrian refugees with food and blankets on Monday.",
                 "Soldiers helped evacuate the wounded from the village on Monday."):
        assert any(e.cameo_code.startswith("07") for e in code(nlp, text)), text


@pytest.mark.parametrize(("text", "code_", "plover"), [
    ("The European Union imposed sanctions on Belarus on Monday over the crackdown.", "163", "SANCTION"),
    ("Washington imposed an embargo on arms sales to the junta on Friday.", "163", "SANCTION"),
    ("The governor imposed a curfew on the city on Friday after the riots.", "172", "COERCE"),
])
def test_sanctions_imposed_reduce_relations(nlp: Language, text: str, code_: str, plover: str) -> None:
    """Sanctions or an embargo imposed on another are CAMEO 163 (PLOVER SANCTION), not the administrative sanctions
    a state imposes at home (172: a curfew, a ban)."""
    ev = next(e for e in code(nlp, text) if e.cameo_code.startswith(code_[:2]))
    assert (ev.cameo_code[:3], ev.plover_event) == (code_, plover)


@pytest.mark.parametrize(("text", "code_", "plover"), [
    ("The army lifted a blockade on the town on Friday.", "0872", "RETREAT"),
    ("The army lifted the siege of the town on Friday.", "0872", "RETREAT"),
    ("The government lifted the curfew in the capital on Monday.", "0813", "CONCEDE"),
])
def test_a_blockade_or_curfew_lifted(nlp: Language, text: str, code_: str, plover: str) -> None:
    """A blockade eased (0872) is a military step back, PLOVER's RETREAT; a curfew eased (0813) an administrative
    one, CONCEDE (PLOVER's CAMEO table: YIELD's 081-083 CONCEDE, 084-087 RETREAT)."""
    ev = next(e for e in code(nlp, text) if e.cameo_root == "08")
    assert (ev.cameo_code, ev.plover_event) == (code_, plover)


def test_a_crowd_that_dispersed_of_itself_tells_no_intervention(nlp: Language) -> None:
    """"The crowd dispersed peacefully": no one broke it up; "police dispersed the crowd" and "the crowd was
    dispersed" tell the intervention."""
    assert not [e for e in code(nlp, "The crowd dispersed peacefully by evening.") if e.cameo_code == "175"]
    assert [e for e in code(nlp, "Police dispersed the crowd with tear gas.") if e.cameo_code == "175"]
    assert [e for e in code(nlp, "Protesters were dispersed by police.") if e.cameo_code == "175"]


def test_a_strike_in_a_story_of_missiles_is_no_walkout(nlp: Language) -> None:
    """"The ministry said its forces had carried out a massive strike on military enterprises" in a story of
    missiles and drones: no labour strike; workers' strike in a story of wages is one."""
    text = ("Russian missiles and drones hit the city overnight, officials said. The Defence Ministry said its forces "
            "had carried out a massive strike on military-industrial enterprises.")
    assert not [e for e in code(nlp, text) if e.cameo_code == "143"]
    assert [e for e in code(nlp, "Dock workers began a strike on Monday over unpaid wages.") if e.cameo_code == "143"]


@pytest.mark.parametrize("text, cameo", [
    ("Local officials warned that the attackers could next try to push towards the capital.", "012"),
    ("Some lawmakers have warned that the drawdown could embolden militant remnants.", "012"),
    ("The army warned that it would respond with force to any attack.", "130"),
    ("The government warned that any attack would be met with force.", "130"),
    ("Cairo's security chief has warned that police will no longer tolerate rallies by the group.", "130"),
    ("Iran accused its neighbour of harbouring spies, warning that Tehran would not remain silent.", "130"),
])
def test_a_warning_of_what_another_might_do_is_no_threat(nlp: Language, text: str, cameo: str) -> None:
    """CAMEO's threat (13) is a speaker's warning of its own act; one of what others may do is a pessimistic
    comment (012)."""
    assert cameo in {e.cameo_code for e in code(nlp, text)}


def test_calling_on_someone_to_act_is_an_appeal_and_calling_on_someone_a_visit(nlp: Language) -> None:
    assert "020" in {e.cameo_code for e in code(nlp, "The United Nations called on both sides to cease hostilities.")}
    assert "020" not in {e.cameo_code for e in code(nlp, "The minister called on the opposition leader at his home.")}


def test_people_marched_away_are_no_march(nlp: Language) -> None:
    """"The gunmen marched 19 passengers into the bush": people made to walk, no protest; "thousands marched
    through the capital" and "protesters marched the streets" are marches."""
    for text in ("The gunmen marched 19 passengers into the bush.", "The hoodlums marched their victims into the "
                 "forest."):
        assert not any(e.cameo_root == "14" for e in code(nlp, text)), text
    for text in ("Thousands marched through the capital on Tuesday.", "Protesters marched the streets of Lagos.",
                 "Community members marched down First Avenue in Saint Petersburg."):
        assert any(e.cameo_root == "14" for e in code(nlp, text)), text


def test_a_state_of_emergency_and_a_pardon_are_acts(nlp: Language) -> None:
    """A government's state of emergency or martial law is CAMEO 1724; a pardon releases a person (0841)."""
    assert any(e.cameo_code == "1724" for e in code(nlp, "The government declared a state of emergency in three "
                                                         "northern provinces on Monday."))
    assert any(e.cameo_code == "0841" for e in code(nlp, "The president pardoned the jailed opposition leader."))


def test_hailing_is_praise_and_disputing_a_claim_a_rejection(nlp: Language) -> None:
    assert any(e.cameo_code == "051" for e in code(nlp, "The U.N. envoy hailed the agreement as a step towards peace."))
    assert any(e.cameo_code == "120" for e in code(nlp, "The opposition disputed the official results of the vote."))
