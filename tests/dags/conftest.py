"""An isolated Airflow environment (own AIRFLOW_HOME, sqlite metadata) for subprocesses that load the DAG."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "dags"


def airflow_env(home: Path) -> dict[str, str]:
    """Environment for a child interpreter: no AIRFLOW_* of the caller, metadata in sqlite under `home`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AIRFLOW", "NEWSEVENTS_"))}
    env.update(AIRFLOW_HOME=str(home / "airflow"), AIRFLOW__CORE__LOAD_EXAMPLES="False",
               AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
               AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home / 'airflow' / 'airflow.db'}",
               PYTHONPATH=str(REPO))
    return env


@pytest.fixture(scope="session")
def make_airflow_env() -> Callable[[Path], dict[str, str]]:
    return airflow_env
