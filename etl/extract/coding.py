"""Where a CAMEO code is decided: one parsed article in, its events out.

For every sentence, triggers from the action lexicon (data/actions.tsv) are found on lemmas and parts of speech.
Each trigger gives a CAMEO code; the dependency parse gives its sides (subject → actor1, object or "on/against/
with" phrase → actor2, "by" phrase of a passive → actor1), its negation and its modality. Cues in the sentence
(weapons, crowd behaviour, the victims) then decide the ACLED sub-event type, from which the event type follows;
QuadClass, Goldstein and the PLOVER category follow from the CAMEO code.

Triggers under a future or hypothetical head ("threatened to attack", "plans to strike") are not coded as the act:
the head itself is (a threat, an intent). A report of a statement ("X said Y attacked Z") gives a statement event
by X and the reported event, with X kept as its `claim_source`.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from etl.extract import actors as actors_mod
from etl.extract.certainty import certainty_of, is_hedged
from etl.extract.classify.model import load_classifier
from etl.extract.classify.stage import classify, is_typed
from etl.extract.dateline import doc_datelines, event_places, filed_from, without_datelines
from etl.extract.dates import is_history, resolve_date
from etl.extract.fatalities import count_fatalities
from etl.extract.geo.parser import doc_text, owns_place
from etl.extract.lexicon import Trigger, acled_types, cameo, cue, report_labels, triggers, word_codes, words
from etl.extract.outlet import publication_country
from etl.extract.sides import distinct_sides, own_target
from schemas.models import Actor, Article, Event, Location, SourceRef, TimePrecision, acled_class, cameo_class

RULES_VERSION = "0.3.0"  # the rule stages; the coder's version adds the classifier's (see coder_version)


def coder_version(use_classifier: bool = True) -> str:
    """What coded an event: the rules' version and, when one is loaded, the classifier model's ("0.3.0+cls-…")."""
    clf = load_classifier() if use_classifier else None
    return f"{RULES_VERSION}+{clf.version}" if clf is not None else RULES_VERSION


log = logging.getLogger(__name__)

SPEECH = words("speech_verbs")
FUTURE_HEADS = words("future_heads")
NEGATING_HEADS = words("negating_heads")  # "failed to reach agreement" is the opposite of agreeing
MODALS = words("modals")

AIR = cue("AIR")
SHELL = cue("SHELL")
IED = cue("IED")
GRENADE = cue("GRENADE")
SUICIDE = cue("SUICIDE")
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


FEW = cue("FEW")


def _few(actor: Actor | None) -> bool:
    """One person or a couple ("a man", "two individuals", "three unidentified assailants"): no crowd, no mob."""
    return actor is not None and bool(FEW.match((actor.text or "").strip()))


def _riot(ctx: str) -> str:
    """A crowd's violence: a violent demonstration when the report tells of a protest, else mob violence."""
    return "Violent demonstration" if PROTEST_CTX.search(ctx) else "Mob violence"


def violent_crowd(text: str) -> bool:
    """Whether a report tells of a crowd's violence: a cue that is the protest's cause ("against the stone pelting",
    "following a clash") or part of a name ("Burnt Store Isles") does not count."""
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
MOB = cue("MOB")
SYMBOLIC = cue("SYMBOLIC")
FIREARM = cue("FIREARM")
BLUNT = cue("BLUNT")
# who fights unarmed: party cadres and supporters, youths, villagers, traders; and who does not
UNARMED_SIDE = cue("UNARMED_SIDE")
ARMED_GROUP = cue("ARMED_GROUP")
NON_VIOLENT_CROWD = cue("NON_VIOLENT_CROWD")
PROTEST_WORD = cue("PROTEST_WORD")
EXCHANGE_BOTH_WAYS = cue("EXCHANGE_BOTH_WAYS")
RETIRED = cue("RETIRED")

LIGHT_VERBS = words("light_verbs")
ROLES = {"MIL", "COP", "GOV", "REB", "OPP", "CVL", "JUD", "BUS", "MED", "EDU", "REF", "IGO", "PTY", "LEG", "SPY",
         "INS", "UAF", "LAB", "AGR", "HLH", "NGO", "CRM", "ELI", "MOD", "RAD", "SET"}
HQ_CUE = cue("HQ_CUE")
CROWD_CONTROL = cue("CROWD_CONTROL")

ARMED_ROLES = {"MIL", "COP", "REB", "UAF", "SPY"}
STATE_ROLES = {"MIL", "COP", "GOV", "JUD", "LEG", "SPY"}
VIOLENT_SUBS = {"Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack",
                "Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Chemical weapon", "Mob violence",
                "Abduction/forced disappearance", "Sexual violence", "Government regains territory",
                "Non-state actor overtakes territory", "Excessive force against protesters", "Violent demonstration"}
SHORT_REPORT = 1500  # characters: a brief report is read as one context for crowd-behaviour cues
SEVERITY = {"Battles": 5, "Explosions/Remote violence": 5, "Violence against civilians": 5, "Riots": 4,
            "Protests": 3, "Strategic developments": 2}


@dataclass
class Hit:
    trigger: Trigger
    token: Token  # the head token of the trigger
    end: int  # token index after the trigger


@lru_cache(maxsize=2)
def _index(table: str = "actions.tsv") -> tuple[dict[str, list[Trigger]], dict[str, list[Trigger]]]:
    single: dict[str, list[Trigger]] = {}
    multi: dict[str, list[Trigger]] = {}
    for t in triggers(table):
        (single if len(t.lemmas) == 1 else multi).setdefault(t.lemmas[0], []).append(t)
    for v in multi.values():
        v.sort(key=lambda t: -len(t.lemmas))
    return single, multi


def _pos_ok(t: Trigger, tok: Token) -> bool:
    if t.pos == "ANY":
        return True
    if t.pos == "VERB":
        return tok.pos_ in ("VERB", "AUX") or (tok.tag_ in ("VBN", "VBD", "VBG") and tok.pos_ != "NOUN")
    return tok.pos_ in ("NOUN", "PROPN", "ADJ")


def find_triggers(sent: Span) -> list[Hit]:
    """The action words of a sentence; the fallback lexicon only where the main one finds none."""
    hits = _find_triggers(sent, "actions.tsv") or _find_triggers(sent, "actions_fallback.tsv")
    return hits + _told_obligations(sent, {h.token.i for h in hits})


DEMANDED = Trigger(("must",), "ANY", "100", None)


def _told_obligations(sent: Span, taken: set[int]) -> list[Hit]:
    """"X declared that Y must drop its barriers": what a speaker says another side must do is a demand of that
    side, also when the act demanded is none the lexicon codes (an act it codes is a demand already, see
    _obliged)."""
    return [Hit(DEMANDED, tok, tok.i + 1) for tok in sent
            if tok.dep_ == "ccomp" and tok.i not in taken and tok.head.lemma_.lower() in SPEECH
            and any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children)
            and any(c.dep_ == "nsubj" for c in tok.children)]


def _find_triggers(sent: Span, table: str) -> list[Hit]:
    single, multi = _index(table)
    hits: list[Hit] = []
    i, toks = 0, list(sent)
    while i < len(toks):
        tok = toks[i]
        if tok.ent_type_ in ("DATE", "TIME"):  # "On 5 March", "in May": a month is not a march
            i += 1
            continue
        low = tok.lemma_.lower()
        matched = False
        for t in multi.get(low, []) + multi.get(tok.lower_, []):
            n = len(t.lemmas)
            window = toks[i:i + n]
            same = len(window) == n and all(w.lemma_.lower() == x or w.lower_ == x
                                            for w, x in zip(window, t.lemmas, strict=True))
            if same and (t.pos == "NOUN" or any(_pos_ok(t, w) for w in window)):  # ("sexually abused": the verb
                # of a phrase need not come first)
                head = next((w for w in window if w.head.i == w.i or not window[0].i <= w.head.i <= window[-1].i),
                            window[-1])  # the phrase's syntactic head: "strike" of "air strike", with its "by X"
                verb = next((w for w in reversed(window) if w.pos_ in ("VERB", "AUX")), tok)  # "re-examine"
                if verb.pos_ == "ADP" and head.pos_ == "ADP" and head.head.pos_ in ("VERB", "AUX"):
                    verb = head.head  # "troops remained [on alert]": the verb the phrase hangs on has its sides
                hits.append(Hit(t, head if t.pos == "NOUN" else verb, i + n))
                i += n
                matched = True
                break
        if matched:
            continue
        if tok.pos_ == "VERB":  # a verb and its object apart: "presented new evidence", "evidence was presented"
            for t in multi.get(low, []):
                if t.pos == "VERB" and len(t.lemmas) == 2 and any(c.dep_ in ("dobj", "obj", "nsubjpass")
                                                                  and c.lemma_.lower() == t.lemmas[1]
                                                                  for c in tok.children):
                    hits.append(Hit(t, tok, i + 1))
                    matched = True
                    break
        if matched:
            i += 1
            continue
        past = _past_stems(tok)
        # "striking truckers": a participle describing people names their state (on strike), the noun's sense
        described = tok.tag_ == "VBG" and tok.dep_ == "amod"
        for t in single.get(low, []) or single.get(tok.lower_, []) or next(
                (single[f] for f in past if f in single), []):
            if (t.pos == "NOUN") if described else _pos_ok(t, tok):
                hits.append(Hit(t, tok, i + 1))
                break
        i += 1
    return hits


def _phrase(tok: Token) -> Span:
    """The noun phrase headed by tok, without relative clauses and trailing prepositional tails."""
    doc = tok.doc
    left = min([tok.i, *(c.left_edge.i for c in tok.lefts if c.dep_ not in ("prep", "punct", "cc", "npadvmod")
                         and c.ent_type_ not in ("DATE", "TIME"))])  # not "On 29 April, [Oromia forces]"
    right = max(tok.i, _entity_tokens(tok)[-1].i)
    for child in tok.rights:
        if child.dep_ in ("compound", "amod", "nummod", "appos", "flat", "conj", "cc") and child.i == right + 1:
            right = child.right_edge.i if child.dep_ != "conj" else child.i
        elif (child.dep_ == "appos" and child.i == right + 2 and doc[right + 1].text == ","
              and not any(c.dep_ == "cc" for c in (*child.children, *tok.children))):  # (not a list of parties)
            right = child.right_edge.i  # "Kenzo Oshima, the UN relief coordinator": the title tells who he is
        elif child.dep_ == "prep" and child.lower_ in ("of", "from"):  # "doctors from two US aid groups"
            right = child.right_edge.i
    while right > tok.i and (doc[right].dep_ == "cc" or doc[right].is_punct):
        right -= 1  # "Brazil and [the United States]": the conjunction is not part of the name
    return doc[left:right + 1]


