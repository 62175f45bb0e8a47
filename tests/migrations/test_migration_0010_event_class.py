"""Migration 0010 on a database that holds events: every row kept, each given its class, CAMEO-only rows out of
the ACLED views, and the downgrade gives the rows back as they were."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import IntegrityError

from etl.load.migrate import downgrade, upgrade
from etl.load.store import PostgresEventStore

pytestmark = pytest.mark.integration

# (id, event_type, sub_event_type, cameo_code, quad_class, withdrawn) → the class the backfill must give
ROWS = {
    ("m01", "Battles", "Armed clash", "190", 4, False): "political_violence",
    ("m02", "Violence against civilians", "Attack", "180", 4, False): "political_violence",
    ("m03", "Protests", "Peaceful protest", "141", 3, False): "demonstration",
    ("m04", "Riots", "Mob violence", "145", 3, False): "demonstration",
    ("m05", "Strategic developments", "Arrests", "173", 4, False): "strategic_development",
    ("m06", "Strategic developments", "Other", "173", 4, False): "strategic_development",  # coercion: ACLED's
    ("m07", "Strategic developments", "Other", "0871", 2, False): "strategic_development",  # a truce: ACLED's
    ("m08", "Strategic developments", "Other", "040", 1, False): "verbal_cooperation",  # a meeting
    ("m09", "Strategic developments", "Other", "112", 3, False): "verbal_conflict",  # an accusation
    ("m10", "Strategic developments", "Other", "163", 4, False): "other",  # a sanction
    ("m11", "Strategic developments", "Other", "190", 4, False): "other",  # an untyped fight
    ("m12", "Strategic developments", "Other", "010", 1, True): "verbal_cooperation",  # withdrawn, kept
}
CAMEO_ONLY = {"m08", "m09", "m10", "m11"}


def _populate(url: str) -> None:
    """Rows as the load wrote them before 0010 (no class column), with sources and a revision."""
    engine = create_engine(url)
    with engine.begin() as c:
        for (eid, etype, sub, code, quad, gone) in ROWS:
            c.execute(text(
                "INSERT INTO core.events (event_id, event_date, time_precision, event_type, sub_event_type, "
                "cameo_code, cameo_root, quad_class, goldstein, plover_event, actor1_name, actor2_name, "
                "location_country, fatalities, certainty, confidence, coder_version, num_sources, num_articles, "
                "updated_at, withdrawn, partition_date, last_partition_date, last_run_id) VALUES (:id, :d, 1, :t, "
                ":s, :code, :root, :q, 0, 'X', 'Side A', 'Side B', 'SDN', 1, 0.5, 0.5, 'old', 1, 1, "
                "TIMESTAMPTZ '2026-11-25 06:00+00', :gone, :d, :d, 'run-0')"),
                {"id": eid, "d": date(2026, 11, 25), "t": etype, "s": sub, "code": code, "root": code[:2],
                 "q": quad, "gone": gone})
            c.execute(text("INSERT INTO core.event_sources (event_id, article_id, start_char, end_char, sentence) "
                           "VALUES (:id, 'a1', 0, 10, 'Something.')"), {"id": eid})
        c.execute(text("INSERT INTO core.event_revisions (event_id, run_id, partition_date, change) "
                       "VALUES ('m01', 'run-0', DATE '2026-11-25', 'revised')"))
    engine.dispose()


def fetch_all(url: str, sql: str) -> list[tuple]:
    engine = create_engine(url)
    with engine.connect() as c:
        out = [tuple(r) for r in c.execute(text(sql))]
    engine.dispose()
    return out


def test_backfill_keeps_every_row_and_sets_each_class(empty_db_url: str) -> None:
    upgrade(empty_db_url, "0009")
    _populate(empty_db_url)
    stamps = "SELECT event_id, updated_at, withdrawn FROM core.events ORDER BY event_id"
    before = fetch_all(empty_db_url, stamps)
    upgrade(empty_db_url, "0011")

    after = dict(fetch_all(empty_db_url, "SELECT event_id, event_class FROM core.events"))
    assert after == {k[0]: cls for k, cls in ROWS.items()}
    assert fetch_all(empty_db_url, stamps) == before
    assert fetch_all(empty_db_url, "SELECT count(*) FROM core.event_sources") == [(len(ROWS),)]
    assert fetch_all(empty_db_url, "SELECT count(*) FROM core.event_revisions") == [(1,)]  # a backfill is no revision

    live = {k[0] for k in ROWS if not k[5]}
    acled = {r[0].split("-", 1)[1] for r in fetch_all(empty_db_url, "SELECT event_id_cnty FROM public.events_acled")}
    assert acled == live - CAMEO_ONLY
    assert {r[0] for r in fetch_all(empty_db_url, 'SELECT "GLOBALEVENTID" FROM public.events_gdelt')} == live
    assert dict(fetch_all(empty_db_url, "SELECT event_id, event_class FROM public.events")) == {
        k[0]: cls for k, cls in ROWS.items() if not k[5]}
    assert fetch_all(empty_db_url, "SELECT sum(events) FROM public.daily_counts") == [(len(live - CAMEO_ONLY),)]
    assert fetch_all(empty_db_url, "SELECT sum(events) FROM public.dyads") == [(len(live - CAMEO_ONLY),)]

    store = PostgresEventStore(create_engine(empty_db_url))  # reading restores the stored class
    read = {e.event_id: e.event_class for e in store.events_between(date(2026, 1, 1), date(2026, 12, 31))}
    assert read == {k[0]: cls for k, cls in ROWS.items() if not k[5]}
    store.engine.dispose()


def test_the_class_is_checked_and_the_downgrade_gives_the_rows_back(empty_db_url: str) -> None:
    upgrade(empty_db_url, "0009")
    _populate(empty_db_url)
    upgrade(empty_db_url, "0011")
    engine = create_engine(empty_db_url)
    with pytest.raises(IntegrityError), engine.begin() as c:
        c.execute(text("UPDATE core.events SET event_class = 'crime' WHERE event_id = 'm01'"))
    engine.dispose()

    downgrade(empty_db_url, "0009")
    assert fetch_all(empty_db_url, "SELECT count(*) FROM core.events") == [(len(ROWS),)]
    assert fetch_all(empty_db_url, "SELECT count(*) FROM public.events_acled") == [(len(ROWS) - 1,)]  # all live again
    assert not fetch_all(empty_db_url, "SELECT 1 FROM information_schema.columns WHERE table_schema = 'core' "
                                  "AND table_name = 'events' AND column_name = 'event_class'")
    upgrade(empty_db_url, "0011")
    assert dict(fetch_all(empty_db_url, "SELECT event_id, event_class FROM core.events")) == {
        k[0]: cls for k, cls in ROWS.items()}
