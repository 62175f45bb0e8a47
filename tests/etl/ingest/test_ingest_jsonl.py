from __future__ import annotations

import gzip
import json
from datetime import datetime
from pathlib import Path

import pytest

from etl.ingest import IdRegistry, read_inputs
from etl.settings import Settings
from schemas.models import Article, Rejection


def lines_file(path: Path, rows: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(rows) + b"\n")
    return path


def test_jsonl_bad_lines_become_rejections_with_line_numbers(tmp_path: Path, settings: Settings, now: datetime,
                                                             english: str) -> None:
    good = {"id": "a1", "text": english, "published_at": "2024-03-04", "url": None, "source": "Wire", "extra": 1}
    rows = [
        json.dumps(good).encode(),
        b"{not json",
        b"[1, 2, 3]",
        json.dumps({"id": "a3", "title": "no text"}).encode(),
        b'{"id": "a4", "text": "caf\xe9 is latin-1, not UTF-8 and long enough to count as a sentence"}',
        b"",
        json.dumps({"text": english + " Again.", "url": "https://example.com/x?utm_source=a"}).encode(),
        json.dumps({"id": "a6", "text": english, "published_at": "2031-01-01"}).encode(),
        json.dumps({"id": "a7", "text": english, "published_at": "garbage"}).encode(),
    ]
    items = list(read_inputs([str(lines_file(tmp_path / "in.jsonl", rows))], settings, now=now))
    got = [(i.id if isinstance(i, Article) else i.reason.value,
            i.origin.rsplit(":", 1)[1] if i.origin else None) for i in items]
    assert [g[0] for g in got] == ["a1", "bad_json", "not_object", "missing_field", "encoding", got[5][0],
                                   "future_date", "a7"]
    assert [g[1] for g in got] == ["1", "2", "3", "4", "5", "7", "8", "9"]
    assert len(got[5][0]) == 40  # generated from the canonical URL
    first = items[0]
    assert isinstance(first, Article) and first.text == english and first.source == "Wire"
    assert isinstance(items[3], Rejection) and items[3].article_id == "a3"
    assert isinstance(items[7], Article) and items[7].published_at is None


def test_jsonl_keeps_text_exactly(tmp_path: Path, settings: Settings, now: datetime) -> None:
    text = "  Leading spaces, \"quotes\", tabs\tand\nnewlines stay exactly as given: offsets are the contract.  "
    path = lines_file(tmp_path / "a.jsonl", [json.dumps({"id": "k", "text": text}).encode()])
    (item,) = read_inputs([str(path)], settings, now=now)
    assert isinstance(item, Article) and item.text == text


def test_gzip_and_folders_are_read_in_name_order(tmp_path: Path, settings: Settings, now: datetime,
                                                 english: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    with gzip.open(folder / "b.jsonl.gz", "wb") as f:
        f.write(json.dumps({"id": "gz", "text": english}).encode() + b"\n")
    lines_file(folder / "a.jsonl", [json.dumps({"id": "plain", "text": english}).encode()])
    (folder / "notes.txt").write_text("ignored")
    ids = [i.id for i in read_inputs([str(folder)], settings, now=now) if isinstance(i, Article)]
    assert ids == ["plain", "gz"]


def test_oversized_line_is_refused_without_reading_it_whole(tmp_path: Path, now: datetime, english: str) -> None:
    settings = Settings(home=tmp_path, max_article_chars=1000)
    huge = json.dumps({"id": "big", "text": "x" * 200_000}).encode()
    path = lines_file(tmp_path / "a.jsonl", [huge, json.dumps({"id": "after", "text": english}).encode()])
    items = list(read_inputs([str(path)], settings, now=now))
    assert [getattr(i, "reason", None) and i.reason.value for i in items] == ["too_large", None]
    assert isinstance(items[1], Article) and items[1].id == "after"


def test_missing_input_is_an_operator_error(settings: Settings) -> None:
    with pytest.raises(FileNotFoundError):
        list(read_inputs(["/no/such/file.jsonl"], settings))


def test_unsupported_scheme_is_refused(settings: Settings) -> None:
    (item,) = read_inputs(["ftp://example.com/a.jsonl"], settings)
    assert isinstance(item, Rejection) and item.reason.value == "fetch_refused"


def test_id_registry_flags_same_id_with_different_text(english: str) -> None:
    reg = IdRegistry()
    a = Article(id="x", text=english)
    assert reg.check(a) is None
    assert reg.check(a) is None  # same text again: a duplicate, not a conflict
    conflict = reg.check(Article(id="x", text=english + " Updated."))
    assert isinstance(conflict, Rejection) and conflict.reason.value == "id_conflict" and conflict.article_id == "x"


def test_ten_megabyte_articles_are_refused_and_the_run_goes_on(tmp_path: Path, settings: Settings, now: datetime,
                                                               english: str) -> None:
    ten_mb = "Troops advanced. " * 620_000
    jsonl = lines_file(tmp_path / "big.jsonl", [json.dumps({"id": "big", "text": ten_mb}).encode(),
                                                json.dumps({"id": "small", "text": english}).encode()])
    html = tmp_path / "big.html"
    html.write_text(f"<html><body><p>{ten_mb}</p></body></html>")
    items = list(read_inputs([str(jsonl), str(html)], settings, now=now))
    assert [i.id if isinstance(i, Article) else i.reason.value for i in items] == ["too_large", "small", "too_large"]
