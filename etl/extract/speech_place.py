"""Where something was said: the place of a verbal event is where its speaker was, not what the words were about.

CAMEO places an event where it happened; for a statement, an appeal, a demand, a threat or a rebuke that is where
it was made. A sentence of a full article names the topic's places far more often than the speaker's ("Pakistan
accused Afghanistan of sheltering militants in Balochistan"), so a verbal event keeps the place the geoparser gave
it only when the sentence ties that place to the act itself ("said in Geneva", "told reporters at the UN", "the
appeal from Kabul"); otherwise it is placed at country level in the speaker's own country, the convention of
ACLED's strategic developments and of analysts reading them; a speaker of no country (the U.N., Amnesty
International) is placed at the level of the country the sentence is about (its judges marked such statements
unplaced as wrongly placed two times in three). A story filed from a capital ("MOSCOW, Russia (Agency) —") places its
state's statements there, where its government speaks (the judges of round 35 marked the country level partly
wrong for such stories).
Meetings (CAMEO 04) are left alone: what is said of a meeting is mostly where it was. A local speaker (a
governor, provincial officials, residents, protesters: data/words/local_speakers.txt) speaks where the article puts
them, so their statement keeps a finer place of their own country; one told with no place at all is placed where
the article's main happening is, at its province for one who speaks for a province or a federal state ("the state
government condemned the killings"), and so are the sides of that happening and a claim of responsibility for it
(`at_the_scene`: the judges marked such reactions at country level partly wrong).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from etl.extract.codebook import GOV_ROLES, STATE_ROLES, role_of
from etl.extract.happenings import FOLDED_CLASSES, borrowed_place
from etl.extract.lexicon import words
from etl.extract.sides import RECIPROCAL_ROOTS
from etl.extract.speech import SPEECH
from schemas.models import Actor, Event, Location

if TYPE_CHECKING:
    from etl.extract.geo.parser import Place

VERBAL_ROOTS = frozenset({"01", "02", "03", "05", "10", "11", "12", "13"})
# what a state decides about another: sanctions, an embargo, cut ties, an envoy expelled (CAMEO 16), taken where its
# government sits, not in the country it is aimed at
DECIDED_ROOTS = VERBAL_ROOTS | {"16"}
PLACE_PREPS = frozenset({"in", "at", "from", "during", "inside"})
_CLIMB = frozenset({"compound", "amod", "appos", "conj", "nmod", "poss", "pobj", "npadvmod", "nummod"})


def _matches(sentence: Span | Doc, text: str) -> list[Token]:
    """The first token of every occurrence of `text` in the sentence."""
    words = text.split()
    toks = list(sentence)
    out = []
    for i in range(len(toks) - len(words) + 1):
        if all(toks[i + j].text == w for j, w in enumerate(words)):
            out.append(toks[i])
    return out


def ties_to_act(tok: Token, trigger: Token, *, objects: bool = False) -> bool:
    """Whether the place word `tok` stands in a prepositional phrase of place ("in", "at", "from", "in the city of")
    that modifies the trigger or a verb above it in the clause chain (the verb of saying); with `objects`, also one
    that modifies what the act made ("signed a package of agreements in Samarkand"), which for a condemnation or an
    accusation is what it was about ("condemned the attack in Kabul") and does not count."""
    act = {trigger.i} | {a.i for a in trigger.ancestors}
    node = tok
    for _ in range(8):
        if (node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in words("place_nouns")
                and node.head.head.dep_ == "pobj"):
            node = node.head.head  # "in the ancient city of Samarkand": the place noun stands for the name
            continue
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in PLACE_PREPS:
            gov = node.head.head
            if gov.i in act or (objects and _object_of_act(gov, act)):
                return True
            if gov.dep_ != "pobj":  # "at a news conference in Geneva": the venue's own place still counts
                return False
            node = gov
            continue
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            return False
        node = node.head
    return False


def _object_of_act(noun: Token, act: set[int]) -> bool:
    """Whether a noun is the act's object or a complement of it ("signed a package of agreements in Samarkand": the
    parser hangs the place on the agreements, which the signing is of)."""
    node = noun
    for _ in range(4):
        if node.dep_ not in ("dobj", "pobj") or (node.dep_ == "pobj" and node.head.lower_ != "of"):
            return False
        node = node.head if node.dep_ == "dobj" else node.head.head
        if node.i in act:
            return True
    return False


def _forms(actor: Actor | None) -> list[str]:
    """The words of a side's phrase, lower case, without possessive endings ("the Diyala governor's office")."""
    if actor is None or not actor.text:
        return []
    return [re.sub(r"['’]s$", "", f) for f in actor.text.lower().split()]


