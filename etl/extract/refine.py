"""Refine: the ACLED sub-event type of an act from the trigger's suggestion and the cues of its sentence (weapons,
crowd behaviour, victims; data/cues.toml), and the event type that follows from it.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from etl.extract.acled_sides import acled_sides, state_force_hit, unarmed_victim
from etl.extract.classify.stage import names_demonstration, names_work_stoppage, subtype_cameo
from etl.extract.codebook import (
    ARMED_ROLES,
    ARMED_ROOTS,
    ARMED_SUBS,
    PROTEST_SUBS,
    STATE_ROLES,
    few_people,
    generic_actor,
    is_crowd,
    names_state,
    role_of,
)
from etl.extract.detect import Act
from etl.extract.doctext import doc_text, span_text
from etl.extract.lexicon import acled_types, cue, cue_may_match, words
from etl.extract.parties import armed_lead, other_armed_side, resolve_actor
from etl.extract.scene import Scene
from etl.extract.syntax import noun_phrase, own_clause_text, sentence_of
from schemas.models import Actor

AIR = cue("AIR")
SHELL = cue("SHELL")
IED = cue("IED")
GRENADE = cue("GRENADE")
SUICIDE = cue("SUICIDE")
BOMBER_STOPPED = cue("BOMBER_STOPPED")
CHEMICAL = cue("CHEMICAL")
INTERVENTION = cue("INTERVENTION")
# (an arrest counts when the crowd is arrested: "demanding the release of the detained activists" is a cause)
GUNFIGHT = cue("GUNFIGHT")
LEFT_FROM = cue("LEFT_FROM")
CLASH = cue("CLASH")
PROTEST_CTX = cue("PROTEST_CTX")
EXCESSIVE = cue("EXCESSIVE")
VIOLENT = cue("VIOLENT")
CAUSE = cue("CAUSE")
# what a protest is for or against: the rest of the sentence after it tells the cause, not what the crowd did
PURPOSE = cue("PURPOSE")
# explosions a monitor counts by the weapons that fired them: ordnance fired from afar, not a planted device
FIRED_ORDNANCE = cue("FIRED_ORDNANCE")
MOB = cue("MOB")
FIREARM = cue("FIREARM")
BLUNT = cue("BLUNT")
# who fights unarmed: party cadres and supporters, youths, villagers, traders; and who does not
UNARMED_SIDE = cue("UNARMED_SIDE")
ARMED_GROUP = cue("ARMED_GROUP")
NON_VIOLENT_CROWD = cue("NON_VIOLENT_CROWD")
PROTEST_WORD = cue("PROTEST_WORD")
EXCHANGE_BOTH_WAYS = cue("EXCHANGE_BOTH_WAYS")
GRIEVANCE = cue("GRIEVANCE")
ARMED_VICTIM = cue("ARMED_VICTIM")
VICTIM_WAS_ARMED = cue("VICTIM_WAS_ARMED")
WHEREABOUTS = cue("WHEREABOUTS")
SHORT_REPORT = 1000  # characters: longer than 99.9% of ACLED's 72,660 training notes (99th percentile: 620)


def is_short_report(text: str) -> bool:
    """Whether a text reads as one report of one happening (an ACLED-style note, a wire brief), to be read as one
    context and every act of it coded, rather than as an article whose sentences are read one by one: no longer
    than SHORT_REPORT characters, which 99.9% of ACLED's notes are (a brief of a few short paragraphs too; read
    sentence by sentence, a wire brief lost its own lead)."""
    return len(text.strip()) <= SHORT_REPORT


# killings in shelling or an air strike are that military force in CAMEO, whatever verb told them
HEAVY_WEAPON_CAMEO = {"Shelling/artillery/missile attack": "194", "Air/drone strike": "195"}


def crowd_violence_type(ctx: str) -> str:
    """A crowd's violence: a violent demonstration when the report tells of a protest, else mob violence."""
    return "Violent demonstration" if PROTEST_CTX.search(ctx) else "Mob violence"


