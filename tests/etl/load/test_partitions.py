"""core.events partitioned by month on the id (migration 0012), through the store: loads make the months their
ids name; a revision that moves an event's date keeps its row where its id files it; a lookup by id reads one
month; an id naming no month is refused before anything is written; two loads make the same new months at once; a
closed year's months merge into one partition; a month detached and archived leaves the rest working. After each,
the rollups equal a recount."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from etl.ids import event_id
from etl.load.store import PostgresEventStore, ensure_partitions
from tests.etl.load.test_rollups import DAY, assert_rollups_agree, event, rid

pytestmark = pytest.mark.integration


@pytest.fixture
def store(db_url: str) -> PostgresEventStore:
    return PostgresEventStore(create_engine(db_url))


def rows(store: PostgresEventStore, sql: str, **params: Any) -> list[tuple[Any, ...]]:
    with store.engine.connect() as c:
        return [tuple(r) for r in c.execute(text(sql), params)]


def partitions(store: PostgresEventStore) -> list[str]:
    return [r[0] for r in rows(store, "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                                      "WHERE i.inhparent = 'core.events'::regclass ORDER BY 1")]


def where(store: PostgresEventStore, eid: str) -> list[tuple[Any, ...]]:
    """The partition holding the event, and its date."""
    return rows(store, "SELECT tableoid::regclass::text, event_date FROM core.events WHERE event_id = :i", i=eid)


def test_loads_make_the_months_their_ids_name(store: PostgresEventStore) -> None:
    assert partitions(store) == ["events_unfiled"]
    store.load_events([event(i) for i in range(20)], "run-1", DAY)  # dated 2026-10-30 .. 2026-11-05
    assert partitions(store) == ["events_2026_10", "events_2026_11", "events_unfiled"]
    october = rows(store, "SELECT count(*) FROM core.events_2026_10")[0][0]
    assert 0 < october < 20 and rows(store, "SELECT count(*) FROM core.events_2026_11") == [(20 - october,)]
    assert all(r[0].startswith("202610") for r in rows(store, "SELECT event_id FROM core.events_2026_10"))
    far = [event(100, event_id=event_id(date(2027, 1, 3), "x"), event_date=date(2027, 1, 3)),
           event(101, event_id=event_id(date(2019, 6, 1), "y"), event_date=date(2019, 6, 1))]
    store.load_events(far, "run-2", DAY)
    assert partitions(store) == ["events_2019_06", "events_2026_10", "events_2026_11", "events_2027_01",
                                 "events_unfiled"]
    # each partition carries core.events' indexes, named after it (the primary key one of them)
    assert sorted(r[0] for r in rows(store, "SELECT indexname FROM pg_indexes WHERE tablename = 'events_2019_06'")) \
        == ["events_2019_06_actor1_idx", "events_2019_06_actor2_idx", "events_2019_06_country_date_idx",
            "events_2019_06_date_idx", "events_2019_06_last_partition_brin", "events_2019_06_latlon_idx",
            "events_2019_06_pkey"]
    assert_rollups_agree(store)


def test_a_revision_across_months_keeps_the_row_where_its_id_files_it(store: PostgresEventStore) -> None:
    store.load_events([event(i) for i in range(10)], "run-1", DAY)
    first = where(store, rid(3))
    again = [event(i, event_date=date(2026, 8, 15)) if i < 3 else event(i) for i in range(10)]
    result = store.load_events(again, "run-2", DAY)
    assert (result.inserted, result.updated, result.unchanged) == (0, 3, 7)
    assert rows(store, "SELECT count(*), count(DISTINCT event_id) FROM core.events") == [(10, 10)]
    assert where(store, rid(1)) == [("core.events_2026_10", date(2026, 8, 15))]  # the id's month, the new date
    assert where(store, rid(3)) == first
    assert "events_2026_08" not in partitions(store)
    assert store.withdraw([rid(1), rid(2), "202611nosuchid"], "run-3", DAY) == 2
    assert rows(store, "SELECT count(*) FROM public.events WHERE event_id IN (:a, :b)", a=rid(1), b=rid(2)) == [(0,)]
    assert_rollups_agree(store)


def test_a_lookup_by_id_reads_one_month(store: PostgresEventStore) -> None:
    store.load_events([event(i) for i in range(20)], "run-1", DAY)
    with store.engine.connect() as c:
        plan = "\n".join(c.execute(text("EXPLAIN SELECT * FROM core.events WHERE event_id = :i"),
                                   {"i": rid(2)}).scalars())
        batch = "\n".join(c.execute(text("EXPLAIN SELECT event_id FROM core.events WHERE event_id = ANY(:i)"),
                                    {"i": [rid(2), rid(9)]}).scalars())
    assert "events_2026_11" in plan and "events_2026_10" not in plan and "events_unfiled" not in plan
    assert "events_2026_11" in batch and "events_unfiled" not in batch


def test_a_page_s_sources_read_by_id_read_only_their_months(store: PostgresEventStore) -> None:
    """The API reads a page's sources from public.event_sources by the page's ids (migration 0013): the ids reach
    the events' partitions, so only their months are read, and the rows are the events' sources."""
    store.load_events([event(i) for i in range(20)], "run-1", DAY)
    ids = [rid(2), rid(9)]
    with store.engine.connect() as c:
        c.execute(text("SET ROLE analyst"))
        plan = "\n".join(c.execute(text("EXPLAIN SELECT * FROM public.event_sources WHERE event_id = ANY(:i)"),
                                   {"i": ids}).scalars())
        seen = sorted(tuple(r) for r in c.execute(text(
            "SELECT event_id, article_id, start_char FROM public.event_sources WHERE event_id = ANY(:i)"), {"i": ids}))
    months = {i[:6] for i in ids}
    assert all(f"events_{m[:4]}_{m[4:]}" in plan for m in months)
    assert "events_unfiled" not in plan and not any(f"events_2026_{m}" in plan for m in ("10", "11")
                                                     if f"2026{m}" not in months)
    assert seen == sorted(rows(store, "SELECT event_id, article_id, start_char FROM core.event_sources "
                                      "WHERE event_id = ANY(:i)", i=ids)) and len(seen) >= 2


def test_an_id_naming_no_month_is_refused_before_anything_is_written(store: PostgresEventStore) -> None:
    good = [event(i) for i in range(5)]
    for bad in ("000000" + "0" * 20, "20261300aa", "1234"):  # undated, no such month, too short
        with pytest.raises(ValueError, match="names no month"):
            store.load_events([*good, event(9, event_id=bad)], "run-1", DAY)
    assert rows(store, "SELECT count(*) FROM core.events") == [(0,)]
    store.load_events([*good, event(9, event_id="hand-written-9")], "run-1", DAY)  # written by hand: unfiled
    assert where(store, "hand-written-9")[0][0] == "core.events_unfiled"
    assert_rollups_agree(store)


def test_two_loads_making_the_same_new_months_at_once(store: PostgresEventStore) -> None:
    """Loads of two days whose events fall in the same new months: one makes each month, the other waits for it
    and uses it (the parent's lock orders them; no 'already exists')."""
    errors: list[BaseException] = []

    def load(lo: int, day: date) -> None:
        try:
            dated = [(i, date(2030, 1 + i % 6, 10)) for i in range(lo, lo + 60)]
            store.load_events([event(i, event_id=event_id(d, i), event_date=d) for i, d in dated], f"run-{lo}", day,
                              batch_size=20)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=load, args=(lo, date(2030, 7, d))) for lo, d in ((0, 1), (1000, 2))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert [p for p in partitions(store) if p.startswith("events_2030")] == [f"events_2030_0{m}" for m in range(1, 7)]
    assert rows(store, "SELECT count(*) FROM core.events") == [(120,)]
    assert_rollups_agree(store)


