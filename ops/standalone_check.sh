#!/usr/bin/env bash
# Proves docs/airflow.md section 1 as a newcomer meets it: a fresh clone of this repository, the section's bash block
# run exactly as written, and a pass only when the triggered run of 2026-11-25 succeeded with events loaded while
# the scheduled run of another day read nothing. The one change is the port: other sessions on this machine may hold
# :8080, so AIRFLOW__API__PORT (and the execution API URL that follows it) point at a free port.
# Usage: ops/standalone_check.sh [timeout_seconds]   (commits only: the clone is of HEAD)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
TIMEOUT=${1:-1200}
DAY=2026-11-25
WORK=$(mktemp -d /tmp/newsevents-standalone-XXXX)
CLONE=$WORK/clone
RECIPE_PID=

cleanup() {
  if [ -n "$RECIPE_PID" ]; then kill -- "-$RECIPE_PID" 2>/dev/null || true; sleep 3; fi
  if [ -x "$CLONE/.venv/bin/newsevents" ]; then (cd "$CLONE" && .venv/bin/newsevents db stop >/dev/null 2>&1) || true; fi
  rm -rf "$CLONE/.venv"  # the clone's environment; logs and the run's files stay
  echo "logs kept in $WORK (recipe.log, clone/.newsevents/airflow/logs)"
}
trap cleanup EXIT

git clone -q "$REPO" "$CLONE"
awk '/^## 1\./ {in1 = 1} in1 && /^```bash/ {on = 1; next} on && /^```/ {exit} on' "$CLONE/docs/airflow.md" \
  > "$WORK/recipe.sh"
grep -q 'airflow standalone' "$WORK/recipe.sh" || { echo "no recipe found in docs/airflow.md section 1"; exit 1; }
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export AIRFLOW__API__PORT=$PORT AIRFLOW__CORE__EXECUTION_API_SERVER_URL=http://localhost:$PORT/execution/
unset NEWSEVENTS_HOME NEWSEVENTS_DATABASE_URL NEWSEVENTS_SNAPSHOT_URI NEWSEVENTS_INPUTS AIRFLOW_HOME PYTHONPATH

cd "$CLONE"
setsid bash -e "$WORK/recipe.sh" >"$WORK/recipe.log" 2>&1 &
RECIPE_PID=$!

# The recipe's own exports, to ask Airflow about its runs from this shell.
eval "$(grep '^export ' "$WORK/recipe.sh")"
deadline=$((SECONDS + TIMEOUT))
state=none
while [ $SECONDS -lt $deadline ]; do
  sleep 15
  kill -0 "$RECIPE_PID" 2>/dev/null || { echo "the recipe stopped:"; tail -30 "$WORK/recipe.log"; exit 1; }
  runs=$(airflow dags list-runs news_events_daily -o json 2>/dev/null || true)
  read -r state scheduled < <(python3 - "$runs" <<'PY'
import json, sys
text = sys.argv[1]
runs = []
for line in text.splitlines():  # warnings and log lines come before the JSON line, none while Airflow sets up
    if line.startswith(("[{", "[]")):
        try:
            runs = json.loads(line)
        except ValueError:
            pass
manual = [r["state"] for r in runs if r["run_id"].startswith("manual__")]
scheduled = [r["state"] for r in runs if r["run_id"].startswith("scheduled__")]
print(manual[0] if manual else "none", ",".join(scheduled) or "none")
PY
)
  echo "$(date +%T) triggered run: $state; scheduled runs: $scheduled"
  case $state in failed) echo "FAIL: the triggered run failed"; exit 1 ;; esac
  if [ "$state" = success ] && [ "$scheduled" != none ] && ! grep -qv success <<<"${scheduled//,/$'\n'}"; then
    break
  fi
done
[ "$state" = success ] || { echo "FAIL: the triggered run is '$state' after ${TIMEOUT}s"; exit 1; }
[ "$scheduled" != none ] && ! grep -qv success <<<"${scheduled//,/$'\n'}" \
  || { echo "FAIL: scheduled runs: $scheduled"; exit 1; }
status=$(.venv/bin/newsevents db status)
echo "$status"
grep -q "latest partition $DAY" <<<"$status" && grep -q "runs: 1 " <<<"$status" \
  || { echo "FAIL: expected exactly one run, of $DAY (the scheduled day must read nothing)"; exit 1; }
events=$(sed -n 's/^events: \([0-9]*\);.*/\1/p' <<<"$status")
[ "${events:-0}" -gt 0 ] || { echo "FAIL: no events loaded"; exit 1; }
echo "PASS: docs/airflow.md standalone recipe from a fresh clone: run of $DAY succeeded, $events events loaded"
