"""Detect: the action words of a sentence (triggers of data/actions.tsv on lemmas and parts of speech), what act
each codes (whom a state expels, what is received), and the triggers that tell no act of the news (an accident,
earlier history, what is asked for, a publication, a symbol burnt, a report's lead label).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from etl.extract.actors import word_role
from etl.extract.codebook import ARMED_ROOTS, STATE_ROLES
from etl.extract.doctext import doc_lowers, doc_parse, doc_text
from etl.extract.lexicon import Trigger, cue, other_senses, report_labels, triggers, word_codes, words
from etl.extract.modality import (
    APPEAL_HEADS,
    appeal_of,
    conditional_threat,
    is_hypothetical,
    is_negated,
    is_obliged,
    planned,
    recode_modality,
    voiced_condemnation,
)
from etl.extract.speech import SPEECH
from etl.extract.syntax import object_of, past_stems

LAUNCHERS = words("launchers")  # "fired batteries at X": what is fired is no side
RECEIVING = ("receive", "accept", "get", "obtain")
SYMBOL_BURNERS = ("burn", "tear", "torch")


@dataclass
class Hit:
    """One trigger found in a sentence."""

    trigger: Trigger
    token: Token  # the head token of the trigger
    end: int  # index in the Doc of the token after the trigger


@lru_cache(maxsize=2)
def _index(table: str = "actions.tsv") -> tuple[dict[str, list[Trigger]], dict[str, list[Trigger]]]:
    """(one-word triggers, phrase triggers) of a lexicon by their first word; a phrase's longer forms first."""
    single: dict[str, list[Trigger]] = {}
    multi: dict[str, list[Trigger]] = {}
    for t in triggers(table):
        (single if len(t.lemmas) == 1 else multi).setdefault(t.lemmas[0], []).append(t)
    for v in multi.values():
        v.sort(key=lambda t: -len(t.lemmas))
    return single, multi


def verb_code(lemma: str) -> str | None:
    """The CAMEO code the action lexicon gives a one-word verb trigger (None when it has none)."""
    return next((t.cameo for t in _index()[0].get(lemma, []) if t.pos in ("VERB", "ANY")), None)


def _pos_ok(t: Trigger, tok: Token) -> bool:
    """Whether a token has the part of speech a trigger needs (a participle the tagger missed counts as a verb)."""
    if t.pos == "ANY":
        return True
    if t.pos == "VERB":
        return tok.pos_ in ("VERB", "AUX") or (tok.tag_ in ("VBN", "VBD", "VBG") and tok.pos_ != "NOUN")
    return tok.pos_ in ("NOUN", "PROPN", "ADJ")


def find_triggers(sent: Span) -> list[Hit]:
    """The action words of a sentence; the fallback lexicon only where the main one finds none."""
    hits = _find_triggers(sent, "actions.tsv") or _find_triggers(sent, "actions_fallback.tsv")
    taken = {h.token.i for h in hits}
    hits = hits + told_obligations(sent, taken)
    return hits + expulsions(sent, taken)


DEMANDED = Trigger(("must",), "ANY", "100", None)


def told_obligations(sent: Span, taken: set[int]) -> list[Hit]:
    """"X declared that Y must drop its barriers": what a speaker says another side must do is a demand of that
    side, also when the act demanded is none the lexicon codes (an act it codes is a demand already, see
    is_obliged)."""
    deps = doc_parse(sent.doc).dep
    if "ccomp" not in deps[sent.start:sent.end]:
        return []
    return [Hit(DEMANDED, tok, tok.i + 1) for tok in sent
            if tok.dep_ == "ccomp" and tok.i not in taken and tok.head.lemma_.lower() in SPEECH
            and any(c.dep_ == "aux" and c.lower_ == "must" for c in tok.children)
            and any(c.dep_ == "nsubj" for c in tok.children)]


EXPELLING = Trigger(("expel",), "VERB", "174", None)
ORDERING_VERBS = words("ordering_verbs")
LEFT_LANDS = words("left_lands")


def expulsions(sent: Span, taken: set[int]) -> list[Hit]:
    """Expulsions the lexicon's "expel" does not name: a state that "ordered two diplomats to leave the country"
    or "declared the ambassador persona non grata" expels them (whom it expels decides the code, EXPELLED). Told to
    leave, only an envoy or a mission, or anyone told to leave the country or its territory, is expelled ("police
    ordered protesters to leave the square" is no expulsion). The trigger is the ordering verb, whose subject and
    object are the sides."""
    out: list[Hit] = []
    lemmas, lowers = doc_parse(sent.doc).lemma, doc_lowers(sent.doc)
    if "leave" not in lemmas[sent.start:sent.end] and "persona" not in lowers[sent.start:sent.end]:
        return out  # (each word read as a Token only where one of the two can be)
    for tok in sent:
        verb = None
        if (tok.lemma_.lower() == "leave" and tok.dep_ in ("xcomp", "advcl")
                and tok.head.lemma_.lower() in ORDERING_VERBS):
            whom = next((c for c in tok.head.children if c.dep_ in ("dobj", "obj", "nsubjpass", "dative")), None)
            land = next((c for c in tok.children if c.dep_ in ("dobj", "obj")), None)
            if whom is not None and (whom.lemma_.lower() in EXPELLED
                                     or (land is not None and land.lemma_.lower() in LEFT_LANDS)):
                verb = tok.head
        elif tok.lower_ == "persona" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "non":
            verb = next((a for a in tok.ancestors if a.lemma_.lower() == "declare"), None)
        if verb is not None and verb.i not in taken:
            taken.add(verb.i)
            out.append(Hit(EXPELLING, verb, verb.i + 1))
    return out


