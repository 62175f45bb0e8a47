"""Migration 0012 on a database that holds events over three years: every row is kept and filed under its month
(its id given the month of its date, in the events, their sources and their revisions), every view gives what it
gave with the new ids (same columns, types, rows and grants), the rollups equal a recount, closed years are one
partition each and the latest year month by month, and the downgrade gives the old ids and views back."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from etl.load.migrate import downgrade, upgrade
from etl.load.rollups import differences, rebuild
from tests.migrations.test_migration_0010_event_class import fetch_all
from tests.migrations.test_migration_0011_rollups import _populate

pytestmark = pytest.mark.integration


def _older(url: str) -> None:
    """Events of two earlier years (with sources, and one with a revision row), written at 0011."""
    engine = create_engine(url)
    with engine.begin() as c:
        for i, day in enumerate([date(2024, 3, 5), date(2024, 12, 31), date(2025, 1, 1), date(2025, 7, 20)]):
            c.execute(text(
                "INSERT INTO core.events (event_id, event_date, time_precision, event_type, sub_event_type, "
                "event_class, cameo_code, cameo_root, quad_class, goldstein, plover_event, actor1_name, "
                "actor1_country, location_country, fatalities, certainty, confidence, coder_version, num_sources, "
                "num_articles, first_seen, withdrawn, partition_date, last_partition_date, last_run_id, mentions) "
                "VALUES (:id, :d, 1, 'Battles', 'Armed clash', 'political_violence', '190', '19', 4, -10, 'X', "
                "'Side 9', 'SDN', 'SDN', :f, 0.5, 0.5, 'old', 1, 1, :seen, false, :d, :d, 'run-0', 1)"),
                {"id": f"{i:x}3fa2c0b1d4e5f6a7b8c", "d": day, "f": i, "seen": datetime(2025, 8, 1, tzinfo=UTC)})
            c.execute(text("INSERT INTO core.event_sources (event_id, article_id, start_char, end_char, url, source, "
                           "published_at, sentence) VALUES (:id, :a, 0, 9, 'https://x.example/o', 'Outlet 0', "
                           ":p, 'Old news.')"),
                      {"id": f"{i:x}3fa2c0b1d4e5f6a7b8c", "a": f"old-{i}", "p": datetime(2025, 8, 1, tzinfo=UTC)})
        c.execute(text("INSERT INTO core.event_revisions (event_id, run_id, partition_date, change, previous) "
                       "VALUES ('13fa2c0b1d4e5f6a7b8c', 'run-0', DATE '2025-08-01', 'revised', '{}')"))
        rebuild(c)  # an insert by hand passes the rollups by
    engine.dispose()


def _public_views(url: str) -> dict[str, tuple[list[tuple[str, str]], list[tuple[Any, ...]], list[tuple[str, ...]]]]:
    """Every public view: its columns (name, type), its rows (sorted) and its grants."""
    engine = create_engine(url)
    out = {}
    with engine.connect() as c:
        names = sorted(c.execute(text("SELECT table_name FROM information_schema.views WHERE table_schema = 'public'"))
                       .scalars())
        for name in names:
            columns = [(str(r[0]), str(r[1])) for r in c.execute(text(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' "
                "AND table_name = :v ORDER BY ordinal_position"), {"v": name})]
            found = sorted((tuple(r) for r in c.execute(text(f'SELECT * FROM public."{name}"'))), key=repr)
            grants = sorted(tuple(r) for r in c.execute(text(
                "SELECT grantee, privilege_type FROM information_schema.role_table_grants "
                "WHERE table_schema = 'public' AND table_name = :v"), {"v": name}))
            out[name] = (columns, found, grants)
    engine.dispose()
    return out


def _renamed(views: dict[str, Any], ids: dict[str, str]) -> dict[str, Any]:
    """The views' rows with every old id (alone, or after ACLED's 'ISO-') written as the new one."""
    def value(v: Any) -> Any:
        if isinstance(v, str):
            if v in ids:
                return ids[v]
            head, _, tail = v.partition("-")
            if tail in ids:
                return f"{head}-{ids[tail]}"
        return v

    return {name: (columns, sorted((tuple(value(v) for v in r) for r in found), key=repr), grants)
            for name, (columns, found, grants) in views.items()}


def test_conversion_keeps_every_row_and_view_and_the_downgrade_gives_them_back(empty_db_url: str) -> None:
    upgrade(empty_db_url, "0010")
    _populate(empty_db_url)
    upgrade(empty_db_url, "0011")
    _older(empty_db_url)
    before = _public_views(empty_db_url)
    ids = dict(fetch_all(empty_db_url, "SELECT event_id, to_char(event_date, 'YYYYMM') || CASE WHEN event_id ~ "
                                       "'^[0-9a-f]{20}$' THEN left(event_id, 16) ELSE event_id END FROM core.events"))
    assert ids["03fa2c0b1d4e5f6a7b8c"] == "20240303fa2c0b1d4e5f6a"  # the month, the digest's first 16 digits
    assert len(ids) == 44 and len(before) >= 10 and before["events_acled"][1] and before["dyads"][1]
    counts = fetch_all(empty_db_url, "SELECT (SELECT count(*) FROM core.event_sources), "
                                     "(SELECT count(*) FROM core.event_revisions)")

    upgrade(empty_db_url, "0013")  # 0014 retypes the country codes
    after = _public_views(empty_db_url)
    expected = _renamed(before, ids)
    for name in before:
        for k, part in enumerate(("columns", "rows", "grants")):
            assert after[name][k] == expected[name][k], (name, part)
    assert after == expected
    assert sorted(r[0] for r in fetch_all(empty_db_url, "SELECT event_id FROM core.events")) == sorted(ids.values())
    assert fetch_all(empty_db_url, "SELECT (SELECT count(*) FROM core.event_sources), "
                                   "(SELECT count(*) FROM core.event_revisions)") == counts
    assert dict(fetch_all(empty_db_url, "SELECT old_id, new_id FROM core.event_id_renames")) == ids
    assert fetch_all(empty_db_url, "SELECT count(*) FROM core.event_sources s WHERE NOT EXISTS "
                                   "(SELECT FROM core.events e WHERE e.event_id = s.event_id)") == [(0,)]
    assert fetch_all(empty_db_url, "SELECT event_id FROM core.event_revisions") == [("20241213fa2c0b1d4e5f6a",)]
    parts = fetch_all(empty_db_url, "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
                                    "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'core.events'::regclass "
                                    "ORDER BY 1")
    assert parts == [("events_2024", "FOR VALUES FROM ('2024') TO ('2025')"),
                     ("events_2025", "FOR VALUES FROM ('2025') TO ('2026')"),
                     ("events_2026_10", "FOR VALUES FROM ('202610') TO ('202611')"),
                     ("events_2026_11", "FOR VALUES FROM ('202611') TO ('202612')"),
                     ("events_unfiled", "FOR VALUES FROM ('a') TO (MAXVALUE)")]
    assert fetch_all(empty_db_url, "SELECT count(*) FROM core.events_2024") == [(2,)]
    # the primary key is one index PostgreSQL enforces across the months
    with pytest.raises(Exception, match=r"events_2026_10_pkey|duplicate key"), create_engine(empty_db_url).begin() as c:
        c.execute(text("INSERT INTO core.events SELECT * FROM core.events WHERE event_id LIKE '202610%' LIMIT 1"))
    engine = create_engine(empty_db_url)
    with engine.connect() as c:
        assert differences(c) == {"daily": [], "dyads": [], "monthly": [], "pairs": []}
    engine.dispose()

    downgrade(empty_db_url, "0011")
    back = _public_views(empty_db_url)
    for name in before:
        for k, part in enumerate(("columns", "rows", "grants")):
            assert back[name][k] == before[name][k], (name, part, set(back[name][k]) ^ set(before[name][k]))
    assert back == before
    assert fetch_all(empty_db_url, "SELECT event_id FROM core.event_revisions") == [("13fa2c0b1d4e5f6a7b8c",)]
    assert fetch_all(empty_db_url, "SELECT conname FROM pg_constraint WHERE conrelid = 'core.events'::regclass "
                                   "AND contype = 'p'") == [("events_pkey",)]
    upgrade(empty_db_url, "0013")
    assert _public_views(empty_db_url) == after
