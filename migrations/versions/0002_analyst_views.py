"""Analyst views in ACLED and GDELT shapes, daily counts and dyads; country and disorder reference tables.

The reference rows come from etl.publish.reference, the same facts the snapshot files use, so a view and a
snapshot file say the same thing about an event. `etl.load.migrate.upgrade` refreshes them after every upgrade.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

REFERENCE = """
CREATE TABLE core.ref_countries (
    iso3        char(3) PRIMARY KEY,
    iso2        char(2),
    iso_numeric integer,
    fips        text,
    name        text NOT NULL,
    region      text
);
CREATE TABLE core.ref_disorder (
    event_type      text NOT NULL,
    sub_event_type  text NOT NULL,
    disorder_type   text NOT NULL,
    position        integer NOT NULL,
    PRIMARY KEY (event_type, sub_event_type)
);
CREATE INDEX events_bbox_idx ON core.events USING gist (point(longitude, latitude))
    WHERE latitude IS NOT NULL AND NOT withdrawn;
CREATE INDEX events_actors_name_idx ON core.events (actor1_name, actor2_name, event_date);
"""

EVENTS_VIEW = """
DROP VIEW public.events;
CREATE VIEW public.events AS
SELECT e.event_id, e.event_date, e.time_precision, e.event_type, e.sub_event_type, e.cameo_code, e.cameo_root,
       e.quad_class, e.goldstein, e.plover_event,
       e.actor1_name, e.actor1_country, e.actor1_cameo, e.actor1_inter, e.actor1_text,
       e.actor2_name, e.actor2_country, e.actor2_cameo, e.actor2_inter, e.actor2_text,
       e.location_name, e.location_admin1, e.location_admin2, e.location_country, e.latitude, e.longitude,
       e.geo_precision, e.location_feature_type, e.location_text,
       e.fatalities, e.fatalities_reported, e.hedged, e.negated, e.certainty, e.confidence,
       e.coder_version, e.num_sources, e.num_articles, e.first_seen, e.updated_at, e.partition_date
FROM core.events e
WHERE NOT e.withdrawn;
"""

# The first source of an event: earliest publication, then article id (the order the exports use).
FIRST_SOURCE = """
LEFT JOIN LATERAL (
    SELECT s.url, s.sentence FROM core.event_sources s WHERE s.event_id = e.event_id
    ORDER BY s.published_at NULLS LAST, s.article_id, s.start_char LIMIT 1
) fs ON true
"""

ACLED_VIEW = f"""
CREATE VIEW public.events_acled AS
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
LEFT JOIN core.ref_disorder d ON lower(d.event_type) = lower(e.event_type)
     AND lower(d.sub_event_type) = lower(e.sub_event_type)