PRONOUNS = words("pronouns")
# a subject that names a place is a misparse of a lead ("near X village, Pale township (…), fighting broke out")
PLACE_NOUNS = words("place_nouns")
REFLEXIVES = words("reflexives")
WILLING = words("willing")
SUPPORT_VERBS = LIGHT_VERBS | words("support_verbs")
CLIMB = ("xcomp", "conj", "advcl", "acomp", "pcomp")  # clauses that share their governor's subject
TRANSFER_ROOTS = {"03", "04", "05", "06", "07", "08"}  # "give X to Y", "send troops to Y": Y is the target


def _clause_subject(tok: Token, *, control: bool = False) -> Token | None:
    """The subject a verb shares with the clauses above it: "X attacked Y and killed Z", "X is willing to send",
    "X launched an offensive". Only a control verb lends its passive subject ("X is scheduled to attend"); the
    passive subject of "was shot and killed" is the victim."""
    node = tok
    for _ in range(5):
        subj = next((c for c in node.children if c.dep_ == "nsubj" and not filed_from(c)), None)
        if subj is None and control:
            subj = next((c for c in node.children if c.dep_ == "nsubjpass"), None)
        if subj is not None:
            return subj
        if node.dep_ not in CLIMB or node.head.i == node.i:
            return None
        control = node.dep_ == "xcomp"
        node = node.head
    return None


def _antecedent(pron: Token) -> Token | None:
    """What a subject pronoun stands for, within its sentence: the nearest enclosing clause's own subject ("Obama
    said he would not…", "Syria says it is willing to…"); an object pronoun is not its own clause's subject ("Israel
    said a rocket was fired at it": Israel, not the rocket)."""
    node = pron.head
    if pron.dep_ not in ("nsubj", "nsubjpass"):
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
    while node.head.i != node.i:
        node = node.head
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pron.i), None)
        if subj is not None and subj.lower_ not in PRONOUNS:
            return subj
    return None


def _unpronoun(tok: Token | None) -> Token | None:
    if tok is not None and tok.pos_ == "PRON" and tok.lower_ in PRONOUNS:
        return _antecedent(tok)
    if tok is not None and tok.lower_ in REFLEXIVES:  # "X attacked itself": its own clause's subject
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subj = _clause_subject(verb) if verb is not None else None
        return _unpronoun(subj) if subj is not None and subj.lower_ not in REFLEXIVES else None
    return tok


def _governing_verb(tok: Token) -> Token | None:
    """For a noun trigger in object position, the verb that carries it out: "provide food aid", "launched
    missiles", "send 25,000 tons of aid" (through "of"). Verbs that comment on an act ("condemned the attack") do
    not make their subject its actor, hence the list."""
    node = tok
    if node.dep_ == "compound" and node.head.pos_ == "NOUN":  # "undertook a mediation mission"
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.dep_ in ("dobj", "obj"):
        node = node.head.head
    if node.dep_ in ("dobj", "obj") and _lemma_in(node.head, SUPPORT_VERBS):
        return node.head
    return None


def _undated(tok: Token) -> Token | None:
    """A noun that is not a date; for a date the parser made the head of a name ("met with President X Tuesday",
    the name as compounds of "Tuesday"), the name's last word; None for a plain date ("on 22 May")."""
    if tok.ent_type_ not in ("DATE", "TIME"):
        return tok
    return next((c for c in reversed(list(tok.lefts)) if c.dep_ == "compound" and c.pos_ == "PROPN"
                 and c.ent_type_ not in ("DATE", "TIME")), None)


def _past_stems(tok: Token) -> tuple[str, ...]:
    """The stems a past tense may have when the lemmatiser got it wrong ("raped" → "rap", "staged" → "stag")."""
    low = tok.lower_
    return (low[:-1], low[:-2]) if low.endswith("ed") else ()


def _lemma_in(tok: Token, words: set[str]) -> bool:
    """Whether a verb is one of `words`, also when the lemmatiser got a past tense wrong."""
    return tok.lemma_.lower() in words or any(stem in words for stem in _past_stems(tok))


def _verb_target(verb: Token, root: str) -> Token | None:
    """The second party of a verb from its prepositions, which depend on the kind of act: force is "at", "on" or
    "against" X, help goes "to" X ("gave X a grant" as a dative); a protest's "against" is its cause, not a side."""
    if verb.lemma_.lower() in WITHDRAW_VERBS:
        preps = {"from"}  # "withdrew from X": the side left, not the place gone to
    elif root in TRANSFER_ROOTS:
        preps = {"to", "with"}
    elif root in FORCEFUL_ROOTS - {"14"} or root in ("11", "12", "13"):
        preps = {"against", "on", "at", "toward", "towards", "with"}
    else:
        return None
    warrant = next((c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() == "warrant"), None)
    if warrant is not None:  # "issued a warrant for X": X is who is to be arrested
        wanted = next((g for c in (*warrant.children, *verb.children) if c.dep_ == "prep" and c.lower_ == "for"
                       for g in c.children if g.dep_ == "pobj"), None)
        if wanted is not None:
            return wanted
    for child in verb.children:
        if child.dep_ == "dative" and child.pos_ in ("NOUN", "PROPN") and root in TRANSFER_ROOTS:
            return child
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:  # ("provide support to X": a dative "to")
            obj = next((u for g in child.children if g.dep_ == "pobj" and not _instrument(child, g)
                        and (u := _undated(g)) is not None), None)  # not "on 22 May"
            if obj is not None:
                return obj
    return None


INSTRUMENTS = words("instruments")


WITHDRAW_VERBS = words("withdraw_verbs")
LAUNCHERS = words("launchers")  # "fired batteries at X": what is fired is no side


THING_PREPS = {"on", "against", "to", "toward", "towards", "into", "at", "in"}


def _party_of_thing(thing: Token, preps: Collection[str] = THING_PREPS) -> Token | None:
    """The party a thing acted on is aimed at or belongs to: "sanctions on X", "evidence against X", "travel to X",
    "the refineries in X"; with `preps` ("to", "for"), who a thing given goes to ("support to Lebanon")."""
    return next((u for c in thing.children if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ == "pobj" and (u := _undated(g)) is not None), None)


def _instrument(prep: Token, obj: Token) -> bool:
    """"attacked with machetes", "an air raid with drones": what a side acts with is no side ("clashed with
    police" is)."""
    return prep.lower_ == "with" and obj.lemma_.lower() in INSTRUMENTS


RECIPROCAL_ROOTS = {"04", "05", "06", "19"}  # meeting, agreeing, cooperating, fighting: each side acts on the other


def _entity_tokens(tok: Token) -> list[Token]:
    """The tokens of the named entity tok is in (itself when none): the small model sometimes hangs a name's
    second word off the first ("Barack/ADP Obama/pobj")."""
    if tok.ent_iob_ not in ("B", "I") or tok.ent_type_ not in ("PERSON", "GPE", "ORG", "NORP"):
        return [tok]
    return list(actors_mod.entity_span(tok))


def _conjuncts(tok: Token | None) -> list[Token | None]:
    """The heads of a coordination: conjuncts proper, and a list the parser read as appositions ("The US,
    Russia, and Switzerland", with Switzerland conjoined to Russia)."""
    if tok is None:
        return [None]
    found: list[Token] = []
    for t in _entity_tokens(tok):
        for c in t.conjuncts:
            if c.pos_ in ("NOUN", "PROPN") and c.i > tok.i and c not in found:
                found.append(c)
        for a in t.children:
            if (a.dep_ == "appos" and a.pos_ == "PROPN" and a.ent_type_ and a.ent_type_ == tok.ent_type_
                    and any(c.dep_ == "cc" for c in (*a.children, *t.children))):
                found += [a, *[c for c in a.conjuncts if c.pos_ == "PROPN" and c not in found]]
    return [tok, *found[:3]]


def _resolve_all(heads: list[Token | None], resolve: Callable[[Token | None, str | None], Actor | None]
                 ) -> list[Actor | None]:
    """Actors of coordinated heads; a later one names its country only if it differs ("Israeli helicopters and
    tanks": the tanks are Israeli too). Coordinated countries in front of one head are one party each ("US and
    British activists")."""
    first = resolve(heads[0], None)
    out = [first] + [resolve(t, first.country if first is not None else None) for t in heads[1:]]
    if first is not None and first.country and heads[0] is not None:
        head = heads[0]
        for code in _modifier_countries(head, first.country):
            other = actors_mod.get_actor_resolver().resolve(head.doc[head.i:head.i + 1], head.doc,
                                                            default_country=code)
            if other is not None and other.country == code:
                out.append(other.model_copy(update={"text": first.text}))
    return out


def _modifier_countries(head: Token, known: str) -> list[str]:
    """Countries other than `known` that conjoined modifiers of a head name ("US and British activists" → GBR)."""
    lex = actors_mod.country_lexicon()
    found: list[str] = []
    for m in head.lefts:
        if m.dep_ not in ("amod", "nmod", "compound"):
            continue
        for c in m.conjuncts:
            code = lex.get(c.text.lower())
            if code and code != known and code not in found and c.i < head.i:
                found.append(code)
    return found


def _side_pairs(subj: Token | None, obj: Token | None, root: str,
                resolve: Callable[[Token | None, str | None], Actor | None]) -> list[tuple[Actor | None, Actor | None]]:
    """One (actor1, actor2) pair per party a coordination names: "Brazil and the United States signed…" is an act
    of each; when no object is a party, a reciprocal act ("X, Y and Z met", "X and Y signed an accord", "X and Y
    clashed") has each as the other's target. The first pair is the trigger's own reading."""
    subjects, objects = _resolve_all(_conjuncts(subj), resolve), _resolve_all(_conjuncts(obj), resolve)
    parties = [a for a in subjects if a is not None]
    if all(o is None for o in objects) and len(parties) > 1 and root in RECIPROCAL_ROOTS:
        return [(a, b) for i, a in enumerate(parties) for b in parties[i + 1:]][:6]
    pairs = [(a, b) for a in subjects for b in objects]
    return [p for k, p in enumerate(pairs) if k == 0 or p[0] is None or p[0] != p[1]][:6]  # no side fights itself


