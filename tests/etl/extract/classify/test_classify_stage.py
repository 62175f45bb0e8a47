"""The shipped classifier inside the coder, on sentences written for these tests."""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pytest
from spacy.language import Language

from etl.extract.classify.model import NONE, NOT_EVENT, SHIPPED, EventClassifier, load_classifier
from etl.extract.classify.stage import subtype_cameo
from etl.extract.coding import code_doc, coder_version
from etl.extract.lexicon import acled_types, cameo
from schemas.models import Article, Event


def code(nlp: Language, text: str) -> list[Event]:
    article = Article(id="t", text=text, published_at=datetime(2024, 5, 10), url="https://example.org/a",
                      source="Example Wire")
    return code_doc(nlp(text), article)


def typed(events: list[Event]) -> list[Event]:
    return [e for e in events if (e.event_type, e.sub_event_type) != ("Strategic developments", "Other")]


def test_the_shipped_model_loads_offline_with_its_card() -> None:
    clf = load_classifier()
    assert clf is not None and (SHIPPED / "card.json").exists()
    assert set(acled_types()) - {"Chemical weapon"} <= set(clf.labels) and {NONE, NOT_EVENT} <= set(clf.labels)
    assert clf.version.startswith("cls-") and clf.version in coder_version()
    assert clf.card["training_data"]["rows"] > 70_000


@pytest.mark.parametrize(("text", "sub"), [
    ("Hundreds of nurses marched to the health ministry on Monday to demand unpaid wages.", "Peaceful protest"),
    ("Government troops and insurgents fought for several hours near the border town, leaving nine dead.",
     "Armed clash"),
    ("A roadside bomb tore through an army truck on the highway, killing four soldiers.",
     "Remote explosive/landmine/IED"),
    ("Warplanes bombed a rebel training camp in the hills overnight.", "Air/drone strike"),
    ("Angry youths set fire to tyres and stoned police during a protest over fuel prices.", "Violent demonstration"),
])
def test_events_of_several_classes(nlp: Language, text: str, sub: str) -> None:
    main = next(e for e in code(nlp, text) if e.main)
    assert main.sub_event_type == sub
    assert main.coder_version == coder_version()
    assert 0.0 <= main.confidence <= 1.0


@pytest.mark.parametrize("text", [
    "Analysts say the insurgency could spread to the coastal provinces if the army does not change its tactics.",
    "More than 300,000 people have been killed in the war since it began more than a decade ago.",
])
def test_opinion_and_running_totals_are_no_acled_event(nlp: Language, text: str) -> None:
    assert typed(code(nlp, text)) == []


def test_a_disaster_is_no_political_violence(nlp: Language) -> None:
    events = code(nlp, "Floods swept through three villages after days of heavy rain, killing 14 people.")
    assert all(e.event_type not in ("Battles", "Violence against civilians", "Explosions/Remote violence")
               for e in events)


def test_confidence_is_a_monotone_map_into_the_unit_interval() -> None:
    clf = load_classifier()
    assert clf is not None and clf.temperature > 0
    z = np.linspace(-20, 20, 401)
    logits = np.stack([z, np.zeros_like(z)], axis=1) / clf.temperature
    p = np.exp(logits[:, 0]) / np.exp(logits).sum(axis=1)
    assert np.all(np.diff(p) >= 0) and p.min() >= 0 and p.max() <= 1


def test_a_saved_model_round_trips(tmp_path) -> None:  # type: ignore[no-untyped-def]
    clf = EventClassifier(labels=["A", "B"], vocab=["w=x", "w=y"], coef=np.array([[1.0, -1.0], [-1.0, 1.0]]),
                          intercept=np.zeros(2), temperature=1.5, card={"version": "cls-test"})
    clf.save(tmp_path)
    back = EventClassifier.load(tmp_path)
    assert back.predict(["w=x"])[0] == "A" and back.predict(["w=y"])[0] == "B"
    assert back.temperature == pytest.approx(1.5) and back.version == "cls-test"


def test_every_sub_type_has_a_cameo_code_that_exists() -> None:
    table = subtype_cameo()
    assert set(acled_types()) <= set(table)
    for code, _roots in table.values():
        assert cameo(code).code[:2] == code[:2]


