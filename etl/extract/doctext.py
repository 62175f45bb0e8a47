"""The text of a Doc and of its spans, sliced from one string built once per Doc.

spaCy builds `Doc.text` and `Span.text` by joining every token (a Python object made per token) on each access;
the coder reads them thousands of times per article. A span's text is exactly the Doc's text between its first and
last character (a token's trailing whitespace is one space at most, and `Span.text` drops the last one's), so a
slice of the Doc's text, built once and kept in `doc.user_data`, is the same string at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TypeVar

from spacy.tokens import Doc, Span

T = TypeVar("T")


def once(doc: Doc, key: str, build: Callable[[], T]) -> T:
    """What `build` makes of the Doc, made on the first call and kept in `doc.user_data[key]`."""
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = build()
    return value


def once_for(doc: Doc, table: str, item: Hashable, build: Callable[[], T]) -> T:
    """What `build` makes of one item of the Doc (a token, a sentence), made on the first call for that item and
    kept in the Doc's table `table`."""
    found = doc.user_data.setdefault(table, {})
    value = found.get(item)
    if value is None:
        value = found[item] = build()
    return value


def doc_text(doc: Doc) -> str:
    """doc.text, built once per Doc."""
    return once(doc, "newsevents_text", lambda: doc.text)


def span_text(span: Span) -> str:
    """span.text, as a slice of the Doc's text (the same string)."""
    if not len(span):
        return ""
    return doc_text(span.doc)[span.start_char:span.end_char]


def doc_words(doc: Doc) -> list[str]:
    """The text of every token of a Doc, in order, read once per Doc (not as a Token object per word per reader)."""
    return once(doc, "newsevents_words", lambda: [t.text for t in doc])


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """doc.ents, built once per Doc (spaCy makes a Span per entity on every access; the coder asks per sentence)."""
    return once(doc, "newsevents_ents", lambda: tuple(doc.ents))


def span_ents(span: Span) -> list[Span]:
    """span.ents (the entities wholly inside the span, in order), from the Doc's entities read once."""
    out = []
    for ent in doc_ents(span.doc):
        if ent.start >= span.start:
            if ent.end <= span.end:
                out.append(ent)
            else:
                break
    return out


def doc_lowers(doc: Doc) -> list[str]:
    """The lower-case form of every token of a Doc, in order, read once per Doc."""
    return once(doc, "newsevents_lowers", lambda: [t.lower_ for t in doc])


@dataclass(frozen=True, slots=True)
class Parse:
    """The parse of a Doc as plain lists, one entry per token: the head's index, the coarse and fine tags, the
    dependency label and the lower-case lemma. A walk up the tree over these makes no Token objects (spaCy makes
    one per `doc[i]`, `.head`, `.children`), which is what the coder's per-word questions cost most."""

    heads: list[int]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    lemma: list[str]
    alpha: list[bool]  # Token.is_alpha
    starts: list[int]  # Token.idx
    ends: list[int]  # Token.idx + len(Token)


def doc_parse(doc: Doc) -> Parse:
    """The Doc's parse as lists (see Parse), read once per Doc."""
    return once(doc, "newsevents_parse", lambda: _read_parse(doc))


def _read_parse(doc: Doc) -> Parse:
    from spacy.attrs import DEP, HEAD, IDX, IS_ALPHA, LEMMA, LENGTH, POS, TAG

    table = doc.to_array([HEAD, POS, TAG, DEP, LEMMA, IS_ALPHA, IDX, LENGTH])
    offsets = table[:, 0].astype("int64").tolist()  # HEAD is an offset, -1 stored as 2**64 - 1
    rows = table.tolist()  # (the strings' hashes use all 64 bits)
    strings = doc.vocab.strings
    return Parse(heads=[i + o for i, o in enumerate(offsets)], pos=[strings[r[1]] for r in rows],
                 tag=[strings[r[2]] for r in rows], dep=[strings[r[3]] for r in rows],
                 lemma=[strings[r[4]].lower() for r in rows], alpha=[bool(r[5]) for r in rows],
                 starts=[r[6] for r in rows], ends=[r[6] + r[7] for r in rows])


def doc_children(doc: Doc) -> list[list[int]]:
    """The children of every token of a Doc (indices, in order), read once per Doc from its parse."""
    def build() -> list[list[int]]:
        heads = doc_parse(doc).heads
        kids: list[list[int]] = [[] for _ in heads]
        for i, h in enumerate(heads):
            if h != i:
                kids[h].append(i)
        return kids

    return once(doc, "newsevents_children", build)


def subtree_indices(doc: Doc, i: int) -> set[int]:
    """The indices of `doc[i].subtree` (the token and everything under it), with no Token made."""
    kids = doc_children(doc)
    out, todo = {i}, [i]
    while todo:
        for c in kids[todo.pop()]:
            if c not in out:
                out.add(c)
                todo.append(c)
    return out
