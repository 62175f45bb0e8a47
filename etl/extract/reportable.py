"""The reportable stage: how likely an event coded from one sentence of a full article is one an analyst records.

A sentence of a full article is not known to tell a new event the way a short report is: most sentences of a
story are background, quotes, analysis, habits, plans or a retelling of the lead. The rule stages and the
classifier find candidate events in every sentence; this stage gives each candidate the probability that a judge
following `../shared/eval/audit.md` calls it right (partly right counts half), from what the coder knows about it:
its class and CAMEO root, whether its sides are named in the text or supplied, how its trigger is told (tense,
modality, inside a quotation, under a verb of saying), where in the article it stands, whether its date is the
article's own, the classifier's belief that an event happened, and whether the article already holds an event of
the same kind. A logistic regression over these features, trained on judged events of full articles (the training
data and its figures are in the model card, `data/reportable.card.json`), gives that probability; a candidate
below the card's threshold is not coded, and the event's confidence is the probability through the card's
calibration map (isotonic, fitted on the cross-validated probabilities: the share right they stand for).

The stage only runs on sentences of full articles (`classify` decides short reports as a whole).
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from etl.extract.classify.stage import political_role, source_start
from etl.extract.codebook import fineness
from etl.extract.doctext import doc_lowers, doc_parse
from etl.extract.happenings import borrowed_place
from etl.extract.lexicon import words
from etl.extract.speech import SPEECH, reported_clause
from etl.extract.syntax import sentence_at, sentence_count
from etl.extract.weights import NamedWeights
from schemas.models import Actor, Event

DATA = Path(__file__).parent / "data"
MODEL_PATH = DATA / "reportable.json"
FEATURE_VERSION = "9"
WORD = "w="  # a feature of a common word of the candidate's sentence
WORD_VALUE = 0.3  # its value: words are many and each weak, so each weighs less than a finding of the coder
QUOTES = {'"', "“", "”", "«", "»"}
PERSONAL = frozenset({"i", "we", "you", "our", "my"})
GENERIC_SIDES = ("Civilians", "Protesters", "Rioters", "Unidentified")


@dataclass(frozen=True)
class Mention:
    """One candidate event of an article sentence with what the stages before found about it."""

    event: Event
    trigger: Token | None
    sentence: Span
    sentence_index: int
    p_event: float  # the classifier's probability that the sentence tells an event of some ACLED kind
    p_not_event: float  # ... that it tells of no act that happened


def _bucket(x: int, edges: Sequence[int]) -> str:
    for e in edges:
        if x <= e:
            return f"le{e}"
    return f"gt{edges[-1]}"


def _sentence_facts(sentence: Span) -> tuple[tuple[int, ...], bool, int]:
    """(positions of its quotation marks, whether it speaks in the first or second person, its root), read once per
    sentence of a Doc (several candidates share a sentence)."""
    cache = sentence.doc.user_data.setdefault("newsevents_sentence_facts", {})
    facts = cache.get((sentence.start, sentence.end))
    if facts is None:
        toks = list(sentence)
        facts = cache[(sentence.start, sentence.end)] = (tuple(t.i for t in toks if t.text in QUOTES),
                                         any(t.lower_ in PERSONAL for t in toks), sentence.root.i)
    return facts


def in_quotation(sentence: Span, tok: Token) -> bool:
    """Whether `tok` stands inside quotation marks of its sentence (an odd number of marks before it), or the
    sentence opens a quotation that a speaker attribution later closes."""
    return sum(1 for i in _sentence_facts(sentence)[0] if i < tok.i) % 2 == 1


def _aspect(tok: Token) -> str:
    """How the trigger is told: a modal or future, the past, the perfect, the present, a noun."""
    if tok.pos_ not in ("VERB", "AUX"):
        return "noun"
    auxes = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if auxes & {"will", "would", "could", "may", "might", "shall", "should", "can", "'ll", "must"}:
        return "modal"
    if tok.tag_ == "VB" and "to" in auxes:
        return "infinitive"
    if auxes & {"has", "have", "had", "'ve"}:
        return "perfect"
    if tok.tag_ == "VBD" or (tok.tag_ == "VBN" and auxes & {"was", "were"}):
        return "past"
    if tok.tag_ in ("VBZ", "VBP") or auxes & {"is", "are", "am"}:
        return "present"
    return tok.tag_ or "other"


def _under_speech(tok: Token) -> bool:
    """Told as someone's words: the trigger hangs below a verb of saying ("X said troops attacked")."""
    return reported_clause(tok) is not None


