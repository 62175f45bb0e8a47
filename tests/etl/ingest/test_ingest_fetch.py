"""Fetching against a real HTTP server on 127.0.0.1 (in a thread): feeds, pages and every misbehaviour."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from etl.ingest import read_inputs
from etl.ingest.fetch import Fetcher, FetchResult, is_public_address
from etl.settings import Settings
from schemas.models import Article, Rejection


class Site:
    """What the test server serves, and what it saw."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.base = ""
        self.requests: list[tuple[str, dict[str, str]]] = []


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                 headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            site.requests.append((self.path, dict(self.headers)))
            p = self.path.split("?", 1)[0]
            if p == "/robots.txt":
                self.send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
            elif p == "/feed.xml":
                body = (site.data_dir / "feed.xml").read_text().replace("{base}", site.base).encode()
                self.send(200, body, "application/rss+xml")
            elif p == "/summary-feed.xml":
                body = (site.data_dir / "feed_summary.xml").read_text().replace("{base}", site.base).encode()
                self.send(200, body, "application/rss+xml")
            elif p in ("/articles/goma.html", "/private/secret.html"):
                self.send(200, (site.data_dir / "article.html").read_bytes())
            elif p == "/etag.html":
                if self.headers.get("If-None-Match") == '"v1"':
                    self.send(304, headers={"ETag": '"v1"'})
                else:
                    self.send(200, (site.data_dir / "article.html").read_bytes(), headers={"ETag": '"v1"'})
            elif p == "/slow":
                time.sleep(2)
                self.send(200, b"late")
            elif p.startswith("/loop"):
                self.send(302, headers={"Location": "/loop2" if p == "/loop" else "/loop"})
            elif p == "/moved":
                self.send(301, headers={"Location": f"{site.base}/articles/goma.html?utm_source=rss"})
            elif p == "/to-file":
                self.send(302, headers={"Location": "file:///etc/passwd"})
            elif p == "/huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()  # no Content-Length: the cap must bite while streaming
                for _ in range(64):
                    self.wfile.write(b"<p>" + b"x" * 16_000 + b"</p>")
            elif p == "/error":
                self.send(500, b"boom")
            else:
                self.send(404, b"not here")

    return Handler


class QuietServer(ThreadingHTTPServer):
    """Does not wait for slow handlers at shutdown, nor print the clients' hang-ups (the size cap causes them)."""

    daemon_threads = True
    block_on_close = False

    def handle_error(self, request: object, client_address: object) -> None:
        pass


@pytest.fixture
def site(data_dir: Path) -> Iterator[Site]:
    s = Site(data_dir)
    server = QuietServer(("127.0.0.1", 0), make_handler(s))
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield s
    server.shutdown()
    server.server_close()


@pytest.fixture
def local(tmp_path: Path) -> Settings:
    """Loopback allowed (the test server is local), short timeouts, no rate-limit wait, small size cap."""
    return Settings(home=tmp_path / "home", allow_private_addresses=True, fetch_timeout=0.5,
                    fetch_rate_per_host=1000, fetch_max_bytes=200_000)


def test_feed_pages_are_fetched_and_failures_become_rejections(site: Site, local: Settings, now: datetime) -> None:
    items = list(read_inputs([site.base + "/feed.xml"], local, now=now))
    assert len(items) == 3
    art, missing, robots = items
    assert isinstance(art, Article) and "clashed with rebel fighters" in art.text
    assert art.title == "Troops and rebels clash near Goma" and art.source == "Lakeside Herald"
    assert art.url == site.base + "/articles/goma.html" and art.published_at and art.published_at.hour == 7
    assert isinstance(missing, Rejection) and missing.reason.value == "fetch_error" and "404" in missing.message
    assert isinstance(robots, Rejection) and robots.reason.value == "fetch_refused" and "robots" in robots.message
    assert not any(path.startswith("/private/") for path, _ in site.requests)
    assert all(h.get("User-Agent") == local.user_agent for _, h in site.requests)
    assert sum(path == "/robots.txt" for path, _ in site.requests) == 1  # cached per host


def test_an_unfetchable_link_keeps_the_feeds_summary(site: Site, local: Settings, now: datetime) -> None:
    """The page is gone (404) but the feed told the story in <description>: that text is the article, marked as a
    summary; a summary too short to code leaves the fetch failure as the reason."""
    art, short = read_inputs([site.base + "/summary-feed.xml"], local, now=now)
    assert isinstance(art, Article) and art.summary_only
    assert art.text.startswith("Gunmen killed eleven people in an attack on a market in Goma") and "<" not in art.text
    assert art.url == site.base + "/gone/market.html" and art.title == "Gunmen kill eleven at Goma market"
    assert art.source == "Lakeside Herald" and art.published_at == datetime(2024, 3, 5, 9, 15, tzinfo=UTC)
    assert isinstance(short, Rejection) and short.reason.value == "fetch_error" and "404" in short.message
    page = next(iter(read_inputs([site.base + "/feed.xml"], local, now=now)))
    assert isinstance(page, Article) and not page.summary_only  # a fetched page is the full text


