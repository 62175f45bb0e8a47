"""The text of a Doc and of its spans, sliced from one string built once per Doc.

spaCy builds `Doc.text` and `Span.text` by joining every token (a Python object made per token) on each access;
the coder reads them thousands of times per article. A span's text is exactly the Doc's text between its first and
last character (a token's trailing whitespace is one space at most, and `Span.text` drops the last one's), so a
slice of the Doc's text, built once and kept in `doc.user_data`, is the same string at a fraction of the cost.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
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
