"""Where a CAMEO code is decided: one parsed article in, its events out, through named stages.

1. scene (place.article_setting): the article's places and the country an unnamed side belongs to;
2. detect: each sentence's triggers (data/actions.tsv) and the act each tells, none for a trigger that tells no
   act of the news (an accident, earlier history, what is asked for);
3. modality (called by detect): what is said about the act recodes it: "threatened to attack" is a threat,
   "refused to meet" a rejection, "Y must withdraw" a demand;
4. arguments and coref: the heads of its sides from the dependency parse (subject → actor1, object or "on/against/
   with" phrase → actor2, "by" phrase of a passive → actor1), a pronoun's antecedent;
5. parties: their actors, one (actor1, actor2) pair per coordinated party;
6. refine: the ACLED sub-event type from the trigger's suggestion and the sentence's cues (weapons, crowd
   behaviour, victims; data/cues.toml), the sides that type needs, and the CAMEO code it implies;
7. place and acled_sides: where it happened, ACLED's sides and inter codes;
8. the event (dates: dates.resolve_date; toll: fatalities; certainty: certainty.certainty_of);
9. speech: "X said Y attacked Z" is Y's attack with X as its `claim_source`, and X's accusation of Y;
10. the learned classifier's decision on each event (classify.stage), and the main event (salience).

QuadClass, Goldstein and the PLOVER category follow from the CAMEO code (lexicon.cameo).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from etl.extract import actors as actors_mod
from etl.extract.acled_sides import final_sides
from etl.extract.arguments import act_heads, lead_subject
from etl.extract.attribution import doer_of
from etl.extract.certainty import certainty_of, is_hedged
from etl.extract.classify.model import load_classifier
from etl.extract.classify.stage import classify, is_typed
from etl.extract.codebook import VERBAL_ROOTS, VIOLENT_SUBS, same_kind
from etl.extract.coref import article_forces, condemned_doer, replied_to
from etl.extract.dateline import doc_datelines, without_datelines
from etl.extract.dates import (
    act_date,
    is_history,
    later_date,
    resolve_date,
    times_apart,
    told_at_that_time,
    told_later,
    written_date,
)
from etl.extract.detect import LABEL_CAMEO, Act, Hit, find_triggers, lead_label, sentence_hits, told_act
from etl.extract.doctext import doc_text, span_text
from etl.extract.fatalities import count_fatalities
from etl.extract.lexicon import Trigger, cameo
from etl.extract.parties import LEAD_STATE, lead_state, resolve_actor, side_pairs
from etl.extract.place import (
    SPREAD_CLASSES,
    article_setting,
    filed_from_capital,
    filed_from_town,
    geoparser,
    lead_end,
    listed_places,
    locate,
    place_as_target,
    reactions_at_scene,
    seats,
)
from etl.extract.refine import event_code, event_type_of, is_short_report, typed_pair
from etl.extract.reportable import decide_article, load_reportable
from etl.extract.salience import Rank, mark_main, rank
from etl.extract.scene import Scene
from etl.extract.speech import accusations, folded_statements, speaker_of
from etl.extract.speech_place import VERBAL_ROOTS as SAID_ROOTS
from etl.extract.speech_place import at_seat, place_of_saying, speaker_place
from etl.extract.syntax import act_clause, noun_phrase, sentence_of, sequenced, text_without_clauses
from etl.ids import event_id
from schemas.models import Actor, Article, Event, Location, SourceRef, TimePrecision, acled_class, cameo_class

RULES_VERSION = "0.3.131"  # the rule stages; the coder's version adds the classifier's (see coder_version)


def coder_version(use_classifier: bool = True) -> str:
    """What coded an event: the rules' version and, when one is loaded, the classifier model's ("0.3.0+cls-…")."""
    clf = load_classifier() if use_classifier else None
    return f"{RULES_VERSION}+{clf.version}" if clf is not None else RULES_VERSION


@dataclass
class Coded:
    """The events of an article so far, with what the later stages need of each (in step with `events`)."""

    events: list[Event] = field(default_factory=list)
    triggers: list[Token] = field(default_factory=list)  # the trigger token of each event
    ranked: list[tuple[Rank, int]] = field(default_factory=list)  # (salience.rank, event index)
    folded: set[int] = field(default_factory=set)  # statements that are no event of their own (folded_statements)
    sideless: set[int] = field(default_factory=set)  # untyped acts with no side at all
    written: set[int] = field(default_factory=set)  # starts of an article's sentences that write a date of their own

    def keep(self, kept: list[int]) -> None:
        """Keep only the events of indices `kept` (in order), their triggers and ranks."""
        new_index = {old: new for new, old in enumerate(kept)}
        self.events = [self.events[i] for i in kept]
        self.triggers = [self.triggers[i] for i in kept]
        self.ranked = [(r, new_index[i]) for r, i in self.ranked if i in new_index]


@dataclass(frozen=True)
class Sentence:
    """One sentence with the facts every event of it shares."""

    index: int  # among the article's non-empty sentences
    span: Span
    hedged: bool
    fatalities: int
    date: date | None
    precision: TimePrecision
    before: tuple[date, TimePrecision] | None = None  # the last date a sentence before it wrote (an article's)


def code_doc(doc: Doc, article: Article, *, now: date | None = None, use_classifier: bool = True,
             reportable: bool = True, capture: list[tuple[Event, dict[str, float]]] | None = None) -> list[Event]:
    """Every event of one parsed article; exactly one is `main`: the first sentence with a typed, not negated
    event (news leads with it), there the trigger nearest the root (coordinated acts stand equal: "detained and
    tortured"), then the most severe."""
    scene = _scene(doc, article, now, use_classifier)
    coded = Coded()
    sentences = [sent for sent in doc.sents if span_text(sent).strip()]
    before: tuple[date, TimePrecision] | None = None
    for s_idx, sent in enumerate(sentences):
        hits = find_triggers(sent)
        if hits:
            _code_sentence(scene, coded, s_idx, sent, hits, before)
        if scene.context is None and (written := written_date(doc, sent, scene.published, scene.fallback)):
            before = written
            coded.written.add(sent.start)
    labelled = lead_label(doc_text(doc))
    if not coded.events and labelled is not None and sentences:  # "Looting: On 5 May, militants robbed…"
        _code_sentence(scene, coded, 0, sentences[0], [_labelled_hit(sentences[0], labelled)])
    kept = [i for i, ev in enumerate(coded.events)
            if (ev.actor1 or ev.actor2 or ev.cameo_root != "01") and i not in coded.folded]
    if kept and len(kept) < len(coded.events):  # "…, a statement said": a statement by no one is no event of its own
        coded.keep(kept)
    if use_classifier:
        _classified(scene, coded, reportable=reportable, capture=capture)
    events = mark_main(coded.events, coded.ranked, labelled, scene.default_country)
    if scene.context is None:
        events = reactions_at_scene(doc, events)
    events = [place_as_target(ev, article=scene.context is None) for ev in events]
    gp = geoparser()
    if gp is None:
        return events
    towns = seats("government")  # where a government sits when not in the capital GeoNames gives (La Paz, not Sucre)
    return [at_seat(ev, lambda c: gp.seat_of(c, towns.get(c)), actors_mod.country_names()) for ev in events]


def _scene(doc: Doc, article: Article, now: date | None, use_classifier: bool) -> Scene:
    """What the stages read of the article: its dates, places and countries, whether it is a short report."""
    published = article.published_at.date() if article.published_at else None
    fallback = now  # no reference day given: an undated article's yearless dates and weekdays stay unknown
    doc_datelines(doc, published or fallback)  # "KYIV, Nov 25 (Reuters) -": context, never a side, place or toll
    resolver = actors_mod.get_actor_resolver()
    setting = article_setting(doc, article)
    doc.user_data[actors_mod.STORY_COUNTRY] = setting.default_country  # a namesake group of another country
    text = doc_text(doc)
    short = is_short_report(text)
    if not short:  # an unnamed minister of a full article is the lead's acting state's (parties.resolve_actor)
        doc.user_data[LEAD_STATE] = lead_state(doc)
    return Scene(doc=doc, article=article, resolver=resolver, published=published, fallback=fallback,
                 places=setting.places, default_country=setting.default_country,
                 named_country=setting.named_country,
                 context=text if short else None, version=coder_version(use_classifier))


def _labelled_hit(lead: Span, labelled: str) -> Hit:
    """A report whose lead label names the act and whose words no trigger reads: the lead's verb stands for it."""
    verb = next((t for t in lead if t.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)),
                lead.root)  # the label's own words are often parsed as the root
    return Hit(Trigger((verb.lemma_.lower(),), "ANY", LABEL_CAMEO.get(labelled, "010"), labelled), verb, verb.i + 1)