@pytest.mark.parametrize(("path", "reason", "words"), [
    ("/slow", "fetch_error", "timed out"),
    ("/loop", "fetch_error", "redirect loop"),
    ("/error", "fetch_error", "500"),
    ("/nowhere", "fetch_error", "404"),
    ("/huge", "too_large", "200000"),
    ("/to-file", "fetch_refused", "file"),
])
def test_misbehaving_urls_are_rejected(site: Site, local: Settings, path: str, reason: str, words: str) -> None:
    with Fetcher(local) as fetcher:
        started = time.monotonic()
        got = fetcher.fetch(site.base + path)
        assert time.monotonic() - started < 1.9  # never waits for the slow endpoint to finish
    assert isinstance(got, Rejection) and got.reason.value == reason and words in got.message


def test_redirects_are_followed_and_recorded(site: Site, local: Settings, now: datetime) -> None:
    (art,) = read_inputs([site.base + "/moved"], local, now=now)
    assert isinstance(art, Article)
    assert art.url == site.base + "/articles/goma.html?utm_source=rss"
    assert art.canonical_url == site.base + "/articles/goma.html"
    assert art.origin == f"{site.base}/moved -> {site.base}/articles/goma.html?utm_source=rss"


def test_too_many_redirects(site: Site, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, allow_private_addresses=True, fetch_rate_per_host=1000, fetch_max_redirects=0)
    with Fetcher(settings) as fetcher:
        got = fetcher.fetch(site.base + "/moved")
    assert isinstance(got, Rejection) and "more than 0 redirects" in got.message


def test_etag_304_skips_unchanged_pages_across_runs_but_not_on_retry(site: Site, local: Settings,
                                                                     now: datetime) -> None:
    url = site.base + "/etag.html"
    first = list(read_inputs([url], local, now=now, run_key="2024-03-09"))
    assert len(first) == 1 and isinstance(first[0], Article)
    retry = list(read_inputs([url], local, now=now, run_key="2024-03-09"))
    assert [a.id for a in retry] == [first[0].id]  # a retried run of the same day still gets the page
    assert site.requests[-1][1].get("If-None-Match") == '"v1"'
    next_day = list(read_inputs([url], local, now=now, run_key="2024-03-10"))
    assert next_day == []  # unchanged since an earlier run: not coded again
    assert (local.home / "fetch-cache" / "index.json").exists()


def test_private_addresses_and_file_urls_refused_by_default(site: Site, tmp_path: Path, now: datetime) -> None:
    strict = Settings(home=tmp_path, fetch_rate_per_host=1000)
    (item,) = read_inputs([site.base + "/articles/goma.html"], strict, now=now)
    assert isinstance(item, Rejection) and item.reason.value == "fetch_refused" and "private" in item.message
    assert site.requests == []  # refused before connecting
    with Fetcher(strict) as fetcher:
        got = fetcher.fetch("file:///etc/passwd")
        assert isinstance(got, Rejection) and got.reason.value == "fetch_refused"
        # a public-looking name that resolves to a private address is refused too
        rebinding = Fetcher(strict, resolver=lambda host, port: ["93.184.216.34", "10.0.0.5"])
        got = rebinding.fetch("http://news.example/a")
        rebinding.close()
        assert isinstance(got, Rejection) and "10.0.0.5" in got.message


def test_file_urls_allowed_when_settings_say_so(data_dir: Path, tmp_path: Path) -> None:
    with Fetcher(Settings(home=tmp_path, allow_file_urls=True)) as fetcher:
        got = fetcher.fetch((data_dir / "article.html").as_uri())
    assert isinstance(got, FetchResult) and got.body and b"Goma" in got.body


