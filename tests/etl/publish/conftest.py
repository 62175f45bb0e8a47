from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from schemas.models import Actor, Event, Location, SourceRef


def make_event(i: int, **kw: object) -> Event:
    base: dict = dict(
        event_id=f"ev{i:05d}", event_date=date(2026, 11, 24), event_type="Violence against civilians",
        sub_event_type="Attack", cameo_code="1823", cameo_root="18", quad_class=4, goldstein=-9.0,
        plover_event="ASSAULT", confidence=0.55, certainty=0.7, coder_version="test", fatalities=i,
        fatalities_reported=[i],
        actor1=Actor(name="Unidentified Armed Group (Burkina Faso)", country="BFA", cameo="BFAUAF", inter=3),
        actor2=Actor(name="Civilians (Burkina Faso)", country="BFA", cameo="BFACVL", inter=7),
        location=Location(name="Djibo", admin1="Sahel", country="BFA", latitude=14.1, longitude=-1.63,
                          geo_precision=2),
        sources=[SourceRef(article_id=f"a{i}", url=f"https://example.org/{i}", source="AFP",
                           sentence=f"Gunmen killed {i} villagers, officials said.", start=10, end=52)],
        first_seen=datetime(2026, 11, 25, 8, 30, tzinfo=UTC), updated_at=datetime(2026, 11, 25, 9, tzinfo=UTC))
    base.update(kw)
    return Event.model_validate(base)


@pytest.fixture
def events() -> list[Event]:
    return [make_event(i) for i in (3, 1, 2)]


@pytest.fixture
def event_factory():  # type: ignore[no-untyped-def]
    """`make_event` for tests that need events with other fields."""
    return make_event
