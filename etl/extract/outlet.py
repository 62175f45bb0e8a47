"""The country an article was published in, from its outlet's name or its URL: a prior for places and actors.

"URN (Uganda)" and "The Star (Kenya)" name it; a country-code top-level domain (.co.ke, .com.pk, .ua) implies it.
Generic domains (.com, .org, .net, …) and the ones sold as brand names (.io, .tv, .me, .co …) imply nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

from schemas.models import Article

# ccTLDs commonly used as generic names, which say nothing about where an outlet is
_BRAND_TLDS = {"io", "tv", "me", "co", "ai", "fm", "am", "ly", "cc", "ws", "to", "gg", "is", "it", "la", "so", "nu",
               "tk", "ms", "vc", "sh", "st", "ac"}
_PAREN = re.compile(r"\(([^()]+)\)")


@lru_cache(maxsize=1)
def _tlds() -> dict[str, str]:
    import pycountry

    out = {c.alpha_2.lower(): c.alpha_3 for c in pycountry.countries}
    out["uk"] = "GBR"
    for tld in _BRAND_TLDS:
        out.pop(tld, None)
    return out


def country_of_source(source: str | None) -> str | None:
    """A country named in the outlet's name, preferring one in parentheses."""
    if not source:
        return None
    from etl.extract.actors import country_lexicon

    lex = country_lexicon()
    for chunk in [*_PAREN.findall(source), source]:
        for part in re.split(r"[;,/]", chunk):
            key = part.strip().lower()
            if key in lex:
                return lex[key]
    return None


def country_of_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    return _tlds().get(tld)


def publication_country(article: Article) -> str | None:
    return country_of_source(article.source) or country_of_url(article.url)
