"""The published views agree with the snapshot exports (etl.export) on the same events, and aggregate right."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import create_engine, text

from etl.export import GDELT_COLUMNS, acled_row, gdelt_row
from etl.load.store import PostgresEventStore
from schemas.models import Actor, Event, Location, SourceRef
from tests.etl.load.test_store import make_event

pytestmark = pytest.mark.integration
DAY = date(2026, 11, 25)


def varied_events() -> list[Event]:
    """Events covering the branches of the views: civilians, one-sided, no location, US admin1, hedged."""
    civ = Actor(name="Civilians (Sudan)", country="SDN", inter=7)
    us = Location(name="Ohio", admin1="Ohio", country="USA", latitude=40.0, longitude=-82.5, geo_precision=3,
                  feature_type="admin1")
    late = SourceRef(article_id="b", url="https://late.example/1", source="Late Times", sentence="Later.", start=5,
                     end=11, published_at=datetime(2026, 11, 26, tzinfo=UTC))
    return [
        make_event(1),
        make_event(2, event_type="Violence against civilians", sub_event_type="Attack", actor2=civ, hedged=True),
        make_event(3, actor2=None, location=None, event_type="Protests", sub_event_type="Peaceful protest"),
        make_event(4, location=us, negated=True, sources=[late, *make_event(4).sources]),
        make_event(5, sub_event_type="Something unlisted", actor1=Actor(name="Unknown gunmen", inter=3)),
    ]


@pytest.fixture
def loaded(db_url: str) -> tuple[PostgresEventStore, list[Event]]:
    store = PostgresEventStore(create_engine(db_url))
    store.load_events(varied_events(), "run-1", DAY)
    stored = store.events_between(date(2026, 1, 1), date(2026, 12, 31))
    return store, stored


def rows(store: PostgresEventStore, sql: str) -> list[dict]:
    with store.engine.connect() as c:
        return [dict(r) for r in c.execute(text(sql)).mappings()]


def test_acled_view_matches_the_acled_export(loaded: tuple[PostgresEventStore, list[Event]]) -> None:
    store, events = loaded
    view = {r["event_id_cnty"]: r for r in rows(store, "SELECT * FROM public.events_acled")}
    assert len(view) == len(events)
    for event in events:
        want = acled_row(event)
        got = view[want["event_id_cnty"]]
        assert got["event_date"].strftime("%d-%m-%Y") == want["event_date"]
        for col in want:
            if col in ("event_date", "latitude", "longitude"):
                continue
            assert got[col] == want[col], (event.event_id, col)
        for col in ("latitude", "longitude"):
            assert (None if got[col] is None else float(got[col])) == want[col]


def test_gdelt_view_matches_the_gdelt_export(loaded: tuple[PostgresEventStore, list[Event]]) -> None:
    store, events = loaded
    view = {r["GLOBALEVENTID"]: r for r in rows(store, "SELECT * FROM public.events_gdelt")}
    assert set(view) == {e.event_id for e in events}
    for event in events:
        want = dict(zip(GDELT_COLUMNS, gdelt_row(event), strict=True))
        got = view[event.event_id]
        for col in got:
            if col in ("IsRootEvent", "AvgTone"):
                continue
            w, g = want[col], got[col]
            if col in ("SQLDATE", "MonthYear", "DATEADDED"):
                w = int(w)
            if col in ("FractionDate", "ActionGeo_Lat", "ActionGeo_Long", "GoldsteinScale") and g is not None:
                g, w = float(g), float(w)
            assert g == w, (event.event_id, col)


def test_daily_counts_and_dyads(loaded: tuple[PostgresEventStore, list[Event]]) -> None:
    store, events = loaded
    counts = rows(store, "SELECT * FROM public.daily_counts ORDER BY country NULLS LAST, event_type")
    assert sum(r["events"] for r in counts) == len(events)
    assert sum(r["fatalities"] for r in counts) == sum(e.fatalities for e in events)
    sdn = [r for r in counts if r["country"] == "SDN" and r["event_type"] == "Battles"]
    assert sum(r["events"] for r in sdn) == 2  # events 1 and 5 (event 4 is in the USA)
    dyads = rows(store, "SELECT * FROM public.dyads WHERE actor2_name = 'Rapid Support Forces' "
                        "AND actor1_name = 'Military Forces of Sudan'")
    assert [d["events"] for d in dyads] == [2] and dyads[0]["month"] == date(2026, 11, 1)


def test_bounding_box_query_uses_an_index(loaded: tuple[PostgresEventStore, list[Event]]) -> None:
    store, _ = loaded
    box = "latitude BETWEEN 10 AND 20 AND longitude BETWEEN 20 AND 30"
    with store.engine.connect() as c:
        c.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(c.execute(text(f"EXPLAIN SELECT event_id FROM core.events WHERE {box}")).scalars())
        found = c.execute(text(f"SELECT count(*) FROM public.events WHERE {box}")).scalar_one()
    assert re.search(r"events_(\d{4}(_\d{2})?|unfiled)_latlon_idx", plan)  # a partition's (migration 0012)
    assert found == 3  # the Sudanese events with a location


def test_the_days_snapshot_is_read_through_the_brin_index(loaded: tuple[PostgresEventStore, list[Event]]) -> None:
    store, events = loaded
    with store.engine.connect() as c:
        c.execute(text("SET enable_seqscan = off"))
        plan = "\n".join(c.execute(text("EXPLAIN SELECT event_id FROM core.events "
                                         "WHERE last_partition_date = DATE '2026-11-25'")).scalars())
    assert re.search(r"events_(\d{4}(_\d{2})?|unfiled)_last_partition_brin", plan)
    assert len(store.events_for_partition(DAY)) == len(events)


def test_analyst_reads_every_published_view(loaded: tuple[PostgresEventStore, list[Event]]) -> None:
    store, _ = loaded
    with store.engine.connect() as c:
        c.execute(text("SET ROLE analyst"))
        for view in ("events", "event_sources", "events_acled", "events_gdelt", "daily_counts", "dyads"):
            assert c.execute(text(f"SELECT count(*) FROM public.{view}")).scalar_one() > 0


def test_acled_views_show_acleds_scope_and_the_gdelt_view_every_class(db_url: str) -> None:
    """A CAMEO-only statement and meeting (stored as 'Strategic developments/Other') are in `events` and
    `events_gdelt`, never in `events_acled`, `daily_counts` or `dyads`; a real strategic development is."""
    cameo_only = {"event_type": "Strategic developments", "sub_event_type": "Other", "fatalities": 0,
                  "fatalities_reported": [0]}
    said = make_event(6, **cameo_only, cameo_code="112", cameo_root="11", quad_class=3, goldstein=-2.0,
                      event_class="verbal_conflict")
    met = make_event(7, **cameo_only, cameo_code="040", cameo_root="04", quad_class=1, goldstein=1.0,
                     event_class="verbal_cooperation")
    arrest = make_event(8, event_type="Strategic developments", sub_event_type="Arrests", cameo_code="173",
                        cameo_root="17", fatalities=0)
    store = PostgresEventStore(create_engine(db_url))
    store.load_events([make_event(1), said, met, arrest], "run-1", DAY)
    classes = {r["event_id"]: r["event_class"] for r in rows(store, "SELECT event_id, event_class FROM events")}
    assert classes == {"ev00001": "political_violence", "ev00006": "verbal_conflict",
                       "ev00007": "verbal_cooperation", "ev00008": "strategic_development"}
    acled = {r["event_id_cnty"] for r in rows(store, "SELECT event_id_cnty FROM events_acled")}
    assert acled == {"SDN-ev00001", "SDN-ev00008"}
    gdelt = {r["GLOBALEVENTID"] for r in rows(store, 'SELECT "GLOBALEVENTID" FROM events_gdelt')}
    assert gdelt == set(classes)
    counts = rows(store, "SELECT event_type, events FROM daily_counts ORDER BY event_type")
    assert counts == [{"event_type": "Battles", "events": 1}, {"event_type": "Strategic developments", "events": 1}]
    assert rows(store, "SELECT sum(events) AS n FROM dyads") == [{"n": 2}]
    store.engine.dispose()
