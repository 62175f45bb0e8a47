"""HTML pages: main text, title, date and site name via trafilatura.

Scripts, styles and iframes are dropped by lxml before trafilatura sees the tree; nothing in a page is executed or
followed. The page's own metadata fills what the caller (a feed entry, a file) did not know.
"""

from __future__ import annotations

import logging

from etl.ingest.checks import ArticleGate, reject, strip_furniture
from schemas.models import Article, Rejection, RejectReason

log = logging.getLogger(__name__)

_DROP_TAGS = ("script", "style", "iframe", "frame", "frameset", "object", "embed", "noscript", "template", "svg",
              "canvas", "form", "button", "input", "select", "textarea")


# Page metadata that states when an article was published, in order of trust; trafilatura's own date is a day only.
_PUBLISHED_META = ("article:published_time", "og:published_time", "datepublished", "dc.date.issued",
                   "dcterms.created", "pubdate", "publishdate", "sailthru.date", "parsely-pub-date")


def published_time(tree) -> str | None:  # type: ignore[no-untyped-def]
    """A publication timestamp with its time of day and offset from the page's metadata (meta tags, itemprop, JSON-LD),
    so `2026-12-03T11:20:00+05:00` stays 06:20 UTC instead of becoming midnight; None if the page states no time."""
    import json

    found: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key in _PUBLISHED_META and value:
            found.setdefault(key, value)
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json" or not script.text:
            continue
        try:
            doc = json.loads(script.text)
        except ValueError:
            continue
        items = doc if isinstance(doc, list) else [doc] if isinstance(doc, dict) else []
        if isinstance(doc, dict) and isinstance(doc.get("@graph"), list):
            items = [doc, *doc["@graph"]]
        for item in items:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                found.setdefault("datepublished", item["datePublished"].strip())
    for key in _PUBLISHED_META:
        value = found.get(key)
        if value and ("T" in value or ":" in value):  # a time of day, not only a date
            return value
    return None


def html_fields(data: bytes) -> dict[str, str | None] | None:
    """Main text and metadata of an HTML page, or None when no main text can be found."""
    import trafilatura
    from lxml import etree
    from lxml import html as lxml_html

    if not data.strip():
        return None
    try:
        tree = lxml_html.document_fromstring(data, parser=lxml_html.HTMLParser(remove_comments=True,
                                                                                remove_pis=True, no_network=True))
    except (etree.ParserError, ValueError, TypeError):
        return None
    when = published_time(tree)  # before scripts go: JSON-LD lives in one
    etree.strip_elements(tree, *_DROP_TAGS, with_tail=False)
    try:
        doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=False,
                                          favor_precision=True)
    except Exception:  # trafilatura has no error contract; a broken page must not stop the run
        log.debug("trafilatura failed", exc_info=True)
        return None
    if doc is None or not (doc.text or "").strip():
        return None
    return {"text": doc.text, "title": doc.title, "date": when or doc.date, "sitename": doc.sitename or doc.hostname,
            "url": doc.url}


def parse_html(data: bytes, origin: str, gate: ArticleGate, *, url: str | None = None, title: str | None = None,
               source: str | None = None, published: object = None, max_bytes: int | None = None,
               fallback_text: str | None = None) -> Article | Rejection:
    """One page to an Article or a Rejection; what the caller knows (feed title, date) wins over page metadata.
    A page without main text falls back to `fallback_text` (a feed item's summary), and the article says so."""
    if max_bytes is not None and len(data) > max_bytes:
        return reject(RejectReason.TOO_LARGE, f"page is over {max_bytes} bytes", origin=origin, excerpt=data)
    if b"\x00" in data[:65536]:
        return reject(RejectReason.BINARY, "page contains NUL bytes: binary data", origin=origin, excerpt=data)
    fields = html_fields(data)
    meta: dict[str, str | None] = dict(fields or {})

    def build(text: str) -> Article | Rejection:
        return gate.build(text=strip_furniture(text) or text, origin=origin, url=url or meta.get("url"),
                          title=title or meta.get("title"), source=source or meta.get("sitename"),
                          published=published or meta.get("date"))

    if fields is not None:
        art = build(fields["text"] or "")
        short = isinstance(art, Rejection) and art.reason in (RejectReason.EMPTY, RejectReason.BOILERPLATE)
        if not (short and fallback_text):
            return art
    if not (fallback_text and fallback_text.strip()):
        return reject(RejectReason.EMPTY, "no main text found in the page", origin=origin, excerpt=data)
    art = build(fallback_text)  # the page has no text of its own (a cookie wall, a video page): the summary
    return art.model_copy(update={"summary_only": True}) if isinstance(art, Article) else art
