"""The published snapshots as one table, for DuckDB (or Spark, Trino, Athena) over the folder or bucket.

A day's current files are the ones its `manifest.json` names (version 1 in `events/dt=D/`, version N in
`events/dt=D/v=N/`), and an event revised or withdrawn on a later day is carried again by that day's snapshot; so
the feed as it stands is, of the current files of every day with a manifest, each event's row from its latest
day, live events only. That is what `public.events` holds in PostgreSQL.
"""

from __future__ import annotations

import json

from etl.publish.stores import SnapshotStore


def current_files(store: SnapshotStore, root: str, name: str = "events.parquet") -> list[str]:
    """The URIs (under `root`, a folder or s3://bucket/prefix) of file `name` in each published day's current
    version, oldest day first; a day without a manifest (half written) is left out."""
    days = sorted(k.split("/")[1] for k in store.list("events/")
                  if k.count("/") == 2 and k.endswith("/manifest.json"))
    out = []
    for day in days:
        raw = store.get(f"events/{day}/manifest.json")
        entry = next((f for f in json.loads(raw or "{}").get("files", []) if f.get("name") == name), None)
        if entry is not None:
            out.append(f"{root.rstrip('/')}/events/{day}/{entry['key']}")
    return out


def live_events_sql(files: list[str]) -> str:
    """DuckDB SQL for the live events of the feed from `current_files`: each event's row from its latest day."""
    listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    return f"""
SELECT * EXCLUDE (filename, latest) FROM (
    SELECT *, CAST(regexp_extract(filename, 'dt=([0-9-]+)', 1) AS DATE) AS dt,
           row_number() OVER (PARTITION BY event_id ORDER BY regexp_extract(filename, 'dt=([0-9-]+)', 1) DESC)
               AS latest
    FROM read_parquet([{listed}], filename = true)
) WHERE latest = 1 AND NOT withdrawn
"""
