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


def rank(*, negated: bool, typed: bool, sentence: int, trigger: Token, event_type: str, pair: int) -> Rank:
    """How strongly an event is the article's news (the highest is its main event): not negated, typed, early,
    near its sentence's root, severe; then the later trigger and the trigger's own first pair of sides."""
    return (0 if negated else 1, 1 if typed else 0, -sentence, -depth(first_conjunct(trigger)),
            SEVERITY.get(event_type, 0) if typed else 0, -trigger.i, -pair)


def reported_act(events: list[Event], ranked: list[tuple[Rank, int]], best: int) -> int:
    """The main event once a residual statement gives way: where the best-ranked event is CAMEO's "make statement,
    not specified below" (010), the best-ranked act of the same sentence with a side of its own is the news
    ("Norway said it had expelled two diplomats": the expulsion, though "said" is the root); a sideless act does
    not displace a statement that names who spoke."""
    if events[best].cameo_code != RESIDUAL_STATEMENT:
        return best
    top = next(r for r, i in ranked if i == best)
    # the rank's first three places: negated or not, typed or not, the sentence (see `rank`)
    acts = [(r, i) for r, i in ranked if r[:3] == top[:3] and events[i].cameo_code != RESIDUAL_STATEMENT
            and (events[i].actor1 is not None or events[i].actor2 is not None)]
    return max(acts)[1] if acts else best


def mark_main(events: list[Event], ranked: list[tuple[Rank, int]], labelled: str | None,
              default_country: str | None) -> list[Event]:
    """`events` with the best-ranked one marked `main`; a report's lead label (detect.lead_label) says what kind
    of event that one is."""
    if not events:
        return events
    events = list(events)
    best = reported_act(events, ranked, max(ranked)[1])
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