def _same_kind(a: Actor, b: Actor) -> bool:
    """The same kind of party (CAMEO role) of two countries."""
    return bool(role_of(a)) and role_of(a) == role_of(b)


PARTY_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}


def _is_thing(tok: Token) -> bool:
    """A common noun that names no party: "support", "an agreement", "weapons" (not "troops", "prisoners")."""
    groups = actors_mod.group_lexicon()
    return (tok.pos_ == "NOUN" and tok.ent_type_ not in PARTY_ENTITIES and tok.lower_ not in groups
            and tok.lemma_.lower() not in groups)


SENDING = words("sending_verbs")
RECIPIENT_PREPS = ("to", "for")
BLOCKING = words("blocking")
GRIEVANCE = cue("GRIEVANCE")
STANCE_PASSIVES = {"oppose": ("to",), "engage": ("with", "against")}  # passive in form, active in meaning


def _wielder(agent: Token) -> Token | None:
    """The doer behind a "by" agent: a weapon is no side ("blown up by a missile fired by rebels": the rebels)."""
    if agent.lemma_.lower() not in INSTRUMENTS:
        return agent
    return next((g for v in agent.children if v.dep_ in ("acl", "relcl") for c in v.subtree
                 if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def _sides(tok: Token, root: str = "") -> tuple[Token | None, Token | None]:
    """(actor1 head, actor2 head) of a trigger from the parse."""
    subj = obj = prep_obj = None
    passive = False
    for child in tok.children:
        if child.dep_ in ("nsubj",):
            subj = child
        elif child.dep_ in ("nsubjpass",):
            obj, passive = child, True
        elif child.dep_ in ("dobj", "obj") and child.ent_type_ not in ("DATE", "TIME"):
            obj = obj or child  # ("On 2 May, police arrested…" is sometimes parsed with the date as an object)
        elif child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    subj = _wielder(g)
        elif (child.dep_ == "prep" and child.lower_ in ("on", "against", "with", "at", "by") and tok.pos_ != "VERB") \
                or (child.dep_ == "prep" and child.lower_ in ("against", "with", "on", "at", "toward", "towards")):
            for g in (_undated(c) for c in child.children if c.dep_ == "pobj"):
                if g is not None and not _instrument(child, g):
                    if child.lower_ == "by":
                        subj = subj or g
                    elif prep_obj is None:
                        prep_obj = g
    obj = obj or prep_obj  # a direct object before "on/against/with X"
    if obj is None and not passive and tok.pos_ == "VERB":  # "attacked and clashed with X": the coordinated verb's
        obj = next((g for v in tok.conjuncts if v.i > tok.i and v.pos_ == "VERB"  # side is this verb's too
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)
                    for c in v.children if c.dep_ == "prep" and c.lower_ in ("with", "against")
                    for g in c.children if g.dep_ == "pobj"), None)
    stance = STANCE_PASSIVES.get(tok.lemma_.lower())
    aux = next((c for c in tok.children if c.dep_ == "auxpass"), None) if stance is not None else None
    if aux is not None and subj is None:  # "X is opposed to Y": X opposes Y, "X was
        subj = obj if passive else next((c for c in aux.children if c.dep_ == "nsubj"), None)  # engaged in
        obj = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in stance  # fighting with Y": X
                    for g in c.children if g.dep_ == "pobj"), None)  # fights (the parser may hang X on "is")
        passive = False
    if (obj is not None and not passive and tok.pos_ == "VERB" and root in TRANSFER_ROOTS
            and (_is_thing(obj) or tok.lemma_.lower() in SENDING)):
        obj = _verb_target(tok, root) or _party_of_thing(obj, RECIPIENT_PREPS) or obj  # "offered military support
        # to Lebanon" (the parser may hang "to X" on the thing), "sent troops to Mali": what is given or sent is no side
    if (obj is None and tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD") and tok.head.pos_ in ("NOUN", "PROPN")
            and tok.head.dep_ != "ROOT" and root in FORCEFUL_ROOTS - {"14"}
            and not any(c.dep_ in ("dobj", "obj") for v in (tok, *tok.conjuncts) for c in v.children)):
        obj = tok.head  # "ten soldiers killed in the raid": the noun a past participle of force describes is hit
    if obj is None and tok.pos_ == "VERB" and root in TRANSFER_ROOTS:
        obj = _verb_target(tok, root)
    if subj is None and root in FORCEFUL_ROOTS - {"14"}:  # "rockets were fired from Gaza": the launch site's side
        origin = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for g in c.children
                       if g.dep_ == "pobj" and g.ent_type_ == "GPE"), None)
        subj = origin
    if passive and subj is None:  # "was shot and killed by armed men": the agent serves every conjoined verb
        for verb in tok.conjuncts:
            agent = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if agent is not None:
                subj = agent
                break
    if subj is None and not passive and tok.dep_ in ("xcomp", "advcl", "conj", "relcl") and tok.head.i != tok.i:
        subj = tok.head if tok.dep_ == "relcl" else _clause_subject(tok.head, control=tok.dep_ == "xcomp")
    if subj is None and tok.pos_ == "NOUN":
        verb = _governing_verb(tok)
        if verb is not None:  # "X carried out an attack", "X will provide food aid to Y", "X launched missiles at Y"
            subj = _clause_subject(verb)
            obj = obj or _verb_target(verb, root)
        else:
            anchor = tok.head if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" else tok  # "a bomb attack"
            if anchor.dep_ == "pobj" and anchor.head.lower_ in ("in", "during", "with") \
                    and anchor.head.head.pos_ == "VERB":
                subj = _clause_subject(anchor.head.head)  # "X wounded two soldiers in a bomb attack": X set it off
    if subj is None and not passive and tok.pos_ == "VERB":  # "[A mob] [tied up and assaulted a man]": a lead
        node = tok                                           # whose subject the parser took for the main clause
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ == "acl" and node.head.dep_ == "ROOT" and node.head.pos_ in ("NOUN", "PROPN") \
                and node.i > node.head.i:
            subj = node.head
    if subj is None and tok.pos_ == "NOUN":  # "a shoot-out between police and gunmen": the parties of a fight
        # ("fighting broke out between X and Y": the parser may hang "between" on the verb the act is subject of)
        holders = [tok, tok.head] if tok.dep_ == "nsubj" and tok.head.pos_ == "VERB" else [tok]
        among = next((g for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ == "between"
                      for g in c.children if g.dep_ == "pobj"), None)
        if among is not None and root in RECIPROCAL_ROOTS:
            other = next((c for c in among.conjuncts if c.i > among.i), None)
            subj, obj = among, other if other is not None else among  # "between unknown shooters": one kind
    if subj is None and tok.pos_ == "NOUN":  # "an air strike by X", "Russian shelling of Y"
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss") and child.pos_ in ("ADJ", "PROPN", "NOUN"):
                subj = child
                break
    if subj is not None and subj.lemma_.lower() in DOCUMENTS:  # "a report released by X alleged…"
        subj = _author(subj) or subj
    if obj is None and tok.lemma_.lower() in ("allege", "accuse"):  # "X alleged that Y was aware…": Y is accused
        told = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        obj = next((c for c in told.children if c.dep_ in ("nsubj", "nsubjpass")), None) if told is not None else None
    return _unpronoun(subj), _unpronoun(obj)


ARMED_ROOTS = {"18", "19", "20"}
# killings in shelling or an air strike are that military force in CAMEO, whatever verb told them
HEAVY_WEAPON_CAMEO = {"Shelling/artillery/missile attack": "194", "Air/drone strike": "195"}
MEANS_PREPS = {"in", "during", "by"}


def _means(verb: Token, armed_nouns: set[int]) -> Token | None:
    """The means an act of force was done in ("were killed in a Russian air strike", "in Israeli tank shelling"):
    an act noun of force or a weapon after "in/during/by"; the verb's governor is looked at too when the parser hung
    the means on it ("were killed in Israeli tank [shelling]")."""
    for v in (verb, verb.head) if verb.dep_ in ("advcl", "conj") else (verb,):
        for prep in v.children:
            if prep.dep_ != "prep" or prep.lower_ not in MEANS_PREPS:
                continue
            for g in prep.children:
                if g.dep_ == "pobj" and (g.i in armed_nouns
                                         or g.lemma_.lower() in INSTRUMENTS | actors_mod.WAR_MACHINES):
                    return g
    return None


def _doer_of_means(means: Token | None, armed_nouns: set[int]) -> Token | None:
    """Who did an act of force whose clause names no doer, from its means: the act noun's own side ("a Russian air
    strike"), the weapon's owner ("Israeli tank")."""
    if means is None:
        return None
    if means.i in armed_nouns:
        return _sides(means, "19")[0]
    return next((c for c in means.children if c.dep_ in ("amod", "compound", "poss") and c.pos_ in ("ADJ", "PROPN")),
                None)


def _act_verb(tok: Token) -> Token | None:
    """The token an act takes its negation and modality from: a verb trigger itself, the verb that carries a noun
    act ("did not reach an agreement", "will provide aid"), None when no verb carries it."""
    return _governing_verb(tok) if tok.pos_ == "NOUN" else tok


# whom a state expels decides the act: envoys and international missions are a sanction (166…), anyone else is
# deported (174)
EXPELLED = word_codes("expelled")


def _expelled(tok: Token) -> str:
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")), None)
    return EXPELLED.get(obj.lemma_.lower(), "174") if obj is not None else "174"


# what is received tells what the giver did: "received weapons from Y" is Y's military aid to X
RECEIVED = word_codes("received")


