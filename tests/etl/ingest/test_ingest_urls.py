from __future__ import annotations

import pytest

from etl.ingest.urls import article_id_for, canonical_url, redact_url


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTPS://WWW.Example.COM:443/News/Story/?utm_source=x&utm_medium=y#comments", "https://example.com/News/Story"),
    ("http://example.com:80/a?b=2&a=1&fbclid=zzz&gclid=1&mc_cid=9", "http://example.com/a?a=1&b=2"),
    ("https://amp.example.com/world/story/amp/", "https://example.com/world/story"),
    ("https://example.com/world/story?amp=1", "https://example.com/world/story"),
    ("https://m.example.com/world/story", "https://example.com/world/story"),
    ("https://mobile.example.co.uk/world/story.amp", "https://example.co.uk/world/story"),
    ("https://example.com", "https://example.com/"),
    ("https://example.com:8443/x/", "https://example.com:8443/x"),
    ("https://user:secret@example.com/x", "https://example.com/x"),
])
def test_canonical_url_folds_variants(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_canonical_url_keeps_meaningful_query_and_never_raises() -> None:
    assert canonical_url("https://example.com/article?id=42") == "https://example.com/article?id=42"
    for junk in ("", "not a url", "mailto:a@b.c", "http://[::1", "https://"):
        assert isinstance(canonical_url(junk), str)


def test_redact_url_drops_credentials() -> None:
    assert redact_url("https://bob:pw@example.com:8080/a?b=1") == "https://example.com:8080/a?b=1"
    assert redact_url("https://example.com/a") == "https://example.com/a"


def test_article_id_prefers_given_then_url_then_text() -> None:
    assert article_id_for("https://example.com/a", "text", given_id="abc") == "abc"
    assert article_id_for("https://example.com/a", "text", given_id=17) == "17"
    by_url = article_id_for("https://www.example.com/a/?utm_source=x", "one text")
    assert by_url == article_id_for("https://example.com/a", "another text")
    assert len(by_url) == 40
    assert article_id_for(None, "Some  TEXT\n") == article_id_for(None, "some text")
    assert article_id_for(None, "some text") != article_id_for(None, "other text")
    assert article_id_for(None, "x", given_id="  ") == article_id_for(None, "x")