def is_local(actor: Actor | None) -> bool:
    """Whether the side speaks for a place below its state: a local office, a body qualified as local, people, a
    federal state's own office ("the state government" of a story in Kebbi state)."""
    forms = _forms(actor)
    return (any(f in words("local_speakers") for f in forms) or any(f in words("local_qualifiers") for f in forms)
            or _state_office(actor))


def speaks_for_region(actor: Actor | None) -> bool:
    """Whether a local side speaks for a province or a federal state (a governor, "provincial officials", "the
    state government"), not for a town or its people."""
    forms = _forms(actor)
    return any(f in words("regional_speakers") for f in forms) or _state_office(actor)


def _state_office(actor: Actor | None) -> bool:
    """"the state government", "state police", "the state public defender's office": a federal state's office
    ("state" in lower case before an office; not "state media" or "Islamic State")."""
    text = actor.text if actor is not None and actor.text else ""
    return bool(STATE_OFFICE.search(text))


STATE_OFFICE = re.compile(r"\bstate (?:government|governor|police|authorities|officials|assembly|security|"
                          r"prosecutors?|public|legislature|commissioner|ministry|emergency)\b")


def _own_place(sentence: Span | Doc, loc: Location, speaker: Actor | None) -> bool:
    """Whether `loc` is a local speaker's own place: one its phrase names ("the Oaxaca governor") or the scene the
    article's earlier sentences set, not a place its words are about ("promised to press Tehran")."""
    if not is_local(speaker) or not loc.text:
        return False
    return (speaker is not None and loc.text in (speaker.text or "")) or not _matches(sentence, loc.text)


def _the_state(actor: Actor | None) -> bool:
    """Whether a side is a state itself: its government, its name, its forces (not a party or a group of it)."""
    if actor is None or not actor.country:
        return False
    role = role_of(actor)
    return actor.inter == 1 or ((role in STATE_ROLES or role == "") and actor.cameo == actor.country + role)


def country_level(country: str, name: str | None) -> Location:
    return Location(name=name, country=country, geo_precision=3, feature_type="country")


MET_ROOTS = frozenset({"03", "04"})  # agreeing or pledging, meeting or talking; and signing (057)


def speaker_place(sentence: Span | Doc, trigger: Token, places: list[Place]) -> Place | None:
    """The place the sentence puts the speaker in: one the verb of saying is told at ("said in a statement from
    Abuja", "told reporters in Kinshasa") or one the speaker's own words hold ("the Chinese embassy in Islamabad
    said", "an army spokesman in Jayapura rejected"). A place the words are about is not it ("accused X of attacks
    in Y"). `places`: the article's place mentions (geoparser Places); the first such one, or None."""
    act = {trigger.i} | {a.i for a in trigger.ancestors}
    subjects = {c.i for i in act for c in sentence.doc[i].children if c.dep_ in ("nsubj", "nsubjpass")}
    lo, hi = sentence.start_char, sentence.end_char
    for p in places:
        if not lo <= p.start < hi or p.demonym or p.feature_type == "country" or not p.country:
            continue
        span = sentence.doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        if ties_to_act(tok, trigger):
            return p
        if (tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at", "from") and tok.head.dep_ == "prep"
                and tok.head.head.i in subjects):
            return p
    return None


