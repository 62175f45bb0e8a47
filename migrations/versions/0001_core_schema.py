"""Core tables (articles, events, sources, revisions, runs, rejections), analyst views and roles.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = """
CREATE SCHEMA IF NOT EXISTS core;

CREATE TABLE core.runs (
    run_id          text PRIMARY KEY,
    partition_date  date NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    status          text NOT NULL DEFAULT 'running',
    counts          jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX runs_partition_idx ON core.runs (partition_date);

CREATE TABLE core.articles (
    id              text PRIMARY KEY,
    url             text,
    canonical_url   text,
    source          text,
    title           text,
    published_at    timestamptz,
    language        text,
    origin          text,
    text            text,
    text_hash       text NOT NULL,
    dup_kind        text NOT NULL DEFAULT 'new',
    duplicate_of    text,
    partition_date  date NOT NULL,
    first_run_id    text NOT NULL,
    ingested_at     timestamptz NOT NULL DEFAULT now(),
    text_purged_at  timestamptz
);
CREATE INDEX articles_partition_idx ON core.articles (partition_date);
CREATE INDEX articles_canonical_url_idx ON core.articles (canonical_url);

CREATE TABLE core.rejected_articles (
    id              bigserial PRIMARY KEY,
    fingerprint     text NOT NULL,
    partition_date  date NOT NULL,
    run_id          text NOT NULL,
    article_id      text,
    origin          text,
    reason          text NOT NULL,
    message         text NOT NULL,
    excerpt         text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (partition_date, fingerprint)
);

CREATE TABLE core.events (
    event_id              text PRIMARY KEY,
    event_date            date NOT NULL,
    time_precision        smallint NOT NULL,
    event_type            text NOT NULL,
    sub_event_type        text NOT NULL,
    cameo_code            text NOT NULL,
    cameo_root            text NOT NULL,
    quad_class            smallint NOT NULL,
    goldstein             real NOT NULL,
    plover_event          text NOT NULL,
    actor1_name           text,
    actor1_country        char(3),
    actor1_cameo          text,
    actor1_inter          smallint,
    actor1_text           text,
    actor2_name           text,
    actor2_country        char(3),
    actor2_cameo          text,
    actor2_inter          smallint,
    actor2_text           text,
    location_name         text,
    location_admin1       text,
    location_admin2       text,
    location_country      char(3),
    latitude              double precision,
    longitude             double precision,
    geo_precision         smallint,
    location_feature_type text,
    location_text         text,
    fatalities            integer NOT NULL DEFAULT 0,
    fatalities_reported   integer[] NOT NULL DEFAULT '{}',
    hedged                boolean NOT NULL DEFAULT false,
    negated               boolean NOT NULL DEFAULT false,
    certainty             real NOT NULL,
    confidence            real NOT NULL,
    coder_version         text NOT NULL,
    num_sources           integer NOT NULL,
    num_articles          integer NOT NULL,
    first_seen            timestamptz,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now(),
    withdrawn             boolean NOT NULL DEFAULT false,
    partition_date        date NOT NULL,
    last_partition_date   date NOT NULL,
    last_run_id           text NOT NULL,
    content_hash          text NOT NULL
);
CREATE INDEX events_date_idx ON core.events (event_date);
CREATE INDEX events_country_date_idx ON core.events (location_country, event_date);
CREATE INDEX events_type_date_idx ON core.events (event_type, event_date);
CREATE INDEX events_actor1_idx ON core.events (actor1_country, actor1_name);
CREATE INDEX events_actor2_idx ON core.events (actor2_country, actor2_name);
CREATE INDEX events_latlon_idx ON core.events (latitude, longitude);
CREATE INDEX events_last_partition_idx ON core.events (last_partition_date);

CREATE TABLE core.event_sources (
    event_id        text NOT NULL REFERENCES core.events (event_id) ON DELETE CASCADE,
    article_id      text NOT NULL,
    start_char      integer NOT NULL,
    end_char        integer NOT NULL,
    url             text,
    source          text,
    published_at    timestamptz,
    sentence        text NOT NULL,
    claim_source    text,
    PRIMARY KEY (event_id, article_id, start_char)
);
CREATE INDEX event_sources_article_idx ON core.event_sources (article_id);

CREATE TABLE core.event_revisions (
    id              bigserial PRIMARY KEY,
    event_id        text NOT NULL,
    run_id          text NOT NULL,
    partition_date  date NOT NULL,
    revised_at      timestamptz NOT NULL DEFAULT now(),
    change          text NOT NULL,
    previous        jsonb
);
CREATE INDEX event_revisions_event_idx ON core.event_revisions (event_id);
"""

VIEWS = """
CREATE VIEW public.events AS
SELECT e.event_id, e.event_date, e.time_precision, e.event_type, e.sub_event_type, e.cameo_code, e.cameo_root,
       e.quad_class, e.goldstein, e.plover_event,
       e.actor1_name, e.actor1_country, e.actor1_cameo, e.actor1_inter, e.actor1_text,
       e.actor2_name, e.actor2_country, e.actor2_cameo, e.actor2_inter, e.actor2_text,
       e.location_name, e.location_admin1, e.location_admin2, e.location_country, e.latitude, e.longitude,
       e.geo_precision, e.fatalities, e.fatalities_reported, e.hedged, e.negated, e.certainty, e.confidence,
       e.coder_version, e.num_sources, e.num_articles, e.first_seen, e.updated_at, e.partition_date
FROM core.events e
WHERE NOT e.withdrawn;

CREATE VIEW public.event_sources AS
SELECT s.event_id, s.article_id, s.url, s.source, s.published_at, s.sentence, s.start_char, s.end_char,
       s.claim_source
FROM core.event_sources s
JOIN core.events e USING (event_id)
WHERE NOT e.withdrawn;
"""

ROLES = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'analyst') THEN
        CREATE ROLE analyst NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'newsevents_loader') THEN
        CREATE ROLE newsevents_loader NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA core TO newsevents_loader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA core TO newsevents_loader;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA core TO newsevents_loader;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO newsevents_loader;
REVOKE ALL ON SCHEMA core FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO analyst;
GRANT SELECT ON public.events, public.event_sources TO analyst;
"""


def upgrade() -> None:
    op.execute(TABLES)
    op.execute(VIEWS)
    op.execute(ROLES)


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS public.event_sources; DROP VIEW IF EXISTS public.events;")
    op.execute("DROP SCHEMA core CASCADE;")