def _find_triggers(sent: Span, table: str) -> list[Hit]:
    """The triggers of one lexicon in a sentence, left to right, the longest phrase first at each token."""
    single, multi = _index(table)
    hits: list[Hit] = []
    doc, base, size = sent.doc, sent.start, len(sent)
    lemmas, lowers = doc_parse(doc).lemma, doc_lowers(doc)

    def may_trigger(k: int) -> bool:  # a word no entry of the lexicon starts with is passed over, with no Token made
        low, lower = lemmas[k], lowers[k]
        return (low in multi or lower in multi or low in single or lower in single
                or (lower.endswith("ed") and (lower[:-1] in single or lower[:-2] in single)))

    i = 0
    while i < size:
        if not may_trigger(base + i):
            i += 1
            continue
        tok = doc[base + i]
        if tok.ent_type_ in ("DATE", "TIME"):  # "On 5 March", "in May": a month is not a march
            i += 1
            continue
        low = tok.lemma_.lower()
        matched = False
        for t in multi.get(low, []) + multi.get(tok.lower_, []):
            n = len(t.lemmas)
            window = [doc[base + k] for k in range(i, min(size, i + n))]
            same = len(window) == n and all(w.lemma_.lower() == x or w.lower_ == x
                                            for w, x in zip(window, t.lemmas, strict=True))
            if same and (t.pos == "NOUN" or any(_pos_ok(t, w) for w in window)):  # ("sexually abused": the verb
                # of a phrase need not come first)
                head = next((w for w in window if w.head.i == w.i or not window[0].i <= w.head.i <= window[-1].i),
                            window[-1])  # the phrase's syntactic head: "strike" of "air strike", with its "by X"
                verb = next((w for w in reversed(window) if w.pos_ in ("VERB", "AUX")), tok)  # "re-examine"
                if verb.pos_ == "ADP" and head.pos_ == "ADP" and head.head.pos_ in ("VERB", "AUX"):
                    verb = head.head  # "troops remained [on alert]": the verb the phrase hangs on has its sides
                hits.append(Hit(t, head if t.pos == "NOUN" else verb, base + i + n))
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
                    hits.append(Hit(t, tok, base + i + 1))
                    matched = True
                    break
        if matched:
            i += 1
            continue
        if tok.pos_ in ("NOUN", "PROPN") and in_other_sense(tok):
            i += 1  # "a cardiac arrest", "a heart attack", "a flu shot": the word names no political act here
            continue
        past = past_stems(tok)
        # "striking truckers": a participle describing people names their state (on strike), the noun's sense
        described = tok.tag_ == "VBG" and tok.dep_ == "amod"
        for t in single.get(low, []) or single.get(tok.lower_, []) or next(
                (single[f] for f in past if f in single), []):
            if (t.pos == "NOUN") if described else _pos_ok(t, tok):
                hits.append(Hit(t, tok, base + i + 1))
                break
        i += 1
    return hits


def in_other_sense(tok: Token) -> bool:
    """Whether a trigger noun's own modifier gives it a sense of no political act (data/other_senses.tsv), or a
    document it names the kind of does ("a note of protest", "a protest note": a text sent, no crowd)."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in DOCUMENTS:
        return True
    if tok.dep_ == "compound" and tok.head.lemma_.lower() in DOCUMENTS:
        return True
    mods = other_senses().get(tok.lemma_.lower())
    return bool(mods) and any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in mods
                              for c in tok.children)


HQ_CUE = cue("HQ_CUE")
CROWD_CONTROL = cue("CROWD_CONTROL")
SYMBOLIC = cue("SYMBOLIC")
HARMING = words("harming_verbs")
MISHAPS = words("mishaps")


BLASTS = frozenset({"explode", "explosion", "blast", "blow"})


def device_blast(tok: Token) -> bool:
    """Whether an explosion is of an everyday device or fuel ("a gas cylinder exploded", "a boiler explosion"):
    an accident, no one's bomb (data/words/blast_devices.txt)."""
    if tok.lemma_.lower() not in BLASTS:
        return False
    devices = words("blast_devices")
    return any(c.dep_ in ("nsubj", "nsubjpass", "compound") and (
        c.lemma_.lower() in devices or any(g.dep_ == "compound" and g.lemma_.lower() in devices for g in c.children))
        for c in tok.children)