def _received(tok: Token) -> tuple[str, Token, Token] | None:
    """(code, giver, receiver) of "X received/accepted Z from Y"; None when no giver is named or what is received
    is people (a delegation received is a visit hosted)."""
    thing = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
    giver = next((g for c in (*tok.children, *(thing.children if thing is not None else ()))
                  if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"), None)
    receiver = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    kind = None if thing is None else RECEIVED.get(thing.lemma_.lower()) or RECEIVED.get(thing.lower_.rstrip("s"))
    if giver is None or receiver is None or kind is None:
        return None
    return kind, giver, receiver


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    verb = _act_verb(tok)  # "did not reach an agreement", "failed to reach an agreement"
    if verb is None:
        return False
    if verb is not tok and any(c.dep_ == "neg" for c in verb.children):
        return True
    tok = verb
    return tok.dep_ == "xcomp" and (tok.head.lemma_.lower() in NEGATING_HEADS
                                    or any(c.dep_ == "neg" for c in tok.head.children))


def _hypothetical(tok: Token) -> bool:
    """Whether an act is announced rather than done: a modal ("will send"), a future head ("plans to strike"),
    readiness ("is willing to withdraw"); a noun trigger takes the modality of its verb ("will provide aid")."""
    verb = _act_verb(tok)
    if verb is None:
        return False
    tok = verb
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
        return True
    head = tok.head
    if tok.dep_ == "xcomp" and head.lower_ in WILLING:
        return True
    return tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in FUTURE_HEADS


COMM_NOUNS = words("comm_nouns")
DEMAND_HEADS = words("demand_heads")  # "X demanded that Y withdraw", "X's demand that Y withdraw"
APPEAL_HEADS = words("appeal_heads")


APPEAL_NOUNS = words("appeal_nouns")


DOCUMENTS = words("documents")


def _released_thing_is_text(tok: Token) -> bool:
    """Whether what a "release" verb releases is a text or a recording ("released a report", "a video released")."""
    things = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if tok.dep_ == "acl":
        things.append(tok.head)
    return any(t.lemma_.lower() in DOCUMENTS for t in things)


def _author(doc_noun: Token) -> Token | None:
    """Who a document that tells or alleges stands for: the "by" agent of its publishing ("a report released by
    X"), else a country named where it was published ("a report released in the Kenyan capital")."""
    for acl in (c for c in doc_noun.children if c.dep_ == "acl"):
        for c in acl.children:
            if c.dep_ == "agent":
                by = next((g for g in c.children if g.dep_ == "pobj"), None)
                if by is not None:
                    return by
        for c in acl.children:
            if c.dep_ == "prep" and c.lower_ == "in":
                place = next((g for g in c.children if g.dep_ == "pobj"), None)
                if place is not None and actors_mod.countries_in([t.text for t in place.subtree]):
                    return place
    return None


ARMED_VICTIM = cue("ARMED_VICTIM")
VICTIM_WAS_ARMED = cue("VICTIM_WAS_ARMED")


def _armed_victim(tok: Token) -> bool:
    """Whether whom an act of force is done to is written as a member of an armed body: after the act ("killed
    three members of the Tandera militia") or as the subject of its passive ("a gang member was shot")."""
    sent = tok.sent
    after = sent.doc.text[tok.idx:sent.end_char]
    if ARMED_VICTIM.search(after):
        return True
    if len(sent.doc.text) <= SHORT_REPORT and VICTIM_WAS_ARMED.search(sent.doc.text):
        return True  # a short report that tells who the victim was: "The victim was a member of a local gang."
    return any(c.dep_ == "nsubjpass" and ARMED_VICTIM.search(_phrase(c).text) for c in tok.children)


WHEREABOUTS = cue("WHEREABOUTS")
PUNISHING = words("punishing_verbs")


HARMING = words("harming_verbs")
MISHAPS = words("mishaps")


def _by_mishap(tok: Token) -> bool:
    """Whether a killing or an injury is put down to an accident or a disaster ("killed by the crash", "died in the
    floods", "a landslide killed ten"), not to anyone's act."""
    for c in tok.children:
        if c.dep_ == "nsubj" and c.lemma_.lower() in MISHAPS:
            return True
        if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in MISHAPS for g in c.children):
            return True
    return False


def _background(tok: Token) -> bool:
    """An act told as earlier history beside the news: a clause describing someone by what was done before ("a
    member jailed over a year ago", "who had been arrested 15 months ago", "the group that has seized parts of X"),
    or dated back from the news ("…, two weeks after rebels kidnapped peacekeepers"); an act noun marked as one
    already told ("the first such attack")."""
    if tok.pos_ == "NOUN":
        return any(c.lower_ == "such" for c in tok.children)
    if tok.dep_ in ("relcl", "acl"):
        perfect = ("had", "has", "have") if tok.dep_ == "relcl" else ("had",)  # "the group that has seized…"
        return any(c.dep_ == "advmod" and c.lower_ == "ago" for c in tok.children) or any(
            c.dep_ == "aux" and c.lower_ in perfect for c in tok.children)
    if tok.dep_ == "pcomp" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in PUNISHING:
        return True  # "jailed a student for helping militants": the charge, not an act the news tells
    if tok.dep_ == "advcl":
        mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ in ("after", "since")), None)
        return mark is not None and any(c.dep_ == "npadvmod" and c.ent_type_ == "DATE"
                                        for c in (*tok.children, *mark.children))
    return False


def _asked_for(tok: Token) -> bool:
    """An infinitive that tells what an appeal, pressure or permission is for ("faces pressure to help Y", "is
    pressured by X to help Y", "gave permission to Y to attack Z", "a call to release Z")."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    if tok.dep_ == "acl":
        return tok.head.lemma_.lower() in APPEAL_NOUNS
    pressed = tok.head.lemma_.lower() in APPEAL_HEADS and any(c.dep_ == "nsubjpass" for c in tok.head.children)
    if tok.dep_ in ("xcomp", "advcl") and pressed:
        return True  # "X is being pressured by Y to help Z" (the active "Y pressed X to…" is an appeal, 02)
    return tok.dep_ in ("advcl", "xcomp") and any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in APPEAL_NOUNS
                                                  for c in tok.head.children)


def _appeal(tok: Token) -> tuple[Token, Token] | None:
    """"X wants Y to attack Z", "X urged Y to release…": what one side asks another to do is an appeal to it (02),
    not the act. Returns (who asks, who is asked)."""
    if tok.pos_ != "VERB" or tok.dep_ not in ("xcomp", "ccomp") or tok.head.lemma_.lower() not in APPEAL_HEADS:
        return None
    asker = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)
    asked = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    asked = asked or next((c for c in tok.head.children if c.dep_ in ("dobj", "obj")), None)
    if asker is None or asked is None or asked.i == asker.i:
        return None
    return asker, asked


def _obliged(tok: Token) -> bool:
    """"Y must withdraw", "X demanded that Y withdraw", "X's demand that Y withdraw": what one side says another
    has to do is a demand, not the act."""
    verb = _act_verb(tok)
    if verb is None:
        return False
    tok = verb
    if any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children):
        return True
    return (tok.dep_ in ("ccomp", "acl") and tok.head.lemma_.lower() in DEMAND_HEADS
            and any(c.dep_ == "nsubj" for c in tok.children))


def _demander(tok: Token) -> Token | None:
    """Who demands an act: the speaker of "Y must…", the subject of "X demanded that Y…" or of "X reiterated its
    demand that Y…"."""
    tok = _act_verb(tok) or tok
    head = tok.head
    if tok.dep_ in ("ccomp", "acl") and head.lemma_.lower() in DEMAND_HEADS:
        if head.pos_ == "VERB":
            return next((c for c in head.children if c.dep_ == "nsubj"), None)
        if head.head.pos_ == "VERB":
            return next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    return _speaker(tok)


