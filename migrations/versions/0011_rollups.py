"""Rollups kept by the load, and analyst views that compute nothing per row that the load can store.

* `core.rollup_daily`: live events and fatalities per date × country × admin1 × event type × sub-type × class;
  `core.rollup_dyads`: live events, fatalities, the Goldstein sum and the events of each day of the month per
  month × actor pair × class. The load keeps them in the same transaction as the events they count: each batch
  sums its changes (new events added, a revised event's previous row taken off and its new one added, a withdrawn
  event taken off) and applies them with one INSERT … ON CONFLICT DO UPDATE per table (`etl.load.rollups`). A
  row whose count falls to zero stays, at zero; the views skip it and `newsevents db rollups --rebuild` removes it.
  The per-day array keeps a month's first and last event exact when an event is taken off; a row trigger on the
  rollup (not on the events) stores the first and last day with events from it, so the views compute nothing.
* `core.rollup_monthly` (events, fatalities per month × country × event type × class) and `core.rollup_pairs`
  (events, fatalities, Goldstein sum per actor pair × class, all time): the coarse questions (fatalities by month
  over ten years, the top pairs of all time) read a few thousand rows instead of regrouping the daily and monthly
  rollups, which at 50M events hold millions. The load derives their change from the two above, in memory.
* `daily_counts` and `dyads` keep 0010's columns and grain (analysts' saved queries), computed from the rollups
  (ACLED's scope, summed over its classes, and for `daily_counts` over admin1 and sub-type);
  `daily_counts_detail` is the rollup's own grain (adding admin1 and sub_event_type), `daily_counts_by_class` and
  `dyads_by_class` give every class (the API filters by class), `monthly_counts` and `dyad_totals` read the coarse
  rollups (ACLED's scope).
* `core.events` stores what the views computed per row from the sources: `mentions` (distinct reports: GDELT's
  NumMentions) and the first source's key (`first_article_id`, `first_start_char`: earliest publication, then
  article id, then offset), which the views join on the sources' primary key (a join PostgreSQL drops when a query
  reads none of its columns, as `count(*)` does). ACLED's `source` (the outlets, in order of first report) stays a
  subquery, run only for a query that reads that column: storing it cost the load about a microsecond an event.
  The disorder type is joined on exact keys (`core.ref_disorder` holds lower-cased keys; `core.ref_disorder_default`,
  one row per event type, replaces a LATERAL subquery), the country (FIPS, name) on its primary key.
* Deleting events (the store never does; an operator might) counts them out of the rollups by a statement trigger
  on DELETE, and TRUNCATE empties them: a trigger that loads never fire, so it costs them nothing.

The backfill fills the new columns from the sources and the rollups from the events, in this transaction.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

import importlib

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

ACLED_SCOPE = "('political_violence', 'demonstration', 'strategic_development')"

TABLES = """
CREATE TABLE core.rollup_daily (
    event_date      date NOT NULL,
    country         char(3),
    admin1          text,
    event_type      text NOT NULL,
    sub_event_type  text NOT NULL,
    event_class     text NOT NULL,
    events          integer NOT NULL,
    fatalities      bigint NOT NULL,
    CONSTRAINT rollup_daily_key UNIQUE NULLS NOT DISTINCT
        (event_date, country, event_type, sub_event_type, event_class, admin1)
);
CREATE TABLE core.rollup_dyads (
    month           date NOT NULL,
    actor1_name     text NOT NULL,
    actor1_country  char(3),
    actor2_name     text NOT NULL,
    actor2_country  char(3),
    event_class     text NOT NULL,
    events          integer NOT NULL,
    fatalities      bigint NOT NULL,
    goldstein_sum   double precision NOT NULL,
    days            integer[] NOT NULL,
    first_day       smallint,
    last_day        smallint,
    CONSTRAINT rollup_dyads_key UNIQUE NULLS NOT DISTINCT
        (month, actor1_name, actor2_name, actor1_country, actor2_country, event_class)
);
CREATE TABLE core.rollup_monthly (
    month           date NOT NULL,
    country         char(3),
    event_type      text NOT NULL,
    event_class     text NOT NULL,
    events          integer NOT NULL,
    fatalities      bigint NOT NULL,
    CONSTRAINT rollup_monthly_key UNIQUE NULLS NOT DISTINCT (month, country, event_type, event_class)
);
CREATE TABLE core.rollup_pairs (
    actor1_name     text NOT NULL,
    actor1_country  char(3),
    actor2_name     text NOT NULL,
    actor2_country  char(3),
    event_class     text NOT NULL,
    events          integer NOT NULL,
    fatalities      bigint NOT NULL,
    goldstein_sum   double precision NOT NULL,
    CONSTRAINT rollup_pairs_key UNIQUE NULLS NOT DISTINCT
        (actor1_name, actor2_name, actor1_country, actor2_country, event_class)
);
CREATE TABLE core.ref_disorder_default (
    event_type      text PRIMARY KEY,
    disorder_type   text NOT NULL
);
INSERT INTO core.ref_disorder_default
SELECT DISTINCT ON (event_type) event_type, disorder_type FROM core.ref_disorder ORDER BY event_type, position;

