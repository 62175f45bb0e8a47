"""Names of streets and of saints' churches are not towns; a name written before a region qualifies it; a part of a
place named with its possessive lies in that place's country. Sentences written for these tests."""

from __future__ import annotations

from datetime import datetime

import pytest
from spacy.language import Language

from etl.extract.coding import code_doc
from etl.extract.geo.parser import Geoparser, owns_place
from schemas.models import Article


def _names(nlp: Language, gp: Geoparser, text: str) -> dict[str, tuple[str, str | None]]:
    return {p.text: (p.name, p.country) for p in gp.parse(nlp(text))}


@pytest.mark.parametrize(("text", "street", "town"), [
    ("A man was stabbed on Moscow Street in Kyiv on Friday.", "Moscow", "Kyiv"),
    ("Protesters blocked Saint Paul Avenue in Montreal.", "Saint Paul", "Montreal"),
    ("Police closed Cairo Road in Lusaka after the blast.", "Cairo", "Lusaka"),
    ("Masked men smashed bank windows on the Rue de Rome in Marseille.", "Rome", "Marseille"),
    ("Riot police pushed marchers back into the nearby San Francisco plaza in La Paz.", "San Francisco", "La Paz"),
])
def test_a_street_named_for_a_town_is_no_town(nlp: Language, geoparser: Geoparser, text: str, street: str,
                                              town: str) -> None:
    names = _names(nlp, geoparser, text)
    assert street not in names and town in names


def test_a_far_town_named_like_an_island_or_a_river_is_not_it(nlp: Language, geoparser: Geoparser) -> None:
    """"Delft island" in a story of India and Sri Lanka is the island, not the Dutch city of its name; a river of the
    story's own country is often named for the town on it, which stays."""
    names = _names(nlp, geoparser, "Sri Lankan sailors fired at an Indian trawler near Delft island, officials in "
                                   "Chennai said.")
    assert "Delft" not in names and "Chennai" in names
    names = _names(nlp, geoparser, "Police detained fishermen on the Kafue river south of Lusaka on Monday.")
    assert names.get("Kafue", ("", ""))[1] == "ZMB" and "Lusaka" in names


@pytest.mark.parametrize("text", [
    "A bomb exploded outside the Church of St. Peter and St. Paul in Alexandria, Egyptian police said.",
    "Worshippers fled the St. Peter and St. Paul church in the Egyptian capital.",
    "Gunmen attacked the Cathedral of Saint Paul in Mosul, Iraqi officials said.",
])
def test_a_saint_a_church_is_dedicated_to_is_no_town(nlp: Language, geoparser: Geoparser, text: str) -> None:
    assert not any(country == "USA" for _, country in _names(nlp, geoparser, text).values())


def test_a_town_named_with_its_building_stays_a_town(nlp: Language, geoparser: Geoparser) -> None:
    assert _names(nlp, geoparser, "Worshippers gathered at the Kano Central Mosque.").get("Kano", ("", ""))[1] \
        == "NGA"


def test_a_name_before_a_region_qualifies_it(nlp: Language, geoparser: Geoparser) -> None:
    names = _names(nlp, geoparser, "Floods cut roads across Far North Queensland, Australian officials said.")
    assert "Far North" not in names and names["Queensland"][1] == "AUS"
    names = _names(nlp, geoparser, "Migrants seek work in countries such as Cyprus, Greece Italy or Spain.")
    assert names["Greece"][1] == "GRC"  # two countries without a comma: no qualifier


def test_part_of_a_place_lies_in_its_country(nlp: Language, geoparser: Geoparser) -> None:
    names = _names(nlp, geoparser, "Police raided a flat in Giza's Haram district on Tuesday.")
    assert names.get("Haram", ("", "EGY"))[1] == "EGY" and names["Giza"][1] == "EGY"
    text = "Police raided a flat in Giza's Haram district"
    assert owns_place(text, text.index("'s")) and not owns_place("Giza's police said", 4)


def test_the_event_is_placed_in_the_owner_place(nlp: Language) -> None:
    text = "Police raided a flat in Giza's Haram district on Tuesday and arrested three men, officials said."
    events = code_doc(nlp(text), Article(id="g", text=text, published_at=datetime(2026, 12, 2)))
    ev = next(e for e in events if e.main)
    assert ev.location is not None and (ev.location.name, ev.location.country) == ("Giza", "EGY")


