"""One event per happening in an article, on events and an article written for these tests."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from etl.extract import code_articles
from etl.extract.happenings import fold_happenings, same_happening
from schemas.models import Actor, Article, Event, Location, SourceRef
from tests.etl.extract.test_place import LONG_BODY

BLA = Actor(name="Baloch Liberation Army", country="PAK", cameo="PAKREB", inter=2, text="the BLA")
GENERIC = Actor(name="Unidentified Armed Group (Pakistan)", country="PAK", cameo="PAKUAF", inter=3, text=None)
CIVILIANS = Actor(name="Civilians (Pakistan)", country="PAK", cameo="PAKCVL", inter=7, text=None)
ARMY = Actor(name="Military Forces of Pakistan", country="PAK", cameo="PAKMIL", inter=1, text="troops")
SIBI = Location(name="Sibi", admin1="Balochistan", country="PAK", latitude=29.54, longitude=67.88, geo_precision=1,
                feature_type="city")


def _ev(i: int, start: int, actor1: Actor | None, actor2: Actor | None, toll: int = 0, sub: str = "Attack",
        day: date | None = date(2025, 3, 11), where: Location = SIBI) -> Event:
    return Event(event_id=f"e{i}", article_id="a", event_date=day, event_type="Violence against civilians",
                 sub_event_type=sub, event_class="political_violence", cameo_code="180", cameo_root="18",
                 quad_class=4, goldstein=-9.0, plover_event="ATTACK", actor1=actor1, actor2=actor2, location=where,
                 fatalities=toll, fatalities_reported=[toll], confidence=0.5, coder_version="t",
                 sources=[SourceRef(article_id="a", sentence=f"sentence {i}", start=start, end=start + 10)])


def _named(ev: Event, town: str) -> Event:
    """The event told by a sentence that names its town."""
    start = ev.sources[0].start
    return ev.model_copy(update={"sources": [SourceRef(article_id="a", sentence=f"It happened in {town}",
                                                       start=start, end=start + 20)]})


def test_retellings_fold_into_the_first_with_every_source() -> None:
    lead = _ev(1, 0, GENERIC, CIVILIANS, toll=21)
    quote = _ev(2, 1600, BLA, None, toll=0)
    recap = _ev(3, 3000, None, CIVILIANS, toll=21)
    folded = fold_happenings([recap, quote, lead])
    assert len(folded) == 1
    ev = folded[0]
    assert ev.event_id == "e1" and len(ev.sources) == 3
    assert ev.actor1 == BLA  # the telling that names the side says who it was
    assert ev.fatalities == 21  # one article, one toll: not 42


def test_distinct_acts_stay_apart() -> None:
    lead = _ev(1, 0, BLA, CIVILIANS, toll=21)
    assert not same_happening(lead, _ev(2, 300, BLA, CIVILIANS, toll=30))  # more dead told later: another act
    assert not same_happening(lead, _ev(3, 300, BLA, CIVILIANS, day=date(2025, 3, 5)))  # another day
    far = Location(name="Gwadar", admin1="Balochistan", country="PAK", latitude=25.12, longitude=62.32,
                   geo_precision=1, feature_type="city", text="Gwadar")
    at_sibi = _named(lead.model_copy(update={"location": SIBI.model_copy(update={"text": "Sibi"})}), "Sibi")
    assert not same_happening(at_sibi, _named(_ev(4, 300, BLA, CIVILIANS, where=far), "Gwadar"))  # another place
    assert not same_happening(lead, _ev(5, 300, ARMY, CIVILIANS))  # another doer named
    assert not same_happening(lead, _ev(6, 300, BLA, CIVILIANS, sub="Abduction/forced disappearance"))
    assert len(fold_happenings([lead, _ev(5, 1800, ARMY, CIVILIANS)])) == 2


def test_an_article_telling_one_bombing_three_times_gives_one_event() -> None:
    text = ("A roadside bomb killed six soldiers in the Kurram district on Monday, officials said. "
            "The explosion struck a military convoy as it passed a village near the Afghan border. "
            "\"The bomb went off under the second truck,\" a police officer said. "
            "Six soldiers were killed in the bombing, the army said in a statement. "
            + "Residents said the road had been closed for several hours afterwards. " * 25)
    article = Article(id="bomb", text=text, published_at=datetime(2025, 3, 11, 9), url="https://example.org/bomb",
                      source="Example Wire")
    [events] = code_articles([article])
    typed = [e for e in events if e.event_class == "political_violence"]
    assert len(typed) == 1, [(e.sub_event_type, e.sources[0].sentence) for e in typed]
    assert typed[0].fatalities == 6


def test_two_readings_of_one_sentence_by_one_side_are_one_act() -> None:
    ambush = _ev(1, 0, BLA, CIVILIANS, toll=18, sub="Armed clash").model_copy(update={"confidence": 0.4})
    killing = _ev(2, 0, BLA, CIVILIANS, toll=18).model_copy(update={"confidence": 0.45})
    folded = fold_happenings([ambush, killing])
    assert [e.event_id for e in folded] == ["e2"]  # the surer reading stays, with its one source
    assert len(folded[0].sources) == 1 and folded[0].fatalities == 18
    other_side = _ev(3, 0, ARMY, BLA, toll=18, sub="Armed clash")
    assert len(fold_happenings([killing, other_side])) == 2  # another side's act in the sentence stays
    elsewhere = _ev(4, 0, BLA, CIVILIANS, toll=5, sub="Armed clash")
    assert len(fold_happenings([killing, elsewhere])) == 2  # tolls that disagree: two acts


def test_two_readings_of_one_sentence_with_no_doer_are_one_act_of_one_kind() -> None:
    strike = _ev(1, 0, None, None, toll=1, sub="Air/drone strike").model_copy(update={"confidence": 0.4})
    killing = _ev(2, 0, None, GENERIC, toll=1, sub="Air/drone strike").model_copy(update={"confidence": 0.45})
    folded = fold_happenings([strike, killing])
    assert [e.event_id for e in folded] == ["e2"]
    bomb = _ev(3, 0, None, CIVILIANS, toll=1, sub="Remote explosive/landmine/IED")
    assert len(fold_happenings([killing, bomb])) == 2  # two kinds of act in one sentence, no doer: two acts


def _verbal(i: int, code: str, actor2: Actor | None, main: bool = False) -> Event:
    return _ev(i, 500, ARMY, actor2).model_copy(update={
        "event_type": "Strategic developments", "sub_event_type": "Other", "event_class": "verbal_conflict",
        "cameo_code": code, "cameo_root": code[:2], "main": main})


def test_a_bare_statement_is_how_the_act_beside_it_was_made() -> None:
    statement = _verbal(1, "010", None, main=True)
    criticism = _verbal(2, "111", BLA)
    folded = fold_happenings([statement, criticism])
    assert [e.cameo_code for e in folded] == ["111"] and folded[0].main  # the main flag moves with it


def test_a_statement_to_another_target_stays() -> None:
    told = _verbal(1, "010", CIVILIANS)
    criticism = _verbal(2, "111", BLA)
    assert len(fold_happenings([told, criticism])) == 2


def test_one_gathering_told_as_peaceful_then_dispersed_is_one_intervention() -> None:
    protesters = Actor(name="Protesters (Pakistan)", country="PAK", cameo="PAKOPP", inter=6, text="protesters")
    police = Actor(name="Police Forces of Pakistan", country="PAK", cameo="PAKCOP", inter=1, text="police")

    def demo(i: int, start: int, sub: str, actor2: Actor | None, day: date = date(2025, 3, 11)) -> Event:
        return _ev(i, start, protesters, actor2, sub=sub, day=day).model_copy(update={
            "event_type": "Protests", "event_class": "demonstration", "cameo_code": "141", "cameo_root": "14"})

    lead = demo(1, 0, "Peaceful protest", None)
    later = demo(2, 900, "Protest with intervention", police)
    folded = fold_happenings([lead, later])
    assert len(folded) == 1 and folded[0].sub_event_type == "Protest with intervention"
    assert folded[0].actor2 == police and len(folded[0].sources) == 2
    next_day = demo(3, 900, "Protest with intervention", police, day=date(2025, 3, 12))
    assert len(fold_happenings([lead, next_day])) == 2  # a protest of two days is two events


def test_one_gathering_of_an_undated_article_told_twice_is_one_event() -> None:
    """An article with no date tells its road blockade in the lead and again, as turning violent, in the body: both
    tellings have the article's one unknown day, so they are one gathering typed by the most that happened."""
    protesters = Actor(name="Protesters (Pakistan)", country="PAK", cameo="PAKOPP", inter=6, text="residents")
    lead = _ev(1, 0, protesters, None, sub="Peaceful protest", day=None).model_copy(update={
        "event_type": "Protests", "event_class": "demonstration", "cameo_code": "144", "cameo_root": "14"})
    later = _ev(2, 700, protesters, None, sub="Violent demonstration", day=None).model_copy(update={
        "event_type": "Riots", "event_class": "demonstration", "cameo_code": "145", "cameo_root": "14"})
    folded = fold_happenings([lead, later])
    assert len(folded) == 1 and folded[0].sub_event_type == "Violent demonstration" and len(folded[0].sources) == 2
    dated = later.model_copy(update={"event_date": date(2025, 3, 11)})
    assert len(fold_happenings([lead, dated])) == 2  # a known day and an unknown one: perhaps two


