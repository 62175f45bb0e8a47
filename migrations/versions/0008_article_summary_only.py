"""`core.articles.summary_only`: the stored text is a feed item's summary, kept because its page could not be
fetched, so an analyst (or a later re-code) can tell a two-sentence summary from a full article.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE core.articles ADD COLUMN IF NOT EXISTS summary_only boolean NOT NULL DEFAULT false;")


def downgrade() -> None:
    op.execute("ALTER TABLE core.articles DROP COLUMN IF EXISTS summary_only;")
