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
from collections import Counter
from datetime import UTC, date, datetime

from spacy.tokens import Doc, Span, Token

from etl.extract import actors as actors_mod
from etl.extract.acled_sides import acled_sides, placed, role_adjusted, state_force_hit, unarmed_victim
from etl.extract.arguments import (
    INSTRUMENTS,
    LAUNCHERS,
    PLACE_NOUNS,
    demander,
    doer_of_means,
    means_of,
    party_of_thing,
    side_heads,
    verb_target,
)
from etl.extract.certainty import certainty_of, is_hedged
from etl.extract.classify.model import load_classifier
from etl.extract.classify.stage import classify, is_typed
from etl.extract.codebook import (
    ARMED_ROOTS,
    ARMED_SUBS,
    GOV_ROLES,
    HOSTED_ROOTS,
    VIOLENT_SUBS,
    generic_actor,
    names_state,
    role_of,
    same_kind,
)
from etl.extract.coref import unpronoun
from etl.extract.dateline import doc_datelines, event_places, filed_from, without_datelines
from etl.extract.dates import is_history, resolve_date
from etl.extract.detect import (
    CROWD_CONTROL,
    HARMING,
    HQ_CUE,
    LABEL_CAMEO,
    SYMBOLIC,
    Hit,
    asked_for,
    by_mishap,
    expelled_code,
    find_triggers,
    is_background,
    lead_label,
    received_from,
    released_thing_is_text,
)
from etl.extract.fatalities import count_fatalities
from etl.extract.lexicon import Trigger, acled_types, cameo, words
from etl.extract.modality import appeal_of, is_hypothetical, is_negated, is_obliged, recode_modality
from etl.extract.outlet import publication_country
from etl.extract.parties import armed_lead, hosts_own, other_armed_side, resolve_actor, side_pairs
from etl.extract.place import event_location, geoparser, not_actors, place_as_target
from etl.extract.refine import (
    GRIEVANCE,
    HEAVY_WEAPON_CAMEO,
    PROTEST_CTX,
    SHORT_REPORT,
    armed_victim,
    event_type_of,
    refine_acled,
)
from etl.extract.salience import SEVERITY, depth, first_conjunct
from etl.extract.sides import distinct_sides
from etl.extract.speech import SPEECH, accusations, folded_statements, speaker_of
from etl.extract.syntax import noun_phrase
from schemas.models import Actor, Article, Event, SourceRef, TimePrecision, acled_class, cameo_class

RULES_VERSION = "0.3.0"  # the rule stages; the coder's version adds the classifier's (see coder_version)


def coder_version(use_classifier: bool = True) -> str:
    """What coded an event: the rules' version and, when one is loaded, the classifier model's ("0.3.0+cls-…")."""
    clf = load_classifier() if use_classifier else None
    return f"{RULES_VERSION}+{clf.version}" if clf is not None else RULES_VERSION


log = logging.getLogger(__name__)


BLOCKING = words("blocking")


def _event_id(article_id: str, start: int, tok_i: int, code: str) -> str:
    return hashlib.sha1(f"{article_id}|{start}|{tok_i}|{code}".encode()).hexdigest()[:20]


