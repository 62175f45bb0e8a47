"""The classify stage: the learned model decides each unit's ACLED sub-type, or that it reports none.

A unit is a whole short report (an ACLED-style note, a wire brief) or one sentence of a longer article. The rule
stages before it found the triggers, sides, places and dates of the unit's candidate events; the model reads the
unit's masked words with those findings and returns a calibrated probability for each sub-type and for NONE.

- NOT_EVENT wins: the unit tells of no act that happened (opinion, background, a running total, a plan, a denial,
  a question). In a sentence of an article, material acts (CAMEO roots 14–20) found in it are dropped when the
  model gives NOT_EVENT at least one half; verbal ones (statements, threats, intents) stay as CAMEO events without
  an ACLED type, as every event of a short report does (a report is written because something happened).
- NONE wins: the unit tells of a happening of no ACLED kind (a disaster, ordinary crime, a verdict, a meeting):
  its events stay as CAMEO events without an ACLED type.
- a sub-type wins: the unit's lead event takes it, with the CAMEO code it implies when the verb's code disagrees
  (data/subtype_cameo.tsv); other typed events of the unit keep their own type only when the model gives it weight.
- every typed event's confidence is the model's probability of its sub-type.
- a unit whose lead act killed people by force, as the rules read it, and that names no demonstration tells an act
  of violence: a sub-type that kills no one gives way to the model's most likely violent one.

In a sentence of a longer article two more facts hold, as ACLED's and CAMEO's scopes state them: ACLED codes every
act of political violence and every demonstration, so an act of force or protest (CAMEO 14, 18–20) that the model
gives no ACLED type is not coded at all (it is background, a quote's aside, ordinary crime or a mishap); a verbal
or other CAMEO event needs a source actor that the text names (not one the coder supplied) and that takes part in
events rather than comments on them (not an analyst or an expert: data/commentators.txt); and a bare statement aimed
at no one is no event. There, too, an ACLED event is coded only when the model finds an ACLED event more
likely than not (its sub-types together at least one half): a short report is known to tell an event, a sentence of
an article is not.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from etl.extract.classify.features import span_features
from etl.extract.classify.model import NONE, NOT_EVENT, EventClassifier
from etl.extract.codebook import (
    ARMED_INTER,
    ARMED_ROOTS,
    UNKNOWN_PERPETRATOR_SUBS,
    VIOLENT_SUBS,
    generic_actor,
    is_crowd,
)
from etl.extract.crime import investigates_mishap, ordinary_arrest, ordinary_crime
from etl.extract.detect import tells_of_remote_force, told_as_tally
from etl.extract.doctext import doc_children, doc_lowers, doc_parse, once_for
from etl.extract.modality import under_modal
from etl.extract.sides import is_state
from etl.extract.speech import saying_verbs
from etl.extract.syntax import clause_chain, first_verb_above, lemma_in, sentence_at
from schemas.models import ACLED_CLASSES, Actor, Event, EventClass, acled_class, cameo_class

ACLED_SCOPE = set(ACLED_CLASSES.values())

DATA = Path(__file__).parent / "data"
UNTYPED = ("Strategic developments", "Other")  # how the schema spells an event with no ACLED type of its own
MATERIAL_ROOTS = {"14", "15", "16", "17", "18", "19", "20"}
ACLED_SCOPE_ROOTS = {"14", "18", "19", "20"}  # protest and violence: ACLED's own scope
SECOND_EVENT_MIN = 0.15  # another typed event of the same unit keeps its type from this probability of it on


@dataclass(frozen=True)
class Decision:
    label: str
    probability: float
    probabilities: dict[str, float]


@lru_cache(maxsize=1)
def subtype_cameo() -> dict[str, tuple[str, set[str] | None]]:
    """Sub-type → (its default CAMEO code, the roots under which a verb's own code agrees; None for any)."""
    with (DATA / "subtype_cameo.tsv").open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {r["sub_event_type"]: (r["cameo"], None if r["roots"] == "*" else set(r["roots"].split(",")))
                for r in rows}


def is_typed(ev: Event) -> bool:
    """In ACLED's scope (typed by the rules or the model), not a CAMEO-only event."""
    return ev.event_class in ACLED_SCOPE


@lru_cache(maxsize=1)
def commentators() -> frozenset[str]:
    """Lemmas of nouns that name a commentator rather than a party (data/commentators.txt)."""
    lines = (DATA / "commentators.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def by_commentator(unit: Span | Doc, actor_text: str | None) -> bool:
    """Whether the source named `actor_text` is a commentator: the words of its mention, or an apposition to it
    ("Jane Roe, a security analyst, said"), name one."""
    if not actor_text:
        return False
    words = commentators()
    last = actor_text.split()[-1]
    for tok in unit:
        if tok.text != last:
            continue
        near = [tok, *tok.children, *(c for a in tok.children if a.dep_ == "appos" for c in a.subtree)]
        if tok.dep_ == "appos":
            near.append(tok.head)
        if any(t.lemma_.lower() in words for t in near) or any(w.lower() in words for w in actor_text.split()):
            return True
    return False


SAYING_LINKS = frozenset({"ccomp", "xcomp", "conj", "advcl", "parataxis"})


def told_by_commentator(tok: Token) -> bool:
    """Whether an act is what a commentator says happened or would happen ("Analysts say Tehran would welcome the
    closure", "experts believe the army will retake the town"): analysis of events, not an event. Climbs from the
    act's verb through the clauses above it to a verb of saying or thinking whose subject is a commentator."""
    saying, critics = saying_verbs(), commentators()
    return any(node.lemma_.lower() in saying and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in critics for c in node.children)
               for node in islice(clause_chain(tok, SAYING_LINKS, 5), 1, None))  # the clauses above the act


def units(doc: Doc, events: Sequence[Event], whole: bool) -> list[tuple[Span | Doc, list[int]]]:
    """The units to classify with the indexes of the events found in each: the whole doc for a short report,
    else each sentence that holds an event."""
    if whole:
        return [(doc, list(range(len(events))))]
    out: dict[int, tuple[Span, list[int]]] = {}
    for i, ev in enumerate(events):
        k, sent = sentence_at(doc, source_start(ev))
        out.setdefault(k, (sent, []))[1].append(i)
    return [out[k] for k in sorted(out)]


def source_start(ev: Event) -> int:
    """Where the event's first telling starts in its article (0 when unknown)."""
    return ev.sources[0].start if ev.sources and ev.sources[0].start is not None else 0


def decide(clf: EventClassifier, unit: Span | Doc, events: Sequence[Event], sentence: bool = False) -> Decision:
    label, p, probs = clf.predict(span_features(unit, events), sentence)
    return Decision(label, p, probs)


def retype(ev: Event, sub: str, probability: float, coder_version: str) -> Event:
    """`ev` with the sub-type `sub`. The CAMEO code follows the decision only where it is certain: the model
    changed the rules' sub-type with a probability of at least one half and the verb's code disagrees with the new
    sub-type (data/subtype_cameo.tsv); otherwise the verb lexicon's code stands."""
    from etl.extract.lexicon import acled_types, cameo

    if (sub == "Armed clash" and ev.sub_event_type == "Attack" and ev.actor2 is not None and ev.actor2.inter == 7
            and ev.actor1 is not None and ev.actor1.inter in ARMED_INTER):
        sub = "Attack"  # the rules read an armed side's act on civilians: a clash needs two armed sides (codebook)
    if sub == "Headquarters or base established" and ev.actor1 is not None and ev.actor1.inter == 6:
        sub = "Peaceful protest"  # "farmers set up camp on the roadside": a base is an armed group's (codebook), a
        # protesters' camp is their sit-in
    code = ev.cameo_code
    default, roots = subtype_cameo().get(sub, (code, None))
    if sub != ev.sub_event_type and probability >= 0.5 and roots is not None and code[:2] not in roots:
        code = default
    cc = cameo(code)
    event_type = acled_types().get(sub, UNTYPED[0])
    return ev.model_copy(update={
        "event_type": event_type, "sub_event_type": sub, "event_class": acled_class(event_type),
        "cameo_code": code, "cameo_root": cc.root, "quad_class": cc.quad_class, "goldstein": cc.goldstein,
        "plover_event": cc.plover, "confidence": round(probability, 4), "certainty": round(probability, 4),
        "coder_version": coder_version, "actor1": _armed_doer(ev.actor1, event_type, sub)})


def _violent_if_deadly(d: Decision, lead: Event, *, crowd: bool = True) -> Decision:
    """A unit whose lead act, as the rules read it, killed people by force ("gunmen killed five fighters at a
    checkpoint") tells an act of violence: when the model names a sub-type that kills no one (a change to a group's
    activity, an arrest), its most likely violent sub-type is taken instead (the codebook's strategic developments
    and peaceful protests have no fatalities). A killing told beside another lead ("relatives of a man who was
    killed held a protest") leaves the model's decision, as does its decision that nothing happened (NONE,
    NOT_EVENT). Without `crowd` (a sentence of a full article that names none) no riot is among them."""
    if d.label in (NONE, NOT_EVENT) or d.label in VIOLENT_SUBS:
        return d
    if not (lead.fatalities and lead.sub_event_type in VIOLENT_SUBS and not lead.negated):
        return d
    label = max((x for x in d.probabilities if x in VIOLENT_SUBS and (crowd or not _demonstration(x))),
                key=lambda x: d.probabilities[x], default=None)
    return d if label is None else Decision(label, d.probabilities[label], d.probabilities)


def _demonstration(sub: str) -> bool:
    """Whether a sub-type is a demonstration's (ACLED's protests and riots)."""
    from etl.extract.lexicon import acled_types

    return acled_types().get(sub) in DEMONSTRATION_TYPES


def _riot(sub: str) -> bool:
    """Whether a sub-type is a riot's (ACLED's Riots: violent demonstration, mob violence)."""
    from etl.extract.lexicon import acled_types

    return acled_types().get(sub) == "Riots"


def _no_demonstration(d: Decision, rule_subs: Sequence[str]) -> Decision:
    """Another decision than a demonstration, for a sentence that names no crowd: the best-ranked sub-type of
    another kind the rules read in it (`rule_subs`, best first: "fighting broke out between Tigrayan forces and a
    militia, killing 23" is no riot, and the rules read a clash), else nothing (the model's next guesses of another
    kind, when it was sure of a riot, are seldom worth a typed event)."""
    label = next((sub for sub in rule_subs if not _demonstration(sub)), None)
    if label is None:
        return Decision(NONE, d.probabilities.get(NONE, 0.0), d.probabilities)
    return Decision(label, d.probabilities.get(label, 0.0), d.probabilities)


def _armed_doer(a1: Actor | None, event_type: str, sub: str) -> Actor | None:
    """The first side of an act retyped as a battle, a remote attack or violence against civilians: a crowd the
    rules supplied for their reading of a protest or a riot (no text names it) does not shell or bomb; the doer is
    then unknown, an unidentified armed group where ACLED names no one else."""
    if a1 is None or a1.text or a1.inter not in (5, 6) or acled_class(event_type) != EventClass.POLITICAL_VIOLENCE:
        return a1
    return generic_actor("unidentified", a1.country) if sub in UNKNOWN_PERPETRATOR_SUBS else None


def untype(ev: Event, coder_version: str) -> Event:
    """A CAMEO event with no ACLED type: its toll, if any, is the typed event's of the same text, not its own."""
    return ev.model_copy(update={"event_type": UNTYPED[0], "sub_event_type": UNTYPED[1],
                                 "event_class": cameo_class(ev.quad_class), "fatalities": 0,
                                 "fatalities_reported": [0], "confidence": round(min(ev.confidence, 0.5), 4),
                                 "coder_version": coder_version})


def _with_sides_of(kept: Event, other: Event) -> Event:
    """`kept` with a side it lacks taken from another telling of its act (a side it names, even generically,
    stands: a later sentence's subject is often someone else, "police were investigating")."""
    update = {slot: getattr(other, slot) for slot in ("actor1", "actor2")
              if getattr(kept, slot) is None and getattr(other, slot) is not None}
    return kept.model_copy(update=update) if update else kept


def told_as_ongoing(tok: Token) -> bool:
    """Whether a verb tells a state or a habit rather than a bounded act: the simple present ("the group attacks
    villages"), the present progressive ("is fighting") or the perfect progressive ("has been fighting"). Event
    data records acts that happened; a headline's present (the article's first sentence) tells past news and is
    not asked."""
    if tok.pos_ != "VERB":
        return False
    if tok.tag_ in ("VBZ", "VBP"):
        return True
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    return tok.tag_ == "VBG" and bool(auxes & {"is", "are", "am", "'s", "'re", "been"})


FIRST_PERSON = frozenset({"i", "we"})


def told_as_standing(tok: Token) -> bool:
    """Whether what someone says or does with words is told in the simple present as a standing position ("China
    claims 90% of the sea", "the group accuses Pakistan of exploiting the province", "Beijing denies the
    allegations") rather than as something said at a time. Not so: a present progressive ("Ankara is threatening
    retaliation": news of now), a first-person present, which performs the act it names ("We strongly reject the
    allegations"), or a present reported after a past verb of saying (the sequence of tenses unshifted: "Putin
    said Russia supports the proposal")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    auxes = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    simple = tok.tag_ in ("VBZ", "VBP") or (tok.tag_ == "VB" and bool(auxes & {"do", "does"}))
    if not simple:
        return False
    if any(c.dep_ == "nsubj" and c.lower_ in FIRST_PERSON for c in tok.children):
        return False
    head = tok.head
    return not (tok.dep_ in ("ccomp", "parataxis") and head.tag_ in ("VBD", "VBN") and head.i != tok.i)


def classify(doc: Doc, events: list[Event], lead_of: Sequence[tuple[int, ...]], clf: EventClassifier, *,
             whole: bool, coder_version: str, triggers: Sequence[Token] | None = None,
             beliefs: list[tuple[float, float]] | None = None,
             dated_before: frozenset[int] = frozenset()) -> list[Event | None]:
    """Each event as the model decides it (None: dropped). `lead_of` ranks the events as the rules did (higher
    first). The unit's lead event is the best-ranked one whose rule sub-type the model chose, else the best-ranked
    typed one, else the best-ranked material one. `beliefs`, when given, receives for each event the model's
    probability that its unit tells an event of an ACLED kind and that it tells no act at all. `dated_before`: the
    events of an article's sentences that the text itself dates before the story (`past_act`)."""
    out: list[Event | None] = list(events)
    if beliefs is not None:
        beliefs[:] = [(0.0, 0.0)] * len(events)
    lead_end = next(iter(doc.sents)).end_char if whole and len(doc) else 0
    for unit, idx in units(doc, events, whole):
        d = decide(clf, unit, [events[i] for i in idx], sentence=not whole)
        ranked = sorted(idx, key=lambda i: lead_of[i], reverse=True)
        # the rules' reading of crowd control ("fired tear gas to disperse crews who blocked a road") names a crowd
        # or a crowd of people the rules read using force ("angry residents set fire to a police truck and pelted
        # officers with stones"): a riot's crowd is named, though not as demonstrators (people who gathered are not)
        demonstrating = names_demonstration(unit) or names_work_stoppage(unit) or any(
            events[i].sub_event_type in CROWD_CONTROLLED
            or (_riot(events[i].sub_event_type or "") and events[i].cameo_root in CROWD_FORCE_ROOTS
                and is_crowd(events[i].actor1)) for i in idx)
        if not whole and _demonstration(d.label) and not demonstrating:  # "military chiefs gathered in Paris"
            d = _no_demonstration(d, [events[i].sub_event_type for i in ranked if is_typed(events[i])])
        # the unit's lead is an act its sentence tells as done: not "as clashes forced families from their homes"
        # beside "fighters abducted two soldiers"
        acts = ([i for i in ranked if told_as_act(unit, events[i], triggers[i])]
                if not whole and triggers is not None else ranked)
        decided_type = {i for i in idx if events[i].sub_event_type == d.label and is_typed(events[i])}
        typed_ones = {i for i in idx if is_typed(events[i])}
        # the decided type's event, else a typed one: among the acts told as done first, then among all
        lead = next((i for pool in (acts, ranked) for wanted in (decided_type, typed_ones)
                     for i in pool if i in wanted), None)
        if lead is None:
            lead = next((i for i in ranked if events[i].cameo_root in MATERIAL_ROOTS), None)
        if lead is not None and triggers is not None and took_people(triggers[lead]):
            d = _no_territory(d)  # "captured two soldiers": people taken, no ground
        if not demonstrating:  # "residents protested after a man was killed": the protest's
            d = _violent_if_deadly(d, events[ranked[0]], crowd=whole)
        # a short report is known to tell something that happened; a sentence of an article is not: an act of
        # ACLED's scope the model believes did not happen is dropped, and one outside it (an arrest, a deployment)
        # stays untyped for the reportable stage to weigh with that belief ("a security official said two people
        # had been detained": the model, trained on notes that tell acts, reads reported speech as no act)
        not_happened = not whole and d.probabilities.get(NOT_EVENT, 0.0) >= 0.5
        p_event = 1.0 - d.probabilities.get(NONE, 0.0) - d.probabilities.get(NOT_EVENT, 0.0)
        for i in idx:
            ev = events[i]
            if beliefs is not None:
                beliefs[i] = (p_event, d.probabilities.get(NOT_EVENT, 0.0))
            past = past_act(ev, i in dated_before, whole, d.label, unit)
            if d.label in (NONE, NOT_EVENT) and past:
                sub, p_sub = likeliest_event(d)
                out[i] = retype(ev, sub, p_sub, coder_version)
            elif d.label in (NONE, NOT_EVENT):
                out[i] = (None if not_happened and ev.cameo_root in ACLED_SCOPE_ROOTS
                          else untype(ev, coder_version))
            elif i == lead and lead not in decided_type and decided_type and is_typed(ev):
                # the model's sub-type is that of a reading the sentence does not tell as done ("as they march",
                # beside "after the council dissolved the party"): the act told as done keeps its own type
                out[i] = retype(ev, ev.sub_event_type, d.probabilities.get(ev.sub_event_type, 0.0), coder_version)
            elif i == lead:
                out[i] = retype(ev, d.label, d.probability, coder_version)
            elif is_typed(ev) and (d.probabilities.get(ev.sub_event_type, 0.0) >= SECOND_EVENT_MIN
                                   or (not whole and lead is not None and told_at_another_time(ev, events[lead]))) and (
                    whole or demonstrating or not _demonstration(ev.sub_event_type)):
                out[i] = retype(ev, ev.sub_event_type, d.probabilities[ev.sub_event_type], coder_version)
            elif is_typed(ev):
                out[i] = untype(ev, coder_version)
            else:
                out[i] = ev.model_copy(update={"coder_version": coder_version})
            decided = out[i]
            if not whole and decided is not None:
                decided = out[i] = _named_target(decided)
            if (not whole and decided is not None and is_typed(decided) and ordinary_arrest(decided)
                    and not names_demonstration(unit.doc)):
                # "police arrested a man on suspicion of burglary": law enforcement, a CAMEO arrest outside ACLED's
                # scope (ACLED records politically significant arrests)
                decided = out[i] = untype(decided, coder_version)
            if not whole and decided is not None and not _kept_in_article(
                    unit, decided, triggers[i] if triggers is not None else None,
                    1.0 if past else p_event):
                out[i] = None
            elif not whole and decided is not None:
                out[i] = _press_addressed(decided)  # after the keeping: a statement to the press is a statement
        lead_event = out[lead] if whole and lead is not None else None
        if lead_event is not None and is_typed(lead_event):
            # a short report tells one happening: a later sentence's telling of the lead's act ("…was ambushed by
            # gunmen. One police officer was killed.") is the lead act, and the dead it counts in any sentence are
            # the lead act's, counted once
            lead_sentence = sentence_at(doc, source_start(lead_event))[0]
            again = [i for i in idx if i != lead and out[i] is not None
                     and out[i].sub_event_type == lead_event.sub_event_type
                     and sentence_at(doc, source_start(out[i]))[0] != lead_sentence]
            for i in again:
                lead_event = _with_sides_of(lead_event, out[i])  # the telling that names a side says who
                out[i] = None
            out[lead] = lead_event
            others = [out[i] for i in idx if i != lead and out[i] is not None and is_typed(out[i])]
            toll = max((events[i].fatalities for i in idx), default=0)
            if not lead_event.fatalities and toll and not any(ev.fatalities for ev in others):
                out[lead] = lead_event.model_copy(update={"fatalities": toll, "fatalities_reported": [toll]})
    if whole:  # a later sentence of a short story: who said what there is detail beside the story's own event
        detail = {i for i, ev in enumerate(out) if ev is not None and not is_typed(ev)
                  and ev.cameo_root not in MATERIAL_ROOTS and source_start(ev) >= lead_end
                  and not _article_worthy(ev)}
        if any(ev is not None and i not in detail for i, ev in enumerate(out)):
            out = [None if i in detail else ev for i, ev in enumerate(out)]
    return out


def past_act(ev: Event, dated_before: bool, whole: bool, label: str = NOT_EVENT, unit: Span | Doc | None = None
             ) -> bool:
    """Whether an act of force or protest in a sentence of an article is one the text dates itself before the story
    ("In October 2024, gunmen killed 115 people in Pont-Sonde"). The model's NOT_EVENT learnt background from
    undated generalities ("Mali has been ruled by the military since 2020") and from dates that ACLED's notes, whose
    lead dates are cut, never show beside an act: it reads a dated past act as no event. Such an act is an event of
    its own date (ACLED codes it on that day; judges of full articles list it as reportable), so it keeps an ACLED
    type, and whether it is worth recording is the reportable stage's to weigh with the model's belief. The model's
    NONE (a happening of no ACLED kind: a disaster, an accident) is overruled only for a doer the text names, in a
    sentence that tells of no mishap or weather (data/words/mishaps.txt, weather_words.txt)."""
    if not (dated_before and not whole and is_typed(ev) and ev.cameo_root in ACLED_SCOPE_ROOTS and not ev.negated):
        return False
    if label != NONE:
        return True
    return ev.actor1 is not None and ev.actor1.text is not None and not (unit is not None and _tells_mishap(unit))


def _tells_mishap(unit: Span | Doc) -> bool:
    from etl.extract.lexicon import words

    mishap = words("mishaps") | words("weather_words")
    return any(t.lemma_.lower() in mishap or t.lower_ in mishap for t in unit)


OTHER_TIME_DAYS = 31  # two acts of one sentence more than a month apart are two happenings


def told_at_another_time(ev: Event, lead: Event) -> bool:
    """Whether an act of a sentence is dated apart from the sentence's lead act ("In May 2025, JNIM overran a base
    in Djibo, and in August 2024 an attack in Barsalogho killed 130"): a happening of its own, not a second reading
    of the lead's, so it keeps the type the rules read rather than the one the model gave the sentence."""
    return (ev.event_date is not None and lead.event_date is not None
            and abs((ev.event_date - lead.event_date).days) > OTHER_TIME_DAYS)


def likeliest_event(d: Decision) -> tuple[str, float]:
    """The model's likeliest ACLED sub-type for a unit it reads as no event, with its probability given that the
    unit tells one."""
    subs = {k: v for k, v in d.probabilities.items() if k not in (NONE, NOT_EVENT)}
    sub = max(subs, key=lambda k: subs[k])
    return sub, subs[sub] / max(sum(subs.values()), 1e-9)


TERRITORY_SUBS = frozenset({"Government regains territory", "Non-state actor overtakes territory",
                            "Non-violent transfer of territory"})


@lru_cache(maxsize=1)
def people_nouns() -> frozenset[str]:
    """Nouns of people (data/words: armed_people, people_taken)."""
    from etl.extract.lexicon import words

    return words("armed_people") | words("people_taken")


def took_people(tok: Token | None) -> bool:
    """Whether the act's verb took people ("captured two North Korean soldiers", "seized 12 crew members"): its
    object is a noun of people (a name is not asked: the small model tags many towns as persons)."""
    if tok is None or tok.pos_ != "VERB":
        return False
    return any(c.dep_ in ("dobj", "obj") and (c.lemma_.lower() in people_nouns() or c.lower_ in people_nouns())
               for c in tok.children)


def _no_territory(d: Decision) -> Decision:
    """The model's decision with the territory sub-types out: ACLED's territory events are about control of a
    place, and an act that took people transfers none (the most probable other label)."""
    if d.label not in TERRITORY_SUBS:
        return d
    label = max((k for k in d.probabilities if k not in TERRITORY_SUBS), key=lambda k: d.probabilities[k])
    return Decision(label, d.probabilities[label], d.probabilities)


def habitual_words() -> frozenset[str]:
    """Adverbs and time nouns that make a verb tell a habit or a lasting state (data/words/habitual.txt)."""
    from etl.extract.lexicon import words

    return words("habitual")


def told_as_habit(tok: Token) -> bool:
    """Whether a verb is told as something done again and again or for a long time ("has routinely denied",
    "repeatedly called for", "has never condemned", "have fought for years"), not as one dated act: a frequency
    adverb on it, a duration ("for years", "for decades") on it, or a verb of going on above it ("continues to
    fight"), or as done "in the past". A habit is background, whatever its tense."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("continue", "keep"):
        return True  # "Ukraine continues to press attacks": a campaign going on, no act of its own
    words = habitual_words()
    # the parser hangs a phrase between the auxiliary and the verb on the auxiliary ("have in the past accused")
    near = [*tok.children, *(g for a in tok.children if a.dep_ in ("aux", "auxpass") for g in a.children)]
    for c in near:
        if c.dep_ in ("advmod", "neg", "npadvmod") and c.lower_ in words:
            return True
        if c.dep_ == "prep" and c.lower_ in ("for", "over") and any(
                g.dep_ == "pobj" and g.lower_ in words for g in c.children):
            return True
        if c.dep_ == "prep" and c.lower_ == "in" and any(g.dep_ == "pobj" and g.lower_ == "past" for g in c.children):
            return True  # "have in the past accused the army": told of other times, no act of this story
        if c.dep_ == "prep" and c.lower_ in ("in", "during", "throughout") and any(  # "in recent years"
                g.dep_ == "pobj" and g.lower_ in words and any(a.lower_ in ("recent", "past", "last", "these")
                                                               for a in g.children) for g in c.children):
            return True
    return False


DEFINITE = frozenset({"the", "this", "that", "these", "those"})
A_DAY = re.compile(r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tonight|"
                   r"overnight|weekend|dawn|morning|afternoon|evening|night|january|february|march|april|may|june|july|"
                   r"august|september|october|november|december|\d{1,2}(?:st|nd|rd|th)?)\b", re.I)
TIME_LINKS = frozenset({"prep", "npadvmod", "advmod", "tmod", "compound", "amod", "nmod"})


def _dated_on_its_own(tok: Token) -> bool:
    """Whether a date or time naming a day or a month stands on the word or on the phrases and the verb above it
    ("attacks on Tuesday", "overnight raids", "on 5 March militants launched attacks", "in December, forces
    carried out a series of airstrikes"), not only a period ("since January", "this year", "in recent months")."""
    node = tok
    for _ in range(4):
        for c in node.children:
            if c.dep_ not in TIME_LINKS or (c.dep_ == "prep" and c.lower_ == "since"):
                continue
            dated = [t.text for t in c.subtree if t.ent_type_ in ("DATE", "TIME")]
            if dated and A_DAY.search(" ".join(dated)):
                return True
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return False
        node = node.head
    return False


def told_as_planned(tok: Token) -> bool:
    """Whether an act noun is named as planned, proposed or threatened ("the planned march on Thursday", "a strike
    scheduled for Monday", "a proposed sit-in"): announced, not done (data/words/future_heads.txt, and
    "scheduled")."""
    from etl.extract.lexicon import words

    if tok.pos_ != "NOUN":
        return False
    heads = words("future_heads") | {"schedule"}
    return any(c.dep_ in ("amod", "acl") and c.tag_ in ("VBN", "JJ") and lemma_in(c, heads) for c in tok.children)


def told_as_going_on(tok: Token) -> bool:
    """Whether an act noun is the subject of a verb of going on ("fighting has continued", "clashes raged across the
    region"; data/words/ongoing_verbs.txt) with no day of its own: the state of a conflict, not one of its events
    ("fighting continued on Monday near the airport" is one)."""
    from etl.extract.lexicon import words

    return (tok.pos_ == "NOUN" and tok.dep_ == "nsubj" and lemma_in(tok.head, words("ongoing_verbs"))
            and not _dated_on_its_own(tok))


CONDITION_MARKS = frozenset({"until", "unless", "if", "before", "once"})


def told_as_condition(tok: Token) -> bool:
    """Whether a verb tells the condition of something yet to be done ("would stay until the state government agreed
    to talks", "will not return unless the army withdraws"): a clause of "until", "unless", "if", "before" or
    "once" under a verb told with a modal. (Under a past verb, "fought until the army retook the town", it is told
    as done.)"""
    return (tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in tok.children)
            and under_modal(tok.head))


DESCRIBING_HEADS = frozenset({"be", "come"})


def told_as_described(tok: Token) -> bool:
    """Whether an act noun is the subject of "be" or "come" ("the strike is an early test for the government", "the
    strike comes weeks before the election"): what is said of an act the article told before, placed by the
    dates of other things, not an act told."""
    return tok.pos_ == "NOUN" and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in DESCRIBING_HEADS


def told_as_pattern(tok: Token) -> bool:
    """Whether an act noun is told in the plural with no count, no one picking them out and no day or month of
    their own ("the group has ramped up attacks on security forces", "claimed responsibility for several deadly
    attacks", "recent arrests of journalists"): a pattern of acts over a time, which event data does not record
    as one event. Counted acts ("two attacks"), acts picked out ("the attacks", "Monday's raids") and dated ones
    ("attacks on Tuesday") are other matters; so are the plural weapons, people and things of an act ("taking
    hostages", "suicide bombers"): data/words/act_nouns.txt names the nouns of acts."""
    from etl.extract.lexicon import words

    if tok.pos_ != "NOUN" or tok.tag_ != "NNS" or tok.lemma_.lower() not in words("act_nouns"):
        return False
    if tok.dep_ in ("nsubj", "nsubjpass") and lemma_in(tok.head, words("harming_verbs")):
        return False  # "air strikes killed 19 civilians": what they did says which acts
    if any(c.dep_ == "nummod" or c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE)
           for c in tok.children):
        return False
    return not _dated_on_its_own(tok) and not _happened_at_places(tok)


PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})


def _happened_at_places(tok: Token) -> bool:
    """Whether plural acts are told as having happened at named places ("large marches also took place in Cordoba
    and Rosario", "smaller walkouts were held in Cebu and Davao"): the past of a verb of happening
    (data/words/happening_verbs.txt) with a place of its own, the acts of the story's time."""
    from etl.extract.lexicon import words

    verb = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or verb.lemma_.lower() not in words("happening_verbs"):
        return False
    past = verb.tag_ == "VBD" or (verb.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ == "VBD"
                                                              for c in verb.children))
    if not past or (verb.lemma_.lower() == "take" and not any(c.lower_ == "place" for c in verb.children)):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("in", "across", "at")
               and any(g.ent_type_ in PLACE_ENTITIES for g in c.subtree) for c in verb.children)


def told_as_state(tok: Token) -> bool:
    """Whether a verb form describes someone rather than telling an act: a participle with no subject, auxiliary,
    agent or object of its own that modifies a noun or hangs loose on the clause ("the captured soldiers", "both
    wounded", "though wounded, survived", "troops fighting alongside Russian forces"). What left the state, or the
    activity it names, is told elsewhere, if at all."""
    if tok.tag_ not in ("VBN", "VBD", "VBG"):
        return False
    if tok.tag_ == "VBG" and tok.dep_ in ("csubj", "csubjpass"):
        return True  # "capturing them alive was no small feat": the act is the topic of a comment
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "agent", "dobj") for c in tok.children):
        return False
    if tok.tag_ == "VBG":
        return tok.dep_ in ("acl", "amod")
    return tok.dep_ in ("amod", "acl", "appos", "acomp", "oprd") or (
        tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children))


