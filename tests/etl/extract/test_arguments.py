"""The heads of an act's sides from the parse (arguments): subject, object, agent, target, means. Sentences written for
these tests; the classifier stage is off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.extract.arguments import act_heads, lead_subject
from etl.extract.codebook import role_of
from etl.extract.detect import find_triggers, sentence_hits, told_act
from tests.etl.extract.coder import code, country_pairs, main


def test_owner_of_the_action_is_the_actor(nlp: Language) -> None:
    events = code(nlp, "Moscow's counteroffensive has retaken two villages seized by Ukraine in the Kursk region.")
    ev = next(e for e in events if e.cameo_root == "19")
    assert ev.actor1 is not None and ev.actor1.country == "RUS"
    assert ev.location is None or ev.location.name != "Moscow"


def test_noun_act_takes_the_sides_of_its_verb(nlp: Language) -> None:
    events = code(nlp, "Norwegian troops launched missiles at Serbian positions on Monday.")
    assert any(e.actor1 is not None and e.actor1.country == "NOR" and e.actor2 is not None
               and e.actor2.country == "SRB" for e in events)


def test_passive_subject_of_a_control_verb_is_the_actor(nlp: Language) -> None:
    events = code(nlp, "The Kenyan president is scheduled to visit Uganda next week.")
    assert any(e.cameo_root == "04" and e.actor1 is not None and e.actor1.country == "KEN" for e in events)
    shot = main(code(nlp, "A farmer was shot and killed by gunmen in the village on Sunday."))
    assert shot.actor1 is None or shot.actor1.inter != 7  # the victim is not who shot


def test_an_attack_told_as_the_means_of_a_verb_is_by_its_subject(nlp: Language) -> None:
    events = code(nlp, "Basque separatists wounded two Spanish policemen in a bomb attack on Thursday.")
    bomb = [e for e in events if e.cameo_root == "18"]
    assert bomb and all(e.actor1 is None or e.actor1.inter != 3 or "Unidentified" not in e.actor1.name for e in bomb)


def test_a_lead_parsed_as_a_noun_phrase_keeps_its_subject(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 June 2024, a mob tied up and assaulted a man at a market in Polokwane, South Africa."))
    assert ev.actor1 is not None and ev.actor1.inter == 5


def test_a_noun_act_inside_a_compound_takes_its_verb_s_subject(nlp: Language) -> None:
    events = code(nlp, "Norway undertook a mediation mission between Colombia and the ELN on Monday.")
    assert any(e.cameo_root == "04" and e.actor1 is not None and e.actor1.country == "NOR" for e in events)


def test_what_is_given_goes_to_the_dative(nlp: Language) -> None:
    events = code(nlp, "Peru said it would not provide support to Chile.")
    assert any(e.cameo_root == "12" and e.actor2 is not None and e.actor2.country == "CHL" for e in events)


def test_a_multiword_act_takes_its_head_words_agent(nlp: Language) -> None:
    events = code(nlp, "Five people were killed in an air strike by government forces near the town.")
    assert any(e.cameo_root == "19" and e.actor1 is not None and e.actor1.cameo.endswith("MIL") for e in events)


def test_what_is_fired_from_a_territory_comes_from_its_side(nlp: Language) -> None:
    events = code(nlp, "Two rockets were fired from Lebanon at northern Israel.")
    assert ("19", "LBN", "ISR") in country_pairs(events)


def test_a_ratified_agreement_belongs_to_who_ratified_it(nlp: Language) -> None:
    events = code(nlp, "Moldova ratified a trade agreement with the European Union on Tuesday.")
    assert any(e.cameo_root == "05" and e.actor1 is not None and e.actor1.country == "MDA" for e in events)


def test_what_a_side_attacks_with_is_no_side(nlp: Language) -> None:
    events = code(nlp, "Militants attacked the village with machetes on Sunday.")
    assert not any(e.actor2 is not None and "machete" in (e.actor2.text or "") for e in events)


def test_a_conjunction_is_not_part_of_a_name(nlp: Language) -> None:
    events = code(nlp, "Brazil and Peru are seeking to deepen their partnership in energy.")
    assert all(not (e.actor1.text or "").endswith(" and") for e in events if e.actor1 is not None)
    assert any(e.cameo_root == "03" for e in events)


def test_an_act_with_no_doer_of_its_own_is_the_lead_subjects(nlp: Language) -> None:
    ev = main(code(nlp, "On 28 April 2022, the Malian army carried out an operation involving airstrikes against "
                        "militants near Mopti."))
    assert ev.actor1 is not None and ev.actor1.country == "MLI" and ev.actor1.inter == 1


def test_a_date_is_not_part_of_the_actor(nlp: Language) -> None:
    ev = main(code(nlp, "On 29 April 2022, Oromia regional special forces killed two civilians in Adda Berga."))
    assert ev.actor1 is not None and not (ev.actor1.text or "").startswith("On ")


def test_a_fight_between_parties_has_them_as_sides(nlp: Language) -> None:
    ev = main(code(nlp, "On 19 June 2022, a shoot-out between police and unknown shooters took place in the "
                        "Manguinhos neighborhood."))
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1 is not None and ev.actor1.inter == 1 and ev.actor2 is not None and ev.actor2.inter == 3


def test_fighting_that_broke_out_between_two_sides_after_a_place_lead(nlp: Language) -> None:
    # the parser takes "Pale township" for the subject and hangs "between" on the verb
    ev = main(code(nlp, "On 13 May, near Kyun Taw village of Pale township (Yinmarbin district, Sagaing region), "
                        "fighting broke out between military forces and the PDF."))
    assert ev.actor1 is not None and ev.actor2 is not None
    assert {ev.actor1.inter, ev.actor2.inter} == {1, 3}
    assert "township" not in (ev.actor1.text or "") and ev.actor1.country == "MMR"


@pytest.mark.parametrize("lead", [
    "Fighting between Fano militiamen and federal forces around the town of Kemise killed at least 23 people.",
    "KEMISE, Ethiopia (Example Wire) - Fighting between Fano militiamen and federal forces around the town of Kemise "
    "killed at least 23 people, residents said.",
])
def test_fighting_told_by_a_gerund_has_the_parties_between_as_sides(nlp: Language, lead: str) -> None:
    """A gerund with no subject of its own names a fight as a noun does ("Fighting between X and Y")."""
    doc = nlp(lead)
    sent = next(doc.sents)
    hits = find_triggers(sent)
    found = sentence_hits(sent, hits)
    fighting = next(h for h in hits if h.token.text == "Fighting")
    act = told_act(fighting, sent, found, whole=False)
    assert act is not None
    subj, obj, _ = act_heads(act, found, lambda t: True)
    assert subj is not None and obj is not None and {subj.text, obj.text} == {"militiamen", "forces"}


def test_a_name_the_parser_hung_on_a_date_is_still_the_party(nlp: Language) -> None:
    events = code(nlp, "Kenya's foreign minister met with Ugandan President Yoweri Museveni Monday to discuss trade.")
    assert ("04", "KEN", "UGA") in country_pairs(events)


def test_what_is_fired_at_a_side_is_no_side(nlp: Language) -> None:
    events = code(nlp, "Chile fired artillery batteries at Peru this week.")
    assert ("19", "CHL", "PER") in country_pairs(events)


def test_a_withdrawal_is_from_a_side(nlp: Language) -> None:
    events = code(nlp, "Hundreds of UN troops withdrew from Lebanon on Monday.")
    ev = next(e for e in events if e.cameo_code == "0874")
    assert ev.actor1 is not None and (ev.actor1.cameo or "").startswith("IGO")
    assert ev.actor2 is not None and ev.actor2.country == "LBN"


def test_the_party_a_thing_is_aimed_at_is_the_target(nlp: Language) -> None:
    assert ("08", "CAN", "CUB") in country_pairs(code(nlp, "Canada has agreed to lift the sanctions on Cuba."))
    assert ("11", "JPN", "PRK") in country_pairs(code(nlp, "Japan presented evidence against North Korea."))
    assert ("11", "ISR", "IRN") in country_pairs(code(nlp, "Evidence against Iran was presented by Israel."))
    travel = "The Australian foreign ministry advised against travel to Mali."
    assert ("16", "AUS", "MLI") in country_pairs(code(nlp, travel))


def test_the_means_of_a_killing_tells_who_did_it(nlp: Language) -> None:
    events = code(nlp, "Three civilians were killed in a Turkish air strike on the village.")
    assert any(e.cameo_root == "19" and e.actor1 is not None and e.actor1.country == "TUR" and e.actor2 is not None
               and e.actor2.text == "Three civilians" for e in events)  # the killing, with its victims


def test_a_warrant_is_for_whom_it_names(nlp: Language) -> None:
    events = code(nlp, "A court in Peru has issued arrest warrants for two Chilean men wanted for smuggling.")
    assert ("17", "PER", "CHL") in country_pairs(events)


def test_a_hyphenated_verb_trigger_takes_its_sides_from_the_verb(nlp: Language) -> None:
    ev = main(code(nlp, "The UN inspectors want to re-examine the refineries in Iran."))
    assert ev.cameo_code == "090" and ev.actor2 is not None and ev.actor2.country == "IRN"


def test_what_is_thrown_at_someone_tells_the_act(nlp: Language) -> None:
    assert main(code(nlp, "On 5 May 2024, a man threw a grenade at a bar in Kharkiv.")).sub_event_type == "Grenade"
    ev = main(code(nlp, "On 5 May 2024, rioters threw stones at police officers in Lyon."))
    assert ev.event_type == "Riots" and ev.actor2 is not None and ev.actor2.inter == 1


@pytest.mark.parametrize(("text", "target"), [
    ("Germany offered military aid to Ukraine on Monday.", "UKR"),
    ("The French envoy met the king in Amman, offering further economic support to Jordan.", "JOR"),
    ("Germany sent troops to Mali on Monday.", "MLI"),  # ("last year": history, no new event)
])
def test_what_is_given_or_sent_is_no_side(nlp: Language, text: str, target: str) -> None:
    events = code(nlp, text)
    given = [e for e in events if e.cameo_root in ("03", "07", "15")]  # sending troops is a deployment (15)
    assert given and all(e.actor2 is not None and e.actor2.cameo == target for e in given)


def test_a_state_phrase_takes_the_sides_of_the_verb_it_hangs_on(nlp: Language) -> None:
    ev = main(code(nlp, "Kenyan troops remained on alert along the border with Somalia on Friday."))
    assert ev.cameo_code == "151" and ev.actor1 is not None and ev.actor1.cameo == "KENMIL"


def test_being_opposed_to_something_is_opposing_it(nlp: Language) -> None:
    ev = main(code(nlp, "Chile is opposed to Peruvian mediation in the border dispute."))
    assert ev.cameo_root == "12" and ev.actor1 is not None and ev.actor1.cameo == "CHL"
    assert ev.actor2 is not None and ev.actor2.cameo == "PER"  # a country's act is the country's, not civilians'


def test_being_engaged_in_fighting_is_fighting(nlp: Language) -> None:
    ev = main(code(nlp, "Serb forces were engaged in fighting with Kosovar militias in the village of Rudnik."))
    assert (ev.actor1.cameo if ev.actor1 else None, ev.cameo_root) == ("SRBMIL", "19")


def test_coordinated_verbs_share_the_side_named_after_the_second(nlp: Language) -> None:
    ev = main(code(nlp, "On 2 March 2022, Houthi forces attacked and clashed with pro-government forces near Sirwah."))
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor2 is not None and role_of(ev.actor2) == "MIL"


def test_a_weapon_is_no_side_the_one_who_fired_it_is(nlp: Language) -> None:
    ev = main(code(nlp, "The airliner was blown up over eastern Ukraine by a missile fired by separatist rebels."))
    assert ev.actor1 is not None and role_of(ev.actor1) == "REB"


def test_act_heads_are_the_parties_not_the_things(nlp: Language) -> None:
    sent = next(nlp("Russia launched missiles at Ukraine on Monday.").sents)
    hits = find_triggers(sent)
    found = sentence_hits(sent, hits)
    act = next(a for h in hits if (a := told_act(h, sent, found, whole=True)) is not None)
    subj, obj, means = act_heads(act, found, lambda t: t.ent_type_ == "GPE")
    assert (subj.text, obj.text if obj is not None else None, means) == ("Russia", "Ukraine", None)


def test_a_sentence_that_leads_with_a_comment_has_no_lead_subject(nlp: Language) -> None:
    comment = next(nlp("Canada condemned the attack on the village.").sents)
    assert lead_subject(comment, find_triggers(comment)) is None
    lead = next(nlp("The army carried out an operation involving airstrikes.").sents)
    subject = lead_subject(lead, find_triggers(lead))
    assert subject is not None and subject.text == "army"


def test_a_persons_name_on_an_act_done_to_them_is_the_victim(nlp: Language) -> None:
    events = [e for e in code(nlp, "Mech Dara's arrest drew international condemnation.") if e.cameo_root == "17"]
    assert events and all(e.actor2 is not None and "Mech Dara" in e.actor2.name for e in events)
    assert all(e.actor1 is None or "Mech Dara" not in e.actor1.name for e in events)


def test_who_comes_under_attack_is_struck_not_striking(nlp: Language) -> None:
    ev = main(code(nlp, "Soldiers escorting a fuel convoy came under attack from about 100 militants near Tera."))
    assert ev.actor1 is not None and role_of(ev.actor1) == "REB" and ev.actor1.text == "about 100 militants"
    assert ev.actor2 is not None and ev.actor2.text == "Soldiers"


def test_a_train_under_a_bomb_attack_is_no_attacker(nlp: Language) -> None:
    events = code(nlp, "The Night Express, a train with 450 people on board, came under a bomb and gun attack on "
                       "Tuesday near Sibi.")
    assert events and all(e.actor1 is None or e.actor1.text != "The Night Express" for e in events)


def test_rejecting_a_claim_is_aimed_at_who_made_it(nlp: Language) -> None:
    ev = next(e for e in code(nlp, "The ministry rejected allegations by the Pakistani army on Monday.")
              if e.cameo_root == "12")
    assert ev.actor2 is not None and ev.actor2.country == "PAK" and role_of(ev.actor2) == "MIL"


def test_one_move_of_one_doer_has_one_addressee(nlp: Language) -> None:
    """"Greece summoned North Macedonia's ambassador and warned that it could block the talks": the warning is
    North Macedonia's too; a verb with a subject of its own tells another clause and shares nothing."""
    warned = [e for e in code(nlp, "Greece summoned North Macedonia's ambassador on Monday and warned that it could "
                                   "block the accession talks.") if e.cameo_root == "13"]
    assert warned and all(e.actor2 is not None and e.actor2.country == "MKD" for e in warned)
    other = [e for e in code(nlp, "Greece summoned North Macedonia's ambassador on Monday, and Italy warned that it "
                                  "could block the accession talks.") if e.cameo_root == "13"]
    assert other and all(e.actor2 is None or e.actor2.country != "MKD" for e in other)
    unnamed = [e for e in code(nlp, "Iran accused its northern neighbour of harbouring spies, warning that Tehran "
                                    "would not remain silent.") if e.cameo_root == "13"]
    assert unnamed and all(e.actor2 is None for e in unnamed)  # whose neighbour: not Iran's own civilians
    asked = [e for e in code(nlp, 'The Somali presidency condemned what it called "an attack on our sovereignty" and '
                                  "called on the African Union and the United Nations to intervene.")
             if e.cameo_root == "11"]
    assert asked and all(e.actor2 is None for e in asked)  # whom an appeal asks is not whom the condemnation blames
    chained = [e for e in code(nlp, "Peru summoned Chile's ambassador on Monday and accused its neighbour of spying, "
                                    "warning that Lima would respond.") if e.cameo_root == "13"]
    assert chained and all(e.actor2 is not None and e.actor2.country == "CHL" for e in chained)