def test_in_an_article_only_named_sources_and_no_bare_statements_stay_untyped(nlp: Language) -> None:
    from etl.extract.classify.stage import _article_worthy

    ev = next(e for e in code_doc(nlp("The foreign minister of Norway met his Swedish counterpart in Oslo."),
                                  Article(id="t", text="x", published_at=datetime(2024, 5, 10))) if e.main)
    assert ev.actor1 is not None and ev.actor1.text is not None and _article_worthy(ev)
    assert not _article_worthy(ev.model_copy(update={"actor1": ev.actor1.model_copy(update={"text": None})}))
    bare = ev.model_copy(update={"cameo_code": "010", "cameo_root": "01", "actor2": None})
    assert not _article_worthy(bare)  # detail beside a short report's event
    assert _article_worthy(bare, untargeted=True)  # a candidate in a full article: the reportable stage decides it
    assert not _article_worthy(ev.model_copy(update={"cameo_code": "190", "cameo_root": "19"}))
    asking = ev.model_copy(update={"cameo_code": "020", "cameo_root": "02",
                                   "actor1": ev.actor1.model_copy(update={"text": "VOA", "name": "VOA"})})
    assert not _article_worthy(asking)  # "Asked by VOA whether…": a reporter's question is no one's act
    # "two people were detained": an arrest told in the passive is the authorities', named or not
    police = ev.actor1.model_copy(update={"text": None, "name": "Police Forces of Norway", "cameo": "NORCOP"})
    arrest = ev.model_copy(update={"cameo_code": "173", "cameo_root": "17", "actor1": police})
    assert _article_worthy(arrest)
    assert not _article_worthy(arrest.model_copy(update={"cameo_code": "172", "cameo_root": "17"}))


def test_an_arrest_told_in_reported_speech_stays_a_candidate_of_the_article(nlp: Language) -> None:
    """"A security official said two people had been detained": the model reads the reported speech as no act,
    which makes the arrest no ACLED event but still a candidate for the reportable stage to weigh."""
    filler = "Officials gave no further details about the attack on the market. " * 20
    text = ("A car bomb killed five people at a market in Mukalla on Tuesday, officials said. "
            "A security official said two people had been detained near the site. " + filler)
    captured: list[tuple[Event, dict[str, float]]] = []
    code_doc(nlp(text), Article(id="t", text=text, published_at=datetime(2024, 5, 10)), reportable=False,
             capture=captured)
    assert any(ev.cameo_code.startswith("173") and "detained" in (ev.sources[0].sentence or "")
               for ev, _ in captured)


def test_a_long_article_drops_the_opinion_it_quotes_and_keeps_its_news(nlp: Language) -> None:
    filler = " ".join(["The town lies on a river and is known for its market and its old bridge."] * 22)
    text = ("Rebels attacked an army base outside the town on Monday, killing seven soldiers, the army said. "
            + filler + " Analysts say the insurgency could spread to the coast if nothing changes.")
    assert len(text) > 1500
    # the classify stage's own decision (the reportable stage after it judges how sure the placeless lead is)
    events = code_doc(nlp(text), Article(id="t", text=text, published_at=datetime(2024, 5, 10)), reportable=False)
    kept = {e.sources[0].sentence[:20] for e in typed(events)}
    assert "Rebels attacked an a" in kept
    assert not any(e.sources[0].sentence.startswith("Analysts") for e in typed(events))


def test_the_sentence_prior_shift_moves_mass_towards_the_target() -> None:
    from etl.extract.classify.train import prior_shift

    clf = EventClassifier(labels=["Attack", NONE, NOT_EVENT], vocab=["w=a", "w=n", "w=o"],
                          coef=np.array([[3.0, 0, 0], [0, 3.0, 0], [0, 0, 3.0]]), intercept=np.zeros(3))
    shift, priors = prior_shift(clf, [["w=a"]] * 9 + [["w=n"]], [["w=o"]] * 8 + [["w=a"]] * 2)
    assert shift[0] < 0 < shift[2] and priors[NOT_EVENT] > priors["event"]
    clf.sentence_shift = shift
    assert clf.proba(["w=a"], sentence=True)[0] < clf.proba(["w=a"])[0]