LEFT JOIN LATERAL (
    SELECT r.disorder_type FROM core.ref_disorder r WHERE lower(r.event_type) = lower(e.event_type)
    ORDER BY r.position LIMIT 1
) dt ON true
{FIRST_SOURCE}
WHERE NOT e.withdrawn;
"""

GDELT_VIEW = f"""
CREATE VIEW public.events_gdelt AS
SELECT e.event_id AS "GLOBALEVENTID",
       to_char(e.event_date, 'YYYYMMDD')::integer AS "SQLDATE",
       to_char(e.event_date, 'YYYYMM')::integer AS "MonthYear",
       EXTRACT(year FROM e.event_date)::integer AS "Year",
       round((EXTRACT(year FROM e.event_date) + EXTRACT(doy FROM e.event_date) / 365.0)::numeric, 4)
           AS "FractionDate",
       upper(e.actor1_cameo) AS "Actor1Code", upper(e.actor1_name) AS "Actor1Name",
       e.actor1_country AS "Actor1CountryCode",
       NULLIF(substr(upper(e.actor1_cameo), CASE WHEN upper(e.actor1_cameo) LIKE e.actor1_country || '%'
                                                 THEN 4 ELSE 1 END, 3), '') AS "Actor1Type1Code",
       upper(e.actor2_cameo) AS "Actor2Code", upper(e.actor2_name) AS "Actor2Name",
       e.actor2_country AS "Actor2CountryCode",
       NULLIF(substr(upper(e.actor2_cameo), CASE WHEN upper(e.actor2_cameo) LIKE e.actor2_country || '%'
                                                 THEN 4 ELSE 1 END, 3), '') AS "Actor2Type1Code",
       1 AS "IsRootEvent",
       e.cameo_code AS "EventCode", left(e.cameo_code, 3) AS "EventBaseCode", e.cameo_root AS "EventRootCode",
       e.quad_class AS "QuadClass", e.goldstein AS "GoldsteinScale",
       (SELECT count(*) FROM core.event_sources s WHERE s.event_id = e.event_id)::integer AS "NumMentions",
       e.num_sources AS "NumSources", e.num_articles AS "NumArticles", NULL::real AS "AvgTone",
       CASE WHEN e.location_country IS NULL AND e.latitude IS NULL THEN 0
            WHEN e.location_feature_type = 'country' THEN 1
            WHEN e.location_feature_type = 'admin1' THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END
            ELSE CASE WHEN e.location_country = 'USA' THEN 3 ELSE 4 END
       END AS "ActionGeo_Type",
       NULLIF(concat_ws(', ', e.location_name,
                        NULLIF(e.location_admin1, e.location_name),
                        NULLIF(NULLIF(c.name, e.location_name), e.location_admin1)), '') AS "ActionGeo_FullName",
       NULLIF(c.fips, '') AS "ActionGeo_CountryCode", NULLIF(c.fips, '') AS "ActionGeo_ADM1Code",
       round(e.latitude::numeric, 4) AS "ActionGeo_Lat", round(e.longitude::numeric, 4) AS "ActionGeo_Long",
       to_char(COALESCE(e.first_seen, e.event_date::timestamptz) AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISS')::bigint
           AS "DATEADDED",
       fs.url AS "SOURCEURL"
FROM core.events e
LEFT JOIN core.ref_countries c ON c.iso3 = e.location_country
{FIRST_SOURCE}
WHERE NOT e.withdrawn;
"""

AGGREGATES = """
CREATE VIEW public.daily_counts AS
SELECT e.event_date, e.location_country AS country, e.event_type,
       count(*)::integer AS events, sum(e.fatalities)::integer AS fatalities
FROM core.events e
WHERE NOT e.withdrawn
GROUP BY e.event_date, e.location_country, e.event_type;

CREATE VIEW public.dyads AS
SELECT date_trunc('month', e.event_date)::date AS month,
       e.actor1_name, e.actor1_country, e.actor2_name, e.actor2_country,
       count(*)::integer AS events, sum(e.fatalities)::integer AS fatalities,
       avg(e.goldstein)::real AS mean_goldstein,
       min(e.event_date) AS first_event, max(e.event_date) AS last_event
FROM core.events e
WHERE NOT e.withdrawn AND e.actor1_name IS NOT NULL AND e.actor2_name IS NOT NULL
GROUP BY 1, e.actor1_name, e.actor1_country, e.actor2_name, e.actor2_country;
"""

GRANTS = """
GRANT SELECT, INSERT, UPDATE, DELETE ON core.ref_countries, core.ref_disorder TO newsevents_loader;
GRANT SELECT ON public.events, public.event_sources, public.events_acled, public.events_gdelt,
    public.daily_counts, public.dyads TO analyst, newsevents_loader;
"""


def upgrade() -> None:
    op.execute(REFERENCE)
    op.execute(EVENTS_VIEW)
    op.execute(ACLED_VIEW)
    op.execute(GDELT_VIEW)
    op.execute(AGGREGATES)
    op.execute(GRANTS)
    from etl.load.reference import sync_reference

    sync_reference(op.get_bind())


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS public.dyads, public.daily_counts, public.events_gdelt, public.events_acled;")
    op.execute("DROP TABLE IF EXISTS core.ref_countries, core.ref_disorder;")
    op.execute("DROP INDEX IF EXISTS core.events_bbox_idx, core.events_actors_name_idx;")