def _speaker(tok: Token) -> Token | None:
    """For a trigger inside reported speech, the head of who said it ("X said…", "X issued a warning that…")."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in SPEECH:
            for c in node.head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return c
            return None
        if node.dep_ in ("ccomp", "acl") and node.head.lemma_.lower() in COMM_NOUNS and node.head.head.pos_ == "VERB":
            return next((c for c in node.head.head.children if c.dep_ == "nsubj"), None)
        node = node.head
    for c in tok.sent.root.children:  # "…, officials said." parsed as the sentence root
        if tok.sent.root.lemma_.lower() in SPEECH and c.dep_ == "nsubj" and tok.i != tok.sent.root.i:
            return c
    return None


def role_of(actor: Actor | None) -> str:
    """The CAMEO role of an actor ("UKRMIL" → "MIL", "REB" → "REB"), "" for a bare country or nobody."""
    code = (actor.cameo or "") if actor else ""
    return next((code[i:i + 3] for i in range(0, len(code) - 2, 3) if code[i:i + 3] in ROLES), "")


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
    crowd_actor = a1 is not None and a1.inter in (5, 6, 7) and role1 in ("OPP", "CVL") and not _few(a1)
    if (sub in ("Mob violence", "Looting/property destruction") and crowd_actor) or sub == "Mob violence":
        return _riot(ctx)
    if sub == "Arrests" and a2 is not None and role2 == "OPP" and a2.inter == 6 and PROTEST_CTX.search(ctx):
        return "Protest with intervention"  # arresting protesters is how ACLED's intervention in a protest looks
        # (arresting an opposition's supporters at home is an arrest)
    if sub == "Arrests" and a1 is not None and (a1.inter in (2, 3, 4) or WHEREABOUTS.search(ctx)):
        return "Abduction/forced disappearance"  # detained by an armed group, or not seen since
    if sub == "Arrests" and a1 is not None and a1.inter in (5, 7):
        return "Mob violence"  # a crowd or residents seizing someone: no arrest
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
    if SUICIDE.search(sent_text):
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
    if IED.search(sent_text) and sub in ("Remote explosive/landmine/IED", "Attack", "Armed clash"):
        if any(not LEFT_FROM.search(ctx[max(0, m.start() - 30):m.start()]) for m in GUNFIGHT.finditer(ctx)):
            return "Armed clash"  # "a mine attack, and both sides exchanged fire": the fighting is the event
            # (not "a landmine left from previous clashes")
        return "Remote explosive/landmine/IED"
    if sub in ("Air/drone strike", "Remote explosive/landmine/IED"):
        return sub
    if sub == "Shelling/artillery/missile attack":
        if SHELL.search(ctx):
            return sub
        sub = "Attack"  # "fired at a patrol", "fired gunshots": fire with no heavy weapon named is no shelling
    armed_few = FIREARM.search(sent_text) is not None and not MOB.search(sent_text)
    if (crowd_actor and not armed_few) or (MOB.search(sent_text) and role1 in ("", "CVL", "OPP")):
        return _riot(ctx)
    if sub == "Attack" and (role1 in ("", "SET", "CVL", "OPP") or (role1 == "UAF" and MOB.search(sent_text))) \
            and BLUNT.search(sent_text) and not FIREARM.search(sent_text) and not _few(a1):
        return _riot(ctx)  # beaten, stoned: a mob
    if (sub == "Attack" and a1 is not None and UNARMED_SIDE.search(a1.text or "") and not FIREARM.search(sent_text)
            and not ARMED_GROUP.search(sent_text) and a1.inter not in (1, 2, 8)):
        # "party supporters assaulted two rivals", "a group of women assaulted a man": no armed side
        return _riot(ctx)
    if sub == "Armed clash" and UNARMED_SIDE.search(sent_text) and not FIREARM.search(sent_text) \
            and not ARMED_GROUP.search(sent_text) and not any(a is not None and a.inter in (2, 3, 4, 8)
                                                               for a in (a1, a2)):
        # "cadres of NC and CPN(UML) clashed", "merchants clashed with police": a brawl, no armed side
        return _riot(ctx)
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


def _event_type(sub: str | None, code: str) -> tuple[str, str]:
    if sub is None:
        return "Strategic developments", "Other"
    return acled_types().get(sub, "Strategic developments"), sub


def _event_id(article_id: str, start: int, tok_i: int, code: str) -> str:
    return hashlib.sha1(f"{article_id}|{start}|{tok_i}|{code}".encode()).hexdigest()[:20]


def _location(doc: Doc, places: list | None, start: int, end: int, fallback_country: str | None) -> Location | None:
    gp = _geoparser()
    if gp is not None and places is not None:
        try:
            loc = gp.event_location(doc, places, start, end)
        except Exception:  # logged; the event keeps the country-level fallback
            log.warning("event location failed in %r", doc.text[start:end][:80], exc_info=True)
            loc = None
        if loc is not None:
            return loc
    if fallback_country:
        return Location(name=actors_mod.country_names().get(fallback_country), country=fallback_country,
                        geo_precision=3, feature_type="country")
    return None


@lru_cache(maxsize=1)
def _geoparser():  # type: ignore[no-untyped-def]
    try:
        from etl.extract.geo import get_geoparser
    except ImportError:
        return None
    return get_geoparser()


PROTEST_SUBS = {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
ARMED_SUBS = {"Armed clash", "Attack", "Air/drone strike", "Shelling/artillery/missile attack",
              "Remote explosive/landmine/IED", "Grenade", "Suicide bomb", "Abduction/forced disappearance",
              "Sexual violence", "Non-state actor overtakes territory", "Looting/property destruction"}
VICTIM_SUBS = {"Attack", "Abduction/forced disappearance", "Sexual violence", "Mob violence",
               "Looting/property destruction", "Arrests"}


UNKNOWN_PERPETRATOR_SUBS = {"Attack", "Abduction/forced disappearance", "Remote explosive/landmine/IED", "Grenade",
                            "Suicide bomb"}  # ACLED names no one as an unidentified armed group


def _names_state(actor: Actor) -> bool:
    """A bare country written as its name ("Israel", "the United States"), not as its people ("young Algerians")."""
    text = (actor.text or "").lower().removeprefix("the ").strip()
    return text in actors_mod.country_names_lower()


def _placed(actor: Actor | None, country: str) -> Actor | None:
    """A generic side the coder supplied (no text of its own) moved to the country where the event happened."""
    if (actor is None or actor.text is not None or actor.country in (None, country)
            or role_of(actor) not in ("CVL", "UAF")):
        return actor
    return _generic("civilians" if role_of(actor) == "CVL" else "unidentified", country)


def _generic(kind: str, country: str | None) -> Actor:
    """A generic side named the ACLED way: "Protesters (Kenya)", "Civilians (Kenya)", "Police Forces of Kenya"."""
    cname = actors_mod.country_names().get(country or "", "")
    role, inter, name = {"protesters": ("OPP", 6, f"Protesters ({cname})"),
                         "unidentified": ("UAF", 3, f"Unidentified Armed Group ({cname})"),
                         "civilians": ("CVL", 7, f"Civilians ({cname})"),
                         "police": ("COP", 1, f"Police Forces of {cname}"),
                         "military": ("MIL", 1, f"Military Forces of {cname}")}[kind]
    return Actor(name=name.replace(" ()", "").strip(), country=country, cameo=(country or "") + role, inter=inter)


REMOTE_SUBS = {"Shelling/artillery/missile attack", "Air/drone strike", "Remote explosive/landmine/IED", "Grenade"}
CIVILIAN_HARM = cue("CIVILIAN_HARM")


COUNTER = cue("COUNTER")
STATE_FORCE_HIT = cue("STATE_FORCE_HIT")


def state_force_hit(text: str) -> str | None:
    """Whether the state's forces are the ones hit ("opened fire on two policemen", "an IED targeting a regime
    vehicle", "three soldiers were killed"): "police" or "military", else None."""
    m = STATE_FORCE_HIT.search(text)
    if m is None or OFF_DUTY.search(m.group(0)) or RETIRED.search(m.group(0)):
        return None  # "shot an off-duty policeman", "killed a retired soldier": no armed side was hit
    word = (m.group(1) or m.group(2) or "").lower()
    return "police" if word.startswith("police") else "military"


def acled_sides(sub: str | None, a1: Actor | None, a2: Actor | None,
                country: str | None, context: str | None = None) -> tuple[Actor | None, Actor | None]:
    """ACLED's order of sides: protesters are actor1 of a protest and the force that intervenes actor2 ("police
    dispersed protesters" turns round); violence against civilians, mob violence, looting and arrests have their
    victims as actor2, civilians when the text names nobody else; arrests are made by the police if no one is
    named; an attack, bombing or abduction by no one named is by an unidentified armed group."""
    if sub in PROTEST_SUBS or sub == "Violent demonstration":
        if a1 is not None and a1.inter == 1 and (a2 is None or a2.inter in (5, 6, 7)):
            a1, a2 = a2, a1
        if a1 is not None and a1.inter is None:  # "members of CCOO held a protest": protesters, as written
            a1 = _generic("protesters", a1.country or country).model_copy(update={"text": a1.text})
        a1 = a1 or _generic("protesters", country)
        if sub == "Peaceful protest" and a2 is not None and not (a2.inter == 6 and COUNTER.search(context or "")):
            a2 = None  # what a peaceful protest is against is its cause, not a party to it (counter-protesters are)
        if a2 is None and sub in ("Protest with intervention", "Excessive force against protesters"):
            a2 = _generic("police", country)
    elif sub in VICTIM_SUBS:
        if sub == "Arrests" and a1 is None:
            a1 = _generic("police", country)
        if a1 is not None and a1.inter == 7 and sub in UNKNOWN_PERPETRATOR_SUBS:
            a1 = _generic("unidentified", a1.country or country).model_copy(update={"text": a1.text})
        if a1 is None and sub in UNKNOWN_PERPETRATOR_SUBS:
            a1 = _generic("unidentified", country)
        if a2 is None:
            a2 = _generic("civilians", country)
    elif a1 is None and sub in UNKNOWN_PERPETRATOR_SUBS:
        a1 = _generic("unidentified", country)
    if a2 is None and sub in REMOTE_SUBS | {"Attack", "Armed clash"} and context:
        force = state_force_hit(context)
        if force is not None:  # "opened fire on two policemen", "an IED targeting a regime vehicle"
            a2 = _generic(force, country)
    if a2 is None and sub in REMOTE_SUBS and context and CIVILIAN_HARM.search(context):
        a2 = _generic("civilians", country)  # shelling or a bomb that hits homes and people is against civilians
    return a1, a2


def _role_adjusted(actor: Actor | None, sub: str | None, side: int, event_country: str | None) -> Actor | None:
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


GOV_ROLES = {"GOV", "JUD", "LEG"}
OFF_DUTY = cue("OFF_DUTY")


def _unarmed_victim(actor: Actor | None) -> Actor | None:
    """Whom force is used on counts as a civilian in ACLED when unarmed: an official of the state (a mayor, a
    prosecutor, a minister) or an off-duty police officer or soldier; the CAMEO role stays."""
    if actor is None or actor.inter == 7:
        return actor
    if role_of(actor) in GOV_ROLES or (role_of(actor) in ("MIL", "COP") and OFF_DUTY.search(actor.text or "")):
        return actor.model_copy(update={"inter": 7})
    return actor


# what a side holds stands for the side when it is hit ("shelled Houthi positions", "attacked an army checkpoint")
HELD = words("held_places")


def _resolve(resolver: actors_mod.ActorResolver, head: Token | None, doc: Doc, country: str | None,
             gov_country: str | None = None) -> Actor | None:
    """The actor named by the phrase around `head`; a resolver failure on one phrase loses that side, not the run.
    A side that names no country takes `country` (where things happen: "police", "gunmen"), but an unnamed
    minister or president takes `gov_country` (the country the article is about) when given."""
    if head is None or filed_from(head):
        return None  # "TBILISI, Dec 2 (Reuters) -": where the story was filed is no side
    try:
        span = _phrase(head)
        actor = _holder(resolver, head, span, country) if head.lemma_.lower() in HELD else None
        actor = actor or resolver.resolve(span, doc, default_country=None)
        if actor is not None and actor.country is None:
            fallback = (gov_country or country) if role_of(actor) in GOV_ROLES else country
            if fallback:
                actor = resolver.resolve(span, doc, default_country=fallback)
        if actor is None:  # "Moscow's counteroffensive": the owner is the actor
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None:
                actor = resolver.resolve(_phrase(owner), doc, default_country=country) or _capital(owner)
        if actor is None or actor.inter is None:  # "Jan Novak, the UN envoy to Libya": a person the
            title = next((c for c in head.children if c.dep_ == "appos"), None)  # lexicons lack, a title that
            found = resolver.resolve(_phrase(title), doc, default_country=country) if title is not None else None
            if found is not None and found.inter is not None:  # says whose
                actor = found.model_copy(update={"text": span.text})
        return actor or _capital(head)
    except Exception:  # logged; the event is still coded
        log.warning("actor resolution failed on %r", head.text, exc_info=True)
        return None