def test_a_commentator_is_no_party(nlp: Language) -> None:
    from etl.extract.classify.stage import by_commentator

    doc = nlp("Jane Roe, a security analyst at a London institute, said the talks would fail.")
    assert by_commentator(doc, "Jane Roe")
    assert by_commentator(nlp("Analysts warned of more unrest."), "Analysts")
    assert not by_commentator(nlp("Jane Roe, the defence minister, said the talks would fail."), "Jane Roe")


@pytest.mark.parametrize(("text", "verb", "ongoing"), [
    ("The army has been fighting an insurgency in the north for years.", "fighting", True),
    ("Militants attack villages in the region.", "attack", True),
    ("Militants attacked villages on Monday.", "attacked", False),
    ("Rebels were fighting troops when the bomb went off.", "fighting", False),
])
def test_a_state_or_a_habit_is_told_apart_from_an_act(nlp: Language, text: str, verb: str, ongoing: bool) -> None:
    from etl.extract.classify.stage import told_as_ongoing

    tok = next(t for t in nlp(text) if t.text == verb)
    assert told_as_ongoing(tok) is ongoing


def test_in_an_article_an_ongoing_insurgency_is_no_dated_event(nlp: Language) -> None:
    filler = " ".join(["The town lies on a river and is known for its market and its old bridge."] * 22)
    text = ("Rebels attacked an army base outside the town on Monday, killing seven soldiers, the army said. "
            + filler + " The rebels have been fighting the army in the hills since the last election.")
    events = code_doc(nlp(text), Article(id="t", text=text, published_at=datetime(2024, 5, 10)), reportable=False)
    assert any(e.sources[0].sentence.startswith("Rebels attacked") for e in typed(events))
    assert not any(e.sources[0].sentence.startswith("The rebels have been") for e in events)


def test_a_gathering_of_officials_in_an_article_is_no_demonstration(nlp: Language) -> None:
    filler = "Officials gave no further details about the talks, which were closed to the press. " * 20
    text = ("Top diplomats from the Group of Seven gathered on Thursday in the lakeside town, as the host country "
            "outlined its agenda for the year. " + filler)
    assert not [e for e in code(nlp, text) if e.event_type in ("Protests", "Riots")]
    text = ("Hundreds of teachers gathered outside parliament on Thursday to protest against unpaid salaries, "
            "witnesses said. " + filler)
    article = Article(id="t", text=text, published_at=datetime(2024, 5, 10))
    # the classify stage types it a protest (whether this placeless lead is news is the reportable stage's call)
    assert [e for e in code_doc(nlp(text), article, reportable=False) if e.event_type == "Protests"]


def test_a_riot_barred_for_want_of_a_crowd_gives_way_to_the_rules_reading_not_to_nothing() -> None:
    """A sentence of an article that names no crowd is no demonstration, whatever the model says; the decision
    then is the rules' best reading of another kind, not nothing outright; with none, nothing."""
    from etl.extract.classify.stage import Decision, _no_demonstration

    probs = {"Mob violence": 0.34, "Non-state actor overtakes territory": 0.32, NONE: 0.15, "Armed clash": 0.07,
             "Peaceful protest": 0.05}
    d = Decision("Mob violence", 0.34, probs)
    assert _no_demonstration(d, ["Mob violence", "Armed clash"]).label == "Armed clash"
    assert _no_demonstration(d, ["Mob violence"]).label == NONE


def test_a_crowd_of_people_using_force_in_an_article_is_a_riot_though_no_word_says_protest(nlp: Language) -> None:
    filler = "Officials gave no further details about the situation in the area, which remains tense. " * 20
    text = ("KISUMU, May 6 (Example Wire) - Angry residents set fire to a police pickup truck and pelted officers with "
            "stones in Kisumu on Sunday night after a police officer shot and wounded a teenager, witnesses said. "
            + filler)
    article = Article(id="t", text=text, published_at=datetime(2026, 5, 6, 12))
    riots = [e for e in code_doc(nlp(text), article, reportable=False) if e.event_type == "Riots"]
    assert riots and riots[0].actor1 is not None and riots[0].actor1.name.startswith("Civilians")
    # people who gathered are no riot's crowd: the guard stands for them
    text = "Relatives of the dead gathered outside the hospital in Kisumu on Sunday, witnesses said. " + filler
    assert not [e for e in code_doc(nlp(text), article, reportable=False) if e.event_type in ("Protests", "Riots")]


