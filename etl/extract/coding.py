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
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from etl.extract import actors as actors_mod
from etl.extract.certainty import certainty_of, is_hedged
from etl.extract.dates import resolve_date
from etl.extract.fatalities import count_fatalities
from etl.extract.geo.parser import doc_text
from etl.extract.lexicon import Trigger, acled_types, cameo, report_labels, triggers
from etl.extract.outlet import publication_country
from schemas.models import Actor, Article, Event, Location, SourceRef, TimePrecision

CODER_VERSION = "0.1.0"

log = logging.getLogger(__name__)

SPEECH = {"say", "announce", "state", "claim", "report", "tell", "confirm", "add", "allege", "declare", "write",
          "note", "insist", "assert"}
FUTURE_HEADS = {"threaten", "plan", "vow", "intend", "prepare", "seek", "want", "hope", "aim", "promise", "warn",
                "pledge", "expect", "consider", "propose", "try", "attempt", "fail"}
MODALS = {"will", "would", "could", "may", "might", "shall", "should", "can"}

AIR = re.compile(r"\b(air ?strikes?|air raids?|airstrikes?|drones?|warplanes?|jets?|helicopters?|aircraft|"
                 r"bombers?|UAVs?|air force|aerial)\b", re.I)
SHELL = re.compile(r"\b(shell(?:s|ed|ing)?|artillery|mortars?|rockets?|missiles?|howitzers?|MLRS|grad|"
                   r"bombard(?:ed|ment)?|cannon fire)\b", re.I)
IED = re.compile(r"\b(IEDs?|improvised explosive|landmines?|mines?|roadside bombs?|car bombs?|explosive devices?|"
                 r"booby[- ]trap|VBIED|bomb blast|explosives?)\b", re.I)
GRENADE = re.compile(r"\bgrenades?\b", re.I)
SUICIDE = re.compile(r"\bsuicide (?:bomb|attack|bomber|vest|car)", re.I)
CHEMICAL = re.compile(r"\b(chemical|chlorine|sarin|toxic gas|nerve agent)\b", re.I)
INTERVENTION = re.compile(r"\b(tear ?gas|water cannons?|dispers(?:e|ed|ing)|rubber bullets?|batons?|baton[- ]charged|"
                          r"arrested|detained|intervened|broke up|cracked down|pepper spray|prevented|stopped|"
                          r"blocked by (?:the )?police)\b", re.I)
CLASH = re.compile(r"\b(clash\w*|fight\w*|fought|battl\w+|exchang\w+|repel\w*|repuls\w+|offensive|gunfire|"
                   r"firefight|gunfight|shoot-?out|engag\w+|counter-?attack\w*|confront\w+)\b", re.I)
PROTEST_CTX = re.compile(r"\b(protest\w*|demonstrat\w+|rall(?:y|ies|ied)|march(?:ed|ers|ing|es)|a march|strike|"
                         r"picket\w*|sit-in|barricad\w+|to demand|demanding)\b", re.I)
EXCESSIVE = re.compile(r"\b(live (?:ammunition|rounds|fire)|opened fire on (?:the )?(?:protesters|demonstrators|"
                       r"crowd)|shot (?:dead )?(?:a |two |three |several )?(?:protesters|demonstrators)|"
                       r"(?:protesters|demonstrators) (?:were |was )?(?:killed|shot dead))\b", re.I)
VIOLENT = re.compile(r"\b(violent|riot(?:ed|ing|s)?|clash(?:ed|es)?|threw stones|stone[- ]pelting|pelted|"
                     r"vandali[sz]ed|torched|set (?:fire|ablaze)|burn(?:ed|t|ing)(?! (?:an |the )?effig)|smashed|"
                     r"ransacked|attacked|barricades?|burning tyres|burning tires|damaged)\b", re.I)
MOB = re.compile(r"\b(mob|locals|villagers|residents|angry crowd|lynch(?:ed|ing)?|vigilantes|"
                 r"a group of (?:people|youths|locals|residents|villagers))\b", re.I)
SYMBOLIC = re.compile(r"^\w+\s+(?:an?\s+|the\s+|\w+\s+)?(effig\w+|flags?|posters?|portraits?|photos?|pictures?|"
                      r"copies|banners?)\b", re.I)
