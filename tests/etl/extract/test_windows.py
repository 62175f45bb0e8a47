"""Long articles are coded in windows up to a bound: offsets and ids stay right, a short article is unchanged."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from itertools import pairwise
from pathlib import Path

import pytest

from etl import settings as settings_mod
from etl.extract import code_articles, merge_within_article
from etl.extract import windows as windows_mod
from etl.extract.windows import Window, windows
from schemas.models import Article

VOA = Path(__file__).resolve().parents[2] / "data" / "voa" / "articles.jsonl"


def test_windows_cut_after_a_paragraph_and_stop_at_the_bound() -> None:
    text = ("a" * 60 + "\n\n") * 10  # 620 characters, paragraphs of 62
    got = windows(text, max_coded_chars=400, window_chars=150)
    assert got[0].start == 0 and all(a.end == b.start for a, b in pairwise(got))
    assert all(w.end % 62 == 0 for w in got[:-1])  # every cut is after a blank line, the last at the bound
    assert got[-1].end <= 400
    assert windows("short text", max_coded_chars=400) == [Window(0, 10)]


@pytest.fixture
def small_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows of 3,000 characters and a bound of 9,000, so a few real stories make a 'long' article."""
    monkeypatch.setattr(windows_mod, "WINDOW_CHARS", 3000)
    monkeypatch.setattr(windows_mod.windows, "__defaults__", (3000,))
    monkeypatch.setenv("NEWSEVENTS_MAX_CODED_CHARS", "9000")
    settings_mod.get_settings.cache_clear()
    yield
    settings_mod.get_settings.cache_clear()


def test_a_long_article_is_coded_in_windows_up_to_the_bound(small_bound: None,
                                                            caplog: pytest.LogCaptureFixture) -> None:
    stories = [json.loads(line)["text"] for line in VOA.read_text(encoding="utf-8").splitlines()[29:36]]
    text = "\n\n".join(stories)
    assert len(text) > 20_000
    article = Article(id="long", text=text, published_at=datetime(2025, 3, 14, tzinfo=UTC))
    with caplog.at_level(logging.WARNING):
        (events,) = code_articles([article])
    assert any("only the first 9000 are coded" in r.getMessage() for r in caplog.records)
    starts = [s.start for e in events for s in e.sources]
    assert max(starts) > 3000  # later windows are coded too
    assert max(s.end for e in events for s in e.sources) <= 9000  # and nothing past the bound
    for e in events:
        for s in e.sources:  # offsets point into the whole text
            assert text[s.start:s.end] == s.sentence
    assert len({e.event_id for e in events}) == len(events)


def test_a_short_article_is_coded_as_one_document(nlp) -> None:  # type: ignore[no-untyped-def]
    from etl.extract.clean import blank_repeats
    from etl.extract.coding import code_doc

    text = json.loads(VOA.read_text(encoding="utf-8").splitlines()[30])["text"]
    article = Article(id="short", text=text, published_at=datetime(2025, 3, 11, tzinfo=UTC))
    today = datetime(2026, 1, 1).date()
    (events,) = code_articles([article], today=today)
    assert events == merge_within_article(code_doc(nlp(blank_repeats(text)), article, now=today), text)
