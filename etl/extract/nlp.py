"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

from etl.settings import get_settings

# Components the coder reads: POS and lemmas for the lexicon, the parse for clauses and sentences, NER for actors
# and places. Nothing is disabled from the small English pipeline today; list any that become unused here.
DISABLED: tuple[str, ...] = ()


@lru_cache(maxsize=2)
def load_nlp(model: str | None = None) -> Language:
    name = model or get_settings().spacy_model
    return spacy.load(name, disable=list(DISABLED))
