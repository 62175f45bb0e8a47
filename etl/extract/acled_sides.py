"""ACLED's conventions for an event's sides: who is actor1 and actor2 of a protest, of violence against civilians,
of an arrest; the generic side where the text names none; a state's forces hit; inter codes that depend on the event.
"""

from __future__ import annotations

import re

from etl.extract import actors as actors_mod
from etl.extract.codebook import (
    ARMED_ROOTS,
    ARMED_SUBS,
    GOV_ROLES,
    PROTEST_SUBS,
    REMOTE_SUBS,
    UNKNOWN_PERPETRATOR_SUBS,
    VICTIM_SUBS,
    VIOLENT_SUBS,
    generic_actor,
    role_of,
)
from etl.extract.lexicon import cue, cue_may_match, words
from etl.extract.sides import distinct_sides, named_properly
from schemas.models import Actor

CIVILIAN_HARM = cue("CIVILIAN_HARM")
PLACED = re.compile(r"\s(?:from|in|near|at|on)\s")
COUNTER = cue("COUNTER")
INTERVENTION = cue("INTERVENTION")
STATE_FORCE_HIT = cue("STATE_FORCE_HIT")
OFF_DUTY = cue("OFF_DUTY")
RETIRED = cue("RETIRED")


def state_force_hit(text: str) -> str | None:
    """Whether the state's forces are the ones hit ("opened fire on two policemen", "an IED targeting a regime
    vehicle", "three soldiers were killed"): "police" or "military", else None."""
    m = STATE_FORCE_HIT.search(text) if cue_may_match("STATE_FORCE_HIT", text) else None
    if m is None or OFF_DUTY.search(m.group(0)) or RETIRED.search(m.group(0)):
        return None  # "shot an off-duty policeman", "killed a retired soldier": no armed side was hit
    word = (m.group(1) or m.group(2) or "").lower()
    return "police" if word.startswith("police") else "military"


def acled_sides(sub: str | None, a1: Actor | None, a2: Actor | None,
                country: str | None, context: str | None = None,
                clause: str | None = None) -> tuple[Actor | None, Actor | None]:
    """ACLED's order of sides: protesters are actor1 of a protest and the force that intervenes actor2 ("police
    dispersed protesters" turns round); violence against civilians, mob violence, looting and arrests have their
    victims as actor2, civilians when the text names nobody else; arrests are made by the police if no one is
    named; an attack, bombing or abduction by no one named is by an unidentified armed group. `clause`, when given,
    is the act's own clause (a sentence of an article may tell several happenings): the state's forces hit are
    looked for there."""
    if sub in PROTEST_SUBS or sub == "Violent demonstration":
        if a1 is not None and a1.inter == 1 and (a2 is None or a2.inter in (5, 6, 7)):
            a1, a2 = a2, a1
        elif a1 is not None and a1.inter == 1 and a2 is not None and a2.inter == 1 and role_of(a1) and role_of(a2):
            # "police fired tear gas at students as they marched on the governor's offices": no state demonstrates;
            # the crowd the text did not name is actor1, the force that met it actor2 (not the office marched on);
            # a country's bare name on either side is its people ("Palestinian riots against Israeli military
            # policies", "fired tear gas toward Palestinians")
            a1, a2 = None, a1 if role_of(a1) in ("COP", "MIL") else a2
        if a1 is not None and (a1.inter is None or (a1.inter == 6 and role_of(a1) == "OPP"
                                                    and not a1.name.startswith("Protesters"))
                               or (a1.inter == 5 and role_of(a1) == "OPP" and sub in PROTEST_SUBS)):
            # "members of CCOO held a protest", "the opposition marched": protesters, as written; and "a crowd
            # chanted slogans" at a protest is its protesters (ACLED's rioters riot)
            a1 = generic_actor("protesters", a1.country or country).model_copy(update={"text": a1.text})
        a1 = a1 or generic_actor("protesters", country)
        if sub == "Peaceful protest" and a2 is not None and not (a2.inter == 6 and COUNTER.search(context or "")):
            a2 = None  # what a peaceful protest is against is its cause, not a party to it (counter-protesters are)
        if a2 is None and sub in ("Protest with intervention", "Excessive force against protesters"):
            a2 = generic_actor("police", country)
        if a2 is None and sub == "Violent demonstration" and context and INTERVENTION.search(context):
            a2 = generic_actor("police", country)  # rioters met with tear gas: the force that engaged them
    elif sub in VICTIM_SUBS:
        if sub == "Arrests" and a1 is None:
            a1 = generic_actor("police", country)
        if a1 is not None and a1.inter == 7 and sub in UNKNOWN_PERPETRATOR_SUBS:
            a1 = generic_actor("unidentified", a1.country or country).model_copy(update={"text": a1.text})
        if a1 is None and sub in UNKNOWN_PERPETRATOR_SUBS:
            a1 = generic_actor("unidentified", country)
        if a2 is None:
            a2 = generic_actor("civilians", country)
    elif sub in UNKNOWN_PERPETRATOR_SUBS and (a1 is None or a1.inter == 7):
        # "a passenger bus struck an explosive device": the people a bomb hit did not set it off; ACLED's
        # civilians are never the doers of remote violence, and who set it, unnamed, is an unidentified armed group
        if a1 is not None and a2 is None:
            a2 = a1
        a1 = generic_actor("unidentified", a1.country if a1 is not None and a1.country else country)
    a2 = people_hit(a2, sub, context)
    if a2 is None and sub in REMOTE_SUBS | {"Attack", "Armed clash"} and context:
        force = state_force_hit(clause if clause is not None else context)
        hit = generic_actor(force, country) if force is not None else None
        if hit is not None and not (a1 is not None and a1.name == hit.name):
            a2 = hit  # "opened fire on two policemen", "an IED targeting a regime vehicle"; a force the doer itself
            # is was hit by another clause's act ("the army shelled villages after rebels ambushed an army convoy")
    if a2 is None and sub in REMOTE_SUBS and context and CIVILIAN_HARM.search(context):
        a2 = generic_actor("civilians", country)  # shelling or a bomb that hits homes and people is against civilians
    return a1, a2


