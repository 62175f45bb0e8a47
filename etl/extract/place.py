"""Where an event happened: the article's places from the geoparser, the place of each event's sentence without the
places that stand for a side, and the country as the target of an act done to no one named.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from etl.dedup.events import haversine_km
from etl.extract import actors as actors_mod
from etl.extract.acled_sides import placed
from etl.extract.codebook import (
    ARMED_ROOTS,
    GOV_ROLES,
    HOSTED_ROOTS,
    PROTEST_SUBS,
    VERBAL_ROOTS,
    VIOLENT_SUBS,
    fineness,
    role_of,
)
from etl.extract.dateline import event_places, find_datelines, in_dateline
from etl.extract.doctext import once
from etl.extract.geo.parser import Geoparser, Place, doc_text, possessive_is_place, preposition_of
from etl.extract.happenings import FOLDED_CLASSES, SEPARATE, told_as_separate
from etl.extract.lexicon import cue, triggers, words
from etl.extract.outlet import publication_country
from etl.extract.parties import hosts_own
from etl.extract.scene import Scene
from etl.extract.sides import own_target
from etl.extract.speech import reported_clause, saying_verbs
from etl.extract.speech_place import at_the_scene, country_level, placeless
from etl.extract.syntax import clause_range, noun_phrase
from schemas.models import Actor, Article, Event, Location

log = logging.getLogger(__name__)


def event_location(doc: Doc, places: list | None, start: int, end: int,
                   fallback_country: str | None) -> Location | None:
    """The place of a sentence's event from the geoparser, else the country the event is known to be in."""
    gp = geoparser()
    if gp is not None and places is not None:
        try:
            loc = gp.event_location(doc, places, start, end)
        except Exception:  # logged; the event keeps the country-level fallback
            log.warning("event location failed in %r", doc.text[start:end][:80], exc_info=True)
            loc = None
        if loc is not None:
            return loc
    if fallback_country:
        return country_level(fallback_country, actors_mod.country_names().get(fallback_country))
    return None


@lru_cache(maxsize=1)
def geoparser() -> Geoparser | None:
    """The gazetteer geoparser, loaded once; None where the geo package is not installed."""
    try:
        from etl.extract.geo import get_geoparser
    except ImportError:
        return None
    return get_geoparser()


def not_actors(doc: Doc, places: list | None, actors: list[Span]) -> list | None:
    """Places that do not stand for a side of the event: a capital or country used as an actor ("Moscow's
    counteroffensive", "Kyiv's forces", "Moscow said") is not where it happened; "Kenya's capital" and "Haifa's port
    road" are (geo.parser.possessive_is_place)."""
    if places is None:
        return None
    sides = {(a.start_char, a.end_char) for a in actors}
    return [p for p in _acting_as_no_party(doc, places) if (p.start, p.end) not in sides]


def _acting_as_no_party(doc: Doc, places: list) -> list:
    """The places that stand for no party whatever an event's sides are: not a possessor ("Moscow's
    counteroffensive"; but "in Kenya's capital" is a place), not a patron ("Kremlin-backed"), not a capital or
    country acting as a state. The article's places do not change from one event to the next: read once per list
    of places of the Doc, in its order."""
    found = doc.user_data.get("newsevents_places_acting_as_none")
    if found is None or found[0] is not places:
        text = doc_text(doc)
        states = {(p.start, p.end) for p in places if acts_as_state(doc, p)}
        found = doc.user_data["newsevents_places_acting_as_none"] = (places, [
            p for p in places if not ((text[p.end:p.end + 2] in ("'s", "’s") and not possessive_is_place(text, p))
                                      or PATRON_AFTER.match(text, p.end) or (p.start, p.end) in states)])
    return found[1]


# what a state says or decides (CAMEO roots 01-13 and 16: statements, appeals, meetings, demands, accusations,
# protests to an envoy, rejections, threats, sanctions)
STATECRAFT_ROOTS = frozenset({f"{r:02d}" for r in range(1, 14)} | {"16"})


