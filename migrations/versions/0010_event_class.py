"""`core.events.event_class`: each event's class, so the ACLED-style outputs show ACLED's scope only.

The coder stores a CAMEO event outside ACLED's scope (a statement, a meeting, a sanction) with event_type
'Strategic developments' and sub_event_type 'Other' for compatibility, so without a class it leaked into
`events_acled`, `daily_counts` and `dyads`. The class is one of political_violence, demonstration,
strategic_development (ACLED's scope), verbal_cooperation, verbal_conflict or other (CAMEO only);
`schemas.models.EventClass`.

Backfill of the rows stored before this revision (the class was not stored then):
- a row typed ('Strategic developments', 'Other') whose CAMEO root is none ACLED codes as a strategic development
  is a CAMEO-only event: its class follows its QuadClass (1 verbal_cooperation, 3 verbal_conflict, else other);
  the roots ACLED codes as strategic developments are 08 (yield: ceasefires, releases, handovers of territory),
  15 (military posture: deployments, bases) and 17 (coercion: arrests, seizures, looting, destruction);
- every other row takes the class of its ACLED event type (Battles, Explosions/Remote violence, Violence against
  civilians: political_violence; Protests, Riots: demonstration; Strategic developments: strategic_development;
  anything else: other).
A genuine ACLED 'Other' report coded under a verbal root (a lead label "Other:" gives 010) cannot be told from a
statement by its row and becomes CAMEO-only; re-coding the day (`newsevents recode`) sets the coder's own class.
The backfill changes no event's content: no revision row, no new `updated_at`.

Views: `events` exposes `event_class`; `events_acled`, `daily_counts` and `dyads` keep ACLED's scope only;
`events_gdelt` keeps every class (unchanged).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

import importlib

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

CLASSES = ("political_violence", "demonstration", "strategic_development", "verbal_cooperation", "verbal_conflict",
           "other")
ACLED_SCOPE = "('political_violence', 'demonstration', 'strategic_development')"

COLUMN = f"""
ALTER TABLE core.events ADD COLUMN event_class text;
UPDATE core.events SET event_class = CASE
    WHEN event_type = 'Strategic developments' AND sub_event_type = 'Other'
         AND cameo_root NOT IN ('08', '15', '17')
        THEN CASE quad_class WHEN 1 THEN 'verbal_cooperation' WHEN 3 THEN 'verbal_conflict' ELSE 'other' END
    WHEN event_type IN ('Battles', 'Explosions/Remote violence', 'Violence against civilians')
        THEN 'political_violence'
    WHEN event_type IN ('Protests', 'Riots') THEN 'demonstration'
    WHEN event_type = 'Strategic developments' THEN 'strategic_development'
    ELSE 'other'
END;
ALTER TABLE core.events ALTER COLUMN event_class SET NOT NULL;
ALTER TABLE core.events ADD CONSTRAINT events_event_class_check
    CHECK (event_class IN ({', '.join(f"'{c}'" for c in CLASSES)}));
"""

EVENTS_VIEW = """
DROP VIEW public.events;
CREATE VIEW public.events AS
SELECT e.event_id, e.event_date, e.time_precision, e.event_type, e.sub_event_type, e.event_class, e.cameo_code,
       e.cameo_root, e.quad_class, e.goldstein, e.plover_event,
       e.actor1_name, e.actor1_country, e.actor1_cameo, e.actor1_inter, e.actor1_text,
       e.actor2_name, e.actor2_country, e.actor2_cameo, e.actor2_inter, e.actor2_text,
       e.location_name, e.location_admin1, e.location_admin2, e.location_country, e.latitude, e.longitude,
       e.geo_precision, e.location_feature_type, e.location_text,
       e.fatalities, e.fatalities_reported, e.hedged, e.negated, e.certainty, e.confidence,
       e.coder_version, e.num_sources, e.num_articles, e.first_seen, e.updated_at, e.partition_date
FROM core.events e
WHERE NOT e.withdrawn;
"""

# 0002's events_acled with ACLED's scope as its last condition; columns unchanged.
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
LEFT JOIN core.ref_disorder d ON lower(d.event_type) = lower(e.event_type)
     AND lower(d.sub_event_type) = lower(e.sub_event_type)
LEFT JOIN LATERAL (
    SELECT r.disorder_type FROM core.ref_disorder r WHERE lower(r.event_type) = lower(e.event_type)
    ORDER BY r.position LIMIT 1
) dt ON true
LEFT JOIN LATERAL (
    SELECT s.url, s.sentence FROM core.event_sources s WHERE s.event_id = e.event_id
    ORDER BY s.published_at NULLS LAST, s.article_id, s.start_char LIMIT 1
) fs ON true
WHERE NOT e.withdrawn AND e.event_class IN {ACLED_SCOPE};
"""

AGGREGATES = f"""
CREATE OR REPLACE VIEW public.daily_counts AS
SELECT e.event_date, e.location_country AS country, e.event_type,
       count(*)::integer AS events, sum(e.fatalities)::integer AS fatalities
FROM core.events e
WHERE NOT e.withdrawn AND e.event_class IN {ACLED_SCOPE}
GROUP BY e.event_date, e.location_country, e.event_type;

CREATE OR REPLACE VIEW public.dyads AS
SELECT date_trunc('month', e.event_date)::date AS month,
       e.actor1_name, e.actor1_country, e.actor2_name, e.actor2_country,
       count(*)::integer AS events, sum(e.fatalities)::integer AS fatalities,
       avg(e.goldstein)::real AS mean_goldstein,
       min(e.event_date) AS first_event, max(e.event_date) AS last_event
FROM core.events e
WHERE NOT e.withdrawn AND e.actor1_name IS NOT NULL AND e.actor2_name IS NOT NULL
      AND e.event_class IN {ACLED_SCOPE}
GROUP BY 1, e.actor1_name, e.actor1_country, e.actor2_name, e.actor2_country;
"""

GRANTS = "GRANT SELECT ON public.events TO analyst, newsevents_loader;"


def upgrade() -> None:
    op.execute(COLUMN)
    op.execute(EVENTS_VIEW)
    op.execute(ACLED_VIEW)
    op.execute(AGGREGATES)
    op.execute(GRANTS)


def downgrade() -> None:
    # 0002's views are what 0009 had (no later revision changed them); the ones naming event_class go first
    views = importlib.import_module("migrations.versions.0002_analyst_views")
    op.execute(views.EVENTS_VIEW)
    op.execute(views.ACLED_VIEW.replace("CREATE VIEW", "CREATE OR REPLACE VIEW"))
    op.execute(views.AGGREGATES.replace("CREATE VIEW", "CREATE OR REPLACE VIEW"))
    op.execute(GRANTS)
    op.execute("ALTER TABLE core.events DROP COLUMN event_class;")
