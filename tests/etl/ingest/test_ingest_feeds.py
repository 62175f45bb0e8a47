from __future__ import annotations

import time
from pathlib import Path

from etl.ingest import read_inputs
from etl.ingest.feeds import Feed, hostile_xml, parse_feed
from etl.settings import Settings
from schemas.models import Rejection


def test_billion_laughs_is_refused_fast_without_expansion(data_dir: Path) -> None:
    start = time.perf_counter()
    result = parse_feed((data_dir / "billion_laughs.xml").read_bytes(), "f")
    assert isinstance(result, Rejection) and result.reason.value == "bad_feed"
    assert "lollol" not in result.message and len(result.excerpt or "") <= 2000
    assert time.perf_counter() - start < 1


def test_external_entities_and_dtds_are_refused(data_dir: Path) -> None:
    result = parse_feed((data_dir / "external_entity.xml").read_bytes(), "f")
    assert isinstance(result, Rejection) and result.reason.value == "bad_feed"
    assert "root:" not in result.model_dump_json()
    assert hostile_xml(b'<!DOCTYPE rss SYSTEM "http://203.0.113.1/evil.dtd"><rss/>')
    netscape = b'<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "x.dtd"><rss version="0.91"/>'
    assert hostile_xml(netscape) is None
    utf16 = '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE r [<!ENTITY a "b">]><rss/>'.encode("utf-16")
    assert hostile_xml(utf16)


def test_malformed_feed_is_bad_feed(data_dir: Path, settings: Settings) -> None:
    (item,) = read_inputs([str(data_dir / "malformed.xml")], settings)
    assert isinstance(item, Rejection) and item.reason.value == "bad_feed"
    assert isinstance(parse_feed(b"", "f"), Rejection)
    assert isinstance(parse_feed(b"<html><body>not a feed</body></html>", "f"), Rejection)


def test_feed_entries_keep_links_dates_and_content() -> None:
    data = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
      <entry><title>One</title><link href="https://example.com/1"/><updated>2024-03-04T07:30:00Z</updated>
      <content type="html">&lt;p&gt;Body&lt;/p&gt;</content></entry></feed>"""
    feed = parse_feed(data, "f")
    assert isinstance(feed, Feed) and feed.title == "Atom Wire"
    (entry,) = feed.entries
    assert entry.link == "https://example.com/1" and entry.published and entry.published.hour == 7
    assert entry.summary and "Body" in entry.summary
