"""End to end: `dag.test()` runs the whole DAG on sample articles against a real PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

REPO = Path(__file__).resolve().parents[2]

_RUN = r"""
import json, subprocess, sys
from datetime import datetime, timezone
subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"], check=True, capture_output=True)
from airflow.dag_processing.dagbag import DagBag
dag = DagBag(dag_folder=sys.argv[1]).dags["news_events_daily"]
dr = dag.test(run_after=datetime(2026, 11, 26, 3, tzinfo=timezone.utc), logical_date=None,
              run_conf={"partition_date": "2026-11-25", "inputs": [sys.argv[2]], "shards": 2})
tis = {f"{ti.task_id}[{ti.map_index}]": str(ti.state) for ti in dr.get_task_instances()}
print(json.dumps({"state": str(dr.state), "tis": tis}))
"""


@pytest.mark.slow
@pytest.mark.integration
def test_dag_runs_end_to_end(tmp_path: Path, db_url: str, make_airflow_env: Callable[[Path], dict[str, str]]) -> None:
    sample = tmp_path / "articles.jsonl"
    lines = (REPO / "samples" / "articles" / "2026-11-25.jsonl").read_text().splitlines()[:4]
    sample.write_text("\n".join(lines) + "\n")
    env = make_airflow_env(tmp_path)
    env.update(NEWSEVENTS_DATABASE_URL=db_url, NEWSEVENTS_HOME=str(tmp_path / "home"),
               NEWSEVENTS_CACHE_DIR=str(REPO / ".newsevents" / "cache"),
               NEWSEVENTS_SNAPSHOT_URI=str(tmp_path / "snapshots"))
    out = subprocess.run([sys.executable, "-c", _RUN, str(REPO / "dags"), str(sample)], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=1800)
    assert out.returncode == 0, out.stderr[-3000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["state"].endswith("success"), result
    assert "extract_events[0]" in result["tis"] and "extract_events[1]" in result["tis"]
    engine = create_engine(db_url)
    with engine.connect() as conn:
        n_events = conn.execute(text("SELECT count(*) FROM core.events")).scalar_one()
        statuses = conn.execute(text("SELECT status FROM core.runs")).scalars().all()
    engine.dispose()
    assert n_events > 0
    assert statuses == ["success"]  # recorded by the last task, after publishing
    assert (tmp_path / "snapshots" / "events" / "dt=2026-11-25" / "manifest.json").exists()
