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


@lru_cache(maxsize=1)
def known_outlets() -> dict[str, str]:
    """norm(outlet name) -> alpha-3, from data/outlet_countries.tsv (outlets whose name does not say their country)."""
    from etl.extract.geo.gazetteer import norm
    from etl.extract.lexicon import rows

    return {norm(r["outlet"]): r["country"] for r in rows("outlet_countries.tsv")}


def country_of_source(source: str | None) -> str | None:
    """A country named in the outlet's name, preferring one in parentheses; else the country of the first outlet
    listed that the outlets table knows ("Murr TV; An-Nahar")."""
    if not source:
        return None
    from etl.extract.actors import country_lexicon
    from etl.extract.geo.gazetteer import norm

    lex = country_lexicon()
    for chunk in [*_PAREN.findall(source), source]:
        for part in re.split(r"[;,/]", chunk):
            key = part.strip().lower()
            if key in lex:
                return lex[key]
    outlets = known_outlets()
    for part in re.split(r"[;,/]", source):
        country = outlets.get(norm(part))
        if country is not None:
            return country
    return None


def country_of_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    tld = host.rsplit(".", 1)[-1] if "." in host else ""
    return _tlds().get(tld)


def publication_country(article: Article) -> str | None:
    return country_of_source(article.source) or country_of_url(article.url)
