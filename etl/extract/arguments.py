"""Arguments: the heads of a trigger's two sides from the dependency parse (subject → actor1, object or "on/against/
with" phrase → actor2, the "by" phrase of a passive → actor1), the means of an act of force, who demands it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from spacy.tokens import Span, Token

from etl.extract import actors as actors_mod
from etl.extract.codebook import ARMED_ROOTS, FORCEFUL_ROOTS, RECIPROCAL_ROOTS, TRANSFER_ROOTS, VERBAL_ROOTS
from etl.extract.coref import CLAIM_NOUNS, unpronoun
from etl.extract.dateline import past_dateline
from etl.extract.detect import DOCUMENTS, LAUNCHERS, SENT_BY, Act, Hit, SentenceHits, takes_object, verb_code
from etl.extract.lexicon import words
from etl.extract.modality import APPEAL_HEADS, DEMAND_HEADS
from etl.extract.speech import SPEECH, speaker_of
from etl.extract.syntax import (
    SUPPORT_VERBS,
    act_verb,
    clause_subject,
    coordinated_with,
    entity_tokens,
    first_verb_above,
    governing_verb,
    lemma_in,
    object_of,
    undated,
)

INSTRUMENTS = words("instruments")
PUBLISHING_VERBS = SUPPORT_VERBS | {"publish", "release", "read"}  # "issued a statement", "read out a statement"
WITHDRAW_VERBS = words("withdraw_verbs")
THING_PREPS = frozenset({"on", "against", "to", "toward", "towards", "into", "at", "in"})
RECIPIENT_PREPS = ("to", "for")
STANCE_PASSIVES = {"oppose": ("to",), "engage": ("with", "against")}  # passive in form, active in meaning
PARTY_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
MEANS_PREPS = frozenset({"in", "during", "by"})
# a subject that names a place is a misparse of a lead ("near X village, Pale township (…), fighting broke out")
PLACE_NOUNS = words("place_nouns")
PATIENT_NOUNS = words("patient_nouns")


def verb_target(verb: Token, root: str) -> Token | None:
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
            obj = next((u for g in child.children if g.dep_ == "pobj" and not is_instrument(child, g)
                        and (u := undated(g)) is not None), None)  # not "on 22 May"
            if obj is not None:
                return obj
    return None


def party_of_thing(thing: Token, preps: Collection[str] = THING_PREPS) -> Token | None:
    """The party a thing acted on is aimed at or belongs to: "sanctions on X", "evidence against X", "travel to X",
    "the refineries in X"; with `preps` ("to", "for"), who a thing given goes to ("support to Lebanon")."""
    return next((u for c in thing.children if c.dep_ == "prep" and c.lower_ in preps
                 for g in c.children if g.dep_ == "pobj" and (u := undated(g)) is not None), None)


def is_instrument(prep: Token, obj: Token) -> bool:
    """"attacked with machetes", "an air raid with drones": what a side acts with is no side ("clashed with
    police" is)."""
    return prep.lower_ == "with" and obj.lemma_.lower() in INSTRUMENTS


def coordinated_heads(tok: Token | None) -> list[Token | None]:
    """The heads of a coordination: conjuncts proper, and a list the parser read as appositions ("The US,
    Russia, and Switzerland", with Switzerland conjoined to Russia)."""
    if tok is None:
        return [None]
    found: list[Token] = []
    for t in entity_tokens(tok):
        for c in t.conjuncts:
            if c.pos_ in ("NOUN", "PROPN") and c.i > tok.i and c not in found:
                found.append(c)
        for a in t.children:
            if (a.dep_ == "appos" and a.pos_ == "PROPN" and a.ent_type_ and a.ent_type_ == tok.ent_type_
                    and any(c.dep_ == "cc" for c in (*a.children, *t.children))):
                found += [a, *[c for c in a.conjuncts if c.pos_ == "PROPN" and c not in found]]
    return [tok, *found[:3]]


def is_thing(tok: Token) -> bool:
    """A common noun that names no party: "support", "an agreement", "weapons" (not "troops", "prisoners")."""
    groups = actors_mod.group_lexicon()
    return (tok.pos_ == "NOUN" and tok.ent_type_ not in PARTY_ENTITIES and tok.lower_ not in groups
            and tok.lemma_.lower() not in groups)


def wielder_of(agent: Token) -> Token | None:
    """The doer behind a "by" agent: a weapon is no side ("blown up by a missile fired by rebels": the rebels)."""
    if agent.lemma_.lower() not in INSTRUMENTS:
        return agent
    return next((g for v in agent.children if v.dep_ in ("acl", "relcl") for c in v.subtree
                 if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)


def under_attack(tok: Token) -> tuple[Token, Token | None] | None:
    """(verb, attacker) when an act noun is what its clause's subject is under ("came under attack", "was under
    heavy fire from X"): English tells the one struck as the subject and the attacker, if at all, with "from"."""
    anchor = tok
    while anchor.dep_ in ("compound", "nmod", "conj") and anchor.head.pos_ == "NOUN" and anchor.head.i != anchor.i:
        anchor = anchor.head  # "under rocket fire", "under a bomb and gun attack"
    prep = anchor.head
    if anchor.dep_ != "pobj" or prep.lower_ != "under" or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    verb = prep.head
    attacker = next((g for holder in (anchor, tok, verb) for c in holder.children
                     if c.dep_ == "prep" and c.lower_ == "from" for g in c.children if g.dep_ == "pobj"), None)
    return verb, attacker


def side_heads(tok: Token, root: str = "") -> tuple[Token | None, Token | None]:
    """(actor1 head, actor2 head) of a trigger from the parse."""
    subj = obj = prep_obj = None
    passive = False
    for child in tok.children:
        if child.dep_ in ("nsubj",):
            subj = past_dateline(child) or child
            if subj.lemma_.lower() in INSTRUMENTS:  # "drones operated by a police task force struck": the force
                subj = wielder_of(subj) or subj
        elif child.dep_ in ("nsubjpass",):
            obj, passive = child, True
        elif child.dep_ in ("dobj", "obj") and child.ent_type_ not in ("DATE", "TIME"):
            obj = obj or child  # ("On 2 May, police arrested…" is sometimes parsed with the date as an object)
        elif child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    subj = wielder_of(g)
        elif (child.dep_ == "prep" and child.lower_ in ("on", "against", "with", "at", "by") and tok.pos_ != "VERB") \
                or (child.dep_ == "prep" and child.lower_ in ("against", "with", "on", "at", "toward", "towards")):
            for g in (undated(c) for c in child.children if c.dep_ == "pobj"):
                if g is not None and not is_instrument(child, g):
                    if child.lower_ == "by":
                        subj = subj or g
                    elif prep_obj is None:
                        prep_obj = g
    obj = obj or prep_obj  # a direct object before "on/against/with X"
    if obj is None and not passive and tok.pos_ == "VERB":
        obj = object_of(tok)  # "declared two diplomats persona non grata"
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
            and (is_thing(obj) or tok.lemma_.lower() in SENT_BY)):
        obj = verb_target(tok, root) or party_of_thing(obj, RECIPIENT_PREPS) or obj  # "offered military support
        # to Lebanon" (the parser may hang "to X" on the thing), "sent troops to Mali": what is given or sent is no side
    if (obj is None and tok.dep_ == "acl" and tok.tag_ in ("VBN", "VBD") and tok.head.pos_ in ("NOUN", "PROPN")
            and tok.head.dep_ != "ROOT" and root in FORCEFUL_ROOTS - {"14"}
            and not any(c.dep_ in ("dobj", "obj") for v in (tok, *tok.conjuncts) for c in v.children)):
        obj = tok.head  # "ten soldiers killed in the raid": the noun a past participle of force describes is hit
    if obj is None and tok.pos_ == "VERB" and root in TRANSFER_ROOTS:
        obj = verb_target(tok, root)
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
        subj = tok.head if tok.dep_ == "relcl" else clause_subject(coordinated_with(tok), control=tok.dep_ == "xcomp")
    if subj is None and not passive and tok.dep_ == "acl" and tok.head.dep_ in ("dobj", "conj") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):  # "police fired ammunition to disperse
        verb = first_verb_above(tok.head.head)                            # them": who used what, did it
        subj = clause_subject(verb) if verb.pos_ == "VERB" else None
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in PATIENT_NOUNS:  # "Mech Dara's arrest": who was arrested
        victim = next((c for c in tok.children if c.dep_ in ("poss", "compound") and c.ent_type_ == "PERSON"), None)
        if victim is not None:
            obj = obj or victim
            if subj is None and tok.dep_ in ("nsubj", "nsubjpass"):
                return None, unpronoun(obj)  # "…'s arrest drew condemnation": the verb's subject is the act itself
    struck = under_attack(tok) if subj is None and tok.pos_ == "NOUN" else None
    if struck is not None:  # "the convoy came under attack from militants": the subject is struck, not striking
        verb, subj = struck
        obj = obj or clause_subject(verb)
    if subj is None and tok.pos_ == "NOUN" and struck is None:
        verb = governing_verb(tok)
        if verb is not None:  # "X carried out an attack", "X will provide food aid to Y", "X launched missiles at Y"
            subj = clause_subject(verb)
            obj = obj or verb_target(verb, root)
        else:
            anchor = tok.head if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" else tok  # "a bomb attack"
            if anchor.dep_ == "pobj" and anchor.head.lower_ in ("in", "during", "with") \
                    and anchor.head.head.pos_ == "VERB":
                subj = clause_subject(anchor.head.head)  # "X wounded two soldiers in a bomb attack": X set it off
    if subj is None and not passive and tok.pos_ == "VERB":  # "[A mob] [tied up and assaulted a man]": a lead
        node = tok                                           # whose subject the parser took for the main clause
        while node.dep_ == "conj" and node.head.i != node.i:
            node = node.head
        if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN") and node.i > node.head.i \
                and (node.head.dep_ == "ROOT" or takes_object(node)):  # "[men] [abducted 20 people], police said"
            subj = node.head
    # "a shoot-out between police and gunmen": the parties of a fight ("fighting broke out between X and Y": the
    # parser may hang "between" on the verb the act is subject of); a gerund with no subject or auxiliary of its own
    # is such a noun ("Fighting between the Arakan Army and a Rohingya armed group has killed 14")
    if subj is None and (tok.pos_ == "NOUN" or (tok.tag_ == "VBG" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in tok.children))):
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
        subj = author_of(subj) or subj
    if obj is None and tok.lemma_.lower() in ("allege", "accuse"):  # "X alleged that Y was aware…": Y is accused
        told = next((c for c in tok.children if c.dep_ == "ccomp"), None)
        obj = next((c for c in told.children if c.dep_ in ("nsubj", "nsubjpass")), None) if told is not None else None
    return unpronoun(subj), unpronoun(obj)


