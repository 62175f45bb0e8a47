"""Parties: from the head token of a side to its actor (the lexicons' resolver, with what a side holds, a capital
standing for its country, a title that says whose), one (actor1, actor2) pair per coordinated party, and the armed
sides a clash's parse leaves out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from etl.extract import actors as actors_mod
from etl.extract.arguments import PLACE_NOUNS, coordinated_heads
from etl.extract.codebook import ARMED_INTER, GOV_ROLES, RECIPROCAL_ROOTS, VERBAL_ROOTS, generic_actor, role_of
from etl.extract.dateline import filed_from
from etl.extract.doctext import doc_text
from etl.extract.lexicon import words
from etl.extract.speech import is_claim_source
from etl.extract.syntax import noun_phrase
from schemas.models import Actor

if TYPE_CHECKING:
    from etl.extract.geo.parser import Place

# what a side holds stands for the side when it is hit ("shelled Houthi positions", "attacked an army checkpoint")
HELD = words("held_places")

log = logging.getLogger(__name__)


def resolve_actor(resolver: actors_mod.ActorResolver, head: Token | None, doc: Doc, country: str | None,
             gov_country: str | None = None) -> Actor | None:
    """The actor named by the phrase around `head`; a resolver failure on one phrase loses that side, not the run.
    A side that names no country takes `country` (where things happen: "police", "gunmen"), but an unnamed
    minister or president takes `gov_country` (the country the article is about) when given."""
    if head is None:
        return None
    # the stages ask for the same head's actor several times per act (act_heads, side_pairs, typed_pair): the
    # answer depends on nothing else, so it is worked out once per Doc
    memo = doc.user_data.setdefault("newsevents_resolved_actors", {})
    key = (head.i, country, gov_country, id(resolver))
    if key not in memo:
        actor = _resolve_actor(resolver, head, doc, country, gov_country)
        memo[key] = None if actor is not None and names_a_place(head, actor) else actor
    return memo[key]


def lead_state(doc: Doc) -> str | None:
    """The state the article's lead tells acting: the country its first sentence's subject names ("New Zealand
    imposed sanctions", "Kenya's foreign ministry summoned"); None when that subject is not a state. An unnamed
    minister or ministry later in the story ("the foreign ministry said") is that state's, even where the country
    the article names most is the one it acts against."""
    sent = next((s for s in doc.sents if s.text.strip()), None)
    if sent is None:
        return None
    subj = next((t for t in sent if t.dep_ == "nsubj" and t.head.pos_ in ("VERB", "AUX") and not filed_from(t)), None)
    if subj is None:
        return None
    names = [subj] if subj.pos_ == "PROPN" else []
    if subj.lemma_.lower() in words("state_bodies"):
        names += [c for c in subj.children if c.dep_ in ("poss", "compound", "amod")]
    lex = actors_mod.country_lexicon()
    for tok in names:
        text = actors_mod.entity_span(tok).text.lower()
        code = lex.get(text) or lex.get(text.removeprefix("the ").removesuffix("'s").strip())
        if code:
            return code
    return None


LEAD_STATE = "newsevents_lead_state"  # doc.user_data: the state a full article's lead tells acting (coding._scene)
MISSIONS = frozenset({"embassy", "consulate", "mission"})


def _state_of_unnamed(span: Span, gov_country: str | None) -> str | None:
    """The state an official of no named country speaks for: in a full article the lead's acting state ("the
    foreign ministry said"), but an embassy or an envoy is the other state's, which the article names most ("an
    embassy spokesperson said" in a story of Britain's sanctions on Chinese firms)."""
    lead = span.doc.user_data.get(LEAD_STATE)
    if lead is None:
        return gov_country
    envoys = words("envoy_titles")
    if any(t.lemma_.lower() in MISSIONS or t.lemma_.lower() in envoys for t in span):
        return gov_country if gov_country != lead else None
    return lead


ROAD_WORDS = words("road_words")
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def names_a_place(head: Token, actor: Actor) -> bool:
    """A bare name of no kind of side (no inter code) that is a town, a region or a road ("Russian drones struck
    Velyka Pysarivka", "protesters blocked the Chipembere Highway"): where the act happened, not who it was done
    to. A place by the geoparser's reading of the article (not a country: "struck Ukraine" is the state), by the
    tagger's, or by a road's name."""
    if _named_place(head):
        return True
    if actor.inter is not None:
        return False
    if any(p.feature_type != "country" and not p.demonym for p in _places_at(head)):
        return True
    span = noun_phrase(head)  # "most of them from Homa Bay": the one name of the phrase is where they are from
    if any(p.feature_type != "country" and not p.demonym and span.start_char <= p.start < span.end_char
           and doc_text(head.doc)[p.start:p.end] == actor.name
           for p in head.doc.user_data.get("newsevents_places") or ()):
        return True
    return head.text[:1].isupper() and (head.ent_type_ in PLACE_LABELS or head.lemma_.lower() in ROAD_WORDS)


def _named_place(head: Token) -> bool:
    """A phrase headed by a common noun of places with a name ("northwest Pakistan's Tank district", "the town of
    Kyaukme") is a place whatever its name reads as elsewhere ("Tank"); "state" is left out ("the state" governs)."""
    if not head.text.islower() or head.lemma_ not in PLACE_NOUNS or head.lemma_ == "state":
        return False  # (a capitalised one is part of a name: "Islamic State Sahel Province" is a group)
    return any((c.dep_ == "compound" and c.pos_ == "PROPN")
               or (c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.pos_ == "PROPN"
                                                                 for g in c.children))
               for c in head.children)


