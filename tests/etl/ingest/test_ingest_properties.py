"""Property-based: the parsers never raise on arbitrary input and always return valid schema objects."""

from __future__ import annotations

import io
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from etl.ingest.checks import ArticleGate
from etl.ingest.feeds import Feed, parse_feed
from etl.ingest.html import parse_html
from etl.ingest.jsonl import iter_lines, parse_lines
from etl.ingest.urls import article_id_for, canonical_url
from etl.settings import Settings
from schemas.models import Article, Rejection

GATE = ArticleGate(Settings(home="/nonexistent-home-not-used", max_article_chars=5000))
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
                           lambda children: st.lists(children, max_size=4)
                           | st.dictionaries(st.text(max_size=8), children, max_size=4), max_leaves=10)
objects = st.fixed_dictionaries({}, optional={"id": json_values, "text": st.text(max_size=300) | json_values,
                                              "published_at": json_values, "url": json_values,
                                              "source": json_values, "title": json_values})


def valid(item: object) -> bool:
    if isinstance(item, Article):
        Article.model_validate(item.model_dump())
        return "\x00" not in item.text and item.language == "en"
    if isinstance(item, Rejection):
        Rejection.model_validate(item.model_dump())
        return "\x00" not in (item.excerpt or "") + item.message + (item.origin or "")
    return False


@FAST
@given(st.binary(max_size=2000))
def test_jsonl_never_raises_on_bytes(data: bytes) -> None:
    items = list(parse_lines(iter_lines(io.BytesIO(data), 1000), "f", GATE, 1000))
    assert all(valid(i) for i in items)
    assert len(items) <= data.count(b"\n") + 1


@FAST
@given(st.lists(objects, max_size=5))
def test_jsonl_never_raises_on_objects(rows: list[dict]) -> None:  # type: ignore[type-arg]
    data = "\n".join(json.dumps(r) for r in rows).encode()
    items = list(parse_lines(iter_lines(io.BytesIO(data), 100_000), "f", GATE, 100_000))
    assert len(items) == len(rows) and all(valid(i) for i in items)


@FAST
@given(st.binary(max_size=2000)
       | st.text(max_size=2000).map(lambda t: f"<html><body><p>{t}</p></body></html>".encode()))
def test_html_never_raises(data: bytes) -> None:
    assert valid(parse_html(data, "p", GATE, max_bytes=10_000))


@FAST
@given(st.binary(max_size=2000) | st.text(max_size=500).map(
    lambda t: f'<?xml version="1.0"?><rss version="2.0"><channel><title>{t}</title><item><link>{t}</link>'
              f"<description>{t}</description></item></channel></rss>".encode("utf-8", "replace")))
def test_feed_never_raises(data: bytes) -> None:
    result = parse_feed(data, "f")
    assert isinstance(result, Feed) or valid(result)


@FAST
@given(st.text(max_size=200), st.text(max_size=200))
def test_urls_and_ids_never_raise(url: str, text: str) -> None:
    assert isinstance(canonical_url(url), str)
    assert canonical_url(canonical_url(url)) == canonical_url(url) or not url.lower().startswith("http")
    assert article_id_for(url or None, text)


@FAST
@given(st.text(max_size=600), st.text(max_size=40) | st.none() | st.integers())
def test_gate_always_returns_a_valid_object(text: str, published: object) -> None:
    assert valid(GATE.build(text=text, origin="t", published=published, title=text[:30], url=text[:30]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from([".jsonl", ".html", ".xml", ".jsonl.gz", ""]), st.binary(max_size=500)),
                max_size=4))
def test_read_inputs_never_raises_on_a_folder_of_junk(tmp_path_factory, files: list[tuple[str, bytes]]) -> None:
    from etl.ingest import read_inputs

    folder = tmp_path_factory.mktemp("junk")
    for n, (suffix, data) in enumerate(files):
        (folder / f"f{n}{suffix}").write_bytes(data)
    local = Settings(home=folder / "home", max_article_chars=5000)
    items = list(read_inputs([str(folder)], local))
    assert all(valid(i) for i in items)
