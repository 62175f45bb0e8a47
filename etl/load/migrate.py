"""Schema changes only through Alembic; this runs them from Python (CLI, pipeline, tests)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, pool, text

import migrations

log = logging.getLogger(__name__)


def alembic_config(url: str) -> Config:
    """Config pointing at the installed `migrations` package, so it works outside the source tree too."""
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(migrations.__file__).parent))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


_LOCK = threading.Lock()


def upgrade(url: str, revision: str = "head", *, refresh_reference: bool = True) -> None:
    """Bring the database at `url` to `revision` (idempotent), then refresh the views' reference rows.

    Alembic keeps its migration context in a module global, so threads of one process take turns here; processes
    take turns on an advisory lock in migrations/env.py.
    """
    with _LOCK:
        command.upgrade(alembic_config(url), revision)
    if refresh_reference and revision == "head":
        from etl.load.reference import sync_reference

        engine = create_engine(url, poolclass=pool.NullPool)
        try:
            with engine.begin() as conn:
                # two refreshes at once would both delete the old rows, then both insert: a duplicate key
                conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('newsevents-migrate'))"))
                sync_reference(conn)
        finally:
            engine.dispose()


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def current(url: str) -> str | None:
    """The revision the database is at (None when never migrated)."""
    from alembic.runtime.migration import MigrationContext

    engine = create_engine(url, poolclass=pool.NullPool)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def head() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config("postgresql://")).get_current_head()
