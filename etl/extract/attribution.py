"""Who a sentence says did an act it tells without a doer: "a drone strike blamed on the RSF", "an attack claimed by
Islamic State", "…, officials said, blaming the Houthis", "al-Shabab claimed responsibility for the blast", "an
ambush attributed to the ELN". News names the perpetrator of a strike or a bombing that way more often than as the
subject of its verb; ACLED codes the side so named (as reported). One such phrase in a sentence names the doer of
its acts that have none; a sentence with two names no one, and a denied or absent claim ("no group claimed
responsibility") names no one. A charge names the doer of the act it charges ("accused government forces of
shelling villages"): the side charged.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from etl.extract.codebook import ARMED_ROOTS, VIOLENT_SUBS
from etl.extract.crime import ACCUSING
from schemas.models import Actor

NAMING_VERBS = frozenset({"blame", "claim", "attribute"})
NEGATORS = frozenset({"no", "not", "never", "n't"})
CROWD_SUBS = frozenset({"Mob violence", "Violent demonstration", "Excessive force against protesters"})
# crime's verbs of a charge, without the punishments ("sentenced", "jailed" for it): those tell of a trial's end
CHARGING_VERBS = frozenset(ACCUSING - {"sentence", "jail"})


def _negated(verb: Token) -> bool:
    """"did not claim", "no group claimed": a claim no one made."""
    if any(c.dep_ == "neg" or c.lower_ in NEGATORS for c in verb.children):
        return True
    return any(c.dep_ in ("nsubj", "nsubjpass") and any(d.lower_ in NEGATORS for d in c.children)
               for c in verb.children)


def _named(verb: Token) -> Token | None:
    """The head of whom one naming verb names as the doer, or None."""
    lemma = verb.lemma_.lower()
    for c in verb.children:
        if c.dep_ == "prep" and (lemma, c.lower_) in (("blame", "on"), ("attribute", "to")):
            return next((g for g in c.children if g.dep_ == "pobj"), None)  # "blamed on X", "attributed to X"
        if c.dep_ == "agent" and lemma in ("claim", "blame"):
            return next((g for g in c.children if g.dep_ == "pobj"), None)  # "claimed by X"
    if lemma == "blame" and verb.tag_ == "VBG":  # "…, officials said, blaming X"
        return next((c for c in verb.children if c.dep_ == "dobj"), None)
    if lemma == "claim" and any(c.dep_ == "dobj" and c.lemma_.lower() == "responsibility" for c in verb.children):
        return next((c for c in verb.children if c.dep_ == "nsubj"), None)  # "X claimed responsibility"
    return None


def attributed_doer(sent: Span) -> Token | None:
    """The head of the one side the sentence names as the doer of its act, or None (none named, a negated claim,
    or two named)."""
    named = []
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in NAMING_VERBS:
            head = _named(tok)
            if head is not None:
                if _negated(tok):
                    return None
                named.append(head)
    return named[0] if len(named) == 1 else None


def accused_doer(trigger: Token) -> Token | None:
    """Whom a charge names as the doer of the act it charges: "X accused government forces of shelling villages",
    "the rebels were accused of burning homes", "police blamed the separatists for the attack"."""
    if trigger.dep_ not in ("pcomp", "pobj") or trigger.head.lower_ not in ("of", "for", "with"):
        return None
    prep = trigger.head
    head = prep.head
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ == "dobj" and head.head.lemma_.lower() in CHARGING_VERBS:
        return head  # "accused [government forces] [of shelling]"
    if head.lemma_.lower() in CHARGING_VERBS and head.pos_ in ("VERB", "AUX"):
        return next((c for c in head.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return None


def doer_of(sent: Span, sub: str | None, root: str, a1: Actor | None, a2: Actor | None,
            resolve: Callable[[Token], Actor | None], trigger: Token | None = None) -> Actor | None:
    """The first side of an act of political violence (an ACLED sub-type of it, or a CAMEO act of force) the
    sentence tells with no doer written (`a1` missing, or supplied by the coder rather than read), when the sentence
    names who did it: charged with it ("accused X of shelling"), or named by a claim or blame; else `a1`. Never the
    act's other side, never civilians or a crowd (what the phrase names then is a victim or a suspect, not an armed
    side)."""
    forceful = sub in VIOLENT_SUBS or (sub is None and root in ARMED_ROOTS)
    if not forceful or sub in CROWD_SUBS or (a1 is not None and a1.text):
        return a1
    head = accused_doer(trigger) if trigger is not None else None
    head = head if head is not None else attributed_doer(sent)
    if head is None:
        return a1
    doer = resolve(head)
    if doer is None or doer.inter in (None, 5, 6, 7) or (a2 is not None and doer.name == a2.name):
        return a1
    return doer
