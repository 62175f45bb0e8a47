"""Canonical URLs and stable article ids.

Two links to the same story rarely match byte for byte: trackers, AMP and mobile mirrors, default ports and trailing
slashes all vary. `canonical_url` folds those variants together so that dedup can compare URLs, and so that an
article without an id gets the same id every time it is read.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "mc_", "ns_", "pk_", "hsa_", "_hs")
_TRACKING_KEYS = frozenset({
    "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "igshid", "twclid", "ttclid", "li_fat_id",
    "_ga", "_gl", "ocid", "cmpid", "smid", "smtyp", "ref_src", "ref_url", "sr_share", "spm", "s_cid",
    "at_medium", "at_campaign", "wt.mc_id", "guccounter", "guce_referrer", "guce_referrer_sig", "outputtype",
    "amp", "__twitter_impression", "mbid", "cid_source",
})
_HOST_PREFIXES = ("www.", "amp.", "m.", "mobile.")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_AMP_SEGMENT = re.compile(r"/amp(?=/|$)|\.amp(?=$)|/amp\.html$", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def canonical_url(url: str) -> str:
    """The form of `url` that dedup compares: same story, same string. Never raises; unparseable input is returned
    stripped."""
    raw = (url or "").strip()
    try:
        parts = urlsplit(raw)
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https") or not parts.hostname:
            return raw
        host = parts.hostname.lower().rstrip(".")
        changed = True
        while changed:  # "amp.m.example.com" and "www.m.example.com" both fold to "example.com"
            changed = False
            for prefix in _HOST_PREFIXES:
                if host.startswith(prefix) and host.count(".") >= 2:
                    host = host[len(prefix):]
                    changed = True
        port = parts.port
    except ValueError:
        return raw
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = _AMP_SEGMENT.sub("", parts.path) or "/"
    path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1:
        path = path.rstrip("/")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def _is_tracking(key: str) -> bool:
    k = key.lower()
    return k in _TRACKING_KEYS or k.startswith(_TRACKING_PREFIXES)


def redact_url(url: str) -> str:
    """`url` without user:password@, so credentials never reach the database, logs or snapshots."""
    try:
        parts = urlsplit(url)
        if parts.username is None and parts.password is None:
            return url
        host = parts.hostname or ""
        netloc = host if parts.port is None else f"{host}:{parts.port}"
        return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    except ValueError:
        return url


def normalise_text(text: str) -> str:
    """Text folded for hashing: Unicode NFKC, case-folded, whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def article_id_for(url: str | None, text: str, given_id: object = None) -> str:
    """A stable article id: the id it arrived with, else sha1 of the canonical URL, else of the normalised text."""
    if isinstance(given_id, str | int) and not isinstance(given_id, bool) and str(given_id).strip():
        return str(given_id).strip()
    if url and url.strip():
        return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()
    return hashlib.sha1(normalise_text(text).encode("utf-8", "surrogatepass")).hexdigest()
