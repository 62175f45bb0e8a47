"""Long articles are coded in windows, and only up to a bound, so time and memory per article stay bounded.

Parsing and coding cost more than linearly in a document's length (100,000 characters take about 8 s, 300,000 about
50 s on the development machine), and a 1,000,000-character "article" (a transcript, a dump of a live blog) took
over 15 minutes and 3 GB. So a text is cut into windows of about `WINDOW_CHARS` characters at paragraph or sentence
ends, each parsed and coded as its own document, with the events' offsets and ids put back into the whole text.
Only the first `max_coded_chars` characters are coded: the news is in the lead, and the rest of an overlong text is
left out with a warning naming the article (logged, and listed by the run's checks).

A text of one window is coded exactly as before (same document, same offsets, same event ids).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from etl.ids import MONTH_LEN, digest
from schemas.models import Article, Event

log = logging.getLogger(__name__)

WINDOW_CHARS = 50_000
"""About this many characters per parsed document (a whole news story is far shorter)."""

_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?][\"'”’)]*\s+"))


@dataclass(frozen=True)
class Window:
    """A slice of an article's text: `start` is its offset in the whole text."""

    start: int
    end: int


def windows(text: str, max_coded_chars: int, window_chars: int = WINDOW_CHARS) -> list[Window]:
    """The windows to code: consecutive slices of about `window_chars`, cut after a paragraph, a line or a sentence
    where one lies in the window's second half, covering at most `max_coded_chars` characters."""
    limit = min(len(text), max_coded_chars)
    out: list[Window] = []
    start = 0
    while start < limit:
        end = min(start + window_chars, limit)
        if end < limit or limit < len(text):
            end = _cut(text, start, end)
        out.append(Window(start, end))
        start = end
    return out or [Window(0, 0)]


def _cut(text: str, start: int, end: int) -> int:
    """The last paragraph, line or sentence end in the second half of text[start:end], else `end`."""
    lo = start + (end - start) // 2
    for pattern in _BREAKS:
        last = None
        for m in pattern.finditer(text, lo, end):
            last = m
        if last is not None:
            return last.end()
    return end


def truncated(article: Article, max_coded_chars: int) -> bool:
    """Whether only part of the article is coded (and a warning is due)."""
    return len(article.text) > max_coded_chars


def window_article(article: Article, w: Window) -> Article:
    """The article as the coder sees one window: the same id and metadata, the window's text."""
    if w.start == 0 and w.end == len(article.text):
        return article
    return article.model_copy(update={"text": article.text[w.start:w.end]})


def shift_events(events: list[Event], w: Window) -> list[Event]:
    """Events coded from a window, with offsets into the whole text and ids that no other window can give: the
    first window keeps its ids (a short article's ids do not change), later ones are salted with their offset."""
    if w.start == 0:
        return events
    out = []
    for ev in events:
        sources = [s.model_copy(update={"start": s.start + w.start, "end": s.end + w.start})
                   if s.article_id == ev.article_id else s for s in ev.sources]
        new_id = ev.event_id[:MONTH_LEN] + digest(ev.event_id, w.start)  # the same month
        out.append(ev.model_copy(update={"sources": sources, "event_id": new_id}))
    return out