def _code_sentence(scene: Scene, coded: Coded, s_idx: int, sent: Span, hits: list[Hit],
                   before: tuple[date, TimePrecision] | None = None) -> None:
    """The events of one sentence, added to `coded`: each act its triggers tell, one per pair of its sides; then
    what the sentence's statements are (accusations, or the source of the act they report)."""
    doc = scene.doc
    date_, precision = resolve_date(doc, sent, scene.published, scene.fallback)
    if scene.context is not None and is_history(date_, precision, scene.published):
        return  # a short report of history: no new event (in an article each act is dated by its clauses)
    bare = without_datelines(doc, sent)  # what the sentence says, not where and when it was filed
    sentence = Sentence(s_idx, sent, is_hedged(span_text(sent)), count_fatalities(bare), date_, precision, before)
    first_event = len(coded.events)
    sided_roots: set[str] = set()
    told: dict[int, tuple[Token, Token | None]] = {}  # event index → (trigger, head of who said it)
    seen: set[str] = set()
    found = sentence_hits(sent, hits)
    lead = lead_subject(sent, hits)
    # a verb tells who did it to whom; the nouns of the same act ("a mortar bomb was fired") add no sides, so
    # when both name one act, the verb's reading is the one kept
    acts = [(act, _own_date(scene, sentence, act.hit.token, act.code), act_clause(act.hit.token))
            for hit in sorted(hits, key=lambda h: h.token.pos_ != "VERB")
            if (act := told_act(hit, sent, found, whole=bool(scene.context))) is not None]
    # a sentence that tells happenings of different times ("killing four, a week after gunmen killed twelve"): an
    # act's toll is the sentence's less the clauses that tell only acts of another time (a statement's day is when
    # it was said: "killing 19 on Monday, sources said on Tuesday" tells one happening)
    clause_times: dict[int, set[tuple[date | None, TimePrecision]]] = {}
    for act, own, here in acts:
        if own is not None and act.code[:2] != "01" and here is not None:
            clause_times.setdefault(here.i, set()).add((own.date, own.precision))
    times = set().union(*clause_times.values()) if clause_times else set()
    for act, own, here in acts:
        if own is None:
            continue  # background told at a time set before ("at the time"): no date of its own to give it
        if len(times) > 1 and own.fatalities:
            mine = (own.date, own.precision)
            other = {h for h, ts in clause_times.items()
                     if all(times_apart(t, mine, here is not None and sequenced(doc[h], here)) for t in ts)}
            own = replace(own, fatalities=count_fatalities(text_without_clauses(sent, other, bare)))
        subj, obj, means = act_heads(act, found, lambda t: resolve_actor(scene.resolver, t, doc,
                                                                         scene.default_country) is not None)
        pairs = side_pairs(subj, obj, act.hit.trigger.cameo[:2], lambda t, c: resolve_actor(
            scene.resolver, t, doc, c or scene.default_country, scene.named_country))
        first: tuple[Actor | None, Actor | None] = (None, None)
        code = act.code
        for k, (a1, a2) in enumerate(pairs):
            sub, code, a1, a2 = typed_pair(scene, sent, act, code, k, a1, a2, obj, lead, sentence.fatalities)
            a1 = doer_of(sent, sub, code[:2], a1, a2,
                         lambda t: resolve_actor(scene.resolver, t, doc, scene.default_country), act.hit.token)
            if a2 is None:  # "Ethiopia rejected the accusation": whoever made it, earlier in the article;
                # "Iraq condemned the strikes": whoever struck
                a2 = replied_to(coded.events, code, a1, obj) or condemned_doer(coded.events, code, a1, obj)
            ev_code = event_code(sub, code, means)
            if k == 0:
                first = (a1, a2)
            elif not _further_pair(a1, a2, first):
                continue
            stem = f"{ev_code[:2]}|{sub}|{own.date}"
            key = stem + (f"|{a1.name if a1 else ''}|{a2.name if a2 else ''}" if k else "")
            pair = f"{stem}|{act.hit.token.i}|{_names(a1, a2)}"
            if key in seen or (k and pair in seen):
                continue  # "expelled Iran's ambassador and three other diplomats": this act's sides again, one event
            seen.add(key)
            seen.add(pair)
            speaker = speaker_of(act.hit.token)
            coded_here = _event(scene, own, act, k, sub, ev_code, a1, a2, (subj, obj, speaker), obj)
            if coded_here is None:
                continue  # a party meeting or agreeing with itself: nothing to tell
            for event in (coded_here, *_elsewhere(scene, sent, act.hit.token, coded_here)):
                i = len(coded.events)
                coded.ranked.append((rank(negated=act.negated, typed=sub is not None, sentence=s_idx,
                                          trigger=act.hit.token, event_type=event.event_type, pair=k), i))
                if sub is None and event.actor1 is None and event.actor2 is None:
                    coded.sideless.add(i)
                else:
                    sided_roots.add(ev_code[:2])
                told[i] = (act.hit.token, speaker)
                coded.triggers.append(act.hit.token)
                coded.events.append(event)
    coded.folded.update(accusations(coded.events, told, first_event, article=scene.context is None))
    coded.folded.update(folded_statements(coded.events, told, first_event))
    # an untyped act by no one on no one that the sentence also tells with its sides adds nothing
    coded.folded.update(i for i in coded.sideless if i >= first_event and coded.events[i].cameo_root in sided_roots)