-- element-wise sum of two day arrays (a month's events per day), and the first and last day holding any
CREATE FUNCTION core.add_days(a integer[], b integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN ARRAY(SELECT x + y FROM unnest(a, b) WITH ORDINALITY AS u(x, y, i) ORDER BY i);
CREATE FUNCTION core.day_array(d integer, n integer) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_fill(0, ARRAY[d - 1]) || n || array_fill(0, ARRAY[31 - d]);
CREATE AGGREGATE core.sum_days(integer[]) (sfunc = core.add_days, stype = integer[],
    initcond = '{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}');
CREATE FUNCTION core.first_day(a integer[]) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT min(i)::integer FROM unnest(a) WITH ORDINALITY AS u(x, i) WHERE x > 0);
CREATE FUNCTION core.last_day(a integer[]) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (SELECT max(i)::integer FROM unnest(a) WITH ORDINALITY AS u(x, i) WHERE x > 0);

-- a dyad row's first and last day with events, kept with its day array (per rollup row written: a few a batch)
CREATE FUNCTION core.rollup_dyads_span() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.first_day := core.first_day(NEW.days);
    NEW.last_day := core.last_day(NEW.days);
    RETURN NEW;
END
$$;
CREATE TRIGGER rollup_dyads_span BEFORE INSERT OR UPDATE OF days ON core.rollup_dyads
    FOR EACH ROW EXECUTE FUNCTION core.rollup_dyads_span();

ALTER TABLE core.events ADD COLUMN mentions integer NOT NULL DEFAULT 0,
    ADD COLUMN first_article_id text, ADD COLUMN first_start_char integer;
"""

BACKFILL = """
UPDATE core.events e SET mentions = s.mentions, first_article_id = s.first_article_id,
    first_start_char = s.first_start_char
FROM (
    SELECT s.event_id, count(*)::integer AS mentions,
           (array_agg(s.article_id ORDER BY s.published_at NULLS LAST, s.article_id COLLATE "C",
                      s.start_char))[1] AS first_article_id,
           (array_agg(s.start_char ORDER BY s.published_at NULLS LAST, s.article_id COLLATE "C",
                      s.start_char))[1] AS first_start_char
    FROM core.event_sources s GROUP BY s.event_id
) s
WHERE s.event_id = e.event_id;

INSERT INTO core.rollup_daily
SELECT event_date, location_country, location_admin1, event_type, sub_event_type, event_class, count(*),
       sum(fatalities)
FROM core.events WHERE NOT withdrawn
GROUP BY event_date, location_country, location_admin1, event_type, sub_event_type, event_class;

INSERT INTO core.rollup_dyads
SELECT month, actor1_name, actor1_country, actor2_name, actor2_country, event_class, sum(n), sum(f), sum(g),
       core.sum_days(core.day_array(d, n::integer))
FROM (
    SELECT date_trunc('month', event_date)::date AS month, EXTRACT(day FROM event_date)::integer AS d,
           actor1_name, actor1_country, actor2_name, actor2_country, event_class, count(*) AS n,
           sum(fatalities) AS f, sum(goldstein::double precision) AS g
    FROM core.events WHERE NOT withdrawn AND actor1_name IS NOT NULL AND actor2_name IS NOT NULL
    GROUP BY 1, 2, actor1_name, actor1_country, actor2_name, actor2_country, event_class
) per_day
GROUP BY month, actor1_name, actor1_country, actor2_name, actor2_country, event_class;

INSERT INTO core.rollup_monthly
SELECT month, country, event_type, event_class, sum(events), sum(fatalities)
FROM (SELECT date_trunc('month', event_date)::date AS month, * FROM core.rollup_daily) d
GROUP BY month, country, event_type, event_class;

INSERT INTO core.rollup_pairs
SELECT actor1_name, actor1_country, actor2_name, actor2_country, event_class, sum(events), sum(fatalities),
       sum(goldstein_sum)
FROM core.rollup_dyads
GROUP BY actor1_name, actor1_country, actor2_name, actor2_country, event_class;
"""

DAILY_BY_CLASS = """
CREATE VIEW public.daily_counts_by_class AS
SELECT r.event_date, r.country, r.admin1, r.event_type, r.sub_event_type, r.event_class,
       r.events, r.fatalities::integer AS fatalities
FROM core.rollup_daily r
WHERE r.events > 0;
"""
DAILY_DETAIL = f"""
CREATE VIEW public.daily_counts_detail AS
SELECT r.event_date, r.country, r.admin1, r.event_type, r.sub_event_type,
       sum(r.events)::integer AS events, sum(r.fatalities)::integer AS fatalities
FROM core.rollup_daily r
WHERE r.event_class IN {ACLED_SCOPE}
GROUP BY r.event_date, r.country, r.admin1, r.event_type, r.sub_event_type
HAVING sum(r.events) > 0;
"""
# 0010's daily_counts (its columns and grain: day × country × event type), summed from the rollup
DAILY = f"""
CREATE VIEW public.daily_counts AS
SELECT r.event_date, r.country, r.event_type, sum(r.events)::integer AS events,
       sum(r.fatalities)::integer AS fatalities
FROM core.rollup_daily r
WHERE r.event_class IN {ACLED_SCOPE}
GROUP BY r.event_date, r.country, r.event_type
HAVING sum(r.events) > 0;
"""
MONTHLY = f"""
CREATE VIEW public.monthly_counts AS
SELECT r.month, r.country, r.event_type, sum(r.events)::integer AS events, sum(r.fatalities)::integer AS fatalities
FROM core.rollup_monthly r
WHERE r.event_class IN {ACLED_SCOPE}
GROUP BY r.month, r.country, r.event_type
HAVING sum(r.events) > 0;
"""
DYAD_TOTALS = f"""
CREATE VIEW public.dyad_totals AS
SELECT r.actor1_name, r.actor1_country, r.actor2_name, r.actor2_country,
       sum(r.events)::integer AS events, sum(r.fatalities)::integer AS fatalities,
       (sum(r.goldstein_sum) / sum(r.events))::real AS mean_goldstein
FROM core.rollup_pairs r
WHERE r.event_class IN {ACLED_SCOPE} AND r.events > 0
GROUP BY r.actor1_name, r.actor1_country, r.actor2_name, r.actor2_country
HAVING sum(r.events) > 0;
"""
DYADS_BY_CLASS = """
CREATE VIEW public.dyads_by_class AS
SELECT r.month, r.actor1_name, r.actor1_country, r.actor2_name, r.actor2_country, r.event_class,
       r.events, r.fatalities::integer AS fatalities, (r.goldstein_sum / r.events)::real AS mean_goldstein,
       r.month + r.first_day - 1 AS first_event, r.month + r.last_day - 1 AS last_event
FROM core.rollup_dyads r
WHERE r.events > 0;
"""
DYADS = f"""
CREATE VIEW public.dyads AS
SELECT r.month, r.actor1_name, r.actor1_country, r.actor2_name, r.actor2_country,
       sum(r.events)::integer AS events, sum(r.fatalities)::integer AS fatalities,
       (sum(r.goldstein_sum) / sum(r.events))::real AS mean_goldstein,
       r.month + min(r.first_day) - 1 AS first_event, r.month + max(r.last_day) - 1 AS last_event
FROM core.rollup_dyads r
WHERE r.event_class IN {ACLED_SCOPE} AND r.events > 0
GROUP BY r.month, r.actor1_name, r.actor1_country, r.actor2_name, r.actor2_country;
"""

# 0010's events_acled with the stored source columns and exact-key joins; columns and rows unchanged.
ACLED_VIEW = f"""
CREATE OR REPLACE VIEW public.events_acled AS
SELECT COALESCE(e.location_country, 'XXX') || '-' || e.event_id AS event_id_cnty,
       e.event_date,
       EXTRACT(year FROM e.event_date)::integer AS year,
       e.time_precision,
       COALESCE(d.disorder_type, dt.disorder_type, 'Strategic developments') AS disorder_type,
       e.event_type, e.sub_event_type,
       e.actor1_name AS actor1, NULL::text AS assoc_actor_1, e.actor1_inter AS inter1,
       e.actor2_name AS actor2, NULL::text AS assoc_actor_2, e.actor2_inter AS inter2,
       CASE WHEN e.actor1_inter IS NULL AND e.actor2_inter IS NULL THEN NULL
            WHEN e.actor1_inter IS NULL OR e.actor2_inter IS NULL
                THEN COALESCE(e.actor1_inter, e.actor2_inter) * 10
            ELSE LEAST(e.actor1_inter, e.actor2_inter) * 10 + GREATEST(e.actor1_inter, e.actor2_inter)
       END AS interaction,
       CASE WHEN 7 IN (e.actor1_inter, e.actor2_inter)
                 AND COALESCE(d.disorder_type, dt.disorder_type, '') LIKE '%Political violence%'
            THEN 'Civilian targeting' END AS civilian_targeting,
       c.iso_numeric AS iso, c.region, c.name AS country,
       e.location_admin1 AS admin1, e.location_admin2 AS admin2, NULL::text AS admin3,
       e.location_name AS location, round(e.latitude::numeric, 4) AS latitude,
       round(e.longitude::numeric, 4) AS longitude, COALESCE(e.geo_precision, 3) AS geo_precision,
       (SELECT string_agg(x.source, '; ' ORDER BY x.first_pub, x.source) FROM (
            SELECT s.source, min(s.published_at) AS first_pub FROM core.event_sources s
            WHERE s.event_id = e.event_id AND s.source IS NOT NULL GROUP BY s.source) x) AS source,
       NULL::text AS source_scale,
       fs.sentence AS notes,
       e.fatalities,
       NULLIF(concat_ws('; ', CASE WHEN e.hedged THEN 'hedged' END, CASE WHEN e.negated THEN 'negated' END), '')
           AS tags,
       floor(EXTRACT(epoch FROM COALESCE(e.updated_at, e.first_seen)))::bigint AS "timestamp",
       e.location_country AS iso3
FROM core.events e
LEFT JOIN core.ref_countries c ON c.iso3 = e.location_country
LEFT JOIN core.ref_disorder d ON d.event_type = lower(e.event_type) AND d.sub_event_type = lower(e.sub_event_type)
LEFT JOIN core.ref_disorder_default dt ON dt.event_type = lower(e.event_type)
LEFT JOIN core.event_sources fs ON fs.event_id = e.event_id AND fs.article_id = e.first_article_id
     AND fs.start_char = e.first_start_char
WHERE NOT e.withdrawn AND e.event_class IN {ACLED_SCOPE};
"""


def _gdelt_view() -> str:
    """0002's events_gdelt with the stored mention count and the first source joined on its key."""
    old = importlib.import_module("migrations.versions.0002_analyst_views")
    sql = old.GDELT_VIEW.replace("CREATE VIEW", "CREATE OR REPLACE VIEW")
    sql = sql.replace("(SELECT count(*) FROM core.event_sources s WHERE s.event_id = e.event_id)::integer",
                      "e.mentions")
    sql = sql.replace(old.FIRST_SOURCE, "\nLEFT JOIN core.event_sources fs ON fs.event_id = e.event_id "
                      "AND fs.article_id = e.first_article_id AND fs.start_char = e.first_start_char\n")
    assert "e.mentions" in sql and "LATERAL" not in sql
    return sql


DELETE_TRIGGERS = """
CREATE FUNCTION core.rollups_count_out() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO core.rollup_daily AS r
    SELECT event_date, location_country, location_admin1, event_type, sub_event_type, event_class, -count(*),
           -sum(fatalities)
    FROM gone WHERE NOT withdrawn
    GROUP BY event_date, location_country, location_admin1, event_type, sub_event_type, event_class
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT rollup_daily_key DO UPDATE
    SET events = r.events + EXCLUDED.events, fatalities = r.fatalities + EXCLUDED.fatalities;
    INSERT INTO core.rollup_dyads AS r
    SELECT month, actor1_name, actor1_country, actor2_name, actor2_country, event_class, -sum(n), -sum(f), -sum(g),
           core.sum_days(core.day_array(d, -n::integer))
    FROM (
        SELECT date_trunc('month', event_date)::date AS month, EXTRACT(day FROM event_date)::integer AS d,
               actor1_name, actor1_country, actor2_name, actor2_country, event_class, count(*) AS n,
               sum(fatalities) AS f, sum(goldstein::double precision) AS g
        FROM gone WHERE NOT withdrawn AND actor1_name IS NOT NULL AND actor2_name IS NOT NULL
        GROUP BY 1, 2, actor1_name, actor1_country, actor2_name, actor2_country, event_class
    ) per_day
    GROUP BY month, actor1_name, actor1_country, actor2_name, actor2_country, event_class
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT ON CONSTRAINT rollup_dyads_key DO UPDATE
    SET events = r.events + EXCLUDED.events, fatalities = r.fatalities + EXCLUDED.fatalities,
        goldstein_sum = r.goldstein_sum + EXCLUDED.goldstein_sum, days = core.add_days(r.days, EXCLUDED.days);
    INSERT INTO core.rollup_monthly AS r
    SELECT date_trunc('month', event_date)::date, location_country, event_type, event_class, -count(*),
           -sum(fatalities)
    FROM gone WHERE NOT withdrawn
    GROUP BY 1, location_country, event_type, event_class
    ORDER BY 1, 2, 3, 4
    ON CONFLICT ON CONSTRAINT rollup_monthly_key DO UPDATE
    SET events = r.events + EXCLUDED.events, fatalities = r.fatalities + EXCLUDED.fatalities;
    INSERT INTO core.rollup_pairs AS r
    SELECT actor1_name, actor1_country, actor2_name, actor2_country, event_class, -count(*), -sum(fatalities),
           -sum(goldstein::double precision)
    FROM gone WHERE NOT withdrawn AND actor1_name IS NOT NULL AND actor2_name IS NOT NULL
    GROUP BY actor1_name, actor1_country, actor2_name, actor2_country, event_class
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT ON CONSTRAINT rollup_pairs_key DO UPDATE
    SET events = r.events + EXCLUDED.events, fatalities = r.fatalities + EXCLUDED.fatalities,
        goldstein_sum = r.goldstein_sum + EXCLUDED.goldstein_sum;
    RETURN NULL;
END
$$;
CREATE TRIGGER events_rollups_delete AFTER DELETE ON core.events REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION core.rollups_count_out();
CREATE FUNCTION core.rollups_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE core.rollup_daily, core.rollup_dyads, core.rollup_monthly, core.rollup_pairs;
    RETURN NULL;
END
$$;
CREATE TRIGGER events_rollups_truncate AFTER TRUNCATE ON core.events
    FOR EACH STATEMENT EXECUTE FUNCTION core.rollups_truncate();
"""

GRANTS = """
GRANT SELECT, INSERT, UPDATE, DELETE ON core.rollup_daily, core.rollup_dyads, core.rollup_monthly,
    core.rollup_pairs, core.ref_disorder_default TO newsevents_loader;
GRANT SELECT ON public.daily_counts, public.daily_counts_detail, public.dyads, public.daily_counts_by_class,
    public.dyads_by_class, public.monthly_counts, public.dyad_totals TO analyst, newsevents_loader;
"""


def upgrade() -> None:
    op.execute(TABLES)
    op.execute(BACKFILL)
    op.execute(DELETE_TRIGGERS)
    op.execute("DROP VIEW public.daily_counts, public.dyads;")
    for view in (DAILY_BY_CLASS, DAILY_DETAIL, DAILY, MONTHLY, DYADS_BY_CLASS, DYADS, DYAD_TOTALS, ACLED_VIEW,
                 _gdelt_view()):
        op.execute(view)
    op.execute(GRANTS)


def downgrade() -> None:
    old = importlib.import_module("migrations.versions.0002_analyst_views")
    v10 = importlib.import_module("migrations.versions.0010_event_class")
    op.execute("DROP VIEW public.daily_counts, public.daily_counts_detail, public.dyads, public.daily_counts_by_class, "
               "public.dyads_by_class, public.monthly_counts, public.dyad_totals;")
    op.execute(v10.AGGREGATES.replace("CREATE OR REPLACE VIEW", "CREATE VIEW"))
    op.execute(v10.ACLED_VIEW)
    op.execute(old.GDELT_VIEW.replace("CREATE VIEW", "CREATE OR REPLACE VIEW"))
    op.execute("GRANT SELECT ON public.daily_counts, public.dyads TO analyst, newsevents_loader;")
    op.execute("DROP TRIGGER events_rollups_delete ON core.events;")
    op.execute("DROP TRIGGER events_rollups_truncate ON core.events;")
    op.execute("DROP FUNCTION core.rollups_count_out(), core.rollups_truncate();")
    op.execute("DROP TABLE core.rollup_daily, core.rollup_dyads, core.rollup_monthly, core.rollup_pairs, "
               "core.ref_disorder_default;")
    op.execute("DROP FUNCTION core.rollup_dyads_span();")
    op.execute("DROP AGGREGATE core.sum_days(integer[]);")
    op.execute("DROP FUNCTION core.add_days(integer[], integer[]), core.day_array(integer, integer), "
               "core.first_day(integer[]), core.last_day(integer[]);")
    op.execute("ALTER TABLE core.events DROP COLUMN mentions, DROP COLUMN first_article_id, "
               "DROP COLUMN first_start_char;")
