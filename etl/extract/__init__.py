"""Extract: articles in, coded events out, streaming.

Texts go through `nlp.pipe` in batches (after repeated paragraphs are blanked, so offsets still point into the
original text) and each parsed article is coded at once, so no Doc outlives its batch. With several workers, each
process loads the model once and parses *and* codes whole chunks, returning only small Event lists; chunks are
submitted through a bounded window, so memory does not grow with the input, and results come back in input order.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import queue
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, cast

from etl.extract.coding import coder_version
from schemas.models import Article, Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from etl.extract.windows import Window
    from etl.ingest.reader import RejectLog

__all__ = ["articles_from_jsonl", "code_articles", "coder_version", "extract_articles"]

log = logging.getLogger(__name__)


def code_articles(articles: list[Article], batch_size: int = 32, today: date | None = None, *,
                  parse_ahead: bool = True, retell: bool = True) -> list[list[Event]]:
    """Parse and code a list of articles in this process (one list of events per article). `today`: the day the
    articles were read, the reference of an undated article's yearless dates and weekdays (a run's partition date);
    None leaves those unknown rather than invent a year. `parse_ahead`: the next batch is parsed in a thread while
    this one is coded (see `ParseAhead`). `retell`: fold the retellings the learned stage finds (off to train it)."""
    from etl.extract.nlp import load_nlp

    nlp = load_nlp()
    parts, texts = _windows_of(articles)
    docs = parsed_ahead(nlp, texts, batch_size) if parse_ahead else nlp.pipe(texts, batch_size=batch_size)
    return _coded(articles, parts, docs, today, retell)


def _windows_of(articles: list[Article]) -> tuple[list[tuple[int, Window]], Iterator[str]]:
    """(article index, window) of every window to parse, and their texts: a long text is parsed and coded in
    windows, up to `max_coded_chars` characters (etl/extract/windows.py), repeated paragraphs blanked."""
    from etl.extract.clean import blank_repeats
    from etl.extract.windows import truncated, windows
    from etl.settings import get_settings

    cap = get_settings().max_coded_chars
    blanked = [blank_repeats(a.text[:cap]) for a in articles]
    parts = [(i, w) for i, a in enumerate(articles) for w in windows(a.text, cap)]
    for a in articles:
        if truncated(a, cap):
            log.warning("article %s has %d characters: only the first %d are coded", a.id, len(a.text), cap)
    return parts, (blanked[i][w.start:w.end] for i, w in parts)


def _coded(articles: list[Article], parts: list[tuple[int, Window]], docs: Iterable[Doc], today: date | None,
           retell: bool) -> list[list[Event]]:
    """The events of each article from the parsed Docs of its windows (in the order of `parts`)."""
    from etl.extract.coding import code_doc
    from etl.extract.windows import shift_events, window_article

    coded: list[list[Event]] = [[] for _ in articles]
    for doc, (i, w) in zip(docs, parts, strict=True):
        coded[i].extend(shift_events(code_doc(doc, window_article(articles[i], w), now=today), w))
        doc.user_data.clear()  # (its caches hold spans of the Doc: a cycle only the collector would free)
    return [merge_within_article(events, a.text, retell=retell) for events, a in zip(coded, articles, strict=True)]


_END = object()  # the end of the texts, and of the Docs


class ParseAhead:
    """`nlp.pipe` over texts handed in run after run, in one thread a batch or two ahead of the caller: the parser's
    matrix products release the GIL, so the coder works on the last batch while the next one is parsed. One thread
    for a whole input: a chunk's first batch is parsed while the chunk before it is still coded (a thread per chunk
    left one core idle at each chunk's end, and the other at the next one's start). The Docs come in the order of
    the texts, each parsed as `nlp.pipe` parses it (a batch may hold the end of one run and the start of the next;
    a Doc's parse does not depend on the others of its batch); an error of the parse is raised to the caller."""

    def __init__(self, nlp: Language, batch_size: int) -> None:
        self._texts: queue.Queue[object] = queue.Queue()
        self._docs: queue.Queue[object] = queue.Queue(maxsize=2 * batch_size)
        self._stop = threading.Event()
        self._ended = False
        self._worker = threading.Thread(target=self._parse, args=(nlp, batch_size), name="newsevents-parse",
                                        daemon=True)
        self._worker.start()

    def submit(self, texts: Iterable[str]) -> None:
        """Texts to parse after those handed in before."""
        for text in texts:
            self._texts.put(text)

    def end(self) -> None:
        """No more texts (the last batch is parsed then, however short)."""
        if not self._ended:
            self._ended = True
            self._texts.put(_END)

    def docs(self, n: int | None = None) -> Iterator[Doc]:
        """The next `n` Docs, or all until the end. Submit what follows them (or end) first: the batch of the last
        of them may wait for texts after it."""
        k = 0
        while n is None or k < n:
            item = self._docs.get()
            if item is _END:
                if n is None:
                    return
                raise RuntimeError(f"the parse ended after {k} of {n} texts")
            if isinstance(item, BaseException):
                raise item
            k += 1
            yield cast("Doc", item)

    def close(self) -> None:
        """Stop the thread (the caller may stop reading before the end)."""
        self._stop.set()
        self.end()
        self._worker.join()

    def _incoming(self) -> Iterator[str]:
        while (text := self._texts.get()) is not _END:
            yield cast("str", text)

    def _put(self, item: object) -> bool:
        while not self._stop.is_set():
            try:
                self._docs.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False  # the caller stopped reading

    def _parse(self, nlp: Language, batch_size: int) -> None:
        try:
            for doc in nlp.pipe(self._incoming(), batch_size=batch_size):
                if not self._put(doc):
                    return
            self._put(_END)
        except BaseException as exc:  # handed to the caller's thread
            self._put(exc)


def parsed_ahead(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """`nlp.pipe(texts, batch_size=batch_size)`, run in a thread one batch or two ahead of the caller (`ParseAhead`
    for one run of texts): the same Docs in the same order; an error of the parse is raised here."""
    stream = ParseAhead(nlp, batch_size)
    try:
        stream.submit(texts)
        stream.end()
        yield from stream.docs()
    finally:
        stream.close()


def merge_within_article(events: list[Event], text: str = "", *, retell: bool = True) -> list[Event]:
    """One event per real-world event inside one article too: an article that tells the same capture in its lead,
    in a quote and in a recap yields one event with three evidence sentences (retellings folded by the looser
    in-article test of etl.extract.happenings, then the merge rules of etl.dedup). `text` is the article's: a
    short report (refine.is_short_report; the default) tells each act once and names each side as it means it.
    A happening a full article tells as another ("In a separate incident, rebels ambushed a patrol in Bijapur on
    Monday") is left out of the merge: its rules, made for reports of one event in several articles, let a day's
    difference and two tolls pass, where the article has said the two are apart. Last, a full article's retellings
    the rules left are folded by the learned stage (etl.extract.retellings; `retell`)."""
    if len(events) < 2:
        return events
    from etl.dedup.events import merge_events
    from etl.extract.classify.stage import source_start
    from etl.extract.coref import article_perpetrator
    from etl.extract.happenings import fold_happenings, told_as_separate
    from etl.extract.refine import is_short_report
    from etl.extract.retellings import fold_retellings, load_retellings

    apart: list[Event] = []
    full = not is_short_report(text)
    events, listed = listed_apart(events)
    if full:
        events = fold_happenings(article_perpetrator(events))
        kept: list[Event] = []
        for e in events:
            (apart if told_as_separate(e) else kept).append(e)
        events = kept
    merged = merge_events(events).events + apart
    if full and retell:
        merged = fold_retellings(merged, len(text), load_retellings())
    merged += listed
    return sorted(merged, key=lambda e: (source_start(e), e.event_id))


def listed_apart(events: list[Event]) -> tuple[list[Event], list[Event]]:
    """(events, the events of a list of places): an act told at several places of one sentence ("large marches
    also took place in Cordoba, Rosario and Mendoza") is coded once per place (etl.extract.place.listed_places),
    and the merge and the retellings' fold would take them, one sentence and one act told "also", for tellings of
    one happening. They are set apart from both."""
    def key(ev: Event) -> tuple[object, ...]:
        return (ev.sources[0].start if ev.sources else None, ev.cameo_code, ev.sub_event_type,
                ev.actor1.name if ev.actor1 else None, ev.actor2.name if ev.actor2 else None)

    keys = [key(ev) for ev in events]
    places: dict[tuple[object, ...], set[str | None]] = {}
    for ev, k in zip(events, keys, strict=True):
        if ev.sources and ev.location is not None:
            places.setdefault(k, set()).add(ev.location.name)
    listed = {k for k, names in places.items() if len(names) > 1}
    return ([ev for ev, k in zip(events, keys, strict=True) if k not in listed],
            [ev for ev, k in zip(events, keys, strict=True) if k in listed])


def articles_from_jsonl(path: Path, rejects: RejectLog | None = None,
                        now: datetime | None = None) -> Iterator[Article]:
    """Articles of a JSONL file in the evaluation format, every good line as given (no gate); bad lines go to
    `rejects` (see etl.ingest.reader, the one tolerant reader of the commands). A publication date after `now`
    (default: the clock) is dropped as a feed's error would be."""
    from etl.ingest.reader import RejectLog, read_article_file
    from etl.settings import get_settings

    yield from read_article_file(path, rejects if rejects is not None else RejectLog(None),
                                 max_article_chars=get_settings().max_article_chars, now=now)


CHUNK = 16  # articles sent to a worker process at a time


def _warm() -> None:
    from etl.extract.actors import get_actor_resolver
    from etl.extract.classify.model import load_classifier
    from etl.extract.nlp import load_nlp
    from etl.extract.place import geoparser

    load_nlp()
    load_classifier()
    get_actor_resolver()
    geoparser()


YOUNG_OBJECTS = 2000  # allocations between the collector's youngest collections during a run (Python's: 700)


@contextmanager
def _loaded_and_frozen() -> Iterator[None]:
    """The model, classifier, actor lexicons and gazetteer loaded (`_warm`), then kept out of the cycle collector's
    walks while the run lasts. They are a million long-lived objects: each full collection walked them all (about
    0.15 s, five or more per 200 articles), and the youngest ran about every 700 allocations; gc.freeze() moves
    them to the permanent generation and the youngest generation is let grow to YOUNG_OBJECTS. Collections still
    free every cycle the run makes. A freeze made by someone else (a pre-fork server) is left as it is."""
    _warm()
    if gc.get_freeze_count():
        yield
        return
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], YOUNG_OBJECTS), *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _worker(chunk: list[Article], batch_size: int, today: date | None, retell: bool = True) -> list[list[Event]]:
    # every core has a worker already: a parse thread in each would only contend with them
    return code_articles(chunk, batch_size, today, parse_ahead=False, retell=retell)