def test_fighting_between_rebels_and_a_militia_in_an_articles_lead_is_a_clash(nlp: Language) -> None:
    filler = "Officials gave no further details about the situation in the area, which remains tense. " * 20
    text = ("GAO, May 6 (Example Wire) - Heavy fighting broke out around the town of Menaka in eastern Mali this week "
            "between Tuareg forces and a militia backed by the neighbouring Fulani region, killing at least 23 people "
            "and forcing thousands to flee, residents and aid workers said on Wednesday. " + filler)
    article = Article(id="t", text=text, published_at=datetime(2026, 5, 6, 12))
    clashes = [e for e in code_doc(nlp(text), article, reportable=False) if e.sub_event_type == "Armed clash"]
    assert clashes and clashes[0].fatalities == 23  # (the model reads a riot, with no crowd named)


@pytest.mark.parametrize("lead", [
    "Police fired tear gas on Monday to disperse bus drivers who blocked a main road during a strike over new fines.",
    "A general strike shut down trains and schools across Portugal on Thursday.",
])
def test_a_strike_or_crowd_control_in_an_article_is_a_demonstration(nlp: Language, lead: str) -> None:
    """Workers on strike and a crowd the police dispersed are demonstrators, though no word says "protest"."""
    filler = "Officials gave no further details about the dispute, which has lasted for months. " * 20
    text = lead + " " + filler
    article = Article(id="t", text=text, published_at=datetime(2024, 5, 10))
    assert [e for e in code_doc(nlp(text), article, reportable=False) if e.event_type == "Protests"]


def test_what_is_said_of_an_act_told_before_is_no_act(nlp: Language) -> None:
    """"The strike comes weeks before the election on May 31": the strike was told before; the sentence gives it
    no new telling, and the election's day is not its date."""
    filler = "Officials gave no further details about the dispute, which has lasted for months. " * 20
    text = ("Dock workers began an indefinite strike on Monday over pay, union leaders said. " + filler
            + "The strike comes weeks before the presidential election on May 31.")
    article = Article(id="t", text=text, published_at=datetime(2024, 5, 10))
    events = code_doc(nlp(text), article, reportable=False)
    assert not [e for e in events if e.sources[0].sentence.startswith("The strike comes")]


def test_the_condition_of_a_plan_is_no_act(nlp: Language) -> None:
    """"They would stay until the government agreed to talks": no agreement happened; "fought until the army
    retook the town" tells the retaking as done."""
    from etl.extract.classify.stage import told_as_condition

    doc = nlp("Union leaders said they would stay until the state government agreed to talks.")
    assert told_as_condition(next(t for t in doc if t.lower_ == "agreed"))
    doc = nlp("Rebels fought for two days until the army retook the town.")
    assert not told_as_condition(next(t for t in doc if t.lower_ == "retook"))


def test_a_strike_of_aircraft_is_no_work_stoppage(nlp: Language) -> None:
    from etl.extract.classify.stage import names_work_stoppage

    assert names_work_stoppage(nlp("Teachers went on strike on Monday."))
    assert names_work_stoppage(nlp("Striking dockers blocked the port."))
    assert names_work_stoppage(nlp("Thousands of students walked out of classes in Manila."))
    assert not names_work_stoppage(nlp("The minister walked to the podium."))
    assert not names_work_stoppage(nlp("A drone strike hit a house on Monday."))
    assert not names_work_stoppage(nlp("The missile strike killed four people."))
    assert not names_work_stoppage(nlp("Officials gathered in the capital."))
    doc = nlp("A drone strike hit a house in Khost on Monday. The strike killed four people.")
    assert not names_work_stoppage(list(doc.sents)[1])  # the drone's strike, told again