def test_a_retelling_that_names_the_town_places_the_happening() -> None:
    country = Location(name="Pakistan", country="PAK", latitude=30.0, longitude=70.0, geo_precision=3,
                       feature_type="country")
    lead = _ev(1, 0, BLA, CIVILIANS, toll=21, where=country)
    body = _ev(2, 900, None, CIVILIANS, toll=21)  # at Sibi
    [ev] = fold_happenings([lead, body])
    assert ev.event_id == "e1" and ev.location == SIBI
    [kept] = fold_happenings([body, lead.model_copy(update={"sources": [SourceRef(
        article_id="a", sentence="later", start=2000, end=2010)]})])
    assert kept.location == SIBI  # a vaguer later telling does not blur the place


def test_one_sentences_one_toll_of_one_kind_of_act_is_one_act() -> None:
    by_insurgents = _ev(1, 0, BLA, CIVILIANS, toll=7)
    by_troops = _ev(2, 0, ARMY, CIVILIANS, toll=7)  # the troops pursuing them, read as a second doer
    [ev] = fold_happenings([by_insurgents, by_troops])
    assert ev.event_id == "e1"
    assert len(fold_happenings([by_insurgents, _ev(3, 0, ARMY, CIVILIANS, toll=3)])) == 2  # two tolls: two acts
    assert len(fold_happenings([by_insurgents, _ev(4, 0, ARMY, CIVILIANS, toll=7, sub="Armed clash")])) == 2