def _places_at(tok: Token) -> list[Place]:
    """The geoparser's places whose mention holds the token (place.article_setting leaves the article's places in
    the Doc)."""
    return [p for p in tok.doc.user_data.get("newsevents_places") or () if p.start <= tok.idx < p.end]


def _resolve_actor(resolver: actors_mod.ActorResolver, head: Token, doc: Doc, country: str | None,
                   gov_country: str | None) -> Actor | None:
    if filed_from(head):
        return None  # "TBILISI, Dec 2 (Reuters) -": where the story was filed is no side
    try:
        if any(c.dep_ == "conj" for c in head.children) and (own := capital_actor(head, alone=True)) is not None:
            return own  # "Baghdad and Tehran signed": each capital its own state, not one phrase of the last's
        span = noun_phrase(head)
        actor = holder_of(resolver, head, span, country) if head.lemma_.lower() in HELD else None
        actor = actor or resolver.resolve(span, doc, default_country=None)
        held = earlier_holder(resolver, head, span, doc) if actor is not None and actor.country is None else None
        if held is not None:
            actor = held.model_copy(update={"text": span.text})
        elif actor is not None and actor.country is None:
            if role_of(actor) in GOV_ROLES:
                gov_country = _state_of_unnamed(span, gov_country)
            fallback = located_in(head) or ((gov_country or country) if role_of(actor) in GOV_ROLES else country)
            if fallback:
                actor = resolver.resolve(span, doc, default_country=fallback)
        if actor is None:  # "Moscow's counteroffensive": the owner is the actor
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None:
                actor = resolver.resolve(noun_phrase(owner), doc, default_country=country) or capital_actor(owner)
        if actor is None:  # "The Group for the Support of Islam and Muslims (JNIM)": the name runs on past the
            actor = _named_in_full(resolver, head, doc)  # phrase the parser gives
        if actor is None or actor.inter is None:  # "Jan Novak, the UN envoy to Libya": a person the
            title = next((c for c in head.children if c.dep_ == "appos"), None)  # lexicons lack, a title that
            if title is not None and title.lemma_.lower() in words("kin_groups"):
                title = None  # "JNIM, al Qaeda's affiliate": not al Qaeda
            found = resolver.resolve(noun_phrase(title), doc, default_country=country) if title is not None else None
            if found is not None and found.inter is not None:  # says whose
                actor = found.model_copy(update={"text": span.text})
        return actor or capital_actor(head) or earlier_body(resolver, head, doc)
    except Exception:  # logged; the event is still coded
        log.warning("actor resolution failed on %r", head.text, exc_info=True)
        return None


