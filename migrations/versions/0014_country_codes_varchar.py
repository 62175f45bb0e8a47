"""Country codes as varchar(3) instead of char(3), so the indexes holding them deduplicate (issue 21: storage).

PostgreSQL 13+ stores a B-tree key repeated in many rows once, with a list of the rows (deduplication), but not
in an index with a `character(n)` column: PostgreSQL 15 marks such an index as not "all equal image" and writes
every row's key. `core.events`' indexes on (actor1_country, actor1_name), (actor2_country, actor2_name) and
(location_country, event_date) hold keys that repeat across many events (an actor's name, a country's day) and
were 45, 45 and 27 bytes an event at 1M events; with varchar(3) columns they are 7-8 each (measured on one
partition of `bench-analytics`' events), which takes the table with its indexes from about 600 to about 510 bytes
an event. The codes stay limited to three characters. The rollups and `core.ref_countries` change with them, so
every join and comparison between them is between values of one type (a char(3) column compared with text is
cast, and its index is no longer used); ISO alpha-2 codes become varchar(2).

`ALTER COLUMN … TYPE` rewrites each table and its indexes under an ACCESS EXCLUSIVE lock (char(n) to varchar is a
cast that drops trailing spaces, not a relabelling): at 50M events plan on the better part of an hour with no
reads. The views reading the tables are dropped and made again as the catalog had them, with their grants; their
country columns become `character varying`. The downgrade puts char(3) and char(2) back.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from alembic import op

from migrations.catalog import create_views, dependent_views, drop_views

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# table -> its country-code columns and their length
COLUMNS = {
    "core.events": (("actor1_country", 3), ("actor2_country", 3), ("location_country", 3)),
    "core.rollup_daily": (("country", 3),),
    "core.rollup_monthly": (("country", 3),),
    "core.rollup_dyads": (("actor1_country", 3), ("actor2_country", 3)),
    "core.rollup_pairs": (("actor1_country", 3), ("actor2_country", 3)),
    "core.ref_countries": (("iso3", 3), ("iso2", 2)),
}


def _retype(kind: str) -> None:
    conn = op.get_bind()
    op.execute("LOCK TABLE " + ", ".join(COLUMNS) + " IN ACCESS EXCLUSIVE MODE")
    views = dependent_views(conn, *COLUMNS)
    drop_views(views)
    for table, columns in COLUMNS.items():
        op.execute(f"ALTER TABLE {table} " + ", ".join(f"ALTER COLUMN {c} TYPE {kind}({n})" for c, n in columns))
    create_views(views, {})
    op.execute("ANALYZE " + ", ".join(COLUMNS))


def upgrade() -> None:
    _retype("varchar")


def downgrade() -> None:
    _retype("char")
