"""The write-once stores: identical rewrite is a no-op, different bytes are refused, keys stay inside the root."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.publish import LocalSnapshotStore, S3SnapshotStore, SnapshotConflict, snapshot_store


def test_local_put_once_get_list(tmp_path: Path) -> None:
    store = LocalSnapshotStore(tmp_path / "snap")
    assert store.list() == [] and store.get("a/b.txt") is None and not store.exists("a/b.txt")
    assert store.put_once("a/b.txt", b"hello", "text/plain") is True
    assert store.put_once("a/b.txt", b"hello", "text/plain") is False
    with pytest.raises(SnapshotConflict, match=r"a/b\.txt"):
        store.put_once("a/b.txt", b"changed", "text/plain")
    assert store.get("a/b.txt") == b"hello"
    store.put("a/manifest.json", b"{}", "application/json")
    store.put("a/manifest.json", b'{"v": 2}', "application/json")  # the manifest may be replaced
    assert store.get("a/manifest.json") == b'{"v": 2}'
    assert store.list("a/") == ["a/b.txt", "a/manifest.json"]
    assert not [p for p in (tmp_path / "snap" / "a").iterdir() if p.name.startswith(".")]  # no temp files left


def test_local_keys_cannot_escape_the_root(tmp_path: Path) -> None:
    store = LocalSnapshotStore(tmp_path / "snap")
    with pytest.raises(ValueError, match="escapes"):
        store.put_once("../outside.txt", b"x", "text/plain")
    assert not (tmp_path / "outside.txt").exists()


def test_snapshot_store_picks_by_uri(tmp_path: Path, s3_bucket: str) -> None:
    assert isinstance(snapshot_store(str(tmp_path)), LocalSnapshotStore)
    s3 = snapshot_store(f"s3://{s3_bucket}/some/prefix/")
    assert isinstance(s3, S3SnapshotStore) and s3.prefix == "some/prefix"
    assert s3.put_once("k.txt", b"1", "text/plain") is True and s3.list() == ["k.txt"]
    assert s3.exists("k.txt") and not s3.exists("nope.txt") and s3.get("nope.txt") is None
    with pytest.raises(ValueError, match="no bucket"):
        snapshot_store("s3:///x")
