"""The data contract: what enters the pipeline (articles), what leaves it (events) and what is refused.

These pydantic models are the only shapes that cross stage boundaries. `schemas/event.schema.json` is generated
from them (`newsevents schema`) and a test keeps the two in sync.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = "1.1.0"  # 1.1: event_class; event_date may be null in extract output; time_precision 4 and 5

Alpha3 = Annotated[str, Field(min_length=3, max_length=3, pattern=r"^[A-Z]{3}$")]


class TimePrecision(IntEnum):
    """How exactly `event_date` is known: 1 day, 2 week, 3 month (ACLED's time_precision), then 4 year (background
    told with its year only: "in 2019"; the date is the first of January) and 5 unknown (no date in the text and
    no publication date: `extract` leaves `event_date` empty, `run` stamps the partition date)."""

    DAY = 1
    WEEK = 2
    MONTH = 3
    YEAR = 4
    UNKNOWN = 5


class EventClass(StrEnum):
    """What kind of event it is, whichever codebook: ACLED's scope (political violence, demonstrations, strategic
    developments) or a CAMEO event outside it (verbal cooperation or conflict, other material acts). ACLED-style
    views, exports and the dashboard show ACLED's scope; the CAMEO/GDELT outputs show every class."""

    POLITICAL_VIOLENCE = "political_violence"
    DEMONSTRATION = "demonstration"
    STRATEGIC_DEVELOPMENT = "strategic_development"
    VERBAL_COOPERATION = "verbal_cooperation"
    VERBAL_CONFLICT = "verbal_conflict"
    OTHER = "other"


ACLED_CLASSES = {"Battles": EventClass.POLITICAL_VIOLENCE, "Explosions/Remote violence": EventClass.POLITICAL_VIOLENCE,
                 "Violence against civilians": EventClass.POLITICAL_VIOLENCE, "Protests": EventClass.DEMONSTRATION,
                 "Riots": EventClass.DEMONSTRATION, "Strategic developments": EventClass.STRATEGIC_DEVELOPMENT}


ACLED_SCOPE = frozenset(ACLED_CLASSES.values())  # what the ACLED-style views, exports, API and dashboard show


def acled_class(event_type: str) -> EventClass:
    """The class of an event ACLED types."""
    return ACLED_CLASSES.get(event_type, EventClass.OTHER)


def cameo_class(quad_class: int) -> EventClass:
    """The class of a CAMEO event outside ACLED's scope, from its GDELT QuadClass (1 verbal cooperation, 3 verbal
    conflict; material acts ACLED does not code are other)."""
    return {1: EventClass.VERBAL_COOPERATION, 3: EventClass.VERBAL_CONFLICT}.get(quad_class, EventClass.OTHER)


class GeoPrecision(IntEnum):
    """ACLED geo_precision: 1 the town itself, 2 near a town or a district, 3 a region or a country."""

    TOWN = 1
    NEAR = 2
    REGION = 3


class RejectReason(StrEnum):
    """Why an article was not coded. Every refused input lands in `core.rejected_articles` with one of these."""

    EMPTY = "empty"
    BOILERPLATE = "boilerplate"
    LANGUAGE = "language"
    TOO_LARGE = "too_large"
    BINARY = "binary"
    ENCODING = "encoding"
    BAD_JSON = "bad_json"
    NOT_OBJECT = "not_object"
    MISSING_FIELD = "missing_field"
    FUTURE_DATE = "future_date"
    ID_CONFLICT = "id_conflict"
    FETCH_ERROR = "fetch_error"
    FETCH_REFUSED = "fetch_refused"
    BAD_FEED = "bad_feed"
    INVALID = "invalid"


