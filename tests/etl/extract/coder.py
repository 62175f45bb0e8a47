"""Helpers of the coder's tests: code one sentence or report written for a test with the rule stages only (the
learned classifier stage is off: its own tests are in tests/etl/extract/classify), and its main event."""

from __future__ import annotations

from datetime import datetime

from spacy.language import Language

from etl.extract.coding import code_doc
from schemas.models import Article, Event


def code(nlp: Language, text: str) -> list[Event]:
    """The events of `text` as an article published on 10 May 2024 by an outlet of no country."""
    article = Article(id="t", text=text, published_at=datetime(2024, 5, 10), url="https://example.org/a",
                      source="Example Wire")
    return code_doc(nlp(text), article, use_classifier=False)


def main(events: list[Event]) -> Event:
    """The one main event (there is exactly one)."""
    mains = [e for e in events if e.main]
    assert len(mains) == 1
    return mains[0]


def country_pairs(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    """(CAMEO root, actor1's country, actor2's country) of each event."""
    return {(e.cameo_root, e.actor1.country if e.actor1 else None, e.actor2.country if e.actor2 else None)
            for e in events}
