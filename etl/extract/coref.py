"""Coreference within a sentence: a subject pronoun stands for the nearest enclosing clause's subject ("Syria says it
is willing to…"), a reflexive for its own clause's subject.
"""

from __future__ import annotations

from spacy.tokens import Token

from etl.extract.lexicon import words
from etl.extract.syntax import clause_subject

PRONOUNS = words("pronouns")
REFLEXIVES = words("reflexives")


def antecedent(pron: Token) -> Token | None:
    """What a subject pronoun stands for, within its sentence: the nearest enclosing clause's own subject ("Obama
    said he would not…", "Syria says it is willing to…"); an object pronoun is not its own clause's subject ("Israel
    said a rocket was fired at it": Israel, not the rocket)."""
    node = pron.head
    if pron.dep_ not in ("nsubj", "nsubjpass"):
        while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
    while node.head.i != node.i:
        node = node.head
        subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != pron.i), None)
        if subj is not None and subj.lower_ not in PRONOUNS:
            return subj
    return None


def unpronoun(tok: Token | None) -> Token | None:
    """The head a side stands for: a pronoun's antecedent (None when the sentence names none), else the head."""
    if tok is not None and tok.pos_ == "PRON" and tok.lower_ in PRONOUNS:
        return antecedent(tok)
    if tok is not None and tok.lower_ in REFLEXIVES:  # "X attacked itself": its own clause's subject
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
        subj = clause_subject(verb) if verb is not None else None
        return unpronoun(subj) if subj is not None and subj.lower_ not in REFLEXIVES else None
    return tok
