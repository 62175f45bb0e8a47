"""A migrated database with a few known events (through the real store) and an API app over it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine

from etl.api.app import create_app
from etl.load.store import PostgresEventStore
from etl.publish import LocalSnapshotStore
from schemas.models import Actor, Event, Location, SourceRef

DAY = date(2026, 11, 20)

# (id, day offset, type, sub type, cameo, country, lat, lon, fatalities, actor1, actor2)
ROWS = [
    ("e01", 0, "Battles", "Armed clash", "190", "SDN", 13.63, 25.35, 12, ("Military Forces of Sudan", "SDN"),
     ("Rapid Support Forces", "SDN")),
    ("e02", 0, "Protests", "Peaceful protest", "141", "KEN", -1.29, 36.82, 0, ("Protesters", "KEN"), None),
    ("e03", 1, "Battles", "Armed clash", "190", "UKR", 48.02, 37.80, 3, ("Military Forces of Russia", "RUS"),
     ("Military Forces of Ukraine", "UKR")),
    ("e04", 1, "Explosions/Remote violence", "Air/drone strike", "195", "UKR", 50.45, 30.52, 5,
     ("Military Forces of Russia", "RUS"), ("Civilians", "UKR")),
    ("e05", 2, "Protests", "Peaceful protest", "141", "FRA", 48.86, 2.35, 0, ("Protesters", "FRA"), None),
    ("e06", 3, "Battles", "Armed clash", "190", "SDN", 15.50, 32.56, 40, ("Military Forces of Sudan", "SDN"),
     ("Rapid Support Forces", "SDN")),
]
QUAD = {"19": (4, -10.0, "ASSAULT"), "14": (3, -6.5, "PROTEST")}


def make_event(row: tuple, confidence: float = 0.7) -> Event:
    eid, off, etype, sub, cameo, iso3, lat, lon, dead, a1, a2 = row
    quad, gold, plover = QUAD[cameo[:2]]
    return Event(
        event_id=eid, event_date=DAY + timedelta(days=off), event_type=etype, sub_event_type=sub, cameo_code=cameo,
        cameo_root=cameo[:2], quad_class=quad, goldstein=gold, plover_event=plover, confidence=confidence,
        certainty=0.8, coder_version="test", fatalities=dead, fatalities_reported=[dead] if dead else [],
        actor1=Actor(name=a1[0], country=a1[1]), actor2=Actor(name=a2[0], country=a2[1]) if a2 else None,
        location=Location(name=f"Place {eid}", country=iso3, latitude=lat, longitude=lon, geo_precision=1),
        sources=[SourceRef(article_id=f"a-{eid}", url=f"https://news.example/{eid}", source="Wire",
                           sentence=f"Report of {etype.lower()} ({eid}).", start=0, end=30,
                           published_at=datetime(2026, 11, 21, tzinfo=UTC))],
        first_seen=datetime(2026, 11, 21, tzinfo=UTC))


EVENTS = [make_event(r, confidence=0.4 + 0.1 * i) for i, r in enumerate(ROWS)]


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = create_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def loaded(engine: Engine) -> Engine:
    store = PostgresEventStore(engine)
    store.begin_run(DAY, "run-1")
    store.load_events(EVENTS, "run-1", DAY)
    store.finish_run("run-1", "success", {"events": len(EVENTS)})
    return engine


@pytest.fixture
def snapshots(tmp_path: Path) -> LocalSnapshotStore:
    store = LocalSnapshotStore(tmp_path / "snapshots")
    manifest = {"partition_date": "2026-11-23", "run_id": "run-1", "created_at": "2026-11-24T06:00:00+00:00",
                "schema_version": "1.0.0", "coder_version": "test", "row_count": 6, "files": []}
    store.put("events/dt=2026-11-23/manifest.json", json.dumps(manifest).encode(), "application/json")
    store.put("events/dt=2026-11-24/events.csv", b"partial", "text/csv")  # no manifest: not published
    return store


@pytest.fixture
def client(loaded: Engine, snapshots: LocalSnapshotStore) -> Iterator[TestClient]:
    with TestClient(create_app(loaded, snapshots)) as c:
        yield c