class Article(BaseModel):
    """One news article as ingested; `text` is the cleaned main text the coder reads."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(min_length=1, max_length=512)
    text: str
    title: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    source: str | None = Field(default=None, description="Outlet name, e.g. 'Reuters'.")
    published_at: datetime | None = Field(default=None, description="Publication time in UTC; may be unknown.")
    language: str | None = Field(default=None, description="ISO 639-1 code detected or declared.")
    origin: str | None = Field(default=None, description="Where it was read: file path, feed URL or S3 key.")
    summary_only: bool = Field(default=False, description="`text` is a feed item's summary (its <description>), "
                               "kept because the linked page could not be fetched.")


class Rejection(BaseModel):
    """An input that was refused, with enough context to find and fix it."""

    article_id: str | None = None
    origin: str | None = None
    reason: RejectReason
    message: str = Field(max_length=1000)
    excerpt: str | None = Field(default=None, max_length=2000, description="Start of the raw payload.")


class Actor(BaseModel):
    """One side of an event."""

    name: str
    country: Alpha3 | None = None
    cameo: str | None = Field(default=None, description="CAMEO actor code: country + role, e.g. 'UKRMIL'.")
    inter: int | None = Field(default=None, ge=1, le=8, description="ACLED inter code 1-8.")
    text: str | None = Field(default=None, description="The words of the article that name the actor.")


class Location(BaseModel):
    """Where the event happened, resolved against the gazetteer."""

    name: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    country: Alpha3 | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    geo_precision: int = Field(default=3, ge=1, le=3)
    feature_type: str | None = Field(default=None, description=(
        "country, admin1, admin2, city, other, or unlisted: a town the gazetteer lacks, named as written, at the "
        "point of the known place around it (geo_precision 2 or 3)."))
    text: str | None = Field(default=None, description="The words of the article that name the place.")


class SourceRef(BaseModel):
    """Provenance: one report of an event, down to the sentence."""

    article_id: str
    url: str | None = None
    source: str | None = None
    published_at: datetime | None = None
    sentence: str = Field(max_length=2000)
    start: int = Field(ge=0, description="Character offset of the sentence in the article text.")
    end: int = Field(ge=0, description="End-exclusive character offset.")
    claim_source: str | None = Field(default=None, description="Who is quoted as saying it, if reported speech.")


class Event(BaseModel):
    """One coded event. Written by `extract` (one article), merged by `dedup` (many reports), stored by `load`."""

    event_id: str
    article_id: str | None = Field(default=None, description="The article it was coded from (extract output).")
    main: bool = Field(default=False, description="The article's principal event; exactly one per article.")
    event_date: date | None = Field(description="The day the event happened (week: its Monday; month: its first day; "
                                                "year: 1 January); null only in `extract` output when unknown.")
    time_precision: TimePrecision = TimePrecision.DAY
    event_type: str
    sub_event_type: str
    event_class: EventClass | None = Field(
        default=None, description="ACLED's scope (political violence, demonstration, strategic development) or a "
        "CAMEO event outside it; unset: read from the ACLED type.")
    cameo_code: str = Field(pattern=r"^\d{3,4}$")
    cameo_root: str = Field(pattern=r"^\d{2}$")
    quad_class: int = Field(ge=1, le=4)
    goldstein: float = Field(ge=-10, le=10)
    plover_event: str
    actor1: Actor | None = None
    actor2: Actor | None = None
    location: Location | None = None
    fatalities: int = Field(default=0, ge=0)
    fatalities_reported: list[int] = Field(default_factory=list, description="Every figure the sources gave.")
    hedged: bool = False
    negated: bool = False
    certainty: float = Field(default=0.5, ge=0, le=1, description="Extraction certainty before source weighting.")
    confidence: float = Field(ge=0, le=1)
    coder_version: str
    sources: list[SourceRef] = Field(default_factory=list)
    num_sources: int = Field(default=1, ge=0, description="Distinct outlets.")
    num_articles: int = Field(default=1, ge=0)
    first_seen: datetime | None = None
    updated_at: datetime | None = None
    withdrawn: bool = False

    @model_validator(mode="after")
    def _class_from_type(self) -> Event:
        """An event built without a class is in ACLED's scope under its ACLED type (the coder sets the class of a
        CAMEO-only event itself)."""
        if self.event_class is None:
            self.event_class = acled_class(self.event_type)
        return self