def occurrence_verbs() -> frozenset[str]:
    """Lemmas of verbs that make a noun they govern an act that happened (data/words/occurrence_verbs.txt)."""
    return words("occurrence_verbs")


TIME_PREPS = frozenset({"in", "during", "after", "since", "before", "following", "amid", "despite"})


def anchored(tok: Token) -> bool:
    """Whether a noun trigger is told as an act that happened: the subject or object of a verb of occurrence
    ("the attack killed five", "carried out an attack"), the object of a preposition of time or cause ("killed in
    the attack", "after the clashes"), or dated by a time word of its own ("Monday's attack")."""
    if tok.pos_ not in ("NOUN", "PROPN"):
        return True
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and head.lemma_.lower() in occurrence_verbs():
        return True
    if tok.dep_ == "pobj" and head.lower_ in TIME_PREPS:
        return True
    if any(c.ent_type_ in ("DATE", "TIME") for c in tok.children):
        return True
    return any(c.dep_ in ("relcl", "acl") and c.lemma_.lower() in occurrence_verbs() for c in tok.children)


def _side(prefix: str, actor: object) -> dict[str, float]:
    if actor is None:
        return {f"{prefix}=none": 1.0}
    name = getattr(actor, "name", "") or ""
    out = {f"{prefix}_inter={getattr(actor, 'inter', None) or 0}": 1.0}
    if getattr(actor, "text", None):
        out[f"{prefix}_named"] = 1.0
    if name.startswith(GENERIC_SIDES):
        out[f"{prefix}_generic"] = 1.0
    return out


def political_side(actor: Actor | None) -> bool:
    """A side the text names that takes part in politics: a state, its government or forces, a party, an armed
    group, an organisation (its CAMEO role), or a named country or person of no role that the coder did not take
    for a civilian. Ordinary news (sport, business, crime, weather) names none."""
    if actor is None or actor.text is None:
        return False
    role = political_role(actor)
    return role if role is not None else actor.inter not in (None, 7)


def _off_focus(country: str | None, focus: str | None) -> bool:
    return bool(country and focus and country != focus)


