"""Parse helpers the stages share (syntax)."""

from __future__ import annotations

from spacy.language import Language

from etl.extract.syntax import clause_subject, governing_verb, noun_phrase, past_stems


def test_a_noun_phrase_keeps_whom_it_is_from(nlp: Language) -> None:
    doc = nlp("Doctors from two US aid groups visited the camp.")
    assert noun_phrase(doc[0]).text == "Doctors from two US aid groups"
    assert noun_phrase(doc[8]).text == "the camp"


def test_a_clause_shares_its_governors_subject(nlp: Language) -> None:
    doc = nlp("Rebels attacked the village and killed ten people.")
    killed = next(t for t in doc if t.lemma_ == "kill")
    subject = clause_subject(killed)
    assert subject is not None and subject.text == "Rebels"


def test_the_verb_that_carries_a_noun_act(nlp: Language) -> None:
    doc = nlp("The army carried out an attack on the town.")
    attack = next(t for t in doc if t.lower_ == "attack")
    verb = governing_verb(attack)
    assert verb is not None and verb.lemma_ == "carry"
    assert past_stems(doc[2]) == ("carrie", "carri") and past_stems(doc[1]) == ()


def test_a_clause_hung_at_the_end_that_does_not_tell_the_act_is_outside_its_range(nlp: Language) -> None:
    from etl.extract.syntax import clause_range

    doc = nlp("Police fired tear gas at vendors in Mzuzu on Monday as protests spread to Blantyre.")
    fired = next(t for t in doc if t.text == "fired")
    lo, hi = clause_range(fired)
    assert "Mzuzu" in doc.text[lo:hi] and "Blantyre" not in doc.text[lo:hi]
    spread = next(t for t in doc if t.text == "spread")
    lo, hi = clause_range(spread)
    assert "Blantyre" in doc.text[lo:hi]  # the clause that tells the act stays, with what leads to it


def test_a_noun_phrase_keeps_a_name_in_apposition_with_words_before_its_head(nlp: Language) -> None:
    """"the Islamist militant group al-Shabab": the name after the generic head is part of the phrase (the side is
    al-Shabaab, not an unnamed rebel group), though its head word is not next to "group"."""
    from etl.extract.syntax import noun_phrase

    doc = nlp("The Islamist militant group al-Shabab immediately claimed responsibility for the attack.")
    assert noun_phrase(next(t for t in doc if t.text == "group")).text.endswith("al-Shabab")


def test_a_sentence_less_a_clause_keeps_its_words_as_written(nlp: Language) -> None:
    from etl.extract.syntax import text_without_clauses

    sent = next(nlp("In September 2022, a 14-year-old boy was shot dead near Prado, and in January 2023 two men "
                    "were killed in an ambush.").sents)
    kept = text_without_clauses(sent, set())
    assert "14-year-old" in kept and kept == sent.text  # "14 - year - old" counted 14 dead
