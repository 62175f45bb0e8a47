"""Migration 0011 on a database that holds events: every view that existed before gives exactly what it gave (same
columns, types and rows: analysts' saved queries keep working), the new views agree with the old ones summed, the
rollups equal a recount, and the downgrade gives the old views back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from etl.load.migrate import downgrade, upgrade
from etl.load.rollups import differences
from tests.migrations.test_migration_0010_event_class import fetch_all

pytestmark = pytest.mark.integration

# Every view of 0010, whole, in a total order (the test checks that this is every view 0010 has).
VIEWS = {
    "events_acled": "SELECT * FROM events_acled ORDER BY event_id_cnty",
    "events_gdelt": 'SELECT * FROM events_gdelt ORDER BY "GLOBALEVENTID"',
    "events": "SELECT * FROM events ORDER BY event_id",
    "event_sources": "SELECT * FROM event_sources ORDER BY event_id, article_id, start_char",
    "daily_counts": "SELECT * FROM daily_counts ORDER BY event_date, country, event_type",
    "dyads": "SELECT * FROM dyads ORDER BY month, actor1_name, actor1_country, actor2_name, actor2_country",
}
# The new views, and what they must equal, read from the old ones (run at 0010 and after 0011)
NEW_VIEWS = {
    "daily_counts_detail": ("SELECT event_date, country, event_type, sum(events)::integer, sum(fatalities)::integer "
                            "FROM daily_counts_detail GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
                            "SELECT event_date, country, event_type, events, fatalities FROM daily_counts "
                            "ORDER BY 1, 2, 3"),
    "monthly_counts": ("SELECT * FROM monthly_counts ORDER BY 1, 2, 3",
                       "SELECT date_trunc('month', event_date)::date, country, event_type, sum(events)::integer, "
                       "sum(fatalities)::integer FROM daily_counts GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"),
    "dyad_totals": ("SELECT actor1_name, actor1_country, actor2_name, actor2_country, events, fatalities, "
                    "round(mean_goldstein::numeric, 3) FROM dyad_totals ORDER BY 1, 2, 3, 4",
                    "SELECT actor1_name, actor1_country, actor2_name, actor2_country, sum(events)::integer, "
                    "sum(fatalities)::integer, round((sum(mean_goldstein * events) / sum(events))::real::numeric, 3) "
                    "FROM dyads GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"),
}
TYPES = [("Battles", "Armed clash", "political_violence", -10.0), ("Protests", "Peaceful protest", "demonstration",
         -6.5), ("Strategic developments", "Other", "verbal_conflict", -2.0),
         ("Violence against civilians", "Attack", "political_violence", -9.0)]


def _populate(url: str) -> None:
    """Rows as the load wrote them at 0010: varied types, places, pairs, dates over a month's end, a withdrawn
    event, events with 0-3 sources (one without a date, two of one outlet)."""
    engine = create_engine(url)
    with engine.begin() as c:
        for i in range(40):
            etype, sub, cls, gold = TYPES[i % 4]
            c.execute(text(
                "INSERT INTO core.events (event_id, event_date, time_precision, event_type, sub_event_type, "
                "event_class, cameo_code, cameo_root, quad_class, goldstein, plover_event, actor1_name, "
                "actor1_country, actor2_name, actor2_country, location_name, location_admin1, location_country, "
                "latitude, longitude, fatalities, certainty, confidence, coder_version, num_sources, num_articles, "
                "first_seen, updated_at, withdrawn, partition_date, last_partition_date, last_run_id) VALUES "
                "(:id, :d, 1, :t, :s, :cls, '190', '19', 4, :g, 'X', :a1, 'SDN', :a2, :c2, 'Town', :adm, :cty, "
                "1.5, 2.5, :f, 0.5, 0.5, 'old', 1, 1, :seen, :seen, :gone, :d, :d, 'run-0')"),
                {"id": f"m{i:03d}", "d": date(2026, 10, 29) + timedelta(days=i % 5), "t": etype, "s": sub,
                 "cls": cls, "g": gold, "a1": f"Side {i % 3}", "a2": None if i % 7 == 0 else f"Other {i % 2}",
                 "c2": "KEN" if i % 2 else None, "adm": None if i % 6 == 0 else f"Region {i % 2}",
                 "cty": None if i % 9 == 0 else ("SDN" if i % 2 else "UKR"), "f": i % 4,
                 "seen": datetime(2026, 11, 25, 6, tzinfo=UTC), "gone": i == 13})
            for j in range(i % 4):
                c.execute(text("INSERT INTO core.event_sources (event_id, article_id, start_char, end_char, url, "
                               "source, published_at, sentence) VALUES (:id, :a, :s, :e, :u, :o, :p, :t)"),
                          {"id": f"m{i:03d}", "a": f"art-{(i * 7 + j) % 5}", "s": 10 * j, "e": 10 * j + 9,
                           "u": f"https://x.example/{i}/{j}", "o": f"Outlet {j % 2}",
                           "p": None if (i + j) % 5 == 0 else datetime(2026, 11, 25, 9 - j, tzinfo=UTC),
                           "t": f"Sentence {i} {j}."})
    engine.dispose()


def _views(url: str, queries: dict[str, str]) -> dict[str, tuple[list[tuple[str, str]], list[tuple]]]:
    """Each view's columns (name, type) and rows."""
    engine = create_engine(url)
    out = {}
    with engine.connect() as c:
        for name, sql in queries.items():
            columns = [(str(r[0]), str(r[1])) for r in c.execute(text(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' "
                "AND table_name = :v ORDER BY ordinal_position"), {"v": name})]
            out[name] = (columns, [tuple(r) for r in c.execute(text(sql))])
    engine.dispose()
    return out


def test_views_keep_their_output_and_rollups_start_right(empty_db_url: str) -> None:
    upgrade(empty_db_url, "0010")
    _populate(empty_db_url)
    assert {r[0] for r in fetch_all(empty_db_url, "SELECT table_name FROM information_schema.views "
                                              "WHERE table_schema = 'public'")} == set(VIEWS)
    before = _views(empty_db_url, VIEWS)
    assert len(before["events_acled"][1]) > 10 and before["daily_counts"][1] and before["dyads"][1]
    assert [c for c, _ in before["daily_counts"][0]] == ["event_date", "country", "event_type", "events",
                                                         "fatalities"]
    old_sums = {name: fetch_all(empty_db_url, old) for name, (_, old) in NEW_VIEWS.items()}
    upgrade(empty_db_url, "0011")
    after = _views(empty_db_url, VIEWS)
    for name in VIEWS:
        assert after[name] == before[name], name
    for name, (new, old) in NEW_VIEWS.items():
        assert fetch_all(empty_db_url, new) == old_sums[name] == fetch_all(empty_db_url, old), name
    engine = create_engine(empty_db_url)
    with engine.connect() as c:
        assert differences(c) == {"daily": [], "dyads": [], "monthly": [], "pairs": []}
        mentions = dict(c.execute(text("SELECT event_id, mentions FROM core.events")).all())
        assert mentions["m003"] == 3 and mentions["m004"] == 0
    engine.dispose()
    downgrade(empty_db_url, "0010")
    assert _views(empty_db_url, VIEWS) == before
    assert not fetch_all(empty_db_url, "SELECT tablename FROM pg_tables WHERE tablename LIKE 'rollup%'")