def _holder(resolver: actors_mod.ActorResolver, head: Token, phrase: Span, country: str | None) -> Actor | None:
    """Who holds a position that is hit ("Houthi positions", "Russian positions": Russia's forces, "positions of
    the army"); `phrase` is the position's own noun phrase."""
    doc = head.doc
    owner = next((c for c in head.children if c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ", "NOUN")),
                 None)
    owner = owner or next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"), None)
    if owner is None:
        return None
    span = doc[owner.i:owner.i + 1] if owner.dep_ != "pobj" else _phrase(owner)
    actor = resolver.resolve(span, doc, default_country=country)
    if actor is not None and actor.country and actor.cameo == actor.country:  # a state's positions: its army
        name = actors_mod.country_names().get(actor.country, actor.country)
        actor = actor.model_copy(update={"cameo": actor.country + "MIL", "inter": 1,
                                         "name": f"Military Forces of {name}"})
    return actor.model_copy(update={"text": phrase.text}) if actor is not None else None


def _capital(tok: Token) -> Actor | None:
    """A capital named as the one who acts ("Moscow said", "Washington's sanctions") stands for its country."""
    if tok.pos_ != "PROPN" or tok.dep_ not in ("nsubj", "poss", "pobj") or (tok.dep_ == "pobj" and tok.head.lower_
                                                                               not in ("by", "from")):
        return None
    name = _phrase(tok).text.strip().removesuffix("'s").removesuffix("’s").strip()
    code = actors_mod.capital_lexicon().get(name)
    if code is None:
        return None
    return Actor(name=actors_mod.country_names().get(code, name), country=code, cameo=code, inter=1, text=name)


def _hosts_own(actor: Actor, country: str) -> Actor:
    """An official met abroad whose country the text does not name is the host's (the country of the place)."""
    name = actors_mod.country_names().get(country, country)
    return actor.model_copy(update={"country": country, "cameo": country + role_of(actor),
                                    "name": f"Government of {name}"})


COOPERATIVE_ROOTS = {"04", "05", "06", "07", "08"}
# a visit, a meeting or a show of force on another country's soil is made to that country ("attended a summit in
# Switzerland", "held military exercises in Alaska") when no other party is named
HOSTED_ROOTS = {"03", "04", "15"}
FORCEFUL_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}


INTENT_CODES = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"}  # intent to meet, cooperate…


def recode_modality(code: str, *, intent: bool, negated: bool) -> str | None:
    """CAMEO codes what was said about an act, not the act: "will support" is an intent to cooperate (03),
    "threatened to attack" a threat (13, 138 for force), "will not accept" / "refused to meet" a rejection (12).
    None when a future or hypothetical act has no such reading (it is not coded)."""
    root = code[:2]
    if negated and root in COOPERATIVE_ROOTS | {"03"}:
        return "120"
    if not intent:
        return code
    if root in COOPERATIVE_ROOTS:
        return INTENT_CODES[root]
    if root in FORCEFUL_ROOTS:
        return "138" if root in ("18", "19", "20") else "130"
    if root in ("01", "02", "03", "09", "10", "11", "12", "13"):
        return code
    return None


def _not_actors(doc: Doc, places: list | None, actors: list[Span]) -> list | None:
    """Places that do not stand for a side of the event: a capital or country used as an actor ("Moscow's
    counteroffensive", "Kyiv's forces", "Moscow said") is not where it happened."""
    if places is None:
        return None
    text = doc_text(doc)
    sides = {(a.start_char, a.end_char) for a in actors}
    return [p for p in places if not ((text[p.end:p.end + 2] in ("'s", "’s") and not owns_place(text, p.end))
                                      or (p.start, p.end) in sides  # but "in Kenya's capital" is a place
                                      or PATRON_AFTER.match(text, p.end))]


# "Iran-backed fighters", "a US-led coalition", "Russia-made missiles": a place that qualifies a party or a weapon
# by who stands behind it is not where it happened
PATRON_AFTER = cue("PATRON_AFTER")


ARMED_INTER = {1, 2, 3, 4, 8}


def _other_armed_side(resolver: actors_mod.ActorResolver, sent: Span, doc: Doc, a1: Actor | None, a2: Actor | None,
                      country: str | None) -> tuple[Actor | None, Actor | None]:
    """A clash has two armed sides; when the trigger's parse gives fewer ("clashes erupted between X and Y",
    "attacked …, but were repulsed by Y"), the other noun phrases of the sentence that name armed actors fill in."""
    taken = {a.name for a in (a1, a2) if a is not None}
    for tok in sent:
        if a1 is not None and a2 is not None:
            break
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
            continue
        if _is_claim_source(tok):
            continue  # "according to Ukrainian officials", "the army said": who reports it, not who fought
        actor = _resolve(resolver, tok, doc, country)
        if actor is None or actor.inter not in ARMED_INTER or actor.name in taken:
            continue
        taken.add(actor.name)
        if a1 is None:
            a1 = actor
        else:
            a2 = actor
    return a1, a2


def _armed_lead(resolver: actors_mod.ActorResolver, sent: Span, doc: Doc, trigger: Token, a2: Actor | None,
                country: str | None) -> Actor | None:
    """The armed actor a sentence leads with, for an act of force whose parse names no doer: the small model breaks
    leads such as "military forces who entered the village shot and killed a man" or "military and Pyu Saw Htee
    destroyed houses"; the first armed side named before the act is most often who did it."""
    for tok in sent:
        if tok.i >= trigger.i:
            break
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("nsubj", "ROOT", "conj") or _is_claim_source(tok):
            continue
        if tok.lemma_.lower() in PLACE_NOUNS:
            continue
        actor = _resolve(resolver, tok, doc, country)
        if actor is None or actor.inter not in ARMED_INTER or len(actor.cameo or "") <= 3:
            continue  # a bare country is a state speaking ("Canada condemned the attack"), not a force
        if a2 is None or actor.name != a2.name:
            return actor
    return None


def _is_claim_source(tok: Token) -> bool:
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return True
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH


OWNING = words("owning_verbs")  # telling of one's own act as one's own
ACCUSED_ROOTS = {"17", "18", "19", "20"}  # coercion and violence: telling that another side did it accuses it


def _same_side(a: Actor, b: Actor) -> bool:
    """One actor, or one state speaking of its own forces ("the Pentagon said US jets struck…")."""
    state = STATE_ROLES | {""}  # a bare country is its state
    return a.cameo == b.cameo or (a.country == b.country and role_of(a) in state and role_of(b) in state)


def _accusations(events: list[Event], told: dict[int, tuple[Token, Token | None]], first: int) -> None:
    """"X said Y attacked Z" is two events: Y's attack, and X's statement, which accuses Y (112, X → Y) unless X
    tells of its own act. A statement reporting nothing forceful stays a statement (010). Edits `events` in place
    from index `first` on (one sentence's events)."""
    for i in range(first, len(events)):
        stmt = events[i]
        verb = told[i][0]
        if stmt.cameo_code not in ("010", "112") or verb.lemma_.lower() not in SPEECH or stmt.actor1 is None:
            continue
        for j in range(first, len(events)):
            act, speaker = events[j], told[j][1]
            if (speaker is None or speaker.head.i != verb.i or act.cameo_root not in ACCUSED_ROOTS
                    or act.actor1 is None or (act.actor1.country is None and (act.actor1.cameo or "") in ROLES | {""})
                    or (stmt.actor2 is not None and role_of(act.actor1) == "UAF")):  # (who is named accused stays)
                continue
            if not _same_side(act.actor1, stmt.actor1):
                code, other = "112", act.actor1
            elif verb.lemma_.lower() in OWNING:  # "the US claimed that it had attacked Iraq": responsibility
                code, other = "015", act.actor2
            else:
                continue
            cc = cameo(code)
            events[i] = stmt.model_copy(update={"cameo_code": code, "cameo_root": cc.root, "quad_class": cc.quad_class,
                                                "goldstein": cc.goldstein, "plover_event": cc.plover,
                                                "actor2": other})
            break


VERBAL_ROOTS = {"02", "03", "04", "05", "10", "11", "12", "13"}  # acts done by saying: appeals, intents, rejections…


def _folded_statements(events: list[Event], told: dict[int, tuple[Token, Token | None]], first: int) -> set[int]:
    """Statements of one sentence that are no event of their own: a news outlet's report ("Reuters reports", "an
    AFP correspondent said") is where the news came from, not a party's statement; so is an attribution told after
    the act it sources ("Rebels shelled the town, officials said"), where the act is the news and the speaker its
    source, unlike a claim that leads ("Officials accused the rebels…", "X said that Y attacked Z"); and when the
    speaker's own side does a verbal act in what it says ("X said it would not provide…", "X said it was ready to
    talk"), that act is the statement. The reported events stay, each with its speaker as claim source."""
    out: set[int] = set()
    for i in range(first, len(events)):
        stmt, verb = events[i], told[i][0]
        if verb.lemma_.lower() not in SPEECH or stmt.actor1 is None or stmt.cameo_root not in ("01", "11"):
            continue
        if role_of(stmt.actor1) == "MED" or (stmt.actor1.cameo or "").startswith("MED"):
            out.add(i)
            continue
        if any(j != i and told[j][1] is not None and told[j][1].head.i == verb.i and told[j][0].i < told[j][1].i
               and events[j].actor1 is not None for j in range(first, len(events))):
            out.add(i)
            continue
        if stmt.cameo_root != "01":
            continue
        for j in range(first, len(events)):
            act, by = events[j], told[j][1]
            if j == i or by is None or by.head.i != verb.i or act.cameo_root not in VERBAL_ROOTS:
                continue
            parties = (act.actor1, act.actor2) if act.cameo_root == "03" else (act.actor1,)  # ("X said X and Y
            if any(a is not None and _same_side(a, stmt.actor1) for a in parties):     # seek to deepen ties")
                out.add(i)
                break
    return out


def _depth(tok: Token) -> int:
    """Hops from a trigger to its sentence's root: the lead event governs, a purpose clause ("protested against
    the killings") hangs below it."""
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok, n = tok.head, n + 1
    return n


def _first_conjunct(tok: Token) -> Token:
    """The first of coordinated verbs ("detained and tortured"): acts told side by side stand as high in the
    sentence, so the more severe of them leads."""
    n = 0
    while tok.dep_ == "conj" and tok.head.i != tok.i and n < 20:
        tok, n = tok.head, n + 1
    return tok