def _chunks(it: Iterator[Article], size: int) -> Iterator[list[Article]]:
    while chunk := list(islice(it, size)):
        yield chunk


def extract_articles(articles: Iterable[Article], *, workers: int = 1, batch_size: int = 32,
                     today: date | None = None, retell: bool = True) -> Iterator[tuple[Article, list[Event]]]:
    """Yield (article, its events) in input order; `today` and `retell` as in `code_articles`."""
    it = iter(articles)
    if workers <= 1:
        yield from _extract_in_process(it, batch_size, today, retell)
        return
    with _loaded_and_frozen():  # load once here: forked workers share the model, lexicons and gazetteer
        yield from _extract_in_workers(it, workers, batch_size, today, retell)


def _extract_in_process(it: Iterator[Article], batch_size: int, today: date | None,
                        retell: bool) -> Iterator[tuple[Article, list[Event]]]:
    """Chunks of articles parsed by one `ParseAhead` and coded here. The next chunk's texts are handed in before a
    chunk is coded, so the parse never waits for the coder between chunks; the coder's models are loaded while the
    first batch is parsed."""
    from etl.extract.nlp import load_nlp

    stream = ParseAhead(load_nlp(), batch_size)
    chunks = _chunks(it, batch_size * 4)
    try:
        ahead = _handed_in(stream, next(chunks, None))
        with _loaded_and_frozen():
            while ahead is not None:
                chunk, parts = ahead
                ahead = _handed_in(stream, next(chunks, None))
                yield from zip(chunk, _coded(chunk, parts, stream.docs(len(parts)), today, retell), strict=True)
    finally:
        stream.close()


