"""Where snapshots are written: a local folder or an S3 prefix, behind one small write-once interface.

Write-once: `put_once` never overwrites. If the key exists with the same bytes the call is a no-op (a rerun of the
same day); with other bytes it raises `SnapshotConflict`, because a published file changing under readers is worse
than a failed run. S3 writes use a conditional PUT (`If-None-Match: *`), so two writers cannot both win.
"""

from __future__ import annotations

import hashlib
import logging
import os
import random
import tempfile
import time
from abc import ABC, abstractmethod
from pathlib import Path

log = logging.getLogger(__name__)


PUBLISHED_MODE = 0o644
"""Published files are read by whoever serves them (a web server's group, a sync job): not mkstemp's 0600."""


def _durable_temp(path: Path, data: bytes) -> str:
    """The bytes in a synced temporary file beside `path`, ready to be linked or renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.fchmod(fd, PUBLISHED_MODE)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    return tmp


class SnapshotConflict(RuntimeError):
    """A snapshot key already holds different bytes; published files are never overwritten."""


class SnapshotStore(ABC):
    """Write-once key/value storage for snapshot files; keys use '/' separators."""

    uri: str

    @abstractmethod
    def put_once(self, key: str, data: bytes, content_type: str) -> bool:
        """Store `data` under `key`; True if written, False if identical bytes were already there."""

    @abstractmethod
    def put(self, key: str, data: bytes, content_type: str) -> None:
        """Store `data` under `key`, replacing what is there; only for the manifest, the snapshot's pointer."""

    @abstractmethod
    def get(self, key: str) -> bytes | None:
        """The bytes under `key`, or None."""

    def exists(self, key: str) -> bool:
        return self.get(key) is not None

    @abstractmethod
    def list(self, prefix: str = "") -> list[str]:
        """Keys under `prefix`, sorted."""

    def _settle_existing(self, key: str, data: bytes) -> bool:
        """The key is taken: same bytes → nothing to do; different → conflict."""
        existing = self.get(key)
        if existing is None:
            raise SnapshotConflict(f"{self.uri}: {key} reported as existing but cannot be read")
        if hashlib.sha256(existing).digest() == hashlib.sha256(data).digest():
            return False
        raise SnapshotConflict(f"{self.uri}: {key} already exists with different content "
                               f"(sha256 {hashlib.sha256(existing).hexdigest()[:12]} != "
                               f"{hashlib.sha256(data).hexdigest()[:12]}); refusing to overwrite")


