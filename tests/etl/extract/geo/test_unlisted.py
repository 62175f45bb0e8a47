"""Towns the gazetteer lacks, named as the text writes them and placed at the smallest known place around them
(sentences and names written for these tests; the names are checked to be absent from the gazetteer)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from etl.extract.geo.gazetteer import Gazetteer
from etl.extract.geo.parser import Geoparser, Place


def _places(nlp: Language, gp: Geoparser, text: str) -> dict[str, Place]:
    return {p.text: p for p in gp.parse(nlp(text))}


@pytest.fixture(scope="module", autouse=True)
def _names_are_unlisted(gazetteer: Gazetteer) -> None:
    for name in ("Kobrandi", "Tessaloumi", "Wezu Nako"):
        assert not gazetteer.lookup(name), name


def test_a_town_written_as_one_takes_the_region_written_after_it(nlp: Language, geoparser: Geoparser) -> None:
    text = "Gunmen stormed an army post in the central Malian town of Kobrandi in the Mopti region on Friday."
    p = _places(nlp, geoparser, text)["Kobrandi"]
    assert (p.name, p.country, p.admin1, p.feature_type) == ("Kobrandi", "MLI", "Mopti", "unlisted")
    assert p.precision == 3  # the coordinates are the region's


def test_a_village_near_a_known_town_takes_that_town(nlp: Language, geoparser: Geoparser) -> None:
    text = ("Soldiers were killed in Burkina Faso on Monday. A drone hit Wezu Nako village, about 20 kilometres "
            "north of Djibo, the army said.")
    p = _places(nlp, geoparser, text)["Wezu Nako"]
    djibo = _places(nlp, geoparser, text)["Djibo"]
    assert (p.country, p.precision) == ("BFA", 2)
    assert (p.latitude, p.longitude) == (djibo.latitude, djibo.longitude)


def test_one_sense_per_article_and_the_article_country(nlp: Language, geoparser: Geoparser) -> None:
    text = ("Fighting spread across Niger's Tillaberi region this week. Residents fled the village of Tessaloumi "
            "on Sunday. By Tuesday most had returned to Tessaloumi, officials said.")
    towns = [p for p in geoparser.parse(nlp(text)) if p.feature_type == "unlisted"]
    assert [t.text for t in towns] == ["Tessaloumi", "Tessaloumi"]
    assert {(t.country, t.admin1) for t in towns} == {("NER", "Tillaberi")}


def test_no_unlisted_town_without_a_country_or_from_words_that_are_no_name(nlp: Language,
                                                                         geoparser: Geoparser) -> None:
    assert not any(p.feature_type == "unlisted" for p in geoparser.parse(nlp("They left the village of Kobrandi.")))
    text = "In Kenya the town of Hope held a vote. The city of Nairobi was calm, and the town of Monday was too."
    names = {p.text for p in geoparser.parse(nlp(text)) if p.feature_type == "unlisted"}
    assert "Nairobi" not in names and "Monday" not in names


def test_an_event_in_an_unlisted_town_is_placed_there(nlp: Language, geoparser: Geoparser) -> None:
    text = ("Militants attacked a police station in the northern Nigerian town of Kobrandi in Borno state on "
            "Monday, killing four officers.")
    doc = nlp(text)
    loc = geoparser.event_location(doc, geoparser.parse(doc), 0, len(text))
    assert loc is not None
    assert (loc.name, loc.admin1, loc.country, loc.geo_precision) == ("Kobrandi", "Borno", "NGA", 3)


def test_a_foreign_namesake_in_its_sentence_does_not_move_the_town_abroad(nlp: Language,
                                                                          geoparser: Geoparser) -> None:
    text = ("Fighting has raged in Myanmar's Kayah state for months. In January an air strike on a market in "
            "Kobrandi township killed nine people, and in March a drone hit a clinic in Mese.")
    town = next(p for p in geoparser.parse(nlp(text)) if p.text == "Kobrandi")
    assert (town.country, town.admin1) == ("MMR", "Kayah")  # "Mese" is also a village in Lombardy


def test_a_town_with_no_place_in_its_sentence_takes_the_articles_region(nlp: Language,
                                                                       geoparser: Geoparser) -> None:
    text = ("Gunmen killed nine travellers near Quetta in Pakistan's Balochistan province on Friday. Balochistan "
            "officials said the victims were labourers from Punjab. Militants also attacked a post in the town of "
            "Kobrandi.")
    town = next(p for p in geoparser.parse(nlp(text)) if p.text == "Kobrandi")
    assert (town.country, town.admin1) == ("PAK", "Balochistan")  # not Punjab, the region named last


def test_a_name_placed_in_a_known_region_or_called_a_suburb_is_a_town(nlp: Language, geoparser: Geoparser) -> None:
    # "in X, in Cameroon's Far North region": the region says X is a place in it; "the suburb of X" a place too
    text = "Militants attacked an army post in Kobrandi, in Cameroon's Far North region, on Sunday."
    p = _places(nlp, geoparser, text)["Kobrandi"]
    assert (p.country, p.feature_type, p.precision) == ("CMR", "unlisted", 3)
    text = "Police fired tear gas at garment workers in the industrial suburb of Tessaloumi, outside Dhaka, on Monday."
    p = _places(nlp, geoparser, text)["Tessaloumi"]
    assert (p.country, p.feature_type) == ("BGD", "unlisted")
    assert "Smith" not in _places(nlp, geoparser, "The talks in Geneva were led by Smith, in Paris's view, badly.")


def test_a_place_name_written_in_a_region_named_as_one_is_a_town(nlp: Language, geoparser: Geoparser) -> None:
    # "in X in Kaduna state", no comma: the recogniser's place name and the region written as a region
    p = _places(nlp, geoparser, "Gunmen abducted pupils from a school in Kobrandi in Kaduna state on Monday.")
    assert "Kobrandi" in p and (p["Kobrandi"].country, p["Kobrandi"].feature_type) == ("NGA", "unlisted")
    assert "Parliament" not in _places(nlp, geoparser, "Lawmakers in Parliament in Kaduna state voted on Monday.")
    # nor, with a comma, a word of the list of capitalised words that are no places (data/not_places.txt)
    text = "Police fired tear gas near Parliament, in Lagos state, on Monday."
    assert "Parliament" not in _places(nlp, geoparser, text)


def test_a_name_an_apposition_calls_a_village_is_a_town(nlp: Language, geoparser: Geoparser) -> None:
    # "stormed X, a farming village about 20 km from Y": the apposition says what X is; a person's does not
    text = "Gunmen stormed Dakwaro, a farming village in Nigeria's Zamfara state, late on Thursday."
    p = _places(nlp, geoparser, text)["Dakwaro"]
    assert (p.country, p.feature_type) == ("NGA", "unlisted")
    text = "Police in Zamfara state said Musa Abdullahi, a farmer, was wounded on Thursday."
    assert "Musa Abdullahi" not in _places(nlp, geoparser, text)


def test_a_small_town_written_in_another_country_is_that_country_s(nlp: Language, geoparser: Geoparser) -> None:
    """"The town of X in Iraq's Kurdistan region" writes where X is: a town of Iraq the gazetteer lacks, not a small
    namesake in a country nothing else names (Tanagura is a Japanese town of about 14,000), here and where the
    article writes it bare; the country the story names most (Iran's) does not outweigh what is written."""
    text = ("ERBIL, Iraq (Example Wire) - Iranian drones struck a camp of an exiled Iranian opposition group near the "
            "town of Tanagura in Iraq's Kurdistan region on Thursday, killing three people. Iran's Revolutionary "
            "Guards said they had targeted Iranian separatists. Iran has struck camps around Tanagura before, and "
            "Iranian officials said Iran would do so again. Residents of Tanagura said they feared more strikes.")
    towns = [p for p in geoparser.parse(nlp(text)) if p.text == "Tanagura"]
    assert len(towns) >= 2
    assert {(p.country, p.feature_type) for p in towns} == {("IRQ", "unlisted")}