NON_VIOLENT_CROWD = re.compile(r"\b(peaceful(?:ly)?|sit-in|vigil)\b", re.I)

LIGHT_VERBS = {"carry", "launch", "conduct", "stage", "mount", "perpetrate", "commit", "hold", "organize",
               "organise", "lead", "begin", "start", "initiate", "engage", "make", "undertake", "execute"}
ROLES = {"MIL", "COP", "GOV", "REB", "OPP", "CVL", "JUD", "BUS", "MED", "EDU", "REF", "IGO", "PTY", "LEG", "SPY",
         "INS", "UAF", "LAB", "AGR", "HLH", "NGO", "CRM", "ELI", "MOD", "RAD", "SET"}
HQ_CUE = re.compile(r"\b(establish\w*|set(?:s|ting)? up|buil[dt]\w*|open(?:s|ed|ing)?)\b.{0,60}\b(bases?|headquarters|"
                    r"camps?|outposts?|offices?)\b|\b(bases?|headquarters|camps?|outposts?)\b.{0,40}\b(established|"
                    r"set up|built|opened)\b", re.I)
CROWD_CONTROL = re.compile(r"\b(tear ?gas|water cannons?|rubber bullets?|warning shots|pellets?|into the air)\b", re.I)

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


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[Trigger]], dict[str, list[Trigger]]]:
    single: dict[str, list[Trigger]] = {}
    multi: dict[str, list[Trigger]] = {}
    for t in triggers():
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
    single, multi = _index()
    hits: list[Hit] = []
    i, toks = 0, list(sent)
    while i < len(toks):
        tok = toks[i]
        low = tok.lemma_.lower()
        matched = False
        for t in multi.get(low, []) + multi.get(tok.lower_, []):
            n = len(t.lemmas)
            window = toks[i:i + n]
            same = len(window) == n and all(w.lemma_.lower() == x or w.lower_ == x
                                            for w, x in zip(window, t.lemmas, strict=True))
            if same and (_pos_ok(t, tok) or t.pos == "NOUN"):
                head = max(window, key=lambda w: w.pos_ in ("VERB", "NOUN"))
                hits.append(Hit(t, head if t.pos == "NOUN" else tok, i + n))
                i += n
                matched = True
                break
        if matched:
            continue
        for t in single.get(low, []) or single.get(tok.lower_, []):
            if _pos_ok(t, tok):
                hits.append(Hit(t, tok, i + 1))
                break
        i += 1
    return hits


def _phrase(tok: Token) -> Span:
    """The noun phrase headed by tok, without relative clauses and trailing prepositional tails."""
    doc = tok.doc
    left = tok.left_edge.i
    right = tok.i
    for child in tok.rights:
        if child.dep_ in ("compound", "amod", "nummod", "appos", "flat", "conj", "cc") and child.i == right + 1:
            right = child.right_edge.i if child.dep_ != "conj" else child.i
        elif child.dep_ == "prep" and child.lower_ == "of":
            right = child.right_edge.i
    return doc[left:right + 1]


def _sides(tok: Token) -> tuple[Token | None, Token | None]:
    """(actor1 head, actor2 head) of a trigger from the parse."""
    subj = obj = None
    passive = False
    for child in tok.children:
        if child.dep_ in ("nsubj",):
            subj = child
        elif child.dep_ in ("nsubjpass",):
            obj, passive = child, True
        elif child.dep_ in ("dobj", "obj"):
            obj = obj or child
        elif child.dep_ == "agent":
            for g in child.children:
                if g.dep_ == "pobj":
                    subj = g
        elif (child.dep_ == "prep" and child.lower_ in ("on", "against", "with", "at", "by") and tok.pos_ != "VERB") \
                or (child.dep_ == "prep" and child.lower_ in ("against", "with", "on", "at", "toward", "towards")):
            for g in child.children:
                if g.dep_ == "pobj":
                    if child.lower_ == "by":
                        subj = subj or g
                    elif obj is None:
                        obj = g
    if subj is None and not passive and tok.dep_ in ("xcomp", "advcl", "conj", "relcl") and tok.head.i != tok.i:
        if tok.dep_ == "relcl":
            subj = tok.head
        else:
            for child in tok.head.children:
                if child.dep_ == "nsubj":
                    subj = child
    if subj is None and tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in LIGHT_VERBS:
        subj = next((c for c in tok.head.children if c.dep_ == "nsubj"), None)  # "X carried out an attack"
    if subj is None and tok.pos_ == "NOUN":  # "an air strike by X", "Russian shelling of Y"
        for child in tok.children:
            if child.dep_ in ("amod", "compound", "poss") and child.pos_ in ("ADJ", "PROPN", "NOUN"):
                subj = child
                break
    return subj, obj


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "neg" for c in tok.head.children
                                                             if tok.dep_ in ("xcomp",) )