class LocalSnapshotStore(SnapshotStore):
    """A folder; each file is written to a temp file in the same folder and moved into place."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)
        self.uri = str(self.root)

    def _path(self, key: str) -> Path:
        path = (self.root / key).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise ValueError(f"key escapes the snapshot folder: {key}")
        return path

    def put_once(self, key: str, data: bytes, content_type: str) -> bool:
        path = self._path(key)
        if path.exists():
            return self._settle_existing(key, data)
        tmp = _durable_temp(path, data)
        try:
            try:
                os.link(tmp, path)  # atomic and fails if the name is taken: write-once even between processes
            except FileExistsError:
                return self._settle_existing(key, data)
            except OSError:
                if path.exists():
                    return self._settle_existing(key, data)
                os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return True

    def put(self, key: str, data: bytes, content_type: str) -> None:
        path = self._path(key)
        tmp = _durable_temp(path, data)
        try:
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        return path.read_bytes() if path.is_file() else None

    def list(self, prefix: str = "") -> list[str]:
        if not self.root.exists():
            return []
        keys = (p.relative_to(self.root).as_posix() for p in self.root.rglob("*")
                if p.is_file() and not p.name.startswith("."))
        return sorted(k for k in keys if k.startswith(prefix))


class S3SnapshotStore(SnapshotStore):
    """An S3 prefix. boto3 finds credentials and the endpoint (AWS_ENDPOINT_URL) the standard way.

    Retries: botocore's `standard` mode retries 5xx, throttling (SlowDown/503) and connection errors with
    exponential backoff; around each call we add a few more attempts for what still escapes it (a connection
    dropped mid-upload, a read timeout). A PUT that reached S3 but whose answer was lost is retried, gets 412
    and is settled by comparing bytes, so retrying is always safe.
    """

    def __init__(self, bucket: str, prefix: str = "", *, attempts: int = 4, backoff: float = 0.5,
                 connect_timeout: float = 5.0, read_timeout: float = 30.0, botocore_attempts: int = 5,
                 endpoint_url: str | None = None) -> None:
        import boto3
        from botocore.config import Config

        self.bucket = bucket
        self.prefix = prefix.strip("/")
        self.uri = f"s3://{bucket}/{self.prefix}".rstrip("/")
        self.attempts = attempts
        self.backoff = backoff
        config = Config(retries={"max_attempts": botocore_attempts, "mode": "standard"},
                        connect_timeout=connect_timeout, read_timeout=read_timeout,
                        request_checksum_calculation="when_required", response_checksum_validation="when_required")
        # endpoint_url None: boto3's own lookup (AWS_ENDPOINT_URL, profile, then AWS itself)
        self.client = boto3.client("s3", config=config, endpoint_url=endpoint_url)

    def _key(self, key: str) -> str:
        return f"{self.prefix}/{key}" if self.prefix else key

    def _retry(self, what: str, call):  # type: ignore[no-untyped-def]
        """Run `call` with bounded exponential backoff on transient errors botocore gave up on."""
        from botocore.exceptions import BotoCoreError, ClientError

        for attempt in range(1, self.attempts + 1):
            try:
                return call()
            except ClientError as err:
                status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
                code = err.response.get("Error", {}).get("Code", "")
                transient = status >= 500 or status == 409 or code in {"SlowDown", "Throttling", "RequestTimeout",
                                                                        "ConditionalRequestConflict"}
                if not transient or attempt == self.attempts:
                    raise
                log.warning("%s: %s (attempt %d/%d), retrying", what, code or status, attempt, self.attempts)
            except BotoCoreError as err:  # connection closed, read timeout, endpoint unreachable
                if attempt == self.attempts:
                    raise
                log.warning("%s: %s (attempt %d/%d), retrying", what, err, attempt, self.attempts)
            time.sleep(self.backoff * 2 ** (attempt - 1) * (0.5 + random.random() / 2))
        raise AssertionError("unreachable")

    def put_once(self, key: str, data: bytes, content_type: str) -> bool:
        from botocore.exceptions import ClientError

        full = self._key(key)
        digest = hashlib.sha256(data).hexdigest()

        def put() -> bool:
            try:
                self.client.put_object(Bucket=self.bucket, Key=full, Body=data, ContentType=content_type,
                                       IfNoneMatch="*", Metadata={"sha256": digest})
            except ClientError as err:
                code = err.response.get("Error", {}).get("Code", "")
                status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
                if code == "PreconditionFailed" or status == 412:
                    return self._settle_existing(key, data)
                raise
            return True

        return bool(self._retry(f"put {self.uri}/{key}", put))

    def put(self, key: str, data: bytes, content_type: str) -> None:
        self._retry(f"put {self.uri}/{key}", lambda: self.client.put_object(
            Bucket=self.bucket, Key=self._key(key), Body=data, ContentType=content_type))

    def get(self, key: str) -> bytes | None:
        from botocore.exceptions import ClientError

        def fetch() -> bytes | None:
            try:
                return self.client.get_object(Bucket=self.bucket, Key=self._key(key))["Body"].read()
            except ClientError as err:
                if err.response.get("Error", {}).get("Code") in {"NoSuchKey", "404"}:
                    return None
                raise

        return self._retry(f"get {self.uri}/{key}", fetch)

    def exists(self, key: str) -> bool:
        from botocore.exceptions import ClientError

        def head() -> bool:
            try:
                self.client.head_object(Bucket=self.bucket, Key=self._key(key))
            except ClientError as err:
                if err.response.get("ResponseMetadata", {}).get("HTTPStatusCode") == 404:
                    return False
                raise
            return True

        return bool(self._retry(f"head {self.uri}/{key}", head))

    def list(self, prefix: str = "") -> list[str]:
        base = f"{self.prefix}/" if self.prefix else ""
        keys: list[str] = []
        paginator = self.client.get_paginator("list_objects_v2")
        for page in self._retry(f"list {self.uri}/{prefix}",
                                lambda: list(paginator.paginate(Bucket=self.bucket, Prefix=base + prefix))):
            keys.extend(obj["Key"][len(base):] for obj in page.get("Contents", []))
        return sorted(keys)


def snapshot_store(uri: str) -> SnapshotStore:
    """`s3://bucket/prefix` → S3SnapshotStore; anything else is a local folder."""
    if uri.startswith("s3://"):
        bucket, _, prefix = uri.removeprefix("s3://").partition("/")
        if not bucket:
            raise ValueError(f"no bucket in {uri!r}")
        return S3SnapshotStore(bucket, prefix)
    return LocalSnapshotStore(uri)
