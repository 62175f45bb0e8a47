"""`core.events` partitioned by month on its id (issue 21), converted in place.

* An event id starts with the month it was filed under (`etl.ids`: `202611` + a 16-digit digest), and
  `core.events` is partitioned by RANGE (event_id): `core.events_2026_11` holds the ids from '202611' to '202612'.
  Because the partition key is the id, the primary key stays one unique index PostgreSQL enforces across all months
  (a partitioned table's unique index must hold its partition key); a lookup by id, and a load's batch of ids, read
  only their months' indexes. The month is the event's date when first coded: a revision that moves an event to
  another month keeps its id and its partition (the earlier versions partitioned by event_date and needed a
  directory table to keep ids unique across months, which cost the load 8-12% and 76 bytes an event:
  docs/partitioning.md).
* Closed years merge into one partition (`SELECT core.merge_event_months(2025)` makes `core.events_2025`, the ids
  from '2025' to '2026'), since every partition costs planning to the queries that cannot prune (by date, by
  country). The conversion leaves every year before the latest event's as one partition and the latest year month
  by month. An id written by hand that starts with a lower-case letter (`ev00001`) goes to `core.events_unfiled`
  (ids from 'a' on); an id starting with a digit must name its month (the load says so before writing). There is no
  DEFAULT partition: attaching a month would lock it ACCESS EXCLUSIVE (and scan it), so a new month would wait for
  every running query that reads all months.
* `core.ensure_event_partition(month)` makes a month unless its year or month is there (SECURITY DEFINER: the
  loader role calls it, in a transaction of its own, before a load writes events of that month): a plain table
  LIKE core.events with its indexes, then ATTACH, which takes SHARE UPDATE EXCLUSIVE on core.events, so readers
  and writers go on (CREATE TABLE … PARTITION OF would take ACCESS EXCLUSIVE and queue behind a long query).
* The columns are stored widest alignment first (8-byte, 4, 2, 1, then variable-length): no padding between them.
  Views and the load name their columns; the downgrade restores the old order.
* `core.event_sources` stays one table, keyed by (event_id, article_id, start_char): with month-led ids a month's
  sources are one range of its primary key (archived with `event_id >= '202610' AND event_id < '202611'`), and the
  views' join to an event's first source on that key is one PostgreSQL drops when a query reads none of its columns
  (`count(*)` over events_acled); partitioned, it could not drop it (measured: 2.2 s against 0.37 s at 1M events).
* The conversion gives every stored event its month in front of its id (the month of its date, the digest cut to
  its first 16 digits), in core.events, core.event_sources and core.event_revisions, and keeps the old and new ids
  in `core.event_id_renames` (ids published before can be looked up there; the downgrade puts them back). It holds
  ACCESS EXCLUSIVE locks on the three tables throughout, fills each partition as a plain table, checks the count,
  builds the indexes after the copy, attaches the partitions with their ranges proven by a CHECK, and recreates the
  views that read the table from the catalog (in creation order, with their grants).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from datetime import date

from alembic import op
from sqlalchemy import Connection, text

from migrations.catalog import create_views, dependent_views, drop_views

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# The column order 0011 left (the downgrade puts it back).
OLD_ORDER = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "cameo_code", "cameo_root",
    "quad_class", "goldstein", "plover_event", "actor1_name", "actor1_country", "actor1_cameo", "actor1_inter",
    "actor1_text", "actor2_name", "actor2_country", "actor2_cameo", "actor2_inter", "actor2_text", "location_name",
    "location_admin1", "location_admin2", "location_country", "latitude", "longitude", "geo_precision",
    "location_feature_type", "location_text", "fatalities", "fatalities_reported", "hedged", "negated", "certainty",
    "confidence", "coder_version", "num_sources", "num_articles", "first_seen", "created_at", "updated_at",
    "withdrawn", "partition_date", "last_partition_date", "last_run_id", "event_class", "mentions",
    "first_article_id", "first_start_char",
)

# 0011's indexes; on the partitioned table each is one index a partition.
INDEXES = (
    "ALTER TABLE {t} ADD CONSTRAINT events_pkey PRIMARY KEY (event_id)",
    "CREATE INDEX events_date_idx ON {t} (event_date)",
    "CREATE INDEX events_country_date_idx ON {t} (location_country, event_date)",
    "CREATE INDEX events_actor1_idx ON {t} (actor1_country, actor1_name)",
    "CREATE INDEX events_actor2_idx ON {t} (actor2_country, actor2_name)",
    "CREATE INDEX events_latlon_idx ON {t} (latitude, longitude) WHERE latitude IS NOT NULL",
    "CREATE INDEX events_last_partition_brin ON {t} USING brin (last_partition_date) WITH (autosummarize = on)",
)

# An id of the old shape given its month, and the month taken off again (the downgrade).
# An id of the old shape given its month, its digest cut to etl.ids' 16 digits (a prefix of the 20 it had, so a
# re-coded article finds the same id); the month taken off again (the downgrade, for ids made after the upgrade).
WITH_MONTH = "to_char({d}, 'YYYYMM') || CASE WHEN {i} ~ '^[0-9a-f]{{20}}$' THEN left({i}, 16) ELSE {i} END"
WITHOUT_MONTH = "CASE WHEN {i} ~ '^[0-9]{{6}}.' THEN substr({i}, 7) ELSE {i} END"

# Every id the conversion changed, old and new: analysts and exports that kept ids published before find the new
# ones here, and the downgrade puts the old ones back.
RENAMES = """
CREATE TABLE core.event_id_renames (
    old_id text PRIMARY KEY,
    new_id text NOT NULL UNIQUE
);
GRANT SELECT ON core.event_id_renames TO newsevents_loader, analyst;
"""

FUNCTIONS = """
-- The partition of core.events holding the ids of `month` (its year's or its month's), or NULL.
CREATE FUNCTION core.event_partition_of(month date) RETURNS text LANGUAGE sql STABLE
    SET search_path = pg_catalog
    RETURN (SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'core.events'::regclass
              AND c.relname IN ('events_' || to_char(month, 'YYYY'), 'events_' || to_char(month, 'YYYY_MM')));