TOLD_BY_HEAD = frozenset({"02", "03", "10", "13"})  # appeals, intents, demands, threats: the verb above made it one


def told_as_purpose(tok: Token) -> bool:
    """Whether a verb is a to-infinitive under another verb ("to support", "sought to finalize", "in order to
    retake"): an aim, a plan or an attempt, not an act told as done. Under a weapon used ("fired tear gas to
    disperse the crowd", "used batons to break up the march") it tells what the force was used on: done."""
    return (tok.tag_ == "VB" and tok.dep_ in ("xcomp", "advcl", "acl", "ccomp", "relcl")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and not _weapon_used(tok.head))


def _protested_by_doing(tok: Token, ev: Event) -> bool:
    """Whether a demonstration told as a purpose was done by the act above it: people who marched, gathered or
    drove tractors onto a highway "to protest" protested (the past act above is how), unlike people who planned,
    vowed or threatened to (data/words/future_heads.txt)."""
    from etl.extract.lexicon import words

    return (ev.cameo_root == "14" and tok.head.tag_ == "VBD"
            and not lemma_in(tok.head, words("future_heads") | words("willing")))


def _weapon_used(head: Token) -> bool:
    """Whether the word a purpose hangs on tells, in the past, that a weapon was used: a verb whose object is one
    (data/words/instruments.txt, fired_things.txt), or that weapon itself as the object of a past verb (the parser
    may hang the purpose on "fired tear gas and live ammunition to disperse")."""
    from etl.extract.detect import weapon_names

    def weapon(t: Token) -> bool:
        return t.lemma_.lower() in weapon_names() or any(x.lemma_.lower() in weapon_names() for x in t.conjuncts)

    if head.pos_ == "NOUN" and weapon(head) and head.dep_ in ("dobj", "conj"):
        return first_verb_above(head.head).tag_ == "VBD"
    return head.tag_ == "VBD" and any(c.dep_ == "dobj" and weapon(c) for c in head.children)