@pytest.mark.parametrize(("text", "person", "town"), [
    ("Mr Houston told reporters in Lagos that troops had withdrawn.", "Houston", "Lagos"),
    ("Senator Lincoln said the talks in Geneva had failed.", "Lincoln", "Geneva"),
    ("Dr. Florence treated the wounded in Goma.", "Florence", "Goma"),
])
def test_a_name_after_a_title_is_a_person(nlp: Language, geoparser: Geoparser, text: str, person: str,
                                          town: str) -> None:
    names = _names(nlp, geoparser, text)
    assert person not in names and town in names


@pytest.mark.parametrize(("text", "name"), [
    ("Fighters of the anti-Balaka militia raided a market near Bangui.", "Balaka"),
    ("Pro-Kremlin bloggers in Moscow praised the decision, while anti-Kabul groups met in Peshawar.", "Kabul"),
])
def test_a_place_glued_to_a_prefix_of_stance_is_no_mention_of_it(nlp: Language, geoparser: Geoparser, text: str,
                                                                  name: str) -> None:
    names = _names(nlp, geoparser, text)
    assert name not in names and len(names) >= 1  # the place the sentence does name stays


def test_a_demonym_after_a_prefix_still_tells_its_country(nlp: Language, geoparser: Geoparser) -> None:
    assert _names(nlp, geoparser, "Crowds chanted anti-Russian slogans outside the embassy.")["Russian"][1] == "RUS"


def test_a_surname_of_a_person_named_in_full_is_no_town(nlp: Language, geoparser: Geoparser) -> None:
    text = ("Senators asked Secretary of State Marco Rubio to act. The senators sent a letter to Rubio on Monday "
            "from Washington.")
    names = _names(nlp, geoparser, text)
    assert "Rubio" not in names and "Washington" in names


def test_a_countrys_abbreviation_with_stops_names_it(nlp: Language, geoparser: Geoparser) -> None:
    names = _names(nlp, geoparser, "Rebels attacked villages in northeastern C.A.R. on Tuesday.")
    assert names["C.A.R."][1] == "CAF"


def test_a_name_given_to_a_thing_is_no_town(nlp: Language, geoparser: Geoparser) -> None:
    names = _names(nlp, geoparser, "A startup in Beijing launched an AI model called Manus on Monday.")
    assert "Manus" not in names and "Beijing" in names


def test_a_place_called_so_stays_a_place(nlp: Language, geoparser: Geoparser) -> None:
    assert "Garoua" in _names(nlp, geoparser, "They fled to a town called Garoua near the border.")


def test_a_small_town_abroad_the_article_never_names_is_no_namesake(nlp: Language, geoparser: Geoparser) -> None:
    """A story from Pakistan names "the town of Bagan": not the village of Russia's Novosibirsk region the gazetteer
    lists (a story about it would name Russia), but a town of Pakistan the gazetteer lacks."""
    text = ("PARACHINAR, Pakistan (Example Wire) — Gunmen ambushed a convoy in Pakistan's Kurram district on "
            "Friday. The attack took place near the village of Mandori, outside the town of Bagan in Lower Kurram, "
            "officials said.")
    names = _names(nlp, geoparser, text)
    assert names["Bagan"][1] == "PAK" and names["Mandori"][1] == "PAK"
    assert _names(nlp, geoparser, "Protesters marched in Bagan, Russia, on Sunday.")["Bagan"][1] == "RUS"


def test_a_small_namesake_does_not_name_its_country_for_another(nlp: Language, geoparser: Geoparser) -> None:
    """"Rizal Park" in a story from Manila: the only reading of "Park" is a small county of Wyoming, which does not
    make the story name the United States (and so vouch for itself, or for another namesake there)."""
    text = ("MANILA, Philippines (Example Wire) — Tens of thousands of Filipinos rallied in Manila on Monday. The "
            "main rally at Rizal Park was organised by church groups, and protests were also held in Cebu and Davao, "
            "Philippine police said.")
    assert all(p.country == "PHL" for p in geoparser.parse(nlp(text)) if not p.demonym)



def test_a_gulf_or_bay_of_a_place_is_water(nlp: Language, geoparser: Geoparser) -> None:
    """"The Gulf of Aden": the water, not the Yemeni port; the port named on its own is the port."""
    assert "Aden" not in _names(nlp, geoparser, "Rebels attacked two ships in the Gulf of Aden on Monday, officials "
                                                "in Sanaa said.")
    assert _names(nlp, geoparser, "Rebels attacked two ships off Aden on Monday.")["Aden"][1] == "YEM"