def test_a_telling_whose_place_is_borrowed_from_the_text_before_it_is_no_other_spot() -> None:
    """"He put the toll at 21" names no place; the geoparser gives it the last town named ("80 km from Sibi"): in
    one region, on one day, that is no evidence of another attack. Named in its own sentence, another town is."""
    dera = Location(name="Dera Bugti", admin1="Balochistan", country="PAK", latitude=29.03, longitude=69.15,
                    geo_precision=1, feature_type="city", text="Dera Bugti")
    lead = _named(_ev(1, 0, GENERIC, CIVILIANS, toll=21, where=dera), "Dera Bugti")
    toll = _ev(2, 900, None, CIVILIANS, toll=21, where=SIBI.model_copy(update={"text": "Sibi"}))
    assert same_happening(lead, toll)
    assert not same_happening(lead, _named(toll, "Sibi"))
    assert not same_happening(lead, toll.model_copy(update={"event_date": date(2025, 3, 12)}))


def test_a_telling_said_to_be_separate_is_another_happening() -> None:
    """"In separate attacks on Wednesday, ..." tells another happening, however alike."""
    lead = _named(_ev(1, 0, GENERIC, CIVILIANS), "Sibi")
    again = _named(_ev(2, 900, GENERIC, CIVILIANS), "Sibi")
    assert same_happening(lead, again)
    separate = again.model_copy(update={"sources": [SourceRef(
        article_id="a", sentence="In separate attacks on Tuesday, gunmen killed two people in Sibi", start=900,
        end=960)]})
    assert not same_happening(lead, separate)