def mention_features(m: Mention, published: date | None, n_sentences: int, earlier_same_kind: int,
                     article_mentions: int, article_typed_share: float, article_sides: int = 0,
                     article_p_event: float = 0.0, focus: str | None = None,
                     article_crime_words: int = 0) -> dict[str, float]:
    """The features of one candidate (names → values; absent means 0). `article_sides` is the number of distinct
    political sides the article's candidates name, `article_p_event` the classifier's highest belief that one of
    its sentences tells an ACLED event: what an article of politics or conflict has and ordinary news has not;
    `focus` the country most of the article's candidates are placed in; `article_crime_words` how many words of
    crime news (data/words/crime_words.txt) the article uses: a robbery's story tells of gunmen too."""
    ev = m.event
    f: dict[str, float] = {"bias": 1.0, f"class={ev.event_class}": 1.0, f"root={ev.cameo_root}": 1.0,
                           "p_event": m.p_event, "p_not_event": m.p_not_event}
    f["article_political_sides"] = math.log1p(article_sides)
    if article_sides == 0:
        f["article_no_political_side"] = 1.0
    f["article_p_event"] = article_p_event
    f["article_crime_words"] = math.log1p(article_crime_words)
    if political_side(ev.actor1) or political_side(ev.actor2):
        f["own_political_side"] = 1.0
    f.update(_side("a1", ev.actor1))
    f.update(_side("a2", ev.actor2))
    if ev.actor1 is not None and ev.actor2 is not None and ev.actor1.country and ev.actor1.country == ev.actor2.country:
        f["same_country_sides"] = 1.0
    loc = ev.location
    # how finely the text places it: a town the gazetteer lacks is named as finely as one it has
    named = fineness(loc) if loc is not None else 0
    f[f"place_prec={named}"] = 1.0
    if loc is not None and borrowed_place(ev):  # placed by the text before it: the judges' most common partial
        f["place_borrowed"] = 1.0
        f[f"place_borrowed&class={ev.event_class}"] = 1.0
        f[f"place_borrowed&prec={named}"] = 1.0
    if published is None:  # no date of publication: no event of it can be dated by the story's day, which says
        f["article_undated"] = 1.0  # nothing of whether it happened (the judges do not hold it against it)
    if published is not None or ev.event_date is not None:
        f[f"time_prec={int(ev.time_precision)}"] = 1.0
    if ev.event_date is not None and published is not None:
        days = (published - ev.event_date).days
        f[f"age={_bucket(days, (0, 1, 7, 31))}"] = 1.0
    if ev.hedged:
        f["hedged"] = 1.0
    if ev.negated:
        f["negated"] = 1.0
    if ev.fatalities:
        f["toll"] = 1.0
    if ev.event_class in ("political_violence", "demonstration", "strategic_development"):
        f["typed_conf"] = ev.confidence
    if ev.cameo_code == "010":
        f["bare_statement"] = 1.0
        if ev.actor2 is None:
            f["untargeted_statement"] = 1.0  # "the ministry said removals were lawful": aimed at no one
    tok = m.trigger
    if tok is not None:
        f[f"aspect={_aspect(tok)}"] = 1.0
        if in_quotation(m.sentence, tok):
            f["quoted"] = 1.0
        if _under_speech(tok):
            f["reported_speech"] = 1.0
        if tok.lemma_.lower() in SPEECH:
            f["speech_verb"] = 1.0
        if tok.i == _sentence_facts(m.sentence)[2]:
            f["trigger_is_root"] = 1.0
        if tok.pos_ in ("NOUN", "PROPN"):
            f["noun_anchored" if anchored(tok) else "noun_unanchored"] = 1.0
            f[f"noun_dep={tok.dep_}"] = 1.0
    quotes, personal, _ = _sentence_facts(m.sentence)
    if quotes:
        f["sentence_has_quote"] = 1.0
    if m.sentence.text.rstrip().endswith("?"):
        f["question"] = 1.0
    if personal:
        f["first_person"] = 1.0
    position = _bucket(m.sentence_index, (0, 1, 3, 7, 15))
    f[f"sent_pos={position}"] = 1.0
    f["sent_rel_pos"] = m.sentence_index / max(1, n_sentences - 1)
    f[f"earlier_same={_bucket(earlier_same_kind, (0, 1, 3))}"] = 1.0
    f["log_article_mentions"] = math.log1p(article_mentions)
    f["article_typed_share"] = article_typed_share
    if loc is not None and _off_focus(loc.country, focus):
        f["place_off_focus"] = 1.0  # a far namesake, or an event of another country told in passing
    for slot in ("actor1", "actor2"):
        side = getattr(ev, slot)
        if side is not None and _off_focus(side.country, focus):
            f[f"{slot}_off_focus"] = 1.0
    if tok is not None:  # the word that told it: "fired" of a shot at goal and of a rifle are judged differently
        f[f"lemma={tok.lemma_.lower()}"] = 1.0
    # how right a kind of event is depends on where it is told and whose it is: a lead's attack is the story's news,
    # a later paragraph's is often background; an attack on a party's members is judged unlike one on soldiers
    f[f"pos&class={position}&{ev.event_class}"] = 1.0
    for slot, side in (("a1", ev.actor1), ("a2", ev.actor2)):
        f[f"{slot}_inter&class={side.inter if side is not None else 'none'}&{ev.event_class}"] = 1.0
    # the sentence's own common words (names and numbers left out: they say which story, not what kind of telling)
    for word in {t.lower_ for t in m.sentence if t.is_alpha and t.text[0].islower()}:
        f[WORD + word] = WORD_VALUE
    return f


