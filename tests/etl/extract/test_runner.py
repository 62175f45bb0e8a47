"""The streaming runner: input order kept, one main event per article, same events with two worker processes."""

from __future__ import annotations

import json
from datetime import datetime

from spacy.language import Language
from typer.testing import CliRunner

from etl.cli import app
from etl.extract import coder_version, extract_articles
from schemas.models import Article, Event

TEXTS = [
    "Protesters blocked the main highway into the capital on Monday, demanding lower fuel prices.",
    "Gunmen attacked a bus near the border on Sunday, killing five passengers.",
    "The two presidents signed a trade agreement during a visit on Friday.",
    "Police arrested twelve opposition activists after the rally.",
    "Government forces recaptured the town from rebels after heavy fighting.",
]


def _articles(n: int = 10) -> list[Article]:
    return [Article(id=f"a{i}", text=TEXTS[i % len(TEXTS)], published_at=datetime(2024, 3, 4)) for i in range(n)]


def test_order_and_main(nlp: Language) -> None:
    arts = _articles()
    out = list(extract_articles(arts, batch_size=3))
    assert [a.id for a, _ in out] == [a.id for a in arts]
    for article, events in out:
        assert events, article.text
        assert sum(e.main for e in events) == 1
        assert all(e.article_id == article.id and e.coder_version == coder_version() for e in events)


def test_two_workers_give_the_same_events(nlp: Language) -> None:
    arts = _articles(12)
    one = [[e.model_dump() for e in evs] for _, evs in extract_articles(arts, batch_size=4)]
    two = [[e.model_dump() for e in evs] for _, evs in extract_articles(arts, workers=2, batch_size=4)]
    assert one == two


def test_cli_output_is_the_contract(nlp: Language, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "text": a.text, "published_at": "2024-03-04", "url": None,
                                       "source": "Wire"}) + "\n" for a in _articles(5)), encoding="utf-8")
    dst = tmp_path / "e.jsonl"
    result = CliRunner().invoke(app, ["extract", "--input", str(src), "--output", str(dst)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert {r["article_id"] for r in rows} == {f"a{i}" for i in range(5)}
    for r in rows:
        Event.model_validate(r)
        assert isinstance(r["cameo_code"], str) and r["cameo_code"][0] in "012"
    assert sum(r["main"] for r in rows) == 5
    assert len({r["event_id"] for r in rows}) == len(rows)
