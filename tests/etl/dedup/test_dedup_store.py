"""Merging against events read back from a real PostgreSQL: a rerun changes nothing, a later report revises."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import create_engine

from etl.dedup.events import merge_events

pytestmark = pytest.mark.integration
DAY = date(2026, 11, 20)


def test_rerun_and_next_day_against_the_store(db_url: str, make_report) -> None:  # type: ignore[no-untyped-def]
    from etl.load.store import PostgresEventStore

    engine = create_engine(db_url)
    store = PostgresEventStore(engine)
    reports = [make_report("a1", n=3), make_report("a2", n=5, outlet="AFP", hours=2)]

    first = merge_events(reports, store.candidates(DAY - timedelta(days=3), DAY + timedelta(days=3)))
    store.load_events(first.events, "run-1", DAY)
    [stored] = store.candidates(DAY - timedelta(days=3), DAY + timedelta(days=3))
    assert stored.fatalities_reported == [3, 5] and [s.article_id for s in stored.sources] == ["a1", "a2"]

    again = merge_events(reports, store.candidates(DAY - timedelta(days=3), DAY + timedelta(days=3)))
    assert again.unchanged_ids == [stored.event_id] and not again.new_ids and not again.revised_ids
    assert store.load_events(again.events, "run-2", DAY).inserted == 0

    later = merge_events([make_report("b9", n=5, outlet="BBC", day=DAY + timedelta(days=1))],
                         store.candidates(DAY - timedelta(days=2), DAY + timedelta(days=4)))
    assert later.revised_ids == [stored.event_id]
    store.load_events(later.events, "run-3", DAY + timedelta(days=1))
    [revised] = store.candidates(DAY - timedelta(days=3), DAY + timedelta(days=3))
    assert revised.event_id == stored.event_id and revised.num_articles == 3 and revised.fatalities == 5
    engine.dispose()