def violent_crowd(text: str) -> bool:
    """Whether a report tells of a crowd's violence: a cue that is the protest's cause ("against the stone pelting",
    "following a clash") or part of a name ("Burnt Store Isles") does not count."""
    if not cue_may_match("VIOLENT", text):
        return False
    for m in VIOLENT.finditer(text):
        if m.group(0)[0].isupper() and m.start() > 0 and text[m.start() - 2:m.start()].strip() not in (".", ""):
            continue
        if CAUSE.search(text[max(0, m.start() - 40):m.start()]):
            continue
        sentence_start = max(text.rfind(". ", 0, m.start()) + 2, 0)
        purpose = list(PURPOSE.finditer(text, sentence_start, m.start()))
        if purpose and not re.search(r"[,;]", text[purpose[-1].end():m.start()]):
            continue  # "to protest against the decision to convert the camp into a violent juvenile facility"
            # (but "demonstrated against the food, burning down a hut": the clause after the comma is the course)
        return True
    return False


def suicide_attack(text: str) -> bool:
    """Whether a text tells a suicide attack: a suicide bomber, vest or car named other than as the one killed,
    caught or feared ("snipers shot dead two suicide bombers", "a would-be suicide bomber was arrested")."""
    return cue_may_match("SUICIDE", text) and any(
        not BOMBER_STOPPED.search(text[max(0, m.start() - 40):m.start()]) for m in SUICIDE.finditer(text))


