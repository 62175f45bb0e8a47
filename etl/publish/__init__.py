"""Publishing the daily snapshot: `events/dt=YYYY-MM-DD/` with its data files, then `manifest.json` last.

Data files are deterministic (rows sorted by event_id, gzip without a time stamp, fixed column order and types), so
a rerun of the same day writes the same bytes and only the manifest's run id and time change. Data keys are written
once: an existing key with the same bytes is left alone, one with different bytes is a `SnapshotConflict` — a
reader who trusts the manifest never sees a half or silently changed snapshot.

A day can change (late articles, a re-code): a rerun whose files differ from the published ones publishes a new
*version* of the day. Version 1's files sit in the day's folder; version N's (N >= 2) in `v=N/` under it, each file
written once as before. The manifest, the one key that is replaced, names the current version (`version`, each
file's `key`) and what it supersedes; the manifest it replaces is kept as `manifests/v=N.json`, so every version
stays readable.
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
    """What a snapshot holds; `files` lists name, key (under the day's folder), bytes, sha256 and content type of
    every data file; `version` counts the day's published contents and `supersedes` names the one before."""

    partition_date: str
    run_id: str
    created_at: str
    schema_version: str
    coder_version: str
    row_count: int
    files: list[dict[str, object]] = field(default_factory=list)
    version: int = 1
    supersedes: dict[str, object] | None = None

    def to_json(self) -> bytes:
        return (json.dumps(asdict(self), indent=2, sort_keys=True) + "\n").encode()


def partition_prefix(day: date) -> str:
    return f"events/dt={day.isoformat()}/"


def publish_snapshot(events: list[Event], partition_date: date, run_id: str, store: SnapshotStore, *,
                     coder_version: str) -> Manifest:
    """Write every data file of the day (write-once; a new version when the content changed), then the manifest;
    returns the manifest."""
    rows = sorted(events, key=lambda e: e.event_id)
    prefix = partition_prefix(partition_date)
    rendered = {name: (render(rows), content_type) for name, (render, content_type) in SNAPSHOT_FILES.items()}
    digests = {name: hashlib.sha256(data).hexdigest() for name, (data, _) in rendered.items()}
    current_raw = store.get(prefix + "manifest.json")
    current = json.loads(current_raw) if current_raw else None
    supersedes = None
    if current is None:
        version = 1
    elif {str(f["name"]): f["sha256"] for f in current.get("files", [])} == digests:
        version = int(current.get("version", 1))  # the same content again: the same version, a new manifest
        supersedes = current.get("supersedes")
    else:
        old = int(current.get("version", 1))
        version = old + 1
        archived = f"manifests/v={old}.json"
        store.put_once(prefix + archived, current_raw, "application/json")  # type: ignore[arg-type]
        supersedes = {"version": old, "run_id": current.get("run_id"), "manifest": archived}
    version, files = _write_version(store, prefix, version, rendered)
    manifest = Manifest(partition_date=partition_date.isoformat(), run_id=run_id,
                        created_at=datetime.now(UTC).isoformat(timespec="seconds"), schema_version=SCHEMA_VERSION,
                        coder_version=coder_version, row_count=len(rows), files=files, version=version,
                        supersedes=supersedes)
    store.put(prefix + "manifest.json", manifest.to_json(), "application/json")
    return manifest


def _version_dir(version: int) -> str:
    return "" if version == 1 else f"v={version}/"


def _write_version(store: SnapshotStore, prefix: str, version: int,
                   rendered: dict[str, tuple[bytes, str]]) -> tuple[int, list[dict[str, object]]]:
    """Write the files of `version` once and return the version used: if keys of that version already hold other
    bytes (an attempt that failed before its manifest), the next number is used instead: published keys never
    change."""
    for _attempt in range(100):
        try:
            files = []
            for name, (data, content_type) in rendered.items():
                key = _version_dir(version) + name
                store.put_once(prefix + key, data, content_type)
                files.append({"name": name, "key": key, "sha256": hashlib.sha256(data).hexdigest(),
                              "bytes": len(data), "content_type": content_type})
            return version, files
        except SnapshotConflict:
            if version == 1 and store.get(prefix + "manifest.json") is None:
                version = 2  # an unfinished first publish with other content: start at version 2
            else:
                version += 1
    raise SnapshotConflict(f"{store.uri}/{prefix}: no free version number after 100 attempts")


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
        name = str(entry.get("key") or entry.get("name"))
        data = store.get(prefix + name)
        where = f"{store.uri}/{prefix}{name}"
        if data is None:
            problems.append(f"{where}: listed in the manifest but missing")
        elif len(data) != entry.get("bytes"):
            problems.append(f"{where}: {len(data)} bytes, the manifest says {entry.get('bytes')}")
        elif hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            problems.append(f"{where}: sha256 differs from the manifest")
    return problems