def by_mishap(tok: Token) -> bool:
    """Whether a killing or an injury is put down to an accident or a disaster ("killed by the crash", "died in the
    floods", "a landslide killed ten", "a gas cylinder exploded, killing nine", "killed when a car collided with a
    minibus": data/words/mishap_verbs.txt), not to anyone's act."""
    first = tok
    while first.dep_ == "conj" and first.head.i != first.i:  # "killing nine and injuring 30"
        first = first.head
    if first.dep_ == "advcl" and device_blast(first.head):
        return True
    if _when_a_mishap(tok):
        return True
    for c in tok.children:
        if c.dep_ == "nsubj" and (c.lemma_.lower() in MISHAPS or device_blast(c)):
            return True
        if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in") and any(
                g.dep_ == "pobj" and g.lemma_.lower() in MISHAPS for g in c.children):
            return True
    return False


def nature_as_doer(tok: Token) -> bool:
    """Whether an act of force is told of weather, a disaster or a disease as its subject ("the frost had struck more
    than 200 districts", "a cyclone hit the coast"): no one's act (data/words/mishaps.txt, weather_words.txt)."""
    return any(c.dep_ == "nsubj" and c.lemma_.lower() in nature_words() for c in tok.children)


@lru_cache(maxsize=1)
def nature_words() -> frozenset[str]:
    """Weather, disasters and diseases (data/words/mishaps.txt, weather_words.txt): no one's doing."""
    return MISHAPS | words("weather_words")


def _when_a_mishap(tok: Token) -> bool:
    """Whether the harm is told as happening when (as, after) a vehicle or boat came to grief, in the words that
    follow it in its sentence ("were killed when a car collided with a minibus", "died after their boat capsized";
    read in the words, as the parser hangs such a clause anywhere), with no weapon or act of force in that clause
    ("overturned after hitting a mine" is an attack)."""
    mishap_verbs = words("mishap_verbs")
    sent = tok.sent
    marker: Token | None = None
    for t in sent[tok.i - sent.start + 1:]:
        if t.lower_ in (";", ":"):
            return False
        if marker is None and t.lower_ in ("when", "as", "after"):
            marker = t
        elif marker is not None and t.pos_ == "VERB" and t.lemma_.lower() in mishap_verbs:
            clause = sent.doc[marker.i:min(sent.end, t.i + 12)]
            return not any(w.lemma_.lower() in HARMING or w.lemma_.lower() in armed_nouns()
                           or w.lemma_.lower() in weapon_names() for w in clause)
        elif marker is not None and t.tag_ in ("VBD", "VBZ", "VBP"):
            return False  # "killed two men as they fled, and a car crashed": the clause told another verb
    return False


PUNISHING = words("punishing_verbs")


def is_background(tok: Token) -> bool:
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
        if mark is not None and any(c.dep_ == "npadvmod" and c.ent_type_ == "DATE"
                                    for c in (*tok.children, *mark.children)):
            return True
    return about_one_told_before(tok)


def about_one_told_before(tok: Token) -> bool:
    """An act told of a happening the text pointed back to ("Those protests lasted several weeks and saw hundreds
    detained", "that offensive killed 40 people"): a clause whose subject is an act noun with a demonstrative of
    distance tells more of an event named before, no new one."""
    from etl.extract.actors import act_nouns

    node = tok
    for _ in range(4):
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None and subj.lemma_.lower() in act_nouns() and any(
                c.dep_ == "det" and c.lower_ in ("those", "that") for c in subj.children):
            return True
        if node.dep_ not in ("xcomp", "ccomp", "conj", "acl", "advcl") or node.head.i == node.i:
            return False
        node = node.head
    return False


APPEAL_NOUNS = words("appeal_nouns")


def asked_for(tok: Token) -> bool:
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


DOCUMENTS = words("documents")


def released_thing_is_text(tok: Token) -> bool:
    """Whether what a "release" verb releases is a text or a recording ("released a report", "a video released")."""
    things = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if tok.dep_ == "acl":
        things.append(tok.head)
    return any(t.lemma_.lower() in DOCUMENTS for t in things)


# whom a state expels decides the act: envoys and international missions are a sanction (166…), anyone else is
# deported (174)
EXPELLED = word_codes("expelled")


def expelled_code(tok: Token) -> str:
    """The CAMEO code of an expulsion by whom it expels (EXPELLED), a deportation (174) otherwise."""
    obj = object_of(tok) or next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    return EXPELLED.get(obj.lemma_.lower(), "174") if obj is not None else "174"


LEFT_BODIES = words("left_bodies")


def _organisation(name: str) -> bool:
    """A named organisation with no country of its own (ECOWAS, NATO, the African Union)."""
    from etl.extract.actors import find_named

    found = find_named([name])
    return found is not None and found[0].country is None
LEAVE_PREPS = frozenset({"from", "of"})  # "withdrew from", "pulled out of"


def left_body(tok: Token) -> bool:
    """Whether a withdrawal leaves an organisation, a bloc, an agreement or talks ("Mali withdrew from ECOWAS",
    "Russia pulled out of the grain deal"): a reduction of relations, not a military retreat."""
    heads = [tok, *(c for c in tok.children if c.dep_ in ("prt", "prep") and c.lower_ in ("out", "away"))]
    for prep in (c for h in heads for c in h.children if c.dep_ == "prep" and c.lower_ in LEAVE_PREPS):
        for obj in (g for g in prep.children if g.dep_ == "pobj"):
            if obj.lemma_.lower() in LEFT_BODIES or obj.ent_type_ == "ORG" or _organisation(obj.text):
                return True
    return False