def _handed_in(stream: ParseAhead,
               chunk: list[Article] | None) -> tuple[list[Article], list[tuple[int, Window]]] | None:
    """A chunk's texts handed to the parse, with the windows they are of; at the end of the input, the end."""
    if chunk is None:
        stream.end()
        return None
    parts, texts = _windows_of(chunk)
    stream.submit(texts)
    return chunk, parts


def _extract_in_workers(it: Iterator[Article], workers: int, batch_size: int, today: date | None,
                        retell: bool) -> Iterator[tuple[Article, list[Event]]]:
    ctx = mp.get_context("fork")
    window: deque[tuple[list[Article], mp.pool.AsyncResult]] = deque()
    # small chunks keep the workers evenly loaded to the end of the input (a 64-article chunk left to one worker
    # while the other idles costs more than the extra round trips); the window bounds memory
    chunk_size = max(1, min(batch_size, CHUNK))
    with ctx.Pool(workers) as pool:
        for chunk in _chunks(it, chunk_size):
            window.append((chunk, pool.apply_async(_worker, (chunk, batch_size, today, retell))))
            if len(window) >= 4 * workers:
                done, result = window.popleft()
                yield from zip(done, result.get(), strict=True)
        while window:
            done, result = window.popleft()
            yield from zip(done, result.get(), strict=True)