def test_a_strategic_development_of_no_one_in_an_article_is_not_coded(nlp: Language) -> None:
    filler = "Officials gave no further details about the talks, which were closed to the press. " * 20
    text = ("Analysts said there is a widespread bipartisan agreement that the trade gap is the main problem. "
            + filler)
    assert not [e for e in code(nlp, text) if e.sub_event_type == "Agreement"]


@pytest.mark.parametrize("lead", [
    "Residents of Kisumu accused the Kenyan government on Friday of ignoring their complaints.",
    "A Kenyan newspaper, the Daily Nation, accused the government on Friday of hiding the death toll.",
    "Safaricom, a Kenyan telecoms company, asked the government on Friday to cut taxes on mobile money.",
])
def test_in_an_article_civilians_media_and_business_make_no_verbal_event(nlp: Language, lead: str) -> None:
    from tests.etl.extract.test_crime import REST

    events = code_doc(nlp(lead + REST), Article(id="t", text=lead + REST, published_at=datetime(2024, 5, 10)),
                      reportable=False)
    assert [e.cameo_code for e in events if e.sources[0].start == 0] == []


def test_in_an_article_a_governments_accusation_stays(nlp: Language) -> None:
    from tests.etl.extract.test_crime import REST

    lead = "The Kenyan government accused Uganda on Friday of arming rebels in the north."
    events = code_doc(nlp(lead + REST), Article(id="t", text=lead + REST, published_at=datetime(2024, 5, 10)),
                      reportable=False)
    assert [(e.cameo_root, e.actor1.name if e.actor1 else None) for e in events if e.sources[0].start == 0] == [
        ("11", "Government of Kenya")]


def test_political_role_reads_the_cameo_role() -> None:
    from etl.extract.classify.stage import political_role
    from schemas.models import Actor

    assert political_role(Actor(name="Civilians (Kenya)", cameo="KENCVL")) is False
    assert political_role(Actor(name="Media (Kenya)", cameo="KENMED")) is False
    assert political_role(Actor(name="Government of Kenya", cameo="KENGOV")) is True
    assert political_role(Actor(name="Kenya", cameo="KEN")) is None  # a state or a person: no role to read


def test_a_short_storys_later_sentences_add_no_unnamed_statements(nlp: Language) -> None:
    text = ("Gunmen killed five villagers in Zamfara state on Sunday, police said. Officials said two people were "
            "still missing. A local mother told reporters she was afraid.")
    events = code(nlp, text)
    assert [e.sub_event_type for e in events] == ["Attack"]
    text = ("The Kenyan government accused Uganda on Friday of arming rebels. Uganda's foreign minister denied "
            "the charge on Saturday.")  # a named state's answer in a later sentence is an event of its own
    assert [e.cameo_root for e in code(nlp, text)] == ["11", "01"]


@pytest.mark.parametrize(("text", "cameo", "press"), [
    ("VOA", "", True), ("reporters", "USACVL", True), ("the Suffolk Times", "GBR", True),
    ("members of the media", "KENMED", True), ("Agence France-Presse", "MED", True),
    ("Telegram", "", True), ("the Telegram messaging app", "RUS", True), ("Meridian Wire", "", True),
    ("the group's Al-Masirah television channel", "YEM", True),
    ("the ambassador", "USAGOV", False), ("Kenya", "KEN", False), ("the rebels", "KENREB", False),
])
def test_is_press_reads_the_sides_words_and_role(text: str, cameo: str, press: bool) -> None:
    from etl.extract.classify.stage import is_press
    from schemas.models import Actor

    assert is_press(Actor(name=text, cameo=cameo or None, text=text)) is press


def test_in_an_article_a_statement_to_the_press_has_no_target(nlp: Language) -> None:
    from tests.etl.extract.test_crime import REST

    lead = "Kenya's interior minister told reporters on Friday that the border with Somalia would stay closed."
    article = Article(id="t", text=lead + REST, published_at=datetime(2024, 5, 10))
    rules = code_doc(nlp(lead + REST), article, use_classifier=False)
    assert [e.cameo_code for e in rules if e.sources[0].start == 0 and e.actor2 is not None] == ["010"]  # reporters
    events = code_doc(nlp(lead + REST), article, reportable=False)
    assert [(e.cameo_code, e.actor2) for e in events if e.sources[0].start == 0] == [("010", None)]  # the minister's


