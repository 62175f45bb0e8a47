"""Ingest: every input (JSONL, HTML, RSS/Atom feeds and their pages, S3 prefixes) to a stream of Articles and
Rejections. Nothing is dropped: an input that cannot be coded comes out as a Rejection with a reason.

Modules: `sources` (where bytes come from), `jsonl` / `html` / `feeds` (bytes to fields), `checks` (the gate that
makes an Article or refuses it), `dates`, `urls` (canonical URLs and ids), `fetch` (polite HTTP).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

from etl.ingest.checks import ArticleGate, reject
from etl.ingest.urls import article_id_for, canonical_url
from etl.settings import Settings
from schemas.models import Article, Rejection, RejectReason

log = logging.getLogger(__name__)

__all__ = ["IdRegistry", "article_id_for", "canonical_url", "read_inputs"]


def read_inputs(inputs: list[str], settings: Settings, *, now: datetime | None = None,
                run_key: str | None = None) -> Iterator[Article | Rejection]:
    """Articles and Rejections from every input, in input order, streamed.

    `now` is the reference for future dates (default: the current time). `run_key` (e.g. the partition date) lets
    a retried run re-read pages that answer 304 to it (see etl.ingest.fetch); default: today's date.
    Raises FileNotFoundError for a local input that does not exist: that is the operator's mistake, not the data's.
    """
    from etl.ingest.sources import FetcherFactory, read_local, read_s3, read_url

    gate = ArticleGate(settings, now=now or datetime.now(UTC))
    fetchers = FetcherFactory(gate, run_key)
    counts: dict[str, int] = {}
    try:
        for raw in inputs:
            scheme = raw.split("://", 1)[0].lower() if "://" in raw else ""
            if scheme == "s3":
                items = read_s3(raw, gate, fetchers)
            elif scheme in ("http", "https", "file"):
                items = read_url(raw, gate, fetchers)
            elif scheme:
                items = iter([reject(RejectReason.FETCH_REFUSED, f"scheme {scheme!r} is not supported", origin=raw)])
            else:
                path = Path(raw)
                if not path.exists():
                    raise FileNotFoundError(f"input not found: {raw}")
                items = read_local(path, gate, fetchers)
            for item in items:
                key = "article" if isinstance(item, Article) else item.reason.value
                counts[key] = counts.get(key, 0) + 1
                yield item
    finally:
        fetchers.close()
        log.info("ingest read %s; %d mojibake repaired, %d pages unchanged since the last run", counts,
                 gate.repaired, fetchers.unchanged)


class IdRegistry:
    """Remembers article ids with a digest of their text: the same id with a different text is an ID_CONFLICT."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def check(self, article: Article) -> Rejection | None:
        """None if the id is new or repeats the same text; a Rejection for the second, different text."""
        digest = hashlib.sha1(article.text.encode("utf-8", "replace")).hexdigest()
        previous = self._seen.setdefault(article.id, digest)
        if previous == digest:
            return None
        return reject(RejectReason.ID_CONFLICT, f"id {article.id!r} was already read with a different text",
                      origin=article.origin, article_id=article.id, excerpt=article.text)