def people_hit(actor: Actor | None, sub: str | None, context: str | None) -> Actor | None:
    """People named by their work ("five farmers", "two teachers", "striking workers") stand as protesters only in
    a demonstration: hit, abducted or robbed where no one demonstrates, they are civilians (ACLED's inter 7)."""
    if (actor is None or sub not in ARMED_SUBS | {"Mob violence"} or role_of(actor) != "OPP" or actor.inter != 6
            or _group_named(actor.text or "")):
        return actor
    demonstrating = tuple(words("protest_words"))  # data/words/protest_words.txt, as prefixes ("protesters")
    if any(w.strip(".,;:\"'").lower().startswith(demonstrating) for w in (context or "").split()):
        return actor
    return generic_actor("civilians", actor.country).model_copy(update={"text": actor.text})


def _group_named(text: str) -> bool:
    """Whether people named by their work are named as a group ("members of the Kenya National Union of Teachers"),
    not only by common nouns: a capitalised word that is no country's name or demonym ("three Malian employees"),
    before where they are from ("two construction workers from Punjab")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    countries = actors_mod.country_lexicon()
    bare = (w.strip(",.;:'’\"") for w in PLACED.split(text)[0].split())
    return any(w[:1].isupper() and w.lower() not in countries and w.lower() not in STOP_WORDS for w in bare)


def role_adjusted(actor: Actor | None, sub: str | None, side: int, event_country: str | None) -> Actor | None:
    """ACLED conventions that depend on the event: protesters are 6 in protests, rioters 5 in riots."""
    if actor is None:
        return None
    inter = actors_mod.acled_inter(actor, event_country)
    if sub in ("Peaceful protest", "Protest with intervention", "Excessive force against protesters") and side == 1 \
            and actor.inter in (5, 6, 7):
        inter = 6
    if sub in ("Violent demonstration", "Mob violence") and side == 1:
        inter = 5  # a riot's first side is its rioters, whoever they are otherwise
    if inter is None and sub in ARMED_SUBS:  # a group we have no entry for, named as the one who used force:
        inter = 3 if side == 1 or sub == "Armed clash" else None  # most often a local militia
    if inter != actor.inter:
        return actor.model_copy(update={"inter": inter})
    return actor


def unarmed_victim(actor: Actor | None) -> Actor | None:
    """Whom force is used on counts as a civilian in ACLED when unarmed: an official of the state (a mayor, a
    prosecutor, a minister) or an off-duty police officer or soldier; the CAMEO role stays."""
    if actor is None or actor.inter == 7:
        return actor
    if role_of(actor) in GOV_ROLES or (role_of(actor) in ("MIL", "COP") and OFF_DUTY.search(actor.text or "")):
        return actor.model_copy(update={"inter": 7})
    return actor


def placed(actor: Actor | None, country: str) -> Actor | None:
    """A generic side moved to the country where the event happened: one the coder supplied (no text of its own)
    or one the text names with common nouns only ("12 people", "unidentified gunmen"), which name no country."""
    kind = {"CVL": "civilians", "UAF": "unidentified"}.get(role_of(actor)) if actor is not None else None
    if actor is not None and role_of(actor) == "OPP" and actor.inter == 6:
        kind = "protesters"  # "hundreds of people massed in front of Israel's consulate in Istanbul": Turkey's
    if actor is None or kind is None or actor.country in (None, country) or named_properly(actor):
        return actor
    return generic_actor(kind, country).model_copy(update={"text": actor.text})


def final_sides(sub: str | None, ev_code: str, a1: Actor | None, a2: Actor | None, country: str | None,
                sent_text: str) -> tuple[Actor | None, Actor | None] | None:
    """The event's two sides as stored: two parties (sides.distinct_sides), their inter codes as the event makes
    them; None for a party meeting or agreeing with itself, nothing to tell."""
    sides = distinct_sides(sub, ev_code, a1, a2, country, sub in VIOLENT_SUBS or ev_code[:2] in ARMED_ROOTS,
                           state_force_hit(sent_text))
    if sides is None:
        return None
    return role_adjusted(sides[0], sub, 1, country), role_adjusted(sides[1], sub, 2, country)
