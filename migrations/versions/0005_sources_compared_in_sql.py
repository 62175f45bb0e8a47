"""No stored digest of an event's sources: the load compares the staged sources with the stored ones in SQL.

`content_hash` held a SHA-1 of the event's source rows, computed in Python for every event of every load (about a
third of the load's Python time) so that a rerun could tell a changed source list from an unchanged one. The merge
now compares the staged source rows with the stored ones directly, and only for events already stored, so a new
event costs nothing and the digest has no reader left.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE core.events DROP COLUMN IF EXISTS content_hash;")


def downgrade() -> None:
    # The digests cannot be rebuilt here (they were computed in Python): after a downgrade the first load of each
    # stored event sees a changed digest and records one revision for it.
    op.execute("ALTER TABLE core.events ADD COLUMN content_hash text NOT NULL DEFAULT '';")
    op.execute("ALTER TABLE core.events ALTER COLUMN content_hash DROP DEFAULT;")
