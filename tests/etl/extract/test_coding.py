"""The coder as a whole (code_doc): several events of a sentence, provenance, folding and merging. Each rule family
has its tests beside its stage (test_detect, test_arguments, test_refine, …), on sentences written for them; the
learned classifier stage is off (its own tests are in tests/etl/extract/classify)."""

from __future__ import annotations

from datetime import datetime

from spacy.language import Language

from schemas.models import Article
from tests.etl.extract.coder import code, main


def test_several_events_in_one_sentence(nlp: Language) -> None:
    events = code(nlp, "Soldiers clashed with militants in the north, killing three, and later arrested five men.")
    subs = {e.sub_event_type for e in events}
    assert {"Armed clash", "Arrests"} <= subs
    assert main(events).sub_event_type == "Armed clash"
    assert main(events).fatalities == 3


def test_provenance_offsets_point_into_the_text(nlp: Language) -> None:
    text = "Intro line without events here.\nProtesters blocked a highway in the capital on Monday."
    for ev in code(nlp, text):
        ref = ev.sources[0]
        assert text[ref.start:ref.end] == ref.sentence
        assert ref.url == "https://example.org/a" and ref.article_id == "t"
        assert len(ev.cameo_code) >= 3 and ev.cameo_code.isdigit()


def test_the_cause_of_a_protest_does_not_merge_into_it(nlp: Language) -> None:
    from etl.extract import code_articles

    text = ("On 8 June 2024, residents staged a demonstration in Sucre, Bolivia, against a man accused of "
            "assaulting three children.")
    (events,) = code_articles([Article(id="t", text=text, published_at=datetime(2024, 6, 10))])  # merged as shipped
    assert main(events).sub_event_type == "Peaceful protest"


def test_an_act_by_no_one_on_no_one_is_no_event_beside_others(nlp: Language) -> None:
    events = code(nlp, "Peru expelled two Chilean diplomats after the agreement collapsed.")
    assert all(e.actor1 is not None or e.actor2 is not None for e in events)




def test_a_participle_with_an_object_tells_an_act_by_the_noun_it_hangs_on(nlp: Language) -> None:
    # the parser may hang a lead's verb on its subject ("[men] [abducted 20 people] ..., police said"); a reduced
    # passive ("the men abducted last week") takes no direct object, so one with an object is the doer's act
    lead = ("KATSINA, Nigeria (Example Wire) — Armed men on motorcycles abducted at least 20 farmers from a hamlet "
            "near Danmusa in northern Nigeria, residents and police said on Tuesday.")
    body = (" The gunmen arrived at night and fired into the air, a resident said. Police said officers had been "
            "deployed to the area and were searching the forest. Local officials said families had been asked to "
            "pay ransoms in earlier kidnappings, and that farmers had abandoned fields near the forest this year.")
    text = lead + body * 3
    events = code(nlp, text)
    abductions = [e for e in events if e.cameo_code == "181" and (e.sources[0].start or 0) < len(lead)]
    assert abductions and abductions[0].actor1 is not None and abductions[0].actor2 is not None
    assert abductions[0].actor1.inter == 3 and abductions[0].actor2.inter == 7