def test_a_closed_year_merges_into_one_partition(store: PostgresEventStore, db_url: str) -> None:
    days = [date(2025, m, 10) for m in (1, 6, 12)]
    store.load_events([event(i, event_id=event_id(days[i % 3], i), event_date=days[i % 3]) for i in range(30)],
                      "run-1", DAY)
    before = rows(store, "SELECT * FROM core.events ORDER BY event_id")
    assert [p for p in partitions(store) if p.startswith("events_2025")] == [
        "events_2025_01", "events_2025_06", "events_2025_12"]
    owner = create_engine(db_url)  # the schema's owner runs the merge
    with owner.begin() as c:
        assert c.execute(text("SELECT core.merge_event_months(2025)")).scalar_one() == 30
    assert [p for p in partitions(store) if p.startswith("events_2025")] == ["events_2025"]
    assert rows(store, "SELECT * FROM core.events ORDER BY event_id") == before
    # a later load of that year writes into the year's partition, and a month of it is not made again
    late = event(99, event_id=event_id(date(2025, 3, 3), 99), event_date=date(2025, 3, 3))
    assert store.load_events([late], "run-2", DAY).inserted == 1
    assert where(store, late.event_id)[0][0] == "core.events_2025"
    with store.engine.begin() as c:
        assert ensure_partitions(c, [date(2025, 3, 1)]) == ["events_2025"]
    assert_rollups_agree(store)


def test_an_archived_month_leaves_the_rest_working(store: PostgresEventStore, db_url: str) -> None:
    store.load_events([event(i) for i in range(20)], "run-1", DAY)
    october = rows(store, "SELECT count(*) FROM core.events_2026_10")[0][0]
    owner = create_engine(db_url)
    with owner.begin() as c:  # the steps docs/partitioning.md gives
        c.execute(text("ALTER TABLE core.events DETACH PARTITION core.events_2026_10"))
        c.execute(text("DELETE FROM core.event_sources WHERE event_id >= '202610' AND event_id < '202611'"))
    assert rows(store, "SELECT count(*) FROM core.events") == [(20 - october,)]
    assert rows(store, "SELECT count(*) FROM core.events_2026_10") == [(october,)]  # kept aside, to copy out
    # while the detached month is there, a load of an event filed under it is refused with a message naming it
    with pytest.raises(Exception, match="exists but is no partition"):
        store.load_events([event(0)], "run-2", DAY)
    with owner.begin() as c:
        c.execute(text("DROP TABLE core.events_2026_10"))
    assert store.load_events([event(0)], "run-3", DAY).inserted == 1
    assert "events_2026_10" in partitions(store)
    assert store.load_events([event(i) for i in range(20) if rid(i) >= "202611"], "run-4", DAY).inserted == 0
