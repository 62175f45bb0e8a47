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