def _own_date(scene: Scene, sentence: Sentence, tok: Token, code: str = "") -> Sentence | None:
    """The sentence as one act of it is dated. In an article, by the act's own clause when that gives a date (a
    sentence may tell two happenings with their dates), else by the sentence's date; None for an act told at a time
    the text set before ("at the time", "that year"). An act whose own clause gives only an earlier year ("in 2019,
    teachers marched") is a background event of that year, dated to the year (judges of full articles list such
    events as reportable; a short report's history is still no event). A statement
    (CAMEO `code` of a verbal root) whose clauses give no date is of the story's time, though the sentence dates
    something else in a clause of its own ("AUSSOM, which replaced an earlier AU force in January, said it strongly
    condemns the attack"; "warned that the country risks sliding back into war after a lull that began with a truce
    in April 2022"). So is an act whose clauses give no date in a sentence whose only date is an earlier year
    ("urged security forces to avoid the abuses committed in 2008")."""
    sent = sentence.span
    if scene.context is not None:
        return sentence  # a short report tells one happening: its lead's date is every act's ("On 7 March, students
        # blocked the avenue to denounce attacks during a sit-in on 4 March")
    if told_at_that_time(sent, tok):
        return None
    own = act_date(scene.doc, sent, tok, scene.published, scene.fallback)
    if own is None and sentence.before is not None and (later := told_later(sent, tok)) is not None:
        when, precision = later_date(sentence.before, *later)  # "Two months later, 200 people were killed"
        if scene.published is None or when <= scene.published:
            return replace(sentence, date=when, precision=precision)
    if own is None and sentence.date is not None and (
            code[:2] in VERBAL_ROOTS or code[:2] == "01" or is_history(sentence.date, sentence.precision,
                                                                       scene.published)):
        story = resolve_date(scene.doc, None, scene.published, scene.fallback)
        return replace(sentence, date=story[0], precision=story[1])
    if own is None or own == (sentence.date, sentence.precision):
        return sentence
    return replace(sentence, date=own[0], precision=own[1])