@pytest.mark.parametrize(("text", "verb", "analysis"), [
    ("Analysts say Tehran would welcome the closure of the base.", "welcome", True),
    ("Experts believe the army will retake the town within weeks.", "retake", True),
    ("Officials say Tehran welcomed the closure of the base.", "welcomed", False),
    ("The analyst was arrested in Cairo on Monday.", "arrested", False),
])
def test_what_a_commentator_says_happens_is_analysis(nlp: Language, text: str, verb: str, analysis: bool) -> None:
    from etl.extract.classify.stage import told_by_commentator

    tok = next(t for t in nlp(text) if t.text == verb)
    assert told_by_commentator(tok) is analysis


def test_a_short_reports_toll_told_apart_is_its_lead_acts(nlp: Language) -> None:
    events = code(nlp, "On 26 June 2024, a police patrol heading to a reported robbery was ambushed by gunmen near "
                       "Lobamba. One police officer was killed. Police suspect the robbery report was a hoax.")
    main_event = next(e for e in events if e.main)
    assert main_event.event_type in ("Violence against civilians", "Battles") and main_event.fatalities == 1
    assert sum(e.fatalities for e in typed(events)) == 1  # counted once



def test_a_crowd_the_rules_supplied_does_not_shell_once_retyped() -> None:
    from etl.extract.classify.stage import retype
    from schemas.models import Actor, Event, SourceRef

    crowd = Actor(name="Protesters (Sudan)", country="SDN", cameo="SDNOPP", inter=6)
    ev = Event(event_id="e", article_id="a", event_date=None, event_type="Protests", sub_event_type="Peaceful protest",
               event_class="demonstration", cameo_code="141", cameo_root="14", quad_class=3, goldstein=-6.5,
               plover_event="PROTEST", actor1=crowd, confidence=0.5, coder_version="t",
               sources=[SourceRef(article_id="a", sentence="s", start=0, end=1)])
    attacked = retype(ev, "Attack", 0.9, "v").actor1
    assert attacked is not None and attacked.name == "Unidentified Armed Group (Sudan)"
    assert retype(ev, "Shelling/artillery/missile attack", 0.9, "v").actor1 is None  # ACLED leaves it unnamed
    named = crowd.model_copy(update={"text": "protesters"})
    assert retype(ev.model_copy(update={"actor1": named}), "Attack", 0.9, "v").actor1 == named  # the text names them
    assert retype(ev, "Violent demonstration", 0.9, "v").actor1 == crowd


def test_an_armed_sides_attack_on_civilians_is_no_clash_whatever_the_model_says() -> None:
    """ACLED's armed clash has two armed sides: an act the rules read as an armed group's attack on civilians stays
    an attack when the model names a clash; one on soldiers may become a clash."""
    from etl.extract.classify.stage import retype
    from schemas.models import Actor, Event, SourceRef

    rsf = Actor(name="Rapid Support Forces", country="SDN", cameo="SDNREB", inter=2, text="the RSF")
    civilians = Actor(name="Civilians (Sudan)", country="SDN", cameo="SDNCVL", inter=7)
    ev = Event(event_id="e", article_id="a", event_date=None, event_type="Violence against civilians",
               sub_event_type="Attack", event_class="political_violence", cameo_code="180", cameo_root="18",
               quad_class=4, goldstein=-9.0, plover_event="ATTACK", actor1=rsf, actor2=civilians, confidence=0.5,
               coder_version="t", sources=[SourceRef(article_id="a", sentence="s", start=0, end=1)])
    assert retype(ev, "Armed clash", 0.7, "v").sub_event_type == "Attack"
    army = Actor(name="Military Forces of Sudan", country="SDN", cameo="SDNMIL", inter=1)
    assert retype(ev.model_copy(update={"actor2": army}), "Armed clash", 0.7, "v").sub_event_type == "Armed clash"


