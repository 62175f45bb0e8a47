"""Who a sentence names as the doer of an act it tells without one (attribution). Sentences written for these tests."""

from __future__ import annotations

from spacy.language import Language

from etl.extract.attribution import attributed_doer
from tests.etl.extract.coder import code


def _doer(nlp: Language, text: str) -> str | None:
    tok = attributed_doer(next(iter(nlp(text).sents)))
    return tok.text if tok is not None else None


def test_blamed_on_claimed_by_attributed_to_and_a_claim_name_the_doer(nlp: Language) -> None:
    assert _doer(nlp, "The ambush, attributed to the ELN, killed four soldiers near Tame.") == "ELN"
    assert _doer(nlp, "A bomb exploded at a church in Marawi, an attack claimed by the Islamic State group.") == "group"
    assert _doer(nlp, "Shelling killed five civilians in Taiz, officials said, blaming the Houthis.") == "Houthis"
    assert _doer(nlp, "The militant group al-Shabab claimed responsibility for the attack.") == "group"


def test_no_claim_a_denied_one_or_two_name_no_one(nlp: Language) -> None:
    assert _doer(nlp, "No group claimed responsibility for the bombing in Kabul.") is None
    assert _doer(nlp, "The government blamed the opposition for the violence.") is None  # a charge, not a doer
    assert _doer(nlp, "The blast was blamed on the ELN, though the army blamed it on FARC dissidents.") is None


def test_the_named_doer_is_the_side_of_an_act_told_without_one(nlp: Language) -> None:
    events = code(nlp, "An ambush attributed to the ELN killed four soldiers near Tame, Colombia, on Monday.")
    assert any(e.actor1 is not None and e.actor1.name.startswith("ELN") for e in events if e.cameo_root == "19")
    events = code(nlp, "Gunmen killed four soldiers near Tame, Colombia, in an attack attributed to the ELN.")
    assert not any(e.actor1 is not None and e.actor1.name.startswith("ELN") for e in events)  # the text names them


def test_the_side_a_charge_names_did_the_act_it_charges(nlp: Language) -> None:
    from etl.extract.attribution import accused_doer

    doc = nlp("The Syrian Democratic Forces accused government forces of shelling villages near Tabqa on Sunday.")
    assert (doer := accused_doer(next(t for t in doc if t.text == "shelling"))) is not None and doer.text == "forces"
    doc = nlp("The rebels were accused of burning homes in the village.")
    assert (doer := accused_doer(next(t for t in doc if t.text == "burning"))) is not None and doer.text == "rebels"
    doc = nlp("Residents said soldiers burned homes in the village.")
    assert accused_doer(next(t for t in doc if t.text == "burned")) is None
