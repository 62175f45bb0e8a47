"""No (actor1_name, actor2_name, event_date) index: nothing that reads the events can use it, and every load pays it.

The API matches actors by substring (ILIKE '%…%', which a btree cannot serve) or by country code (the
(actorN_country, actorN_name) indexes); the analyst views group whole tables or join on event_id. Keeping the
index cost about 7% of the server's time in the load benchmark. An exact two-name lookup still has the
(actorN_country, actorN_name) indexes, and a skip scan over their few countries on PostgreSQL 18.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-27
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS core.events_actors_name_idx;")


def downgrade() -> None:
    op.execute("CREATE INDEX IF NOT EXISTS events_actors_name_idx "
               "ON core.events (actor1_name, actor2_name, event_date);")