def is_heading(sentence: Span | Doc) -> bool:
    """Whether a 'sentence' is a heading: no closing punctuation and every content word capitalised ("Captured
    Soldiers Provide Key Insights"), or a few words with no finite verb (a subheading in sentence case, "Trump
    approval", "Recent attacks"). Worked out once per sentence of a Doc (every event of a sentence asks)."""
    if isinstance(sentence, Span):
        return once_for(sentence.doc, "newsevents_headings", (sentence.start, sentence.end),
                        lambda: _is_heading(sentence))
    return _is_heading(sentence)


def _is_heading(sentence: Span | Doc) -> bool:
    from etl.extract.nlp import FINITE_TAGS, HEADING_MAX_WORDS

    words = [t for t in sentence if t.is_alpha]
    if not words or sentence.text.rstrip()[-1:] in ".!?\"'”’:":
        return False
    if len(words) <= HEADING_MAX_WORDS and not any(t.tag_ in FINITE_TAGS for t in sentence):
        return True
    content = [t for t in words if not t.is_stop]
    return len(words) >= 2 and bool(content) and all(t.text[0].isupper() for t in content)


DEMONSTRATION_TYPES = frozenset({"Protests", "Riots"})


def protest_words() -> frozenset[str]:
    """Lemmas that name a demonstration or its crowd (data/words/protest_words.txt)."""
    from etl.extract.lexicon import words

    return words("protest_words")