def code_doc(doc: Doc, article: Article, *, now: date | None = None, use_classifier: bool = True) -> list[Event]:
    """Every event of one parsed article; exactly one is `main`: the first sentence with a typed, not negated
    event (news leads with it), there the trigger nearest the root (coordinated acts stand equal: "detained and
    tortured"), then the most severe."""
    published = article.published_at.date() if article.published_at else None
    fallback = now or datetime.now(UTC).date()
    doc_datelines(doc, published or fallback)  # "KYIV, Nov 25 (Reuters) -": context, never a side, place or toll
    resolver = actors_mod.get_actor_resolver()
    pub_country = publication_country(article)
    gp = geoparser()
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
    folded: set[int] = set()  # statements that are no event of their own (see folded_statements)
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
        lead_subj = None if verbal else unpronoun(next((c for c in root.children if c.dep_ == "nsubj"
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
            if asked_for(tok):
                continue  # "pressure to help Y", "a call to release Z": what is asked for, not done
            if (hit.trigger.cameo[:2] in ARMED_ROOTS and tok.dep_ == "advcl" and tok.tag_ == "VBG"
                    and tok.head.i in armed_verbs):
                continue  # "bombarded the city, killing eight": the toll of the act told, not a second act
            if tok.lemma_.lower() in HARMING and by_mishap(tok):
                continue  # "victims killed by the crash": an accident is no one's act
            if hit.trigger.cameo[:3] == "084" and released_thing_is_text(tok):
                continue  # "a report released on Monday": a publication, not a release of people
            if is_background(tok):
                continue  # "a member jailed a year ago", "two weeks after rebels kidnapped…": earlier history
            intent = is_hypothetical(tok)
            obliged = is_obliged(tok)
            appeal = appeal_of(tok)
            received = received_from(tok) if tok.lemma_.lower() in ("receive", "accept", "get", "obtain") else None
            act = expelled_code(tok) if hit.trigger.cameo == "174" else received[0] if received else hit.trigger.cameo
            code = "100" if obliged else "020" if appeal else recode_modality(act, intent=intent,
                                                                               negated=is_negated(tok))
            if code is None:
                continue
            if hit.trigger.acled_sub == "Headquarters or base established" and not HQ_CUE.search(sent.text):
                continue  # "the base", "established relations": not a new base
            if tok.lemma_.lower() == "fire" and CROWD_CONTROL.search(sent.text):
                continue  # tear gas or warning shots at a crowd: the protest's intervention, not an attack
            rest = sent.text[tok.idx - sent.start_char:]
            if tok.lemma_.lower() in ("burn", "tear", "torch") and SYMBOLIC.search(rest):
                continue  # burning an effigy or a flag is a protest gesture, not destruction
            negated = is_negated(tok)
            act_root = hit.trigger.cameo[:2]  # sides follow the act told, whatever was said about it
            subj, obj = side_heads(tok, act_root)
            means = means_of(tok, armed_nouns) if tok.pos_ == "VERB" and act_root in ARMED_ROOTS else None
            if subj is None and means is not None:  # "killed in Russian shelling"
                subj = doer_of_means(means, armed_nouns)
            target = unpronoun(verb_target(tok, act_root)) if tok.pos_ == "VERB" else None
            if obj is not None and target is not None and (obj.lemma_.lower() in INSTRUMENTS
                                                           or tok.lemma_.lower() in LAUNCHERS
                                                           or resolve_actor(resolver, obj, doc, default_country)
                                                           is None):
                obj = target  # "launched missiles at X", "supplied arms to X": the party, not the thing
            if (obj is not None and hit.trigger.acled_sub is None
                    and resolve_actor(resolver, obj, doc, default_country) is None):
                obj = party_of_thing(obj) or obj  # "lifted the sanctions on X", "presented evidence against X"
            if received:  # "X received weapons from Y": Y gave them
                subj, obj = received[1], received[2]
            if obliged:  # "X said Y must withdraw", "X demanded that Y withdraw": X demands of Y
                subj, obj = demander(tok), subj
            elif appeal:
                subj, obj = appeal
            for k, (a1, a2) in enumerate(side_pairs(subj, obj, act_root, lambda t, c: resolve_actor(
                    resolver, t, doc, c or default_country, named_country))):
                acled_sub = hit.trigger.acled_sub if code == hit.trigger.cameo else None
                if act_root in ARMED_ROOTS:
                    a2 = unarmed_victim(a2)
                sub = refine_acled(acled_sub, sent.text, a1, a2, sent_fatalities, context)
                if a1 is None and sub is not None and k == 0 and lead_subj is not None and lead_subj is not obj:
                    a1 = resolve_actor(resolver, lead_subj, doc, default_country, named_country)  # see lead_subj
                    if a1 is not None:
                        sub = refine_acled(acled_sub, sent.text, a1, a2, sent_fatalities, context)
                if (sub in (None, "Other") and a1 is not None and a1.inter == 6 and role_of(a1) == "OPP"
                        and act_root in ("10", "11", "12", "13") and not negated):
                    sub = "Peaceful protest"  # "protesters demanded water", "workers denounced the closure"
                if (sub == "Non-state actor overtakes territory" and a1 is not None and a1.inter in (5, 6, 7)
                        and not negated):
                    sub = "Peaceful protest"  # "students occupied their school", "parents took over the school"
                if sub == "Armed clash" and (a1 is None or a2 is None):
                    a1, a2 = other_armed_side(resolver, sent, doc, a1, a2, default_country)
                    if (a2 is None and a1 is not None and default_country and a1.country
                            and a1.country != default_country and role_of(a1) in ("MIL", "COP")):
                        a2 = generic_actor("military", default_country)  # a foreign army fights the country's own
                elif a1 is None and k == 0 and sub in ARMED_SUBS:
                    a1 = armed_lead(resolver, sent, doc, tok, a2, default_country)
                if (code[:2] == "14" and tok.lemma_.lower() in BLOCKING and a1 is not None and a1.inter == 1
                        and (role_of(a1) in ("MIL", "COP", "GOV") or (role_of(a1) == "" and names_state(a1)))
                        and not PROTEST_CTX.search(context or sent.text)
                        and not GRIEVANCE.search(context or sent.text)):
                    code, sub = "191", None  # "Israel reimposed blockades": a state restricting movement, no protest
                a1, a2 = acled_sides(sub, a1, a2, default_country, sent.text)
                if sub == "Attack" and a2 is not None and role_of(a2) == "CVL" and armed_victim(tok):
                    sub = "Armed clash"  # "shot a gang member", "killed a commander of the X Division": armed on
                    a2 = generic_actor("unidentified", a2.country or default_country)  # both sides, whoever shot first
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
                        and a1.country != first[0].country and same_kind(a1, first[0])):
                    continue  # further parties of a coordination count only when every side is known, or when
                    # they are the same kind of party from another country ("US and British activists protested")
                key = f"{ev_code[:2]}|{sub}" + (f"|{a1.name if a1 else ''}|{a2.name if a2 else ''}" if k else "")
                if key in seen_codes:
                    continue
                seen_codes.add(key)
                event_type, sub_type = event_type_of(sub, ev_code)
                speaker = speaker_of(tok)
                claim = noun_phrase(speaker).text if speaker is not None else None
                struck = obj if ev_code[:2] in ARMED_ROOTS else None  # "fired missiles at Kyiv": where it hit
                named = [noun_phrase(t) for t in (subj, obj, speaker) if t is not None and t is not struck]
                loc = event_location(doc, not_actors(doc, places, named), sent.start_char, sent.end_char,
                                (a2.country if a2 else None) or (a1.country if a1 else None) or default_country)
                event_country = loc.country if loc else default_country
                if loc is not None and loc.country:  # a side the text does not name ("Civilians", "Unidentified
                    a1, a2 = placed(a1, loc.country), placed(a2, loc.country)  # Armed Group"): where it happened
                if (a2 is None and a1 is not None and a1.country and loc is not None and loc.country
                        and loc.country != a1.country and ev_code[:2] in HOSTED_ROOTS and sub is None):
                    a2 = Actor(name=actors_mod.country_names().get(loc.country, loc.country), country=loc.country,
                               cameo=loc.country, inter=1, text=None)
                if (ev_code[:2] == "04" and a1 is not None and a2 is not None and a1.country
                        and a2.country == a1.country and loc is not None and loc.country
                        and loc.country != a1.country and role_of(a2) in GOV_ROLES
                        and not actors_mod.countries_in((a2.text or "").split())):
                    a2 = hosts_own(a2, loc.country)  # "X held talks with President Y during a visit to Z"
                sides = distinct_sides(sub, ev_code, a1, a2, event_country,
                                       sub in VIOLENT_SUBS or ev_code[:2] in ARMED_ROOTS, state_force_hit(sent.text))
                if sides is None:
                    continue  # a party meeting or agreeing with itself: nothing to tell
                a1, a2 = sides
                a1 = role_adjusted(a1, sub, 1, event_country)
                a2 = role_adjusted(a2, sub, 2, event_country)
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
                rank = (0 if negated else 1, 1 if sub is not None else 0, -s_idx, -depth(first_conjunct(tok)),
                        SEVERITY.get(event_type, 0) if sub else 0, -tok.i, -k)
                ranked.append((rank, len(events)))
                if sub is None and a1 is None and a2 is None:
                    sideless.add(len(events))
                else:
                    sided_roots.add(ev_code[:2])
                told[len(events)] = (tok, speaker)
                trigger_of.append(tok)
                events.append(ev)
        accusations(events, told, first_event)
        folded.update(folded_statements(events, told, first_event))
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
                          actor1=role_adjusted(a1, labelled, 1, country),
                          actor2=role_adjusted(a2, labelled, 2, country))
        events[best] = events[best].model_copy(update=update)
    return [place_as_target(ev) for ev in events]


