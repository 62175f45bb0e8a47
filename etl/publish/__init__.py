"""Publishing the daily snapshot: `events/dt=YYYY-MM-DD/` with its data files, then `manifest.json` last.

Data files are deterministic (rows sorted by event_id, gzip without a time stamp, fixed column order and types), so
a rerun of the same day writes the same bytes and only the manifest's run id and time change. Data keys are written
once: an existing key with the same bytes is left alone, one with different bytes is a `SnapshotConflict` and no
manifest is written — a reader who trusts the manifest never sees a half or silently changed snapshot.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime

from etl.publish.formats import SNAPSHOT_FILES
from etl.publish.stores import LocalSnapshotStore, S3SnapshotStore, SnapshotConflict, SnapshotStore, snapshot_store
from schemas.models import SCHEMA_VERSION, Event

__all__ = ["SNAPSHOT_FILES", "LocalSnapshotStore", "Manifest", "S3SnapshotStore", "SnapshotConflict",
           "SnapshotStore", "partition_prefix", "publish_snapshot", "read_manifest", "snapshot_store",
           "verify_snapshot"]


@dataclass
class Manifest:
    """What a snapshot holds; `files` lists name, bytes, sha256 and content type of every data file."""

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
    """Write every data file of the day (write-once), then the manifest; returns the manifest."""
    rows = sorted(events, key=lambda e: e.event_id)
    prefix = partition_prefix(partition_date)
    files: list[dict[str, object]] = []
    for name, (render, content_type) in SNAPSHOT_FILES.items():
        data = render(rows)
        store.put_once(prefix + name, data, content_type)
        files.append({"name": name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data),
                      "content_type": content_type})
    manifest = Manifest(partition_date=partition_date.isoformat(), run_id=run_id,
                        created_at=datetime.now(UTC).isoformat(timespec="seconds"), schema_version=SCHEMA_VERSION,
                        coder_version=coder_version, row_count=len(rows), files=files)
    store.put(prefix + "manifest.json", manifest.to_json(), "application/json")
    return manifest


def read_manifest(store: SnapshotStore, partition_date: date) -> dict[str, object] | None:
    """The day's manifest as published, or None if the day has no complete snapshot."""
    data = store.get(partition_prefix(partition_date) + "manifest.json")
    return json.loads(data) if data else None


def verify_snapshot(store: SnapshotStore, partition_date: date) -> list[str]:
    """Problems with the day's published snapshot, checked against its manifest: the manifest is missing or
    unreadable, or a file it lists is missing or has other bytes (size or sha256). An empty list means every file
    is exactly what the manifest says."""
    prefix = partition_prefix(partition_date)
    raw = store.get(prefix + "manifest.json")
    if raw is None:
        return [f"{store.uri}/{prefix}manifest.json: missing (the day was never published, or not completely)"]
    try:
        manifest = json.loads(raw)
        files = list(manifest["files"])
    except (ValueError, KeyError, TypeError) as exc:
        return [f"{store.uri}/{prefix}manifest.json: unreadable ({exc})"]
    problems = []
    for entry in files:
        name = str(entry.get("name"))
        data = store.get(prefix + name)
        where = f"{store.uri}/{prefix}{name}"
        if data is None:
            problems.append(f"{where}: listed in the manifest but missing")
        elif len(data) != entry.get("bytes"):
            problems.append(f"{where}: {len(data)} bytes, the manifest says {entry.get('bytes')}")
        elif hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            problems.append(f"{where}: sha256 differs from the manifest")
    return problems
