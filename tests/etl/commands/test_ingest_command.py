from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from etl.cli import app


def test_ingest_command_writes_articles_and_rejections(tmp_path: Path) -> None:
    text = ("Police arrested dozens of protesters outside parliament on Tuesday after clashes over the new tax law, "
            "witnesses said.")
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "ok", "text": text}) + "\n{broken\n" + json.dumps({"id": "e", "text": " "}) + "\n")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["ingest", "--input", str(src), "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["ok"]
    rejected = [json.loads(line)["reason"] for line in (tmp_path / "out.rejections.jsonl").read_text().splitlines()]
    assert rejected == ["bad_json", "empty"]
    assert "accepted\t1" in result.output
