"""What is said about an act (modality): negation, intent, threats, demands and appeals recode it. Sentences written for
these tests; the classifier stage is off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.extract.modality import is_hypothetical, is_negated
from tests.etl.extract.coder import code, main


def test_threat_is_coded_as_threat_not_act(nlp: Language) -> None:
    events = code(nlp, "The government threatened to arrest opposition leaders.")
    assert main(events).cameo_code.startswith("13")
    assert not any(e.sub_event_type == "Arrests" for e in events)


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


def test_asking_another_side_to_act_is_an_appeal(nlp: Language) -> None:
    events = code(nlp, "Germany wants Turkey to release the two journalists.")
    appeal = [e for e in events if e.cameo_root == "02"]
    assert appeal and appeal[0].actor1 is not None and appeal[0].actor1.country == "DEU"
    assert appeal[0].actor2 is not None and appeal[0].actor2.country == "TUR"
    assert not any(e.cameo_root == "08" and e.actor1 is not None and e.actor1.country == "DEU" for e in events)


def test_intent_keeps_the_kind_of_cooperation(nlp: Language) -> None:
    ev = [e for e in code(nlp, "Japan will provide food aid to Haiti.") if e.cameo_root == "03"]
    assert ev and ev[0].cameo_code == "033"  # intent to provide material aid


def test_a_demanded_act_is_a_demand_by_who_demands_it(nlp: Language) -> None:
    events = code(nlp, "Norway demanded that Iran release the detained tanker crew.")
    demand = [e for e in events if e.cameo_root == "10"]
    assert demand and demand[0].actor1 is not None and demand[0].actor1.country == "NOR"
    assert not any(e.cameo_root == "08" and e.actor1 is not None and e.actor1.country == "IRN" for e in events)
    reminder = code(nlp, "The Chilean president issued a warning to Peru that it must withdraw its troops.")
    assert any(e.cameo_root == "10" and e.actor1 is not None and e.actor1.country == "CHL" for e in reminder)


def test_what_a_side_is_pressed_to_do_is_not_done(nlp: Language) -> None:
    events = code(nlp, "The king faces pressure from parliament to help the rebels.")
    assert not any(e.cameo_root == "07" for e in events)


def test_what_a_speaker_says_another_must_do_is_a_demand(nlp: Language) -> None:
    ev = main(code(nlp, "Brazil declared on Tuesday that Argentina must lower its import duties."))
    assert ev.cameo_root == "10"
    assert (ev.actor1.cameo if ev.actor1 else None, ev.actor2.cameo if ev.actor2 else None) == ("BRA", "ARG")


def test_negation_and_intent_are_read_on_the_act_verb(nlp: Language) -> None:
    doc = nlp("The army did not attack the town, but rebels plan to strike it.")
    attack = next(t for t in doc if t.lemma_ == "attack")
    strike = next(t for t in doc if t.lemma_ == "strike")
    assert is_negated(attack) and not is_hypothetical(attack)
    assert is_hypothetical(strike) and not is_negated(strike)


@pytest.mark.parametrize(("text", "word"), [
    ("Police said no arrests had yet been made.", "arrests"),
    ("The spokesperson said no passengers were killed during the operation.", "killed"),
    ("Nobody attacked the convoy.", "attacked"),
])
def test_acts_done_to_or_by_no_one_are_negated(nlp: Language, text: str, word: str) -> None:
    assert is_negated(next(t for t in nlp(text) if t.text == word))


def test_an_act_done_to_someone_is_not_negated(nlp: Language) -> None:
    assert not is_negated(next(t for t in nlp("Gunmen killed five villagers on Monday.") if t.text == "killed"))


@pytest.mark.parametrize(("text", "word"), [
    ("The rebels denied on Saturday that they had shelled the city.", "shelled"),
    ("The army rejected claims that soldiers had fired on the crowd.", "fired"),
    ("The militia denied attacking the convoy.", "attacking"),
])
def test_a_denied_act_is_negated(nlp: Language, text: str, word: str) -> None:
    act = next(t for t in nlp(text) if t.text == word)
    assert is_negated(act)


def test_an_act_reported_beside_a_denial_is_not_negated(nlp: Language) -> None:
    doc = nlp("Rebels shelled the city on Saturday, though the army denied any losses.")
    act = next(t for t in doc if t.text == "shelled")
    assert not is_negated(act)



@pytest.mark.parametrize(("text", "negated"), [
    ("There were no reports of violence or arrests after the march.", True),
    ("Police said there was no sign of fighting in the town.", True),
    ("Police reported arrests and violence in the town.", False),
])
def test_what_a_phrase_says_there_was_none_of_is_negated(nlp: Language, text: str, negated: bool) -> None:
    """"No reports of violence or arrests": the arrests, a conjunct under "of" below "no reports", did not happen."""
    from etl.extract.detect import find_triggers

    hits = [h for s in nlp(text).sents for h in find_triggers(s) if h.trigger.cameo[:2] in ("17", "19")]
    assert hits and all(is_negated(h.token) == negated for h in hits)


def test_a_gathering_announced_or_planned_is_to_come(nlp: Language) -> None:
    """"announced a march for Saturday", "were planning a strike": no gathering yet, so no protest is coded; one
    held is; a curfew announced is in force, so the rule is for gatherings and stoppages only."""
    for text in ("Tenants' groups announced a march from the square to parliament on Saturday to demand rent caps.",
                 "Civil society groups in the city said they were planning a peaceful march and a strike on Friday."):
        assert not any(e.event_type in ("Protests", "Riots") for e in code(nlp, text)), text
    held = code(nlp, "Tenants' groups held a march from the square to parliament on Saturday to demand rent caps.")
    assert any(e.event_type == "Protests" for e in held)
    curfew = code(nlp, "Interior ministry officials announced a 30-day dusk-to-dawn curfew in the district.")
    assert any(e.cameo_root == "17" for e in curfew)


def _article(text: str) -> str:
    """`text` inside a full article (the reading of article sentences), between sentences that tell nothing."""
    filler = " ".join(["The weather in the region was mild and the markets were open as usual that day."] * 6)
    return f"{filler} {text} {filler}"


def _events_of(nlp: Language, text: str) -> list:
    return [e for e in code(nlp, _article(text)) if e.sources and text[:30] in (e.sources[0].sentence or "")]


def test_an_own_act_promised_on_a_condition_is_a_threat_to_who_must_meet_it(nlp: Language) -> None:
    events = _events_of(nlp, "The Malawi Congress of Trade Unions said it would consider a solidarity strike if the "
                             "government did not return to the table within a week.")
    threats = [e for e in events if e.cameo_code == "133"]
    assert threats and threats[0].actor1 is not None and threats[0].actor1.inter != 1
    assert threats[0].actor2 is not None and threats[0].actor2.cameo == "MWIGOV"


def test_anothers_act_on_a_condition_is_no_threat_of_the_speaker(nlp: Language) -> None:
    events = _events_of(nlp, "The minister said the army would act if the rebels attacked the town.")
    assert not any(e.cameo_root == "13" and e.actor1 is not None and e.actor1.cameo == "GOV" for e in events)


@pytest.mark.parametrize(
    ("text", "code_"),
    [("UNICEF said it was horrified by the killing of children in the camp.", "111"),
     ("The bar association said the arrests were illegal.", "111"),
     ("The minister said she was saddened by the deaths.", "010"),  # sorrow consoles; it does not condemn
     ("It is a domestic crime, a ministry spokesman told reporters.", "010")],  # "it" is the case, not the speaker
)
def test_outrage_or_a_judgement_of_an_act_condemns_it(nlp: Language, text: str, code_: str) -> None:
    from etl.extract.detect import find_triggers, sentence_hits, told_act

    sent = next(iter(nlp(text).sents))
    hits = find_triggers(sent)
    said = [h for h in hits if h.token.lemma_ in ("say", "tell")]
    act = told_act(said[0], sent, sentence_hits(sent, hits), whole=False)
    assert act is not None and act.code == code_