def names_demonstration(unit: Span | Doc) -> bool:
    """Whether the text names a demonstration or demonstrators (or a crowd the rules typed as one)."""
    words = protest_words()
    doc, lo, hi = _bounds(unit)
    lemmas, lowers = doc_parse(doc).lemma, doc_lowers(doc)  # (read from the Doc's lists: no Token per word)
    return any(lemmas[i] in words or lowers[i] in words for i in range(lo, hi))


def _bounds(unit: Span | Doc) -> tuple[Doc, int, int]:
    """The Doc of a unit and the range of its tokens."""
    return (unit.doc, unit.start, unit.end) if isinstance(unit, Span) else (unit, 0, len(unit))


CROWD_CONTROLLED = frozenset({"Protest with intervention", "Excessive force against protesters"})
# a crowd's force: CAMEO's assault, fighting and mass violence, and coercion ("set fire to a police truck", 1712)
CROWD_FORCE_ROOTS = ARMED_ROOTS | {"17"}


def names_work_stoppage(unit: Span | Doc) -> bool:
    """Whether the text names a strike of workers ("a general strike", "the strikers", "striking teachers", a
    walkout): a strike in an article that tells of no aircraft, drone, missile, shell or bomb is a work stoppage,
    which ACLED codes as a protest ("the strike hit a house" after "a drone strike on Khost" is the drone's).
    ("Strike" is not a protest word of data/words/protest_words.txt: most strikes of conflict news are attacks.)"""
    doc, lo, hi = _bounds(unit)
    p, lowers, kids = doc_parse(doc), doc_lowers(doc), doc_children(doc)
    stoppage = any((p.lemma[i] == "strike" and p.pos[i] == "NOUN") or p.lemma[i] in ("striker", "walkout")
                   or (lowers[i] == "striking" and p.dep[i] == "amod")
                   or (p.lemma[i] == "walk" and any(lowers[c] == "out" for c in kids[i]))
                   for i in range(lo, hi))  # "students walked out of classes"
    return stoppage and not tells_of_remote_force(unit.doc if isinstance(unit, Span) else unit)