def means_of(verb: Token, armed_nouns: set[int]) -> Token | None:
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


def doer_of_means(means: Token | None, armed_nouns: set[int]) -> Token | None:
    """Who did an act of force whose clause names no doer, from its means: the act noun's own side ("a Russian air
    strike"), the weapon's owner ("Israeli tank")."""
    if means is None:
        return None
    if means.i in armed_nouns:
        return side_heads(means, "19")[0]
    return next((c for c in means.children if c.dep_ in ("amod", "compound", "poss") and c.pos_ in ("ADJ", "PROPN")),
                None)




def claimant_of(noun: Token) -> Token | None:
    """Who made a claim, a demand or an offer named by its noun ("allegations by X", "the claims from X"): the
    party a rejection or a criticism of it is aimed at."""
    return party_of_thing(noun, ("by", "from")) if noun.lemma_.lower() in CLAIM_NOUNS else None


def author_of(doc_noun: Token) -> Token | None:
    """Who a document that tells or alleges stands for: the "by" agent of its publishing ("a report released by
    X"), else a country named where it was published ("a report released in the Kenyan capital"), else the subject
    of the verb that put it out ("the party issued a statement condemning the arrests")."""
    if doc_noun.dep_ in ("dobj", "obj") and lemma_in(doc_noun.head, PUBLISHING_VERBS):
        subj = next((c for c in doc_noun.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return subj
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


def demander(tok: Token) -> Token | None:
    """Who demands an act: the speaker of "Y must…", the subject of "X demanded that Y…" or of "X reiterated its
    demand that Y…"."""
    tok = act_verb(tok) or tok
    head = tok.head
    if tok.dep_ in ("ccomp", "acl") and head.lemma_.lower() in DEMAND_HEADS:
        if head.pos_ == "VERB":
            return next((c for c in head.children if c.dep_ == "nsubj"), None)
        if head.head.pos_ == "VERB":
            return next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    return speaker_of(tok)


def lead_subject(sent: Span, hits: list[Hit]) -> Token | None:
    """Who the sentence is about: an act whose own clause names no doer (a name the parser broke, a noun act hung
    on "involving") is most often the lead subject's ("the army carried out an operation involving airstrikes").
    None when the sentence leads with a comment ("Canada condemned the attack": a comment, not the doer)."""
    root = sent.root
    if root.lemma_.lower() in SPEECH or any(h.token.i == root.i and h.trigger.cameo[:2] < "14" for h in hits):
        return None
    # "Mech Dara's arrest drew condemnation": an act done to someone names its victim, not a doer
    done_to = {h.token.i for h in hits if h.token.lemma_.lower() in PATIENT_NOUNS}
    if any((struck := under_attack(h.token)) is not None and struck[0].i == root.i for h in hits):
        return None  # "the convoy came under attack": the subject is struck, not the doer
    return unpronoun(next((u for c in root.children if c.dep_ == "nsubj" and (u := past_dateline(c)) is not None
                           and u.lemma_.lower() not in PLACE_NOUNS and u.i not in done_to), None))


def toll_victims(tok: Token) -> Token | None:
    """The object of the toll an act of force is told with ("opened fire ..., killing two Israelis and wounding
    three": the Israelis), who were hit when the act's own object names no party, where the text says whose."""
    toll = next((c for c in tok.children if c.dep_ == "advcl" and c.tag_ == "VBG"
                 and c.lemma_.lower() in ("kill", "wound", "injure")), None)
    if toll is None:
        return None
    hit = next((c for c in toll.children if c.dep_ in ("dobj", "obj")), None)
    if hit is None or not (hit.ent_type_ == "NORP" or any(
            c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE") for c in hit.children)):
        return None  # only victims whose people the text names ("two Israelis", "three Afghan soldiers"): "five
        # drivers" says no more of whose they were than the act's default does
    return hit


SHARED_TARGET_ROOTS = frozenset({"10", "11", "12", "13"})  # demanding, disapproving, rejecting, threatening
AIMED_PREPS = frozenset({"to", "against", "on", "at", "toward", "towards", "with"})


def shared_target(tok: Token, root: str, names_party: Callable[[Token], bool]) -> Token | None:
    """Whom a verbal act of conflict is aimed at when its own clause names no one but the move it is part of does:
    a verb coordinated with it under one subject ("Greece summoned North Macedonia's ambassador and warned that it
    could block the talks"), or the verb it is a participle of ("sent a note to India objecting to the route").
    One doer's one move has one addressee. A verb with a subject of its own tells another clause: not shared; nor
    is an addressee the text does not name ("accused its northern neighbour": whose neighbour, the parse cannot
    say, and a generic side would be the speaker's own people)."""
    if tok.pos_ != "VERB" or root not in SHARED_TARGET_ROOTS:
        return None

    def subject(v: Token) -> bool:
        return any(c.dep_ in ("nsubj", "nsubjpass") for c in v.children)

    moves = [c for c in tok.conjuncts if c.pos_ == "VERB" and not (subject(c) and subject(tok))]
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and not subject(tok) and tok.head.pos_ == "VERB":
        moves += [tok.head, *(c for c in tok.head.conjuncts if c.pos_ == "VERB")]  # "summoned X's envoy and
        # accused its neighbour of ..., warning that ...": the whole move's
    # not an appeal nor any other move the lexicon codes as cooperation ("condemned the raid and called on the United
    # States to act": whom it asks is not whom it condemns; data/words/appeal_heads.txt)
    moves = [m for m in moves if m.lemma_.lower() not in APPEAL_HEADS
             and not ("01" < (verb_code(m.lemma_.lower()) or "00")[:2] < "10")]
    for move in moves:
        aimed = [c for c in move.children if c.dep_ in ("dobj", "dative")]
        aimed += [g for c in move.children if c.dep_ in ("prep", "dative") and c.lower_ in AIMED_PREPS
                  for g in c.children if g.dep_ == "pobj"]
        party = next((g for g in aimed if _named(g) and names_party(g)), None)
        if party is not None:
            return unpronoun(party)
    return None


def _named(tok: Token) -> bool:
    """A party named by a proper name, itself or as its owner ("India", "North Macedonia's ambassador")."""
    def proper(t: Token) -> bool:
        return t.pos_ == "PROPN" or t.ent_type_ in PARTY_ENTITIES

    return proper(tok) or any(c.dep_ == "poss" and proper(c) for c in tok.children)


def speaker_acting(tok: Token, root: str, subj: Token | None, names_party: Callable[[Token], bool]) -> Token | None:
    """The speaker as the doer of an act of saying coordinated inside what they said: the parser hangs "and urged
    Y" of "X said it was horrified and urged Y", "X said the offer was not enough and threatened a strike" on the
    reported clause, whose subject is no party (or none), so the appeal or threat would have no side; it is the
    speaker's, as news tells it. None unless the verb is a coordinated appeal, intent, demand, disapproval,
    rejection or threat (codebook.VERBAL_ROOTS) whose own subject `subj` names no party, and a speaker that names a
    party said the clause."""
    if tok.pos_ != "VERB" or tok.dep_ != "conj" or root not in VERBAL_ROOTS or (subj is not None and names_party(subj)):
        return None
    speaker = speaker_of(tok)
    if speaker is None or speaker.i > tok.i or not names_party(speaker):
        return None
    return speaker


def act_heads(act: Act, found: SentenceHits, names_party: Callable[[Token], bool]
              ) -> tuple[Token | None, Token | None, Token | None]:
    """(actor1 head, actor2 head, means) of an act: the trigger's sides (they follow the act told, whatever was said
    about it), the doer of a means of force, the party a thing is aimed at, who demands, asks or gives.
    `names_party` tells whether a head resolves to an actor at all."""
    tok, trigger = act.hit.token, act.hit.trigger
    act_root = trigger.cameo[:2]
    subj, obj = side_heads(tok, act_root)
    means = means_of(tok, found.armed) if tok.pos_ == "VERB" and act_root in ARMED_ROOTS else None
    if subj is None and means is not None:  # "killed in Russian shelling"
        subj = doer_of_means(means, found.armed)
    target = unpronoun(verb_target(tok, act_root)) if tok.pos_ == "VERB" else None
    if obj is not None and target is not None and (obj.lemma_.lower() in INSTRUMENTS
                                                   or tok.lemma_.lower() in LAUNCHERS or not names_party(obj)):
        obj = target  # "launched missiles at X", "supplied arms to X": the party, not the thing
    if obj is not None and trigger.acled_sub is None and not names_party(obj):
        # "rejected allegations by the army": whoever made them; "lifted the sanctions on X": the party they hit
        obj = claimant_of(obj) or party_of_thing(obj) or obj
    if act_root in ARMED_ROOTS and tok.pos_ == "VERB" and (obj is None or not names_party(obj)):
        hit = toll_victims(tok)  # "opened fire at a bus stop, killing two Israelis": the act's victims
        if hit is not None and names_party(hit):
            obj = hit
    if obj is None and not (act.received or act.obliged or act.appeal or act.aimed):
        obj = shared_target(tok, act_root, names_party)
    subj = speaker_acting(tok, act_root, subj, names_party) or subj
    if act.received:  # "X received weapons from Y": Y gave them
        subj, obj = act.received[1], act.received[2]
    if act.obliged:  # "X said Y must withdraw", "X demanded that Y withdraw": X demands of Y
        subj, obj = demander(tok), subj
    elif act.appeal:
        subj, obj = act.appeal
    elif act.aimed:  # "X said it would strike if Y did not pay": X threatens Y; "X said it was appalled by the
        subj, obj = (unpronoun(t) for t in act.aimed)  # attack": X condemns it (and whoever did it); '"…," he said
    return subj, obj, means
