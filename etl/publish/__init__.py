"""Publishing the daily snapshot: `events/dt=YYYY-MM-DD/` with data files, then `manifest.json` last.

Data files are deterministic (rows sorted by event_id, gzip without a timestamp, fixed column order and types), so
a rerun of the same day writes the same bytes. Keys are written once: an existing key with the same bytes is
left alone, one with different bytes is a `SnapshotConflict` — a published snapshot never changes silently.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime

from etl.publish.formats import FORMATS
from etl.publish.stores import LocalSnapshotStore, S3SnapshotStore, SnapshotConflict, SnapshotStore, snapshot_store
from schemas.models import SCHEMA_VERSION, Event

__all__ = ["LocalSnapshotStore", "Manifest", "S3SnapshotStore", "SnapshotConflict", "SnapshotStore",
           "partition_prefix", "publish_snapshot", "snapshot_store"]

SNAPSHOT_FILES = ("events.parquet", "events.csv.gz", "events_acled.csv.gz", "events_gdelt.tsv.gz", "events.geojson")


@dataclass
class Manifest:
    partition_date: str
    run_id: str
    created_at: str
    schema_version: str
    coder_version: str
    row_count: int
    files: list[dict[str, object]] = field(default_factory=list)

    def to_json(self) -> bytes:
        return (json.dumps(asdict(self), indent=2, sort_keys=True) + "\n").encode()


def partition_prefix(day: date) -> str:
    return f"events/dt={day.isoformat()}/"


def publish_snapshot(events: list[Event], partition_date: date, run_id: str, store: SnapshotStore, *,
                     coder_version: str) -> Manifest:
    """Write every data file of the day, then the manifest; returns the manifest."""
    rows = sorted(events, key=lambda e: e.event_id)
    prefix = partition_prefix(partition_date)
    files: list[dict[str, object]] = []
    for name in SNAPSHOT_FILES:
        writer, content_type = FORMATS[name]
        data = writer(rows)
        store.put_once(prefix + name, data, content_type)
        files.append({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                      "content_type": content_type})
    manifest = Manifest(partition_date=partition_date.isoformat(), run_id=run_id,
                        created_at=datetime.now(UTC).isoformat(timespec="seconds"), schema_version=SCHEMA_VERSION,
                        coder_version=coder_version, row_count=len(rows), files=files)
    store.put(prefix + "manifest.json", manifest.to_json(), "application/json")
    return manifest
