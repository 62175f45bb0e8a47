"""Pronouns stand for the side their sentence names (coref). Sentences written for these tests; the classifier stage is
off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.extract.coref import unpronoun
from tests.etl.extract.coder import code, country_pairs


def test_pronoun_subject_takes_the_speaker(nlp: Language) -> None:
    events = code(nlp, "Japan said it would send food aid to Haiti next month.")
    assert ("03", "JPN", "HTI") in country_pairs(events)


def test_an_object_pronoun_is_not_its_own_clauses_subject(nlp: Language) -> None:
    assert ("19", "LBY", "EGY") in country_pairs(code(nlp, "Egypt said a rocket was fired at it from Libya."))


def test_a_pronoun_stands_for_its_clauses_speaker(nlp: Language) -> None:
    doc = nlp("Syria says it is willing to withdraw its troops.")
    it = doc[2]
    assert unpronoun(it) is not None and unpronoun(it).text == "Syria"
    assert unpronoun(doc[0]).i == 0 and unpronoun(None) is None  # a name stands for itself


def test_a_pronoun_stands_only_for_a_speaker_of_its_number(nlp: Language) -> None:
    """'"They shot at the fishermen," Maina said': one man is not "they", so the shooters are not the speaker."""
    doc = nlp('"They shot indiscriminately at the fishermen," Maina said.')
    they = next(t for t in doc if t.lower_ == "they")
    assert unpronoun(they) is None or unpronoun(they).text != "Maina"
    doc = nlp("Kenyan officials said they would send more police to the border.")
    they = next(t for t in doc if t.lower_ == "they")
    assert unpronoun(they) is not None and unpronoun(they).text == "officials"
    doc = nlp("Obama and Putin said they will attack Iraq.")  # two people are "they"
    they = next(t for t in doc if t.lower_ == "they")
    assert unpronoun(they) is not None and unpronoun(they).text == "Obama"


def test_the_one_armed_group_an_article_names_is_who_its_militants_are() -> None:
    from etl.extract.coref import article_perpetrator
    from schemas.models import Actor, Event, SourceRef

    bla = Actor(name="Baloch Liberation Army", country="PAK", cameo="PAKREB", inter=2, text="the BLA")
    generic = Actor(name="Unidentified Armed Group (Pakistan)", country="PAK", cameo="PAKUAF", inter=3)
    rebels = Actor(name="Rebel Group (Pakistan)", country="PAK", cameo="PAKREB", inter=2, text="the separatists")
    army = Actor(name="Military Forces of Pakistan", country="PAK", cameo="PAKMIL", inter=1, text="troops")

    def ev(i: int, a1: Actor | None, a2: Actor | None) -> Event:
        return Event(event_id=f"e{i}", event_date=None, event_type="Battles", sub_event_type="Armed clash",
                     cameo_code="190", cameo_root="19", quad_class=4, goldstein=-10.0, plover_event="FIGHT",
                     actor1=a1, actor2=a2, confidence=0.5, coder_version="t",
                     sources=[SourceRef(article_id="a", sentence="s", start=900 * i, end=900 * i + 100)])

    out = article_perpetrator([ev(1, bla, None), ev(2, generic, army), ev(3, army, rebels), ev(4, rebels, generic)])
    assert [e.actor1.name if e.actor1 else None for e in out] == ["Baloch Liberation Army"] * 2 + [
        "Military Forces of Pakistan", "Baloch Liberation Army"]
    assert out[2].actor2 is not None and out[2].actor2.name == "Baloch Liberation Army"
    assert out[3].actor2 is None  # not the group against itself
    two = article_perpetrator([ev(1, bla, None), ev(2, bla.model_copy(update={"name": "TTP"}), None),
                               ev(3, generic, army)])
    assert two[2].actor1 == generic  # two groups named: whose the militants are is not known
    # a claim names the doer, whatever other group the article names and wherever it struck
    shabaab = Actor(name="Al Shabaab", country="SOM", cameo="SOMREB", inter=2, text="Al Shabaab")
    in_kenya = generic.model_copy(update={"name": "Unidentified Armed Group (Kenya)", "country": "KEN"})
    claim = ev(3, shabaab, None).model_copy(update={"cameo_code": "015", "cameo_root": "01"})
    claimed = article_perpetrator([ev(1, in_kenya, army), ev(2, bla, None), claim])
    assert claimed[0].actor1 is not None and claimed[0].actor1.name == "Al Shabaab"
    # a group of no one country, whose CAMEO code names no armed role, is a named group too
    isis = Actor(name="Islamic State", country=None, cameo="IMGMOSISI", inter=2, text="Islamic State")
    assert article_perpetrator([ev(1, generic, army), ev(2, isis, None)])[0].actor1 == isis.model_copy(
        update={"text": None})
    # a group named only as a target ("gunmen raided a post of the BLA") is not who the gunmen are
    assert article_perpetrator([ev(1, generic, army), ev(2, generic, bla)])[0].actor1 == generic


def test_an_object_pronoun_stands_for_the_object_of_the_clause_whose_subject_it_shares(nlp: Language) -> None:
    """"Finland expelled two diplomats, accusing them of spying": the accusing clause's subject is Finland, so
    "them" is the diplomats, not Finland; "police arrested three men and charged them": the men."""
    from etl.extract.coref import antecedent

    doc = nlp("Finland on Monday expelled two Russian diplomats, accusing them of spying.")
    assert antecedent(next(t for t in doc if t.lower_ == "them")).lower_ == "diplomats"
    doc = nlp("Police arrested three men on Monday and charged them with murder.")
    assert antecedent(next(t for t in doc if t.lower_ == "them")).lower_ == "men"
    accused = [e for e in code(nlp, "HELSINKI, Finland (Nordic Wire) — Finland on Monday expelled two Russian "
                                    "diplomats, accusing them of spying.") if e.cameo_root == "11"]
    assert accused and all(e.actor2 is not None and e.actor2.country == "RUS" for e in accused)


def test_a_rejection_of_an_accusation_answers_its_accuser() -> None:
    from etl.extract.coref import replied_to
    from schemas.models import Actor, Event

    eri = Actor(name="Eritrea", country="ERI", cameo="ERI", inter=1, text="Eritrea")
    eth = Actor(name="Ethiopia", country="ETH", cameo="ETH", inter=1, text="Ethiopia")
    accusation = Event(event_id="e1", event_date=None, event_type="Other", sub_event_type="Other", cameo_code="112",
                       cameo_root="11", quad_class=3, goldstein=-2.0, plover_event="ACCUSE", actor1=eri, actor2=eth,
                       confidence=0.5, coder_version="t")

    class Obj:  # the head of the rejected thing, as the parse gives it
        def __init__(self, lemma: str) -> None:
            self.lemma_ = lemma

    assert replied_to([accusation], "120", eth, Obj("accusation")) == eri  # type: ignore[arg-type]
    assert replied_to([accusation], "120", eth, Obj("plan")) is None  # type: ignore[arg-type]  # not a claim
    assert replied_to([accusation], "120", eri, Obj("accusation")) is None  # type: ignore[arg-type]  # no one
    assert replied_to([], "120", eth, Obj("accusation")) is None  # type: ignore[arg-type]  # accused it before
    sanction = accusation.model_copy(update={"cameo_code": "163", "cameo_root": "16", "plover_event": "SANCTION"})
    assert replied_to([sanction], "120", eth, Obj("accusation")) == eri  # type: ignore[arg-type]  # its charge
    complaint = accusation.model_copy(update={"cameo_code": "114"})  # "lodged a protest with Ethiopia"
    assert replied_to([complaint], "120", eth, Obj("protest")) == eri  # type: ignore[arg-type]  # a complaint


def test_one_act_on_coordinated_objects_of_the_same_side_is_one_event(nlp: Language) -> None:
    evs = [e for e in code(nlp, "In August 2025 Canberra expelled Iran's ambassador and three other diplomats "
                                "after spies were found.") if e.cameo_root == "16"]
    assert len(evs) == 1


def test_forces_named_without_a_country_are_those_of_the_one_state_the_article_names() -> None:
    from etl.extract.coref import article_forces
    from schemas.models import Actor, Event, SourceRef

    israeli = Actor(name="Military Forces of Israel", country="ISR", cameo="ISRMIL", inter=8, text="Israeli troops")
    soldiers = Actor(name="Military Forces of Palestine", country="PSE", cameo="PSEMIL", inter=1, text="the soldiers")
    gunmen = Actor(name="Unidentified Armed Group (Palestine)", country="PSE", cameo="PSEUAF", inter=3,
                   text="armed men")
    civilians = Actor(name="Civilians (Palestine)", country="PSE", cameo="PSECVL", inter=7)

    def ev(i: int, a1: Actor | None, a2: Actor | None) -> Event:
        return Event(event_id=f"e{i}", event_date=None, event_type="Battles", sub_event_type="Armed clash",
                     cameo_code="190", cameo_root="19", quad_class=4, goldstein=-10.0, plover_event="FIGHT",
                     actor1=a1, actor2=a2, confidence=0.5, coder_version="t",
                     sources=[SourceRef(article_id="a", sentence="s", start=900 * i, end=900 * i + 100)])

    told = [ev(1, israeli, civilians), ev(2, gunmen, soldiers)]
    out = article_forces(list(told), told)
    assert out[1] is not None and out[1].actor2 is not None
    assert out[1].actor2.name == "Military Forces of Israel" and out[1].actor2.text == "the soldiers"
    assert out[0] == told[0]  # a side named with its country stays as named
    palestinian = soldiers.model_copy(update={"text": "Palestinian security forces"})
    both = [*told, ev(3, palestinian, gunmen)]
    assert article_forces(list(both), both)[1] == told[1]  # two states' forces named: whose "the soldiers" unknown
    own = [ev(1, soldiers.model_copy(update={"text": "Palestinian troops"}), gunmen), ev(2, gunmen, soldiers)]
    assert article_forces(list(own), own) == own  # the state's own forces: nothing to refer back to elsewhere
    assert article_forces([None, told[1]], told)[0] is None


def test_a_raid_s_soldiers_told_again_are_the_raiding_state_s(nlp: Language) -> None:
    from datetime import datetime

    from etl.extract.coding import code_doc
    from schemas.models import Article
    from tests.etl.extract.test_place import LONG_BODY

    text = ("Israeli troops raided the old city of Nablus on Tuesday, killing three Palestinians, health officials "
            "said.\n\nArmed men fired at the soldiers for about two hours during the raid, witnesses said."
            + LONG_BODY)
    events = code_doc(nlp(text), Article(id="r", text=text, published_at=datetime(2024, 5, 10)), reportable=False)
    sides = [(e.actor1.name if e.actor1 else None, e.actor2.name if e.actor2 else None) for e in events
             if e.sources[0].sentence.startswith("Armed men")]
    assert sides and all("Palestin" not in (a or "") for pair in sides for a in pair if a and "Forces" in a), sides
    assert any("Military Forces of Israel" in pair for pair in sides), sides


@pytest.mark.parametrize(("text", "target"), [
    ("BAGHDAD, March 4 (Example Wire) - Turkish warplanes struck suspected militant positions in northern Iraq on "
     "Tuesday, killing four people, local officials said. Iraq's foreign ministry condemned the strikes as a violation "
     "of Iraqi sovereignty.", "Military Forces of Turkey"),
    ("KABUL, March 4 (Example Wire) - Gunmen attacked a mosque in Kabul on Friday, killing six worshippers. The "
     "government condemned the attack.", None),
    ("OTTAWA, March 4 (Example Wire) - Canada on Tuesday imposed sanctions on four Iranian officials over the "
     "crackdown on protests. Amnesty International welcomed the sanctions.", "Canada"),
])
def test_a_condemnation_answers_whoever_did_the_act_it_names(nlp: Language, text: str, target: str | None) -> None:
    """"Iraq condemned the strikes": the target is whoever struck, earlier in the article; not a doer the article
    does not know ("gunmen")."""
    from tests.etl.extract.test_place import LONG_BODY

    ev = next(e for e in code(nlp, text + LONG_BODY) if e.cameo_root in ("05", "11")
              and e.sources[0].sentence.split()[0] in ("Iraq's", "The", "Amnesty"))
    assert (ev.actor2.name if ev.actor2 else None) == target


def test_a_sentences_own_subject_pronoun_takes_the_subject_of_the_sentence_before(nlp: Language) -> None:
    def resolved(text: str, word: str) -> str | None:
        doc = nlp(text)
        pron = next(t for t in doc if t.text == word and t.dep_ in ("nsubj", "nsubjpass"))
        found = unpronoun(pron)
        return found.text if found is not None else None

    assert resolved("The labour ministry said talks had failed. It urged both sides to return to the table.",
                    "It") == "ministry"
    assert resolved("Police Commissioner Dorian Gentle said the officer had been suspended. He denied that live "
                    "ammunition had been used.", "He") == "Gentle"
    assert resolved("Rebels attacked the town on Monday. They killed five people.", "They") == "Rebels"
    # a person's pronoun takes no body, a body's no person, and a passive's "it" is a place or a thing told before
    assert resolved("The labour ministry said talks had failed. He urged both sides to return.", "He") is None
    assert resolved("Residents fled the town on Monday. It was shelled overnight.", "It") is None


def test_we_of_a_quotation_that_runs_on_is_the_speaker_named_where_it_closes(nlp: Language) -> None:
    """A quotation of several sentences is attributed once, where it closes: its "we" is that speaker."""
    text = ('"We appeal to the kidnappers to release the teachers unharmed. They are not soldiers," the Catholic '
            'bishop of the diocese said in a statement.')
    appeal = next(e for e in code(nlp, text) if e.cameo_root == "02")
    assert appeal.actor1 is not None and appeal.actor1.text is not None and "bishop" in appeal.actor1.text
    closed = code(nlp, '"We appeal to the kidnappers to release the teachers unharmed." They are not soldiers.')
    assert all(e.actor1 is None for e in closed if e.cameo_root == "02")  # a closed quotation: no speaker named


def test_the_kingdom_of_what_a_state_said_is_that_state(nlp: Language) -> None:
    """"Saudi Arabia's foreign ministry said the kingdom welcomed …": the welcome is Saudi Arabia's."""
    events = code(nlp, "Saudi Arabia's foreign ministry said the kingdom welcomed the agreement between the two "
                       "neighbours.")
    welcome = next(e for e in events if e.cameo_code == "051")
    assert welcome.actor1 is not None and welcome.actor1.country == "SAU"
    assert all(e.actor1 is None or e.actor1.country != "SAU" for e in code(nlp, "The kingdom welcomed the deal."))


def test_we_of_a_quotation_said_by_he_is_who_he_stands_for(nlp: Language) -> None:
    """'"If we are not paid by Friday, we will dump our cane at the ministry," he said': a threat by the farmers'
    leader the sentence before names; '"We ask the armed groups …. We are tired," she said' after "The mayor … spoke"
    is the mayor's appeal."""
    threat = code(nlp, "Farmers' union leader Joseph Otieno said the cane had rotted in the fields. \"If we are not "
                       "paid by Friday, we will take our cane to Nairobi and dump it at the ministry,\" he said.")
    assert any(e.cameo_root == "13" and e.actor1 is not None and e.actor1.text and "Otieno" in e.actor1.text
               for e in threat)
    appeal = code(nlp, "The mayor of the town, Maria Lopez, spoke after the funeral. \"We ask the armed groups to "
                       "leave the civilian population out of their war. We are tired,\" she said.")
    assert any(e.cameo_root == "02" and e.actor1 is not None and e.actor1.text and "mayor" in e.actor1.text
               for e in appeal)
