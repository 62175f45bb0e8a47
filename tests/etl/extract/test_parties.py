"""From a side's head to its actor (parties): names, capitals, titles, holders, coordinated parties, the armed sides a
clash needs. Sentences written for these tests; the classifier stage is off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

from spacy.language import Language

from tests.etl.extract.coder import code, country_pairs, main


def test_clash_finds_its_second_armed_side(nlp: Language) -> None:
    ev = main(code(nlp, "Heavy clashes erupted between soldiers and rebels near the town on Sunday."))
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor1 is not None and ev.actor2 is not None
    assert {ev.actor1.inter, ev.actor2.inter} == {1, 2}


def test_coordinated_parties_of_a_reciprocal_act(nlp: Language) -> None:
    pairs = country_pairs(code(nlp, "Chile and Peru signed a fishing agreement in Lima on Monday."))
    assert {p[1:] for p in pairs if p[0] in ("05", "06", "04")} & {("CHL", "PER"), ("PER", "CHL")}


def test_a_capital_stands_for_its_country(nlp: Language) -> None:
    events = code(nlp, "Moscow's offensive has retaken three villages near the border.")
    assert any(e.actor1 is not None and e.actor1.country == "RUS" for e in events)


def test_coordinated_sides_share_their_country(nlp: Language) -> None:
    events = code(nlp, "Turkish helicopters and tanks shelled rebel positions near the border.")
    assert all(e.actor1 is None or e.actor1.country == "TUR" for e in events if e.cameo_root == "19")


def test_hyphenated_and_possessive_names_resolve(nlp: Language) -> None:
    from etl.extract.actors import get_actor_resolver

    resolver = get_actor_resolver()
    for text, name in [("the Saudi-led coalition", "Operation Restoring Hope"),
                       ("People's Defense Force", "PDF: People's Defense Force")]:
        doc = nlp(text)
        actor = resolver.resolve(doc[:], doc)
        assert actor is not None and actor.name == name


def test_an_unnamed_minister_belongs_to_the_country_the_story_is_about(nlp: Language) -> None:
    text = ("Ukrainian officials said on Monday that fighting continued near Kursk. "
            "The foreign minister called for more pressure on Moscow.")
    calls = [e for e in code(nlp, text) if e.cameo_root == "02"]
    assert calls and calls[0].actor1 is not None and calls[0].actor1.country == "UKR"


def test_a_title_after_a_name_tells_whose_side(nlp: Language) -> None:
    events = code(nlp, "Jan Novak, the Czech foreign minister, demanded that Hungary release the detained activists.")
    assert any(e.cameo_root == "10" and e.actor1 is not None and e.actor1.country == "CZE" for e in events)


def test_every_party_of_a_listed_meeting_meets_the_others(nlp: Language) -> None:
    for text in ("The UK, France, and Germany met on Monday.", "Kenya, Uganda, and Tanzania met yesterday."):
        pairs = {frozenset(p[1:]) for p in country_pairs(code(nlp, text)) if p[0] == "04"}
        a, b, c = [x for x in ("GBR", "FRA", "DEU", "KEN", "UGA", "TZA") if x in {y for p in pairs for y in p}]
        assert {frozenset((a, b)), frozenset((a, c)), frozenset((b, c))} <= pairs


def test_a_leader_named_in_full_is_resolved(nlp: Language) -> None:
    events = code(nlp, "Barack Obama and Vladimir Putin will meet in Zurich next month.")
    assert any(e.actor1 is not None and e.actor1.country in ("USA", "RUS") and e.actor2 is not None
               for e in events if e.cameo_root in ("03", "04"))


def test_georgian_is_the_country(nlp: Language) -> None:
    events = code(nlp, "Georgian police detained ten protesters in Tbilisi.")
    assert main(events).actor1 is not None and main(events).actor1.country == "GEO"


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


def test_an_act_of_force_whose_parse_names_no_doer_takes_the_armed_side_it_leads_with(nlp: Language) -> None:
    # the small model makes "shot" a noun here; the military still did it
    ev = main(code(nlp, "On 14 January, in Hiangzing village (Tedim township, Chin state), military forces who "
                        "entered the village shot and killed a 29-year-old man."))
    assert ev.actor1 is not None and ev.actor1.inter == 1 and ev.actor1.country == "MMR"


def test_coordinated_countries_before_one_head_are_two_parties(nlp: Language) -> None:
    events = code(nlp, "French and German activists staged a protest in Moscow on Friday.")
    # a peaceful protest has no ACLED second party; the country it is done in is its CAMEO target
    assert {("14", "FRA", "RUS"), ("14", "DEU", "RUS")} <= country_pairs(events)


def test_a_country_named_with_peacekeepers_is_theirs(nlp: Language) -> None:
    ev = main(code(nlp, "Malian rebels attacked Chadian peacekeepers near the town."))
    assert ev.actor2 is not None and ev.actor2.country == "TCD"
    un = main(code(nlp, "Malian rebels attacked peacekeepers near the town."))
    assert un.actor2 is not None and (un.actor2.cameo or "").startswith("IGO")


def test_a_title_with_a_country_is_an_office(nlp: Language) -> None:
    events = code(nlp, "The Brazilian commander in Haiti held talks with the Chilean leader on Monday.")
    ev = next(e for e in events if e.cameo_root == "04")
    assert ev.actor1 is not None and ev.actor1.cameo == "BRAMIL"
    assert ev.actor2 is not None and ev.actor2.cameo == "CHLGOV"


def test_a_foreign_army_in_a_clash_with_no_named_enemy_fights_the_country_s_army(nlp: Language) -> None:
    ev = main(code(nlp, "On 24 May, Russian forces engaged in an offensive in the direction of Lypove, Donetsk."))
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor2 is not None and (ev.actor2.country, ev.actor2.inter) == ("UKR", 1)


def test_a_person_the_lexicons_lack_is_known_by_the_title_beside_the_name(nlp: Language) -> None:
    ev = main(code(nlp, "Jan Novak, the UN envoy to Libya, met rebel leaders in Benghazi on Monday."))
    assert ev.actor1 is not None and (ev.actor1.cameo or "").startswith("IGOUNO")


def test_who_comments_on_an_act_is_not_its_doer(nlp: Language) -> None:
    """An act of force told with no doer beside a comment on it: the commentator did not do it."""
    for text in ("The U.N. envoy condemned the brutality of the army, as eight protesters were killed in the town.",
                 "Peacekeepers warned of further violence after two villagers were shot dead near the camp."):
        forceful = [e for e in code(nlp, text) if e.cameo_root in ("18", "19", "20")]
        assert forceful, text
        doers = [(e.actor1.cameo or "") for e in forceful if e.actor1 is not None]
        assert not any("IGO" in c or "PKO" in c for c in doers), text


def test_a_bare_title_is_the_one_the_article_last_named_with_it(nlp: Language) -> None:
    text = ("The United Nations envoy for Libya travelled to the western city of Zawiya on Monday to meet local "
            "leaders. \"Zawiya should be known for its refinery,\" the envoy told reporters after the meeting. "
            "The prime minister welcomed the visit.")
    said = [e for e in code(nlp, text) if e.cameo_root == "01"]
    assert said and said[0].actor1 is not None and said[0].actor1.name == "United Nations"  # not Libya's government
    welcomed = [e for e in code(nlp, text) if e.cameo_root == "05"]
    assert welcomed and welcomed[0].actor1 is not None and welcomed[0].actor1.country == "LBY"


def test_an_affiliate_is_not_the_group_it_is_tied_to(nlp: Language) -> None:
    text = ("The Group for the Support of Islam and Muslims (JNIM), al Qaeda's affiliate in the Sahel, claimed the "
            "attack on the army post near Djibo on Monday.")
    claims = [e for e in code(nlp, text) if e.cameo_code == "015"]
    assert claims and claims[0].actor1 is not None and claims[0].actor1.name.startswith("JNIM")


def test_a_town_or_a_road_struck_or_blocked_is_where_not_who(nlp: Language) -> None:
    ev = main(code(nlp, "On 3 May 2023, Russian forces shelled Derhachi, Kharkiv, killing one civilian."))
    assert ev.actor2 is None or ev.actor2.name not in ("Derhachi", "Kharkiv")
    ev = main(code(nlp, "On 3 May 2023, bus drivers blocked the Kenyatta Highway in Kisumu for four hours."))
    assert ev.actor2 is None or "Highway" not in ev.actor2.name


def test_people_placed_in_a_town_are_of_its_country(nlp: Language) -> None:
    """"Opposition politicians in Bogota" are Colombian whichever country the story is filed from."""
    text = ("OSLO, Norway (Example Wire) — Colombia's government and the ELN rebels agreed on Tuesday to resume "
            "peace talks after three days of meetings in the Norwegian capital, officials said.\n\n"
            "Opposition politicians in Bogota criticised the announcement. A spokesman in Caracas welcomed it.")
    said = {e.sources[0].sentence.split()[0]: e.actor1 for e in code(nlp, text) if e.cameo_root in ("05", "11")}
    assert said["Opposition"] is not None and said["Opposition"].country == "COL"
    assert said["A"] is not None and said["A"].country == "VEN"


def test_the_two_countries_are_the_two_the_text_named_most(nlp: Language) -> None:
    """"Ministers from the two countries signed the accord": the governments of the two states named before, each
    the other's side of the agreement; an article that named one country has no such pair; a third country named
    in passing is not one of the two."""
    lead = ("Chile and Peru agreed on Tuesday to set up joint patrols against illegal fishing along their maritime "
            "border, officials said. ")
    signed = "Ministers from the two countries signed the accord in Arica."
    pairs = country_pairs(code(nlp, lead + signed))
    assert {p[1:] for p in pairs if p[0][:2] == "05"} & {("CHL", "PER"), ("PER", "CHL")}
    alone = country_pairs(code(nlp, "Chile announced joint patrols on Tuesday, officials said. " + signed))
    assert not any(p[2] == "PER" for p in alone)
    passing = ("Chile and Peru agreed on Tuesday to set up joint patrols against illegal fishing, officials said. "
               "Peru's minister said Chile had been a reliable partner. Both fleets had complained of boats from "
               "China. ")
    pairs = country_pairs(code(nlp, passing + signed))
    signed_pairs = {p[1:] for p in pairs if p[0][:2] == "05"}
    assert signed_pairs & {("CHL", "PER"), ("PER", "CHL")} and not any("CHN" in p for p in signed_pairs)


def test_an_unnamed_ministry_is_the_lead_states(nlp: Language) -> None:
    """The country named most (the one acted against) is not the unnamed ministry's: the lead's acting state is."""
    from tests.etl.extract.test_place import LONG_BODY

    text = ("Latvia on Monday expelled a Russian diplomat after Russian guards held two Latvian hunters near the "
            "border, a move Russian officials called hostile.\n\nThe foreign ministry said it had given the Russian "
            "envoy a protest note and demanded the release of the men held by Russia." + LONG_BODY)
    events = [e for e in code(nlp, text) if "foreign ministry" in e.sources[0].sentence]
    said = [e for e in events if e.actor1 is not None and e.actor1.name.startswith("Government")]
    assert said and all(e.actor1 is not None and e.actor1.country == "LVA" for e in said)
    assert not any(e.event_type == "Protests" for e in events)  # a protest note is a text handed over, no crowd


def test_a_town_people_come_from_is_no_side(nlp: Language) -> None:
    events = code(nlp, "The traders, most of them from Homa Bay and Migori counties, were arrested on Friday and their "
                       "goods confiscated, local officials said.")
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert arrests and all(e.actor2 is None or e.actor2.name != "Homa Bay" for e in arrests)


def test_an_unnamed_embassy_is_the_other_states(nlp: Language) -> None:
    """An embassy or envoy speaks for the state that sends it, not for the lead's acting state it is posted to."""
    from tests.etl.extract.test_place import LONG_BODY

    text = ("Australia on Monday imposed sanctions on six Chinese companies it accused of selling drone parts to "
            "Iran, and on two Chinese executives.\n\n\"China firmly opposes these unilateral sanctions,\" an embassy "
            "spokesperson said in Canberra, urging Australia to stop smearing Chinese firms." + LONG_BODY)
    said = [e for e in code(nlp, text) if "embassy" in e.sources[0].sentence and e.actor1 is not None
            and e.actor1.name.startswith("Government")]
    assert said and all(e.actor1 is not None and e.actor1.country == "CHN" for e in said)


