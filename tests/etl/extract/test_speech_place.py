"""Where something was said, on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from etl.extract.speech_place import at_seat, at_the_scene, place_of_saying, ties_to_act
from schemas.models import Actor, Event, Location, SourceRef
from tests.etl.extract.coder import code as code_text


def _token(doc, word: str):  # type: ignore[no-untyped-def]
    return next(t for t in doc if t.text == word)


def _event(code: str, a1_country: str | None, loc: Location) -> Event:
    actor = Actor(name="Government of Pakistan", country=a1_country, cameo="PAKGOV", inter=1) if a1_country else None
    return Event(event_id="e", article_id="a", event_date=None, event_type="Strategic developments",
                 sub_event_type="Other", cameo_code=code, cameo_root=code[:2], quad_class=3, goldstein=-2.0,
                 plover_event="ACCUSE", actor1=actor, location=loc, confidence=0.5, coder_version="test")


def test_a_place_tied_to_the_act_stays(nlp: Language) -> None:
    for text in ("In Geneva, the foreign minister condemned the strikes.",
                 "The foreign minister condemned the strikes at a news conference in Geneva."):
        doc = nlp(text)
        assert ties_to_act(_token(doc, "Geneva"), _token(doc, "condemned"))


def test_a_place_the_words_are_about_is_not_where_they_were_said(nlp: Language) -> None:
    doc = nlp("Pakistan accused Afghanistan of sheltering militants who attacked a train in Balochistan.")
    trigger = _token(doc, "accused")
    assert not ties_to_act(_token(doc, "Balochistan"), trigger)
    loc = Location(name="Balochistan", admin1="Balochistan", country="PAK", geo_precision=2, feature_type="admin1",
                   text="Balochistan")
    moved = place_of_saying(doc[:], trigger, _event("112", "PAK", loc), {"PAK": "Pakistan"})
    assert moved.location is not None
    assert (moved.location.name, moved.location.feature_type) == ("Pakistan", "country")


def test_a_speaker_with_no_country_is_placed_at_the_country_it_spoke_about(nlp: Language) -> None:
    doc = nlp("The group criticised the election held in Nakuru last week.")
    loc = Location(name="Nakuru", country="KEN", geo_precision=1, feature_type="city", text="Nakuru")
    ev = _event("111", None, loc)
    # "in Nakuru" is where the election was held, not where it was criticised: the country, not the town
    placed = place_of_saying(doc[:], _token(doc, "criticised"), ev, {"KEN": "Kenya"}).location
    assert placed is not None and (placed.name, placed.country, placed.feature_type) == ("Kenya", "KEN", "country")


def _local(text: str, name: str = "Government of Niger") -> Actor:
    return Actor(name=name, country="NER", cameo="NERGOV", inter=1, text=text)


def test_a_local_speaker_keeps_the_place_of_the_scene(nlp: Language) -> None:
    doc = nlp("The regional governor called on residents to cooperate with the security forces.")
    scene = Location(name="Ayorou", admin1="Tillaberi", country="NER", geo_precision=1, feature_type="city",
                     text="Ayorou")  # set by the article's earlier sentences: not a word of this one
    ev = _event("020", "NER", scene).model_copy(update={"actor1": _local("The regional governor")})
    assert place_of_saying(doc[:], _token(doc, "called"), ev, {"NER": "Niger"}).location == scene
    national = ev.model_copy(update={"actor1": _local("The interior ministry")})
    moved = place_of_saying(doc[:], _token(doc, "called"), national, {"NER": "Niger"}).location
    assert moved is not None and moved.feature_type == "country"


def test_a_local_speaker_is_not_placed_where_his_words_point(nlp: Language) -> None:
    doc = nlp("The provincial governor promised to press Niamey for easier credit.")
    capital = Location(name="Niamey", admin1="Niamey", country="NER", geo_precision=1, feature_type="city",
                       text="Niamey")
    ev = _event("030", "NER", capital).model_copy(update={"actor1": _local("The provincial governor")})
    moved = place_of_saying(doc[:], _token(doc, "promised"), ev, {"NER": "Niger"}).location
    assert moved is not None and moved.feature_type == "country"
    named = _event("111", "NER", capital.model_copy(update={"name": "Maradi", "text": "Maradi"}))
    doc = nlp("The Maradi governor condemned the attack.")
    ev = named.model_copy(update={"actor1": _local("The Maradi governor")})
    assert place_of_saying(doc[:], _token(doc, "condemned"), ev, {"NER": "Niger"}).location.name == "Maradi"


def test_material_acts_and_meetings_keep_their_place(nlp: Language) -> None:
    doc = nlp("Troops shelled villages near Donetsk.")
    loc = Location(name="Donetsk", country="UKR", geo_precision=1, feature_type="city", text="Donetsk")
    for code in ("195", "040"):
        ev = _event(code, "PAK", loc)
        assert place_of_saying(doc[:], _token(doc, "shelled"), ev, {}).location == loc


def test_an_agreement_is_placed_where_it_was_signed(nlp: Language) -> None:
    doc = nlp("The presidents of Uzbekistan and Tajikistan signed a package of agreements on water sharing in the "
              "ancient city of Samarkand on Tuesday.")
    signed, samarkand = _token(doc, "signed"), _token(doc, "Samarkand")
    assert ties_to_act(samarkand, signed, objects=True)  # what was signed, in the city of Samarkand
    assert not ties_to_act(samarkand, signed)  # not for what a condemnation or an accusation is about
    doc = nlp("The foreign ministers of the two countries signed the protocol in the East Nusa Tenggara provincial "
              "capital of Kupang on Thursday.")
    assert ties_to_act(_token(doc, "Kupang"), _token(doc, "signed"), objects=True)  # "the capital of X" is X


def test_a_state_s_words_in_a_story_filed_from_its_capital_are_said_there(nlp: Language) -> None:
    """"MOSCOW, Russia (Agency) — Russia's foreign ministry summoned ...": its government speaks in the capital the
    story was filed from; filed from another town of the country, not at that town but at the seat of its government,
    inferred (geo-precision 3, no text of its own: speech_place.at_seat). (The stage runs
    with the shipped classifier's stage, where a full article's verbal events are placed.)"""
    from datetime import datetime

    from etl.extract.coding import code_doc
    from schemas.models import Article
    from tests.etl.extract.test_place import LONG_BODY

    def said(text: str) -> list[Event]:
        article = Article(id="t", text=text, published_at=datetime(2024, 5, 10), url="https://example.org/a",
                          source="Example Wire")
        return [e for e in code_doc(nlp(text), article, reportable=False) if e.cameo_root == "11"]

    moscow = said("MOSCOW, Russia (Volga Wire) — Russia's foreign ministry summoned Azerbaijan's ambassador on Monday "
                  "to protest against the detention of four Russian citizens in Baku." + LONG_BODY)
    assert moscow and moscow[0].location is not None and moscow[0].location.name == "Moscow"
    davao = said("DAVAO, Philippines (Wire) — The Philippines lodged a formal protest with China on Monday over the "
                 "use of water cannon near a disputed shoal." + LONG_BODY)
    assert davao and davao[0].location is not None
    assert (davao[0].location.name, davao[0].location.geo_precision, davao[0].location.text) == ("Manila", 3, None)


NIGERIA = Location(name="Nigeria", country="NGA", geo_precision=3, feature_type="country")
ARGUNGU = Location(name="Argungu", admin1="Kebbi", country="NGA", latitude=12.74, longitude=4.52, geo_precision=1,
                   feature_type="city", text="Argungu")
KEBBI = Location(name="Kebbi", admin1="Kebbi", country="NGA", geo_precision=3, feature_type="admin1")


def _side(name: str, cameo: str, text: str, inter: int | None = 1) -> Actor:
    return Actor(name=name, country="NGA", cameo=cameo, inter=inter, text=text)


def _reaction(code: str, actor: Actor) -> Event:
    return _event(code, "NGA", NIGERIA).model_copy(update={"actor1": actor})


def test_a_reaction_with_no_place_of_its_own_is_where_the_main_happening_is() -> None:
    """"The state government condemned the killings": the federal state's office speaks in its state; residents and
    the sides of the act where it happened; a claim of responsibility where the act claimed was. The national
    government, and a reaction to a happening of other days, keep the country."""
    gunmen = _side("Unidentified Armed Group (Nigeria)", "NGAUAF", "Gunmen", 3)
    main = Event(event_id="m", article_id="a", event_date=None, event_type="Violence against civilians",
                 sub_event_type="Attack", event_class="political_violence", cameo_code="180", cameo_root="18",
                 quad_class=4, goldstein=-9.0, plover_event="ATTACK", actor1=gunmen, location=ARGUNGU, main=True,
                 confidence=0.5, coder_version="test")
    state = _reaction("111", _side("Government of Nigeria", "NGAGOV", "The state government"))
    assert at_the_scene(state, main, KEBBI).location == KEBBI
    residents = _reaction("112", _side("Civilians (Nigeria)", "NGACVL", "residents", 7))
    assert at_the_scene(residents, main, KEBBI).location == ARGUNGU
    claim = _reaction("015", Actor(name="Lakurawa", country="NER", cameo="NERREB", inter=2, text="Lakurawa"))
    claim = claim.model_copy(update={"location": Location(name="Niger", country="NER", geo_precision=3,
                                                          feature_type="country")})
    assert at_the_scene(claim, main, KEBBI).location == ARGUNGU
    ministry = _reaction("111", _side("Government of Nigeria", "NGAGOV", "Nigeria's information minister"))
    assert at_the_scene(ministry, main, KEBBI).location == NIGERIA
    media = _reaction("111", _side("Government of Nigeria", "NGAGOV", "state media"))
    assert at_the_scene(media, main, KEBBI).location == NIGERIA
    dated = main.model_copy(update={"event_date": date(2026, 1, 19)})
    earlier = state.model_copy(update={"event_date": date(2025, 6, 2)})
    assert at_the_scene(earlier, dated, KEBBI).location == NIGERIA


def test_a_reaction_placed_at_a_town_its_sentence_does_not_name_is_placed_at_the_scene() -> None:
    """"A nurse returning to her post in Kumbo ... The governor's office condemned the attack": the last town named
    before is no place of the reaction; one its own sentence names is."""
    gunmen = _side("Unidentified Armed Group (Nigeria)", "NGAUAF", "Gunmen", 3)
    main = Event(event_id="m", article_id="a", event_date=None, event_type="Violence against civilians",
                 sub_event_type="Attack", event_class="political_violence", cameo_code="180", cameo_root="18",
                 quad_class=4, goldstein=-9.0, plover_event="ATTACK", actor1=gunmen, location=ARGUNGU, main=True,
                 confidence=0.5, coder_version="test")
    other_town = Location(name="Jega", admin1="Kebbi", country="NGA", latitude=12.22, longitude=4.38,
                          geo_precision=1, feature_type="city", text="Jega")
    residents = _reaction("112", _side("Civilians (Nigeria)", "NGACVL", "residents", 7)).model_copy(
        update={"location": other_town})
    assert at_the_scene(residents, main, KEBBI).location == ARGUNGU
    told = residents.model_copy(update={"sources": [SourceRef(article_id="a", sentence="Residents in Jega said",
                                                              start=0, end=22)]})
    assert at_the_scene(told, main, KEBBI).location == other_town


def test_an_agreement_in_the_other_partys_country_keeps_its_place(nlp: Language) -> None:
    """Two states agree where they met, which may be in the other's country ("after talks in the Bolivian city of
    Santa Cruz"): the agreement stays at that town, not at the first party's country."""
    doc = nlp("Chile and Bolivia agreed on a roadmap after two days of talks between their foreign ministers in the "
              "eastern Bolivian city of Santa Cruz.")
    trigger = _token(doc, "agreed")
    loc = Location(name="Santa Cruz de la Sierra", admin1="Santa Cruz", country="BOL", geo_precision=1,
                   feature_type="city", text="Santa Cruz")
    ev = _event("030", "CHL", loc).model_copy(update={
        "actor1": Actor(name="Chile", country="CHL", cameo="CHL", inter=1, text="Chile"),
        "actor2": Actor(name="Bolivia", country="BOL", cameo="BOL", inter=1, text="Bolivia")})
    kept = place_of_saying(doc[:], trigger, ev, {"CHL": "Chile", "BOL": "Bolivia"})
    assert kept.location is not None and kept.location.name == "Santa Cruz de la Sierra"
    alone = place_of_saying(doc[:], trigger, ev.model_copy(update={"actor2": None}), {"CHL": "Chile", "BOL": "Bolivia"})
    assert alone.location is not None and alone.location.feature_type == "country"


