"""Extract: articles in, coded events out, streaming.

Texts go through `nlp.pipe` in batches (after repeated paragraphs are blanked, so offsets still point into the
original text) and each parsed article is coded at once, so no Doc outlives its batch. With several workers, each
process loads the model once and parses *and* codes whole chunks, returning only small Event lists; chunks are
submitted through a bounded window, so memory does not grow with the input, and results come back in input order.
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, cast

from etl.extract.coding import coder_version
from schemas.models import Article, Event

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from etl.ingest.reader import RejectLog

__all__ = ["articles_from_jsonl", "code_articles", "coder_version", "extract_articles"]

log = logging.getLogger(__name__)


def code_articles(articles: list[Article], batch_size: int = 32, today: date | None = None, *,
                  parse_ahead: bool = True, retell: bool = True) -> list[list[Event]]:
    """Parse and code a list of articles in this process (one list of events per article). `today`: the day the
    articles were read, the reference of an undated article's yearless dates and weekdays (a run's partition date);
    None leaves those unknown rather than invent a year. `parse_ahead`: the next batch is parsed in a thread while
    this one is coded (see `parsed_ahead`). `retell`: fold the retellings the learned stage finds (off to train it)."""
    from etl.extract.clean import blank_repeats
    from etl.extract.coding import code_doc
    from etl.extract.nlp import load_nlp
    from etl.extract.windows import shift_events, truncated, window_article, windows
    from etl.settings import get_settings

    nlp = load_nlp()
    cap = get_settings().max_coded_chars
    # a long text is parsed and coded in windows, up to `cap` characters (etl/extract/windows.py)
    blanked = [blank_repeats(a.text[:cap]) for a in articles]
    parts = [(i, w) for i, a in enumerate(articles) for w in windows(a.text, cap)]
    for a in articles:
        if truncated(a, cap):
            log.warning("article %s has %d characters: only the first %d are coded", a.id, len(a.text), cap)
    texts = (blanked[i][w.start:w.end] for i, w in parts)
    coded: list[list[Event]] = [[] for _ in articles]
    docs = parsed_ahead(nlp, texts, batch_size) if parse_ahead else nlp.pipe(texts, batch_size=batch_size)
    for doc, (i, w) in zip(docs, parts, strict=True):
        coded[i].extend(shift_events(code_doc(doc, window_article(articles[i], w), now=today), w))
    return [merge_within_article(events, a.text, retell=retell) for events, a in zip(coded, articles, strict=True)]


def parsed_ahead(nlp: Language, texts: Iterable[str], batch_size: int) -> Iterator[Doc]:
    """`nlp.pipe(texts, batch_size=batch_size)`, run in a thread one batch or two ahead of the caller: the parser's
    matrix products release the GIL, so the coder works on the last batch while the next one is parsed. The same
    Docs in the same order (the batches are the same, so is every parse); an error of the parse is raised here."""
    ahead: queue.Queue[object] = queue.Queue(maxsize=2 * batch_size)
    stop = threading.Event()
    end = object()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                ahead.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False  # the caller stopped reading

    def parse() -> None:
        try:
            for doc in nlp.pipe(texts, batch_size=batch_size):
                if not put(doc):
                    return
            put(end)
        except BaseException as exc:  # handed to the caller's thread
            put(exc)

    worker = threading.Thread(target=parse, name="newsevents-parse", daemon=True)
    worker.start()
    try:
        while (item := ahead.get()) is not end:
            if isinstance(item, BaseException):
                raise item
            yield cast("Doc", item)
    finally:
        stop.set()
        worker.join()


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
        for chunk in _chunks(it, batch_size * 4):
            yield from zip(chunk, code_articles(chunk, batch_size, today, retell=retell), strict=True)
        return
    _warm()  # load once here: the forked workers share the model, lexicons and gazetteer copy-on-write
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
