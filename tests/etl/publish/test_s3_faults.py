"""S3 publishing under faults: 5xx, throttling, a connection dropped mid-upload, a lost answer and a stall past
the read timeout, injected by a proxy between boto3 and moto's server. The snapshot must end complete and
byte-correct, and a publish that fails must never leave a manifest."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date

import boto3
import pytest
from botocore.exceptions import ClientError
from fault_proxy import FaultProxy

from etl.publish import S3SnapshotStore, publish_snapshot
from schemas.models import Event

DAY = date(2026, 11, 25)
PREFIX = "feed/events/dt=2026-11-25/"


@pytest.fixture
def proxy(s3_endpoint: str) -> Iterator[FaultProxy]:
    with FaultProxy(s3_endpoint, delay=1.5) as p:
        yield p


def _store(proxy: FaultProxy, bucket: str) -> S3SnapshotStore:
    return S3SnapshotStore(bucket, "feed", endpoint_url=proxy.url, read_timeout=0.5, connect_timeout=1,
                           botocore_attempts=2, attempts=4, backoff=0.05)


def _objects(endpoint: str, bucket: str) -> dict[str, bytes]:
    s3 = boto3.client("s3", endpoint_url=endpoint)
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket=bucket, Prefix=PREFIX).get("Contents", [])]
    return {k.removeprefix(PREFIX): s3.get_object(Bucket=bucket, Key=k)["Body"].read() for k in keys}


def test_moto_honours_conditional_put(s3_endpoint: str, s3_bucket: str) -> None:
    s3 = boto3.client("s3", endpoint_url=s3_endpoint)
    s3.put_object(Bucket=s3_bucket, Key="k", Body=b"one", IfNoneMatch="*")
    with pytest.raises(ClientError) as err:
        s3.put_object(Bucket=s3_bucket, Key="k", Body=b"two", IfNoneMatch="*")
    assert err.value.response["ResponseMetadata"]["HTTPStatusCode"] == 412
    assert s3.get_object(Bucket=s3_bucket, Key="k")["Body"].read() == b"one"


@pytest.mark.slow
def test_publish_survives_faults_and_ends_complete(proxy: FaultProxy, s3_endpoint: str, s3_bucket: str,
                                                   events: list[Event]) -> None:
    proxy.plan("PUT", ["503", "500", "drop_mid_body", "503", "drop_after_forward", "delay", "500"])
    manifest = publish_snapshot(events, DAY, "run-1", _store(proxy, s3_bucket), coder_version="c1")
    kinds = {a for _, _, a in proxy.injected}
    assert kinds == {"503", "500", "drop_mid_body", "drop_after_forward", "delay"}

    stored = _objects(s3_endpoint, s3_bucket)
    published = json.loads(stored.pop("manifest.json"))
    assert published["run_id"] == "run-1" and published["row_count"] == 3
    assert set(stored) == {f["name"] for f in manifest.files}
    for f in published["files"]:
        assert hashlib.sha256(stored[f["name"]]).hexdigest() == f["sha256"]
        assert len(stored[f["name"]]) == f["bytes"]


def test_failed_publish_leaves_no_manifest_and_a_rerun_completes(proxy: FaultProxy, s3_endpoint: str,
                                                                 s3_bucket: str, events: list[Event]) -> None:
    proxy.always("events_gdelt.tsv.gz", "503")
    store = _store(proxy, s3_bucket)
    store.attempts = 2
    with pytest.raises(ClientError):
        publish_snapshot(events, DAY, "run-1", store, coder_version="c1")
    assert "manifest.json" not in _objects(s3_endpoint, s3_bucket)

    proxy.rules.clear()
    publish_snapshot(events, DAY, "run-2", store, coder_version="c1")  # files already up are identical: skipped
    stored = _objects(s3_endpoint, s3_bucket)
    assert json.loads(stored["manifest.json"])["run_id"] == "run-2" and len(stored) == 6


def test_a_changed_rerun_publishes_a_new_version_without_overwriting(proxy: FaultProxy, s3_endpoint: str,
                                                                     s3_bucket: str, events: list[Event]) -> None:
    store = _store(proxy, s3_bucket)
    publish_snapshot(events, DAY, "run-1", store, coder_version="c1")
    before = {k: v for k, v in _objects(s3_endpoint, s3_bucket).items() if k != "manifest.json"}
    changed = [events[0].model_copy(update={"fatalities": 99}), *events[1:]]
    manifest = publish_snapshot(changed, DAY, "run-2", store, coder_version="c1")
    assert manifest.version == 2
    after = _objects(s3_endpoint, s3_bucket)
    assert all(after[k] == v for k, v in before.items())  # version 1's objects are still there, unchanged
    assert json.loads(after["manifest.json"])["run_id"] == "run-2"
