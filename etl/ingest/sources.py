"""Where articles come from: local files and folders, feed and page URLs, S3 prefixes.

Each reader streams: one line, one page or one object at a time, never a whole file or listing in memory.
"""

from __future__ import annotations

import gzip
import io
import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

from etl.ingest.checks import ArticleGate, reject
from etl.ingest.feeds import Feed, looks_like_feed, parse_feed
from etl.ingest.fetch import Fetcher, FetchResult
from etl.ingest.html import parse_html
from etl.ingest.jsonl import iter_lines, max_line_bytes, parse_lines
from schemas.models import Article, Rejection, RejectReason

log = logging.getLogger(__name__)

Item = Article | Rejection

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".json")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")


def kind_of(name: str) -> str | None:
    """'jsonl', 'html' or 'feed' from a file or key name; None for anything else."""
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    if lower.endswith(FEED_SUFFIXES):
        return "feed"
    return None


def read_jsonl_stream(stream: io.BufferedIOBase, origin: str, gate: ArticleGate) -> Iterator[Item]:
    """Articles from a binary JSONL stream (gzip-compressed if `origin` ends in .gz)."""
    limit = max_line_bytes(gate.settings.max_article_chars)
    if origin.lower().endswith(".gz"):
        stream = gzip.GzipFile(fileobj=stream)  # type: ignore[assignment]
    try:
        yield from parse_lines(iter_lines(stream, limit), origin, gate, limit)  # type: ignore[arg-type]
    except (OSError, EOFError) as exc:  # truncated or corrupt gzip: what was read stands, the rest is refused
        yield reject(RejectReason.ENCODING, f"stream ends badly: {exc}", origin=origin)


def read_local(path: Path, gate: ArticleGate, fetcher_factory: FetcherFactory) -> Iterator[Item]:
    """A file by its suffix (or content), or every readable file of a folder in name order."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if kind_of(child.name):
                yield from read_local(child, gate, fetcher_factory)
        return
    kind = kind_of(path.name) or _sniff(path)
    origin = str(path)
    if kind == "jsonl":
        with path.open("rb") as f:
            yield from read_jsonl_stream(f, origin, gate)
    elif kind == "html":
        yield parse_html(_read_bounded(path, gate), origin, gate, max_bytes=_html_limit(gate))
    elif kind == "feed":
        data = _read_bounded(path, gate)
        yield from read_feed_bytes(data, origin, gate, fetcher_factory)
    else:
        yield reject(RejectReason.INVALID, f"{path.name}: not JSONL, HTML or an RSS/Atom feed", origin=origin)


def _html_limit(gate: ArticleGate) -> int:
    return max(gate.settings.fetch_max_bytes, gate.settings.max_article_chars)


def _read_bounded(path: Path, gate: ArticleGate) -> bytes:
    with path.open("rb") as f:
        return f.read(_html_limit(gate) + 1)


def _sniff(path: Path) -> str | None:
    with path.open("rb") as f:
        head = f.read(4096)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    if looks_like_feed(head):
        return "feed"
    if b"<html" in head.lower() or b"<!doctype html" in head.lower():
        return "html"
    return None


class FetcherFactory:
    """Opens one Fetcher lazily, on the first URL, and closes it at the end of the run."""

    def __init__(self, gate: ArticleGate, run_key: str | None) -> None:
        self.gate = gate
        self.run_key = run_key
        self._fetcher: Fetcher | None = None
        self.unchanged = 0

    def get(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.gate.settings, run_key=self.run_key)
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None


def read_url(url: str, gate: ArticleGate, fetchers: FetcherFactory) -> Iterator[Item]:
    """A feed URL (its linked pages fetched) or a single page URL."""
    got = fetchers.get().fetch(url)
    if isinstance(got, Rejection):
        yield got
        return
    if got.unchanged or got.body is None:
        fetchers.unchanged += 1
        log.info("%s: not modified since the last run; skipped", url)
        return
    ctype = (got.content_type or "").lower()
    if "rss" in ctype or "atom" in ctype or looks_like_feed(got.body):
        yield from read_feed_bytes(got.body, got.origin, gate, fetchers)
    else:
        yield _page_article(got, gate)


def read_feed_bytes(data: bytes, origin: str, gate: ArticleGate, fetchers: FetcherFactory) -> Iterator[Item]:
    """Every entry of a feed: its linked page fetched and extracted, the feed's own text as a fallback."""
    feed = parse_feed(data, origin)
    if isinstance(feed, Rejection):
        yield feed
        return
    for entry in feed.entries:
        yield from _entry_article(feed, entry, origin, gate, fetchers)