def test_similar_gatherings_elsewhere_are_other_happenings() -> None:
    """"Similar rallies took place in Moncton and Fredericton" tells other gatherings than the lead's: they are not
    folded into it, and the lead's rally does not take their town for its place: it is at the dateline's town."""
    text = ("HALIFAX, June 3 (Example Wire) - Hundreds of nurses rallied peacefully outside the provincial "
            "legislature on Saturday, demanding higher pay and more staff for rural hospitals.\n\nSimilar rallies "
            "took place on Saturday in Moncton and Fredericton, the union said." + LONG_BODY)
    events = _coded(text, datetime(2025, 6, 3, 9))
    lead = next(e for e in events if e.sources[0].start < 200 and e.event_class == "demonstration")
    assert all(s.start < 200 for s in lead.sources), [s.sentence for s in lead.sources]
    assert lead.location is not None and lead.location.name == "Halifax"


def test_a_happening_told_as_separate_is_not_merged_into_the_lead(monkeypatch: pytest.MonkeyPatch) -> None:
    """The general merge (etl.dedup) lets a day's difference and two tolls pass between reports of several articles;
    inside one, "In a separate incident" has said the two are apart. (Every candidate is kept here: what the merge
    does, not where the shipped card's threshold lies, is under test.)"""
    from dataclasses import replace

    import etl.extract.coding as coding
    from etl.extract.reportable import load_reportable

    monkeypatch.setattr(coding, "load_reportable", lambda: replace(load_reportable(), threshold=0.0))
    text = ("RAIPUR, India (Example Wire) - Security forces killed six Maoist rebels in a gunbattle in the forests of "
            "Chhattisgarh state on Tuesday, police said. In a separate incident, rebels ambushed a police patrol in "
            "Bijapur on Monday, killing two constables." + LONG_BODY)
    events = _coded(text, datetime(2026, 3, 4, 12))
    clashes = [e for e in events if e.sub_event_type == "Armed clash"]
    assert sorted(e.fatalities for e in clashes) == [2, 6], [(e.fatalities, len(e.sources)) for e in clashes]


def _coded(text: str, published: datetime) -> list[Event]:
    """The events of `text` as one full article, through the whole coder (merge within the article included)."""
    article = Article(id="a", text=text, published_at=published, url="https://example.org/a", source="Example Wire")
    [events] = code_articles([article])
    return events


def _said(ev: Event, sentence: str) -> Event:
    start = ev.sources[0].start
    return ev.model_copy(update={"sources": [SourceRef(article_id="a", sentence=sentence, start=start,
                                                       end=start + len(sentence))]})


def test_a_sentence_referring_back_to_the_attack_retells_it() -> None:
    """"The fighting began before dawn on Tuesday when an army patrol came under fire ... near Ciudad Victoria":
    the definite act noun refers back to the lead's battle, so its own sub-type, sides, place and toll make no
    second event; "the first assault", "the strike came weeks after" and an act of another day are others."""
    far = Location(name="Gwadar", admin1="Balochistan", country="PAK", latitude=25.12, longitude=62.32,
                   geo_precision=1, feature_type="city", text="Gwadar")
    lead = _ev(1, 0, BLA, ARMY, toll=12, sub="Armed clash")
    retold = _said(_ev(2, 300, ARMY, GENERIC, toll=2, where=far, day=date(2025, 3, 10)),
                   "The fighting began before dawn on Monday when an army patrol came under fire near Gwadar.")
    folded = fold_happenings([lead, retold])
    assert len(folded) == 1 and len(folded[0].sources) == 2
    assert folded[0].sub_event_type == "Armed clash" and folded[0].actor1 == BLA
    for sentence in ("The first assault began before dawn on Monday when gunmen attacked a post near Gwadar.",
                     "The strike came weeks after gunmen attacked a post near Gwadar.",
                     "Gunmen attacked an army post near Gwadar before dawn on Monday."):
        assert len(fold_happenings([lead, _said(retold, sentence)])) == 2, sentence
    blast = _said(retold, "The blast went off at about 6:40 a.m. in the centre of the town.")  # how a bomb is retold
    assert len(fold_happenings([lead, blast])) == 1
    week_before = _said(retold.model_copy(update={"event_date": date(2025, 3, 4)}), retold.sources[0].sentence)
    assert len(fold_happenings([lead, week_before])) == 2
    protest = lead.model_copy(update={"event_class": "demonstration", "sub_event_type": "Peaceful protest",
                                      "event_type": "Protests"})
    assert len(fold_happenings([protest, retold])) == 2  # a retelling of a battle is not of a protest