@pytest.mark.parametrize(("address", "public"), [
    ("93.184.216.34", True), ("127.0.0.1", False), ("10.1.2.3", False), ("192.168.0.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("::1", False), ("fe80::1", False),
    ("::ffff:127.0.0.1", False), ("2606:4700::1111", True), ("224.0.0.1", False), ("0.0.0.0", False),
    ("not-an-ip", False),
])
def test_public_address_check(address: str, public: bool) -> None:
    assert is_public_address(address) is public


def test_rate_limit_spaces_requests_to_one_host(site: Site, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, allow_private_addresses=True, fetch_rate_per_host=5, respect_robots=False)
    with Fetcher(settings) as fetcher:
        started = time.monotonic()
        for _ in range(3):
            fetcher.fetch(site.base + "/nowhere")
        assert time.monotonic() - started >= 0.39


def serve(handler_body: dict[str, tuple[int, bytes, dict[str, str]]]) -> tuple[QuietServer, str, list[str]]:
    """A throwaway server answering fixed (status, body, headers) per path; returns it, its base URL, the log."""
    seen: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            seen.append(self.path)
            status, body, headers = handler_body.get(self.path, (404, b"", {}))
            if self.path == "/lm.html" and self.headers.get("If-Modified-Since"):
                status, body = 304, b""
            self.send_response(status)
            for k, v in {"Content-Length": str(len(body)), **headers}.items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(body)

    server = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}", seen


def test_robots_unreachable_means_keep_out_missing_means_allowed(local: Settings, data_dir: Path) -> None:
    page = (data_dir / "article.html").read_bytes()
    down, down_base, down_seen = serve({"/robots.txt": (503, b"", {}), "/a.html": (200, page, {})})
    none, none_base, _ = serve({"/a.html": (200, page, {})})
    try:
        with Fetcher(local) as fetcher:
            refused = fetcher.fetch(down_base + "/a.html")
            allowed = fetcher.fetch(none_base + "/a.html")
    finally:
        down.shutdown()
        none.shutdown()
    assert isinstance(refused, Rejection) and refused.reason.value == "fetch_refused"
    assert "/a.html" not in down_seen
    assert isinstance(allowed, FetchResult) and allowed.body == page


def test_last_modified_is_sent_back(local: Settings, data_dir: Path) -> None:
    page = (data_dir / "article.html").read_bytes()
    server, base, _ = serve({"/lm.html": (200, page, {"Last-Modified": "Mon, 04 Mar 2024 07:30:00 GMT"})})
    try:
        with Fetcher(local, run_key="d1") as fetcher:
            assert isinstance(fetcher.fetch(base + "/lm.html"), FetchResult)
        with Fetcher(local, run_key="d2") as fetcher:
            again = fetcher.fetch(base + "/lm.html")
    finally:
        server.shutdown()
    assert isinstance(again, FetchResult) and again.unchanged and again.body is None


def test_unresolvable_host_is_a_fetch_error(tmp_path: Path) -> None:
    with Fetcher(Settings(home=tmp_path), resolver=lambda host, port: (_ for _ in ()).throw(OSError("no such host"))) \
            as fetcher:
        got = fetcher.fetch("https://no-such-host.invalid/a")
    assert isinstance(got, Rejection) and got.reason.value == "fetch_error" and "resolve" in got.message


def test_local_feed_file_links_to_private_addresses_are_refused(data_dir: Path, tmp_path: Path,
                                                                now: datetime) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text((data_dir / "feed.xml").read_text().replace("{base}", "http://127.0.0.1:9"))
    items = list(read_inputs([str(feed)], Settings(home=tmp_path / "h"), now=now))
    assert [i.reason.value for i in items if isinstance(i, Rejection)] == ["fetch_refused"] * 3


def test_feed_entry_without_link_uses_its_content(tmp_path: Path, now: datetime) -> None:
    body = ("Police arrested dozens of protesters outside parliament on Tuesday after clashes over the new tax law, "
            "witnesses said.")
    feed = tmp_path / "feed.rss"
    feed.write_text(f'<rss version="2.0"><channel><title>Wire</title><item><title>Arrests</title>'
                    f"<description>&lt;p&gt;{body}&lt;/p&gt;</description></item></channel></rss>")
    (art,) = read_inputs([str(feed)], Settings(home=tmp_path / "h"), now=now)
    assert isinstance(art, Article) and art.text == body and art.source == "Wire" and art.title == "Arrests"


def test_connection_to_a_private_peer_is_refused_even_if_dns_said_public(site: Site, tmp_path: Path) -> None:
    # DNS rebinding: the name checked as public, but the socket ends up on loopback
    settings = Settings(home=tmp_path, fetch_rate_per_host=1000)
    with Fetcher(settings, resolver=lambda host, port: ["93.184.216.34"]) as fetcher:
        got = fetcher.fetch(site.base + "/articles/goma.html")
    assert isinstance(got, Rejection) and got.reason.value == "fetch_refused"
    assert "connected to private address 127.0.0.1" in got.message
