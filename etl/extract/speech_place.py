"""Where something was said: the place of a verbal event is where its speaker was, not what the words were about.

CAMEO places an event where it happened; for a statement, an appeal, a demand, a threat or a rebuke that is where
it was made. A sentence of a full article names the topic's places far more often than the speaker's ("Pakistan
accused Afghanistan of sheltering militants in Balochistan"), so a verbal event keeps the place the geoparser gave
it only when the sentence ties that place to the act itself ("said in Geneva", "told reporters at the UN", "the
appeal from Kabul"); otherwise it is placed at country level in the speaker's own country, the convention of
ACLED's strategic developments and of analysts reading them, or left unplaced when the speaker has no country.
Meetings (CAMEO 04) are left alone: what is said of a meeting is mostly where it was.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from schemas.models import Event, Location

VERBAL_ROOTS = frozenset({"01", "02", "03", "05", "10", "11", "12", "13"})
PLACE_PREPS = frozenset({"in", "at", "from", "during", "inside"})
_CLIMB = frozenset({"compound", "amod", "appos", "conj", "nmod", "poss", "pobj", "npadvmod", "nummod"})


def _matches(sentence: Span | Doc, text: str) -> list[Token]:
    """The first token of every occurrence of `text` in the sentence."""
    words = text.split()
    toks = list(sentence)
    out = []
    for i in range(len(toks) - len(words) + 1):
        if all(toks[i + j].text == w for j, w in enumerate(words)):
            out.append(toks[i])
    return out


def ties_to_act(tok: Token, trigger: Token) -> bool:
    """Whether the place word `tok` stands in a prepositional phrase of place ("in", "at", "from") that modifies
    the trigger or a verb above it in the clause chain (the verb of saying)."""
    act = {trigger.i} | {a.i for a in trigger.ancestors}
    node = tok
    for _ in range(8):
        if node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.lower_ in PLACE_PREPS:
            gov = node.head.head
            if gov.i in act:
                return True
            if gov.dep_ != "pobj":  # "at a news conference in Geneva": the venue's own place still counts
                return False
            node = gov
            continue
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            return False
        node = node.head
    return False


def country_level(country: str, name: str | None) -> Location:
    return Location(name=name, country=country, geo_precision=3, feature_type="country")


def place_of_saying(sentence: Span | Doc, trigger: Token | None, ev: Event,
                    country_names: dict[str, str]) -> Event:
    """`ev` placed where it was said (see the module docstring); unchanged unless it is a verbal event."""
    if trigger is None or ev.cameo_root not in VERBAL_ROOTS or ev.location is None:
        return ev
    loc = ev.location
    if loc.text and any(ties_to_act(t, trigger) for t in _matches(sentence, loc.text)):
        return ev
    speaker = ev.actor1.country if ev.actor1 is not None else None
    if speaker is None:
        return ev.model_copy(update={"location": None})
    if loc.country == speaker and loc.feature_type == "country":
        return ev
    return ev.model_copy(update={"location": country_level(speaker, country_names.get(speaker))})