# what is received tells what the giver did: "received weapons from Y" is Y's military aid to X
RECEIVED = word_codes("received")


def received_from(tok: Token) -> tuple[str, Token, Token] | None:
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


# the CAMEO code that goes with an ACLED sub-event type when a report's label is all that names the act
LABEL_CAMEO = word_codes("label_cameo")
LABEL = cue("LABEL")


def lead_label(text: str) -> str | None:
    """The ACLED sub-event type named by a report's lead label ("Weapons seizure: On 1 May …"), if any."""
    m = LABEL.match(text)
    return report_labels().get(m.group(1).strip().lower()) if m else None


@dataclass(frozen=True)
class SentenceHits:
    """A sentence's triggers by kind: whether one trigger is part of another's act depends on the others."""

    verbs: frozenset[int]  # token indices of verb triggers
    armed: frozenset[int]  # triggers of force (CAMEO 18-20): the means of a killing
    armed_verbs: frozenset[int]
    verbal_root: bool  # the parse found a verb to tell the sentence's act
    triggers: frozenset[int] = frozenset()  # token indices of every trigger


def sentence_hits(sent: Span, hits: list[Hit]) -> SentenceHits:
    """The kinds of a sentence's triggers that `told_act` compares a trigger with."""
    root = sent.root
    armed = frozenset(h.token.i for h in hits if h.trigger.cameo[:2] in ARMED_ROOTS)  # means of a killing
    return SentenceHits(
        verbs=frozenset(h.token.i for h in hits if h.token.pos_ == "VERB"), armed=armed,
        armed_verbs=frozenset(i for i in armed if sent.doc[i].pos_ == "VERB"),
        verbal_root=root.pos_ in ("VERB", "AUX") or any(t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "conj")
                                                        and t.head.i == root.i for t in sent),
        triggers=frozenset(h.token.i for h in hits))


@dataclass(frozen=True)
class Act:
    """What a trigger tells: the CAMEO code of the act as told (a threat, a demand, a refusal when so said), and
    what recoded it (the parties of a demand, an appeal or a receipt are not the trigger's own subject and object)."""

    hit: Hit
    code: str
    negated: bool
    obliged: bool
    appeal: tuple[Token, Token] | None
    received: tuple[str, Token, Token] | None
    aimed: tuple[Token, Token | None] | None = None  # who threatens or condemns, and whom or whose act


def takes_object(tok: Token) -> bool:
    """A participle with a direct object of its own is active: "[men] [abducted 20 people]", a lead's verb the parser
    hung on its subject, where a reduced passive ("the men abducted last week") has none."""
    return any(c.dep_ in ("dobj", "obj") for c in tok.children)


def _part_of_another(hit: Hit, found: SentenceHits, *, whole: bool) -> bool:
    """A trigger that tells no act of its own: a state described, the doer of the verb's act, what a launch
    fires, the toll of an act of force told, background to a long story."""
    tok = hit.token
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ == "NOUN" and not whole and not takes_object(tok):
        return True  # "the 380 square miles seized by Ukraine": background to a long story, not its news
    if tok.dep_ == "amod" and tok.tag_ == "VBN" and len(hit.trigger.lemmas) == 1 and found.verbal_root:
        return True  # "the captured soldiers", "the destroyed bridge": a state described, not an act told
        # (unless the parse found no verb to tell the act: "…, four people physically assaulted students")
    if tok.pos_ == "NOUN" and hit.trigger.cameo[:2] == "14" and (
            (tok.dep_ == "nsubj" and tok.head.i in found.verbs)
            or (tok.dep_ == "ROOT" and any(c.dep_ == "acl" and ({c.i} | {x.i for x in c.conjuncts}) & found.verbs
                                           for c in tok.children))):
        return True  # "a mob attacked…": the crowd noun is who acted; the verb is the event
    if (tok.pos_ == "NOUN" and hit.trigger.cameo[:2] in ARMED_ROOTS and tok.dep_ in ("nsubjpass", "dobj")
            and tok.head.i in found.armed and tok.head.lemma_.lower() in LAUNCHERS):
        return True  # "a mortar bomb was fired at X": what is fired is the firing's, one act
    if hit.trigger.cameo == "042" and tok.lemma_.lower() == "arrive" and armed_arrival(tok, found):
        return True  # "gunmen arrived on motorbikes and opened fire", "soldiers arrived hours later": no visit
    toll = tok.head if tok.dep_ == "conj" and tok.tag_ == "VBG" else tok  # "..., killing two and wounding three"
    return (hit.trigger.cameo[:2] in ARMED_ROOTS and toll.dep_ == "advcl" and toll.tag_ == "VBG"
            and toll.head.i in found.armed_verbs)  # "bombarded the city, killing eight": the toll, not a second act