def test_arrests_at_a_gathering_met_with_force_are_part_of_it() -> None:
    """ACLED records arrests made at a demonstration as part of its event: "police fired tear gas to disperse the
    sit-in ... It did not give the number of people detained" is one intervention; arrests told before it (a lead's
    arrest that a crowd then gathered against), on another day, or beside a gathering nobody dispersed stay their
    own."""
    protesters = Actor(name="Protesters (Pakistan)", country="PAK", cameo="PAKOPP", inter=6, text="protesters")
    police = Actor(name="Police Forces of Pakistan", country="PAK", cameo="PAKCOP", inter=1, text="police")

    def typed(i: int, start: int, sub: str, cls: str, a1: Actor, a2: Actor | None, day: date = date(2025, 3, 11)
              ) -> Event:
        return _ev(i, start, a1, a2, sub=sub, day=day).model_copy(update={"event_class": cls})

    dispersed = typed(1, 0, "Protest with intervention", "demonstration", protesters, None)
    arrests = typed(2, 900, "Arrests", "strategic_development", police, CIVILIANS)
    folded = fold_happenings([arrests, dispersed])
    assert len(folded) == 1 and folded[0].sub_event_type == "Protest with intervention"
    assert folded[0].actor1 == protesters and folded[0].actor2 is None and len(folded[0].sources) == 2
    arrest_first = [arrests.model_copy(update={"sources": [SourceRef(article_id="a", sentence="sentence 0", start=0,
                                                                     end=10)]}),
                    dispersed.model_copy(update={"sources": [SourceRef(article_id="a", sentence="sentence 1",
                                                                       start=900, end=910)]})]
    assert len(fold_happenings(arrest_first)) == 2
    cameo_only = arrests.model_copy(update={"sub_event_type": "Other", "event_class": "other", "cameo_code": "173"})
    assert len(fold_happenings([dispersed, cameo_only])) == 2  # CAMEO codes each verb: its arrest stays
    assert len(fold_happenings([dispersed, arrests.model_copy(update={"event_date": date(2025, 3, 12)})])) == 2
    peaceful = dispersed.model_copy(update={"sub_event_type": "Peaceful protest", "actor2": None})
    assert len(fold_happenings([peaceful, arrests])) == 2


def _words(i: int, start: int, code: str, speaker: Actor, confidence: float, main: bool = False) -> Event:
    return _ev(i, start, speaker, None).model_copy(update={
        "event_type": None, "sub_event_type": None, "event_class": "verbal_conflict", "cameo_code": code,
        "cameo_root": code[:2], "plover_event": "ACCUSE", "confidence": confidence, "main": main})


