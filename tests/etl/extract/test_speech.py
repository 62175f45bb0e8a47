"""Reported speech (speech): who said it, accusations, and statements that are an act's source, not an event. Sentences
written for these tests; the classifier stage is off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

from spacy.language import Language

from etl.extract.speech import speaker_of
from tests.etl.extract.coder import code, country_pairs, main


def test_reported_speech_keeps_the_speaker(nlp: Language) -> None:
    events = code(nlp, "The minister said that gunmen had abducted ten villagers.")
    ev = main(events)
    assert ev.sub_event_type == "Abduction/forced disappearance"
    assert ev.sources[0].claim_source == "The minister"
    assert any(e.cameo_root == "01" and not e.main for e in events)


def test_who_reports_a_killing_is_not_a_side_of_it(nlp: Language) -> None:
    events = code(nlp, "According to Ukrainian military officials, hundreds of North Korean soldiers have been "
                       "killed or wounded in combat.")
    assert events
    for ev in events:
        assert ev.actor1 is None or "officials" not in (ev.actor1.text or "")


def test_commenting_verb_does_not_make_its_subject_the_attacker(nlp: Language) -> None:
    events = code(nlp, "Canada condemned the attack on the embassy.")
    assert not any(e.cameo_root in ("18", "19") and e.actor1 is not None and e.actor1.name == "Canada"
                   for e in events)


def test_telling_that_another_side_attacked_accuses_it(nlp: Language) -> None:
    events = code(nlp, "Peru said that Chile had attacked a border post.")
    assert ("11", "PER", "CHL") in country_pairs(events)
    own = code(nlp, "Peru said that its army had attacked a rebel camp.")
    assert not any(e.cameo_root == "11" for e in own)  # its own act is no accusation


def test_a_monitor_reporting_state_violence_accuses_the_state(nlp: Language) -> None:
    events = code(nlp, "The Syrian Observatory for Human Rights said ten people were killed in an air strike by "
                       "government forces.")
    assert any(e.cameo_code == "112" and e.actor2 is not None and e.actor2.cameo == "SYRMIL" for e in events)
    own = code(nlp, "The Pentagon said US jets struck a militia base in Syria.")
    assert not any(e.cameo_code == "112" for e in own)  # a state telling of its own forces accuses no one


def test_claiming_ones_own_attack_is_taking_responsibility(nlp: Language) -> None:
    events = code(nlp, "Chile claimed that its army had attacked the rebel camp.")
    assert any(e.cameo_code == "015" and e.actor1 is not None and e.actor1.country == "CHL" for e in events)
    taken = code(nlp, "The militant group is claiming responsibility for the attack on the mall.")
    assert any(e.cameo_code == "015" for e in taken) and not any(e.cameo_code == "112" for e in taken)


def test_who_claims_an_air_strike_carried_it_out(nlp: Language) -> None:
    ev = main(code(nlp, "On 9 March, the Nigerian Air Force claimed an airstrike against Boko Haram militants."))
    assert ev.sub_event_type == "Air/drone strike"
    assert ev.actor1 is not None and ev.actor1.country == "NGA" and ev.actor1.inter == 1


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


def test_telling_of_a_named_groups_attack_accuses_it(nlp: Language) -> None:
    events = code(nlp, "Iraq claimed that ISIL had attacked the city of Kirkuk.")
    assert any(e.cameo_code == "112" and e.actor2 is not None and (e.actor2.cameo or "").startswith("IMG")
               for e in events)


def test_a_speaker_telling_of_its_own_partnership_makes_no_extra_statement(nlp: Language) -> None:
    events = code(nlp, "Peru and Chile are seeking to deepen their partnership in energy, a Chilean minister said.")
    assert any(e.cameo_root == "03" for e in events) and not any(e.cameo_code == "010" for e in events)


def test_a_published_report_is_no_release_and_speaks_for_its_author(nlp: Language) -> None:
    events = code(nlp, "A long report released on Monday in the Kenyan capital alleged that Uganda was aware of the "
                       "plot.")
    assert not any(e.cameo_root == "08" for e in events)
    assert ("11", "KEN", "UGA") in country_pairs(events)
    assert any(e.cameo_root == "08" for e in code(nlp, "Peru released ten Chilean prisoners on Friday."))


def test_the_speaker_of_reported_speech(nlp: Language) -> None:
    doc = nlp("The minister said that gunmen had abducted ten villagers.")
    abducted = next(t for t in doc if t.lemma_ == "abduct")
    speaker = speaker_of(abducted)
    assert speaker is not None and speaker.text == "minister"
    assert speaker_of(nlp("Rebels attacked the town.")[1]) is None  # nothing reported


FILLER = ("Officials gave no further details, and residents said the roads out of the area were still closed to "
          "traffic late on the day. ") * 10  # long enough to be read as a full article, not a one-note report


def test_in_a_full_article_a_plain_report_of_anothers_act_is_its_source(nlp: Language) -> None:
    said = code(nlp, "Army officials said that rebels had shelled a police station in Bor on Monday. " + FILLER)
    assert any(e.cameo_root == "19" for e in said)
    assert not any(e.cameo_code == "112" for e in said)  # the shelling is the news, told once
    alleged = code(nlp, "Army officials alleged that rebels had shelled a police station in Bor on Monday. " + FILLER)
    assert any(e.cameo_code == "112" for e in alleged)  # a charge the speaker makes is its own act


def test_each_of_several_who_report_an_act_is_its_source(nlp: Language) -> None:
    from etl.extract.speech import is_claim_source

    doc = nlp("Clashes between clan militias have killed 16 people and wounded more than 30 over two days, local "
              "elders and officials said on Thursday.")
    assert is_claim_source(next(t for t in doc if t.text == "elders"))
    assert is_claim_source(next(t for t in doc if t.text == "officials"))  # "… and officials said": a source too
    assert not is_claim_source(next(t for t in doc if t.text == "militias"))


def test_a_word_on_an_act_told_before_is_a_charge_not_its_source(nlp: Language) -> None:
    """In a full article, "X said Y attacked Z" is the attack's source; "X said Y's attacks showed ..." comments on
    attacks told before, and stays X's word against Y."""
    filler = " ".join(["The weather in the region was mild and the markets were open as usual that day."] * 16)
    text = ("Ukrainian drones struck an oil depot in Russia's Belgorod region on Monday. Kremlin spokesman Dmitry "
            "Peskov said Ukraine's attacks on civilian infrastructure showed Kyiv was not interested in peace. "
            + filler)
    said = [e for e in code(nlp, text) if e.cameo_root == "11" and "Peskov" in (e.sources[0].sentence or "")]
    assert said and said[0].actor1 is not None and said[0].actor1.country == "RUS"
    assert said[0].actor2 is not None and said[0].actor2.country == "UKR"