def refine_acled(sub: str | None, sent_text: str, a1: Actor | None, a2: Actor | None,
                 fatalities: int, context: str | None = None) -> str | None:
    """ACLED sub-event type from the trigger's suggestion and the cues of the sentence; crowd behaviour is read
    over `context` (the whole report when it is short), as a protest's course is often told after its lead."""
    ctx = context or sent_text
    if sub is None:
        return None
    role1, role2 = role_of(a1), role_of(a2)
    if sub in ("Peaceful protest", "Violent demonstration", "Protest with intervention"):
        if EXCESSIVE.search(ctx) or (fatalities and PROTEST_WORD.search(sent_text)
                                           and role1 in STATE_ROLES):
            return "Excessive force against protesters"
        if sub == "Violent demonstration" or (violent_crowd(ctx) and not NON_VIOLENT_CROWD.search(sent_text)):
            return "Violent demonstration"
        if INTERVENTION.search(ctx):
            return "Protest with intervention"
        return "Peaceful protest"
    if (sub in ("Attack", "Armed clash") and role1 in STATE_ROLES and a2 is not None and a2.inter == 6
            and role2 == "OPP" and (fatalities or EXCESSIVE.search(ctx))):
        return "Excessive force against protesters"  # "soldiers opened fire on demonstrators, killing five"
    if role1 == "SET" and sub in ("Attack", "Armed clash", "Mob violence"):
        return "Mob violence"  # settlers' raids on villagers are mob violence in ACLED, whatever they carry
    if (sub in ("Mob violence", "Looting/property destruction") and is_crowd(a1)) or sub == "Mob violence":
        return crowd_violence_type(ctx)
    if sub == "Arrests" and a2 is not None and role2 == "OPP" and a2.inter == 6 and PROTEST_CTX.search(ctx):
        return "Protest with intervention"  # arresting protesters is how ACLED's intervention in a protest looks
        # (arresting an opposition's supporters at home is an arrest)
    if sub == "Arrests" and a1 is not None and (a1.inter in (2, 3, 4) or WHEREABOUTS.search(ctx)):
        return "Abduction/forced disappearance"  # detained by an armed group, or not seen since
    if sub == "Arrests" and a1 is not None and a1.inter in (5, 7):
        return "Mob violence"  # a crowd or residents seizing someone: no arrest
    if sub == "Headquarters or base established" and a1 is not None and a1.inter == 6:
        return "Peaceful protest"  # a protesters' camp is a sit-in; a base is an armed group's (codebook)
    if sub in ("Arrests", "Agreement", "Change to group/activity", "Headquarters or base established",
               "Non-violent transfer of territory", "Looting/property destruction", "Disrupted weapons use",
               "Abduction/forced disappearance", "Sexual violence", "Government regains territory",
               "Non-state actor overtakes territory"):
        if sub == "Non-state actor overtakes territory" and role1 in STATE_ROLES:
            return "Government regains territory"
        if sub == "Government regains territory" and role1 in ("REB", "UAF"):
            return "Non-state actor overtakes territory"
        return sub
    # violence: the weapon decides remote violence; the victims decide civilians vs clash
    if suicide_attack(sent_text):
        return "Suicide bomb"
    if CHEMICAL.search(sent_text) and sub == "Chemical weapon":
        return sub
    if AIR.search(sent_text) and sub in ("Air/drone strike", "Shelling/artillery/missile attack", "Attack",
                                         "Remote explosive/landmine/IED"):
        return "Air/drone strike"
    if SHELL.search(sent_text) and sub in ("Shelling/artillery/missile attack", "Attack", "Air/drone strike"):
        return "Shelling/artillery/missile attack"
    if sub == "Remote explosive/landmine/IED" and FIRED_ORDNANCE.search(sent_text):
        if EXCHANGE_BOTH_WAYS.search(sent_text):
            return "Armed clash"  # "... involving small arms", "in both directions of the frontline": an exchange
        return "Shelling/artillery/missile attack"  # "observed 14 explosions involving artillery/unknown weapons"
    if GRENADE.search(sent_text):
        return "Grenade"
    if IED.search(sent_text) and sub in ("Remote explosive/landmine/IED", "Attack", "Armed clash", "Air/drone strike"):
        # "a roadside bomb struck a police van": a strike told with no aircraft or drone (AIR above) is the bomb's
        if any(not LEFT_FROM.search(ctx[max(0, m.start() - 30):m.start()]) for m in GUNFIGHT.finditer(ctx)):
            return "Armed clash"  # "a mine attack, and both sides exchanged fire": the fighting is the event
            # (not "a landmine left from previous clashes")
        return "Remote explosive/landmine/IED"
    if sub == "Air/drone strike" and FIREARM.search(sent_text):
        sub = "Attack"  # "gunmen struck a village": a strike told with guns and no aircraft is no air strike
    if sub in ("Air/drone strike", "Remote explosive/landmine/IED"):
        return sub
    if sub == "Shelling/artillery/missile attack":
        if SHELL.search(ctx):
            return sub
        sub = "Attack"  # "fired at a patrol", "fired gunshots": fire with no heavy weapon named is no shelling
    armed_few = FIREARM.search(sent_text) is not None and not MOB.search(sent_text)
    if (is_crowd(a1) and not armed_few) or (MOB.search(sent_text) and role1 in ("", "CVL", "OPP")):
        return crowd_violence_type(ctx)
    if sub == "Attack" and (role1 in ("", "SET", "CVL", "OPP") or (role1 == "UAF" and MOB.search(sent_text))) \
            and BLUNT.search(sent_text) and not FIREARM.search(sent_text) and not few_people(a1):
        return crowd_violence_type(ctx)  # beaten, stoned: a mob
    if (sub == "Attack" and a1 is not None and UNARMED_SIDE.search(a1.text or "") and not FIREARM.search(sent_text)
            and not ARMED_GROUP.search(sent_text) and a1.inter not in (1, 2, 8)):
        # "party supporters assaulted two rivals", "a group of women assaulted a man": no armed side
        return crowd_violence_type(ctx)
    if sub == "Armed clash" and UNARMED_SIDE.search(sent_text) and not FIREARM.search(sent_text) \
            and not ARMED_GROUP.search(sent_text) and not any(a is not None and a.inter in (2, 3, 4, 8)
                                                               for a in (a1, a2)):
        # "cadres of NC and CPN(UML) clashed", "merchants clashed with police": a brawl, no armed side
        return crowd_violence_type(ctx)
    armed2 = (role2 in ARMED_ROLES and not (a2 is not None and a2.inter == 7)) or (  # (not "an off-duty officer")
        a2 is not None and a2.inter in (1, 2, 3, 4, 8) and role2 not in ("CVL", "OPP"))
    armed2 = armed2 or (a2 is None and state_force_hit(sent_text) is not None)  # "opened fire on two policemen"
    if armed2 and (role1 in ARMED_ROLES or not role1):
        return "Armed clash"
    if sub == "Armed clash" and role2 in ("CVL", "") and role1 in ARMED_ROLES and not CLASH.search(sent_text):
        return "Attack"
    if (sub == "Attack" and role2 in ("", "CVL")) or sub in ("Attack",):
        return "Attack"
    return sub