LOCATING = frozenset({"in", "from"})


def located_in(head: Token) -> str | None:
    """The country of a place the phrase puts its people in ("opposition politicians in Bogota", "a spokesman in
    Beijing", "protesters from Oaxaca"): people where a place is are that place's country's, whatever country the
    article is filed from or names most. A place is the geoparser's reading of the article, else a capital or a
    country's name."""
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in LOCATING:
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj" or not obj.text[:1].isupper():
                continue
            found = next((p.country for p in _places_at(obj) if p.country and not p.weak), None)
            name = actors_mod.entity_span(obj).text if obj.ent_type_ else obj.text
            found = found or actors_mod.capital_lexicon().get(name) or actors_mod.country_lexicon().get(name.lower())
            if found:
                return found
    return None


def _named_in_full(resolver: actors_mod.ActorResolver, head: Token, doc: Doc) -> Actor | None:
    """A named group whose name the parser split into a head and its prepositions, with its acronym after it in
    brackets ("The Group for the Support of Islam and Muslims (JNIM)"): the words of the head's prepositional
    phrases and brackets, read as one name; only a name of the named lexicon counts."""
    if not head.text[:1].isupper():
        return None
    keep = [head] + [t for c in head.children if c.dep_ in ("prep", "compound", "det") or c.text in ("(", ")")
                     or (c.dep_ == "appos" and c.text.isupper()) for t in c.subtree]
    lo, hi = min(t.i for t in keep), max(t.i for t in keep)
    found = actors_mod.find_named([t.text for t in doc[lo:hi + 1]])
    return found[0].actor(noun_phrase(head).text) if found is not None else None


NO_COUNTRY = "ZZZ"  # a default no phrase names: what a phrase resolves to with it was not said by the phrase


def _bare_title(head: Token, span: Span) -> bool:
    """"the envoy", "the minister": a title of data/words/repeated_titles.txt with only "the" before it."""
    words_ = [t for t in span if not t.is_punct]
    return (len(words_) == 2 and words_[0].lower_ == "the" and words_[1] == head
            and head.lemma_.lower() in words("repeated_titles"))


def earlier_body(resolver: actors_mod.ActorResolver, head: Token, doc: Doc) -> Actor | None:
    """Which body "the mission", "the association" is (data/words/named_bodies.txt): the side of the last body an
    earlier sentence named in full with that word ("The U.N. Mission in South Sudan (UNMISS) said ...": the United
    Nations); None when no earlier name with it resolves to a side."""
    lemma = head.lemma_.lower()
    if (head.pos_ != "NOUN" or lemma not in words("named_bodies") or [c.lower_ for c in head.lefts] != ["the"]):
        return None
    for tok in reversed(doc[:head.sent.start]):
        if tok.lemma_.lower() != lemma or not tok.text[:1].isupper():
            continue
        found = resolver.resolve(noun_phrase(tok), doc, default_country=None) or _named_in_full(resolver, tok, doc)
        if found is not None:
            return found.model_copy(update={"text": noun_phrase(head).text})
    return None


def earlier_holder(resolver: actors_mod.ActorResolver, head: Token, span: Span, doc: Doc) -> Actor | None:
    """Whose a bare title is ("the envoy told reporters"): the side of the last earlier sentence's phrase with the
    same title that says whose ("the United Nations envoy for Libya"); None when no earlier phrase says."""
    if not _bare_title(head, span):
        return None
    lemma = head.lemma_.lower()
    for tok in reversed(doc[:head.sent.start]):
        if tok.lemma_.lower() != lemma or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        phrase = noun_phrase(tok)
        if _bare_title(tok, phrase):
            continue
        found = resolver.resolve(phrase, doc, default_country=None)
        if found is None or (found.country is None and found.inter is None):
            continue
        # a phrase that says whose keeps its side whatever the default; "the government spokesman" takes any default
        probe = resolver.resolve(phrase, doc, default_country=NO_COUNTRY) if found.country is None else found
        if probe is not None and probe.country != NO_COUNTRY:
            return found
    return None