def test_a_weapon_told_as_the_doer_is_its_wielders(nlp: Language) -> None:
    """"Drones operated by the police struck a gang stronghold": the police struck it, not the drones (no side);
    "debris from a downed Ukrainian drone hit a house" is Ukraine's forces', not Ukrainian civilians'."""
    from tests.etl.extract.coder import code

    struck = [e for e in code(nlp, "Drones operated by Haitian police struck a gang stronghold near Croix-des-Bouquets "
                                   "on Monday, killing nine gang members.") if e.cameo_root in ("18", "19")]
    assert struck and all(e.actor1 is not None and e.actor1.country == "HTI" and e.actor1.inter == 1 for e in struck)
    hit = [e for e in code(nlp, "Debris from a downed Ukrainian drone hit a house in Klintsy on Tuesday, killing two "
                                "people.") if e.cameo_root in ("18", "19")]
    assert hit and any(e.actor1 is not None and e.actor1.name == "Military Forces of Ukraine" for e in hit)
    assert not any(e.actor1 is not None and e.actor1.name == "Civilians (Ukraine)" for e in hit)


def test_the_people_a_toll_names_are_the_target_of_a_shooting_at_a_place(nlp: Language) -> None:
    """"Opened fire at a bus stop, killing two Israelis": the bus stop names no side, the toll says whose the dead
    were; "killing five drivers" does not, and the act's default stands."""
    ev = next(e for e in code(nlp, "A Palestinian gunman opened fire at a bus stop near Hebron on Thursday, killing "
                                   "two Israelis and wounding three.") if e.cameo_root in ("18", "19"))
    assert ev.actor2 is not None and ev.actor2.country == "ISR"


