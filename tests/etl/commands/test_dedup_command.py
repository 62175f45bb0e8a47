"""`newsevents dedup-articles` prints the duplicates of a JSONL file with their originals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl.cli import app

TEXT = ("Police arrested 12 people after clashes near the port of Aden on Sunday, officials said. The clashes began "
        "when traders protested against new fees at the harbour gate, and several shops were damaged.")


def test_dedup_articles_command(tmp_path: Path) -> None:
    rows = [{"id": "late", "text": "UPDATE " + TEXT, "published_at": "2026-11-21", "url": "https://b.example/2"},
            {"id": "early", "text": TEXT, "published_at": "2026-11-20", "url": "https://a.example/1"},
            {"id": "other", "text": "The central bank left interest rates unchanged on Thursday, citing slowing "
             "inflation and a weaker currency.", "published_at": "2026-11-20"}]
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = CliRunner().invoke(app, ["dedup-articles", "--input", str(src)])
    assert res.exit_code == 0, res.output
    lines = [line.split("\t") for line in res.output.strip().splitlines()]
    assert [(a, k, o) for a, k, o, _ in lines] == [("late", "near", "early")]


VOA = Path(__file__).resolve().parents[2] / "data" / "voa" / "articles.jsonl"


@pytest.mark.parametrize("n", [1, 2, 3, 10, 50])
def test_dedup_articles_command_on_distinct_articles(tmp_path: Path, n: int) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text("".join(VOA.read_text(encoding="utf-8").splitlines(keepends=True)[:n]), encoding="utf-8")
    res = CliRunner().invoke(app, ["dedup-articles", "--input", str(src)])
    assert res.exit_code == 0, res.output
    assert res.output.strip() == ""  # no duplicates among distinct stories