def event_type_of(sub: str | None, code: str) -> tuple[str, str]:
    """(ACLED event type, sub-event type); an act of no ACLED kind is stored as "Strategic developments / Other"."""
    if sub is None:
        return "Strategic developments", "Other"
    return acled_types().get(sub, "Strategic developments"), sub


def armed_victim(tok: Token) -> bool:
    """Whether whom an act of force is done to is written as a member of an armed body: after the act ("killed
    three members of the Tandera militia") or as the subject of its passive ("a gang member was shot")."""
    sent = sentence_of(tok)
    text = doc_text(sent.doc)
    after = text[tok.idx:sent.end_char]
    if ARMED_VICTIM.search(after):
        return True
    if is_short_report(text) and VICTIM_WAS_ARMED.search(text):
        return True  # a short report that tells who the victim was: "The victim was a member of a local gang."
    return any(c.dep_ == "nsubjpass" and ARMED_VICTIM.search(noun_phrase(c).text) for c in tok.children)


BLOCKING = words("blocking")
# a state by the body that speaks for it as a whole ("the government", "the foreign ministry"): its protest is a
# formal complaint; its officials, agents or employees who protest demonstrate like anyone else
STATE_ITSELF = frozenset({"government", "ministry"})


def _the_state_itself(actor: Actor) -> bool:
    """The state by its name, or by the body that speaks for it as a whole ("the government", "the ministry")."""
    last = (actor.text or "").lower().split()[-1:]
    return actor.inter == 1 and (names_state(actor) or (role_of(actor) == "GOV" and bool(last)
                                                         and last[0] in STATE_ITSELF))


def names_crowd(sent: Span) -> bool:
    """Whether a sentence names people who could gather (protesters, workers, residents, students: the crowd roles
    of data/actors_groups.tsv): then a place or country read as the side of a protest is the parser's error, and
    the people protested."""
    from etl.extract.actors import word_role

    return any((role := word_role(t)) is not None and role.code in ("OPP", "CVL")
               for t in sent if t.pos_ in ("NOUN", "PROPN") and not _one_person(t))


def _one_person(tok: Token) -> bool:
    """"a Finnish citizen", "one student": a single person, who is no crowd."""
    return tok.tag_ == "NN" and any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one")
                                    for c in tok.children)


