"""DuckDB over the demo's snapshot folder gives the counts of the PostgreSQL views: the current version of each
day (a late article republished the day as version 2) and each event's latest day (a revision carried by the next
day's snapshot)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from etl import settings as settings_mod
from etl.publish import LocalSnapshotStore
from etl.publish.lake import current_files, live_events_sql

REPO = Path(__file__).resolve().parents[3]
DAY = date(2026, 11, 25)
SCOPE = "('political_violence', 'demonstration', 'strategic_development')"

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def test_duckdb_over_the_snapshots_counts_what_the_views_count(db_url: str, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    duckdb = pytest.importorskip("duckdb")
    from etl.pipeline import run_day

    snapshots = tmp_path / "snapshots"
    for k, v in {"NEWSEVENTS_DATABASE_URL": db_url, "NEWSEVENTS_HOME": str(tmp_path / "home"),
                 "NEWSEVENTS_CACHE_DIR": str(REPO / ".newsevents" / "cache"),
                 "NEWSEVENTS_SNAPSHOT_URI": str(snapshots)}.items():
        monkeypatch.setenv(k, v)
    settings_mod.get_settings.cache_clear()
    try:
        voa = (REPO / "tests" / "data" / "voa" / "articles.jsonl").read_text(encoding="utf-8").splitlines(True)
        late = tmp_path / "late.jsonl"
        late.write_text("".join(voa[29:31]), encoding="utf-8")
        run_day(DAY, [str(REPO / "samples" / "articles")])  # the demo
        run_day(DAY, [str(REPO / "samples" / "articles"), str(late)])  # late articles: version 2 of the day
        run_day(DAY + timedelta(days=1), [str(late)])  # the next day reports the same stories again
    finally:
        settings_mod.get_settings.cache_clear()

    files = current_files(LocalSnapshotStore(snapshots), str(snapshots))
    assert any("/v=2/" in f for f in files) and len(files) == 2
    lake = duckdb.connect()
    lake.execute(f"CREATE VIEW events AS {live_events_sql(files)}")

    def both(pg_sql: str, lake_sql: str) -> tuple[list[tuple], list[tuple]]:
        engine = create_engine(db_url)
        with engine.connect() as c:
            c.execute(text("SET ROLE analyst"))
            pg = sorted(tuple(r) for r in c.execute(text(pg_sql)))
        engine.dispose()
        return pg, sorted(tuple(r) for r in lake.execute(lake_sql).fetchall())

    pg, dl = both("SELECT count(*), sum(fatalities) FROM events", "SELECT count(*), sum(fatalities) FROM events")
    assert pg == dl and pg[0][0] > 0
    pg, dl = both("SELECT count(*) FROM events_acled", f"SELECT count(*) FROM events WHERE event_class IN {SCOPE}")
    assert pg == dl
    pg, dl = both("SELECT event_date, country, event_type, sum(events)::int, sum(fatalities)::int FROM daily_counts "
                  "GROUP BY 1, 2, 3",
                  "SELECT event_date, location_country, event_type, count(*)::int, sum(fatalities)::int FROM events "
                  f"WHERE event_class IN {SCOPE} GROUP BY 1, 2, 3")
    assert pg == dl and pg
    pg, dl = both("SELECT actor1_name, actor2_name, sum(events)::int FROM dyads GROUP BY 1, 2",
                  "SELECT actor1_name, actor2_name, count(*)::int FROM events WHERE actor1_name IS NOT NULL AND "
                  f"actor2_name IS NOT NULL AND event_class IN {SCOPE} GROUP BY 1, 2")
    assert pg == dl
