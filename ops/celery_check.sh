#!/usr/bin/env bash
# On-demand scale-out check (issue 6): Airflow 3 with CeleryExecutor on this machine (local Redis broker, local
# PostgreSQL for Airflow metadata, Celery results and events), two Celery workers, one run of news_events_daily
# over the sample articles. Passes when the run succeeds and the mapped extract shards ran on both workers.
# Usage: ops/celery_check.sh [timeout_seconds]   (PGURL, REDIS_URL, SHARDS, DAY may be overridden)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
BIN=$REPO/.venv/bin
TIMEOUT=${1:-1800}
PGURL=${PGURL:-postgresql://postgres@127.0.0.1:5432}
REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/15}
SHARDS=${SHARDS:-4}
DAY=${DAY:-2026-11-25}
TAG=cc$$
WORK=$(mktemp -d /tmp/newsevents-celery-XXXX)
AF_DB=${TAG}_airflow
EV_DB=${TAG}_events
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  sleep 2
  psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $AF_DB WITH (FORCE)" >/dev/null 2>&1 || true
  psql "$PGURL/postgres" -qc "DROP DATABASE IF EXISTS $EV_DB WITH (FORCE)" >/dev/null 2>&1 || true
  echo "logs kept in $WORK"
}
trap cleanup EXIT

psql "$PGURL/postgres" -qc "CREATE DATABASE $AF_DB"
psql "$PGURL/postgres" -qc "CREATE DATABASE $EV_DB"
PORT=$("$BIN/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PGHOSTPART=${PGURL#postgresql://}

export AIRFLOW_HOME=$WORK/airflow
export AIRFLOW__CORE__EXECUTOR=CeleryExecutor
export AIRFLOW__CORE__LOAD_EXAMPLES=False
export AIRFLOW__CORE__DAGS_FOLDER=$REPO/dags
export AIRFLOW__CORE__HOSTNAME_CALLABLE=celery_hostname.hostname
export AIRFLOW__CORE__EXECUTION_API_SERVER_URL=http://127.0.0.1:$PORT/execution/
export AIRFLOW__API__PORT=$PORT
export AIRFLOW__API_AUTH__JWT_SECRET=$(head -c 24 /dev/urandom | base64)
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=postgresql+psycopg://$PGHOSTPART/$AF_DB
export AIRFLOW__DATABASE__SQL_ALCHEMY_CONN_ASYNC=postgresql+psycopg_async://$PGHOSTPART/$AF_DB
export AIRFLOW__CELERY__BROKER_URL=$REDIS_URL
export AIRFLOW__CELERY__RESULT_BACKEND=db+postgresql+psycopg://$PGHOSTPART/$AF_DB
export AIRFLOW__CELERY__WORKER_CONCURRENCY=1
export AIRFLOW__SCHEDULER__MIN_FILE_PROCESS_INTERVAL=5
export PYTHONPATH=$REPO:$REPO/ops
export NEWSEVENTS_DATABASE_URL=postgresql+psycopg://$PGHOSTPART/$EV_DB
export NEWSEVENTS_HOME=$WORK/home
export NEWSEVENTS_SNAPSHOT_URI=$WORK/snapshots
export NEWSEVENTS_INPUTS=$REPO/samples/articles
export NEWSEVENTS_SHARDS=$SHARDS

start() {  # start NAME CMD...: run in its own process group, log to $WORK/NAME.log
  local name=$1; shift
  setsid "$@" >"$WORK/$name.log" 2>&1 &
  PIDS+=($!)
}

"$BIN/airflow" db migrate >"$WORK/migrate.log" 2>&1
start api-server "$BIN/airflow" api-server --port "$PORT"
start scheduler "$BIN/airflow" scheduler
start dag-processor "$BIN/airflow" dag-processor
CELERY_CHECK_WORKER=worker-a start worker-a "$BIN/airflow" celery worker -H worker-a@%h -c 1
CELERY_CHECK_WORKER=worker-b start worker-b "$BIN/airflow" celery worker -H worker-b@%h -c 1

echo "waiting for the DAG to be parsed..."
for _ in $(seq 1 120); do
  if "$BIN/airflow" dags list -o plain 2>/dev/null | grep -q news_events_daily; then break; fi
  sleep 5
done
"$BIN/airflow" dags unpause news_events_daily >/dev/null
RUN_ID=celery_check__${DAY}__${TAG}
"$BIN/airflow" dags trigger news_events_daily --run-id "$RUN_ID" \
  --conf "{\"partition_date\": \"$DAY\", \"shards\": $SHARDS}" >/dev/null
echo "triggered $RUN_ID; waiting up to ${TIMEOUT}s"

q() { psql "$PGURL/$AF_DB" -tAc "$1"; }
STATE=running
DEADLINE=$((SECONDS + TIMEOUT))
while [ $SECONDS -lt $DEADLINE ]; do
  STATE=$(q "SELECT state FROM dag_run WHERE run_id = '$RUN_ID'")
  case $STATE in success|failed) break ;; esac
  sleep 10
done

echo "run state: $STATE"
q "SELECT task_id, map_index, state, hostname, round(duration::numeric, 1) FROM task_instance
   WHERE run_id = '$RUN_ID' ORDER BY start_date, map_index" | sed 's/^/  /'
HOSTS=$(q "SELECT count(DISTINCT hostname) FROM task_instance
           WHERE run_id = '$RUN_ID' AND task_id = 'extract_events' AND state = 'success'")
EVENTS=$(psql "$PGURL/$EV_DB" -tAc "SELECT count(*) FROM core.events" 2>/dev/null || echo "?")
echo "extract shards ran on $HOSTS worker(s); events in the database: $EVENTS"
if [ "$STATE" = success ] && [ "$HOSTS" -ge 2 ]; then
  echo "CELERY CHECK PASSED"
else
  echo "CELERY CHECK FAILED"; exit 1
fi
