"""`newsevents freshness`: the report as JSON, exit 1 when the newest snapshot is too old (a cron or DAG check)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl.cli import app
from etl.settings import get_settings


@pytest.fixture
def configured(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("NEWSEVENTS_DATABASE_URL", db_url)
    monkeypatch.setenv("NEWSEVENTS_SNAPSHOT_URI", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_freshness_exit_code_follows_staleness(configured: Path) -> None:
    res = CliRunner().invoke(app, ["freshness"])
    assert res.exit_code == 1 and json.loads(res.stdout)["snapshot"] is None  # nothing published yet
    manifest = configured / "events" / "dt=2026-11-20" / "manifest.json"
    manifest.parent.mkdir(parents=True)
    made = datetime.now(UTC).isoformat(timespec="seconds")
    manifest.write_text(json.dumps({"partition_date": "2026-11-20", "run_id": "r", "created_at": made,
                                    "row_count": 0}))
    res = CliRunner().invoke(app, ["freshness", "--max-age-hours", "1"])
    assert res.exit_code == 0, res.stdout
    assert json.loads(res.stdout)["snapshot"]["partition_date"] == "2026-11-20"


def test_serve_is_registered() -> None:
    res = CliRunner().invoke(app, ["serve", "--help"])
    assert res.exit_code == 0 and "--port" in res.stdout


def test_serve_on_a_used_port_fails_before_announcing_anything(db_url: str, tmp_path: Path) -> None:
    """A port clash is one line on stderr and exit 1: no 'dashboard at' and no startup lines first."""
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    env = {**os.environ, "NEWSEVENTS_DATABASE_URL": db_url, "NEWSEVENTS_SNAPSHOT_URI": str(tmp_path)}
    try:
        res = subprocess.run([sys.executable, "-m", "etl.cli", "serve", "--port", str(port)], env=env,
                             capture_output=True, text=True, timeout=120)
    finally:
        taken.close()
    out = res.stdout + res.stderr
    assert res.returncode == 1, out
    assert "dashboard at" not in out and "startup" not in out.lower(), out
    assert res.stderr.strip().splitlines() == [f"newsevents serve: cannot listen on 127.0.0.1:{port}: "
                                               "Address already in use"]