def armed_arrival(tok: Token, found: SentenceHits) -> bool:
    """Whether an arrival is of armed men or told beside an act of force: CAMEO's visit (042) is an official's
    or a delegation's, not troops or gunmen reaching a place (data/words/armed_people.txt)."""
    if found.armed:
        return True
    return any(c.dep_ == "nsubj" and (c.lemma_.lower() in words("armed_people") or c.lower_ in words("armed_people")
                                      or any(a.dep_ == "amod" and a.lower_ == "armed" for a in c.children))
               for c in tok.children)  # "armed men arrived": armed, whatever the noun


def _no_act(hit: Hit, sent: Span) -> bool:
    """A trigger that names no act of anyone's: an accident, something asked for, a publication, earlier history,
    a base that is not new, crowd control, a symbol burnt."""
    tok = hit.token
    lemma = tok.lemma_.lower()
    return (asked_for(tok)  # "pressure to help Y", "a call to release Z": what is asked for, not done
            or (lemma in HARMING and by_mishap(tok))  # "victims killed by the crash": an accident is no one's act
            or (hit.trigger.cameo[:2] in ARMED_ROOTS and nature_as_doer(tok))  # "the frost had struck 200 districts"
            or device_blast(tok)  # "a gas cylinder exploded": an accident, no bomb
            or (hit.trigger.cameo[:3] == "084" and released_thing_is_text(tok))  # "a report released on Monday"
            or is_background(tok)  # "a member jailed a year ago", "two weeks after rebels kidnapped…"
            # "the base", "established relations": not a new base
            or (hit.trigger.acled_sub == "Headquarters or base established" and not HQ_CUE.search(sent.text))
            # tear gas or warning shots at a crowd: the protest's intervention, not an attack
            or (lemma == "fire" and CROWD_CONTROL.search(sent.text) is not None and not at_a_vessel(sent))
            # burning an effigy or a flag is a protest gesture, not destruction
            or (lemma in SYMBOL_BURNERS and SYMBOLIC.search(sent.text[tok.idx - sent.start_char:]) is not None)
            or figurative_force(hit)
            or sent_moving(tok)  # "sending people running", "sent prices soaring": made to move, not dispatched
            or fired_in_other_sense(hit)  # "launched his book", "fired the coach"
            or moved_others(hit)  # "marched their victims into the forest": people made to walk, no march
            or weapon_not_used(hit)  # "sold Saudi Arabia artillery systems": a weapon named, no one shelled
            or doer_not_acting(hit, sent)  # "snipers killed the suicide bombers": the bombers were the ones hit
            or warned_of_nature(hit)  # "forecasters warned of flooding": no one threatened anyone
            or helped_to_do(hit)  # "helped organise surveillance": help in an act, no aid given
            or (lemma == "summon" and not envoy_summoned(tok))  # "summoned to court", "summoned the courage"
            or (tok.dep_ in ("advcl", "xcomp") and tok.head.lemma_.lower() == "summon" and envoy_summoned(tok.head))
            # "summoned the ambassador to protest against ...": the summons is the complaint, one act
            or (hit.trigger.cameo == "175" and lemma == "cannon" and at_a_vessel(sent))  # water cannon at a
            # boat: no crowd dispersed
            or dispersed_of_itself(tok)  # "the crowd dispersed peacefully": no one broke it up
            # "a massive strike on military-industrial enterprises": in a story of missiles and drones, no walkout
            or (hit.trigger.cameo == "143" and lemma == "strike" and tells_of_remote_force(tok.doc)))


def tells_of_remote_force(doc: Doc) -> bool:
    """Whether an article names aircraft, drones, missiles, shells or bombs anywhere (read once per Doc)."""
    key = "newsevents_remote_force"
    if key not in doc.user_data:
        text = doc_text(doc)
        doc.user_data[key] = any(cue(name).search(text) for name in ("AIR", "SHELL", "IED"))
    return bool(doc.user_data[key])


DISPERSING = frozenset({"disperse", "scatter"})


def dispersed_of_itself(tok: Token) -> bool:
    """Whether a verb of dispersing is told of the crowd alone ("the crowd dispersed by evening", "marchers
    scattered"): intransitive, with no object, no passive and no agent, the crowd went home; only "police
    dispersed the crowd" or "the crowd was dispersed" tell an intervention."""
    return (tok.pos_ == "VERB" and tok.lemma_.lower() in DISPERSING
            and any(c.dep_ == "nsubj" for c in tok.children)
            and not any(c.dep_ in ("dobj", "obj", "nsubjpass", "auxpass", "agent") for c in tok.children))


RELIEF_VERBS = words("relief_verbs")


def helped_to_do(hit: Hit) -> bool:
    """"He helped organise surveillance", "Egypt helped broker a ceasefire": a hand in doing an act, told by the
    verb the help governs, not aid given (CAMEO 07 is aid provided); the act helped is coded on its own. Help to
    relief ("helped evacuate the wounded", data/words/relief_verbs.txt) is aid."""
    tok = hit.token
    return hit.trigger.cameo[:2] == "07" and tok.pos_ == "VERB" and any(
        c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB" and c.i > tok.i and c.lemma_.lower() not in RELIEF_VERBS
        for c in tok.children)


