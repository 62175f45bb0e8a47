"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from etl.settings import get_settings

# Components the coder reads: POS and lemmas for the lexicon, the parse for clauses and sentences, NER for actors
# and places. Nothing is disabled from the small English pipeline today; list any that become unused here.
DISABLED: tuple[str, ...] = ()


@Language.component("newsevents_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and paragraphs of web articles are not run together by the parser."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str | None = None) -> Language:
    name = model or get_settings().spacy_model
    nlp = spacy.load(name, disable=list(DISABLED))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsevents_line_breaks", before="parser")
    return nlp