def test_a_named_district_is_a_place_whatever_its_name_reads_as(nlp: Language) -> None:
    """"Tank district" is where, not the army's tanks; a place noun with a name heads a place, not a side."""
    from etl.extract.actors import get_actor_resolver
    from etl.extract.parties import resolve_actor

    doc = nlp("Artillery shells hit Pakistan's Tank district and the town of Kyaukme on Monday, killing four.")
    for word in ("district", "town"):
        head = next(t for t in doc if t.text == word)
        assert resolve_actor(get_actor_resolver(), head, doc, "PAK") is None


def test_a_group_named_for_a_province_is_no_place(nlp: Language) -> None:
    from etl.extract.actors import get_actor_resolver
    from etl.extract.parties import resolve_actor

    doc = nlp("Islamic State West Africa Province claimed the attack in a statement on Monday.")
    head = next(t for t in doc if t.dep_ == "nsubj")
    actor = resolve_actor(get_actor_resolver(), head, doc, "NGA")
    assert actor is not None and actor.name.startswith("Islamic State")




def test_two_states_that_agree_agree_with_each_other(nlp: Language) -> None:
    """To agree is to agree with someone: "X and Y agreed on a roadmap" is each with the other, though CAMEO files
    the agreement under 03 and the thing agreed on comes with a preposition; backing a thing is no joint act."""
    from etl.extract.actors import get_actor_resolver
    from etl.extract.parties import resolve_actor, side_pairs

    def pairs(text: str, subj: str, obj: str, root: str) -> set[tuple[str | None, str | None]]:
        doc = nlp(text)
        s, o = (next(t for t in doc if t.text == w) for w in (subj, obj))
        found = side_pairs(s, o, root, lambda t, c: resolve_actor(get_actor_resolver(), t, doc, c))
        return {(a.country if a else None, b.country if b else None) for a, b in found}

    agreed = pairs("Chile and Bolivia agreed on Thursday on a 13-point roadmap.", "Chile", "roadmap", "03")
    assert agreed & {("CHL", "BOL"), ("BOL", "CHL")}
    backed = pairs("Chile and Bolivia backed the proposal on Thursday.", "Chile", "proposal", "04")
    assert not backed & {("CHL", "BOL"), ("BOL", "CHL")}


