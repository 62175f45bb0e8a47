"""Catalog helpers shared by migrations that change a table views read: PostgreSQL refuses to drop a table or
change a column's type under a view, so such a migration drops the views reading it and makes them again, as the
catalog had them (definition and grants), once the table is changed."""

from __future__ import annotations

from alembic import op
from sqlalchemy import Connection, text

View = tuple[str, str, list[tuple[str, str]]]


def dependent_views(conn: Connection, *tables: str) -> list[View]:
    """Views reading `tables`, directly or through other views, oldest first: (name, definition, grants)."""
    rows = conn.execute(text("""
        WITH RECURSIVE deps(oid) AS (
            SELECT r.ev_class FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
            WHERE d.refobjid = ANY(CAST(:tables AS regclass[])) AND r.ev_class <> d.refobjid
            UNION
            SELECT r.ev_class FROM deps JOIN pg_depend d ON d.refobjid = deps.oid
            JOIN pg_rewrite r ON r.oid = d.objid WHERE r.ev_class <> deps.oid
        )
        SELECT format('%I.%I', n.nspname, c.relname), pg_get_viewdef(c.oid),
               (SELECT array_agg(ARRAY[CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(g.rolname) END,
                                       a.privilege_type] ORDER BY 1)
                FROM aclexplode(c.relacl) a LEFT JOIN pg_roles g ON g.oid = a.grantee
                WHERE a.grantee <> c.relowner)
        FROM (SELECT DISTINCT oid FROM deps) x JOIN pg_class c ON c.oid = x.oid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind = 'v' ORDER BY c.oid"""), {"tables": list(tables)}).all()
    return [(r[0], r[1], [(g[0], g[1]) for g in (r[2] or [])]) for r in rows]


def drop_views(views: list[View]) -> None:
    """Drop `views`, newest first (a view reading another goes before it)."""
    for name, _, _ in reversed(views):
        op.execute(f"DROP VIEW {name}")


def create_views(views: list[View], replaced: dict[str, str]) -> None:
    """Make `views` again, oldest first, with their grants; `replaced` gives new definitions by name."""
    for name, definition, grants in views:
        op.execute(replaced.get(name) or f"CREATE VIEW {name} AS {definition}")
        for grantee, privilege in grants:
            op.execute(f"GRANT {privilege} ON {name} TO {grantee}")
