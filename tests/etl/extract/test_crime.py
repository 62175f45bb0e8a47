"""Ordinary crime (etl/extract/crime.py): one private person's act of force is not political violence; a group's,
a state's or an armed side's is. Sentences written for these tests."""

from __future__ import annotations

from datetime import datetime

import pytest
from spacy.language import Language

from etl.extract.coding import code_doc
from schemas.models import Article

# the rest of a news story, so that the sentence is read as one sentence of an article (longer than a short report)
REST = ("\n\nThe victims were taken to a hospital. Officers are still looking for witnesses.\n\n"
        "Neighbours said the area had been quiet for years. The street was closed for most of the evening while "
        "forensic teams worked, and traffic was diverted through the market district.\n\n"
        "Local councillors asked for more street lighting and for a police post near the bus station, which they "
        "said had been promised two years ago. The council will discuss the request at its next meeting.\n\n"
        "Schools in the area opened as usual on the following morning, and shops reopened by midday. A vigil is "
        "planned for the weekend at the community hall, organisers said. Residents who saw anything were asked to "
        "call the hotline.\n\nThe district has seen its population double in ten years as families moved from "
        "the countryside, and the council's budget for roads, drains and clinics has not kept pace, a report by "
        "the regional planning office found last year. Its authors recommended new bus routes and two schools.")


def acled_events(nlp: Language, sentence: str) -> list[str]:
    from etl.extract.refine import is_short_report

    text = sentence + REST
    assert not is_short_report(text)
    events = code_doc(nlp(text), Article(id="c", text=text, published_at=datetime(2024, 5, 10)), reportable=False)
    return [e.sub_event_type for e in events if e.event_class == "political_violence"]


@pytest.mark.parametrize("sentence", [
    "A homeowner in Texas shot an intruder who broke into his house at night, the sheriff's office said.",
    "Police say Okafor followed the cashier to the car park and stabbed him twice.",
    "A teenager is accused of stabbing a shopkeeper in Leeds on Friday, police said.",
    "A man in Lusaka beat his neighbour to death after a quarrel over a goat, police said.",
])
def test_a_private_persons_violence_is_no_acled_event(nlp: Language, sentence: str) -> None:
    assert acled_events(nlp, sentence) == []


@pytest.mark.parametrize("sentence", [
    "Gunmen killed five villagers in Zamfara state on Sunday, police said.",
    "Soldiers shot dead two civilians at a checkpoint in Kidal on Monday, residents said.",
    "A suspected jihadist killed a village chief in Tillaberi on Monday, officials said.",
])
def test_armed_sides_violence_stays(nlp: Language, sentence: str) -> None:
    assert acled_events(nlp, sentence) == ["Attack"]


def test_doer_is_found_through_coordination_and_passive(nlp: Language) -> None:
    from etl.extract.crime import doer

    doc = nlp("Okafor followed the cashier and stabbed him.")
    assert doer(next(t for t in doc if t.lemma_ == "stab")).text == "Okafor"
    doc = nlp("The shopkeeper was shot by a robber.")
    assert doer(next(t for t in doc if t.lemma_ == "shoot")).text == "robber"


def arrests(nlp: Language, lead: str, rest: str = REST) -> list[tuple[str, str]]:
    """The arrested side and the class of each arrest coded from the lead sentence of a story."""
    text = lead + rest
    events = code_doc(nlp(text), Article(id="a", text=text, published_at=datetime(2024, 5, 10)), reportable=False)
    return [(e.actor2.name if e.actor2 else "", e.event_class) for e in events
            if e.sources[0].start == 0 and (e.sub_event_type == "Arrests" or e.cameo_code.startswith("173"))]


BURGLARY = "Police arrested a 55-year-old man in Leeds on Friday on suspicion of burglary, a police spokesman said."


def test_the_arrest_of_a_private_person_for_crime_is_a_cameo_event_outside_acleds_scope(nlp: Language) -> None:
    assert arrests(nlp, BURGLARY) == [("Civilians (United Kingdom)", "other")]


def test_arrests_in_a_story_of_a_demonstration_are_acleds(nlp: Language) -> None:
    protest = REST.replace("The victims were taken to a hospital.",
                           "Hundreds of students marched through the city centre on Monday to demand lower fees.")
    assert arrests(nlp, BURGLARY, protest) == [("Civilians (United Kingdom)", "strategic_development")]


def test_the_arrest_of_a_political_actor_is_acleds(nlp: Language) -> None:
    lead = "Police in Nairobi arrested opposition leader Raila Odinga on Friday, his party said."
    assert arrests(nlp, lead) == [("Opposition (Kenya)", "strategic_development")]


def test_ordinary_arrest_reads_the_arrested_sides_role() -> None:
    from etl.extract.crime import ordinary_arrest
    from schemas.models import Actor, Event

    def arrest(actor2: Actor | None, code: str = "173", sub: str = "Arrests") -> Event:
        return Event(event_id="e", article_id="a", event_type="Strategic developments", sub_event_type=sub,
                     cameo_code=code, cameo_root=code[:2], event_class="strategic_development", quad_class=4,
                     goldstein=-5.0, plover_event="ARREST", actor2=actor2, event_date=None, confidence=0.5,
                     coder_version="t")

    assert ordinary_arrest(arrest(Actor(name="Civilians (Kenya)", country="KEN", cameo="KENCVL", inter=7)))
    assert not ordinary_arrest(arrest(Actor(name="Opposition (Kenya)", country="KEN", cameo="KENOPP", inter=6)))
    assert not ordinary_arrest(arrest(Actor(name="Mech Dara", country="KHM", cameo="KHM")))  # may be a journalist
    assert not ordinary_arrest(arrest(None))
    assert not ordinary_arrest(arrest(Actor(name="Civilians (Kenya)", country="KEN", cameo="KENCVL", inter=7),
                                      code="112", sub="Other"))  # not an arrest


def investigations(nlp: Language, sentence: str) -> list[str]:
    """The CAMEO codes of the investigations (root 09) coded from a story's sentence."""
    text = sentence + REST
    events = code_doc(nlp(text), Article(id="i", text=text, published_at=datetime(2024, 5, 10)), reportable=False)
    return [e.cameo_code for e in events if e.cameo_root == "09" and e.sources[0].start == 0]


@pytest.mark.parametrize("sentence", [
    "Prosecutors in Lublin opened an investigation into causing a fatal road accident, a spokesman said.",
    "Police said they had opened an investigation into the crash, which killed four farm workers.",
])
def test_an_investigation_of_an_accident_is_no_political_event(nlp: Language, sentence: str) -> None:
    assert investigations(nlp, sentence) == []


def test_an_investigation_of_a_killing_by_an_armed_side_stays(nlp: Language) -> None:
    sentence = "The army said it had opened an investigation into the killing of two villagers by soldiers."
    assert investigations(nlp, sentence) != []
