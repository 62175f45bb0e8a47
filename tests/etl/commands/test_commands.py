"""Commands that read the feed, run from any folder: the found or given home, or one line saying it is empty."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl.cli import app
from etl.settings import get_settings

READERS = [["export", "--from", "2026-11-20", "--to", "2026-11-21", "--format", "csv"], ["freshness"],
           ["recode", "--from", "2026-11-20", "--to", "2026-11-20"], ["serve", "--port", "1"], ["db", "url"],
           ["db", "purge-texts", "--days", "3"], ["db", "dictionary", "--output", "-"]]


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working folder far from the checkout; settings re-read for each test."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    for var in ("NEWSEVENTS_DATABASE_URL", "NEWSEVENTS_SNAPSHOT_URI"):
        monkeypatch.delenv(var, raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


@pytest.mark.parametrize("args", READERS, ids=lambda a: " ".join(a[:2]))
def test_an_empty_home_is_one_line_and_no_new_database(args: list[str], elsewhere: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    home = elsewhere / "nothing-here"
    monkeypatch.setenv("NEWSEVENTS_HOME", str(home))
    res = CliRunner().invoke(app, args)
    assert res.exit_code == 1, res.output
    assert res.stderr.splitlines() == [res.stderr.strip()] and str(home) in res.stderr and "empty" in res.stderr
    assert not (home / "pgdata").exists()  # nothing started a server there


def test_an_unmigrated_database_is_one_line_not_undefined_table(elsewhere: Path, empty_db_url: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSEVENTS_DATABASE_URL", empty_db_url)
    for args in (READERS[0], READERS[1]):
        res = CliRunner().invoke(app, args)
        assert res.exit_code == 1 and "UndefinedTable" not in res.output + repr(res.exception), args
        assert "no newsevents tables" in res.stderr and "db upgrade" in res.stderr, args


def test_a_database_behind_the_code_is_one_line_not_a_server_error(elsewhere: Path, empty_db_url: str,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A feed migrated by an older version: reading it would fail on columns it lacks (the API answered 500)."""
    from etl.load.migrate import upgrade

    upgrade(empty_db_url, "0009", refresh_reference=False)
    monkeypatch.setenv("NEWSEVENTS_DATABASE_URL", empty_db_url)
    res = CliRunner().invoke(app, READERS[0])
    assert res.exit_code == 1, res.output
    assert "revision 0009" in res.stderr and "db upgrade" in res.stderr


def test_a_home_found_above_the_working_folder_serves_the_same_feed(elsewhere: Path, db_url: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots (and every default path) come from the home, not from the folder a command is run in."""
    home = elsewhere / "feed" / ".newsevents"
    (home / "snapshots" / "events" / "dt=2026-11-20").mkdir(parents=True)
    (home / "snapshots" / "events" / "dt=2026-11-20" / "manifest.json").write_text(
        '{"partition_date": "2026-11-20", "run_id": "r", "created_at": "2026-11-21T00:00:00+00:00", "row_count": 0}')
    monkeypatch.setenv("NEWSEVENTS_DATABASE_URL", db_url)
    monkeypatch.delenv("NEWSEVENTS_HOME", raising=False)
    (home / "pgdata").mkdir()
    sub = elsewhere / "feed" / "notes" / "today"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    get_settings.cache_clear()
    assert get_settings().home == home
    res = CliRunner().invoke(app, ["freshness", "--max-age-hours", "1000000"])
    assert res.exit_code == 0, res.output
    assert '"partition_date": "2026-11-20"' in res.stdout
