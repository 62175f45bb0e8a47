"""Fixtures for the ingest tests: settings with a private home, a gate with a fixed clock, the fixture folder."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from etl.ingest.checks import ArticleGate
from etl.settings import Settings

NOW = datetime(2024, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def data_dir() -> Path:
    """tests/data/ingest: the HTML page and feeds the tests read."""
    return Path(__file__).resolve().parents[2] / "data" / "ingest"


@pytest.fixture
def now() -> datetime:
    """The run time the gate judges future dates against."""
    return NOW


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


@pytest.fixture
def gate(settings: Settings) -> ArticleGate:
    return ArticleGate(settings, now=NOW)


@pytest.fixture
def english() -> str:
    """A plausible English news sentence, long enough to pass every text check."""
    return ("Government troops clashed with rebel fighters on Sunday near the provincial capital, killing at least "
            "four people, a local official said.")