def at_a_vessel(sent: Span) -> bool:
    """Whether the sentence fires at a vessel ("fired a water cannon at a Philippine supply boat"): crowd-control
    weapons used at sea on a ship and its crew (data/words/vessels.txt) disperse no crowd."""
    return any(t.lemma_.lower() in words("vessels") and t.dep_ == "pobj" and t.head.lower_ in ("at", "on", "against")
               for t in sent)


def envoy_summoned(tok: Token) -> bool:
    """Whether "summon" calls in another state's envoy ("summoned the Russian ambassador", "Pakistan's top diplomat
    was summoned"): a state's formal complaint to that state (CAMEO 114)."""
    return any(c.dep_ in ("dobj", "obj", "nsubjpass") and (c.lemma_.lower() in words("envoy_titles")
                                                            or EXPELLED.get(c.lemma_.lower()) == "166")
               for c in tok.children)


def warned_of_nature(hit: Hit) -> bool:
    """A warning of weather, disaster or disease ("the agency warned of heavy rain and flooding", "officials warned
    that the outbreak could spread"): a forecast, not a threat (CAMEO 13) by anyone to anyone
    (data/words/mishaps.txt, weather_words.txt)."""
    tok = hit.token
    if hit.trigger.cameo[:2] != "13" or tok.lemma_.lower() != "warn":
        return False
    mishaps = nature_words()
    return any(t.lemma_.lower() in mishaps for c in tok.children if c.dep_ in ("prep", "ccomp", "dobj")
               for t in c.subtree)


def called_on_in_person(tok: Token) -> bool:
    """"Called on X" with nothing asked of X ("the minister called on the opposition leader at his home"): a visit.
    "Called on X to do Y" asks Y of X: an appeal (CAMEO 020)."""
    if tok.lemma_.lower() != "call" or not any(c.dep_ == "prep" and c.lower_ in ("on", "upon") for c in tok.children):
        return False
    asked = [c for c in tok.subtree if c.dep_ in ("xcomp", "ccomp", "advcl") and any(
        a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
    return not asked and not any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)


CHALLENGERS = frozenset({"REB", "UAF", "OPP"})  # sides that warn of the state's forces as another's


def warned_of_another(tok: Token) -> bool:
    """Whether a warning is of what another might do ("officials warned that the attackers could push towards the
    capital", "lawmakers warned that the drawdown could embolden militants"): a pessimistic comment (CAMEO 012),
    not a threat, which is a speaker's warning of its own act ("the army warned that it would respond", "warned
    that any attack would be met with force") or of its own side's (an official's of the state's police)."""
    if tok.lemma_.lower() != "warn":
        return False
    for clause in (c for c in tok.children if c.dep_ == "ccomp"):
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
        if subj is None or subj.dep_ != "nsubj" or subj.pos_ != "NOUN" or any(
                c.dep_ == "poss" and c.lower_ in ("its", "our", "their", "my") for c in subj.children):
            return False  # a name may be the speaker's ("Iran ... warning that Tehran would not remain silent"),
            # as are "it", "we" and "its troops"
        speaker = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        theirs, mine = word_role(subj), word_role(speaker) if speaker is not None else None
        if theirs is not None and theirs.code in STATE_ROLES and (mine is None or mine.code not in CHALLENGERS):
            return False  # "the security chief warned that police will no longer tolerate rallies": the state's own
        return speaker is None or (subj.lemma_.lower() != speaker.lemma_.lower()
                                   and (theirs is None or mine is None or theirs.code != mine.code))
    return False


def doer_not_acting(hit: Hit, sent: Span) -> bool:
    """A trigger that names the doer of an act ("a suicide bomber") tells no act when the doer is the one acted
    on ("snipers killed the suicide bombers", "two would-be bombers were arrested"), is counted or described
    ("the number of bombers"), or is told doing something else over a time ("bombers were holding hostages")."""
    tok = hit.token
    if tok.pos_ != "NOUN" or not tok.lemma_.lower().endswith("er") or hit.trigger.cameo[:2] not in ARMED_ROOTS:
        return False
    if tok.dep_ in ("dobj", "nsubjpass", "dative"):
        return True
    if tok.dep_ == "pobj":
        return tok.head.lower_ not in ("by", "from")
    if tok.dep_ == "nsubj":
        verb = tok.head
        return verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in verb.children)
    return False


def figurative_force(hit: Hit) -> bool:
    """Force told of an idea, a plan, a plight or a price ("shot down the rumours", "the plan was executed",
    "killed the bill", "fought the fires", "the fight against corruption"): a figure of speech, no one's use of
    force (data/words/figurative_objects.txt)."""
    tok = hit.token
    if hit.trigger.cameo[:2] not in ARMED_ROOTS:
        return False
    objects = words("figurative_objects")
    if tok.pos_ == "NOUN":  # "the fight against corruption", "a war on poverty"
        return any(c.dep_ == "prep" and c.lower_ in ("against", "on") and any(
            g.dep_ == "pobj" and g.lemma_.lower() in objects for g in c.children) for c in tok.children)
    if tok.pos_ != "VERB":
        return False
    return any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in objects
               and not tok.i < c.i < hit.end for c in tok.children)  # "opened fire": the trigger's own word