def _entry_article(feed: Feed, entry, origin: str, gate: ArticleGate,  # type: ignore[no-untyped-def]
                   fetchers: FetcherFactory) -> Iterator[Item]:
    source = feed.title or (urlsplit(feed.link).hostname if feed.link else None)
    if not entry.link:
        if entry.summary:
            yield parse_html(entry.summary.encode("utf-8"), origin, gate, title=entry.title, source=source,
                             published=entry.published, fallback_text=entry.summary)
        else:
            yield reject(RejectReason.EMPTY, "feed entry has neither a link nor content", origin=origin,
                         excerpt=entry.title)
        return
    got = fetchers.get().fetch(entry.link)
    if isinstance(got, Rejection):
        yield _summary_article(entry, origin, gate, source, got) if entry.summary else got
        return
    if got.unchanged or got.body is None:
        fetchers.unchanged += 1
        log.info("%s: not modified since the last run; skipped", entry.link)
        return
    yield _page_article(got, gate, title=entry.title, source=source, published=entry.published,
                        fallback=entry.summary)


def _summary_article(entry, origin: str, gate: ArticleGate, source: str | None,  # type: ignore[no-untyped-def]
                     failed: Rejection) -> Item:
    """The feed item's own summary as the article when its link cannot be fetched: the feed already gave us that
    text, and losing the story is worse than coding its summary. Marked `summary_only`; when even the summary
    cannot be coded (too short, another language) the fetch failure is what is reported."""
    text = _summary_text(entry.summary)
    art = gate.build(text=text, origin=origin, url=entry.link, title=entry.title, source=source,
                     published=entry.published) if text else failed
    if isinstance(art, Rejection):
        return failed
    log.warning("%s: %s; kept the feed's summary instead (%d characters)", entry.link, failed.message, len(art.text))
    return art.model_copy(update={"summary_only": True})


def _summary_text(summary: str | None) -> str | None:
    """Plain text of a feed summary (feeds put HTML in <description>)."""
    if not summary:
        return None
    from etl.ingest.html import html_fields

    fields = html_fields(f"<html><body><p>{summary}</p></body></html>".encode())
    if fields:
        return fields["text"]
    from lxml import etree
    from lxml import html as lxml_html

    try:  # too short for trafilatura to call it main text: the markup's text as it is
        return " ".join(lxml_html.fragment_fromstring(summary, create_parent="div").text_content().split()) or None
    except (etree.ParserError, ValueError):
        return None


def _page_article(got: FetchResult, gate: ArticleGate, *, title: str | None = None, source: str | None = None,
                  published: object = None, fallback: str | None = None) -> Item:
    fallback_text = _summary_text(fallback)
    return parse_html(got.body or b"", got.origin, gate, url=got.final_url, title=title,
                      source=source or urlsplit(got.final_url).hostname, published=published,
                      max_bytes=gate.settings.fetch_max_bytes, fallback_text=fallback_text)


def read_s3(uri: str, gate: ArticleGate, fetchers: FetcherFactory) -> Iterator[Item]:
    """Every JSONL (.jsonl, .jsonl.gz) and HTML object under s3://bucket/prefix, in key order, streamed."""
    import boto3
    from botocore.config import Config
    from botocore.exceptions import BotoCoreError, ClientError

    parts = urlsplit(uri)
    bucket, prefix = parts.netloc, parts.path.lstrip("/")
    # standard retry mode: 5xx, throttling and dropped connections are retried with backoff before we give up
    client = boto3.client("s3", config=Config(retries={"mode": "standard", "max_attempts": 5}))
    paginator = client.get_paginator("list_objects_v2")
    found = 0
    for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            key = obj["Key"]
            kind = kind_of(key)
            if kind is None:
                continue
            found += 1
            origin = f"s3://{bucket}/{key}"
            try:
                body = client.get_object(Bucket=bucket, Key=key)["Body"]
                if kind == "jsonl":
                    yield from read_jsonl_stream(body, origin, gate)  # type: ignore[arg-type]
                else:
                    limit = _html_limit(gate)
                    data = body.read(limit + 1)
                    body.close()
                    if kind == "html":
                        yield parse_html(data, origin, gate, max_bytes=limit)
                    else:
                        yield from read_feed_bytes(data, origin, gate, fetchers)
            except (BotoCoreError, ClientError) as exc:
                yield reject(RejectReason.FETCH_ERROR, f"cannot read {origin}: {exc}", origin=origin)
    if not found:
        log.warning("%s: no JSONL or HTML objects under this prefix", uri)
