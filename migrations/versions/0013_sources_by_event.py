"""`public.event_sources` gives the event's id from `core.events`, so a query by ids prunes the partitions.

The view joins the sources to the events to hide withdrawn events. It gave the sources' `event_id`, so a filter
on it (the API's `/events` reads its page's sources with `event_id = ANY(:ids)`) reached only the sources: for
each source PostgreSQL then looked the event up in the partitioned events, one probe of the partitions a source.
At 50M events that read was most of the page's 1.6 s (docs/partitioning.md). Given from the events, the same
filter reaches `core.events`, whose partitions the ids name (pruned when the query is planned), and each event's
sources are one range of their primary key. The columns, their order, types and grants stay: the view is replaced
in place, and the downgrade puts the sources' id back.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

VIEW = """
CREATE OR REPLACE VIEW public.event_sources AS
SELECT e.event_id, s.article_id, s.url, s.source, s.published_at, s.sentence, s.start_char, s.end_char,
       s.claim_source
FROM core.event_sources s
JOIN core.events e ON e.event_id = s.event_id
WHERE NOT e.withdrawn;
"""

# as 0001 wrote it
OLD_VIEW = """
CREATE OR REPLACE VIEW public.event_sources AS
SELECT s.event_id, s.article_id, s.url, s.source, s.published_at, s.sentence, s.start_char, s.end_char,
       s.claim_source
FROM core.event_sources s
JOIN core.events e USING (event_id)
WHERE NOT e.withdrawn;
"""


def upgrade() -> None:
    op.execute(VIEW)


def downgrade() -> None:
    op.execute(OLD_VIEW)