def code_doc(doc: Doc, article: Article, *, now: date | None = None, use_classifier: bool = True) -> list[Event]:
    """Every event of one parsed article; exactly one is `main`: the first sentence with a typed, not negated
    event (news leads with it), there the trigger nearest the root (coordinated acts stand equal: "detained and
    tortured"), then the most severe."""
    published = article.published_at.date() if article.published_at else None
    fallback = now or datetime.now(UTC).date()
    doc_datelines(doc, published or fallback)  # "KYIV, Nov 25 (Reuters) -": context, never a side, place or toll
    resolver = actors_mod.get_actor_resolver()
    pub_country = publication_country(article)
    gp = _geoparser()
    if pub_country is None and gp is not None:  # "Ghana Web": notes that never name their country, outlets that do
        pub_country = gp.country_in_name(article.source)
    places = None
    if gp is not None:
        try:
            places = gp.parse(doc, publication_country=pub_country)
        except Exception:  # logged; events fall back to the country level
            log.warning("geoparsing failed for article %s", article.id, exc_info=True)
    # an unnamed side ("police", "the army", "gunmen") belongs to the country where things happen: the one the
    # article's towns and regions are in, else the one it names most, else where it was published
    local = Counter(p.country for p in places or []  # not "Nin" of "Kyay Nin village": a name's tail is no town
                    if p.country and not p.demonym and not p.weak and p.feature_type != "country")
    named_country = actors_mod.dominant_country(doc)
    default_country = (local.most_common(1)[0][0] if local else None) or named_country or pub_country
    places = event_places(doc, places)  # the dateline's town counted above; it is no event's place of its own
    full_text = doc.text
    context = full_text if len(full_text) <= SHORT_REPORT else None
    version = coder_version(use_classifier)
    events: list[Event] = []
    trigger_of: list[Token] = []  # the trigger token of each event, in step with `events`
    folded: set[int] = set()  # statements that are no event of their own (see _folded_statements)
    sideless: set[int] = set()  # untyped acts with no side at all
    ranked: list[tuple[tuple[int, ...], int]] = []
    def code_sentence(s_idx: int, sent: Span, hits: list[Hit]) -> None:
        first_event = len(events)
        sided_roots: set[str] = set()
        told: dict[int, tuple[Token, Token | None]] = {}  # event index → (trigger, head of who said it)
        hedged = is_hedged(sent)
        sent_fatalities = count_fatalities(without_datelines(doc, sent))
        date_, precision = resolve_date(doc, sent, published, fallback)
        if is_history(date_, precision, published):
            return  # "rebels seized the mine in 2019": history told beside the news, no new event
        seen_codes: set[str] = set()
        verb_hits = {h.token.i for h in hits if h.token.pos_ == "VERB"}
        armed_nouns = {h.token.i for h in hits if h.trigger.cameo[:2] in ARMED_ROOTS}  # means of a killing
        armed_verbs = {i for i in armed_nouns if sent.doc[i].pos_ == "VERB"}
        # who the sentence is about: an act whose own clause names no doer (a name the parser broke, a noun act
        # hung on "involving") is most often the lead subject's ("the army carried out an operation involving
        # airstrikes")
        root = sent.root
        verbal_root = root.pos_ in ("VERB", "AUX") or any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj")
                                                         and t.head.i == root.i for t in sent)
        verbal = root.lemma_.lower() in SPEECH or any(  # "Canada condemned the attack": a comment, not the doer
            h.token.i == root.i and h.trigger.cameo[:2] < "14" for h in hits)
        lead_subj = None if verbal else _unpronoun(next((c for c in root.children if c.dep_ == "nsubj"
                                                         and c.lemma_.lower() not in PLACE_NOUNS
                                                         and not filed_from(c)), None))
        # a verb tells who did it to whom; the nouns of the same act ("a mortar bomb was fired") add no sides, so
        # when both name one act, the verb's reading is the one kept
        for hit in sorted(hits, key=lambda h: h.token.pos_ != "VERB"):
            tok = hit.token
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN" and not context:
                continue  # "the 380 square miles seized by Ukraine": background to a long story, not its news
            if tok.dep_ == "amod" and tok.tag_ == "VBN" and len(hit.trigger.lemmas) == 1 and verbal_root:
                continue  # "the captured soldiers", "the destroyed bridge": a state described, not an act told
                # (unless the parse found no verb to tell the act: "…, four people physically assaulted students")
            if tok.pos_ == "NOUN" and hit.trigger.cameo[:2] == "14" and (
                    (tok.dep_ == "nsubj" and tok.head.i in verb_hits)
                    or (tok.dep_ == "ROOT" and any(c.dep_ == "acl" and ({c.i} | {x.i for x in c.conjuncts}) & verb_hits
                                                   for c in tok.children))):
                continue  # "a mob attacked…": the crowd noun is who acted; the verb is the event
            if (tok.pos_ == "NOUN" and hit.trigger.cameo[:2] in ARMED_ROOTS and tok.dep_ in ("nsubjpass", "dobj")
                    and tok.head.i in armed_nouns and tok.head.lemma_.lower() in LAUNCHERS):
                continue  # "a mortar bomb was fired at X": what is fired is the firing's, one act
            if _asked_for(tok):
                continue  # "pressure to help Y", "a call to release Z": what is asked for, not done
            if (hit.trigger.cameo[:2] in ARMED_ROOTS and tok.dep_ == "advcl" and tok.tag_ == "VBG"
                    and tok.head.i in armed_verbs):
                continue  # "bombarded the city, killing eight": the toll of the act told, not a second act
            if tok.lemma_.lower() in HARMING and _by_mishap(tok):
                continue  # "victims killed by the crash": an accident is no one's act
            if hit.trigger.cameo[:3] == "084" and _released_thing_is_text(tok):
                continue  # "a report released on Monday": a publication, not a release of people
            if _background(tok):
                continue  # "a member jailed a year ago", "two weeks after rebels kidnapped…": earlier history
            intent = _hypothetical(tok)
            obliged = _obliged(tok)
            appeal = _appeal(tok)
            received = _received(tok) if tok.lemma_.lower() in ("receive", "accept", "get", "obtain") else None
            act = _expelled(tok) if hit.trigger.cameo == "174" else received[0] if received else hit.trigger.cameo
            code = "100" if obliged else "020" if appeal else recode_modality(act, intent=intent,
                                                                               negated=_negated(tok))
            if code is None:
                continue
            if hit.trigger.acled_sub == "Headquarters or base established" and not HQ_CUE.search(sent.text):
                continue  # "the base", "established relations": not a new base
            if tok.lemma_.lower() == "fire" and CROWD_CONTROL.search(sent.text):
                continue  # tear gas or warning shots at a crowd: the protest's intervention, not an attack
            rest = sent.text[tok.idx - sent.start_char:]
            if tok.lemma_.lower() in ("burn", "tear", "torch") and SYMBOLIC.search(rest):
                continue  # burning an effigy or a flag is a protest gesture, not destruction
            negated = _negated(tok)
            act_root = hit.trigger.cameo[:2]  # sides follow the act told, whatever was said about it
            subj, obj = _sides(tok, act_root)
            means = _means(tok, armed_nouns) if tok.pos_ == "VERB" and act_root in ARMED_ROOTS else None
            if subj is None and means is not None:  # "killed in Russian shelling"
                subj = _doer_of_means(means, armed_nouns)
            target = _unpronoun(_verb_target(tok, act_root)) if tok.pos_ == "VERB" else None
            if obj is not None and target is not None and (obj.lemma_.lower() in INSTRUMENTS
                                                           or tok.lemma_.lower() in LAUNCHERS
                                                           or _resolve(resolver, obj, doc, default_country) is None):
                obj = target  # "launched missiles at X", "supplied arms to X": the party, not the thing
            if (obj is not None and hit.trigger.acled_sub is None
                    and _resolve(resolver, obj, doc, default_country) is None):
                obj = _party_of_thing(obj) or obj  # "lifted the sanctions on X", "presented evidence against X"
            if received:  # "X received weapons from Y": Y gave them
                subj, obj = received[1], received[2]
            if obliged:  # "X said Y must withdraw", "X demanded that Y withdraw": X demands of Y
                subj, obj = _demander(tok), subj
            elif appeal:
                subj, obj = appeal
            for k, (a1, a2) in enumerate(_side_pairs(subj, obj, act_root, lambda t, c: _resolve(
                    resolver, t, doc, c or default_country, named_country))):
                acled_sub = hit.trigger.acled_sub if code == hit.trigger.cameo else None
                if act_root in ARMED_ROOTS:
                    a2 = _unarmed_victim(a2)
                sub = refine_acled(acled_sub, sent.text, a1, a2, sent_fatalities, context)
                if a1 is None and sub is not None and k == 0 and lead_subj is not None and lead_subj is not obj:
                    a1 = _resolve(resolver, lead_subj, doc, default_country, named_country)  # see lead_subj
                    if a1 is not None:
                        sub = refine_acled(acled_sub, sent.text, a1, a2, sent_fatalities, context)
                if (sub in (None, "Other") and a1 is not None and a1.inter == 6 and role_of(a1) == "OPP"
                        and act_root in ("10", "11", "12", "13") and not negated):
                    sub = "Peaceful protest"  # "protesters demanded water", "workers denounced the closure"
                if (sub == "Non-state actor overtakes territory" and a1 is not None and a1.inter in (5, 6, 7)
                        and not negated):
                    sub = "Peaceful protest"  # "students occupied their school", "parents took over the school"
                if sub == "Armed clash" and (a1 is None or a2 is None):
                    a1, a2 = _other_armed_side(resolver, sent, doc, a1, a2, default_country)
                    if (a2 is None and a1 is not None and default_country and a1.country
                            and a1.country != default_country and role_of(a1) in ("MIL", "COP")):
                        a2 = _generic("military", default_country)  # a foreign army fights the country's own
                elif a1 is None and k == 0 and sub in ARMED_SUBS:
                    a1 = _armed_lead(resolver, sent, doc, tok, a2, default_country)
                if (code[:2] == "14" and tok.lemma_.lower() in BLOCKING and a1 is not None and a1.inter == 1
                        and (role_of(a1) in ("MIL", "COP", "GOV") or (role_of(a1) == "" and _names_state(a1)))
                        and not PROTEST_CTX.search(context or sent.text)
                        and not GRIEVANCE.search(context or sent.text)):
                    code, sub = "191", None  # "Israel reimposed blockades": a state restricting movement, no protest
                a1, a2 = acled_sides(sub, a1, a2, default_country, sent.text)
                if sub == "Attack" and a2 is not None and role_of(a2) == "CVL" and _armed_victim(tok):
                    sub = "Armed clash"  # "shot a gang member", "killed a commander of the X Division": armed on
                    a2 = _generic("unidentified", a2.country or default_country)  # both sides, whoever shot first
                # an armed clash is conventional fighting in CAMEO too, whatever verb told it ("soldiers were killed")
                ev_code = "190" if sub == "Armed clash" and code[:2] == "18" else code
                if sub == "Violent demonstration" and code[:2] in ("17", "18"):
                    ev_code = "145"  # a crowd's destruction or violence is a violent protest in CAMEO too
                if sub == "Abduction/forced disappearance" and code[:3] == "173":
                    ev_code = "181"  # held by whoever has no power of arrest: an abduction in CAMEO too
                if sub == "Peaceful protest" and code[:2] == "19":
                    ev_code = "141"  # an occupation in protest is a demonstration, not a taking of territory
                if code[:2] == "18" and means is not None and sub in HEAVY_WEAPON_CAMEO:  # "killed in shelling"
                    ev_code = HEAVY_WEAPON_CAMEO[sub]
                if k == 0:
                    first = (a1, a2)
                elif (a1 is None or a2 is None or first[0] is None or first[1] is None) and not (
                        a1 is not None and first[0] is not None and a1.country and first[0].country
                        and a1.country != first[0].country and _same_kind(a1, first[0])):
                    continue  # further parties of a coordination count only when every side is known, or when
                    # they are the same kind of party from another country ("US and British activists protested")
                key = f"{ev_code[:2]}|{sub}" + (f"|{a1.name if a1 else ''}|{a2.name if a2 else ''}" if k else "")
                if key in seen_codes:
                    continue
                seen_codes.add(key)
                event_type, sub_type = _event_type(sub, ev_code)
                speaker = _speaker(tok)
                claim = _phrase(speaker).text if speaker is not None else None
                struck = obj if ev_code[:2] in ARMED_ROOTS else None  # "fired missiles at Kyiv": where it hit
                named = [_phrase(t) for t in (subj, obj, speaker) if t is not None and t is not struck]
                loc = _location(doc, _not_actors(doc, places, named), sent.start_char, sent.end_char,
                                (a2.country if a2 else None) or (a1.country if a1 else None) or default_country)
                event_country = loc.country if loc else default_country
                if loc is not None and loc.country:  # a side the text does not name ("Civilians", "Unidentified
                    a1, a2 = _placed(a1, loc.country), _placed(a2, loc.country)  # Armed Group"): where it happened
                if (a2 is None and a1 is not None and a1.country and loc is not None and loc.country
                        and loc.country != a1.country and ev_code[:2] in HOSTED_ROOTS and sub is None):
                    a2 = Actor(name=actors_mod.country_names().get(loc.country, loc.country), country=loc.country,
                               cameo=loc.country, inter=1, text=None)
                if (ev_code[:2] == "04" and a1 is not None and a2 is not None and a1.country
                        and a2.country == a1.country and loc is not None and loc.country
                        and loc.country != a1.country and role_of(a2) in GOV_ROLES
                        and not actors_mod.countries_in((a2.text or "").split())):
                    a2 = _hosts_own(a2, loc.country)  # "X held talks with President Y during a visit to Z"
                sides = distinct_sides(sub, ev_code, a1, a2, event_country,
                                       sub in VIOLENT_SUBS or ev_code[:2] in ARMED_ROOTS, state_force_hit(sent.text))
                if sides is None:
                    continue  # a party meeting or agreeing with itself: nothing to tell
                a1, a2 = sides
                a1 = _role_adjusted(a1, sub, 1, event_country)
                a2 = _role_adjusted(a2, sub, 2, event_country)
                fatal = sent_fatalities if sub in VIOLENT_SUBS and not negated else 0
                cc = cameo(ev_code)
                cert = certainty_of(has_actor1=a1 is not None, has_actor2=a2 is not None,
                                    has_location=loc is not None, explicit_date=precision == TimePrecision.DAY,
                                    hedged=hedged, negated=negated, typed=sub is not None)
                sentence = sent.text.strip()[:2000]
                lead = len(sent.text) - len(sent.text.lstrip())
                ev = Event(
                    event_id=_event_id(article.id, sent.start_char, tok.i, ev_code + (f"#{k}" if k else "")),
                    article_id=article.id,
                    event_date=min(date_, published) if published and date_ else date_, time_precision=precision,
                    event_type=event_type, sub_event_type=sub_type, cameo_code=ev_code, cameo_root=cc.root,
                    event_class=acled_class(event_type) if sub is not None else cameo_class(cc.quad_class),
                    quad_class=cc.quad_class, goldstein=cc.goldstein, plover_event=cc.plover, actor1=a1, actor2=a2,
                    location=loc, fatalities=fatal, fatalities_reported=[fatal], hedged=hedged, negated=negated,
                    certainty=cert, confidence=cert, coder_version=version,
                    sources=[SourceRef(article_id=article.id, url=article.url, source=article.source,
                                       published_at=article.published_at, sentence=sentence,
                                       start=sent.start_char + lead, end=sent.start_char + lead + len(sentence),
                                       claim_source=claim)],
                    num_sources=1, num_articles=1, first_seen=article.published_at)
                rank = (0 if negated else 1, 1 if sub is not None else 0, -s_idx, -_depth(_first_conjunct(tok)),
                        SEVERITY.get(event_type, 0) if sub else 0, -tok.i, -k)
                ranked.append((rank, len(events)))
                if sub is None and a1 is None and a2 is None:
                    sideless.add(len(events))
                else:
                    sided_roots.add(ev_code[:2])
                told[len(events)] = (tok, speaker)
                trigger_of.append(tok)
                events.append(ev)
        _accusations(events, told, first_event)
        folded.update(_folded_statements(events, told, first_event))
        # an untyped act by no one on no one that the sentence also tells with its sides adds nothing
        folded.update(i for i in sideless if i >= first_event and events[i].cameo_root in sided_roots)

    sentences = [sent for sent in doc.sents if sent.text.strip()]
    for s_idx, sent in enumerate(sentences):
        hits = find_triggers(sent)
        if hits:
            code_sentence(s_idx, sent, hits)
    labelled = lead_label(doc.text)
    if not events and labelled is not None and sentences:  # "Looting: On 5 May, militants robbed…" names the act
        lead = sentences[0]
        verb = next((t for t in lead if t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)),
                    lead.root)  # the label's own words are often parsed as the root
        code_sentence(0, lead, [Hit(Trigger((verb.lemma_.lower(),), "ANY", LABEL_CAMEO.get(labelled, "010"),
                                            labelled), verb, verb.i + 1)])
    kept = [i for i, ev in enumerate(events) if (ev.actor1 or ev.actor2 or ev.cameo_root != "01") and i not in folded]
    if kept and len(kept) < len(events):  # "…, a statement said": a statement by no one is no event of its own
        events = [events[i] for i in kept]
        trigger_of = [trigger_of[i] for i in kept]
        new_index = {old: new for new, old in enumerate(kept)}
        ranked = [(rank, new_index[i]) for rank, i in ranked if i in new_index]
    clf = load_classifier() if use_classifier else None
    if clf is not None and events:
        lead_of: list[tuple[int, ...]] = [()] * len(events)
        for rank, i in ranked:
            lead_of[i] = rank
        decided = classify(doc, events, lead_of, clf, whole=context is not None, coder_version=version,
                           triggers=trigger_of)
        kept = [i for i, ev in enumerate(decided) if ev is not None]
        new_index = {old: new for new, old in enumerate(kept)}
        events = [ev for ev in decided if ev is not None]
        ranked = [((rank[0], int(is_typed(events[new_index[i]])), *rank[2:]), new_index[i])
                  for rank, i in ranked if i in new_index]
    if events:
        best = max(ranked)[1]
        update: dict[str, object] = {"main": True}
        if labelled is not None:  # the report says what kind of event it is
            ev = events[best]
            country = ev.location.country if ev.location else default_country
            a1, a2 = acled_sides(labelled, ev.actor1, ev.actor2, country)
            update.update(event_type=acled_types()[labelled], sub_event_type=labelled,
                          event_class=acled_class(acled_types()[labelled]),
                          actor1=_role_adjusted(a1, labelled, 1, country),
                          actor2=_role_adjusted(a2, labelled, 2, country))
        events[best] = events[best].model_copy(update=update)
    return [_place_as_target(ev) for ev in events]


