"""Settings: NEWSEVENTS_HOME moves every default path."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.settings import Settings


def test_home_moves_every_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("NEWSEVENTS_SNAPSHOT_URI", "NEWSEVENTS_CACHE_DIR", "NEWSEVENTS_DATABASE_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NEWSEVENTS_HOME", str(tmp_path / "home"))
    s = Settings(_env_file=None)
    assert s.snapshot_uri == str(tmp_path / "home" / "snapshots")
    assert s.cache_dir == tmp_path / "home" / "cache"
    assert Settings(_env_file=None, snapshot_uri="s3://bucket/prefix").snapshot_uri == "s3://bucket/prefix"