def test_a_dateline_does_not_hide_the_states_that_agreed(nlp: Language) -> None:
    """The small model hangs a lead's subject off its dateline ("LONDON, June 11 (Wire) - Peru and Britain agreed":
    "Peru" an apposition of "LONDON"); the two states still agreed with each other."""
    from etl.extract.actors import get_actor_resolver
    from etl.extract.parties import resolve_actor, side_pairs

    doc = nlp("LONDON, June 11 (Example Wire) — Peru and Britain agreed on Wednesday to open a direct flight "
              "between Lima and Manchester.")
    subj = next(t for t in doc if t.text == "Peru")
    verb = next(t for t in doc if t.text == "agreed")
    assert subj.head is not verb  # the parse this test is about
    found = side_pairs(subj, None, "03", lambda t, c: resolve_actor(get_actor_resolver(), t, doc, c))
    assert {(a.country if a else None, b.country if b else None) for a, b in found} & {("PER", "GBR"),
                                                                                      ("GBR", "PER")}


def test_coordinated_capitals_are_each_their_own_state(nlp: Language) -> None:
    """"Baghdad and Tehran signed an agreement": Iraq with Iran, not one phrase read as the last capital's state."""
    pairs = country_pairs(code(nlp, "In March 2023, Ankara and Baghdad signed a water-sharing agreement."))
    assert {p[1:] for p in pairs if p[0] == "05"} & {("TUR", "IRQ"), ("IRQ", "TUR")}


