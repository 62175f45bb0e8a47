"""Which event is the article's main one: news leads with it, so the first sentence with a typed, not negated event,
there the trigger nearest the root, then the most severe.
"""

from __future__ import annotations

from spacy.tokens import Token

from etl.extract.acled_sides import acled_sides, role_adjusted
from etl.extract.lexicon import acled_types
from schemas.models import Event, acled_class

Rank = tuple[int, ...]

RESIDUAL_STATEMENT = "010"  # CAMEO's "make statement, not specified below"

SEVERITY = {"Battles": 5, "Explosions/Remote violence": 5, "Violence against civilians": 5, "Riots": 4,
            "Protests": 3, "Strategic developments": 2}


def depth(tok: Token) -> int:
    """Hops from a trigger to its sentence's root: the lead event governs, a purpose clause ("protested against
    the killings") hangs below it."""
    n = 0
    while tok.head.i != tok.i and n < 50:
        tok, n = tok.head, n + 1
    return n


def first_conjunct(tok: Token) -> Token:
    """The first of coordinated verbs ("detained and tortured"): acts told side by side stand as high in the
    sentence, so the more severe of them leads."""
    n = 0
    while tok.dep_ == "conj" and tok.head.i != tok.i and n < 20:
        tok, n = tok.head, n + 1
    return tok


def rank(*, negated: bool, typed: bool, sentence: int, trigger: Token, event_type: str, pair: int,
         residual: bool = False) -> Rank:
    """How strongly an event is the article's news (the highest is its main event): not negated, typed, early,
    then within a sentence a specific act over CAMEO's residual statement (010, "not specified below": "Norway said
    it had expelled two diplomats" is news of the expulsion, though "said" is the root), near its sentence's root,
    severe; then the later trigger and the trigger's own first pair of sides."""
    return (0 if negated else 1, 1 if typed else 0, -sentence, 0 if residual else 1, -depth(first_conjunct(trigger)),
            SEVERITY.get(event_type, 0) if typed else 0, -trigger.i, -pair)


def mark_main(events: list[Event], ranked: list[tuple[Rank, int]], labelled: str | None,
              default_country: str | None) -> list[Event]:
    """`events` with the best-ranked one marked `main`; a report's lead label (detect.lead_label) says what kind
    of event that one is."""
    if not events:
        return events
    events = list(events)
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
    return events
