"""Deaths only: each number form, lower bounds and ranges, and the injured, arrested or missing left out."""

from __future__ import annotations

import pytest

from etl.extract.fatalities import count_fatalities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gunmen killed 12 villagers in the raid.", 12),
        ("At least 12 people were killed in the blast.", 12),
        ("More than twenty soldiers died in the ambush.", 20),
        ("Twenty-three civilians were killed.", 23),
        ("A dozen fighters were killed.", 12),
        ("Dozens were killed in the fighting.", 12),
        ("Between 10 and 12 people were killed.", 10),
        ("10-12 people were killed.", 10),
        ("10 to 12 people were killed.", 10),
        ("Police opened fire, killing a man.", 1),
        ("The attackers killed two and injured five.", 2),
        ("The death toll rose to 35.", 35),
        ("There were no casualties.", 0),
        ("Five people were injured and three arrested.", 0),
        ("Police arrested 40 protesters.", 0),
        ("Seven people remain missing after the attack.", 0),
        ("Thousands of people marched peacefully.", 0),
        ("Soldiers killed 1,200 fighters, officials said.", 1200),
    ],
)
def test_forms(text: str, expected: int) -> None:
    assert count_fatalities(text) == expected


def test_takes_a_span(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("Three soldiers were killed in the attack.")
    assert count_fatalities(doc[:]) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Three soldiers and fourteen civilians were killed, and nine others wounded.", 17),
        ("12 soldiers and 4 volunteers were killed. Nine militants were killed.", 25),
        ("On 7 March 2022, a drug suspect was killed during a police raid.", 1),
        ("On 22 March 2022, at least three people were shot dead.", 3),
        ("A man was shot and killed by armed men. 1 fatality.", 1),
        ("Fighters clashed near the town. Unclear fatalities coded as 10.", 10),
        ("Protesters blocked a livestock market in the city.", 0),
        ("Gunmen attacked the village head, killing him.", 1),
        ("Three people were killed on Monday. The death toll rose to 5.", 5),
        ("No one was killed, but two people were wounded.", 0),
        # a party's claimed count beside the counted dead is another account of them: the lower figure
        ("Militants ambushed a patrol, killing four soldiers, officials said, while the group claimed to have "
         "killed eleven.", 4),
        ("The group claimed to have killed 12 soldiers in the raid.", 12),
        ("Gunmen killed four people, and the group later claimed responsibility for killing two more nearby.", 6),
    ],
)
def test_reports(text: str, expected: int) -> None:
    assert count_fatalities(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The businessman was killed and two others were injured.", 1),
        ("Russian forces shot dead the head of the forestry office.", 1),
        ("Gunmen stopped the bus and abducted the passengers, killing the driver.", 1),
        ("Debris hit a house in the town, and a man and a woman were killed.", 2),
        ("The raiders opened fire near the school, killing a teacher and a herder.", 2),
        ("Gunmen killed a farmer and wounded his son.", 1),
        ("Gunmen attacked the village, killing the village chief and his son.", 2),
        ("A shell hit a car and both of the civilians were killed.", 2),
        ("At least 3 civilians including a small child died.", 3),
        ("The attackers killed one person and injured two. There was one fatality.", 1),
        ("Three civilians were killed [3 fatalities split among 2 events].", 3),
        ("Gunmen killed 27 people. 27 fatalities split across 4 events coded as 6.", 6),
    ],
)
def test_singular_victims_and_summaries(text: str, expected: int) -> None:
    assert count_fatalities(text) == expected


def test_a_happening_of_its_own_time_keeps_its_own_toll(nlp) -> None:  # type: ignore[no-untyped-def]
    """In an article, a sentence's earlier happening ("a week after gunmen killed twelve") and its news ("troops
    shelled villages, killing four") each have their own toll; a happening told in a 'when' clause has the toll of
    the clause it explains."""
    from tests.etl.extract.coder import code
    from tests.etl.extract.test_place import LONG_BODY

    text = ("Troops shelled three villages near the border on Tuesday, killing four civilians, a week after gunmen "
            "ambushed a police patrol on the highway, officials said.\n\nIn March, at least nine people were killed "
            "when a drone hit a minibus near the market, and in May a bomb at a checkpoint killed two soldiers."
            + LONG_BODY)
    events = code(nlp, text)
    by_month = {(e.event_date.month if e.event_date else None, e.sources[0].sentence[:8]): e for e in events
                if e.event_class == "political_violence"}
    shelling = by_month[(5, "Troops s")]
    assert shelling.fatalities == 4
    assert shelling.actor2 is None or shelling.actor2.inter != 1  # the patrol the gunmen hit is not the target
    assert by_month[(3, "In March")].fatalities == 9
    assert by_month[(5, "In March")].fatalities == 2


def test_who_said_it_later_tells_no_other_happening(nlp) -> None:  # type: ignore[no-untyped-def]
    """A lead's act keeps its toll when the sentence ends with who said it on a later day (the parser may hang the
    toll under the verb of saying)."""
    from tests.etl.extract.coder import code
    from tests.etl.extract.test_place import LONG_BODY

    text = ("Jihadist fighters overran an army post near the village of Kantchari in eastern Burkina Faso on Monday, "
            "killing at least 17 soldiers and volunteers, security sources and residents said on Tuesday." + LONG_BODY)
    lead = [e for e in code(nlp, text) if e.event_class == "political_violence" and e.sources[0].start < 10]
    assert lead and all(e.fatalities == 17 for e in lead)


@pytest.mark.parametrize(("text", "dead"), [
    ("Two men aged 25 and 30 were killed.", 2),  # ages are no count
    ("The boy, 14, was killed by a stray bullet.", 1),
    ("A man aged 40 was shot dead.", 1),
    ("In January 2023 two young Pataxo men were killed in an ambush.", 2),  # the year hid the count after it
    ("Since 2019, more than 300 people have been killed.", 300),
])
def test_ages_and_years_are_no_toll(text: str, dead: int) -> None:
    assert count_fatalities(text) == dead