def to_the_press(trigger: Token) -> bool:
    """Whether a statement is told to the press ("told reporters", "said at a news conference", "Y, he told
    journalists"): the verb of saying that tells it, or the trigger itself, has reporters or a briefing as its
    hearers (data/words/press_audience.txt)."""
    saying = next((a for a in trigger.ancestors if a.lemma_.lower() in SPEECH), None)
    verbs = [trigger] if saying is None else [trigger, saying]
    return any(g.lemma_.lower() in words("press_audience")
               for v in verbs for c in v.children if c.dep_ in ("dobj", "dative", "prep", "npadvmod")
               for g in (c, *c.children) if g.dep_ in ("dobj", "dative", "pobj", "npadvmod"))


def at_a_meeting(sentence: Span | Doc, trigger: Token, venue: Location | None, speaker: Actor | None) -> bool:
    """Whether a statement told to the press was made where the story was filed from (the dateline's town,
    `venue`): the sentence tells of the meeting it was said at ("told reporters after the signing", "at a joint
    news conference": a minister abroad speaks where the reporters are), or a local speaker of that country told
    it (a police officer, a provincial official: where they act). A national government at home speaks from its
    seat (a Kremlin spokesman's briefing is in Moscow, whatever town the story was filed from)."""
    if venue is None or not to_the_press(trigger):
        return False
    if any(t.lemma_.lower() in words("meeting_words") for t in sentence):
        return True
    return speaker is not None and speaker.country == venue.country and (is_local(speaker) or not _the_state(speaker))


def place_of_saying(sentence: Span | Doc, trigger: Token | None, ev: Event,
                    country_names: dict[str, str], seat: Location | None = None,
                    venue: Location | None = None, said_at: Location | None = None,
                    dateline: Location | None = None) -> Event:
    """`ev` placed where it was said (see the module docstring); unchanged unless it is a verbal event. `seat`: the
    capital the story was filed from ("MOSCOW, Russia (Agency) —"), where that state's government speaks: its
    statements are placed there, not at its country's level. `said_at`: where the sentence puts the speaker
    (`speaker_place`), which a statement takes before its speaker's country. `venue`: the dateline's town, given for
    a sentence of the article's lead; an agreement, a signing or talks the lead tells with no place of its own
    ("BRAZZAVILLE, Congo — Libya's rival camps agreed on Tuesday to ...") were made where the reporter filed from,
    not in the country of the first party. `dateline`: that town for any sentence; a statement told to the press
    with no place of its own was made there when it was said at a meeting or a local speaker of that country told
    it (`at_a_meeting`)."""
    if trigger is None or ev.location is None:
        return ev
    loc = ev.location
    if venue is not None and (ev.cameo_root in MET_ROOTS or ev.cameo_code == "057") and (
            loc.feature_type == "country" or not loc.text or not any(
                ties_to_act(t, trigger, objects=True) for t in _matches(sentence, loc.text))):
        # (a place of what was agreed is not where they agreed: "agreed to set up joint patrols along their border
        # in the Darien region" was agreed in Panama City)
        return ev.model_copy(update={"location": venue})
    if ev.cameo_root not in VERBAL_ROOTS and not (
            ev.cameo_root in DECIDED_ROOTS and ev.actor1 is not None and loc.country != ev.actor1.country):
        return ev  # (a curfew a state imposes at home is placed where it is imposed)
    made = ev.cameo_root in ("03", "05")  # an agreement or a pledge: what was signed is where it was signed
    if loc.text and any(ties_to_act(t, trigger, objects=made) for t in _matches(sentence, loc.text)):
        return ev
    if said_at is not None and ev.cameo_root in VERBAL_ROOTS:  # where the sentence puts the speaker
        return ev.model_copy(update={"location": said_at})
    if ev.cameo_root in VERBAL_ROOTS and at_a_meeting(sentence, trigger, dateline, ev.actor1):
        return ev.model_copy(update={"location": dateline})  # "the minister told reporters after the signing"
    if (ev.cameo_root in RECIPROCAL_ROOTS and ev.actor2 is not None and ev.actor2.country
            and ev.actor2.country == loc.country and loc.feature_type != "country"
            and (ev.actor1 is None or ev.actor1.country != loc.country)):
        return ev  # two parties met or agreed where the article puts it, in the other's country: "Chile and Bolivia
        # agreed ... after talks in the Bolivian city of Santa Cruz" (Santa Cruz, not Chile)
    speaker = ev.actor1.country if ev.actor1 is not None else None
    if speaker is None:  # an organisation of no country (the U.N., Amnesty): the country it spoke about
        kept = country_level(loc.country, country_names.get(loc.country)) if loc.country else None
        return ev.model_copy(update={"location": kept})
    if loc.country == speaker and _own_place(sentence, loc, ev.actor1):
        return ev
    if seat is not None and seat.country == speaker and _the_state(ev.actor1) and not is_local(ev.actor1):
        return ev.model_copy(update={"location": seat})
    if loc.country == speaker and loc.feature_type == "country":
        return ev
    return ev.model_copy(update={"location": country_level(speaker, country_names.get(speaker))})