def _elsewhere(scene: Scene, sent: Span, trigger: Token, event: Event) -> list[Event]:
    """The event again at each other place of a list its place is told in (place.listed_places), with ids of
    their own: "marches took place in Cordoba, Rosario and Mendoza" are three demonstrations. Not in a short report,
    which tells one happening (an ACLED note's "in the villages of A and B" is one event's place)."""
    if event.event_class not in SPREAD_CLASSES or event.negated or scene.context is not None:
        return []
    return [event.model_copy(update={"location": loc, "event_id": event_id(
        event.event_date, event.article_id, sent.start_char, trigger.i, event.cameo_code, loc.name, loc.admin1)})
        for loc in listed_places(scene, sent, trigger, event.location)]


def _names(a1: Actor | None, a2: Actor | None) -> tuple[str | None, str | None]:
    return (a1.name if a1 else None, a2.name if a2 else None)


def _further_pair(a1: Actor | None, a2: Actor | None, first: tuple[Actor | None, Actor | None]) -> bool:
    """Whether a further pair of a coordination is an event: when every side is known, or when its first side is
    the same kind of party as the first pair's from another country ("US and British activists protested")."""
    return not ((a1 is None or a2 is None or first[0] is None or first[1] is None) and not (
        a1 is not None and first[0] is not None and a1.country and first[0].country
        and a1.country != first[0].country and same_kind(a1, first[0])))