-- core.events' indexes built on the table core.<part>, named after it (events_2026_11_country_date_idx; the primary
-- key as a constraint), before it is attached (ATTACH PARTITION adopts them) or, if it is attached already,
-- attached here.
CREATE FUNCTION core.index_event_partition(part text) RETURNS void LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
DECLARE
    r record;
    child text;
    attached boolean := EXISTS (SELECT FROM pg_inherits WHERE inhparent = 'core.events'::regclass
                                AND inhrelid = format('core.%I', part)::regclass);
BEGIN
    FOR r IN SELECT c.relname, pg_get_indexdef(i.indexrelid) AS def, i.indisprimary FROM pg_index i
             JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'core.events'::regclass ORDER BY c.relname LOOP
        child := part || substr(r.relname, length('events') + 1);
        IF r.indisprimary THEN
            EXECUTE format('ALTER TABLE core.%I ADD CONSTRAINT %I PRIMARY KEY (event_id)', part, child);
        ELSE
            EXECUTE replace(replace(r.def, ' ON ONLY core.events ', format(' ON core.%I ', part)),
                            format('INDEX %s ', r.relname), format('INDEX %I ', child));
        END IF;
        IF attached THEN
            EXECUTE format('ALTER INDEX core.%I ATTACH PARTITION core.%I', r.relname, child);
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION core.index_event_partition(text) FROM PUBLIC;