def crime_word_count(doc: Doc) -> int:
    """How many words of crime news (data/words/crime_words.txt) a text uses."""
    crime = words("crime_words")
    # the Doc's lemmas and lower-case forms as the coder already read them (doctext), not a Token object per word
    return sum(1 for lemma, lower in zip(doc_parse(doc).lemma, doc_lowers(doc), strict=True)
               if lemma in crime or lower in crime)


def article_features(mentions: Sequence[Mention], published: date | None, n_sentences: int) -> list[dict[str, float]]:
    """The features of every candidate of one article, in order."""
    typed = sum(1 for m in mentions if m.event.event_class in ("political_violence", "demonstration"))
    share = typed / len(mentions) if mentions else 0.0
    sides = len({a.name for m in mentions for a in (m.event.actor1, m.event.actor2) if political_side(a)})
    top = max((m.p_event for m in mentions), default=0.0)
    seen: Counter[str] = Counter()
    countries: Counter[str] = Counter(m.event.location.country for m in mentions
                                      if m.event.location is not None and m.event.location.country)
    focus = countries.most_common(1)[0][0] if countries else None
    crime = crime_word_count(mentions[0].sentence.doc) if mentions else 0
    out = []
    for m in mentions:
        kind = m.event.sub_event_type if m.event.sub_event_type not in ("Other", None) else m.event.cameo_root
        out.append(mention_features(m, published, n_sentences, seen[kind], len(mentions), share, sides, top, focus,
                                    crime))
        seen[kind] += 1
    return out


class ReportableModel(NamedWeights):
    """A logistic regression stored as named weights, with the threshold below which a candidate is dropped."""

    STAGE = "reportable"
    FEATURES = FEATURE_VERSION
    REFIT = "newsevents train-reportable"


@lru_cache(maxsize=1)
def load_reportable(path: Path = MODEL_PATH) -> ReportableModel | None:
    """The shipped model, or None when none is shipped (every candidate then stays, as before the stage)."""
    if not path.exists():
        return None
    return ReportableModel.from_json(json.loads(path.read_text(encoding="utf-8")))



def judge(mentions: Sequence[Mention], published: date | None, n_sentences: int,
          model: ReportableModel) -> list[float]:
    """The probability that each candidate is right."""
    return [model.probability(f) for f in article_features(mentions, published, n_sentences)]


def decide_article(doc: Doc, events: Sequence[Event], triggers: Sequence[Token | None],
                   beliefs: Sequence[tuple[float, float]], published: date | None, model: ReportableModel | None,
                   capture: list[tuple[Event, dict[str, float]]] | None = None) -> list[Event | None]:
    """Each candidate of an article with its probability of being right as its confidence, or None below the
    model's threshold. `capture`, when given, receives every candidate with its features (for training)."""
    if capture is None and model is not None and set(model.weights) <= {"bias"}:
        p = model.probability({"bias": 1.0})  # a calibration alone: no feature to compute
        conf = round(model.calibrated(p), 4)
        return [ev.model_copy(update={"confidence": conf, "certainty": conf})
                if p >= model.threshold else None for ev in events]
    mentions = []
    for ev, tok, (p_event, p_not) in zip(events, triggers, beliefs, strict=True):
        k, sent = sentence_at(doc, source_start(ev))
        mentions.append(Mention(ev, tok, sent, k, p_event, p_not))
    feats = article_features(mentions, published, sentence_count(doc))
    if capture is not None:
        capture.extend(zip(events, feats, strict=True))
    if model is None:
        return list(events)
    out: list[Event | None] = []
    for ev, f in zip(events, feats, strict=True):
        p = model.probability(f)  # kept by the fit's probability, told with the share right it stands for
        conf = round(model.calibrated(p), 4)
        out.append(ev.model_copy(update={"confidence": conf, "certainty": conf}) if p >= model.threshold else None)
    return out
