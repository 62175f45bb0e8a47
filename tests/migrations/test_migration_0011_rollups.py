"""Migration 0011 on a database that holds events: every view gives what it gave before (the ACLED and GDELT views
row for row, daily counts and dyads summed to their old grain), the rollups equal a recount, and the downgrade gives
the old views back."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text

from etl.load.migrate import downgrade, upgrade
from etl.load.rollups import differences

pytestmark = pytest.mark.integration

DAILY = ("SELECT event_date, country, event_type, sum(events)::integer, sum(fatalities)::integer FROM daily_counts "
         "GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
DYADS = ("SELECT month, actor1_name, actor1_country, actor2_name, actor2_country, events, fatalities, "
         "round(mean_goldstein::numeric, 3), first_event, last_event FROM dyads ORDER BY 1, 2, 3, 4, 5")
VIEWS = {
    "events_acled": "SELECT * FROM events_acled ORDER BY event_id_cnty",
    "events_gdelt": 'SELECT * FROM events_gdelt ORDER BY "GLOBALEVENTID"',
    "events": "SELECT * FROM events ORDER BY event_id",
    "event_sources": "SELECT * FROM event_sources ORDER BY event_id, article_id, start_char",
    "daily_counts": DAILY,
    "dyads": DYADS,
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


def _views(url: str) -> dict[str, list[tuple]]:
    engine = create_engine(url)
    with engine.connect() as c:
        out = {name: [tuple(r) for r in c.execute(text(sql))] for name, sql in VIEWS.items()}
    engine.dispose()
    return out


def test_views_keep_their_output_and_rollups_start_right(empty_db_url: str) -> None:
    upgrade(empty_db_url, "0010")
    _populate(empty_db_url)
    before = _views(empty_db_url)
    assert len(before["events_acled"]) > 10 and before["daily_counts"] and before["dyads"]
    upgrade(empty_db_url)
    after = _views(empty_db_url)
    for name in VIEWS:
        assert after[name] == before[name], name
    engine = create_engine(empty_db_url)
    with engine.connect() as c:
        assert differences(c) == {"daily": [], "dyads": []}
        mentions = dict(c.execute(text("SELECT event_id, mentions FROM core.events")).all())
        assert mentions["m003"] == 3 and mentions["m004"] == 0
    engine.dispose()
    downgrade(empty_db_url, "0010")
    assert _views(empty_db_url) == before