@lru_cache(maxsize=1)
def armed_nouns() -> frozenset[str]:
    """The last word of every noun trigger of an act of force in the lexicon ("attack", "strike", "air strike")."""
    return frozenset(t.lemmas[-1] for t in triggers("actions.tsv")
                     if t.pos in ("NOUN", "ANY") and t.cameo[:2] in ARMED_ROOTS)


@lru_cache(maxsize=1)
def weapon_names() -> frozenset[str]:
    """Weapons (data/words/instruments.txt) and what is fired or thrown (data/words/fired_things.txt)."""
    return words("instruments") | words("fired_things")


def fired_in_other_sense(hit: Hit) -> bool:
    """A verb of firing or launching whose object is neither a weapon, nor what is fired, nor an act of force
    ("launched his book", "fired the coach", "hurled insults"): the verb in another sense. With no object, or a
    number or a pronoun for one ("fired on the crowd", "fired two"), it keeps its sense of force."""
    tok = hit.token
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in LAUNCHERS or hit.trigger.cameo[:2] not in ARMED_ROOTS:
        return False
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if obj is None or (obj.pos_ in ("NUM", "PRON") and obj.lower_ not in ("him", "her")):
        return False
    force = weapon_names() | armed_nouns()
    return not any(t.lemma_.lower() in force for t in obj.subtree)  # "fired artillery batteries" is force


def moved_others(hit: Hit) -> bool:
    """"Marched" with people as its object ("the gunmen marched 19 passengers into the bush", "marched their
    victims into the forest"): people made to walk, the transitive sense of the verb; a crowd that marches takes
    none, or a road ("marched the streets"). People: a number, a pronoun, or a word of people taken
    (data/words/people_taken.txt, armed_people.txt) or of people at all (person_words.txt)."""
    tok = hit.token
    if tok.pos_ != "VERB" or tok.lemma_.lower() != "march" or hit.trigger.cameo[:2] != "14":
        return False
    people = words("people_taken") | words("armed_people") | words("person_words")
    return any(c.dep_ == "dobj" and (c.tag_ == "CD" or c.lower_ in ("them", "him", "her") or c.lemma_.lower() in people
                                     or any(g.dep_ == "nummod" and g.tag_ == "CD" for g in c.children))
               for c in tok.children)  # (a cardinal: "marched down First Avenue" is a road)


def weapon_not_used(hit: Hit) -> bool:
    """A trigger that names a weapon (a missile, a drone, artillery) only as the kind of a thing ("missile system",
    "drone programme": data/words/weapon_kinds.txt) or as what is traded, owned, made or tested ("sold Patriot
    missiles", "acquired drones": data/words/arms_trade_verbs.txt): no one used it."""
    tok = hit.token
    if (tok.pos_ not in ("NOUN", "PROPN") or hit.trigger.cameo[:2] not in ARMED_ROOTS
            or tok.lemma_.lower() not in words("instruments")):
        return False
    head = tok
    if tok.dep_ in ("compound", "amod", "nmod"):
        if tok.head.lemma_.lower() in words("weapon_kinds"):
            return True
        head = tok.head
    return head.dep_ in ("dobj", "nsubjpass", "dative") and head.head.lemma_.lower() in words("arms_trade_verbs")


def told_as_tally(tok: Token) -> bool:
    """Whether an act is counted over a period ("25 have been killed since Saturday", "300 arrested so far",
    "1,000 killed in the clashes this year": data/words/tally_marks.txt on a verb whose victims are counted, or on
    the verb an act noun hangs from): a running total of acts, not one of them."""
    marks = words("tally_marks")
    if tok.dep_ == "pobj" and tok.head.lower_ == "since":
        return False  # "since last month's invasion": the act dates something else
    verb = tok.head if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.dep_ == "prep" else tok
    verb = verb.head if verb.dep_ == "prep" else verb
    if _war_counts(verb):
        return True  # "the war has killed tens of thousands", "hostilities that killed more than 4,000"
    if not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(t.like_num for t in c.subtree)
               for c in verb.children):
        return False  # "troops have been fighting since dawn": one act going on, no count
    for c in verb.children:
        if c.dep_ not in ("prep", "advmod", "npadvmod"):
            continue
        phrase = " ".join(t.lower_ for t in c.subtree)
        if (c.dep_ == "prep" and c.lower_ == "since") or phrase in marks:
            return True
    return False


def _war_counts(verb: Token) -> bool:
    """Whether the doer of a count is a war, a conflict or an insurgency (data/words/wars.txt): its toll over its
    whole course, not one act ("the insurgency, which began in 2017, has killed more than 6,000")."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in ("that", "which") and verb.dep_ == "relcl":
        subj = verb.head
    return subj is not None and subj.lemma_.lower() in words("wars")


def declined_comment(tok: Token) -> bool:
    """A verb of refusing whose complement is a verb of commenting ("declined to comment", "refused to confirm"):
    CAMEO's decline comment (data/words/comment_verbs.txt)."""
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in words("comment_verbs") for c in tok.children)