def _named_target(ev: Event) -> Event:
    """A verbal or other CAMEO event of an article sentence keeps a target the text names; a generic one the coder
    supplied ("Unidentified Armed Group (Pakistan)" for whom a statement blames) is a guess, left unknown."""
    from etl.extract.sides import is_collective

    if (ev.cameo_root in ACLED_SCOPE_ROOTS or is_typed(ev) or ev.actor2 is None or ev.actor2.text is not None
            or not is_collective(ev.actor2)):
        return ev
    return ev.model_copy(update={"actor2": None})


def is_press(actor: Actor) -> bool:
    """Whether a side is the press: a media role, or words that name reporters or a news outlet
    (data/words/press.txt), or a name ending as newspapers' and broadcasters' do ("the Suffolk Times":
    data/words/press_name_ends.txt)."""
    from etl.extract.geo.gazetteer import norm
    from etl.extract.lexicon import words
    from etl.extract.sides import own_role

    if own_role(actor) == "MED":
        return True
    text = norm(actor.text or "")
    press = words("press")
    tokens = text.split()
    return bool(tokens) and (text in press or tokens[-1] in words("press_name_ends") or any(t in press for t in tokens))


def _press_addressed(ev: Event) -> Event:
    """A statement of an article sentence (CAMEO 01) made to the press ("told VOA", "told reporters") has no
    target: the press is the channel of what was said; the one it was said to is the reader. It stays a statement
    (judges found a minister's words to the press as often right as any candidate). A journalist accused or
    arrested is a target."""
    if ev.cameo_root != "01" or ev.actor2 is None or not is_press(ev.actor2):
        return ev
    return ev.model_copy(update={"actor2": None})


