"""Datelines are where and when a story was filed: found at the head of a story or paragraph, and used as context
only (the reference date, one mention of the country), never as a side, an event's place or a number in a toll."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from spacy.language import Language

from etl.extract.coding import code_doc
from etl.extract.dateline import find_datelines
from schemas.models import Article, Event

REF = date(2026, 12, 4)


@pytest.mark.parametrize(("text", "town", "region", "filed", "agency"), [
    ("LUSAKA, Dec 1 (AFP) - Riot police fired tear gas.", "LUSAKA", None, date(2026, 12, 1), "AFP"),
    ("BAMAKO, Nov 30 (Reuters) - Gunmen killed three herders.", "BAMAKO", None, date(2026, 11, 30), "Reuters"),
    ("ODESA, Ukraine (AP) — Drones hit the port overnight.", "ODESA", "Ukraine", None, "AP"),
    ("CANBERRA — Parliament passed the bill.", "CANBERRA", None, None, None),
    ("Lima, 28 November (Reuters) - Miners blocked a highway.", "Lima", None, date(2026, 11, 28), "Reuters"),
    ("SAN JOSE, Calif. (AP) — A man was arrested.", "SAN JOSE", "Calif.", None, "AP"),
    ("HARARE, Dec 28, 2025 (AFP) - Vendors marched.", "HARARE", None, date(2025, 12, 28), "AFP"),
    ("(Reuters) - The ministry said on Monday.", None, None, None, "Reuters"),
    ("BEIRUT (AP) \ufffd A spokesman says the city was shelled.", "BEIRUT", None, None, "AP"),  # its dash lost
    ("BUNIA, Democratic Republic of Congo (AP) — Militiamen attacked a camp.", "BUNIA", "Democratic Republic of Congo",
     None, "AP"),  # a country's name with "of" or "and" in it
    ("MOSTAR, Bosnia and Herzegovina (AP) — Police detained two men.", "MOSTAR", "Bosnia and Herzegovina", None, "AP"),
])
def test_forms_of_a_dateline(text: str, town: str | None, region: str | None, filed: date | None,
                             agency: str | None) -> None:
    (d,) = find_datelines(text, REF)
    assert (d.town, d.region, d.filed, d.agency) == (town, region, filed, agency)
    assert d.start == 0 and text[d.end - 2:d.end].strip() in ("-", "—", "\ufffd", "")


def test_a_date_without_year_is_the_latest_not_after_the_reference() -> None:
    (d,) = find_datelines("SUVA, Dec 30 (AFP) - Floods cut roads.", REF)
    assert d.filed == date(2025, 12, 30)


def test_a_dateline_may_open_a_paragraph() -> None:
    text = "Headline about the floods\nDHAKA, Dec 3 (Reuters) - Rivers rose."
    (d,) = find_datelines(text, REF)
    assert text[d.start:d.end].startswith("DHAKA") and d.filed == date(2026, 12, 3)


@pytest.mark.parametrize("text", [
    "The army said - after a pause - that it had withdrawn.",
    "Police in Lagos - the largest city - arrested ten people.",
    "On 3 December 2026, soldiers clashed with rebels.",
    "WARNING: graphic images follow.",
    "Rebels - some of them teenagers - attacked the camp.",
])
def test_what_is_no_dateline(text: str) -> None:
    assert find_datelines(text, REF) == []


def _code(nlp: Language, text: str, published: datetime | None = datetime(2026, 12, 2)) -> list[Event]:
    article = Article(id="d", text=text, published_at=published, source="Example Wire")
    return code_doc(nlp(text), article, now=REF)


def _main(events: list[Event]) -> Event:
    (ev,) = [e for e in events if e.main]
    return ev


def test_dateline_digits_are_no_toll(nlp: Language) -> None:
    ev = _main(_code(nlp, "NIAMEY, Dec 2 (AFP) - Gunmen killed five soldiers in an ambush on an army patrol near "
                          "Tillaberi on Sunday, the defence ministry said."))
    assert ev.fatalities == 5


def test_dateline_town_is_no_event_place_and_its_date_is_context(nlp: Language) -> None:
    # published on Wednesday 2 December; the dateline says the story was filed on Tuesday 1 December
    ev = _main(_code(nlp, "NIAMEY, Dec 1 (AFP) - Gunmen killed five soldiers in an ambush near Tillaberi on Sunday, "
                          "the defence ministry said."))
    assert ev.location is not None and ev.location.name != "Niamey"
    assert ev.location.country == "NER"
    assert ev.event_date == date(2026, 11, 29)  # the Sunday before the filing date


def test_dateline_town_is_no_side(nlp: Language) -> None:
    ev = _main(_code(nlp, "TBILISI, Dec 1 (Reuters) - Thousands of protesters rallied outside parliament on Monday "
                          "to demand new elections."))
    names = {a.name for a in (ev.actor1, ev.actor2) if a is not None}
    assert ev.event_type == "Protests"
    assert not any(n == "Georgia" or "Government" in n for n in names)


def test_dateline_is_where_things_happen_when_nothing_else_is_named(nlp: Language) -> None:
    ev = _main(_code(nlp, "MAPUTO, Dec 1 (Reuters) - Police arrested twelve opposition supporters on Monday."))
    assert ev.location is not None and ev.location.name == "Maputo"


def test_subject_after_the_dateline_is_the_side(nlp: Language) -> None:
    ev = _main(_code(nlp, "LUSAKA, Dec 1 - Police fired tear gas on Tuesday to disperse hundreds of traders who "
                          "had gathered in the city centre to protest against new levies."))
    assert ev.actor1 is not None and ev.actor2 is not None
    assert ev.actor1.name != ev.actor2.name


def test_a_dash_glued_to_the_story_and_a_leading_line_break() -> None:
    (d,) = find_datelines("\nACCRA—The electoral commission said.", REF)
    assert d.town == "ACCRA" and d.end == len("\nACCRA—")
    assert find_datelines("UPDATE 2-Gunmen attacked a bus.", REF) == []


def test_the_leads_subject_the_parser_hangs_on_the_dateline_is_the_side(nlp: Language) -> None:
    # the parser makes the dateline's town the subject and "Fighters of ..." its apposition
    ev = _main(_code(nlp, "ARAUCA, Colombia (Example Wire) — Fighters of the National Liberation Army abducted two "
                          "soldiers on Friday."))
    assert ev.actor1 is not None and ev.actor1.name.startswith("ELN")


def test_the_leads_subject_after_the_datelines_town_and_country_is_the_side(nlp: Language) -> None:
    # the parser hangs the dateline's country on its town, and the lead's own subject on that country
    ev = _main(_code(nlp, "CANBERRA, Australia (Example Wire) - Australia on Wednesday imposed sanctions on five "
                          "officers of Iran's Revolutionary Guards."))
    assert ev.cameo_code == "163" and ev.actor1 is not None and ev.actor1.country == "AUS"


def test_an_agency_named_for_a_region_is_no_place(nlp: Language) -> None:
    """"(Sahel Wire)" says who filed the story; with nothing else named, the dateline's town is where it happened."""
    ev = _main(_code(nlp, "KANO, Nigeria (Sahel Wire) — Police arrested three suspects on Monday."))
    assert ev.location is not None and ev.location.name == "Kano"