SENT_BY = words("sending_verbs")


def sent_code(tok: Token) -> str:
    """The CAMEO code of sending what is sent: forces (data/words/forces_sent.txt) are deployed (150, a show of
    force), envoys and delegations visit (042), anything else is aid (070)."""
    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return "070"
    forces = words("forces_sent")
    of = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    lemma = obj.lemma_.lower()
    if lemma in forces or obj.lower_ in forces or any(g.lemma_.lower() in forces for g in of):
        return "150"  # "sent troops", "sent two companies of soldiers"
    return "042" if lemma in words("envoy_titles") else "070"


def sent_moving(tok: Token) -> bool:
    """Whether "send" tells what someone or something made others do ("sending people running into side streets",
    "the blast sent residents fleeing", "sent prices soaring"): a verb of motion or change in -ing after it, on its
    object or its own, says no one was dispatched and nothing delivered."""
    if tok.lemma_.lower() != "send":
        return False
    if any(c.tag_ == "VBG" and c.dep_ in ("advcl", "ccomp", "xcomp", "oprd") for c in tok.children):
        return True
    return any(c.dep_ == "dobj" and any(g.dep_ == "acl" and g.tag_ == "VBG" for g in c.children)
               for c in tok.children)


def lodged(tok: Token) -> bool:
    """Whether a protest is handed over rather than held: a formal or diplomatic protest, or one lodged, conveyed,
    filed or registered (data/words/lodging_verbs.txt), is a formal complaint to someone (CAMEO 114), whoever
    makes it; people who demonstrate hold, stage or join one."""
    return tok.pos_ == "NOUN" and ((tok.dep_ in ("dobj", "obj", "nsubjpass")
                                    and tok.head.lemma_.lower() in words("lodging_verbs"))
                                   or any(c.dep_ in ("amod", "compound") and c.lemma_.lower() in FORMAL
                                          for c in tok.children))


FORMAL = frozenset({"formal", "diplomatic", "official", "written"})  # "a formal protest", "a diplomatic protest"


def attacked_in_words(tok: Token) -> bool:
    """Whether "attack" is said of words ("the president attacked the newspaper for refusing to back his plan",
    "attacked the opposition over its stance on the deal"): someone attacked for what they did or said is
    criticised; force is not done to anyone for a reason the same clause gives."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() != "attack" or not any(c.dep_ == "dobj" for c in tok.children):
        return False
    return any(c.dep_ == "prep" and c.lower_ in ("for", "over") and any(
        g.dep_ == "pcomp" or g.tag_ == "VBG" or g.lemma_.lower() in words("stance_nouns") for g in c.children)
               for c in tok.children)


def told_act(hit: Hit, sent: Span, found: SentenceHits, *, whole: bool) -> Act | None:
    """The act a trigger tells, None when it tells none (see `_part_of_another` and `_no_act`) or when what is said
    of it has no CAMEO reading (`recode_modality`). `whole`: the report is short enough to be read as one."""
    if _part_of_another(hit, found, whole=whole) or _no_act(hit, sent):
        return None
    tok = hit.token
    obliged = is_obliged(tok)
    appeal = appeal_of(tok)
    received = received_from(tok) if tok.lemma_.lower() in RECEIVING else None
    act = expelled_code(tok) if hit.trigger.cameo == "174" else received[0] if received else hit.trigger.cameo
    if act == "020" and called_on_in_person(tok):
        act = "042"  # "the minister called on the opposition leader at his home": a visit, not an appeal
    if act[:2] == "13" and warned_of_another(tok):
        act = "012"  # "warned that the attackers could return": a pessimistic comment, no threat of the speaker's
    if act == "120" and declined_comment(tok):
        act = "011"  # "declined to comment": no comment, not a rejection
    if act == "070" and tok.lemma_.lower() in SENT_BY:
        act = sent_code(tok)  # "sent troops to the border" is a deployment, "sent a delegation" a visit
    if act[:2] in ARMED_ROOTS and attacked_in_words(tok):
        act = "111"  # "attacked the newspaper for refusing to back him": criticism, not force
    if act[:2] == "14" and lodged(tok):
        act = "114"  # "lodged a formal protest", "conveyed our strong protest to the Pakistani side": a complaint
    if act == "0874" and left_body(tok):
        act = "160"  # left a body or an agreement: relations reduced, no ground given up
    aimed = None
    if act == "010" and (threat := conditional_threat(tok, found.armed, found.triggers)) is not None:
        act, aimed = threat[0], threat[1:]  # "said it would join the strike if the company did not pay": a threat
    elif act == "010" and (condemned := voiced_condemnation(tok)) is not None:
        act, aimed = "111", condemned  # "said it was appalled by the attack": a condemnation
    if planned(tok):
        return None  # "announced a march for Saturday": no act yet
    negated = is_negated(tok)
    code = "100" if obliged else "020" if appeal else recode_modality(act, intent=is_hypothetical(tok),
                                                                       negated=negated)
    if code is None:
        return None
    return Act(hit, code, negated, obliged, appeal, received, aimed)