def test_the_act_a_sentence_tells_leads_it_not_the_pattern_beside_it(nlp: Language) -> None:
    filler = " ".join(["The province lies on the plains and is known for its cattle and its oil fields."] * 22)
    text = ("Fighters of a rebel group abducted two soldiers on Friday in the eastern province, the army said, as "
            "clashes between the rebels and a rival faction forced hundreds of families from their homes. " + filler)
    assert len(text) > 1500
    events = code_doc(nlp(text), Article(id="t", text=text, published_at=datetime(2024, 5, 10)), reportable=False)
    lead = [e for e in typed(events) if e.sources[0].start == 0]
    # the clashes "forcing families from their homes" are a pattern told beside the act, not the act the lead
    # tells: the sentence's decision goes to the abduction, which was dropped with the pattern before
    assert lead and any(e.cameo_code == "181" for e in lead)


def test_a_killing_the_rules_lead_with_is_no_strategic_development(nlp: Language) -> None:
    """The model's non-violent sub-type gives way to its most likely violent one when the unit's lead act killed
    people; a lead that killed no one, and the model's NONE, stand."""
    from etl.extract.classify.stage import Decision, _violent_if_deadly
    from tests.etl.extract.coder import code, main

    lead = main(code(nlp, "Gunmen killed five members of the Syrian Democratic Forces at a checkpoint on Thursday."))
    assert lead.fatalities == 5
    probabilities = {"Change to group/activity": 0.3, "Attack": 0.25, "Armed clash": 0.2, NONE: 0.15, NOT_EVENT: 0.1}
    d = Decision("Change to group/activity", 0.3, probabilities)
    assert _violent_if_deadly(d, lead).label == "Attack"
    assert _violent_if_deadly(d, lead.model_copy(update={"fatalities": 0})).label == "Change to group/activity"
    none = Decision(NONE, 0.4, probabilities | {NONE: 0.4})
    assert _violent_if_deadly(none, lead).label == NONE


def test_a_crowd_dispersed_with_weapons_is_the_leads_event_with_the_police_as_the_other_side(nlp: Language) -> None:
    # "fired tear gas and rubber bullets to disperse teachers": the purpose tells what the force was used on, and
    # the police who fired are the other side (not the protesters against themselves)
    filler = " ".join(["The town lies on the coast and is known for its fishing and its markets."] * 20)
    text = ("RIOHACHA, Colombia (Example Wire) — Riot police fired tear gas and rubber bullets to disperse hundreds "
            "of striking teachers in the town of Maicao on Monday, injuring at least six, union leaders said. "
            + filler)
    events = code_doc(nlp(text), Article(id="t", text=text, published_at=datetime(2024, 5, 14)), reportable=False)
    lead = [e for e in typed(events) if e.sources[0].start == 0 and e.event_type == "Protests"]
    assert lead, [(e.cameo_code, e.sub_event_type) for e in events]
    assert lead[0].actor1 is not None and lead[0].actor1.inter == 6
    assert lead[0].actor2 is not None and lead[0].actor2.inter == 1


@pytest.mark.parametrize(("lead", "kept"), [
    ("Thousands of farmers drove tractors onto the ring road around the city on Tuesday to protest against a trade "
     "deal, their union said.", True),
    ("Nurses' unions vowed on Tuesday to protest against pay cuts if the budget is passed, their leaders said.", False),
])
def test_a_crowd_that_acted_to_protest_protested(nlp: Language, lead: str, kept: bool) -> None:
    filler = " ".join(["The city lies on a river and is known for its textile mills and its old bridges."] * 20)
    text = "MANCHESTER, England (Example Wire) — " + lead + " " + filler
    events = code_doc(nlp(text), Article(id="t", text=text, published_at=datetime(2024, 5, 14)), reportable=False)
    protests = [e for e in events if e.sources[0].start == 0 and e.event_type == "Protests"]
    assert bool(protests) is kept, [(e.cameo_code, e.sub_event_type) for e in events]