def test_one_speakers_words_in_one_sentence_are_one_statement() -> None:
    """"The ministry rejected the claims and accused the army of ...": one statement, its surer reading kept (and
    the main flag with it); another speaker's words, or the same speaker's in another sentence, stay apart."""
    gov = Actor(name="Government of Pakistan", country="PAK", cameo="PAKGOV", inter=1, text="the ministry")
    rejected, accused = _words(1, 500, "120", gov, 0.45, main=True), _words(2, 500, "112", gov, 0.6)
    later = _words(3, 900, "112", gov, 0.5)
    other = _words(4, 500, "111", BLA, 0.5)
    kept = fold_happenings([rejected, accused, later, other])
    assert sorted(e.cameo_code for e in kept) == ["111", "112", "112"]
    same = [e for e in kept if e.sources[0].start == 500 and e.actor1 == gov]
    assert len(same) == 1 and same[0].cameo_code == "112" and same[0].main
    # "condemned the killings and urged the government to ...": the state and its government are one target
    pakistan = Actor(name="Pakistan", country="PAK", cameo="PAK", inter=1, text="Pakistan")
    # one statement's condemnation of the killers and appeal to the government: one statement, whatever the targets
    appeal = _words(7, 1100, "020", gov, 0.6).model_copy(update={"actor2": pakistan})
    condemnation = _words(8, 1100, "111", gov, 0.5).model_copy(update={"actor2": BLA})
    assert [e.cameo_code for e in fold_happenings([appeal, condemnation])] == ["020"]
    # one act addressed to several ("asked KFOR and EULEX to help"): a statement to each
    to_bla = _words(9, 1300, "020", gov, 0.6).model_copy(update={"actor2": BLA})
    assert len(fold_happenings([to_bla, _words(10, 1300, "020", gov, 0.5).model_copy(update={"actor2": ARMY})])) == 2
    condemned = _words(5, 700, "111", BLA, 0.5).model_copy(update={"actor2": pakistan})
    urged = _words(6, 700, "020", BLA, 0.6).model_copy(update={"actor2": gov})
    assert [e.cameo_code for e in fold_happenings([condemned, urged])] == ["020"]


def _reading(i: int, start: int, code: str, cls: str, a1: Actor | None, a2: Actor | None, confidence: float = 0.5,
             sub: str = "Other", sentence: str | None = None) -> Event:
    ev = _ev(i, start, a1, a2, sub=sub).model_copy(update={
        "event_class": cls, "cameo_code": code, "cameo_root": code[:2], "confidence": confidence})
    if sentence is None:
        return ev
    return ev.model_copy(update={"sources": [SourceRef(article_id="a", sentence=sentence, start=start,
                                                       end=start + len(sentence))]})


def test_what_an_act_did_in_its_own_sentence_is_part_of_it() -> None:
    """"Russia struck Dnipro with missiles, destroying ...": one strike, not a strike and a destruction of property;
    "police fired tear gas and detained ... to break up a protest": one intervention, not a protest and an arrest.
    Another side's act, or the same reading in another sentence, stays."""
    strike = _reading(1, 0, "195", "political_violence", ARMY, CIVILIANS, 0.8, sub="Air/drone strike")
    damage = _reading(2, 0, "1712", "other", ARMY, CIVILIANS, 0.9)
    folded = fold_happenings([damage.model_copy(update={"main": True}), strike])
    assert [e.cameo_code for e in folded] == ["195"] and folded[0].main
    assert len(fold_happenings([strike, _reading(3, 0, "1712", "other", BLA, CIVILIANS)])) == 2
    assert len(fold_happenings([strike, _reading(4, 700, "1712", "other", ARMY, CIVILIANS)])) == 2

    protesters = Actor(name="Protesters (Pakistan)", country="PAK", cameo="PAKOPP", inter=6, text="protesters")
    police = Actor(name="Police Forces of Pakistan", country="PAK", cameo="PAKCOP", inter=1, text="police")
    protest = _reading(5, 0, "145", "demonstration", protesters, police, 0.8, sub="Violent demonstration")
    detained = _reading(6, 0, "173", "other", police, CIVILIANS)
    warned = _reading(7, 0, "130", "verbal_conflict", police, None)  # "fired warning shots"
    assert [e.cameo_code for e in fold_happenings([protest, detained, warned])] == ["145"]
    demands = _reading(8, 0, "100", "verbal_conflict", protesters, None)  # what the crowd gathered for
    assert [e.cameo_code for e in fold_happenings([protest, demands])] == ["145"]
    elsewhere = _reading(9, 800, "100", "verbal_conflict", protesters, None)  # its demand told in a sentence of its own
    assert len(fold_happenings([protest, elsewhere])) == 2
    minister = Actor(name="Government of Pakistan", country="PAK", cameo="PAKGOV", inter=1, text="the minister")
    assert len(fold_happenings([protest, _reading(10, 0, "020", "verbal_cooperation", minister, None)])) == 2


