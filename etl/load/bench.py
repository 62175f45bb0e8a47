"""Load throughput: the idempotent store load against a bare COPY of the same rows (issue 6 `load_vs_copy`).

Both run on the same server, into a throwaway database, from the same Event objects: the bare COPY goes into
unindexed, unconstrained (but logged, like the real ones) copies of the tables in one transaction, which
autovacuum leaves alone (its analysis of them would otherwise fall, now and then, into the timed load); the load is
`PostgresEventStore.load_events` with every index in place (a first load COPYs its new events straight in; the
rerun stages every event and merges it).
"""

from __future__ import annotations

import random
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import create_engine, pool, text
from sqlalchemy.engine import make_url

from etl.ids import event_id
from schemas.models import Actor, Event, Location, SourceRef

_ACTORS = [("Military Forces of Sudan", "SDN", "SDNMIL", 1), ("Rapid Support Forces", "SDN", "SDNREB", 2),
           ("Police Forces of Kenya", "KEN", "KENCOP", 1), ("Protesters (Kenya)", "KEN", "KENOPP", 6),
           ("Military Forces of Ukraine", "UKR", "UKRMIL", 1), ("Military Forces of Russia", "RUS", "RUSMIL", 8)]
_PLACES = [("El Fasher", "North Darfur", "SDN", 13.63, 25.35), ("Nairobi", "Nairobi", "KEN", -1.29, 36.82),
           ("Kharkiv", "Kharkiv", "UKR", 49.99, 36.23)]


def synthetic_events(n: int, seed: int = 7) -> list[Event]:
    """`n` plausible merged events with one to three sources each (generated, not taken from any corpus)."""
    rnd = random.Random(seed)
    day = date(2026, 11, 20)
    out = []
    for i in range(n):
        a1, a2 = rnd.sample(_ACTORS, 2)
        place = rnd.choice(_PLACES)
        k = rnd.randint(1, 3)
        sentence = f"Clashes between {a1[0]} and {a2[0]} near {place[0]} killed {i % 9} people, officials said."
        srcs = [SourceRef(article_id=f"art{i}-{j}", url=f"https://news{j}.example/{i}", source=f"Outlet {j}",
                          published_at=datetime(2026, 11, 20, 6, tzinfo=UTC) + timedelta(minutes=j),
                          sentence=sentence, start=120 * j, end=120 * j + len(sentence)) for j in range(k)]
        when = day - timedelta(days=i % 3)
        out.append(Event(
            event_id=event_id(when, "bench", i), event_date=when, event_type="Battles",
            sub_event_type="Armed clash", cameo_code="190", cameo_root="19", quad_class=4, goldstein=-10.0,
            plover_event="ASSAULT", actor1=Actor(name=a1[0], country=a1[1], cameo=a1[2], inter=a1[3]),
            actor2=Actor(name=a2[0], country=a2[1], cameo=a2[2], inter=a2[3]),
            location=Location(name=place[0], admin1=place[1], country=place[2], latitude=place[3],
                              longitude=place[4], geo_precision=1, feature_type="city", text=place[0]),
            fatalities=i % 9, fatalities_reported=[i % 9], certainty=0.8, confidence=round(rnd.random(), 3),
            coder_version="bench", sources=srcs, num_sources=k, num_articles=k,
            first_seen=datetime(2026, 11, 20, 7, tzinfo=UTC)))
    return out


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    """A new, migrated database on the server at `server_url`, dropped afterwards."""
    from etl.load.migrate import upgrade

    name = f"newsevents_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=pool.NullPool)
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    try:
        upgrade(url)
        yield url
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _bare_copy(url: str, events: list[Event]) -> float:
    """Seconds to COPY the events' rows (built from the same Event objects) into unindexed tables."""
    from etl.load.store import EVENT_COLUMNS, SOURCE_COLUMNS, _copy, event_row, source_rows

    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.begin() as c:
        # no autovacuum: analysing these 600k rows must not land in the timed load that follows
        c.execute(text("CREATE TABLE IF NOT EXISTS public.bare_events WITH (autovacuum_enabled = off) AS "
                       "SELECT * FROM core.events WITH NO DATA"))
        c.execute(text("CREATE TABLE IF NOT EXISTS public.bare_sources WITH (autovacuum_enabled = off) AS "
                       "SELECT * FROM core.event_sources WITH NO DATA"))
    t0 = time.perf_counter()
    with engine.begin() as c:
        _copy(c, "public.bare_events", EVENT_COLUMNS, (event_row(e) for e in events))
        _copy(c, "public.bare_sources", SOURCE_COLUMNS, (r for e in events for r in source_rows(e)))
    took = time.perf_counter() - t0
    engine.dispose()
    return took


def measure_load(n: int, server_url: str | None = None, rounds: int = 3) -> dict[str, Any]:
    """Events/s of the store load (first load, then an idempotent rerun) and its ratio to a bare COPY.

    Each round runs all three in a new database; the figures are the medians over rounds (each round's ratio
    is paired: its COPY and its load), with every round's values beside them, because a shared VM's speed
    drifts by a fifth from one run to the next."""
    from etl.db import database_url
    from etl.load.store import PostgresEventStore

    events = synthetic_events(n)
    copy_s: list[float] = []
    load_s: list[float] = []
    rerun_s: list[float] = []
    for _ in range(max(1, rounds)):
        with scratch_database(server_url or database_url()) as url:
            copy_s.append(_bare_copy(url, events))
            engine = create_engine(url)  # pooled, as the pipeline's engine is
            store = PostgresEventStore(engine)
            t0 = time.perf_counter()
            first = store.load_events(events, "bench-1", date(2026, 11, 20))
            load_s.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            again = store.load_events(events, "bench-2", date(2026, 11, 20))
            rerun_s.append(time.perf_counter() - t0)
            engine.dispose()
    rates = {name: [round(n / s) for s in took]
             for name, took in (("copy", copy_s), ("load", load_s), ("rerun", rerun_s))}
    ratios = [round(c / ld, 3) for c, ld in zip(copy_s, load_s, strict=True)]
    return {
        "events": n,
        "rounds": len(load_s),
        "copy_events_per_s": round(statistics.median(rates["copy"])),
        "load_events_per_s": round(statistics.median(rates["load"])),
        "rerun_events_per_s": round(statistics.median(rates["rerun"])),
        "load_vs_copy": round(statistics.median(ratios), 3),
        "per_round": {"copy_events_per_s": rates["copy"], "load_events_per_s": rates["load"],
                      "rerun_events_per_s": rates["rerun"], "load_vs_copy": ratios},
        "first_load": {"inserted": first.inserted, "updated": first.updated, "unchanged": first.unchanged},
        "rerun": {"inserted": again.inserted, "updated": again.updated, "unchanged": again.unchanged},
    }
