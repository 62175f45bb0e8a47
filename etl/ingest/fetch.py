"""Polite, bounded HTTP fetching for feeds and the pages they link to.

Every request is capped in time and size, limited to http/https (file: only if settings allow), refused for
private, loopback and link-local addresses (checked on the resolved addresses before connecting, on the peer
address actually connected to, and again on every redirect hop), rate-limited per host, identified by our user
agent, and checked against robots.txt. Redirects are followed by hand so each hop is checked and loops are caught.

Conditional requests: ETag and Last-Modified are remembered under `settings.home/fetch-cache/`. A 304 means the
page was already read by an earlier run and is skipped (`unchanged`). So that a retried run of the same day does
not lose pages whose 304 it would now get, the body is kept beside the validators, tagged with the run key, and a
304 within the same run key re-serves it. Bodies older than `CACHE_DAYS` are pruned.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import logging
import os
import socket
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import httpx

from etl.ingest.checks import reject
from etl.settings import Settings
from schemas.models import Rejection, RejectReason

log = logging.getLogger(__name__)

CACHE_DAYS = 7
ROBOTS_MAX_BYTES = 512_000
_REDIRECTS = {301, 302, 303, 307, 308}

Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (IPv4 and IPv6)."""
    return sorted({info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)})


def is_public_address(address: str) -> bool:
    """True for globally routable unicast addresses; False for private, loopback, link-local, reserved, multicast."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class FetchResult:
    """A fetched resource: the body (None when unchanged), the final URL and the redirect hops that led there."""

    url: str
    final_url: str
    status: int
    body: bytes | None
    content_type: str | None = None
    redirects: tuple[str, ...] = ()
    unchanged: bool = False
    from_cache: bool = False

    @property
    def origin(self) -> str:
        """The request and, if it moved, where it ended: `a -> b -> c`."""
        return " -> ".join((self.url, *self.redirects))[:1000]


class _Refused(Exception):
    def __init__(self, reason: RejectReason, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass
class _CacheEntry:
    etag: str | None = None
    last_modified: str | None = None
    run_key: str | None = None
    fetched_at: str | None = None
    final_url: str | None = None
    content_type: str | None = None
    redirects: list[str] = field(default_factory=list)


class Fetcher:
    """One fetching session: an httpx client, per-host clocks, robots.txt and the conditional-request cache.

    Use as a context manager; the cache is written on close.
    """

    def __init__(self, settings: Settings, *, run_key: str | None = None, resolver: Resolver = resolve,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.run_key = run_key or datetime.now(UTC).date().isoformat()
        self._resolve = resolver
        self._client = httpx.Client(timeout=httpx.Timeout(settings.fetch_timeout), follow_redirects=False,
                                    headers={"User-Agent": settings.user_agent}, transport=transport)
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._cache_dir = Path(settings.home) / "fetch-cache"
        self._cache = self._load_cache()
        self._dirty = False

    # -- public -------------------------------------------------------------------------------------------------

    def fetch(self, url: str, *, max_bytes: int | None = None, conditional: bool = True) -> FetchResult | Rejection:
        """GET `url` within the limits; a FetchResult, or a Rejection saying why not (FETCH_REFUSED, FETCH_ERROR,
        TOO_LARGE)."""
        try:
            return self._fetch(url, max_bytes or self.settings.fetch_max_bytes, conditional)
        except _Refused as exc:
            return reject(exc.reason, exc.message, origin=url, excerpt=url)

    def close(self) -> None:
        """Close connections and write the cache."""
        self._client.close()
        if self._dirty:
            self._save_cache()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    # -- the request loop ---------------------------------------------------------------------------------------

    def _fetch(self, url: str, max_bytes: int, conditional: bool) -> FetchResult:
        scheme = urlsplit(url).scheme.lower()
        if scheme == "file":
            return self._read_file(url, max_bytes)
        entry = self._cache.get(url) if conditional else None
        headers: dict[str, str] = {}
        if entry and entry.run_key == self.run_key and not self._body_path(url).exists():
            entry = None  # same run but the body is gone: ask for it in full
        if entry:
            if entry.etag:
                headers["If-None-Match"] = entry.etag
            if entry.last_modified:
                headers["If-Modified-Since"] = entry.last_modified
        hops: list[str] = []
        current = url
        seen = {url}
        for _ in range(self.settings.fetch_max_redirects + 1):
            self._check_url(current)
            if self.settings.respect_robots and not self._robots_allow(current):
                raise _Refused(RejectReason.FETCH_REFUSED, f"robots.txt disallows {current}")
            status, location, body, ctype, resp_headers = self._request(current, headers, max_bytes)
            if status in _REDIRECTS and location:
                nxt = urljoin(current, location)
                if nxt in seen:
                    raise _Refused(RejectReason.FETCH_ERROR, f"redirect loop at {nxt} after {len(hops)} hops")
                seen.add(nxt)
                hops.append(nxt)
                current = nxt
                continue
            if status == 304 and entry:
                return self._not_modified(url, entry)
            if status >= 400 or status in _REDIRECTS:
                raise _Refused(RejectReason.FETCH_ERROR, f"HTTP {status} from {current}")
            result = FetchResult(url=url, final_url=current, status=status, body=body, content_type=ctype,
                                 redirects=tuple(hops))
            self._remember(url, result, resp_headers)
            return result
        raise _Refused(RejectReason.FETCH_ERROR,
                       f"more than {self.settings.fetch_max_redirects} redirects starting at {url}")

    def _request(self, url: str, headers: dict[str, str],
                 max_bytes: int) -> tuple[int, str | None, bytes, str | None, httpx.Headers]:
        """One GET without following redirects; the body is streamed and cut at `max_bytes`."""
        self._wait_turn(urlsplit(url).netloc.lower())
        deadline = time.monotonic() + 2 * self.settings.fetch_timeout
        try:
            with self._client.stream("GET", url, headers=headers) as resp:
                self._check_peer(resp, url)
                if resp.status_code in _REDIRECTS or resp.status_code == 304 or resp.status_code >= 400:
                    return resp.status_code, resp.headers.get("location"), b"", None, resp.headers
                declared = resp.headers.get("content-length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise _Refused(RejectReason.TOO_LARGE, f"{url} declares {declared} bytes, over {max_bytes}")
                chunks: list[bytes] = []
                total = 0
                for chunk in resp.iter_bytes():
                    total += len(chunk)
                    if total > max_bytes:
                        raise _Refused(RejectReason.TOO_LARGE, f"{url} sent more than {max_bytes} bytes; stopped")
                    if time.monotonic() > deadline:
                        raise _Refused(RejectReason.FETCH_ERROR, f"{url} timed out while sending the body")
                    chunks.append(chunk)
                return resp.status_code, None, b"".join(chunks), resp.headers.get("content-type"), resp.headers
        except httpx.TimeoutException as exc:
            raise _Refused(RejectReason.FETCH_ERROR, f"timed out fetching {url}: {type(exc).__name__}") from exc
        except httpx.HTTPError as exc:
            raise _Refused(RejectReason.FETCH_ERROR, f"could not fetch {url}: {type(exc).__name__}: {exc}") from exc

    # -- guards ---------------------------------------------------------------------------------------------------

    def _check_url(self, url: str) -> None:
        try:
            parts = urlsplit(url)
            port = parts.port
        except ValueError as exc:
            raise _Refused(RejectReason.FETCH_REFUSED, f"malformed URL {url!r}") from exc
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise _Refused(RejectReason.FETCH_REFUSED, f"scheme {scheme or '(none)'!r} is not allowed: {url}")
        host = parts.hostname
        if not host:
            raise _Refused(RejectReason.FETCH_REFUSED, f"no host in {url}")
        if self.settings.allow_private_addresses:
            return
        try:
            addresses = self._resolve(host, port or (443 if scheme == "https" else 80))
        except (OSError, UnicodeError) as exc:
            raise _Refused(RejectReason.FETCH_ERROR, f"cannot resolve {host}: {exc}") from exc
        private = [a for a in addresses if not is_public_address(a)]
        if private or not addresses:
            raise _Refused(RejectReason.FETCH_REFUSED,
                           f"{host} resolves to a private or local address ({', '.join(private) or 'none'})")

    def _check_peer(self, resp: httpx.Response, url: str) -> None:
        """The address actually connected to must be public too (DNS may answer differently the second time)."""
        if self.settings.allow_private_addresses:
            return
        stream = resp.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if peer and not is_public_address(str(peer[0])):
            raise _Refused(RejectReason.FETCH_REFUSED, f"{url} connected to private address {peer[0]}")

    def _wait_turn(self, host: str) -> None:
        interval = 1.0 / self.settings.fetch_rate_per_host
        last = self._last_request.get(host)
        now = time.monotonic()
        if last is not None and now - last < interval:
            time.sleep(interval - (now - last))
        self._last_request[host] = time.monotonic()

    def _robots_allow(self, url: str) -> bool:
        """robots.txt of the URL's site, read once per site: 4xx means no rules, 5xx or no answer means keep out
        (RFC 9309)."""
        parts = urlsplit(url)
        site = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        if site not in self._robots:
            self._robots[site] = self._read_robots(site)
        parser = self._robots[site]
        if parser is None:
            return False
        return parser.can_fetch(self.settings.user_agent, url)

    def _read_robots(self, site: str) -> urllib.robotparser.RobotFileParser | None:
        parser = urllib.robotparser.RobotFileParser(site + "/robots.txt")
        try:
            status, _loc, body, _ct, _h = self._request(site + "/robots.txt", {}, ROBOTS_MAX_BYTES)
        except _Refused as exc:
            if exc.reason is RejectReason.FETCH_REFUSED:
                raise  # a guard refused the site itself: say so, not "robots.txt disallows"
            return None
        if status >= 500:
            return None
        lines = body.decode("utf-8", "replace").splitlines() if 200 <= status < 300 else []
        parser.parse(lines)  # 3xx and 4xx: no rules, everything allowed
        return parser

    def _read_file(self, url: str, max_bytes: int) -> FetchResult:
        if not self.settings.allow_file_urls:
            raise _Refused(RejectReason.FETCH_REFUSED, f"file: URLs are not allowed: {url}")
        path = Path(url2pathname(urlsplit(url).path))
        try:
            with path.open("rb") as f:
                body = f.read(max_bytes + 1)
        except OSError as exc:
            raise _Refused(RejectReason.FETCH_ERROR, f"cannot read {path}: {exc.strerror}") from exc
        if len(body) > max_bytes:
            raise _Refused(RejectReason.TOO_LARGE, f"{path} is over {max_bytes} bytes")
        return FetchResult(url=url, final_url=url, status=200, body=body)

    # -- conditional-request cache --------------------------------------------------------------------------------

    def _not_modified(self, url: str, entry: _CacheEntry) -> FetchResult:
        body_path = self._body_path(url)
        if entry.run_key == self.run_key and body_path.exists():
            return FetchResult(url=url, final_url=entry.final_url or url, status=200, body=body_path.read_bytes(),
                               content_type=entry.content_type, redirects=tuple(entry.redirects), from_cache=True)
        return FetchResult(url=url, final_url=entry.final_url or url, status=304, body=None, unchanged=True,
                           redirects=tuple(entry.redirects))

    def _remember(self, url: str, result: FetchResult, headers: httpx.Headers) -> None:
        etag, modified = headers.get("etag"), headers.get("last-modified")
        if not (etag or modified) or result.body is None:
            return
        self._cache[url] = _CacheEntry(etag=etag, last_modified=modified, run_key=self.run_key,
                                       fetched_at=datetime.now(UTC).isoformat(), final_url=result.final_url,
                                       content_type=result.content_type, redirects=list(result.redirects))
        path = self._body_path(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + f".tmp-{os.getpid()}")
        tmp.write_bytes(result.body)
        os.replace(tmp, path)
        self._dirty = True

    def _body_path(self, url: str) -> Path:
        return self._cache_dir / "bodies" / hashlib.sha1(url.encode("utf-8", "replace")).hexdigest()

    def _load_cache(self) -> dict[str, _CacheEntry]:
        try:
            raw: dict[str, Any] = json.loads((self._cache_dir / "index.json").read_text(encoding="utf-8"))
            return {k: _CacheEntry(**v) for k, v in raw.items() if isinstance(v, dict)}
        except (OSError, ValueError, TypeError):
            return {}

    def _save_cache(self) -> None:
        cutoff = (datetime.now(UTC) - timedelta(days=CACHE_DAYS)).isoformat()
        for url, entry in self._cache.items():
            if (entry.fetched_at or "") < cutoff:
                self._body_path(url).unlink(missing_ok=True)
        self._cache_dir.mkdir(parents=True, exist_ok=True)
        index = self._cache_dir / "index.json"
        tmp = index.with_name(f"index.json.tmp-{os.getpid()}")
        tmp.write_text(json.dumps({k: vars(v) for k, v in self._cache.items()}, sort_keys=True), encoding="utf-8")
        os.replace(tmp, index)