def test_parties_listed_together_act_once() -> None:
    """"The United States, Britain and Norway expressed grave concern and urged ...": one statement, whichever
    reading each speaker got; "Argentina, Bolivia and Brazil signed an agreement": one agreement. Speakers the
    sentence tells apart stay two statements."""
    said = "The United States, Britain and Norway expressed grave concern and urged the government to stop."
    us = Actor(name="United States", country="USA", cameo="USA", inter=8, text="The United States")
    uk = Actor(name="United Kingdom", country="GBR", cameo="GBR", inter=8, text="Britain and Norway")
    no = Actor(name="Norway", country="NOR", cameo="NOR", inter=8, text="Norway")
    gov = Actor(name="Government of Pakistan", country="PAK", cameo="PAKGOV", inter=1, text="the government")
    readings = [_reading(1, 0, "020", "verbal_cooperation", uk, gov, 0.8, sentence=said),
                _reading(2, 0, "020", "verbal_cooperation", no, gov, 0.7, sentence=said),
                _reading(3, 0, "020", "verbal_cooperation", us, gov, 0.6, sentence=said),
                _reading(4, 0, "012", "verbal_cooperation", us, None, 0.5, sentence=said)]
    assert [e.event_id for e in fold_happenings(readings)] == ["e1"]
    apart = "The United States condemned the attack, and Norway urged the government to stop."
    assert len(fold_happenings([_reading(1, 0, "020", "verbal_cooperation", us, gov, 0.8, sentence=apart),
                                _reading(2, 0, "020", "verbal_cooperation", no, gov, 0.7, sentence=apart)])) == 2

    signed = "Argentina, Bolivia and Brazil signed an agreement on Tuesday."
    arg, bol, bra = (Actor(name=n, country=c, cameo=c, inter=8, text=n)
                     for n, c in (("Argentina", "ARG"), ("Bolivia", "BOL"), ("Brazil", "BRA")))
    deal = [_reading(1, 0, "057", "strategic_development", arg, bol, 0.5, sub="Agreement", sentence=signed),
            _reading(2, 0, "057", "strategic_development", bol, bra, 0.4, sub="Agreement", sentence=signed)]
    assert len(fold_happenings(deal)) == 1


def test_an_agreement_told_again_by_its_signers_is_one_agreement() -> None:
    """"Nigeria and Morocco signed ..." and later "it was signed in Rabat by Morocco's minister and Nigeria's":
    one agreement of the two states, whichever organ and order each telling names; an agreement of other states
    stays its own."""
    ngr, mar = (Actor(name=n, country=c, cameo=c, inter=8, text=n) for n, c in (("Nigeria", "NGA"),
                                                                                 ("Morocco", "MAR")))
    mar_gov = Actor(name="Government of Morocco", country="MAR", cameo="MARGOV", inter=1, text="Morocco's minister")
    ngr_gov = Actor(name="Government of Nigeria", country="NGA", cameo="NGAGOV", inter=1, text="Nigeria's minister")
    lead = _reading(1, 0, "057", "strategic_development", ngr, mar, sub="Agreement")
    again = _reading(2, 600, "057", "strategic_development", mar_gov, ngr_gov, sub="Agreement")
    assert same_happening(lead, again)
    alg = Actor(name="Algeria", country="DZA", cameo="DZA", inter=8, text="Algeria")
    earlier = _reading(3, 900, "057", "strategic_development", alg, ngr, sub="Agreement").model_copy(
        update={"event_date": date(2022, 7, 1)})
    assert not same_happening(lead, earlier)  # "Algeria and Nigeria signed a memorandum in July 2022"
    egy, gha = (Actor(name=n, country=c, cameo=c, inter=8, text=n) for n, c in (("Egypt", "EGY"), ("Ghana", "GHA")))
    assert not same_happening(lead, _reading(4, 900, "057", "strategic_development", egy, gha, sub="Agreement"))


