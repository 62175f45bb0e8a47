"""Alembic environment: runs migrations against the URL given by etl.load.migrate or the settings."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool, text

config = context.config


def _url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from etl.db import database_url

    return database_url()


def run_migrations_offline() -> None:
    context.configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        # two processes upgrading at once take turns: the second reads the version only after the first is done
        connection.execute(text("SELECT pg_advisory_lock(hashtext('newsevents-migrate'))"))
        connection.commit()
        try:
            context.configure(connection=connection, version_table_schema="public")
            with context.begin_transaction():
                context.run_migrations()
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(hashtext('newsevents-migrate'))"))
            connection.commit()
    engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