def holder_of(resolver: actors_mod.ActorResolver, head: Token, phrase: Span, country: str | None) -> Actor | None:
    """Who holds a position that is hit ("Houthi positions", "Russian positions": Russia's forces, "positions of
    the army"); `phrase` is the position's own noun phrase."""
    doc = head.doc
    owner = next((c for c in head.children if c.dep_ in ("compound", "amod") and c.pos_ in ("PROPN", "ADJ", "NOUN")),
                 None)
    owner = owner or next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                           for g in c.children if g.dep_ == "pobj"), None)
    if owner is None:
        return None
    span = doc[owner.i:owner.i + 1] if owner.dep_ != "pobj" else noun_phrase(owner)
    actor = resolver.resolve(span, doc, default_country=country)
    if actor is not None and actor.country and actor.cameo == actor.country:  # a state's positions: its army
        name = actors_mod.country_names().get(actor.country, actor.country)
        actor = actor.model_copy(update={"cameo": actor.country + "MIL", "inter": 1,
                                         "name": f"Military Forces of {name}"})
    return actor.model_copy(update={"text": phrase.text}) if actor is not None else None


def capital_actor(tok: Token, *, alone: bool = False) -> Actor | None:
    """A capital named as the one who acts ("Moscow said", "Washington's sanctions") stands for its country.
    `alone`: the capital's own name, without the names coordinated with it ("Baghdad" of "Baghdad and Tehran")."""
    if tok.pos_ != "PROPN" or tok.dep_ not in ("nsubj", "poss", "pobj") or (tok.dep_ == "pobj" and tok.head.lower_
                                                                               not in ("by", "from")):
        return None
    phrase = actors_mod.entity_span(tok) if alone else noun_phrase(tok)
    name = phrase.text.strip().removesuffix("'s").removesuffix("’s").strip()
    code = actors_mod.capital_lexicon().get(name)
    if code is None:
        return None
    return Actor(name=actors_mod.country_names().get(code, name), country=code, cameo=code, inter=1, text=name)


def resolve_all(heads: list[Token | None], resolve: Callable[[Token | None, str | None], Actor | None]
                 ) -> list[Actor | None]:
    """Actors of coordinated heads; a later one names its country only if it differs ("Israeli helicopters and
    tanks": the tanks are Israeli too). Coordinated countries in front of one head are one party each ("US and
    British activists")."""
    first = resolve(heads[0], None)
    out = [first] + [resolve(t, first.country if first is not None else None) for t in heads[1:]]
    if first is not None and first.country and heads[0] is not None:
        head = heads[0]
        for code in modifier_countries(head, first.country):
            other = actors_mod.get_actor_resolver().resolve(head.doc[head.i:head.i + 1], head.doc,
                                                            default_country=code)
            if other is not None and other.country == code:
                out.append(other.model_copy(update={"text": first.text}))
    return out


def modifier_countries(head: Token, known: str) -> list[str]:
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


PAIR_NOUNS = frozenset({"country", "government", "nation", "neighbour", "neighbor", "state", "capital"})