def test_a_later_smaller_toll_is_an_earlier_count_of_the_same_act() -> None:
    """"A bus struck a bomb, killing at least 17 ... the army said 11 civilians had been killed": news gives its
    latest toll first, so a later telling of fewer dead is an earlier or a partial count of the same act, and the
    article's toll stays the lead's."""
    lead = _ev(1, 0, GENERIC, CIVILIANS, toll=17, sub="Remote explosive/landmine/IED")
    army = _ev(2, 600, GENERIC, CIVILIANS, toll=11, sub="Remote explosive/landmine/IED")
    folded = fold_happenings([lead, army])
    assert len(folded) == 1 and folded[0].fatalities == 17 and len(folded[0].sources) == 2


def test_a_retelling_placed_in_another_town_of_the_province_does_not_move_the_act() -> None:
    """The finer place of a retelling is taken only where it lies in the place the first telling gave: a town of
    the district, not another town of the province 230 km away ("officials in Peshawar" for an attack in Lower
    Chitral district)."""
    chitral = Location(name="Chitral District", admin1="Khyber Pakhtunkhwa", admin2="Chitral District",
                       country="PAK", latitude=36.06, longitude=72.02, geo_precision=2, feature_type="admin2")
    peshawar = Location(name="Peshawar", admin1="Khyber Pakhtunkhwa", admin2="Peshawar", country="PAK",
                        latitude=34.01, longitude=71.58, geo_precision=1, feature_type="city")
    drosh = peshawar.model_copy(update={"name": "Drosh", "admin2": "Chitral District", "latitude": 35.56,
                                        "longitude": 71.79})
    lead = _ev(1, 0, BLA, ARMY, toll=7, sub="Armed clash", where=chitral)
    for town, kept in ((peshawar, "Chitral District"), (drosh, "Drosh")):
        retold = _said(_ev(2, 300, BLA, ARMY, toll=7, sub="Armed clash", where=town),
                       "The attack began shortly before midnight on Tuesday when dozens of fighters opened fire.")
        folded = fold_happenings([lead, retold])
        assert len(folded) == 1 and folded[0].location is not None and folded[0].location.name == kept


def test_an_act_told_at_a_list_of_places_is_one_event_per_place() -> None:
    """ACLED codes one event per place and day: "large marches also took place in Cordoba, Rosario and Mendoza" are
    three demonstrations besides the capital's, which the merge keeps apart; a fight "between" two towns is one."""
    text = ("BUENOS AIRES, May 6 (Wire) - Tens of thousands of students marched in Buenos Aires on Tuesday against "
            "cuts to university funding, organisers said.\n\nLarge marches also took place in Cordoba, Rosario and "
            "Mendoza." + " Officials gave no further details." * 30)
    [events] = code_articles([Article(id="m", text=text, published_at=datetime(2025, 5, 6, 20), source="Wire",
                                      url="https://example.org/m")])
    places = sorted(e.location.name for e in events if e.event_class == "demonstration" and e.location is not None)
    assert len(places) == 4 and len(set(places)) == 4, places
    text = ("GOMA, May 6 (Wire) - Fighting between M23 rebels and the army broke out on the road between Goma and "
            "Sake on Tuesday, killing four soldiers, officials said." + " Officials gave no further details." * 30)
    [events] = code_articles([Article(id="g", text=text, published_at=datetime(2025, 5, 6, 20), source="Wire",
                                      url="https://example.org/g")])
    assert len([e for e in events if e.event_class == "political_violence"]) == 1
    # a short report (an ACLED note) tells one happening: its "in A and B" is that event's place, not two events
    note = "On 6 May 2025, students marched in Cordoba and Rosario against cuts to university funding."
    [events] = code_articles([Article(id="n", text=note, published_at=datetime(2025, 5, 7), source="Wire",
                                      url="https://example.org/n")])
    assert len([e for e in events if e.event_class == "demonstration"]) == 1
