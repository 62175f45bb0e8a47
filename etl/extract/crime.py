"""Ordinary crime: an act of force by one private person, which ACLED's codebook leaves out of political violence.

ACLED codes violence by organised armed groups, states, crowds and political actors; a man who stabs a stranger, a
homeowner who shoots an intruder, a robber who kills a shopkeeper are crime news, not conflict events. Read on a
sentence of a full article: the act's own doer is written as one private person (a singular noun of
data/words/private_persons.txt, or a person's name that resolved to no armed, state or political role), and the
coder found no armed or political side of its own in the text (its actor1 was supplied, or is that person).
"""

from __future__ import annotations

from spacy.tokens import Token

from etl.extract.lexicon import words
from etl.extract.sides import own_role
from schemas.models import Event

# the sub-types whose doer may be anyone (a bombing or a clash is an armed side's by its nature)
# verbs whose passive subject did what they name: "is accused of stabbing", "was convicted of killing"
ACCUSING = {"accuse", "charge", "suspect", "convict", "sentence", "indict", "jail", "blame"}
CRIME_PRONE = {"Attack", "Mob violence", "Looting/property destruction", "Abduction/forced disappearance",
               "Sexual violence"}


def doer(trigger: Token) -> Token | None:
    """The head of who did the act: the trigger's subject, the agent of its passive, or the subject of the verb it is
    coordinated with, a participle of or the object of ("approached Beedle and stabbed him", "opened fire, killing
    three", "beat his neighbour to death", "carried out the attack")."""
    tok: Token | None = trigger
    for _ in range(4):
        if tok is None:
            return None
        for c in tok.children:
            if c.dep_ == "nsubj" or (c.dep_ == "nsubjpass" and tok is not trigger and tok.lemma_ in ACCUSING):
                return c  # ("X stabbed", "X is accused of stabbing")
            if c.dep_ == "agent":
                return next((g for g in c.children if g.dep_ == "pobj"), None)
        if tok.dep_ in ("conj", "advcl", "xcomp", "dobj", "pobj", "pcomp", "prep") and tok.head is not tok:
            tok = tok.head
        else:
            return None
    return None


def private_person(head: Token) -> bool:
    """One private person: a singular noun of the list ("a man", "her husband", "the suspect") or a person's name."""
    if head.tag_ in ("NNS", "NNPS"):
        return False  # "residents", "gunmen": a crowd or a group, which ACLED does code
    if head.ent_type_ == "PERSON":
        return True
    return head.pos_ == "NOUN" and head.lemma_.lower() in words("private_persons")


def ordinary_crime(ev: Event, trigger: Token | None) -> bool:
    """Whether an act of force of an article's sentence is a private person's crime, not political violence."""
    if trigger is None or ev.sub_event_type not in CRIME_PRONE:
        return False
    head = doer(trigger)
    if head is None or not private_person(head):
        return False
    a1 = ev.actor1  # the coder's side is supplied, or made of that person's words ("A man" -> an armed group)
    return a1 is None or a1.text is None or head.text in a1.text


def ordinary_arrest(ev: Event) -> bool:
    """Whether an arrest, detention or sentence (CAMEO 173, ACLED Arrests) is of civilians: people the text gives
    no political, armed or public role ("a 55-year-old man", "five individuals"). ACLED records arrests of
    significant individuals and politically significant mass arrests; in an article that tells no demonstration
    (the caller's check), the arrest of civilians is law enforcement against crime: a CAMEO arrest, outside ACLED's
    scope. A person named without a role may be a politician or a journalist as well as a burglar: not one of these."""
    if not (ev.sub_event_type == "Arrests" or ev.cameo_code.startswith("173")):
        return False
    return ev.actor2 is not None and own_role(ev.actor2) == "CVL"


INQUIRY_PREPS = frozenset({"into", "of", "over"})


def investigates_mishap(ev: Event, trigger: Token | None) -> bool:
    """Whether an investigation (CAMEO 09) is of an accident or a disaster ("opened an investigation into causing a
    fatal road accident"): police or prosecutors at their ordinary work on a mishap, no political act of anyone's."""
    if trigger is None or ev.cameo_root != "09":
        return False
    mishaps = words("mishaps")
    # "investigated the crash", "an investigation into the crash", "opened an investigation into the crash",
    # "into causing a fatal accident": the head of what is investigated, not any word below it ("allegations over
    # flood-control contracts" is no inquiry into a flood)
    nodes = [trigger, trigger.head] if trigger.dep_ == "dobj" else [trigger]
    heads = [g for n in nodes for c in n.children if c.dep_ == "prep" and c.lower_ in INQUIRY_PREPS
             for g in c.children if g.dep_ in ("pobj", "pcomp")]
    heads += [c for c in trigger.children if c.dep_ == "dobj"]
    heads += [g for h in heads if h.dep_ == "pcomp" for g in h.children if g.dep_ == "dobj"]
    heads += [g for h in heads for g in h.conjuncts]
    return any(h.lemma_.lower() in mishaps for h in heads)
