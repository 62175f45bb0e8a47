"""Snapshots: deterministic bytes, manifest last, write-once keys, local folder and S3 (moto server)."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from etl.export import COLUMNS
from etl.publish import LocalSnapshotStore, SnapshotConflict, publish_snapshot, snapshot_store
from schemas.models import Event

DAY = date(2026, 11, 25)


def test_local_snapshot_is_complete_and_reproducible(tmp_path: Path, events: list[Event]) -> None:
    store = LocalSnapshotStore(tmp_path)
    m1 = publish_snapshot(events, DAY, "run-1", store, coder_version="c1")
    folder = tmp_path / "events" / "dt=2026-11-25"
    files = {p.name: p.read_bytes() for p in folder.iterdir()}
    manifest = json.loads(files.pop("manifest.json"))
    assert manifest["row_count"] == 3 and manifest["run_id"] == "run-1"
    assert {f["name"] for f in manifest["files"]} == set(files)

    table = pq.read_table(io.BytesIO(files["events.parquet"]))
    assert table.column_names == COLUMNS
    assert table.column("event_id").to_pylist() == ["ev00001", "ev00002", "ev00003"]  # sorted
    csv_text = gzip.decompress(files["events.csv.gz"]).decode()
    assert csv_text.splitlines()[0].split(",")[:3] == ["event_id", "event_date", "time_precision"]
    assert "sentence" in csv_text and "Gunmen killed 1 villagers" in csv_text

    m2 = publish_snapshot(list(reversed(events)), DAY, "run-2", store, coder_version="c1")
    assert [f["sha256"] for f in m2.files] == [f["sha256"] for f in m1.files]
    assert json.loads((folder / "manifest.json").read_text())["run_id"] == "run-2"


def test_a_changed_day_is_a_new_version_and_every_version_is_kept(tmp_path: Path, events: list[Event]) -> None:
    """Late data (issue 17, finding 5): a rerun with other content publishes version 2 beside version 1; no
    published file changes, the manifest names the current version and what it supersedes."""
    from etl.publish import verify_snapshot

    store = LocalSnapshotStore(tmp_path)
    folder = tmp_path / "events/dt=2026-11-25"
    publish_snapshot(events, DAY, "run-1", store, coder_version="c1")
    v1_files = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != "manifest.json"}
    v1_manifest = (folder / "manifest.json").read_bytes()
    late = [*events, events[0].model_copy(update={"event_id": "ev00009", "fatalities": 99})]
    m2 = publish_snapshot(late, DAY, "run-2", store, coder_version="c1")
    assert m2.version == 2 and m2.row_count == 4
    assert m2.supersedes == {"version": 1, "run_id": "run-1", "manifest": "manifests/v=1.json"}
    assert all(str(f["key"]).startswith("v=2/") for f in m2.files)
    assert {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and p.name != "manifest.json"} == \
        v1_files  # version 1 untouched
    assert (folder / "manifests" / "v=1.json").read_bytes() == v1_manifest
    assert json.loads((folder / "manifest.json").read_text())["version"] == 2
    assert verify_snapshot(store, DAY) == []
    again = publish_snapshot(list(reversed(late)), DAY, "run-3", store, coder_version="c1")  # same content
    assert again.version == 2 and again.supersedes == m2.supersedes
    m3 = publish_snapshot(events, DAY, "run-4", store, coder_version="c1")  # an event withdrawn again: version 3
    assert m3.version == 3 and (folder / "manifests" / "v=2.json").exists()


def test_s3_snapshot_write_once(s3_bucket: str, events: list[Event]) -> None:
    store = snapshot_store(f"s3://{s3_bucket}/feed")
    publish_snapshot(events, DAY, "run-1", store, coder_version="c1")
    keys = store.list("events/dt=2026-11-25/")
    assert "events/dt=2026-11-25/manifest.json" in keys and len(keys) == 6
    assert store.put_once("events/dt=2026-11-25/events.geojson",
                          store.get("events/dt=2026-11-25/events.geojson") or b"", "x") is False
    with pytest.raises(SnapshotConflict):
        store.put_once("events/dt=2026-11-25/events.geojson", b"{}", "application/geo+json")
    publish_snapshot(events, DAY, "run-2", store, coder_version="c1")  # identical rerun is fine
    manifest = json.loads(store.get("events/dt=2026-11-25/manifest.json") or b"{}")
    assert manifest["run_id"] == "run-2"


@pytest.mark.slow
def test_snapshot_bytes_do_not_depend_on_the_process(tmp_path: Path, events: list[Event]) -> None:
    """Another interpreter with another hash seed renders the very same bytes (no set order, no time, no pid)."""
    import hashlib
    import os
    import subprocess
    import sys

    from etl.publish import SNAPSHOT_FILES

    here = {name: hashlib.sha256(render(events)).hexdigest() for name, (render, _) in SNAPSHOT_FILES.items()}
    code = ("import hashlib, json, sys; sys.path.insert(0, sys.argv[1]); from conftest import make_event; "
            "from etl.publish import SNAPSHOT_FILES; ev = [make_event(i) for i in (2, 3, 1)]; "
            "print(json.dumps({n: hashlib.sha256(r(ev)).hexdigest() for n, (r, _) in SNAPSHOT_FILES.items()}))")
    env = {**os.environ, "PYTHONHASHSEED": "12345", "TZ": "Asia/Kathmandu"}
    out = subprocess.run([sys.executable, "-c", code, str(Path(__file__).parent)], env=env, check=True,
                         capture_output=True, text=True, cwd=Path(__file__).resolve().parents[3]).stdout
    assert json.loads(out) == here


def test_manifest_describes_the_snapshot(tmp_path: Path, events: list[Event]) -> None:
    from schemas.models import SCHEMA_VERSION

    manifest = publish_snapshot(events, DAY, "run-9", LocalSnapshotStore(tmp_path), coder_version="coder-7")
    data = json.loads((tmp_path / "events/dt=2026-11-25/manifest.json").read_text())
    assert data["schema_version"] == SCHEMA_VERSION and data["coder_version"] == "coder-7"
    assert data["partition_date"] == "2026-11-25" and data["created_at"].endswith("+00:00")
    assert [f["name"] for f in data["files"]] == ["events.parquet", "events.csv.gz", "events_acled.csv.gz",
                                                  "events_gdelt.tsv.gz", "events.geojson"]
    assert all(len(f["sha256"]) == 64 and f["bytes"] > 0 for f in data["files"])
    assert manifest.row_count == data["row_count"] == 3


def test_verify_checks_every_file_against_the_manifest(tmp_path: Path, events: list[Event],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """`newsevents snapshot verify`: a complete day passes; a file changed or gone after publishing is named."""
    import os
    import stat

    from typer.testing import CliRunner

    from etl import settings as settings_mod
    from etl.cli import app
    from etl.publish import verify_snapshot

    store = LocalSnapshotStore(tmp_path / "snap")
    publish_snapshot(events, DAY, "run-1", store, coder_version="t")
    assert verify_snapshot(store, DAY) == []
    folder = tmp_path / "snap" / "events" / f"dt={DAY.isoformat()}"
    for p in folder.iterdir():  # published files are group-readable (mkstemp alone makes them 0600)
        assert os.stat(p).st_mode & stat.S_IRGRP, p.name
    monkeypatch.setenv("NEWSEVENTS_SNAPSHOT_URI", str(tmp_path / "snap"))
    settings_mod.get_settings.cache_clear()
    ok = CliRunner().invoke(app, ["snapshot", "verify", "--date", DAY.isoformat()])
    assert ok.exit_code == 0 and "every file matches" in ok.output
    (folder / "events.csv.gz").write_bytes(b"tampered\n")
    (folder / "events.geojson").unlink()
    problems = verify_snapshot(store, DAY)
    assert len(problems) == 2
    assert any("events.csv.gz: 9 bytes" in p for p in problems) and any("missing" in p for p in problems)
    bad = CliRunner().invoke(app, ["snapshot", "verify", "--date", DAY.isoformat()])
    settings_mod.get_settings.cache_clear()
    assert bad.exit_code == 1
    assert verify_snapshot(store, date(2020, 1, 1))[0].endswith("missing (the day was never published, or not "
                                                                  "completely)")


def test_the_snapshot_carries_the_class_and_its_acled_file_only_acleds_scope(tmp_path: Path, event_factory) -> None:  # type: ignore[no-untyped-def]
    """A meeting (CAMEO-only) is in the day's parquet, CSV, GDELT and GeoJSON files, never in its ACLED file."""
    met = event_factory(9, event_type="Strategic developments", sub_event_type="Other", cameo_code="040",
                        cameo_root="04", quad_class=1, goldstein=1.0, fatalities=0, fatalities_reported=[0],
                        event_class="verbal_cooperation")
    publish_snapshot([event_factory(1), met], DAY, "run-1", LocalSnapshotStore(tmp_path), coder_version="c1")
    folder = tmp_path / "events" / "dt=2026-11-25"
    table = pq.read_table(folder / "events.parquet")
    assert dict(zip(table.column("event_id").to_pylist(), table.column("event_class").to_pylist(), strict=True)) \
        == {"ev00001": "political_violence", "ev00009": "verbal_cooperation"}
    acled = gzip.decompress((folder / "events_acled.csv.gz").read_bytes()).decode().splitlines()
    gdelt = gzip.decompress((folder / "events_gdelt.tsv.gz").read_bytes()).decode().splitlines()
    geo = json.loads((folder / "events.geojson").read_text())
    assert len(acled) == 2 and "ev00001" in acled[1]
    assert [line.split("\t")[0] for line in gdelt[1:]] == ["ev00001", "ev00009"]
    assert [f["properties"]["event_class"] for f in geo["features"]] == ["political_violence", "verbal_cooperation"]