@lru_cache(maxsize=1)
def statecraft_verbs() -> frozenset[str]:
    """The verbs of the action lexicon whose act is a state's word or decision."""
    return frozenset(t.lemmas[0] for t in triggers() if len(t.lemmas) == 1 and t.pos in ("VERB", "ANY")
                     and t.cameo[:2] in STATECRAFT_ROOTS)


def acts_as_state(doc: Doc, p: Place) -> bool:
    """Whether a country or a capital is written as a state that speaks or decides: the subject of such a verb
    ("Baghdad summoned Ankara's envoy") or the one it is asked of ("prompting Baghdad to summon ..."). It stands for
    its government there, not for where an act of the sentence was done."""
    gp = geoparser()
    if p.feature_type != "country" and not (gp is not None and p.feature_type == "city" and gp.is_capital(p)):
        return False
    span = doc.char_span(p.start, p.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB":
        return tok.head.lemma_.lower() in statecraft_verbs()
    return tok.dep_ == "dobj" and any(c.dep_ == "xcomp" and c.lemma_.lower() in statecraft_verbs()
                                      for c in tok.head.children)


# "Iran-backed fighters", "a US-led coalition", "Russia-made missiles": a place that qualifies a party or a weapon
# by who stands behind it is not where it happened
PATRON_AFTER = cue("PATRON_AFTER")


def place_as_target(ev: Event, *, article: bool = False) -> Event:
    """An act done by someone to no one named is done to the country where the sentence places it: "activists
    protested in Beijing" is OPP → CHN, "expressed sorrow for the shootings in South Carolina" GOV → USA, the
    CAMEO coders' convention (their verb patterns take the object of "in" as the target). Not for a bare
    comment ("X said in Paris"): where it was said is no party to it. The country is a target in CAMEO terms
    only: no ACLED interaction code, so ACLED's sides are as they were. In a sentence of a full `article` a state's
    government or forces are not targeted at their own country (sides.own_target)."""
    loc = ev.location
    if (ev.actor2 is not None or ev.actor1 is None or ev.cameo_code == "010" or loc is None or not loc.country
            or not loc.text or own_target(ev.actor1, loc.country, ev.cameo_code, strict=article)
            or not ev.sources or not _places_it(loc, _told(ev.sources[0].sentence))):
        return ev
    country = loc.country
    target = Actor(name=actors_mod.country_names().get(country, country), country=country, cameo=country,
                   inter=None, text=None)
    return ev.model_copy(update={"actor2": target})


def _places_it(loc: Location, told: str) -> bool:
    """Whether a sentence names the event's place or its region (a lead's "struck Ukraine's Vinnytsia region"
    whose town the next paragraph gives)."""
    return any(name and name in told for name in (loc.text, loc.admin1))


def _told(sentence: str) -> str:
    """A sentence without its dateline: "TBILISI, Dec 1 (Reuters) -" says where the story was filed, not where the
    act was done to anyone."""
    cut = max((d.end for d in find_datelines(sentence)), default=0)
    return sentence[cut:]


def filed_from_capital(doc: Doc) -> Location | None:
    """The capital city a story was filed from, when its first dateline names one ("MOSCOW, Russia (Agency) —"):
    where that state's government speaks."""
    gp = geoparser()
    return _dateline_town(doc, lambda p: gp is not None and gp.is_capital(p))


def filed_from_town(doc: Doc) -> Location | None:
    """The town of a story's first dateline ("BRAZZAVILLE, Congo (Agency) —"): where its reporter was."""
    return _dateline_town(doc, lambda p: p.feature_type in TOWN_TYPES and bool(p.country) and not p.demonym)


def _dateline_town(doc: Doc, fits: Callable[[Place], bool]) -> Location | None:
    """The first place of the story's first dateline that `fits`, as a location."""
    gp = geoparser()
    lines = doc.user_data.get("newsevents_datelines") or []
    if gp is None or not lines:
        return None
    first = lines[0]
    town = next((p for p in doc.user_data.get("newsevents_places", []) if first.covers(p.start, p.end) and fits(p)),
                None)
    return gp.location_of(doc, town) if town is not None else None


def lead_end(doc: Doc) -> int:
    """The character offset where an article's first paragraph ends (0 for none)."""
    lead, _ = first_paragraphs(doc)
    return lead[1] if lead is not None else 0


def first_paragraphs(doc: Doc) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """`_first_paragraphs` of the Doc's text, found once per Doc (asked for each event of a lead)."""
    return once(doc, "newsevents_first_paragraphs", lambda: _first_paragraphs(doc_text(doc)))


@dataclass(frozen=True)
class Setting:
    """Where an article's events can be: its places, and the countries an unnamed side belongs to."""

    places: list | None  # the geoparser's places, without the dateline's town (None: no geoparser)
    default_country: str | None
    named_country: str | None


TOLD_TOWN_MAX = 2  # mentions of one town that count towards the country an article is set in


def article_setting(doc: Doc, article: Article) -> Setting:
    """The article's places, and the country an unnamed side ("police", "the army", "gunmen") belongs to: where
    things happen, the one the article's towns and regions are in, else the one it names most, else where it was
    published."""
    pub_country = publication_country(article)
    gp = geoparser()
    if pub_country is None and gp is not None:  # "Ghana Web": notes that never name their country, outlets that do
        pub_country = gp.country_in_name(article.source)
    places = None
    if gp is not None:
        try:
            places = gp.parse(doc, publication_country=pub_country)
        except Exception:  # logged; events fall back to the country level
            log.warning("geoparsing failed for article %s", article.id, exc_info=True)
    doc.user_data["newsevents_places"] = places or []  # a place named as a side is where, not who (parties)
    # each town or region counted at most twice: one ambiguous name told again and again ("Lere" of Mali's Timbuktu
    # region, which the gazetteer knows only in Nigeria) does not outweigh the other towns the article names
    told = Counter((p.text.casefold(), p.country) for p in places or []  # not "Nin" of "Kyay Nin village": a name's
                   if p.country and not p.demonym and not p.weak and p.feature_type != "country")  # tail is no town
    local: Counter[str] = Counter()
    for (_, c), n in told.items():
        local[c] += min(n, TOLD_TOWN_MAX)
    # the country the article names, as a country or through its towns, most often: a far namesake or two ("Soul"
    # of a television channel's name) do not outweigh a country named again and again
    focus = local + Counter(p.country for p in places or [] if p.country and p.feature_type == "country")
    named_country = actors_mod.dominant_country(doc)
    top = focus.most_common(2) if local else []
    default_country = ((top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None)
                       or (local.most_common(1)[0][0] if local else None) or named_country or pub_country)
    # the dateline's town counted above; it is no event's place of its own
    return Setting(event_places(doc, places), default_country, named_country)


def in_focus(loc: Location | None, sent: Span, focus: str | None, places: list | None) -> Location | None:
    """A place the event's own sentence does not name, taken from elsewhere in the article, when the country the
    article is about has no named place the gazetteer knows: that country, not the far place (a Myanmar air strike
    on villages the gazetteer lacks is not in Geneva, where the U.N. spoke of it)."""
    if loc is None or focus is None or loc.country in (None, focus) or (loc.text and loc.text in sent.text):
        return loc
    if any(p.country == focus and p.feature_type != "country" for p in places or []):
        return loc  # the article names places of its country: the geoparser chose among them and others
    return country_level(focus, actors_mod.country_names().get(focus))


# acts a state does at home to another's people or ties: expelling, cutting relations, sanctioning (CAMEO 16, 174);
# where no place is named, the doer's country, not the target's (force lands where it is aimed)
HOME_ROOTS = frozenset({"16"})
# "in the city", "the northern French city", "residents of the town": a town the article named before, not a new one
THE_TOWN = cue("THE_TOWN")
TOWN_TYPES = frozenset({"city", "unlisted"})


def the_town(scene: Scene, start: int, end: int, loc: Location | None) -> Location | None:
    """The place of a clause that speaks of "the city" or "the town" without naming it: the last town named before
    it, the dateline's too ("KRYVYI RIH, Ukraine — … a missile struck near a playground in the city"), when the
    clause names no town of its own and the place found so far does not lie in another country."""
    text = doc_text(scene.doc)
    m = THE_TOWN.search(text, start, end)
    if m is None or (loc is not None and loc.feature_type in TOWN_TYPES and loc.text
                     and loc.text in text[start:end]):
        return loc
    towns = [p for p in scene.doc.user_data.get("newsevents_places", []) if p.end <= m.start()
             and p.feature_type in TOWN_TYPES and p.country and not p.demonym and not p.weak]
    gp = geoparser()
    if not towns or gp is None or (loc is not None and loc.country and loc.country != towns[-1].country):
        return loc
    return gp.location_of(scene.doc, towns[-1])


# "on a farming village in Katsina state", "in a village in northern Shan State": a town the lead does not name
A_VILLAGE = cue("A_VILLAGE")
NAMED_AFTER_CHARS = 1200  # the paragraph or two after a lead that name its village


def the_village_named_after(scene: Scene, sent: Span, start: int, end: int, loc: Location | None) -> Location | None:
    """The place of a clause that speaks of "a village" in a region without naming it: the first town the next
    paragraph or two name in that region ("An air strike killed 17 people in a village in northern Shan State" ...
    "A military jet dropped two bombs on Nam Hkam Wo village in Hsipaw township"), news naming its lead's village
    in the body; the region when none is named there (or only towns of other regions)."""
    text = doc_text(scene.doc)
    if (loc is None or loc.feature_type not in ("admin1", "admin2") or not A_VILLAGE.search(text, start, end)
            or (loc.text and re.search(rf"\bnear {re.escape(loc.text)}\b", text[start:end]))):
        return loc  # ("a village near Bara": the town it is near is the place to give)
    after = [p for p in scene.places or [] if sent.end_char <= p.start < sent.end_char + NAMED_AFTER_CHARS
             and _in_region(p, loc) and _a_town_where(scene.doc, p, loc)]
    gp = geoparser()
    return gp.location_of(scene.doc, after[0]) if after and gp is not None else loc


# the acts done at one spot: violence, protest, arrests, looting, seized weapons (not a statement, a sanction)
SCENE_SUBS = VIOLENT_SUBS | PROTEST_SUBS | {"Arrests", "Looting/property destruction", "Disrupted weapons use"}
WHERE_BEFORE = cue("WHERE_BEFORE")
TIME_OF_ITS_OWN = cue("TIME_OF_ITS_OWN")
COARSE = frozenset({"country", "admin1", "admin2"})


def the_lead_placed_after(scene: Scene, sent: Span, sub: str | None, loc: Location | None) -> Location | None:
    """The place of a lead's act that the lead gives only as a region or a country ("attacked an army post in
    northern Benin"): the first town the next paragraph names as where something is in that region ("stormed the
    post near the village of Founougo"), news writing's lead and its second paragraph. Only for a typed act (an
    attack, a protest, arrests; a statement is placed where it was said), not a town the next paragraph names as
    an origin, a destination or a distance's mark, nor one of a sentence that sets a time of its own (background)
    or tells another happening ("Similar rallies took place in Moncton and Fredericton")."""
    if loc is None or sub not in SCENE_SUBS or loc.feature_type not in COARSE or not scene.places:
        return loc
    text = doc_text(scene.doc)
    lead, second = first_paragraphs(scene.doc)
    if lead is None or second is None or not (lead[0] <= sent.start_char < lead[1]):
        return loc
    for s in scene.doc.sents:
        if (s.end_char <= second[0] or s.start_char >= second[1] or TIME_OF_ITS_OWN.search(s.text)
                or SEPARATE.search(s.text)):
            continue
        towns = [p for p in scene.places if s.start_char <= p.start < s.end_char and _may_lie_in(p, loc)
                 and WHERE_BEFORE.search(text[max(0, p.start - 60):p.start]) and _a_town_where(scene.doc, p, loc)]
        if towns:
            gp = geoparser()
            return gp.location_of(scene.doc, towns[0]) if gp is not None else loc
    return loc


SPREAD_OUT = cue("SPREAD_OUT")
GATHERING_SUBS = PROTEST_SUBS | {"Violent demonstration"}


def at_the_dateline(scene: Scene, sent: Span, sub: str | None, loc: Location | None,
                    when: date | None = None) -> Location | None:
    """The place of a gathering in a full article that the text places no finer than its country ("about 60
    Chagossians held a peaceful demonstration outside the ministry building"), or, in the lead, only by a town
    named further down: the dateline's town, when it lies in that country. A protest is reported from where it
    gathers, and the dateline says where the reporter was; the article's most named other town is often where
    other gatherings were ("similar rallies took place in Montreal"). Only the news of the week (`when` within seven
    days of publication): not a gathering of the background, told with a day of its own ("demonstrations on June
    25 marking the anniversary"), nor one told as spread over the country ("protests across the country"), nor one
    whose own sentence names its country ("the largest crowds in Serbia in decades")."""
    if sub not in GATHERING_SUBS or SPREAD_OUT.search(sent.text) or (
            when is not None and scene.published is not None and abs((scene.published - when).days) > 7):
        return loc
    if loc is not None and loc.feature_type == "country" and loc.text and loc.text in sent.text:
        return loc
    if loc is not None and loc.feature_type != "country":
        lead, _ = first_paragraphs(scene.doc)
        if lead is None or not lead[0] <= sent.start_char < lead[1] or not loc.text or loc.text in sent.text \
                or loc.feature_type not in TOWN_TYPES:
            return loc
    country = loc.country if loc is not None else scene.default_country
    gp = geoparser()
    town = next((p for p in scene.doc.user_data.get("newsevents_places", ())
                 if in_dateline(scene.doc, p.start, p.end) and p.feature_type in TOWN_TYPES
                 and p.country == country and not p.demonym), None)
    if town is None or gp is None:
        return loc
    return gp.location_of(scene.doc, town)


def _a_town_where(doc: Doc, p: Place, loc: Location) -> bool:
    """Whether a place is a town of the location's country named as a place: not a demonym or a name's tail, not a
    town named to measure a distance from, nor one that qualifies an office ("Zamfara police")."""
    text = doc_text(doc)
    return (p.feature_type in TOWN_TYPES and p.country == loc.country and not p.demonym and not p.weak
            and not MEASURED_FROM.search(text[max(0, p.start - 60):p.start]) and not _modifies(doc, p.end)
            and not where_told(doc, p))


def where_told(doc: Doc, p: Place) -> bool:
    """Whether a place is where someone spoke ("told reporters in Mtwara town", "said in Geneva", "speaking in
    Kabul"): the object of a preposition on a verb of saying, where the teller was, not where the act told of was."""
    prep = preposition_of(doc, p, through_compounds=True)
    return (prep is not None and prep.lower_ in ("in", "at", "from") and prep.head.pos_ == "VERB"
            and prep.head.lemma_.lower() in saying_verbs())


def _may_lie_in(p: Place, loc: Location) -> bool:
    """Whether a town may lie in a country or region: in it as far as the gazetteer knows (a town whose district
    it does not know may lie in any district of its province)."""
    if loc.feature_type == "country":
        return True
    if loc.feature_type == "admin2" and p.admin2 is None:
        if not (p.admin1 and p.admin1 == loc.admin1):
            return False
        if None in (p.latitude, p.longitude, loc.latitude, loc.longitude):
            return True
        # near the district's middle: "officials in Peshawar" are no town of Lower Chitral district, 250 km away
        return haversine_km(p.latitude, p.longitude, loc.latitude, loc.longitude) <= DISTRICT_REACH_KM
    return _in_region(p, loc)


DISTRICT_REACH_KM = 75  # how far from a district's middle a town of unknown district may still lie in it


def _first_paragraphs(text: str) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """The character ranges of a text's first two paragraphs (blank-line separated), None where there are none."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S(?:.|\n(?!\s*\n))*", text)]
    return (spans[0] if spans else None), (spans[1] if len(spans) > 1 else None)


def _modifies(doc: Doc, end: int) -> bool:
    """Whether a place name qualifies the noun after it ("Katsina police spokesman", "the Sokoto state
    government"): an office or a body of the place, not a place where something happened ("X village" is one;
    "Founougo in Banikoara" is no noun)."""
    m = NEXT_WORD.match(doc_text(doc), end)
    if m is None or m.group(1) in PLACE_KIND_WORDS:
        return False
    word = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    return word is not None and word[0].pos_ == "NOUN"


NEXT_WORD = re.compile(r"\s+([a-z]+(?:-[a-z]+)?)")
PLACE_KIND_WORDS = frozenset({"village", "town", "township", "hamlet", "settlement", "district", "area", "locality",
                              "suburb", "camp", "city", "sub-district", "subdistrict", "municipality", "commune",
                              "county", "prefecture", "neighbourhood", "neighborhood"})
# "about 20 kilometres from the town of X": a town named to measure a distance from
MEASURED_FROM = cue("MEASURED_FROM")


def _in_region(p: Place, loc: Location) -> bool:
    """Whether a town lies in the region the location names, at the location's own level (a district's town, not
    any town of its province)."""
    own = p.admin2 if loc.feature_type == "admin2" else p.admin1
    return bool(own and loc.name and own.lower() == loc.name.lower())


# "in Iraq's Kurdistan region", "in Ethiopia's western Benishangul-Gumuz region": a country owning a region
REGION_OWNED = cue("REGION_OWNED")


def region_owner(doc: Doc, places: list | None, start: int, end: int) -> Place | None:
    """The country a clause says its region lies in ("mountain villages in Iraq's Kurdistan region"), for a clause
    whose region the gazetteer cannot place: where it happened, before the country of a side (Iranian artillery
    firing across the border is not in Iran)."""
    text = doc_text(doc)
    return next((p for p in places or () if start <= p.start < end and p.feature_type == "country"
                 and not p.demonym and p.country and REGION_OWNED.match(text, p.end)), None)


def _at_the_telling(trigger: Token, p: Place) -> bool:
    """Whether a place is where an act was told, not where it was done: a phrase of the verb of saying that reports
    the act, outside the clause it reports ("told reporters in Baghdad that jets had struck a hideout south of
    Kirkuk", "said at a news conference in Kabul that troops had killed five militants")."""
    told = reported_clause(trigger, limit=6)
    if told is None:
        return False
    verb = told.head
    phrases = [c for c in verb.children if c.i != told.i and c.dep_ in ("prep", "dobj", "dative", "agent")]
    return any(c.left_edge.idx <= p.start and p.end <= c.right_edge.idx + len(c.right_edge) for c in phrases)


def act_span(scene: Scene, sent: Span, trigger: Token | None) -> tuple[int, int]:
    """The characters an act's place is sought in: its sentence, in a full article only the trigger's own clause (a
    lead's "as protests spread to Blantyre" tells another act)."""
    start, end = sent.start_char, sent.end_char
    if trigger is not None and scene.context is None:
        lo, hi = clause_range(trigger)
        start, end = max(start, lo), min(end, hi)
    return start, end


def locate(scene: Scene, sent: Span, ev_code: str, sub: str | None, a1: Actor | None, a2: Actor | None,
           named: tuple[Token | None, ...], obj: Token | None, trigger: Token | None = None,
           when: date | None = None) -> tuple[Location | None, str | None, Actor | None, Actor | None]:
    """(place, country, actor1, actor2) of an event: the place of its sentence that stands for no side (`named`:
    the heads of its sides and its speaker; where an act of force struck, its object, is a place), the generic
    sides moved to where it happened, and the host country of a visit as its target. In a full article the place
    is sought in the trigger's own clause first (a lead's "as protests spread to Blantyre" tells another act).
    `when`: the day its sentence tells of, if any."""
    struck = obj if ev_code[:2] in ARMED_ROOTS else None  # "fired missiles at Kyiv": where it hit
    phrases = [noun_phrase(t) for t in named if t is not None and t is not struck]
    start, end = act_span(scene, sent, trigger)
    first, second = (a1, a2) if ev_code[:2] in HOME_ROOTS or ev_code == "174" else (a2, a1)
    places = not_actors(scene.doc, scene.places, phrases)
    speaker = named[2] if len(named) > 2 else None
    if speaker is not None and places is not None and ev_code[:2] not in VERBAL_ROOTS:
        lo, hi = speaker.left_edge.idx, speaker.right_edge.idx + len(speaker.right_edge)
        if trigger is None or not lo <= trigger.idx < hi:  # (a parse that hangs the act on the teller: no teller)
            places = [p for p in places if not (lo <= p.start and p.end <= hi)]  # "the ministry in New Delhi
            # said": where the teller is, not where the act it tells of was
    if trigger is not None and places is not None and ev_code[:2] not in VERBAL_ROOTS:
        places = [p for p in places if not _at_the_telling(trigger, p)]
    owner = region_owner(scene.doc, scene.places, start, end)
    loc = event_location(scene.doc, places, start, end,
                         (owner.country if owner else None) or (first.country if first else None)
                         or (second.country if second else None) or scene.default_country)
    if owner is not None and loc is not None and ((loc.feature_type == "country" and (
            loc.country != owner.country or not loc.text)) or not _named_within(scene.doc, loc, start, end)):
        # the country that owns the clause's region, not that of a side ("Iranian artillery") nor a place the clause
        # does not name (the article's most named town), as the text names it
        loc = country_level(owner.country, actors_mod.country_names().get(owner.country)).model_copy(
            update={"text": owner.text})
    if scene.context is None:
        loc = in_focus(loc, sent, scene.default_country, scene.places)
        loc = the_town(scene, start, end, loc)
        loc = the_village_named_after(scene, sent, start, end, loc)
        placed_after = the_lead_placed_after(scene, sent, sub, loc)
        loc = placed_after if placed_after is not loc else at_the_dateline(scene, sent, sub, loc, when)
    loc = at_the_seat(start, end, sub, loc, scene.doc)
    event_country = loc.country if loc else scene.default_country
    if loc is not None and loc.country:  # a side the text does not name ("Civilians", "Unidentified
        a1, a2 = placed(a1, loc.country), placed(a2, loc.country)  # Armed Group"): where it happened
    if (a2 is None and a1 is not None and a1.country and loc is not None and loc.country
            and loc.country != a1.country and ev_code[:2] in HOSTED_ROOTS and sub is None):
        a2 = Actor(name=actors_mod.country_names().get(loc.country, loc.country), country=loc.country,
                   cameo=loc.country, inter=1, text=None)
    if (ev_code[:2] == "04" and a1 is not None and a2 is not None and a1.country
            and a2.country == a1.country and loc is not None and loc.country
            and loc.country != a1.country and role_of(a2) in GOV_ROLES
            and not actors_mod.countries_in((a2.text or "").split())):
        a2 = hosts_own(a2, loc.country)  # "X held talks with President Y during a visit to Z"
    return loc, event_country, a1, a2


SPREAD_CLASSES = frozenset({"political_violence", "demonstration"})  # ACLED's events: one per place and day


def listed_places(scene: Scene, sent: Span, trigger: Token | None, loc: Location | None) -> list[Location]:
    """The other places an act is told to have happened in when its place is one of a list ("large marches took
    place in Cordoba, Rosario and Mendoza", "walkouts were held in Cebu, Iloilo and Davao"): ACLED codes one event
    per place and day. Towns and regions of the event's country coordinated with its place in the act's clause;
    not the ends of a stretch ("fighting between Goma and Sake": one event)."""
    gp = geoparser()
    if gp is None or loc is None or not loc.text or loc.feature_type == "country" or not scene.places:
        return []
    start, end = act_span(scene, sent, trigger)
    here = next((p for p in scene.places if start <= p.start and p.end <= end and p.text == loc.text), None)
    span = scene.doc.char_span(here.start, here.end, alignment_mode="expand") if here is not None else None
    if here is None or span is None:
        return []
    first = span.root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if not _where_at(first):
        return []
    out: list[Location] = []
    for c in span.root.conjuncts:
        q = next((p for p in scene.places if p.start <= c.idx < p.end), None)
        if (q is None or q is here or q.demonym or q.weak or q.feature_type == "country" or q.country != here.country
                or not start <= q.start < end or any(o.text == q.text for o in out)):
            continue
        out.append(gp.location_of(scene.doc, q, listed=True))
    return out


LOCATIVE = frozenset({"in", "at", "across", "near", "outside", "around", "inside", "throughout"})


def _where_at(tok: Token) -> bool:
    """Whether a place is written as where something happened: the object of a preposition of place ("in Cebu"),
    or of "of" after a word for places that is ("in the towns of Hatton and Talawakele"); not the ends of a
    stretch ("between Goma and Sake"), where people came from ("boats from Zadar"), nor examples of a pattern
    ("cities including Kharkiv and Zaporizhzhia")."""
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ == "of" and prep.head.lemma_.lower() in words("place_nouns") and prep.head.dep_ == "pobj":
        prep = prep.head.head
    return prep.lower_ in LOCATIVE


def _named_within(doc: Doc, loc: Location, start: int, end: int) -> bool:
    """Whether the clause names the place (by the words the geoparser read it from)."""
    return bool(loc.text) and loc.text in doc_text(doc)[start:end]


NATIONAL_SEAT = cue("NATIONAL_SEAT")


@lru_cache(maxsize=2)
def seats(of: str = "parliament") -> dict[str, str]:
    """alpha-3 -> the town a state's parliament (or, with `of="government"`, its government) sits in where that is
    not its capital (data/seats.tsv)."""
    from etl.extract.lexicon import rows

    return {r["country"]: r[of] for r in rows("seats.tsv") if r.get(of)}


def at_the_seat(start: int, end: int, sub: str | None, loc: Location | None, doc: Doc) -> Location | None:
    """A gathering or act of force at a state's seat of power ("protesters outside Bulgaria's parliament", "clashes
    in front of the Georgian parliament") placed no finer than its country is in the town that seat stands in (the
    capital, or data/seats.tsv): where it happened, told by what it happened at."""
    if sub not in SCENE_SUBS or (loc is not None and loc.feature_type != "country"):
        return loc
    gp = geoparser()
    m = NATIONAL_SEAT.search(doc_text(doc), start, end)
    if m is None or gp is None:
        return loc
    country = actors_mod.find_country(m.group("owner").split())
    if country is None or (loc is not None and loc.country != country):
        return loc
    seat = gp.seat_of(country, seats().get(country))
    return seat.model_copy(update={"text": m.group(0)}) if seat is not None else loc


def reactions_at_scene(doc: Doc, events: list[Event]) -> list[Event]:
    """The events of a full article with the reactions told with no place of their own placed where its main
    happening is (speech_place.at_the_scene)."""
    main = next((e for e in events if e.main), None)
    if main is None or main.location is None:
        return events
    region = main_region(doc, main.location)
    return [told_at_the_scene(at_the_scene(ev, main, region), main) for ev in events]


def told_at_the_scene(ev: Event, main: Event) -> Event:
    """An act of force or protest on the main happening's day whose sentences name no place of their own ("He said
    six fighters were killed", "Some threw stones at police vans") is at the main happening's place, not at the
    last town the text named before it (a hospital's, a bus's destination, a far city in a quote): one article
    tells one scene unless it names another, a day or a separate act ("in separate attacks"), and a retelling
    placed there folds into the happening it retells (happenings)."""
    loc, scene = ev.location, main.location
    if (ev.main or scene is None or scene.feature_type == "country" or loc is None
            or ev.event_class not in FOLDED_CLASSES or main.event_class not in FOLDED_CLASSES
            or ev.event_date != main.event_date or loc.country != scene.country or not placeless(ev)
            or fineness(scene) > fineness(loc)  # a lead's region does not blur a town
            or {s.start for s in ev.sources} & {s.start for s in main.sources}  # the main's own sentence
            or told_as_separate(ev)):
        return ev
    return ev.model_copy(update={"location": scene})


def main_region(doc: Doc, loc: Location) -> Location | None:
    """The province of a place, as the article names it (with the gazetteer's coordinates), else by name alone."""
    if loc.feature_type == "admin1":
        return loc
    if not loc.admin1 or not loc.country:
        return None
    gp = geoparser()
    named = next((p for p in doc.user_data.get("newsevents_places", []) if p.feature_type == "admin1"
                  and p.country == loc.country and (p.name or "").lower() == loc.admin1.lower()), None)
    if named is not None and gp is not None:
        return gp.location_of(doc, named)
    return Location(name=loc.admin1, admin1=loc.admin1, country=loc.country, geo_precision=3, feature_type="admin1")
