"""`newsevents geocode` writes the evaluation format, one line per article, offsets into the original text."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from etl.cli import app
from etl.extract.geo.gazetteer import Gazetteer


def test_geocode_command_writes_places_per_article(tmp_path: Path, gazetteer: Gazetteer) -> None:
    texts = {"a": "  Protesters gathered in Nairobi, Kenya, on Tuesday.", "b": "Nothing happened."}
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": k, "text": v}) + "\n" for k, v in texts.items()), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["geocode", "--input", str(src), "--output", str(out)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["article_id"] for r in rows] == ["a", "b"]
    places = rows[0]["places"]
    assert [(p["text"], p["country"]) for p in places] == [("Nairobi", "KEN"), ("Kenya", "KEN")]
    for p in places:
        assert texts["a"][p["start"]:p["end"]] == p["text"]
        assert {"name", "admin1", "latitude", "longitude", "feature_type", "score"} <= set(p)
    assert rows[1]["places"] == []