def _kept_in_article(sentence: Span | Doc, ev: Event, trigger: Token | None, p_event: float) -> bool:
    """The facts that hold for a sentence of a full article only (see the module's docstring)."""
    if not told_as_act(sentence, ev, trigger):
        return False
    if is_typed(ev):  # a strategic development is someone's act; a killing may have no known doer
        return p_event >= 0.5 and (ev.actor1 is not None or ev.event_class == "political_violence")
    return (_article_worthy(ev, untargeted=True)
            and not by_commentator(sentence, ev.actor1.text if ev.actor1 else None))


def told_as_act(sentence: Span | Doc, ev: Event, trigger: Token | None) -> bool:
    """Whether a sentence of a full article tells the event as an act done (not a state, a habit, a plan, a
    possibility, a running total, a pattern, a denial, analysis, a purpose, a heading or ordinary crime): what
    its words say, whatever the model decides."""
    if trigger is not None and sentence.start > 0 and (
            told_as_standing(trigger) if ev.cameo_root not in MATERIAL_ROOTS else told_as_ongoing(trigger)):
        return False  # a state, a habit or a standing position, not a dated act; a headline's present tells past news
    if trigger is not None and (told_as_habit(trigger) or (
            trigger.dep_ in ("dobj", "pobj", "xcomp", "pcomp", "ccomp", "nsubj", "nsubjpass")
            and told_as_habit(trigger.head))):
        return False  # done again and again ("continues to press attacks", "protests have repeatedly turned violent")
    if trigger is not None and ev.cameo_root in MATERIAL_ROOTS and told_as_planned(trigger):
        return False  # "the planned march on Thursday": announced, not done
    if trigger is not None and ev.cameo_root in MATERIAL_ROOTS and told_as_going_on(trigger):
        return False  # "fighting has continued in the east": a situation, not a dated act
    if trigger is not None and told_as_condition(trigger):
        return False  # "they would stay until the government agreed to talks": what must happen first, not done
    if trigger is not None and sentence.start > 0 and told_as_described(trigger):
        return False  # "the strike is an early test for the government": said of an act told before
    if trigger is not None and ev.cameo_root in MATERIAL_ROOTS and under_modal(trigger):
        return False  # "they will end up fighting", "if the talks fail, rebels may resume attacks": a possibility
    if trigger is not None and ev.cameo_root in MATERIAL_ROOTS and told_as_tally(trigger):
        return False  # "25 fighters have been killed in the clashes since Saturday": a running total
    if trigger is not None and ev.cameo_root in MATERIAL_ROOTS and told_as_pattern(trigger):
        return False  # "the group has ramped up attacks on security forces": many acts over a time, none told
    if trigger is not None and ev.cameo_root in MATERIAL_ROOTS and told_as_state(trigger):
        return False  # "the two soldiers, both wounded, were taken to Kyiv": a state the act left, told before
    if ev.negated:
        return False  # "no arrests were made", "did not attack": a denial tells no act
    if trigger is not None and told_by_commentator(trigger):
        return False  # "analysts say Tehran would welcome the closure": analysis, not an event
    if (trigger is not None and told_as_purpose(trigger) and ev.cameo_root not in TOLD_BY_HEAD
            and not _protested_by_doing(trigger, ev)):
        return False  # "deployed troops to support Russia's efforts": why something was done, not a second act
    if sentence.start > 0 and is_heading(sentence):
        return False  # a subheading names what the paragraphs below tell
    if investigates_mishap(ev, trigger):
        return False  # "opened an investigation into a fatal road accident": ordinary police work, not politics
    return not ordinary_crime(ev, trigger)  # "a man stabbed his neighbour": crime news, which ACLED does not code


