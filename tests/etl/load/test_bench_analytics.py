"""bench-analytics: its two ways of building events store the same events and rollups, and it times every query."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from etl.load.bench_analytics import build, format_table, readme_queries, storage, time_queries
from etl.load.rollups import differences

pytestmark = pytest.mark.integration

COLUMNS = ("event_id, event_date, event_type, sub_event_type, event_class, cameo_code, quad_class, goldstein, "
           "actor1_name, actor1_country, actor2_name, actor2_country, location_name, location_admin1, "
           "location_country, latitude, longitude, fatalities, fatalities_reported, num_sources, first_seen, "
           "mentions, first_article_id, first_start_char")


def _dump(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    with engine.connect() as c:
        out = {
            "events": [tuple(r) for r in c.execute(text(f"SELECT {COLUMNS} FROM core.events ORDER BY event_id"))],
            "sources": [tuple(r) for r in c.execute(text(
                "SELECT event_id, article_id, start_char, end_char, url, source, published_at, sentence "
                "FROM core.event_sources ORDER BY 1, 2, 3"))],
            "daily": [tuple(r) for r in c.execute(text("SELECT * FROM public.daily_counts_by_class ORDER BY 1, 2, 3, "
                                                       "4, 5, 6"))],
            "dyads": [tuple(r) for r in c.execute(text("SELECT * FROM public.dyads_by_class ORDER BY 1, 2, 3, 4, "
                                                       "5, 6"))],
            "monthly": [tuple(r) for r in c.execute(text("SELECT * FROM core.rollup_monthly WHERE events > 0 "
                                                         "ORDER BY 1, 2, 3, 4"))],
            "pairs": [tuple(r) for r in c.execute(text("SELECT actor1_name, actor1_country, actor2_name, "
                                                       "actor2_country, event_class, events, fatalities "
                                                       "FROM core.rollup_pairs WHERE events > 0 ORDER BY 1, 2, 3, 4, "
                                                       "5"))],
        }
        assert differences(c) == {"daily": [], "dyads": [], "monthly": [], "pairs": []}
    engine.dispose()
    return out


def test_load_and_bulk_build_the_same_feed(db_url: str, pg_server_url: str) -> None:
    from etl.load.bench import scratch_database

    build(create_engine(db_url), 400, "load", progress=lambda _: None)
    with scratch_database(pg_server_url) as other:
        engine = create_engine(other)
        build(engine, 400, "bulk", progress=lambda _: None)
        engine.dispose()
        loaded, bulk = _dump(db_url), _dump(other)
    assert len(loaded["events"]) == 400 and len(loaded["sources"]) > 400
    assert {r[4] for r in loaded["events"]} > {"political_violence", "verbal_conflict"}
    for part in ("events", "sources", "daily", "dyads", "monthly", "pairs"):
        assert loaded[part] == bulk[part], part


def test_every_query_is_timed(db_url: str) -> None:
    engine = create_engine(db_url)
    build(engine, 300, "bulk", progress=lambda _: None)
    assert set(readme_queries()) == {"readme country_week", "readme top_dyads", "readme fatalities_by_month",
                                     "readme provenance"}
    times = time_queries(engine, repeat=2)
    assert len(times) == 16 and all(t["p95_ms"] >= t["p50_ms"] > 0 for t in times.values())
    size = storage(engine, 300)
    assert size["events_bytes_per_event"] > 0 and size["rollup_bytes"] > 0
    lines = list(format_table({"events": 300, "via": "bulk", "build_seconds": 1.0, "queries": times, **size}))
    assert any("count(*) events_acled" in line for line in lines)
    engine.dispose()
