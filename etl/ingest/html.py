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
    etree.strip_elements(tree, *_DROP_TAGS, with_tail=False)
    try:
        doc = trafilatura.bare_extraction(tree, with_metadata=True, include_comments=False, include_tables=False,
                                          favor_precision=True)
    except Exception:  # trafilatura has no error contract; a broken page must not stop the run
        log.debug("trafilatura failed", exc_info=True)
        return None
    if doc is None or not (doc.text or "").strip():
        return None
    return {"text": doc.text, "title": doc.title, "date": doc.date, "sitename": doc.sitename or doc.hostname,
            "url": doc.url}


def parse_html(data: bytes, origin: str, gate: ArticleGate, *, url: str | None = None, title: str | None = None,
               source: str | None = None, published: object = None, max_bytes: int | None = None,
               fallback_text: str | None = None) -> Article | Rejection:
    """One page to an Article or a Rejection; what the caller knows (feed title, date) wins over page metadata."""
    if max_bytes is not None and len(data) > max_bytes:
        return reject(RejectReason.TOO_LARGE, f"page is over {max_bytes} bytes", origin=origin, excerpt=data)
    if b"\x00" in data[:65536]:
        return reject(RejectReason.BINARY, "page contains NUL bytes: binary data", origin=origin, excerpt=data)
    fields = html_fields(data)
    if fields is None:
        if fallback_text and fallback_text.strip():
            fields = {"text": fallback_text}
        else:
            return reject(RejectReason.EMPTY, "no main text found in the page", origin=origin, excerpt=data)
    text = strip_furniture(fields["text"] or "")
    return gate.build(text=text or (fields["text"] or ""), origin=origin, url=url or fields.get("url"),
                      title=title or fields.get("title"), source=source or fields.get("sitename"),
                      published=published or fields.get("date"))
