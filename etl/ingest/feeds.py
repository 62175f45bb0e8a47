"""RSS and Atom feeds, parsed without trusting the XML.

Feed bytes go through defusedxml first: a DTD with entity declarations (billion laughs) or an external entity
refused outright as BAD_FEED, before anything expands it. Only then does feedparser read the entries (it is lenient
with the malformed-but-harmless XML real feeds are full of). Linked pages are fetched by the caller, not here.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from etl.ingest.checks import reject
from schemas.models import Rejection, RejectReason

_DECLARATION = re.compile(rb"<!\s*(?:ENTITY|DOCTYPE[^>]*\[)", re.IGNORECASE)
_EXTERNAL_DTD = re.compile(rb"<!\s*DOCTYPE[^>]*\b(?:SYSTEM|PUBLIC)\b[^>]*>", re.IGNORECASE)
_KNOWN_DTD = re.compile(rb"Netscape Communications//DTD RSS 0\.9", re.IGNORECASE)
_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF|channel)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: where the article is and what the feed already says about it."""

    link: str | None
    title: str | None = None
    published: datetime | None = None
    summary: str | None = None


@dataclass(frozen=True)
class Feed:
    """A parsed feed: its title (the outlet name) and its entries in feed order."""

    title: str | None
    link: str | None
    entries: list[FeedEntry] = field(default_factory=list)


def looks_like_feed(data: bytes) -> bool:
    """An RSS, RDF or Atom root element near the start of the bytes."""
    return bool(_FEED_ROOT.search(data[:4096]))


def hostile_xml(data: bytes) -> str | None:
    """Why `data` must not be parsed as XML (entity or external declarations), or None if it is safe."""
    import defusedxml
    from defusedxml import ElementTree as SafeET

    probes = [data]
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            probes.append(data.decode(codec, "replace").encode("utf-8"))
    for probe in probes:
        if _DECLARATION.search(probe):
            return "the feed declares entities or an internal DTD; refused without expanding it"
        external = _EXTERNAL_DTD.search(probe)
        if external and not _KNOWN_DTD.search(external.group(0)):
            return "the feed references an external DTD; refused without loading it"
    try:
        SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden) as exc:
        return f"the feed uses forbidden XML constructs ({type(exc).__name__}); refused without expanding it"
    except Exception:  # malformed XML is feedparser's business; it was checked for declarations above
        return None
    return None


def parse_feed(data: bytes, origin: str) -> Feed | Rejection:
    """A Feed, or a BAD_FEED Rejection for hostile or unreadable XML; never raises."""
    import feedparser

    why = hostile_xml(data)
    if why:
        return reject(RejectReason.BAD_FEED, why, origin=origin, excerpt=data)
    try:
        parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    except Exception as exc:  # feedparser has no error contract
        return reject(RejectReason.BAD_FEED, f"feed could not be parsed: {type(exc).__name__}", origin=origin,
                      excerpt=data)
    entries = [_entry(e) for e in parsed.get("entries", [])]
    if not entries and (parsed.get("bozo") or not parsed.get("version")):
        reason = parsed.get("bozo_exception")
        return reject(RejectReason.BAD_FEED, f"not a readable RSS/Atom feed: {reason or 'no entries'}",
                      origin=origin, excerpt=data)
    info = parsed.get("feed", {})
    return Feed(title=_str(info.get("title")), link=_str(info.get("link")), entries=entries)


def _entry(e: dict) -> FeedEntry:  # type: ignore[type-arg]
    content = e.get("content") or []
    body = next((_str(c.get("value")) for c in content if isinstance(c, dict) and c.get("value")), None)
    stamp = e.get("published_parsed") or e.get("updated_parsed")
    published = None
    if stamp:
        try:
            published = datetime.fromtimestamp(calendar.timegm(stamp), tz=UTC)
        except (OverflowError, ValueError, TypeError, OSError):
            published = None
    return FeedEntry(link=_str(e.get("link")), title=_str(e.get("title")), published=published,
                     summary=body or _str(e.get("summary")))


def _str(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None
