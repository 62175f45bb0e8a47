"""A failed run keeps its error: core.runs.error (status 'failed', the exception's one-line message).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE core.runs ADD COLUMN IF NOT EXISTS error text;")


def downgrade() -> None:
    op.execute("ALTER TABLE core.runs DROP COLUMN IF EXISTS error;")
