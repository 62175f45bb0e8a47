"""S3 prefixes against moto's server on loopback (the `s3_bucket` fixture)."""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import boto3
import pytest

from etl.ingest import read_inputs
from etl.settings import Settings
from schemas.models import Article, Rejection

pytestmark = pytest.mark.integration


def test_s3_prefix_reads_jsonl_gz_and_html_in_key_order(s3_bucket: str, data_dir: Path, settings: Settings,
                                                        now: datetime, english: str) -> None:
    s3 = boto3.client("s3")
    lines = [json.dumps({"id": "s1", "text": english}), "not json", json.dumps({"id": "s2", "text": english + "!"})]
    s3.put_object(Bucket=s3_bucket, Key="in/2024-03-09/a.jsonl", Body="\n".join(lines).encode())
    s3.put_object(Bucket=s3_bucket, Key="in/2024-03-09/b.jsonl.gz",
                  Body=gzip.compress(json.dumps({"id": "s3", "text": english + "?"}).encode() + b"\n"))
    s3.put_object(Bucket=s3_bucket, Key="in/2024-03-09/c.html", Body=(data_dir / "article.html").read_bytes())
    s3.put_object(Bucket=s3_bucket, Key="in/2024-03-09/readme.txt", Body=b"ignored")
    s3.put_object(Bucket=s3_bucket, Key="other/z.jsonl", Body=json.dumps({"id": "no", "text": english}).encode())

    items = list(read_inputs([f"s3://{s3_bucket}/in/2024-03-09/"], settings, now=now))
    kinds = [i.id if isinstance(i, Article) else i.reason.value for i in items]
    assert kinds[:4] == ["s1", "bad_json", "s2", "s3"] and len(kinds) == 5
    assert isinstance(items[1], Rejection) and items[1].origin == f"s3://{s3_bucket}/in/2024-03-09/a.jsonl:2"
    html = items[4]
    assert isinstance(html, Article) and "Goma" in html.text and html.origin == f"s3://{s3_bucket}/in/2024-03-09/c.html"


def test_empty_s3_prefix_yields_nothing(s3_bucket: str, settings: Settings) -> None:
    assert list(read_inputs([f"s3://{s3_bucket}/nothing/"], settings)) == []