def at_seat(ev: Event, seat_of: Callable[[str], Location | None], country_names: dict[str, str]) -> Event:
    """A national government's own word or decision that the text places only at its country's level ("Ethiopia
    rejected the accusations", "Canada imposed sanctions", "the government pledged") placed at the seat of that
    government, the country's capital, with ACLED's geo-precision 3 (a place inferred, not written) and no text:
    that is where a national government speaks and decides, and a place a map can show. Not its forces' or police's
    (they speak from where they act), a local office's, a party's or a group's, nor a meeting (where leaders met is
    not known from who they are)."""
    loc, actor = ev.location, ev.actor1
    if (loc is None or loc.feature_type != "country" or actor is None or loc.country != actor.country
            or ev.cameo_root not in DECIDED_ROOTS or is_local(actor)):
        return ev
    role = role_of(actor)
    if not (role in GOV_ROLES or (role == "" and actor.name == country_names.get(loc.country))):
        return ev
    seat = seat_of(loc.country)
    if seat is None:
        return ev
    return ev.model_copy(update={"location": seat.model_copy(update={"geo_precision": 3, "text": None})})


def placeless(ev: Event) -> bool:
    """Whether an event has no place of its own: placed at country level, or at a place none of its sentences names
    (the last town the text named before it: "a nurse returning to her post in Kumbo", then "the governor's office
    condemned the attack")."""
    return (ev.location is not None and ev.location.feature_type == "country") or borrowed_place(ev)


def at_the_scene(ev: Event, main: Event | None, region: Location | None) -> Event:
    """A reaction told with no place of its own, placed where the article's main happening is: a local side's
    ("the state government condemned the killings", "union leaders said") at that happening's place, or at its
    region (`region`, the main place's province) for one that speaks for a province or a federal state; a claim of
    responsibility (CAMEO 015) at the place of the act claimed; a side of the main act (not a government) at its
    place ("police blamed infiltrated groups for the violence"). Only for a main act done at one spot (an attack, a
    protest) in the reaction's country, and only when the reaction has no place of its own (`placeless`)."""
    if (main is None or ev is main or main.location is None or main.location.feature_type == "country"
            or ev.cameo_root not in VERBAL_ROOTS or ev.location is None or not placeless(ev)
            or main.event_class not in FOLDED_CLASSES):
        return ev
    if main.event_date and ev.event_date and abs((main.event_date - ev.event_date).days) > 2:
        return ev  # a reaction to another, earlier happening
    if ev.cameo_code == "015" and main.event_class == "political_violence":
        return ev.model_copy(update={"location": main.location})
    party = ev.actor1 is not None and role_of(ev.actor1) not in GOV_ROLES and ev.actor1.name in {
        a.name for a in (main.actor1, main.actor2) if a is not None}  # "the police blamed infiltrators"
    if ev.location.country != main.location.country or not (party or is_local(ev.actor1)):
        return ev
    if speaks_for_region(ev.actor1):
        return ev if region is None else ev.model_copy(update={"location": region})
    return ev.model_copy(update={"location": main.location})