def test_an_act_that_took_people_transfers_no_territory(nlp: Language) -> None:
    """ACLED's territory events are about control of a place: "captured two soldiers" takes people, so the model's
    territory reading gives way to its next label, while "captured the town" stays a transfer of territory."""
    from etl.extract.classify.stage import TERRITORY_SUBS, Decision, _no_territory, took_people

    doc = nlp("Ukrainian forces have captured two North Korean soldiers in the Kursk region.")
    assert took_people(next(t for t in doc if t.lemma_ == "capture"))
    doc = nlp("Rebels captured the town of Kiwanja on Sunday.")
    assert not took_people(next(t for t in doc if t.lemma_ == "capture"))
    d = Decision("Government regains territory", 0.6, {"Government regains territory": 0.6, "Arrests": 0.3,
                                                        "Armed clash": 0.1})
    assert _no_territory(d).label == "Arrests" and _no_territory(d).label not in TERRITORY_SUBS
    events = code(nlp, "Ukrainian forces have captured two North Korean soldiers in the Kursk region, President "
                       "Volodymyr Zelenskiy said on Saturday.")
    assert not any(e.sub_event_type in TERRITORY_SUBS for e in events)


FILLER = " ".join(["The town lies on a river and is known for its market and its old bridge."] * 22)
RAID_LEAD = "Rebels attacked an army base outside the town on Monday, killing seven soldiers, the army said."


def in_article(nlp: Language, text: str, published: datetime = datetime(2024, 5, 10)) -> list[Event]:
    """The classify stage's events of `text` read as a full article (well over a short report's length)."""
    return code_doc(nlp(text), Article(id="t", text=text, published_at=published), reportable=False)


@pytest.mark.parametrize(("past", "kept"), [
    ("In October 2023, gunmen of the Gran Grif gang killed 115 people in an attack on the town of Pont-Sonde, one "
     "of the deadliest massacres in the country's recent history.", True),
    ("Farmers led nationwide protests over fuel prices in October 2019 that paralysed the country for weeks.", True),
    ("In February 2010, a series of avalanches near the tunnel killed more than 170 people.", False),
    ("In January 2023, a bus carrying 60 people plunged off a cliff in the north, killing 24.", False),
])
def test_an_act_the_text_dates_before_the_story_keeps_its_type_for_the_reportable_stage(
        nlp: Language, past: str, kept: bool) -> None:
    events = in_article(nlp, f"{RAID_LEAD} {FILLER} {past}")
    background = [e for e in typed(events) if e.sources[0].sentence == past]
    assert bool(background) is kept
    assert all(e.event_date is not None and e.event_date.year < 2024 for e in background)


def test_a_second_happening_of_another_time_in_one_sentence_keeps_its_type(nlp: Language) -> None:
    """"In May 2023, rebels overran an army base …, and in August 2021 an attack on Dori killed 130 villagers": the
    model types the sentence once; the act of another time is a happening of its own, not a second reading."""
    two = ("In May 2023, rebels overran an army base in the north, and in August 2021 an attack on the market town "
           "of Dori killed at least 130 villagers.")
    events = in_article(nlp, f"{RAID_LEAD} {FILLER} {two}")
    years = {e.event_date.year for e in typed(events) if e.sources[0].sentence == two and e.event_date}
    assert years == {2021, 2023}


def test_an_act_dated_only_by_the_articles_first_date_is_no_past_act(nlp: Language) -> None:
    """A sentence that writes no date takes the article's first date ("sworn in on April 20" of a story filed in
    May): that says nothing of when its act was, so the model's reading of it stands."""
    past = ("A Ukrainian strike on the centre of the regional capital Belgorod killed 25 people, one of the deadliest "
            "attacks inside Russia since the war began.")
    events = in_article(nlp, "The new prime minister, who was sworn in on April 20, met army chiefs in the capital, "
                             f"officials said. {FILLER} {past}")
    assert not [e for e in typed(events) if e.sources[0].sentence == past]


def test_the_act_told_as_done_keeps_its_own_type_when_the_models_type_is_another_readings(nlp: Language) -> None:
    """"Demonstrators chanted as they march …, after the council dissolved the party": the model reads a protest, a
    reading the sentence tells as going on, not as done; the dissolution told as done is not retyped a protest."""
    events = in_article(nlp, "Officials met in the capital on Thursday, a spokesman said. Demonstrators chanted as "
                             "they march in Khartoum Thursday, after Sudan's new ruling sovereign council and the "
                             f"cabinet led by Prime Minister Abdalla Hamdok dissolved the party. {FILLER}",
                        datetime(2019, 11, 28))
    assert not [e for e in events if e.event_type == "Protests" and e.actor1 is not None and e.actor1.inter == 1]
