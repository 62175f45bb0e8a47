"""Loading the spaCy pipeline once per process."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

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


SENTENCE_ENDS = frozenset({".", "!", "?"})
CLOSED_TAGS = frozenset({"DT", "IN", "PRP", "PRP$", "WRB", "WDT", "CC", "RB", "PDT", "EX"})  # words that open a clause
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
HEADING_MAX_WORDS = 6
OPENING_QUOTES = frozenset({"“", "‘", '"'})


def _glued_heading_end(doc: Doc, i: int) -> bool:
    """Whether token i opens a sentence glued to a subheading that lost its line break ("… finalized. Trump approval
    During a visit …"): a capitalised word that opens a clause (a determiner, preposition, pronoun, conjunction or
    adverb: capitalised in running text only at a sentence's start), or an opening quote before a capitalised word,
    after a short run of words with no finite verb and no closing word of a phrase, itself just after the end of a
    sentence."""
    tok = doc[i]
    if tok.text in OPENING_QUOTES:
        if i + 1 >= len(doc) or not doc[i + 1].text[:1].isupper():
            return False
    elif not (tok.is_title and tok.tag_ in CLOSED_TAGS) or tok.lower_ == "i":
        return False
    k = i - 1
    while k >= 0 and doc[k].text not in SENTENCE_ENDS and not (doc[k].text in "”’\"'" and k > 0
                                                                and doc[k - 1].text in SENTENCE_ENDS):
        k -= 1
    run = doc[k + 1:i]
    if k < 0 or not 1 <= len(run) <= HEADING_MAX_WORDS or not run[0].text[:1].isupper():
        return False
    if any(t.tag_ in FINITE_TAGS or (t.is_punct and t.text not in "’'-") for t in run):
        return False
    if run[-1].is_title and i + 1 < len(doc) and doc[i + 1].is_title:
        return False  # "the head of Doctors Without Borders": a name that writes its small words capitalised
    return run[-1].tag_ not in CLOSED_TAGS | {"TO", "POS"}


@Language.component("newsevents_glued_headings")
def glued_headings(doc: Doc) -> Doc:
    """A subheading run into the next sentence (web text that lost its line breaks) ends where that sentence starts:
    "Trump approval" is no side of "During a visit, Trump said …"."""
    for i in range(2, len(doc)):
        if _glued_heading_end(doc, i):
            doc[i].is_sent_start = True
    return doc


NAME_LINKS = frozenset({"of", "for", "and", "on", "the"})  # small words inside a name ("Council of Australian Jewry")
NAME_JOINS = NAME_LINKS | {"'s"}  # ... and what may join the cut name to the rest of it


def _name_end(doc: Doc, start: int, end: int) -> int:
    """Where a name the recogniser cut at a small word really ends: over the capitalised words after it
    ("The Executive Council of" + "Australian Jewry"), else before the small words it ended on."""
    k = end
    while k < len(doc) and doc[k].lower_ in NAME_JOINS and k + 1 < len(doc) and doc[k + 1].is_title:
        k += 1
    while k < len(doc) and (doc[k].is_title or doc[k].is_upper) and doc[k].is_alpha and not doc[k].is_sent_start:
        k += 1
        while (k + 1 < len(doc) and doc[k].lower_ in NAME_LINKS and doc[k + 1].is_title
               and not doc[k + 1].is_sent_start):
            k += 1
    if k > end and doc[k - 1].lower_ not in NAME_LINKS:
        return k
    while end > start + 1 and doc[end - 1].lower_ in NAME_LINKS:
        end -= 1
    return end


@Language.component("newsevents_name_ends")
def name_ends(doc: Doc) -> Doc:
    """An organisation's name the small model ends on "of" or "for" ("The Executive Council of", then "Australian"
    as a nationality) runs on over the capitalised words that follow: one name, whose words are no other entity."""
    ents = list(doc.ents)
    if not any(e.label_ == "ORG" and e[-1].lower_ in NAME_LINKS for e in ents):
        return doc
    out: list[Span] = []
    taken = -1
    for e in ents:
        if e.start < taken:
            continue
        if e.label_ == "ORG" and e[-1].lower_ in NAME_LINKS:
            end = _name_end(doc, e.start, e.end)
            e = Span(doc, e.start, end, label=e.label_)
            taken = end
            out = [o for o in out if o.end <= e.start]
        out.append(e)
    doc.set_ents(out)
    return doc


@lru_cache(maxsize=2)
def load_nlp(model: str | None = None) -> Language:
    name = model or get_settings().spacy_model
    nlp = spacy.load(name, disable=list(DISABLED))
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newsevents_line_breaks", before="parser")
        nlp.add_pipe("newsevents_glued_headings", before="parser")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("newsevents_name_ends", after="ner")
    return nlp