-- Attach the table core.<part> for ids from `lo` to `hi`, its range proven by a CHECK first, so that ATTACH
-- skips its scan of the rows.
CREATE FUNCTION core.attach_event_partition(part text, lo text, hi text) RETURNS void LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
BEGIN
    EXECUTE format('ALTER TABLE core.%I ADD CONSTRAINT %I CHECK (event_id >= %L AND event_id < %L)', part,
                   part || '_range', lo, hi);
    EXECUTE format('ALTER TABLE core.events ATTACH PARTITION core.%I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
    EXECUTE format('ALTER TABLE core.%I DROP CONSTRAINT %I', part, part || '_range');
END
$$;
REVOKE ALL ON FUNCTION core.attach_event_partition(text, text, text) FROM PUBLIC;

-- The partition that holds the ids of `month` (its year's if the year was merged, else its month's), made if
-- missing.
CREATE FUNCTION core.ensure_event_partition(month date) RETURNS text LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog AS $$
DECLARE
    found text := core.event_partition_of(month);
    name text := 'events_' || to_char(month, 'YYYY_MM');
    first date := date_trunc('month', month)::date;
BEGIN
    IF found IS NOT NULL THEN
        RETURN found;
    END IF;
    -- ATTACH takes this lock anyway; taking it first makes two loads that need the same month take turns, and
    -- taking a table lock makes the second read the catalog as the first left it
    LOCK TABLE core.events IN SHARE UPDATE EXCLUSIVE MODE;
    found := core.event_partition_of(month);
    IF found IS NOT NULL THEN
        RETURN found;
    END IF;
    IF to_regclass(format('core.%I', name)) IS NOT NULL THEN
        RAISE EXCEPTION 'core.% exists but is no partition of core.events (a detached month?): attach it again, '
            'or drop it once archived, before loading events of %', name, to_char(month, 'YYYY-MM');
    END IF;
    EXECUTE format('CREATE TABLE core.%I (LIKE core.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS '
                   'INCLUDING STORAGE)', name);
    PERFORM core.index_event_partition(name);
    PERFORM core.attach_event_partition(name, to_char(first, 'YYYYMM'),
                                        to_char(first + interval '1 month', 'YYYYMM'));
    RETURN name;
END
$$;
REVOKE ALL ON FUNCTION core.ensure_event_partition(date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION core.ensure_event_partition(date) TO newsevents_loader;

-- A closed year's month partitions made one (core.events_YYYY), as the schema's owner: writes to that year wait
-- while its rows are copied (its months are locked in SHARE mode), reads go on but for the moment of the swap.
-- Returns the rows moved.
CREATE FUNCTION core.merge_event_months(y integer) RETURNS bigint LANGUAGE plpgsql
    SET search_path = pg_catalog AS $$
DECLARE
    name text := 'events_' || lpad(y::text, 4, '0');
    lo text := lpad(y::text, 4, '0');
    hi text := lpad((y + 1)::text, 4, '0');
    months text[];
    m text;
    moved bigint;
BEGIN
    LOCK TABLE core.events IN SHARE UPDATE EXCLUSIVE MODE;
    IF to_regclass(format('core.%I', name)) IS NOT NULL THEN
        RAISE EXCEPTION 'core.% exists already', name;
    END IF;
    SELECT coalesce(array_agg(c.relname::text ORDER BY c.relname), '{}') INTO months
    FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'core.events'::regclass AND c.relname ~ ('^events_' || lo || '_[0-9]{2}$');
    FOREACH m IN ARRAY months LOOP
        EXECUTE format('LOCK TABLE core.%I IN SHARE MODE', m);
    END LOOP;
    EXECUTE format('CREATE TABLE core.%I (LIKE core.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS '
                   'INCLUDING STORAGE)', name);
    EXECUTE format('INSERT INTO core.%I SELECT * FROM core.events WHERE event_id >= %L AND event_id < %L',
                   name, lo, hi);
    GET DIAGNOSTICS moved = ROW_COUNT;
    PERFORM core.index_event_partition(name);  -- once the rows are in: compact
    FOREACH m IN ARRAY months LOOP
        EXECUTE format('ALTER TABLE core.events DETACH PARTITION core.%I', m);
        EXECUTE format('DROP TABLE core.%I', m);
    END LOOP;
    PERFORM core.attach_event_partition(name, lo, hi);
    EXECUTE format('ANALYZE core.%I', name);
    RETURN moved;
END
$$;
REVOKE ALL ON FUNCTION core.merge_event_months(integer) FROM PUBLIC;

"""

UNFILED = """
CREATE TABLE core.events_unfiled (LIKE core.events INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE);
SELECT core.index_event_partition('events_unfiled');
ALTER TABLE core.events ATTACH PARTITION core.events_unfiled FOR VALUES FROM ('a') TO (MAXVALUE);
"""

TRIGGERS = """
CREATE TRIGGER events_rollups_delete AFTER DELETE ON core.events REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION core.rollups_count_out();
CREATE TRIGGER events_rollups_truncate AFTER TRUNCATE ON core.events
    FOR EACH STATEMENT EXECUTE FUNCTION core.rollups_truncate();
"""

Columns = dict[str, tuple[str, bool, str | None, str, int]]


def _columns(conn: Connection, table: str) -> Columns:
    """name -> (type, not null, default, alignment, length), in the table's order."""
    rows = conn.execute(text(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), "
        "t.typalign, t.typlen FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid "
        "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "WHERE a.attrelid = CAST(:t AS regclass) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"),
        {"t": table}).all()
    return {r[0]: (r[1], r[2], r[3], r[4], r[5]) for r in rows}


def packed_order(columns: Columns) -> list[str]:
    """Fixed-length columns widest alignment first, then the variable-length ones: no padding between columns."""
    width = {"d": 8, "i": 4, "s": 2, "c": 1}
    names = list(columns)
    return sorted(names, key=lambda c: (columns[c][4] < 0, -width[columns[c][3]], names.index(c)))


def _create_table(name: str, columns: Columns, order: list[str] | tuple[str, ...], tail: str = "") -> str:
    body = ",\n    ".join(f"{c} {columns[c][0]}" + (" NOT NULL" if columns[c][1] else "")
                          + (f" DEFAULT {columns[c][2]}" if columns[c][2] else "") for c in order)
    return f"CREATE TABLE {name} (\n    {body}\n){tail}"


def _checks(conn: Connection) -> list[str]:
    return [f"ALTER TABLE {{t}} ADD CONSTRAINT {r[0]} {r[1]}" for r in conn.execute(text(
        "SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = 'core.events'::regclass AND contype = 'c' ORDER BY conname"))]


def _next_month(m: date) -> date:
    return date(m.year + m.month // 12, m.month % 12 + 1, 1)


def partitions_for(months: list[date]) -> list[tuple[str, str, str]]:
    """(name, first id, first id after) of the partitions holding `months`: the latest year's month by month,
    each earlier year as one partition (as core.merge_event_months leaves it)."""
    out: dict[str, tuple[str, str, str]] = {}
    latest = max(months).year if months else 0
    for m in sorted(months):
        if m.year < latest:
            out[f"events_{m.year:04d}"] = (f"events_{m.year:04d}", f"{m.year:04d}", f"{m.year + 1:04d}")
        else:
            out[f"events_{m:%Y_%m}"] = (f"events_{m:%Y_%m}", f"{m:%Y%m}", f"{_next_month(m):%Y%m}")
    return list(out.values())


def _select(order: list[str] | tuple[str, ...], event_id: str) -> str:
    """The columns in `order`, the id replaced by the expression `event_id`."""
    return ", ".join(f"{event_id} AS event_id" if c == "event_id" else c for c in order)


def _as_day(bound: str) -> date:
    """The first day of a partition bound ('2025' or '202611')."""
    return date(int(bound[:4]), int(bound[4:6] or 1), 1)


def _count(conn: Connection, table: str) -> int:
    return int(conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def _grant(table: str) -> None:
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO newsevents_loader")


def upgrade() -> None:
    conn = op.get_bind()
    op.execute("LOCK TABLE core.events, core.event_sources, core.event_revisions IN ACCESS EXCLUSIVE MODE")
    columns = _columns(conn, "core.events")
    assert set(columns) == set(OLD_ORDER), sorted(set(columns) ^ set(OLD_ORDER))
    order = packed_order(columns)
    checks = _checks(conn)
    views = dependent_views(conn, "core.events")
    months = list(conn.execute(text(
        "SELECT DISTINCT date_trunc('month', event_date)::date FROM core.events ORDER BY 1")).scalars())
    parts = partitions_for(months)

    op.execute(_create_table("core.events_partitioned", columns, order, " PARTITION BY RANGE (event_id)"))
    cols = ", ".join(order)
    new_id = WITH_MONTH.format(d="event_date", i="event_id")
    moved = 0
    for name, lo, hi in parts:  # each partition filled as a plain table, attached once indexed
        op.execute(_create_table(f"core.{name}", columns, order))
        for sql in checks:
            op.execute(sql.format(t=f"core.{name}"))
        moved += conn.execute(text(
            f"INSERT INTO core.{name} ({cols}) SELECT {_select(order, new_id)} "
            f"FROM core.events WHERE date_trunc('month', event_date) >= :lo "
            f"AND date_trunc('month', event_date) < :hi"), {"lo": _as_day(lo), "hi": _as_day(hi)}).rowcount
    kept = _count(conn, "core.events")
    assert moved == kept, f"copied {moved} events of {kept}"
    op.execute(RENAMES)
    op.execute(f"INSERT INTO core.event_id_renames SELECT event_id, {new_id} FROM core.events ORDER BY 1")
    for table in ("core.event_sources", "core.event_revisions"):
        op.execute(f"UPDATE {table} x SET event_id = k.new_id FROM core.event_id_renames k "
                   f"WHERE x.event_id = k.old_id")

    drop_views(views)
    op.execute("DROP TABLE core.events")
    op.execute("ALTER TABLE core.events_partitioned RENAME TO events")
    for sql in checks:
        op.execute(sql.format(t="core.events"))
    for sql in INDEXES:  # on the parent, no partition attached yet
        op.execute(sql.format(t="core.events"))
    op.execute(FUNCTIONS)
    for name, lo, hi in parts:
        op.execute(text("SELECT core.index_event_partition(:p), core.attach_event_partition(:p, :lo, :hi)")
                   .bindparams(p=name, lo=lo, hi=hi))
    op.execute(UNFILED)
    _grant("core.events")
    op.execute(TRIGGERS)
    create_views(views, {})
    op.execute("ANALYZE core.events")


def downgrade() -> None:
    conn = op.get_bind()
    op.execute("LOCK TABLE core.events, core.event_sources, core.event_revisions IN ACCESS EXCLUSIVE MODE")
    columns = _columns(conn, "core.events")
    checks = _checks(conn)
    views = dependent_views(conn, "core.events")
    op.execute(_create_table("core.events_unpartitioned", columns, OLD_ORDER))
    cols = ", ".join(OLD_ORDER)
    op.execute(f"CREATE TEMPORARY TABLE events_unkeyed ON COMMIT DROP AS SELECT e.event_id AS new_id, "
               f"COALESCE(r.old_id, {WITHOUT_MONTH.format(i='e.event_id')}) AS old_id "
               f"FROM core.events e LEFT JOIN core.event_id_renames r ON r.new_id = e.event_id")
    op.execute("CREATE INDEX ON events_unkeyed (new_id)")
    op.execute(f"INSERT INTO core.events_unpartitioned ({cols}) "
               f"SELECT {_select(OLD_ORDER, 'k.old_id')} "
               f"FROM core.events e JOIN events_unkeyed k ON k.new_id = e.event_id")
    moved, kept = _count(conn, "core.events_unpartitioned"), _count(conn, "core.events")
    assert moved == kept, f"copied {moved} events of {kept}"
    for table in ("core.event_sources", "core.event_revisions"):
        op.execute(f"UPDATE {table} x SET event_id = k.old_id FROM events_unkeyed k "
                   f"WHERE x.event_id = k.new_id AND k.old_id <> k.new_id")
    drop_views(views)
    op.execute("DROP FUNCTION core.ensure_event_partition(date), core.event_partition_of(date), "
               "core.merge_event_months(integer), core.index_event_partition(text), "
               "core.attach_event_partition(text, text, text)")
    op.execute("DROP TABLE core.events, core.event_id_renames")  # the partitions with their table
    op.execute("ALTER TABLE core.events_unpartitioned RENAME TO events")
    for sql in (*checks, *INDEXES):
        op.execute(sql.format(t="core.events"))  # the primary key and 0011's names back
    _grant("core.events")
    op.execute(TRIGGERS)
    create_views(views, {})
    op.execute("ANALYZE core.events")