def named_pair(head: Token | None, resolve: Callable[[Token | None, str | None], Actor | None] | None = None
               ) -> list[Actor | None] | None:
    """The two states a phrase like "the two countries" or "both governments" stands for, as the article named them
    last before it ("Botswana and Namibia signed ... Ministers from the two countries met"): the two countries
    its latest country mentions name; their governments when the phrase is whose officials it is ("ministers from
    the two countries", "the two countries' defence ministers"). None when the phrase is no such pair or the text
    before it names fewer than two countries."""
    if head is None:
        return None
    pair = _pair_word(head)
    if pair is None:
        return None
    counts: dict[str, int] = {}
    last: dict[str, int] = {}
    for k, p in enumerate(head.doc.user_data.get("newsevents_places", [])):
        if p.end <= head.sent.start_char and p.country and p.feature_type == "country":
            counts[p.country] = counts.get(p.country, 0) + 1
            last.setdefault(p.country, k)
    if len(counts) < 2:
        return None
    # the two the text has named most (the story's pair: a third named in passing is not one of "the two
    # countries"), the later named first among equals
    top = sorted(counts, key=lambda c: (-counts[c], -last[c]))[:2]
    first_named = sorted(top, key=lambda c: last[c])  # in the order the text named them
    names = actors_mod.country_names()
    text = noun_phrase(head).text
    if pair is head:
        return [Actor(name=names.get(c, c), country=c, cameo=c, inter=1, text=text) for c in first_named]
    own = resolve(head, None) if resolve is not None else None
    force = {"MIL": "military", "COP": "police"}.get(role_of(own) if own is not None else "")
    if force is not None:  # "the two countries' forces", "troops from both countries"
        return [generic_actor(force, c).model_copy(update={"text": text}) for c in first_named]
    return [Actor(name=f"Government of {names.get(c, c)}", country=c, cameo=c + "GOV", inter=1, text=text)
            for c in first_named]


def _pair_word(head: Token) -> Token | None:
    """"countries" of "the two countries", "both governments", "ministers from the two countries", "the two
    countries' defence ministers"."""
    def paired(t: Token) -> bool:
        return (t.tag_ in ("NNS", "NNPS") and t.lemma_.lower() in PAIR_NOUNS
                and any((c.dep_ == "nummod" and c.lower_ == "two") or (c.dep_ in ("det", "predet", "preconj")
                                                                        and c.lower_ == "both") for c in t.children))
    if paired(head):
        return head
    for c in head.children:
        if c.dep_ == "poss" and paired(c):
            return c
        if c.dep_ == "prep" and c.lower_ in ("from", "of"):
            found = next((g for g in c.children if g.dep_ == "pobj" and paired(g)), None)
            if found is not None:
                return found
    return None


def _verb_of(subj: Token) -> Token:
    """The verb a subject belongs to, also where the parse hangs it off a dateline ("LONDON, June 11 — Argentina and
    Britain agreed": "Argentina" an apposition of "LONDON", the verb's subject)."""
    tok = subj
    while tok.dep_ in ("appos", "conj", "nsubj", "nsubjpass") and tok.head is not tok:
        tok = tok.head
    return tok


def side_pairs(subj: Token | None, obj: Token | None, root: str,
                resolve: Callable[[Token | None, str | None], Actor | None]) -> list[tuple[Actor | None, Actor | None]]:
    """One (actor1, actor2) pair per party a coordination names: "Brazil and the United States signed…" is an act
    of each; when no object is a party, a reciprocal act ("X, Y and Z met", "X and Y signed an accord", "X and Y
    clashed") has each as the other's target, but an act on a thing ("Greece, Panama and South Korea backed the
    call") is each one's with no target among them. The first pair is the trigger's own reading."""
    subjects = named_pair(subj, resolve) or resolve_all(coordinated_heads(subj), resolve)
    objects = resolve_all(coordinated_heads(obj), resolve)
    parties = [a for a in subjects if a is not None]
    # met, clashed; signed an accord; agreed on a roadmap, met over the dispute (what a preposition brings is what the
    # act is about, not a thing acted on as "backed the call" is)
    joint = obj is None or _agreement(obj) or obj.dep_ == "pobj"
    # to agree is to agree with someone: "Chile and Bolivia agreed" is each with the other, though CAMEO files an
    # agreement of intent under 03
    mutual = root in RECIPROCAL_ROOTS or (root == "03" and subj is not None
                                          and _verb_of(subj).lemma_.lower() == "agree")
    if all(o is None for o in objects) and len(parties) > 1 and mutual and joint:
        return [(a, b) for i, a in enumerate(parties) for b in parties[i + 1:]][:6]
    pairs = [(a, b) for a in subjects for b in objects]
    return [p for k, p in enumerate(pairs) if k == 0 or p[0] is None or p[0] != p[1]][:6]  # no side fights itself