def _event(scene: Scene, sentence: Sentence, act: Act, k: int, sub: str | None, ev_code: str, a1: Actor | None,
           a2: Actor | None, named: tuple[Token | None, ...], obj: Token | None) -> Event | None:
    """The event of the k-th pair of sides of an act: placed, its sides final, its toll, certainty and source;
    None when its two sides are one party with nothing to tell."""
    sent, tok, article = sentence.span, act.hit.token, scene.article
    event_type, sub_type = event_type_of(sub, ev_code)
    speaker = named[2]
    claim = noun_phrase(speaker).text if speaker is not None else None
    loc, event_country, a1, a2 = locate(scene, sent, ev_code, sub, a1, a2, named, obj, tok, sentence.date)
    sent_text = span_text(sent)
    sides = final_sides(sub, ev_code, a1, a2, event_country, sent_text)
    if sides is None:
        return None
    a1, a2 = sides
    fatal = sentence.fatalities if sub in VIOLENT_SUBS and not act.negated else 0
    cc = cameo(ev_code)
    cert = certainty_of(has_actor1=a1 is not None, has_actor2=a2 is not None, has_location=loc is not None,
                        explicit_date=sentence.precision == TimePrecision.DAY, hedged=sentence.hedged,
                        negated=act.negated, typed=sub is not None)
    text = sent_text.strip()[:2000]
    lead = len(sent_text) - len(sent_text.lstrip())
    date_, published = sentence.date, scene.published
    event_date = min(date_, published) if published and date_ else date_
    return Event(
        # stable: the article, the sentence, the trigger and the code (a rerun finds the same events), filed under
        # the event's month (etl.ids)
        event_id=event_id(event_date, article.id, sent.start_char, tok.i, ev_code + (f"#{k}" if k else "")),
        article_id=article.id,
        event_date=event_date, time_precision=sentence.precision,
        event_type=event_type, sub_event_type=sub_type, cameo_code=ev_code, cameo_root=cc.root,
        event_class=acled_class(event_type) if sub is not None else cameo_class(cc.quad_class),
        quad_class=cc.quad_class, goldstein=cc.goldstein, plover_event=cc.plover, actor1=a1, actor2=a2,
        location=loc, fatalities=fatal, fatalities_reported=[fatal], hedged=sentence.hedged, negated=act.negated,
        certainty=cert, confidence=cert, coder_version=scene.version,
        sources=[SourceRef(article_id=article.id, url=article.url, source=article.source,
                           published_at=article.published_at, sentence=text,
                           start=sent.start_char + lead, end=sent.start_char + lead + len(text),
                           claim_source=claim)],
        num_sources=1, num_articles=1, first_seen=article.published_at)


