"""Cheaper loads: no per-row foreign-key check on event sources, and no lat/lon btree (the GiST index serves
bounding boxes).

The store is the only writer of core.event_sources and writes an event's sources in the same transaction as the
event, so the foreign key only cost a trigger per source row (about a third of the merge time in the benchmark).
Events are never deleted (withdrawal is a flag), so no cascade is lost; tests check every source has its event.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE core.event_sources DROP CONSTRAINT IF EXISTS event_sources_event_id_fkey;")
    op.execute("DROP INDEX IF EXISTS core.events_latlon_idx;")


def downgrade() -> None:
    op.execute("CREATE INDEX events_latlon_idx ON core.events (latitude, longitude);")
    op.execute("ALTER TABLE core.event_sources ADD CONSTRAINT event_sources_event_id_fkey FOREIGN KEY (event_id) "
               "REFERENCES core.events (event_id) ON DELETE CASCADE;")
