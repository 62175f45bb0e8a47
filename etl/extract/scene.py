"""What every stage of the coder may read of the article being coded, set once per article by `code_doc`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc

from etl.extract.actors import ActorResolver
from schemas.models import Article


@dataclass(frozen=True)
class Scene:
    """One parsed article and what is known of it before its sentences are coded."""

    doc: Doc
    article: Article
    resolver: ActorResolver
    published: date | None
    fallback: date | None  # the day an undated report is taken to be read on (the run's date); None: unknown
    places: list | None  # the geoparser's places that can be an event's place (the dateline's town is not)
    default_country: str | None  # where an unnamed side ("police", "gunmen") belongs: see place.article_setting
    named_country: str | None  # the country the article names most (an unnamed minister's)
    context: str | None  # the whole text of a short report, read as one context for crowd cues; else None
    version: str  # coder_version of every event
