"""What the coder reads of a Doc once and keeps (doctext, and the per-Doc tables of syntax and dates) is what spaCy
would have answered on each access: the caches save time, never change an answer."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Token

from etl.extract import dates, syntax
from etl.extract.doctext import (
    doc_children,
    doc_ents,
    doc_lowers,
    doc_parse,
    doc_text,
    doc_words,
    span_ents,
    span_text,
    subtree_indices,
)
from etl.extract.lexicon import words
from etl.extract.reportable import crime_word_count

TEXT = ("KABUL, May 8 (Wire) - An anti-Taliban armed group said on Thursday its fighters had killed seven Taliban "
        "members in an ambush in Afghanistan's Panjshir valley, a claim dismissed by Taliban officials. Police in "
        "Kabul arrested two men over the robbery of a jeweller on 5 May, and a court later jailed a third suspect. "
        "The United Nations Assistance Mission in Afghanistan said on Friday it was looking into the reports.")


def test_texts_words_and_entities_are_spacys(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert doc_text(doc) == doc.text
    assert doc_words(doc) == [t.text for t in doc]
    assert doc_lowers(doc) == [t.lower_ for t in doc]
    assert [(e.start, e.end, e.label_) for e in doc_ents(doc)] == [(e.start, e.end, e.label_) for e in doc.ents]
    for sent in doc.sents:
        assert span_text(sent) == sent.text
        assert [(e.start, e.end) for e in span_ents(sent)] == [(e.start, e.end) for e in sent.ents]
    inner = doc[3:20]
    assert [(e.start, e.end) for e in span_ents(inner)] == [(e.start, e.end) for e in inner.ents]


def test_the_parse_as_lists_is_spacys(nlp: Language) -> None:
    doc = nlp(TEXT)
    p = doc_parse(doc)
    assert p.heads == [t.head.i for t in doc]
    assert (p.pos, p.tag, p.dep) == ([t.pos_ for t in doc], [t.tag_ for t in doc], [t.dep_ for t in doc])
    assert p.lemma == [t.lemma_.lower() for t in doc] and p.alpha == [t.is_alpha for t in doc]
    assert (p.starts, p.ends) == ([t.idx for t in doc], [t.idx + len(t) for t in doc])
    assert doc_children(doc) == [[c.i for c in t.children] for t in doc]
    for t in doc:
        assert subtree_indices(doc, t.i) == {x.i for x in t.subtree}


def _syntax_clause_head(tok: Token) -> Token:
    """syntax's clause head found by walking Tokens (what the per-Doc table must answer)."""
    node = tok
    while node.head.i != node.i:
        if (node.pos_ in ("VERB", "AUX") and node.dep_ not in ("relcl", "acl")
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
                and not any(w.tag_ in ("WDT", "WP", "WP$") for left in node.lefts for w in left.subtree)
                and node.lemma_.lower() not in words("speech_verbs")):
            return node
        node = node.head
    return node


def _dates_clause_head(tok: Token) -> Token:
    """dates' clause head found by walking Tokens."""
    t, n = tok, 0
    while n < 60:
        if t.pos_ in ("VERB", "AUX") and (t.dep_ in dates.CLAUSE_DEPS or (
                t.dep_ == "conj" and any(c.dep_ in dates.SUBJECTS for c in t.children))):
            return t
        if t.head.i == t.i:
            return t
        t, n = t.head, n + 1
    return t


def test_clause_heads_kept_per_doc_are_those_found_by_walking_the_tree(nlp: Language) -> None:
    doc = nlp(TEXT + " Officials, who spoke on condition of anonymity, said troops that were sent on Monday had left.")
    for tok in doc:  # asked twice: the second answer comes from the Doc's table
        for _ in range(2):
            assert syntax._clause_head(tok).i == _syntax_clause_head(tok).i
            assert dates._clause_head(tok).i == _dates_clause_head(tok).i


def test_clause_texts_are_the_same_when_asked_again(nlp: Language) -> None:
    doc = nlp(TEXT)
    sent = next(iter(doc.sents))
    killed = next(t for t in sent if t.lemma_ == "kill")
    first = list(dates.clause_texts(sent, sent.text, killed))
    assert first == list(dates.clause_texts(sent, sent.text, killed))
    assert all(len(c) >= len(sent.text) for c in first)
    assert "killed seven Taliban" in first[0]


def test_crime_words_are_counted_as_token_by_token(nlp: Language) -> None:
    doc = nlp(TEXT)
    crime = words("crime_words")
    expected = sum(1 for t in doc if t.lemma_.lower() in crime or t.lower_ in crime)
    assert expected > 0
    assert crime_word_count(doc) == expected
