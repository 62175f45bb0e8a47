"""Which event is the main one (salience): the lead, the more severe. Sentences written for these tests; the classifier
stage is off (see tests/etl/extract/coder.py)."""

from __future__ import annotations

from spacy.language import Language

from tests.etl.extract.coder import code, main


def test_main_is_the_violent_event_not_the_meeting(nlp: Language) -> None:
    text = ("The foreign ministers met in Geneva on Monday. Separately, militants attacked a village, killing two "
            "civilians.")
    ev = main(code(nlp, text))
    assert ev.event_type == "Violence against civilians"


def test_of_acts_told_side_by_side_the_more_severe_leads(nlp: Language) -> None:
    ev = main(code(nlp, "On 5 May 2024, police officers detained and tortured a blogger in Nukus."))
    assert ev.sub_event_type == "Attack"
