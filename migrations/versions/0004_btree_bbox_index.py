"""Bounding boxes through a btree on (latitude, longitude) instead of GiST on a point.

GiST insertions cost about a quarter of the load's merge time in the benchmark (40k events: 7.0k/s with it,
9.4k/s without); a btree range on latitude, filtered on longitude, serves analysts' boxes well enough.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DROP INDEX IF EXISTS core.events_bbox_idx;")
    op.execute("CREATE INDEX events_latlon_idx ON core.events (latitude, longitude) WHERE latitude IS NOT NULL;")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS core.events_latlon_idx;")
    op.execute("CREATE INDEX events_bbox_idx ON core.events USING gist (point(longitude, latitude)) "
               "WHERE latitude IS NOT NULL AND NOT withdrawn;")
