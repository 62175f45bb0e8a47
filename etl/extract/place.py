"""Where an event happened: the article's places from the geoparser, the place of each event's sentence without the
places that stand for a side, and the country as the target of an act done to no one named.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from spacy.tokens import Doc, Span

from etl.extract import actors as actors_mod
from etl.extract.geo.parser import doc_text, owns_place
from etl.extract.lexicon import cue
from etl.extract.sides import own_target
from schemas.models import Actor, Event, Location

log = logging.getLogger(__name__)


def event_location(doc: Doc, places: list | None, start: int, end: int,
                   fallback_country: str | None) -> Location | None:
    """The place of a sentence's event from the geoparser, else the country the event is known to be in."""
    gp = geoparser()
    if gp is not None and places is not None:
        try:
            loc = gp.event_location(doc, places, start, end)
        except Exception:  # logged; the event keeps the country-level fallback
            log.warning("event location failed in %r", doc.text[start:end][:80], exc_info=True)
            loc = None
        if loc is not None:
            return loc
    if fallback_country:
        return Location(name=actors_mod.country_names().get(fallback_country), country=fallback_country,
                        geo_precision=3, feature_type="country")
    return None


@lru_cache(maxsize=1)
def geoparser():  # type: ignore[no-untyped-def]
    try:
        from etl.extract.geo import get_geoparser
    except ImportError:
        return None
    return get_geoparser()


def not_actors(doc: Doc, places: list | None, actors: list[Span]) -> list | None:
    """Places that do not stand for a side of the event: a capital or country used as an actor ("Moscow's
    counteroffensive", "Kyiv's forces", "Moscow said") is not where it happened."""
    if places is None:
        return None
    text = doc_text(doc)
    sides = {(a.start_char, a.end_char) for a in actors}
    return [p for p in places if not ((text[p.end:p.end + 2] in ("'s", "’s") and not owns_place(text, p.end))
                                      or (p.start, p.end) in sides  # but "in Kenya's capital" is a place
                                      or PATRON_AFTER.match(text, p.end))]


# "Iran-backed fighters", "a US-led coalition", "Russia-made missiles": a place that qualifies a party or a weapon
# by who stands behind it is not where it happened
PATRON_AFTER = cue("PATRON_AFTER")


def place_as_target(ev: Event) -> Event:
    """An act done by someone to no one named is done to the country where the sentence places it: "activists
    protested in Beijing" is OPP → CHN, "expressed sorrow for the shootings in South Carolina" GOV → USA, the
    CAMEO coders' convention (their verb patterns take the object of "in" as the target). Not for a bare
    comment ("X said in Paris"): where it was said is no party to it. The country is a target in CAMEO terms
    only: no ACLED interaction code, so ACLED's sides are as they were."""
    loc = ev.location
    if (ev.actor2 is not None or ev.actor1 is None or ev.cameo_code == "010" or loc is None or not loc.country
            or not loc.text or own_target(ev.actor1, loc.country, ev.cameo_code)
            or not ev.sources or loc.text not in ev.sources[0].sentence):
        return ev
    country = loc.country
    target = Actor(name=actors_mod.country_names().get(country, country), country=country, cameo=country,
                   inter=None, text=None)
    return ev.model_copy(update={"actor2": target})
