"""Coreference within a sentence: a subject pronoun stands for the nearest enclosing clause's subject ("Syria says it
is willing to…"), a reflexive for its own clause's subject. Across an article: the one armed group it names is who
"the militants" of its other attacks are, and whoever did the act a condemnation names ("condemned the strikes").
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Token

from etl.extract.actors import countries_in, country_names
from etl.extract.dateline import past_dateline
from etl.extract.lexicon import cue, rows, words
from etl.extract.sides import is_collective, is_state, same_party
from etl.extract.syntax import clause_subject
from schemas.models import Actor, Event

PRONOUNS = words("pronouns")
REFLEXIVES = words("reflexives")


def antecedent(pron: Token) -> Token | None:
    """What a pronoun stands for, within its sentence: for a subject, the nearest enclosing clause's own subject
    ("Obama said he would not…", "Syria says it is willing to…"). An object pronoun never stands for the subject
    of its own clause, also one its clause shares with the clause above ("Finland expelled two diplomats, accusing
    them of spying": the diplomats, not Finland; "police arrested three men and charged them"): the nearest
    enclosing clause's subject that is not its own, else that clause's object written before it ("Israel said a
    rocket was fired at it": Israel)."""
    node = pron.head
    own: Token | None = None
    if pron.dep_ not in ("nsubj", "nsubjpass"):
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        own = clause_subject(node) if node.pos_ in ("VERB", "AUX") else None
    while node.head.i != node.i:
        node = node.head
        subj = next((u for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pron.i
                     and (u := past_dateline(c)) is not None), None)  # not a dateline's town
        if (subj is not None and subj.lower_ not in PRONOUNS and (own is None or subj.i != own.i)
                and agrees(pron, subj)):
            return subj
        if own is not None:
            obj = next((c for c in node.children if c.dep_ in ("dobj", "obj") and c.i < pron.i
                        and c.lower_ not in PRONOUNS), None)
            if obj is not None and _party_like(obj):  # not "found a sea mine and defused it"
                return obj
    return None


SINGULAR_PERSON = frozenset({"he", "she"})
SINGULAR = SINGULAR_PERSON | {"him", "her", "his"}
PLURAL = frozenset({"they", "them", "their"})


def _is_person(tok: Token) -> bool:
    """A person: a name the tagger calls one, or a person's title or kind (data/words/person_words.txt)."""
    return tok.ent_type_ == "PERSON" or tok.lemma_.lower() in words("person_words")


def agrees(pron: Token, noun: Token) -> bool:
    """Whether a pronoun can stand for a noun by number: "they" is not one person ('"They shot at the fishermen,"
    Maina said'), "he" or "she" is not a plural. A body's singular name may be "they" (British usage: "the army
    said they had...")."""
    person = _is_person(noun)
    several = bool(noun.conjuncts)  # "Obama and Putin said they will ...": two people are "they"
    if pron.lower_ in PLURAL:
        return several or not (person and noun.tag_ in ("NN", "NNP"))
    if pron.lower_ in SINGULAR:
        return not several and noun.tag_ not in ("NNS", "NNPS")
    return True


def previous_subject(pron: Token, opening: int | None = None) -> Token | None:
    """What a sentence's own subject pronoun stands for when its sentence names nothing before it: the subject of the
    sentence before, the speaker when that sentence tells who said something ("Police spokesman Simon Kaggwa said
    ... . He said the students would be charged"; "The ministry said ... . It urged both sides to return"). A
    person's pronoun ("he", "she") takes a person (a name or a person's title, data/words/person_words.txt), "it" a
    body (a name of an organisation, a state or a people, or a word for a party), "they" a plural of those; a pronoun
    subject before is no antecedent here, nor is one of the passive ("It was occupied by Russian forces").
    `opening`: where to look back from when the pronoun attributes a quotation that opened in an earlier sentence."""
    if pron.dep_ != "nsubj" or pron.lower_ not in ("he", "she", "it", "they"):
        return None  # (a passive's "it" is more often a place or a thing told before: "It was occupied in 2022")
    if any(t.pos_ in ("PROPN", "NOUN") for t in pron.sent if t.i < pron.i and t.dep_ in ("nsubj", "nsubjpass")):
        return None  # the sentence names a subject before it: left to the sentence (`antecedent`)
    start = pron.sent.start if opening is None else opening
    while start > 0:
        before = pron.doc[start - 1].sent
        if before.text.strip():
            break
        start = before.start
    else:
        return None
    root = before.root
    subj = clause_subject(root) if root.pos_ in ("VERB", "AUX") else None
    if subj is None or subj.pos_ == "PRON":
        return None
    subj = past_dateline(subj)
    if subj is None:
        return None
    person = _is_person(subj)
    if pron.lower_ in SINGULAR_PERSON:
        return subj if person else None
    body = subj.ent_type_ in ("ORG", "GPE", "NORP") or _party_like(subj)  # a body or a party, not "the town"
    if pron.lower_ == "it":
        return subj if body and not person and subj.tag_ not in ("NNS", "NNPS") else None
    return subj if subj.tag_ in ("NNS", "NNPS") and body else None


def _party_like(tok: Token) -> bool:
    """Whether a noun can be a side a pronoun stands for: a name, or a word for people or a body."""
    from etl.extract.actors import group_lexicon

    groups = group_lexicon()
    return (tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or tok.lower_ in groups
            or tok.lemma_.lower() in groups)


def unpronoun(tok: Token | None) -> Token | None:
    """The head a side stands for: a pronoun's antecedent (in its sentence, else the sentence before's subject when
    the pronoun is its own sentence's first subject; None when neither names one), else the head."""
    if tok is not None and tok.pos_ == "PRON" and tok.lower_ in PRONOUNS and tok.tag_ != "PRP$":  # not "her"
        # of "her husband"; a sentence's own subject pronoun with nothing before it, the subject of the one before
        if tok.lower_ in FIRST_PERSON:  # '"We will block the highway," he said': the speaker "he" stands for
            return antecedent(tok) or _said_by_pronoun(tok) or previous_subject(tok) or _unpronoun_speaker(
                quote_speaker(tok), tok.sent.start)
        return antecedent(tok) or previous_subject(tok)
    if tok is not None and tok.lemma_.lower() in STATE_NOUNS and _definite_bare(tok):
        return _speakers_state(tok) or tok  # "Syria's foreign ministry said the country would …": Syria
    if tok is not None and tok.lower_ in REFLEXIVES:  # "X attacked itself": its own clause's subject
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subj = clause_subject(verb) if verb is not None else None
        return unpronoun(subj) if subj is not None and subj.lower_ not in REFLEXIVES else None
    return tok


STATE_NOUNS = frozenset({"kingdom", "country", "nation", "republic", "emirate"})  # "the kingdom": a state told before


def _definite_bare(tok: Token) -> bool:
    """"the country" alone: no owner, name or qualifier that says which ("the neighbouring country", "Mali's")."""
    kids = list(tok.children)
    return (any(c.dep_ == "det" and c.lower_ == "the" for c in kids)
            and not any(c.dep_ in ("poss", "compound", "amod", "nmod", "prep", "appos") for c in kids))


def _speakers_state(tok: Token) -> Token | None:
    """The subject of the verb of saying whose reported clause holds `tok` as its subject: the speaker, whose state
    "the country" of what it said is."""
    from etl.extract.speech import SPEECH

    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return None
    node = tok.head
    while node.head.i != node.i and node.dep_ in ("conj", "xcomp", "aux"):
        node = node.head
    if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in SPEECH:
        return next((c for c in node.head.children if c.dep_ == "nsubj" and c.lemma_.lower() not in STATE_NOUNS), None)
    return None


FIRST_PERSON = frozenset({"we", "i"})
QUOTE_MARKS = ('"', "\u201c", "\u201d")
QUOTE_SENTENCES = 4  # sentences after one that opens a quotation within which its attribution is looked for


def _said_by_pronoun(pron: Token) -> Token | None:
    """What "he", "she" or "they" who said the words holding `pron` stands for ('"If we are not paid by Friday, we
    will dump our cane at the ministry," he said': the "he" of the sentence before)."""
    from etl.extract.speech import SPEECH

    verb = next((a for a in pron.ancestors if a.lemma_.lower() in SPEECH), None)
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None) if verb is not None else None
    return previous_subject(subj) if subj is not None and subj.lower_ in ("he", "she", "they") else None


def _unpronoun_speaker(speaker: Token | None, opening: int) -> Token | None:
    """A quotation's speaker named where it closes, through its pronoun ("…," she said) when it is one: who the
    sentence before the quotation's opening names."""
    if speaker is not None and speaker.lower_ in ("he", "she", "they"):
        return previous_subject(speaker, opening)
    return speaker


def quote_speaker(pron: Token) -> Token | None:
    """Who "we" or "I" is in a quotation that runs on past its sentence ('"We appeal to those holding them to release
    them. They are teachers," the bishop said.'): the subject of the verb of saying after the quotation's end, in the
    same paragraph (news attributes a quotation once, where it closes)."""
    from etl.extract.speech import SPEECH

    doc, sent = pron.doc, pron.sent
    text = doc.text
    start = text.rfind("\n", 0, sent.start_char) + 1
    if sum(text.count(q, start, sent.end_char) for q in QUOTE_MARKS) % 2 == 0:
        return None  # the quotation (if any) closes in the sentence: its attribution is the sentence's own
    after = sent.end
    for _ in range(QUOTE_SENTENCES):
        if after >= len(doc) or "\n" in text[sent.end_char:doc[after].idx]:
            return None
        nxt = doc[after].sent
        closes = min((i for q in QUOTE_MARKS if (i := text.find(q, nxt.start_char, nxt.end_char)) >= 0), default=None)
        if closes is not None:
            return next((c for t in nxt if t.idx > closes and t.lemma_.lower() in SPEECH
                         for c in t.children if c.dep_ == "nsubj" and c.lower_ not in FIRST_PERSON), None)
        after = nxt.end
    return None


GROUP_ROLES = frozenset({"REB", "UAF"})
GENERIC_GROUPS = ("Unidentified Armed Group", "Rebel Group (", "Communal Militia (")


def _named_group(actor: Actor | None) -> bool:
    """An armed group the text names ("the Baloch Liberation Army", "Islamic State"), not a generic one the coder
    supplied: a rebel or unidentified armed role, or the inter code of rebels and militias (a group of no one
    country, whose CAMEO code names no such role)."""
    return (actor is not None and actor.text is not None
            and ((actor.cameo or "")[3:6] in GROUP_ROLES or actor.inter in (2, 3))
            and not actor.name.startswith(GENERIC_GROUPS))


def article_perpetrator(events: list[Event]) -> list[Event]:
    """Across one article: when it names exactly one armed group as a doer, the generic armed group of any of its
    events in that group's country ("Unidentified Armed Group (Pakistan)", "Rebel Group (Pakistan)") is that group.
    News names the group once (a claim, the lead) and then speaks of "the militants", "the separatist group",
    "gunmen". A group that claimed responsibility (CAMEO 015) is that group whatever other groups the article
    names, and in any country (al Shabaab's claim of a bombing in Kenya), as ACLED codes a claimant; so is a group
    of no one country ("Islamic State"). A group the article names only as a target ("gunmen raided a post of the
    Dan Na Ambassagou militia") is not who its gunmen are. (A short report names each side as it means it:
    "unidentified gunmen", then a suspect.)"""
    claimed = {e.actor1.name: e.actor1 for e in events if e.cameo_code == "015" and _named_group(e.actor1)}
    groups = claimed or {e.actor1.name: e.actor1 for e in events if _named_group(e.actor1)}
    if len(groups) != 1:
        return events
    group = next(iter(groups.values())).model_copy(update={"text": None})
    anywhere = bool(claimed) or group.country is None  # a claim names the doer wherever it struck

    def named(actor: Actor | None) -> Actor | None:
        if (actor is not None and actor.name.startswith(GENERIC_GROUPS)
                and (anywhere or actor.country in (None, group.country))):
            return group
        return actor

    out = []
    for e in events:
        a1, a2 = named(e.actor1), named(e.actor2)
        if a1 is not None and a2 is not None and a1.name == a2.name:
            a2 = None  # no side against itself: the second generic side was the guess
        out.append(e.model_copy(update={"actor1": a1, "actor2": a2}))
    return out


FORCE_ROLES = frozenset({"MIL", "COP"})
REFERRED_FORCES = cue("REFERRED_FORCES")  # "the soldiers", "its forces": how news refers back to a named force


def _force_countries(actor: Actor | None) -> set[str] | None:
    """The countries the words of a state force's side name ("Israeli troops" → ISR, "the soldiers" → none), or None
    when the side is no state force written in the text."""
    if actor is None or not actor.text or (actor.cameo or "")[3:6] not in FORCE_ROLES:
        return None
    return countries_in(actor.text.replace("'s", " ").replace("’s", " ").split())


def _source_start(e: Event) -> int:
    return min((s.start for s in e.sources if s.start is not None), default=0)


def article_forces(events: list[Event | None], told: list[Event]) -> list[Event | None]:
    """Across one full article: when its lead names one state's forces with their country ("Israeli troops raided
    Nablus", "Chadian soldiers crossed into ...") and the article never names the forces of the country where its
    events happen, the forces it later refers back to ("the soldiers", "troops", "its forces") are that state's, not
    the forces of that country, which the coder supplies for a side written without one. News names the force once
    and then refers back to it; a story that means the home state's forces too names them ("Palestinian security
    forces"). `told` is every event the article's sentences gave, the evidence."""
    if not told:
        return events
    lead = min(_source_start(e) for e in told)
    named: dict[str, Actor] = {}
    in_lead: set[str] = set()
    anywhere: set[str] = set()
    for e in told:
        for a in (e.actor1, e.actor2):
            found = _force_countries(a)
            if found and a is not None and a.country in found:
                anywhere |= found
                if _source_start(e) == lead:
                    in_lead |= found
                    named.setdefault((a.cameo or "")[3:6], a)
            elif (a is not None and a.country and a.cameo == a.country and _source_start(e) == lead
                  and e.event_class == "political_violence"):
                in_lead.add(a.country)  # "during an Israeli military raid": the state itself, by force
    if len(in_lead) != 1:
        return events
    state = next(iter(in_lead))

    def referred(actor: Actor | None) -> Actor | None:
        if (actor is None or actor.country == state or actor.country in anywhere or _force_countries(actor) != set()
                or not REFERRED_FORCES.match(actor.text or "")
                or not actor.name.startswith(("Military Forces of ", "Police Forces of "))):
            return actor
        role = (actor.cameo or "")[3:6]
        if role in named:
            return named[role].model_copy(update={"text": actor.text})
        kind = actor.name.split(" of ", 1)[0]
        return actor.model_copy(update={"name": f"{kind} of {country_names().get(state, state)}", "country": state,
                                        "cameo": state + role})

    out: list[Event | None] = []
    for e in events:
        if e is None:
            out.append(e)
            continue
        a1, a2 = referred(e.actor1), referred(e.actor2)
        if (a1, a2) != (e.actor1, e.actor2) and a1 is not None and a2 is not None and a1.name == a2.name:
            out.append(e)  # the state's forces against themselves: the generic side meant another party
            continue
        out.append(e if (a1, a2) == (e.actor1, e.actor2) else e.model_copy(update={"actor1": a1, "actor2": a2}))
    return out


REPLY_ROOTS = frozenset({"01", "11", "12"})  # denying (016), dismissing or criticising (11), rejecting (12)
CHARGING_ROOTS = frozenset({"10", "11", "12", "13", "16"})  # demanding, accusing or criticising, rejecting,
# threatening, sanctioning or expelling (a measure states its charge: "sanctions ... it says helped direct attacks")
CLAIM_NOUNS = words("claim_nouns")  # what was said or asked: a rejection of it answers whoever made it


def replied_to(events: list[Event], code: str, side: Actor | None, obj: Token | None) -> Actor | None:
    """Whom a reply answers when its sentence does not say: "Ethiopia rejected the accusation", "Moscow denied the
    allegations" answer the article's latest earlier accusation, demand or threat made against that side by
    another state's party (its actor1). None when the act is no reply to a claim or no such event came before."""
    if (side is None or not side.country or obj is None or code[:2] not in REPLY_ROOTS
            or obj.lemma_.lower() not in CLAIM_NOUNS):
        return None
    return next((ev.actor1 for ev in reversed(events)
                 if ev.cameo_root in CHARGING_ROOTS and ev.actor1 is not None and ev.actor2 is not None
                 and ev.actor2.country == side.country and ev.actor1.country not in (None, side.country)), None)


CONDEMNING_ROOTS = frozenset({"05", "11", "12"})  # welcoming or praising, criticising, condemning, rejecting


@lru_cache(maxsize=1)
def condemned_acts() -> dict[str, frozenset[str]]:
    """noun -> the acts it names (data/condemned_acts.tsv)."""
    return {r["noun"]: frozenset(r["acts"].split("|")) for r in rows("condemned_acts.tsv")}


def condemned_doer(events: list[Event], code: str, side: Actor | None, obj: Token | None) -> Actor | None:
    """Whom a condemnation answers when its sentence names the act and not its doer: "Iraq's foreign ministry
    condemned the strikes", "the presidency denounced the raid" condemn whoever carried out the article's first act
    of that kind (its lead's, the news: a later one is more often a reply, "troops pursued the attackers"), its
    actor1. None when the object names no act (data/condemned_acts.tsv), when that act's doer is unknown or a crowd
    ("Unidentified Armed Group", "Protesters"), or is the side that condemns or, for a state's organ, its own state's
    (a government that "condemned the killings but denied its forces were responsible" names no one; a lawyers'
    association that condemned the arrests answers the police)."""
    if side is None or obj is None or code[:2] not in CONDEMNING_ROOTS:
        return None
    acts = condemned_acts().get(obj.lemma_.lower())
    if acts is None:
        return None

    codes = tuple(a for a in acts if a[:1].isdigit())

    def of_kind(ev: Event) -> bool:
        if codes:
            return ev.cameo_code.startswith(codes)
        return ev.event_class == "political_violence" and ("*" in acts or ev.sub_event_type in acts)

    first = next((ev for ev in events if ev.actor1 is not None and of_kind(ev)), None)
    if first is None or first.actor1 is None:
        return None
    doer = first.actor1
    if is_collective(doer) or same_party(doer, side, violent=False) or (
            is_state(doer) and is_state(side) and doer.country is not None and doer.country == side.country):
        return None
    return doer
