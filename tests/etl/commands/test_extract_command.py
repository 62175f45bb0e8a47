"""`newsevents extract` and `geocode` on a file with bad lines: the good lines are coded, each bad one reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl.cli import app

TEXT = ("Rebels attacked an army base near Goma on Tuesday, killing four soldiers, a military spokesman said. "
        "The fighting lasted several hours.")


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    lines = [json.dumps({"id": "a", "text": TEXT, "published_at": "9 Oct 2012, 7:43am EDT"}).encode(),
             b"not json at all",
             b'["an", "array"]',
             json.dumps({"id": "", "text": TEXT}).encode(),
             json.dumps({"id": "b", "text": TEXT, "published_at": "3025-06-01"}).encode()]
    src = tmp_path / "articles.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    return src


def test_extract_codes_the_good_lines_and_reports_the_bad_ones(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    res = CliRunner().invoke(app, ["extract", "--input", str(mixed), "--output", str(out)])
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in out.read_text().splitlines()]
    assert {e["article_id"] for e in events} == {"a", "b"}
    for e in events:  # no event after its publication; b's year 3025 was dropped and nothing else dates it, so
        # `extract` invents no date (README: unknown, precision 5)
        if e["article_id"] == "a":
            assert e["event_date"] <= "2012-10-09"
        else:
            assert e["event_date"] is None and e["time_precision"] == 5
    assert f"rejected {mixed}:2 (bad_json)" in res.output
    assert f"rejected {mixed}:3 (not_object)" in res.output
    assert f"rejected {mixed}:4 (missing_field)" in res.output
    assert "5 read, 2 accepted, 3 rejected" in res.output
    rejects = tmp_path / "events.rejects.jsonl"
    assert [json.loads(line)["origin"] for line in rejects.read_text().splitlines()] == \
        [f"{mixed}:{n}" for n in (2, 3, 4)]
    strict = CliRunner().invoke(app, ["extract", "--input", str(mixed), "--output", str(out), "--strict"])
    assert strict.exit_code == 3
    assert len(out.read_text().splitlines()) == len(events)  # --strict still codes every good line


def test_geocode_reads_through_the_same_reader(mixed: Path, tmp_path: Path) -> None:
    out = tmp_path / "places.jsonl"
    res = CliRunner().invoke(app, ["geocode", "--input", str(mixed), "--output", str(out)])
    assert res.exit_code == 0, res.output
    assert [json.loads(line)["article_id"] for line in out.read_text().splitlines()] == ["a", "b"]
    assert "3 rejected" in res.output and (tmp_path / "places.rejects.jsonl").exists()
