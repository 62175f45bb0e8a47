from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from etl.ingest import read_inputs
from etl.ingest.checks import ArticleGate
from etl.ingest.html import parse_html
from etl.settings import Settings
from schemas.models import Article, Rejection


def test_html_file_main_text_without_scripts_or_iframes(data_dir: Path, settings: Settings,
                                                        now: datetime) -> None:
    (art,) = read_inputs([str(data_dir / "article.html")], settings, now=now)
    assert isinstance(art, Article)
    assert "clashed with rebel fighters" in art.text and "patrols had resumed" in art.text
    for leaked in ("alert(", "document.cookie", "IFRAME-PAYLOAD", "color: red", "We use cookies"):
        assert leaked not in art.text
    assert art.title and "Goma" in art.title
    assert art.source == "Lakeside Herald"
    assert art.published_at is not None and art.published_at.isoformat() == "2024-03-04T07:30:00+00:00"
    assert art.origin == str(data_dir / "article.html")


def test_published_time_keeps_its_time_of_day_and_offset(settings: Settings) -> None:
    gate = ArticleGate(settings, now=datetime(2026, 12, 4, 12, tzinfo=UTC))
    body = (b"<body><article><p>Gunmen killed eleven people in an attack on a market in the capital on Tuesday "
            b"morning, police said on Wednesday.</p><p>Witnesses said the attackers came on motorcycles and fled "
            b"after the shooting, and that the market was closed for the rest of the day.</p></article></body>")
    heads = {
        b'<meta property="article:published_time" content="2026-12-03T11:20:00+05:00">': "2026-12-03T06:20:00+00:00",
        b'<meta itemprop="datePublished" content="2026-12-03T23:50:00-02:00">': "2026-12-04T01:50:00+00:00",
        b'<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
        b'"datePublished": "2026-12-03T11:20:00+05:00"}]}</script>': "2026-12-03T06:20:00+00:00",
        b'<meta property="article:published_time" content="2026-12-03">': "2026-12-03T00:00:00+00:00",
    }
    for head, expected in heads.items():
        art = parse_html(b"<html><head>" + head + b"</head>" + body + b"</html>", "p", gate)
        assert isinstance(art, Article) and art.published_at is not None, head
        assert art.published_at.isoformat() == expected, head


def test_html_without_main_text_or_binary_is_refused(gate: ArticleGate) -> None:
    empty = parse_html(b"<html><body><nav>Home</nav></body></html>", "p", gate)
    assert isinstance(empty, Rejection) and empty.reason.value in ("empty", "boilerplate")
    binary = parse_html(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "p", gate)
    assert isinstance(binary, Rejection) and binary.reason.value == "binary"
    big = parse_html(b"<p>" + b"a" * 2000 + b"</p>", "p", gate, max_bytes=1000)
    assert isinstance(big, Rejection) and big.reason.value == "too_large"


def test_a_page_without_main_text_falls_back_to_the_summary_and_says_so(gate: ArticleGate, english: str) -> None:
    art = parse_html(b"<html><body><nav>Home</nav></body></html>", "p", gate, fallback_text=english)
    assert isinstance(art, Article) and art.summary_only and art.text == english
    page = parse_html(f"<html><body><article><p>{english}</p><p>{english}</p></article></body></html>".encode(),
                      "p", gate, fallback_text="A summary.")
    assert isinstance(page, Article) and not page.summary_only


def test_cookie_wall_page_is_boilerplate(gate: ArticleGate) -> None:
    page = (b"<html><body><article><p>We use cookies to improve your experience.</p>"
            b"<p>Subscribe now to continue reading.</p><p>Sign in to continue.</p></article></body></html>")
    item = parse_html(page, "p", gate, fallback_text="We use cookies. Subscribe now to continue reading.")
    assert isinstance(item, Rejection) and item.reason.value in ("boilerplate", "empty")


def test_furniture_lines_inside_the_article_body_are_dropped(gate: ArticleGate, english: str) -> None:
    page = (f"<html><body><article><p>{english}</p><p>Subscribe now to continue reading.</p>"
            f"<p>Sign up for our daily newsletter.</p><p>{english.replace('Sunday', 'Monday')}</p>"
            "</article></body></html>").encode()
    art = parse_html(page, "p", gate)
    assert isinstance(art, Article)
    assert "Subscribe" not in art.text and "newsletter" not in art.text
    assert "Sunday" in art.text and "Monday" in art.text
