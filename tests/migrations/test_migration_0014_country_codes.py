"""Migration 0014 on a database holding events: the country codes become varchar, every view gives the same rows
and grants (its country columns now `character varying`), no core table keeps a char(n) column, the rollups equal a
recount, and the downgrade gives the char(3) columns back. At head, the indexes holding country codes deduplicate:
an index key repeated over many events costs a few bytes an event, not a whole key each."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from etl.load import bench_analytics
from etl.load.migrate import downgrade, upgrade
from etl.load.rollups import differences
from tests.migrations.test_migration_0010_event_class import fetch_all
from tests.migrations.test_migration_0011_rollups import _populate
from tests.migrations.test_migration_0012_partitions import _older, _public_views

pytestmark = pytest.mark.integration

CHAR_COLUMNS = ("SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname IN ('core', 'public') "
                "AND a.atttypid = 'bpchar'::regtype AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN "
                "('r', 'p', 'v') ORDER BY 1, 2")


def _retyped(views: dict, columns: dict[str, str]) -> dict:
    """The views as they should read after 0014: the same rows and grants, char columns as varchar."""
    return {name: ([(c, columns.get(t, t)) for c, t in cols], rows, grants)
            for name, (cols, rows, grants) in views.items()}


def test_country_codes_become_varchar_and_every_view_and_row_stays(empty_db_url: str) -> None:
    upgrade(empty_db_url, "0010")
    _populate(empty_db_url)
    upgrade(empty_db_url, "0011")
    _older(empty_db_url)
    upgrade(empty_db_url, "0013")
    before = _public_views(empty_db_url)
    assert ("events_acled" in before and before["events_acled"][1]
            and ("iso3", "character") in before["events_acled"][0])
    assert len(fetch_all(empty_db_url, CHAR_COLUMNS)) > 20  # views and partitions included
    events = sorted(fetch_all(empty_db_url, "SELECT * FROM core.events"), key=repr)

    upgrade(empty_db_url, "0014")
    after = _public_views(empty_db_url)
    expected = _retyped(before, {"character": "character varying"})
    for name in before:
        for k, part in enumerate(("columns", "rows", "grants")):
            assert after[name][k] == expected[name][k], (name, part)
    assert after == expected
    assert fetch_all(empty_db_url, CHAR_COLUMNS) == []
    assert sorted(fetch_all(empty_db_url, "SELECT * FROM core.events"), key=repr) == events
    assert fetch_all(empty_db_url, "SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                                   "'core.ref_countries'::regclass AND attname IN ('iso2', 'iso3') "
                                   "ORDER BY attname") == [("character varying(2)",), ("character varying(3)",)]
    engine = create_engine(empty_db_url)
    with engine.connect() as c:
        assert differences(c) == {"daily": [], "dyads": [], "monthly": [], "pairs": []}
    engine.dispose()

    downgrade(empty_db_url, "0013")
    assert _public_views(empty_db_url) == before
    assert sorted(fetch_all(empty_db_url, "SELECT * FROM core.events"), key=repr) == events
    upgrade(empty_db_url)
    assert _public_views(empty_db_url) == after


def test_indexes_on_country_codes_store_a_repeated_key_once(db_url: str) -> None:
    n = 20_000  # sixty actors, ten countries, ten years: each actor's key repeats over ~330 events
    engine = create_engine(db_url)
    bench_analytics.build(engine, n, "bulk", progress=lambda _: None)
    engine.dispose()
    # the largest partition (a closed year, ~2,000 events), less an index's metapage and root
    part, rows = fetch_all(db_url, "SELECT tableoid::regclass::text, count(*) FROM core.events "
                                   "GROUP BY 1 ORDER BY 2 DESC LIMIT 1")[0]
    per_event = {name: (fetch_all(db_url, f"SELECT pg_relation_size('{part}_{name}')")[0][0] - 2 * 8192) / rows
                 for name in ("actor1_idx", "actor2_idx", "country_date_idx", "pkey")}
    # a char(3) column kept every row's key: about 45 bytes an event for an actor's (country, name)
    assert per_event["actor1_idx"] < 15 and per_event["actor2_idx"] < 15, per_event
    assert per_event["pkey"] > 30, per_event  # unique ids, nothing to deduplicate: the measure is not vacuous
