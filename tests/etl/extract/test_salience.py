"""Which event is the main one (salience): the lead, the more severe. Sentences written for these tests; the classifier
stage is off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

from spacy.language import Language

from etl.extract.salience import mark_main, rank
from tests.etl.extract.coder import code, main


def test_main_is_the_violent_event_not_the_meeting(nlp: Language) -> None:
    text = ("The foreign ministers met in Geneva on Monday. Separately, militants attacked a village, killing two "
            "civilians.")
    ev = main(code(nlp, text))
    assert ev.event_type == "Violence against civilians"


def test_of_acts_told_side_by_side_the_more_severe_leads(nlp: Language) -> None:
    ev = main(code(nlp, "On 5 May 2024, police officers detained and tortured a blogger in Nukus."))
    assert ev.sub_event_type == "Attack"


def test_rank_prefers_the_told_typed_early_and_severe(nlp: Language) -> None:
    tok = nlp("Rebels attacked the town.")[1]
    base = {"negated": False, "typed": True, "sentence": 0, "trigger": tok, "event_type": "Battles", "pair": 0}
    assert rank(**base) > rank(**{**base, "negated": True})
    assert rank(**base) > rank(**{**base, "typed": False})
    assert rank(**base) > rank(**{**base, "sentence": 1})
    assert rank(**base) > rank(**{**base, "event_type": "Protests"})


def test_mark_main_marks_the_best_ranked_and_takes_the_label(nlp: Language) -> None:
    events = code(nlp, "Soldiers clashed with militants in the north and later arrested five men.")
    plain = [e.model_copy(update={"main": False}) for e in events]
    ranked = [((1,), 0), ((2,), len(plain) - 1)]
    marked = mark_main(plain, ranked, None, "KEN")
    assert [e.main for e in marked] == [i == len(plain) - 1 for i in range(len(plain))]
    assert not any(e.main for e in plain)  # the input is left as it was
    labelled = mark_main(plain, ranked, "Arrests", "KEN")[-1]
    assert labelled.sub_event_type == "Arrests" and labelled.event_type == "Strategic developments"
    assert mark_main([], [], None, None) == []


def test_a_reported_act_leads_over_the_bare_statement_that_reports_it(nlp: Language) -> None:
    """"Norway said it had expelled two diplomats": CAMEO's 010 is the residual of statements, so the expulsion it
    reports is the news, though "said" is the sentence's root."""
    ev = main(code(nlp, "Norway said on Monday it had expelled three Iranian diplomats accused of spying."))
    assert ev.cameo_code != "010" and ev.cameo_code[:2] == "16"
