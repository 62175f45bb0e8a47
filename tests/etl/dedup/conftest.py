"""Small builders of reports (single-article events) for the dedup tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from schemas.models import Actor, Event, Location, SourceRef

Factory = Callable[..., Event]


def report(article_id: str, *, day: date = date(2026, 11, 20), n: int = 0, outlet: str = "Reuters",
           lat: float = 50.45, lon: float = 30.52, place: str = "Kyiv", admin1: str = "Kyiv City",
           country: str | None = "UKR", a1: Actor | None = None, a2: Actor | None = None,
           root: str = "19", code: str = "190", event_type: str = "Battles", sub: str = "Armed clash",
           sentence: str | None = None, hours: int = 0, **extra: Any) -> Event:
    """One event as the coder would write it for one article."""
    sentence = sentence or f"Fighting broke out in {place}, killing {n} people."
    published = datetime(day.year, day.month, day.day, 12, tzinfo=UTC) + timedelta(hours=hours)
    src = SourceRef(article_id=article_id, url=f"https://news.example/{article_id}", source=outlet,
                    published_at=published, sentence=sentence, start=0, end=len(sentence))
    fields: dict[str, Any] = dict(
        event_id=f"ev-{article_id}-0", article_id=article_id, main=True, event_date=day, event_type=event_type,
        sub_event_type=sub, cameo_code=code, cameo_root=root, quad_class=4, goldstein=-10.0,
        plover_event="FIGHT", actor1=a1 or Actor(name="Russian forces", country="RUS", cameo="RUSMIL", inter=8),
        actor2=a2 or Actor(name="Ukrainian forces", country="UKR", cameo="UKRMIL", inter=1),
        location=Location(name=place, admin1=admin1, country=country, latitude=lat, longitude=lon, geo_precision=1),
        fatalities=n, fatalities_reported=[n], certainty=0.8, confidence=0.5, coder_version="t",
        sources=[src], num_sources=1, num_articles=1, first_seen=published)
    fields.update(extra)
    return Event(**fields)


@pytest.fixture
def make_report() -> Factory:
    return report