def _hypothetical(tok: Token) -> bool:
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in FUTURE_HEADS


def _speaker(tok: Token) -> Token | None:
    """For a trigger inside reported speech, the head of who said it."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("ccomp", "parataxis") and node.head.lemma_.lower() in SPEECH:
            for c in node.head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return c
            return None
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
        if EXCESSIVE.search(ctx) or (fatalities and re.search(r"protest|demonstrat", sent_text, re.I)
                                           and role1 in STATE_ROLES):
            return "Excessive force against protesters"
        if sub == "Violent demonstration" or (VIOLENT.search(ctx) and not NON_VIOLENT_CROWD.search(sent_text)):
            return "Violent demonstration"
        if INTERVENTION.search(ctx):
            return "Protest with intervention"
        return "Peaceful protest"
    crowd_actor = a1 is not None and a1.inter in (5, 6, 7) and role1 in ("OPP", "CVL")
    if (sub in ("Mob violence", "Looting/property destruction") and crowd_actor) or sub == "Mob violence":
        return "Violent demonstration" if PROTEST_CTX.search(ctx) else "Mob violence"
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
    if GRENADE.search(sent_text):
        return "Grenade"
    if IED.search(sent_text) and sub in ("Remote explosive/landmine/IED", "Attack", "Armed clash"):
        return "Remote explosive/landmine/IED"
    if sub in ("Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"):
        return sub
    if crowd_actor or (MOB.search(sent_text) and role1 in ("", "CVL", "OPP")):
        return "Violent demonstration" if PROTEST_CTX.search(ctx) else "Mob violence"
    armed2 = role2 in ARMED_ROLES or (a2 is not None and a2.inter in (1, 2, 3, 4, 8) and role2 not in ("CVL", "OPP"))
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
VICTIM_SUBS = {"Attack", "Abduction/forced disappearance", "Sexual violence", "Mob violence",
               "Looting/property destruction", "Arrests"}


def _generic(kind: str, country: str | None) -> Actor:
    """A generic side named the ACLED way: "Protesters (Kenya)", "Civilians (Kenya)", "Police Forces of Kenya"."""
    cname = actors_mod.country_names().get(country or "", "")
    role, inter, name = {"protesters": ("OPP", 6, f"Protesters ({cname})"),
                         "civilians": ("CVL", 7, f"Civilians ({cname})"),
                         "police": ("COP", 1, f"Police Forces of {cname}")}[kind]
    return Actor(name=name.replace(" ()", "").strip(), country=country, cameo=(country or "") + role, inter=inter)


def acled_sides(sub: str | None, a1: Actor | None, a2: Actor | None,
                country: str | None) -> tuple[Actor | None, Actor | None]:
    """ACLED's order of sides: protesters are actor1 of a protest and the force that intervenes actor2 ("police
    dispersed protesters" turns round); violence against civilians, mob violence, looting and arrests have their
    victims as actor2, civilians when the text names nobody else; arrests are made by the police if no one is
    named."""
    if sub in PROTEST_SUBS or sub == "Violent demonstration":
        if a1 is not None and a1.inter == 1 and (a2 is None or a2.inter in (5, 6, 7)):
            a1, a2 = a2, a1
        a1 = a1 or _generic("protesters", country)
        if a2 is None and sub in ("Protest with intervention", "Excessive force against protesters"):
            a2 = _generic("police", country)
    elif sub in VICTIM_SUBS:
        if sub == "Arrests" and a1 is None:
            a1 = _generic("police", country)
        if a2 is None:
            a2 = _generic("civilians", country)
    return a1, a2


def _role_adjusted(actor: Actor | None, sub: str | None, side: int, event_country: str | None) -> Actor | None:
    """ACLED conventions that depend on the event: protesters are 6 in protests, rioters 5 in riots."""
    if actor is None:
        return None
    inter = actors_mod.acled_inter(actor, event_country)
    if sub in ("Peaceful protest", "Protest with intervention", "Excessive force against protesters") and side == 1 \
            and actor.inter in (5, 6, 7):
        inter = 6
    if sub in ("Violent demonstration", "Mob violence") and side == 1 and actor.inter in (5, 6, 7):
        inter = 5
    if inter != actor.inter:
        return actor.model_copy(update={"inter": inter})
    return actor


def _resolve(resolver: actors_mod.ActorResolver, head: Token | None, doc: Doc, country: str | None) -> Actor | None:
    """The actor named by the phrase around `head`; a resolver failure on one phrase loses that side, not the run."""
    if head is None:
        return None
    try:
        actor = resolver.resolve(_phrase(head), doc, default_country=country)
        if actor is None:  # "Moscow's counteroffensive": the owner is the actor
            owner = next((c for c in head.children if c.dep_ == "poss"), None)
            if owner is not None:
                actor = resolver.resolve(_phrase(owner), doc, default_country=country)
        return actor
    except Exception:  # logged; the event is still coded
        log.warning("actor resolution failed on %r", head.text, exc_info=True)
        return None


COOPERATIVE_ROOTS = {"04", "05", "06", "07", "08"}
FORCEFUL_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}


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
        return "036" if root == "04" else "030"
    if root in FORCEFUL_ROOTS:
        return "138" if root in ("18", "19", "20") else "130"
    if root in ("01", "02", "03", "10", "11", "12", "13"):
        return code
    return None


def _not_actors(doc: Doc, places: list | None, actors: list[Span]) -> list | None:
    """Places that do not stand for a side of the event: a capital or country used as an actor ("Moscow's
    counteroffensive", "Kyiv's forces", "Moscow said") is not where it happened."""
    if places is None:
        return None
    text = doc_text(doc)
    sides = {(a.start_char, a.end_char) for a in actors}
    return [p for p in places if not (text[p.end:p.end + 2] in ("'s", "’s") or (p.start, p.end) in sides)]


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


def _is_claim_source(tok: Token) -> bool:
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according":
        return True
    return tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SPEECH


def _depth(tok: Token) -> int:
    """Hops from a trigger to its sentence's root: the lead event governs, a purpose clause ("protested against
    the killings") hangs below it."""
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok, n = tok.head, n + 1
    return n


def code_doc(doc: Doc, article: Article, *, now: date | None = None) -> list[Event]:
    """Every event of one parsed article; exactly one is `main`: the first sentence with a typed, not negated
    event (news leads with it), there the trigger nearest the root, then the most severe."""
    published = article.published_at.date() if article.published_at else None
    fallback = now or datetime.now(UTC).date()
    resolver = actors_mod.get_actor_resolver()
    pub_country = publication_country(article)
    default_country = actors_mod.dominant_country(doc)
    gp = _geoparser()
    if pub_country is None and gp is not None:  # "Ghana Web": notes that never name their country, outlets that do
        pub_country = gp.country_in_name(article.source)
    places = None
    if gp is not None:
        try:
            places = gp.parse(doc, publication_country=pub_country)
        except Exception:  # logged; events fall back to the country level
            log.warning("geoparsing failed for article %s", article.id, exc_info=True)
    if default_country is None:  # the country the article's places are in, else where it was published
        in_places = Counter(p.country for p in places or [] if p.country and not p.demonym)
        default_country = in_places.most_common(1)[0][0] if in_places else pub_country
    full_text = doc.text
    context = full_text if len(full_text) <= SHORT_REPORT else None
    events: list[Event] = []
    ranked: list[tuple[tuple[int, ...], int]] = []
    for s_idx, sent in enumerate(doc.sents):
        if not sent.text.strip():
            continue
        hits = find_triggers(sent)
        if not hits:
            continue
        hedged = is_hedged(sent)
        sent_fatalities = count_fatalities(sent)
        date_, precision = resolve_date(doc, sent, published, fallback)
        seen_codes: set[str] = set()
        for hit in hits:
            tok = hit.token
            if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN" and not context:
                continue  # "the 380 square miles seized by Ukraine": background to a long story, not its news
            intent = _hypothetical(tok)
            code = recode_modality(hit.trigger.cameo, intent=intent, negated=_negated(tok))
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
            subj, obj = _sides(tok)
            a1 = _resolve(resolver, subj, doc, default_country)
            a2 = _resolve(resolver, obj, doc, default_country)
            acled_sub = hit.trigger.acled_sub if code == hit.trigger.cameo else None
            sub = refine_acled(acled_sub, sent.text, a1, a2, sent_fatalities, context)
            if sub == "Armed clash" and (a1 is None or a2 is None):
                a1, a2 = _other_armed_side(resolver, sent, doc, a1, a2, default_country)
            a1, a2 = acled_sides(sub, a1, a2, default_country)
            key = f"{code[:2]}|{sub}"
            if key in seen_codes:
                continue
            seen_codes.add(key)
            event_type, sub_type = _event_type(sub, code)
            speaker = _speaker(tok)
            claim = _phrase(speaker).text if speaker is not None else None
            named = [_phrase(t) for t in (subj, obj, speaker) if t is not None]
            loc = _location(doc, _not_actors(doc, places, named), sent.start_char, sent.end_char,
                            (a2.country if a2 else None) or (a1.country if a1 else None) or default_country)
            event_country = loc.country if loc else default_country
            a1 = _role_adjusted(a1, sub, 1, event_country)
            a2 = _role_adjusted(a2, sub, 2, event_country)
            fatal = sent_fatalities if sub in VIOLENT_SUBS and not negated else 0
            cc = cameo(code)
            cert = certainty_of(has_actor1=a1 is not None, has_actor2=a2 is not None, has_location=loc is not None,
                                explicit_date=precision == TimePrecision.DAY, hedged=hedged, negated=negated,
                                typed=sub is not None)
            sentence = sent.text.strip()[:2000]
            lead = len(sent.text) - len(sent.text.lstrip())
            ev = Event(
                event_id=_event_id(article.id, sent.start_char, tok.i, code), article_id=article.id,
                event_date=min(date_, published) if published else date_, time_precision=precision,
                event_type=event_type, sub_event_type=sub_type, cameo_code=code, cameo_root=cc.root,
                quad_class=cc.quad_class, goldstein=cc.goldstein, plover_event=cc.plover, actor1=a1, actor2=a2,
                location=loc, fatalities=fatal, fatalities_reported=[fatal], hedged=hedged, negated=negated,
                certainty=cert, confidence=cert, coder_version=CODER_VERSION,
                sources=[SourceRef(article_id=article.id, url=article.url, source=article.source,
                                   published_at=article.published_at, sentence=sentence,
                                   start=sent.start_char + lead, end=sent.start_char + lead + len(sentence),
                                   claim_source=claim)],
                num_sources=1, num_articles=1, first_seen=article.published_at)
            rank = (0 if negated else 1, 1 if sub is not None else 0, -s_idx, -_depth(tok),
                    SEVERITY.get(event_type, 0) if sub else 0, -tok.i)
            ranked.append((rank, len(events)))
            events.append(ev)
    if events:
        best = max(ranked)[1]
        update: dict[str, object] = {"main": True}
        labelled = lead_label(doc.text)
        if labelled is not None:  # the report says what kind of event it is
            update.update(event_type=acled_types()[labelled], sub_event_type=labelled)
        events[best] = events[best].model_copy(update=update)
    return events


LABEL = re.compile(r"^\s*([A-Za-z][A-Za-z /-]{2,40}):\s")


def lead_label(text: str) -> str | None:
    """The ACLED sub-event type named by a report's lead label ("Weapons seizure: On 1 May …"), if any."""
    m = LABEL.match(text)
    return report_labels().get(m.group(1).strip().lower()) if m else None