def test_an_appeal_coordinated_inside_reported_words_is_the_speaker_s(nlp: Language) -> None:
    """A finite past verb of asking hung on an infinitive or a perfect of the reported clause is the speaker's: verbs
    coordinate with verbs of their own form ("said ... to restore peace and called for talks")."""
    for text in ("Opposition Congress party leaders said the attack showed the failure of the federal government to "
                 "restore peace and called for an all-party meeting.",
                 "The opposition party said on Tuesday that the authorities had abandoned the residents of the town "
                 "and called for a permanent police presence.",
                 "The opposition party said the abduction was a serious violation of the law and urged the armed "
                 "group to release the captives."):
        appeals = [e for e in code(nlp, text) if e.cameo_root == "02"]
        assert appeals and all(e.actor1 is not None and role_of(e.actor1) != "GOV" for e in appeals), text


def test_an_act_coordinated_inside_reported_words_keeps_its_doer(nlp: Language) -> None:
    events = code(nlp, "Police said gunmen had stormed the village and abducted 20 people.")
    abducted = [e for e in events if e.cameo_code.startswith("181")]
    assert abducted and all(e.actor1 is not None and role_of(e.actor1) != "COP" for e in abducted)


def test_a_speaker_s_appeal_or_threat_after_a_clause_of_no_party_is_the_speaker_s(nlp: Language) -> None:
    """"X said it was horrified and called on Y", "X said the offer was not enough and threatened a strike": the
    parser hangs the second verb on the reported clause, whose subject ("it", "the offer") is no party; the appeal
    and the threat are the speaker's."""
    appeal = [e for e in code(nlp, 'The Norwegian Refugee Council said it was "horrified" and called on the '
                                   "authorities to protect aid workers.") if e.cameo_root == "02"]
    assert appeal and appeal[0].actor1 is not None and appeal[0].actor1.cameo == "NORNGO"
    threat = [e for e in code(nlp, "Union leaders in Poland said those promises were not enough and threatened a "
                                   "strike in the mines.") if e.cameo_root == "13"]
    assert threat and threat[0].actor1 is not None and threat[0].actor1.inter == 6


def test_a_statement_put_out_speaks_for_who_put_it_out(nlp: Language) -> None:
    """"X issued a statement condemning Y": the condemnation is X's (the statement's author)."""
    events = code(nlp, "Several opposition parties issued a statement condemning the killing of two teachers "
                       "by police.")
    condemned = next(e for e in events if e.cameo_root == "11")
    assert condemned.actor1 is not None and condemned.actor1.inter == 6
