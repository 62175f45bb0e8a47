"""The DAG parses fast without importing the pipeline, is wired as documented, and picks the right day."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "dags"

_PARSE = r"""
import json, sys, time
from airflow.dag_processing.dagbag import DagBag
t0 = time.perf_counter()
bag = DagBag(dag_folder=sys.argv[1])
elapsed = time.perf_counter() - t0
dag = bag.dags.get("news_events_daily")
tasks = {}
if dag is not None:
    for t in dag.tasks:
        tasks[t.task_id] = {"retries": t.retries, "upstream": sorted(t.upstream_task_ids),
                            "mapped": "Mapped" in type(t).__name__}
print(json.dumps({
    "errors": {k: str(v) for k, v in bag.import_errors.items()},
    "dag_ids": sorted(bag.dag_ids),
    "heavy": sorted(m for m in sys.modules if m == "etl" or m.startswith(("etl.", "spacy"))),
    "seconds": elapsed,
    "timetable": type(dag.timetable).__name__ if dag else None,
    "cron": getattr(dag.timetable, "expression", None) or getattr(dag.timetable, "_expression", None) if dag else None,
    "doc": bool(dag and dag.doc_md),
    "max_active_runs": dag.max_active_runs if dag else None,
    "tasks": tasks,
}))
"""


@pytest.fixture(scope="module")
def parsed(tmp_path_factory: pytest.TempPathFactory, make_airflow_env: Callable[[Path], dict[str, str]]) -> dict:
    """Parse the DAG folder in a fresh interpreter, so sys.modules shows what parsing alone imports."""
    tmp = tmp_path_factory.mktemp("dagbag")
    out = subprocess.run([sys.executable, "-c", _PARSE, str(DAGS)], env=make_airflow_env(tmp), cwd=tmp,
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_dag_imports_without_errors_or_heavy_modules(parsed: dict) -> None:
    assert parsed["errors"] == {}
    assert parsed["dag_ids"] == ["news_events_daily"]
    assert parsed["heavy"] == [], "parsing must not import etl or spaCy"
    assert parsed["seconds"] < 10


def test_dag_structure(parsed: dict) -> None:
    tasks = parsed["tasks"]
    assert set(tasks) == {"migrate_database", "ingest_articles", "extract_events", "dedup_events",
                          "check_quality", "load_events", "publish_snapshot", "finish_run"}
    assert tasks["ingest_articles"]["upstream"] == ["migrate_database"]
    assert tasks["extract_events"]["mapped"] is True
    assert tasks["extract_events"]["upstream"] == ["ingest_articles"]
    assert tasks["dedup_events"]["upstream"] == ["extract_events"]
    assert tasks["check_quality"]["upstream"] == ["dedup_events"]  # checks guard the load and the snapshot
    assert sorted(tasks["load_events"]["upstream"]) == ["check_quality", "dedup_events"]
    assert tasks["publish_snapshot"]["upstream"] == ["load_events"]
    assert tasks["finish_run"]["upstream"] == ["publish_snapshot"]
    assert all(t["retries"] >= 1 for t in tasks.values())
    assert parsed["timetable"] == "CronDataIntervalTimetable"
    assert parsed["cron"] == "0 2 * * *"
    assert parsed["doc"] is True
    assert parsed["max_active_runs"] == 1


@pytest.fixture(scope="module")
def dagmod():
    sys.path.insert(0, str(DAGS))
    try:
        import news_events_daily as mod
    finally:
        sys.path.remove(str(DAGS))
    return mod


def test_partition_date_rules(dagmod) -> None:
    start = datetime(2026, 11, 25, 2, tzinfo=UTC)
    run_after = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)
    assert dagmod.partition_date_for({}, start, run_after) == date(2026, 11, 25)
    assert dagmod.partition_date_for(None, None, run_after) == date(2026, 11, 25)
    assert dagmod.partition_date_for({"partition_date": "2026-01-02"}, start, run_after) == date(2026, 1, 2)
    with pytest.raises(ValueError):
        dagmod.partition_date_for(None, None, None)


def test_inputs_fill_in_the_date_and_conf_wins(dagmod) -> None:
    day = date(2026, 11, 25)
    assert dagmod.inputs_for(None, ["s3://b/news/dt={date}/"], day) == ["s3://b/news/dt=2026-11-25/"]
    assert dagmod.inputs_for({"inputs": "a.jsonl"}, ["b.jsonl"], day) == ["a.jsonl"]
    assert dagmod.inputs_for({}, [], day) == []


def test_a_dated_inbox_folder_missing_for_a_day_is_named(dagmod, tmp_path: Path) -> None:
    """A scheduled run for a day whose `{date}` folder does not exist reads nothing (the task skips), instead of
    failing or reading a folder of another day."""
    (tmp_path / "dt=2026-11-25").mkdir()
    template = [str(tmp_path / "dt={date}"), "s3://b/news/dt={date}/", str(tmp_path / "fixed.jsonl")]
    assert dagmod.missing_dated_inputs(None, template, date(2026, 11, 25)) == []
    assert dagmod.missing_dated_inputs(None, template, date(2026, 12, 3)) == [str(tmp_path / "dt=2026-12-03")]
    assert dagmod.missing_dated_inputs({"inputs": [str(tmp_path / "x-{date}")]}, template, date(2026, 12, 3)) == \
        [str(tmp_path / "x-2026-12-03")]
