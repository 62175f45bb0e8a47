"""etl.db and the `newsevents db` commands against a real server: URLs, migrations, status, no leaked password."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from typer.testing import CliRunner

from etl.cli import app
from etl.db import database_url
from etl.load.migrate import current, head, upgrade
from etl.settings import Settings, get_settings

pytestmark = pytest.mark.integration


def test_plain_postgres_urls_get_the_psycopg_driver() -> None:
    url = database_url(Settings(database_url="postgresql://u:pw@db.example:5433/news"))
    assert url == "postgresql+psycopg://u:pw@db.example:5433/news"


def test_migrations_are_idempotent_and_reach_head(empty_db_url: str) -> None:
    assert current(empty_db_url) is None
    upgrade(empty_db_url)
    upgrade(empty_db_url)  # roles already exist in the cluster, tables already exist: nothing to do
    assert current(empty_db_url) == head()
    engine = create_engine(empty_db_url)
    with engine.connect() as c:
        roles = set(c.execute(text("SELECT rolname FROM pg_roles WHERE rolname IN "
                                   "('analyst', 'newsevents_loader')")).scalars())
        countries = c.execute(text("SELECT count(*) FROM core.ref_countries")).scalar_one()
    engine.dispose()
    assert roles == {"analyst", "newsevents_loader"} and countries > 200


@pytest.fixture
def configured(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv("NEWSEVENTS_DATABASE_URL", db_url)
    get_settings.cache_clear()
    yield db_url
    get_settings.cache_clear()


def test_db_status_and_dictionary_commands(configured: str, tmp_path: Path) -> None:
    status = CliRunner().invoke(app, ["db", "status"])
    assert status.exit_code == 0, status.output
    assert f"revision: {head()}" in status.output and "events: 0" in status.output
    out = tmp_path / "dd.md"
    made = CliRunner().invoke(app, ["db", "dictionary", "--output", str(out)])
    assert made.exit_code == 0, made.output
    assert "`public.events_acled`" in out.read_text()


def test_db_rollups_command_checks_and_rebuilds(configured: str) -> None:
    from etl.load.bench import synthetic_events
    from etl.load.store import PostgresEventStore

    PostgresEventStore(create_engine(configured)).load_events(synthetic_events(30), "r", date(2026, 11, 20))
    ok = CliRunner().invoke(app, ["db", "rollups"])
    assert ok.exit_code == 0 and "daily: agrees with the events" in ok.output, ok.output
    engine = create_engine(configured)
    with engine.begin() as c:
        c.execute(text("UPDATE core.rollup_daily SET events = events + 1 WHERE country = 'KEN'"))
    wrong = CliRunner().invoke(app, ["db", "rollups"])
    assert wrong.exit_code == 1 and "rows differ" in wrong.output, wrong.output
    fixed = CliRunner().invoke(app, ["db", "rollups", "--rebuild"])
    assert fixed.exit_code == 0 and "rebuilt:" in fixed.output
    assert CliRunner().invoke(app, ["db", "rollups"]).exit_code == 0
    engine.dispose()


def test_commands_never_print_a_password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_DATABASE_URL", "postgresql://newsevents:hunter2-secret@127.0.0.1:1/news")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["db", "purge-texts", "--days", "30"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code != 0
    shown = result.output + repr(result.exception)
    assert "127.0.0.1:1" in shown and "hunter2-secret" not in shown


def test_migrations_downgrade_to_base_and_back(empty_db_url: str) -> None:
    from etl.load.migrate import downgrade

    upgrade(empty_db_url)
    downgrade(empty_db_url, "base")
    engine = create_engine(empty_db_url)
    with engine.connect() as c:
        left = c.execute(text("SELECT count(*) FROM information_schema.tables WHERE table_schema IN "
                              "('core', 'public') AND table_name <> 'alembic_version'")).scalar_one()
    assert left == 0
    upgrade(empty_db_url)
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM public.events_acled")).scalar_one() == 0
    engine.dispose()