def _place_as_target(ev: Event) -> Event:
    """An act done by someone to no one named is done to the country where the sentence places it: "activists
    protested in Beijing" is OPP → CHN, "expressed sorrow for the shootings in South Carolina" GOV → USA, the
    CAMEO coders' convention (their verb patterns take the object of "in" as the target). Not for a bare
    comment ("X said in Paris"): where it was said is no party to it. The country is a target in CAMEO terms
    only: no ACLED interaction code, so ACLED's sides are as they were."""
    loc = ev.location
    if (ev.actor2 is not None or ev.actor1 is None or ev.cameo_code == "010" or loc is None or not loc.country
            or not loc.text or own_target(ev.actor1, loc.country, ev.cameo_code)
            or not ev.sources or loc.text not in ev.sources[0].sentence):
        return ev
    country = loc.country
    target = Actor(name=actors_mod.country_names().get(country, country), country=country, cameo=country,
                   inter=None, text=None)
    return ev.model_copy(update={"actor2": target})


# the CAMEO code that goes with an ACLED sub-event type when a report's label is all that names the act
LABEL_CAMEO = word_codes("label_cameo")
LABEL = cue("LABEL")


def lead_label(text: str) -> str | None:
    """The ACLED sub-event type named by a report's lead label ("Weapons seizure: On 1 May …"), if any."""
    m = LABEL.match(text)
    return report_labels().get(m.group(1).strip().lower()) if m else None