def test_a_ruling_party_is_of_the_government(nlp: Language) -> None:
    """CAMEO's government (GOV) includes the governing parties: "the ruling party" is no opposition."""
    from tests.etl.extract.test_place import LONG_BODY

    text = ("HARARE, Zimbabwe (Example Wire) - The main opposition party accused the ruling party of rigging the vote "
            "on Monday." + LONG_BODY)
    ev = next(e for e in code(nlp, text) if e.cameo_root == "11")
    assert ev.actor1 is not None and ev.actor1.name == "Opposition (Zimbabwe)"
    assert ev.actor2 is not None and ev.actor2.name == "Government of Zimbabwe"


def test_the_body_a_story_named_in_full_is_who_the_mission_is(nlp: Language) -> None:
    """"The U.N. Mission in South Sudan (UNMISS) said ...", then "the mission called on both sides": the body named in
    full before (data/words/named_bodies.txt); a word no earlier name holds stays no side."""
    events = code(nlp, "The U.N. Mission in South Sudan said thousands had arrived in Malakal. The mission called on "
                       "both sides to cease hostilities.")
    appeal = [e for e in events if e.cameo_code == "020"]
    assert appeal and appeal[0].actor1 is not None and appeal[0].actor1.name == "United Nations"
    alone = code(nlp, "Thousands arrived in Malakal on Tuesday. The mission called on both sides to cease hostilities.")
    assert all(e.actor1 is None or e.actor1.name != "United Nations" for e in alone)


def test_parties_of_a_quantity_of_agreements_sign_with_each_other() -> None:
    """"a package of agreements", "a series of deals": what the two sign is still agreements, so each signs with the
    other (as the coder ships, classifier on)."""
    from datetime import datetime

    from etl.extract import code_articles
    from schemas.models import Article

    for text in ("Morocco and Mauritania signed a package of agreements on Wednesday to build a road crossing.",
                 "Morocco and Mauritania signed a series of deals on Wednesday to build a road crossing."):
        body = "NOUAKCHOTT, May 7 (Wire) - " + text + " Officials gave no further details." * 30  # a full article
        [events] = code_articles([Article(id="t", text=body, published_at=datetime(2024, 5, 10))])
        assert {(e.actor1.country if e.actor1 else None, e.actor2.country if e.actor2 else None)
                for e in events if e.cameo_root in ("03", "05")} & {("MAR", "MRT"), ("MRT", "MAR")}