def _said_at(doc: Doc, trigger: Token | None) -> Location | None:
    """Where the trigger's sentence puts its speaker, as a location (speech_place.speaker_place)."""
    gp = geoparser()
    if trigger is None or gp is None:
        return None
    p = speaker_place(sentence_of(trigger), trigger, doc.user_data.get("newsevents_places") or [])
    return gp.location_of(doc, p) if p is not None else None


PAST_DAYS = 7  # an act dated more than a week before the story is a past act, not one of the story's week


def _dated_before(scene: Scene, coded: Coded) -> frozenset[int]:
    """The events the text itself dates before the story's week, in a sentence that writes a date ("in October
    2024", "last month"; `Coded.written`): an act of a sentence that writes none takes the article's first date,
    which may be a week or more before the story was filed ("the inauguration on May 20" of a Q&A published in
    June) and says nothing of when that act was."""
    if scene.published is None:
        return frozenset()
    return frozenset(i for i, ev in enumerate(coded.events)
                     if ev.event_date is not None and (scene.published - ev.event_date).days > PAST_DAYS
                     and sentence_of(coded.triggers[i]).start in coded.written)


def _classified(scene: Scene, coded: Coded, *, reportable: bool = True,
                capture: list[tuple[Event, dict[str, float]]] | None = None) -> None:
    """The learned classifier's decision on each event (classify.stage): its type, or dropped; in a sentence of a
    full article, where it was said (speech_place) and whether it is news (reportable; `capture` collects the
    features judged); ranks follow the new types."""
    clf = load_classifier()
    if clf is None or not coded.events:
        return
    lead_of: list[Rank] = [()] * len(coded.events)
    for r, i in coded.ranked:
        lead_of[i] = r
    beliefs: list[tuple[float, float]] = []
    decided = classify(scene.doc, coded.events, lead_of, clf, whole=scene.context is not None,
                       coder_version=scene.version, triggers=coded.triggers, beliefs=beliefs,
                       dated_before=_dated_before(scene, coded))
    if scene.context is None:  # a sentence of a full article: where was it said, and is it news?
        names = actors_mod.country_names()
        seat = filed_from_capital(scene.doc)
        venue, lead = filed_from_town(scene.doc), lead_end(scene.doc)  # talks the lead tells: at the dateline
        decided = [None if ev is None else place_of_saying(sentence_of(coded.triggers[i]), coded.triggers[i], ev, names,
                                                           seat, venue if coded.triggers[i].idx < lead else None,
                                                           _said_at(scene.doc, coded.triggers[i])
                                                           if ev.cameo_root in SAID_ROOTS else None, venue)
                   for i, ev in enumerate(decided)]
    if scene.context is None:  # "Israeli troops raided …", then "the soldiers": one state's forces
        decided = article_forces(decided, coded.events)
    if scene.context is None and (reportable or capture is not None):
        kept = [i for i, ev in enumerate(decided) if ev is not None]
        judged = decide_article(scene.doc, [decided[i] for i in kept], [coded.triggers[i] for i in kept],
                                [beliefs[i] for i in kept], scene.published,
                                load_reportable() if reportable else None, capture)
        for i, ev in zip(kept, judged, strict=True):
            decided[i] = ev
    kept = [i for i, ev in enumerate(decided) if ev is not None]
    new_index = {old: new for new, old in enumerate(kept)}
    coded.events = [ev for ev in decided if ev is not None]
    coded.ranked = [((r[0], int(is_typed(coded.events[new_index[i]])), *r[2:]), new_index[i])
                    for r, i in coded.ranked if i in new_index]