@pytest.mark.parametrize(("lead", "where"), [
    ("BRAZZAVILLE, Congo (Example Wire) - Representatives of Libya's rival political camps agreed on Tuesday to a "
     "timetable for a national reconciliation conference, the African Union said.", "Brazzaville"),
    ("HANOI, Sept 3 (Example Wire) - The Philippines and Vietnam signed an agreement on Thursday to hold joint coast "
     "guard drills and set up a direct hotline.", "Hanoi"),
    ("NAIROBI, May 5 (Example Wire) - Somalia and Kenya agreed on Friday to set up joint patrols and share "
     "intelligence along their border in the Mandera region, the two governments said.", "Nairobi"),  # the place of
    # what was agreed is not where they agreed
])
def test_talks_the_lead_tells_with_no_place_are_at_the_dateline(lead: str, where: str,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """An agreement or a signing the lead tells with no place of its own was made where the story was filed, not
    in the first party's country. (Where, not whether: the reportable stage, whose card decides whether a lead of
    this filler article is news, is off.)"""
    from datetime import datetime

    monkeypatch.setattr("etl.extract.coding.load_reportable", lambda *a, **k: None)

    from etl.extract import code_articles
    from schemas.models import Article
    from tests.etl.extract.test_place import LONG_BODY

    article = Article(id="talks", text=lead + LONG_BODY, published_at=datetime(2026, 3, 4, 12),
                      url="https://example.org/talks", source="Example Wire")
    [events] = code_articles([article])
    agreed = [e for e in events if e.sources[0].start < len(lead) and e.cameo_root in ("03", "05")]
    assert agreed and all(e.location is not None and e.location.name == where for e in agreed)


def test_sanctions_are_placed_where_the_state_decides_not_where_they_are_aimed(nlp: Language) -> None:
    doc = nlp("Britain imposed sanctions on three companies in Myanmar on Tuesday.")
    loc = Location(name="Myanmar", country="MMR", geo_precision=3, feature_type="country", text="Myanmar")
    uk = Actor(name="United Kingdom", country="GBR", cameo="GBR", inter=8, text="Britain")
    ev = _event("163", None, loc).model_copy(update={"actor1": uk})
    placed = place_of_saying(doc[:], _token(doc, "imposed"), ev, {"GBR": "United Kingdom"}).location
    assert placed is not None and (placed.country, placed.feature_type) == ("GBR", "country")


def test_a_measure_a_state_takes_at_home_keeps_its_place(nlp: Language) -> None:
    doc = nlp("Authorities imposed a curfew in Jiribam district and suspended mobile internet services.")
    loc = Location(name="Jiribam", admin1="Manipur", country="IND", geo_precision=2, feature_type="admin2",
                   text="Jiribam")
    india = Actor(name="Government of India", country="IND", cameo="INDGOV", inter=1, text="Authorities")
    ev = _event("160", None, loc).model_copy(update={"actor1": india})
    assert place_of_saying(doc[:], _token(doc, "imposed"), ev, {"IND": "India"}).location == loc


def _capital(country: str) -> Location | None:
    return {"ETH": Location(name="Addis Ababa", admin1="Addis Ababa", country="ETH", geo_precision=1,
                            feature_type="city", text="Addis Ababa", latitude=9.02, longitude=38.75)}.get(country)


def _at_country(actor: Actor, code: str = "120") -> Event:
    loc = Location(name="Ethiopia", country="ETH", geo_precision=3, feature_type="country")
    return _event(code, None, loc).model_copy(update={"actor1": actor})


def test_a_national_government_s_words_placed_at_country_level_are_placed_at_its_capital() -> None:
    names = {"ETH": "Ethiopia"}
    for actor in (Actor(name="Ethiopia", country="ETH", cameo="ETH", inter=8, text="Ethiopia"),
                  Actor(name="Government of Ethiopia", country="ETH", cameo="ETHGOV", inter=1,
                        text="Ethiopia's foreign ministry")):
        placed = at_seat(_at_country(actor), _capital, names).location
        assert placed is not None
        # inferred, not written: ACLED's geo-precision 3 and no text
        assert (placed.name, placed.geo_precision, placed.text, placed.latitude) == ("Addis Ababa", 3, None, 9.02)


@pytest.mark.parametrize("actor, code", [
    (Actor(name="Military Forces of Ethiopia", country="ETH", cameo="ETHMIL", inter=1, text="the army"), "120"),
    (Actor(name="Police Forces of Ethiopia", country="ETH", cameo="ETHCOP", inter=1, text="police"), "020"),
    (Actor(name="The Farmers' Union", country="ETH", cameo="ETH", inter=6, text="The Farmers' Union"), "120"),
    (Actor(name="Government of Ethiopia", country="ETH", cameo="ETHGOV", inter=1, text="the regional governor"),
     "120"),
    (Actor(name="Government of Ethiopia", country="ETH", cameo="ETHGOV", inter=1, text="the government"), "040"),
])
def test_forces_groups_local_offices_and_meetings_stay_at_country_level(actor: Actor, code: str) -> None:
    placed = at_seat(_at_country(actor, code), _capital, {"ETH": "Ethiopia"}).location
    assert placed is not None and placed.feature_type == "country"


def test_a_government_is_placed_where_it_sits_not_where_geonames_puts_the_capital(nlp: Language) -> None:
    """Bolivia's government sits in La Paz (Sucre is the capital GeoNames gives), Yemen's recognised government in
    Aden; South Africa's parliament sits in Cape Town but its government in Pretoria (data/seats.tsv)."""
    for text, town in (("Bolivia's government condemned the attack on Tuesday.", "La Paz"),
                       ("Yemen's internationally recognised government condemned the attack on Tuesday.", "Aden"),
                       ("South Africa's government condemned the attack on Tuesday.", "Pretoria")):
        said = [e for e in code_text(nlp, text) if e.cameo_root == "11"]
        assert said and said[0].location is not None and said[0].location.name == town, (text, said)


def test_a_speaker_the_sentence_puts_somewhere_spoke_there() -> None:
    """"The Chinese embassy in Islamabad said", "an army spokesman in Quetta rejected", "said in a statement from
    Abuja": where the speaker was, not the speaker's capital; "accused India of attacks in Balochistan" is about
    Balochistan, said where Pakistan's government sits."""
    from datetime import datetime

    from etl.extract import code_articles
    from schemas.models import Article

    text = ("KARACHI, May 20 (Wire) - A bomb exploded near a bus carrying Chinese engineers in Karachi on Tuesday, "
            "wounding three people, police said.\n\nThe Chinese embassy in Islamabad said no Chinese nationals had "
            "been hurt and urged Pakistan to protect Chinese personnel. An army spokesman in Quetta rejected the "
            "claim. Pakistan accused India of sponsoring attacks in Balochistan." + " Officials gave no details." * 30)
    [events] = code_articles([Article(id="t", text=text, published_at=datetime(2026, 5, 20, 12))])
    where = {e.sources[0].sentence.split()[1]: e.location.name for e in events if e.location is not None}
    assert where.get("Chinese") == "Islamabad" and where.get("army") == "Quetta"
    assert where.get("accused") != "Balochistan"


def test_a_statement_to_the_press_at_a_meeting_is_made_where_the_story_was_filed(nlp: Language) -> None:
    """"Australia's defence minister told a joint news conference" in a story filed from Port Moresby was said
    there, not in Canberra; a Kremlin spokesman briefing reporters speaks from Moscow whatever town the story was
    filed from, and a statement not made to the press keeps its speaker's place."""
    from etl.extract.speech_place import at_a_meeting

    moresby = Location(name="Port Moresby", country="PNG", geo_precision=1, feature_type="city", text="PORT MORESBY")
    kazan = Location(name="Kazan", country="RUS", geo_precision=1, feature_type="city", text="KAZAN")
    australia = Actor(name="Government of Australia", country="AUS", cameo="AUSGOV", inter=1)
    russia = Actor(name="Government of Russia", country="RUS", cameo="RUSGOV", inter=1)
    doc = nlp('"This treaty makes our two countries allies," Australia\'s defence minister told a joint news '
              "conference.")
    assert at_a_meeting(doc, _token(doc, "told"), moresby, australia)
    doc = nlp("A Kremlin spokesman told reporters that the attack showed Kyiv's nature.")
    assert not at_a_meeting(doc, _token(doc, "told"), kazan, russia)
    doc = nlp("Australia's defence minister said the treaty made the two countries allies.")
    assert not at_a_meeting(doc, _token(doc, "said"), moresby, australia)
