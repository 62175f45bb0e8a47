"""
### news_events_daily

One run per day turns that day's news articles into coded events, loads them into PostgreSQL and publishes the
day's snapshot.

`migrate_database` → `ingest_articles` → `extract_events` (one mapped task per shard) → `dedup_events` →
`load_events` → `publish_snapshot` → `check_quality`

**Which day.** A scheduled run covers its data interval, 02:00 UTC to 02:00 UTC, and codes the day of
`data_interval_start`. A manual run codes the day before its `run_after` (the last complete interval), unless its
conf names one: `{"partition_date": "2026-11-25"}`.

**Inputs.** `NEWSEVENTS_INPUTS` (comma-separated files, folders, `s3://` prefixes or URLs; `{date}` becomes the
partition date, and a local `{date}` folder that does not exist skips the day: nothing arrived for it), or
`{"inputs": [...]}` in the run's conf. `NEWSEVENTS_SHARDS` (or conf `shards`) sets how many
extraction shards run in parallel. All other settings come from `NEWSEVENTS_*` variables (see `etl/settings.py`).

**Retries.** Every task rewrites its own files atomically and the load merges on stable event ids, so any task,
or a single failed shard, can be cleared and rerun alone. Work files live under
`$NEWSEVENTS_HOME/runs/dt=YYYY-MM-DD/`, which every worker must see (a shared volume on a cluster).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from airflow.sdk import CronDataIntervalTimetable, dag, get_current_context, task

DAG_ID = "news_events_daily"


def mark_run_failed(context: Any) -> None:
    """A task failed for good (its retries spent): mark the day's run failed in core.runs, with the error."""
    from etl.pipeline import RunContext, mark_failed

    dag_run = context["dag_run"]
    conf = dict(dag_run.conf or {})
    day = partition_date_for(conf, context.get("data_interval_start"), getattr(dag_run, "run_after", None))
    error = context.get("exception") or RuntimeError(f"task {context['task_instance'].task_id} failed")
    mark_failed(RunContext.create(day, dag_run.run_id), error)


DEFAULT_ARGS: dict[str, Any] = {
    "owner": "newsevents",
    "retries": 3,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": 2.0,
    "max_retry_delay": timedelta(minutes=30),
    "execution_timeout": timedelta(hours=2),
    "on_failure_callback": mark_run_failed,
}



def partition_date_for(
    conf: dict[str, Any] | None, data_interval_start: datetime | None, run_after: datetime | None
) -> date:
    """The day a run codes: conf `partition_date`, else the data interval's first day, else the day before run_after.

    Kept free of Airflow objects so that the rule is tested on its own.
    """
    if conf and conf.get("partition_date"):
        return date.fromisoformat(str(conf["partition_date"]))
    if data_interval_start is not None:
        return data_interval_start.date()
    if run_after is None:
        raise ValueError("a run without data interval or run_after has no partition date")
    return (run_after - timedelta(days=1)).date()


def inputs_for(conf: dict[str, Any] | None, configured: list[str], day: date) -> list[str]:
    """The run's inputs (conf overrides settings), with `{date}` filled in."""
    chosen = (conf or {}).get("inputs") or configured
    if isinstance(chosen, str):
        chosen = [chosen]
    return [str(item).replace("{date}", day.isoformat()) for item in chosen]


def missing_dated_inputs(conf: dict[str, Any] | None, configured: list[str], day: date) -> list[str]:
    """Local folders or files named by a `{date}` template that do not exist for `day`: nothing arrived for that day
    (a scheduled run must not fail, nor read another day's articles, because an inbox has no folder for it)."""
    from pathlib import Path
    from urllib.parse import urlsplit

    chosen = (conf or {}).get("inputs") or configured
    templates = [chosen] if isinstance(chosen, str) else list(chosen)
    return [str(t).replace("{date}", day.isoformat()) for t in templates
            if "{date}" in str(t) and len(urlsplit(str(t)).scheme) <= 1  # no scheme (a Windows drive is no URL)
            and not Path(str(t).replace("{date}", day.isoformat())).exists()]


def _context_args() -> tuple[dict[str, Any], date, str]:
    """Conf, partition date and run id of the current task's run."""
    context = get_current_context()
    dag_run = context["dag_run"]
    conf = dict(dag_run.conf or {})
    day = partition_date_for(conf, context.get("data_interval_start"), getattr(dag_run, "run_after", None))
    return conf, day, dag_run.run_id


def _run_context() -> Any:
    """The pipeline's RunContext for this run: the same work folder in every task, on every worker."""
    from etl.pipeline import RunContext

    _conf, day, run_id = _context_args()
    return RunContext.create(day, run_id)


@dag(
    dag_id=DAG_ID,
    schedule=CronDataIntervalTimetable("0 2 * * *", timezone="UTC"),
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    doc_md=__doc__,
    tags=["newsevents"],
)
def news_events_daily() -> None:
    @task(retries=5)
    def migrate_database() -> None:
        """Bring the events schema to head (a no-op when it is there already)."""
        from etl.db import get_engine
        from etl.load.migrate import upgrade

        upgrade(get_engine().url.render_as_string(hide_password=False))

    @task
    def ingest_articles() -> list[str]:
        """Read, gate and deduplicate the day's articles; returns the shard paths to extract."""
        from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

        from etl.pipeline import ingest_step
        from etl.settings import get_settings

        settings = get_settings()
        conf, day, _run_id = _context_args()
        inputs = inputs_for(conf, settings.inputs, day)
        if not inputs:
            raise AirflowFailException("no inputs: set NEWSEVENTS_INPUTS or pass {'inputs': [...]} in the conf")
        missing = missing_dated_inputs(conf, settings.inputs, day)
        inputs = [i for i in inputs if i not in missing]
        if not inputs:
            raise AirflowSkipException(f"nothing arrived for {day}: {', '.join(missing)} does not exist")
        shards = int(conf.get("shards") or settings.shards)
        return ingest_step(_run_context(), inputs, shards=shards)

    @task(max_active_tis_per_dagrun=16)
    def extract_events(shard_path: str) -> str:
        """Code one shard's events; returns the event shard path."""
        from etl.pipeline import extract_step

        return extract_step(_run_context(), shard_path)

    @task
    def dedup_events(event_paths: list[str]) -> str:
        """Merge the day's events with each other and with stored ones; returns the merged file."""
        from etl.pipeline import dedup_step

        return dedup_step(_run_context(), list(event_paths))

    @task
    def load_events(merged_path: str) -> dict[str, Any]:
        """Write articles, rejections and events to PostgreSQL; returns the load counts."""
        from etl.pipeline import load_step

        return load_step(_run_context(), merged_path)

    @task
    def publish_snapshot() -> str:
        """Publish the day's snapshot; returns the manifest URI."""
        from etl.pipeline import publish_step

        return publish_step(_run_context())

    @task(retries=1)
    def check_quality() -> dict[str, Any]:
        """Counts add up and volumes did not collapse, before anything is loaded or published; raises (fails the
        run) otherwise."""
        from etl.pipeline import check_step

        return check_step(_run_context())

    @task
    def finish_run() -> dict[str, Any]:
        """Record the run as a success in core.runs, with its report."""
        from etl.pipeline import finish_step

        return finish_step(_run_context())

    shards = ingest_articles()
    migrate_database() >> shards
    merged = dedup_events(extract_events.expand(shard_path=shards))
    checked = check_quality()
    merged >> checked
    loaded = load_events(merged)
    checked >> loaded
    snapshot = publish_snapshot()
    loaded >> snapshot >> finish_run()


news_events_daily()