def typed_pair(scene: Scene, sent: Span, act: Act, code: str, k: int, a1: Actor | None, a2: Actor | None,
               obj: Token | None, lead: Token | None, fatalities: int
               ) -> tuple[str | None, str, Actor | None, Actor | None]:
    """(sub-event type, CAMEO code, actor1, actor2) of the k-th pair of sides of an act: the sub-type from the cues,
    the sides an act of that type needs where the parse gave none (the sentence's lead subject, the other armed
    side of a clash, the armed side a lead names), then ACLED's order of sides. `lead` is the sentence's lead
    subject (arguments.lead_subject), `obj` the head of the act's second side; `code` the act's code as the pairs
    before this one left it (a state's blockade is recoded once for all its pairs)."""
    tok, trigger, context = act.hit.token, act.hit.trigger, scene.context
    act_root = trigger.cameo[:2]
    acled_sub = trigger.acled_sub if code == trigger.cameo else None
    if act_root in ARMED_ROOTS:
        a2 = unarmed_victim(a2)
    sent_text = span_text(sent)
    sub = refine_acled(acled_sub, sent_text, a1, a2, fatalities, context)
    if a1 is None and sub is not None and k == 0 and lead is not None and (obj is None or lead.i != obj.i):
        a1 = resolve_actor(scene.resolver, lead, scene.doc, scene.default_country, scene.named_country)
        if a1 is not None:
            sub = refine_acled(acled_sub, sent_text, a1, a2, fatalities, context)
    if (sub in (None, "Other") and a1 is not None and a1.inter == 6 and role_of(a1) == "OPP"
            and act_root in ("10", "11", "12", "13") and not act.negated
            and (context is not None or names_demonstration(sent) or names_work_stoppage(sent))):
        # "protesters demanded water", "workers denounced the closure" in a report of one happening; in a sentence
        # of an article, a party's, a union's or workers' words are a demonstration only where the sentence tells
        # of one ("Opposition parties condemned the detentions" is a statement)
        sub = "Peaceful protest"
    if sub == "Non-state actor overtakes territory" and a1 is not None and a1.inter in (5, 6, 7) and not act.negated:
        sub = "Peaceful protest"  # "students occupied their school", "parents took over the school"
    if sub == "Armed clash" and (a1 is None or a2 is None):
        a1, a2 = other_armed_side(scene.resolver, sent, scene.doc, a1, a2, scene.default_country)
        if (a2 is None and a1 is not None and scene.default_country and a1.country
                and a1.country != scene.default_country and role_of(a1) in ("MIL", "COP")):
            a2 = generic_actor("military", scene.default_country)  # a foreign army fights the country's own
    elif a1 is None and k == 0 and sub in ARMED_SUBS:
        a1 = armed_lead(scene.resolver, sent, scene.doc, tok, a2, scene.default_country)
    if (code[:2] == "14" and tok.lemma_.lower() in BLOCKING and a1 is not None and a1.inter == 1
            and (role_of(a1) in ("MIL", "COP", "GOV") or (role_of(a1) == "" and names_state(a1)))
            and not PROTEST_CTX.search(context or sent_text) and not GRIEVANCE.search(context or sent_text)):
        code, sub = "191", None  # "Israel reimposed blockades": a state restricting movement, no protest
    if (sub in PROTEST_SUBS | {"Violent demonstration"} and a1 is not None and _the_state_itself(a1)
            and not names_crowd(sent)):
        code, sub = "114", None  # "India summoned Pakistan's envoy to protest against the firing": a state's
        # formal complaint, not a demonstration (ACLED's demonstrators are people gathered, never a government)
    a1, a2 = acled_sides(sub, a1, a2, scene.default_country, sent_text,
                         clause=own_clause_text(tok) if context is None else None)
    if sub == "Attack" and a2 is not None and role_of(a2) == "CVL" and armed_victim(tok):
        sub = "Armed clash"  # "shot a gang member", "killed a commander of the X Division": armed on
        a2 = generic_actor("unidentified", a2.country or scene.default_country)  # both sides, whoever shot first
    return sub, code, a1, a2


def event_code(sub: str | None, code: str, means: Token | None) -> str:
    """The CAMEO code of an event as its ACLED type tells it, whatever verb told the act."""
    ev_code = "190" if sub == "Armed clash" and code[:2] == "18" else code  # an armed clash is conventional fighting
    if sub == "Violent demonstration" and code[:2] in ("17", "18"):
        ev_code = "145"  # a crowd's destruction or violence is a violent protest in CAMEO too
    if sub == "Abduction/forced disappearance" and code[:3] == "173":
        ev_code = "181"  # held by whoever has no power of arrest: an abduction in CAMEO too
    if sub == "Peaceful protest" and code[:2] in ("15", "19"):
        ev_code = "141"  # an occupation or a camp in protest is a demonstration, not a taking of territory or a
        # show of force
    if code[:2] == "18" and means is not None and sub in HEAVY_WEAPON_CAMEO:  # "killed in shelling"
        ev_code = HEAVY_WEAPON_CAMEO[sub]
    if code == "195" and sub is not None and sub != "Air/drone strike" and sub in subtype_cameo():
        ev_code = subtype_cameo()[sub][0]  # "a roadside bomb struck", "gunmen struck": no aerial weapon was used
    return ev_code
