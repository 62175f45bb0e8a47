"""The tolerant article reader of extract, geocode and evaluate: bad lines are reported, good ones read."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from pathlib import Path

import pytest

from etl.ingest.reader import RejectLog, default_rejects_path, read_article_file

TEXT = "Police arrested twelve protesters in Nairobi on Tuesday after clashes over a new tax, witnesses said."
NOW = datetime(2026, 11, 25, 12, tzinfo=UTC)

# (raw line, expected reason); line numbers follow from the order, after one good line
BAD: list[tuple[bytes, str]] = [
    (b"{not json", "bad_json"),
    (b'["a JSON array"]', "not_object"),
    (json.dumps({"id": "no-text"}).encode(), "missing_field"),
    (json.dumps({"id": "", "text": TEXT}).encode(), "missing_field"),
    (json.dumps({"text": TEXT}).encode(), "missing_field"),
    (b'{"id": "latin1", "text": "caf\xe9 au lait"}', "encoding"),
    (b'{"id": "surrogate", "text": "a lone \\ud800 surrogate"}', "encoding"),
    (json.dumps({"id": "huge", "text": "x" * 5000}).encode(), "too_large"),
    (json.dumps({"id": "object-text", "text": {"a": 1}}).encode(), "missing_field"),
]


def write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_every_bad_line_is_reported_and_the_good_ones_are_read(tmp_path: Path) -> None:
    good = [json.dumps({"id": f"ok{i}", "text": TEXT}).encode() for i in range(2)]
    src = write(tmp_path / "a.jsonl", [good[0], *(raw for raw, _ in BAD), b"", good[1]])
    echoed: list[str] = []
    with RejectLog(tmp_path / "a.rejects.jsonl", echo=echoed.append) as log:
        got = [a.id for a in read_article_file(src, log, max_article_chars=1000, now=NOW)]
    assert got == ["ok0", "ok1"]
    rows = [json.loads(line) for line in (tmp_path / "a.rejects.jsonl").read_text().splitlines()]
    assert [r["reason"] for r in rows] == [reason for _, reason in BAD]
    assert [r["origin"] for r in rows] == [f"{src}:{n}" for n in range(2, 2 + len(BAD))]
    assert len(echoed) == len(BAD) and echoed[0].startswith(f"rejected {src}:2 (bad_json)")
    assert log.summary().startswith(f"{2 + len(BAD)} read, 2 accepted, {len(BAD)} rejected")


def test_a_line_over_the_byte_bound_is_skipped_without_reading_it_whole(tmp_path: Path) -> None:
    huge = json.dumps({"id": "big", "text": "word " * 2_000_000}).encode()  # 10 MB on one line
    src = write(tmp_path / "a.jsonl", [huge, json.dumps({"id": "ok", "text": TEXT}).encode()])
    with RejectLog(None, echo=lambda _: None) as log:
        assert [a.id for a in read_article_file(src, log, max_article_chars=1000)] == ["ok"]
    assert dict(log.by_reason) == {"too_large": 1}


@pytest.mark.parametrize(("raw", "expected"), [
    ("9 Oct 2012, 7:43am EDT", datetime(2012, 10, 9, 11, 43, tzinfo=UTC)),
    ("October 9, 2012", datetime(2012, 10, 9, tzinfo=UTC)),
    ("Tue, 09 Oct 2012 07:43:00 GMT", datetime(2012, 10, 9, 7, 43, tzinfo=UTC)),
    ("not a date", None),
    ("3025-01-01T00:00:00Z", None),  # impossible: dropped with a warning, the article is still coded
])
def test_publication_dates_in_human_formats(tmp_path: Path, caplog: pytest.LogCaptureFixture, raw: str,
                                            expected: datetime | None) -> None:
    src = write(tmp_path / "a.jsonl", [json.dumps({"id": "a", "text": TEXT, "published_at": raw}).encode()])
    with caplog.at_level(logging.WARNING), RejectLog(None) as log:
        (article,) = read_article_file(src, log, now=NOW)
    assert article.published_at == expected
    assert (expected is None) == any("publication date" in r.getMessage() for r in caplog.records)


def test_default_rejects_path_sits_beside_the_output() -> None:
    assert default_rejects_path(Path("/x/events.jsonl")) == Path("/x/events.rejects.jsonl")