def _agreement(noun: Token) -> bool:
    """Whether a noun phrase names an agreement, itself or as what a quantity of it holds ("an accord", "a package
    of agreements", "a raft of deals")."""
    if noun.lemma_.lower() in words("agreement_nouns"):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(g.dep_ == "pobj" and g.lemma_.lower() in
                                                             words("agreement_nouns") for g in c.children)
               for c in noun.children)


def other_armed_side(resolver: actors_mod.ActorResolver, sent: Span, doc: Doc, a1: Actor | None, a2: Actor | None,
                      country: str | None) -> tuple[Actor | None, Actor | None]:
    """A clash has two armed sides; when the trigger's parse gives fewer ("clashes erupted between X and Y",
    "attacked …, but were repulsed by Y"), the other noun phrases of the sentence that name armed actors fill in."""
    taken = {a.name for a in (a1, a2) if a is not None}
    for tok in sent:
        if a1 is not None and a2 is not None:
            break
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "conj"):
            continue
        if is_claim_source(tok):
            continue  # "according to Ukrainian officials", "the army said": who reports it, not who fought
        actor = resolve_actor(resolver, tok, doc, country)
        if actor is None or actor.inter not in ARMED_INTER or actor.name in taken:
            continue
        taken.add(actor.name)
        if a1 is None:
            a1 = actor
        else:
            a2 = actor
    return a1, a2


# CAMEO's acts of words alone: statements and the codebook's verbal acts but meetings and cooperation (04, 05)
WORDS_ROOTS = (VERBAL_ROOTS - {"04", "05"}) | {"01"}


@lru_cache(maxsize=1)
def comment_verbs() -> frozenset[str]:
    """Lemmas that only ever tell words or stances: the verbs of saying and thinking, and the action lexicon's
    verbs whose every sense is a CAMEO act of words ("condemn", "urge", "accuse")."""
    from etl.extract.lexicon import triggers
    from etl.extract.speech import saying_verbs

    senses: dict[str, set[bool]] = {}
    for t in triggers():
        if len(t.lemmas) == 1 and t.pos in ("VERB", "ANY"):
            senses.setdefault(t.lemmas[0], set()).add(t.cameo[:2] in WORDS_ROOTS and t.acled_sub is None)
    return frozenset({lemma for lemma, verbal in senses.items() if verbal == {True}}) | saying_verbs()


def armed_lead(resolver: actors_mod.ActorResolver, sent: Span, doc: Doc, trigger: Token, a2: Actor | None,
                country: str | None) -> Actor | None:
    """The armed actor a sentence leads with, for an act of force whose parse names no doer: the small model breaks
    leads such as "military forces who entered the village shot and killed a man" or "military and Pyu Saw Htee
    destroyed houses"; the first armed side named before the act is most often who did it."""
    for tok in sent:
        if tok.i >= trigger.i:
            break
        if tok.pos_ not in ("NOUN", "PROPN") or tok.dep_ not in ("nsubj", "ROOT", "conj") or is_claim_source(tok):
            continue
        if tok.lemma_.lower() in PLACE_NOUNS:
            continue
        if tok.dep_ == "nsubj" and tok.head.i != trigger.i and tok.head.lemma_.lower() in comment_verbs():
            continue  # "the U.N. chief condemned…, as eight protesters were killed": who comments did not do it
        actor = resolve_actor(resolver, tok, doc, country)
        if actor is None or actor.inter not in ARMED_INTER or len(actor.cameo or "") <= 3:
            continue  # a bare country is a state speaking ("Canada condemned the attack"), not a force
        if a2 is None or actor.name != a2.name:
            return actor
    return None


def hosts_own(actor: Actor, country: str) -> Actor:
    """An official met abroad whose country the text does not name is the host's (the country of the place)."""
    name = actors_mod.country_names().get(country, country)
    return actor.model_copy(update={"country": country, "cameo": country + role_of(actor),
                                    "name": f"Government of {name}"})
