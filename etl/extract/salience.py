"""Which event is the article's main one: news leads with it, so the first sentence with a typed, not negated event,
there the trigger nearest the root, then the most severe.
"""

from __future__ import annotations

from spacy.tokens import Token

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
