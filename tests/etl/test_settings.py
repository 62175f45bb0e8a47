"""Where the home is when NEWSEVENTS_HOME is unset, and the defaults that follow it."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.settings import HOME_NAME, Settings, find_home, project_root


def test_the_nearest_home_with_a_database_is_found_from_below(tmp_path: Path) -> None:
    (tmp_path / "feed" / HOME_NAME / "pgdata").mkdir(parents=True)
    (tmp_path / "feed" / "a" / HOME_NAME).mkdir(parents=True)  # a stray home without a database is passed over
    deep = tmp_path / "feed" / "a" / "b"
    deep.mkdir()
    assert find_home(deep) == tmp_path / "feed" / HOME_NAME


def test_without_a_home_nearby_the_checkouts_is_used(tmp_path: Path) -> None:
    root = project_root()
    assert root is not None and (root / "pyproject.toml").is_file()  # the tests run from a source checkout
    assert find_home(tmp_path) == root / HOME_NAME


def test_every_default_path_follows_the_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSEVENTS_SNAPSHOT_URI", raising=False)
    monkeypatch.setenv("NEWSEVENTS_HOME", "relative-home")
    s = Settings()
    assert s.home == tmp_path / "relative-home"  # a relative home is the working folder's, made absolute
    assert s.snapshot_uri == str(tmp_path / "relative-home" / "snapshots")
    assert Settings(snapshot_uri="s3://bucket/prefix").snapshot_uri == "s3://bucket/prefix"
    assert s.eval_dir.is_absolute() and s.eval_dir.parts[-2:] == ("shared", "eval")


def test_home_moves_every_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("NEWSEVENTS_SNAPSHOT_URI", "NEWSEVENTS_CACHE_DIR", "NEWSEVENTS_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NEWSEVENTS_HOME", str(tmp_path / "home"))
    s = Settings(_env_file=None)
    assert s.snapshot_uri == str(tmp_path / "home" / "snapshots")
    assert s.cache_dir == tmp_path / "home" / "cache"
    assert Settings(_env_file=None, snapshot_uri="s3://bucket/prefix").snapshot_uri == "s3://bucket/prefix"