def _article_worthy(ev: Event, *, untargeted: bool = False) -> bool:
    """Whether an untyped event stays: not an act in ACLED's own scope (the model would have typed it), its source
    actor is named in the text (or is the state that makes an arrest told in the passive), and it is more than
    someone speaking: a declined comment (011) tells nothing. A
    bare statement aimed at no one (CAMEO 010) is detail beside a short report's event; in a full article
    (`untargeted`) it stays a candidate, and the reportable stage decides it: the judges of full articles count a
    named body's statement of the story's time as an event ("the interior ministry said removals were lawful"),
    and a third of the events they found missing on rounds 65-78 were statements the coder had read and dropped
    here."""
    if ev.cameo_root in ACLED_SCOPE_ROOTS or ev.actor1 is None:
        return False
    if ev.actor1.text is None and not (ev.cameo_code.startswith("173") and is_state(ev.actor1)):
        return False  # a doer the text does not name, but the authorities of an arrest ("two people were detained")
    if political_role(ev.actor1) is False or is_press(ev.actor1):
        return False  # a mother, a newspaper, a company speaking, a reporter asking: not a political actor's act
    if ev.cameo_code == "011":
        return False  # "declined to comment": no one said anything
    return untargeted or not (ev.cameo_code == "010" and ev.actor2 is None)


def political_role(actor: Actor) -> bool | None:
    """Whether the side's CAMEO role makes it a political actor: False for civilians, media, business and
    education (data/words/nonpolitical_roles.txt), None when its code names no role (a state, a person)."""
    from etl.extract.lexicon import words
    from etl.extract.sides import own_role

    role = own_role(actor)
    return None if role is None else role.lower() not in words("nonpolitical_roles")
